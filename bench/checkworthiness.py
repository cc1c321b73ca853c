"""Check-worthiness ranking quality, measured in-process the way the dev-set scorer does.

Usage: python bench/checkworthiness.py [PATH] [--per-doc 20] [--verbose]

PATH is a JSON list of labelled sentences (`text`, `label` 1 = check-worthy,
`source`), by default ../shared/eval/devset/checkworthiness.json. The
sentences are written 20 to a document ("Sample sentences k", then one
sentence per paragraph), each document goes through the same page parser and
claim extraction as `workbench ingest`, and each gold sentence gets the highest
check-worthiness among the extracted claims that contain it or that it contains
(at least 30% of its words); a sentence with no such claim scores 0. Prints
ROC-AUC overall and by source, and how many sentences extraction dropped.

This is a measurement, not a training set: nothing in the scorer is fitted to
these sentences.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.extract import extract_claims  # noqa: E402
from workbench.ingest.page import parse_document  # noqa: E402
from workbench.ingest.reader import decode  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "eval" / "devset" / "checkworthiness.json"


def norm(text: str) -> str:
    """The scorer's normalisation: NFKC, lower case, non-alphanumeric runs to one space, padded."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[\W_]+", " ", text, flags=re.UNICODE)
    return " " + " ".join(text.split()) + " "


def auc(scores: list[float], labels: list[int]) -> float | None:
    """ROC-AUC as the probability a positive outranks a negative (ties count half)."""
    pos = sorted(s for s, y in zip(scores, labels) if y == 1)
    neg = sorted(s for s, y in zip(scores, labels) if y == 0)
    if not pos or not neg:
        return None
    wins = 0.0
    for a in pos:
        for b in neg:
            wins += 1.0 if a > b else (0.5 if a == b else 0.0)
    return wins / (len(pos) * len(neg))


def score_items(items: list[dict], per_doc: int) -> list[float]:
    scores: list[float] = []
    for k, start in enumerate(range(0, len(items), per_doc), 1):
        chunk = items[start:start + per_doc]
        text = f"Sample sentences {k}\n\n" + "\n\n".join(x["text"] for x in chunk) + "\n"
        draft = parse_document(decode(text.encode("utf-8"), f"cw_{k:02d}.txt", html_hint=False),
                               url=f"https://devset.invalid/checkworthiness/{k:02d}")
        claims = [(norm(c.text), c.checkworthiness) for c in extract_claims(draft.body, draft.language)]
        for item in chunk:
            ns = norm(item["text"])
            best = 0.0
            for nc, value in claims:
                if not nc.split():
                    continue
                if ns in nc or (nc in ns and len(nc.split()) >= 0.3 * len(ns.split())):
                    best = max(best, value)
            scores.append(best)
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--per-doc", type=int, default=20)
    parser.add_argument("--verbose", action="store_true", help="print every sentence with its score")
    args = parser.parse_args()
    try:
        items = json.loads(Path(args.path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"cannot read {args.path}: {exc}")
        return 1
    scores = score_items(items, args.per_doc)
    labels = [int(x["label"]) for x in items]
    overall = auc(scores, labels)
    dropped = [sum(1 for s, y in zip(scores, labels) if s == 0 and y == label) for label in (1, 0)]
    shown = "n/a" if overall is None else f"{overall:.3f}"
    print(f"check-worthiness: {len(items)} sentences, {sum(labels)} positive; AUC={shown}")
    print(f"  scored 0 (no claim extracted): {dropped[0]} positive, {dropped[1]} negative")
    by_source: dict[str, tuple[list[float], list[int]]] = {}
    for item, value in zip(items, scores):
        pair = by_source.setdefault(str(item.get("source", "?")), ([], []))
        pair[0].append(value)
        pair[1].append(int(item["label"]))
    for source, (values, ys) in sorted(by_source.items()):
        result = auc(values, ys)
        print(f"  {source}: {len(ys)} sentences, AUC={'n/a' if result is None else f'{result:.3f}'}")
    if args.verbose:
        for item, value in sorted(zip(items, scores), key=lambda p: p[1]):
            print(f"{value:.3f} {item['label']} {item['text']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
