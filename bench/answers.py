"""How many of the dev set's claim/denial pairs end up linked as an answer.

    .venv/bin/python bench/answers.py --articles /tmp/devset/articles \
        [--eval-dir ../shared/eval] [--keep DB] [--relink] [--threshold X] [--verbose]

Ingests every scored dev-set page in-process (one at a time, with its URL, as
`score.py` does), runs the grouping (which links answers at its end), maps
each gold phrase to the shortest claim of its page that contains it (the
scorer's rule: its text first, then its content), and for each `must_not`
pair that pairs a claim with its denial asks: is the denial's group linked to
the claim's group (`answers`/`answers_to`)? A pair both of whose claims sit
in one group counts as not linked (it is a hard-negative error instead).

The gold file does not label a must-not pair's kind; a pair counts as a
denial pair when one of its two clusters' descriptions reports a denial or a
rebuttal (the English words of the annotators' descriptions: deny, reject,
false, lie, "no external impact", "not locked", ...). The pairs counted are
listed with --verbose. Page texts are third-party and never stored here.

Linking everything to everything would score 100%, so the bench also reports
a floor on wrong links: of all stored links between claims of scored pages,
the share whose two claims come from pages on different events (the file
name's event prefix, D1..D4); no claim answers a claim about another event.

`--keep DB` keeps the store; `--relink` reuses a kept store and only relinks
(to try thresholds without re-ingesting).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# What marks a gold cluster as a rebuttal in the annotators' (English) descriptions.
DENIAL_WORDS = re.compile(
    r"\b(den(?:y|ies|ied|ial)|reject(?:s|ed)?|false|(?:absolute )?lie|rebut\w*|"
    r"not (?:responsible|locked|lethal|involved)|no (?:external|evidence|involvement))\b",
    re.IGNORECASE)


def norm(text: str | None) -> str:
    s = unicodedata.normalize("NFKC", text or "").lower()
    s = re.sub(r"[\W_]+", " ", s, flags=re.UNICODE)
    return " " + " ".join(s.split()) + " "


def ingest_pages(db: Any, gold: dict[str, Any], articles: Path, tmp: Path) -> dict[int, str]:
    """Ingest the scored pages; returns article id -> gold file name."""
    from workbench.ingest.service import ingest
    from workbench.store.articles import list_articles

    url_to_file: dict[str, str] = {}
    for i, article in enumerate(a for a in gold["articles"] if not a.get("exclude_by_default")):
        path = articles / article["file"]
        if not path.is_file():
            continue
        first, _, rest = path.read_text(encoding="utf-8").partition("\n")
        url = first.strip() or article["url"]
        doc = tmp / f"doc_{i:03d}.txt"
        doc.write_text(rest.lstrip("\n"), encoding="utf-8")
        url_to_file[url] = article["file"]
        ingest(db, [str(doc)], url=url)
    return {a.id: url_to_file[a.url] for a in list_articles(db) if a.url in url_to_file}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, required=True)
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--relink", action="store_true")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)

    from workbench.embed import load_embedder
    from workbench.grouping import answers as linker
    from workbench.grouping.service import run_grouping
    from workbench.store import open_store
    from workbench.store.answers import answers_of
    from workbench.store.articles import list_claims
    from workbench.store.groups import memberships

    gold = json.loads((args.eval_dir / "devset" / "gold.json").read_text(encoding="utf-8"))
    embedder = load_embedder(None)
    with tempfile.TemporaryDirectory(prefix="bench-answers-") as tmp_name:
        tmp = Path(tmp_name)
        path = args.keep or tmp / "devset.db"
        if args.relink:
            db = open_store(path)
            files = _kept_files(db)
        else:
            db = open_store(path)
            files = ingest_pages(db, gold, args.articles, tmp)
            _remember_files(db, files)
            run_grouping(db, embedder)
        if args.threshold is not None or args.relink:
            linker.link_answers(db, embedder, args.threshold or linker.THRESHOLD)
        by_file: dict[str, list[tuple[str, str, int]]] = {}
        for c in list_claims(db):
            if c.article_id in files:
                n = norm(c.text)
                by_file.setdefault(files[c.article_id], []).append((n, n + "|" + norm(c.content), c.id))
        group = {cid: gid for cid, (gid, _) in memberships(db).items()}

        def find(member: dict[str, str]) -> int | None:
            p = norm(member["phrase"])
            rows = by_file.get(member["file"], [])
            cands = [r for r in rows if p in r[0]] or [r for r in rows if p in r[1]]
            return min(cands, key=lambda r: len(r[0]))[2] if cands else None

        clusters = {c["id"]: c for c in gold["groups"]["clusters"]}
        counted = linked = same = unmapped = 0
        lines = []
        links = answers_of(db, sorted(set(group.values())))
        for pair in gold["groups"]["must_not"]:
            a, b = pair["a"], pair["b"]
            if not any(DENIAL_WORDS.search(clusters[m["cluster"]]["description"]) for m in (a, b)):
                continue
            counted += 1
            ca, cb = find(a), find(b)
            ga, gb = group.get(ca) if ca else None, group.get(cb) if cb else None
            if ga is None or gb is None:
                unmapped += 1
                lines.append(f"unmapped  {a['cluster']} ~ {b['cluster']}")
                continue
            if ga == gb:
                same += 1
                lines.append(f"same group {a['cluster']} ~ {b['cluster']} (group {ga})")
                continue
            answered = {x.group_id for x in links[ga][0] + links[ga][1]}
            ok = gb in answered
            linked += ok
            lines.append(f"{'linked' if ok else 'MISSED'}    {a['cluster']} ~ {b['cluster']}: "
                         f"{clusters[a['cluster']]['description'][:60]} || "
                         f"{clusters[b['cluster']]['description'][:60]}")
        event = {aid: name.split("_")[0][:2] for aid, name in files.items()}
        article = {c.id: c.article_id for c in list_claims(db)}
        stored = [(int(a), int(b)) for a, b in db.execute(
            "SELECT claim_id, answered_claim_id FROM group_answers").fetchall()]
        scored = [(a, b) for a, b in stored
                  if article.get(a) in event and article.get(b) in event]
        crossing = sum(event[article[a]] != event[article[b]] for a, b in scored)
        db.conn.close()
    if args.verbose:
        print("\n".join(lines))
    mapped = counted - unmapped
    print(f"denial pairs: {counted} counted, {mapped} mapped to claims, {same} in one group; "
          f"linked {linked}/{mapped} = {linked / mapped if mapped else 0:.3f} of mapped "
          f"({linked}/{counted} = {linked / counted if counted else 0:.3f} of all)")
    print(f"links: {len(scored)} between scored pages, {crossing} across events "
          f"({crossing / len(scored) if scored else 0:.3f}, a floor on wrong links)")
    return 0


def _remember_files(db: Any, files: dict[int, str]) -> None:
    """Keep article id -> gold file in the kept store (a bench-only table) for --relink."""
    db["bench_files"].insert_all([{"article_id": k, "file": v} for k, v in files.items()],
                                 pk="article_id", replace=True)


def _kept_files(db: Any) -> dict[int, str]:
    if "bench_files" not in db.table_names():
        return {}
    return {int(r["article_id"]): str(r["file"]) for r in db["bench_files"].rows}


if __name__ == "__main__":
    raise SystemExit(main())
