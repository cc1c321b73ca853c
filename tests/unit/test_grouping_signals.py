"""The pair signals: quantities, character n-grams, names, and sparse pair dots."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from workbench.grouping.lexical import char_ngram_tfidf
from workbench.grouping.numbers import (
    extract_numbers,
    number_agreement,
    parse_numeral,
    read_quantities,
)
from workbench.grouping.params import GroupingParams
from workbench.grouping.signals import build_features, known_names, pair_extras, pair_signals
from workbench.grouping.sparse import SparseRows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lebih dari 1.000 kontainer peralatan militer", {1000.0}),
        ("more than 1,000 containers of military equipment", {1000.0}),
        ("over a thousand containers", {1000.0}),
        ("sekitar 60.000 peluru per hari", {60000.0}),
        ("diperkirakan mencapai 2,5 juta", {2.5e6}),
        ("to an estimated 2.5 million", {2.5e6}),
        ("lebih dari dua lusin jenis", {24.0}),
        ("for a two-day visit", {2.0}),
        ("seribu tentara", {1000.0}),
    ],
)
def test_quantities_read_the_same_in_indonesian_and_english(text: str, expected: set[float]) -> None:
    assert extract_numbers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kremlin pada Selasa (17/10/2023) mengatakan",
        "between September 1 and October 1",
        "antara tanggal 1 September-1 Oktober 2023",
        "pada November 2022",
        "one of the officials said",
        "jutaan peluru",  # vague: neither agrees nor conflicts
    ],
)
def test_dates_years_and_vague_amounts_are_not_quantities(text: str) -> None:
    assert extract_numbers(text) == frozenset()


def test_numeral_parsing_handles_both_separator_conventions() -> None:
    assert parse_numeral("1.000") == parse_numeral("1,000") == 1000.0
    assert parse_numeral("2,5") == parse_numeral("2.5") == 2.5
    assert parse_numeral("1.234.567") == parse_numeral("1,234,567") == 1234567.0
    assert parse_numeral("1.234,5") == parse_numeral("1,234.5") == 1234.5


def test_number_agreement_is_shared_conflicting_or_silent() -> None:
    thousand, sixty_k = frozenset({1000.0}), frozenset({60000.0})
    assert number_agreement(thousand, frozenset({1000.0, 13.0})) == 1.0
    assert number_agreement(thousand, sixty_k) == -1.0
    assert number_agreement(thousand, frozenset()) == 0.0


def test_sparse_pair_dot_matches_dense_products() -> None:
    rng = np.random.default_rng(0)
    rows = [[f"t{x}" for x in rng.integers(0, 50, size=rng.integers(0, 12))] for _ in range(300)]
    weights = {f"t{i}": float(rng.random()) for i in range(50)}
    sparse = SparseRows.from_token_lists(rows, weights)
    dense = np.zeros((300, sparse.vocab_size))
    for i in range(300):
        lo, hi = sparse.indptr[i], sparse.indptr[i + 1]
        dense[i, sparse.indices[lo:hi]] = sparse.data[lo:hi]
    left, right = rng.integers(0, 300, 5000), rng.integers(0, 300, 5000)
    np.testing.assert_allclose(
        sparse.pair_dot(left, right), (dense[left] * dense[right]).sum(1), atol=1e-5
    )
    np.testing.assert_allclose(sparse.squared_norms(), (dense**2).sum(1), atol=1e-5)


def test_char_ngram_tfidf_is_unit_length_and_ranks_shared_wording_first() -> None:
    texts = [
        "Korea Utara mengirim lebih dari 1.000 kontainer peralatan militer ke Rusia",
        "Korut telah mengirimkan lebih dari 1.000 kontainer peralatan militer ke Rusia",
        "Pasukan Rusia menembakkan sekitar 60.000 peluru per hari",
        "",
    ]
    rows = char_ngram_tfidf(texts, min_df=1)
    norms = rows.squared_norms()
    np.testing.assert_allclose(norms[:3], 1.0, atol=1e-5)
    assert norms[3] == 0.0
    same, other = rows.pair_dot(np.array([0, 0]), np.array([1, 2]))
    assert same > 0.6 and other < 0.3


def test_names_are_learnt_from_mid_sentence_capitals_not_headlines() -> None:
    texts = [
        "Korea Utara Bantah Kirim Senjata ke Rusia",  # title case: capitals mean nothing
        "Menteri Luar Negeri Rusia Sergei Lavrov diperkirakan tiba di Korea Utara pada Rabu "
        "untuk kunjungan dua hari",
        "Namun, Kremlin menepis klaim AS",
    ]
    names = known_names([t.split() for t in texts], [["Dmitry", "Peskov"]])
    assert {"lavrov", "sergei", "korea", "kremlin", "peskov"} <= names
    assert "bantah" not in names and "namun," not in names and "senjata" not in names


def test_pair_signals_lexical_only_within_a_language_and_numbers_conflict() -> None:
    features = build_features(
        [
            "Gedung Putih mengatakan Korea Utara mengirim lebih dari 1.000 kontainer",
            "Gedung Putih mengatakan Korut mengirim lebih dari 1.000 kontainer",
            "The White House said North Korea sent more than 1,000 containers",
            "Pasukan Rusia menembakkan sekitar 60.000 peluru per hari",
        ],
        [None, None, "White House", None],
        ["id", "id", "en", "id"],
        ["asserts", "denies", "denies", None],
    )
    sig = pair_signals(features, np.array([0, 0, 0, 1]), np.array([1, 2, 3, 2]))
    assert sig["lexical"][0] > 0.5 and sig["lexical"][1] == 0.0  # id-en: no lexical signal
    assert list(sig["numbers"][:3]) == [1.0, 1.0, -1.0]
    assert list(sig["stance"]) == [0.0, 0.0, 0.0, 1.0]


def test_a_quantity_many_claims_state_earns_less_than_a_rare_one() -> None:
    # an event's headline figure ("10 killed") is in most of its claims, so
    # sharing it says less about two claims than sharing a figure two state
    texts = [
        "Sepuluh orang di dalam pesawat, termasuk tiga awak",
        "Petugas menemukan 10 jenazah di lokasi jatuhnya pesawat",
        "Identitas semua 10 korban telah ditetapkan",
        "All 10 people on board were killed, including three crew",
        "Ten bodies were recovered at the crash site",
        "The jet carried 2,300 litres of fuel",
        "Pesawat membawa 2.300 liter bahan bakar",
    ]
    langs = ["id", "id", "id", "en", "en", "en", "id"]
    features = build_features(texts, [None] * 7, langs)
    left, right = np.array([1, 5]), np.array([2, 6])
    sig = pair_signals(features, left, right)
    assert list(sig["numbers"]) == [1.0, 1.0]
    common, rare = sig["number_rarity"]
    assert rare == pytest.approx(1.0) and 0.0 < common < 0.5
    params = GroupingParams()
    assert 0.0 < params.number_rarity < 1.0
    extras = pair_extras(features, left, right, params)
    full = pair_extras(features, left, right, dataclasses.replace(params, number_rarity=0.0))
    assert extras[0] < full[0]  # the common figure's bonus is scaled down ...
    assert extras[1] == pytest.approx(full[1])  # ... a rare one's is not


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("The toll was likely far lower than the 320 the ministry reported", ("<320.0",)),
        ("far fewer than the nearly 500 deaths first described", ("<500.0",)),
        ("Jumlah korban kemungkinan lebih rendah dibandingkan 320 korban yang dilaporkan",
         ("<320.0",)),
        ("Kerugian kurang dari Rp 2,5 miliar", ("<2500000000.0",)),
        # a lower bound states the figure as far as it goes: it still agrees
        ("At least 320 people were killed", ("320.0",)),
        ("Sedikitnya 320 orang tewas, lebih dari 100 luka-luka", ("100.0", "320.0")),
    ],
)
def test_a_figure_put_below_a_value_is_read_as_below_it(text: str, tokens: tuple[str, ...]) -> None:
    assert read_quantities(text) == tokens


def test_a_claim_that_puts_the_toll_below_a_figure_conflicts_with_the_figure() -> None:
    # "lower than the 320 reported" disputes "320 were killed": not a shared quantity
    features = build_features(
        ["Kementerian mengatakan 320 orang tewas dalam ledakan itu",
         "Jumlah korban kemungkinan lebih rendah dibandingkan 320 korban yang dilaporkan",
         "The death toll was probably lower than the 320 reported by the ministry",
         "The ministry said 320 people were killed in the blast"],
        [None] * 4, ["id", "id", "en", "en"])
    sig = pair_signals(features, np.array([0, 0, 1, 0]), np.array([1, 2, 2, 3]))
    assert list(sig["numbers"]) == [-1.0, -1.0, 1.0, 1.0]


@pytest.mark.parametrize(
    ("text", "lang", "tokens"),
    [
        ("Empat kebocoran gas ditemukan di dua pipa", "id", ("2.0@pipeline", "4.0@gas+leak")),
        ("Four gas leaks were found on two pipelines", "en", ("2.0@pipeline", "4.0@gas+leak")),
        ("Tim menemukan 12 jenazah", "id", ("12.0@people",)),
        ("12 people were killed", "en", ("12.0@people",)),
        ("The figure was 12, officials said", "en", ("12.0",)),  # nothing after it counts
        # unit symbols are read in English text as in Indonesian
        ("The blast equalled 500 kg of TNT", "en", ("500.0@kilogram",)),
        ("Ledakan itu setara 500 kg TNT", "id", ("500.0@kilogram",)),
        ("The convoy drove 40 km to the border", "en", ("40.0@kilometre",)),
    ],
)
def test_a_figure_carries_what_it_counts_where_the_glossary_knows_the_word(
        text: str, lang: str, tokens: tuple[str, ...]) -> None:
    assert read_quantities(text, lang) == tokens


def test_a_figure_shared_as_counts_of_different_things_is_not_a_shared_quantity() -> None:
    features = build_features(
        ["Empat kebocoran gas ditemukan di dasar laut",
         "Four gas leaks were found on the seabed",
         "Four undersea blasts were recorded",
         "Four were recorded on the seabed",
         "Petugas menemukan 12 jenazah di lokasi",
         "12 people were killed in the crash"],
        [None] * 6, ["id", "en", "en", "en", "id", "en"])
    sig = pair_signals(features, np.array([0, 0, 0, 4]), np.array([1, 2, 3, 5]))
    # leaks = kebocoran; leaks are not blasts (neither agreement nor conflict);
    # a figure with no known unit is read by its value; the dead are people
    assert list(sig["numbers"]) == [1.0, 0.0, 1.0, 1.0]


def test_a_nul_character_inside_a_text_does_not_shift_the_others() -> None:
    rows = char_ngram_tfidf(["\x00", "00", "kontainer senjata", "kontainer senjata"])
    assert rows.n_rows == 4
    assert rows.pair_dot(np.array([2]), np.array([3]))[0] == pytest.approx(1.0, abs=1e-5)
