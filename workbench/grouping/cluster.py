"""Group claims that state the same thing: average linkage over a sparse pair graph.

Why average linkage: single linkage chains ("A like B like C" until unrelated
claims share a group) and complete linkage splits real groups over one poor
paraphrase; the mean score between two groups is robust to both and easy to
explain ("these two groups were merged because their claims score 0.97 on
average"). On the seed set it beats a plain cosine threshold by a wide margin
(see bench/grouping_quality.py).

A claim's density, its mean cosine to its nearest neighbours, is taken out of
its pair scores (``local_scaling``): a pair counts as close when it is closer
than the two claims usually are to their neighbours. This is what cross-lingual
embedding work calls CSLS; it lowers the scores of claims in crowded regions
(generic wording) and raises those of isolated translations.

How it scales: candidate pairs are each claim's top-k neighbours by cosine
(``neighbours.py``); the extra signals are computed on those pairs only. The
cosine part of a group-to-group mean is exact for *all* pairs at any size,
because the mean cosine of two groups of unit vectors is the dot product of
their vector sums divided by the pair count. Pairs outside the candidate
graph just contribute no extra signal. Merging is greedy, best pair first,
from a heap with lazy invalidation; a merge only rescores the merged group's
neighbours. 100,000 claims take well under a minute on two cores.

Two guards refuse a merge whatever its mean: a group never holds both a claim
and its denial (``denials_apart``; a denial is a different statement, linked to
the claim it answers as a separate step), and never two claims whose cosine is
below ``min_pair_cosine`` (complete linkage on cosine, against chaining: two
good pairs must not drag an unrelated third claim in through a high mean).

Incremental runs: claims given an ``existing_group`` start inside that group.
Existing groups are never split and never merged with each other; a new claim,
or a group of new claims, may join one when its mean score passes the threshold.
Everything else forms new groups. To regroup from scratch but keep claims a
person placed by hand, pass ``existing_group`` only for those pinned claims.
Since two existing groups never merge, a pair of two placed claims decides
nothing: its extra signals are not computed. Quantities are read for the
claims of candidate pairs only (above the exact limit, those of the new
claims' pairs; and kept between runs, readings.py); the signals' batch
statistics still cover every claim.

Above ``exact_limit`` a placed claim need not search its own neighbours
either, when an earlier run stored what its search found (``known``: its
density and its reach, the cosine of its k-th neighbour). Only the new
claims (and placed ones without a stored neighbourhood) search, against all
vectors: 10,000 new claims into 100,000 take about 2.5 s instead of 8. A new
claim's list, and so its density, is the one the full search gives it. The
candidate pairs are its list plus the other direction: each placed claim
whose list it would enter (its cosine reaches that claim's reach), looked
for in the cells that claim would probe, as the full search would. That
direction matters: a story's claims crowd one region, where a new claim's
list can fill with other groups' claims while its own group's members,
whose lists are less crowded, still list it (without it, 91.5% of the new
claims were placed as a full recompute places them). What still differs
from a full recompute, until a rebuild or a run with other neighbour
settings (both search every claim again):

- a placed claim keeps its stored density: it does not count the new claims
  that entered its list (on the bench's store it moved 0.005 on average);
- it keeps its stored reach, found among the cells of its own run (the
  k-means cells are trained on each run's batch): some pairs the full search
  would find are missed, a few it would not find are added (bench's store:
  1% and 5.6% of the new claims' pairs).

On the bench's store (bench/grouping_speed.py --compare: 10,000 new claims
into 100,000 grouped) 99.0% of the new claims are placed as a full
recompute places them, and as many join existing groups (6,752 vs 6,733).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from workbench.embed.base import normalise_rows
from workbench.grouping.context import antecedents, resolve_vectors
from workbench.grouping.neighbours import query_top_k
from workbench.grouping.params import GroupingParams
from workbench.grouping.readings import Readings
from workbench.grouping.signals import build_features, pair_extras

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Item:
    """One claim to group: its content (attribution removed), language and speaker."""

    content: str
    lang: str
    speaker: str | None = None
    #: id (>= 0) of the stored group this claim already belongs to, if any
    existing_group: int | None = None
    #: "asserts", "denies" or "disputes" as found by extraction; None if unknown
    stance: str | None = None
    #: the claim's article and its offset there, for reading a rebuttal that
    #: only points back through what it answers (context.py); None if unknown
    article_id: int | None = None
    start: int = 0


@dataclass(frozen=True)
class Neighbourhood:
    """Per claim, what its own neighbour search found, kept between runs.

    ``density``: mean cosine to its k nearest (for local scaling);
    ``reach``: cosine to its k-th nearest, the least a claim needs to enter
    its list (``min_cosine`` while it has fewer than k). NaN: unknown.
    """

    density: np.ndarray
    reach: np.ndarray


@dataclass(frozen=True)
class Assignment:
    """Where each item went. For item i exactly one of the two labels is set.

    ``existing[i]``: id of the existing group it is in, or -1.
    ``new[i]``: index 0..n_new-1 of a new group (singletons included), or -1.
    ``similarity[i]``: mean pair score to the other members of its group (the
    same units as the threshold); NaN for a claim alone in its group, and for
    a claim that came with an ``existing_group`` (its pairs with other such
    claims are not scored: they cannot change where any claim goes).
    ``neighbourhood``: each item's density and reach as the run used them
    (found by its search this run, or as given in ``known``), to be stored
    for later runs; ``searched[i]``: whether item i searched this run.
    """

    existing: np.ndarray
    new: np.ndarray
    similarity: np.ndarray
    n_new: int
    neighbourhood: Neighbourhood
    searched: np.ndarray

    def groups(self) -> dict[tuple[str, int], list[int]]:
        """Item indices by group key: ("existing", group id) or ("new", index)."""
        out: dict[tuple[str, int], list[int]] = {}
        for i, (old, fresh) in enumerate(zip(self.existing.tolist(), self.new.tolist())):
            key = ("existing", old) if old >= 0 else ("new", fresh)
            out.setdefault(key, []).append(i)
        return out


class _Clusters:
    """Mutable state of the agglomeration: sums, sizes, language counts, links."""

    def __init__(self, vectors: np.ndarray, lang: np.ndarray, cross_lingual: float) -> None:
        n = len(vectors)
        self.sums = vectors.copy()
        self.size = np.ones(n, dtype=np.float64)
        self.lang_counts = np.zeros((n, int(lang.max()) + 1 if n else 1), dtype=np.float64)
        self.lang_counts[np.arange(n), lang] = 1.0
        self.parent = np.arange(n)
        self.frozen = np.zeros(n, dtype=bool)
        self.group_id = np.full(n, -1, dtype=np.int64)
        self.version = np.zeros(n, dtype=np.int64)
        self.links: dict[int, dict[int, float]] = {}
        self.cross_lingual = cross_lingual
        #: per cluster, how many members assert, deny and dispute (for the stance guard)
        self.stances = np.zeros((n, 3), dtype=np.int64)
        #: pairs of stance columns that may not share a group
        self.apart: tuple[tuple[int, int], ...] = ()
        #: the chaining guard: every pair in a group needs at least this cosine
        self.floor = -1.0
        self.vectors = vectors
        self.members: dict[int, list[int]] = {}

    def absorb(self, keep: int, gone: int) -> None:
        """Fold cluster ``gone`` into ``keep`` (sums, counts, flags; not links)."""
        self.sums[keep] += self.sums[gone]
        self.size[keep] += self.size[gone]
        self.lang_counts[keep] += self.lang_counts[gone]
        self.stances[keep] += self.stances[gone]
        if self.floor > -1.0:
            self.members.setdefault(keep, [keep]).extend(self.members.pop(gone, [gone]))
        if self.frozen[gone]:
            self.frozen[keep] = True
            self.group_id[keep] = self.group_id[gone]
        self.parent[gone] = keep
        self.version[keep] += 1

    def mean_scores(self, a: np.ndarray, b: np.ndarray, extras: np.ndarray) -> np.ndarray:
        """Mean pair score between clusters a[p] and b[p], given their extras sums."""
        out = np.empty(len(a), dtype=np.float64)
        for lo in range(0, len(a), 65536):  # bounded temporaries for big edge lists
            sa, sb = a[lo : lo + 65536], b[lo : lo + 65536]
            cos = np.einsum("ij,ij->i", self.sums[sa], self.sums[sb], dtype=np.float64)
            pairs = self.size[sa] * self.size[sb]
            same = np.einsum("ij,ij->i", self.lang_counts[sa], self.lang_counts[sb])
            total = cos + self.cross_lingual * (pairs - same) + extras[lo : lo + 65536]
            out[lo : lo + 65536] = total / pairs
        return out

    def mean_scores_to(self, c: int, others: np.ndarray, extras: np.ndarray) -> np.ndarray:
        """``mean_scores`` from one cluster ``c`` to each of ``others`` (one matvec)."""
        cos = self.sums[others] @ self.sums[c]
        pairs = self.size[others] * self.size[c]
        same = self.lang_counts[others] @ self.lang_counts[c]
        return (cos + self.cross_lingual * (pairs - same) + extras) / pairs

    def may_merge(self, x: int, y: int) -> bool:
        """False when the merge would put a denial (or dispute) with an assertion."""
        sx, sy = self.stances[x], self.stances[y]
        for a, b in self.apart:
            if (sx[a] and sy[b]) or (sx[b] and sy[a]):
                return False
        if self.floor > -1.0:
            # complete linkage on cosine: the farthest pair of the merged group.
            # Groups of news claims are small; a big one is checked through an
            # evenly spaced sample of its members, so a merge costs at most
            # _GUARD_SAMPLE^2 dot products and a run stays linear.
            left = _spread(self.members.get(x, [x]), _GUARD_SAMPLE)
            right = _spread(self.members.get(y, [y]), _GUARD_SAMPLE)
            if (self.vectors[left] @ self.vectors[right].T).min() < self.floor:
                return False
        return True

    def roots(self) -> np.ndarray:
        root = self.parent.copy()
        while True:
            nxt = root[root]
            if np.array_equal(nxt, root):
                return root
            root = nxt


def cluster(
    items: Sequence[Item],
    vectors: np.ndarray,
    params: GroupingParams | None = None,
    progress: Progress | None = None,
    *,
    score_placed_pairs: bool = False,
    known: Neighbourhood | None = None,
    readings: Readings | None = None,
) -> Assignment:
    """Group ``items`` (row i of ``vectors`` embeds item i). See the module docstring.

    ``progress(done, total)`` is called as work proceeds; ``total`` is 3 * n
    (neighbour search, signals, merging) and ``done`` only grows.

    Pairs of two claims that both came with an ``existing_group`` are not
    scored: both sides start frozen and frozen groups never merge, so no such
    pair can change where a claim goes, and in an incremental run they are
    nearly all the pairs. ``score_placed_pairs=True`` scores them anyway (the
    same assignment, plus a ``similarity`` for those claims too).

    ``known``: per item, the neighbourhood an earlier run found for it (NaN
    where none). Above ``params.exact_limit`` a placed claim with a known
    one does not search its neighbours (see "Incremental runs" in the module
    docstring); ignored with ``score_placed_pairs=True``, the full computation.

    ``readings``: per item, the quantities and glossary concepts an earlier
    run read from its text (readings.py); what this run reads is filled in.
    """
    params = params or GroupingParams()
    n = len(items)
    if vectors.shape[0] != n:
        raise ValueError(f"{n} items but {vectors.shape[0]} vectors")
    if known is not None and not len(known.density) == len(known.reach) == n:
        raise ValueError(f"{n} items but {len(known.density)} known neighbourhoods")
    if readings is not None and len(readings) != n:
        raise ValueError(f"{n} items but {len(readings)} readings")
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Assignment(empty, empty.copy(), np.zeros(0, dtype=np.float32), 0,
                          Neighbourhood(np.zeros(0), np.zeros(0)), np.zeros(0, dtype=bool))
    report = progress or (lambda done, total: None)
    vecs = _unit_rows(vectors)
    # "This is false" is grouped by what it calls false (context.py)
    pointing = antecedents(items) if params.rebuttal_context > 0 else {}
    vecs = resolve_vectors(items, vecs, params.rebuttal_context, pointing)
    placed = np.fromiter((it.existing_group is not None for it in items), dtype=bool, count=n)

    # Who searches its neighbours: every claim, except in an incremental run
    # above the exact limit, where a placed claim whose neighbourhood is
    # known only waits to be found (see the module docstring).
    searched = np.ones(n, dtype=bool)
    reach = None
    if known is not None and not score_placed_pairs and n > params.exact_limit:
        searched = ~(placed & np.isfinite(known.density) & np.isfinite(known.reach))
        reach = np.where(searched, np.inf, known.reach)
    queries = np.flatnonzero(searched)
    # candidate pairs: each searching claim's top-k neighbours, and each
    # waiting claim's pairs with the searching claims that enter its top-k
    idx, sims, entered = query_top_k(
        vecs,
        queries,
        params.k,
        exact_limit=params.exact_limit,
        n_probe=params.n_probe,
        min_cosine=params.min_cosine,
        progress=lambda done, total: report(done * n // max(total, 1), 3 * n),
        reach=reach,
    )
    found = idx.ravel() >= 0
    left, right, cos = _edges(
        np.r_[np.repeat(queries, idx.shape[1])[found], entered.vector],
        np.r_[idx.ravel()[found], queries[entered.query]],
        np.r_[sims.ravel()[found], entered.sims],
        n,
    )
    neighbourhood = Neighbourhood(np.empty(n, dtype=np.float64), np.empty(n, dtype=np.float64))
    neighbourhood.density[queries], neighbourhood.reach[queries] = _local_density(
        idx, sims, params.min_cosine)
    if known is not None:
        waiting = ~searched
        neighbourhood.density[waiting] = known.density[waiting]
        neighbourhood.reach[waiting] = known.reach[waiting]
    density = neighbourhood.density
    del idx, sims, entered
    # A pair of two claims that came in groups never decides anything: both
    # sides start frozen, and frozen groups never merge (see _agglomerate),
    # so its extra signals are left at 0 (an incremental run: most pairs).
    if score_placed_pairs:
        placed[:] = False
    scored = ~(placed[left] & placed[right])
    # quantities are read only for the claims of candidate pairs (reading
    # them is the costliest per-claim step), scored or not, so that their
    # IDF (a shared figure's rarity) does not depend on which claims came
    # placed; in an incremental run above the exact limit every candidate
    # pair has a new claim anyway. The other signals' statistics (names,
    # n-gram IDF) come from the whole batch, so every claim counts.
    in_pairs = np.zeros(n, dtype=bool)
    in_pairs[left] = in_pairs[right] = True
    # glossary concepts: read for the claims of the candidate pairs the
    # glossary weighs (across languages, unless glossary_same), scored or
    # not, so their IDF does not depend on which claims came placed
    lang_code = np.unique([it.lang for it in items], return_inverse=True)[1]
    weighed = (np.ones(len(left), dtype=bool) if params.glossary_same
               else lang_code[left] != lang_code[right])
    in_glossary = np.zeros(n, dtype=bool)
    in_glossary[left[weighed]] = in_glossary[right[weighed]] = True
    features = build_features(
        [it.content for it in items],
        [it.speaker for it in items],
        [it.lang for it in items],
        [it.stance for it in items],
        quantities_of=in_pairs,
        # the names' weights are 0 by default: their analysis would add nothing
        names=bool(params.entities or params.entities_cross_lingual),
        glossary=bool(params.glossary or params.glossary_same),
        concepts_of=in_glossary,
        readings=readings,
    )
    extras = np.zeros(len(left), dtype=np.float64)
    extras[scored] = pair_extras(features, left[scored], right[scored], params)
    if params.local_scaling and len(left):
        extras[scored] += params.local_scaling * (
            density.mean() - (density[left[scored]] + density[right[scored]]) / 2
        )
    report(2 * n, 3 * n)

    state = _Clusters(vecs, features.lang, params.cross_lingual)
    state.stances[np.arange(n), [_STANCE_COLUMN.get(it.stance or "", 0) for it in items]] = 1
    state.floor = params.min_pair_cosine
    state.apart = tuple(
        pair for pair, on in (((0, 1), params.denials_apart), ((0, 2), params.disputes_apart)) if on
    )
    _seed_existing_groups(state, items)
    _agglomerate(
        state, left, right, cos, extras, params.threshold, lambda m: report(2 * n + m, 3 * n),
        score_frozen_pairs=score_placed_pairs,
    )
    root = state.roots()
    report(3 * n, 3 * n)
    return _assignment(state, root, vecs, features.lang, left, right, extras, placed,
                       neighbourhood, searched)


#: members per side that the chaining guard compares (see _Clusters.may_merge)
_GUARD_SAMPLE = 128


def _spread(members: list[int], limit: int) -> list[int]:
    """At most ``limit`` members, evenly spaced (all of them if there are fewer)."""
    if len(members) <= limit:
        return members
    step = len(members) / limit
    return [members[int(i * step)] for i in range(limit)]


#: stance -> column of ``_Clusters.stances``; anything else counts as asserting
_STANCE_COLUMN = {"asserts": 0, "denies": 1, "disputes": 2}


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    """The vectors as unit-length float32 rows, copied only if they are not already.

    Embedders return unit rows; not copying 100,000 x 512 floats saves 200 MB.
    """
    if vectors.dtype == np.float32 and vectors.ndim == 2 and vectors.flags.c_contiguous:
        norms = np.einsum("ij,ij->i", vectors, vectors)
        if len(norms) == 0 or np.abs(norms - 1.0).max() < 1e-3:
            return vectors
    return normalise_rows(vectors)


def _local_density(
    idx: np.ndarray, sims: np.ndarray, floor: float
) -> tuple[np.ndarray, np.ndarray]:
    """Each claim's mean cosine to its k nearest neighbours (a missing one
    counts as ``floor``), and its reach: the cosine of the k-th (``floor``
    when it has fewer; +inf when k is 0, as no claim can enter its list).

    Some claims sit in dense regions of the encoder's space (generic
    wording, one language's typical phrasing) and score high against
    everything near them; others are isolated. Subtracting the pair's mean
    density and adding back the batch mean (cross-domain similarity local
    scaling, as used to match translations across embedding spaces) rewards
    a pair for being closer than each claim usually is to its neighbours.
    """
    valid = (idx >= 0) & np.isfinite(sims)
    filled = np.where(valid, np.maximum(sims, floor), floor).astype(np.float64)
    if filled.shape[1] == 0:
        return np.full(len(idx), floor, dtype=np.float64), np.full(len(idx), np.inf)
    return filled.mean(axis=1), filled[:, -1]


def _edges(
    rows: np.ndarray, cols: np.ndarray, sims: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unique undirected (left < right) candidate pairs and their cosines,
    from found pairs (``rows[p]``, ``cols[p]``) of similarity ``sims[p]``."""
    lo, hi = np.minimum(rows, cols), np.maximum(rows, cols)
    key, first = np.unique(lo * n + hi, return_index=True)
    return key // n, key % n, sims[first].astype(np.float64)


