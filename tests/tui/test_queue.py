"""The queue screen: order, verdict keys on whole groups, undo/redo, search,
filters, merging, refresh. Every assertion about saved work reads the
database through a second connection, so it sees only what was committed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.review import ReviewService
from workbench.store import open_store
from workbench.tui.screens.detail import GroupDetailScreen
from workbench.tui.screens.merge_dialog import MergeDialog
from workbench.tui.screens.queue import QueueScreen
from workbench.tui.widgets.queue_list import QueueList

from .conftest import REVIEWER, SIZE
from .helpers import committed, history_rows, screen_text, settle, verdict_rows

QUEUE_ORDER = [1, 3, 7, 5, 8, 2, 4, 6]  # contested, then check-worthiness, size, id


def queue_of(app) -> QueueList:
    return app.screen.query_one(QueueList)


async def test_queue_lists_unreviewed_then_contested_groups_first(app, db_path):
    ReviewService(open_store(db_path), "other").set_verdict(8, "supported")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert queue_of(app).ids == [1, 3, 7, 5, 2, 4, 6, 8]
        text = screen_text(app)
        assert "Reviewed 1 / 8 groups" in text
        assert "supported" in text


async def test_verdict_keys_judge_the_selected_group_and_commit(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert queue_of(app).ids == QUEUE_ORDER
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("j", "d")
        await settle(pilot)
        await pilot.press("down", "x")
        await settle(pilot)
        assert verdict_rows(db_path) == [(1, None, "supported", REVIEWER),
                                         (3, None, "disputed", REVIEWER),
                                         (7, None, "denied", REVIEWER)]
        assert "saved: group 7 → denied" in screen_text(app)
        assert "Reviewed 3 / 8 groups" in screen_text(app)
        # Judged rows stay where they were until the next refresh.
        assert queue_of(app).ids == QUEUE_ORDER
        await pilot.press("k", "c")
        await settle(pilot)
        assert verdict_rows(db_path) == [(1, None, "supported", REVIEWER),
                                         (7, None, "denied", REVIEWER)]
        assert history_rows(db_path)[-1] == ("clear", 3, None, None, "disputed", REVIEWER)


async def test_a_fast_change_of_mind_ends_with_the_last_key(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "d", "x", "s", "d")
        await settle(pilot)
        assert verdict_rows(db_path) == [(1, None, "disputed", REVIEWER)]
        assert [row[3] for row in history_rows(db_path)] == [
            "supported", "disputed", "denied", "supported", "disputed"]


async def test_undo_with_backspace_or_u_and_redo_with_ctrl_r(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "j", "x")
        await settle(pilot)
        await pilot.press("backspace")
        await settle(pilot)
        assert verdict_rows(db_path) == [(1, None, "supported", REVIEWER)]
        assert "saved: undid" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert verdict_rows(db_path) == []
        assert "Reviewed 0 / 8 groups" in screen_text(app)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert verdict_rows(db_path) == [(1, None, "supported", REVIEWER)]
        assert [row[0] for row in history_rows(db_path)] == ["set", "set", "undo", "undo", "redo"]
        await pilot.press("ctrl+r", "ctrl+r")
        await settle(pilot)
        assert "nothing to redo" in screen_text(app)


async def test_enter_opens_the_group_and_escape_comes_back(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, GroupDetailScreen)
        assert app.screen.group_id == 3
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert queue_of(app).selected_id == 3


async def test_slash_searches_claim_text_and_speakers_as_you_type(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"Lavrov")
        await pilot.pause(0.3)
        await settle(pilot)
        # Groups with a member claim by or mentioning Lavrov, in queue order.
        assert queue_of(app).ids == [1, 8, 4]
        assert "search: Lavrov" in screen_text(app)
        await pilot.press("enter")
        assert app.focused is queue_of(app)
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert queue_of(app).ids == QUEUE_ORDER


async def test_keys_typed_into_the_search_do_not_judge_groups(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "s", "d", "x", "c")
        await pilot.pause(0.3)
        await settle(pilot)
        assert verdict_rows(db_path) == []


async def test_m_marks_and_shift_m_merges_the_marked_groups_after_a_confirmation(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "m", "j", "m")  # groups 3 and 7
        assert queue_of(app).marked == [3, 7]
        assert "●" in screen_text(app)
        assert "2 marked" in screen_text(app)
        await pilot.press("M")
        await settle(pilot)
        assert isinstance(app.screen, MergeDialog)
        text = screen_text(app)
        assert "group 3 · no verdict" in text and "group 7 · no verdict" in text
        assert "Group 3 remains (the first marked); group 7 is merged into it" in text
        assert committed(db_path, "SELECT count(*) FROM group_overrides") == [(0,)]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert committed(db_path, "SELECT id, merged_into FROM claim_groups WHERE id IN (3, 7)") \
            == [(3, None), (7, 3)]
        assert committed(db_path, "SELECT count(*) FROM group_members WHERE group_id = 3") \
            == [(4,)]
        assert committed(db_path, "SELECT kind, group_id, other_group_id, reviewer "
                                  "FROM group_overrides") == [("merge", 3, 7, REVIEWER)]
        assert 7 not in queue_of(app).ids
        assert queue_of(app).selected_id == 3
        assert queue_of(app).marked == []
        assert "saved: merged group 7 into group 3" in screen_text(app)


async def test_escape_in_the_merge_confirmation_changes_nothing(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m", "j", "m", "M")
        await settle(pilot)
        assert isinstance(app.screen, MergeDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert "merge cancelled: nothing changed" in screen_text(app)
        assert queue_of(app).marked == [1, 3]  # the marks stay for another try
        assert committed(db_path, "SELECT count(*) FROM claim_groups WHERE merged_into "
                                  "IS NOT NULL") == [(0,)]
        assert committed(db_path, "SELECT count(*) FROM group_overrides") == [(0,)]


async def test_the_judged_group_keeps_its_id_and_the_dialog_says_so(app, db_path):
    ReviewService(open_store(db_path), "other").set_verdict(7, "denied")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert queue_of(app).ids[:2] == [1, 3]
        await pilot.press("m", "end", "m", "M")  # group 1, then the judged group 7 (last)
        await settle(pilot)
        assert "Group 7 remains (it has the verdict, which stays); group 1 is merged into it" \
            in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert committed(db_path, "SELECT id, merged_into FROM claim_groups WHERE id IN (1, 7)") \
            == [(1, 7), (7, None)]
        assert "saved: merged group 1 into group 7" in screen_text(app)


async def test_a_group_cannot_be_merged_into_itself(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m", "M")  # one mark, and it is the selected group
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert "group 1 cannot be merged into itself: mark another group with m " \
               "(nothing changed)" in screen_text(app)
        assert committed(db_path, "SELECT count(*) FROM group_overrides") == [(0,)]


async def test_marks_survive_a_search_and_merge_uses_every_mark(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m", "j", "m")  # groups 1 and 3
        await pilot.press("slash", *"Lavrov")
        await pilot.pause(0.3)
        await settle(pilot)
        assert queue_of(app).ids == [1, 8, 4]
        assert queue_of(app).marked == [1, 3]
        assert "2 marked (1 not shown)" in screen_text(app)
        await pilot.press("down", "down", "m")  # to the list, then mark group 8
        await pilot.press("escape")  # clear the search
        await settle(pilot)
        assert queue_of(app).marked == [1, 3, 8]
        assert "3 marked" in screen_text(app)
        await pilot.press("M")
        await settle(pilot)
        assert isinstance(app.screen, MergeDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert committed(db_path, "SELECT id FROM claim_groups WHERE merged_into = 1 "
                                  "ORDER BY id") == [(3,), (8,)]


async def test_shift_m_with_one_mark_merges_it_with_the_selected_group(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "m", "k", "M")  # mark 7, then select 3
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert committed(db_path, "SELECT id, merged_into FROM claim_groups "
                                  "WHERE merged_into IS NOT NULL") == [(3, 7)]


async def test_shift_m_without_marks_explains_itself(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        assert "mark at least two groups" in screen_text(app)
        assert committed(db_path, "SELECT count(*) FROM group_overrides") == [(0,)]


async def test_r_rereads_so_another_sessions_verdicts_show(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        other = open_store(db_path)
        ReviewService(other, "colleague").set_verdict(1, "denied")
        other.conn.close()
        await pilot.press("r")
        await settle(pilot)
        assert "Reviewed 1 / 8 groups" in screen_text(app)
        assert queue_of(app).ids[-1] == 1  # reviewed groups go last on a refresh
        assert queue_of(app).selected_id == 1  # the cursor stays on its group


async def test_another_sessions_commit_shows_without_a_key(make, db_path):
    app = make(poll_seconds=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)
        other = open_store(db_path)
        ReviewService(other, "colleague").set_verdict(2, "supported")
        other.conn.close()
        for _ in range(40):
            await pilot.pause(0.05)
            if "Reviewed 1 / 8 groups" in screen_text(app):
                break
        assert "Reviewed 1 / 8 groups" in screen_text(app)


async def test_e_exports_to_a_file(app, tmp_path, monkeypatch):
    import json

    from textual.widgets import Static

    from workbench.tui.screens.export_dialog import ExportDialog

    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "e")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("enter")  # the suggested name, in the current directory
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        (written,) = tmp_path.glob("workbench-export-*.json")
        status = str(app.screen.query_one("#status", Static).content)
        assert status.startswith("exported 8 groups (")
        assert status.endswith(f" to {written}")
    exported = json.loads(written.read_text())
    verdicts = {g["id"]: (g["verdict"] or {}).get("label") for g in exported["groups"]}
    assert len(verdicts) == 8 and verdicts[1] == "supported"


async def test_q_waits_for_queued_writes_then_quits(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "j", "d", "q")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.is_running
    assert verdict_rows(db_path) == [(1, None, "supported", REVIEWER),
                                     (3, None, "disputed", REVIEWER)]


async def test_q_quits(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_empty_database_says_what_to_do(make, db):
    db.execute("DELETE FROM group_members")
    db.conn.commit()
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "No groups to review yet" in screen_text(app)
        await pilot.press("s", "enter")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)


async def test_a_group_merged_away_by_another_session_is_an_error_message(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        other = open_store(db_path)
        from workbench.store.groups import merge

        merge(other, 8, 1, "colleague")  # group 1, selected, is merged into 8
        other.conn.close()
        await pilot.press("s")
        await settle(pilot)
        assert "group 1 was merged into group 8" in screen_text(app)
        assert verdict_rows(db_path) == []
        assert 1 not in queue_of(app).ids


async def test_a_read_only_database_is_a_message_not_a_traceback(app, db_path: Path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.session.db.execute("PRAGMA query_only = ON")
        await pilot.press("s")
        await settle(pilot)
        assert "read-only" in screen_text(app)
        assert app.is_running
        app.session.db.execute("PRAGMA query_only = OFF")
        await pilot.press("s")
        await settle(pilot)
        assert verdict_rows(db_path) == [(1, None, "supported", REVIEWER)]


async def test_a_locked_database_is_a_message_and_a_retry_saves(app, db_path: Path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.session.db.execute("PRAGMA busy_timeout = 50")
        blocker = sqlite3.connect(db_path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock
        try:
            await pilot.press("s")
            await settle(pilot)
            assert "locked by another writer" in screen_text(app)
            assert verdict_rows(db_path) == []
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        await pilot.press("s")
        await settle(pilot)
        assert verdict_rows(db_path) == [(1, None, "supported", REVIEWER)]


async def test_u_undoes_a_merge_and_the_group_comes_back_in_place(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "m", "j", "m", "M")  # groups 3 and 7
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "u undoes: " in screen_text(app)
        assert queue_of(app).ids == [1, 3, 5, 8, 2, 4, 6]  # the order otherwise kept
        assert queue_of(app).selected_id == 3
        await pilot.press("u")
        await settle(pilot)
        assert committed(db_path, "SELECT count(*) FROM claim_groups WHERE merged_into "
                                  "IS NOT NULL") == [(0,)]
        assert queue_of(app).ids == QUEUE_ORDER
        assert "Reviewed 0 / 8 groups" in screen_text(app)
