"""Articles and their claims: rows in, dataclasses out."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from workbench.models import Article, ArticleDraft, Claim, ClaimDraft
from workbench.store.connection import write_transaction
from workbench.store.speakers import register_speakers


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def find_article_id(db: Database, sha256: str) -> int | None:
    row = db.execute("SELECT id FROM articles WHERE sha256 = ?", [sha256]).fetchone()
    return int(row[0]) if row else None


def add_article(db: Database, draft: ArticleDraft, claims: Sequence[ClaimDraft]) -> tuple[int, bool]:
    """Store an article with its claims in one transaction.

    Returns (article id, created). An article whose content hash is already
    stored is left untouched: ingesting is idempotent.
    """
    with write_transaction(db):
        existing = find_article_id(db, draft.sha256)
        if existing is not None:
            return existing, False
        cursor = db.execute(
            """INSERT INTO articles (sha256, title, outlet, published, author, dateline, wire,
                   language, url, path, body, ingested_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [draft.sha256, draft.title, draft.outlet, draft.published, draft.author,
             draft.dateline, draft.wire, draft.language, draft.url, draft.path, draft.body, now()],
        )
        article_id = int(cursor.lastrowid or 0)
        db.conn.executemany(
            """INSERT INTO claims (article_id, text, content, speaker, stance, quote,
                   span_start, span_end, checkworthiness)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(article_id, c.text, c.content, c.speaker, c.stance, int(c.quote), c.start, c.end,
              c.checkworthiness) for c in claims],
        )
        register_speakers(db, [c.speaker for c in claims if c.speaker])
    return article_id, True


def article_ids_by_url(db: Database, urls: Sequence[str]) -> dict[str, int]:
    """The stored articles that have one of `urls` as their URL (the first stored wins)."""
    found: dict[str, int] = {}
    unique = list(dict.fromkeys(urls))
    for start in range(0, len(unique), 500):  # under SQLite's bound-parameter limit
        chunk = unique[start:start + 500]
        rows = db.execute(f"SELECT url, min(id) FROM articles WHERE url IN "
                          f"({','.join('?' * len(chunk))}) GROUP BY url", chunk).fetchall()
        found.update((url, int(article_id)) for url, article_id in rows)
    return found


def set_article_url(db: Database, article_id: int, url: str | None) -> bool:
    """Record an article's source URL; False when there is no such article."""
    with write_transaction(db):
        cursor = db.execute("UPDATE articles SET url = ? WHERE id = ?", [url, article_id])
    return cursor.rowcount > 0


def record_missing_url(db: Database, article_id: int, url: str) -> tuple[str | None, bool]:
    """Give a stored article `url` if it has no URL yet; an existing one is kept.

    Returns (the URL the article now has, whether this call recorded it)."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE articles SET url = ? WHERE id = ? AND (url IS NULL OR url = '')", [url, article_id]
        )
        row = db.execute("SELECT url FROM articles WHERE id = ?", [article_id]).fetchone()
    return (row[0] if row else None), cursor.rowcount > 0


_ARTICLE_COLUMNS = """a.id, a.title, a.body, a.language, a.sha256, a.outlet, a.published, a.author,
    a.dateline, a.wire, a.url, a.path, a.ingested_at,
    (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claim_count"""


def list_articles(db: Database) -> list[Article]:
    rows = db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles a ORDER BY a.id").fetchall()
    return [Article(*row) for row in rows]


def get_article(db: Database, article_id: int) -> Article | None:
    row = db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?",
                     [article_id]).fetchone()
    return Article(*row) if row else None


_CLAIM_COLUMNS = """c.id, c.article_id, c.text, c.content, c.speaker, c.stance, c.quote,
    c.span_start, c.span_end, c.checkworthiness, a.language,
    (SELECT s.canonical FROM speakers s WHERE s.name = c.speaker) AS speaker_canonical"""


def _claim(row: Sequence[Any]) -> Claim:
    values = list(row)
    values[6] = bool(values[6])
    return Claim(*values)


def list_claims(db: Database, article_id: int | None = None) -> list[Claim]:
    where, params = ("WHERE c.article_id = ?", [article_id]) if article_id is not None else ("", [])
    rows = db.execute(
        f"SELECT {_CLAIM_COLUMNS} FROM claims c JOIN articles a ON a.id = c.article_id "
        f"{where} ORDER BY c.article_id, c.span_start",
        params,
    ).fetchall()
    return [_claim(row) for row in rows]


def iter_claims(db: Database, batch: int = 5000) -> Iterator[Claim]:
    """All claims in id order, fetched in batches so memory stays flat."""
    last = 0
    while True:
        rows = db.execute(
            f"SELECT {_CLAIM_COLUMNS} FROM claims c JOIN articles a ON a.id = c.article_id "
            "WHERE c.id > ? ORDER BY c.id LIMIT ?",
            [last, batch],
        ).fetchall()
        if not rows:
            return
        for row in rows:
            yield _claim(row)
        last = rows[-1][0]


def get_claims(db: Database, claim_ids: Sequence[int]) -> list[Claim]:
    if not claim_ids:
        return []
    marks = ",".join("?" * len(claim_ids))
    rows = db.execute(
        f"SELECT {_CLAIM_COLUMNS} FROM claims c JOIN articles a ON a.id = c.article_id "
        f"WHERE c.id IN ({marks}) ORDER BY c.id",
        list(claim_ids),
    ).fetchall()
    return [_claim(row) for row in rows]


def count_claims(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM claims").fetchone()[0])
