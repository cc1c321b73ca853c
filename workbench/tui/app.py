"""The review app: built by `make_app(db, settings)`, screens do the rest.

The app owns three things the screens share: the `ReviewSession` (the one
door to the database), the ordered write path, and the poll that notices
other sessions' commits. Writes run in thread workers but in the order the
keys were pressed: each press queues its job and starts a worker that takes
the oldest job under the session lock, so a fast `s` then `d` always ends
as `d`, and a worker never reports a change before it is committed.

The reviewer's place (selection, open view, search, filter, sort, desk
settings) is saved through the same ordered path, gathered for a moment
first so holding `j` writes once, and written at once when the app exits.
"""

from __future__ import annotations

import queue as jobqueue
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, TypeVar

from sqlite_utils import Database
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.markup import escape
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from workbench.tui.session import ReviewSession, explain
from workbench.tui.settings import Settings

T = TypeVar("T")
# Seconds a place change (a cursor move) waits for the next one before it is
# written: each write is a commit that other sessions' polls see and re-read
# for, so a reviewer moving through the queue writes once per pause.
PLACE_DELAY = 1.0
Job = tuple[Callable[[ReviewSession], Any], Callable[[Any], None] | None,
            Callable[[BaseException], None]]


class ReviewApp(App[None]):
    """Claim Workbench review: the queue of groups, their detail, verdicts."""

    TITLE = "Claim Workbench"
    CSS_PATH = "review.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="command-palette",
                tooltip="Search every action of this view"),
    ]

    progress: reactive[tuple[int, int]] = reactive((0, 0))

    def __init__(self, session: ReviewSession, settings: Settings) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self._writes: jobqueue.Queue[Job] = jobqueue.Queue()
        self._data_version: int | None = None
        self._place_changes: dict[str, Any] = {}
        self._place_timer: Timer | None = None
        self._place_refused = False  # told once that the place cannot be kept

    def get_default_screen(self) -> Screen[Any]:
        from workbench.tui.screens.queue import QueueScreen

        return QueueScreen()

    def on_mount(self) -> None:
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        if self.settings.poll_seconds > 0:
            self.set_interval(self.settings.poll_seconds, self._poll)

    # -- writes --------------------------------------------------------------

    def submit(self, job: Callable[[ReviewSession], T],
               done: Callable[[T], None] | None = None,
               failed: Callable[[BaseException], None] | None = None) -> None:
        """Run `job` (a write) after every earlier one.

        `done` gets its result on the UI thread once it is committed; `failed`
        gets the exception (default: a one-line error message).
        """
        self._writes.put((job, done, failed or self.report_error))
        self._run_next_write()

    @work(thread=True, group="write", exit_on_error=False)
    def _run_next_write(self) -> None:
        # Deliberately not exclusive: an exclusive worker would cancel a queued
        # keypress. Each worker runs exactly one job, the oldest, under the lock.
        failure: BaseException | None = None
        with self.session.lock:
            job, done, failed = self._writes.get_nowait()
            try:
                result = job(self.session)
            except Exception as exc:  # noqa: BLE001 - every failure becomes a message
                failure = exc
        if failure is not None:
            self.call_from_thread(failed, failure)
        elif done is not None:
            self.call_from_thread(done, result)

    def report_error(self, exc: BaseException, prefix: str = "") -> None:
        self.tell(prefix + explain(exc), "error")

    def tell(self, message: str, severity: SeverityLevel = "information") -> None:
        """A toast, and the same line in the current screen's status bar (which stays)."""
        self.notify(message, severity=severity, markup=False,
                    timeout=8 if severity == "error" else 4)
        prefix = {"error": "error: ", "warning": "note: "}.get(severity, "")
        for status in self.screen.query("#status").results(Static):
            status.update(Content(prefix + message))

    # -- the reviewer's place ------------------------------------------------

    def place(self) -> dict[str, Any]:
        """The reviewer's place as saved, with the changes still gathering on top."""
        return {**self.session.place(), **self._place_changes}

    def save_place(self, **changes: Any) -> None:
        """Remember part of the reviewer's place (written shortly, in order, off this thread)."""
        self._place_changes.update(changes)
        if self._place_timer is not None:
            self._place_timer.stop()
        self._place_timer = self.set_timer(PLACE_DELAY, self.flush_place)

    def flush_place(self) -> None:
        """Queue the gathered place changes as one write now."""
        if self._place_timer is not None:
            self._place_timer.stop()
            self._place_timer = None
        if not self._place_changes:
            return
        changes, self._place_changes = self._place_changes, {}
        self.submit(lambda s: s.save_place(**changes), self._place_saved)

    def _place_saved(self, saved: bool) -> None:
        if not saved and not self._place_refused:
            self._place_refused = True
            self.tell("your place (group, search, filter, sort) is not kept: "
                      "the database refuses writes", "warning")

    def exit(self, result: None = None, return_code: int = 0,
             message: Any | None = None) -> None:
        # The last moves may still be gathering: write them before leaving.
        if self._place_changes:
            changes, self._place_changes = self._place_changes, {}
            self.session.save_place(**changes)
        super().exit(result, return_code, message)

    # -- other sessions ------------------------------------------------------

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def _poll(self) -> None:
        try:
            version = self.session.data_version()
        except Exception:  # noqa: BLE001 - a failed poll is retried on the next tick
            return
        previous, self._data_version = self._data_version, version
        if previous is not None and version != previous:
            self.call_from_thread(self.data_changed)

    def data_changed(self) -> None:
        """Another session committed: every screen re-reads what it shows."""
        for screen in self.screen_stack:
            reread = getattr(screen, "reread", None)
            if reread is not None:
                reread()

    # -- command palette -----------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        seen: set[str] = set()
        for active in _unique_bindings(screen):
            binding = active.binding
            if not binding.description or binding.action in seen or binding.system:
                continue
            seen.add(binding.action)
            keys = self.get_key_display(binding)
            # The palette parses help as markup: escape it (a key may be "[").
            help_text = escape(f"{binding.tooltip or binding.description} (key: {keys})")
            node = active.node

            def run(action: str = binding.action, node: Any = node) -> Any:
                return self.run_action(action, node)

            yield SystemCommand(binding.description, help_text, run)
        yield from (command for command in super().get_system_commands(screen)
                    if command.title not in ("Quit", "Keys"))


def _unique_bindings(screen: Screen[Any]) -> list[Any]:
    """The screen's active bindings, one per binding (not one per key)."""
    out: list[Any] = []
    seen: set[int] = set()
    for active in screen.active_bindings.values():
        if id(active.binding) in seen:
            continue
        seen.add(id(active.binding))
        out.append(active)
    return out


def make_app(db: Database, settings: Settings) -> ReviewApp:
    """Build the review app on an open store (the CLI and the tests both use this)."""
    return ReviewApp(ReviewSession(db, settings.reviewer, lang=settings.lang), settings)


def binding_ids() -> set[str]:
    """Every binding id a keymap may remap."""
    from workbench.tui.screens import detail, dialogs, export_dialog, help, merge_dialog, queue
    from workbench.tui.widgets import queue_list

    classes: list[Any] = [ReviewApp, queue.QueueScreen, detail.GroupDetailScreen,
                          queue_list.QueueList, help.HelpScreen, *dialogs.DIALOGS,
                          export_dialog.ExportDialog, merge_dialog.MergeDialog]
    ids: set[str] = set()
    for cls in classes:
        for klass in cls.__mro__:
            for binding in klass.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    ids.add(binding.id)
    return ids
