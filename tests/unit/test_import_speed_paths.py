"""The importer's quick path for new groups makes exactly what the general merge makes.

`_Merger.fresh_group` takes the groups of a file whose articles the import has
just created; `importer.QUICK_PATH = False` sends every group the general way.
Random edits of a real export (representatives, history chains, spans,
duplicate ids, evidence-only verdicts, published text, bad links, the
new-since-verdict mark) are imported both ways, into an empty database and
into one that already holds rows and history: the same rows, the same report,
or the same one-line error with nothing written.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tests.unit.test_exchange_export import build_reviewed
from tests.unit.test_exchange_import import TABLES
from workbench.exchange import export_to_file, importer
from workbench.exchange.importer import _encode_links, import_file
from workbench.exchange.reader import ImportFileError
from workbench.store import open_store


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """A reviewed store's json export (groups with verdicts, overrides, history)
    and the store itself, to import into a database that holds rows already."""
    from tests.conftest import FIXTURES
    from workbench.ingest.service import ingest

    folder = tmp_path_factory.mktemp("source")
    db = open_store(folder / "source.db")
    ingest(db, [str(FIXTURES)])
    build_reviewed(db)
    path = export_to_file(db, folder / "export.json", "json")
    db.conn.close()
    return dict(json.loads(path.read_text(encoding="utf-8"))), folder / "source.db"


# The clock at import (and the time of an `import` history row).
STAMPS = {"ingested_at", "updated_at", "assigned_at", "added_at"}


def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, the import's own clock readings left out."""
    out = {}
    for table in (*TABLES, "speakers"):
        # Speakers are registered a batch at a time: their order is the batches'.
        order = "name" if table == "speakers" else "rowid"
        cursor = db.execute(f"SELECT * FROM {table} ORDER BY {order}")
        names = [d[0] for d in cursor.description]
        out[table] = [tuple(None if n in STAMPS or (n == "at" and "import" in row) else v
                            for n, v in zip(names, row, strict=True))
                      for row in cursor.fetchall()]
    return out


def outcome(path: Path, folder: Path, quick: bool, start: Path | None) -> tuple[Any, ...]:
    """(error or None, every table, the report's counts, conflicts and notes) of
    importing `path` into a copy of `start` (None: an empty database)."""
    target = folder / f"into_{quick}.db"
    if start is not None:
        shutil.copyfile(start, target)
    importer.QUICK_PATH = quick
    try:
        db = open_store(target)
        try:
            report = import_file(db, path)
        except ImportFileError as exc:
            return str(exc), dump(db), None, None
        return None, dump(db), dict(report.counts), \
            ([c.describe() for c in report.conflicts], report.notes)
    finally:
        importer.QUICK_PATH = True


def both_ways(doc: dict[str, Any], folder: Path, fmt: str = "json",
              start: Path | None = None) -> tuple[Any, ...]:
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
    general = outcome(path, folder, quick=False, start=start)
    quick = outcome(path, folder, quick=True, start=start)
    assert quick == general
    return quick


def test_an_export_imports_the_same_both_ways_in_both_formats(
    source: tuple[dict[str, Any], Path], tmp_path: Path
) -> None:
    doc = source[0]
    for fmt in ("json", "jsonl"):
        error, tables, counts, _ = both_ways(doc, tmp_path / fmt, fmt)
        assert error is None and counts["groups added"] == len(doc["groups"])
        assert counts["claims added"] == sum(len(g["claims"]) for g in doc["groups"])
        assert len(tables["verdict_history"]) > 0 and len(tables["evidence_links"]) > 0


def _claims(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for g in doc["groups"] for c in g["claims"]]


def _group(doc: dict[str, Any], i: int) -> dict[str, Any]:
    return dict(doc["groups"][i % len(doc["groups"])])


