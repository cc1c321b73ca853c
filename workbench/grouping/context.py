"""What a rebuttal that only points back is rebutting: the claim reported just before it.

"This is utterly false and complete fiction", "Klaim ini salah", "All of this
is a lie": a denial or dispute that names no proposition of its own
(``proposition.is_anaphoric``), or that opens with a pronoun or demonstrative
("We have never shipped a beam to that project"), answers what its article
reported just before, by someone else (``reads_through_context``). News
prints a claim and then its rebuttal; the reader, and the reviewer, read the
second through the first.

Two steps use this. Grouping reads such a rebuttal through what it answers:
its vector is mixed with its antecedent's (``resolve_vectors``), so "This
is false" said of one report groups with other rebuttals of that report,
not with every "This is false" of every event (the encoder sees only the
words, which are the same). Its words still count as they are for the
n-gram signal: reading them after the antecedent's was measured worse (dev
F1 0.539 -> 0.514), since the antecedent's quantities and names then count
as the rebuttal's own. Answer linking (``answers.py``) links
it to the group of its antecedent when nothing else links it. Where the
words around the quote name the report it answers ("..., the minister said,
responding to reports that the bridge cracked"), both steps read that
instead (``encoder_text``, ``proposition.framed_proposition``).

The rule, in both places: among the ``CONTEXT_CLAIMS`` asserting claims that
come before the rebuttal in its article and are not its own speaker's, the
last one with a named speaker, else the last one. Where the article reported
no assertion before it, a pointing rebuttal elaborates the rebuttal before it
of the same stance ("The mill denied it had supplied the steel. 'We never
shipped a beam to that project,' its director said."): that rebuttal, the
nearest of the last ``CONTEXT_CLAIMS`` that does not itself lean on
context, is the antecedent, and the pointing one answers what it answers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from workbench.grouping.proposition import framed_proposition, is_anaphoric
from workbench.grouping.representative import leans_on_context

ANSWERING = ("denies", "disputes")
#: how far back a pointing rebuttal looks for what it answers (asserting claims)
CONTEXT_CLAIMS = 3
#: the antecedent's share of a pointing rebuttal's grouping vector; measured on
#: the dev set (bench/grouping_quality.py ablations): 0.5-0.7 raise precision,
#: 1.0 (the antecedent alone) loses recall, since two rebuttals then differ
#: only through their antecedents
RESOLVE_WEIGHT = 0.7


def reads_through_context(content: str) -> bool:
    """Whether a rebuttal is read through what came before it: it names no
    proposition of its own (``is_anaphoric``: "This is false"), or it opens
    with a pronoun or demonstrative ("We have never shipped a beam to that
    project", "Pihaknya tidak pernah ..."): its subject is someone the
    article named before. Dev set, grouping F1 0.539 -> 0.550 with the
    fallback to an earlier rebuttal; either alone 0.539-0.540."""
    return is_anaphoric(content) or leans_on_context(content)


def encoder_text(text: str, content: str, stance: str | None) -> str:
    """What the encoder reads of a claim: its content, except for a pointing
    rebuttal whose sentence names the report it answers ("'This is a
    fabrication,' the minister said, responding to reports that the bridge
    cracked"): that report, so that two bare "This is false" of different
    events are told apart by what they call false, as ``resolve_vectors``
    does for a rebuttal read through the claim before it. Its words still
    count as they are for the lexical signals; the stance guard keeps it
    apart from the assertion it answers."""
    if stance in ANSWERING and reads_through_context(content):
        framed = framed_proposition(text, content)
        if framed:
            return framed
    return content


class InContext(Protocol):
    """What the antecedent rule reads of a claim (models.Claim and
    store.answers.LinkCandidate both have it)."""

    @property
    def article_id(self) -> int | None: ...
    @property
    def start(self) -> int: ...
    @property
    def speaker(self) -> str | None: ...
    @property
    def stance(self) -> str | None: ...
    @property
    def content(self) -> str: ...


def antecedents(
    claims: Sequence[InContext],
    eligible: Callable[[int, int], bool] = lambda rebuttal, candidate: True,
    points_back: Callable[[str], bool] | None = None,
) -> dict[int, int]:
    """Index of each pointing rebuttal -> index of the claim it answers.

    ``eligible(rebuttal, candidate)`` may rule candidates out (the linker
    wants one in another group). Claims are compared within their article
    by ``start``; a rebuttal with no earlier asserting claim by someone else
    has no antecedent.
    """
    points_back = points_back or reads_through_context
    by_article: dict[int, list[int]] = {}
    for i, claim in enumerate(claims):
        if claim.article_id is not None:
            by_article.setdefault(claim.article_id, []).append(i)
    found: dict[int, int] = {}
    for members in by_article.values():
        # at one offset (claims of one sentence) an assertion counts as before
        # the rebuttal, which is read through it
        members.sort(key=lambda i: (claims[i].start, claims[i].stance in ANSWERING))
        asserting: list[int] = []
        rebuttals: list[int] = []  # those that state their own proposition
        for i in members:
            claim = claims[i]
            if claim.stance not in ANSWERING:
                asserting.append(i)
                continue
            if not points_back(claim.content):
                rebuttals.append(i)
                continue
            earlier = [j for j in asserting
                       if (claims[j].speaker is None or claims[j].speaker != claim.speaker)
                       and eligible(i, j)][-CONTEXT_CLAIMS:]
            if earlier:
                named = [j for j in earlier if claims[j].speaker]
                found[i] = (named or earlier)[-1]
            elif not asserting:
                same = [j for j in rebuttals[-CONTEXT_CLAIMS:]
                        if claims[j].stance == claim.stance and eligible(i, j)]
                if same:
                    found[i] = same[-1]
    return found


def resolve_vectors(
    claims: Sequence[InContext], vectors: np.ndarray, weight: float = RESOLVE_WEIGHT,
    found: dict[int, int] | None = None,
) -> np.ndarray:
    """``vectors`` with each pointing rebuttal's row mixed with its antecedent's
    (unit length again); the input is not changed. Row i embeds claim i.
    ``found``: the antecedents, if the caller has them already."""
    found = antecedents(claims) if found is None else found
    if not found or weight <= 0:
        return vectors
    out = vectors.copy()
    rows = np.fromiter(found.keys(), dtype=np.int64, count=len(found))
    sources = np.fromiter(found.values(), dtype=np.int64, count=len(found))
    mixed = (1.0 - weight) * vectors[rows] + weight * vectors[sources]
    norms = np.linalg.norm(mixed, axis=1, keepdims=True)
    out[rows] = (mixed / np.maximum(norms, 1e-12)).astype(vectors.dtype)
    return out

