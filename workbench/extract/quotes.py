"""Quotations in a paragraph, found in one pass over its characters.

A quotation often runs over several sentences and names its speaker only once,
after the last of them ("“... . ... ,” kata X") or before the first ("X said:
“... . ...”"). Sentence-level patterns cannot see that, so quotations are
found first, per paragraph, in the spirit of CoreNLP's QuoteAnnotator: every
quote style (“”, "", «», „“) in one linear pass; an opening mark with no
close runs to the end of the paragraph, as news copy writes a quotation
continued in the next paragraph.
"""

from __future__ import annotations

_PAIRS = {"“": "”", "«": "»", "„": "“"}


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in `text`, end exclusive, marks included."""
    spans: list[tuple[int, int]] = []
    open_at = -1
    closer = ""
    for i, ch in enumerate(text):
        if open_at < 0:
            if ch in _PAIRS:
                open_at, closer = i, _PAIRS[ch]
            elif ch == '"':
                open_at, closer = i, '"'
        elif ch == closer:
            spans.append((open_at, i + 1))
            open_at = -1
        elif ch in _PAIRS and closer != '"':
            open_at, closer = i, _PAIRS[ch]  # an unclosed quotation restarts at the next opening mark
        elif ch == "\n":
            spans.append((open_at, i))
            open_at = -1
    if open_at >= 0:
        spans.append((open_at, len(text)))
    return [(s, e) for s, e in spans if e - s > 2]
