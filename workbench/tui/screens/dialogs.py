"""Modal dialogs: source links, the note, and the queue filter.

Link and note dialogs write through the app's ordered write path and show
the outcome (or the refusal, e.g. the reason `validate_url` gives for a bad
URL) inside the dialog, so the reviewer can fix it without losing what was
typed. Evidence comes before the decision: both work on a group or claim
with no verdict yet, and say so ("no verdict yet — evidence only"). Each
dialog scrolls as a whole, so at 80x24 every field and button is reachable.
Everything from articles or reviewers is shown as plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from workbench.display import one_line
from workbench.models import Verdict
from workbench.review import InvalidLink, validate_url
from workbench.store.queue import STATUSES, Facets, QueueFilter
from workbench.tui.screens.base import Target
from workbench.tui.screens.corrections import CORRECTION_DIALOGS

if TYPE_CHECKING:
    from workbench.tui.app import ReviewApp

CLOSE = Binding("escape", "close", "Close", id="dialog-close", tooltip="Close the dialog")


class _Dialog(ModalScreen[str | None]):
    if TYPE_CHECKING:
        app: ReviewApp

    def show_error(self, message: str) -> None:
        self.query_one("#error", Static).update(Content(message))

    def action_close(self) -> None:
        self.dismiss(None)


def verdict_state(verdict: Verdict | None) -> str:
    """Whether the verdict the evidence belongs to has a label yet, in words."""
    from workbench.tui.screens.base import label_text

    if verdict is None or verdict.label is None:
        return "no verdict yet — evidence only"
    return f"verdict: {label_text(verdict.label)} ({one_line(verdict.reviewer, 30)})"


class LinkDialog(_Dialog):
    """Add, edit and remove the source links of one verdict."""

    BINDINGS: ClassVar[list[BindingType]] = [CLOSE]

    def __init__(self, target: Target, verdict: Verdict | None) -> None:
        super().__init__()
        self.target = target
        self.verdict = verdict
        self.editing: str | None = None  # URL of the link being edited
        self.saved: list[str] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="dialog desk-dialog"):
            yield Label(Content(f"Source links on {self.target}"), classes="dialog-title")
            yield Static(Content(verdict_state(self.verdict)), id="verdict-state")
            yield OptionList(id="links", compact=True)
            yield Label("URL")
            yield Input(placeholder="https://…", id="url", compact=True)
            yield Label("Title (optional)")
            yield Input(id="title", compact=True)
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Add", id="save", variant="primary", compact=True)
                yield Button("Remove", id="remove", variant="error", disabled=True, compact=True)
                yield Button("New", id="new", compact=True)
                yield Button("Close", id="close", compact=True)

    def on_mount(self) -> None:
        self._show_links()
        self.query_one("#url", Input).focus()

    def _show_links(self) -> None:
        links = self.query_one("#links", OptionList)
        links.clear_options()
        current = self.verdict.links if self.verdict is not None else ()
        if not current:
            links.add_option(Option(Content("(no links yet)"), disabled=True))
        for link in current:
            title = f"  — {one_line(link.title, 60)}" if link.title else ""
            links.add_option(Option(Content(one_line(link.url, 100) + title), id=link.url))

    @on(OptionList.OptionSelected, "#links")
    def _pick(self, event: OptionList.OptionSelected) -> None:
        url = event.option.id
        current = self.verdict.links if self.verdict is not None else ()
        link = next((x for x in current if x.url == url), None)
        if link is None:
            return
        self.editing = link.url
        self.query_one("#url", Input).value = link.url
        self.query_one("#title", Input).value = link.title or ""
        self.query_one("#save", Button).label = "Save"
        self.query_one("#remove", Button).disabled = False
        self.query_one("#url", Input).focus()

    @on(Button.Pressed, "#new")
    def _new(self) -> None:
        self.editing = None
        self.query_one("#url", Input).value = ""
        self.query_one("#title", Input).value = ""
        self.query_one("#save", Button).label = "Add"
        self.query_one("#remove", Button).disabled = True
        self.show_error("")
        self.query_one("#url", Input).focus()

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss("; ".join(self.saved) or None)

    def action_close(self) -> None:
        self._close()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save_link(self) -> None:
        url = self.query_one("#url", Input).value
        title = self.query_one("#title", Input).value
        try:
            url = validate_url(url)
        except InvalidLink as exc:
            self.show_error(f"not saved: {exc.reason}")
            self.query_one("#url", Input).focus()
            return
        target, old = self.target, self.editing
        if old is None:
            self.app.submit(
                lambda s: s.add_link(target.group_id, url, title.strip() or None,
                                     target.claim_id),
                lambda v: self._saved(v, f"added link {url}"), self._failed)
        else:
            self.app.submit(
                lambda s: s.edit_link(target.group_id, old, url, title, target.claim_id),
                lambda v: self._saved(v, f"saved link {url}"), self._failed)

    @on(Button.Pressed, "#remove")
    def remove_link(self) -> None:
        old, target = self.editing, self.target
        if old is None:
            return
        self.app.submit(lambda s: s.remove_link(target.group_id, old, target.claim_id),
                        lambda v: self._saved(v, f"removed link {old}"), self._failed)

    def _saved(self, verdict: Verdict | None, message: str) -> None:
        self.verdict = verdict
        self.query_one("#verdict-state", Static).update(Content(verdict_state(verdict)))
        self.saved.append(message)
        self._show_links()
        self._new()
        self.show_error(f"saved: {message}")

    def _failed(self, exc: BaseException) -> None:
        from workbench.tui.session import explain

        self.show_error(f"not saved: {explain(exc)}")


class NoteDialog(_Dialog):
    """Write or replace the note of one verdict (or of evidence before one)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        CLOSE,
        Binding("ctrl+s", "save", "Save", id="note-save", tooltip="Save the note"),
    ]

    def __init__(self, target: Target, verdict: Verdict | None) -> None:
        super().__init__()
        self.target = target
        self.verdict = verdict

    def compose(self) -> ComposeResult:
        note = self.verdict.note if self.verdict is not None else None
        with VerticalScroll(id="dialog", classes="dialog desk-dialog"):
            yield Label(Content(f"Note on {self.target}"), classes="dialog-title")
            yield Static(Content(verdict_state(self.verdict)), id="verdict-state")
            yield TextArea(note or "", id="note", soft_wrap=True)
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#note", TextArea).focus()

    @on(Button.Pressed, "#close")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = self.query_one("#note", TextArea).text
        if not text.strip() and not (self.verdict is not None and self.verdict.note):
            self.show_error("the note is empty: type a note, or press Escape to cancel")
            return
        target = self.target
        message = (f"saved: note on {target}" if text.strip()
                   else f"saved: note removed from {target}")

        def saved(_: Verdict | None) -> None:
            self.dismiss(message)

        self.app.submit(lambda s: s.set_note(target.group_id, text, target.claim_id),
                        saved, self._failed)

    def _failed(self, exc: BaseException) -> None:
        from workbench.tui.session import explain

        self.show_error(f"not saved: {explain(exc)}")


