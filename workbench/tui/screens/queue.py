"""The queue: every live group, what needs a decision first, judged a keypress at a time.

The order is one id query (in a worker); rows are fetched per page by the
`QueueList` as they scroll into view. A verdict key judges the selected group
as a whole; the row updates in place after the commit and the group keeps
its place until the next refresh (`r`, a filter, a sort, or another
session's commit), so the cursor never jumps under the reviewer's fingers.

The screen keeps the reviewer's place (selected group, open group view,
search, filter, sort) in the reviewer state through `app.save_place`, and
restores it when the app starts. Marks for merging belong to the reviewer,
not to the current list: they survive searches and filters, the filter line
counts them, and `M` merges all of them after a confirmation.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from workbench.display import one_line
from workbench.store.queue import SORTS, Facets, QueueFilter, QueueRow
from workbench.tui.screens.base import (
    ReviewScreen,
    Target,
    confirm_binding,
    shared_bindings,
    verdict_bindings,
)
from workbench.tui.widgets.progress import ReviewProgress
from workbench.tui.widgets.queue_list import QueueList, disagreement_text, header_text

SEARCH_DELAY = 0.15  # seconds of typing pause before the search runs
EMPTY = "No groups to review yet: ingest and group articles first (workbench review PATHS)."
EMPTY_FILTERED = "No group matches the filter or search (Escape clears them)."
FILTER_FIELDS = ("status", "outlet", "speaker", "language")


def filter_from_place(place: dict[str, Any]) -> QueueFilter:
    """The saved filter and search, or no filter where what was saved cannot be used."""
    saved = place.get("filter")
    fields = {k: v for k, v in (saved if isinstance(saved, dict) else {}).items()
              if k in FILTER_FIELDS and isinstance(v, str) and v}
    search = place.get("search")
    try:
        return QueueFilter(**fields, text=search if isinstance(search, str) and search else None)
    except (TypeError, ValueError):  # a status this version does not know
        return QueueFilter(text=search if isinstance(search, str) and search else None)


def filter_to_place(flt: QueueFilter) -> dict[str, str]:
    return {name: getattr(flt, name) for name in FILTER_FIELDS
            if getattr(flt, name) and getattr(flt, name) != "all"}


def keep_order_of(shown: list[int], fresh: list[int]) -> list[int]:
    """`fresh` ids in the order already `shown`, new ones placed where `fresh` has them.

    A few groups appear after a merge, split, move or undo; many at once
    (another session regrouped) is a new list, so then `fresh` is taken whole.
    """
    known = set(shown)
    new = [(i, g) for i, g in enumerate(fresh) if g not in known]
    if len(new) > 100:
        return fresh
    live = set(fresh)
    out = [g for g in shown if g in live]
    for index, group_id in new:
        out.insert(min(index, len(out)), group_id)
    return out


class QueueScreen(ReviewScreen):
    """The list of groups to review."""

    HELP_TITLE = "Keys of the queue"

    # The footer shows bindings in this order and cuts what does not fit at 80
    # columns: the verdict keys, then note, help and quit (shared_bindings shows
    # only those), then the queue's own Open, Search and Filter.
    BINDINGS: ClassVar[list[BindingType]] = [
        *verdict_bindings("group"),
        confirm_binding("group"),
        *shared_bindings(),
        # Enter, / and Escape are priority keys: the app runs them the moment
        # they arrive, before the keys typed after them are handed to a
        # widget, so the focus has moved by then (see `action_search`).
        Binding("enter", "open_group", "Open", id="open-group", priority=True,
                tooltip="Show the group's claims, speakers and articles (in the search "
                        "box: back to the list)"),
        Binding("slash", "search", "Search", id="search", priority=True,
                tooltip="Search the claims' text as you type (Down or Enter: back to the list)"),
        Binding("f", "filter", "Filter", id="filter",
                tooltip="Filter by verdict, outlet, speaker and language"),
        Binding("equals_sign", "sort", "Sort", id="queue-sort", show=False, key_display="=",
                tooltip="Change the order: " + ", ".join(SORTS) + " (in turn)"),
        Binding("m", "mark", "Mark", id="merge-mark", show=False,
                tooltip="Mark or unmark the selected group for merging (marks stay "
                        "through searches and filters)"),
        Binding("M", "merge", "Merge", id="merge", show=False,
                tooltip="Merge the marked groups (and the selected one, if only one is "
                        "marked), after a confirmation"),
        Binding("down", "to_list", "To the list", id="search-to-list", show=False,
                tooltip="From the search box, move to the list (the search stays)"),
        Binding("escape", "back", "Back", show=False, id="back", priority=True,
                tooltip="Close the search; else clear the search and filters"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = QueueFilter()
        self.sort = SORTS[0]
        self._search_timer: Timer | None = None
        self._loaded = False
        self._restore_group: int | None = None  # the saved selection, until the first load
        self._reopen = False  # the group view was open when the app was left
        self._total = -1  # live groups when the list was last read

    def compose(self) -> ComposeResult:
        yield ReviewProgress(id="progress")
        yield Static("", id="filters")
        yield Input(placeholder="search claims (Enter or Down: to the list, Escape: clear)",
                    id="search")
        yield Static(header_text(200), id="queue-header")
        yield QueueList(self.app.session.queue_rows, id="queue")
        yield Static("", id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "progress", self._groups_changed, init=False)
        self.query_one(QueueList).focus()
        self._restore(self.app.place())
        self.reread()

    @property
    def queue(self) -> QueueList:
        return self.query_one(QueueList)

    # -- the reviewer's place ------------------------------------------------

    def _restore(self, place: dict[str, Any]) -> None:
        """Take up the saved search, filter, sort, selection and open view."""
        self.filter = filter_from_place(place)
        sort = place.get("sort")
        self.sort = sort if sort in SORTS else SORTS[0]
        group = place.get("group")
        self._restore_group = group if isinstance(group, int) else None
        self._reopen = place.get("view") == "group" and self._restore_group is not None
        if self.filter.text:
            search = self.query_one("#search", Input)
            search.value = self.filter.text
            search.add_class("visible")

    def on_screen_resume(self) -> None:
        if self._loaded:
            self.app.save_place(view="queue")
            self.queue.focus()

    @on(QueueList.Moved)
    def _moved(self, event: QueueList.Moved) -> None:
        if not self._loaded or event.group_id is None:
            return
        self.app.save_place(group=event.group_id)
        row = self.queue.selected_row
        if row is not None and row.group_id == event.group_id and row.disagreement:
            self.set_status(f"reviewers disagree on group {row.group_id}: "
                            f"{disagreement_text(row)}")

    def _save_filter(self) -> None:
        # A deliberate change, and a rare one: written now, not gathered.
        self.app.save_place(filter=filter_to_place(self.filter), search=self.filter.text,
                            sort=self.sort)
        self.app.flush_place()

    # -- loading -------------------------------------------------------------

    def reread(self) -> None:
        keep = self.queue.selected_id if self._loaded else self._restore_group
        self._load_ids(self.filter, self.sort, keep)

    def _groups_changed(self, progress: tuple[int, int]) -> None:
        """A change made or undone groups appear or vanish (merge, split, move, undo).

        The number of live groups is the cheap sign of it; the list then takes
        in the groups that appeared and drops the ones gone, keeping its order
        otherwise, so judged groups stay where the reviewer left them.
        """
        if self._loaded and progress[1] != self._total:
            self._total = progress[1]
            self._load_ids(self.filter, self.sort, self.queue.selected_id, keep_order=True)

    @work(thread=True, exclusive=True, group="queue-ids", exit_on_error=False)
    def _load_ids(self, flt: QueueFilter, sort: str, keep: int | None,
                  keep_order: bool = False) -> None:
        session = self.app.session
        try:
            ids = session.queue_ids(flt, sort=sort)
            progress = session.progress()
            if keep is not None and keep not in ids:
                keep = session.live_group(keep)
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.app.call_from_thread(self._ids_loaded, flt, sort, ids, keep, progress, keep_order)

    def _ids_loaded(self, flt: QueueFilter, sort: str, ids: list[int], keep: int | None,
                    progress: tuple[int, int], keep_order: bool = False) -> None:
        if flt != self.filter or sort != self.sort:
            return  # a newer search is on its way
        first = not self._loaded
        self._loaded = True
        self._total = progress[1]
        self.app.progress = progress
        if keep_order:
            ids = keep_order_of(self.queue.ids, ids)
        self.queue.dated = sort == "date"
        self.queue.set_ids(ids, keep)
        self._show_header()
        self._show_filter()
        if not ids:
            self.set_status(EMPTY_FILTERED if flt.active else EMPTY)
        elif str(self.query_one("#status", Static).content) in (EMPTY, EMPTY_FILTERED):
            self.set_status("")
        if first and self._reopen and keep is not None and keep in ids:
            self._reopen = False
            self._open(keep)

    def show_changes(self) -> None:
        self.queue.reload_rows()

    def _show_filter(self) -> None:
        flt = self.filter
        parts = [f"{len(self.queue.ids)} groups", f"sort: {self.sort} (=)"]
        if flt.status != "all":
            parts.append(f"verdict: {flt.status.replace('_', ' ')}")
        for name, value in (("outlet", flt.outlet), ("speaker", flt.speaker),
                            ("language", flt.language), ("search", flt.text)):
            if value:
                parts.append(f"{name}: {one_line(value, 40)}")
        marked = len(self.queue.marked)
        if marked:
            hidden = self.queue.hidden_marks
            parts.append(f"{marked} marked" + (f" ({hidden} not shown)" if hidden else ""))
        self.query_one("#filters", Static).update(Content("  ·  ".join(parts)))

    def on_resize(self) -> None:
        # Below 100 columns the palette hint (ctrl+p, also in help) yields its
        # place so the footer keeps the verdict keys, note, help and quit.
        self.query_one(Footer).show_command_palette = self.size.width >= 100
        self.call_after_refresh(self._show_header)

    def _show_header(self) -> None:
        width = self.queue.scrollable_content_region.width
        self.query_one("#queue-header", Static).update(
            Content(header_text(width, self.queue.dated)))

    # -- what keys act on ----------------------------------------------------

    def target(self) -> Target | None:
        group_id = self.queue.selected_id
        return Target(group_id) if group_id is not None else None

    def action_open_group(self) -> None:
        if self._searching():
            return self.action_to_list()
        target = self.target()
        if target is None:
            return self.no_target()
        self._open(target.group_id)

    def _open(self, group_id: int) -> None:
        from workbench.tui.screens.detail import GroupDetailScreen

        self.app.push_screen(GroupDetailScreen(group_id))

    # -- search, filter and order -------------------------------------------

    # The keys that move the focus between the search box and the list are
    # priority bindings and move it at once (Screen.set_focus, not the deferred
    # Widget.focus): a key is handed to whichever widget has the focus when the
    # app reads it, so "/" and the letters after it, typed fast or pasted, all
    # reach the search box and never judge or mark a group, and keys right
    # after Enter or Down act on the list instead of typing into the box.

    def _searching(self) -> bool:
        # `focused` is set at once by set_focus; `has_focus` only once the
        # widget has handled its Focus event.
        return self.focused is self.query_one("#search", Input)

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        if self._searching():
            raise SkipAction()  # "/" typed in the search box is text: the box gets it
        search.add_class("visible")
        self.set_focus(search)

    def action_to_list(self) -> None:
        if not self._searching():
            raise SkipAction()  # Down on the list moves its cursor
        self._run_search()
        self.set_focus(self.queue)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._run_search)

    def _run_search(self) -> None:
        text = self.query_one("#search", Input).value.strip() or None
        if text != self.filter.text:
            self.filter = replace(self.filter, text=text)
            self._save_filter()
            self._load_ids(self.filter, self.sort, None)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        if self._searching():
            self.action_to_list()

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus or search.has_class("visible"):
            search.value = ""
            search.remove_class("visible")
            self.set_focus(self.queue)
            if self.filter.text:
                self.filter = replace(self.filter, text=None)
                self._save_filter()
                self._load_ids(self.filter, self.sort, self.queue.selected_id)
        elif self.filter.active:
            self.filter = QueueFilter()
            self._save_filter()
            self._load_ids(self.filter, self.sort, self.queue.selected_id)

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._save_filter()
        self.set_status(f"sorted by {self.sort}")
        self._load_ids(self.filter, self.sort, self.queue.selected_id)

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
            self._save_filter()
            self._load_ids(self.filter, self.sort, self.queue.selected_id)

        self.app.push_screen(FilterDialog(self.filter, facets), chosen)

    # -- merging -------------------------------------------------------------

    def action_mark(self) -> None:
        group_id = self.queue.selected_id
        if group_id is None:
            return self.no_target()
        marked = self.queue.toggle_mark(group_id)
        count = len(self.queue.marked)
        self._show_filter()
        self.set_status(f"{'marked' if marked else 'unmarked'} group {group_id} "
                        f"({count} marked; M merges them)")

    def action_merge(self) -> None:
        ids = list(self.queue.marked)
        selected = self.queue.selected_id
        if len(ids) == 1 and selected is not None and selected not in ids:
            ids.append(selected)
        if not ids:
            self.app.tell("mark at least two groups with m, then press M", "warning")
            return
        self._load_merge(ids)

    @work(thread=True, exclusive=True, group="merge-rows", exit_on_error=False)
    def _load_merge(self, ids: list[int]) -> None:
        """Follow the marked groups to where they live now, then ask to confirm."""
        session = self.app.session
        try:
            live = [session.live_group(g) for g in ids]
            distinct = list(dict.fromkeys(g for g in live if g is not None))
            rows = session.queue_rows(distinct) if len(distinct) > 1 else []
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.app.call_from_thread(self._confirm_merge, ids, distinct, rows)

    def _confirm_merge(self, marked: list[int], ids: list[int], rows: list[QueueRow]) -> None:
        from workbench.tui.screens.merge_dialog import MergeDialog

        if len(ids) < 2:
            which = f"group {ids[0]}" if ids else "the marked group"
            self.app.tell(f"{which} cannot be merged into itself: mark another group with m "
                          "(nothing changed)", "warning")
            return

        def chosen(confirmed: bool | None) -> None:
            if confirmed:
                self._merge(ids)
            else:
                self.set_status("merge cancelled: nothing changed")

        self.app.push_screen(MergeDialog(rows), chosen)

    def _merge(self, ids: list[int]) -> None:
        def merged(keep: int) -> str:
            # The list takes the change in when the group count does (_groups_changed).
            self.queue.marked.clear()
            self._show_filter()
            others = ", ".join(str(g) for g in ids if g != keep)
            return f"saved: merged group {others} into group {keep}"

        self.write(lambda s: s.merge(ids), merged)
