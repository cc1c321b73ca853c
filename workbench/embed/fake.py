"""A deterministic fake embedder, for tests only.

Real models take seconds to load; grouping logic does not care where vectors
come from, only that similar texts get similar vectors. This embedder hashes
character trigrams of the lower-cased text into a fixed number of signed
buckets (the "hashing trick") and normalises, so texts sharing many trigrams
have high cosine, the output is identical across runs and machines (crc32, not
Python's salted ``hash``), and no file or package is needed.

It knows nothing about meaning or languages: never use it for real grouping.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence

import numpy as np

from workbench.embed.base import normalise_rows

FAKE_DIM = 64


class FakeEmbedder:
    """Hashed character-trigram vectors. Tests only."""

    def __init__(self, dim: int = FAKE_DIM) -> None:
        self._dim = dim
        self.identity = f"fake:char3-hash-{dim}"
        self.calls = 0  # how many embed() calls, so tests can assert caching

    @property
    def dim(self) -> int:
        return self._dim

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self._dim, dtype=np.float32)
        padded = f"  {text.lower()}  "
        for i in range(len(padded) - 2):
            h = zlib.crc32(padded[i : i + 3].encode("utf-8"))
            # low bits pick the bucket, one high bit the sign, so collisions
            # cancel out on average instead of always adding up
            vec[h % self._dim] += 1.0 if (h >> 31) & 1 else -1.0
        if not vec.any():
            vec[0] = 1.0
        return vec

    def embed(
        self,
        texts: Sequence[str],
        progress: Callable[[int, int], None] | None = None,
    ) -> np.ndarray:
        self.calls += 1
        items = list(texts)
        out = np.zeros((len(items), self._dim), dtype=np.float32)
        for i, text in enumerate(items):
            out[i] = self._vector(text)
        if progress is not None and items:
            progress(len(items), len(items))
        return normalise_rows(out, inplace=True)
