"""Verdicts, their evidence links and the verdict history: all of their SQL.

A reviewer's change touches three tables at once (the current verdict, its
links, and the append-only `verdict_history`), so the review service makes
each change inside `write_transaction` and calls the small functions here.
The current state lives in `verdicts`/`evidence_links`; the history row holds
the state before and after, which is what undo, redo and audits read back.

A target is a group (`group_id`, claim_id None) or one claim (`claim_id`;
its history rows and verdict row carry group_id NULL, like `verdicts`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlite_utils import Database

from workbench.models import EvidenceLink, Label, Verdict
from workbench.store.articles import now
from workbench.store.connection import write_transaction

__all__ = [
    "DeskCounts", "HistoryEntry", "append_history", "changed_by_others_after", "delete_verdict",
    "desk_counts", "entry_before", "get_entry", "get_verdict", "group_verdicts", "now", "put_verdict",
    "reviewer_entries", "target_history", "write_transaction",
]

CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit


@dataclass(frozen=True)
class HistoryEntry:
    """One row of `verdict_history`: a change and the states around it."""

    id: int
    action: str  # 'set', 'clear', 'undo', 'redo' or 'import'
    group_id: int | None
    claim_id: int | None
    label: Label | None
    note: str | None
    links: tuple[EvidenceLink, ...]
    prev_label: Label | None
    prev_note: str | None
    prev_links: tuple[EvidenceLink, ...]
    reviewer: str
    at: str
    reverts: int | None = None


def _target(group_id: int | None, claim_id: int | None) -> tuple[str, list[Any]]:
    if claim_id is not None:
        return "claim_id = ?", [claim_id]
    if group_id is None:
        raise ValueError("a verdict target needs a group id or a claim id")
    return "group_id = ? AND claim_id IS NULL", [group_id]


_VERDICT_COLUMNS = "v.id, v.label, v.reviewer, v.decided_at, v.note, v.group_id, v.claim_id"


def _links_of(db: Database, verdict_ids: Sequence[int]) -> dict[int, tuple[EvidenceLink, ...]]:
    out: dict[int, list[EvidenceLink]] = {}
    ids = list(verdict_ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = db.execute(
            f"SELECT verdict_id, url, title FROM evidence_links "
            f"WHERE verdict_id IN ({','.join('?' * len(chunk))}) ORDER BY id",
            chunk,
        ).fetchall()
        for vid, url, title in rows:
            out.setdefault(int(vid), []).append(EvidenceLink(url, title))
    return {vid: tuple(links) for vid, links in out.items()}


def _verdict(row: Sequence[Any], links: dict[int, tuple[EvidenceLink, ...]]) -> Verdict:
    vid, label, reviewer, decided_at, note, group_id, claim_id = row[:7]
    return Verdict(label=label, reviewer=reviewer, decided_at=decided_at, note=note,
                   links=links.get(int(vid), ()), group_id=group_id, claim_id=claim_id)


@dataclass(frozen=True)
class DeskCounts:
    """Live non-empty groups by the label of their group verdict."""

    groups: int
    labels: dict[str, int]  # label -> groups decided with it
    evidence_only: int  # to review, holding a note or links without a label

    @property
    def decided(self) -> int:
        return sum(self.labels.values())

    @property
    def to_review(self) -> int:
        return self.groups - self.decided


def desk_counts(db: Database) -> DeskCounts:
    """How far the review is: one pass over the live groups."""
    rows = db.execute(
        """SELECT v.label, v.id IS NOT NULL, count(*) FROM claim_groups g
           LEFT JOIN verdicts v ON v.group_id = g.id
           WHERE g.merged_into IS NULL
             AND EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id)
           GROUP BY v.label, v.id IS NOT NULL""").fetchall()
    labels = {str(label): int(n) for label, _, n in rows if label is not None}
    evidence = sum(int(n) for label, has_row, n in rows if label is None and has_row)
    return DeskCounts(sum(int(n) for *_, n in rows), labels, evidence)


def get_verdict(db: Database, group_id: int | None, claim_id: int | None = None) -> Verdict | None:
    """The current verdict on a group (claim_id None) or on one claim."""
    where, params = _target(group_id, claim_id)
    row = db.execute(f"SELECT {_VERDICT_COLUMNS} FROM verdicts v WHERE v.{where}",
                     params).fetchone()
    if row is None:
        return None
    return _verdict(row, _links_of(db, [int(row[0])]))


def group_verdicts(
    db: Database, group_ids: Sequence[int]
) -> dict[int, tuple[Verdict | None, dict[int, Verdict]]]:
    """For each group: its own verdict and the verdicts of its member claims.

    Batched (a few queries per 500 groups) so `groups --json` over thousands
    of groups stays quick. Groups without any verdict are left out.
    """
    out: dict[int, tuple[Verdict | None, dict[int, Verdict]]] = {}
    ids = sorted(set(group_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        own = db.execute(
            f"SELECT {_VERDICT_COLUMNS}, v.group_id FROM verdicts v WHERE v.group_id IN ({marks})",
            chunk,
        ).fetchall()
        per_claim = db.execute(
            f"""SELECT {_VERDICT_COLUMNS}, m.group_id FROM verdicts v
                JOIN group_members m ON m.claim_id = v.claim_id
                WHERE m.group_id IN ({marks}) ORDER BY v.claim_id""",
            chunk,
        ).fetchall()
        links = _links_of(db, [int(r[0]) for r in own] + [int(r[0]) for r in per_claim])
        for row in own:
            out[int(row[7])] = (_verdict(row, links), {})
        for row in per_claim:
            gid = int(row[7])
            _, claims = out.setdefault(gid, (None, {}))
            claims[int(row[6])] = _verdict(row, links)
    return out


def put_verdict(db: Database, verdict: Verdict) -> None:
    """Make `verdict` the current verdict on its target, links included.

    Links that stay keep their row and `added_at`; the verdict keeps its id.
    """
    where, params = _target(verdict.group_id, verdict.claim_id)
    row = db.execute(f"SELECT id FROM verdicts WHERE {where}", params).fetchone()
    if row is None:
        cursor = db.execute(
            """INSERT INTO verdicts (group_id, claim_id, label, reviewer, note, decided_at)
               VALUES (?, ?, ?, ?, ?, ?)""",
            [None if verdict.claim_id is not None else verdict.group_id, verdict.claim_id,
             verdict.label, verdict.reviewer, verdict.note, verdict.decided_at],
        )
        verdict_id = int(cursor.lastrowid or 0)
    else:
        verdict_id = int(row[0])
        db.execute(
            "UPDATE verdicts SET label = ?, reviewer = ?, note = ?, decided_at = ? WHERE id = ?",
            [verdict.label, verdict.reviewer, verdict.note, verdict.decided_at, verdict_id],
        )
    _sync_links(db, verdict_id, verdict.links)


def _sync_links(db: Database, verdict_id: int, links: Sequence[EvidenceLink]) -> None:
    rows = db.execute(
        "SELECT id, url, title, added_at FROM evidence_links WHERE verdict_id = ? ORDER BY id",
        [verdict_id],
    ).fetchall()
    if [r[1] for r in rows] == [link.url for link in links]:
        for (link_id, _, title, _), link in zip(rows, links, strict=True):
            if title != link.title:
                db.execute("UPDATE evidence_links SET title = ? WHERE id = ?",
                           [link.title, link_id])
        return
    # Order changed (an edited or restored link): rewrite, keeping added_at.
    added = {r[1]: r[3] for r in rows}
    stamp = now()
    db.execute("DELETE FROM evidence_links WHERE verdict_id = ?", [verdict_id])
    db.conn.executemany(
        "INSERT INTO evidence_links (verdict_id, url, title, added_at) VALUES (?, ?, ?, ?)",
        [(verdict_id, link.url, link.title, added.get(link.url, stamp)) for link in links],
    )


def delete_verdict(db: Database, group_id: int | None, claim_id: int | None = None) -> None:
    """Remove the current verdict on a target and its links."""
    where, params = _target(group_id, claim_id)
    db.execute(f"DELETE FROM evidence_links WHERE verdict_id IN "
               f"(SELECT id FROM verdicts WHERE {where})", params)
    db.execute(f"DELETE FROM verdicts WHERE {where}", params)


def _links_json(verdict: Verdict | None) -> str:
    links = verdict.links if verdict is not None else ()
    return json.dumps([{"url": link.url, "title": link.title} for link in links],
                      ensure_ascii=False)


def append_history(
    db: Database,
    action: str,
    *,
    group_id: int | None,
    claim_id: int | None,
    before: Verdict | None,
    after: Verdict | None,
    reviewer: str,
    at: str,
    reverts: int | None = None,
) -> int:
    """Append one audit row (states before and after); returns its id."""
    cursor = db.execute(
        """INSERT INTO verdict_history (group_id, claim_id, action, reverts, label, note, links,
               prev_label, prev_note, prev_links, reviewer, at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [None if claim_id is not None else group_id, claim_id, action, reverts,
         after.label if after else None, after.note if after else None, _links_json(after),
         before.label if before else None, before.note if before else None,
         _links_json(before), reviewer, at],
    )
    return int(cursor.lastrowid or 0)


