"""The fast paths of a whole-store grouping run give what the plain paths give.

- the embedding cache read as one scan (a large look-up) returns exactly what
  the per-hash look-ups return, and nothing it was not asked for;
- the cache sends the misses to the model in batches of equal size (10,000
  texts as two of 5,000, each large enough for an embedder to share among
  its worker processes), each text once, and every vector comes back in place;
- the approximate neighbour search, probing every cell, equals brute force
  with equal similarities ranked by the lower id (duplicate texts embed to
  one vector, so ties are common in real stores), whatever the cosine floor.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from workbench.embed import FakeEmbedder
from workbench.grouping.encode import BATCH, encode_texts
from workbench.grouping.neighbours import ivf_top_k
from workbench.store import embeddings as cache
from workbench.store import open_store


def test_a_large_lookup_reads_the_cache_in_one_scan_with_the_same_result(tmp_path: Path) -> None:
    db = open_store(tmp_path / "cache.db")
    rng = np.random.default_rng(0)
    texts = [f"Klaim nomor {i}: harga beras naik {i % 97} persen" for i in range(cache._SCAN_MIN + 500)]
    hashes = [cache.text_hash(t) for t in texts]
    vectors = rng.standard_normal((len(texts), 8)).astype(np.float32)
    stored = len(texts) - 300  # the last 300 are not cached
    cache.store(db, "model-a", zip(hashes[:stored], vectors[:stored], strict=True))
    cache.store(db, "model-b", zip(hashes[:10], -vectors[:10], strict=True))  # another model
    extra = cache.text_hash("a cached text nobody asks for")
    cache.store(db, "model-a", [(extra, np.ones(8, dtype=np.float32))])

    wanted = hashes[100:]  # above the scan size
    assert len(wanted) >= cache._SCAN_MIN
    scanned = cache.fetch(db, "model-a", wanted)
    looked_up = {h: v for start in range(0, len(wanted), 1000)
                 for h, v in cache.fetch(db, "model-a", wanted[start : start + 1000]).items()}
    assert scanned.keys() == looked_up.keys() == set(hashes[100:stored])
    for i in (100, 5_000, stored - 1):
        np.testing.assert_array_equal(scanned[hashes[i]], vectors[i])
        np.testing.assert_array_equal(looked_up[hashes[i]], vectors[i])
    assert extra not in scanned


class _BatchSizes(FakeEmbedder):
    """The test embedder, noting the size of each call it gets."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def embed(self, texts, progress=None):  # type: ignore[no-untyped-def]
        self.sizes.append(len(texts))
        return super().embed(texts, progress)


def test_misses_go_to_the_model_in_equal_batches_each_text_once(tmp_path: Path) -> None:
    db = open_store(tmp_path / "batches.db")
    n = BATCH + BATCH // 4  # one full batch and a quarter of one
    texts = [f"Menteri menyebut {i} ton beras diimpor" for i in range(n)]
    texts += texts[:50]  # repeated texts are encoded once
    embedder = _BatchSizes()
    encoded = encode_texts(db, embedder, texts)
    assert embedder.sizes == [(n + 1) // 2, n // 2]
    assert encoded.encoded == n and encoded.cached == 0
    reference = FakeEmbedder().embed(texts)
    np.testing.assert_allclose(encoded.vectors, reference, atol=1e-6)
    again = encode_texts(db, embedder, texts)
    assert again.encoded == 0 and len(embedder.sizes) == 2


def _brute_force(vectors: np.ndarray, k: int, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """Each row's k best other rows at or above ``floor``, ties to the lower id."""
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    idx = np.full((len(vectors), k), -1, dtype=np.int64)
    best = np.full((len(vectors), k), -np.inf, dtype=np.float32)
    for row in range(len(vectors)):
        order = np.lexsort((np.arange(len(vectors)), -sims[row]))
        order = order[sims[row, order] >= floor][:k]
        idx[row, : len(order)] = order
        best[row, : len(order)] = sims[row, order]
    return idx, best


def test_probing_every_cell_equals_brute_force_with_ties_to_the_lower_id() -> None:
    rng = np.random.default_rng(4)
    # 16 entries of +-1/4 in 32 dimensions: unit rows whose cosines are exact
    # multiples of 1/16, so equal cosines are exactly equal (ties everywhere),
    # and 40% of the rows repeat another row outright (duplicate texts)
    base = np.zeros((120, 32), dtype=np.float32)
    for row in base:
        row[rng.choice(32, size=16, replace=False)] = rng.choice([-0.25, 0.25], size=16)
    vectors = np.vstack([base, base[rng.integers(0, 120, size=80)]])
    vectors = np.ascontiguousarray(vectors[rng.permutation(len(vectors))])
    for floor in (-2.0, 0.1):
        expected, expected_sims = _brute_force(vectors, 4, floor)
        idx, sims = ivf_top_k(vectors, 4, n_probe=10_000, min_cosine=floor)
        np.testing.assert_array_equal(idx, expected)
        found = expected >= 0
        np.testing.assert_allclose(sims[found], expected_sims[found], atol=1e-6)
