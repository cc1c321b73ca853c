"""What the queue and the group view share: verdict, undo, link and note keys.

A screen says what its keys act on (`target`: a group; in the group view
also `claim_target`, the selected claim) and how to show a change
(`show_changes`); this base class turns key presses into ordered, committed
writes through the app and reports the outcome in the status line only after
the commit, together with what `u` would undo now, so the reviewer always
knows which change an undo touches. Errors become one-line notifications.

The same key means the same thing in every view: s/d/x/o/c judge the GROUP
(the queue's selected group, or the group the group view shows); a claim's own
verdict has keys of its own (shift: S/D/X/O/C) that only the group view has.
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


# How each label reads on screen: "not checkable", not the stored identifier.
LABEL_TEXT = {"supported": "supported", "disputed": "disputed", "denied": "denied",
              "not_checkable": "not checkable"}


def label_text(label: str | None) -> str:
    """A label as the reviewer reads it; None is a verdict row with evidence only."""
    if label is None:
        return "no verdict yet"
    return LABEL_TEXT.get(label, label)


@dataclass(frozen=True)
class Target:
    """What a key acts on: a group's verdict, or one claim's own verdict."""

    group_id: int
    claim_id: int | None = None

    def __str__(self) -> str:
        if self.claim_id is None:
            return f"group {self.group_id}"
        return f"claim {self.claim_id} (group {self.group_id})"


_VERDICT_KEYS = (("s", "supported", "Supported"), ("d", "disputed", "Disputed"),
                 ("x", "denied", "Denied"), ("o", "not_checkable", "Not checkable"))


def verdict_bindings(scope: str = "group") -> list[BindingType]:
    """s/d/x/o/c: the GROUP verdict, in every view.

    `scope` only words the tooltips: "group" for the queue's selected group,
    "view" for the group the group view shows.
    """
    which = "the selected group" if scope == "group" else "this group"
    out: list[BindingType] = []
    for key, label, title in _VERDICT_KEYS:
        out.append(Binding(key, f"verdict('{label}')", title,
                           id=f"verdict-{label.replace('_', '-')}",
                           tooltip=f"Mark {which} {label_text(label)} (the group verdict, "
                                   "every claim in it)"))
    out.append(Binding("c", "clear_verdict", "Clear", id="verdict-clear", show=False,
                       tooltip=f"Remove the label of {which}'s verdict (its note and "
                               "links stay)"))
    return out


def claim_verdict_bindings() -> list[BindingType]:
    """S/D/X/O/C: the selected claim's own verdict (group view only)."""
    out: list[BindingType] = []
    for key, label, _ in _VERDICT_KEYS:
        out.append(Binding(key.upper(), f"claim_verdict('{label}')",
                           f"Claim verdict: {label_text(label)}", show=False,
                           id=f"claim-verdict-{label.replace('_', '-')}",
                           tooltip=f"Mark the selected claim {label_text(label)} (its own claim "
                                   "verdict, overriding the group's)"))
    out.append(Binding("C", "clear_claim_verdict", "Claim verdict: clear", show=False,
                       id="claim-verdict-clear",
                       tooltip="Remove the selected claim's own verdict (the group's applies "
                               "again; its note and links stay)"))
    return out


