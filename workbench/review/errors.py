"""The review core's user-facing errors, in a module of their own.

Both the TUI and the CLI catch `ReviewError` and show its message as one
line, so every refusal (a bad link, a merged group, a read-only database) is
a `ReviewError` whose text is fit for a reviewer, never a traceback. They
live apart from the service so `links.py` can raise them without importing
the service.
"""

from __future__ import annotations

import sqlite3


class ReviewError(ValueError):
    """A review action that was refused; nothing was saved. The message is for users."""


class InvalidLink(ReviewError):
    """An evidence link that is not an http(s) URL with a host."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"invalid link {url!r}: {reason}")


def refusal(exc: sqlite3.OperationalError, outcome: str) -> str:
    """One line for a database that refused a write (`outcome`: what that left)."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return f"the database is read-only; {outcome}"
    if "locked" in text or "busy" in text:
        return f"the database is locked by another writer; try again ({outcome})"
    return f"the database refused the change ({exc}); {outcome}"
