"""Shared fixtures: real SQLite files built from the real seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

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
