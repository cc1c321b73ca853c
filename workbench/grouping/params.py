"""The grouping method's knobs, in one frozen record that is stored with each group.

A group is only explainable if one can say how it was made. ``GroupingParams``
holds every number that changes the result (weights, threshold, neighbour
search), and ``to_json`` writes them with a one-line statement of the method,
so a stored group can always be traced back to the rule that formed it.

The pair score, in cosine units:

    score(a, b) = cosine(a, b)
                + lexical * char-4-gram TF-IDF cosine   (same language only)
                + number_match    if they share a stated quantity
                - number_conflict if both state quantities and none match
                + entities * IDF-weighted Jaccard of names (content and speaker)
                + stance_match    if both deny, or both dispute, something
                + cross_lingual   if the two are in different languages

and groups are formed by average linkage: two groups merge while the mean
score over all their cross pairs is at least ``threshold``. Defaults were
calibrated on the seed set; see bench/grouping_quality.py.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

METHOD = "average-linkage"
METHOD_VERSION = 1


@dataclass(frozen=True)
class GroupingParams:
    """Weights and threshold of the pair score and the clustering."""

    #: mean pair score two groups need to merge
    threshold: float = 0.85
    #: weight of character 4-gram TF-IDF cosine, same-language pairs only
    lexical: float = 0.85
    #: bonus when two claims share a stated quantity ("1.000" = "1,000")
    number_match: float = 0.4
    #: penalty when both state quantities and none match
    number_conflict: float = 1.0
    #: weight of the IDF-weighted Jaccard overlap of names
    entities: float = 0.05
    #: bonus when both claims deny, or both dispute (a shared rebuttal)
    stance_match: float = 0.3
    #: added to every cross-language pair: encoders score translations lower
    #: than same-language paraphrases, and such pairs get no lexical signal
    cross_lingual: float = 0.4
    #: neighbours per claim in the candidate search
    k: int = 20
    #: above this many claims the neighbour search is approximate (IVF)
    exact_limit: int = 20_000
    #: cells probed per claim by the approximate search
    n_probe: int = 16
    #: pairs below this cosine are never candidates (nor given extra signals)
    min_cosine: float = 0.2

    def to_dict(self) -> dict[str, object]:
        return {
            "method": METHOD,
            "version": METHOD_VERSION,
            "score": (
                "cosine + lexical*char4gram_tfidf[same language] + number_match[shared quantity]"
                " - number_conflict[different quantities] + entities*name_jaccard"
                " + stance_match[both deny or both dispute]"
                " + cross_lingual[different languages]"
            ),
            "params": asdict(self),
        }

    def to_json(self) -> str:
        """Stable JSON description (sorted keys) stored with each group."""
        return json.dumps(self.to_dict(), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> GroupingParams:
        data = json.loads(text)
        params = data.get("params", data)
        return cls(**{k: v for k, v in params.items() if k in cls.__dataclass_fields__})
