"""Kinds of page clutter, and paragraphs a saved page cut off, on text written for the test."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.extract import extract_claims
from workbench.ingest import boilerplate
from workbench.ingest.page import parse_document
from workbench.ingest.reader import RawDocument


@pytest.mark.parametrize(
    "line",
    [
        "Defence ministers meet with officials in Brussels (not pictured).(Reuters)",
        "This handout video grab taken from footage posted on April 6, 2023 shows the runway.",
        "In this undated photo, rescue workers search the site of the collapse.",
        "Here's the ministry's spokesman, Arif Rahman.",
        "Kapal patroli bersandar di pelabuhan Tanjung Priok. ANTARA FOTO/BUDI SANTOSO",
        "Suasana pelabuhan pada Selasa (27/9/2022).AFP/JOHN SMITH Pemandangan dari dermaga",
        "Channel 9 News is committed to providing a forum for civil and constructive conversation.",
        "Journalism for the curious reader across politics, business, culture and opinion.",
        "Baca juga: Harga beras naik 20 persen di 12 provinsi",
    ],
)
def test_captions_credits_and_the_page_talking_about_itself_are_clutter(line: str) -> None:
    assert boilerplate.is_clutter(line)


@pytest.mark.parametrize(
    "line",
    [
        "The ministry said 40 ships had been sent to the border on Tuesday, officials said.",
        "Kementerian Perhubungan mencatat 1.200 kendaraan melintas per jam/arah di jalan tol itu.",
        "Here the river floods every year, residents told reporters on Monday.",
    ],
)
def test_article_sentences_are_not_clutter(line: str) -> None:
    assert not boilerplate.is_clutter(line)


def test_a_paragraph_cut_off_mid_sentence_keeps_its_finished_sentences() -> None:
    page = (
        "Banjir Rendam 300 Rumah di Bekasi\n\n"
        "BEKASI - Banjir merendam 300 rumah di Bekasi pada Selasa pagi, kata petugas BPBD setempat.\n\n"
        "Kepala BPBD Andi Saputra mengatakan ketinggian air mencapai 1,5 meter di 12 titik. "
        "Namun menurut warga, air mulai naik sejak pukul 03.00 dan belum juga surut hingga"
    )
    draft = parse_document(RawDocument(text=page, path="t.txt", is_html=False, encoding="utf-8"))
    assert "ketinggian air mencapai 1,5 meter di 12 titik." in draft.body
    assert "belum juga surut hingga" not in draft.body
    claims = [c.content for c in extract_claims(draft.body)]
    assert "Ketinggian air mencapai 1,5 meter di 12 titik" in claims


def test_unfinished_cut_leaves_short_and_finished_lines_alone() -> None:
    assert boilerplate.unfinished_cut("Headline without a full stop") == "Headline without a full stop"
    finished = "One sentence here. Another one ends here too with twelve words or more in it."
    assert boilerplate.unfinished_cut(finished) == finished


@pytest.mark.parametrize(
    "line",
    [
        "FOLLOW US ON INSTAGRAM FOR THE LATEST UPDATES",
        "Ikuti Kami di Google News untuk berita terkini",
        "FILE PHOTO: Smoke rises over the port of Tartus",
        "In This Undated Photo Released By The Ministry, troops march in a parade.",
        "Petugas memeriksa lokasi ledakan di pelabuhan (FOTO: Dok. Humas Polri)",
    ],
)
def test_clutter_is_recognised_in_any_letter_case(line: str) -> None:
    # the clutter patterns are lower-case and read the lowered line
    assert boilerplate.is_clutter(line)


@pytest.mark.parametrize(
    "line",
    [
        "A profile photo of the minister circulated online before the vote, police said.",
        "He filed photos of the damaged hull with the maritime court on Monday, the lawyer said.",
    ],
)
def test_caption_words_inside_other_words_do_not_make_clutter(line: str) -> None:
    assert not boilerplate.is_clutter(line)


def test_a_paragraph_cut_off_before_its_first_full_stop_keeps_its_finished_clauses() -> None:
    page = (
        "Kemenlu Bantah Laporan Pengiriman Kapal\n\n"
        "JAKARTA - Kementerian Luar Negeri membantah laporan bahwa 40 kapal dikirim ke perbatasan.\n\n"
        "“Tidak ada bukti bahwa 40 kapal itu meninggalkan pelabuhan pada Senin,” "
        "kata juru bicara kementerian Arif Rahman, seraya menambahkan bahwa timnya masih menunggu lapo\n\n"
        "Kantor berita lain melaporkan hal serupa pada Selasa."
    )
    draft = parse_document(RawDocument(text=page, path="t.txt", is_html=False, encoding="utf-8"))
    assert "kata juru bicara kementerian Arif Rahman …" in draft.body
    assert "menunggu lapo" not in draft.body
    found = [c for c in extract_claims(draft.body) if "40 kapal itu meninggalkan" in c.content]
    assert [(c.speaker, c.stance) for c in found] == [("Arif Rahman", "disputes")]


@pytest.mark.parametrize(
    "line",
    [
        # headlines in title case, and stamps, stay unfinished (and out of the body)
        "Intelijen AS Sebut Yevgeny Prigozhin Jadi Target Pembunuhan, Klaim Petunjuk Mengarah ke Putin",
        "By AP Published: Wed 18 Oct 2023, 11:03 AM Last updated: Wed 18 Oct 2023, 11:08 AM",
        "Presiden Joko Widodo dan Menteri Luar Negeri Retno Marsudi di Istana Merdeka Jakarta, "
        "Senin 3 Oktober 2022/Antara",
    ],
)
def test_headlines_stamps_and_captions_are_not_cut_into_clauses(line: str) -> None:
    assert boilerplate.unfinished_cut(line) == line
    assert not boilerplate.is_prose(line)


def test_an_editors_code_after_the_full_stop_still_ends_the_sentence() -> None:
    assert boilerplate.is_prose("“Gas air mata hanya menyebabkan iritasi pada mata dan kulit,” "
                                "kata juru bicara polisi Dedi.(OL-5)")


@pytest.mark.parametrize(
    "line",
    [
        "Fragments were reportedly found at the site of the crash, officials claim (Picture: EPA; AP)",
        "Petugas memeriksa puing pesawat di lokasi kecelakaan pada Kamis (Gambar: Reuters)",
    ],
)
def test_a_caption_that_reads_as_a_sentence_is_known_by_its_picture_credit(line: str) -> None:
    assert boilerplate.is_clutter(line)


@given(st.lists(st.sampled_from(["kata", "Said", "the", "and", "adding", ",", ";", "”", "\"", "’",
                                 "Putin", "bahwa", "x", " ", "  ", ".", "…", "(OL-5)"]),
                max_size=80).map("".join))
def test_unfinished_cut_keeps_a_prefix_of_any_line(line: str) -> None:
    cut = boilerplate.unfinished_cut(line)
    kept = cut[:-2] if cut.endswith(" …") and not line.endswith(" …") else cut
    assert line.startswith(kept)
    boilerplate.is_prose(line)  # never raises


def test_a_sentence_cut_off_after_a_conjunction_keeps_the_clause_before_it() -> None:
    line = ("Breaking his silence, the minister described the envoy as a capable negotiator whom he "
            "had known since the 1990s and said the investigation would take")
    assert boilerplate.unfinished_cut(line) == (
        "Breaking his silence, the minister described the envoy as a capable negotiator whom he "
        "had known since the 1990s …")


def test_asterisks_that_end_a_story_end_its_last_sentence() -> None:
    assert boilerplate.is_prose("Penasihat presiden, Arif Rahman, menggambarkan kebocoran di dua pipa gas "
                                "sebagai \"serangan teroris\". ***")
