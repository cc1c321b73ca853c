"""The review queue: which groups to show, in what order, a page at a time.

The queue must stay quick with 100,000 claims, so it is read in two steps.
`ordered_ids` runs one query that returns only group ids in the chosen order
(`SORTS`; the default puts what needs a decision first: unreviewed groups,
then contested ones, then the most check-worthy, then the largest); `rows`
fetches the display columns for the handful of ids on screen, a few batched
queries per chunk of ids. The UI keeps the id list and asks for rows page by
page as the reviewer scrolls. `members` feeds the group detail view. Rows
become the dataclasses below here and nowhere else.

A group is "reviewed" (decided) when its group verdict has a label, any of
the four; a verdict row without a label only holds evidence gathered before
the decision and leaves the group to review.

The text search compares folded forms (`textfold`: case, accents and digit
separators ignored, so "1,000" finds "1.000"), the claims' side folded inside
SQLite by `wb_fold`, which every connection registers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from workbench.models import LABELS, Label, Stance
from workbench.store.agreement import disagreeing_groups, latest_judgements
from workbench.store.textfold import SEPARATORS, fold
from workbench.store.textfold import SQL_NAME as FOLD

STATUSES = ("all", "unreviewed", "reviewed", *LABELS)
#: Queue orders: what needs a decision first; newest publication first;
#: largest first; most check-worthy representative first.
SORTS = ("priority", "date", "size", "checkworthiness")


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
    checkworthiness: float  # the representative claim's (what the order uses)
    label: Label | None
    reviewer: str | None
    claim_verdicts: int  # members carrying their own claim-level label (evidence alone is none)
    #: canonical speakers asserting the claim, most claims first
    asserting: tuple[str, ...] = ()
    #: speakers of the groups that deny or dispute this one and the group's own
    #: denying or disputing speakers, most claims first
    answering: tuple[str, ...] = ()
    #: answered by another group, or holding denials or disputes of its own
    contested: bool = False
    #: (reviewer, label) of each reviewer's latest label when they differ; else ()
    disagreement: tuple[tuple[str, str], ...] = ()
    latest: str | None = None  # latest publication date among its articles


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


# Orders. The priority order ranks a group by its representative's
# check-worthiness (the claim the reviewer reads first: `refresh_groups` picks
# a complete, self-standing assertion, preferring check-worthy ones), after
# "unreviewed" and "contested"; each test is an index lookup per group (the
# member list, group_answers by answered claim, the answering claim's group)
# plus the set of groups whose reviewers disagree (`agreement`, kept until the
# history changes), so the whole order stays one query (about 0.25 s at
# 100,000 claims, bench/queue_order.py).
_SIZE = "(SELECT count(*) FROM group_members m WHERE m.group_id = g.id)"
_OWN_ANSWERS = """EXISTS (SELECT 1 FROM group_members m JOIN claims c ON c.id = m.claim_id
                 WHERE m.group_id = g.id AND c.stance <> 'asserts')"""
_ANSWERED = """EXISTS (SELECT 1 FROM group_members mb
                 JOIN group_answers ga ON ga.answered_claim_id = mb.claim_id
                 JOIN group_members ma ON ma.claim_id = ga.claim_id
                 WHERE mb.group_id = g.id AND ma.group_id <> g.id)"""
# The groups whose reviewers disagree come from the replayed history
# (`agreement.disagreeing_groups`), passed in as one JSON list.
_CONTESTED = f"({_OWN_ANSWERS} OR {_ANSWERED} OR g.id IN (SELECT value FROM json_each(?)))"
_LATEST = """(SELECT max(julianday(a.published)) FROM group_members m
              JOIN claims c ON c.id = m.claim_id JOIN articles a ON a.id = c.article_id
              WHERE m.group_id = g.id)"""
_WORTH = "coalesce(rc.checkworthiness, 0)"
_ORDER_BY = {
    "priority": f"v.label IS NOT NULL, {_CONTESTED} DESC, {_WORTH} DESC, size DESC, g.id",
    "date": f"latest IS NULL, latest DESC, {_WORTH} DESC, g.id",
    "size": f"size DESC, {_WORTH} DESC, g.id",
    "checkworthiness": f"{_WORTH} DESC, size DESC, g.id",
}

_ORDER_SQL = f"""
SELECT g.id, {_SIZE} AS size{{latest}}
FROM claim_groups g
LEFT JOIN claims rc ON rc.id = g.representative_claim_id
LEFT JOIN verdicts v ON v.group_id = g.id
WHERE g.merged_into IS NULL AND size > 0 {{where}}
ORDER BY {{order}}
"""


def _where(flt: QueueFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if flt.status == "unreviewed":
        clauses.append("v.label IS NULL")
    elif flt.status == "reviewed":
        clauses.append("v.label IS NOT NULL")
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
        # The facets offer canonical names; a name as a page wrote it matches too.
        member.append("(c.speaker = ? OR s.canonical = ?)")
        params += [flt.speaker] * 2
    if flt.text and fold(flt.text).strip():
        condition, values = text_condition(flt.text)
        member.append(condition)
        params += values
    if member:
        join_articles = "JOIN articles a ON a.id = c.article_id" if (
            flt.outlet or flt.language) else ""
        clauses.append(
            f"""g.id IN (SELECT m2.group_id FROM claims c
                JOIN group_members m2 ON m2.claim_id = c.id {join_articles}
                LEFT JOIN speakers s ON s.name = c.speaker
                WHERE {' AND '.join(member)})"""
        )
    return "".join(f" AND {c}" for c in clauses), params


def text_condition(text: str) -> tuple[str, list[Any]]:
    """A WHERE condition on a claim `c` (with its speakers row `s` left-joined)
    that is true when the claim's text or speaker contains `text`, folded
    (case, accents and digit separators ignored), and its parameters.

    A text that folds to nothing (only marks or spaces) matches every claim."""
    needle = fold(text).strip()
    if not needle:
        return "1", []
    in_text, in_name, in_canonical, in_unlisted = (
        _contains(column, needle) for column in ("c.text", "name", "canonical", "c.speaker"))
    # Speakers are few and repeat across claims: the names that match are found
    # once in the speakers table (as written or canonical) and claims matched by
    # name; only a name missing from that table is folded claim by claim.
    sql = f"""({in_text[0]}
        OR c.speaker IN (SELECT name FROM speakers WHERE {in_name[0]} OR {in_canonical[0]})
        OR (s.name IS NULL AND c.speaker IS NOT NULL AND {in_unlisted[0]}))"""
    return sql, [*in_text[1], *in_name[1], *in_canonical[1], *in_unlisted[1]]


def _contains(column: str, needle: str) -> tuple[str, list[Any]]:
    """`fold(column)` contains `needle` (already folded).

    Folding calls Python once per row; most claims are plain ASCII, and for an
    ASCII text whose needle has no digit, SQLite's own `lower` gives the same
    answer in C: ASCII folding is lowercasing plus dropping separators between
    two digits, and an occurrence of a digit-free needle never spans such a
    separator (unless the needle is the separator alone). A text is ASCII when
    its length in characters equals its length in bytes (UTF-8; a NUL makes
    them differ, which takes the general path, also correct)."""
    if any(ch.isdigit() for ch in needle) or needle in SEPARATORS:
        return f"instr({FOLD}({column}), ?) > 0", [needle]
    return (f"""(CASE WHEN length({column}) = length(CAST({column} AS BLOB))
                 THEN instr(lower({column}), ?) ELSE instr({FOLD}({column}), ?) END) > 0""",
            [needle, needle])


def ordered_ids(db: Database, flt: QueueFilter | None = None,
                sort: str = "priority") -> list[int]:
    """Ids of the live, non-empty groups matching `flt`, in the `sort` order."""
    if sort not in _ORDER_BY:
        raise ValueError(f"unknown sort {sort!r} (use one of {', '.join(SORTS)})")
    where, params = _where(flt or QueueFilter())
    latest = f", {_LATEST} AS latest" if sort == "date" else ""
    sql = _ORDER_SQL.format(where=where, order=_ORDER_BY[sort], latest=latest)
    if sort == "priority":  # the ORDER BY's one parameter follows the WHERE's
        params = [*params, json.dumps(sorted(disagreeing_groups(db)))]
    return [int(r[0]) for r in db.execute(sql, params).fetchall()]


_ROWS_SQL = """
SELECT g.id, coalesce(rc.content, ''), count(m.claim_id), count(DISTINCT c.article_id),
       group_concat(DISTINCT a.language), coalesce(rc.checkworthiness, 0),
       v.label, v.reviewer,
       (SELECT count(*) FROM verdicts cv JOIN group_members cm ON cm.claim_id = cv.claim_id
        WHERE cm.group_id = g.id AND cv.label IS NOT NULL)
