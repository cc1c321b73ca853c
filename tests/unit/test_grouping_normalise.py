"""normalise.py: one name per place, institution, date and speaker across Indonesian and English,
and what grouping does with it (the speaker and entity signals, the stance and chaining guards)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workbench.embed import UseEmbedder
from workbench.grouping.cluster import Item, cluster
from workbench.grouping.normalise import anchors, rewrite, speaker_keys
from workbench.grouping.numbers import extract_numbers
from workbench.grouping.params import GroupingParams
from workbench.grouping.signals import build_features, pair_signals


def test_north_korea_reads_one_way_in_every_spelling_of_both_languages() -> None:
    sentences = [
        "Korut menembakkan rudal balistik ke Laut Jepang pada Kamis pagi.",
        "Korea Utara menembakkan rudal balistik ke Laut Jepang pada Kamis pagi.",
        "North Korea fired a ballistic missile into the Sea of Japan on Thursday morning.",
        "The DPRK fired a ballistic missile on Thursday, officials in Seoul said.",
        "North Korean troops were seen near the border.",
    ]
    for sentence in sentences:
        assert "north-korea" in anchors(sentence), sentence
    assert "south-korea" in anchors("The DPRK fired a missile on Thursday, officials in Seoul said.")
    assert "north-korea" not in anchors("Korea Selatan menggelar latihan militer bersama.")


def test_the_united_states_in_abbreviations_and_full_names() -> None:
    for sentence in (
        "Pejabat AS mengatakan bantuan akan tiba dalam dua pekan.",
        "Amerika Serikat mengirim bantuan militer baru ke Ukraina.",
        "US officials said the aid would arrive within two weeks.",
        "The U.S. sent new military aid to Ukraine.",
        "The United States sent new military aid to Ukraine.",
    ):
        assert "united-states" in anchors(sentence), sentence
    # lower-case "as" and "us" are ordinary words in English, not the country
    assert "united-states" not in anchors("He spoke to us as a friend.")


def test_institutions_and_dates_match_across_languages() -> None:
    indonesian = anchors("Gedung Putih menyebut PBB menerima laporan itu pada Selasa, 17 Oktober.")
    english = anchors("The White House said the United Nations received the report on Tuesday, October 17.")
    assert indonesian == english
    assert {"inst:white-house", "tuesday", "october"} <= set(english)


def test_numbers_and_periods_read_alike_in_both_conventions() -> None:
    assert extract_numbers("Korut mengirim 1.000 kontainer ke Rusia") == extract_numbers(
        "North Korea sent 1,000 containers to Russia")
    assert extract_numbers("Pasukan akan ditarik dalam dua pekan") == extract_numbers(
        "Troops will be withdrawn within two weeks")
    assert extract_numbers("Sebanyak 2,5 juta peluru diproduksi") == extract_numbers(
        "About 2.5 million shells were produced")


def test_speakers_written_differently_share_a_key() -> None:
    assert speaker_keys("Gedung Putih") == speaker_keys("the White House")
    assert speaker_keys("Kremlin") == speaker_keys("Istana Kremlin")
    assert speaker_keys("Joe Biden") & speaker_keys("Biden")
    assert not speaker_keys("Kementerian Luar Negeri Rusia") & speaker_keys("the White House")
    assert speaker_keys(None) == frozenset() and speaker_keys("  ") == frozenset()


def test_rewrite_writes_names_one_way_and_keeps_the_rest() -> None:
    assert rewrite("Korut mengirim 1.000 kontainer ke Rusia, kata Gedung Putih.") == (
        "North Korea mengirim 1.000 kontainer ke Russia, kata White House.")
    assert rewrite("tidak ada nama di sini") == "tidak ada nama di sini"


@given(st.text())
def test_normalisation_never_raises(text: str) -> None:
    assert isinstance(anchors(text), tuple)
    assert isinstance(rewrite(text), str)
    assert isinstance(speaker_keys(text), frozenset)


def test_entity_overlap_sees_the_same_places_across_languages() -> None:
    contents = [
        "Korut mengirim amunisi ke Rusia",
        "North Korea sent munitions to Russia",
        "Japan sent munitions to Ukraine",
    ]
    features = build_features(contents, [None, None, None], ["id", "en", "en"])
    sig = pair_signals(features, np.array([0, 0]), np.array([1, 2]))
    assert sig["entities"][0] > 0.9  # North Korea and Russia on both sides
    assert sig["entities"][1] == 0.0


def test_same_speaker_in_two_languages_is_a_match_and_different_ones_a_conflict() -> None:
    features = build_features(
        ["a", "b", "c", "d"], ["Gedung Putih", "the White House", "Kremlin", None], ["id", "en", "en", "en"]
    )
    sig = pair_signals(features, np.array([0, 0, 0]), np.array([1, 2, 3]))
    assert sig["speaker"].tolist() == [1.0, -1.0, 0.0]


def _unit(rows: list[list[float]]) -> np.ndarray:
    vectors = np.asarray(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_a_denial_never_joins_the_claim_it_denies() -> None:
    items = [
        Item("Korea Utara mengirim senjata ke Rusia", "id", stance="asserts"),
        Item("North Korea sent weapons to Russia", "en", stance="asserts"),
        Item("Korea Utara mengirim senjata ke Rusia", "id", "Korea Utara", stance="denies"),
    ]
    vectors = _unit([[1.0, 0.0], [1.0, 0.01], [1.0, 0.02]])  # all but identical vectors
    apart = cluster(items, vectors, GroupingParams(threshold=0.5))
    assert apart.new[0] == apart.new[1] != apart.new[2]
    together = cluster(items, vectors, GroupingParams(threshold=0.5, denials_apart=False))
    assert len(set(together.new.tolist())) == 1


def test_the_chaining_guard_keeps_far_ends_of_a_chain_apart() -> None:
    # a - b and b - c are close, a - c are not (cosine ~0.17): average linkage
    # would chain all three once extras lift the mean; the guard refuses
    angles = np.radians([0.0, 40.0, 80.0])
    vectors = _unit([[np.cos(a), np.sin(a)] for a in angles])
    items = [Item(word, "en") for word in ("alpha", "bravo", "charlie")]
    loose = cluster(items, vectors, GroupingParams(threshold=0.4, min_pair_cosine=-1.0))
    assert len(set(loose.new.tolist())) == 1
    guarded = cluster(items, vectors, GroupingParams(threshold=0.4, min_pair_cosine=0.5))
    assert len(set(guarded.new.tolist())) == 2


def test_real_model_groups_a_report_with_its_translation_not_with_its_denial() -> None:
    texts = [
        ("id", "Korut telah mengirimkan lebih dari 1.000 kontainer peralatan militer ke Rusia", "asserts",
         "Gedung Putih"),
        ("en", "North Korea has sent more than 1,000 containers of military equipment to Russia", "asserts",
         "the White House"),
        ("id", "Korea Utara mengirimkan lebih dari 1.000 kontainer peralatan militer ke Rusia", "denies",
         "Pyongyang"),
        ("en", "Japan will host the Asian Games volleyball final in two weeks", "asserts", None),
    ]
    items = [Item(content, lang, speaker, stance=stance) for lang, content, stance, speaker in texts]
    vectors = UseEmbedder().embed([t[1] for t in texts])
    result = cluster(items, vectors, GroupingParams())
    groups = result.new.tolist()
    assert groups[0] == groups[1]
    assert groups[2] != groups[0]
    assert groups[3] not in (groups[0], groups[2])


def test_local_scaling_rewards_a_pair_closer_than_its_neighbourhood() -> None:
    # p and q (cosine 0.8) are each other's only near neighbour; six other
    # claims crowd another direction. Scaled by neighbourhood density, the
    # isolated pair stands out and joins; by plain cosine it does not.
    rng = np.random.default_rng(7)
    crowd = _unit([[1.0, 0.0, 0.0] + rng.normal(0, 0.1, 3) for _ in range(6)])
    pair = _unit([[0.0, 1.0, 0.0], [0.0, 0.8, 0.6]])
    vectors = np.vstack([pair, crowd]).astype(np.float32)
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
    items = [Item(w, "en") for w in words]
    plain = cluster(items, vectors, GroupingParams(lexical=0.0, local_scaling=0.0))
    scaled = cluster(items, vectors, GroupingParams(lexical=0.0, local_scaling=1.0))
    assert plain.new[0] != plain.new[1]
    assert scaled.new[0] == scaled.new[1]
