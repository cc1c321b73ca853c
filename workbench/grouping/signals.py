"""Pair evidence beyond the embedding cosine: wording, quantities and names.

On the seed set one cosine threshold reaches only F1 0.46, because encoders
rate "North Korea denies sending arms" close to "US fears North Korea will send
arms" and "1,000 containers" close to "60,000 shells", while rating
translations lower than same-language paraphrases. Three cheap signals fix
much of that, each computed for candidate pairs only:

- lexical: character 4-gram TF-IDF cosine, for same-language pairs (across
  languages shared n-grams are names and numbers, counted below);
- numbers: +1 if the two claims share a stated quantity, -1 if both state
  quantities and none match, 0 otherwise (see ``numbers.py``);
- entities: IDF-weighted Jaccard overlap of capitalised names in the content
  and the speaker. Names mostly survive translation (Lavrov, Peskov, Kim Jong
  Un, KCNA); which capitalised words are names is learnt from the batch;
- stance: 1 when both claims deny, or both dispute, something (the stance the
  extractor found). A shared denial is rarer than a shared assertion, so it
  is evidence that two reports carry the same rebuttal ("no evidence", "they
  keep reporting this without proof"), which encoders often score low.

``pair_extras`` combines them with the weights of ``GroupingParams``; the
cosine and the cross-language offset are added by the clustering, which knows
them for every pair, not just candidates.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from workbench.grouping.glossary import concepts
from workbench.grouping.lexical import char_ngram_tfidf
from workbench.grouping.normalise import anchors, speaker_keys, without_anchors
from workbench.grouping.numbers import read_quantities, unit_of_token, units_compatible, value_of
from workbench.grouping.params import GroupingParams
from workbench.grouping.readings import Readings
from workbench.grouping.sparse import SparseRows

_WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[\w'’]+)*", re.UNICODE)
_POSSESSIVE = ("'s", "’s")
#: stances that carry no grouping evidence (most claims simply assert)
ASSERTIVE = frozenset({"asserts", "assert", ""})


@dataclass(frozen=True)
class Features:
    """Per-claim signal inputs for one grouping run."""

    lang: np.ndarray  # int32 language code per claim
    lexical: SparseRows  # L2-normalised TF-IDF rows
    entities: SparseRows  # sqrt(idf) weights: dot = summed IDF of shared names
    entity_mass: np.ndarray  # summed IDF of each claim's names
    numbers: SparseRows  # sqrt(idf) rows of canonical quantities: dot = summed IDF shared
    stance: np.ndarray  # int32: 0 asserts/unknown, else a code per other stance
    speakers: SparseRows  # binary rows of speaker keys (normalise.speaker_keys)
    #: IDF-weighted rows of glossary concepts (glossary.concepts); None when
    #: the glossary is not read
    concepts: SparseRows | None = None
    #: the IDF of a quantity two of the read claims state (the rarest shared)
    number_reference: float = 1.0
    #: per claim whose figures have a known unit: value token -> the units
    #: it is stated with (None: unknown), as numbers.read_quantities read them
    units: dict[int, dict[str, list[str | None]]] = field(default_factory=dict)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_title_case(words: list[str]) -> bool:
    """Headline style ("Korea Utara Bantah Kirim Senjata"): capitals mean nothing."""
    long_words = [w for w in words if len(w) >= 3]
    if len(long_words) < 3:
        return False
    return sum(w[0].isupper() for w in long_words) / len(long_words) > 0.75


def _name_parts(word: str) -> list[str]:
    """"Kim Jong-un" and "Kim Jong Un" must match: split hyphens, drop possessives."""
    parts = []
    for part in word.split("-"):
        lowered = part.lower()
        for suffix in _POSSESSIVE:
            lowered = lowered.removesuffix(suffix)
        if len(lowered) >= 2:
            parts.append(lowered)
    return parts


def known_names(texts: Sequence[list[str]], speakers: Sequence[list[str]]) -> set[str]:
    """Capitalised words that behave like names somewhere in the batch.

    Takes each text and speaker as its list of words. A word counts when it is
    capitalised in mid-sentence in a text that is not in title case, or
    appears in a speaker. Sentence-initial words ("Namun", "The") and headline
    capitals are names only if they also occur that way elsewhere.
    """
    names: set[str] = set()
    for words in texts:
        if _is_title_case(words):
            continue
        for word in words[1:]:
            if word[0].isupper():
                names.update(_name_parts(word))
    for words in speakers:
        for word in words:
            if word[0].isupper():
                names.update(_name_parts(word))
    return names


def claim_names(words: list[str], names: set[str]) -> list[str]:
    """The known names among a claim's words (content and speaker together)."""
    found: list[str] = []
    for word in words:
        if word[0].isupper():
            found.extend(p for p in _name_parts(word) if p in names)
    return found


