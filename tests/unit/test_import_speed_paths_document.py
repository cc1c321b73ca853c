"""A streamed JSON document read a line at a time by orjson gives what the strict
reader gives.

`document_stream.Scanner.value` hands a group or article that sits on a line of
its own (as our exports write them) to `reader._QuickValue` (orjson, kept only
when the schema passes with every number within 64 bits), and steps over the
groups in the first pass with orjson alone. Here the same documents are
imported with those readers and with every value decoded strictly: hostile
edits of a group line (numbers of any size, NaN, deep nesting, control
characters, lone surrogates, cut lines, a value that leaves its line) give the
same rows or the same one-line error; documents laid out otherwise (all on one
line, indented, articles first, CRLF) import the same rows as a whole read.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.record_edits import NUMBERS, SPOTS, edit_record_line
from tests.unit.test_exchange_document_stream import dump
from tests.unit.test_exchange_export import build_reviewed
from workbench.exchange import document_stream, export_to_file, reader
from workbench.exchange.importer import import_stream
from workbench.exchange.reader import ImportFileError
from workbench.store import open_store


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> str:
    from tests.conftest import FIXTURES
    from workbench.ingest.service import ingest

    folder = tmp_path_factory.mktemp("doc")
    db = open_store(folder / "source.db")
    ingest(db, [str(FIXTURES)])
    build_reviewed(db)
    text = export_to_file(db, folder / "export.json", "json").read_text(encoding="utf-8")
    db.conn.close()
    return text


def outcome(text: str, folder: Path, name: str, quick: bool) -> tuple[Any, ...]:
    """(error or None, every table) of importing `text` as a streamed document,
    with the line-at-a-time readers or with every value decoded strictly."""
    saved = (reader.WHOLE_DOCUMENT, document_stream.CHUNK, reader._QuickValue.__call__,
             reader._step)
    reader.WHOLE_DOCUMENT, document_stream.CHUNK = 0, 1 << 16
    if not quick:
        reader._QuickValue.__call__ = lambda self, text: document_stream.MISS  # type: ignore
        reader._step = lambda text: document_stream.MISS
    db = open_store(folder / f"{name}_{quick}.db")
    try:
        import_stream(db, io.StringIO(text), "doc.json")
        return None, dump(db)
    except ImportFileError as exc:
        return str(exc), dump(db)
    finally:
        (reader.WHOLE_DOCUMENT, document_stream.CHUNK, reader._QuickValue.__call__,
         reader._step) = saved
        db.conn.close()


def both_ways(text: str, folder: Path, name: str = "doc") -> tuple[Any, ...]:
    quick = outcome(text, folder, name, quick=True)
    assert quick == outcome(text, folder, name, quick=False)
    return quick


def test_our_export_is_read_line_at_a_time_and_imports_the_same(
    document: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    original = reader._QuickValue.__call__

    def counting(self: reader._QuickValue, text: str) -> Any:
        value = original(self, text)
        read.append(self.name if value is not document_stream.MISS else "miss")
        return value

    monkeypatch.setattr(reader._QuickValue, "__call__", counting)
    error, tables = outcome(document, tmp_path, "ours", quick=True)
    monkeypatch.setattr(reader._QuickValue, "__call__", original)
    assert error is None and len(tables["claim_groups"]) == 5
    assert read.count("group") == 5 and read.count("article") == 5 and "miss" not in read
    assert (error, tables) == outcome(document, tmp_path, "ours", quick=False)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(which=st.integers(0, 9), spot=st.sampled_from(SPOTS), number=NUMBERS,
       extra=st.sampled_from(["", "nest", "control", "surrogate", "cut", "split", "tail"]))
def test_an_edited_group_or_article_line_reads_the_same_both_ways(
    document: str, tmp_path_factory: pytest.TempPathFactory, which: int, spot: str,
    number: str, extra: str
) -> None:
    lines = document.split("\n")
    records = [i for i, line in enumerate(lines) if line.startswith("    ")]
    at_line = records[which % len(records)]
    line = lines[at_line]
    line = edit_record_line(line, spot, number, extra)
    lines[at_line] = line
    error, tables = both_ways("\n".join(lines), tmp_path_factory.mktemp("edit"))
    if error is not None:
        assert "\n" not in error and all(rows == [] for rows in tables.values())


@pytest.mark.parametrize("layout", ["one line", "indented", "articles first", "crlf"])
def test_documents_laid_out_otherwise_import_the_same_rows(
    document: str, tmp_path: Path, layout: str
) -> None:
    doc = json.loads(document)
    if layout == "one line":
        text = json.dumps(doc)
    elif layout == "indented":
        text = json.dumps(doc, indent=2)
    elif layout == "articles first":
        text = json.dumps({"articles": doc.pop("articles"), **doc}, indent=None) \
            .replace('}, "', '},\n "')
    else:
        text = document.replace("\n", "\r\n")
    whole = outcome(document, tmp_path, "reference", quick=False)
    assert whole[0] is None
    assert both_ways(text, tmp_path, layout.replace(" ", "_")) == whole


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_lone_surrogate_escape_is_refused_in_one_line_and_nothing_is_kept(
    document: str, tmp_path: Path, fmt: str
) -> None:
    """JSON lets a string hold "\\ud800"; no text can, so SQLite could not store it."""
    doc = json.loads(document)
    first = sorted(doc["articles"])[0]
    doc["articles"][first]["title"] = "Judul \ud800"  # json.dumps writes the escape
    if fmt == "json":
        text = json.dumps(doc, indent=2)
    else:
        header = {"kind": "header", **{k: v for k, v in doc.items()
                                       if k not in ("groups", "articles")}}
        lines = [header] + [{"kind": "article", **a} for a in doc["articles"].values()] + \
            [{"kind": "group", **g} for g in doc["groups"]] + \
            [{"kind": "end", "articles": len(doc["articles"]), "groups": len(doc["groups"])}]
        text = "".join(json.dumps(x) + "\n" for x in lines)
    assert "\\ud800" in text
    db = open_store(tmp_path / "surrogate.db")
    with pytest.raises(ImportFileError, match="lone surrogate") as caught:
        import_stream(db, io.StringIO(text), f"bad.{fmt}")
    assert "\n" not in str(caught.value)
    assert all(rows == [] for rows in dump(db).values())
