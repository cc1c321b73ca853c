"""The bilingual glossary: one claim reads as the same concepts in Indonesian and English.

Sentences are written for these tests in the shapes Indonesian and English
outlets print (wire leads, quotes with attribution removed, numbers written
each language's way); each English sentence reports its Indonesian one.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.grouping.glossary import concepts
from workbench.grouping.params import GroupingParams
from workbench.grouping.signals import build_features, pair_extras, pair_signals

# (Indonesian, English report of the same claim)
TRANSLATIONS = [
    ("Pesawat itu ditembak jatuh oleh rudal pertahanan udara di wilayah perbatasan",
     "The plane was shot down by an air defence missile in the border region"),
    ("Polisi menembakkan gas air mata ke arah penonton di dalam stadion",
     "Police fired tear gas at spectators inside the stadium"),
    ("Ledakan di rumah sakit itu menewaskan ratusan orang dan melukai puluhan lainnya",
     "The blast at the hospital killed hundreds of people and wounded dozens more"),
    ("Ribuan pengungsi dievakuasi setelah banjir merendam desa-desa di tepi sungai",
     "Thousands of refugees were evacuated after floods swamped villages along the river"),
    ("Pemerintah menaikkan harga bahan bakar sebesar 30 persen mulai bulan depan",
     "The government will raise fuel prices by 30 percent from next month"),
    ("Jaksa mendakwa tiga tersangka korupsi dana bantuan bencana",
     "Prosecutors charged three suspects with corruption of disaster aid funds"),
]


def overlap(a: list[str], b: list[str]) -> float:
    """Jaccard overlap of two concept bags."""
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def test_a_translation_shares_most_of_its_concepts() -> None:
    for indonesian, english in TRANSLATIONS:
        left, right = concepts(indonesian, "id"), concepts(english, "en")
        assert overlap(left, right) >= 0.5, (left, right)


def test_a_translation_shares_more_than_another_claim_on_the_same_topic() -> None:
    # every English report is closer to its own Indonesian sentence than to any other
    for i, (indonesian, _) in enumerate(TRANSLATIONS):
        own = concepts(indonesian, "id")
        scores = [overlap(own, concepts(english, "en")) for _, english in TRANSLATIONS]
        assert int(np.argmax(scores)) == i, scores


def test_indonesian_affixes_reduce_to_one_concept() -> None:
    for word in ("ditembak", "menembak", "penembakan", "tembakan", "menembakkan"):
        assert concepts(f"Polisi {word}", "id") == ["police", "shoot"], word
    for word in ("shot", "shooting", "shoots"):
        assert concepts(f"Police {word}", "en") == ["police", "shoot"], word


def test_roots_the_stemmer_cuts_short_are_found_by_undoing_the_affixes() -> None:
    # Sastrawi takes "-tah", "-an" and the like off as particles before the
    # prefix: "membantah" came out "ban" (tyre), "kerusakan" "rusa" (deer).
    for word, concept in (("membantah", "deny"), ("dibantah", "deny"), ("bantahan", "deny"),
                          ("kerusakan", "damage"), ("mengunjungi", "visit"),
                          ("pemberontakan", "rebel"), ("memasok", "supply")):
        assert concepts(word, "id") == [concept], word
    assert concepts("membantah", "id") == concepts("denied", "en")
    # a word the stemmer leaves whole is not taken apart ("terapi" is therapy,
    # not ter- + api, fire)
    assert concepts("terapi", "id") == ["terapi"]
    assert concepts("tidak pernah mengirim baja", "id") == concepts("never sent steel", "en")


def test_phrases_read_as_one_concept_in_both_languages() -> None:
    assert concepts("gas air mata", "id") == concepts("tear gas", "en") == ["tear-gas"]
    assert concepts("rumah sakit", "id") == concepts("hospital", "en") == ["hospital"]
    assert concepts("ditembak jatuh", "id") == concepts("shot down", "en") == ["shoot-down"]


def test_a_word_as_written_wins_over_an_ambiguous_root() -> None:
    # "pertahanan" (defence) has the root "tahan" (to hold, to detain)
    assert concepts("pertahanan", "id") == concepts("defence", "en") == ["defend"]


def test_places_and_institutions_come_as_their_canonical_tokens() -> None:
    assert concepts("Korut mengirim senjata", "id")[0] == "north-korea"
    assert concepts("North Korea sent weapons", "en")[0] == "north-korea"
    assert concepts("Korut mengirim senjata", "id")[1:] == concepts("North Korea sent weapons",
                                                                     "en")[1:]


def test_function_words_and_reduplication() -> None:
    assert concepts("yang dan di ke dari itu", "id") == []
    assert concepts("the of and to that was", "en") == []
    assert concepts("korban-korban", "id") == concepts("korban", "id") == ["victim"]


def test_unknown_words_and_names_match_themselves() -> None:
    assert "prigozhin" in concepts("Prigozhin tewas", "id")
    assert "prigozhin" in concepts("Prigozhin was killed", "en")


def test_the_pair_signal_is_the_concept_cosine() -> None:
    texts = [TRANSLATIONS[0][0], TRANSLATIONS[0][1], TRANSLATIONS[1][1]]
    features = build_features(texts, [None] * 3, ["id", "en", "en"])
    signal = pair_signals(features, np.array([0, 0]), np.array([1, 2]))["glossary"]
    assert signal[0] > 0.5 > signal[1]
    off = build_features(texts, [None] * 3, ["id", "en", "en"], glossary=False)
    assert not pair_signals(off, np.array([0]), np.array([1]))["glossary"].any()


def test_the_glossary_weighs_in_across_languages_only() -> None:
    texts = [TRANSLATIONS[2][0], TRANSLATIONS[2][1],
             "Ledakan di rumah sakit itu menewaskan ratusan orang"]
    features = build_features(texts, [None] * 3, ["id", "en", "id"])
    left, right = np.array([0, 0]), np.array([1, 2])  # translation; same-language pair
    on = pair_extras(features, left, right, GroupingParams(glossary=1.0, glossary_same=0.0))
    off = pair_extras(features, left, right, GroupingParams(glossary=0.0, glossary_same=0.0))
    concept_cosine = pair_signals(features, left, right)["glossary"]
    assert on[0] - off[0] == pytest.approx(concept_cosine[0], abs=1e-6) and concept_cosine[0] > 0.5
    assert on[1] == off[1]  # same language: the n-gram signal's job
    assert concept_cosine[1] == 0.0  # not even read for a same-language pair
    same = pair_extras(features, left, right, GroupingParams(glossary=0.0, glossary_same=0.5))
    both = pair_signals(features, left, right, same_language_glossary=True)["glossary"]
    assert both[1] > 0.3
    assert same[1] - off[1] == pytest.approx(0.5 * both[1], abs=1e-6)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["id", "en", "", "xx"]))
def test_any_text_reads_without_error(text: str, lang: str) -> None:
    found = concepts(text, lang)
    assert isinstance(found, list) and all(isinstance(t, str) and t for t in found)

