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
    ARTICLES,
    CLAUSE_CONTRASTS,
    COPULAS,
    DENY,
    DENY_PHRASES,
    DISPUTE,
    DISPUTE_PHRASES,
    FALSITY_PHRASES,
    INTENSIFIERS,
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
# What opens the proposition after a report noun in the words around a quote
# ("klaim Hersh yang menyebut keterlibatan Oslo", "reports that the plane was
# shot down"): the complementisers and Indonesian relative reporting verbs.
FRAME_THAT = THAT + ("yang menyebut", "yang menyebutkan", "yang mengatakan", "yang menyatakan",
                     "yang menuding", "yang menuduh", "saying", "alleging", "suggesting")
# Where a framed proposition ends: the attribution of the report itself
# ("..., seperti dikutip dari Euronews", "..., according to").
_FRAME_END = ("seperti dikutip", "dikutip", "menurut", "according to", "as reported", "kata",
              "ujar", "said", "says", "told")
# A few words then "that" at the head of what a denial verb left: the clause
# after it is the proposition, with its own subject.
_THAT_HEAD = re.compile(rf"^(?:\S+\s+){{0,3}}?(?:{'|'.join(THAT)})\s+", re.IGNORECASE)
# Quotation marks are never part of what is claimed (an apostrophe inside a
# word is).
_QUOTES = re.compile(r"[\"“”‘’«»„]|(?<!\w)'|'(?!\w)")
# Dangling once a judgement is taken out of its clause ("X adalah kebohongan
# mutlak" -> "X"): copulas, articles and conjunctions.
_DANGLING = COPULAS | ARTICLES | frozenset({"and", "dan", "or", "atau", "sangat", "very"})
# The most words allowed between a report noun and its "that" ("klaim Amerika
# Serikat (AS) bahwa"): longer, and "that" belongs to the proposition itself.
_HEAD_WORDS = 8


@lru_cache(maxsize=1)
def _tidy_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str],
                              re.Pattern[str]]:
    flags = re.IGNORECASE | re.UNICODE
    degree = re.compile(rf"(?<![\w-])(?:{alternation(INTENSIFIERS)})(?![\w-])", flags)
    contrast = re.compile(rf",?\s+(?:{alternation(CLAUSE_CONTRASTS)})(?!\w).*$",
                          flags | re.DOTALL)
    dangling = re.compile(rf"(?:\s+(?:{alternation(_DANGLING)}))+\s*$", flags)
    framed = re.compile(
        rf"(?<!\w)(?:{alternation(REPORT_NOUNS)})(?:\s+\S+){{0,{_HEAD_WORDS}}}?\s+"
        rf"(?:{alternation(FRAME_THAT)})\s+(?P<p>[^,;:\"“”«»]+?)"
        rf"(?=\s+(?:{alternation(frozenset(_FRAME_END))})(?!\w)|[,;:\"“”«».]|$)", flags)
    return degree, contrast, dangling, framed


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
    degree, contrast, dangling, _ = _tidy_patterns()
    # "Denied any role ...": the attribution took the subject, which is the
    # speaker ("The Kremlin denied any role" answers "the Kremlin had a role").
    bare = _QUOTES.sub(" ", content)
    elided = stance_words.match(degree.sub(" ", bare).lstrip()) is not None
    # Twice: a phrase may hold a degree word ("an absolute lie"), and a degree
    # word may stand between two stance words ("utterly false").
    text = stance_words.sub(" ", bare)
    text = stance_words.sub(" ", degree.sub(" ", text))
    text = negation.sub(" ", text)
    text = " ".join(text.split()).strip(" ,;:-")
    text = said.sub("", text)
    # "Membantah klaim AS bahwa Korut ...", "Denied that it had ...": the
    # clause after "that" has its own subject.
    opened = head.sub("", text, count=1)
    if elided and opened == text:
        opened = _THAT_HEAD.sub("", text, count=1)
    elided = elided and opened == text
    text = opened
    # "denied any role in the crash but said wrongdoing was likely": what
    # follows a contrast is the speaker's own further claim, not what is denied.
    cut = contrast.sub("", text)
    if len(re.findall(r"\w+", cut)) >= 3:
        text = cut
    text = " ".join(text.split()).strip(" ,;:-")
    text = dangling.sub("", text).strip(" ,;:-")
    if speaker:
        text = pronoun.sub(lambda _: speaker, text, count=1)
        if elided and not text.lower().startswith(speaker.lower()):
            text = f"{speaker} {text}"
    return text if re.search(r"\w", text) else content


def framed_proposition(text: str, content: str) -> str | None:
    """What the words around a quoted rebuttal say it answers, when they name
    it: "..., kata Putin, menantang laporan Barat bahwa pesawat itu ditembak
    jatuh" -> "pesawat itu ditembak jatuh"; "menjawab pertanyaan mengenai klaim
    Hersh yang menyebut keterlibatan Oslo ..., "Klaim ini salah"" ->
    "keterlibatan Oslo ...". None when the sentence outside `content` names no
    report ("claim", "laporan", ...) followed by what it says."""
    *_, framed = _tidy_patterns()
    at = text.lower().find(content.lower()) if content else -1
    frame = f"{text[:at]} , {text[at + len(content):]}" if at >= 0 else ""
    if not frame.strip(" ,"):
        return None
    found = framed.search(frame)
    if found is None:
        return None
    words = " ".join(found.group("p").split())
    return words if len(re.findall(r"\w+", words)) >= 3 else None


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
