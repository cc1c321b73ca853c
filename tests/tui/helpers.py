"""Waiting for the app's thread workers, and reading what a widget shows."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget


async def settle(pilot: Pilot, rounds: int = 50) -> None:
    """Let every worker (and whatever its result starts) finish."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        busy = [w for w in app.workers if w.is_running]
        if not busy:
            await pilot.pause()
            if not [w for w in app.workers if w.is_running]:
                return
        await app.workers.wait_for_complete(busy)
    raise AssertionError("workers did not settle")


def screen_text(app: App[object]) -> str:
    """Everything on the terminal right now, as plain text (what the reviewer sees)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


def widget_text(widget: Widget) -> str:
    """The plain text one widget draws (without its children)."""
    lines = widget.render_lines(widget.region.reset_offset)
    return "\n".join(line.text.rstrip() for line in lines)


def committed(db_path: Path, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
    """Rows as a second connection sees them: only what was committed."""
    conn = sqlite3.connect(db_path)
    try:
        return [tuple(r) for r in conn.execute(sql, list(params)).fetchall()]
    finally:
        conn.close()


def verdict_rows(db_path: Path) -> list[tuple[Any, ...]]:
    return committed(db_path, "SELECT group_id, claim_id, label, reviewer FROM verdicts "
                              "ORDER BY coalesce(group_id, 0), coalesce(claim_id, 0)")


def history_rows(db_path: Path) -> list[tuple[Any, ...]]:
    return committed(db_path, "SELECT action, group_id, claim_id, label, prev_label, reviewer "
                              "FROM verdict_history ORDER BY id")


async def open_group(pilot: Pilot[Any], group_id: int) -> Any:
    """Open the group view of `group_id` and return the screen once it has settled."""
    from workbench.tui.screens.detail import GroupDetailScreen

    await settle(pilot)
    pilot.app.push_screen(GroupDetailScreen(group_id))
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, GroupDetailScreen)
    return screen