def _evidence_only(doc: dict[str, Any], i: int) -> None:
    g = doc["groups"][i % len(doc["groups"])]
    g["verdict"] = {"label": None, "reviewer": "desk_c", "decided_at": "2024-01-02T00:00:00+00:00",
                    "note": "waiting for the ministry",
                    "links": [{"url": "https://example.org/ü", "title": "Ministri \"kata\""},
                              {"url": "https://example.org/ü", "title": None}]}


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
    "evidence-only verdict": _evidence_only,
    "not checkable": lambda d, i: (d["groups"][i % len(d["groups"])]["verdict"] or {}).update(
        label="not_checkable"),
    "published text": lambda d, i: d["groups"][i % len(d["groups"])].update(
        published_text=f"Teks terbit {i}"),
    "blank published text": lambda d, i: d["groups"][i % len(d["groups"])].update(
        published_text="  "),
    "assigned by a reviewer": lambda d, i: _claims(d)[i % len(_claims(d))].update(
        assigned_by="reviewer", similarity=None),
    "new since verdict": lambda d, i: _claims(d)[i % len(_claims(d))].update(
        new_since_verdict=True),
    "claim of no article in the file": lambda d, i: _claims(d)[i % len(_claims(d))].update(
        article={"sha256": "f" * 64}),
    "article dropped": lambda d, i: d["articles"].pop(sorted(d["articles"])[i % len(d["articles"])]),
    "groups reversed": lambda d, i: d["groups"].reverse(),
    "history id taken twice": lambda d, i: [
        h.update(id=1) for g in d["groups"][:2] for h in g["history"][:1]],
    "bad link in history": lambda d, i: [
        h.update(links=[{"url": "https://a b.example/", "title": None}])
        for h in d["groups"][i % len(d["groups"])]["history"][:1]],
    "hidden character in a verdict link": lambda d, i: (
        d["groups"][i % len(d["groups"])]["verdict"] or {"links": []})["links"].append(
        {"url": "https://example.com/\u202egpj.exe", "title": None}),
    "duplicate link": lambda d, i: [
        v["links"].extend(v["links"][:1]) for v in [d["groups"][i % len(d["groups"])]["verdict"]]
        if v],
    "a group twice, new ids": lambda d, i: d["groups"].append(
        {**_group(d, i), "id": 10**5, "claims": [
            {**c, "id": 10**5 + n, "span_start": c["span_start"] + 1}
            for n, c in enumerate(_group(d, i)["claims"])],
         "claim_verdicts": [], "history": [
            {**h, "id": 10**5 + n, "claim_id": None, "reverts": None}
            for n, h in enumerate(_group(d, i)["history"]) if h["claim_id"] is None]}),
}


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(sorted(EDITS)), st.integers(0, 50)),
                      max_size=3),
       fmt=st.sampled_from(["json", "jsonl"]), into_source=st.booleans())
def test_any_edit_of_an_export_gives_the_same_rows_or_the_same_error_both_ways(
    edits: list[tuple[str, int]], fmt: str, into_source: bool,
    source: tuple[dict[str, Any], Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    doc = json.loads(json.dumps(source[0]))
    for name, where in edits:
        EDITS[name](doc, where)
    start = source[1] if into_source else None
    before = outcome_of_nothing(start)
    error, tables, *_ = both_ways(doc, tmp_path_factory.mktemp("edit"), fmt, start)
    if error is not None:  # refused in one line, nothing written
        assert "\n" not in error and tables == before


def outcome_of_nothing(start: Path | None) -> dict[str, list[tuple[Any, ...]]]:
    """The tables of the database imported into, before the import."""
    if start is None:
        return {t: [] for t in (*TABLES, "speakers")}
    db = open_store(start)
    try:
        return dump(db)
    finally:
        db.conn.close()


def test_a_new_group_whose_id_local_history_names_is_judged_the_general_way(
    source: tuple[dict[str, Any], Path], tmp_path: Path
) -> None:
    """Local history naming a group id no stored group has (its group deleted)
    makes a new group given that id a judged target: the quick path hands its
    verdict to the general merge, which records the file's verdict as an import
    instead of copying the file's history as the group's own."""
    start = tmp_path / "start.db"
    db = open_store(start)
    with db.atomic():
        db.execute("INSERT INTO verdict_history (group_id, claim_id, action, label, reviewer, at)"
                   " VALUES (1, NULL, 'set', 'denied', 'desk_z', '2024-01-01T00:00:00+00:00')")
    db.conn.close()
    error, tables, counts, _ = both_ways(source[0], tmp_path / "run", "jsonl", start)
    assert error is None and counts["groups added"] == len(source[0]["groups"])
    judged = [row for row in tables["verdict_history"] if row[1] == 1]
    assert [row[3] for row in judged] == ["set", "import"]  # desk_z's row, then the file's


@settings(max_examples=200, deadline=None)
@given(links=st.lists(st.tuples(st.text(), st.none() | st.text()), max_size=4))
def test_links_are_encoded_as_the_verdict_store_writes_them(
    links: list[tuple[str, str | None]]
) -> None:
    expected = json.dumps([{"url": u, "title": t} for u, t in links], ensure_ascii=False)
    assert _encode_links(links) == expected


def test_the_cycle_collector_runs_again_after_an_import_whether_it_worked_or_not(
    source: tuple[dict[str, Any], Path], tmp_path: Path
) -> None:
    import gc

    good = tmp_path / "good.json"
    good.write_text(json.dumps(source[0]), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**source[0], "format_version": "x"}), encoding="utf-8")
    db = open_store(tmp_path / "into.db")
    assert gc.isenabled()
    import_file(db, good)
    assert gc.isenabled()
    with pytest.raises(ImportFileError):
        import_file(db, bad)
    assert gc.isenabled()


