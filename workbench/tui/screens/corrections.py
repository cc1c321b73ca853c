"""Correction dialogs of the group view: a claim's speaker and stance (`E`),
the text a group is published under (`t`), moving a claim to another group (`g`).

Extraction gets speakers and stances wrong now and then, and grouping puts
a claim in the wrong group; a reviewer fixes both here instead of splitting
and merging by hand. Every dialog saves through the app's ordered write path
and the session's correction methods (each audited and undoable), so a
change is reported only once committed. Enter or ctrl+s saves, Escape
cancels; a refusal (empty text, a move into the claim's own group) is shown
inside the dialog as plain text and nothing is changed, so the reviewer can
fix what was typed. Each dialog scrolls as a whole and fits at 80x24.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widgets import (
    Button,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from workbench.display import one_line
from workbench.models import STANCES
from workbench.store.queue import MemberRow, QueueRow
from workbench.tui.session import ReviewSession, explain

if TYPE_CHECKING:
    from workbench.tui.app import ReviewApp

SEARCH_DELAY = 0.15  # seconds of typing pause before the group search runs
CLOSE = Binding("escape", "close", "Cancel", id="dialog-close", tooltip="Close the dialog")
SAVE = Binding("ctrl+s", "save", "Save", id="correction-save", tooltip="Save the correction")


class _CorrectionDialog(ModalScreen[str | None]):
    """Shared by the three dialogs: error line, save through the write path."""

    if TYPE_CHECKING:
        app: ReviewApp

    BINDINGS: ClassVar[list[BindingType]] = [CLOSE, SAVE]

    def show_error(self, message: str) -> None:
        self.query_one("#error", Static).update(Content(message))

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#close")
    def _cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        raise NotImplementedError

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    def save_with(self, job: Callable[[ReviewSession], str]) -> None:
        """Run `job` (returns the one-line description); close once committed."""
        def done(message: str) -> None:
            self.dismiss(f"saved: {message}")

        self.app.submit(job, done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.show_error(f"not saved: {explain(exc)}")


def claim_line(member: MemberRow) -> Content:
    who = one_line(member.speaker, 60) if member.speaker else "no speaker named"
    return Content.assemble((f"claim {member.claim_id} · {who} · {member.stance}: ", "bold"),
                            one_line(member.text))


class EditClaimDialog(_CorrectionDialog):
    """Correct the selected claim's speaker and stance."""

    def __init__(self, member: MemberRow, speakers: list[str]) -> None:
        super().__init__()
        self.member = member
        self.speakers = speakers

    def compose(self) -> ComposeResult:
        member = self.member
        with VerticalScroll(id="dialog", classes="dialog desk-dialog"):
            yield Label(Content(f"Correct claim {member.claim_id}"), classes="dialog-title")
            yield Static(claim_line(member), id="claim-line")
            yield Label("Speaker (suggestions from known speakers as you type; → accepts)")
            yield Input(member.speaker or "", id="speaker", compact=True,
                        suggester=SuggestFromList(self.speakers, case_sensitive=False))
            yield Label("Stance")
            with RadioSet(id="stance"):
                for stance in STANCES:
                    yield RadioButton(stance, value=stance == member.stance, id=f"stance-{stance}")
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (Enter, ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#speaker", Input).focus()

    def chosen_stance(self) -> str:
        index = self.query_one("#stance", RadioSet).pressed_index
        return STANCES[index] if 0 <= index < len(STANCES) else self.member.stance

    @on(Input.Submitted, "#speaker")
    def action_save(self) -> None:
        member = self.member
        speaker = self.query_one("#speaker", Input).value
        stance = self.chosen_stance()
        new_speaker = " ".join(speaker.split()) != (member.speaker or "")
        new_stance = stance != member.stance
        if not new_speaker and not new_stance:
            self.show_error("the speaker and stance are as they were: nothing to save "
                            "(Escape closes)")
            return

        def job(session: ReviewSession) -> str:
            done = []
            if new_speaker:
                done.append(session.edit_speaker(member.claim_id, speaker))
            if new_stance:
                done.append(session.edit_stance(member.claim_id, stance))
            return "; ".join(done)

        self.save_with(job)


class PublishedTextDialog(_CorrectionDialog):
    """Edit the text a group is published under (its representative by default)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        CLOSE, SAVE,
        # Priority: Enter saves even from inside the text box (a published claim is one
        # paragraph); on a button it presses the button.
        Binding("enter", "save", "Save", id="published-text-save-enter", show=False,
                priority=True, tooltip="Save the published text"),
    ]

    def __init__(self, group_id: int, published: str | None, representative: str) -> None:
        super().__init__()
        self.group_id = group_id
        self.published = published
        self.representative = representative

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="dialog desk-dialog"):
            yield Label(Content(f"Text group {self.group_id} is published under"),
                        classes="dialog-title")
            state = ("now: the reviewer's text" if self.published
                     else "now: the representative claim's text")
            yield Static(Content(state), id="published-state")
            yield TextArea(self.published or self.representative, id="published-text",
                           soft_wrap=True)
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (Enter, ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#published-text", TextArea).focus()

    def action_save(self) -> None:
        focused = self.focused
        if isinstance(focused, Button):
            focused.press()
            return
        text = self.query_one("#published-text", TextArea).text
        group_id = self.group_id
        self.save_with(lambda s: s.edit_published_text(group_id, text))


class MoveClaimDialog(_CorrectionDialog):
    """Pick the group to move the selected claim into, from a searchable list.

    The list is the session's `move_targets` (the queue's search matching,
    never the claim's own group), re-read a moment after typing stops. A
    number typed alone also offers the group with that id.
    """

    def __init__(self, member: MemberRow, group_id: int) -> None:
        super().__init__()
        self.member = member
        self.group_id = group_id
        self._timer: Timer | None = None
        self._asked = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="dialog desk-dialog"):
            yield Label(Content(f"Move claim {self.member.claim_id} out of group "
                                f"{self.group_id} into…"), classes="dialog-title")
            yield Static(claim_line(self.member), id="claim-line")
            yield Input(placeholder="search groups by claim text or speaker, or type a group id",
                        id="move-search", compact=True)
            yield OptionList(id="move-targets", compact=True)
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Move (Enter)", id="save", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#move-search", Input).focus()
        self._search("")

    @on(Input.Changed, "#move-search")
    def _changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SEARCH_DELAY, self._run_search)

    def _run_search(self) -> None:
        text = self.query_one("#move-search", Input).value.strip()
        if text != self._asked:
            self._search(text)

    @work(thread=True, exclusive=True, group="move-targets", exit_on_error=False)
    def _search(self, text: str) -> None:
        self._asked = text
        try:
            rows = self.app.session.move_targets(self.member.claim_id, text)
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.show_error, f"cannot search: {explain(exc)}")
            return
        self.app.call_from_thread(self._show_targets, text, rows)

    def _show_targets(self, text: str, rows: list[QueueRow]) -> None:
        if text != self._asked:
            return  # a newer search is on its way
        options = self.query_one("#move-targets", OptionList)
        options.clear_options()
        offered = {r.group_id for r in rows}
        if text.isdigit() and int(text) not in offered:
            options.add_option(Option(Content(f"group {int(text)} (by its id)"), id=text))
        for row in rows:
            options.add_option(Option(Content(target_text(row)), id=str(row.group_id)))
        if options.option_count:
            options.highlighted = 0
            self.show_error("")
        else:
            self.show_error("no group matches the search")

    def on_key(self, event: events.Key) -> None:
        # Down from the search box goes into the list of groups.
        if event.key == "down" and \
                self.focused is self.query_one("#move-search", Input):
            self.query_one("#move-targets", OptionList).focus()
            event.stop()

    @on(OptionList.OptionSelected, "#move-targets")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.move_to(int(event.option.id))

    @on(Input.Submitted, "#move-search")
    def action_save(self) -> None:
        options = self.query_one("#move-targets", OptionList)
        index = options.highlighted
        if index is None or not options.option_count:
            self.show_error("pick a group to move the claim into (type to search)")
            return
        option_id = options.get_option_at_index(index).id
        if option_id is not None:
            self.move_to(int(option_id))

    def move_to(self, target: int) -> None:
        claim_id = self.member.claim_id
        self.save_with(lambda s: s.move_claim(claim_id, target))


def target_text(row: QueueRow) -> str:
    label = row.label.replace("_", " ") if row.label else "—"
    return (f"group {row.group_id} · {row.size} claim{'' if row.size == 1 else 's'} · {label} · "
            f"{one_line(row.representative, 200)}")


CORRECTION_DIALOGS = (EditClaimDialog, PublishedTextDialog, MoveClaimDialog)
