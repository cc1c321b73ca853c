"""Reviewing claim groups: verdicts, evidence links, notes, undo and redo.

The UI-free core of review work: the TUI and the CLI call `ReviewService`
and get `workbench.models.Verdict` records back; all SQL is in
`workbench.store.verdicts`.
"""

from __future__ import annotations

from workbench.review.errors import InvalidLink, ReviewError
from workbench.review.links import validate_url
from workbench.review.service import ReviewService
from workbench.review.summary import verdict_json, verdicts_json

__all__ = [
    "InvalidLink", "ReviewError", "ReviewService", "validate_url", "verdict_json",
    "verdicts_json",
]
