"""Review UI latency on a large database: first screen, and key press to commit.

Usage: python bench/review_latency.py [--claims 100000] [--presses 200]

Builds a database of synthetic claims (10 per article, in groups of 1 to 8,
inserted directly with SQL), then runs the real review app headless:

- first screen: from opening the store and building the app to the queue
  showing its first rows (the order query done, the first page loaded);
- key -> commit: for each of --presses presses of s/d/x (moving down a row
  between them), the time until a second connection sees the verdict row,
  and until the UI's status line reports it saved;
- search: a word typed into `/` until the filtered queue is shown.

Pilot.press returns only when the app is idle again (well over 100 ms), so
the commit and the UI's report are watched concurrently from the moment a
key is sent, not timed around the press.

Targets: first screen under 1.5 s, median key -> commit under 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual.widgets import Input, Static  # noqa: E402

from workbench.store import open_store  # noqa: E402
from workbench.store.articles import now  # noqa: E402
from workbench.tui import Settings, make_app  # noqa: E402
from workbench.tui.screens.queue import SEARCH_DELAY  # noqa: E402
from workbench.tui.widgets.queue_list import QueueList  # noqa: E402

WORDS = ("minister said army troops border million percent election vote budget tax rate "
         "report government rebels ceasefire weapons shipment denied evidence").split()


def build(path: Path, claims: int, seed: int = 3) -> int:
    """A database of `claims` synthetic claims in groups; returns the number of groups."""
    rng = random.Random(seed)
    db = open_store(path)
    outlets = [f"Outlet {i}" for i in range(40)]
    languages = ["en", "de", "fr", "id", "es", "ru"]
    speakers = [f"Speaker {i}" for i in range(800)]
    per_article = 10
    stamp = now()
    with db.conn:
        db.conn.executemany(
            """INSERT INTO articles (id, sha256, title, outlet, published, language, body,
                   ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [(a, f"{a:064x}", f"Article {a}", rng.choice(outlets),
              f"2024-01-{1 + a % 28:02d}T10:00:00+00:00", rng.choice(languages),
              "\n\n".join(f"Paragraph {k} of article {a}." for k in range(per_article)), stamp)
             for a in range(1, claims // per_article + 1)])
        rows = []
        for cid in range(1, claims + 1):
            article, k = (cid - 1) // per_article + 1, (cid - 1) % per_article
            text = " ".join(rng.choice(WORDS) for _ in range(12)) + f" ({cid})."
            start = sum(len(f"Paragraph {j} of article {article}.") + 2 for j in range(k))
            rows.append((cid, article, text, text,
                         rng.choice(speakers) if rng.random() < 0.7 else None,
                         rng.choice(["asserts", "denies", "disputes"]), 0, start, start + 10,
                         round(rng.random(), 3)))
        db.conn.executemany(
            """INSERT INTO claims (id, article_id, text, content, speaker, stance, quote,
                   span_start, span_end, checkworthiness) VALUES (?,?,?,?,?,?,?,?,?,?)""", rows)
        order = list(range(1, claims + 1))
        rng.shuffle(order)
        groups: list[tuple[object, ...]] = []
        members: list[tuple[object, ...]] = []
        index = 0
        while index < len(order):
            size = rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 8])
            chunk = order[index : index + size]
            best = max(chunk, key=lambda c: (rows[c - 1][9], -c))
            groups.append((len(groups) + 1, best, "bench", "{}", stamp, stamp))
            members += [(c, len(groups), "model", 0.9, stamp) for c in chunk]
            index += size
        db.conn.executemany(
            """INSERT INTO claim_groups (id, representative_claim_id, model, method, created_at,
                   updated_at) VALUES (?, ?, ?, ?, ?, ?)""", groups)
        db.conn.executemany(
            """INSERT INTO group_members (claim_id, group_id, assigned_by, similarity,
                   assigned_at) VALUES (?, ?, ?, ?, ?)""", members)
    db.conn.close()
    return len(groups)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


@dataclass
class Results:
    first_screen: float = 0.0
    groups: int = 0
    commit: list[float] = field(default_factory=list)
    shown: list[float] = field(default_factory=list)
    search: float = 0.0
    search_hits: int = 0


async def measure(path: Path, presses: int) -> Results:
    started = time.perf_counter()
    app = make_app(open_store(path), Settings(reviewer="bench"))
    results = Results()
    async with app.run_test(size=(120, 40)) as pilot:
        queue = app.screen.query_one(QueueList)
        while queue.selected_row is None:
            await asyncio.sleep(0.002)
        results.first_screen = time.perf_counter() - started
        results.groups = len(queue.ids)

        # Pilot.press returns only once the app is idle again, so the commit and
        # the UI's report are watched concurrently, from the moment the key is sent.
        reader = sqlite3.connect(path)
        status = app.screen.query_one("#status", Static)
        commit, shown = results.commit, results.shown
        for i in range(presses):
            key = "sdx"[i % 3]
            label = {"s": "supported", "d": "disputed", "x": "denied"}[key]
            group_id = queue.selected_id

            async def watch(t0: float, group_id: int | None = group_id,
                            label: str = label) -> tuple[float, float]:
                committed_at = None
                while True:
                    if committed_at is None and reader.execute(
                            "SELECT 1 FROM verdicts WHERE group_id = ? AND label = ?",
                            [group_id, label]).fetchone():
                        committed_at = time.perf_counter() - t0
                    if committed_at is not None and str(status.content).startswith(
                            f"saved: group {group_id} → {label}"):
                        return committed_at, time.perf_counter() - t0
                    await asyncio.sleep(0.0002)

            t0 = time.perf_counter()
            watcher = asyncio.create_task(watch(t0))
            await pilot.press(key)
            to_commit, to_shown = await watcher
            commit.append(to_commit)
            shown.append(to_shown)
            await pilot.press("j")
        reader.close()

        before = list(queue.ids)
        await pilot.press("slash")
        t0 = time.perf_counter()
        app.screen.query_one("#search", Input).value = "budget"
        while queue.ids == before or queue.selected_row is None:
            await asyncio.sleep(0.002)
        results.search = time.perf_counter() - t0
        results.search_hits = len(queue.ids)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--presses", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        groups = build(path, args.claims)
        print(f"built {args.claims:,} claims in {groups:,} groups in "
              f"{time.perf_counter() - t0:.1f} s")
        r = asyncio.run(measure(path, args.presses))
    commit, shown = sorted(r.commit), sorted(r.shown)
    p95 = max(0, int(len(commit) * 0.95) - 1)
    print(f"first screen (store open -> queue rows shown): {ms(r.first_screen)} "
          f"for {r.groups:,} groups  [target < 1500 ms]")
    print(f"key -> commit (second connection sees it), {len(commit)} presses: "
          f"median {ms(statistics.median(commit))}, p95 {ms(commit[p95])}, "
          f"max {ms(commit[-1])}  [target median < 50 ms]")
    print(f"key -> UI says saved: median {ms(statistics.median(shown))}, "
          f"p95 {ms(shown[p95])}")
    print(f"search 'budget' typed -> filtered queue shown: {ms(r.search)} "
          f"({r.search_hits:,} groups; includes the {SEARCH_DELAY * 1000:.0f} ms typing pause)")
    print(f"importing the UI in a fresh process: {ms(import_time())} (not in the figures above)")


def import_time() -> float:
    code = ("import time; t = time.perf_counter(); import workbench.tui, workbench.store; "
            "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip())


if __name__ == "__main__":
    main()
