"""Claim groups: membership, summaries, reviewer overrides.

Group identity rules (they protect verdicts): a group id is never reused or
renumbered; a grouping run only adds claims to groups or creates groups; a
reviewer's merge keeps the absorbed group's row with `merged_into` set; a
claim placed by a reviewer (assigned_by = 'reviewer') is never moved by a run.
A reviewer's merge, split and move each write one `corrections` row with
the facts before and after (store/corrections.py), which is what undoes them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from math import isfinite
from typing import Any

from sqlite_utils import Database

from workbench.models import GroupSummary, SpeakerStance
from workbench.store import corrections
from workbench.store.answers import answers_of
from workbench.store.articles import now
from workbench.store.connection import write_transaction


class GroupError(ValueError):
    """A group operation that cannot be done; the message is fit for a user."""


def live_group_id(db: Database, group_id: int) -> int:
    """The group's id, or raise GroupError if it does not exist or was merged away."""
    row = db.execute("SELECT merged_into FROM claim_groups WHERE id = ?", [group_id]).fetchone()
    if row is None:
        raise GroupError(f"no group with id {group_id}")
    if row[0] is not None:
        raise GroupError(f"group {group_id} was merged into group {row[0]}")
    return group_id


def memberships(db: Database) -> dict[int, tuple[int, bool]]:
    """claim id -> (group id, placed by a reviewer)."""
    rows = db.execute("SELECT claim_id, group_id, assigned_by FROM group_members").fetchall()
    return {int(c): (int(g), by == "reviewer") for c, g, by in rows}


def neighbourhoods(db: Database) -> dict[int, tuple[float, float]]:
    """claim id -> (density, reach) stored for it (grouped claims that have both)."""
    rows = db.execute("SELECT claim_id, density, reach FROM group_members "
                      "WHERE density IS NOT NULL AND reach IS NOT NULL").fetchall()
    return {int(c): (float(d), float(r)) for c, d, r in rows}


def set_neighbourhoods(db: Database, rows: Iterable[tuple[int, float, float]]) -> None:
    """Store grouped claims' (claim id, density, reach), as grouping/cluster.py
    found them; a NaN or infinite value is stored as unknown (NULL), which
    makes the next run search that claim again."""
    db.conn.executemany(
        "UPDATE group_members SET density = ?, reach = ? WHERE claim_id = ?",
        [(d if isfinite(d) else None, r if isfinite(r) else None, c) for c, d, r in rows],
    )


def judged_claims(db: Database) -> set[int]:
    """Claims that carry a labelled verdict, their own or their group's (evidence
    gathered before a decision judges nothing)."""
    rows = db.execute(
        """SELECT claim_id FROM verdicts WHERE claim_id IS NOT NULL AND label IS NOT NULL
           UNION SELECT m.claim_id FROM group_members m JOIN verdicts v ON v.group_id = m.group_id
           WHERE v.label IS NOT NULL"""
    ).fetchall()
    return {int(r[0]) for r in rows}


def closed_groups(db: Database) -> set[int]:
    """Groups a reviewer made by splitting a claim out: the model adds nothing
    to them, or a later run would undo the split by re-attaching the claim's
    former group-mates. A reviewer's merge into such a group opens it again."""
    rows = db.execute(
        """SELECT s.group_id FROM group_overrides s WHERE s.kind = 'split'
           AND NOT EXISTS (SELECT 1 FROM group_overrides m WHERE m.kind = 'merge'
                           AND m.id > s.id AND s.group_id IN (m.group_id, m.other_group_id))"""
    ).fetchall()
    return {int(r[0]) for r in rows}


def create_group(db: Database, *, model: str, method: dict[str, Any]) -> int:
    stamp = now()
    cursor = db.execute(
        "INSERT INTO claim_groups (model, method, created_at, updated_at) VALUES (?, ?, ?, ?)",
        [model, _method_json(method), stamp, stamp],
    )
    return int(cursor.lastrowid or 0)


