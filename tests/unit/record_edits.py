"""Hostile edits of one record line of an export, for the import readers' tests.

Both import readers (the quick one that takes a record line with orjson and
the strict one) must agree on every line, edited or not; these are the edits
the property tests draw from: a number of any size or spelling put where an
id, span or score stands, deep nesting, a control character, a lone
surrogate, a cut line, a BOM, a value split over two lines, text after it.
"""

from __future__ import annotations

from hypothesis import strategies as st

NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e30", "1.5",
                     "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                     "-9223372036854775809", "18446744073709551615", "1" * 30, "0.1" + "0" * 30,
                     "1" * 5000, "-0", "1E2", "1e-400", "-1e-400", "4.9e-324", "2.5e-320"]))
SPOTS = ['"method": {', '"span_start": ', '"id": ', '"similarity": ', '"checkworthiness": ',
         '"claim_id": ']


def edit_record_line(line: str, spot: str, number: str, extra: str) -> str:
    """`line` with `number` written at `spot` (when the line has it) and `extra` applied."""
    if spot in line:
        at = line.index(spot) + len(spot)
        if spot == '"method": {':
            line = line[:at] + f'"x": {number}, "y": [{{"z": {number}}}], ' + line[at:]
        else:
            end = min(i for i in (line.find(",", at), line.find("}", at)) if i >= 0)
            line = line[:at] + number + line[end:]
    if extra == "nest" and '"method": {' in line:
        at = line.index('"method": {') + len('"method": {')
        line = line[:at] + '"deep": ' + "[" * 600 + "]" * 600 + ", " + line[at:]
    elif extra == "control":
        line = line.replace('"title": "', '"title": "\x01', 1)
    elif extra == "surrogate":
        line = line.replace('"title": "', '"title": "\\ud800', 1)
    elif extra == "cut":
        line = line[: len(line) // 2]
    elif extra == "bom":
        line = "\ufeff" + line
    elif extra == "split":  # the value goes on over two lines
        line = line.replace(", ", ",\n      ", 1)
    elif extra == "tail":  # something after the value on its line
        line = line.rstrip(",") + ', "x"' if line.endswith(",") else line + " 1"
    return line
