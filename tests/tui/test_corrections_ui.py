"""Corrections from the group view, checked in the database: `E` speaker and
stance, `t` the published text, `g` move a claim, `p` split; `u` after each
undoes exactly that change; refusals are shown inside the dialog and change
nothing."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, RadioButton, Static, TextArea

from workbench.review import ReviewService
from workbench.store import open_store
from workbench.tui.screens.corrections import (
    EditClaimDialog,
    MoveClaimDialog,
    PublishedTextDialog,
)
from workbench.tui.screens.detail import GroupDetailScreen

from .conftest import REVIEWER, SIZE
from .helpers import committed, open_group, screen_text, settle


def claim(db_path, claim_id: int) -> tuple[object, ...]:
    return committed(db_path, "SELECT speaker, stance FROM claims WHERE id = ?", [claim_id])[0]


def group_of(db_path, claim_id: int) -> int:
    return committed(db_path, "SELECT group_id FROM group_members WHERE claim_id = ?",
                     [claim_id])[0][0]


def corrections(db_path) -> list[tuple[object, ...]]:
    return committed(db_path, "SELECT action, group_id, claim_id, reviewer FROM corrections "
                              "ORDER BY id")


def error_of(app) -> str:
    return str(app.screen.query_one("#error", Static).content)


async def test_E_corrects_the_speaker_and_the_stance(app, db_path):
    before = claim(db_path, 1)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_group(pilot, 1)
        assert screen.selected_member().claim_id == 1
        await pilot.press("E")
        await settle(pilot)
        assert isinstance(app.screen, EditClaimDialog)
        speaker = app.screen.query_one("#speaker", Input)
        assert speaker.value == before[0]
        speaker.value = "Dmitry Peskov"
        app.screen.query_one("#stance-denies", RadioButton).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert claim(db_path, 1) == ("Dmitry Peskov", "denies")
        assert [r[0] for r in corrections(db_path)] == ["speaker", "stance"]
        text = screen_text(app)
        assert "saved: " in text and "u undoes: " in text
        assert "claim 1 · Dmitry Peskov · denies:" in text
        await pilot.press("u")
        await settle(pilot)
        assert claim(db_path, 1) == ("Dmitry Peskov", before[1])  # the stance edit only
        await pilot.press("u")
        await settle(pilot)
        assert claim(db_path, 1) == before


async def test_E_with_nothing_changed_says_so_and_saves_nothing(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await open_group(pilot, 1)
        await pilot.press("E")
        await settle(pilot)
        await pilot.press("enter")  # Enter in the speaker box saves
        await settle(pilot)
        assert isinstance(app.screen, EditClaimDialog)
        assert "nothing to save" in error_of(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, GroupDetailScreen)
        assert corrections(db_path) == []


async def test_t_sets_the_published_text_and_u_restores_the_representative(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_group(pilot, 3)
        representative = screen.detail.group.representative
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, PublishedTextDialog)
        box = app.screen.query_one("#published-text", TextArea)
        assert box.text == representative
        box.text = "North Korea denies sending weapons to Russia"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert committed(db_path, "SELECT published_text FROM claim_groups WHERE id = 3") == [
            ("North Korea denies sending weapons to Russia",)]
        assert "published as: North Korea denies sending weapons to Russia" in screen_text(app)
        assert [r[:2] for r in corrections(db_path)] == [("text", 3)]
        await pilot.press("u")
        await settle(pilot)
        assert committed(db_path, "SELECT published_text FROM claim_groups WHERE id = 3") == [
            (None,)]


async def test_an_empty_published_text_is_refused_inside_the_dialog(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await open_group(pilot, 3)
        await pilot.press("t")
        await settle(pilot)
        app.screen.query_one("#published-text", TextArea).text = "   "
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PublishedTextDialog)
        message = error_of(app)
        assert message.startswith("not saved: ") and message.endswith("nothing was changed")
        assert "\n" not in message
        assert committed(db_path, "SELECT published_text FROM claim_groups WHERE id = 3") == [
            (None,)]
        assert corrections(db_path) == []


async def pick_group(pilot, text: str, group_id: int) -> None:
    """Type `text` into the move picker and highlight group `group_id` in its list."""
    search = pilot.app.screen.query_one("#move-search", Input)
    search.focus()
    await pilot.press(*text)
    await pilot.pause(0.4)  # the search runs once typing pauses
    await settle(pilot)
    options = pilot.app.screen.query_one("#move-targets", OptionList)
    ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
    assert str(group_id) in ids, ids
    options.highlighted = ids.index(str(group_id))


async def test_g_moves_the_claim_to_a_group_picked_from_a_search(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_group(pilot, 1)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, MoveClaimDialog)
        options = app.screen.query_one("#move-targets", OptionList)
        listed = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert "1" not in listed  # never its own group
        await pick_group(pilot, "Lavrov", 4)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert group_of(db_path, 1) == 4
        assert [r[0] for r in corrections(db_path)] == ["move"]
        text = screen_text(app)
        assert "saved: " in text and "u undoes: " in text
        assert screen.detail.group.size == 4
        await pilot.press("u")
        await settle(pilot)
        assert group_of(db_path, 1) == 1
        assert screen.detail.group.size == 5


async def test_moving_a_claim_into_its_own_group_is_refused_with_a_message(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await open_group(pilot, 1)
        await pilot.press("g")
        await settle(pilot)
        await pick_group(pilot, "1", 1)  # a group id typed alone is offered by id
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MoveClaimDialog)
        message = error_of(app)
        assert message.startswith("not saved: ") and message.endswith("nothing was changed")
        assert group_of(db_path, 1) == 1
        assert corrections(db_path) == []


async def test_u_after_a_split_undoes_the_split_not_an_older_note(app, db_path):
    ReviewService(open_store(db_path), REVIEWER).set_note(3, "Pyongyang's statement, KCNA")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_group(pilot, 2)
        await pilot.press("j", "p")
        await settle(pilot)
        new = group_of(db_path, 26)
        assert new != 2
        text = screen_text(app)
        assert f"saved: claim 26 split out of group 2 into new group {new}" in text
        assert "u undoes: " in text and "split" in text.split("u undoes: ")[1]
        await pilot.press("u")
        await settle(pilot)
        assert group_of(db_path, 26) == 2
        assert committed(db_path, "SELECT group_id, note FROM verdicts") == [
            (3, "Pyongyang's statement, KCNA")]
        assert screen.detail.group.size == 4


async def test_enter_on_cancel_in_the_published_text_dialog_cancels(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_group(pilot, 3)
        await pilot.press("t")
        await settle(pilot)
        app.screen.query_one("#published-text", TextArea).text = "Something else"
        app.screen.query_one("#close").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert corrections(db_path) == []


@pytest.mark.parametrize("typed", [
    "[bold red]Kremlin[/] \x1b[2J",        # markup and an escape sequence
    "\u202eevil\u200b name",               # bidi override, zero-width space
    "x" * 5000,                             # far too long
    "   ",                                  # blank
])
async def test_odd_speakers_are_saved_cleaned_or_refused_in_the_dialog(app, db_path, typed):
    before = claim(db_path, 1)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_group(pilot, 1)
        await pilot.press("E")
        await settle(pilot)
        app.screen.query_one("#speaker", Input).value = typed
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running
        if app.screen is screen:  # saved: shown literally, without control characters
            speaker = claim(db_path, 1)[0]
            assert speaker is None or not any(c in speaker for c in "\x1b\u202e\u200b")
            if speaker:
                assert speaker[:40] in " ".join(screen_text(app).split()) or len(speaker) > 60
        else:  # refused: one line inside the dialog, nothing changed
            assert isinstance(app.screen, EditClaimDialog)
            message = error_of(app)
            assert message.startswith("not saved: ") and "\n" not in message
            assert claim(db_path, 1) == before
            assert corrections(db_path) == []
