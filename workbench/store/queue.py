"""The review queue: which groups to show, in what order, a page at a time.

The queue must stay quick with 100,000 claims, so it is read in two steps.
`ordered_ids` runs one aggregate query that returns only group ids (unreviewed
first, then most check-worthy, then largest); `rows` fetches the display
columns for the handful of ids on screen. The UI keeps the id list and asks
for rows page by page as the reviewer scrolls. `members` feeds the group
detail view. Rows become the dataclasses below here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from workbench.models import LABELS, Label, Stance

STATUSES = ("all", "unreviewed", "reviewed", *LABELS)


@dataclass(frozen=True)
class QueueFilter:
    """What the reviewer narrowed the queue to; empty fields match everything."""

    status: str = "all"
    outlet: str | None = None
    speaker: str | None = None
    language: str | None = None
    text: str | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r} (use one of {', '.join(STATUSES)})")

    @property
    def active(self) -> bool:
        return self != QueueFilter()


@dataclass(frozen=True)
class QueueRow:
    """One group as a line of the queue."""

    group_id: int
    representative: str
    size: int
    article_count: int
    languages: tuple[str, ...]
    checkworthiness: float
    label: Label | None
    reviewer: str | None
    claim_verdicts: int  # members carrying their own claim-level verdict


@dataclass(frozen=True)
class MemberRow:
    """One claim of a group, with where it was published, for the detail view."""

    claim_id: int
    article_id: int
    text: str
    speaker: str | None
    stance: Stance
    start: int
    end: int
    checkworthiness: float
    outlet: str | None
    published: str | None
    language: str
    title: str
    label: Label | None  # the claim's own verdict, if it has one


@dataclass(frozen=True)
class Facets:
    """Values the filter dialog offers."""

    outlets: tuple[str, ...]
    languages: tuple[str, ...]
    speakers: tuple[str, ...]


# The queue orders a group by its representative's check-worthiness: the
# claim the reviewer reads first (`refresh_groups` picks a complete,
# self-standing assertion, preferring check-worthy ones). This keeps the order
# query to one pass over claim_groups plus index lookups.
_ORDER_SQL = """
SELECT g.id,
       (SELECT count(*) FROM group_members m WHERE m.group_id = g.id) AS size
FROM claim_groups g
LEFT JOIN claims rc ON rc.id = g.representative_claim_id
LEFT JOIN verdicts v ON v.group_id = g.id
WHERE g.merged_into IS NULL AND size > 0 {where}
ORDER BY v.id IS NOT NULL, coalesce(rc.checkworthiness, 0) DESC, size DESC, g.id
"""


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(flt: QueueFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if flt.status == "unreviewed":
        clauses.append("v.id IS NULL")
    elif flt.status == "reviewed":
        clauses.append("v.id IS NOT NULL")
    elif flt.status != "all":
        clauses.append("v.label = ?")
        params.append(flt.status)
    member: list[str] = []
    if flt.outlet:
        member.append("a.outlet = ?")
        params.append(flt.outlet)
    if flt.language:
        member.append("a.language = ?")
        params.append(flt.language)
    if flt.speaker:
        member.append("c.speaker = ?")
        params.append(flt.speaker)
    if flt.text and flt.text.strip():
        member.append("(c.text LIKE ? ESCAPE '\\' OR c.speaker LIKE ? ESCAPE '\\')")
        params += [_like(flt.text.strip())] * 2
    if member:
        join_articles = "JOIN articles a ON a.id = c.article_id" if (
            flt.outlet or flt.language) else ""
        clauses.append(
            f"""g.id IN (SELECT m2.group_id FROM claims c
                JOIN group_members m2 ON m2.claim_id = c.id {join_articles}
                WHERE {' AND '.join(member)})"""
        )
    return "".join(f" AND {c}" for c in clauses), params


def ordered_ids(db: Database, flt: QueueFilter | None = None) -> list[int]:
    """Ids of the live, non-empty groups matching `flt`, in queue order."""
    where, params = _where(flt or QueueFilter())
    return [int(r[0]) for r in db.execute(_ORDER_SQL.format(where=where), params).fetchall()]


_ROWS_SQL = """
SELECT g.id, coalesce(rc.content, ''), count(m.claim_id), count(DISTINCT c.article_id),
       group_concat(DISTINCT a.language), coalesce(max(c.checkworthiness), 0),
       v.label, v.reviewer,
       (SELECT count(*) FROM verdicts cv JOIN group_members cm ON cm.claim_id = cv.claim_id
        WHERE cm.group_id = g.id)
