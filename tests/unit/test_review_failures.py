"""Refused review actions: a clear one-line reason and nothing stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from tests.unit.test_review_service import Groups, build_groups, history_rows, verdict_rows
from workbench.review import ReviewError, ReviewService
from workbench.store import groups


@pytest.fixture
def grouped(fixture_db: Database) -> Groups:
    return build_groups(fixture_db)


def test_verdict_on_a_merged_away_group_is_refused(fixture_db: Database, grouped: Groups) -> None:
    groups.merge(fixture_db, grouped.a, grouped.b, "desk_a")
    desk_a = ReviewService(fixture_db, "desk_a")
    with pytest.raises(ReviewError) as caught:
        desk_a.set_verdict(grouped.b, "supported", links=["https://example.org/"])
    assert str(caught.value) == f"group {grouped.b} was merged into group {grouped.a}"
    with pytest.raises(ReviewError, match="was merged into"):
        desk_a.set_verdict(grouped.b, "supported", claim_id=grouped.b_claims[0])
    # the claim now belongs to the surviving group
    desk_a.set_verdict(grouped.a, "denied", claim_id=grouped.b_claims[0])
    assert [(r["group_id"], r["claim_id"]) for r in verdict_rows(fixture_db)] == [
        (None, grouped.b_claims[0])]
    assert len(history_rows(fixture_db)) == 1


def test_read_only_database_refuses_and_keeps_the_earlier_verdict(
    db_path: Path, fixture_db: Database, grouped: Groups
) -> None:
    ReviewService(fixture_db, "desk_a").set_verdict(grouped.a, "supported", note="kept")
    readonly = Database(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True))
    desk_a = ReviewService(readonly, "desk_a")
    attempts = (lambda: desk_a.set_verdict(grouped.a, "denied", links=["https://x.example/"]),
                lambda: desk_a.set_note(grouped.a, "changed"),
                lambda: desk_a.clear_verdict(grouped.a))
    for attempt in attempts:
        with pytest.raises(ReviewError) as caught:
            attempt()
        assert str(caught.value) == "the database is read-only; the verdict was not saved"
    with pytest.raises(ReviewError, match="read-only; nothing was undone"):
        desk_a.undo()
    assert not readonly.conn.in_transaction
    kept = ReviewService(fixture_db, "desk_a").verdict(grouped.a)
    assert kept is not None and (kept.label, kept.note, kept.links) == ("supported", "kept", ())
    assert len(history_rows(fixture_db)) == 1


def test_locked_database_refuses_with_try_again(
    db_path: Path, fixture_db: Database, grouped: Groups
) -> None:
    fixture_db.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(str(db_path), timeout=0.05)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(ReviewError, match="locked by another writer; try again"):
            ReviewService(fixture_db, "desk_a").set_verdict(grouped.a, "supported")
    finally:
        other.rollback()
        other.close()
    assert verdict_rows(fixture_db) == []
    # once the other writer is done, the same action goes through
    ReviewService(fixture_db, "desk_a").set_verdict(grouped.a, "supported")
    assert len(verdict_rows(fixture_db)) == 1


def test_a_failure_after_the_verdict_write_leaves_nothing_half_written(
    fixture_db: Database, grouped: Groups
) -> None:
    desk_a = ReviewService(fixture_db, "desk_a")
    desk_a.set_verdict(grouped.a, "supported", links=["https://a.example/"])
    fixture_db.execute(
        """CREATE TEMP TRIGGER refuse_history BEFORE INSERT ON verdict_history
           BEGIN SELECT RAISE(ABORT, 'history refused'); END""")
    with pytest.raises(ReviewError, match="history refused"):
        desk_a.set_verdict(grouped.a, "denied", links=["https://b.example/"])
    fixture_db.execute("DROP TRIGGER refuse_history")
    v = desk_a.verdict(grouped.a)
    assert v is not None and (v.label, [x.url for x in v.links]) == (
        "supported", ["https://a.example/"])
    assert len(history_rows(fixture_db)) == 1
