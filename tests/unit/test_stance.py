"""Stance from reporting verbs and evidence phrases, each family in both languages."""

from __future__ import annotations

import pytest

from workbench.extract import analyse_sentence, extract_claims


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        # denial verbs
        ("Kementerian Pertahanan membantah mengirim 200 tank ke perbatasan pada Maret.", "denies"),
        ("Partai itu menyangkal menerima dana Rp 5 miliar dari perusahaan tambang.", "denies"),
        ("The ministry denied that 200 tanks had been sent to the border in March.", "denies"),
        ("The company rejected the claim that it paid $5 million to the agency.", "denies"),
        ("The Kremlin dismissed reports on Friday that it ordered the strike.", "denies"),
        # denial by what is said: falsity, non-involvement, never, a negated clause
        ("“Kami tegaskan bahwa tuduhan itu salah dan tidak berdasar,” kata juru bicara Hendra Wijaya.",
         "denies"),
        ("“Ukraine is absolutely not involved in the attack on the pipeline,” Mykola Bondar said.", "denies"),
        ("“We have never exported weapons to that country,” a defence ministry official said.", "denies"),
        ("Kapolda Jawa Timur Arif Santoso mengatakan pintu stadion tidak dikunci saat kejadian.", "denies"),
        ("Police said the deaths were not due to the use of tear gas at the stadium.", "denies"),
        # disputes: evidence phrases and dispute verbs
        ("Kremlin mengatakan tidak ada bukti 1.000 kontainer dikirim ke Rusia.", "disputes"),
        ("“Mereka terus melaporkannya tanpa memberikan bukti apa pun,” kata Dmitry Orlov.", "disputes"),
        ("Officials said there is no evidence the arms were used in the 2023 attack.", "disputes"),
        ("The minister called the report groundless and said 40 ships remain in port.", "disputes"),
        ("Lavrov said Washington failed to prove its claim about the 1,000 containers.", "disputes"),
        ("Namun, Kremlin menepis klaim AS soal pengiriman 1.000 kontainer senjata.", "disputes"),
        ("Israel disputes this figure of 500 dead.", "disputes"),
        ("Peskov said the accusation was an absolute lie.", "disputes"),
        # assertion otherwise
        ("Gedung Putih mengatakan 1.000 kontainer dikirim ke Rusia pada September 2023.", "asserts"),
        ("The White House said 1,000 containers were shipped to Russia in September 2023.", "asserts"),
    ],
)
def test_stance(sentence: str, stance: str) -> None:
    assert analyse_sentence(sentence).stance == stance


@pytest.mark.parametrize(
    "sentence",
    [
        "Jalan itu tidak diperbaiki sejak 2019 meski dilalui 3.000 truk setiap hari.",
        "The bridge was not repaired after the 2019 flood, leaving 3,000 trucks a day to detour.",
    ],
)
def test_a_narrators_negation_is_an_assertion_not_a_denial(sentence: str) -> None:
    assert analyse_sentence(sentence).stance == "asserts"


@pytest.mark.parametrize(
    "sentence",
    [
        "“Saya tidak mengomentari rumor tersebut pada 21 Oktober 2023,” kata Sergey Lavrov.",
        "The spokesman said he did not know how many of the 300 people had left.",
    ],
)
def test_declining_to_comment_is_not_a_denial(sentence: str) -> None:
    assert analyse_sentence(sentence).stance == "asserts"


def test_a_short_denial_by_a_named_party_is_kept_as_a_claim() -> None:
    body = "Islamic Jihad denied responsibility. Israel disputes this figure."
    found = [(c.speaker, c.stance) for c in extract_claims(body)]
    assert found == [("Islamic Jihad", "denies"), ("Israel", "disputes")]


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        # a degree word or quotation marks between the words of a judgement
        ("Peskov said the accusations were a “complete lie”.", "disputes"),
        ("Juru bicara itu mengatakan laporan tersebut “sepenuhnya dan sepenuhnya salah”.", "denies"),
        ("“This claim is completely and utterly false,” the spokeswoman said.", "denies"),
        ("Menurut Menteri Luar Negeri, pemerintahnya sama sekali tidak terlibat dalam serangan itu.",
         "denies"),
    ],
)
def test_degree_words_and_quotation_marks_do_not_hide_a_judgement(sentence: str, stance: str) -> None:
    assert analyse_sentence(sentence).stance == stance


