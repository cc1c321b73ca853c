"""What the queue and the detail screen share: verdict, undo, link and note keys.

A screen says what its keys act on (`target`: a group, or one claim of it)
and how to show a change (`show_changes`); this base class turns key presses
into ordered, committed writes through the app and reports the outcome in
the status line only after the commit. Errors become one-line notifications.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from workbench.models import Verdict
from workbench.tui.session import ReviewSession

if TYPE_CHECKING:
    from workbench.tui.app import ReviewApp


@dataclass(frozen=True)
class Target:
    """What a key acts on: a group's verdict, or one claim's own verdict."""

    group_id: int
    claim_id: int | None = None

    def __str__(self) -> str:
        if self.claim_id is None:
            return f"group {self.group_id}"
        return f"claim {self.claim_id} (group {self.group_id})"


def verdict_bindings(scope: str) -> list[BindingType]:
    """s/d/x/c, with tooltips that say whether they judge a group or one claim."""
    if scope == "group":
        what, whose = "the selected group {} (every claim in it)", "the selected group's verdict"
    else:
        what = "the selected claim {} (its own verdict, overriding the group's)"
        whose = "the selected claim's own verdict (the group's applies again)"
    return [
        Binding("s", "verdict('supported')", "Supported", id="verdict-supported",
                tooltip="Mark " + what.format("supported")),
        Binding("d", "verdict('disputed')", "Disputed", id="verdict-disputed",
                tooltip="Mark " + what.format("disputed")),
        Binding("x", "verdict('denied')", "Denied", id="verdict-denied",
                tooltip="Mark " + what.format("denied")),
        Binding("c", "clear_verdict", "Clear", id="verdict-clear", tooltip="Remove " + whose),
    ]


def shared_bindings() -> list[BindingType]:
    """Keys both main screens have: undo, redo, links, note, refresh, export, help, quit."""
    return [
        Binding("backspace,u", "undo", "Undo", id="undo", key_display="u",
                tooltip="Undo your latest verdict, note or link change"),
        Binding("ctrl+r", "redo", "Redo", id="redo", show=False,
                tooltip="Redo the change you undid last"),
        Binding("l", "links", "Links", id="links",
                tooltip="Add, edit or remove the source links of the verdict"),
        Binding("n", "note", "Note", id="note", tooltip="Write the note of the verdict"),
        Binding("r", "reread", "Refresh", id="refresh", show=False,
                tooltip="Re-read the database (shows other sessions' changes)"),
        Binding("e", "export", "Export", id="export", show=False,
                tooltip="Export to a file: json, jsonl or ClaimReview"),
        Binding("question_mark,f1", "help", "Help", id="help",
                tooltip="List every key of this view"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit (everything is already saved)"),
        Binding("tab", "app.focus_next", "Focus next", show=False, id="focus-next",
                tooltip="Move the focus to the next part of the screen"),
        Binding("shift+tab", "app.focus_previous", "Focus previous", show=False,
                id="focus-previous", tooltip="Move the focus to the previous part"),
        Binding("ctrl+c,super+c", "screen.copy_text", "Copy", show=False, id="copy",
                tooltip="Copy the selected text"),
    ]


def confirm_binding(scope: str) -> BindingType:
    """`v`: let the verdict cover claims that joined the group after it."""
    what = ("every claim of the selected group new since its verdict" if scope == "group"
            else "the selected claim, new since the group's verdict")
    return Binding("v", "confirm", "Confirm", id="confirm-new", show=False,
                   tooltip=f"Confirm {what}: the verdict then covers and publishes it")


class ReviewScreen(Screen[None], inherit_bindings=False):
    """Base of the two main screens; subclasses define `target` and `show_changes`.

    Subclasses list their own keys first, then `shared_bindings()`, so the
    footer starts with what matters most in that view.
    """

    HELP_TITLE = "Keys"

    if TYPE_CHECKING:
        app: ReviewApp

    # -- for subclasses ------------------------------------------------------

    def target(self) -> Target | None:
        raise NotImplementedError

    def verdict_target(self) -> Target | None:
        """What notes and links attach to (the detail view may differ from `target`)."""
        return self.target()

    def show_changes(self) -> None:
        """Re-read what this screen shows after one of our own writes."""
        raise NotImplementedError

    def reread(self) -> None:
        """Re-read everything (another session may have changed anything)."""
        raise NotImplementedError

    # -- helpers -------------------------------------------------------------

    def set_status(self, text: str) -> None:
        for status in self.query("#status").results(Static):
            status.update(Content(text))

    def write(self, job: Callable[[ReviewSession], Any], describe: Callable[[Any], str]) -> None:
        """Run a write; once committed, say so and show the change.

        A refusal is shown as one line, then everything is re-read: the
        usual cause is another session (a group merged away meanwhile).
        """

        def done(result: Any) -> None:
            self.set_status(describe(result))
            self.show_changes()
            self.load_progress()

        def failed(exc: BaseException) -> None:
            self.app.report_error(exc)
            self.reread()

        self.app.submit(job, done, failed)

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def load_progress(self) -> None:
        try:
            progress = self.app.session.progress()
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.app.call_from_thread(setattr, self.app, "progress", progress)

    def no_target(self) -> None:
        self.app.tell("nothing selected", "warning")

    # -- actions -------------------------------------------------------------

    def action_verdict(self, label: str) -> None:
        target = self.target()
        if target is None:
            return self.no_target()
        self.write(lambda s: s.set_verdict(target.group_id, label, target.claim_id),
                   lambda v: f"saved: {target} → {label}")

    def action_clear_verdict(self) -> None:
        target = self.target()
        if target is None:
            return self.no_target()
        self.write(lambda s: s.clear_verdict(target.group_id, target.claim_id),
                   lambda _: f"saved: {target} → verdict cleared")

    def action_confirm(self) -> None:
        target = self.target()
        if target is None:
            return self.no_target()

        def describe(done: list[int]) -> str:
            if done:
                return f"saved: the verdict of group {target.group_id} now covers claim" + \
                    ("s " if len(done) > 1 else " ") + ", ".join(map(str, done))
            return f"{target}: nothing new since the verdict"

        self.write(lambda s: s.confirm(target.group_id, target.claim_id), describe)

    def action_undo(self) -> None:
        self.write(lambda s: s.undo(), lambda msg: f"saved: {msg}" if msg else "nothing to undo")

    def action_redo(self) -> None:
        self.write(lambda s: s.redo(), lambda msg: f"saved: {msg}" if msg else "nothing to redo")

    def action_links(self) -> None:
        target = self.verdict_target()
        if target is None:
            return self.no_target()
        self._open_dialog("links", target)

    def action_note(self) -> None:
        target = self.verdict_target()
        if target is None:
            return self.no_target()
        self._open_dialog("note", target)

    @work(thread=True, exclusive=True, group="dialog", exit_on_error=False)
    def _open_dialog(self, kind: str, target: Target) -> None:
        try:
            verdict = self.app.session.verdict(target.group_id, target.claim_id)
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.app.call_from_thread(self._push_dialog, kind, target, verdict)

    def _push_dialog(self, kind: str, target: Target, verdict: Verdict | None) -> None:
        from workbench.tui.screens.dialogs import LinkDialog, NoteDialog

        if verdict is None:
            self.app.tell(f"{target} has no verdict yet: set one (s, d or x) first", "warning")
            return
        dialog = LinkDialog(target, verdict) if kind == "links" else NoteDialog(target, verdict)

        def closed(result: str | None) -> None:
            if result:
                self.set_status(result if result.startswith("saved") else f"saved: {result}")
            self.show_changes()

        self.app.push_screen(dialog, closed)

    def action_reread(self) -> None:
        self.reread()

    def action_export(self) -> None:
        from workbench.tui.screens.export_dialog import ExportDialog

        def closed(message: str | None) -> None:
            if message:
                self.app.tell(message)

        self.app.push_screen(ExportDialog(self.app.settings.export_dir), closed)

    def action_help(self) -> None:
        from workbench.tui.screens.help import HelpScreen, help_rows

        self.app.push_screen(HelpScreen(self.HELP_TITLE, help_rows(self)))

    async def action_quit(self) -> None:
        # Let writes already queued finish (each is committed or reported) first.
        writes = [w for w in self.app.workers if w.group == "write" and not w.is_finished]
        if writes:
            await self.app.workers.wait_for_complete(writes)
        self.app.exit()