def restamp(db: Database, group_id: int, *, model: str, method: dict[str, Any]) -> None:
    """Record that a rebuild re-formed this group with `model` and `method`."""
    db.execute("UPDATE claim_groups SET model = ?, method = ?, updated_at = ? WHERE id = ?",
               [model, _method_json(method), now(), group_id])


def _method_json(method: dict[str, Any]) -> str:
    """Strict JSON: a NaN or infinite parameter would make every export unreadable."""
    try:
        return json.dumps(method, sort_keys=True, allow_nan=False)
    except ValueError:
        raise GroupError("a grouping parameter is not a finite number") from None


def assign(db: Database, rows: Iterable[tuple[int, int, float | None]], *, by: str = "model") -> None:
    """Place claims (claim id, group id, similarity) in groups."""
    stamp = now()
    db.conn.executemany(
        """INSERT INTO group_members (claim_id, group_id, assigned_by, similarity, assigned_at)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(claim_id) DO UPDATE SET group_id = excluded.group_id,
               assigned_by = excluded.assigned_by, similarity = excluded.similarity,
               assigned_at = excluded.assigned_at, new_since_verdict = 0""",
        # A NaN or infinite similarity is stored as unknown (NULL): strict JSON
        # out has no spelling for it.
        [(c, g, by, s if s is None or isfinite(s) else None, stamp) for c, g, s in rows],
    )


def release(db: Database, claim_ids: Sequence[int]) -> None:
    """Take model-placed claims out of their groups (for a rebuild)."""
    db.conn.executemany(
        "DELETE FROM group_members WHERE claim_id = ? AND assigned_by = 'model'",
        [(c,) for c in claim_ids],
    )


def refresh_groups(db: Database, group_ids: Iterable[int] | None = None) -> None:
    """Recompute each group's representative (grouping/representative.py: a
    complete, self-standing assertion in the language most members share)
    and drop groups left empty that carry no verdict and that no override or
    correction names."""
    ids: list[int] | None = None
    if group_ids is not None:
        ids = sorted(set(group_ids))
        if not ids:
            return
    chosen = representatives(db, ids)
    stamp = now()
    db.conn.executemany(
        "UPDATE claim_groups SET representative_claim_id = ?, updated_at = ? WHERE id = ?",
        [(claim_id, stamp, gid) for gid, (claim_id, _) in chosen.items()])
    # A group left without members (merged away, emptied by a split) stands for nothing.
    db.execute("""UPDATE claim_groups SET representative_claim_id = NULL, updated_at = ?
                  WHERE representative_claim_id IS NOT NULL
                  AND id NOT IN (SELECT group_id FROM group_members)""", [stamp])
    db.execute(
        """DELETE FROM claim_groups WHERE merged_into IS NULL
           AND id NOT IN (SELECT group_id FROM group_members)
           AND id NOT IN (SELECT group_id FROM verdicts WHERE group_id IS NOT NULL)
           AND id NOT IN (SELECT group_id FROM group_overrides)
           AND id NOT IN (SELECT other_group_id FROM group_overrides WHERE other_group_id IS NOT NULL)
           AND id NOT IN (SELECT merged_into FROM claim_groups WHERE merged_into IS NOT NULL)
           -- a group a correction names: undo or redo may put claims back in it
           AND id NOT IN (SELECT j.value FROM corrections c, json_each(c.before, '$.groups') j)
           AND id NOT IN (SELECT j.value FROM corrections c, json_each(c.after, '$.groups') j)"""
    )


