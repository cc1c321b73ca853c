"""Candidate search: blocked exact search equals brute force; IVF finds near pairs."""

from __future__ import annotations

import numpy as np

from workbench.grouping.neighbours import exact_top_k, ivf_top_k, top_k_neighbours


def _unit(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    x = rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_blocked_exact_search_equals_brute_force() -> None:
    vectors = _unit(np.random.default_rng(0), 700, 32)
    idx, sims = exact_top_k(vectors, 7, block=64)  # many blocks, both selection paths
    full = vectors @ vectors.T
    np.fill_diagonal(full, -np.inf)
    expected = np.argsort(-full, axis=1, kind="stable")[:, :7]
    np.testing.assert_array_equal(idx, expected)
    np.testing.assert_allclose(sims, np.take_along_axis(full, expected, axis=1), atol=1e-6)
    assert not (idx == np.arange(700)[:, None]).any()


def test_k_larger_than_the_set_and_the_cosine_floor_leave_minus_one() -> None:
    vectors = _unit(np.random.default_rng(1), 4, 8)
    idx, _ = top_k_neighbours(vectors, 10, min_cosine=-1.0)
    assert idx.shape == (4, 3) and (idx >= 0).all()
    far, _ = top_k_neighbours(vectors, 3, min_cosine=1.01)
    assert (far == -1).all()


def test_ivf_probing_every_cell_is_exact() -> None:
    vectors = _unit(np.random.default_rng(2), 1500, 16)
    exact, _ = exact_top_k(vectors, 5)
    approx, _ = ivf_top_k(vectors, 5, n_probe=10_000, min_cosine=-2.0)
    np.testing.assert_array_equal(np.sort(exact, axis=1), np.sort(approx, axis=1))


def test_ivf_finds_almost_all_near_pairs_in_clustered_data() -> None:
    rng = np.random.default_rng(3)
    centres = _unit(rng, 1000, 64)
    group = rng.integers(0, 1000, 6000)
    vectors = centres[group] + 0.6 * rng.standard_normal((6000, 64)).astype(np.float32) / 8
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    exact, esims = exact_top_k(vectors, 10)
    approx, _ = ivf_top_k(vectors, 10, n_probe=12)
    near = esims >= 0.6
    rows = np.nonzero(near)[0]
    hits = [exact[r, c] in approx[r] or r in approx[exact[r, c]] for r, c in zip(*np.nonzero(near))]
    assert len(rows) > 1000 and np.mean(hits) > 0.95
