"""Agreement between reviewers: per-label counts and Cohen's kappa.

When two reviewers judge the same groups, how often they pick the same label
says little on its own: two reviewers who both call nine groups in ten
"supported" agree often by chance. Cohen's kappa, the figure annotation tools
report, corrects for that:

    kappa = (p_o - p_e) / (1 - p_e)

p_o is the share of groups both judged on which they agree; p_e the agreement
expected by chance, the sum over labels of the product of each reviewer's
share of that label. 1 is perfect agreement, 0 no better than chance, below 0
worse than chance. The figures are computed from integer counts, so a
degenerate case is detected exactly: when p_e is 1 (both reviewers gave every
group one and the same label) kappa is 0/0, undefined, and reported as None
rather than as a number that would look meaningful.

Pure functions over {reviewer: {group id: label}}; the store reads that map.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from workbench.models import LABELS


@dataclass(frozen=True)
class Kappa:
    """Agreement of two raters over the items both rated."""

    items: int  # items both rated
    agreed: int  # items they gave the same label
    observed: float | None  # p_o; None when they share no item
    expected: float | None  # p_e, agreement expected by chance
    kappa: float | None  # None: no shared item, or p_e == 1 (undefined)


def cohens_kappa(first: Sequence[str], second: Sequence[str]) -> Kappa:
    """Cohen's kappa of two raters' labels for the same items, in the same order."""
    if len(first) != len(second):
        raise ValueError(f"two raters need labels for the same items ({len(first)} != "
                         f"{len(second)})")
    n = len(first)
    if n == 0:
        return Kappa(0, 0, None, None, None)
    agreed = sum(1 for a, b in zip(first, second, strict=True) if a == b)
    counts_a, counts_b = Counter(first), Counter(second)
    # n*n * p_e, an integer: p_e == 1 exactly when chance = n*n.
    chance = sum(counts_a[label] * counts_b[label] for label in counts_a)
    observed, expected = agreed / n, chance / (n * n)
    if chance == n * n:
        return Kappa(n, agreed, observed, expected, None)
    return Kappa(n, agreed, observed, expected, (n * agreed - chance) / (n * n - chance))


@dataclass(frozen=True)
class PairAgreement:
    first: str
    second: str
    kappa: Kappa


@dataclass(frozen=True)
class AgreementReport:
    """Per-label counts for each reviewer and agreement for each pair of reviewers."""

    counts: dict[str, dict[str, int]]  # reviewer -> label -> groups (every label present)
    pairs: tuple[PairAgreement, ...]

    @property
    def reviewers(self) -> tuple[str, ...]:
        return tuple(self.counts)


def label_counts(labels: Mapping[int, str]) -> dict[str, int]:
    """label -> how many groups carry it, for every known label (zeros kept)."""
    found = Counter(labels.values())
    return {label: found.get(label, 0) for label in (*LABELS, *sorted(set(found) - set(LABELS)))}


def agreement(labels: Mapping[str, Mapping[int, str]]) -> AgreementReport:
    """Counts and pairwise kappa from {reviewer: {group id: label}}.

    Each pair is compared over the groups both reviewers judged; reviewers
    are listed by name."""
    names = sorted(labels)
    pairs = []
    for a, b in combinations(names, 2):
        shared = sorted(set(labels[a]) & set(labels[b]))
        pairs.append(PairAgreement(a, b, cohens_kappa([labels[a][g] for g in shared],
                                                      [labels[b][g] for g in shared])))
    return AgreementReport({name: label_counts(labels[name]) for name in names}, tuple(pairs))
