"""Large JSON documents are imported a record at a time: the same rows as a
whole-document read, from files and from streams that cannot seek, with
chunk boundaries anywhere, and one-line errors for cut or broken files."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tests.unit.test_exchange_export import build_reviewed
from tests.unit.test_exchange_import import TABLES, without_stamp
from workbench.exchange import document_stream, export_to_file, reader
from workbench.exchange.importer import import_file, import_stream
from workbench.exchange.reader import ImportFileError
from workbench.store import open_store

# When the import ran, and the file it came from ("import:<name>").
VARYING = {"ingested_at", "assigned_at", "updated_at", "added_at", "path"}


def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, less the columns that say when and from where."""
    out = {}
    for table in TABLES:
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")
                   if row[1] not in VARYING]
        out[table] = db.execute(f"SELECT {', '.join(columns)} FROM {table} "
                                "ORDER BY rowid").fetchall()
    return out


class Unseekable(io.StringIO):
    """A pipe: read forward only, as stdin is."""

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        raise OSError("not seekable")

    def seek(self, *args: Any) -> int:
        raise OSError("not seekable")


@pytest.fixture
def document(fixture_db: Database, tmp_path: Path) -> Path:
    build_reviewed(fixture_db)
    return export_to_file(fixture_db, tmp_path / "export.json", "json")


@pytest.fixture
def streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "WHOLE_DOCUMENT", 0)  # every document is streamed


