"""Export speed and memory on 100,000 reviewed claims.

Usage: python bench/export.py [--claims 100000] [--small 10000] [--keep DIR] [--no-trace]
                              [--table-groups 100000] [--claims-per-group 1]
                              [--import-only]

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

Then, on a store of --table-groups groups (--claims-per-group claims each,
every group judged): the plain `workbench groups` table (default cap),
`groups --limit 0` (all, streamed as plain lines), `groups --json`, and
`workbench import` of that store's jsonl and json exports into empty databases
(a kept json export written before exports put the articles first is made again),
each as its own `workbench` command in a fresh process: wall seconds and
the process's CPU seconds (all threads, and the main thread's) and peak RSS. Targets: the table and the import
each within 5 s and 300 MB at 100,000 groups. `--import-only` runs just the
two imports (the export table and the listings are skipped).
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


def build(path: Path, claims: int, seed: int = 3,
          articles_per_group: int = ARTICLES_PER_GROUP) -> None:
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
    conn.executemany("INSERT INTO articles (id, sha256, title, outlet, published, author, "
                     "dateline, wire, language, url, path, body, ingested_at) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", article_rows)
    conn.executemany("INSERT INTO claims (id, article_id, text, content, speaker, stance, quote, "
                     "span_start, span_end, checkworthiness) VALUES (?,?,?,?,?,?,?,?,?,?)",
                     claim_rows)
    groups: list[tuple[Any, ...]] = []
    members: list[tuple[Any, ...]] = []
    verdicts: list[tuple[Any, ...]] = []
    links: list[tuple[Any, ...]] = []
    history: list[tuple[Any, ...]] = []
    for a0 in range(0, articles, articles_per_group):
        for j in range(CLAIMS_PER_ARTICLE):
            gid = len(groups) + 1
            ids = [(a0 + k) * CLAIMS_PER_ARTICLE + j + 1
                   for k in range(articles_per_group) if a0 + k < articles]
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
    # Columns named: later migrations add columns (merged_into, published_text, ...).
    conn.executemany("INSERT INTO claim_groups (id, representative_claim_id, model, method, "
                     "created_at, updated_at, merged_into) VALUES (?,?,?,?,?,?,?)", groups)
    conn.executemany("INSERT INTO group_members (claim_id, group_id, assigned_by, similarity, "
                     "assigned_at) VALUES (?,?,?,?,?)", members)
    conn.executemany("INSERT INTO verdicts (id, group_id, claim_id, label, reviewer, note, "
                     "decided_at) VALUES (?,?,?,?,?,?,?)", verdicts)
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


def cli_child(result_file: str, args: list[str]) -> None:
    """One `workbench` command in this process, its output thrown away; writes
    {seconds, cpu, rss_mb} to `result_file`. Imports count, as they do for a user.
    CPU seconds (user + system, the whole process) say what the command costs
    when other work shares the cores and stretches the wall time; the main
    thread's CPU seconds are the import's critical path when its second
    thread (SQLite writing a batch) has a core of its own."""
    import contextlib
    import os

    baseline_started = time.perf_counter()
    reset_peak_rss()
    from workbench.cli import main

    sys.argv = ["workbench", *args]
    code = 0
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        try:
            main()
        except SystemExit as exc:
            code = int(exc.code or 0)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    Path(result_file).write_text(json.dumps({
        "seconds": time.perf_counter() - baseline_started, "rss_mb": peak_rss() / 1024,
        "cpu": usage.ru_utime + usage.ru_stime, "main_cpu": time.thread_time(),
        "exit": code}))


def measure_cli(args: list[str], folder: Path) -> dict[str, float]:
    result_file = folder / "cli_result.json"
    began = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--cli-child", str(result_file), *args],
                   check=True, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - began
    found = dict(json.loads(result_file.read_text()))
    found["wall"] = wall
    return found


def table_and_import(folder: Path, groups: int, per_group: int,
                     import_only: bool = False) -> None:
    """Listing and import figures on a store of `groups` judged groups."""
    db = folder / f"groups_{groups}x{per_group}.db"
    if not db.exists():
        began = time.perf_counter()
        build(db, groups * per_group, articles_per_group=per_group)
        print(f"built {groups:,} groups of {per_group} claims in "
              f"{time.perf_counter() - began:.1f} s", file=sys.stderr)
    export = folder / f"groups_{groups}x{per_group}.jsonl"
    document = folder / f"groups_{groups}x{per_group}.json"
    for path, fmt in ((export, "jsonl"), (document, "json")):
        if not path.exists() or (fmt == "json" and not _articles_first(path)):
            measure_cli(["--db", str(db), "export", "--format", fmt, "-o", str(path)], folder)
    targets = [folder / f"imported_{groups}x{per_group}_{fmt}.db" for fmt in ("jsonl", "json")]
    for target in targets:
        for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
    print(f"\n{groups:,} groups of {per_group} claims "
          f"(export {export.stat().st_size / 2**20:.0f} MB)")
    print(f"{'command':<32} {'wall s':>8} {'in-process s':>13} {'CPU s':>7} "
          f"{'main CPU s':>11} {'peak RSS MB':>12}")
    runs = [("groups (table, default cap)", ["--db", str(db), "groups"]),
            ("groups --limit 0 (all, lines)", ["--db", str(db), "groups", "--limit", "0"]),
            ("groups --json", ["--db", str(db), "groups", "--json"]),
            ("import (jsonl, empty db)", ["--db", str(targets[0]), "import", str(export)]),
            ("import (json, empty db)", ["--db", str(targets[1]), "import", str(document)])]
    for label, args in runs[3:] if import_only else runs:
        found = measure_cli(args, folder)
        failed = "" if not found["exit"] else f"  (exit {found['exit']})"
        print(f"{label:<32} {found['wall']:>8.2f} {found['seconds']:>13.2f} "
              f"{found['cpu']:>7.2f} {found['main_cpu']:>11.2f} {found['rss_mb']:>12.0f}"
              f"{failed}", flush=True)


def _articles_first(document: Path) -> bool:
    """Whether a kept JSON export has its articles before its groups, as exports
    now write them (read in one pass); an older one is exported again."""
    with document.open(encoding="utf-8") as stream:
        head = stream.read(1 << 16)
    articles, groups = head.find('\n  "articles": '), head.find('\n  "groups": ')
    return articles != -1 and (groups == -1 or articles < groups)


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
    parser.add_argument("--table-groups", type=int, default=100_000,
                        help="Groups in the store for the listing and import figures (0: skip).")
    parser.add_argument("--claims-per-group", type=int, default=1)
    parser.add_argument("--import-only", action="store_true",
                        help="Only the two imports of the --table-groups store.")
    parser.add_argument("--child", nargs=3, metavar=("DB", "FORMAT", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    if len(sys.argv) > 2 and sys.argv[1] == "--cli-child":
        cli_child(sys.argv[2], sys.argv[3:])
        return
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.child[2], trace=args.trace)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        sizes = [] if args.import_only else sorted({args.small, args.claims})
        if sizes:
            print(f"{'claims':>8} {'format':<12} {'seconds':>8} {'output MB':>10} "
                  f"{'peak RSS MB':>12} {'RSS +MB':>8} {'py peak MB':>11}")
        for size in sizes:
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
        if args.table_groups:
            table_and_import(folder, args.table_groups, args.claims_per_group,
                             args.import_only)


if __name__ == "__main__":
    main()
