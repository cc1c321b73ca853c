"""Ingest throughput: 1,000 distinct articles into a fresh database.

Usage: python bench/ingest.py [--articles 1000]

The articles are made from the five seed fixtures with varied content (the
numbers in them changed and their paragraphs reordered), so none is a
duplicate of another. Prints articles per second for ingest plus claim
extraction, and the process's peak memory. Target on a 2-core machine:
at least 200 articles/s, peak memory under 300 MB.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.ingest.service import ingest  # noqa: E402
from workbench.store import open_store  # noqa: E402


def make_articles(target: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    sources = sorted((ROOT / "fixtures" / "articles").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    for i in range(count):
        text = texts[i % len(texts)]
        lines = text.split("\n")
        # Reorder a window of body lines and change every number.
        body = [j for j, line in enumerate(lines) if len(line.split()) > 12]
        if len(body) > 3:
            window = body[1:-1]
            shuffled = [lines[j] for j in window]
            rng.shuffle(shuffled)
            for j, line in zip(window, shuffled):
                lines[j] = line
        for j in body:  # numbers in the body only: header dates must stay valid dates
            lines[j] = re.sub(r"\b\d+\b(?![/:])", lambda m: str(int(m.group()) + rng.randint(1, 999)),
                              lines[j])
        varied = "\n".join(lines) + f"\n\nEdisi {i}.\n"
        (target / f"article_{i:05d}.txt").write_text(varied, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        make_articles(folder, args.articles)
        db = open_store(Path(tmp) / "bench.db")
        # Warm the lazy loaders (language model, date parser) outside the timing,
        # as any long run would.
        ingest(db, [str(ROOT / "fixtures" / "articles")])
        start = time.perf_counter()
        report = ingest(db, [str(folder)])
        elapsed = time.perf_counter() - start
        added = len(report.of("added"))
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"articles ingested:   {added} of {args.articles} ({len(report.of('present'))} duplicates)")
        print(f"claims extracted:    {report.claims_found}")
        print(f"elapsed:             {elapsed:.2f} s")
        print(f"throughput:          {added / elapsed:.0f} articles/s (target >= 200)")
        print(f"peak memory (RSS):   {peak_mb:.0f} MB (target < 300)")


if __name__ == "__main__":
    main()
