"""Reviewer names: one visible line, given on purpose.

Every verdict and history row carries its reviewer, undo is per reviewer,
and exports show the name to readers. A name that is empty, blank, or made
of escape codes or invisible characters would either credit the work to
nobody or paint a terminal, so it is refused with a reason instead of being
quietly replaced (by the login name, say): the person asked for something
else and should know.
"""

from __future__ import annotations

from workbench.review.errors import ReviewError
from workbench.review.invisible import first_hidden

MAX_NAME = 100


def check_reviewer(name: str | None) -> str:
    """The name with runs of whitespace collapsed; ReviewError for an unusable one."""
    if name is None or not name.strip():
        raise ReviewError("a reviewer name is required (it was empty)")
    hidden = first_hidden(name)
    if hidden:
        raise ReviewError(f"the reviewer name contains a control or invisible character {hidden}")
    flat = " ".join(name.split())
    if len(flat) > MAX_NAME:
        raise ReviewError(f"the reviewer name is longer than {MAX_NAME} characters")
    return flat
