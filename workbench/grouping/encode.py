"""Embed claim contents through the SQLite cache.

Unchanged text is never encoded twice: vectors are looked up by (model
identity, sha256 of the text) and only the misses go to the model, each
distinct text once (claims repeated across articles are common), in
batches, each batch cached as soon as it is encoded so an interrupted run
keeps its work. Batches are large, and of equal size, so that an embedder
that shares a call among processes (the default USE embedder does, from
2,000 texts) can; progress inside a batch comes from the embedder when it
reports it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sqlite_utils import Database

from workbench.embed.base import Embedder
from workbench.store import embeddings as cache

BATCH = 8192
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Encoded:
    vectors: np.ndarray  # (n, dim) float32, L2-normalised, in input order
    encoded: int  # texts sent to the model this run
    cached: int  # texts found in the cache


def encode_texts(
    db: Database, embedder: Embedder, texts: Sequence[str], progress: Progress | None = None
) -> Encoded:
    hashes = [cache.text_hash(t) for t in texts]
    unique = list(dict.fromkeys(hashes))
    known = cache.fetch(db, embedder.identity, unique)
    missing = [h for h in unique if h not in known]
    text_of = dict(zip(hashes, texts, strict=True))
    done = 0
    if progress:
        progress(0, len(missing))
    reports = "progress" in inspect.signature(embedder.embed).parameters
    # Batches of equal size, at most BATCH: 10,000 texts go as two of 5,000,
    # not 8,192 and 1,808, which is below the size an embedder shares among
    # its worker processes and would be encoded by one process alone.
    size = -(-len(missing) // max(1, -(-len(missing) // BATCH))) if missing else BATCH
    for start in range(0, len(missing), size):
        batch = missing[start : start + size]
        texts_of_batch = [text_of[h] for h in batch]
        if progress and reports:
            def inner(n: int, _total: int, before: int = done) -> None:
                progress(before + n, len(missing))

            vectors = embedder.embed(texts_of_batch, progress=inner)  # type: ignore[call-arg]
        else:
            vectors = embedder.embed(texts_of_batch)
        vectors = vectors.astype(np.float32, copy=False)
        cache.store(db, embedder.identity, zip(batch, vectors, strict=True))
        known.update(zip(batch, vectors, strict=True))
        done += len(batch)
        if progress:
            progress(done, len(missing))
    if not texts:
        return Encoded(np.zeros((0, 0), dtype=np.float32), 0, 0)
    matrix = np.vstack([known[h] for h in hashes]).astype(np.float32, copy=False)
    return Encoded(matrix, encoded=len(missing), cached=len(unique) - len(missing))
