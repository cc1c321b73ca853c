"""The default embedder shares a large call among worker processes; the
vectors must be exactly those of one process (real bundled model)."""

from __future__ import annotations

import numpy as np

from workbench.embed.use import UseEmbedder

TEXTS = [
    "Korea Utara telah mengirim lebih dari 1.000 kontainer peralatan militer ke Rusia.",
    "North Korea has sent more than 1,000 containers of military equipment to Russia.",
    "Kremlin says there is no evidence of arms deliveries from Pyongyang.",
    "Menteri Luar Negeri Rusia Sergei Lavrov tiba di Pyongyang pada Rabu.",
] * 150  # 600 texts: more than one worker task


def test_parallel_vectors_equal_one_process_and_progress_reaches_the_end() -> None:
    texts = [f"{t} ({i})" for i, t in enumerate(TEXTS)]
    alone = UseEmbedder(threads=1).embed(texts)
    shared = UseEmbedder(threads=2, parallel_min=100)
    seen: list[tuple[int, int]] = []
    try:
        together = shared.embed(texts, progress=lambda done, total: seen.append((done, total)))
        again = shared.embed(texts[:300])  # the pool is reused for a later call
    finally:
        shared.close()
    assert together.shape == (len(texts), 512) and together.dtype == np.float32
    np.testing.assert_allclose(together, alone, atol=1e-6)
    np.testing.assert_allclose(again, alone[:300], atol=1e-6)
    assert seen[-1] == (len(texts), len(texts))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert shared._pool is None  # closed


def test_small_calls_stay_in_process() -> None:
    embedder = UseEmbedder(threads=2, parallel_min=1000)
    embedder.embed(TEXTS[:8])
    assert embedder._pool is None
