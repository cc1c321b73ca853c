"""Shared fixtures: real SQLite files built from the real seed articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from tests.local_web import Server, serve
from workbench.ingest.service import ingest
from workbench.store import open_store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "articles"


def fixture_path(prefix: str) -> Path:
    return next(FIXTURES.glob(f"{prefix}_*.txt"))


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
