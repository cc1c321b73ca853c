"""The corrections log and the facts a correction changes: all of their SQL.

A reviewer's correction (a speaker or stance edit, a published text, a move,
a merge, a split) changes a handful of facts: where claims sit
(`group_members`), which groups were merged away (`claim_groups.merged_into`),
a claim's speaker or stance, a group's published text, and the reviewer
overrides a grouping run respects (`group_overrides`). Each correction
captures those facts before and after it, as JSON, in one `corrections` row.
That is all undo and redo need: undoing a row means checking the facts still
read as its `after` and writing back its `before`, whatever the kind of
correction, so one generic `capture`/`apply`/`difference` serves them all.

A state is a dict of JSON-able parts (absent parts are not part of it):
`members` {claim: [group, assigned_by, similarity, new_since_verdict,
assigned_at] or None}, `merged` {group: merged_into}, `speakers` and
`stances` {claim: value}, `texts` {group: published_text}, `answers`
{claim: [[answering claim, answered claim, relation, similarity], ...]} (the
denial/dispute links touching the claim, which follow its stance), `overrides`
[[kind, group, other group, claim, rows present]], and `groups`, every group
the state mentions, which `groups.refresh_groups` keeps even when emptied so
that undo can put claims back. JSON object keys are strings; ids are ints.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from workbench.store.articles import now
from workbench.store.speakers import register_speakers

State = dict[str, Any]

CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class Correction:
    """One row of `corrections`."""

    id: int
    action: str  # speaker, stance, text, move, merge, split, undo, redo
    reverts: int | None
    group_id: int | None
    claim_id: int | None
    before: State
    after: State
    after_history: int
    reviewer: str
    at: str


# -- the log -------------------------------------------------------------------

def append(db: Database, action: str, *, group_id: int | None, claim_id: int | None,
           before: State, after: State, reviewer: str, reverts: int | None = None) -> int:
    """Append one correction (inside the caller's transaction); returns its id.

    `after_history` is the newest verdict_history row, so a reviewer's
    corrections and verdict changes replay in the order they were made.
    """
    latest = db.execute("SELECT coalesce(max(id), 0) FROM verdict_history").fetchone()[0]
    cursor = db.execute(
        """INSERT INTO corrections (action, reverts, group_id, claim_id, before, after,
               after_history, reviewer, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [action, reverts, group_id, claim_id, _dump(before), _dump(after), int(latest),
         reviewer, now()],
    )
    return int(cursor.lastrowid or 0)


def _dump(state: State) -> str:
    return json.dumps(state, ensure_ascii=False, sort_keys=True, allow_nan=False)


_COLUMNS = "id, action, reverts, group_id, claim_id, before, after, after_history, reviewer, at"


def _row(row: Sequence[Any]) -> Correction:
    return Correction(id=int(row[0]), action=str(row[1]), reverts=row[2], group_id=row[3],
                      claim_id=row[4], before=json.loads(row[5] or "{}"),
                      after=json.loads(row[6] or "{}"), after_history=int(row[7]),
                      reviewer=str(row[8]), at=str(row[9]))


def undo_log(db: Database, reviewer: str) -> list[tuple[str, int, str, int | None]]:
    """(log, id, action, reverts) of the reviewer's rows in both logs, in the
    order made: verdict row v as (v.id, 0, 0), correction c as
    (c.after_history, 1, c.id). Ids only, so replaying a long desk session's
    stacks stays cheap; the rows themselves are read when needed."""
    rows = db.execute(
        """SELECT 'verdict', id, action, reverts, id AS o1, 0 AS o2, 0 AS o3
           FROM verdict_history WHERE reviewer = ? AND action IN ('set', 'clear', 'undo', 'redo')
           UNION ALL
           SELECT 'correction', id, action, reverts, after_history, 1, id
           FROM corrections WHERE reviewer = ?
           ORDER BY o1, o2, o3""", [reviewer, reviewer]).fetchall()
    return [(str(r[0]), int(r[1]), str(r[2]), r[3]) for r in rows]


def get(db: Database, correction_id: int) -> Correction | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM corrections WHERE id = ?",
                     [correction_id]).fetchone()
    return _row(row) if row else None