def build_features(
    contents: Sequence[str],
    speakers: Sequence[str | None],
    langs: Sequence[str],
    stances: Sequence[str | None] | None = None,
    *,
    quantities_of: np.ndarray | None = None,
    names: bool = True,
    glossary: bool = True,
    concepts_of: np.ndarray | None = None,
    readings: Readings | None = None,
) -> Features:
    """Compute every claim's signal inputs; IDF statistics come from this batch.

    ``quantities_of``: a mask of the claims whose quantities are read (the
    others get none); for a caller that compares no pair of the others.
    ``names=False``: no claim gets names, for a caller that weighs them 0;
    ``glossary=False``: no concepts are read, likewise; ``concepts_of``: a
    mask of the claims whose concepts are read (all if None).
    ``readings``: quantities and concepts already read (an earlier run's,
    kept in the store); what is read here is filled in, to be kept.
    """
    n = len(contents)
    stance_ids: dict[str, int] = {}
    stance = np.zeros(n, dtype=np.int32)
    for i, value in enumerate(stances or ()):
        if value and value not in ASSERTIVE:
            stance[i] = stance_ids.setdefault(value, len(stance_ids) + 1)
    lang_ids: dict[str, int] = {}
    lang = np.fromiter(
        (lang_ids.setdefault(code or "", len(lang_ids)) for code in langs), dtype=np.int32, count=n
    )
    # the name analysis is the costliest per-claim step; a caller that gives
    # names no weight leaves every claim without names (a 0 signal, as weighted)
    entities = _name_rows(contents, speakers) if names else SparseRows.from_token_lists(
        [[] for _ in range(n)]
    )
    wanted = [True] * n if quantities_of is None else quantities_of.tolist()
    if readings is None:
        readings = Readings.unread(n)
    elif len(readings) != n:
        raise ValueError(f"{n} claims but {len(readings)} readings")
    known = readings.quantities
    for i, want in enumerate(wanted):
        if want and known[i] is None:
            known[i] = read_quantities(contents[i], langs[i] or "en")
    # two claims share a quantity by its value ("<471" included); what each
    # figure counts (its unit) is checked pair by pair, in pair_signals
    number_rows: list[tuple[str, ...]] = []
    units: dict[int, dict[str, list[str | None]]] = {}
    for i, want in enumerate(wanted):
        tokens = known[i] or () if want else ()
        number_rows.append(tuple(value_of(t) for t in tokens))
        if any("@" in t for t in tokens):
            by_value: dict[str, list[str | None]] = {}
            for t in tokens:
                by_value.setdefault(value_of(t), []).append(unit_of_token(t))
            units[i] = by_value
    number_df: dict[str, int] = {}
    for row in number_rows:
        for token in set(row):
            number_df[token] = number_df.get(token, 0) + 1
    read = sum(wanted)
    numbers = SparseRows.from_token_lists(number_rows, weights={
        token: math.sqrt(math.log((read + 1) / count)) for token, count in number_df.items()})
    return Features(
        lang=lang,
        lexical=char_ngram_tfidf(contents),
        entities=entities,
        entity_mass=entities.squared_norms(),
        numbers=numbers,
        number_reference=max(math.log((read + 1) / 2), 1e-6),
        units=units,
        stance=stance,
        speakers=SparseRows.from_token_lists([sorted(speaker_keys(s)) for s in speakers]),
        concepts=_concept_rows(contents, langs, np.ones(n, dtype=bool)
                               if concepts_of is None else concepts_of,
                               readings.concepts) if glossary else None,
    )


