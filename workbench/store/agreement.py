"""Each reviewer's own latest judgement of each group, replayed from `verdict_history`.

A group holds one current verdict, whoever set it last; two reviewers who
judged it differently leave their judgements only in the history. This
module replays the history of group verdicts (claim_id NULL), one reviewer
at a time per group:

- a row that changes the label (set, clear, import) is that reviewer's
  judgement: the new label, or none when they cleared it;
- a row that changes nothing at all is a judgement too: a reviewer setting
  the label another reviewer already chose (they agree);
- a row that only edits the note or links keeps the label someone else chose
  and is not a judgement;
- an undo or redo puts the reviewer's judgement back to what it was before
  the row it reverts (always a row of the same group). Undoing your override
  of a colleague's label restores their label on the group, but leaves you
  with no judgement of your own.

Only live groups (not merged into another) count in `all_labels`: a merged-
away group's verdict no longer stands for anything a reviewer can see.

The queue asks for the groups whose reviewers disagree on every reload, so
that set is found without replaying the whole history: only groups whose
rows name two or more reviewers and two or more labels can disagree (one
aggregate pass in SQLite), and only their rows are replayed. The set is kept
per open database until the history gains a row.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlite_utils import Database

from workbench.models import Label

_CHUNK = 500


@dataclass(frozen=True)
class Judgement:
    """One reviewer's latest judgement of one group."""

    group_id: int
    reviewer: str
    label: Label | None  # None: they cleared the label
    at: str
    history_id: int


# Group-verdict rows; `judges`: the row changes the label, or changes nothing at all.
_ROWS_SQL = """
SELECT id, group_id, reviewer, action, reverts, label, at,
       (label IS NOT prev_label OR (note IS prev_note AND links = prev_links)) AS judges
FROM verdict_history
WHERE claim_id IS NULL AND group_id IS NOT NULL {where}
ORDER BY id
"""

# Groups that may have reviewers who disagree: two reviewers and two labels in their rows.
_CANDIDATES_SQL = """
SELECT group_id FROM verdict_history
WHERE claim_id IS NULL AND group_id IS NOT NULL
GROUP BY group_id HAVING count(DISTINCT reviewer) > 1 AND count(DISTINCT label) > 1
"""

# A row of _ROWS_SQL: id, group id, reviewer, action, reverts, label, at, judges (0/1)
_Row = tuple[int, int, str, str, int | None, Label | None, str, int]


def _replay(rows: Iterable[_Row]) -> dict[int, dict[str, Judgement]]:
    """group -> reviewer -> their judgement, from rows in id order (every row of
    each group that appears)."""
    current: dict[int, dict[str, Judgement]] = {}
    # row -> its reviewer's judgement of its group before it, for undo and redo
    before: dict[int, Judgement | None] = {}
    for row_id, gid, reviewer, action, reverts, label, at, judges in rows:
        mine = current.setdefault(gid, {})
        previous = mine.get(reviewer)
        new = previous
        if reverts is not None and action in ("undo", "redo") and reverts in before:
            new = before[reverts]
        elif judges:
            new = Judgement(gid, reviewer, label, at, row_id)
        before[row_id] = previous
        if new is None:
            mine.pop(reviewer, None)
        else:
            mine[reviewer] = new
    return current


def _rows(db: Database, where: str = "", params: Sequence[Any] = ()) -> list[_Row]:
    return cast(list[_Row], db.execute(_ROWS_SQL.format(where=where), list(params)).fetchall())


def latest_judgements(db: Database, group_ids: Sequence[int]) -> dict[int, list[Judgement]]:
    """group id -> each reviewer's latest judgement of it, oldest first.

    One pass over the history per chunk of ids (it has no index by group)."""
    out: dict[int, list[Judgement]] = {}
    ids = sorted(set(group_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        replayed = _replay(_rows(db, f"AND group_id IN ({','.join('?' * len(chunk))})", chunk))
        for gid, judgements in replayed.items():
            if judgements:
                out[gid] = sorted(judgements.values(), key=lambda j: j.history_id)
    return out


def _disagree(judgements: dict[str, Judgement]) -> bool:
    return len({j.label for j in judgements.values() if j.label is not None}) > 1


_kept: weakref.WeakKeyDictionary[Database, tuple[tuple[Any, ...] | None, frozenset[int]]] = \
    weakref.WeakKeyDictionary()
_lock = threading.Lock()


def disagreeing_groups(db: Database) -> frozenset[int]:
    """Groups two or more reviewers last judged with different labels."""
    # The history only grows: its last row tells whether anything changed. A
    # write rolled back and redone differently would need the same row id,
    # target, reviewer, action, label and second to go unnoticed.
    last = db.execute("""SELECT id, group_id, claim_id, reviewer, action, label, at, reverts
                         FROM verdict_history ORDER BY id DESC LIMIT 1""").fetchone()
    tail = None if last is None else tuple(last)
    with _lock:
        kept = _kept.get(db)
        if kept is not None and kept[0] == tail:
            return kept[1]
    found = frozenset(gid for gid, judgements in _replay(_rows(
        db, f"AND group_id IN ({_CANDIDATES_SQL})")).items() if _disagree(judgements))
    with _lock:
        _kept[db] = (tail, found)
    return found


def all_labels(db: Database) -> dict[str, dict[int, Label]]:
    """reviewer -> {live group id: the label they last judged it with} (no-label judgements left out)."""
    live = {int(r[0]) for r in db.execute("SELECT id FROM claim_groups WHERE merged_into IS NULL")}
    out: dict[str, dict[int, Label]] = {}
    for gid, judgements in sorted(_replay(_rows(db)).items()):
        if gid not in live:
            continue
        for j in judgements.values():
            if j.label is not None:
                out.setdefault(j.reviewer, {})[gid] = j.label
    return {name: out[name] for name in sorted(out)}
