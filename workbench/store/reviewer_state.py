"""Each reviewer's desk place and settings, one JSON object per reviewer.

The review app keeps where a reviewer was (selected group, open view,
search, filter, sort) and small desk settings (auto-advance, the last export
format and path) in the `reviewer_state` table, so a restart opens where the
reviewer left off. The state is advisory: a row that is not a JSON object
(hand-edited, or written by a newer version) reads as "nothing saved"
instead of stopping the app, and the caller decides what a missing key means.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from workbench.store.articles import now
from workbench.store.connection import write_transaction


def load(db: Database, reviewer: str) -> dict[str, Any]:
    """The reviewer's saved state; {} when none is saved or it cannot be read."""
    row = db.execute("SELECT state FROM reviewer_state WHERE reviewer = ?",
                     [reviewer]).fetchone()
    if row is None:
        return {}
    try:
        state = json.loads(row[0])
    except (TypeError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def save(db: Database, reviewer: str, state: dict[str, Any]) -> None:
    """Replace the reviewer's saved state with `state` (committed on return)."""
    text = json.dumps(state, ensure_ascii=False, sort_keys=True)
    with write_transaction(db):
        db.execute(
            """INSERT INTO reviewer_state (reviewer, state, updated_at) VALUES (?, ?, ?)
               ON CONFLICT (reviewer) DO UPDATE SET state = excluded.state,
                   updated_at = excluded.updated_at""",
            [reviewer, text, now()])
