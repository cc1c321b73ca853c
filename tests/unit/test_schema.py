"""schema.sql is the readable definition of the database the code builds."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

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
