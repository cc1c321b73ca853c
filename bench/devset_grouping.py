"""The dev set's grouping figures, computed in-process (no CLI), for fast ablations.

``../shared/eval/devset/score.py`` runs the CLI: it ingests each page with its
URL (the URL line removed), runs ``group``, lists claims and groups, maps each
gold member phrase to the shortest claim of its page containing it, and scores
"same group" pairwise over gold members (pairs of related clusters listed as
neutral are skipped), cross-lingual recall over Indonesian-English gold pairs,
and the hard-negative error over ``must_not`` pairs. This module does the same
steps through the library: pages are ingested once into a temporary store
(their claims can be cached as JSON, so an ablation only re-clusters), and
``score_grouping`` takes any claim -> group mapping. Claims with no content
left after attribution removal stay out of grouping, as ``workbench group``
leaves them, so each is its own group.

The page texts are third-party and never stored in the repository; the gold
file is read from the dev-set folder given on the command line.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import unicodedata
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pairwise import PairScores


@dataclass(frozen=True)
class DevClaim:
    """One extracted claim of a dev-set page, with what grouping and scoring need."""

    id: int
    file: str
    lang: str
    text: str
    content: str
    quote_text: str
    speaker: str | None
    stance: str | None
    published: str | None


@dataclass(frozen=True)
class DevScores(PairScores):
    """Pairwise scores over the gold members, plus the dev set's two extra figures."""

    xl_tp: int
    xl_n: int
    hn_err: int
    hn_n: int
    mapped: int
    members: int

    @property
    def xling(self) -> float:
        return self.xl_tp / self.xl_n if self.xl_n else 0.0

    @property
    def hardneg(self) -> float:
        return self.hn_err / self.hn_n if self.hn_n else 0.0

    def summary(self) -> str:
        return (
            f"F1 {self.f1:.3f} (P {self.precision:.3f} R {self.recall:.3f}; tp {self.tp} fp {self.fp}"
            f" fn {self.fn})  xling_R {self.xling:.3f} ({self.xl_tp}/{self.xl_n})"
            f"  hardneg_err {self.hardneg:.3f} ({self.hn_err}/{self.hn_n})"
        )


def norm(text: str | None) -> str:
    """The scorer's phrase normalisation: NFKC, lowercase, non-alphanumerics -> one space."""
    s = unicodedata.normalize("NFKC", text or "").lower()
    s = re.sub(r"[\W_]+", " ", s, flags=re.UNICODE)
    return " " + " ".join(s.split()) + " "


def load_gold(devset_dir: Path) -> dict[str, Any]:
    with open(devset_dir / "gold.json", encoding="utf-8") as fh:
        gold: dict[str, Any] = json.load(fh)
    return gold


def _pages(gold: Mapping[str, Any], articles_dir: Path) -> list[tuple[dict[str, Any], str, str]]:
    """(gold article, url, body) for each scored page present, as the scorer reads them."""
    out = []
    for article in gold["articles"]:
        if article.get("exclude_by_default"):
            continue
        path = articles_dir / article["file"]
        if not path.is_file():
            continue
        first, _, rest = path.read_text(encoding="utf-8").partition("\n")
        out.append((article, first.strip() or article["url"], rest.lstrip("\n")))
    return out


def ingest_devset(gold: Mapping[str, Any], articles_dir: Path, cache: Path | None = None) -> list[DevClaim]:
    """Ingest every scored page (one at a time, with its URL) and return its claims.

    With ``cache``, claims are read from that JSON file when it was made from
    the same page texts, and written there otherwise.
    """
    pages = _pages(gold, articles_dir)
    if not pages:
        raise SystemExit(f"no dev-set pages found in {articles_dir}")
    digest = hashlib.sha256("".join(body for _, _, body in pages).encode("utf-8")).hexdigest()
    if cache is not None and cache.is_file():
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("pages") == digest:
            return [DevClaim(**row) for row in data["claims"]]
    from workbench.ingest.service import ingest
    from workbench.store.articles import list_articles, list_claims
    from workbench.store.connection import open_store

    claims: list[DevClaim] = []
    with tempfile.TemporaryDirectory(prefix="devset-grouping-") as tmp:
        db = open_store(Path(tmp) / "devset.db")
        url_to_file: dict[str, str] = {}
        for i, (article, url, body) in enumerate(pages, 1):
            doc = Path(tmp) / f"doc_{i:03d}.txt"
            doc.write_text(body, encoding="utf-8")
            url_to_file[url] = article["file"]
            ingest(db, [str(doc)], url=url)
        by_id = {}
        for a in list_articles(db):
            if a.url in url_to_file:
                by_id[a.id] = (url_to_file[a.url], a)
        for c in list_claims(db):
            if c.article_id not in by_id:
                continue
            file, art = by_id[c.article_id]
            claims.append(DevClaim(
                id=c.id, file=file, lang=c.language or art.language, text=c.text, content=c.content,
                quote_text=str(c.quote), speaker=c.speaker, stance=c.stance,
                published=art.published,
            ))
        db.conn.close()
    if cache is not None:
        cache.write_text(json.dumps({"pages": digest, "claims": [asdict(c) for c in claims]}),
                         encoding="utf-8")
    return claims


