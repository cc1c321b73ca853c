"""Denials and disputes linked to the claims they answer (`group_answers`).

A link is stored between two claims, the answering one and the asserting one
it contradicts, and read as a link between their groups. Stored that way a
link follows both claims through a reviewer's merge or split: it is dropped
from the view when both claims end up in one group, and it goes with a claim
that is deleted. Each grouping run replaces every link (see
`grouping/answers.py`), so links always reflect the current grouping.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from workbench.models import GroupAnswer

_CHUNK = 500


@dataclass(frozen=True)
class LinkCandidate:
    """A grouped claim as the answer linker reads it."""

    claim_id: int
    group_id: int
    article_id: int
    stance: str
    speaker: str | None  # canonical name when known
    content: str
    start: int
    language: str
    text: str = ""  # the whole sentence, attribution included
    #: the speaker as the page names them, in the page's language ("Kementerian
    #: Luar Negeri Korea Utara" where ``speaker`` may be its English canonical name)
    written_speaker: str | None = None


@dataclass(frozen=True)
class AnswerLink:
    claim_id: int  # the denial or dispute
    answered_claim_id: int  # the assertion it answers
    relation: str  # 'denies' | 'disputes'
    similarity: float


def link_candidates(db: Database) -> list[LinkCandidate]:
    """Every grouped claim with its group, article, stance and speaker."""
    rows = db.execute(
        """SELECT c.id, m.group_id, c.article_id, c.stance, COALESCE(s.canonical, c.speaker),
                  c.content, c.span_start, a.language, c.text, c.speaker
           FROM group_members m JOIN claims c ON c.id = m.claim_id
           JOIN articles a ON a.id = c.article_id
           LEFT JOIN speakers s ON s.name = c.speaker
           ORDER BY c.article_id, c.span_start"""
    ).fetchall()
    return [LinkCandidate(int(r[0]), int(r[1]), int(r[2]), str(r[3]), r[4], str(r[5]), int(r[6]),
                          str(r[7]), str(r[8] or ""), r[9])
            for r in rows]


def replace_links(db: Database, links: Iterable[AnswerLink]) -> int:
    """Replace every stored link with `links` (the caller holds the transaction)."""
    db.execute("DELETE FROM group_answers")
    rows = [(link.claim_id, link.answered_claim_id, link.relation, float(link.similarity))
            for link in links]
    db.conn.executemany(
        """INSERT OR REPLACE INTO group_answers (claim_id, answered_claim_id, relation, similarity)
           VALUES (?, ?, ?, ?)""", rows)
    return len(rows)


def answers_of(db: Database, group_ids: Sequence[int]) \
        -> dict[int, tuple[tuple[GroupAnswer, ...], tuple[GroupAnswer, ...]]]:
    """group id -> (answers it receives, answers it gives). Two groups are
    linked when a claim of one answers a claim of the other; the answer names
    the answering group's denials and disputes as a whole: the relation most
    of them take, their speakers, outlets and languages. Links between claims
    of one group are not shown."""
    pairs: set[tuple[int, int]] = set()  # (answering group, answered group)
    ids = sorted(set(group_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        pairs.update((int(a), int(b)) for a, b in db.execute(
            f"""SELECT DISTINCT ma.group_id, mb.group_id
                FROM group_members ma
                JOIN group_answers ga ON ga.claim_id = ma.claim_id
                JOIN group_members mb ON mb.claim_id = ga.answered_claim_id
                WHERE ma.group_id <> mb.group_id AND ma.group_id IN ({marks})
                UNION
                SELECT DISTINCT ma.group_id, mb.group_id
                FROM group_members mb
                JOIN group_answers ga ON ga.answered_claim_id = mb.claim_id
                JOIN group_members ma ON ma.claim_id = ga.claim_id
                WHERE ma.group_id <> mb.group_id AND mb.group_id IN ({marks})""",
            [*chunk, *chunk]).fetchall())
    voices = _answering_voices(db, sorted({a for a, _ in pairs}))
    received: dict[int, list[GroupAnswer]] = {}
    given: dict[int, list[GroupAnswer]] = {}
    for answering, answered in sorted(pairs):
        entries = voices.get(answering, [])
        received.setdefault(answered, []).append(_summarise(answering, entries))
        given.setdefault(answering, []).append(_summarise(answered, entries))
    return {gid: (_ordered(received.get(gid, [])), _ordered(given.get(gid, []))) for gid in ids}


def _answering_voices(db: Database, group_ids: Sequence[int]) \
        -> dict[int, list[tuple[str, str | None, str | None, str]]]:
    """group id -> (stance, speaker, outlet, language) of its denials and disputes."""
    out: dict[int, list[tuple[str, str | None, str | None, str]]] = {}
    for start in range(0, len(group_ids), _CHUNK):
        chunk = list(group_ids[start : start + _CHUNK])
        rows = db.execute(
            f"""SELECT m.group_id, c.stance, COALESCE(s.canonical, c.speaker), a.outlet, a.language
                FROM group_members m JOIN claims c ON c.id = m.claim_id
                JOIN articles a ON a.id = c.article_id
                LEFT JOIN speakers s ON s.name = c.speaker
                WHERE m.group_id IN ({','.join('?' * len(chunk))})
                  AND c.stance IN ('denies', 'disputes')
                ORDER BY m.group_id, c.id""", chunk).fetchall()
        for gid, stance, speaker, outlet, language in rows:
            out.setdefault(int(gid), []).append((str(stance), speaker, outlet, str(language)))
    return out


def _summarise(other: int, entries: list[tuple[str, str | None, str | None, str]]) -> GroupAnswer:
    denies = sum(1 for e in entries if e[0] == "denies")
    # What most of the answering claims do; a tie is a denial, the stronger
    # answer, so it is never understated.
    relation = "denies" if denies * 2 >= len(entries) else "disputes"
    return GroupAnswer(
        group_id=other, relation=relation,
        speakers=_unique(e[1] for e in entries),
        outlets=_unique(e[2] for e in entries),
        languages=tuple(sorted({e[3] for e in entries})),
    )


def _ordered(answers: list[GroupAnswer]) -> tuple[GroupAnswer, ...]:
    return tuple(sorted(answers, key=lambda a: (a.relation, a.group_id)))


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