def representatives(db: Database, group_ids: Sequence[int] | None = None,
                    lang: str | None = None) -> dict[int, tuple[int, str]]:
    """group id -> (claim id, content) of the member that stands for it, read
    in `lang` where the group has a member in it (every group with members
    when `group_ids` is None)."""
    from workbench.grouping.representative import Candidate, choose_representative

    sql = """SELECT m.group_id, c.id, c.content, c.stance, c.checkworthiness, a.language
             FROM group_members m JOIN claims c ON c.id = m.claim_id
             JOIN articles a ON a.id = c.article_id {where} ORDER BY m.group_id"""
    chunks: list[list[int] | None] = [None]
    if group_ids is not None:
        unique = sorted(set(group_ids))
        chunks = [unique[i : i + 500] for i in range(0, len(unique), 500)]
    out: dict[int, tuple[int, str]] = {}
    for chunk in chunks:
        where = "" if chunk is None else f"WHERE m.group_id IN ({','.join('?' * len(chunk))})"
        members: dict[int, list[Candidate]] = {}
        for gid, cid, content, stance, worth, language in db.execute(
                sql.format(where=where), chunk or []).fetchall():
            members.setdefault(int(gid), []).append(
                Candidate(int(cid), str(content), str(stance), float(worth or 0.0), str(language)))
        for gid, found in members.items():
            best = choose_representative(found, lang)
            if best is not None:
                out[gid] = (best.claim_id, best.content)
    return out


def merge(db: Database, keep: int, other: int, reviewer: str) -> int:
    """Move every claim of `other` into `keep`; returns the group that remains."""
    return merge_groups(db, [keep, other], reviewer)


def merge_groups(db: Database, group_ids: Sequence[int], reviewer: str) -> int:
    """Merge the groups into one, as one audited correction; returns its id.

    The first group's id stays unless only a later one is judged (a verdict
    row): then that one's id stays, so its verdict stays where it was.
    Claims of every group become reviewer-placed; the others are kept with
    `merged_into` set. The `corrections` row holds every fact before and after,
    so the whole merge is undone (and redone) in one step.
    """
    ids = list(dict.fromkeys(group_ids))
    if len(ids) < 2:
        raise GroupError("cannot merge a group with itself" if len(group_ids) > 1
                         else "choose at least two groups to merge")
    with write_transaction(db):
        for gid in ids:
            live_group_id(db, gid)
        plan: list[tuple[int, int]] = []
        keep = ids[0]
        for other in ids[1:]:
            if _has_verdict(db, other) and not _has_verdict(db, keep):
                keep, other = other, keep
            plan.append((keep, other))
        marks = ",".join("?" * len(ids))
        claims = [int(r[0]) for r in db.execute(
            f"SELECT claim_id FROM group_members WHERE group_id IN ({marks})", ids)]
        pointing = [int(r[0]) for r in db.execute(
            f"SELECT id FROM claim_groups WHERE merged_into IN ({marks})", ids)]
        shape = corrections.template(members=claims, merged=[*ids, *pointing],
                                     overrides=[("merge", k, o, None) for k, o in plan])
        before = corrections.capture(db, shape)
        for k, o in plan:
            _merge_pair(db, k, o, reviewer)
        corrections.append(db, "merge", group_id=keep, claim_id=None, before=before,
                           after=corrections.capture(db, shape), reviewer=reviewer)
        refresh_groups(db, [keep])
    return keep


def _has_verdict(db: Database, group_id: int) -> bool:
    return db.execute("SELECT 1 FROM verdicts WHERE group_id = ?", [group_id]).fetchone() is not None


def _merge_pair(db: Database, keep: int, other: int, reviewer: str) -> None:
    # The claims coming in were not judged under `keep`'s verdict: they are
    # new since it until a reviewer confirms them (store/since_verdict.py).
    db.execute(
        """UPDATE group_members SET new_since_verdict = 1 WHERE group_id = ?
           AND EXISTS (SELECT 1 FROM verdicts WHERE group_id = ? AND label IS NOT NULL)""",
        [other, keep])
    db.execute(
        """UPDATE group_members SET group_id = ?, assigned_by = 'reviewer', assigned_at = ?
           WHERE group_id IN (?, ?)""",
        [keep, now(), keep, other],
    )
    db.execute("UPDATE claim_groups SET merged_into = ?, updated_at = ? WHERE id = ?",
               [keep, now(), other])
    db.execute("UPDATE claim_groups SET merged_into = ? WHERE merged_into = ?", [keep, other])
    db.execute(
        """INSERT INTO group_overrides (kind, group_id, other_group_id, reviewer, created_at)
           VALUES ('merge', ?, ?, ?, ?)""",
        [keep, other, reviewer, now()],
    )


