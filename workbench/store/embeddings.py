"""Cached sentence embeddings: float32 little-endian BLOBs keyed by model and text hash."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np
from sqlite_utils import Database

from workbench.store.connection import write_transaction

_CHUNK = 500  # SQLite host-parameter budget per IN (...) query


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fetch(db: Database, model: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
    found: dict[str, np.ndarray] = {}
    for start in range(0, len(hashes), _CHUNK):
        chunk = list(hashes[start : start + _CHUNK])
        rows = db.execute(
            f"SELECT text_sha256, vector FROM embeddings WHERE model = ? "
            f"AND text_sha256 IN ({','.join('?' * len(chunk))})",
            [model, *chunk],
        ).fetchall()
        for digest, blob in rows:
            found[digest] = np.frombuffer(blob, dtype="<f4")
    return found


def store(db: Database, model: str, items: Iterable[tuple[str, np.ndarray]]) -> None:
    with write_transaction(db):
        db.conn.executemany(
            "INSERT OR REPLACE INTO embeddings (model, text_sha256, dim, vector) VALUES (?, ?, ?, ?)",
            [(model, digest, int(vec.shape[0]), vec.astype("<f4").tobytes()) for digest, vec in items],
        )


def count(db: Database, model: str | None = None) -> int:
    if model is None:
        return int(db.execute("SELECT count(*) FROM embeddings").fetchone()[0])
    return int(db.execute("SELECT count(*) FROM embeddings WHERE model = ?", [model]).fetchone()[0])