@pytest.mark.parametrize("batch", [1, 2, 7])
def test_batches_written_on_the_second_thread_give_the_same_rows(
    source: tuple[dict[str, Any], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    batch: int
) -> None:
    """Tiny batches fill again and again, so history, verdicts and links go to
    the second thread while the next records are merged, and the general path
    (into the source store itself, where everything matches) reads between."""
    from workbench.store import import_writer

    doc = source[0]
    expected = {}
    for into_source in (False, True):
        start = source[1] if into_source else None
        folder = tmp_path / f"ref_{into_source}"
        expected[into_source] = outcome(_written(doc, folder), folder, True, start)
    monkeypatch.setattr(import_writer, "BATCH", batch)
    later: list[int] = []
    original = import_writer.RowWriter._write_later

    def counted(self: import_writer.RowWriter, statements: list[tuple[str, str]]) -> None:
        later.append(len(statements))
        original(self, statements)

    monkeypatch.setattr(import_writer.RowWriter, "_write_later", counted)
    for into_source in (False, True):
        start = source[1] if into_source else None
        folder = tmp_path / f"small_{into_source}"
        assert outcome(_written(doc, folder), folder, True, start) == expected[into_source]
    assert later  # batches did go to the second thread


def _written(doc: dict[str, Any], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "file.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_an_error_after_batches_went_to_the_second_thread_rolls_everything_back(
    source: tuple[dict[str, Any], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.store import import_writer

    monkeypatch.setattr(import_writer, "BATCH", 2)
    doc = json.loads(json.dumps(source[0]))
    last = [g for g in doc["groups"] if g["history"]][-1]
    last["history"][0]["links"] = [{"url": "https://a b.example/", "title": None}]
    error, tables, *_ = outcome(_written(doc, tmp_path), tmp_path, True, None)
    assert error is not None and "evidence link" in error and "\n" not in error
    assert all(rows == [] for rows in tables.values())


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.text(alphabet=st.sampled_from("\x00\\u0\"\n\x1f\u202e\u00e9\U0001f600a"),
                   min_size=1) | st.text(min_size=1),
       title=st.text(), reviewer=st.text(min_size=1),
       batch=st.sampled_from([1, 20_000]))
def test_any_text_is_stored_as_the_file_has_it_on_either_thread(
    source: tuple[dict[str, Any], Path], tmp_path_factory: pytest.TempPathFactory,
    note: str, title: str, reviewer: str, batch: int
) -> None:
    """History, verdicts and links reach SQLite through JSON when a batch goes to
    the second thread: notes, titles and names (NUL, controls, any plane) come
    back as they were, or the file is refused in one line (text that is not text)."""
    from workbench.store import import_writer

    doc = json.loads(json.dumps(source[0]))
    group = next(g for g in doc["groups"] if g["verdict"] and g["history"])
    group["verdict"].update(note=note, reviewer=reviewer,
                            links=[{"url": "https://example.org/n", "title": title}])
    group["history"][-1].update(note=note, reviewer=reviewer)
    folder = tmp_path_factory.mktemp("text")
    saved = import_writer.BATCH
    import_writer.BATCH = batch
    try:
        db = open_store(folder / "into.db")
        try:
            import_file(db, _written(doc, folder))
        except ImportFileError as exc:
            assert "\n" not in str(exc) and any(
                0xD800 <= ord(ch) <= 0xDFFF for ch in note + title + reviewer)
            return
    finally:
        import_writer.BATCH = saved
    verdicts = db.execute("SELECT note, reviewer FROM verdicts WHERE group_id IS NOT NULL "
                          "AND note IS ?", [note]).fetchall()
    assert verdicts == [(note, reviewer)]
    assert db.execute("SELECT title FROM evidence_links WHERE url = ?",
                      ["https://example.org/n"]).fetchall() == [(title,)]
    assert db.execute("SELECT count(*) FROM verdict_history WHERE note IS ? AND reviewer IS ?",
                      [note, reviewer]).fetchone()[0] >= 1


@pytest.mark.parametrize("batch", [1, 20_000])
def test_a_nul_in_one_table_only_keeps_the_tables_in_order(
    source: tuple[dict[str, Any], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    batch: int
) -> None:
    """A link title with a NUL sends the links row by row while the verdicts they
    belong to go as JSON: the verdicts must still be written first (the links'
    foreign key), on either thread."""
    from workbench.store import import_writer

    monkeypatch.setattr(import_writer, "BATCH", batch)
    doc = json.loads(json.dumps(source[0]))
    group = next(g for g in doc["groups"] if g["verdict"])
    group["verdict"]["links"] = [{"url": "https://example.org/nul", "title": "a\x00b"}]
    db = open_store(tmp_path / "into.db")
    import_file(db, _written(doc, tmp_path))
    assert db.execute("SELECT l.title, v.group_id IS NOT NULL FROM evidence_links l "
                      "JOIN verdicts v ON v.id = l.verdict_id WHERE l.url = ?",
                      ["https://example.org/nul"]).fetchall() == [("a\x00b", 1)]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(similarity=st.floats(allow_nan=False, allow_infinity=False) | st.integers(-2**63, 2**63 - 1),
       worth=st.floats(0, 1), batch=st.sampled_from([1, 20_000]))
def test_any_similarity_and_checkworthiness_are_stored_exactly_on_either_thread(
    source: tuple[dict[str, Any], Path], tmp_path_factory: pytest.TempPathFactory,
    similarity: float, worth: float, batch: int
) -> None:
    """Claims and memberships reach SQLite through JSON when SQLite reads every
    REAL of the batch back exactly, else row by row: either way each number is
    stored as the file has it (subnormals, -0.0, integers of 64 bits)."""
    from workbench.store import import_writer

    doc = json.loads(json.dumps(source[0]))
    claim = doc["groups"][0]["claims"][0]
    claim.update(similarity=similarity, checkworthiness=worth)
    folder = tmp_path_factory.mktemp("numbers")
    saved = import_writer.BATCH
    import_writer.BATCH = batch
    try:
        db = open_store(folder / "into.db")
        import_file(db, _written(doc, folder))
    finally:
        import_writer.BATCH = saved
    stored = db.execute("SELECT m.similarity, c.checkworthiness FROM claims c JOIN "
                        "group_members m ON m.claim_id = c.id WHERE c.id = ?",
                        [claim["id"]]).fetchone()
    assert (repr(stored[0]), repr(stored[1])) == (repr(float(similarity)), repr(float(worth)))


@pytest.mark.parametrize("batch", [1, 20_000])
def test_a_real_sqlite_would_read_back_differently_goes_row_by_row(
    source: tuple[dict[str, Any], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    batch: int
) -> None:
    """Should SQLite's JSON reading give a REAL back a bit off (it has its own
    decimal reader), that table goes by `executemany`: the same rows, and no
    JSON statement for it."""
    from workbench.store import import_rows, import_writer

    doc = source[0]
    expected = outcome(_written(doc, tmp_path / "ref"), tmp_path / "ref", True, None)
    monkeypatch.setattr(import_writer, "BATCH", batch)
    monkeypatch.setattr(import_rows, "read_back", lambda db, array: [
        v + 1 if isinstance(v, float) else v for v in json.loads(array)])
    ran: list[str] = []
    original = import_writer.RowWriter._write_later

    def counted(self: import_writer.RowWriter, statements: list[tuple[str, str]]) -> None:
        ran.extend(sql for sql, _ in statements)
        original(self, statements)

    monkeypatch.setattr(import_writer.RowWriter, "_write_later", counted)
    folder = tmp_path / "off"
    assert outcome(_written(doc, folder), folder, True, None) == expected
    assert import_rows.CLAIM_JSON_SQL not in ran and import_rows.MEMBER_JSON_SQL not in ran
    if batch == 1:
        assert import_rows.GROUP_JSON_SQL in ran


def test_the_switch_interval_is_short_only_while_a_batch_is_in_flight(
    source: tuple[dict[str, Any], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second thread gets the interpreter lock back quickly while it writes;
    the interval the process had is back after the import, whether it worked
    or failed."""
    import sys

    from workbench.store import import_writer

    monkeypatch.setattr(import_writer, "BATCH", 2)
    during: list[float] = []
    original = import_writer.RowWriter._write_later

    def watched(self: import_writer.RowWriter, statements: list[tuple[str, str]]) -> None:
        during.append(sys.getswitchinterval())
        original(self, statements)

    monkeypatch.setattr(import_writer.RowWriter, "_write_later", watched)
    before = sys.getswitchinterval()
    assert before > import_writer.SWITCH_INTERVAL
    import_file(open_store(tmp_path / "good.db"), _written(source[0], tmp_path / "good"))
    assert during and all(x == pytest.approx(import_writer.SWITCH_INTERVAL) for x in during)
    assert sys.getswitchinterval() == before
    doc = json.loads(json.dumps(source[0]))
    last = [g for g in doc["groups"] if g["history"]][-1]
    last["history"][0]["links"] = [{"url": "https://a b.example/", "title": None}]
    with pytest.raises(ImportFileError):
        import_file(open_store(tmp_path / "bad.db"), _written(doc, tmp_path / "bad"))
    assert sys.getswitchinterval() == before
