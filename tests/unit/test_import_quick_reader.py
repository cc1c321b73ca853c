"""JSON Lines records read by orjson are exactly those the strict reader gives.

`reader._quick_record` parses an article or group line with orjson and
checks it against the schema with every number held to 64 bits; anything
in doubt goes the strict way (the standard library's decoder with its
hooks, then jsonschema's message). Random edits of real records (numbers
of any size, in typed fields and in a group's free-form `method`, NaN and
infinities, deep nesting, control characters, lone surrogates, cut lines)
never make the quick reader accept what the strict reader refuses or read
a value differently; and a refused line gives the same one-line error.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tests.unit.record_edits import NUMBERS, SPOTS, edit_record_line
from tests.unit.test_exchange_export import build_reviewed
from tests.unit.test_exchange_hostile import jsonl_export
from workbench.exchange import reader
from workbench.exchange.importer import import_stream
from workbench.exchange.reader import ImportFileError


@pytest.fixture(scope="module")
def record_lines(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    from tests.conftest import FIXTURES
    from workbench.ingest.service import ingest
    from workbench.store import open_store

    folder = tmp_path_factory.mktemp("quick")
    db = open_store(folder / "source.db")
    ingest(db, [str(FIXTURES)])
    build_reviewed(db)
    lines = jsonl_export(db, folder)
    return [line for line in lines if '"kind": "article"' in line or '"kind": "group"' in line]


def strict(line: str) -> Any:
    """What the strict way makes of a line: its record, or the reason it is refused."""
    try:
        data = reader.loads(line)
        kind = data.get("kind") if isinstance(data, dict) else None
        reader._validate(f"jsonl_{kind}", data, "f", "line 2")
        return data
    except (ValueError, KeyError) as exc:
        return ("refused", type(exc).__name__)




@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(which=st.integers(0, 100), spot=st.sampled_from(SPOTS), number=NUMBERS,
       extra=st.sampled_from(["", "nest", "control", "surrogate", "cut", "bom"]))
def test_a_record_read_quickly_is_the_one_read_strictly(
    record_lines: list[str], which: int, spot: str, number: str, extra: str
) -> None:
    line = record_lines[which % len(record_lines)]
    line = edit_record_line(line, spot, number, extra)
    quick = reader._quick_record(line)
    if quick is not None:
        assert strict(line) == quick
        assert json.dumps(quick, allow_nan=False)  # strict JSON out, as stored


@pytest.mark.parametrize(("edit", "message"), [
    (lambda g: g.replace('"method": {', '"method": {"n": 9223372036854775808, ', 1),
     "the number 9223372036854775808 is beyond 64 bits"),
    (lambda g: g.replace('"method": {', '"method": {"n": 1e400, ', 1),
     "too large for a float"),
    (lambda g: g.replace('"method": {', '"method": {"n": ' + "[" * 5000 + "]" * 5000 + ", ", 1),
     "nested too deeply"),
    # Deeper than the strict reader goes, within orjson's own limit (1024):
    # (Hypothesis raises the recursion limit while it runs, so this is here.)
    (lambda g: g.replace('"method": {', '"method": {"n": ' + "[" * 1010 + "]" * 1010 + ", ", 1),
     "nested too deeply"),
])
def test_hostile_numbers_in_a_group_method_are_refused_as_before(
    fixture_db: Database, tmp_path: Path, edit: Any, message: str
) -> None:
    build_reviewed(fixture_db)
    lines = jsonl_export(fixture_db, tmp_path)
    spot = next(i for i, line in enumerate(lines) if '"kind": "group"' in line)
    lines[spot] = edit(lines[spot])
    with pytest.raises(ImportFileError, match=f"line {spot + 1}: .*{message}"):
        import_stream(fixture_db, io.StringIO("".join(lines)), "hostile.jsonl")
