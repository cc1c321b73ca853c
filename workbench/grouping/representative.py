"""Which member's statement stands for a group.

The reviewer reads one sentence per group in the queue and judges the group
by it, so it must state the claim whole and on its own: the claim's content
with the attribution taken off ("North Korea sent more than 1,000
containers..."), never a sentence that leans on another ("They keep
reporting it...", "Hal itu disampaikan...") or still carries a dateline
("WASHINGTON - ..."). Among the members in the reader's language (else the
language most members share), in this order:

1. not led by a pronoun or demonstrative (the tables of `extract/lexicon.py`)
   and not by a dateline (`ingest/dateline.py`);
2. with its own subject: not led by the reporting, denial or dispute verb
   whose subject went with the attribution ("Membantah keterlibatan
   pemerintahnya ..." after "Pemerintah Ukraina sama sekali tidak terlibat
   ..."; the verb tables of `extract/lexicon.py`);
3. an assertion before a denial or dispute (a group is judged as the
   proposition it asserts);
4. a length in the range of a complete statement (`MIN_CHARS`..`MAX_CHARS`);
5. the most check-worthy;
6. the longer (more complete) statement, then the earliest claim.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.extract.lexicon import (
    DEMONSTRATIVES,
    DENY,
    DISPUTE,
    PRONOUNS,
    SAY_AFTER,
    SAY_BEFORE_EN,
    SAY_BEFORE_ID,
)
from workbench.ingest import dateline

MIN_CHARS = 40
MAX_CHARS = 240
# Words that make a sentence lean on the one before it when they lead it:
# pronouns and demonstratives, less the article "the" (which leads complete
# statements: "The White House said...").
LEANING = (PRONOUNS | DEMONSTRATIVES | {"pihaknya", "hal", "this", "that", "these", "those"}) \
    - {"the"}
_FIRST_WORD = re.compile(r"[^\W\d_][\w'’]*", re.UNICODE)


@dataclass(frozen=True)
class Candidate:
    claim_id: int
    content: str
    stance: str
    checkworthiness: float
    language: str


def leans_on_context(content: str) -> bool:
    """Whether the statement opens with a pronoun, a demonstrative or a dateline."""
    text = content.lstrip(" \"'“‘«(")
    first = _FIRST_WORD.match(text)
    if first and first.group(0).lower() in LEANING:
        return True
    return dateline.parse(text) is not None


#: the verbs whose subject the attribution takes ("[Kyiv] denied involvement")
#: less the ones that also open a sentence as a noun or an adverb ("Claims
#: that ...", "Klaim ...", "Jelas ...")
_ATTRIBUTION_VERBS = frozenset(w for w in DENY | DISPUTE | SAY_BEFORE_ID | SAY_BEFORE_EN
                               | SAY_AFTER if " " not in w) - {
    "claim", "claims", "klaim", "question", "questions", "doubt", "doubts", "dispute",
    "disputes", "estimates", "report", "reports", "found", "jelas", "lanjut", "kata", "sebut"}


def lacks_subject(content: str) -> bool:
    """Whether the statement opens with the verb whose subject the attribution
    took ("Denied involvement ...", "Membantah terlibat ...")."""
    first = _FIRST_WORD.match(content.lstrip(" \"'“‘«("))
    return first is not None and first.group(0).lower() in _ATTRIBUTION_VERBS


def reading_language(candidates: Sequence[Candidate], preferred: str | None = None) -> str | None:
    """`preferred` when a member is in it, else the language most members
    share (ties: the language of the most check-worthy such member)."""
    languages = [c.language for c in candidates if c.language]
    if not languages:
        return None
    if preferred and preferred in languages:
        return preferred
    counts = Counter(languages)
    most = max(counts.values())
    tied = {lang for lang, n in counts.items() if n == most}
    best = max((c for c in candidates if c.language in tied),
               key=lambda c: (c.checkworthiness, -c.claim_id))
    return best.language


def rank_key(candidate: Candidate) -> tuple[bool, bool, bool, bool, float, int, int]:
    length = len(candidate.content.strip())
    return (
        leans_on_context(candidate.content),
        lacks_subject(candidate.content),
        candidate.stance != "asserts",
        not MIN_CHARS <= length <= MAX_CHARS,
        -round(candidate.checkworthiness, 2),  # ties within a hundredth go to completeness
        -min(length, MAX_CHARS),
        candidate.claim_id,
    )


def choose_representative(candidates: Sequence[Candidate], preferred: str | None = None) \
        -> Candidate | None:
    """The member that stands for the group, read in `preferred` when possible."""
    if not candidates:
        return None
    lang = reading_language(candidates, preferred)
    pool = [c for c in candidates if c.language == lang] or list(candidates)
    return min(pool, key=rank_key)
