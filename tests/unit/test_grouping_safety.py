"""Grouping runs never lose a verdict, never move a judged claim, and write
all or nothing. Real store, real bundled model, real fixtures."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlite_utils import Database

from tests.conftest import FIXTURES
from workbench.embed import load_embedder
from workbench.grouping.service import run_grouping
from workbench.ingest.service import ingest
from workbench.review import ReviewService
from workbench.store import groups as group_store
from workbench.store.embeddings import text_hash

ENGLISH = (b"WASHINGTON - North Korea has sent more than 1,000 containers of military equipment "
           b"and munitions to Russia in recent weeks, the White House said on Friday (13/10/2023).\n")


@pytest.fixture(scope="module")
def embedder():  # type: ignore[no-untyped-def]
    return load_embedder(None)


def _group_with(db: Database, needle: str) -> int:
    row = db.execute(
        "SELECT m.group_id FROM claims c JOIN group_members m ON m.claim_id = c.id "
        "WHERE c.text LIKE ? ORDER BY c.id LIMIT 1", [f"%{needle}%"]).fetchone()
    return int(row[0])


def _members(db: Database, group_id: int) -> set[int]:
    rows = db.execute("SELECT claim_id FROM group_members WHERE group_id = ?", [group_id]).fetchall()
    return {int(r[0]) for r in rows}


def test_verdicts_survive_new_articles_and_a_full_rebuild(db: Database, embedder) -> None:  # type: ignore[no-untyped-def]
    ingest(db, [str(FIXTURES)])
    run_grouping(db, embedder)
    containers = _group_with(db, "1.000 kontainer")
    shells = _group_with(db, "60.000 peluru")
    judged_members = _members(db, containers)
    review = ReviewService(db, "checker")
    review.set_verdict(containers, "supported", note="matches the White House briefing",
                       links=["https://www.whitehouse.gov/briefing-room/"])
    shell_claim = min(_members(db, shells))
    review.set_verdict(shells, "disputed", claim_id=shell_claim)

    ingest(db, ["-"], stdin=io.BytesIO(ENGLISH))
    report = run_grouping(db, embedder)
    assert report.encoded == 1 and report.joined == 1
    run_grouping(db, embedder, rebuild=True)

    assert judged_members < _members(db, containers)  # kept every claim, gained the English one
    verdict = review.verdict(containers)
    assert verdict is not None and verdict.label == "supported"
    assert [link.url for link in verdict.links] == ["https://www.whitehouse.gov/briefing-room/"]
    assert group_store.group_of_claim(db, shell_claim) == shells
    claim_verdict = review.verdict(shells, claim_id=shell_claim)
    assert claim_verdict is not None and claim_verdict.label == "disputed"


def test_claims_with_no_content_are_skipped_not_embedded(db: Database, embedder) -> None:  # type: ignore[no-untyped-def]
    ingest(db, [str(FIXTURES)])
    db.execute("UPDATE claims SET content = '  ' WHERE id = 1")
    db.conn.commit()
    report = run_grouping(db, embedder)
    assert report.skipped_empty == 1
    assert group_store.group_of_claim(db, 1) is None
    embedded = db.execute("SELECT count(*) FROM embeddings WHERE text_sha256 = ?",
                          [text_hash("  ")]).fetchone()[0]
    assert embedded == 0
    assert report.encoded == report.claims - 1  # the Peskov quote appears twice, encoded once


def test_an_interrupted_run_leaves_the_previous_grouping_intact(
    db: Database, embedder, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    ingest(db, [str(FIXTURES)])
    run_grouping(db, embedder)
    before = db.execute("SELECT claim_id, group_id FROM group_members ORDER BY claim_id").fetchall()
    groups_before = db.execute("SELECT count(*) FROM claim_groups").fetchone()[0]
    ingest(db, ["-"], stdin=io.BytesIO(ENGLISH))

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # Ctrl-C while the new grouping is being written

    monkeypatch.setattr(group_store, "refresh_groups", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_grouping(db, embedder)
    assert db.execute("SELECT claim_id, group_id FROM group_members ORDER BY claim_id").fetchall() == before
    assert db.execute("SELECT count(*) FROM claim_groups").fetchone()[0] == groups_before


def test_reviewer_placed_claims_are_not_moved_by_a_rebuild(db: Database, embedder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ingest(db, [str(FIXTURES)])
    run_grouping(db, embedder)
    containers = _group_with(db, "1.000 kontainer")
    shells = _group_with(db, "60.000 peluru")
    group_store.merge(db, containers, shells, "checker")
    merged = _members(db, containers)
    run_grouping(db, embedder, rebuild=True)
    assert merged <= _members(db, containers)