FROM claim_groups g
LEFT JOIN group_members m ON m.group_id = g.id
LEFT JOIN claims c ON c.id = m.claim_id
LEFT JOIN articles a ON a.id = c.article_id
LEFT JOIN claims rc ON rc.id = g.representative_claim_id
LEFT JOIN verdicts v ON v.group_id = g.id
WHERE g.id IN ({marks})
GROUP BY g.id
"""

# Speakers of each group by stance (canonical names), most claims first; a
# NULL speaker row still counts the group's own denials and disputes.
_VOICES_SQL = """
SELECT m.group_id, c.stance, COALESCE(s.canonical, c.speaker) AS who, count(*) AS n
FROM group_members m JOIN claims c ON c.id = m.claim_id
LEFT JOIN speakers s ON s.name = c.speaker
WHERE m.group_id IN ({marks})
GROUP BY m.group_id, c.stance, who
ORDER BY m.group_id, n DESC, who
"""

# The denying and disputing speakers of the other groups that answer each group
# (as `answers.answers_of` names an answering group: all its denials and
# disputes), most claims first.
_ANSWERERS_SQL = """
WITH pairs AS (
    SELECT DISTINCT mb.group_id AS answered, ma.group_id AS answering
    FROM group_members mb
    JOIN group_answers ga ON ga.answered_claim_id = mb.claim_id
    JOIN group_members ma ON ma.claim_id = ga.claim_id
    WHERE mb.group_id IN ({marks}) AND ma.group_id <> mb.group_id)
