"""Snapshots of the group view and its dialogs at 80x24 and 160x45.

The group is the White House's "1,000 containers" claim, denied by North
Korea's group and disputed by the Kremlin's (answers linked by the real
linker and model), judged differently by two reviewers, with a note and a
link. At 80x24 the claim text must show wrapped, the footer must keep the
verdict keys, note, help and quit, and every dialog's buttons must be on
screen; at 160 columns text uses the width. Update with
`pytest tests/tui/test_snapshots_group.py --snapshot-update` after looking at
each SVG.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.embed import load_embedder
from workbench.grouping.answers import link_answers
from workbench.review import ReviewService
from workbench.store import open_store
from workbench.tui.screens.detail import GroupDetailScreen

from .helpers import settle

CONTAINERS = 2
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]


@pytest.fixture
def desk_db_path(db_path: Path) -> Path:
    db = open_store(db_path)
    assert link_answers(db, load_embedder(None)) > 0
    ReviewService(db, "colleague").set_verdict(CONTAINERS, "supported")
    ReviewService(db, "tester").set_verdict(
        CONTAINERS, "denied", note="Satellite images show no such shipments.",
        links=["https://example.org/satellite-analysis"])
    ReviewService(db, "tester").set_verdict(6, "not_checkable")
    db.conn.close()
    return db_path


def in_group_view(*pressed: str):
    async def run(pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(GroupDetailScreen(CONTAINERS))
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
        await pilot.pause(0.3)  # the move picker's search runs after a pause
        await settle(pilot)
        steady_cursors(pilot.app)
        await settle(pilot)

    return run


def steady_cursors(app) -> None:
    """A text cursor that blinks is on or off depending on when the picture is
    taken (a loaded machine shifts it): shown steadily, the snapshot is stable."""
    for widget in app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
        widget.refresh()  # on a loaded machine the repaint may otherwise lag the picture


@pytest.mark.parametrize("size", SIZES)
def test_group_view_with_answers_snapshot(snap_compare, make, desk_db_path, size):
    assert snap_compare(make(), terminal_size=size, run_before=in_group_view("j"))


@pytest.mark.parametrize("size", SIZES)
def test_group_note_dialog_snapshot(snap_compare, make, desk_db_path, size):
    assert snap_compare(make(), terminal_size=size, run_before=in_group_view("n"))


@pytest.mark.parametrize("size", SIZES)
def test_claim_link_dialog_without_a_verdict_snapshot(snap_compare, make, desk_db_path, size):
    assert snap_compare(make(), terminal_size=size, run_before=in_group_view("L"))


@pytest.mark.parametrize("size", SIZES)
def test_group_link_dialog_snapshot(snap_compare, make, desk_db_path, size):
    assert snap_compare(make(), terminal_size=size, run_before=in_group_view("l"))


@pytest.mark.parametrize("size", SIZES)
def test_edit_claim_dialog_snapshot(snap_compare, make, desk_db_path, size):
    assert snap_compare(make(), terminal_size=size, run_before=in_group_view("E"))


@pytest.mark.parametrize("size", SIZES)
def test_published_text_dialog_snapshot(snap_compare, make, desk_db_path, size):
    assert snap_compare(make(), terminal_size=size, run_before=in_group_view("t"))


@pytest.mark.parametrize("size", SIZES)
def test_move_claim_picker_snapshot(snap_compare, make, desk_db_path, size):
    assert snap_compare(make(), terminal_size=size, run_before=in_group_view("g"))


@pytest.mark.parametrize("size", SIZES)
def test_group_view_help_snapshot(snap_compare, make, desk_db_path, size):
    assert snap_compare(make(), terminal_size=size, run_before=in_group_view("question_mark"))
