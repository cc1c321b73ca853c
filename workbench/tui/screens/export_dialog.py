"""The `e` dialog: choose a format and a file, then export without blocking review.

The reviewer picks json, jsonl or ClaimReview, where to write it (a
timestamped name in the export directory is suggested, its extension
following the format until the reviewer edits it) and, for ClaimReview, the
publisher and the page address of each check, which the workbench cannot
guess (they may come from `$WORKBENCH_PUBLISHER`, `$WORKBENCH_PUBLISHER_URL`
and `$WORKBENCH_URL_TEMPLATE`). The export runs in a thread worker over its
own connection; a refusal (a missing field, a path that cannot be written)
is shown inside the dialog as plain text so it can be fixed, and success
closes it with a line that says how much was written and where.

The dialog reads top to bottom and so does the focus: format, reviewed
only, file, the ClaimReview fields, Export, Cancel. Enter exports from any
field (Space chooses a format or ticks the box), Escape cancels, and a
cancel says so. The box and the format buttons draw their mark only when
on, so what they look like is what they do. The last format and file are
remembered per reviewer (the reviewer state) and offered next time.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from workbench.exchange.export import ExportSummary
from workbench.tui.screens.dialogs import _Dialog

if TYPE_CHECKING:
    from workbench.tui.app import ReviewApp

PUBLISHER_ENV = "WORKBENCH_PUBLISHER"
PUBLISHER_URL_ENV = "WORKBENCH_PUBLISHER_URL"
URL_TEMPLATE_ENV = "WORKBENCH_URL_TEMPLATE"

# Format, the label shown for it, and the suffix of the suggested file name.
FORMATS: tuple[tuple[str, str, str], ...] = (
    ("json", "json", ".json"),
    ("jsonl", "jsonl", ".jsonl"),
    ("claimreview", "ClaimReview", ".claimreview.json"),  # schema.org JSON-LD
)
SUFFIXES = {fmt: suffix for fmt, _, suffix in FORMATS}
_HTTP = re.compile(r"^https?://[^\s/?#]+", re.IGNORECASE)


def suggested_name(fmt: str, moment: datetime) -> str:
    """`workbench-export-<UTC time>` with the format's suffix."""
    return f"workbench-export-{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}{SUFFIXES[fmt]}"


def summary_line(summary: ExportSummary, path: Path) -> str:
    if summary.format == "claimreview":
        left_out = summary.left_out_line()
        return (f"exported {summary.groups} groups as ClaimReview "
                f"({summary.claims} claims) to {path}" + (f"; {left_out}" if left_out else ""))
    return (f"exported {summary.groups} groups ({summary.claims} claims, "
            f"{summary.verdicts} verdicts) to {path}")


class TickBox(Checkbox, inherit_bindings=False):
    """A checkbox whose mark shows only when it is on; Space ticks, Enter is the dialog's."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", "Tick", show=False),
    ]

    @property
    def _button(self) -> Content:
        # Textual draws the mark in both states (only its colour differs).
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button


class FormatButton(RadioButton):
    """A format choice whose dot shows only when it is the chosen one."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button