@pytest.mark.parametrize(
    "sentence",
    [
        # the negation modifies a noun (a relative clause), it denies nothing
        "Sebuah laporan intelijen yang tidak dirahasiakan memperkirakan 300 orang tewas, kata pejabat itu.",
        "Officials said a report that was not classified put the toll at 300 dead.",
        # the negation stands in a clause of contrast after the claim
        "Investigators said the pipes were blown up deliberately but have not said who did it.",
        "Penyidik mengatakan ledakan itu disengaja, tetapi belum menentukan siapa pelakunya.",
    ],
)
def test_a_negation_outside_the_main_clause_is_not_a_denial(sentence: str) -> None:
    assert analyse_sentence(sentence).stance == "asserts"


@pytest.mark.parametrize(
    "sentence",
    [
        # doubt negated is certainty: the speaker affirms what follows
        "“Tidak ada keraguan bahwa ini adalah ledakan,” kata ahli seismologi itu kepada SVT.",
        "“Tak diragukan lagi, pipa itu disabotase,” ujar Menteri Pertahanan.",
        "“Kami tidak ragu bahwa tembakan gas air mata memicu kepanikan,” kata komisioner Komnas HAM.",
        '"There is no doubt that these are explosions," the seismologist told SVT.',
        '"Without a doubt the pipelines were sabotaged," the defence minister said.',
    ],
)
def test_negated_doubt_affirms(sentence: str) -> None:
    assert analyse_sentence(sentence).stance == "asserts"


def test_a_negation_beside_negated_doubt_still_denies() -> None:
    sentence = "“Tidak ada keraguan, kami tidak terlibat dalam sabotase itu,” kata juru bicara."
    assert analyse_sentence(sentence).stance == "denies"


def test_a_negated_main_clause_still_denies_before_a_contrast() -> None:
    sentence = "“Kami tidak melebihi kuota, tetapi stadion memang penuh,” kata ketua panitia."
    assert analyse_sentence(sentence).stance == "denies"


@pytest.mark.parametrize(
    ("sentence", "speaker", "stance"),
    [
        # a speaker who characterises a report as fiction denies it
        ("Back then, the White House described the report as complete fiction.", "White House", "denies"),
        ("Saat itu, Gedung Putih menggambarkan laporan tersebut sebagai fiksi belaka.", "Gedung Putih",
         "denies"),
        ("The Kremlin branded the accusations a fabrication.", "Kremlin", "denies"),
    ],
)
def test_characterising_a_report_as_fiction_is_a_denial(sentence: str, speaker: str, stance: str) -> None:
    found = analyse_sentence(sentence)
    assert (found.speaker, found.stance) == (speaker, stance)


def test_a_description_without_a_judgement_stays_an_assertion() -> None:
    assert analyse_sentence("The regional governor described the flood damage as severe.").stance == "asserts"


@pytest.mark.parametrize(
    ("sentence", "speaker", "content"),
    [
        ("No one denies that the dam burst on Monday.", None, "The dam burst on Monday"),
        ("Nobody disputes that 40 people died in the fire.", None, "40 people died in the fire"),
        ("None of the officials denied that the ferry carried 300 passengers.", None,
         "The ferry carried 300 passengers"),
        ("Badan Pangan tidak membantah bahwa stok beras turun 20 persen.", "Badan Pangan",
         "Stok beras turun 20 persen"),
        ("Tak seorang pun membantah bahwa 40 orang tewas.", None, "40 orang tewas"),
        ("Ward Holloway did not deny that the ferry carried 300 passengers.", "Ward Holloway",
         "The ferry carried 300 passengers"),
    ],
)
def test_a_negated_denial_verb_or_a_denial_by_no_one_denies_nothing(
        sentence: str, speaker: str | None, content: str) -> None:
    found = analyse_sentence(sentence)
    assert (found.stance, found.speaker, found.content) == ("asserts", speaker, content)


def test_a_denial_verb_with_its_subject_still_denies() -> None:
    found = analyse_sentence("Badan Pangan membantah bahwa stok beras turun 20 persen.")
    assert (found.stance, found.speaker) == ("denies", "Badan Pangan")


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("“TUDUHAN ITU TIDAK BENAR,” KATA JURU BICARA HENDRA WIJAYA.", "denies"),
        ("“Tidak Ada Bukti Senjata Itu Dikirim,” Kata Menteri Luar Negeri Retno Lestari.", "disputes"),
        ("“THE REPORT IS COMPLETELY FALSE,” the spokesman, Mark Ellison, said.", "denies"),
        ("Officials said there is No Evidence the arms were used in the attack.", "disputes"),
    ],
)
def test_the_words_of_a_judgement_count_in_any_letter_case(sentence: str, stance: str) -> None:
    # headlines and shouted quotes are written in capitals; the stance
    # phrases are read from the lowered claim
    assert analyse_sentence(sentence).stance == stance