SELECT p.answered, COALESCE(s.canonical, c.speaker) AS who, count(*) AS n
FROM pairs p JOIN group_members m ON m.group_id = p.answering
JOIN claims c ON c.id = m.claim_id
LEFT JOIN speakers s ON s.name = c.speaker
WHERE c.stance <> 'asserts'
GROUP BY p.answered, who
ORDER BY p.answered, n DESC, who
"""

# The latest publication among each group's articles, compared as instants
# (dates carry their UTC offsets), shown as the page gave it.
_LATEST_SQL = """
SELECT m.group_id, max(julianday(a.published)), a.published
FROM group_members m JOIN claims c ON c.id = m.claim_id JOIN articles a ON a.id = c.article_id
WHERE m.group_id IN ({marks}) AND julianday(a.published) IS NOT NULL
GROUP BY m.group_id
"""


@dataclass
class _Extras:
    asserting: dict[str, int]
    answering: dict[str, int]
    contested: bool = False
    latest: str | None = None


def _extras(db: Database, chunk: list[int]) -> dict[int, _Extras]:
    marks = ",".join("?" * len(chunk))
    out = {gid: _Extras({}, {}) for gid in chunk}
    for gid, who, n in db.execute(_ANSWERERS_SQL.format(marks=marks), chunk).fetchall():
        extra = out[int(gid)]
        extra.contested = True
        if who:
            extra.answering[who] = extra.answering.get(who, 0) + int(n)
    for gid, stance, who, n in db.execute(_VOICES_SQL.format(marks=marks), chunk).fetchall():
        extra = out[int(gid)]
        if stance == "asserts":
            if who:
                extra.asserting[who] = int(n)
            continue
        extra.contested = True
        if who:
            extra.answering[who] = extra.answering.get(who, 0) + int(n)
    for gid, _day, published in db.execute(_LATEST_SQL.format(marks=marks), chunk).fetchall():
        out[int(gid)].latest = published
    return out


def _most_first(counts: dict[str, int]) -> tuple[str, ...]:
    # dicts keep insertion order, so equal counts keep the order the SQL gave.
    return tuple(sorted(counts, key=lambda who: -counts[who]))


def _disagreement(db: Database, chunk: list[int]) -> dict[int, tuple[tuple[str, str], ...]]:
    out: dict[int, tuple[tuple[str, str], ...]] = {}
    # The kept set first: most pages hold no such group and need no pass over the history.
    kept = disagreeing_groups(db)
    for gid, judgements in latest_judgements(db, [g for g in chunk if g in kept]).items():
        labelled = [(j.reviewer, j.label) for j in judgements if j.label is not None]
        if len({label for _, label in labelled}) > 1:
            out[gid] = tuple((reviewer, str(label)) for reviewer, label in labelled)
    return out


def rows(db: Database, group_ids: Sequence[int]) -> list[QueueRow]:
    """Display rows for `group_ids`, in the order given (unknown ids are skipped)."""
    if not group_ids:
        return []
    found: dict[int, QueueRow] = {}
    for start in range(0, len(group_ids), 500):
        chunk = list(dict.fromkeys(group_ids[start : start + 500]))
        sql = _ROWS_SQL.format(marks=",".join("?" * len(chunk)))
        extras = _extras(db, chunk)
        disagreeing = _disagreement(db, chunk)
        for r in db.execute(sql, chunk).fetchall():
            gid = int(r[0])
            extra = extras[gid]
            found[gid] = QueueRow(
                group_id=gid, representative=r[1], size=int(r[2]),
                article_count=int(r[3]),
                languages=tuple(sorted(set((r[4] or "").split(",")) - {""})),
                checkworthiness=float(r[5]), label=r[6], reviewer=r[7],
                claim_verdicts=int(r[8]),
                asserting=_most_first(extra.asserting),
                answering=_most_first(extra.answering),
                contested=extra.contested or gid in disagreeing,
                disagreement=disagreeing.get(gid, ()),
                latest=extra.latest,
            )
    return [found[g] for g in group_ids if g in found]


def progress(db: Database) -> tuple[int, int]:
    """(decided groups: a labelled group verdict, not checkable included; all live
    non-empty groups)."""
    row = db.execute(
        """SELECT count(*), count(v.label) FROM claim_groups g
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
        """SELECT COALESCE(s.canonical, c.speaker) AS who FROM claims c
           JOIN group_members m ON m.claim_id = c.id
           LEFT JOIN speakers s ON s.name = c.speaker
           WHERE c.speaker IS NOT NULL GROUP BY who ORDER BY count(*) DESC, who
           LIMIT ?""", [speaker_limit])]
    return Facets(tuple(outlets), tuple(languages), tuple(speakers))


def data_version(db: Database) -> int:
    """Changes whenever another connection commits to the file (cheap to poll)."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])
