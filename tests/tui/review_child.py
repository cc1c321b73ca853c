"""A review session in its own process, for test_crash.py.

Runs the real app headless on the database given as argv[1], presses `s` on
the selected group, prints SAVED once the UI says the verdict is saved, then
keeps running until the test kills it.
"""

from __future__ import annotations

import asyncio
import sys

from textual.widgets import Static

from workbench.store import open_store
from workbench.tui import Settings, make_app
from workbench.tui.widgets.queue_list import QueueList


async def main(db_path: str) -> None:
    app = make_app(open_store(db_path), Settings(reviewer="child", poll_seconds=0))
    async with app.run_test(size=(120, 40)) as pilot:
        while app.screen.query_one(QueueList).selected_row is None:
            await pilot.pause(0.02)
        await pilot.press("s")
        status = app.screen.query_one("#status", Static)
        while not str(status.content).startswith("saved:"):
            await pilot.pause(0.005)
        print("SAVED", str(status.content), flush=True)
        await asyncio.sleep(3600)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
