"""?/F1: every key of the view you are in, built from its live bindings.

The rows come from the screen's active bindings (focused widget, screen and
app), so remapped keys and view-specific meanings (a group in the queue, one
claim in the detail view) are exactly what the help shows. Each row carries
the binding id a keymap file uses to remap it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label, Static

from workbench.tui.settings import KEYMAP_ENV


@dataclass(frozen=True)
class HelpRow:
    keys: str
    description: str
    tooltip: str
    binding_id: str


def help_rows(screen: Screen[Any]) -> list[HelpRow]:
    """One row per binding of the screen's active bindings, keys joined."""
    grouped: dict[tuple[int, str, str], list[Binding]] = {}
    # The view's own keys first, then the focused widget's, then the app's.
    ordered = sorted(screen.active_bindings.values(),
                     key=lambda a: 0 if a.node is screen else 2 if a.node is screen.app else 1)
    for active in ordered:
        binding = active.binding
        if binding.system or not binding.description:
            continue
        group_key = (id(active.node), binding.action, binding.id or "")
        grouped.setdefault(group_key, []).append(binding)
    rows = []
    for bindings in grouped.values():
        first = bindings[0]
        keys = ", ".join(dict.fromkeys(screen.app.get_key_display(b) for b in bindings))
        rows.append(HelpRow(keys, first.description, first.tooltip, first.id or ""))
    return rows


class HelpScreen(ModalScreen[None]):
    """The keys of the view that was focused when help was asked for."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "close", "Close", id="help-close",
                tooltip="Close the help"),
    ]

    def __init__(self, title: str, rows: list[HelpRow]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog help"):
            yield Label(self.title_text, classes="dialog-title")
            yield DataTable(id="help-table", cursor_type="row", show_cursor=False)
            yield Static(
                Text(f"Remap any key by its id in a keymap file (--keymap FILE or "
                     f"${KEYMAP_ENV}), e.g. {{\"verdict-supported\": \"f2\"}}. "
                     "ctrl+p lists every action. Escape closes."),
                id="help-footer")

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        table.add_column("key", key="key")
        table.add_column("action", key="action")
        table.add_column("id (for a keymap)", key="id")
        table.add_column("what it does", key="tooltip")
        for row in self.rows:
            table.add_row(Text(row.keys), Text(row.description), Text(row.binding_id),
                          Text(row.tooltip))
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
