"""The `M` confirmation: which groups merge, and which id remains.

A merge moves every claim of the other groups into one, so the reviewer
sees the groups (id, verdict, representative text, one line each, in a list
that scrolls however many were marked) and the id that will remain before
anything changes. The id that remains follows the store's rule: a judged
group keeps its id so its verdict stays where it was (the first judged one
in marking order); otherwise the first marked. Enter or the Merge button
confirms, Escape or Cancel leaves everything as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from workbench.display import one_line
from workbench.store.queue import QueueRow


def survivor(rows: Sequence[QueueRow]) -> QueueRow:
    """The group whose id remains after merging `rows` in order (see store/groups.merge)."""
    return next((r for r in rows if r.label is not None), rows[0])


def group_line(row: QueueRow) -> str:
    label = row.label.replace("_", " ") if row.label else "no verdict"
    claims = f"{row.size} claim" + ("" if row.size == 1 else "s")
    return f"group {row.group_id} · {label} · {claims} · {one_line(row.representative)}"


class MergeDialog(ModalScreen[bool]):
    """Confirm merging two or more groups into one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="merge-cancel",
                tooltip="Close without merging (nothing changes)"),
        Binding("enter", "confirm", "Merge", id="merge-confirm",
                tooltip="Merge the groups listed"),
    ]

    def __init__(self, rows: Sequence[QueueRow]) -> None:
        super().__init__()
        if len(rows) < 2:
            raise ValueError("a merge needs at least two groups")
        self.rows = list(rows)
        self.keep = survivor(self.rows)

    def compose(self) -> ComposeResult:
        keep = self.keep
        others = [r.group_id for r in self.rows if r.group_id != keep.group_id]
        why = ("it has the verdict, which stays" if keep.label is not None
               else "the first marked")
        with Vertical(id="dialog", classes="dialog merge"):
            yield Label(Content(f"Merge {len(self.rows)} groups into one?"),
                        classes="dialog-title")
            with VerticalScroll(id="merge-groups"):
                for row in self.rows:
                    mark = "→ " if row.group_id == keep.group_id else "  "
                    yield Static(Content(mark + group_line(row)), classes="merge-group")
            yield Static(Content(
                f"Group {keep.group_id} remains ({why}); "
                f"group{'s' if len(others) > 1 else ''} {', '.join(map(str, others))} "
                f"{'are' if len(others) > 1 else 'is'} merged into it. u undoes the merge."),
                id="merge-outcome")
            with Horizontal(classes="buttons"):
                yield Button("Merge (Enter)", id="merge-ok", variant="primary")
                yield Button("Cancel (Escape)", id="merge-close")

    def on_mount(self) -> None:
        self.query_one("#merge-ok", Button).focus()

    @on(Button.Pressed, "#merge-ok")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#merge-close")
    def action_cancel(self) -> None:
        self.dismiss(False)
