"""Pairwise precision/recall/F1 of "same group", the seed set's scoring rule.

Kept in bench/ (not the package) because only evaluation needs it: every pair
of sentences with the same gold label is a positive, every other pair a
negative, and pairs whose two labels are listed as related are left out. The
result is split by language pairing (id-id, en-en, en-id) as the eval README
asks.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class PairScores:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        return (
            f"{name:<7} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"
            f"  (tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


def pairing(lang_a: str, lang_b: str) -> str:
    """'en-id' style key, languages in alphabetical order."""
    return "-".join(sorted((lang_a, lang_b)))


def pairwise_scores(
    gold: Sequence[str],
    predicted: Sequence[Hashable],
    langs: Sequence[str],
    related: set[frozenset[str]] | None = None,
) -> dict[str, PairScores]:
    """Scores over all pairs ("all") and per language pairing.

    ``gold[i]`` is item i's label, ``predicted[i]`` its group key.
    """
    related = related or set()
    counts: dict[str, list[int]] = {}
    for i, j in combinations(range(len(gold)), 2):
        if gold[i] != gold[j] and frozenset((gold[i], gold[j])) in related:
            continue
        same_gold = gold[i] == gold[j]
        same_pred = predicted[i] == predicted[j]
        if not (same_gold or same_pred):
            continue
        slot = 0 if same_gold and same_pred else (1 if same_pred else 2)
        for key in ("all", pairing(langs[i], langs[j])):
            counts.setdefault(key, [0, 0, 0])[slot] += 1
    out = {key: PairScores(*c) for key, c in counts.items()}
    for key in ("all", "id-id", "en-en", "en-id"):
        out.setdefault(key, PairScores(0, 0, 0))
    return out
