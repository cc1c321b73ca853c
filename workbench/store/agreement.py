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
  the row it reverts. Undoing your override of a colleague's label restores
  their label on the group, but leaves you with no judgement of your own.

Only live groups (not merged into another) count in `all_labels`: a merged-
away group's verdict no longer stands for anything a reviewer can see.

The history only grows (rows are never updated or deleted), so the replay is
kept per open database and extended with the rows added since the last call:
the queue asks for the disagreeing groups on every reload, and reading the
whole history each time would cost a pass over it.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from sqlite_utils import Database

from workbench.models import Label


@dataclass(frozen=True)
class Judgement:
    """One reviewer's latest judgement of one group."""

    group_id: int
    reviewer: str
    label: Label | None  # None: they cleared the label
    at: str
    history_id: int


# A row judges when it changes the label or changes nothing at all.
_ROWS_SQL = """
SELECT id, group_id, reviewer, action, reverts, label, at,
       (label IS NOT prev_label OR (note IS prev_note AND links = prev_links)) AS judges
FROM verdict_history
WHERE id > ? AND claim_id IS NULL AND group_id IS NOT NULL
ORDER BY id
"""


# (label, at, history id): one reviewer's judgement of one group, as the replay keeps it
_Kept = tuple[Label | None, str, int]
# A row of _ROWS_SQL: id, group id, reviewer, action, reverts, label, at, judges (0/1)
_Row = tuple[int, int, str, str, int | None, Label | None, str, int]


@dataclass
class _Replay:
    """The replayed state of one open database's history."""

    last_id: int = 0
    last_row: tuple[str, str, str] | None = None  # (reviewer, action, at) of row last_id
    # group -> reviewer -> their judgement
    current: dict[int, dict[str, _Kept]] = field(default_factory=dict)
    # history row -> its reviewer's judgement of its group before it (for undo/redo)
    before: dict[int, _Kept | None] = field(default_factory=dict)
    disagreeing: set[int] = field(default_factory=set)

    def apply(self, rows: Sequence[_Row]) -> None:
        """Take history rows (in id order) into the state."""
        touched: set[int] = set()
        current, before = self.current, self.before
        for row_id, gid, reviewer, action, reverts, label, at, judges in rows:
            mine = current.setdefault(gid, {})
            previous = mine.get(reviewer)
            new = previous
            if reverts is not None and action in ("undo", "redo") and reverts in before:
                new = before[reverts]
            elif judges:
                new = (label, at, row_id)
            before[row_id] = previous
            if new is None:
                mine.pop(reviewer, None)
            else:
                mine[reviewer] = new
            touched.add(gid)
        for gid in touched:
            if len({kept[0] for kept in current[gid].values() if kept[0] is not None}) > 1:
                self.disagreeing.add(gid)
            else:
                self.disagreeing.discard(gid)


_replays: weakref.WeakKeyDictionary[Database, _Replay] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _replayed(db: Database) -> _Replay:
    """The replay of `db`'s history, brought up to date."""
    with _lock:
        replay = _replays.get(db)
        if replay is not None and replay.last_row is not None:
            row = db.execute("SELECT reviewer, action, at FROM verdict_history WHERE id = ?",
                             [replay.last_id]).fetchone()
            if row is None or tuple(row) != replay.last_row:
                replay = None  # the rows read last are gone (a rolled-back write): start over
        if replay is None:
            replay = _replays[db] = _Replay()
        # Ids, names and times come back as int and str (the columns' types).
        rows = cast(list[_Row], db.execute(_ROWS_SQL, [replay.last_id]).fetchall())
        replay.apply(rows)
        if rows:
            last = rows[-1]
            replay.last_id, replay.last_row = int(last[0]), (str(last[2]), str(last[3]),
                                                             str(last[6]))
        return replay


def latest_judgements(db: Database, group_ids: Sequence[int]) -> dict[int, list[Judgement]]:
    """group id -> each reviewer's latest judgement of it, oldest first."""
    replay = _replayed(db)
    out: dict[int, list[Judgement]] = {}
    for gid in set(group_ids):
        found = replay.current.get(gid)
        if found:
            out[gid] = [Judgement(gid, reviewer, label, at, row_id) for reviewer, (label, at, row_id)
                        in sorted(found.items(), key=lambda item: item[1][2])]
    return out


def disagreeing_groups(db: Database) -> set[int]:
    """Groups two or more reviewers last judged with different labels."""
    return set(_replayed(db).disagreeing)


def all_labels(db: Database) -> dict[str, dict[int, Label]]:
    """reviewer -> {live group id: the label they last judged it with} (no-label judgements left out)."""
    live = {int(r[0]) for r in db.execute("SELECT id FROM claim_groups WHERE merged_into IS NULL")}
    out: dict[str, dict[int, Label]] = {}
    for gid, judgements in sorted(_replayed(db).current.items()):
        if gid not in live:
            continue
        for reviewer, (label, _at, _id) in judgements.items():
            if label is not None:
                out.setdefault(reviewer, {})[gid] = label
    return {name: out[name] for name in sorted(out)}
