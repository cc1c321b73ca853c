"""The group view moves through the queue without leaving it (`]`/`[`), can
advance to the next unreviewed group after a verdict (auto-advance, kept per
reviewer), takes notes and links before any verdict, and shows each
reviewer's label when two reviewers differ."""

from __future__ import annotations

import json

from textual.widgets import Input, Static

from workbench.review import ReviewService
from workbench.store import open_store
from workbench.tui.screens.detail import GroupDetailScreen
from workbench.tui.screens.dialogs import LinkDialog, NoteDialog
from workbench.tui.widgets.queue_list import QueueList

from .conftest import REVIEWER, SIZE
from .helpers import committed, screen_text, settle, verdict_rows, widget_text


async def open_from_queue(pilot, index: int = 0) -> tuple[GroupDetailScreen, list[int]]:
    """Open the queue's `index`-th group with Enter, as a reviewer does."""
    await settle(pilot)
    queue = pilot.app.screen.query_one(QueueList)
    for _ in range(index):
        await pilot.press("j")
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, GroupDetailScreen)
    return screen, list(queue.ids)


async def test_brackets_open_the_next_and_previous_group_in_queue_order(app):
    async with app.run_test(size=SIZE) as pilot:
        screen, ids = await open_from_queue(pilot)
        queue = app.screen_stack[-2].query_one(QueueList)
        assert screen.group_id == ids[0]
        await pilot.press("]")
        await settle(pilot)
        assert app.screen is screen and screen.group_id == ids[1]
        assert queue.cursor == 1
        assert f"Group {ids[1]} ·" in screen_text(app)
        assert f"group {ids[1]} (2 of {len(ids)} in the queue's order)" in screen_text(app)
        await pilot.press("]", "]")
        await settle(pilot)
        assert screen.group_id == ids[3] and queue.cursor == 3
        await pilot.press("[")
        await settle(pilot)
        assert screen.group_id == ids[2] and queue.cursor == 2
        await pilot.press("escape")
        await settle(pilot)
        assert queue.selected_id == ids[2]  # the queue shows where the reviewer got to


async def test_bracket_at_the_end_of_the_queue_says_so(app):
    async with app.run_test(size=SIZE) as pilot:
        screen, ids = await open_from_queue(pilot)
        await pilot.press("[")
        await settle(pilot)
        assert screen.group_id == ids[0]
        assert "this is the first group of the queue" in screen_text(app)


async def test_auto_advance_opens_the_next_unreviewed_group_after_a_group_verdict(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        screen, ids = await open_from_queue(pilot)
        # Judged meanwhile by a colleague: auto-advance passes over it.
        other = open_store(db_path)
        ReviewService(other, "colleague").set_verdict(ids[1], "supported")
        other.conn.close()
        await pilot.press("A")
        await settle(pilot)
        assert "auto-advance on" in screen_text(app)
        state = committed(db_path, "SELECT state FROM reviewer_state WHERE reviewer = ?",
                          [REVIEWER])
        assert json.loads(state[0][0])["auto_advance"] is True
        await pilot.press("x")
        await settle(pilot)
        assert (ids[0], None, "denied", REVIEWER) in verdict_rows(db_path)
        assert screen.group_id == ids[2]
        text = screen_text(app)
        assert f"auto-advance: opened group {ids[2]}, the next unreviewed" in text
        assert f"Group {ids[2]} ·" in text
        # A claim verdict does not advance.
        await pilot.press("S")
        await settle(pilot)
        assert screen.group_id == ids[2]
        await pilot.press("A")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert screen.group_id == ids[2]
        state = committed(db_path, "SELECT state FROM reviewer_state WHERE reviewer = ?",
                          [REVIEWER])
        assert json.loads(state[0][0])["auto_advance"] is False


async def test_auto_advance_is_kept_for_the_reviewer_across_a_restart(make, db_path):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_from_queue(pilot)
        await pilot.press("A")
        await settle(pilot)
    again = make()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if not isinstance(again.screen, GroupDetailScreen):  # the place may reopen it
            await pilot.press("enter")
            await settle(pilot)
        assert "auto-advance on" in screen_text(again)


async def test_a_note_and_a_link_without_a_verdict_are_kept_as_evidence(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_from_queue(pilot)
        group = screen.group_id
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        assert "no verdict yet — evidence only" in screen_text(app)
        await pilot.press(*"Ministry data pending")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert committed(db_path, "SELECT group_id, claim_id, label, note FROM verdicts") == [
            (group, None, None, "Ministry data pending")]
        assert app.progress[0] == 0  # evidence alone decides nothing
        assert "group verdict: no verdict yet (evidence only) by tester" in screen_text(app)
        await pilot.press("L")  # the selected claim's own links
        await settle(pilot)
        assert isinstance(app.screen, LinkDialog)
        claim = screen.selected_member().claim_id
        assert f"Source links on claim {claim} (group {group})" in screen_text(app)
        assert "no verdict yet — evidence only" in screen_text(app)
        app.screen.query_one("#url", Input).value = "https://stats.example/2024"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert committed(db_path, "SELECT v.claim_id, v.label, l.url FROM evidence_links l "
                                  "JOIN verdicts v ON v.id = l.verdict_id") == [
            (claim, None, "https://stats.example/2024")]
        # Deciding later keeps the evidence.
        await pilot.press("d")
        await settle(pilot)
        assert committed(db_path, "SELECT label, note FROM verdicts WHERE group_id = ?",
                         [group]) == [("disputed", "Ministry data pending")]
        await pilot.press("n")
        await settle(pilot)
        assert "verdict: disputed (tester)" in screen_text(app)


async def test_the_group_view_shows_both_labels_when_reviewers_differ(app, db_path):
    other = open_store(db_path)
    ReviewService(other, "colleague").set_verdict(2, "supported")
    ReviewService(other, REVIEWER).set_verdict(2, "denied")
    other.conn.close()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(GroupDetailScreen(2))
        await settle(pilot)
        line = widget_text(app.screen.query_one("#reviewers", Static)).strip()
        assert line.startswith("Reviewers differ — ")
        assert "colleague: supported" in line and "tester: denied" in line


async def test_one_reviewer_shows_no_disagreement_line(app, db_path):
    ReviewService(open_store(db_path), REVIEWER).set_verdict(2, "denied")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(GroupDetailScreen(2))
        await settle(pilot)
        assert widget_text(app.screen.query_one("#reviewers", Static)).strip() == ""
