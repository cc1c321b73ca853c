"""Datelines in the shapes Indonesian and English outlets print, parsed and kept out of the text.

Every paragraph here is written for the test, in the shape real outlets use.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.extract import extract_claims
from workbench.ingest import dateline
from workbench.ingest.page import parse_document
from workbench.ingest.reader import decode


@pytest.mark.parametrize(
    ("paragraph", "place", "outlet", "wire", "date_text", "rest"),
    [
        ("JAKARTA - Menteri Keuangan mengatakan defisit anggaran turun.", "JAKARTA", None, None, None,
         "Menteri Keuangan mengatakan defisit anggaran turun."),
        ("Jakarta - Gubernur menyebut banjir surut dalam dua hari.", "Jakarta", None, None, None,
         "Gubernur menyebut banjir surut dalam dua hari."),
        ("JAKARTA, KOMPAS.com - Harga beras naik 5 persen.", "JAKARTA", "KOMPAS.com", None, None,
         "Harga beras naik 5 persen."),
        ("WASHINGTON, Oct 13, 2023 (Reuters) - The Treasury said it would sell bonds.", "WASHINGTON",
         None, "Reuters", "Oct 13, 2023", "The Treasury said it would sell bonds."),
        ("MOSKWA (AFP) - Kremlin membantah laporan itu.", "MOSKWA", None, "AFP", None,
         "Kremlin membantah laporan itu."),
        ("Liputan6.com, Moskow - Kremlin membantah laporan itu.", "Moskow", "Liputan6.com", None, None,
         "Kremlin membantah laporan itu."),
        ("KOMPAS.com - Pemerintah menaikkan tarif listrik.", None, "KOMPAS.com", None, None,
         "Pemerintah menaikkan tarif listrik."),
        ("GAZA CITY, Oct 17 (Reuters) - Rescue workers searched the rubble.", "GAZA CITY", None, "Reuters",
         "Oct 17", "Rescue workers searched the rubble."),
        ("TEMPO.CO, Jakarta - Bank sentral menahan suku bunga.", "Jakarta", "TEMPO.CO", None, None,
         "Bank sentral menahan suku bunga."),
        ("Jakarta, CNN Indonesia -- Polisi menetapkan dua tersangka.", "Jakarta", "CNN Indonesia", None,
         None, "Polisi menetapkan dua tersangka."),
        ("Surabaya (ANTARA) - Wali kota meresmikan jembatan baru.", "Surabaya", None, "ANTARA", None,
         "Wali kota meresmikan jembatan baru."),
        ("KYIV, Ukraine (AP) — Air raid sirens sounded across the capital.", "KYIV, Ukraine", None, "AP",
         None, "Air raid sirens sounded across the capital."),
        ("BANDUNG, CONTOHNEWS.COM-Warga memadati alun-alun.", "BANDUNG", "CONTOHNEWS.COM", None, None,
         "Warga memadati alun-alun."),
        ("(Nairobi) – Pasukan keamanan menembaki pengunjuk rasa.", "Nairobi", None, None, None,
         "Pasukan keamanan menembaki pengunjuk rasa."),
        ("ISLAMABAD: The finance minister presented the budget.", "ISLAMABAD", None, None, None,
         "The finance minister presented the budget."),
        ("Manila, Mar 04: Typhoon winds cut power to the province.", "Manila", None, None, "Mar 04",
         "Typhoon winds cut power to the province."),
        ("MEDAN, 12 Agustus 2024 - Banjir merendam tiga kecamatan.", "MEDAN", None, None, "12 Agustus 2024",
         "Banjir merendam tiga kecamatan."),
        ("UNITED NATIONS (AP) — The council adopted the resolution.", "UNITED NATIONS", None, "AP", None,
         "The council adopted the resolution."),
        ("Rafah (Palestinian Territories) (AFP) – Aid trucks crossed the border.",
         "Rafah (Palestinian Territories)", None, "AFP", None, "Aid trucks crossed the border."),
        ("Ankara, 2 Mei 2024 (Antara/Anadolu) - Turki menghentikan perdagangan.", "Ankara", None,
         "Antara/Anadolu", "2 Mei 2024", "Turki menghentikan perdagangan."),
        ("PADANG, Indonesia: Rescuers found the missing climbers.", "PADANG, Indonesia", None, None, None,
         "Rescuers found the missing climbers."),
        ("KUALA LUMPUR, Jan 9 (Bernama) -- The ringgit opened higher.", "KUALA LUMPUR", None, "Bernama",
         "Jan 9", "The ringgit opened higher."),
    ],
)
def test_each_dateline_shape_is_parsed(paragraph: str, place: str | None, outlet: str | None,
                                        wire: str | None, date_text: str | None, rest: str) -> None:
    found = dateline.parse(paragraph)
    assert found is not None
    assert (found.place, found.outlet, found.wire, found.date_text, found.rest) == (
        place, outlet, wire, date_text, rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Al-Ahli hospital was hit - officials said - late on Tuesday.",
        "Menteri Luar Negeri Retno Marsudi - yang hadir di Jenewa - menyampaikan sikap Indonesia.",
        "The army said - in a statement - that the rocket misfired.",
        "BREAKING: The central bank cut rates.",
        "Harga cabai naik - kata pedagang - karena hujan.",
        "AS-China sepakat melanjutkan perundingan dagang.",
        "\"Kami tidak - sekali lagi tidak - terlibat,\" kata juru bicara itu.",
    ],
)
def test_sentences_with_dashes_are_not_datelines(paragraph: str) -> None:
    assert dateline.parse(paragraph) is None


def _ingest(text: str, url: str | None = None):  # type: ignore[no-untyped-def]
    return parse_document(decode(text.encode(), "page.txt", html_hint=False), url=url)


def test_english_wire_dateline_leaves_the_claim_text() -> None:
    draft = _ingest(
        "Treasury to sell more long bonds\n\n"
        "WASHINGTON, Oct 13, 2023 (Reuters) - The U.S. Treasury will sell $24 billion of 30-year bonds "
        "next week, a department spokeswoman said on Friday.\n\n"
        "Demand for long-dated debt has fallen since August, dealers told the agency in a survey.\n"
    )
    assert (draft.dateline, draft.wire, draft.published) == ("WASHINGTON", "Reuters", "2023-10-13")
    assert draft.body.startswith("The U.S. Treasury will sell")
    claims = extract_claims(draft.body, draft.language)
    assert claims and not any("WASHINGTON" in c.text or "(Reuters)" in c.text for c in claims)


def test_outlet_first_dateline_names_outlet_and_place() -> None:
    draft = _ingest(
        "Rusia Bantah Terlibat Sabotase Pipa Gas\n\n"
        "Liputan6.com, Moskow - Kremlin pada Kamis membantah terlibat dalam sabotase pipa gas di Laut "
        "Baltik, kata juru bicara Dmitry Peskov kepada wartawan.\n\n"
        "Pemerintah Jerman menyatakan penyelidikan masih berjalan dan belum menunjuk pelaku.\n"
    )
    assert (draft.dateline, draft.outlet) == ("Moskow", "Liputan6.com")
    assert draft.body.startswith("Kremlin pada Kamis membantah")


def test_dateline_paragraph_after_a_caption_marks_the_story_start() -> None:
    draft = _ingest(
        "Polisi Tetapkan Enam Tersangka Kericuhan Stadion\n\n"
        "Petugas memeriksa pintu keluar stadion usai kericuhan pada Sabtu malam (Foto: Istimewa).\n"
        "Warga berkumpul di depan stadion untuk menyalakan lilin dan berdoa bersama keluarga korban.\n\n"
        "MALANG, KOMPAS.com - Kepolisian menetapkan enam tersangka dalam kericuhan di stadion yang "
        "menewaskan 125 orang, kata Kapolri dalam jumpa pers.\n\n"
        "Para tersangka terdiri atas panitia pelaksana dan petugas keamanan, menurut polisi.\n"
    )
    assert (draft.dateline, draft.outlet) == ("MALANG", "KOMPAS.com")
    assert draft.body.startswith("Kepolisian menetapkan enam tersangka")
    assert "Warga berkumpul" not in draft.body
    assert draft.title == "Polisi Tetapkan Enam Tersangka Kericuhan Stadion"


def test_stamp_glued_to_the_dateline_is_read_and_dropped() -> None:
    draft = _ingest(
        "Harga Minyak Dunia Melonjak Usai Serangan Kilang\n"
        "Kabar Dunia | 14 Mei 2024, 08:15 WIBRIYADH, CONTOHTV.COM - Harga minyak mentah melonjak "
        "lebih dari 4 persen setelah serangan terhadap kilang terbesar di kawasan itu.\n"
        "Para analis memperkirakan pasokan terganggu selama beberapa pekan ke depan.\n"
    )
    assert (draft.dateline, draft.outlet, draft.published) == (
        "RIYADH", "CONTOHTV.COM", "2024-05-14T08:15:00+07:00")
    assert draft.body.startswith("Harga minyak mentah melonjak")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_parse_never_raises_and_rest_is_a_suffix(text: str) -> None:
    found = dateline.parse(text)
    if found is not None:
        assert text.strip().endswith(found.rest)
        assert found.place or found.outlet or found.wire
