"""schema.sql is the readable definition of the database the code builds."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from workbench.store import StoreError, open_store
from workbench.store.migrations import MIGRATIONS

ROOT = Path(__file__).resolve().parents[2]


def _objects(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
        "AND name NOT LIKE 'sqlite_%' AND tbl_name != '_sqlite_migrations'"
    ).fetchall()
    return {(t, n): _normalise(sql) for t, n, sql in rows}


def _normalise(sql: str) -> str:
    sql = re.sub(r"--[^\n]*", "", sql)
    return re.sub(r"\s+", " ", sql).replace("( ", "(").replace(" )", ")").strip()


def test_fresh_database_has_exactly_the_schema_in_schema_sql(db_path: Path) -> None:
    db = open_store(db_path)
    expected = sqlite3.connect(":memory:")
    expected.executescript((ROOT / "schema.sql").read_text())
    assert _objects(db.conn) == _objects(expected)


def test_database_uses_wal_and_foreign_keys(db_path: Path) -> None:
    db = open_store(db_path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_older_database_is_migrated_and_keeps_its_rows(db_path: Path) -> None:
    from sqlite_utils import Database

    old = Database(db_path)
    MIGRATIONS.apply(old, stop_before="m002_groups")
    old.execute(
        "INSERT INTO articles (sha256, title, language, body, ingested_at) "
        "VALUES ('abc', 'Old', 'id', 'Body.', 'then')"
    )
    old.conn.commit()
    old.close()
    db = open_store(db_path)
    assert "verdicts" in db.table_names()
    assert db.execute("SELECT title FROM articles").fetchall() == [("Old",)]


def test_database_made_by_another_program_is_refused_untouched(db_path: Path) -> None:
    other = sqlite3.connect(db_path)
    other.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    other.commit()
    other.close()
    with pytest.raises(StoreError, match="another program"):
        open_store(db_path)
    tables = sqlite3.connect(db_path).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("customers",)]


def test_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("just some notes")
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_store(path)
    assert path.read_text() == "just some notes"


def test_database_from_a_newer_workbench_is_refused(db_path: Path) -> None:
    db = open_store(db_path)
    db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        [MIGRATIONS.name, "m999_future", "later"],
    )
    db.conn.commit()
    with pytest.raises(StoreError, match="newer"):
        open_store(db_path)


def test_m007_rebuild_keeps_verdicts_their_links_and_history(db_path: Path) -> None:
    """The verdicts table is rebuilt for the fourth label; links must survive."""
    old = Database(sqlite3.connect(db_path))
    old.conn.execute("PRAGMA foreign_keys = ON")
    MIGRATIONS.apply(old, stop_before="m007_review_desk")
    old.execute("INSERT INTO articles (id, sha256, title, language, body, ingested_at) "
                "VALUES (1, 'x', 'T', 'en', 'Body.', 'now')")
    old.execute("INSERT INTO claims (id, article_id, text, content, stance, quote, span_start, "
                "span_end, checkworthiness) VALUES (1, 1, 'Body.', 'Body.', 'asserts', 0, 0, 5, 0.5)")
    old.execute("INSERT INTO claim_groups (id, model, method, created_at, updated_at) "
                "VALUES (7, 'm', '{}', 'now', 'now')")
    old.execute("INSERT INTO verdicts (id, group_id, label, reviewer, note, decided_at) "
                "VALUES (3, 7, 'denied', 'ana', 'why', 'now')")
    old.execute("INSERT INTO evidence_links (verdict_id, url, added_at) "
                "VALUES (3, 'https://example.org/a', 'now')")
    old.conn.commit()
    old.conn.close()

    db = open_store(db_path)
    assert db.execute("SELECT id, group_id, label, note FROM verdicts").fetchall() == [
        (3, 7, "denied", "why")]
    assert db.execute("SELECT verdict_id, url FROM evidence_links").fetchall() == [
        (3, "https://example.org/a")]
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    # The new label and an evidence-only row (no label yet) are accepted.
    db.execute("UPDATE verdicts SET label = 'not_checkable' WHERE id = 3")
    db.execute("INSERT INTO verdicts (claim_id, label, reviewer, note, decided_at) "
                "VALUES (1, NULL, 'ana', 'a lead', 'now')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE verdicts SET label = 'maybe' WHERE id = 3")
    # Deleting the verdict still cascades to its links: the foreign key points at the new table.
    db.execute("DELETE FROM verdicts WHERE id = 3")
    assert db.execute("SELECT count(*) FROM evidence_links").fetchone()[0] == 0


def test_m009_gives_grouped_claims_an_unknown_neighbourhood_and_keeps_them(
        db_path: Path) -> None:
    """A version-8 file: its memberships survive, each with no density or
    reach yet (the next grouping run searches those claims and stores them)."""
    from workbench.store import groups

    old = Database(sqlite3.connect(db_path))
    MIGRATIONS.apply(old, stop_before="m009_member_neighbourhood")
    old.execute("INSERT INTO articles (id, sha256, title, language, body, ingested_at) "
                "VALUES (1, 'x', 'T', 'en', 'Body. More.', 'now')")
    for claim_id, start in ((1, 0), (2, 6)):
        old.execute("INSERT INTO claims (id, article_id, text, content, stance, quote, "
                    "span_start, span_end, checkworthiness) "
                    "VALUES (?, 1, 'Body.', 'Body.', 'asserts', 0, ?, 5, 0.5)", [claim_id, start])
    old.execute("INSERT INTO claim_groups (id, model, method, created_at, updated_at) "
                "VALUES (7, 'm', '{}', 'now', 'now')")
    old.execute("INSERT INTO group_members (claim_id, group_id, assigned_by, similarity, "
                "assigned_at, new_since_verdict) VALUES (1, 7, 'model', 0.91, 'then', 1), "
                "(2, 7, 'reviewer', NULL, 'then', 0)")
    old.conn.commit()
    old.conn.close()

    db = open_store(db_path)
    assert db.execute("SELECT claim_id, group_id, assigned_by, similarity, assigned_at, "
                      "new_since_verdict, density, reach FROM group_members ORDER BY claim_id"
                      ).fetchall() == [(1, 7, "model", 0.91, "then", 1, None, None),
                                       (2, 7, "reviewer", None, "then", 0, None, None)]
    assert groups.neighbourhoods(db) == {}
    groups.set_neighbourhoods(db, [(1, 0.53125, 0.375), (2, float("nan"), 0.5)])
    assert groups.neighbourhoods(db) == {1: (0.53125, 0.375)}
