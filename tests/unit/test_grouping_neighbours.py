"""Candidate search: blocked exact search equals brute force; IVF finds near pairs."""

from __future__ import annotations

import numpy as np

from workbench.grouping.neighbours import exact_top_k, ivf_top_k, query_top_k, top_k_neighbours


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


def _clustered_with_duplicates(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = _unit(rng, 300, 48)
    vectors = centres[rng.integers(0, 300, 3000)] + 0.5 * rng.standard_normal((3000, 48)) / 7
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    vectors[2000:2100] = vectors[100:200]  # the same texts in two outlets: exact ties
    return vectors


def test_query_rows_equal_the_rows_of_the_full_search() -> None:
    vectors = _clustered_with_duplicates(4)
    queries = np.random.default_rng(5).choice(3000, size=400, replace=False)
    queries = np.r_[queries, [150, 2050]]  # both halves of a duplicate pair ask
    for exact_limit in (10_000, 0):  # exact, then the inverted file
        idx, sims = top_k_neighbours(vectors, 10, exact_limit=exact_limit, n_probe=6)
        q_idx, q_sims, _ = query_top_k(vectors, queries, 10, exact_limit=exact_limit, n_probe=6)
        # the same neighbours, except that two copies of one vector may swap
        # places: a matrix product rounds a dot product by the shape of the
        # block it is computed in, so equal similarities can differ by an ulp
        np.testing.assert_array_equal(q_idx >= 0, idx[queries] >= 0)
        np.testing.assert_array_equal(vectors[q_idx], vectors[idx[queries]])
        np.testing.assert_allclose(q_sims, sims[queries], atol=1e-6)
        assert (q_idx == idx[queries]).mean() > 0.95
        assert not (q_idx == queries[:, None]).any()  # never yourself


def test_entered_pairs_are_the_queries_in_other_vectors_lists() -> None:
    """Given each vector's k-th best similarity as its reach, the pairs come
    back in which a query is in a (non-query) vector's list: the other side
    of the full search's edges. The approximate search looks where the full
    search would (the cells the vector probes), so it finds the same pairs;
    a few more come back at ties (the margin below the reach)."""
    vectors = _clustered_with_duplicates(6)
    queries = np.random.default_rng(7).choice(3000, size=300, replace=False)
    asked = np.zeros(3000, dtype=bool)
    asked[queries] = True
    for exact_limit in (10_000, 0):
        idx, sims = top_k_neighbours(vectors, 10, exact_limit=exact_limit, n_probe=6)
        reach = np.where(asked, np.inf, sims[:, -1])
        _, _, entered = query_top_k(vectors, queries, 10, exact_limit=exact_limit, n_probe=6,
                                    reach=reach)
        expected = {(int(x), int(q)) for x, q in zip(*np.nonzero(asked[idx] & (idx >= 0)))}
        expected = {(x, int(idx[x, j])) for x, j in expected if not asked[x]}
        found = {(int(x), int(queries[q])) for x, q in zip(entered.vector, entered.query)}
        np.testing.assert_allclose(
            entered.sims, np.einsum("ij,ij->i", vectors[entered.vector],
                                    vectors[queries[entered.query]]), atol=1e-5)
        assert not asked[entered.vector].any()
        assert len(expected) > 500
        assert expected <= found and len(found - expected) <= 0.01 * len(expected)
        assert (entered.sims >= reach[entered.vector] - 1e-6).all()