def split(db: Database, claim_id: int, reviewer: str) -> int:
    """Move one claim out of its group into a new group of its own (audited)."""
    with write_transaction(db):
        row = db.execute(
            """SELECT m.group_id, g.model, g.method FROM group_members m
               JOIN claim_groups g ON g.id = m.group_id WHERE m.claim_id = ?""",
            [claim_id],
        ).fetchone()
        if row is None:
            raise GroupError(_no_group(db, claim_id))
        old, model, method = int(row[0]), row[1], json.loads(row[2])
        size = db.execute("SELECT count(*) FROM group_members WHERE group_id = ?", [old]).fetchone()[0]
        if size == 1:
            raise GroupError(f"claim {claim_id} is already alone in group {old}")
        new = create_group(db, model=model, method={**method, "split_from": old})
        shape = corrections.template(members=[claim_id], merged=[old, new],
                                     overrides=[("split", new, old, claim_id)])
        before = corrections.capture(db, shape)
        assign(db, [(claim_id, new, None)], by="reviewer")
        db.execute(
            """INSERT INTO group_overrides (kind, group_id, other_group_id, claim_id, reviewer,
                   created_at) VALUES ('split', ?, ?, ?, ?, ?)""",
            [new, old, claim_id, reviewer, now()],
        )
        corrections.append(db, "split", group_id=new, claim_id=claim_id, before=before,
                           after=corrections.capture(db, shape), reviewer=reviewer)
        refresh_groups(db, [old, new])
    return new


def move(db: Database, claim_id: int, group_id: int, reviewer: str) -> int:
    """Move one claim into another live group (audited); returns the group it left.

    The claim becomes reviewer-placed, so no grouping run moves it back, and
    new since the target's verdict when that verdict has a label. A source
    group left empty keeps its row (the corrections log names it) so that
    undo can put the claim back; the queue shows no empty group.
    """
    with write_transaction(db):
        source = group_of_claim(db, claim_id)
        if source is None:
            raise GroupError(_no_group(db, claim_id))
        live_group_id(db, group_id)
        if source == group_id:
            raise GroupError(f"claim {claim_id} is already in group {group_id}")
        shape = corrections.template(members=[claim_id], merged=[source, group_id])
        before = corrections.capture(db, shape)
        new_since = 1 if corrections.labelled_verdict(db, group_id) else 0
        db.execute(
            """UPDATE group_members SET group_id = ?, assigned_by = 'reviewer', similarity = NULL,
                   new_since_verdict = ?, assigned_at = ? WHERE claim_id = ?""",
            [group_id, new_since, now(), claim_id])
        corrections.append(db, "move", group_id=group_id, claim_id=claim_id, before=before,
                           after=corrections.capture(db, shape), reviewer=reviewer)
        refresh_groups(db, [source, group_id])
    return source


def _no_group(db: Database, claim_id: int) -> str:
    if db.execute("SELECT 1 FROM claims WHERE id = ?", [claim_id]).fetchone() is None:
        return f"no claim with id {claim_id}"
    return f"claim {claim_id} is not in any group (run `workbench group` first)"


_SUMMARY_SQL = """
SELECT g.id, g.representative_claim_id, coalesce(rc.content, ''), g.model, g.merged_into,
       count(m.claim_id), count(DISTINCT c.article_id),
       group_concat(DISTINCT a.language), coalesce(max(c.checkworthiness), 0),
       group_concat(m.claim_id), g.published_text
FROM claim_groups g
LEFT JOIN group_members m ON m.group_id = g.id
LEFT JOIN claims c ON c.id = m.claim_id
LEFT JOIN articles a ON a.id = c.article_id
LEFT JOIN claims rc ON rc.id = g.representative_claim_id
{where}
GROUP BY g.id
{order}
"""
ORDER_LARGEST = "ORDER BY count(m.claim_id) DESC, max(c.checkworthiness) DESC, g.id"


