"""The importer's quick path for new groups makes exactly what the general merge makes.

`workbench.exchange.fresh_groups` takes the groups of a file whose articles
the import has just created; `importer.QUICK_PATH = False` sends every group
the general way. Random edits of a real export (representatives, history
chains, spans, duplicate ids, overrides, the new-since-verdict mark) are
imported both ways into empty databases: the same rows, the same report, or
the same one-line error with nothing written. JSON Lines read in chunks
give the lines `readline` gave. Also the store gaps found with it: NaN
similarities and parameters at the store boundary.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tests.unit.test_exchange_export import build_reviewed
from tests.unit.test_exchange_import import TABLES
from workbench.exchange import export_to_file, importer
from workbench.exchange.importer import import_file
from workbench.exchange.reader import ImportFileError
from workbench.store import groups, open_store


@pytest.fixture(scope="module")
def export_doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A reviewed store's json export (groups with verdicts, overrides, history)."""
    from tests.conftest import FIXTURES
    from workbench.ingest.service import ingest

    folder = tmp_path_factory.mktemp("source")
    db = open_store(folder / "source.db")
    ingest(db, [str(FIXTURES)])
    build_reviewed(db)
    path = export_to_file(db, folder / "export.json", "json")
    return dict(json.loads(path.read_text(encoding="utf-8")))


STAMPS = {"ingested_at", "updated_at", "assigned_at", "added_at"}  # the clock at import


def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, the import's own clock readings left out."""
    out = {}
    for table in TABLES:
        cursor = db.execute(f"SELECT * FROM {table} ORDER BY rowid")
        names = [d[0] for d in cursor.description]
        out[table] = [tuple(None if n in STAMPS else v for n, v in zip(names, row, strict=True))
                      for row in cursor.fetchall()]
    return out


def outcome(path: Path, folder: Path, quick: bool) -> tuple[Any, ...]:
    """(error or None, every table, the report's counts) of importing `path`."""
    importer.QUICK_PATH = quick
    try:
        db = open_store(folder / f"into_{quick}.db")
        try:
            report = import_file(db, path)
        except ImportFileError as exc:
            return str(exc), dump(db), None
        return None, dump(db), dict(report.counts), report.notes
    finally:
        importer.QUICK_PATH = True


def both_ways(doc: dict[str, Any], folder: Path, fmt: str = "json") -> tuple[Any, ...]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"file.{fmt}"
    if fmt == "json":
        path.write_text(json.dumps(doc), encoding="utf-8")
    else:
        header = {"kind": "header", **{k: v for k, v in doc.items()
                                       if k not in ("groups", "articles")}}
        lines = [header] + [{"kind": "article", **a} for a in doc["articles"].values()] + \
            [{"kind": "group", **g} for g in doc["groups"]] + \
            [{"kind": "end", "articles": len(doc["articles"]), "groups": len(doc["groups"])}]
        path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    general = outcome(path, folder, quick=False)
    quick = outcome(path, folder, quick=True)
    assert quick == general
    return quick


def test_an_export_imports_the_same_both_ways_in_both_formats(
    export_doc: dict[str, Any], tmp_path: Path
) -> None:
    for fmt in ("json", "jsonl"):
        error, tables, counts, _ = both_ways(export_doc, tmp_path / fmt, fmt)
        assert error is None and counts["groups added"] == len(export_doc["groups"])
        assert len(tables["verdict_history"]) > 0 and len(tables["evidence_links"]) > 0


def _claims(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for g in doc["groups"] for c in g["claims"]]


