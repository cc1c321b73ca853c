"""Export speed and memory on 100,000 reviewed claims.

Usage: python bench/export.py [--claims 100000] [--small 10000] [--keep DIR] [--no-trace]

Builds synthetic databases (inserted with plain SQL, in seconds) where every
claim is in a judged group: 10 claims per article, 4 articles per group,
a group verdict with links on every group, claim overrides on 5% of claims,
one or two history rows per verdict. Then exports each format from a fresh
subprocess (so one run's memory cannot hide another's) and prints wall time,
the output size, the process's peak RSS and how far the export raised it
above the RSS before it started, and the peak of Python allocations
(tracemalloc, in a second run, since tracing slows the export down).

Targets: json and jsonl under 10 s at 100,000 claims; jsonl memory flat,
i.e. about the same peak at --small as at --claims.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.store import open_store  # noqa: E402

FORMATS = ("json", "jsonl", "claimreview")
CLAIMS_PER_ARTICLE = 10
ARTICLES_PER_GROUP = 4
LABELS = ("supported", "disputed", "denied")
WORDS = ("pemerintah mengatakan bahwa korea utara mengirim senjata amunisi ke rusia pada "
         "tahun lalu menurut data intelijen sebanyak 1.000 kontainer dikirim melalui "
         "pelabuhan najin sebelum diangkut kereta api ke wilayah barat").split()


def build(path: Path, claims: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    db = open_store(path)
    conn = db.conn
    conn.execute("PRAGMA synchronous = OFF")
    stamp = "2024-05-01T10:00:00.000000+00:00"
    articles = claims // CLAIMS_PER_ARTICLE
    conn.execute("BEGIN")
    article_rows, claim_rows = [], []
    for a in range(1, articles + 1):
        sentences = [" ".join(rng.choice(WORDS) for _ in range(18)).capitalize() + "."
                     for _ in range(CLAIMS_PER_ARTICLE)]
        body = "\n\n".join(sentences)
        article_rows.append((a, hashlib.sha256(f"article {a}".encode()).hexdigest(),
                             f"Artikel {a}", f"Outlet {a % 40}",
                             f"2023-{1 + a % 12:02d}-{1 + a % 28:02d}T08:00:00+07:00",
                             f"Penulis {a % 300}", "JAKARTA", None, "id",
                             f"https://news.example/{a}", None, body, stamp))
        start = 0
        for j, sentence in enumerate(sentences):
            cid = (a - 1) * CLAIMS_PER_ARTICLE + j + 1
            claim_rows.append((cid, a, sentence, sentence[:-1], f"Pejabat {cid % 500}",
                               ("asserts", "denies", "disputes")[cid % 3],
                               cid % 2, start, start + len(sentence), 0.5 + (cid % 50) / 100))
            start += len(sentence) + 2
    conn.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", article_rows)
    conn.executemany("INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?)", claim_rows)
    groups: list[tuple[Any, ...]] = []
    members: list[tuple[Any, ...]] = []
    verdicts: list[tuple[Any, ...]] = []
    links: list[tuple[Any, ...]] = []
    history: list[tuple[Any, ...]] = []
    for a0 in range(0, articles, ARTICLES_PER_GROUP):
        for j in range(CLAIMS_PER_ARTICLE):
            gid = len(groups) + 1
            ids = [(a0 + k) * CLAIMS_PER_ARTICLE + j + 1
                   for k in range(ARTICLES_PER_GROUP) if a0 + k < articles]
            groups.append((gid, ids[0], "bench", "{}", stamp, stamp, None))
            members += [(cid, gid, "model", 0.8, stamp) for cid in ids]
            label = LABELS[gid % 3]
            note = "checked against the ministry statement" if gid % 3 == 0 else None
            verdicts.append((len(verdicts) + 1, gid, None, label, "desk_a", note, stamp))
            urls = [f"https://evidence.example/{gid}/{n}" for n in range(1 + gid % 2)]
            links += [(len(verdicts), url, "Source" if n == 0 else None, stamp)
                      for n, url in enumerate(urls)]
            history.append((gid, None, "set", None, label, note,
                            json.dumps([{"url": u, "title": None} for u in urls]), None, None,
                            "[]", "desk_a", stamp))
            for cid in ids:
                if cid % 20 == 0:
                    verdicts.append((len(verdicts) + 1, None, cid, "denied", "desk_b", None, stamp))
                    history.append((None, cid, "set", None, "denied", None, "[]", None, None,
                                    "[]", "desk_b", stamp))
    conn.executemany("INSERT INTO claim_groups VALUES (?,?,?,?,?,?,?)", groups)
    conn.executemany("INSERT INTO group_members VALUES (?,?,?,?,?)", members)
    conn.executemany("INSERT INTO verdicts VALUES (?,?,?,?,?,?,?)", verdicts)
    conn.executemany("INSERT INTO evidence_links (verdict_id, url, title, added_at) "
                     "VALUES (?,?,?,?)", links)
    conn.executemany("INSERT INTO verdict_history (group_id, claim_id, action, reverts, label, "
                     "note, links, prev_label, prev_note, prev_links, reviewer, at) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", history)
    conn.execute("COMMIT")
    conn.close()


def child(db_path: str, fmt: str, out: str, trace: bool) -> None:
    """One export in this process; prints a JSON line of measurements."""
    import tracemalloc

    from workbench.exchange import export_file, make_options

    db = open_store(db_path)
    options = make_options(fmt, publisher="Bench Checks",
                           url_template="https://checks.example/{group_id}") \
        if fmt == "claimreview" else make_options(fmt)
    baseline = reset_peak_rss()
    if trace:
        tracemalloc.start()
    began = time.perf_counter()
    summary = export_file(db, Path(out), fmt, options)
    seconds = time.perf_counter() - began
    traced = tracemalloc.get_traced_memory()[1] if trace else 0
    peak = peak_rss()
    print(json.dumps({"seconds": seconds, "rss_mb": peak / 1024,
                      "rss_delta_mb": (peak - baseline) / 1024, "traced_mb": traced / 2**20,
                      "bytes": Path(out).stat().st_size, "groups": summary.groups,
                      "claims": summary.claims}))


def _status_kb(key: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def reset_peak_rss() -> int:
    """Current RSS in KiB, after resetting the peak to it where Linux allows.

    ru_maxrss survives fork and exec on Linux (a child reports its parent's
    peak), so the peak is read from VmHWM, reset through /proc/self/clear_refs.
    """
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
    return _status_kb("VmRSS") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def peak_rss() -> int:
    return _status_kb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(db: Path, fmt: str, out: Path, trace: bool) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(db), fmt, str(out)] + (["--trace"] * trace),
        check=True, capture_output=True, text=True)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="Build the databases here and keep them.")
    parser.add_argument("--no-trace", action="store_true",
                        help="Skip the (slow) tracemalloc runs.")
    parser.add_argument("--child", nargs=3, metavar=("DB", "FORMAT", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.child[2], trace=args.trace)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{'claims':>8} {'format':<12} {'seconds':>8} {'output MB':>10} "
              f"{'peak RSS MB':>12} {'RSS +MB':>8} {'py peak MB':>11}")
        for size in sorted({args.small, args.claims}):
            db = folder / f"bench_{size}.db"
            if not db.exists():
                began = time.perf_counter()
                build(db, size)
                print(f"built {size:,} reviewed claims in {time.perf_counter() - began:.1f} s",
                      file=sys.stderr)
            for fmt in FORMATS:
                out = folder / f"export_{size}.{fmt}"
                timed = measure(db, fmt, out, trace=False)
                traced = {"traced_mb": float("nan")} if args.no_trace else \
                    measure(db, fmt, out, trace=True)
                print(f"{timed['claims']:>8,} {fmt:<12} {timed['seconds']:>8.2f} "
                      f"{timed['bytes'] / 2**20:>10.1f} {timed['rss_mb']:>12.0f} "
                      f"{timed['rss_delta_mb']:>8.1f} {traced['traced_mb']:>11.1f}", flush=True)


if __name__ == "__main__":
    main()