def summaries(db: Database, group_ids: Sequence[int] | None = None,
              lang: str | None = None) -> list[GroupSummary]:
    """Live groups, largest and most check-worthy first (or the given ids, in
    that order), with the groups that answer them; `lang` picks each group's
    representative among its members in that language where it has any."""
    if group_ids is not None:
        if not group_ids:
            return []
        where = f"WHERE g.id IN ({','.join('?' * len(group_ids))})"
        rows = db.execute(_SUMMARY_SQL.format(where=where, order=""), list(group_ids)).fetchall()
    else:
        rows = db.execute(
            _SUMMARY_SQL.format(where="WHERE g.merged_into IS NULL", order=ORDER_LARGEST)
        ).fetchall()
    speakers = _speakers(db, [int(r[0]) for r in rows])
    answers = answers_of(db, [int(r[0]) for r in rows])
    chosen = representatives(db, [int(r[0]) for r in rows], lang) if lang else {}
    result = [
        GroupSummary(
            id=int(r[0]), representative_claim_id=r[1], representative=r[2], model=r[3],
            merged_into=r[4], size=int(r[5]), article_count=int(r[6]),
            languages=tuple(sorted((r[7] or "").split(","))) if r[7] else (),
            checkworthiness=float(r[8]),
            claim_ids=tuple(sorted(int(x) for x in (r[9] or "").split(",") if x)),
            speakers=speakers.get(int(r[0]), ()),
            answers=answers[int(r[0])][0], answers_to=answers[int(r[0])][1],
            published_text=r[10],
        )
        for r in rows
    ]
    if chosen:
        result = [replace(s, representative_claim_id=chosen[s.id][0],
                          representative=chosen[s.id][1]) if s.id in chosen else s
                  for s in result]
    if group_ids is not None:
        position = {gid: i for i, gid in enumerate(group_ids)}
        result.sort(key=lambda s: position[s.id])
    return result


def _speakers(db: Database, group_ids: list[int]) -> dict[int, tuple[SpeakerStance, ...]]:
    out: dict[int, list[SpeakerStance]] = {}
    for start in range(0, len(group_ids), 500):
        chunk = group_ids[start : start + 500]
        rows = db.execute(
            f"""SELECT m.group_id, COALESCE(s.canonical, c.speaker) AS who, c.stance, count(*)
                FROM group_members m
                JOIN claims c ON c.id = m.claim_id
                LEFT JOIN speakers s ON s.name = c.speaker
                WHERE m.group_id IN ({','.join('?' * len(chunk))}) AND c.speaker IS NOT NULL
                GROUP BY m.group_id, who, c.stance ORDER BY m.group_id, count(*) DESC""",
            chunk,
        ).fetchall()
        for gid, speaker, stance, n in rows:
            out.setdefault(int(gid), []).append(SpeakerStance(speaker, stance, int(n)))
    return {gid: tuple(v) for gid, v in out.items()}


def group_of_claim(db: Database, claim_id: int) -> int | None:
    row = db.execute("SELECT group_id FROM group_members WHERE claim_id = ?", [claim_id]).fetchone()
    return int(row[0]) if row else None


def methods_in_use(db: Database) -> set[tuple[str, str]]:
    """(model, method JSON) pairs of the live groups, to tell when a run's
    settings differ from those that formed the existing groups."""
    rows = db.execute("SELECT DISTINCT model, method FROM claim_groups WHERE merged_into IS NULL").fetchall()
    return {(str(m), str(j)) for m, j in rows}


def count_groups(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM claim_groups WHERE merged_into IS NULL").fetchone()[0])
