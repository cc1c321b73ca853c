"""Claims new since their group's verdict: the flag, its counts, confirmations.

A verdict covers what the reviewer saw. When a grouping run (or a merge)
puts a claim into a group that already carries a verdict, the claim's
`group_members.new_since_verdict` is set; exports leave such a claim out of
the verdict's published appearances until a reviewer confirms it, which
clears the flag and appends a row to `verdict_confirmations` (the audit).

A flag only counts while its group has a verdict of its own (`EFFECTIVE`):
a verdict cleared and restored by undo still does not cover the claim,
and a group without a verdict publishes nothing anyway. A reviewer's fresh
verdict on a group (from no verdict) covers every claim it holds then, so
it clears the group's flags (`covered_by_fresh_verdict`).

Only a labelled group verdict counts: a row holding evidence alone (a note or
links gathered before any decision, label NULL) judges nothing, so it covers
no claim and makes none "new since" it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlite_utils import Database

CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit

#: SQL condition on a `group_members` row aliased `m`: new since a verdict that stands.
EFFECTIVE = ("m.new_since_verdict = 1 AND EXISTS (SELECT 1 FROM verdicts gv "
             "WHERE gv.group_id = m.group_id AND gv.label IS NOT NULL)")


def judged_groups(db: Database) -> set[int]:
    """Groups that carry a labelled verdict of their own (not only claim verdicts)."""
    rows = db.execute("SELECT group_id FROM verdicts "
                      "WHERE group_id IS NOT NULL AND label IS NOT NULL").fetchall()
    return {int(r[0]) for r in rows}


def mark_new(db: Database, claim_ids: Iterable[int]) -> None:
    """Flag these members as placed after their group's verdict."""
    db.conn.executemany("UPDATE group_members SET new_since_verdict = 1 WHERE claim_id = ?",
                        [(c,) for c in claim_ids])


def new_claims(db: Database, group_id: int) -> list[int]:
    """The claims of this group new since its verdict, by id."""
    rows = db.execute(f"SELECT m.claim_id FROM group_members m WHERE m.group_id = ? "
                      f"AND {EFFECTIVE} ORDER BY m.claim_id", [group_id]).fetchall()
    return [int(r[0]) for r in rows]


def new_counts(db: Database, group_ids: Sequence[int]) -> dict[int, int]:
    """group id -> how many of its claims are new since its verdict (0s left out)."""
    out: dict[int, int] = {}
    ids = sorted(set(group_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = db.execute(
            f"""SELECT m.group_id, count(*) FROM group_members m
                WHERE m.group_id IN ({','.join('?' * len(chunk))}) AND {EFFECTIVE}
                GROUP BY m.group_id""", chunk).fetchall()
        out.update({int(g): int(n) for g, n in rows})
    return out


def is_new(db: Database, claim_id: int) -> bool:
    row = db.execute(f"SELECT 1 FROM group_members m WHERE m.claim_id = ? AND {EFFECTIVE}",
                     [claim_id]).fetchone()
    return row is not None


def confirm(db: Database, group_id: int, claim_ids: Sequence[int], reviewer: str,
            at: str) -> None:
    """Clear the flags and record who confirmed them (inside the caller's transaction)."""
    db.conn.executemany(
        "UPDATE group_members SET new_since_verdict = 0 WHERE claim_id = ? AND group_id = ?",
        [(c, group_id) for c in claim_ids])
    db.conn.executemany(
        "INSERT INTO verdict_confirmations (group_id, claim_id, reviewer, at) VALUES (?, ?, ?, ?)",
        [(group_id, c, reviewer, at) for c in claim_ids])


def covered_by_fresh_verdict(db: Database, group_id: int) -> None:
    """A new verdict on a group judges every claim it now holds."""
    db.execute("UPDATE group_members SET new_since_verdict = 0 "
               "WHERE group_id = ? AND new_since_verdict = 1", [group_id])


def confirmations(db: Database, group_id: int) -> list[tuple[int, str, str]]:
    """(claim id, reviewer, at) of every confirmation in this group, oldest first."""
    rows = db.execute("SELECT claim_id, reviewer, at FROM verdict_confirmations "
                      "WHERE group_id = ? ORDER BY id", [group_id]).fetchall()
    return [(int(c), str(r), str(a)) for c, r, a in rows]
