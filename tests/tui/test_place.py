"""The reviewer's place survives a restart: selection, open view, search, filter, sort.

The pilot tests read the saved row through a second connection (only what
was committed); the last test runs the real `workbench review` command in a
pseudo-terminal twice, as a reviewer would, and finds the place kept.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from workbench.store import open_store, reviewer_state
from workbench.tui.app import PLACE_DELAY
from workbench.tui.screens.detail import GroupDetailScreen
from workbench.tui.screens.queue import QueueScreen
from workbench.tui.widgets.queue_list import QueueList

from .conftest import REVIEWER, SIZE
from .helpers import committed, screen_text, settle

ROOT = Path(__file__).resolve().parents[2]
QUEUE_ORDER = [1, 3, 7, 5, 8, 2, 4, 6]


def saved(db_path: Path, reviewer: str = REVIEWER) -> dict[str, Any]:
    rows = committed(db_path, "SELECT state FROM reviewer_state WHERE reviewer = ?", [reviewer])
    return json.loads(rows[0][0]) if rows else {}


async def written(pilot) -> None:
    """Wait out the gathering of place changes, then for the write itself."""
    await pilot.pause(PLACE_DELAY + 0.1)
    await settle(pilot)


def queue_of(app) -> QueueList:
    return app.screen.query_one(QueueList)


async def test_moving_saves_the_selected_group(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await written(pilot)
        assert saved(db_path)["group"] == QUEUE_ORDER[2]
        assert saved(db_path)["view"] == "queue"


async def test_search_filter_and_sort_are_saved_as_they_change(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Lavrov", "enter")
        await written(pilot)
        assert saved(db_path)["search"] == "Lavrov"
        await pilot.press("equals_sign")
        await written(pilot)
        assert saved(db_path)["sort"] == "date"
        assert "sort: date" in screen_text(app)
        await pilot.press("f")
        await settle(pilot)
        app.screen.query_one("#speaker", Input).focus()
        await pilot.press(*"Sergey Lavrov", "enter")
        await written(pilot)
        state = saved(db_path)
        assert state["filter"] == {"speaker": "Sergey Lavrov"}
        assert state["search"] == "Lavrov" and state["sort"] == "date"
        await pilot.press("escape", "escape")  # close the search, then clear the filter
        await written(pilot)
        assert saved(db_path)["filter"] == {} and saved(db_path)["search"] is None


async def test_quitting_writes_a_move_still_gathering(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("end", "q")
        await pilot.pause()
    assert saved(db_path)["group"] == QUEUE_ORDER[-1]


async def test_the_place_is_restored_on_start(make, db, db_path):
    reviewer_state.save(db, REVIEWER, {"group": 4, "search": "Korea", "sort": "size",
                                       "filter": {"status": "unreviewed"}, "view": "queue"})
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        assert screen.sort == "size" and screen.filter.status == "unreviewed"
        assert screen.filter.text == "Korea"
        assert screen.query_one("#search", Input).value == "Korea"
        assert queue_of(app).selected_id == 4
        assert app.focused is queue_of(app)
        text = screen_text(app)
        assert "sort: size" in text and "verdict: unreviewed" in text and "search: Korea" in text


async def test_the_group_view_reopens_where_it_was(make, db, db_path):
    reviewer_state.save(db, REVIEWER, {"group": 7, "view": "group"})
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, GroupDetailScreen)
        assert app.screen.group_id == 7
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert queue_of(app).selected_id == 7
        await written(pilot)
        assert saved(db_path)["view"] == "queue"


async def test_a_saved_group_merged_away_restores_to_the_group_it_joined(make, db, db_path):
    from workbench.store.groups import merge

    reviewer_state.save(db, REVIEWER, {"group": 5})
    merge(db, 3, 5, "colleague")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert queue_of(app).selected_id == 3


async def test_a_malformed_or_foreign_state_starts_with_defaults(make, db, db_path):
    db.execute("INSERT INTO reviewer_state VALUES (?, ?, 'now')",
               [REVIEWER, '{"group": "x", "sort": "sideways", "filter": {"status": "maybe"},'
                          ' "view": 3, "search": ["a"]}'])
    db.conn.commit()
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        assert screen.sort == "priority" and not screen.filter.active
        assert queue_of(app).ids == QUEUE_ORDER and queue_of(app).selected_id == 1
    db.execute("UPDATE reviewer_state SET state = '{not json' WHERE reviewer = ?", [REVIEWER])
    db.conn.commit()
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert queue_of(app).ids == QUEUE_ORDER


async def test_a_read_only_database_restores_and_says_once_that_it_cannot_save(make, db,
                                                                               db_path):
    reviewer_state.save(db, REVIEWER, {"group": 5, "sort": "size"})
    db.execute("PRAGMA query_only = ON")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert queue_of(app).selected_id == 5
        assert app.screen.sort == "size"
        await pilot.press("j")
        await written(pilot)
        assert "your place (group, search, filter, sort) is not kept" in screen_text(app)
        app.screen.set_status("")
        await pilot.press("j", "equals_sign")
        await written(pilot)
        assert "is not kept" not in screen_text(app)  # said once, not on every move
        assert app.is_running
    assert saved(db_path) == {"group": 5, "sort": "size"}


# -- the real command, twice, in a pseudo-terminal ---------------------------


class Terminal:
    """`workbench review` in a pseudo-terminal of 120x40; keys in, screen bytes out."""

    def __init__(self, db_path: Path) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
        env.update(TERM="xterm-256color", PYTHONPATH=str(ROOT), COLUMNS="120", LINES="40")
        command = [str(Path(sys.executable).with_name("workbench")), "--db", str(db_path),
                   "review", "--reviewer", REVIEWER]
        self.process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave,
                                        cwd=ROOT, env=env, start_new_session=True)
        os.close(slave)
        self.master = master
        self.output = b""
        self.mark = 0  # where the output since the last keys starts

    def read_until(self, text: str, timeout: float = 30) -> None:
        """Wait until `text` is drawn after the last keys were sent."""
        end = time.monotonic() + timeout
        while text.encode() not in self.output[self.mark:]:
            if time.monotonic() > end:
                raise AssertionError(f"{text!r} never showed; got {self.output[-4000:]!r}")
            self._read(0.1)

    def _read(self, wait: float) -> None:
        ready, _, _ = select.select([self.master], [], [], wait)
        if ready:
            try:
                self.output += os.read(self.master, 65536)
            except OSError:  # the child closed the terminal
                pass

    def keys(self, *keys: str, pause: float = 0.3) -> None:
        self.mark = len(self.output)
        for key in keys:
            os.write(self.master, key.encode())
            end = time.monotonic() + pause
            while time.monotonic() < end:
                self._read(0.05)

    def wait(self, timeout: float = 30) -> int:
        end = time.monotonic() + timeout
        while self.process.poll() is None:
            if time.monotonic() > end:
                self.close()
                raise AssertionError(f"did not quit; got {self.output[-2000:]!r}")
            self._read(0.05)
        self.close()
        return self.process.returncode

    def close(self) -> None:
        """Kill the child if it still runs and close our end of the terminal.

        Always called (the fixture below): a child left behind when an
        assertion fails would spin on a terminal nobody reads.
        """
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        if self.master >= 0:
            os.close(self.master)
            self.master = -1


@pytest.fixture
def terminal(db_path: Path) -> Iterator[Callable[[], Terminal]]:
    """Start `workbench review` in a pseudo-terminal; every one is closed after the test."""
    started: list[Terminal] = []

    def start() -> Terminal:
        started.append(Terminal(db_path))
        return started[-1]

    yield start
    for each in started:
        each.close()


def test_the_real_command_keeps_the_place_across_a_restart(db_path: Path, terminal):
    first = terminal()
    first.read_until("Reviewed 0 / 8 groups")
    first.read_until("sort: priority")
    first.keys("/")
    first.read_until("search claims")  # the search box is open
    first.keys(*"Lavrov", pause=0.1)
    first.read_until("Lavrov")
    first.keys("\r", pause=1.0)  # Enter: the search stays, the list has the focus
    first.read_until("search: Lavrov")
    first.keys("j", "j", pause=0.5)  # the third group found (4)
    first.keys("=", pause=1.0)  # sort by date
    first.keys("q")
    assert first.wait() == 0
    state = saved(db_path)
    assert state["search"] == "Lavrov" and state["sort"] == "date"
    assert state["group"] == 4

    second = terminal()
    second.read_until("search: Lavrov")
    second.read_until("sort: date")
    second.keys("s", pause=1.0)  # the restored selection is what `s` judges
    second.read_until("saved: group 4")
    second.keys("q")
    assert second.wait() == 0
    assert committed(db_path, "SELECT group_id, label FROM verdicts") == [(4, "supported")]
    store = open_store(db_path)
    try:
        assert reviewer_state.load(store, REVIEWER)["group"] == 4
    finally:
        store.conn.close()


async def test_quitting_in_the_group_view_reopens_it_next_time(make, db_path):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, GroupDetailScreen)
        await pilot.press("q")
        await pilot.pause()
    state = saved(db_path)
    assert (state["view"], state["group"]) == ("group", 3)
    again = make()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, GroupDetailScreen) and again.screen.group_id == 3
