"""The terminal review UI: a thin Textual layer over the review core.

`make_app(db, settings)` builds the app from an open store and `Settings`;
screens live in `screens/`, widgets in `widgets/`, styles in `review.tcss`.
Nothing here opens a database or reads a file at import time.
"""

from __future__ import annotations

from workbench.tui.app import ReviewApp, make_app
from workbench.tui.settings import KeymapError, Settings, load_keymap

__all__ = ["KeymapError", "ReviewApp", "Settings", "load_keymap", "make_app"]
