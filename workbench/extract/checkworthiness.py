"""Score how worth checking a sentence is, in [0, 1].

Fact-checkers look first at statements with something verifiable in them:
quantities, dates, named people and institutions, and a named source. They
skip questions, calls to action and bare opinion. The score adds and removes
fixed amounts for those features; it is a ranking aid, and the threshold in
`extract.claims` only drops sentences with nothing checkable at all.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(
    r"\d|\b(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|puluhan|ratusan|"
    r"ribuan|jutaan|ribu|juta|miliar|triliun|persen|lusin|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|dozen|dozens|hundreds?|thousands?|millions?|billions?|percent)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\)|\b(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|januari|februari|maret|april|mei|juni|"
    r"juli|agustus|september|oktober|november|desember|january|february|march|may|june|july|"
    r"august|october|december|tahun\s+lalu|bulan\s+lalu|pekan\s+lalu|last\s+(?:year|month|week))\b"
    r"|\b(?:19|20)\d{2}\b",
    re.IGNORECASE,
)
_CALL_TO_ACTION = re.compile(
    r"^(?:simak|baca|lihat|klik|ayo|mari|jangan|silakan|segera|yuk|click|read|watch|join|"
    r"subscribe|follow|let's|please|don't|share)\b",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(?:menurut\s+saya|saya\s+(?:pikir|rasa|kira)|seharusnya|sebaiknya|semoga|i\s+think|"
    r"i\s+believe|in\s+my\s+opinion|should|must|hopefully|indah|hebat|luar\s+biasa|terbaik|"
    r"buruk|great|terrible|amazing|beautiful|wonderful)\b",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'-]+")


def score(
    sentence: str, *, content: str | None = None, speaker: str | None, quote: bool,
    contested: bool = False,
) -> float:
    """Score `sentence`; quantities, dates and names count only in `content`
    (the claim without its attribution), so "..., seperti dikutip dari
    Channel News Asia, Sabtu (21/10/2023)" adds nothing to a bare remark."""
    claim = sentence if content is None else content
    value = 0.3
    if _NUMBER.search(claim):
        value += 0.2
    if _DATE.search(claim):
        value += 0.1
    entities = len(_ENTITY.findall(claim))
    value += min(entities, 4) * 0.05
    if speaker:
        value += 0.15
    if quote:
        value += 0.05
    if contested:  # a denial or dispute is a live disagreement worth settling
        value += 0.15
    if sentence.rstrip("”\"' ").endswith("?"):
        value -= 0.45
    if _CALL_TO_ACTION.match(sentence.lstrip("“\"' ")):
        value -= 0.45
    if _OPINION.search(sentence):
        value -= 0.2
    words = len(sentence.split())
    if words < 6:
        value -= 0.3
    return round(min(1.0, max(0.0, value)), 3)
