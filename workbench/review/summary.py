"""Verdicts as plain JSON-ready dicts, for `groups --json` and exports.

Listing commands show many groups at once, so the batch form fetches every
group's verdict and its claims' own verdicts in a few queries rather than a
few per group. Keys of `claim_verdicts` are claim ids (ints; `json.dumps`
writes them as strings).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from workbench.models import Verdict
from workbench.store.since_verdict import new_counts
from workbench.store.verdicts import group_verdicts


def verdict_record(verdict: Verdict | None) -> dict[str, Any] | None:
    """{label, reviewer, decided_at, note, links: [{url, title}]}, or None."""
    if verdict is None:
        return None
    return {
        "label": verdict.label,
        "reviewer": verdict.reviewer,
        "decided_at": verdict.decided_at,
        "note": verdict.note,
        "links": [{"url": link.url, "title": link.title} for link in verdict.links],
    }


def verdicts_json(db: Database, group_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """group id -> {"verdict": record or None, "claim_verdicts": {claim id: record}}.

    Every requested group gets an entry; claim verdicts are those of the
    group's current members.
    """
    found = group_verdicts(db, group_ids)
    out: dict[int, dict[str, Any]] = {}
    for gid in group_ids:
        own, claims = found.get(gid, (None, {}))
        out[gid] = {
            "verdict": verdict_record(own),
            "claim_verdicts": {cid: verdict_record(v) for cid, v in sorted(claims.items())},
        }
    return out


def verdict_json(db: Database, group_id: int) -> dict[str, Any]:
    """The same record for one group."""
    return verdicts_json(db, [group_id])[group_id]


def new_since_verdict_counts(db: Database, group_ids: Sequence[int]) -> dict[int, int]:
    """group id -> claims that joined it after its verdict and are not yet
    confirmed (groups with none are left out)."""
    return new_counts(db, group_ids)
