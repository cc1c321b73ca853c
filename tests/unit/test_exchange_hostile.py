"""Exchange against hostile files and special paths: symlinks, FIFOs, devices,
NaN and Infinity, 64-bit overflow, deep nesting, oversized records."""

from __future__ import annotations

import io
import json
import os
import re
import socket
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tests.unit.test_exchange_export import Reviewed, build_reviewed
from workbench.exchange import reader
from workbench.exchange.export import ExportError, export_file, make_options
from workbench.exchange.importer import import_file, import_stream
from workbench.exchange.reader import ImportFileError, read_export
from workbench.review.errors import InvalidLink

BIG = 2**63  # one past SQLite's largest INTEGER


@pytest.fixture
def reviewed(fixture_db: Database) -> Reviewed:
    return build_reviewed(fixture_db)


def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    return {t: db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("articles", "claims", "claim_groups", "group_members", "verdicts",
                      "evidence_links", "verdict_history")}


def jsonl_export(db: Database, tmp_path: Path) -> list[str]:
    path = tmp_path / "export.jsonl"
    export_file(db, path, "jsonl", make_options("jsonl"))
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


# -- export onto special paths ------------------------------------------------

def test_export_onto_a_symlink_replaces_the_file_it_names_and_keeps_the_link(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    real = tmp_path / "data" / "checks.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    export_file(fixture_db, link, "json", make_options("json"))
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert len(json.loads(real.read_text(encoding="utf-8"))["groups"]) == 5
    assert sorted(p.name for p in real.parent.iterdir()) == ["checks.json"]  # no temp left


def test_export_onto_a_dangling_symlink_creates_the_file_it_names(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    link = tmp_path / "out.json"
    link.symlink_to(tmp_path / "target.json")
    export_file(fixture_db, link, "jsonl", make_options("jsonl"))
    assert link.is_symlink()
    assert (tmp_path / "target.json").read_text(encoding="utf-8").startswith('{"kind": "header"')


def test_export_into_a_fifo_writes_through_it_without_replacing_it(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader_thread = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader_thread.start()
    summary = export_file(fixture_db, fifo, "json", make_options("json"))
    reader_thread.join(timeout=30)
    assert summary.groups == 5
    assert len(json.loads(received[0])["groups"]) == 5
    assert fifo.is_fifo()


def test_export_into_a_character_device_writes_into_it(
    fixture_db: Database, reviewed: Reviewed
) -> None:
    assert export_file(fixture_db, Path("/dev/null"), "json", make_options("json")).groups == 5
    assert Path("/dev/null").is_char_device()


def test_export_onto_a_socket_is_refused_in_one_line(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(ExportError, match="is a socket") as caught:
            export_file(fixture_db, path, "json", make_options("json"))
    assert "\n" not in str(caught.value)


def test_export_never_writes_nan_or_infinity_even_from_old_rows(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    # A database written before they were refused: an infinite similarity and
    # a NaN threshold in a group's method record.
    with fixture_db.atomic():
        fixture_db.execute("UPDATE group_members SET similarity = 1e999")
        fixture_db.execute("""UPDATE claim_groups SET method = '{"params": {"threshold": NaN}}'""")
    for fmt in ("json", "jsonl"):
        path = tmp_path / f"out.{fmt}"
        export_file(fixture_db, path, fmt, make_options(fmt))
        text = path.read_text(encoding="utf-8")
        assert "NaN" not in text and "Infinity" not in text

        def refuse(name: str) -> None:
            raise AssertionError(name)
        for line in ([text] if fmt == "json" else text.splitlines()):
            json.loads(line, parse_constant=refuse)
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert {c["similarity"] for g in doc["groups"] for c in g["claims"]} == {None}
    assert doc["groups"][0]["method"] == {"params": {"threshold": None}}


# -- import of hostile files --------------------------------------------------

@pytest.mark.parametrize(("old", "new", "reason"), [
    ('"similarity": 0.9', '"similarity": Infinity', "Infinity is not a JSON number"),
    ('"similarity": 0.9', '"similarity": NaN', "NaN is not a JSON number"),
    ('"similarity": 0.9', '"similarity": -Infinity', "-Infinity is not a JSON number"),
    ('"similarity": 0.9', '"similarity": 1e999', "too large for a float"),
    ('"span_start": 0', f'"span_start": {BIG}', "beyond 64 bits"),
])
def test_import_refuses_non_finite_and_overflowing_numbers_in_one_line(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path, old: str, new: str, reason: str
) -> None:
    lines = jsonl_export(fixture_db, tmp_path)
    spot = next(i for i, line in enumerate(lines) if old in line)
    lines[spot] = lines[spot].replace(old, new, 1)
    before = dump(fixture_db)
    for name, text in (("bad.jsonl", "".join(lines)),):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ImportFileError) as caught:
            import_file(fixture_db, path)
        message = str(caught.value)
        assert reason in message and f"line {spot + 1}" in message and "\n" not in message
    assert dump(fixture_db) == before


@pytest.mark.parametrize("field", ["id", "representative_claim_id"])
def test_import_refuses_group_ids_beyond_64_bits(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path, field: str
) -> None:
    lines = jsonl_export(fixture_db, tmp_path)
    spot = next(i for i, line in enumerate(lines) if '"kind": "group"' in line)
    record = json.loads(lines[spot])
    record[field] = BIG
    lines[spot] = json.dumps(record) + "\n"
    (tmp_path / "big.jsonl").write_text("".join(lines), encoding="utf-8")
    before = dump(fixture_db)
    with pytest.raises(ImportFileError, match=f"line {spot + 1}: the number {BIG} is beyond"):
        import_file(fixture_db, tmp_path / "big.jsonl")
    assert dump(fixture_db) == before


def test_a_document_with_a_huge_id_or_nan_is_refused(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    path = tmp_path / "doc.json"
    export_file(fixture_db, path, "json", make_options("json"))
    text = path.read_text(encoding="utf-8")
    for bad, reason in ((text.replace('"similarity": 0.9', '"similarity": NaN', 1), "NaN"),
                        (text.replace('"span_start": 0', f'"span_start": -{BIG + 1}', 1),
                         "beyond 64 bits")):
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(ImportFileError, match=reason):
            import_file(fixture_db, path)


@pytest.mark.parametrize("text", [
    "[" * 100_000,
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 50_000 + "1" + "}" * 50_000,
])
def test_deeply_nested_json_is_a_one_line_error_not_a_recursion_error(
    db: Database, text: str
) -> None:
    with pytest.raises(ImportFileError) as caught:
        import_stream(db, io.StringIO(text), "deep.json")
    assert "\n" not in str(caught.value)


def test_deep_nesting_inside_a_jsonl_line_is_refused_with_its_line(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    lines = jsonl_export(fixture_db, tmp_path)
    lines.insert(2, "[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(ImportFileError, match="line 3: the JSON is nested too deeply"):
        import_stream(fixture_db, io.StringIO("".join(lines)), "deep.jsonl")


def test_oversized_records_and_documents_are_refused_before_they_are_held(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = jsonl_export(fixture_db, tmp_path)
    monkeypatch.setattr(reader, "MAX_LINE", max(len(line) for line in lines) - 1)
    with pytest.raises(ImportFileError, match="too large to be one record"):
        import_stream(fixture_db, io.StringIO("".join(lines)), "long.jsonl")
    path = tmp_path / "doc.json"
    export_file(fixture_db, path, "json", make_options("json"))
    monkeypatch.setattr(reader, "WHOLE_DOCUMENT", 100)  # streamed, a record at a time
    monkeypatch.setattr(reader, "MAX_LINE", 500)
    with pytest.raises(ImportFileError, match="a value longer than"):
        import_file(fixture_db, path)


def test_import_refuses_a_link_with_a_bidi_override(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    lines = jsonl_export(fixture_db, tmp_path)
    spot = next(i for i, line in enumerate(lines) if "https://example.org/afp" in line)
    lines[spot] = lines[spot].replace("https://example.org/afp",
                                      "https://example.org/\\u202egpj.exe", 1)
    before = dump(fixture_db)
    with pytest.raises(ImportFileError, match="U[+]202E"):
        import_stream(fixture_db, io.StringIO("".join(lines)), "spoof.jsonl")
    assert dump(fixture_db) == before


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=JSON_VALUES, depth=st.integers(0, 3000), jsonl=st.booleans())
def test_any_json_value_is_read_or_refused_in_one_line(
    value: Any, depth: int, jsonl: bool
) -> None:
    body = "[" * depth + json.dumps(value) + "]" * depth
    text = ('{"kind": "header", "format_version": 1}\n' + body + "\n") if jsonl else body
    try:
        list(read_export(io.StringIO(text), "random.json"))
    except ImportFileError as exc:
        assert "\n" not in str(exc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=st.integers() | st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400"]))
def test_any_number_in_a_group_id_is_imported_or_refused_without_a_traceback(
    db: Database, number: Any
) -> None:
    group = {"kind": "group", "id": number, "representative_claim_id": None,
             "representative": "", "model": "m", "method": {}, "created_at":
             "2024-01-01T00:00:00+00:00", "claims": [], "verdict": None,
             "claim_verdicts": [], "history": []}
    text = (json.dumps({"kind": "header", "format_version": 1, "exported_at":
                        "2024-01-01T00:00:00+00:00", "generator": "t",
                        "filters": {"verdicts": [], "since": None, "reviewed_only": False}})
            + "\n" + json.dumps(group).replace('"id": "' + str(number) + '"', f'"id": {number}')
            + "\n" + json.dumps({"kind": "end", "articles": 0, "groups": 1}) + "\n")
    before = dump(db)
    try:
        import_stream(db, io.StringIO(text), "ids.jsonl")
    except ImportFileError as exc:
        assert "\n" not in str(exc)
        assert dump(db) == before


@settings(max_examples=300, deadline=None)
@given(url=st.text(alphabet=st.characters(codec="utf-8"), max_size=40).map(lambda t: "https://" + t)
       | st.from_regex(r"https?://[a-z0-9.:-]{0,12}[/?#]?[ -~]{0,20}", fullmatch=True))
def test_links_are_checked_the_same_with_or_without_the_quick_path(url: str) -> None:
    from workbench.review import links

    def slow(text: str) -> str:
        pattern = links._PLAIN
        links._PLAIN = re.compile(r"(?!)")  # matches nothing: always the full check
        try:
            return links.validate_url(text)
        finally:
            links._PLAIN = pattern
    try:
        fast: str | Exception = links.validate_url(url)
    except InvalidLink as exc:
        fast = exc
    try:
        full: str | Exception = slow(url)
    except InvalidLink as exc:
        full = exc
    assert type(fast) is type(full)
    if isinstance(fast, str):
        assert fast == full
    if isinstance(full, str):
        assert links.first_hidden(full, spaces=True) is None