def _seed_existing_groups(state: _Clusters, items: Sequence[Item]) -> None:
    first: dict[int, int] = {}
    for i, item in enumerate(items):
        gid = item.existing_group
        if gid is None:
            continue
        if gid < 0:
            raise ValueError(f"existing group ids must be >= 0, got {gid}")
        if gid in first:
            state.absorb(first[gid], i)
        else:
            first[gid] = i
            state.frozen[i] = True
            state.group_id[i] = gid


def _agglomerate(
    state: _Clusters,
    left: np.ndarray,
    right: np.ndarray,
    cos: np.ndarray,
    extras: np.ndarray,
    threshold: float,
    report: Callable[[int], None],
    *,
    score_frozen_pairs: bool = False,
) -> None:
    """Greedy average linkage: merge the best pair of clusters while it passes."""
    n = len(state.size)
    root = state.roots()
    a, b = root[left], root[right]
    between = a != b
    a, b = np.minimum(a[between], b[between]), np.maximum(a[between], b[between])
    key, first, inverse = np.unique(a * n + b, return_index=True, return_inverse=True)
    summed = np.bincount(inverse, weights=extras[between], minlength=len(key))
    ca, cb = key // n, key % n
    # Two single claims score their own pair, whose cosine the search gave;
    # only pairs touching an existing group need the vector sums.
    single = (state.size[ca] == 1) & (state.size[cb] == 1)
    # Two existing groups never merge: their pairs are not scored, only linked
    # (the links' count picks which side of a merge keeps its index).
    open_pair = ~(state.frozen[ca] & state.frozen[cb])
    means = np.full(len(key), -np.inf, dtype=np.float64)
    cross = state.cross_lingual * (
        state.lang_counts[ca[single]] != state.lang_counts[cb[single]]
    ).any(axis=1)
    means[single] = cos[between][first[single]] + cross + summed[single]
    rest = ~single if score_frozen_pairs else ~single & open_pair
    means[rest] = state.mean_scores(ca[rest], cb[rest], summed[rest])
    _build_links(state, ca, cb, summed)
    allowed = (means >= threshold) & open_pair
    links = state.links
    version = state.version
    heap = [
        (-m, x, y, int(version[x]), int(version[y]))
        for m, x, y in zip(means[allowed].tolist(), ca[allowed].tolist(), cb[allowed].tolist())
    ]
    heapq.heapify(heap)
    merges = 0
    while heap:
        _, x, y, vx, vy = heapq.heappop(heap)
        if state.parent[x] != x or state.parent[y] != y or version[x] != vx or version[y] != vy:
            continue  # stale: one side merged since this entry was pushed
        if not state.may_merge(x, y):
            continue
        keep, gone = (x, y) if len(links.get(x, ())) >= len(links.get(y, ())) else (y, x)
        state.absorb(keep, gone)
        keep_links = links.setdefault(keep, {})
        keep_links.pop(gone, None)
        for other, s in links.pop(gone, {}).items():
            if other == keep:
                continue
            keep_links[other] = keep_links.get(other, 0.0) + s
            other_links = links[other]
            other_links[keep] = other_links.get(keep, 0.0) + other_links.pop(gone)
        merges += 1
        if merges % 1024 == 0:
            report(merges)
        if not keep_links:
            continue
        others = np.fromiter(keep_links.keys(), dtype=np.int64, count=len(keep_links))
        sums = np.fromiter(keep_links.values(), dtype=np.float64, count=len(keep_links))
        means = state.mean_scores_to(keep, others, sums)
        allowed = means >= threshold
        if state.frozen[keep]:
            allowed &= ~state.frozen[others]
        for m, other in zip(means[allowed].tolist(), others[allowed].tolist()):
            x, y = (keep, other) if keep < other else (other, keep)
            heapq.heappush(heap, (-m, x, y, int(version[x]), int(version[y])))


