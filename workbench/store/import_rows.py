"""SQL for `workbench import`: matching incoming records and writing them.

Everything here runs inside the importer's one write transaction. Ids of
claims, groups and history rows are kept from the file when the local
database has never used them, so an export imported into an empty database
exports again unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlite_utils import Database

from workbench.models import Verdict
from workbench.store import verdicts as verdicts_store
from workbench.store.exchange import HistoryRow

Target = tuple[str, int]  # ("group", id) or ("claim", id)


def article_ref(db: Database, sha256: str) -> tuple[int, int] | None:
    """(article id, body length) of a stored article."""
    row = db.execute("SELECT id, length(body) FROM articles WHERE sha256 = ?",
                     [sha256]).fetchone()
    return (int(row[0]), int(row[1])) if row else None


def claim_at(db: Database, article_id: int, span_start: int) -> int | None:
    row = db.execute("SELECT id FROM claims WHERE article_id = ? AND span_start = ?",
                     [article_id, span_start]).fetchone()
    return int(row[0]) if row else None


def claims_with_text(db: Database, article_id: int, text: str) -> list[int]:
    rows = db.execute("SELECT id FROM claims WHERE article_id = ? AND text = ? ORDER BY id",
                      [article_id, text]).fetchall()
    return [int(r[0]) for r in rows]


def references(db: Database) -> tuple[set[int], set[int], set[Target]]:
    """(group ids, claim ids) that history or the override log mention, and the
    targets that have history: read once per import, as history has no index
    by target."""
    group_ids: set[int] = set()
    claim_ids: set[int] = set()
    targets: set[Target] = set()
    for gid, cid in db.execute("SELECT DISTINCT group_id, claim_id FROM verdict_history"):
        if gid is not None:
            group_ids.add(int(gid))
        if cid is not None:
            claim_ids.add(int(cid))
        targets.add(("group", int(gid)) if cid is None else ("claim", int(cid)))
    for gid, other, cid in db.execute(
            "SELECT group_id, other_group_id, claim_id FROM group_overrides"):
        group_ids.update(int(x) for x in (gid, other) if x is not None)
        claim_ids.update([int(cid)] if cid is not None else [])
    return group_ids, claim_ids, targets


def any_articles(db: Database) -> bool:
    return db.execute("SELECT EXISTS (SELECT 1 FROM articles)").fetchone()[0] == 1


def article_values(article_id: int, record: dict[str, Any], path: str | None,
                   stamp: str) -> tuple[Any, ...]:
    """`ARTICLE_SQL`'s values for an export's article record."""
    get = record.get
    return (article_id, record["sha256"], record["title"], get("outlet"), get("published"),
            get("author"), get("dateline"), get("wire"), record["language"], get("url"), path,
            record["body"], stamp)


ARTICLE_SQL = """INSERT INTO articles (id, sha256, title, outlet, published, author, dateline,
    wire, language, url, path, body, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


CLAIM_SQL = """INSERT INTO claims (id, article_id, text, content, speaker, stance, quote,
    span_start, span_end, checkworthiness) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
GROUP_SQL = """INSERT INTO claim_groups (id, representative_claim_id, model, method, created_at,
    updated_at, published_text) VALUES (?, ?, ?, ?, ?, ?, ?)"""
HISTORY_SQL = """INSERT INTO verdict_history (id, group_id, claim_id, action, reverts, label,
    note, links, prev_label, prev_note, prev_links, reviewer, at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
VERDICT_SQL = """INSERT INTO verdicts (id, group_id, claim_id, label, reviewer, note, decided_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)"""
LINK_SQL = "INSERT INTO evidence_links (verdict_id, url, title, added_at) VALUES (?, ?, ?, ?)"


MEMBER_SQL = """INSERT INTO group_members (claim_id, group_id, assigned_by, similarity,
    assigned_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(claim_id) DO UPDATE SET group_id = excluded.group_id,
        assigned_by = excluded.assigned_by, similarity = excluded.similarity,
        assigned_at = excluded.assigned_at, new_since_verdict = 0"""  # as `groups.assign`


def _from_json(sql: str) -> str:
    """`sql`'s INSERT taking its rows from one JSON array of arrays (the one
    parameter), so a whole batch is one statement: SQLite works through it
    without returning to Python, which lets another thread run meanwhile."""
    head, values = sql.split(" VALUES ")
    values, _, tail = values.partition(")")
    columns = values.count("?")
    # An upsert's SELECT needs a WHERE before ON CONFLICT (SQLite's grammar).
    return f"{head} SELECT {', '.join(f'value ->> {i}' for i in range(columns))} " \
           f"FROM json_each(?){' WHERE true' + tail if tail.strip() else ''}"


# Every new row but the articles' (few, and large) can be written from JSON.
# Numbers pass through SQLite's own decimal reading there: the REAL columns
# (claims.checkworthiness, group_members.similarity) are written so only
# when every value of the batch reads back the same (`read_back`).
CLAIM_JSON_SQL = _from_json(CLAIM_SQL)
GROUP_JSON_SQL = _from_json(GROUP_SQL)
MEMBER_JSON_SQL = _from_json(MEMBER_SQL)
HISTORY_JSON_SQL = _from_json(HISTORY_SQL)
VERDICT_JSON_SQL = _from_json(VERDICT_SQL)
LINK_JSON_SQL = _from_json(LINK_SQL)


def read_back(db: Database, array: str) -> list[Any]:
    """The values of a JSON array as SQLite's JSON functions read them."""
    return [row[0] for row in db.execute("SELECT value FROM json_each(?)", [array])]


def claim_values(claim_id: int, article_id: int, c: dict[str, Any]) -> tuple[Any, ...]:
    return (claim_id, article_id, c["text"], c["content"], c.get("speaker"), c["stance"],
            int(bool(c["quote"])), c["span_start"], c["span_end"], c["checkworthiness"])


def group_values(group_id: int, representative: int | None, model: str,
                 method: dict[str, Any], created_at: str, updated_at: str,
                 published_text: str | None = None) -> tuple[Any, ...]:
    return (group_id, representative, model, _METHOD_ENCODER.encode(method), created_at,
            updated_at, published_text)


# Built once: `json.dumps` with options builds an encoder per call.
_METHOD_ENCODER = json.JSONEncoder(sort_keys=True, allow_nan=False)


def history_values(row: HistoryRow) -> tuple[Any, ...]:
    return (row.id, row.group_id, row.claim_id, row.action, row.reverts, row.label, row.note,
            row.links, row.prev_label, row.prev_note, row.prev_links, row.reviewer, row.at)


def verdict_values(verdict_id: int, target: Target, v: Verdict) -> tuple[Any, ...]:
    group_id, claim_id = _ids(target)
    return (verdict_id, group_id, claim_id, v.label, v.reviewer, v.note, v.decided_at)


def max_id(db: Database, table: str) -> int:
    assert table in ("articles", "claims", "claim_groups", "verdict_history", "verdicts")
    return int(db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])


def ids_of(db: Database, table: str) -> set[int]:
    assert table in ("claims", "claim_groups", "verdict_history")
    return {int(row[0]) for row in db.execute(f"SELECT id FROM {table}")}


def live_groups_of(db: Database, claim_ids: Sequence[int]) -> dict[int, int]:
    """claim id -> the live group it belongs to (claims in no group are absent)."""
    if not claim_ids:
        return {}
    rows = db.execute(
        f"""SELECT m.claim_id, coalesce(g.merged_into, g.id) FROM group_members m
            JOIN claim_groups g ON g.id = m.group_id
            WHERE m.claim_id IN ({','.join('?' * len(claim_ids))})""", list(claim_ids)).fetchall()
    return {int(c): int(g) for c, g in rows}


def _target_sql(target: Target) -> tuple[str, list[Any]]:
    kind, ident = target
    return ("group_id = ? AND claim_id IS NULL", [ident]) if kind == "group" else \
        ("claim_id = ?", [ident])


def _ids(target: Target) -> tuple[int | None, int | None]:
    kind, ident = target
    return (ident, None) if kind == "group" else (None, ident)


def current_verdict(db: Database, target: Target) -> Verdict | None:
    return verdicts_store.get_verdict(db, *_ids(target))


def put_verdict(db: Database, target: Target, v: Verdict) -> None:
    """Make `v` the target's current verdict (links that stay keep their rows)."""
    group_id, claim_id = _ids(target)
    verdicts_store.put_verdict(db, replace(v, group_id=group_id, claim_id=claim_id))


def published_text(db: Database, group_id: int) -> str | None:
    row = db.execute("SELECT published_text FROM claim_groups WHERE id = ?",
                     [group_id]).fetchone()
    return row[0] if row else None


def set_published_text(db: Database, group_id: int, text: str) -> None:
    db.execute("UPDATE claim_groups SET published_text = ? WHERE id = ?", [text, group_id])


def import_recorded(db: Database, target: Target, label: str | None, note: str | None, links: str,
                    prev_label: str | None, reviewer: str) -> bool:
    """Whether an earlier import already recorded this judgment against this local label."""
    where, params = _target_sql(target)
    return db.execute(
        f"""SELECT 1 FROM verdict_history WHERE {where} AND action = 'import' AND label IS ?
            AND note IS ? AND links = ? AND prev_label IS ? AND reviewer = ? LIMIT 1""",
        [*params, label, note, links, prev_label, reviewer]).fetchone() is not None
