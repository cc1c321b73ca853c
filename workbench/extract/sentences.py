"""Split article text into sentences, as character spans.

News prose breaks simple splitters: abbreviations ("Jl.", "dr.", "U.S."),
initials, dates "(17/10/2023)", numbers "2,5 juta" and "1.000", and sentences
that end inside a closing quote. A boundary here is sentence punctuation
(plus any closing quotes or brackets) followed by space and a capital, digit
or opening quote, unless the word before it is a known abbreviation or an
initial.

A "sentence" is also never longer than MAX_SENTENCE characters. News
sentences stay far below it (the longest in a few hundred real pages is about
350 characters); a longer run is a paste without punctuation, a list, or
hostile input, and is cut at its last clause break (";", ",", ":") or space
inside the limit. That bounds the work every later per-sentence step does, so
extraction stays linear in the length of the article whatever its shape.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """
    a.n an dll dsb dst tsb yth no nomor hlm jl jln kec kab kel prov rp tbk pt cv bpk ibu sdr sdri
    dr drs dra ir prof h hj kh st skm mr mrs ms jr sr gen brig maj adm insp col lt sgt capt cmdr gov
    sen rep rev
    inc ltd co corp vs etc e.g i.e u.s u.k u.n jan feb mar apr jun jul aug agu sep sept okt oct nov
    des dec approx est dept univ mt ft
    """.split()
)
# Possessive runs and the look-behind keep a long run of dots or closing
# quotes from being re-scanned at each of its characters.
_BOUNDARY = re.compile(r"""(?<![.!?…])[.!?…]++["'”’)\]]*+(?=\s++["“‘'(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]*$")
MAX_SENTENCE = 1000
_LOOK_BACK = 40  # longer than any abbreviation in the table
_CLAUSE_BREAKS = ("; ", ", ", ": ")


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
            # only the word before the mark matters: a bounded look back keeps
            # a run of abbreviations ("Jl. Jl. Jl. ...") linear
            if _is_abbreviation(chunk[max(cursor, match.start() - _LOOK_BACK) : match.start() + 1]):
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
    # Index arithmetic, not slices of the remainder: a megabyte-long run is
    # walked once.
    start, end = _skip_space(chunk, start, end), _trim_space(chunk, start, end)
    while end - start > MAX_SENTENCE:
        cut = _break_before(chunk, start, start + MAX_SENTENCE)
        spans.append((base + start, base + _trim_space(chunk, start, cut)))
        start = _skip_space(chunk, cut, end)
    if start < end:
        spans.append((base + start, base + end))


def _skip_space(chunk: str, start: int, end: int) -> int:
    while start < end and chunk[start].isspace():
        start += 1
    return start


def _trim_space(chunk: str, start: int, end: int) -> int:
    while end > start and chunk[end - 1].isspace():
        end -= 1
    return end


def _break_before(chunk: str, start: int, limit: int) -> int:
    """Where to cut an overlong run: after the last clause break in its
    second half, else after the last space, else at the limit itself."""
    floor = start + (limit - start) // 2
    cut = max(chunk.rfind(mark, floor, limit) for mark in _CLAUSE_BREAKS)
    if cut >= 0:
        return cut + 2
    cut = chunk.rfind(" ", floor, limit)
    return cut + 1 if cut >= 0 else limit
