"""The proposition a denial or dispute answers: its content less the denial.

A claim that denies or disputes keeps the words that carry its stance
("Membantah mereka mengirim senjata ke Rusia", "Tidak ada bukti Korea Utara
mengirim senjata", "We have never exported arms"). To find the assertion it
answers, those words go and what is left is compared with asserting claims:
"mereka mengirim senjata ke Rusia", "Korea Utara mengirim senjata", "We have
exported arms". The words removed are the extractor's own tables of the two
languages (`extract/lexicon.py`: denial and dispute verbs, evidence and
falsity phrases, negations), so a stance word the extractor learns is also
one this step strips.
"""

from __future__ import annotations

import re
from functools import lru_cache

from workbench.extract.lexicon import (
    DENY,
    DENY_PHRASES,
    DISPUTE,
    DISPUTE_PHRASES,
    FALSITY_PHRASES,
    NEGATIONS,
    PRONOUNS,
    alternation,
)

# Nouns of what a denial answers ("the claim that", "klaim AS bahwa"): after a
# denial verb, "X's claim that P" is answered by P. A table of both languages.
REPORT_NOUNS = frozenset({
    "klaim", "tuduhan", "laporan", "kabar", "berita", "tudingan", "anggapan", "pernyataan",
    "claim", "claims", "allegation", "allegations", "accusation", "accusations", "report",
    "reports", "suggestion", "suggestions", "assertion", "assertions",
})
# Pronouns a denial's clause opens with that stand for the speaker ("North
# Korea denied it had sent arms", "Membantah pihaknya mengirim senjata"): the
# language tables' pronouns, and Indonesian "pihaknya" ("their side"), the
# pronoun of institutions.
SPEAKER_PRONOUNS = PRONOUNS | {"pihaknya", "pihak kami"}
# Words that make a rebuttal point back at what the article just reported
# ("This is utterly false", "Klaim ini salah", "All of this is a lie"):
# demonstratives of both languages.
ANAPHORS = frozenset({"this", "that", "these", "those", "ini", "itu", "tersebut", "all",
                      "semua", "seluruh"})
# Nouns that, with a demonstrative, point back as a report noun does ("Hal
# ini tidak benar", "The matter is false"; "Kabar itu bohong" is a report noun).
POINTING_NOUNS = frozenset({"hal", "matter", "thing", "things"})
# Fewer words than this left once the stance is stripped say nothing checkable alone.
_MIN_WORDS = 4
# Complementisers that open the answered proposition.
THAT = ("bahwa", "that")
# The most words allowed between a report noun and its "that" ("klaim Amerika
# Serikat (AS) bahwa"): longer, and "that" belongs to the proposition itself.
_HEAD_WORDS = 8


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str],
                         re.Pattern[str]]:
    verbs = alternation(DENY | DISPUTE)
    phrases = alternation(DISPUTE_PHRASES | FALSITY_PHRASES | DENY_PHRASES)
    negations = alternation(NEGATIONS)
    nouns = alternation(REPORT_NOUNS)
    that = alternation(THAT)
    flags = re.IGNORECASE | re.UNICODE
    stance_words = re.compile(rf"(?<!\w)(?:{verbs}|{phrases})(?!\w)", flags)
    negation = re.compile(rf"(?<!\w)(?:{negations})(?!\w)", flags)
    # "claim (by X) that P" -> P, when the head is short.
    head = re.compile(
        rf"^\W*(?:\S+\s+){{0,3}}?(?:{nouns})(?:\s+\S+){{0,{_HEAD_WORDS}}}?\s+(?:{that})\s+", flags)
    # A comma or "with saying:" tail after the denial ("..., dengan mengatakan: ...").
    said = re.compile(r"^(?:dengan\s+)?(?:mengatakan|menyatakan|saying|said)\s*:?\s*", flags)
    pronoun = re.compile(rf"^(?:{alternation(frozenset(SPEAKER_PRONOUNS))})(?!\w)", flags)
    return stance_words, negation, head, said, pronoun


def proposition(content: str, speaker: str | None = None) -> str:
    """`content` without its denial or dispute wording, whitespace tidied; a
    leading pronoun becomes `speaker` ("they sent arms" -> "North Korea sent
    arms"). Returns the content unchanged when nothing is left once it is
    stripped (a bare "Itu bohong" answers whatever its neighbours answer)."""
    stance_words, negation, head, said, pronoun = _patterns()
    text = stance_words.sub(" ", content)
    text = negation.sub(" ", text)
    text = " ".join(text.split()).strip(" ,;:-")
    text = said.sub("", text)
    text = head.sub("", text, count=1)
    text = " ".join(text.split()).strip(" ,;:-")
    if speaker:
        text = pronoun.sub(lambda _: speaker, text, count=1)
    return text if re.search(r"\w", text) else content


def is_anaphoric(content: str, speaker: str | None = None) -> bool:
    """Whether the answer names no proposition of its own: a demonstrative or
    report noun leads what is left ("This claim is false", "Klaim ini
    salah"), or too few words are left to state anything."""
    words = re.findall(r"\w+", proposition(content).lower())
    if len(words) < _MIN_WORDS:
        return True
    head = words[:3]
    if head[0] == "the" and len(head) > 1 and head[1] in REPORT_NOUNS | POINTING_NOUNS:
        return True  # "The report was false": the report just mentioned
    return head[0] in ANAPHORS or (head[0] in REPORT_NOUNS | POINTING_NOUNS
                                    and any(w in ANAPHORS for w in head[1:]))
