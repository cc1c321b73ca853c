"""SQL for `workbench export` (the writes of `workbench import` are in import_rows.py).

Export reads live, non-empty groups a batch at a time by keyset (`id > last`),
so memory stays flat however large the database grows; verdict history, which
has no index by target, is read in one pass sorted by group and merged with
the group stream (`HistoryReader`) instead of being scanned once per batch.

`HistoryRow` is shared with the importer, which writes history back.

A verdict row with no label holds evidence only (a note, links): it is
exported as it is, but every filter treats its group as unreviewed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from workbench.models import Article, Claim, EvidenceLink, Verdict
from workbench.store.since_verdict import EFFECTIVE


@dataclass(frozen=True)
class GroupFilter:
    """Which groups an export holds. `since` is an ISO date or timestamp."""

    labels: tuple[str, ...] = ()
    since: str | None = None
    reviewed_only: bool = False
    judged_only: bool = False  # a group-level verdict row is required (ClaimReview)


@dataclass(frozen=True)
class GroupRow:
    id: int
    representative_claim_id: int | None
    representative: str
    model: str
    method: str
    created_at: str
    published_text: str | None = None  # the text a reviewer chose to publish it under


@dataclass(frozen=True)
class MemberRow:
    group_id: int
    claim: Claim
    assigned_by: str
    similarity: float | None
    new_since_verdict: bool = False  # joined after the group's verdict, not confirmed


@dataclass(frozen=True)
class HistoryRow:
    id: int
    group_id: int | None
    claim_id: int | None
    action: str
    reverts: int | None
    label: str | None
    note: str | None
    links: str
    prev_label: str | None
    prev_note: str | None
    prev_links: str
    reviewer: str
    at: str


# Labelled verdicts only: evidence gathered before a decision reviews nothing.
_GROUP_VERDICT = ("EXISTS (SELECT 1 FROM verdicts v WHERE v.group_id = g.id "
                  "AND v.label IS NOT NULL{extra})")
_CLAIM_VERDICT = """EXISTS (SELECT 1 FROM group_members m2
    JOIN verdicts cv ON cv.claim_id = m2.claim_id WHERE m2.group_id = g.id
    AND cv.label IS NOT NULL{extra})"""


def _condition(flt: GroupFilter) -> tuple[str, list[Any]]:
    """The filter as SQL over `claim_groups g`."""
    parts = ["g.merged_into IS NULL",
             "EXISTS (SELECT 1 FROM group_members m0 WHERE m0.group_id = g.id)"]
    params: list[Any] = []
    if flt.labels:
        parts.append("EXISTS (SELECT 1 FROM verdicts v WHERE v.group_id = g.id "
                     f"AND v.label IN ({','.join('?' * len(flt.labels))}))")
        params.extend(flt.labels)
    if flt.judged_only:
        parts.append("EXISTS (SELECT 1 FROM verdicts v WHERE v.group_id = g.id)")
    if flt.reviewed_only:
        parts.append(f"({_GROUP_VERDICT.format(extra='')} OR {_CLAIM_VERDICT.format(extra='')})")
    if flt.since is not None:
        parts.append("(" + _GROUP_VERDICT.format(
            extra=" AND julianday(v.decided_at) >= julianday(?)") + " OR "
            + _CLAIM_VERDICT.format(extra=" AND julianday(cv.decided_at) >= julianday(?)")
            + ")")
        params.extend([flt.since, flt.since])
    return " AND ".join(parts), params


def group_batches(db: Database, flt: GroupFilter, batch: int = 1000) -> Iterator[list[GroupRow]]:
    """Exported groups in id order, `batch` at a time."""
    where, params = _condition(flt)
    last = 0
    while True:
        rows = db.execute(
            f"""SELECT g.id, g.representative_claim_id, coalesce(rc.text, ''), g.model, g.method,
                       g.created_at, g.published_text
                FROM claim_groups g LEFT JOIN claims rc ON rc.id = g.representative_claim_id
                WHERE g.id > ? AND {where} ORDER BY g.id LIMIT ?""",
            [last, *params, batch],
        ).fetchall()
        if not rows:
            return
        yield [GroupRow(*row) for row in rows]
        last = rows[-1][0]


_ARTICLE = """a.id, a.title, {body}, a.language, a.sha256, a.outlet, a.published, a.author,
    a.dateline, a.wire, a.url, a.path, a.ingested_at"""
_WITH_BODY = _ARTICLE.format(body="a.body")
_WITHOUT_BODY = _ARTICLE.format(body="''")


def iter_articles(db: Database, flt: GroupFilter, batch: int = 500) -> Iterator[Article]:
    """Every article (with its body) that carries a claim of an exported group."""
    where, params = _condition(flt)
    last = 0
    while True:
        rows = db.execute(
            f"""SELECT {_WITH_BODY} FROM articles a WHERE a.id > ? AND EXISTS (
                    SELECT 1 FROM claims c JOIN group_members m ON m.claim_id = c.id
                    JOIN claim_groups g ON g.id = m.group_id WHERE c.article_id = a.id AND {where})
                ORDER BY a.id LIMIT ?""",
            [last, *params, batch],
        ).fetchall()
        if not rows:
            return
        yield from (Article(*row) for row in rows)
        last = rows[-1][0]


def articles_by_id(db: Database, ids: Sequence[int]) -> dict[int, Article]:
    """Articles without their bodies (claims name their article)."""
    if not ids:
        return {}
    rows = db.execute(
        f"SELECT {_WITHOUT_BODY} FROM articles a "
        f"WHERE a.id IN ({','.join('?' * len(ids))})", list(ids)).fetchall()
    return {int(row[0]): Article(*row) for row in rows}



def members(db: Database, group_ids: Sequence[int]) -> list[MemberRow]:
    """The claims of these groups, by group then claim id."""
    rows = db.execute(
        f"""SELECT m.group_id, m.assigned_by, m.similarity, c.id, c.article_id, c.text, c.content,
                   c.speaker, c.stance, c.quote, c.span_start, c.span_end, c.checkworthiness,
                   a.language, (SELECT s.canonical FROM speakers s WHERE s.name = c.speaker),
                   {EFFECTIVE}
            FROM group_members m JOIN claims c ON c.id = m.claim_id
            JOIN articles a ON a.id = c.article_id
            WHERE m.group_id IN ({','.join('?' * len(group_ids))}) ORDER BY m.group_id, c.id""",
        list(group_ids),
    ).fetchall()
    return [MemberRow(int(r[0]), Claim(r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]), r[10],
                                       r[11], r[12], r[13], r[14]), r[1], r[2], bool(r[15]))
            for r in rows]


def verdicts_for(db: Database, group_ids: Sequence[int]) -> tuple[dict[int, Verdict],
                                                                   dict[int, Verdict]]:
    """(group id -> group verdict, claim id -> claim override) for these groups."""
    marks = ",".join("?" * len(group_ids))
    rows = db.execute(
        f"""SELECT v.id, v.group_id, v.claim_id, v.label, v.reviewer, v.decided_at, v.note
            FROM verdicts v WHERE v.group_id IN ({marks})
            UNION ALL
            SELECT v.id, v.group_id, v.claim_id, v.label, v.reviewer, v.decided_at, v.note
            FROM group_members m JOIN verdicts v ON v.claim_id = m.claim_id
            WHERE m.group_id IN ({marks})""",
        [*group_ids, *group_ids],
    ).fetchall()
    links = _links(db, [int(r[0]) for r in rows])
    by_group: dict[int, Verdict] = {}
    by_claim: dict[int, Verdict] = {}
    for vid, gid, cid, label, reviewer, decided_at, note in rows:
        verdict = Verdict(label, reviewer, decided_at, note, links.get(int(vid), ()), gid, cid)
        if gid is not None:
            by_group[int(gid)] = verdict
        else:
            by_claim[int(cid)] = verdict
    return by_group, by_claim


def _links(db: Database, verdict_ids: Sequence[int]) -> dict[int, tuple[EvidenceLink, ...]]:
    out: dict[int, list[EvidenceLink]] = {}
    for start in range(0, len(verdict_ids), 5000):
        chunk = verdict_ids[start:start + 5000]
        rows = db.execute(
            f"SELECT verdict_id, url, title FROM evidence_links "
            f"WHERE verdict_id IN ({','.join('?' * len(chunk))}) ORDER BY verdict_id, id",
            list(chunk)).fetchall()
        for vid, url, title in rows:
            out.setdefault(int(vid), []).append(EvidenceLink(url, title))
    return {vid: tuple(v) for vid, v in out.items()}


class HistoryReader:
    """Verdict history in (group, id) order, handed out group by group.

    Group-level rows belong to their group; claim-level rows to the group the
    claim is in now. Callers must ask for groups in ascending id order.
    """

    def __init__(self, db: Database) -> None:
        self._cursor = db.execute(
            """SELECT CASE WHEN h.claim_id IS NULL THEN h.group_id ELSE m.group_id END AS gid,
                      h.id, h.group_id, h.claim_id, h.action, h.reverts, h.label, h.note,
                      h.links, h.prev_label, h.prev_note, h.prev_links, h.reviewer, h.at
               FROM verdict_history h LEFT JOIN group_members m ON m.claim_id = h.claim_id
               WHERE gid IS NOT NULL ORDER BY gid, h.id""")
        self._pending: tuple[Any, ...] | None = self._cursor.fetchone()

    def take(self, group_id: int) -> list[HistoryRow]:
        rows: list[HistoryRow] = []
        while self._pending is not None and self._pending[0] <= group_id:
            if self._pending[0] == group_id:
                rows.append(HistoryRow(*self._pending[1:]))
            self._pending = self._cursor.fetchone()
        return rows

    def close(self) -> None:
        self._cursor.close()
