"""Link each denial or dispute to the asserting group it answers.

A denial is a different statement from the claim it denies, so grouping keeps
it in a group of its own; the reviewer still needs to see it beside the
claim. Each grouping run links them afresh:

1. every claim whose stance is `denies` or `disputes` is reduced to the
   proposition it answers (`proposition.py`: "Tidak ada bukti Korea Utara
   mengirim senjata" -> "Korea Utara mengirim senjata"), or, where the words
   around a quoted rebuttal name the report it answers ("..., said Putin,
   challenging reports that the plane was shot down"), to what they name;
2. the propositions are embedded through the same cache and model as the
   grouping run, and compared by cosine with every asserting claim in
   another group, a block of rows at a time (memory stays one block by the
   number of asserting claims);
3. a claim links to each group (at most `MAX_LINKS`) whose best asserting
   member reaches `threshold`;
4. a denial that names no proposition of its own ("Washington failed to prove
   the allegation", "Itu bohong") answers what its speaker's other answers in
   the same article answer: a speaker rebutting one report in several
   sentences is rebutting one claim.

The threshold was calibrated on the seed fixtures and checked on the dev set
(`bench/answers.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sqlite_utils import Database

from workbench.embed.base import Embedder
from workbench.grouping.context import ANSWERING, antecedents
from workbench.grouping.encode import encode_texts
from workbench.grouping.neighbours import top_k_neighbours
from workbench.grouping.numbers import extract_numbers
from workbench.grouping.proposition import framed_proposition, is_anaphoric, proposition
from workbench.grouping.readings import KeptReadings, Readings, reader_identity, text_key
from workbench.grouping.signals import build_features, pair_signals
from workbench.store import answers as store
from workbench.store import readings as kept_readings
from workbench.store.answers import AnswerLink, LinkCandidate
from workbench.store.connection import write_transaction

# Calibrated on the seed fixtures (bench/answers.py reports the dev set).
THRESHOLD = 0.6
MARGIN = 0.05  # other groups this close to the best are answered too (a claim split in two)
MAX_LINKS = 3  # groups one denial may answer
CANDIDATES = 50  # asserting claims per answer, by cosine, that the other signals rescore
# Weights of the signals beside the cosine: shared wording (same language),
# shared names, and the answer being reported in the article that reports
# the assertion (news prints a claim and its rebuttal together).
W_LEXICAL = 0.3
W_ENTITIES = 0.2
W_SAME_ARTICLE = 0.05
W_SUPPORT = 0.03
SUPPORT_WITHIN = 0.1
SUPPORT_CAP = 2
CONTEXT_SCORE = 0.0  # stored as the similarity of a link made from context, not by matching
EXACT_PAIRS = 100_000_000  # answer x assertion products searched exactly (about 2 s)
_BLOCK = 1024  # answering rows per similarity block


@dataclass(frozen=True)
class Match:
    answering: int  # index into the answering claims
    asserting: int  # index into the asserting claims
    score: float


def best_matches(
    answering: Sequence[LinkCandidate], answer_vectors: np.ndarray, propositions: Sequence[str],
    asserting: Sequence[LinkCandidate], assert_vectors: np.ndarray,
    threshold: float = THRESHOLD, readings: Readings | None = None,
) -> list[Match]:
    """For each answering claim, the asserting claims it answers: the best
    member of each other group whose score reaches `threshold` and lies
    within `MARGIN` of the best group's, at most `MAX_LINKS` groups.
    `readings`: of the propositions, then the asserting claims' contents
    (readings.py); what is read here is filled in."""
    if not len(answering) or not len(asserting):
        return []
    features = build_features(
        [*propositions, *(c.content for c in asserting)],
        [None] * (len(answering) + len(asserting)),
        [c.language for c in (*answering, *asserting)],
        glossary=False,  # measured: no link gained on the dev set (bench/answers.py)
        readings=readings,
    )
    own = np.asarray([c.group_id for c in answering], dtype=np.int64)
    theirs = np.asarray([c.group_id for c in asserting], dtype=np.int64)
    left, right, cosine = _candidates(answer_vectors, assert_vectors, own, theirs)
    signals = pair_signals(features, left, right + len(answering))
    articles_a = np.asarray([c.article_id for c in answering], dtype=np.int64)
    articles_b = np.asarray([c.article_id for c in asserting], dtype=np.int64)
    score = (cosine.astype(np.float64) + W_LEXICAL * signals["lexical"]
             + W_ENTITIES * signals["entities"]
             + W_SAME_ARTICLE * (articles_a[left] == articles_b[right]))
    members: dict[int, dict[int, list[tuple[float, int]]]] = {}
    for i, j, value in zip(left.tolist(), right.tolist(), score.tolist(), strict=True):
        members.setdefault(i, {}).setdefault(int(theirs[j]), []).append((value, j))
    best: dict[int, dict[int, tuple[float, int]]] = {}
    for i, groups in members.items():
        best[i] = {group: _group_score(found) for group, found in groups.items()}
    matches: list[Match] = []
    for i in sorted(best):
        ranked = sorted(best[i].values(), key=lambda vj: (-vj[0], vj[1]))
        top_score = ranked[0][0]
        for value, j in ranked[:MAX_LINKS]:
            if value >= threshold and value >= top_score - MARGIN:
                matches.append(Match(i, j, value))
    return matches


def _candidates(answer_vectors: np.ndarray, assert_vectors: np.ndarray, own: np.ndarray,
                theirs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(answer row, assertion row, cosine) of each answer's `CANDIDATES` most
    similar assertions in other groups. Exact (one block of answers against
    every assertion at a time) while that is at most `EXACT_PAIRS` products;
    beyond, the inverted-file search of `neighbours.py` over both sets
    together, which stays in seconds at 100,000 claims and finds about 90% of
    the exact neighbours."""
    m, n = len(answer_vectors), len(assert_vectors)
    k = min(CANDIDATES, n)
    if m * n > EXACT_PAIRS:
        stacked = np.vstack([answer_vectors, assert_vectors])
        idx, sims = top_k_neighbours(stacked, 2 * CANDIDATES, exact_limit=0, min_cosine=0.2)
        rows = np.repeat(np.arange(m), idx.shape[1])
        cols, cosine = idx[:m].ravel(), sims[:m].ravel()
        keep = cols >= m  # an assertion, not another answer
        rows, cols, cosine = rows[keep], cols[keep] - m, cosine[keep]
        keep = own[rows] != theirs[cols]
        return rows[keep], cols[keep], cosine[keep]
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for start in range(0, m, _BLOCK):
        block = answer_vectors[start : start + _BLOCK] @ assert_vectors.T
        block[own[start : start + _BLOCK, None] == theirs[None, :]] = -np.inf
        top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        parts.append((np.repeat(np.arange(start, start + len(block)), k), top.ravel(),
                      np.take_along_axis(block, top, axis=1).ravel()))
    rows, cols, cosine = (np.concatenate(p) for p in zip(*parts, strict=True))
    keep = np.isfinite(cosine)
    return rows[keep], cols[keep], cosine[keep]