def shared_bindings() -> list[BindingType]:
    """Keys both main screens have: undo, redo, links, note, refresh, export, help, quit.

    Only note, help and quit show in the footer (with the verdict keys they
    are what must fit at 80 columns); the rest are in help and the palette.
    """
    return [
        Binding("backspace,u", "undo", "Undo", id="undo", key_display="u", show=False,
                tooltip="Undo the change the status line names (verdicts, notes, links, "
                        "edits, moves, merges, splits)"),
        Binding("ctrl+r", "redo", "Redo", id="redo", show=False,
                tooltip="Redo the change you undid last"),
        Binding("l", "links", "Links", id="links", show=False,
                tooltip="Add, edit or remove the source links of the group verdict "
                        "(with or without a label)"),
        Binding("n", "note", "Note", id="note",
                tooltip="Write the note of the group verdict (with or without a label)"),
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
        """The group the group-verdict keys, `n` and `l` act on."""
        raise NotImplementedError

    def claim_target(self) -> Target | None:
        """The claim the claim-verdict keys, `N` and `L` act on (group view only)."""
        return None

    def confirm_target(self) -> Target | None:
        """What `v` confirms: the whole group here, one claim in the group view."""
        return self.target()

    def show_changes(self) -> None:
        """Re-read what this screen shows after one of our own writes."""
        raise NotImplementedError

    def reread(self) -> None:
        """Re-read everything (another session may have changed anything)."""
        raise NotImplementedError

    def after_group_verdict(self, target: Target) -> None:
        """Called once a group verdict key's change is committed (auto-advance)."""

    # -- helpers -------------------------------------------------------------

    def set_status(self, text: str) -> None:
        for status in self.query("#status").results(Static):
            status.update(Content(text))

    def write(self, job: Callable[[ReviewSession], Any], describe: Callable[[Any], str],
              after: Callable[[Any], None] | None = None) -> None:
        """Run a write; once committed, say so, name what `u` undoes now, show the change.

        A refusal is shown as one line, then everything is re-read: the
        usual cause is another session (a group merged away meanwhile).
        """

        def done(result: Any) -> None:
            message = describe(result)
            self.set_status(message)
            self.show_changes()
            self.load_progress()
            # What `u` undoes now is read after the commit, off the write path, so
            # the next key's write never waits for it.
            self._load_undo_preview(message)
            if after is not None:
                after(result)

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

    def report_saved(self, message: str) -> None:
        """A dialog saved something: say so (then what `u` now undoes), and re-read."""
        self.set_status(message)
        self.show_changes()
        self.load_progress()
        self._load_undo_preview(message)

    @work(thread=True, exclusive=True, group="undo-preview", exit_on_error=False)
    def _load_undo_preview(self, message: str) -> None:
        try:
            preview = self.app.session.undo_preview()
        except Exception:  # noqa: BLE001 - the message alone is still true
            return
        self.app.call_from_thread(self._show_undo_preview, message, preview)

    def _show_undo_preview(self, message: str, preview: str | None) -> None:
        # Only onto the message it belongs to: a later change or auto-advance
        # may have said something newer meanwhile.
        for status in self.query("#status").results(Static):
            shown = str(status.content)
            if shown.startswith(message):  # auto-advance may have added to it
                status.update(Content(with_undo(message, preview) + shown[len(message):]))

    def no_target(self) -> None:
        self.app.tell("nothing selected", "warning")

    # -- actions -------------------------------------------------------------

    def action_verdict(self, label: str) -> None:
        target = self.target()
        if target is None:
            return self.no_target()
        self.write(lambda s: s.set_verdict(target.group_id, label),
                   lambda v: f"saved: {target} → {label_text(label)}",
                   lambda _: self.after_group_verdict(target))

    def action_clear_verdict(self) -> None:
        target = self.target()
        if target is None:
            return self.no_target()
        self.write(lambda s: s.clear_verdict(target.group_id),
                   lambda _: f"saved: {target} → label cleared (note and links stay)")

    def action_claim_verdict(self, label: str) -> None:
        target = self.claim_target()
        if target is None:
            return self.no_target()
        self.write(lambda s: s.set_verdict(target.group_id, label, target.claim_id),
                   lambda v: f"saved: claim verdict of {target} → {label_text(label)}")

    def action_clear_claim_verdict(self) -> None:
        target = self.claim_target()
        if target is None:
            return self.no_target()
        self.write(lambda s: s.clear_verdict(target.group_id, target.claim_id),
                   lambda _: f"saved: claim verdict of {target} cleared (the group's applies)")

    def action_confirm(self) -> None:
        target = self.confirm_target()
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
        target = self.target()
        if target is None:
            return self.no_target()
        self._open_dialog("links", target)

    def action_note(self) -> None:
        target = self.target()
        if target is None:
            return self.no_target()
        self._open_dialog("note", target)

    def action_claim_links(self) -> None:
        target = self.claim_target()
        if target is None:
            return self.no_target()
        self._open_dialog("links", target)

    def action_claim_note(self) -> None:
        target = self.claim_target()
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
        # Evidence comes before the decision: no verdict yet is no reason to refuse.
        from workbench.tui.screens.dialogs import LinkDialog, NoteDialog

        dialog = LinkDialog(target, verdict) if kind == "links" else NoteDialog(target, verdict)

        def closed(result: str | None) -> None:
            if result:
                self.report_saved(result if result.startswith("saved") else f"saved: {result}")
            else:
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


def with_undo(message: str, preview: str | None) -> str:
    """The status line after a change: what happened, and what `u` would undo now."""
    return f"{message} · u undoes: {preview}" if preview else message
