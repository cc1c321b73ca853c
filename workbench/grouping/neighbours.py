"""Top-k nearest neighbours by cosine, without ever holding an n x n matrix.

Grouping only looks at pairs that could plausibly be the same claim, so it
needs each claim's k most similar claims. Two ways, chosen by size:

- exact: rows in blocks against all vectors (one float32 matmul per block) and
  ``np.argpartition`` per row. Memory is one block x n slab. Time grows with
  n^2: about 1 s for 10,000 claims on two cores, but about 70 s for 100,000.
- inverted file (IVF), above ``exact_limit``: spherical k-means splits the
  vectors into ~sqrt(n) cells; each vector lives in its nearest cell, and the
  vectors of a cell search the ``n_probe`` cells nearest to that cell. Each
  cell is one small exact search, so 100,000 claims take seconds. It misses a
  true neighbour that lies in an unprobed cell: measured on synthetic
  paraphrase-like data, it finds about 90% of the pairs that exact search
  finds (bench/grouping_speed.py), and near duplicates almost always.

Both return (n, k) arrays of neighbour indices (-1 where fewer than k exist)
and their cosine similarities, best first, never including the item itself.
In the approximate search equal similarities (duplicate texts embed to one
vector) rank by the lower id, so its lists do not depend on how the cells cut
a tie.

``query_top_k`` answers the same question for some rows only (the new claims
of an incremental run) against all of them: every vector is still filed in
its home cell, but only the queries probe cells, so the cost follows the
number of queries, not of vectors. A query's row is the row the full search
gives it: the cells come from the same seeded k-means on the same vectors,
and the per-row selection and tie rules are the same code. One exception:
two copies of one vector (one text in two outlets) may swap places, since a
matrix product rounds a dot product by the shape of the block it is
computed in, and equal similarities can come out an ulp apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

Progress = Callable[[int, int], None]
# Cap on a similarity slab (rows x columns) in the exact search: 32M float32 = 128 MB.
_SLAB = 1 << 25


class Entered(NamedTuple):
    """Pairs in which a query would enter another vector's top-k list: vector
    ``vector[p]`` (not a query) has query row ``query[p]`` at similarity
    ``sims[p]``, at least that vector's ``reach``."""

    vector: np.ndarray
    query: np.ndarray
    sims: np.ndarray