def _build_links(state: _Clusters, ca: np.ndarray, cb: np.ndarray, summed: np.ndarray) -> None:
    """``state.links[c]``: {linked cluster: summed extras}, both directions.

    Built per cluster with one ``dict(zip(...))`` over a sorted slice, which
    is several times faster than millions of single insertions.
    """
    if len(ca) == 0:
        return
    src = np.concatenate([ca, cb])
    order = np.argsort(src, kind="stable")
    src = src[order]
    dst = np.concatenate([cb, ca])[order].tolist()
    val = np.concatenate([summed, summed])[order].tolist()
    starts = np.flatnonzero(np.r_[True, src[1:] != src[:-1]])
    ends = np.r_[starts[1:], len(src)].astype(np.int64)
    links = state.links
    for c, lo, hi in zip(src[starts].tolist(), starts.tolist(), ends.tolist(), strict=True):
        links[c] = dict(zip(dst[lo:hi], val[lo:hi], strict=True))


def _assignment(
    state: _Clusters,
    root: np.ndarray,
    vecs: np.ndarray,
    lang: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    extras: np.ndarray,
    placed: np.ndarray,
    neighbourhood: Neighbourhood,
    searched: np.ndarray,
) -> Assignment:
    n = len(root)
    frozen = state.frozen[root]
    existing = np.where(frozen, state.group_id[root], -1)
    # new groups numbered in order of their first item
    new = np.full(n, -1, dtype=np.int64)
    fresh_roots, first_seen = np.unique(root[~frozen], return_index=True)
    order = np.argsort(first_seen)
    index_of = np.full(n, -1, dtype=np.int64)
    index_of[fresh_roots[order]] = np.arange(len(fresh_roots))
    new[~frozen] = index_of[root[~frozen]]

    # each item's mean score to the rest of its group, as in the clustering
    size = state.size[root]
    cos = np.einsum("ij,ij->i", vecs, state.sums[root], dtype=np.float64) - 1.0
    other_lang = size - state.lang_counts[root, lang]
    inside = root[left] == root[right]
    item_extras = np.bincount(left[inside], weights=extras[inside], minlength=n)
    item_extras += np.bincount(right[inside], weights=extras[inside], minlength=n)
    total = cos + state.cross_lingual * other_lang + item_extras
    with np.errstate(invalid="ignore", divide="ignore"):
        similarity = np.where((size > 1) & ~placed, total / (size - 1), np.nan)
    similarity = similarity.astype(np.float32)
    return Assignment(existing=existing, new=new, similarity=similarity, n_new=len(fresh_roots),
                      neighbourhood=neighbourhood, searched=searched)