EDITS = {
    "representative not a member": lambda d, i: d["groups"][i % len(d["groups"])].update(
        representative_claim_id=10**6),
    "representative null": lambda d, i: d["groups"][i % len(d["groups"])].update(
        representative_claim_id=None),
    "claim in two groups": lambda d, i: d["groups"][(i + 1) % len(d["groups"])]["claims"].append(
        d["groups"][i % len(d["groups"])]["claims"][0]),
    "same id twice in a group": lambda d, i: d["groups"][i % len(d["groups"])]["claims"].append(
        {**d["groups"][i % len(d["groups"])]["claims"][0], "span_start": 0, "span_end": 1}),
    "two claims at one place": lambda d, i: _claims(d)[i % len(_claims(d))].update(
        span_start=_claims(d)[(i + 1) % len(_claims(d))]["span_start"],
        article=_claims(d)[(i + 1) % len(_claims(d))]["article"]),
    "span past the body": lambda d, i: _claims(d)[i % len(_claims(d))].update(span_end=10**9),
    "group id twice": lambda d, i: d["groups"][i % len(d["groups"])].update(
        id=d["groups"][(i + 1) % len(d["groups"])]["id"]),
    "override outside its group": lambda d, i: d["groups"][i % len(d["groups"])][
        "claim_verdicts"].append({**(d["groups"][0]["verdict"] or {
            "label": "denied", "reviewer": "x", "decided_at": "2024-01-01T00:00:00+00:00",
            "note": None, "links": []}), "claim_id": 10**6}),
    "history reverts an unknown row": lambda d, i: [
        h.update(reverts=10**6) for h in d["groups"][i % len(d["groups"])]["history"][:1]],
    "history dropped": lambda d, i: d["groups"][i % len(d["groups"])].update(history=[]),
    "verdict dropped": lambda d, i: d["groups"][i % len(d["groups"])].update(verdict=None),
    "new since verdict": lambda d, i: _claims(d)[i % len(_claims(d))].update(
        new_since_verdict=True),
    "claim of no article in the file": lambda d, i: _claims(d)[i % len(_claims(d))].update(
        article={"sha256": "f" * 64}),
    "groups reversed": lambda d, i: d["groups"].reverse(),
    "history id taken twice": lambda d, i: [
        h.update(id=1) for g in d["groups"][:2] for h in g["history"][:1]],
    "bad link in history": lambda d, i: [
        h.update(links=[{"url": "https://a b.example/", "title": None}])
        for h in d["groups"][i % len(d["groups"])]["history"][:1]],
}


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(sorted(EDITS)), st.integers(0, 50)),
                      max_size=3))
def test_any_edit_of_an_export_gives_the_same_rows_or_the_same_error_both_ways(
    edits: list[tuple[str, int]], export_doc: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory
) -> None:
    doc = json.loads(json.dumps(export_doc))
    for name, where in edits:
        EDITS[name](doc, where)
    error, tables, *_ = both_ways(doc, tmp_path_factory.mktemp("edit"))
    if error is not None:  # refused in one line, nothing written
        assert "\n" not in error and all(rows == [] for rows in tables.values())


def test_every_claim_group_and_history_row_keeps_its_id_on_the_quick_path(
    export_doc: dict[str, Any], tmp_path: Path
) -> None:
    error, tables, *_ = both_ways(export_doc, tmp_path)
    assert error is None
    assert sorted(row[0] for row in tables["claim_groups"]) == \
        sorted(g["id"] for g in export_doc["groups"])
    assert sorted(row[0] for row in tables["verdict_history"]) == \
        sorted(h["id"] for g in export_doc["groups"] for h in g["history"])


def test_a_nan_or_infinite_similarity_is_stored_as_unknown(db: Database) -> None:
    gid = groups.create_group(db, model="m", method={"threshold": 0.5})
    claim_ids = store_claims(db, 3)
    groups.assign(db, [(claim_ids[0], gid, math.nan), (claim_ids[1], gid, math.inf),
                       (claim_ids[2], gid, 0.75)])
    rows = db.execute("SELECT claim_id, similarity FROM group_members ORDER BY claim_id")
    assert [r[1] for r in rows] == [None, None, 0.75]


def test_a_nan_grouping_parameter_is_refused_at_the_store(db: Database) -> None:
    with pytest.raises(groups.GroupError, match="not a finite number"):
        groups.create_group(db, model="m", method={"threshold": math.nan})
    gid = groups.create_group(db, model="m", method={"threshold": 0.5})
    with pytest.raises(groups.GroupError, match="not a finite number"):
        groups.restamp(db, gid, model="m", method={"threshold": -math.inf})
    assert db.execute("SELECT method FROM claim_groups").fetchall() == [('{"threshold": 0.5}',)]


def store_claims(db: Database, n: int) -> list[int]:
    from tests.conftest import FIXTURES
    from workbench.ingest.service import ingest

    ingest(db, [str(FIXTURES)])
    return [int(r[0]) for r in db.execute("SELECT id FROM claims ORDER BY id LIMIT ?", [n])]


def lines_by_readline(stream: Any, limit: int) -> list[str]:
    """What reading with `readline(limit + 1)` gives (the reader's former way)."""
    out = []
    while line := stream.readline(limit + 1):
        out.append(line)
        if len(line) > limit:
            break
    return out


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab\n\r\u2028 ", max_size=60), limit=st.integers(1, 12),
       chunk=st.integers(1, 9))
def test_jsonl_lines_read_in_chunks_are_those_readline_gives(
    text: str, limit: int, chunk: int
) -> None:
    import io

    from workbench.exchange import reader

    saved = reader.MAX_LINE, reader._CHUNK
    reader.MAX_LINE, reader._CHUNK = limit, chunk
    try:
        got = list(reader._lines(io.StringIO(text)))
    finally:
        reader.MAX_LINE, reader._CHUNK = saved
    assert got == lines_by_readline(io.StringIO(text), limit)
