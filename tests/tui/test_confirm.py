"""`v`: the reviewer confirms that a group's verdict covers claims that
joined the group after it (here by a merge into the judged group)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from workbench.review import ReviewService
from workbench.store import open_store
from workbench.store.groups import merge
from workbench.tui.app import binding_ids
from workbench.tui.screens.detail import GroupDetailScreen
from workbench.tui.screens.help import help_rows
from workbench.tui.widgets.queue_list import QueueList

from .conftest import REVIEWER, SIZE
from .helpers import committed, screen_text, settle


def judge_then_merge(db_path: Path) -> None:
    """Group 2 judged by a colleague, then group 8 (claim 44) merged into it."""
    other = open_store(db_path)
    ReviewService(other, "colleague").set_verdict(2, "supported")
    merge(other, 2, 8, "colleague")
    other.conn.close()


def confirmations(db_path: Path) -> list[tuple[object, ...]]:
    return committed(db_path, "SELECT group_id, claim_id, reviewer FROM verdict_confirmations "
                              "ORDER BY id")


async def test_v_in_the_group_view_confirms_the_selected_new_claim(app, db_path):
    judge_then_merge(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(GroupDetailScreen(2))
        await settle(pilot)
        screen = app.screen
        assert "1 new since the verdict (v confirms)" in screen_text(app)
        table = screen.query_one("#members", DataTable)
        keys = [row.value for row in table.rows]
        await pilot.press("v")  # the first claim is not new: nothing to confirm
        await settle(pilot)
        assert "nothing new since the verdict" in screen_text(app)
        assert confirmations(db_path) == []
        for _ in range(keys.index("44")):
            await pilot.press("j")
        await pilot.press("v")
        await settle(pilot)
        assert confirmations(db_path) == [(2, 44, REVIEWER)]
        text = screen_text(app)
        assert "saved: the verdict of group 2 now covers claim 44" in text
        assert "new since the verdict" not in text.replace("nothing new since the verdict", "")


async def test_v_in_the_queue_confirms_every_new_claim_of_the_group(app, db_path):
    judge_then_merge(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        for _ in range(10):
            if queue.selected_id == 2:
                break
            await pilot.press("j")
            await settle(pilot)
        assert queue.selected_id == 2
        await pilot.press("v")
        await settle(pilot)
        assert confirmations(db_path) == [(2, 44, REVIEWER)]
        assert "saved: the verdict of group 2 now covers claim 44" in screen_text(app)


async def test_confirm_key_has_an_id_a_tooltip_and_shows_in_help_and_the_palette(app):
    assert "confirm-new" in binding_ids()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row = next(r for r in help_rows(app.screen) if r.binding_id == "confirm-new")
        assert (row.keys, row.description) == ("v", "Confirm")
        assert "every claim of the selected group new since its verdict" in row.tooltip
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Confirm" in commands
