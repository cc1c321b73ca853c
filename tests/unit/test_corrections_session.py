"""The review session's corrections block (what the TUI's E, t, g, m/M, p and u
call): move targets, merges of several groups as one undo step, previews."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from tests.unit.test_review_service import Groups, build_groups
from workbench.store.groups import GroupError
from workbench.store.queue import QueueFilter, QueueRow
from workbench.tui.session import ReviewSession


@pytest.fixture
def grouped(fixture_db: Database) -> Groups:
    return build_groups(fixture_db)


@pytest.fixture
def session(fixture_db: Database) -> ReviewSession:
    return ReviewSession(fixture_db, "desk_a")


def test_move_targets_search_like_the_queue_and_never_offer_the_own_group(
    fixture_db: Database, grouped: Groups, session: ReviewSession
) -> None:
    cid = grouped.a_claims[0]
    everything = session.move_targets(cid, "")
    assert all(isinstance(row, QueueRow) for row in everything)
    assert [row.group_id for row in everything] == [
        g for g in session.queue_ids(QueueFilter()) if g != grouped.a]
    assert grouped.a not in [row.group_id for row in everything]
    assert len(session.move_targets(cid, "", limit=1)) == 1
    # A word of group c's claim finds group c (and never group a, even if it matches).
    text = fixture_db.execute("SELECT text FROM claims WHERE id = ?",
                              [grouped.c_claims[0]]).fetchone()[0]
    word = max(text.split(), key=len)
    found = [row.group_id for row in session.move_targets(cid, word.upper())]
    assert grouped.c in found and grouped.a not in found
    assert session.move_targets(cid, "zzqxjv no such words") == []


def test_session_edits_move_and_preview_name_what_undo_reverts(
    fixture_db: Database, grouped: Groups, session: ReviewSession
) -> None:
    cid = grouped.b_claims[0]
    assert session.undo_preview() is None and session.redo_preview() is None
    session.edit_speaker(cid, "Ana")
    session.edit_published_text(grouped.c, "Group c, as published")
    session.move_claim(cid, grouped.c)
    line = f"move of claim {cid} from group {grouped.b} to group {grouped.c}"
    assert session.undo_preview() == line
    assert session.undo() == f"undid {line}"
    assert session.redo_preview() == line
    assert session.detail(grouped.c).group.published_text == "Group c, as published"
    with pytest.raises(ValueError, match="nothing was changed"):
        session.edit_published_text(grouped.c, "   ")


def test_merging_three_marked_groups_is_one_undo_step(
    fixture_db: Database, grouped: Groups, session: ReviewSession
) -> None:
    before = [tuple(r) for r in fixture_db.execute(
        "SELECT claim_id, group_id, assigned_by FROM group_members ORDER BY 1")]
    keep = session.merge([grouped.a, grouped.b, grouped.c])
    assert keep == grouped.a
    assert {r[0] for r in fixture_db.execute("SELECT DISTINCT group_id FROM group_members")} == {
        grouped.a}
    assert session.undo() == (f"undid merge of groups {grouped.b}, {grouped.c} "
                              f"into group {grouped.a}")
    assert [tuple(r) for r in fixture_db.execute(
        "SELECT claim_id, group_id, assigned_by FROM group_members ORDER BY 1")] == before
    with pytest.raises(GroupError, match="mark at least two groups"):
        session.merge([grouped.a])
    with pytest.raises(GroupError, match="cannot merge a group with itself"):
        session.merge([grouped.a, grouped.a])


def test_split_through_the_session_is_undone(
    fixture_db: Database, grouped: Groups, session: ReviewSession
) -> None:
    new = session.split(grouped.a_claims[0])
    assert session.undo_preview() == f"split of claim {grouped.a_claims[0]} out of group {grouped.a}"
    session.undo()
    assert fixture_db.execute("SELECT group_id FROM group_members WHERE claim_id = ?",
                              [grouped.a_claims[0]]).fetchone()[0] == grouped.a
    assert new not in session.queue_ids(QueueFilter())
