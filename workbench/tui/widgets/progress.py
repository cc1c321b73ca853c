"""The always-visible review progress: reviewed / total groups and a bar.

Every screen shows one; they all follow the app's `progress` reactive, which
the app updates after each committed change and each re-read.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class ReviewProgress(Horizontal):
    """'Reviewed 3 / 12 groups' followed by a progress bar."""

    def compose(self) -> ComposeResult:
        yield Label("", id="progress-text")
        yield ProgressBar(total=None, show_eta=False, id="progress-bar")

    def on_mount(self) -> None:
        self.watch(self.app, "progress", self._show, init=True)

    def _show(self, progress: tuple[int, int]) -> None:
        done, total = progress
        self.query_one("#progress-text", Label).update(f"Reviewed {done} / {total} groups")
        bar = self.query_one("#progress-bar", ProgressBar)
        bar.update(total=max(total, 1), progress=done)
