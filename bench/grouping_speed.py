"""Grouping speed and memory at scale, on synthetic claims.

Usage:
    python bench/grouping_speed.py --n 10000 --n 100000

Part (b), ``bench_grouping``: time and peak memory of ``cluster()`` for n
synthetic claims. Vectors are random unit "claim centres" plus noise (groups
of geometric size, mean ~2.5, within-group cosine ~0.6 like real paraphrases;
centres scattered around "story" centres at cosine ~0.5, since news claims
cluster by story), and each claim gets a synthetic sentence made from its group's
base sentence with a few words swapped, some quantities and names, in one of
two languages, so the lexical, number and name signals do real work too.

Each size runs in a fresh child process so that its peak resident memory
(``ru_maxrss``) is its own; the figure includes the input vectors and texts,
which are reported separately.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DIM = 512
_SYLLABLES = [c + v for c in "bcdfghjklmnprstw" for v in "aeiou"]


def _rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def synthetic_claims(n: int, seed: int = 0) -> tuple[list[Any], np.ndarray, np.ndarray]:
    """(items, unit vectors, true group per claim) for n synthetic claims."""
    from workbench.grouping.cluster import Item

    rng = np.random.default_rng(seed)
    vocab = np.array(
        ["".join(rng.choice(_SYLLABLES, size=rng.integers(2, 4))) for _ in range(6000)]
    )
    names = np.array(["".join(rng.choice(_SYLLABLES, size=3)).title() for _ in range(800)])
    sizes = np.minimum(rng.geometric(0.4, size=n), 40)
    group = np.repeat(np.arange(n), sizes)[:n]
    n_groups = int(group.max()) + 1
    # News claims cluster by story: group centres scatter around story centres
    # (one story per ~40 groups), so the space has structure at two levels.
    stories = rng.standard_normal((max(1, n_groups // 40), DIM), dtype=np.float32)
    stories /= np.linalg.norm(stories, axis=1, keepdims=True)
    centres = stories[rng.integers(0, len(stories), size=n_groups)]
    centres += rng.standard_normal((n_groups, DIM), dtype=np.float32) / np.sqrt(DIM)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    vectors = np.empty((n, DIM), dtype=np.float32)
    for lo in range(0, n, 8192):  # in slices, so generation adds little to the peak
        block = centres[group[lo : lo + 8192]]
        block += 0.8 * rng.standard_normal(block.shape, dtype=np.float32) / np.sqrt(DIM)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        vectors[lo : lo + 8192] = block
    del centres

    base_words = rng.integers(0, len(vocab), size=(n_groups, 18))
    base_name = rng.integers(0, len(names), size=n_groups)
    base_number = rng.integers(1, 100, size=n_groups) * 1000
    group_lang = rng.random(n_groups) < 0.7
    items = []
    for i in range(n):
        g = group[i]
        words = vocab[base_words[g]].copy()
        swap = rng.random(len(words)) < 0.25  # paraphrase: a quarter of the words differ
        words[swap] = vocab[rng.integers(0, len(vocab), size=int(swap.sum()))]
        text = " ".join(words.tolist())
        if g % 3 == 0:
            text += f" {base_number[g]:,}".replace(",", ".")
        lang = "id" if (group_lang[g] if rng.random() < 0.8 else not group_lang[g]) else "en"
        items.append(Item(content=f"{names[base_name[g]]} {text}.", lang=lang,
                          speaker=str(names[(base_name[g] + 1) % len(names)])))
    return items, vectors, group


# Part (a): store / ingest / embedding figures are added here by their owner,
# as their own function called from main(); part (b) below stays independent.


def bench_grouping(n: int) -> dict[str, Any]:
    """Part (b): time and peak memory of cluster() on n synthetic claims."""
    from workbench.grouping.cluster import cluster
    from workbench.grouping.params import GroupingParams

    items, vectors, truth = synthetic_claims(n)
    rss_inputs = _rss_mb()
    params = GroupingParams()
    started = time.perf_counter()
    assignment = cluster(items, vectors, params)
    seconds = time.perf_counter() - started
    # how well the synthetic groups came back (pairs counted within true groups)
    keys = assignment.new  # no existing groups here, so every claim has a new label
    same_true = np.bincount(truth)
    true_pairs = int((same_true * (same_true - 1) // 2).sum())
    joint = np.unique(truth.astype(np.int64) * (n + 1) + keys, return_counts=True)[1]
    found_pairs = int((joint * (joint - 1) // 2).sum())
    pred = np.bincount(keys[keys >= 0])
    pred_pairs = int((pred * (pred - 1) // 2).sum())
    return {
        "n": n,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(_rss_mb(), 1),
        "inputs_rss_mb": round(rss_inputs, 1),
        "groups": assignment.n_new,
        "pair_recall": round(found_pairs / max(true_pairs, 1), 3),
        "pair_precision": round(found_pairs / max(pred_pairs, 1), 3),
        "search": "exact" if n <= params.exact_limit else f"ivf n_probe={params.n_probe}",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="claims (repeatable)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(bench_grouping(args.child)))
        return 0
    for n in args.n or [10_000, 100_000]:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n)],
            check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]
        r = json.loads(out)
        print(
            f"grouping {r['n']:>7,} claims: {r['seconds']:6.2f} s, peak RSS {r['peak_rss_mb']:7.1f} MB"
            f" (inputs {r['inputs_rss_mb']:.1f} MB), {r['groups']:,} groups, search {r['search']},"
            f" synthetic-group pair recall {r['pair_recall']:.3f} precision {r['pair_precision']:.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
