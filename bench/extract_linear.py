"""Ingest time grows linearly with input size, whatever shape the text has.

Usage: python bench/extract_linear.py [--max-kb 1024] [--shape NAME ...]

A news page is kilobytes, but ingest must not be a denial of service for a
pasted dump or a hostile file: every regex and loop in reading, cleaning and
extraction has to stay linear. This times the whole ingest of one file
(read, decode, page parsing, claim extraction, the write into a fresh SQLite
file) on adversarial shapes at sizes 64 KB .. 1 MB and prints the seconds per
size and the growth ratio between consecutive sizes.
A ratio near 2 is linear; near 4 is quadratic. Targets on a 2-core machine:
the issue's case (1 MB of unbalanced curly quotes, once 48 s for 320 KB) in
under 2 s, and every shape at about x2 per doubling.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.ingest.service import ingest  # noqa: E402
from workbench.store import open_store  # noqa: E402


def _repeat(unit: str, size: int) -> str:
    return unit * (size // len(unit) + 1)


# Each shape is one paragraph of about `size` characters that ends like a
# sentence, so it passes the prose test and reaches extraction.
SHAPES: dict[str, Callable[[int], str]] = {
    # opening curly quotes that never close: the case measured at 48 s for 320 KB
    "unbalanced_quotes": lambda n: _repeat("Kata “juru bicara itu menyebut angka ", n) + "selesai.",
    # closing quotes and commas only, as a broken paste leaves them
    "closing_quotes": lambda n: _repeat("kata mereka,” ujar dia ", n) + "selesai.",
    # one giant paragraph with no punctuation at all
    "no_punctuation": lambda n: _repeat("Presiden mengatakan bahwa pemerintah akan ", n) + "selesai.",
    "commas": lambda n: "Menurut Juru Bicara Kremlin Dmitry Peskov " + _repeat("a, ", n) + "selesai.",
    "nested_brackets": lambda n: "Dia mengatakan bahwa harga " + "([" * (n // 4) + "{x} " + "])" * (n // 4)
    + " naik lagi tahun ini.",
    # many tiny sentences: the sentence splitter's own loop
    "short_sentences": lambda n: _repeat("Dia bilang 3M naik. ", n),
    # a speaker-first wrapper whose verb never comes
    "speaker_no_verb": lambda n: _repeat("Juru Bicara Kremlin Dmitry Peskov ", n) + "selesai.",
    # a run of dots or abbreviations the splitter must not rescan at each mark
    "dot_run": lambda n: "Dia mengatakan bahwa harga naik lagi" + "." * n + " Lalu turun.",
    "abbreviations": lambda n: _repeat("Bpk. Agus di Jl. Sudirman no. ", n) + "selesai.",
    "digits_and_dots": lambda n: _repeat("1.000.000,5 ", n) + "Rp selesai.",
}


def page(shape: str, size: int) -> bytes:
    body = SHAPES[shape](size)
    return f"Judul berita uji\n\n{body}\n".encode()


def time_once(data: bytes) -> tuple[float, str]:
    """Seconds to ingest `data` as one file into a fresh database, and the outcome."""
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "page.txt"
        page_file.write_bytes(data)
        db = open_store(Path(tmp) / "bench.db")
        start = time.perf_counter()
        (outcome,) = ingest(db, [str(page_file)]).outcomes
        seconds = time.perf_counter() - start
        db.conn.close()
    if outcome.status == "added":
        return seconds, f"{outcome.claims} claims"
    return seconds, f"{outcome.status}: {outcome.reason}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-kb", type=int, default=1024)
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES))
    args = parser.parse_args()
    sizes = []
    kb = 64
    while kb <= args.max_kb:
        sizes.append(kb)
        kb *= 2
    time_once(page("short_sentences", 1024))  # warm up lazy imports (language model)
    worst = 0.0
    for shape in args.shape or list(SHAPES):
        previous = None
        for kb in sizes:
            seconds, result = time_once(page(shape, kb * 1024))
            ratio = f"x{seconds / previous:.1f}" if previous else ""
            print(f"{shape:18s} {kb:5d} KB  {seconds:7.3f} s  {ratio:6s} ({result})", flush=True)
            previous = max(seconds, 1e-4)
            if kb == sizes[-1]:
                worst = max(worst, seconds)
    print(f"slowest at {sizes[-1]} KB: {worst:.3f} s")


if __name__ == "__main__":
    main()
