"""Split article text into sentences, as character spans.

News prose breaks simple splitters: abbreviations ("Jl.", "dr.", "U.S."),
initials, dates "(17/10/2023)", numbers "2,5 juta" and "1.000", and sentences
that end inside a closing quote. A boundary here is sentence punctuation
(plus any closing quotes or brackets) followed by space and a capital, digit
or opening quote, unless the word before it is a known abbreviation or an
initial.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """
    a.n an dll dsb dst tsb yth no nomor hlm jl jln kec kab kel prov rp tbk pt cv bpk ibu sdr sdri
    dr drs dra ir prof h hj kh st skm mr mrs ms jr sr gen col lt sgt capt cmdr gov sen rep rev
    inc ltd co corp vs etc e.g i.e u.s u.k u.n jan feb mar apr jun jul aug agu sep sept okt oct nov
    des dec approx est dept univ mt ft
    """.split()
)
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["“‘'(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]*$")


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences in `text`, shifted by `offset`.

    Paragraph breaks (blank lines or single newlines) always end a sentence.
    """
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        chunk = para.group()
        cursor = 0
        for match in _BOUNDARY.finditer(chunk):
            if _is_abbreviation(chunk[cursor : match.start() + 1]):
                continue
            _add(spans, chunk, cursor, match.end(), start + offset)
            cursor = match.end()
        _add(spans, chunk, cursor, len(chunk), start + offset)
    return spans


def _is_abbreviation(before: str) -> bool:
    match = _WORD_BEFORE.search(before.rstrip(".!?…")) if before else None
    if not match:
        return False
    word = match.group(1).lower().strip(".")
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith", "H. Agus"
    return word in ABBREVIATIONS or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]?", word))


def _add(spans: list[tuple[int, int]], chunk: str, start: int, end: int, base: int) -> None:
    piece = chunk[start:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    if piece.strip():
        spans.append((base + start + lead, base + end - trail))
