"""Kept readings of claim texts (quantities, glossary concepts), keyed by reader and text.

See grouping/readings.py for what they are and why they are kept. A row's
column is NULL until a run has read that part: grouping reads concepts only
for claims in cross-language pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlite_utils import Database

_CHUNK = 500  # SQLite host-parameter budget per IN (...) query
# As for embeddings: this many keys read all of the reader's rows in one scan
_SCAN_MIN = 20_000


def fetch(db: Database, reader: str, keys: Sequence[str]
          ) -> dict[str, tuple[str | None, str | None]]:
    """key -> (quantities, concepts) as stored by ``reader`` (either may be None)."""
    found: dict[str, tuple[str | None, str | None]] = {}
    if len(keys) >= _SCAN_MIN:
        wanted = set(keys)
        for key, quantities, concepts in db.execute(
            "SELECT text_sha256, quantities, concepts FROM text_readings WHERE reader = ?",
            [reader],
        ):
            if key in wanted:
                found[key] = (quantities, concepts)
        return found
    for start in range(0, len(keys), _CHUNK):
        chunk = list(keys[start : start + _CHUNK])
        for key, quantities, concepts in db.execute(
            f"SELECT text_sha256, quantities, concepts FROM text_readings WHERE reader = ? "
            f"AND text_sha256 IN ({','.join('?' * len(chunk))})",
            [reader, *chunk],
        ):
            found[key] = (quantities, concepts)
    return found


def store(db: Database, reader: str, rows: Iterable[tuple[str, str | None, str | None]]) -> None:
    """Keep (key, quantities, concepts) read by ``reader``; a None part keeps
    what the row had. Rows of any other reader are dropped: the code that
    made them has changed, so they will never be read again. Call inside the
    caller's write transaction."""
    db.execute("DELETE FROM text_readings WHERE reader != ?", [reader])
    db.conn.executemany(
        "INSERT INTO text_readings (reader, text_sha256, quantities, concepts) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (reader, text_sha256) DO UPDATE SET "
        "quantities = coalesce(excluded.quantities, quantities), "
        "concepts = coalesce(excluded.concepts, concepts)",
        [(reader, key, quantities, concepts) for key, quantities, concepts in rows],
    )
