"""Shared fixtures: real SQLite files built from the real seed articles."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from tests.local_web import Server, serve
from workbench.embed.base import Embedder
from workbench.ingest.service import ingest
from workbench.store import open_store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "articles"


def fixture_path(prefix: str) -> Path:
    return next(FIXTURES.glob(f"{prefix}_*.txt"))


def grouped_store(path: Path, sources: list[Path], embedder: Embedder) -> Path:
    """A store at `path` holding `sources` ingested and grouped with the
    default settings, closed (for module fixtures that copy it per test)."""
    from workbench.grouping.service import run_grouping

    db = open_store(path)
    ingest(db, [str(p) for p in sources])
    run_grouping(db, embedder)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def copy_store(template: Path, where: Path) -> Database:
    """A fresh copy of the closed store `template` in folder `where`, opened."""
    where.mkdir(parents=True, exist_ok=True)
    target = where / "w.db"
    for suffix in ("-wal", "-shm", ""):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copy(template, target)
    return open_store(target)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workbench.db"


@pytest.fixture
def db(db_path: Path) -> Database:
    return open_store(db_path)


@pytest.fixture
def fixture_db(db: Database) -> Database:
    """A database holding the five seed articles and their claims."""
    report = ingest(db, [str(FIXTURES)])
    assert len(report.of("added")) == 5
    return db


PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                   "all_proxy")


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fetch tests talk to 127.0.0.1 directly, whatever proxy the machine sets."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server() -> Iterator[Server]:
    """A real HTTP server on 127.0.0.1 serving the pages tests/local_web.py writes."""
    with serve() as s:
        yield s
