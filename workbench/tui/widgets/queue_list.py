"""The queue as a virtual list: only the rows on screen are ever built.

The list holds the ordered group ids (a few hundred kilobytes for 100,000
claims) and asks its loader for the display rows of a page when a line of
that page is first drawn, in a thread worker, so scrolling through a huge
queue never blocks and never builds widgets for rows nobody sees. Row text is
untrusted article text and is drawn as plain segments, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events, work
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.display import one_line
from workbench.store.queue import QueueRow

PAGE = 100
NO_VERDICT = "—"

# (title, width, right-aligned); the claim column takes the rest.
COLUMNS: tuple[tuple[str, int, bool], ...] = (
    ("", 2, False), ("verdict", 11, False), ("claims", 7, True), ("arts", 6, True),
    ("langs", 13, False),
)


def header_text(width: int) -> str:
    cells = [_fit(title, size, right) for title, size, right in COLUMNS]
    used = sum(size for _, size, _ in COLUMNS)
    return "".join(cells) + _fit("claim", max(0, width - used), False)


def _fit(text: str, width: int, right: bool) -> str:
    """`text` in exactly `width` cells: cut with an ellipsis, padded, one space after."""
    if width <= 1:
        return " " * max(0, width)
    inner = width - 1
    if cell_len(text) > inner:
        text = set_cell_size(text, inner - 1) + "…"
    pad = " " * (inner - cell_len(text))
    return (pad + text if right else text + pad) + " "


class QueueList(ScrollView, can_focus=True):
    """Groups in queue order; the cursor row is the selected group."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="cursor-down",
                tooltip="Move to the next group"),
        Binding("up,k", "cursor_up", "Up", show=False, id="cursor-up",
                tooltip="Move to the previous group"),
        Binding("pagedown", "page_down", "Page down", show=False, id="page-down",
                tooltip="Move down one screen"),
        Binding("pageup", "page_up", "Page up", show=False, id="page-up",
                tooltip="Move up one screen"),
        Binding("home", "first", "First", show=False, id="cursor-first",
                tooltip="Move to the first group"),
        Binding("end", "last", "Last", show=False, id="cursor-last",
                tooltip="Move to the last group"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "queue-list--cursor", "queue-list--supported", "queue-list--disputed",
        "queue-list--denied", "queue-list--open", "queue-list--marked", "queue-list--loading",
    }

    cursor: reactive[int] = reactive(0, always_update=True)

    def __init__(self, loader: Callable[[Sequence[int]], list[QueueRow]], *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self._loader = loader
        self._ids: list[int] = []
        self._index: dict[int, int] = {}
        self._pages: dict[int, list[QueueRow]] = {}
        self._pending: set[int] = set()
        self._generation = 0
        self.marked: list[int] = []

    # -- data ----------------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        return self._ids

    def set_ids(self, ids: list[int], keep: int | None = None) -> None:
        """Show a new ordering; the cursor stays on group `keep` if it is still listed."""
        self._generation += 1
        self._ids = ids
        self._index = {gid: i for i, gid in enumerate(ids)}
        self._pages.clear()
        self._pending.clear()
        self.marked = [g for g in self.marked if g in self._index]
        self.virtual_size = Size(self.size.width, len(ids))
        target = self._index.get(keep, self.cursor) if keep is not None else 0
        self.cursor = min(max(0, target), max(0, len(ids) - 1))
        self.refresh()

    def reload_rows(self) -> None:
        """Re-read the rows already shown (after a change), keeping the order."""
        self._generation += 1
        pages = sorted(self._pages)
        self._pending.clear()
        for page in pages:
            self._request(page)

    @property
    def selected_id(self) -> int | None:
        return self._ids[self.cursor] if 0 <= self.cursor < len(self._ids) else None

    @property
    def selected_row(self) -> QueueRow | None:
        return self.row_at(self.cursor)

    def row_at(self, index: int) -> QueueRow | None:
        page = self._pages.get(index // PAGE)
        if page is None or index % PAGE >= len(page):
            return None
        return page[index % PAGE]

    def toggle_mark(self, group_id: int) -> bool:
        if group_id in self.marked:
            self.marked.remove(group_id)
            marked = False
        else:
            self.marked.append(group_id)
            marked = True
        index = self._index.get(group_id)
        if index is not None:
            self.refresh_line_of(index)
        return marked

    def _request(self, page: int) -> None:
        if page in self._pending or page * PAGE >= len(self._ids):
            return
        self._pending.add(page)
        self._load_page(self._generation, page, self._ids[page * PAGE : (page + 1) * PAGE])

    @work(thread=True, group="queue-page", exit_on_error=False)
    def _load_page(self, generation: int, page: int, ids: list[int]) -> None:
        # Not exclusive: several pages can be wanted at once (a tall screen).
        try:
            rows = self._loader(ids)
        except Exception as exc:  # noqa: BLE001 - shown, retried on the next refresh
            # The page stays "pending" so a broken database is not hammered per frame.
            self.app.call_from_thread(self.notify, f"cannot load the queue: {exc}",
                                      severity="error", markup=False)
            return
        self.app.call_from_thread(self._page_loaded, generation, page, rows)

    def _page_loaded(self, generation: int, page: int, rows: list[QueueRow]) -> None:
        if generation != self._generation:
            self.refresh()  # a newer request may be needed for lines still loading
            return
        self._pending.discard(page)
        by_id = {r.group_id: r for r in rows}
        ids = self._ids[page * PAGE : (page + 1) * PAGE]
        # Groups that vanished since the order was read (merged away) keep a blank line.
        self._pages[page] = [by_id.get(g) or _gone(g) for g in ids]
        self.refresh()

    # -- cursor --------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line_of(old)
        self.refresh_line_of(new)
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, force=True)

    def refresh_line_of(self, index: int) -> None:
        self.refresh(Region(0, index - int(self.scroll_offset.y), self.size.width, 1))

    def _move(self, delta: int) -> None:
        if self._ids:
            self.cursor = min(max(0, self.cursor + delta), len(self._ids) - 1)

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_page_down(self) -> None:
        self._move(max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._move(-max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self._move(-len(self._ids))

    def action_last(self) -> None:
        self._move(len(self._ids))

    async def _on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < len(self._ids):
            self.cursor = index

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._ids))

    # -- drawing -------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._ids):
            return Strip.blank(width, base)
        row = self.row_at(index)
        if row is None:
            self._request(index // PAGE)
            loading = self.get_component_rich_style("queue-list--loading")
            text = _fit("", 2, False) + _fit("…", 11, False) + f"group {self._ids[index]}"
            return Strip([Segment(text, base + loading)]).crop_extend(0, width, base)
        style = base
        if index == self.cursor:
            style = style + self.get_component_rich_style("queue-list--cursor")
        verdict_style = self.get_component_rich_style(
            f"queue-list--{row.label}" if row.label else "queue-list--open", partial=True)
        marked = row.group_id in self.marked
        mark_style = self.get_component_rich_style("queue-list--marked", partial=True)
        label = row.label or NO_VERDICT
        if row.claim_verdicts:
            label += f" +{row.claim_verdicts}"
        fixed = sum(size for _, size, _ in COLUMNS)
        segments = [
            Segment(_fit("●" if marked else "", 2, False), style + mark_style),
            Segment(_fit(label, 11, False), style + verdict_style),
            Segment(_fit(str(row.size), 7, True) + _fit(str(row.article_count), 6, True)
                    + _fit(",".join(row.languages), 13, False), style),
            Segment(set_cell_size(one_line(row.representative), max(0, width - fixed)), style),
        ]
        return Strip(segments).crop_extend(0, width, style)


def _gone(group_id: int) -> QueueRow:
    return QueueRow(group_id=group_id, representative=f"(group {group_id} is gone; refresh)",
                    size=0, article_count=0, languages=(), checkworthiness=0.0, label=None,
                    reviewer=None, claim_verdicts=0)