class FilterDialog(ModalScreen[QueueFilter | None]):
    """Narrow the queue by verdict status, outlet, language and speaker."""

    BINDINGS: ClassVar[list[BindingType]] = [CLOSE]

    def __init__(self, current: QueueFilter, facets: Facets) -> None:
        super().__init__()
        self.current = current
        self.facets = facets

    def compose(self) -> ComposeResult:
        flt, facets = self.current, self.facets
        with VerticalScroll(id="dialog", classes="dialog desk-dialog"):
            yield Label("Filter the queue", classes="dialog-title")
            yield Label("Verdict")
            yield Select([(Text(s), s) for s in STATUSES], value=flt.status,
                         allow_blank=False, id="status-select", compact=True)
            yield Label("Outlet")
            yield Select([(Text(one_line(o, 60)), o) for o in facets.outlets],
                         value=_pick(flt.outlet, facets.outlets), prompt="any outlet",
                         id="outlet-select", compact=True)
            yield Label("Language")
            yield Select([(Text(lang), lang) for lang in facets.languages],
                         value=_pick(flt.language, facets.languages), prompt="any language",
                         id="language-select", compact=True)
            yield Label("Speaker (exact name; suggestions as you type)")
            yield Input(flt.speaker or "", id="speaker", compact=True,
                        suggester=SuggestFromList(facets.speakers, case_sensitive=False))
            with Horizontal(classes="buttons"):
                yield Button("Apply", id="apply", variant="primary", compact=True)
                yield Button("Clear", id="clear", compact=True)
                yield Button("Cancel (Esc)", id="close", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#apply")
    def apply_filter(self) -> None:
        def value(selector: str) -> str | None:
            chosen = self.query_one(selector, Select).value
            return chosen if isinstance(chosen, str) else None

        self.dismiss(QueueFilter(
            status=value("#status-select") or "all", outlet=value("#outlet-select"),
            language=value("#language-select"),
            speaker=self.query_one("#speaker", Input).value.strip() or None,
            text=self.current.text))

    @on(Button.Pressed, "#clear")
    def clear_filter(self) -> None:
        self.dismiss(QueueFilter(text=self.current.text))

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)


def _pick(value: str | None, options: tuple[str, ...]) -> object:
    return value if value in options else Select.NULL


# Every dialog whose keys a keymap may remap (the group view's corrections too).
DIALOGS = (LinkDialog, NoteDialog, FilterDialog, *CORRECTION_DIALOGS)