_HISTORY_COLUMNS = """id, action, group_id, claim_id, label, note, links,
    prev_label, prev_note, prev_links, reviewer, at, reverts"""


def _parse_links(text: str | None) -> tuple[EvidenceLink, ...]:
    items = json.loads(text or "[]")
    return tuple(EvidenceLink(item["url"], item.get("title")) for item in items)


def _entry(row: Sequence[Any]) -> HistoryEntry:
    return HistoryEntry(
        id=int(row[0]), action=row[1], group_id=row[2], claim_id=row[3],
        label=cast("Label | None", row[4]), note=row[5], links=_parse_links(row[6]),
        prev_label=cast("Label | None", row[7]), prev_note=row[8],
        prev_links=_parse_links(row[9]), reviewer=row[10], at=row[11], reverts=row[12],
    )


def get_entry(db: Database, entry_id: int) -> HistoryEntry | None:
    row = db.execute(f"SELECT {_HISTORY_COLUMNS} FROM verdict_history WHERE id = ?",
                     [entry_id]).fetchone()
    return _entry(row) if row else None


def reviewer_entries(db: Database, reviewer: str) -> list[HistoryEntry]:
    """This reviewer's own set/clear/undo/redo rows, oldest first."""
    rows = db.execute(
        f"""SELECT {_HISTORY_COLUMNS} FROM verdict_history
            WHERE reviewer = ? AND action IN ('set', 'clear', 'undo', 'redo') ORDER BY id""",
        [reviewer],
    ).fetchall()
    return [_entry(row) for row in rows]