def corrections_after(db: Database, correction_id: int) -> list[Correction]:
    """Everyone's corrections newer than `correction_id`, newest first."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM corrections WHERE id > ? ORDER BY id DESC",
                      [correction_id]).fetchall()
    return [_row(r) for r in rows]


# -- facts: capture ----------------------------------------------------------------

def template(*, members: Iterable[int] = (), merged: Iterable[int] = (),
             speakers: Iterable[int] = (), stances: Iterable[int] = (),
             texts: Iterable[int] = (), answers: Iterable[int] = (),
             overrides: Iterable[tuple[str, int, int | None, int | None]] = ()) -> State:
    """Which facts a correction touches (values are filled in by `capture`)."""
    parts: State = {
        "members": {str(c): None for c in members}, "merged": {str(g): None for g in merged},
        "speakers": {str(c): None for c in speakers}, "stances": {str(c): None for c in stances},
        "texts": {str(g): None for g in texts}, "answers": {str(c): None for c in answers},
        "overrides": [[kind, g, other, c, 0] for kind, g, other, c in overrides],
    }
    return {key: value for key, value in parts.items() if value}


def capture(db: Database, shape: State) -> State:
    """The current values of the facts named in `shape`.

    A claim that no longer exists is left out of `speakers`/`stances`, a group
    that no longer exists out of `merged`/`texts`: `difference` reads that.
    """
    state: State = {}
    if "members" in shape:
        ids = [int(c) for c in shape["members"]]
        found = {int(r[0]): [int(r[1]), r[2], r[3], int(r[4]), r[5]] for r in _select(
            db, "SELECT claim_id, group_id, assigned_by, similarity, new_since_verdict, "
                "assigned_at FROM group_members WHERE claim_id IN ({})", ids)}
        state["members"] = {str(c): found.get(c) for c in ids}
    for part, column, table in (("merged", "merged_into", "claim_groups"),
                                ("texts", "published_text", "claim_groups"),
                                ("speakers", "speaker", "claims"),
                                ("stances", "stance", "claims")):
        if part in shape:
            ids = [int(x) for x in shape[part]]
            rows = _select(db, f"SELECT id, {column} FROM {table} WHERE id IN ({{}})", ids)
            state[part] = {str(r[0]): r[1] for r in rows}
    if "answers" in shape:
        ids = [int(c) for c in shape["answers"]]
        links: dict[str, list[list[Any]]] = {str(c): [] for c in ids}
        for column in ("claim_id", "answered_claim_id"):
            for row in _select(db, "SELECT claim_id, answered_claim_id, relation, similarity "
                                   f"FROM group_answers WHERE {column} IN ({{}}) ORDER BY 1, 2",
                               ids):
                if list(row) not in links[str(row[0 if column == "claim_id" else 1])]:
                    links[str(row[0 if column == "claim_id" else 1])].append(list(row))
        state["answers"] = links
    if "overrides" in shape:
        state["overrides"] = [[kind, g, other, c, _override_count(db, kind, g, other, c)]
                              for kind, g, other, c, _ in shape["overrides"]]
    state["groups"] = sorted(_groups_of(state))
    return state


def _select(db: Database, sql: str, ids: Sequence[int]) -> list[Sequence[Any]]:
    rows: list[Sequence[Any]] = []
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        rows += db.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
    return rows


def _groups_of(state: State) -> set[int]:
    groups = {int(g) for part in ("merged", "texts") for g in state.get(part, {})}
    groups |= {int(v) for v in state.get("merged", {}).values() if v is not None}
    groups |= {int(v[0]) for v in state.get("members", {}).values() if v is not None}
    for _, g, other, _, _ in state.get("overrides", []):
        groups |= {int(g)} | ({int(other)} if other is not None else set())
    return groups


_OVERRIDE_WHERE = """kind = ? AND group_id = ? AND other_group_id IS ? AND claim_id IS ?"""


def _override_count(db: Database, kind: str, group_id: int, other: int | None,
                    claim_id: int | None) -> int:
    return int(db.execute(f"SELECT count(*) FROM group_overrides WHERE {_OVERRIDE_WHERE}",
                          [kind, group_id, other, claim_id]).fetchone()[0])


# -- facts: compare and write back ----------------------------------------------------

def difference(db: Database, expected: State) -> tuple[str, int] | None:
    """The first fact that no longer reads as `expected`: (what, id), else None.

    What: 'claim gone', 'group gone', 'moved' (a claim's group), 'merged' (a
    group's merged_into), 'speaker', 'stance', 'text', 'override' (a group's).
    Only a claim's group counts for `members`: a confirmation since (its
    new_since_verdict) or a re-stamped time is no reason to refuse an undo.
    """
    current = capture(db, expected)
    for part, gone in (("speakers", "claim gone"), ("stances", "claim gone"),
                       ("merged", "group gone"), ("texts", "group gone")):
        for key, value in expected.get(part, {}).items():
            if key not in current[part]:
                return gone, int(key)
            if current[part][key] != value:
                return {"speakers": "speaker", "stances": "stance", "merged": "merged",
                        "texts": "text"}[part], int(key)
    for key, value in expected.get("members", {}).items():
        now_in = current["members"][key]
        if (now_in is None) != (value is None) or (value is not None and now_in[0] != value[0]):
            return "moved", int(key)
    for want, have in zip(expected.get("overrides", []), current.get("overrides", []),
                          strict=True):
        if want[4] != have[4]:
            return "override", int(want[1])
    return None


def apply(db: Database, state: State, reviewer: str) -> set[int]:
    """Write `state`'s facts back (inside the caller's transaction); returns
    the groups whose members changed, for `refresh_groups`."""
    touched: set[int] = set()
    members = state.get("members", {})
    if members:
        before = capture(db, {"members": members})["members"]
        touched |= {int(v[0]) for v in (*before.values(), *members.values()) if v is not None}
        db.conn.executemany("DELETE FROM group_members WHERE claim_id = ?",
                            [(int(c),) for c, v in members.items() if v is None])
        db.conn.executemany(
            """INSERT INTO group_members (claim_id, group_id, assigned_by, similarity,
                   new_since_verdict, assigned_at) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT(claim_id) DO UPDATE SET group_id = excluded.group_id,
                   assigned_by = excluded.assigned_by, similarity = excluded.similarity,
                   new_since_verdict = excluded.new_since_verdict,
                   assigned_at = excluded.assigned_at""",
            [(int(c), *v) for c, v in members.items() if v is not None])
    stamp = now()
    db.conn.executemany("UPDATE claim_groups SET merged_into = ?, updated_at = ? WHERE id = ?",
                        [(v, stamp, int(g)) for g, v in state.get("merged", {}).items()])
    touched |= {int(g) for g in state.get("merged", {})}
    db.conn.executemany("UPDATE claim_groups SET published_text = ?, updated_at = ? "
                        "WHERE id = ?",
                        [(v, stamp, int(g)) for g, v in state.get("texts", {}).items()])
    speakers = state.get("speakers", {})
    register_speakers(db, [v for v in speakers.values() if v])
    db.conn.executemany("UPDATE claims SET speaker = ? WHERE id = ?",
                        [(v, int(c)) for c, v in speakers.items()])
    stances = state.get("stances", {})
    db.conn.executemany("UPDATE claims SET stance = ? WHERE id = ?",
                        [(v, int(c)) for c, v in stances.items()])
    if stances:  # a group's representative prefers assertions
        touched |= {int(r[0]) for r in _select(
            db, "SELECT group_id FROM group_members WHERE claim_id IN ({})",
            [int(c) for c in stances])}
    answers = state.get("answers", {})
    for part in ("claim_id", "answered_claim_id"):
        db.conn.executemany(f"DELETE FROM group_answers WHERE {part} = ?",
                            [(int(c),) for c in answers])
    db.conn.executemany(
        """INSERT OR REPLACE INTO group_answers (claim_id, answered_claim_id, relation,
               similarity) SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM claims WHERE id = ?1)
               AND EXISTS (SELECT 1 FROM claims WHERE id = ?2)""",
        [tuple(link) for links in answers.values() for link in links])
    for kind, g, other, c, count in state.get("overrides", []):
        _set_override_count(db, kind, g, other, c, int(count), reviewer)
    return touched


def _set_override_count(db: Database, kind: str, group_id: int, other: int | None,
                        claim_id: int | None, count: int, reviewer: str) -> None:
    have = _override_count(db, kind, group_id, other, claim_id)
    if have > count:  # the newest go first: they are the ones being undone
        db.execute(
            f"""DELETE FROM group_overrides WHERE id IN (SELECT id FROM group_overrides
                WHERE {_OVERRIDE_WHERE} ORDER BY id DESC LIMIT ?)""",
            [kind, group_id, other, claim_id, have - count])
    for _ in range(count - have):
        db.execute("""INSERT INTO group_overrides (kind, group_id, other_group_id, claim_id,
                          reviewer, created_at) VALUES (?, ?, ?, ?, ?, ?)""",
                   [kind, group_id, other, claim_id, reviewer, now()])


# -- reads the rules need -------------------------------------------------------------

def claim_exists(db: Database, claim_id: int) -> bool:
    return db.execute("SELECT 1 FROM claims WHERE id = ?", [claim_id]).fetchone() is not None


def group_exists(db: Database, group_id: int) -> bool:
    return db.execute("SELECT 1 FROM claim_groups WHERE id = ?", [group_id]).fetchone() is not None


def labelled_verdict(db: Database, group_id: int) -> bool:
    """Whether the group's verdict carries a label (not evidence only)."""
    return db.execute("SELECT 1 FROM verdicts WHERE group_id = ? AND label IS NOT NULL",
                      [group_id]).fetchone() is not None


def group_size(db: Database, group_id: int) -> int:
    return int(db.execute("SELECT count(*) FROM group_members WHERE group_id = ?",
                          [group_id]).fetchone()[0])
