"""Sentence splitting, attribution and check-worthiness on hand-written text."""

from __future__ import annotations

import pytest

from workbench.extract import analyse_sentence, extract_claims
from workbench.extract.sentences import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_dates_numbers_and_abbreviations_do_not_break_sentences() -> None:
    text = (
        "Rusia pada Selasa (17/10/2023) memproduksi 2,5 juta peluru dan 1.000 roket. "
        "Dr. Budi dan Prof. H. Agus tinggal di Jl. Sudirman No. 5 sejak 2020. "
        "Mr. J. Smith said U.S. forces left. Dia pergi."
    )
    assert _sentences(text) == [
        "Rusia pada Selasa (17/10/2023) memproduksi 2,5 juta peluru dan 1.000 roket.",
        "Dr. Budi dan Prof. H. Agus tinggal di Jl. Sudirman No. 5 sejak 2020.",
        "Mr. J. Smith said U.S. forces left.",
        "Dia pergi.",
    ]


def test_sentence_ending_inside_a_quote_keeps_the_closing_quote() -> None:
    text = "Lavrov berkata: “Amerika terus menuduh semua orang.” Lalu dia pergi."
    assert _sentences(text) == ["Lavrov berkata: “Amerika terus menuduh semua orang.”",
                                "Lalu dia pergi."]


def test_spans_are_offsets_into_the_text() -> None:
    text = "Satu kalimat di sini.\n\nKalimat kedua ada di paragraf lain."
    for start, end in split_sentences(text):
        assert text[start:end] in {"Satu kalimat di sini.", "Kalimat kedua ada di paragraf lain."}


@pytest.mark.parametrize(
    ("sentence", "speaker", "stance", "content"),
    [
        ("The White House said on Friday that North Korea has shipped more than 1,000 "
         "containers to Russia.", "White House", "asserts",
         "North Korea has shipped more than 1,000 containers to Russia"),
        ('"We have never exported weapons to Russia," a defence ministry official said.',
         "defence ministry official", "denies", "We have never exported weapons to Russia"),
        ("North Korea denied that it has sent weapons to Russia.", "North Korea", "denies",
         "Denied it has sent weapons to Russia"),
        ("Menurut data Ukraina, pasukan Rusia menembakkan sekitar 60.000 peluru per hari.",
         "Ukraina", "asserts", "Pasukan Rusia menembakkan sekitar 60.000 peluru per hari"),
        ("Kremlin mengatakan Washington gagal membuktikan tuduhan tersebut.", "Kremlin",
         "disputes", "Washington gagal membuktikan tuduhan tersebut"),
        ("Officials said there is no evidence the arms were used.", "Officials", "disputes",
         "There is no evidence the arms were used"),
        ("Pasukan Rusia menembakkan 60.000 peluru per hari.", None, "asserts",
         "Pasukan Rusia menembakkan 60.000 peluru per hari"),
    ],
)
def test_attribution(sentence: str, speaker: str | None, stance: str, content: str) -> None:
    found = analyse_sentence(sentence)
    assert (found.speaker, found.stance, found.content) == (speaker, stance, content)


def test_pronoun_speaker_resolves_to_the_previous_speaker() -> None:
    body = ("Menteri Luar Negeri Sergey Lavrov mengatakan Washington tidak punya bukti sama sekali. "
            "“Saya tidak mengomentari rumor tersebut pada 21 Oktober 2023,” tambahnya.")
    claims = extract_claims(body)
    assert [c.speaker for c in claims] == ["Sergey Lavrov", "Sergey Lavrov"]
    assert claims[1].quote is True


def test_questions_calls_to_action_and_opinion_score_low() -> None:
    factual = analyse_sentence("Gedung Putih mengatakan 1.000 kontainer dikirim ke Rusia pada 2023.")
    question = analyse_sentence("Apakah Korea Utara benar-benar mengirim senjata ke Rusia?")
    action = analyse_sentence("Simak berita pilihan kami langsung di ponselmu setiap hari.")
    opinion = analyse_sentence("Menurut saya ini adalah keputusan yang sangat indah sekali.")
    assert factual.checkworthiness >= 0.75
    for weak in (question, action, opinion):
        assert weak.checkworthiness < factual.checkworthiness - 0.3


def test_non_claims_are_not_extracted() -> None:
    body = ("Apakah ini benar? Simak terus beritanya. "
            "Korea Utara mengirim lebih dari 1.000 kontainer amunisi ke Rusia pada September 2023.")
    claims = extract_claims(body)
    assert [c.text for c in claims] == [
        "Korea Utara mengirim lebih dari 1.000 kontainer amunisi ke Rusia pada September 2023."]


def test_attribution_details_do_not_make_a_bare_remark_check_worthy() -> None:
    remark = analyse_sentence("“Saya tidak mengomentari rumor tersebut,” tambahnya seperti dikutip "
                              "dari Channel News Asia, Sabtu (21/10/2023).", previous_speaker="Lavrov")
    claim = analyse_sentence("Gedung Putih mengatakan Korea Utara mengirim 1.000 kontainer amunisi "
                             "ke Rusia pada September 2023.")
    assert remark.speaker == "Lavrov"
    assert remark.checkworthiness <= 0.5 < claim.checkworthiness


def test_denials_rank_above_the_same_sentence_asserted() -> None:
    denial = analyse_sentence("Korea Utara membantah mengirim senjata ke Rusia.")
    plain = analyse_sentence("Korea Utara mengirim senjata ke Rusia.")
    assert denial.stance == "denies"
    assert denial.checkworthiness > plain.checkworthiness
