"""Check-worthiness ranks checkable statements of fact above opinion, questions,
promises and procedure, in Indonesian and English.

The sentences are written for these tests in the shapes news reports, press
conferences and debates use; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.extract import MIN_CHECKWORTHINESS, analyse_sentence, extract_claims
from workbench.extract import cw_lexicon as lex
from workbench.extract.checkworthiness import WEIGHTS, features, score

CHECKABLE_EN = [
    "Unemployment fell to 3.9 percent in March, the lowest rate since 2000.",
    "The senator voted against the defence budget three times in 2019.",
    "Our state cut income taxes for 2 million families last year.",
    "The company paid $4.5 billion in fines after the court ruled against it.",
    "Crime in the city rose by 12 percent between 2020 and 2022, police data show.",
    "The governor signed the bill that raised the minimum wage to $15 an hour.",
    "More than 40 million Americans have no health insurance.",
    "Exports to China doubled over the past decade.",
]
CHECKABLE_ID = [
    "Angka kemiskinan turun menjadi 9,4 persen pada Maret 2023, menurut data BPS.",
    "DPR mengesahkan undang-undang itu pada 6 Desember 2022 setelah rapat paripurna.",
    "Harga beras naik lebih dari 20 persen sejak awal tahun di sejumlah pasar Jakarta.",
    "Pemerintah telah menyalurkan bantuan Rp 2,3 triliun kepada 10 juta keluarga penerima.",
    "Jumlah korban tewas akibat banjir bertambah menjadi 57 orang pada Senin (4/3/2024).",
    "Ekspor batu bara Indonesia meningkat dua kali lipat dibandingkan tahun lalu.",
    "Presiden Joko Widodo meresmikan bendungan senilai Rp 1,2 triliun di Jawa Tengah.",
    "Inflasi tahunan tercatat 2,6 persen pada Januari, terendah dalam dua tahun terakhir.",
]
UNCHECKABLE_EN = [
    "I think this is the most important election of our lifetime.",          # opinion
    "What are you going to do about the people who lost their jobs?",        # question
    "We will bring those jobs back and we will make this country strong again.",  # promise
    "Thank you very much, and good evening, ladies and gentlemen.",          # procedure
    "We need to do much better for our children and our grandchildren.",     # norm
    "Let me finish my answer, please.",                                      # procedure
    "That is a really terrible idea and everybody knows it.",                # evaluation
    "Well, I hope we can all work together on this.",                        # hope
]
UNCHECKABLE_ID = [
    "Saya kira keputusan ini sangat penting bagi masa depan bangsa kita.",   # opini
    "Apakah pemerintah siap menghadapi musim hujan tahun ini?",              # pertanyaan
    "Kami akan terus bekerja keras untuk rakyat dan tidak akan berhenti.",   # janji
    "Terima kasih atas kesempatan yang diberikan kepada saya malam ini.",    # prosedur
    "Kita harus bersatu dan saling menjaga satu sama lain.",                 # norma
    "Izinkan saya menjawab pertanyaan itu terlebih dahulu.",                 # prosedur
    "Menurut saya, itu adalah gagasan yang luar biasa bagus.",               # penilaian
    "Semoga semua pihak bisa menahan diri dan berpikir jernih.",             # harapan
]


def _cw(sentence: str) -> float:
    return analyse_sentence(sentence, "en").checkworthiness


def _auc(positive: list[float], negative: list[float]) -> float:
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positive for n in negative)
    return wins / (len(positive) * len(negative))


@pytest.mark.parametrize(("checkable", "uncheckable"), [
    (CHECKABLE_EN, UNCHECKABLE_EN), (CHECKABLE_ID, UNCHECKABLE_ID)], ids=["en", "id"])
def test_every_checkable_sentence_outranks_every_uncheckable_one(
        checkable: list[str], uncheckable: list[str]) -> None:
    assert _auc([_cw(s) for s in checkable], [_cw(s) for s in uncheckable]) == 1.0


@pytest.mark.parametrize("sentence", CHECKABLE_EN + CHECKABLE_ID)
def test_checkable_sentences_are_extracted_as_claims(sentence: str) -> None:
    claims = extract_claims(sentence)
    assert [c.text for c in claims] == [sentence]
    assert claims[0].checkworthiness >= 0.6


@pytest.mark.parametrize("sentence", UNCHECKABLE_EN + UNCHECKABLE_ID + [
    "Simak berita pilihan kami langsung di ponselmu setiap hari.",
    "Subscribe to our newsletter for the latest updates.",
    "Just click on the icon to download the app.",
])
def test_opinion_promises_questions_greetings_and_calls_to_action_are_not_extracted(sentence: str) -> None:
    assert extract_claims(sentence) == []
    assert _cw(sentence) < MIN_CHECKWORTHINESS


@pytest.mark.parametrize(("with_number", "without"), [
    ("The ministry hired 12,000 new teachers in 2021.", "The ministry hired new teachers recently."),
    ("Kementerian merekrut 12.000 guru baru pada 2021.", "Kementerian merekrut guru baru belakangan ini."),
    ("Fuel prices rose 30 percent after the subsidy ended.", "Fuel prices rose after the subsidy ended."),
])
def test_a_quantity_makes_the_same_statement_more_check_worthy(with_number: str, without: str) -> None:
    assert _cw(with_number) > _cw(without) + 0.1


@pytest.mark.parametrize(("record", "promise"), [
    ("We cut the deficit by half in four years.", "We will cut the deficit by half in four years."),
    ("Kami telah memangkas defisit hingga separuh dalam empat tahun.",
     "Kami akan memangkas defisit hingga separuh dalam empat tahun."),
    ("The mayor built 300 new schools.", "The mayor should build 300 new schools."),
    ("Pemerintah membangun 300 sekolah baru.", "Pemerintah seharusnya membangun 300 sekolah baru."),
])
def test_what_was_done_outranks_what_is_promised_or_demanded(record: str, promise: str) -> None:
    assert _cw(record) > _cw(promise)


@pytest.mark.parametrize(("sourced", "bare"), [
    ("Menurut data Kementerian Kesehatan, 1.200 kasus baru tercatat pada Selasa (12/9/2023).",
     "Kasusnya banyak sekali."),
    ("The health ministry said 1,200 new cases were recorded on Tuesday.",
     "“We do not comment on rumours,” he told reporters on Tuesday."),
])
def test_a_named_source_with_a_number_outranks_a_bare_remark(sourced: str, bare: str) -> None:
    assert _cw(sourced) >= 0.8
    assert _cw(bare) < 0.5


def test_a_denied_claim_outranks_the_same_claim_asserted() -> None:
    denial = analyse_sentence("Kementerian Pertahanan membantah telah membeli 12 pesawat bekas dari Austria.")
    plain = analyse_sentence("Kementerian Pertahanan telah membeli 12 pesawat bekas dari Austria.")
    assert denial.stance == "denies"
    assert denial.checkworthiness > plain.checkworthiness
    claim = "The ministry bought 12 used jets from Austria."
    assert (score(claim, speaker="The ministry", quote=False, contested=True)
            > score(claim, speaker="The ministry", quote=False, contested=False))


def test_attribution_details_add_nothing_to_the_claim() -> None:
    bare = "Kami tidak mengomentari kabar itu."
    attributed = ("“Kami tidak mengomentari kabar itu,” kata juru bicara itu kepada 20 wartawan, "
                  "Senin (21/10/2023).")
    assert features(attributed)["date"] == features(attributed)["quantity"] == 1.0
    assert features(attributed, content=bare)["date"] == 0.0
    assert features(attributed, content=bare)["quantity"] == 0.0


def test_features_read_quantities_money_and_change_in_both_languages() -> None:
    english = features("Spending rose by $3 billion, or 4 percent, more than in 2019.")
    indonesian = features("Belanja negara naik Rp 3 triliun atau 4 persen, lebih dari tahun lalu.")
    for found in (english, indonesian):
        assert found["quantity"] == found["percent_money"] == found["change"] == found["date"] == 1.0


@pytest.mark.parametrize("sentence", [
    "Unemployment here is higher than in any other province.",
    "Angka pengangguran di sini lebih tinggi daripada provinsi lain.",
])
def test_a_comparison_is_a_sign_of_something_checkable(sentence: str) -> None:
    assert features(sentence)["change"] == 1.0


def test_links_handles_and_hashtags_are_not_quantities() -> None:
    found = features("Watch the full speech at https://example.org/v/2023/181 via @desk24 #vote2024")
    assert found["quantity"] == found["date"] == 0.0
    assert features("Turnout was 81 percent, see https://example.org/a")["quantity"] == 1.0


def test_every_feature_has_a_weight_and_every_table_entry_is_lower_case() -> None:
    assert set(features("Apa saja.")) | {"speaker", "quote", "contested"} == set(WEIGHTS)
    for name in dir(lex):
        table = getattr(lex, name)
        if isinstance(table, (frozenset, tuple)):
            assert all(entry == entry.lower() for entry in table), name


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.booleans(), st.booleans())
def test_any_text_scores_within_zero_and_one(text: str, quote: bool, contested: bool) -> None:
    value = score(text, content=text[: len(text) // 2], speaker=None, quote=quote, contested=contested)
    assert 0.0 <= value <= 1.0
