"""Sparse per-item feature rows and their dot products on chosen pairs only.

Lexical, entity and number signals are all "weighted bag of features" vectors
(character n-grams, names, quantities). Grouping needs their similarity on a
few candidate pairs per item (top-k neighbours), never on all n^2 pairs, and
must handle 100,000 items in a few seconds with numpy alone. This module holds
those bags as one CSR-style structure and computes ``<row_i, row_j>`` for a
list of pairs with a scatter/gather lookup table: for each distinct left item,
its weights are scattered into a dense vocabulary-sized table once, and the
entries of all its right items are looked up in one vectorised gather.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Right-row entries handled per chunk in pair_dot: ~4M entries keep the
# temporaries (positions, columns, products) around 50 MB.
_CHUNK_ENTRIES = 4_000_000


@dataclass(frozen=True)
class SparseRows:
    """Row i holds ``data[indptr[i]:indptr[i+1]]`` at columns ``indices[...]``.

    Columns are unique within a row. ``vocab_size`` bounds the column ids.
    """

    indptr: np.ndarray  # int64, (n + 1,)
    indices: np.ndarray  # int32 column ids
    data: np.ndarray  # float32 weights
    vocab_size: int

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    def row_sizes(self) -> np.ndarray:
        return np.diff(self.indptr)

    def squared_norms(self) -> np.ndarray:
        """Sum of squared weights per row (float64)."""
        sq = self.data.astype(np.float64) ** 2
        return _segment_sums(sq, self.indptr)

    @classmethod
    def from_token_lists(
        cls, rows: Sequence[Sequence[str]], weights: dict[str, float] | None = None
    ) -> SparseRows:
        """Binary (or ``weights``-weighted) rows from per-item token lists.

        Duplicate tokens in a row count once. Tokens are numbered in order of
        first appearance, so the result is deterministic.
        """
        vocab: dict[str, int] = {}
        cols: list[int] = []
        vals: list[float] = []
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        for i, tokens in enumerate(rows):
            seen = sorted({vocab.setdefault(t, len(vocab)) for t in tokens})
            cols.extend(seen)
            indptr[i + 1] = indptr[i] + len(seen)
        if weights is not None:
            by_id = {idx: weights.get(tok, 1.0) for tok, idx in vocab.items()}
            vals = [by_id[c] for c in cols]
        else:
            vals = [1.0] * len(cols)
        return cls(
            indptr=indptr,
            indices=np.asarray(cols, dtype=np.int32),
            data=np.asarray(vals, dtype=np.float32),
            vocab_size=len(vocab),
        )

    def pair_dot(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """``<row left[p], row right[p]>`` for every pair p, as float32.

        Pairs are visited grouped by their left item, so each distinct left
        row is scattered into the lookup table once however many partners it
        has; the work is proportional to the total length of the right rows.
        """
        left = np.asarray(left, dtype=np.int64)
        right = np.asarray(right, dtype=np.int64)
        out = np.zeros(len(left), dtype=np.float32)
        if len(left) == 0 or self.vocab_size == 0:
            return out
        # Put the shorter row of each pair on the left: fewer scatters, and the
        # gathers then run over the longer rows in big vectorised batches.
        sizes = self.row_sizes()
        swap = sizes[left] > sizes[right]
        left, right = np.where(swap, right, left), np.where(swap, left, right)
        order = np.argsort(left, kind="stable")
        left_sorted = left[order]
        right_sorted = right[order]
        r_len = self.indptr[right_sorted + 1] - self.indptr[right_sorted]
        # positions in the pair list where a new left item starts
        starts = np.flatnonzero(np.r_[True, left_sorted[1:] != left_sorted[:-1]])
        entries_before = np.r_[0, np.cumsum(r_len)]
        lut = np.zeros(self.vocab_size, dtype=np.float32)
        sums = np.zeros(len(left_sorted), dtype=np.float64)
        # Chunks of whole left groups, ~_CHUNK_ENTRIES right-row entries each,
        # bound the temporary arrays (a full 100k-item run has ~2e8 entries).
        group_ends = np.r_[starts[1:], len(left_sorted)]
        chunk_of_group = entries_before[starts] // _CHUNK_ENTRIES
        bounds = np.flatnonzero(np.r_[True, chunk_of_group[1:] != chunk_of_group[:-1], True])
        for g0, g1 in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
            p0, p1 = int(starts[g0]), int(group_ends[g1 - 1])
            self._dot_chunk(
                lut, left_sorted, right_sorted, r_len, starts[g0:g1], group_ends[g0:g1],
                p0, p1, sums,
            )
        out[order] = sums.astype(np.float32)
        return out

    def _dot_chunk(
        self,
        lut: np.ndarray,
        left_sorted: np.ndarray,
        right_sorted: np.ndarray,
        r_len_all: np.ndarray,
        group_starts: np.ndarray,
        group_ends: np.ndarray,
        p0: int,
        p1: int,
        sums: np.ndarray,
    ) -> None:
        """Dot products for sorted pairs p0..p1 (whole left groups), into ``sums``."""
        r_start = self.indptr[right_sorted[p0:p1]]
        r_len = r_len_all[p0:p1]
        first_entry = np.r_[0, np.cumsum(r_len)]
        total = int(first_entry[-1])
        # position of every entry of every right row of the chunk, in pair order
        entry_pos = np.repeat(r_start - first_entry[:-1], r_len) + np.arange(total)
        entry_cols = self.indices[entry_pos]
        products = self.data[entry_pos]
        for s, e in zip((group_starts - p0).tolist(), (group_ends - p0).tolist(), strict=True):
            item = left_sorted[p0 + s]
            lo, hi = self.indptr[item], self.indptr[item + 1]
            a, b = first_entry[s], first_entry[e]
            if lo == hi:
                products[a:b] = 0.0
                continue
            cols = self.indices[lo:hi]
            lut[cols] = self.data[lo:hi]
            products[a:b] *= lut[entry_cols[a:b]]
            lut[cols] = 0.0
        sums[p0:p1] = _segment_sums(products.astype(np.float64), first_entry)


def _segment_sums(values: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """Sum of ``values[indptr[i]:indptr[i+1]]`` for each i; empty segments give 0."""
    csum = np.concatenate(([0.0], np.cumsum(values, dtype=np.float64)))
    return csum[indptr[1:]] - csum[indptr[:-1]]
