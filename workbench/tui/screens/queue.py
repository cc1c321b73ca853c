"""The queue: every live group, unreviewed first, judged a keypress at a time.

The order is one id query (in a worker); rows are fetched per page by the
`QueueList` as they scroll into view. A verdict key judges the selected group
as a whole; the row updates in place after the commit and the group keeps
its place until the next refresh (`r`, a filter, or another session's
commit), so the cursor never jumps under the reviewer's fingers.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from workbench.display import one_line
from workbench.store.queue import Facets, QueueFilter
from workbench.tui.screens.base import (
    ReviewScreen,
    Target,
    confirm_binding,
    shared_bindings,
    verdict_bindings,
)
from workbench.tui.widgets.progress import ReviewProgress
from workbench.tui.widgets.queue_list import QueueList, header_text

SEARCH_DELAY = 0.15  # seconds of typing pause before the search runs
EMPTY = "No groups to review yet: ingest and group articles first (workbench review PATHS)."
EMPTY_FILTERED = "No group matches the filter or search (Escape clears them)."


class QueueScreen(ReviewScreen):
    """The list of groups to review."""

    HELP_TITLE = "Keys of the queue"

    BINDINGS: ClassVar[list[BindingType]] = [
        *verdict_bindings("group"),
        confirm_binding("group"),
        Binding("enter", "open_group", "Open", id="open-group",
                tooltip="Show the group's claims, speakers and articles"),
        Binding("slash", "search", "Search", id="search",
                tooltip="Search the claims' text as you type"),
        Binding("f", "filter", "Filter", id="filter",
                tooltip="Filter by verdict, outlet, speaker and language"),
        Binding("m", "mark", "Mark", id="merge-mark", show=False,
                tooltip="Mark or unmark the selected group for merging"),
        Binding("M", "merge", "Merge", id="merge", show=False,
                tooltip="Merge the marked groups (and the selected one, if only one is marked)"),
        Binding("escape", "back", "Back", show=False, id="back",
                tooltip="Close the search; else clear the search and filters"),
        *shared_bindings(),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = QueueFilter()
        self._search_timer: Timer | None = None
        self._loaded = False

    def compose(self) -> ComposeResult:
        yield ReviewProgress(id="progress")
        yield Static("", id="filters")
        yield Input(placeholder="search claims (Enter: keep, Escape: clear)", id="search")
        yield Static(header_text(200), id="queue-header")
        yield QueueList(self.app.session.queue_rows, id="queue")
        yield Static("", id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(QueueList).focus()
        self.reread()

    @property
    def queue(self) -> QueueList:
        return self.query_one(QueueList)

    # -- loading -------------------------------------------------------------

    def reread(self) -> None:
        self._load_ids(self.filter, self.queue.selected_id if self._loaded else None)

    @work(thread=True, exclusive=True, group="queue-ids", exit_on_error=False)
    def _load_ids(self, flt: QueueFilter, keep: int | None) -> None:
        session = self.app.session
        try:
            ids = session.queue_ids(flt)
            progress = session.progress()
            if keep is not None and keep not in ids:
                keep = session.live_group(keep)
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.app.call_from_thread(self._ids_loaded, flt, ids, keep, progress)

    def _ids_loaded(self, flt: QueueFilter, ids: list[int], keep: int | None,
                    progress: tuple[int, int]) -> None:
        if flt != self.filter:
            return  # a newer search is on its way
        self._loaded = True
        self.app.progress = progress
        self.queue.set_ids(ids, keep)
        self._show_filter(len(ids))
        if not ids:
            self.set_status(EMPTY_FILTERED if flt.active else EMPTY)
        elif str(self.query_one("#status", Static).content) in (EMPTY, EMPTY_FILTERED):
            self.set_status("")

    def show_changes(self) -> None:
        self.queue.reload_rows()

    def _show_filter(self, count: int) -> None:
        flt = self.filter
        parts = [f"{count} groups"]
        if flt.status != "all":
            parts.append(f"verdict: {flt.status}")
        for name, value in (("outlet", flt.outlet), ("speaker", flt.speaker),
                            ("language", flt.language), ("search", flt.text)):
            if value:
                parts.append(f"{name}: {one_line(value, 40)}")
        self.query_one("#filters", Static).update(Content("  ·  ".join(parts)))

    # -- what keys act on ----------------------------------------------------

    def target(self) -> Target | None:
        group_id = self.queue.selected_id
        return Target(group_id) if group_id is not None else None

    def action_open_group(self) -> None:
        from workbench.tui.screens.detail import GroupDetailScreen

        target = self.target()
        if target is None:
            return self.no_target()
        self.app.push_screen(GroupDetailScreen(target.group_id))

    # -- search and filter ---------------------------------------------------

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.add_class("visible")
        search.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._run_search)

    def _run_search(self) -> None:
        text = self.query_one("#search", Input).value.strip() or None
        if text != self.filter.text:
            self.filter = replace(self.filter, text=text)
            self._load_ids(self.filter, None)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self._run_search()
        self.queue.focus()

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus or search.has_class("visible"):
            search.value = ""
            search.remove_class("visible")
            self.queue.focus()
            if self.filter.text:
                self.filter = replace(self.filter, text=None)
                self._load_ids(self.filter, self.queue.selected_id)
        elif self.filter.active:
            self.filter = QueueFilter()
            self._load_ids(self.filter, self.queue.selected_id)

    def action_filter(self) -> None:
        self._load_facets()

    @work(thread=True, exclusive=True, group="facets", exit_on_error=False)
    def _load_facets(self) -> None:
        try:
            facets = self.app.session.facets()
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.app.call_from_thread(self._open_filter, facets)

    def _open_filter(self, facets: Facets) -> None:
        from workbench.tui.screens.dialogs import FilterDialog

        def chosen(result: QueueFilter | None) -> None:
            if result is None:
                return
            self.filter = replace(result, text=self.filter.text)
            self._load_ids(self.filter, self.queue.selected_id)

        self.app.push_screen(FilterDialog(self.filter, facets), chosen)

    # -- merging -------------------------------------------------------------

    def action_mark(self) -> None:
        group_id = self.queue.selected_id
        if group_id is None:
            return self.no_target()
        marked = self.queue.toggle_mark(group_id)
        count = len(self.queue.marked)
        self.set_status(f"{'marked' if marked else 'unmarked'} group {group_id} "
                        f"({count} marked; M merges them)")

    def action_merge(self) -> None:
        ids = list(self.queue.marked)
        selected = self.queue.selected_id
        if len(ids) == 1 and selected is not None and selected not in ids:
            ids.append(selected)
        if len(ids) < 2:
            self.app.tell("mark at least two groups with m, then press M", "warning")
            return

        def merged(keep: int) -> str:
            self.queue.marked.clear()
            self._load_ids(self.filter, keep)
            others = ", ".join(str(g) for g in ids if g != keep)
            return f"saved: merged group {others} into group {keep}"

        self.write(lambda s: s.merge(ids), merged)
