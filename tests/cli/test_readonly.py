"""Read-only databases: listings and export work, writers refuse in one line.

Tests run as root, for whom file permissions do not stop a write, so the
read-only paths are exercised three honest ways: the `mode=ro` opener
directly, the `--read-only` flag and `$WORKBENCH_READ_ONLY`, and (where the
filesystem allows `chattr +i`) a folder and file the kernel really refuses to
write, which is what read-only media look like to SQLite.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlite_utils import Database

from tests.unit.test_exchange_export import Reviewed, build_reviewed
from workbench.cli import articles as _a  # noqa: F401  (registers commands)
from workbench.cli import exchange_cmds as _x  # noqa: F401
from workbench.cli import grouping as _g  # noqa: F401
from workbench.cli import review_cmds as _r  # noqa: F401
from workbench.cli.app import cli
from workbench.store import StoreError
from workbench.store.connection import is_read_only, open_read_only

LISTINGS = (("articles",), ("articles", "--json"), ("claims",), ("claims", "--json"),
            ("groups",), ("groups", "--json"), ("export",), ("export", "--format", "jsonl"))


def run(db: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env={"COLUMNS": "300", **(env or {})}).invoke(
        cli, ["--db", str(db), *args], catch_exceptions=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def reviewed(fixture_db: Database) -> Reviewed:
    reviewed = build_reviewed(fixture_db)
    fixture_db.conn.close()  # the last close checkpoints the WAL: one file on disk
    return reviewed


def writers(reviewed: Reviewed, tmp_path: Path) -> list[tuple[str, ...]]:
    source = tmp_path / "new.txt"
    source.write_text("JAKARTA - Menteri mengatakan harga beras naik 20 persen tahun ini.",
                      encoding="utf-8")
    group = str(reviewed.ids["e"])
    exchange = tmp_path / "colleague.jsonl"
    exchange.write_text('{"kind": "header", "format_version": 1}\n', encoding="utf-8")
    return [("verdict", group, "supported", "--reviewer", "desk"), ("undo", "--reviewer", "desk"),
            ("import", str(exchange)),
            ("split", str(reviewed.claims["e"][0]), "--reviewer", "desk"),
            ("merge", group, str(reviewed.ids["d"]), "--reviewer", "desk"),
            ("ingest", str(source)), ("group",)]


def test_the_read_only_opener_reads_and_refuses_every_write(
    db_path: Path, reviewed: Reviewed
) -> None:
    before = digest(db_path)
    db = open_read_only(db_path)
    assert is_read_only(db)
    assert db.execute("SELECT count(*) FROM claim_groups").fetchone()[0] == 5
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
        db.execute("DELETE FROM verdicts")
    db.conn.close()
    assert digest(db_path) == before


def test_the_read_only_opener_never_creates_or_migrates(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="never creates one"):
        open_read_only(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    conn.execute("CREATE TABLE _sqlite_migrations (migration_set TEXT, name TEXT, "
                 "applied_at TEXT)")
    conn.execute("INSERT INTO _sqlite_migrations VALUES ('claim-workbench', "
                 "'m001_articles_and_claims', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="needs migrating"):
        open_read_only(old)


@pytest.mark.parametrize("how", ["flag", "env"])
def test_listings_and_export_work_read_only_and_writers_refuse(
    db_path: Path, reviewed: Reviewed, tmp_path: Path, how: str
) -> None:
    before = digest(db_path)
    flag = ["--read-only"] if how == "flag" else []
    env = {"WORKBENCH_READ_ONLY": "1"} if how == "env" else {}
    for args in LISTINGS:
        result = run(db_path, *flag, *args, env=env)
        assert result.exit_code == 0, (args, result.output)
    exported = run(db_path, *flag, "export", env=env)
    assert len(json.loads(exported.stdout)["groups"]) == 5
    for args in writers(reviewed, tmp_path):
        result = run(db_path, *flag, *args, env=env)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.startswith(f"error: database is read-only: {args[0]} needs to write")
        assert result.stderr.count("\n") == 1
    assert digest(db_path) == before
    wal = Path(f"{db_path}-wal")  # a WAL reader may create it where it can, but writes nothing
    assert not wal.exists() or wal.stat().st_size == 0


@pytest.fixture
def immutable_folder(db_path: Path, reviewed: Reviewed) -> Iterator[Path]:
    """The database in a folder the kernel refuses to write, as on read-only media."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not available")
    folder = db_path.parent
    locked = [db_path, folder]
    done: list[Path] = []
    try:
        for path in locked:
            if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
                pytest.skip("this filesystem or user cannot set the immutable attribute")
            done.append(path)
        yield db_path
    finally:
        for path in reversed(done):
            subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_database_on_read_only_media_is_listed_and_exported_without_the_flag(
    immutable_folder: Path, reviewed: Reviewed, tmp_path_factory: pytest.TempPathFactory
) -> None:
    db_path = immutable_folder
    for args in LISTINGS:
        result = run(db_path, *args)
        assert result.exit_code == 0, (args, result.output)
    out = tmp_path_factory.mktemp("out") / "export.jsonl"
    result = run(db_path, "export", "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[-1])["groups"] == 5
    source = tmp_path_factory.mktemp("src")
    for args in writers(reviewed, source):
        result = run(db_path, *args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.startswith(f"error: database is read-only: {args[0]} needs to write")
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]
