"""Property: any sequence of corrections, verdict changes, undos and redos by one
reviewer, followed by undoing everything, gives back the groups, claims and
verdicts the database started with (on a real SQLite file)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tests.conftest import FIXTURES
from workbench.ingest.service import ingest
from workbench.review import ReviewService
from workbench.review.corrections import Corrections
from workbench.store import groups, open_store
from workbench.store.articles import list_claims

TEXTS = ["", "  ", "Ana", "Budi Santoso", "Ana\u202e\u200b", "x" * 5000, "denies", "asserts",
         "disputes", "agrees", "Deficit was 1.000 triliun", "note\nwith\tbreaks"]
ACTIONS = ["verdict", "clear", "note", "speaker", "stance", "text", "move", "split", "merge",
           "undo", "redo"]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles with their claims in five hand-made groups."""
    path = tmp_path_factory.mktemp("base") / "base.db"
    db = open_store(path)
    ingest(db, [str(FIXTURES)])
    claims = [c.id for c in list_claims(db)][:14]
    with db.atomic():
        for start in range(0, len(claims), 3):
            gid = groups.create_group(db, model="test", method={"by": "hand"})
            groups.assign(db, [(c, gid, 0.5) for c in claims[start : start + 3]], by="model")
        # Denial links, as a grouping run leaves them: each of the first claims
        # answers the next one, which asserts.
        for answering, answered in zip(claims[0:6:2], claims[1:6:2], strict=True):
            db.execute("UPDATE claims SET stance = 'denies' WHERE id = ?", [answering])
            db.execute("UPDATE claims SET stance = 'asserts' WHERE id = ?", [answered])
            db.execute("INSERT INTO group_answers VALUES (?, ?, 'denies', 0.7)",
                       [answering, answered])
        groups.refresh_groups(db)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return path


def state(db: Database) -> dict[str, Any]:
    def rows(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in db.execute(sql).fetchall()]
    return {
        "members": rows("SELECT claim_id, group_id, assigned_by, similarity, new_since_verdict, "
                        "assigned_at FROM group_members ORDER BY claim_id"),
        "live groups": rows("""SELECT g.id, g.merged_into, g.published_text,
                               g.representative_claim_id FROM claim_groups g
                               WHERE g.merged_into IS NOT NULL OR EXISTS
                               (SELECT 1 FROM group_members m WHERE m.group_id = g.id)
                               ORDER BY g.id"""),
        "claims": rows("SELECT id, speaker, stance FROM claims ORDER BY id"),
        "overrides": rows("SELECT kind, group_id, other_group_id, claim_id FROM group_overrides"),
        "verdicts": rows("SELECT group_id, claim_id, label, note, reviewer, decided_at "
                         "FROM verdicts ORDER BY group_id, claim_id"),
        "answers": rows("SELECT * FROM group_answers ORDER BY 1, 2"),
        "links": rows("SELECT v.group_id, v.claim_id, e.url, e.title FROM evidence_links e "
                      "JOIN verdicts v ON v.id = e.verdict_id ORDER BY 1, 2, 3"),
    }


def act(db: Database, review: ReviewService, fix: Corrections,
        step: tuple[str, int, int, str]) -> None:
    action, i, j, text = step
    live = [int(r[0]) for r in db.execute(
        "SELECT DISTINCT group_id FROM group_members ORDER BY group_id")]
    claims = [int(r[0]) for r in db.execute("SELECT claim_id FROM group_members ORDER BY 1")]
    group, other, claim = live[i % len(live)], live[j % len(live)], claims[i % len(claims)]
    labels = ["supported", "disputed", "denied", "not_checkable"]
    try:
        if action == "verdict":
            review.set_verdict(group, labels[j % 4])
        elif action == "clear":
            review.clear_verdict(group)
        elif action == "note":
            review.set_note(group, text)
        elif action == "speaker":
            fix.edit_speaker(claim, text)
        elif action == "stance":
            fix.edit_stance(claim, text)
        elif action == "text":
            fix.edit_published_text(group, text)
        elif action == "move":
            fix.move_claim(claim, other)
        elif action == "split":
            fix.split(claim)
        elif action == "merge":
            fix.merge([group, other])
        elif action == "undo":
            review.undo()
        else:
            review.redo()
    except ValueError:
        pass  # refused, with nothing changed (asserted by the hand-picked tests)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 50), st.integers(0, 50),
                          st.sampled_from(TEXTS)), max_size=14))
def test_undoing_everything_restores_the_start(
    base: Path, tmp_path: Path, steps: list[tuple[str, int, int, str]]
) -> None:
    path = tmp_path / "work.db"
    path.unlink(missing_ok=True)
    shutil.copyfile(base, path)
    db = open_store(path)
    try:
        start = state(db)
        review, fix = ReviewService(db, "desk_a"), Corrections(db, "desk_a")
        for step in steps:
            act(db, review, fix, step)
        for _ in range(len(steps) + 1):
            if review.undo() is None:
                break
        assert review.undo() is None
        assert state(db) == start
    finally:
        db.conn.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