def target_history(db: Database, group_id: int | None,
                   claim_id: int | None = None) -> list[HistoryEntry]:
    """Every change to one target's verdict, oldest first."""
    where, params = _target(group_id, claim_id)
    rows = db.execute(
        f"SELECT {_HISTORY_COLUMNS} FROM verdict_history WHERE {where} ORDER BY id", params
    ).fetchall()
    return [_entry(row) for row in rows]


def entry_before(db: Database, group_id: int | None, claim_id: int | None,
                 before_id: int) -> HistoryEntry | None:
    """The latest change to a target older than history row `before_id`."""
    where, params = _target(group_id, claim_id)
    row = db.execute(
        f"""SELECT {_HISTORY_COLUMNS} FROM verdict_history WHERE id < ? AND {where}
            ORDER BY id DESC LIMIT 1""",
        [before_id, *params],
    ).fetchone()
    return _entry(row) if row else None


def changed_by_others_after(db: Database, group_id: int | None, claim_id: int | None,
                            after_id: int, reviewer: str) -> bool:
    """Did anyone but `reviewer` (or an import) change the target after row `after_id`?"""
    where, params = _target(group_id, claim_id)
    row = db.execute(
        f"""SELECT 1 FROM verdict_history WHERE id > ? AND {where}
            AND (reviewer <> ? OR action = 'import') LIMIT 1""",
        [after_id, *params, reviewer],
    ).fetchone()
    return row is not None