def score_grouping(
    gold: Mapping[str, Any],
    claims: Sequence[DevClaim],
    group_of: Mapping[int, Hashable],
    misses: list[str] | None = None,
) -> DevScores:
    """Pairwise figures as score.py computes them; ``group_of`` maps claim id -> group key
    (a claim missing from it is alone). ``misses`` collects the wrong pairs."""
    scored = {a["file"] for a in gold["articles"] if not a.get("exclude_by_default")}
    lang_of = {a["file"]: a["lang"] for a in gold["articles"]}
    by_file: dict[str, list[tuple[str, str, DevClaim]]] = {}
    for c in claims:
        n = norm(c.text) if c.text else norm(c.content)
        by_file.setdefault(c.file, []).append((n, n + "|" + norm(c.content) + "|" + norm(c.quote_text), c))

    def find(file: str, phrase: str) -> DevClaim | None:
        p = norm(phrase)
        rows = by_file.get(file, [])
        cands = [r for r in rows if p in r[0]] or [r for r in rows if p in r[1]]
        return min(cands, key=lambda r: len(r[0]))[2] if cands else None

    def key(c: DevClaim) -> Hashable:
        return group_of.get(c.id, ("single", c.id))

    groups = gold["groups"]
    neutral = {frozenset(p) for p in groups.get("neutral_cluster_pairs", [])}
    members = []
    for cluster in groups["clusters"]:
        for m in cluster["members"]:
            if m["file"] in scored and m["file"] in by_file:
                members.append((cluster["id"], m["file"], lang_of.get(m["file"]), m["phrase"],
                                find(m["file"], m["phrase"])))
    tp = fp = fn = xl_tp = xl_n = 0
    for i, (ci, _fi, li, pi, cli) in enumerate(members):
        for cj, _fj, lj, pj, clj in members[i + 1:]:
            same_gold = ci == cj
            if not same_gold and frozenset((ci, cj)) in neutral:
                continue
            same = cli is not None and clj is not None and key(cli) == key(clj)
            if same_gold:
                tp += same
                fn += not same
                if li != lj:
                    xl_n += 1
                    xl_tp += same
                if not same and misses is not None:
                    misses.append(f"split {ci}: {_show(cli, pi)} || {_show(clj, pj)}")
            elif same:
                fp += 1
                if misses is not None:
                    misses.append(f"merged {ci}~{cj}: {_show(cli, pi)} || {_show(clj, pj)}")
    hn_err = hn_n = 0
    for pair in groups.get("must_not", []):
        a, b = pair["a"], pair["b"]
        if a["file"] not in scored or b["file"] not in scored:
            continue
        ca, cb = find(a["file"], a["phrase"]), find(b["file"], b["phrase"])
        if ca is None or cb is None:
            continue
        hn_n += 1
        if ca is cb or key(ca) == key(cb):
            hn_err += 1
            if misses is not None:
                misses.append(f"hard negative {a['cluster']}~{b['cluster']}: "
                              f"{_show(ca, a['phrase'])} || {_show(cb, b['phrase'])}")
    mapped = sum(1 for m in members if m[4] is not None)
    return DevScores(tp, fp, fn, xl_tp, xl_n, hn_err, hn_n, mapped, len(members))


def _show(claim: DevClaim | None, phrase: str) -> str:
    if claim is None:
        return f"[unmapped] {phrase[:80]!r}"
    return f"[{claim.lang} {claim.stance}] {claim.content[:110]!r}"
