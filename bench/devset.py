"""Score the installed CLI on the annotated development set and print the scorer's report.

Usage:
    python bench/devset.py [DEVSET_DIR] [--articles DIR] [--workbench CMD] [-- SCORER_ARGS...]

DEVSET_DIR (default ../shared/eval/devset) holds the scorer, score.py, and its
gold.json; the page texts are third-party and live outside the repository
(default /tmp/devset/articles; see the dev set's README for gathering them).
The scorer ingests each page through `workbench ingest --url`, groups, and
prints metadata accuracy, clutter leakage, must-claim recall, grouping and
check-worthiness figures, then one SUMMARY line, which this script repeats
last. Arguments after `--` go to the scorer unchanged (`--no-checkworthiness`,
`--verbose`, `--limit N`, `--keep DIR`).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def find_workbench() -> str | None:
    """The CLI this checkout installed: the project's virtualenv first, then PATH."""
    local = ROOT / ".venv" / "bin" / "workbench"
    if local.exists():
        return str(local)
    return shutil.which("workbench")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    scorer_args: list[str] = []
    if "--" in args:
        split = args.index("--")
        args, scorer_args = args[:split], args[split + 1:]
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("devset", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "devset"))
    parser.add_argument("--articles", default="/tmp/devset/articles")
    parser.add_argument("--workbench",
                        help="command that runs the CLI (default: .venv/bin/workbench, else PATH)")
    opts = parser.parse_args(args)

    scorer = Path(opts.devset) / "score.py"
    if not scorer.is_file():
        print(f"error: no scorer at {scorer}", file=sys.stderr)
        return 1
    workbench = opts.workbench or find_workbench()
    if workbench is None:
        print("error: no workbench command found; install the project or pass --workbench", file=sys.stderr)
        return 1
    command = [sys.executable, str(scorer), "--workbench", workbench, "--articles", opts.articles,
               *scorer_args]
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    print(done.stdout, end="")
    summary = [line for line in done.stdout.splitlines() if line.startswith("SUMMARY")]
    if summary:
        print(f"\ndev set ({opts.articles}): {summary[-1]}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
