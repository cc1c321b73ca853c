"""The queue as a virtual list: only the rows on screen are ever built.

The list holds the ordered group ids (a few hundred kilobytes for 100,000
claims) and asks its loader for the display rows of a page when a line of
that page is first drawn, in a thread worker, so scrolling through a huge
queue never blocks and never builds widgets for rows nobody sees. Row text is
untrusted article text and is drawn as plain segments, never as markup.

Each line says what needs a decision (verdict, ≠ when reviewers disagree,
± contested, check-worthiness, who asserts and who answers, size,
languages) and the claim; `layout` drops and narrows the lesser columns on
a narrow terminal so the claim keeps room, and gives a wide one's width to
the claim. Marks (for merging) are group ids and outlive the ordering.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.display import one_line
from workbench.store.queue import QueueRow

PAGE = 100
NO_VERDICT = "—"
DISAGREE = "≠"  # reviewers' latest labels for the group differ
CONTESTED = "±"  # denied or disputed: by an answering group or by its own claims
CLAIM_MIN = 35  # the claim text keeps at least this many cells at any width
CLAIM_SHARE = 0.6  # ... and this share of the line before other columns widen


@dataclass(frozen=True)
class Column:
    """One queue column: its place on screen, and how readily it gives way.

    `rank` orders who keeps a place when the terminal is narrow (0 first);
    a column shows at `least` cells when room is short, up to `width`.
    """

    key: str
    title: str
    least: int
    width: int
    rank: int
    right: bool = False


# In screen order; the claim text takes whatever is left.
COLUMNS: tuple[Column, ...] = (
    Column("mark", "", 2, 2, 0),
    Column("verdict", "verdict", 14, 16, 0),
    Column("contested", CONTESTED, 2, 2, 1),
    Column("worth", "worth", 6, 6, 3, right=True),
    Column("asserting", "asserted by", 14, 18, 2),
    Column("answering", "answered by", 14, 18, 5),
    Column("size", "size", 5, 6, 4, right=True),
    Column("langs", "langs", 6, 8, 6),
    # Shown only while the queue is sorted by date: then it is what orders it.
    Column("latest", "latest", 11, 11, 7),
)


def layout(width: int, dated: bool = False) -> list[tuple[Column, int]]:
    """The columns that fit in `width` cells beside the claim text, with their widths.

    Columns join in rank order at their least width while the claim keeps
    CLAIM_MIN cells and 40% of the line, then widen in rank order while it
    keeps CLAIM_SHARE of it. Everything else is the claim's: the wider the
    terminal, the more of each claim shows (at 220 columns, over 140 cells).
    """
    columns = [c for c in COLUMNS if dated or c.key != "latest"]
    chosen: dict[str, int] = {}
    used = 0
    for col in sorted(columns, key=lambda c: c.rank):
        if width - used - col.least >= max(CLAIM_MIN, width * 2 // 5):
            chosen[col.key] = col.least
            used += col.least
    keep = max(CLAIM_MIN, int(width * CLAIM_SHARE))
    for col in sorted(columns, key=lambda c: c.rank):
        if col.key in chosen:
            grow = min(col.width - col.least, max(0, width - used - keep))
            chosen[col.key] += grow
            used += grow
    return [(col, chosen[col.key]) for col in COLUMNS if col.key in chosen]


def header_text(width: int, dated: bool = False) -> str:
    cols = layout(width, dated)
    cells = [_fit(col.title, size, col.right) for col, size in cols]
    return "".join(cells) + _fit("claim", max(0, width - sum(s for _, s in cols)), False)


def verdict_text(row: QueueRow) -> str:
    """The verdict cell: label as read ("not checkable"), ≠ on disagreement, +N claim verdicts."""
    label = row.label.replace("_", " ") if row.label else NO_VERDICT
    if row.disagreement:
        label = f"{DISAGREE} {label}"
    if row.claim_verdicts:
        label += f" +{row.claim_verdicts}"
    return label


def disagreement_text(row: QueueRow) -> str:
    """Both (all) reviewers' labels, for the status line when the row is selected."""
    return ", ".join(f"{reviewer}: {(label or 'no label').replace('_', ' ')}"
                     for reviewer, label in row.disagreement)


