"""The link, note and filter dialogs, driven by keys, checked in the database."""

from __future__ import annotations

from textual.widgets import Button, Input, OptionList, Select, Static, TextArea

from workbench.review import ReviewService
from workbench.store import open_store
from workbench.tui.screens.dialogs import FilterDialog, LinkDialog, NoteDialog
from workbench.tui.screens.queue import QueueScreen
from workbench.tui.widgets.queue_list import QueueList

from .conftest import REVIEWER, SIZE
from .helpers import committed, history_rows, screen_text, settle


def links(db_path):
    return committed(db_path, "SELECT v.group_id, v.claim_id, l.url, l.title FROM evidence_links l "
                              "JOIN verdicts v ON v.id = l.verdict_id ORDER BY l.id")


async def press_button(pilot, selector: str) -> None:
    """Tab-and-Enter, as a keyboard user would."""
    pilot.app.screen.query_one(selector, Button).focus()
    await pilot.press("enter")


async def type_into(pilot, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector, Input).focus()
    await pilot.press(*text)


async def test_l_adds_a_link_with_a_title(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.screen.query_one(QueueList).selected_id
        await pilot.press("s", "l")
        await settle(pilot)
        assert isinstance(app.screen, LinkDialog)
        await type_into(pilot, "#url", "https://example.org/report")
        await type_into(pilot, "#title", "The report")
        await pilot.press("enter")
        await settle(pilot)
        assert links(db_path) == [(first, None, "https://example.org/report", "The report")]
        assert "saved: added link https://example.org/report" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert "saved: added link https://example.org/report" in screen_text(app)


async def test_the_link_dialog_refuses_invalid_urls_with_the_reason(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "l")
        await settle(pilot)
        for bad, reason in (("javascript:alert(1)", "only http and https links are accepted"),
                            ("https://", "the link has no host"),
                            ("http://a b", "the link contains spaces or control characters")):
            url = app.screen.query_one("#url", Input)
            url.value = bad
            url.focus()
            await pilot.press("enter")
            await settle(pilot)
            assert str(app.screen.query_one("#error", Static).content) == f"not saved: {reason}"
            assert isinstance(app.screen, LinkDialog)
        assert links(db_path) == []
        # What was typed is still there to fix.
        assert app.screen.query_one("#url", Input).value == "http://a b"


async def test_the_link_dialog_edits_and_removes_links(app, db_path):
    service = ReviewService(open_store(db_path), REVIEWER)
    service.set_verdict(8, "supported", links=["https://a.example/1", "https://b.example/2"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("end", "l")  # reviewed groups come last
        await settle(pilot)
        options = app.screen.query_one("#links", OptionList)
        options.focus()
        options.highlighted = 1
        await pilot.press("enter")  # pick the second link
        assert app.screen.query_one("#url", Input).value == "https://b.example/2"
        app.screen.query_one("#url", Input).value = "https://b.example/2-fixed"
        app.screen.query_one("#title", Input).value = "Fixed"
        await press_button(pilot, "#save")
        await settle(pilot)
        assert links(db_path) == [(8, None, "https://a.example/1", None),
                                  (8, None, "https://b.example/2-fixed", "Fixed")]
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")  # the first link
        await press_button(pilot, "#remove")
        await settle(pilot)
        assert links(db_path) == [(8, None, "https://b.example/2-fixed", "Fixed")]
        assert [r[0] for r in history_rows(db_path)] == ["set", "set", "set"]


async def test_links_come_before_the_verdict_as_evidence(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.screen.query_one(QueueList).selected_id
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LinkDialog)
        assert "no verdict yet — evidence only" in screen_text(app)
        app.screen.query_one("#url", Input).value = "https://example.org/early"
        await pilot.press("enter")
        await settle(pilot)
        assert links(db_path) == [(first, None, "https://example.org/early", None)]
        assert committed(db_path, "SELECT label FROM verdicts") == [(None,)]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert app.progress[0] == 0


async def test_links_in_the_detail_go_to_the_claims_own_verdict(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        member = app.screen.selected_member()
        await pilot.press("D", "L")  # the claim's own verdict, then its links
        await settle(pilot)
        assert f"claim {member.claim_id} (group {app.screen_stack[-2].group_id})" \
            in screen_text(app)
        assert "verdict: disputed (tester)" in screen_text(app)
        app.screen.query_one("#url", Input).value = "https://factcheck.example/peskov"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert links(db_path) == [(None, member.claim_id, "https://factcheck.example/peskov",
                                   None)]
        assert "link: https://factcheck.example/peskov" in screen_text(app)


async def test_n_writes_the_note(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.screen.query_one(QueueList).selected_id
        await pilot.press("x", "n")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"No shipment was ever shown")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert committed(db_path, "SELECT group_id, label, note FROM verdicts") == [
            (first, "denied", "No shipment was ever shown")]
        assert f"saved: note on group {first}" in screen_text(app)


async def test_an_empty_note_gets_a_message_and_saves_nothing(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x", "n")
        await settle(pilot)
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        assert "the note is empty" in str(app.screen.query_one("#error", Static).content)
        await pilot.press("escape")
        await settle(pilot)
        assert [r[0] for r in history_rows(db_path)] == ["set"]


async def test_emptying_an_existing_note_removes_it(app, db_path):
    ReviewService(open_store(db_path), REVIEWER).set_verdict(8, "denied", note="old note")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("end", "n")
        await settle(pilot)
        assert app.screen.query_one(TextArea).text == "old note"
        app.screen.query_one(TextArea).text = ""
        await press_button(pilot, "#save")
        await settle(pilot)
        assert committed(db_path, "SELECT note FROM verdicts") == [(None,)]
        assert "saved: note removed from group 8" in screen_text(app)


async def test_f_filters_by_verdict_outlet_language_and_speaker(app, db_path):
    ReviewService(open_store(db_path), "other").set_verdict(3, "denied")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FilterDialog)
        app.screen.query_one("#status-select", Select).value = "denied"
        await press_button(pilot, "#apply")
        await settle(pilot)
        assert queue.ids == [3]
        assert "verdict: denied" in screen_text(app)

        await pilot.press("f")
        await settle(pilot)
        app.screen.query_one("#status-select", Select).value = "unreviewed"
        app.screen.query_one("#outlet-select", Select).value = "SINDOnews.com"
        await press_button(pilot, "#apply")
        await settle(pilot)
        assert sorted(queue.ids) == [1, 2, 4, 5, 8]

        await pilot.press("f")
        await settle(pilot)
        await press_button(pilot, "#clear")
        await settle(pilot)
        assert len(queue.ids) == 8

        await pilot.press("f")
        await settle(pilot)
        app.screen.query_one("#speaker", Input).value = "Gedung Putih"
        app.screen.query_one("#language-select", Select).value = "id"
        await press_button(pilot, "#apply")
        await settle(pilot)
        assert queue.ids == [2]

        await pilot.press("escape")  # clears the filter
        await settle(pilot)
        assert len(queue.ids) == 8
