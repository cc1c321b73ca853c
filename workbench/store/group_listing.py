"""SQL for the plain `groups` listing: the first N groups, or all of them streamed.

`groups.summaries` builds every group's full summary (all claim ids, every
speaker, verdict records) and is right for the queue and `groups --json`.
A table on a terminal needs far less, and a database can hold 100,000
groups: here rows come from one ordered cursor, `batch` at a time, each
batch getting its speakers and verdict labels in two more queries, so the
listing's memory stays flat however many groups there are.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from workbench.store.groups import ORDER_LARGEST


@dataclass(frozen=True)
class GroupLine:
    id: int
    size: int
    article_count: int
    languages: tuple[str, ...]
    verdict: str | None
    speakers: tuple[tuple[str, str], ...]  # (speaker, stance), most claims first, at most 3
    representative: str


_LINES_SQL = f"""
SELECT g.id, count(m.claim_id), count(DISTINCT c.article_id),
       group_concat(DISTINCT a.language), coalesce(rc.content, '')
FROM claim_groups g
LEFT JOIN group_members m ON m.group_id = g.id
LEFT JOIN claims c ON c.id = m.claim_id
LEFT JOIN articles a ON a.id = c.article_id
LEFT JOIN claims rc ON rc.id = g.representative_claim_id
WHERE g.merged_into IS NULL
GROUP BY g.id
{ORDER_LARGEST}
LIMIT ?
"""


_IDS_SQL = f"""
SELECT g.id FROM claim_groups g
LEFT JOIN group_members m ON m.group_id = g.id
LEFT JOIN claims c ON c.id = m.claim_id
WHERE g.merged_into IS NULL
GROUP BY g.id
{ORDER_LARGEST}
LIMIT ?
"""


def ordered_ids(db: Database, limit: int | None = None, batch: int = 1000) -> Iterator[list[int]]:
    """Live group ids in the listing's order, `batch` at a time."""
    cursor = db.execute(_IDS_SQL, [-1 if limit is None else limit])
    try:
        while rows := cursor.fetchmany(batch):
            yield [int(r[0]) for r in rows]
    finally:
        cursor.close()


def count_live(db: Database) -> int:
    return int(db.execute(
        "SELECT count(*) FROM claim_groups WHERE merged_into IS NULL").fetchone()[0])


def iter_lines(db: Database, limit: int | None = None, batch: int = 1000) -> Iterator[GroupLine]:
    """Live groups, largest and most check-worthy first (the queue's order)."""
    cursor = db.execute(_LINES_SQL, [-1 if limit is None else limit])
    try:
        while rows := cursor.fetchmany(batch):
            ids = [int(r[0]) for r in rows]
            speakers = _speakers(db, ids)
            labels = _labels(db, ids)
            for gid, size, arts, langs, text in rows:
                yield GroupLine(int(gid), int(size), int(arts),
                                tuple(sorted(langs.split(","))) if langs else (),
                                labels.get(int(gid)), speakers.get(int(gid), ()), text)
    finally:
        cursor.close()


def _speakers(db: Database, ids: Sequence[int]) -> dict[int, tuple[tuple[str, str], ...]]:
    out: dict[int, list[tuple[str, str]]] = {}
    rows = db.execute(
        f"""SELECT m.group_id, c.speaker, c.stance, count(*) FROM group_members m
            JOIN claims c ON c.id = m.claim_id
            WHERE m.group_id IN ({','.join('?' * len(ids))}) AND c.speaker IS NOT NULL
            GROUP BY m.group_id, c.speaker, c.stance
            ORDER BY m.group_id, count(*) DESC, c.speaker""", list(ids)).fetchall()
    for gid, speaker, stance, _n in rows:
        found = out.setdefault(int(gid), [])
        if len(found) < 3:
            found.append((speaker, stance))
    return {gid: tuple(v) for gid, v in out.items()}


def _labels(db: Database, ids: Sequence[int]) -> dict[int, str]:
    rows = db.execute(
        f"SELECT group_id, label FROM verdicts WHERE group_id IN ({','.join('?' * len(ids))})",
        list(ids)).fetchall()
    return {int(gid): str(label) for gid, label in rows}