def _concept_rows(contents: Sequence[str], langs: Sequence[str], wanted: np.ndarray,
                  known: list[tuple[str, ...] | None]) -> SparseRows:
    """Glossary concepts of the ``wanted`` claims (both languages in one
    vocabulary; the others get none), weighted by IDF over those claims: a
    concept every claim of an event shares ("explode" in a batch about one
    blast) counts for little.

    Grouping reads the claims of the cross-language candidate pairs only
    (reading 100,000 claims costs seconds), so the IDF comes from the
    neighbourhoods being decided, which is where a concept's rarity matters.
    """
    n = int(wanted.sum())
    per_claim: list[Sequence[str]] = []
    for i, want in enumerate(wanted.tolist()):
        if not want:
            per_claim.append(())
            continue
        read = known[i]
        if read is None:
            read = known[i] = tuple(concepts(contents[i], langs[i]))
        per_claim.append(read)
    df: dict[str, int] = {}
    for found in per_claim:
        for token in set(found):
            df[token] = df.get(token, 0) + 1
    idf = {token: math.log((n + 1) / count) for token, count in df.items()}
    return SparseRows.from_token_lists(per_claim, weights=idf)


def _name_rows(contents: Sequence[str], speakers: Sequence[str | None]) -> SparseRows:
    """Each claim's names, weighted by sqrt(IDF) over the batch."""
    n = len(contents)
    # names the bilingual table knows are counted once, as its canonical token.
    # Each text's anchors are read right after its blanked words: both come
    # from one cached analysis, which a second pass over 100,000 texts would
    # have evicted (it would read every text twice).
    text_words: list[list[str]] = []
    speaker_words: list[list[str]] = []
    anchored: list[list[str]] = []
    for c, p in zip(contents, speakers, strict=True):
        text_words.append(_words(without_anchors(c)))
        speaker_words.append(_words(without_anchors(p)) if p else [])
        anchored.append(list(anchors(c)) + list(anchors(p or "")))
    names = known_names(text_words, speaker_words)
    # names as written, plus the places and institutions the bilingual table
    # knows under one token ("Korut" and "North Korea" both add north-korea)
    per_claim = [
        claim_names(t + s, names) + a
        for t, s, a in zip(text_words, speaker_words, anchored, strict=True)
    ]
    df: dict[str, int] = {}
    for found in per_claim:
        for name in set(found):
            df[name] = df.get(name, 0) + 1
    # log((n+1)/df): a name in every claim ("Korea" in a Korea batch) weighs ~0
    idf = {name: math.log((n + 1) / count) for name, count in df.items()}
    entities = SparseRows.from_token_lists(
        per_claim, weights={name: math.sqrt(w) for name, w in idf.items()}
    )
    return entities