FROM claim_groups g
LEFT JOIN group_members m ON m.group_id = g.id
LEFT JOIN claims c ON c.id = m.claim_id
LEFT JOIN articles a ON a.id = c.article_id
LEFT JOIN claims rc ON rc.id = g.representative_claim_id
LEFT JOIN verdicts v ON v.group_id = g.id
WHERE g.id IN ({marks})
GROUP BY g.id
"""


def rows(db: Database, group_ids: Sequence[int]) -> list[QueueRow]:
    """Display rows for `group_ids`, in the order given (unknown ids are skipped)."""
    if not group_ids:
        return []
    found: dict[int, QueueRow] = {}
    for start in range(0, len(group_ids), 500):
        chunk = list(group_ids[start : start + 500])
        sql = _ROWS_SQL.format(marks=",".join("?" * len(chunk)))
        for r in db.execute(sql, chunk).fetchall():
            found[int(r[0])] = QueueRow(
                group_id=int(r[0]), representative=r[1], size=int(r[2]),
                article_count=int(r[3]),
                languages=tuple(sorted(set((r[4] or "").split(",")) - {""})),
                checkworthiness=float(r[5]), label=r[6], reviewer=r[7],
                claim_verdicts=int(r[8]),
            )
    return [found[g] for g in group_ids if g in found]


def progress(db: Database) -> tuple[int, int]:
    """(groups with a group verdict, all live non-empty groups)."""
    row = db.execute(
        """SELECT count(*), count(v.id) FROM claim_groups g
           LEFT JOIN verdicts v ON v.group_id = g.id
           WHERE g.merged_into IS NULL
             AND EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id)"""
    ).fetchone()
    return int(row[1]), int(row[0])


def members(db: Database, group_id: int) -> list[MemberRow]:
    """The group's claims, earliest publication first."""
    result = db.execute(
        """SELECT c.id, c.article_id, c.text, c.speaker, c.stance, c.span_start, c.span_end,
                  c.checkworthiness, a.outlet, a.published, a.language, a.title, v.label
           FROM group_members m JOIN claims c ON c.id = m.claim_id
           JOIN articles a ON a.id = c.article_id
           LEFT JOIN verdicts v ON v.claim_id = c.id
           WHERE m.group_id = ?
           ORDER BY a.published IS NULL, a.published, c.article_id, c.span_start""",
        [group_id],
    ).fetchall()
    return [MemberRow(*r) for r in result]


def article_body(db: Database, article_id: int) -> str | None:
    row = db.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()
    return str(row[0]) if row else None


def group_state(db: Database, group_id: int) -> tuple[bool, int | None]:
    """(exists, merged_into) for a group, so the UI can follow a merge."""
    row = db.execute("SELECT merged_into FROM claim_groups WHERE id = ?", [group_id]).fetchone()
    if row is None:
        return False, None
    return True, (int(row[0]) if row[0] is not None else None)


def facets(db: Database, speaker_limit: int = 200) -> Facets:
    """Outlets, languages and the most frequent speakers, for the filter dialog."""
    outlets = [r[0] for r in db.execute(
        "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet")]
    languages = [r[0] for r in db.execute(
        "SELECT DISTINCT language FROM articles ORDER BY language")]
    speakers = [r[0] for r in db.execute(
        """SELECT c.speaker FROM claims c JOIN group_members m ON m.claim_id = c.id
           WHERE c.speaker IS NOT NULL GROUP BY c.speaker ORDER BY count(*) DESC, c.speaker
           LIMIT ?""", [speaker_limit])]
    return Facets(tuple(outlets), tuple(languages), tuple(speakers))


def data_version(db: Database) -> int:
    """Changes whenever another connection commits to the file (cheap to poll)."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])
