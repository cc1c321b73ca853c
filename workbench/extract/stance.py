"""How a speaker stands toward what they are reported to say.

The cue verb decides first ("membantah", "denied" -> denies; "menepis",
"disputed" -> disputes). Without one, the words of the claim do: evidence
phrases ("tidak ada bukti", "no evidence", "groundless") make a dispute;
falsity and non-involvement ("tidak benar", "not involved", "never") make a
denial; and a reported clause whose verb is negated ("the gates were not
locked", "kami tidak melebihi kuota") denies the positive proposition.

Falsity words and negation count only when someone is reported as saying
them (a speaker or a quotation): a narrator's "the road was not repaired" is
the article asserting a fact, not a party denying one.
"""

from __future__ import annotations

import re

from workbench.extract import lexicon
from workbench.models import Stance

# Every pattern below is written in lower case and runs on the lowered claim
# (`stance_of`): a case-insensitive alternation of a few hundred phrases is
# tried at every position of the text, a lower-case one only where its first
# letters occur, three to four times faster on every sentence ingested.

_DISPUTE_PHRASE = re.compile(rf"\b(?:{lexicon.alternation(lexicon.DISPUTE_PHRASES)})\b")
_FALSITY = re.compile(rf"\b(?:{lexicon.alternation(lexicon.FALSITY_PHRASES)})\b")
_DENY_PHRASE = re.compile(rf"\b(?:{lexicon.alternation(lexicon.DENY_PHRASES)})\b")
_VERB_IN_CONTENT = re.compile(
    rf"\b(?:{lexicon.alternation(lexicon.DENY)}|{lexicon.alternation(lexicon.DISPUTE)})\b"
)
_NEGATION = re.compile(
    rf"(?:^|\s)(?:{lexicon.alternation(lexicon.NEGATIONS)})\b|n't\b"
)
# How far into the claim a negation may stand and still negate its main verb.
HEAD_WORDS = 10
# Negations that do not deny: "tidak hanya" (not only), "no later than", "not yet known".
_NOT_A_DENIAL = re.compile(
    r"\b(?:tidak\s+hanya|bukan\s+hanya|tak\s+hanya|not\s+only|no\s+later|no\s+more\s+than|"
    r"not\s+yet|belum\s+diketahui|tidak\s+diketahui|not\s+known|unknown|tidak\s+ada\s+yang\s+tahu|"
    # declining to comment or not knowing is not denying
    r"(?:tidak|tak|belum|not|no|n't)\s+(?:mau\s+|ingin\s+|bisa\s+|dapat\s+|want\s+to\s+|be\s+)?"
    r"(?:mengomentari|berkomentar|komentar|comment|commenting|tahu|mengetahui|know|ingat|remember|yakin|sure|"
    r"memastikan|confirm|able)|declined\s+to|refused\s+to\s+comment|"
    # doubt negated is certainty: "tidak ada keraguan bahwa ...", "no doubt that ..."
    r"(?:tidak|tak|tiada|tanpa|no|not|without|beyond)\s+(?:ada\s+|a\s+|any\s+|lagi\s+)?"
    rf"(?:sedikit\s+pun\s+)?(?:{lexicon.alternation(lexicon.DOUBT_WORDS)}))\b",
)


_QUOTE_MARKS = re.compile(r"[\"“”‘’«»„]|(?<!\w)'|'(?!\w)")
_DEGREE = lexicon.alternation(lexicon.INTENSIFIERS)
# "completely and utterly", "sepenuhnya dan sepenuhnya": one degree phrase
_INTENSIFIER = re.compile(
    rf"(?<![\w-])(?:{_DEGREE})(?:\s+(?:and|dan)\s+(?:{_DEGREE}))*(?![\w-])\s*")
_CONTRAST = re.compile(rf",?\s+(?:{lexicon.alternation(lexicon.CLAUSE_CONTRASTS)})\b.*$",
                       re.DOTALL)
# after a word (a noun): "That was not the case" opening a claim is a denial
_RELATIVE_NEGATION = re.compile(
    rf"(?<=\w)\s+(?:{lexicon.alternation(lexicon.RELATIVIZERS)})"
    rf"(?:\s+(?:was|is|were|are|has|have|had|been|be|sudah|telah))*"
    rf"\s+(?:{lexicon.alternation(lexicon.NEGATIONS)})\b",
)


def _plain(content: str) -> str:
    """The claim as its stance is read: no quotation marks and no degree words
    ('an “absolute lie”' reads 'an lie' ... 'a lie'; 'sepenuhnya salah' reads 'salah')."""
    text = _QUOTE_MARKS.sub("", " ".join(content.split()[:40]))
    text = _INTENSIFIER.sub("", text)
    return re.sub(r"\b(an?)\s+(?=\w)", lambda m: "a " if m.group(1).lower() == "an" else m.group(0),
                  text)


def stance_of(verb: str, content: str, *, attributed: bool) -> Stance:
    verb = re.sub(r"\s+", " ", verb.lower().strip())
    if verb in lexicon.DENY:
        return "denies"
    if verb in lexicon.DISPUTE:
        return "disputes"
    head = _plain(content.lower())
    if attributed and _FALSITY.search(head):
        return "denies"
    if _DISPUTE_PHRASE.search(head):
        return "disputes"
    if not attributed:
        return "asserts"
    if (found := _VERB_IN_CONTENT.search(head)) and found.start() < 80:
        return _stance_of_verb(found.group(0))
    if _DENY_PHRASE.search(head):
        return "denies"
    # the main clause's verb: a negation in a clause of contrast ("..., but
    # have not said who") or in a relative clause ("a report that was not
    # classified") is not the speaker denying the claim
    first = _CONTRAST.sub("", " ".join(head.split()[:HEAD_WORDS]))
    first = _RELATIVE_NEGATION.sub(" ", first)
    if _NEGATION.search(first) and not _NOT_A_DENIAL.search(first):
        return "denies"
    return "asserts"


def _stance_of_verb(verb: str) -> Stance:
    verb = re.sub(r"\s+", " ", verb.lower())
    return "denies" if verb in lexicon.DENY else "disputes"
