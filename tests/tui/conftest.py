"""A review database built from the real fixtures, and the app built on it.

Groups are made by hand (not by the embedding grouping) so the tests pin the
review UI, not the grouping's judgement: claims saying the same thing across
the five Indonesian fixture articles, plus two single-claim groups.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from workbench.ingest.service import ingest
from workbench.store import open_store
from workbench.store.groups import assign, create_group, refresh_groups
from workbench.tui import Settings, make_app
from workbench.tui.app import ReviewApp

REVIEWER = "tester"
SIZE = (120, 40)

# Claim ids of the fixture articles (ingested in file order), one list per group.
GROUPS: tuple[tuple[int, ...], ...] = (
    (1, 4, 29, 30, 36),   # no evidence that North Korea sent arms (disputes)
    (5, 26, 27, 40),      # White House: over 1,000 containers shipped
    (12, 14, 46),         # North Korea denies sending weapons
    (7, 22, 39),          # Lavrov arrives in Pyongyang
    (3, 24, 48),          # Kim visited Russia
    (10, 35),             # North Korea mass-produces conventional arms
    (54,),
    (44,),
)


# Check-worthiness of claims 1..59, pinned so that the queue order these tests
# (and their snapshots) rely on does not move whenever the extractor's scoring
# is tuned; the extractor's own tests pin its scores.
CHECKWORTHINESS = (
    0.95, 0.5, 0.8, 0.7, 0.95, 0.6, 0.8, 0.6, 0.4, 0.4, 0.6, 0.95, 0.6, 0.7, 0.5, 0.85, 0.55, 0.65,
    0.4, 0.7, 0.65, 0.95, 0.85, 0.6, 0.5, 0.95, 0.95, 0.55, 0.9, 0.65, 0.6, 0.65, 0.55, 0.75, 0.45,
    0.65, 0.5, 0.6, 0.8, 0.9, 0.4, 0.65, 0.6, 1.0, 0.75, 0.5, 0.65, 0.8, 0.5, 0.5, 0.95, 0.65, 0.7,
    0.95, 0.7, 0.45, 0.4, 0.75, 0.7,
)


def build_groups(db: Database, groups: tuple[tuple[int, ...], ...] = GROUPS) -> list[int]:
    ids = []
    with db.atomic():
        db.conn.executemany("UPDATE claims SET checkworthiness = ? WHERE id = ?",
                            [(score, i) for i, score in enumerate(CHECKWORTHINESS, start=1)])
        for claims in groups:
            gid = create_group(db, model="test", method={})
            assign(db, [(c, gid, None) for c in claims])
            ids.append(gid)
        refresh_groups(db)
    return ids


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "w.db"
    db = open_store(path)
    report = ingest(db, ["fixtures/articles"])
    assert not report.of("failed")
    build_groups(db)
    db.conn.close()
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    store = open_store(db_path)
    yield store
    store.conn.close()


@pytest.fixture
def make(db: Database):
    def build(**settings: object) -> ReviewApp:
        options: dict[str, object] = {"reviewer": REVIEWER, "poll_seconds": 0}
        options.update(settings)
        return make_app(db, Settings(**options))  # type: ignore[arg-type]

    return build


@pytest.fixture
def app(make) -> ReviewApp:
    return make()