class FormatChoice(RadioSet, inherit_bindings=False):
    """The format buttons: arrows move, Space chooses, Enter exports (like every field)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "next_button", "Next format", show=False),
        Binding("up,left", "previous_button", "Previous format", show=False),
        Binding("space", "toggle_button", "Choose", show=False),
    ]


class _Refused(Exception):
    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field  # the input to fix


class ExportDialog(_Dialog):
    """Export the review work to a file of the reviewer's choosing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Cancel", id="dialog-close",
                tooltip="Close the dialog without exporting"),
        Binding("enter", "export", "Export", id="export-run", show=False,
                tooltip="Export with the choices shown"),
    ]

    if TYPE_CHECKING:
        app: ReviewApp

    def __init__(self, directory: Path, environ: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.directory = directory
        self.environ = os.environ if environ is None else environ
        self.moment = datetime.now(UTC)
        self.fmt = "json"
        self.suggested = str(directory / suggested_name(self.fmt, self.moment))
        self.running = False
        self.confirmed_replace: Path | None = None  # an existing file to overwrite
        self.target: Path | None = None  # the file being written

    def _remembered(self) -> None:
        """Take up the reviewer's last format and file (a fresh name when none)."""
        place = self.app.place()
        if place.get("export_format") in SUFFIXES:
            self.fmt = place["export_format"]
        last = place.get("export_path")
        self.suggested = last if isinstance(last, str) and last.strip() else \
            str(self.directory / suggested_name(self.fmt, self.moment))

    def compose(self) -> ComposeResult:
        self._remembered()
        env = self.environ
        with Vertical(id="dialog", classes="dialog export"):
            yield Label("Export the review work", classes="dialog-title")
            with VerticalScroll(id="export-fields", can_focus=False):
                yield Label(Content("Enter exports · Space chooses · Tab: next · "
                                    "Escape cancels"), classes="dialog-hint")
                with Horizontal(id="export-choices"):
                    with FormatChoice(id="export-format"):
                        for fmt, label, _ in FORMATS:
                            yield FormatButton(Content(label), value=fmt == self.fmt,
                                               id=f"fmt-{fmt}")
                    yield TickBox(Content("Reviewed groups only"), id="reviewed-only")
                yield Label(Content(f"File (relative to {Path.cwd()})"))
                yield Input(self.suggested, id="export-path")
                with Vertical(id="claimreview-fields"):
                    yield Label("Publisher (required): the organisation publishing the checks")
                    yield Input(env.get(PUBLISHER_ENV, ""), id="publisher")
                    yield Label("Publisher URL (optional)")
                    yield Input(env.get(PUBLISHER_URL_ENV, ""),
                                placeholder="https://example.org", id="publisher-url")
                    yield Label(Content("Page of each check (required, with {group_id})"))
                    yield Input(env.get(URL_TEMPLATE_ENV, ""),
                                placeholder="https://example.org/checks/{group_id}",
                                id="url-template")
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Export (Enter)", id="export", variant="primary")
                yield Button("Cancel (Escape)", id="close")

    def on_mount(self) -> None:
        self.query_one("#claimreview-fields").display = self.fmt == "claimreview"
        self.query_one(FormatChoice).focus()

    @on(RadioSet.Changed, "#export-format")
    def _format_chosen(self, event: RadioSet.Changed) -> None:
        self._use_format((event.pressed.id or "fmt-json").removeprefix("fmt-"))

    def _use_format(self, fmt: str) -> None:
        """Show the fields of `fmt`; an unedited file name takes its suffix."""
        if fmt == self.fmt or fmt not in SUFFIXES:
            return
        old, self.fmt = self.fmt, fmt
        self.query_one("#claimreview-fields").display = self.fmt == "claimreview"
        path = self.query_one("#export-path", Input)
        if path.value == self.suggested:  # not edited: its suffix follows the format
            stem = self.suggested.removesuffix(SUFFIXES[old]) \
                if self.suggested.endswith(SUFFIXES[old]) else None
            self.suggested = stem + SUFFIXES[self.fmt] if stem else \
                str(self.directory / suggested_name(self.fmt, self.moment))
            path.value = self.suggested
        self.show_error("")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        if self.running and self.target is not None:
            self.dismiss(f"the export to {self.target} goes on; its outcome shows here")
        else:
            self.dismiss("export cancelled: nothing was written")

    def action_export(self) -> None:
        self.start_export()

    @on(Input.Submitted)
    @on(Button.Pressed, "#export")
    def start_export(self) -> None:
        if self.running:
            return
        try:
            path, options = self._choices()
        except _Refused as refused:
            self.show_error(f"not exported: {refused.message}")
            self.query_one(refused.field, Input).focus()
            self.query_one(refused.field, Input).scroll_visible(animate=False)
            return
        self.running = True
        self.target = path
        self.query_one("#export", Button).disabled = True
        self.show_error(f"exporting to {path} …")
        # The app owns the worker: closing the dialog must not cancel it.
        self.app.run_worker(partial(self._export, self.app, path, self.fmt, options),
                            name="export", group="export", thread=True, exit_on_error=False)

    def _choices(self) -> tuple[Path, dict[str, Any]]:
        """The file and the export options, or `_Refused` naming the field to fix."""
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            raise _Refused("choose a file to write", "#export-path")
        path = Path(text).expanduser().absolute()
        options: dict[str, Any] = {"reviewed_only": self.query_one(TickBox).value}
        if self.fmt == "claimreview":
            options.update(self._claimreview_options())
        if path.is_file() and self.confirmed_replace != path:
            self.confirmed_replace = path
            raise _Refused(f"{path} exists: press Export (Enter) again to replace it", "#export-path")
        return path, options

    def _claimreview_options(self) -> dict[str, Any]:
        def value(selector: str) -> str:
            return self.query_one(selector, Input).value.strip()

        publisher = value("#publisher")
        site = value("#publisher-url")
        template = value("#url-template")
        if not publisher:
            raise _Refused("ClaimReview needs the publisher: the organisation publishing "
                           "the checks", "#publisher")
        if site and not _HTTP.match(site):
            raise _Refused("the publisher URL must be an http(s) address", "#publisher-url")
        if "{group_id}" not in template or not _HTTP.match(template):
            raise _Refused("ClaimReview needs the page of each check: an http(s) address "
                           "with {group_id}, e.g. https://example.org/checks/{group_id}",
                           "#url-template")
        return {"publisher": publisher, "publisher_url": site or None, "url_template": template}

    def _export(self, app: ReviewApp, path: Path, fmt: str, options: dict[str, Any]) -> None:
        """In a thread worker: write the file, then report back on the UI thread."""
        try:
            summary = app.session.export(path, fmt, **options)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a message
            app.call_from_thread(self._failed, app, exc)
            return
        app.call_from_thread(self._done, app, fmt, path, summary_line(summary, path))

    def _showing(self, app: ReviewApp) -> bool:
        return self.is_attached and app.screen is self

    def _done(self, app: ReviewApp, fmt: str, path: Path, message: str) -> None:
        app.save_place(export_format=fmt, export_path=str(path))
        app.flush_place()
        if self._showing(app):
            self.dismiss(message)
        else:  # the reviewer closed the dialog while it ran
            app.tell(message)

    def _failed(self, app: ReviewApp, exc: BaseException) -> None:
        from workbench.tui.session import explain

        if not self._showing(app):
            app.report_error(exc, "export failed: ")
            return
        self.running = False
        self.confirmed_replace = None
        self.query_one("#export", Button).disabled = False
        self.show_error(f"not exported: {explain(exc)}")
        self.query_one("#export-path", Input).focus()
