"""Each reviewer's own latest judgement of each group, read back from `verdict_history`.

A group holds one current verdict, whoever set it last; two reviewers who
judged it differently leave their judgements only in the history. A
reviewer's judgement of a group is the label their latest *judging* row on
the group's own verdict (claim_id NULL) left it with. A row judges when it
changes the label (set, clear, undo, redo or import; a clear or an undone
label leaves no label), or when it changes nothing at all: a reviewer
setting the label that is already there, which is a decision too. A row that
only edits the note or links keeps the label someone else chose and is not
that reviewer's judgement.

Only live groups (not merged into another) count: a merged-away group's
verdict no longer stands for anything a reviewer can see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from workbench.models import Label

_CHUNK = 500

# A history row that is a judgement (see the module docstring).
_JUDGES = """claim_id IS NULL AND group_id IS NOT NULL
    AND (label IS NOT prev_label OR (note IS prev_note AND links = prev_links))"""

# Each (group, reviewer)'s latest judging row.
_LATEST = f"""
SELECT id, group_id, reviewer, label, at FROM (
    SELECT id, group_id, reviewer, label, at,
           row_number() OVER (PARTITION BY group_id, reviewer ORDER BY id DESC) AS rn
    FROM verdict_history WHERE {_JUDGES} {{where}})
WHERE rn = 1
"""

#: Ids of groups that two or more reviewers last judged with different labels;
#: a subquery the queue's order query embeds (one pass over the history).
DISAGREEING_GROUPS_SQL = f"""
SELECT group_id FROM ({_LATEST.format(where="")})
WHERE label IS NOT NULL GROUP BY group_id HAVING count(DISTINCT label) > 1
"""


@dataclass(frozen=True)
class Judgement:
    """One reviewer's latest judgement of one group."""

    group_id: int
    reviewer: str
    label: Label | None  # None: they cleared the label (or undid it)
    at: str
    history_id: int


def latest_judgements(db: Database, group_ids: Sequence[int]) -> dict[int, list[Judgement]]:
    """group id -> each reviewer's latest judgement of it, oldest first.

    Batched by chunks of ids; the history has no index by group, so each chunk
    is one pass over it (it grows with reviewers' actions, not with claims).
    """
    out: dict[int, list[Judgement]] = {}
    ids = sorted(set(group_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        sql = _LATEST.format(where=f"AND group_id IN ({','.join('?' * len(chunk))})")
        for row in db.execute(sql + " ORDER BY id", chunk).fetchall():
            judgement = Judgement(group_id=int(row[1]), reviewer=str(row[2]), label=row[3],
                                  at=str(row[4]), history_id=int(row[0]))
            out.setdefault(judgement.group_id, []).append(judgement)
    return out


def all_labels(db: Database) -> dict[str, dict[int, Label]]:
    """reviewer -> {live group id: the label they last judged it with} (no-label judgements left out)."""
    out: dict[str, dict[int, Label]] = {}
    sql = f"""SELECT j.reviewer, j.group_id, j.label FROM ({_LATEST.format(where="")}) j
              JOIN claim_groups g ON g.id = j.group_id
              WHERE j.label IS NOT NULL AND g.merged_into IS NULL
              ORDER BY j.reviewer, j.group_id"""
    for reviewer, group_id, label in db.execute(sql).fetchall():
        out.setdefault(str(reviewer), {})[int(group_id)] = label
    return out