def _readable(text: str) -> bool:
    try:
        extract_numbers(text)
    except Exception:  # noqa: BLE001 - any fault in reading one text leaves that text out
        return False
    return True


def _group_score(found: list[tuple[float, int]]) -> tuple[float, int]:
    """A group's score for one answer, and its best member: the best member's
    score, raised a little for each other member nearly as close. A
    proposition near several reports of one claim is likelier to answer that
    claim than one near a single sentence that shares its topic."""
    found.sort(key=lambda vj: (-vj[0], vj[1]))
    top, j = found[0]
    support = sum(1 for value, _ in found[1:] if value >= top - SUPPORT_WITHIN)
    return top + W_SUPPORT * min(support, SUPPORT_CAP), j


def link_answers(
    db: Database, embedder: Embedder, threshold: float = THRESHOLD,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Recompute every answer link of the current grouping; returns how many were stored."""
    # A claim the grouper could not read (its quantities) stays out, as it
    # stays out of grouping: one odd claim never stops the rest being linked.
    claims = store.link_candidates(db)
    links: list[AnswerLink] = []
    # No denial or dispute, nothing to link: skip reading 100,000 assertions
    if not any(c.stance in ANSWERING for c in claims):
        with write_transaction(db):
            return store.replace_links(db, links)
    # What grouping read from these texts is kept (readings.py): a text with
    # kept quantities was readable, and is not read again below.
    reader = reader_identity()
    framed = [framed_proposition(c.text, c.content) if c.stance in ANSWERING else None
              for c in claims]
    # the speaker as the page wrote it: the proposition stays in the page's
    # language ("Kementerian Luar Negeri ..." not its English canonical name)
    props = [(f or proposition(c.content, _written(c))) if c.stance in ANSWERING else c.content
             for c, f in zip(claims, framed, strict=True)]
    keys = [text_key(text, c.language) for text, c in zip(props, claims, strict=True)]
    stored = kept_readings.fetch(db, reader, list(dict.fromkeys(keys)))
    readable = [stored.get(key, (None, None))[0] is not None or _readable(text)
                for key, text in zip(keys, props, strict=True)]
    # a claim is left out when its content, or an answer's proposition,
    # cannot be read (as grouping leaves it out)
    keep = [i for i, c in enumerate(claims) if readable[i] and (
        c.stance not in ANSWERING or _readable(c.content))]
    order = ([i for i in keep if claims[i].stance in ANSWERING]
             + [i for i in keep if claims[i].stance not in ANSWERING])
    answering = [claims[i] for i in order if claims[i].stance in ANSWERING]
    asserting = [claims[i] for i in order if claims[i].stance not in ANSWERING]
    props = [props[i] for i in order[:len(answering)]]
    framed = [framed[i] for i in order[:len(answering)]]
    kept = KeptReadings.from_stored([keys[i] for i in order], stored)
    if answering and asserting:
        anaphoric = [f is None and is_anaphoric(c.content)
                     for c, f in zip(answering, framed, strict=True)]
        answer_vectors = encode_texts(db, embedder, props, progress=progress).vectors
        assert_vectors = encode_texts(db, embedder, [c.content for c in asserting]).vectors
        matches = [m for m in best_matches(answering, answer_vectors, props, asserting,
                                           assert_vectors, threshold, kept.readings)
                   if not anaphoric[m.answering]]
        links = [AnswerLink(answering[m.answering].claim_id, asserting[m.asserting].claim_id,
                            answering[m.answering].stance, round(m.score, 4))
                 for m in matches]
        links += _carried(answering, asserting, links)
        links += _in_context(answering, asserting, links)
    with write_transaction(db):
        kept_readings.store(db, reader, kept.fresh())
        return store.replace_links(db, links)


def _written(claim: LinkCandidate) -> str | None:
    return claim.written_speaker if claim.written_speaker is not None else claim.speaker


def _carried(answering: list[LinkCandidate], asserting: list[LinkCandidate],
             links: list[AnswerLink]) -> list[AnswerLink]:
    """Links for answers left unlinked, from the same speaker's linked answers
    in the same article (the nearest one in the text)."""
    group_of = {c.claim_id: c.group_id for c in asserting}
    linked: dict[int, list[AnswerLink]] = {}
    for link in links:
        linked.setdefault(link.claim_id, []).append(link)
    by_voice: dict[tuple[int, str], list[LinkCandidate]] = {}
    for claim in answering:
        if claim.speaker:
            by_voice.setdefault((claim.article_id, claim.speaker), []).append(claim)
    carried: list[AnswerLink] = []
    for claim in answering:
        if claim.claim_id in linked or not claim.speaker:
            continue
        donors = [c for c in by_voice[(claim.article_id, claim.speaker)] if c.claim_id in linked]
        if not donors:
            continue
        donor = min(donors, key=lambda c: (abs(c.start - claim.start), c.start))
        carried += [AnswerLink(claim.claim_id, link.answered_claim_id, claim.stance,
                               link.similarity) for link in linked[donor.claim_id]
                    if group_of[link.answered_claim_id] != claim.group_id]
    return carried


def _in_context(answering: list[LinkCandidate], asserting: list[LinkCandidate],
                links: list[AnswerLink]) -> list[AnswerLink]:
    """Links for rebuttals that only point back ("This is utterly false",
    "Klaim ini salah"): the assertion reported just before them in the same
    article, by someone else, in another group; or, where the article
    reported none, the links of the rebuttal they elaborate
    (``context.antecedents``)."""
    linked: dict[int, list[AnswerLink]] = {}
    for link in links:
        linked.setdefault(link.claim_id, []).append(link)
    group_of = {c.claim_id: c.group_id for c in asserting}
    claims = [*answering, *asserting]
    found = antecedents(claims, lambda i, j: claims[j].group_id != claims[i].group_id
                        or claims[j].stance in ANSWERING)
    out: list[AnswerLink] = []
    for i, j in sorted(found.items()):
        rebuttal, antecedent = claims[i], claims[j]
        if rebuttal.claim_id in linked:
            continue
        if antecedent.stance not in ANSWERING:
            out.append(AnswerLink(rebuttal.claim_id, antecedent.claim_id, rebuttal.stance,
                                  CONTEXT_SCORE))
        else:  # it elaborates an earlier rebuttal: it answers what that one answers
            out += [AnswerLink(rebuttal.claim_id, link.answered_claim_id, rebuttal.stance,
                               link.similarity)
                    for link in linked.get(antecedent.claim_id, [])
                    if group_of[link.answered_claim_id] != rebuttal.group_id]
    return out