def top_k_neighbours(
    vectors: np.ndarray,
    k: int,
    *,
    exact_limit: int = 20_000,
    n_probe: int = 16,
    min_cosine: float = 0.2,
    seed: int = 0,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(indices, similarities) of each row's k nearest rows with cosine >= min_cosine."""
    idx, sims, _ = query_top_k(
        vectors, np.arange(len(vectors)), k, exact_limit=exact_limit, n_probe=n_probe,
        min_cosine=min_cosine, seed=seed, progress=progress,
    )
    return idx, sims


def query_top_k(
    vectors: np.ndarray,
    queries: np.ndarray,
    k: int,
    *,
    exact_limit: int = 20_000,
    n_probe: int = 16,
    min_cosine: float = 0.2,
    seed: int = 0,
    progress: Progress | None = None,
    reach: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, Entered]:
    """``top_k_neighbours`` for the rows ``queries`` (distinct) only, searched
    against all ``vectors``: row i of the result is vector ``queries[i]``.

    Exact or approximate by the size of ``vectors``, as for the whole set; a
    query's row equals the one ``top_k_neighbours`` gives it (see the module
    docstring for copies of one vector).

    ``reach`` (per vector, or None): the similarity from which another vector
    would enter its top-k list, its k-th best (+inf for a query, or to ask
    nothing). The pairs found at or above it, and at least ``min_cosine``,
    come back as ``Entered``: the other direction of the search, which the
    queries' own lists miss where a query is among a vector's nearest but
    not the other way round. The approximate search looks for them where the
    full search would: in the cells each such vector probes.
    """
    n = len(vectors)
    queries = np.asarray(queries, dtype=np.int64)
    k = max(0, min(k, n - 1))
    if reach is not None:
        # less the tie margin: the vector's own search computed its k-th
        # similarity as a dot product in the other order, maybe an ulp apart
        reach = np.maximum(np.asarray(reach, dtype=np.float64) - _TIE_MARGIN,
                           min_cosine).astype(np.float32)
    if n <= exact_limit:
        idx, sims, entered = _exact_search(vectors, queries, k, reach, progress=progress)
        idx[sims < min_cosine] = -1
        return idx, sims, entered
    return _ivf_search(
        vectors, queries, k, reach, n_probe=n_probe, min_cosine=min_cosine, seed=seed,
        progress=progress,
    )


def exact_top_k(
    vectors: np.ndarray, k: int, *, block: int = 2048, progress: Progress | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Brute-force top-k, ``block`` rows at a time (fewer when n is large)."""
    idx, sims, _ = _exact_search(vectors, np.arange(len(vectors)), k, None, block=block,
                                 progress=progress)
    return idx, sims


def _exact_search(
    vectors: np.ndarray,
    queries: np.ndarray,
    k: int,
    reach: np.ndarray | None,
    *,
    block: int = 2048,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray, Entered]:
    """``exact_top_k`` for the rows ``queries``, and the pairs that reach ``reach``."""
    n = len(vectors)
    m = len(queries)
    idx = np.full((m, k), -1, dtype=np.int64)
    sims = np.full((m, k), -np.inf, dtype=np.float32)
    entered = _Entered()
    if k == 0:
        return idx, sims, entered.result()
    block = max(1, min(block, _SLAB // max(n, 1)))
    for lo in range(0, m, block):
        hi = min(m, lo + block)
        rows = queries[lo:hi]
        slab = vectors[rows] @ vectors.T
        slab[np.arange(hi - lo), rows] = -np.inf  # never yourself
        if reach is not None:
            r, c = np.nonzero(slab >= reach)
            entered.add(c, lo + r, slab[r, c])
        idx[lo:hi], sims[lo:hi] = _best_k_wide(slab, k)
        if progress is not None:
            progress(hi, m)
    return idx, sims, entered.result()


class _Entered:
    """``Entered`` pairs, collected slab by slab."""

    def __init__(self) -> None:
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def add(self, vector: np.ndarray, query: np.ndarray, sims: np.ndarray) -> None:
        if len(vector):
            self.parts.append((vector.astype(np.int64), query.astype(np.int64),
                               sims.astype(np.float32)))

    def result(self) -> Entered:
        if not self.parts:
            empty = np.zeros(0, dtype=np.int64)
            return Entered(empty, empty.copy(), np.zeros(0, dtype=np.float32))
        return Entered(*(np.concatenate([p[i] for p in self.parts]) for i in range(3)))


def _best_k(slab: np.ndarray, k: int, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the k largest entries of ``slab`` (sorted, best first) and their ids.

    ``columns`` names the slab's columns: one id per column (1-D), or one per
    entry (2-D, same shape as ``slab``) when every row has its own.
    """
    k_eff = min(k, slab.shape[1])
    part = np.argpartition(slab, slab.shape[1] - k_eff, axis=1)[:, -k_eff:]
    vals = np.take_along_axis(slab, part, axis=1)
    order = np.argsort(-vals, axis=1, kind="stable")
    part = np.take_along_axis(part, order, axis=1)
    vals = np.take_along_axis(vals, order, axis=1)
    out_idx = np.full((slab.shape[0], k), -1, dtype=np.int64)
    out_val = np.full((slab.shape[0], k), -np.inf, dtype=np.float32)
    out_idx[:, :k_eff] = (
        columns[part] if columns.ndim == 1 else np.take_along_axis(columns, part, axis=1)
    )
    out_val[:, :k_eff] = vals
    out_idx[~np.isfinite(out_val)] = -1
    return out_idx, out_val


def _best_k_wide(slab: np.ndarray, k: int, chunk: int = 32) -> tuple[np.ndarray, np.ndarray]:
    """``_best_k`` for slabs with many columns, about 3x faster than argpartition.

    The k-th largest of the per-chunk maxima is a lower bound on each row's
    k-th largest value (those k maxima are k distinct entries), so only the
    entries at or above it, typically little more than k per row, need sorting.
    """
    rows, cols = slab.shape
    n_chunks = -(-cols // chunk)
    if n_chunks <= k:
        return _best_k(slab, k, np.arange(cols))
    if n_chunks * chunk != cols:
        padded = np.full((rows, n_chunks * chunk), -np.inf, dtype=slab.dtype)
        padded[:, :cols] = slab
    else:
        padded = slab
    chunk_max = padded.reshape(rows, n_chunks, chunk).max(axis=2)
    bound = np.partition(chunk_max, n_chunks - k, axis=1)[:, n_chunks - k]
    r, c = np.nonzero(slab >= bound[:, None])
    v = slab[r, c]
    # sort candidates by row, then by value descending; keep the first k per row
    order = np.lexsort((-v, r))
    r, c, v = r[order], c[order], v[order]
    first = np.searchsorted(r, np.arange(rows))
    rank = np.arange(len(r)) - first[r]
    keep = rank < k
    out_idx = np.full((rows, k), -1, dtype=np.int64)
    out_val = np.full((rows, k), -np.inf, dtype=np.float32)
    out_idx[r[keep], rank[keep]] = c[keep]
    out_val[r[keep], rank[keep]] = v[keep]
    out_idx[~np.isfinite(out_val)] = -1
    return out_idx, out_val


def _spherical_kmeans(
    vectors: np.ndarray, n_cells: int, rng: np.random.Generator, iterations: int = 6
) -> np.ndarray:
    """Unit-length cell centres trained on a sample (at most 40 points per cell)."""
    sample_size = min(len(vectors), 40 * n_cells)
    sample = vectors[rng.choice(len(vectors), size=sample_size, replace=False)]
    centres = sample[rng.choice(sample_size, size=n_cells, replace=False)].copy()
    for _ in range(iterations):
        assign = np.argmax(sample @ centres.T, axis=1)
        order = np.argsort(assign, kind="stable")
        cells, starts = np.unique(assign[order], return_index=True)
        sums = np.zeros_like(centres)
        sums[cells] = np.add.reduceat(sample[order], starts, axis=0)
        norms = np.linalg.norm(sums, axis=1)
        empty = norms == 0
        # an empty cell restarts on a random sample point instead of dying
        sums[empty] = sample[rng.choice(sample_size, size=int(empty.sum()))]
        norms[empty] = np.linalg.norm(sums[empty], axis=1)
        centres = (sums / np.maximum(norms, 1e-12)[:, None]).astype(np.float32)
    return centres


def ivf_top_k(
    vectors: np.ndarray,
    k: int,
    *,
    n_probe: int = 16,
    min_cosine: float = 0.2,
    seed: int = 0,
    cells_per_sqrt: float = 1.0,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Approximate top-k through an inverted file of k-means cells (see module doc).

    Only neighbours with cosine >= ``min_cosine`` are kept: in a cell's slab
    almost every entry is an unrelated claim, and skipping them with one
    comparison is much cheaper than ranking them.
    """
    idx, sims, _ = _ivf_search(
        vectors, np.arange(len(vectors)), k, None, n_probe=n_probe, min_cosine=min_cosine,
        seed=seed, cells_per_sqrt=cells_per_sqrt, progress=progress,
    )
    return idx, sims


def _ivf_search(
    vectors: np.ndarray,
    queries: np.ndarray,
    k: int,
    reach: np.ndarray | None,
    *,
    n_probe: int = 16,
    min_cosine: float = 0.2,
    seed: int = 0,
    cells_per_sqrt: float = 1.0,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray, Entered]:
    """``ivf_top_k`` for the rows ``queries``, and the pairs that reach ``reach``."""
    n = len(vectors)
    m = len(queries)
    rng = np.random.default_rng(seed)
    n_cells = max(1, min(n, int(cells_per_sqrt * np.sqrt(n))))
    n_probe = max(1, min(n_probe, n_cells))
    # the cells depend on all vectors and the seed only, never on the queries
    centres = _spherical_kmeans(vectors, n_cells, rng)
    # every vector lives in its nearest cell; a query also probes its
    # n_probe nearest cells, best first (the first is its home), and so does
    # a vector with a reach: the full search would search those cells for it
    home = np.empty(n, dtype=np.int64)
    probes = np.empty((m, n_probe), dtype=np.int64)
    position = np.full(n, -1, dtype=np.int64)  # vector -> its query row, or -1
    position[queries] = np.arange(m)
    if m and (position[queries] != np.arange(m)).any():
        raise ValueError("queries must be distinct row numbers")
    waiting = np.zeros(n, dtype=bool) if reach is None else (position < 0) & np.isfinite(reach)
    waiting_probes = np.empty((int(waiting.sum()), n_probe), dtype=np.int64)
    waiting_row = np.cumsum(waiting) - 1
    for lo in range(0, n, 8192):
        scores = vectors[lo : lo + 8192] @ centres.T
        home[lo : lo + 8192] = np.argmax(scores, axis=1)
        asked = position[lo : lo + 8192]
        wanted = asked >= 0
        if wanted.any():
            probes[asked[wanted]] = _best_k(scores[wanted], n_probe, np.arange(n_cells))[0]
        waits = waiting[lo : lo + 8192]
        if waits.any():
            waiting_probes[waiting_row[lo : lo + 8192][waits]] = _best_k(
                scores[waits], n_probe, np.arange(n_cells))[0]
    members_order = np.argsort(home, kind="stable")
    member_bounds = np.searchsorted(home[members_order], np.arange(n_cells + 1))
    slot = np.empty(n, dtype=np.int64)  # position among its home cell's members
    slot[members_order] = np.arange(n) - member_bounds[home[members_order]]
    # query rows (0..m-1) by the cells they probe
    query_order = np.argsort(probes.ravel(), kind="stable") // n_probe
    query_bounds = np.searchsorted(np.sort(probes.ravel()), np.arange(n_cells + 1))
    # the waiting vectors by the cells they would probe
    wait_order = np.flatnonzero(waiting)[
        np.argsort(waiting_probes.ravel(), kind="stable") // n_probe]
    wait_bounds = np.searchsorted(np.sort(waiting_probes.ravel()), np.arange(n_cells + 1))
    del waiting_probes

    found = _Candidates(m, k, id_limit=n)
    entered = _Entered()
    for cell in range(n_cells):
        members = members_order[member_bounds[cell] : member_bounds[cell + 1]]
        asking = query_order[query_bounds[cell] : query_bounds[cell + 1]]
        if len(members) and len(asking):
            own = queries[asking]
            slab = vectors[own] @ vectors[members].T
            at_home = np.flatnonzero(home[own] == cell)
            slab[at_home, slot[own[at_home]]] = -np.inf  # never yourself
            r, c = _row_candidates(slab, k, min_cosine, found.reached[asking])
            found.add(asking[r], members[c], slab[r, c])
        # the other direction: the waiting vectors that probe this cell, as
        # the full search's rows would, against the queries that live in it
        waiters = wait_order[wait_bounds[cell] : wait_bounds[cell + 1]]
        living = members[position[members] >= 0] if len(waiters) else members[:0]
        if reach is not None and len(living):
            slab = vectors[waiters] @ vectors[living].T
            r, c = np.nonzero(slab >= reach[waiters][:, None])
            entered.add(waiters[r], position[living[c]], slab[r, c])
        if progress is not None:
            progress(cell + 1, n_cells)
    idx, sims = found.best()
    return idx, sims, entered.result()


#: how far below a row's k-th best value a candidate is still kept: the final
#: ranking (``_Candidates``) compares similarities quantised to float32
#: precision, where values a few ulps apart can tie and the lower id wins
_TIE_MARGIN = 1e-6


def _row_candidates(
    slab: np.ndarray, k: int, floor: float, reached: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of the entries of ``slab`` that can be among their row's k
    best: at least ``floor``, not below the row's k-th largest value, and not
    below ``reached`` (per row: the k-th best similarity its query already
    has from other cells, -inf while it has fewer than k).

    Ties at the k-th place are all kept (less a margin for the quantised
    ranking of ``_Candidates``), so the final ranking, not this selection,
    decides between equal similarities. In a dense cell (one topic, where
    most entries pass the floor) this keeps about k entries a row instead of
    all of them: a partition of values (no indices) and one comparison, a
    third of the cost of listing every entry above the floor.
    """
    rows, cols = slab.shape
    # rows with nothing above the floor, or nothing above what their query
    # already has (most rows of a sparse cell, many of a late one): skipped whole
    best = reached.astype(np.float64) - _TIE_MARGIN
    live = np.flatnonzero(slab.max(axis=1) >= np.maximum(best, floor))
    if len(live) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if len(live) < rows:
        slab = slab[live]
    bound = np.maximum(best[live], floor)
    if 0 < k < cols:
        kth = np.partition(slab, cols - k, axis=1)[:, cols - k].astype(np.float64)
        bound = np.maximum(bound, kth - _TIE_MARGIN)
    r, c = np.nonzero(slab >= bound.astype(slab.dtype)[:, None])
    return live[r], c


class _Candidates:
    """(query, neighbour, similarity) triples, reduced to the best k per query.

    ``n`` queries, numbered 0..n-1; neighbour ids below ``id_limit`` (``n``
    when not given). Both set the packing, so a query's ranking is the same
    whichever other queries share the search.
    """

    def __init__(self, n: int, k: int, compact_at: int = 4_000_000,
                 id_limit: int | None = None) -> None:
        self.n, self.k, self.compact_at = n, k, compact_at
        self.id_limit = n if id_limit is None else id_limit
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.size = 0
        #: per query, the k-th best similarity kept at the last reduction
        #: (-inf while fewer than k): a later candidate below it cannot rank
        self.reached = np.full(n, -np.inf, dtype=np.float32)

    def add(self, q: np.ndarray, j: np.ndarray, v: np.ndarray) -> None:
        self.parts.append((q, j, v.astype(np.float32)))
        self.size += len(q)
        if self.size > self.compact_at:
            kept = self._reduce()
            self.parts = [kept]
            self.size = len(kept[0])
            queries, _, sims = kept
            last = np.arange(len(queries)) - np.searchsorted(queries, queries) == self.k - 1
            self.reached[queries[last]] = sims[last]

    def _reduce(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Best k per query, sorted by query then similarity (descending)."""
        if not self.parts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
        q = np.concatenate([p[0] for p in self.parts]).astype(np.uint64)
        j = np.concatenate([p[1] for p in self.parts]).astype(np.uint64)
        v = np.concatenate([p[2] for p in self.parts])
        self.parts = []
        # One plain sort of packed (query | rank key | neighbour) integers
        # instead of a lexsort, several times faster: the similarity is
        # quantised to the bits left over (>= 20 bits below a million claims).
        id_bits = max(1, int(max(self.n, self.id_limit)).bit_length())
        sim_bits = 64 - 2 * id_bits
        if sim_bits < 12:
            raise ValueError(f"too many vectors for the approximate search: {self.n}")
        scale = float((1 << (sim_bits - 1)) - 1)
        flipped = np.round((1.0 - np.clip(v, -1.0, 1.0)) * scale).astype(np.uint64)
        packed = (q << np.uint64(id_bits + sim_bits)) | (flipped << np.uint64(id_bits)) | j
        del q, j, flipped
        packed.sort()
        id_mask = np.uint64((1 << id_bits) - 1)
        q_sorted = (packed >> np.uint64(id_bits + sim_bits)).astype(np.int64)
        rank = np.arange(len(packed)) - np.searchsorted(q_sorted, q_sorted)
        keep = rank < self.k
        packed = packed[keep]
        sims = 1.0 - ((packed >> np.uint64(id_bits)) & np.uint64((1 << sim_bits) - 1)) / scale
        return q_sorted[keep], (packed & id_mask).astype(np.int64), sims.astype(np.float32)

    def best(self) -> tuple[np.ndarray, np.ndarray]:
        q, j, v = self._reduce()
        idx = np.full((self.n, self.k), -1, dtype=np.int64)
        sims = np.full((self.n, self.k), -np.inf, dtype=np.float32)
        rank = np.arange(len(q)) - np.searchsorted(q, q)
        idx[q, rank] = j
        sims[q, rank] = v
        return idx, sims
