"""Queue order, search and rows at 100,000 claims, and the `groups` listing in that order.

Usage: python bench/queue_order.py [--claims 100000] [--repeat 3] [--no-cli]

Builds the review-latency benchmark's database (bench/review_latency.py:
synthetic claims in groups of 1 to 8) and adds what the desk's order reads:
answers between groups (30% of denials and disputes answer an assertion of
another group), canonical speakers (one in ten with an accented name), and
two reviewers' history on 10% of the groups, each labelling them
independently (the current verdict is the later one). Then times, median of
--repeat runs:

- `queue.ordered_ids` for each sort (the whole queue, as the UI loads it);
- searches: a word, a number written with group separators ("12,345" finds
  "(12345)"), an accent-free spelling of an accented name, a word that is
  nowhere (the full folding pass with nothing to order);
- `queue.rows` for a page of 100 groups, and `queue.progress`;
- unless --no-cli: `workbench groups` (first 100), `--limit 0` and `--json`
  as fresh processes, output discarded.

The targets that matter are the review app's (bench/review_latency.py): the
first screen within 1.5 s includes one `ordered_ids`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from review_latency import build  # noqa: E402

from workbench.store import open_store, queue  # noqa: E402
from workbench.store.queue import QueueFilter  # noqa: E402


def enrich(path: Path, seed: int = 5) -> tuple[int, int]:
    """Answers, speakers and two reviewers' history; returns (links, history rows)."""
    rng = random.Random(seed)
    db = open_store(path)
    conn = db.conn
    with conn:
        asserting = [r[0] for r in conn.execute("SELECT id FROM claims WHERE stance = 'asserts'")]
        answering = [r[0] for r in conn.execute("SELECT id FROM claims WHERE stance <> 'asserts'")]
        links = [(c, rng.choice(asserting), "denies", 0.8) for c in answering if rng.random() < 0.3]
        conn.executemany("INSERT OR IGNORE INTO group_answers VALUES (?, ?, ?, ?)", links)
        names = [r[0] for r in conn.execute(
            "SELECT DISTINCT speaker FROM claims WHERE speaker IS NOT NULL")]
        conn.executemany("INSERT INTO speakers (name, canonical) VALUES (?, ?)",
                         [(n, f"José Peña {n}" if i % 10 == 0 else n)
                          for i, n in enumerate(names)])
        groups = [r[0] for r in conn.execute("SELECT id FROM claim_groups")]
        labels = ["supported", "disputed", "denied", "not_checkable"]
        history = []
        for gid in rng.sample(groups, len(groups) // 10):
            previous = None
            for reviewer in ("ann", "bob"):
                label = rng.choice(labels)
                history.append((gid, "set", label, previous, reviewer, "2026-01-01T00:00:00+00:00"))
                previous = label
            conn.execute("INSERT INTO verdicts (group_id, label, reviewer, decided_at) "
                         "VALUES (?, ?, 'bob', '2026-01-01T00:00:00+00:00')", [gid, previous])
        conn.executemany(
            "INSERT INTO verdict_history (group_id, action, label, prev_label, reviewer, at) "
            "VALUES (?, ?, ?, ?, ?, ?)", history)
    conn.close()
    return len(links), len(history)


def timed(func: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-cli", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "queue.db"
        t0 = time.perf_counter()
        groups = build(path, args.claims)
        links, history = enrich(path)
        print(f"built {args.claims:,} claims in {groups:,} groups, {links:,} answer links, "
              f"{history:,} history rows of two reviewers in {time.perf_counter() - t0:.1f} s")
        db = open_store(path)
        for sort in queue.SORTS:
            took, ids = timed(lambda s=sort: queue.ordered_ids(db, None, s), args.repeat)
            print(f"ordered_ids sort={sort:<16} {ms(took)}  ({len(ids):,} groups)")  # type: ignore[arg-type]
        probe = db.execute("SELECT id FROM claims WHERE id >= 12345 ORDER BY id LIMIT 1"
                           ).fetchone()[0]
        for text in ("budget", f"{probe:,}", "jose pena", "nowhere-to-be-found"):
            took, ids = timed(lambda t=text: queue.ordered_ids(db, QueueFilter(text=t)),
                              args.repeat)
            print(f"search {text!r:<24} {ms(took)}  ({len(ids):,} groups)")  # type: ignore[arg-type]
        page = queue.ordered_ids(db)[:100]
        took, _ = timed(lambda: queue.rows(db, page), args.repeat)
        print(f"rows, a page of 100 groups        {ms(took)}")
        took, done = timed(lambda: queue.progress(db), args.repeat)
        print(f"progress                          {ms(took)}  {done}")
        db.conn.close()
        if args.no_cli:
            return
        for label, extra in (("groups", []), ("groups --limit 0", ["--limit", "0"]),
                             ("groups --json", ["--json"])):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", "from workbench.cli import main; main()",
                            "--db", str(path), "groups", *extra],
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL,
                           env={"COLUMNS": "160", "PATH": "/usr/bin:/bin"})
            print(f"workbench {label:<23} {time.perf_counter() - t0:8.2f} s (fresh process)")


if __name__ == "__main__":
    main()