def whole_import(document: Path, tmp_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    db = open_store(tmp_path / "whole.db")
    import_file(db, document)
    return dump(db)


@pytest.mark.parametrize("chunk", [1 << 20, 7, 1])
def test_a_streamed_document_imports_the_same_rows_and_exports_the_same(
    document: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    expected = whole_import(document, tmp_path)
    monkeypatch.setattr(reader, "WHOLE_DOCUMENT", 0)
    monkeypatch.setattr(document_stream, "CHUNK", chunk)
    db = open_store(tmp_path / f"streamed_{chunk}.db")
    report = import_file(db, document)
    assert report.count("groups added") == 5
    assert dump(db) == expected
    again = export_to_file(db, tmp_path / f"again_{chunk}.json", "json")
    assert without_stamp(again) == without_stamp(document)


def test_a_document_from_a_stream_that_cannot_seek_is_copied_then_read(
    document: Path, tmp_path: Path, streamed: None
) -> None:
    expected = whole_import(document, tmp_path)
    db = open_store(tmp_path / "piped.db")
    import_stream(db, Unseekable(document.read_text(encoding="utf-8")), "<stdin>")
    assert dump(db) == expected


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.floats(0.0, 0.999), chunk=st.sampled_from([3, 64, 4096]))
def test_a_cut_document_is_refused_in_one_line_and_nothing_is_kept(
    document: Path, tmp_path: Path, cut: float, chunk: int
) -> None:
    text = document.read_text(encoding="utf-8").rstrip()
    text = text[:int(len(text) * cut)]
    db = open_store(tmp_path / "cut.db")
    before = dump(db)
    old = reader.WHOLE_DOCUMENT, document_stream.CHUNK
    reader.WHOLE_DOCUMENT, document_stream.CHUNK = 0, chunk
    try:
        with pytest.raises(ImportFileError) as caught:
            import_stream(db, io.StringIO(text), "cut.json")
    finally:
        reader.WHOLE_DOCUMENT, document_stream.CHUNK = old
    message = str(caught.value)
    assert "\n" not in message and message.startswith("cut.json: ")
    assert dump(db) == before
    db.conn.close()


@pytest.mark.parametrize(("old", "new", "reason"), [
    ('"similarity": 0.9', '"similarity": NaN', "NaN is not a JSON number"),
    ('"similarity": 0.9', '"similarity": 1e999', "too large for a float"),
    ('"span_start": 0', '"span_start": 99999999999999999999', "beyond 64 bits"),
    ('"groups": [', '"groups": [' + "[" * 100_000, "nested too deeply"),
    ('"stance": "asserts"', '"stance": "shouts"', r"groups\[\d\]\.claims\[\d\]\.stance"),
    ('"groups": [', '"groups": [}', "not valid JSON"),
])
def test_hostile_values_in_a_streamed_document_are_refused_in_one_line(
    document: Path, tmp_path: Path, streamed: None, monkeypatch: pytest.MonkeyPatch,
    old: str, new: str, reason: str
) -> None:
    monkeypatch.setattr(document_stream, "CHUNK", 512)
    text = document.read_text(encoding="utf-8")
    assert old in text
    db = open_store(tmp_path / "hostile.db")
    with pytest.raises(ImportFileError, match=reason) as caught:
        import_stream(db, io.StringIO(text.replace(old, new, 1)), "bad.json")
    assert "\n" not in str(caught.value)
    assert dump(db) == dump(open_store(tmp_path / "empty.db"))


def test_a_document_that_is_not_an_object_is_not_an_export(tmp_path: Path, streamed: None) -> None:
    db = open_store(tmp_path / "x.db")
    with pytest.raises(ImportFileError, match="not a Claim Workbench export"):
        import_stream(db, io.StringIO("[1, 2, 3]"), "list.json")
    with pytest.raises(ImportFileError, match=r"not valid JSON \(Expecting value: line 1"):
        import_stream(db, io.StringIO("plain text"), "text.json")


def _passes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the walks over a streamed document (one per pass)."""
    walks: list[int] = []
    original = document_stream.walk

    def counted(*args: Any, **kwargs: Any) -> Any:
        walks.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(document_stream, "walk", counted)
    return walks


def _reordered(document: Path, order: list[str]) -> str:
    doc = json.loads(document.read_text(encoding="utf-8"))
    assert sorted(order) == sorted(doc)
    return json.dumps({key: doc[key] for key in order}, ensure_ascii=False, indent=1)


def test_our_document_has_its_articles_first_and_is_read_in_one_pass(
    document: Path, tmp_path: Path, streamed: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = document.read_text(encoding="utf-8")
    assert text.index('\n  "articles": {') < text.index('\n  "groups": [')
    expected = whole_import(document, tmp_path)
    walks = _passes(monkeypatch)
    db = open_store(tmp_path / "one.db")
    assert import_file(db, document).count("groups added") == 5
    assert len(walks) == 1
    assert dump(db) == expected
    walks.clear()  # a stream that cannot seek is copied, and still read once
    piped = open_store(tmp_path / "piped.db")
    import_stream(piped, Unseekable(text), "<stdin>")
    assert len(walks) == 1 and dump(piped) == expected


@pytest.mark.parametrize(("order", "passes"), [
    (["format_version", "exported_at", "generator", "filters", "groups", "articles"], 2),
    (["groups", "format_version", "exported_at", "generator", "filters", "articles"], 2),
    (["articles", "groups", "format_version", "exported_at", "generator", "filters"], 2),
    (["format_version", "articles", "exported_at", "generator", "groups", "filters"], 2),
    (["articles", "format_version", "exported_at", "generator", "filters", "groups"], 1),
])
def test_any_order_of_the_fields_imports_the_same_rows(
    document: Path, tmp_path: Path, streamed: None, monkeypatch: pytest.MonkeyPatch,
    order: list[str], passes: int
) -> None:
    """Groups first (older exports, hand-made files), or a header field (all are
    required) coming after the groups: two passes; otherwise one."""
    expected = whole_import(document, tmp_path)
    walks = _passes(monkeypatch)
    db = open_store(tmp_path / "ordered.db")
    import_stream(db, io.StringIO(_reordered(document, order)), "ordered.json")
    assert len(walks) == passes
    assert dump(db) == expected


@pytest.mark.parametrize("after", ["groups", "articles"])
def test_a_bad_field_after_the_groups_is_refused_as_a_whole_read_refuses_it(
    document: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: str
) -> None:
    text = _reordered(document, ["format_version", "exported_at", "generator", "filters",
                                 *(["articles", "groups"] if after == "groups"
                                   else ["groups", "articles"])])
    bad = text[:text.rstrip().rindex("}")] + ', "colour": "blue"\n}\n'
    messages = []
    for whole in (True, False):
        monkeypatch.setattr(reader, "WHOLE_DOCUMENT", 16 * 2**20 if whole else 0)
        db = open_store(tmp_path / f"bad_{whole}.db")
        with pytest.raises(ImportFileError) as caught:
            import_stream(db, io.StringIO(bad), "bad.json")
        messages.append(str(caught.value))
        assert all(rows == [] for rows in dump(db).values())
    assert messages[0] == messages[1] and "colour" in messages[0]


@pytest.mark.parametrize("twice", ["groups", "articles"])
def test_a_document_holding_groups_or_articles_twice_is_refused_in_one_line(
    document: Path, tmp_path: Path, streamed: None, twice: str
) -> None:
    """Read in one pass, a second array would be lost (or read before the articles
    it cites): the streamed reader refuses it, and keeps nothing."""
    doc = json.loads(document.read_text(encoding="utf-8"))
    body = json.dumps(doc, ensure_ascii=False)
    extra = json.dumps(doc[twice], ensure_ascii=False)
    text = body[:-1] + f', "{twice}": {extra}}}'
    db = open_store(tmp_path / "twice.db")
    with pytest.raises(ImportFileError, match=f"holds '{twice}' twice") as caught:
        import_stream(db, io.StringIO(text), "twice.json")
    assert "\n" not in str(caught.value)
    assert all(rows == [] for rows in dump(db).values())