def cell_text(col: Column, row: QueueRow) -> str:
    if col.key == "verdict":
        return verdict_text(row)
    if col.key == "contested":
        return CONTESTED if row.contested else ""
    if col.key == "worth":
        return f"{row.checkworthiness:.2f}"
    if col.key == "asserting":
        return ", ".join(one_line(n) for n in row.asserting)
    if col.key == "answering":
        return ", ".join(one_line(n) for n in row.answering)
    if col.key == "size":
        return str(row.size)
    if col.key == "langs":
        return ",".join(row.languages)
    if col.key == "latest":
        return (row.latest or "")[:10]
    return ""


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
        "queue-list--denied", "queue-list--not-checkable", "queue-list--open",
        "queue-list--marked", "queue-list--loading", "queue-list--contested",
        "queue-list--disagree",
    }

    class Moved(Message):
        """The cursor is on another group (or the same one after a new ordering)."""

        def __init__(self, group_id: int | None) -> None:
            super().__init__()
            self.group_id = group_id

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
        # Marked group ids, in marking order; kept across searches and filters
        # (a mark on a group the current list does not show still counts).
        self.marked: list[int] = []
        self._layout: tuple[tuple[int, bool], list[tuple[Column, int]]] = ((-1, False), [])
        self.dated = False  # show the latest publication date (the queue is sorted by it)

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

    @property
    def hidden_marks(self) -> int:
        """Marked groups the current ordering (search, filter) does not list."""
        return sum(1 for g in self.marked if g not in self._index)

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
        self.post_message(self.Moved(self.selected_id))

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

    def columns(self, width: int) -> list[tuple[Column, int]]:
        if self._layout[0] != (width, self.dated):
            self._layout = ((width, self.dated), layout(width, self.dated))
        return self._layout[1]

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._ids):
            return Strip.blank(width, base)
        cols = self.columns(width)
        row = self.row_at(index)
        if row is None:
            self._request(index // PAGE)
            loading = self.get_component_rich_style("queue-list--loading")
            lead = sum(size for col, size in cols if col.key in ("mark", "verdict"))
            text = _fit("…", lead, True) + f"group {self._ids[index]}"
            return Strip([Segment(text, base + loading)]).crop_extend(0, width, base)
        style = base
        if index == self.cursor:
            style = style + self.get_component_rich_style("queue-list--cursor")
        segments = []
        for col, size in cols:
            text = "●" if col.key == "mark" and row.group_id in self.marked else \
                cell_text(col, row)
            segments.append(Segment(_fit(text, size, col.right), style + self._accent(col, row)))
        rest = max(0, width - sum(size for _, size in cols))
        claim = one_line(row.representative)
        if cell_len(claim) > rest:
            claim = set_cell_size(claim, max(0, rest - 1)) + ("…" if rest else "")
        segments.append(Segment(claim, style))
        return Strip(segments).crop_extend(0, width, style)

    def _accent(self, col: Column, row: QueueRow) -> Style:
        """The colour a cell adds to the row's style (verdict, mark, contested)."""
        if col.key == "mark":
            name = "marked"
        elif col.key == "verdict":
            name = "disagree" if row.disagreement else \
                (row.label.replace("_", "-") if row.label else "open")
        elif col.key == "contested":
            name = "contested"
        else:
            return Style()
        return self.get_component_rich_style(f"queue-list--{name}", partial=True)


def _gone(group_id: int) -> QueueRow:
    return QueueRow(group_id=group_id, representative=f"(group {group_id} is gone; refresh)",
                    size=0, article_count=0, languages=(), checkworthiness=0.0, label=None,
                    reviewer=None, claim_verdicts=0)