def pair_signals(
    features: Features, left: np.ndarray, right: np.ndarray, *,
    same_language_glossary: bool = False,
) -> dict[str, np.ndarray]:
    """Raw signals per pair: lexical (0 across languages), numbers (-1/0/+1),
    entities (0..1), stance (1 for a shared denial or dispute), speaker
    (-1/0/+1) and the glossary concepts' cosine (0..1; across languages
    only, unless ``same_language_glossary``)."""
    same_lang = features.lang[left] == features.lang[right]
    lexical = np.zeros(len(left), dtype=np.float32)
    if same_lang.any():
        lexical[same_lang] = features.lexical.pair_dot(left[same_lang], right[same_lang])
    numbers = np.zeros(len(left), dtype=np.float32)
    rarity = np.zeros(len(left), dtype=np.float32)
    sizes = features.numbers.row_sizes()
    both = (sizes[left] > 0) & (sizes[right] > 0)
    if both.any():
        shared = features.numbers.pair_dot(left[both], right[both])
        numbers[both] = np.where(shared > 0, 1.0, -1.0)
        rarity[both] = np.clip(shared / features.number_reference, 0.0, 1.0)
        _unshare_other_units(features, left, right, numbers, rarity)
    entities = np.zeros(len(left), dtype=np.float32)
    mass = features.entity_mass
    has = (mass[left] > 0) & (mass[right] > 0)
    if has.any():
        inter = features.entities.pair_dot(left[has], right[has]).astype(np.float64)
        union = mass[left[has]] + mass[right[has]] - inter
        entities[has] = np.where(union > 0, inter / np.maximum(union, 1e-12), 0.0)
    stance = features.stance
    shared_stance = ((stance[left] == stance[right]) & (stance[left] > 0)).astype(np.float32)
    speaker = np.zeros(len(left), dtype=np.float32)
    said = features.speakers.row_sizes()
    both_said = (said[left] > 0) & (said[right] > 0)
    if both_said.any():
        common = features.speakers.pair_dot(left[both_said], right[both_said])
        speaker[both_said] = np.where(common > 0, 1.0, -1.0)
    glossary = np.zeros(len(left), dtype=np.float32)
    wanted = ~same_lang if not same_language_glossary else np.ones(len(left), dtype=bool)
    if features.concepts is not None and wanted.any():
        norms = np.sqrt(features.concepts.squared_norms())
        lw, rw = left[wanted], right[wanted]
        dot = features.concepts.pair_dot(lw, rw).astype(np.float64)
        denom = norms[lw] * norms[rw]
        glossary[wanted] = np.where(denom > 0, dot / np.maximum(denom, 1e-12), 0.0)
    return {
        "glossary": glossary,
        "lexical": lexical,
        "numbers": numbers,
        "number_rarity": rarity,
        "entities": entities,
        "stance": shared_stance,
        "speaker": speaker,
    }


def _unshare_other_units(features: Features, left: np.ndarray, right: np.ndarray,
                         numbers: np.ndarray, rarity: np.ndarray) -> None:
    """A pair that shares a figure only as counts of different things ("four
    leaks", "four blasts"; "38,000 tickets", "38,000 seats") shares no
    quantity: neither agreement nor conflict (they state different things,
    not different counts of one). In place."""
    units = features.units
    if not units:
        return
    for p in np.flatnonzero(numbers > 0).tolist():
        a, b = units.get(int(left[p])), units.get(int(right[p]))
        if a is None or b is None:
            continue  # a side without any known unit: as read by value
        if not any(units_compatible(x, y) for value in a.keys() & b.keys()
                   for x in a[value] for y in b[value]):
            numbers[p] = 0.0
            rarity[p] = 0.0


def pair_extras(
    features: Features, left: np.ndarray, right: np.ndarray, params: GroupingParams
) -> np.ndarray:
    """The weighted sum of the non-cosine signals for each candidate pair (float64)."""
    sig = pair_signals(features, left, right, same_language_glossary=params.glossary_same > 0)
    numbers = sig["numbers"].astype(np.float64)
    return (
        params.lexical * sig["lexical"].astype(np.float64)
        + np.where(numbers > 0, params.number_match * (
            1.0 - params.number_rarity + params.number_rarity * sig["number_rarity"]), 0.0)
        - np.where(numbers < 0, params.number_conflict, 0.0)
        + params.entities * sig["entities"].astype(np.float64)
        + params.entities_cross_lingual * np.where(
            features.lang[left] != features.lang[right], sig["entities"], 0.0)
        + params.stance_match * sig["stance"].astype(np.float64)
        + np.where(features.lang[left] != features.lang[right], params.glossary,
                   params.glossary_same) * sig["glossary"].astype(np.float64)
        + np.where(sig["speaker"] > 0, params.speaker_match, 0.0)
        - np.where(sig["speaker"] < 0, params.speaker_conflict, 0.0)
    )
