"""Outlet and headline of a plain-text page, from what it prints and the URL it came from."""

from __future__ import annotations

from workbench.ingest.page import parse_document
from workbench.ingest.reader import decode

STORY = (
    "Para petani di Karawang mulai memanen padi lebih awal karena khawatir banjir susulan, kata "
    "kepala dinas pertanian setempat.\n\n"
    "Dinas memperkirakan produksi gabah turun sekitar 8 persen dibandingkan musim lalu.\n"
)


def _ingest(text: str, url: str | None = None):  # type: ignore[no-untyped-def]
    return parse_document(decode(text.encode(), "page.txt", html_hint=False), url=url)


def test_listed_domain_names_the_outlet_whatever_the_page_prints() -> None:
    page = "Petani Panen Lebih Awal\n\n" + STORY + "\nCopyright 2024 Sebuah Agregator\n"
    draft = _ingest(page, url="https://regional.kompas.com/read/2024/03/01/1/petani-panen-lebih-awal")
    assert draft.outlet == "Kompas.com"


def test_unlisted_domain_takes_the_name_the_page_prints_for_it() -> None:
    page = "Petani Panen Lebih Awal\n\nKARAWANG, WARTAKARAWANG.com - " + STORY
    draft = _ingest(page, url="https://wartakarawang.com/berita/petani-panen-lebih-awal")
    assert (draft.outlet, draft.dateline) == ("WARTAKARAWANG.com", "KARAWANG")


def test_unlisted_domain_without_a_printed_name_is_named_by_the_domain() -> None:
    page = "Petani Panen Lebih Awal\n\n© 2024 Reuters\n\n" + STORY
    draft = _ingest(page, url="https://www.kabarsawah.net/petani-panen-lebih-awal")
    assert draft.outlet == "Kabarsawah.net"


def test_without_a_url_the_masthead_names_the_outlet() -> None:
    page = "Petani Panen Lebih Awal\n\nKabarSawah.net - 01/03/2024, 10:15 WIB\n\n" + STORY
    draft = _ingest(page)
    assert (draft.outlet, draft.published) == ("KabarSawah.net", "2024-03-01T10:15:00+07:00")


def test_headline_spelled_by_the_url_wins_over_captions_and_teasers() -> None:
    page = (
        "Menu\n"
        "Harga Emas Hari Ini Turun Tipis di Pegadaian\n"
        "Petani memanen padi di sawah yang sempat terendam banjir. ANTARA FOTO/Contoh Fotografer\n"
        "Petani Karawang Panen Lebih Awal karena Takut Banjir Susulan\n"
        "Sejumlah petani khawatir banjir susulan merusak padi yang siap panen di Karawang dan sekitarnya\n\n"
        + STORY
    )
    draft = _ingest(page, url="https://www.kabarsawah.net/2024/03/01/petani-karawang-panen-lebih-awal-"
                    "karena-takut-banjir-susulan")
    assert draft.title == "Petani Karawang Panen Lebih Awal karena Takut Banjir Susulan"


def test_headline_below_a_browser_notice_starts_the_story_after_it() -> None:
    page = (
        "Please update your browser\n\n"
        "Your browser is out of date and may not be compatible with our website, please update it.\n\n"
        "Farmers harvest early as floods threaten rice crop\n\n"
        "Farmers in Karawang began harvesting rice early because they feared more floods, the head of "
        "the local agriculture office said.\n\n"
        "The office expects the harvest to fall about 8 percent from last season.\n"
    )
    draft = _ingest(page, url="https://www.example-daily.com/2024/03/01/farmers-harvest-early-as-floods-"
                    "threaten-rice-crop.html")
    assert draft.title == "Farmers harvest early as floods threaten rice crop"
    assert draft.body.startswith("Farmers in Karawang began harvesting")


def test_masthead_and_navigation_line_is_not_the_headline() -> None:
    page = (
        "The Jakarta Post - World Business Opinion Culture Sports Video Podcasts Newsletter\n"
        "Farmers harvest early as floods threaten rice crop\n\n"
        "By REUTERS\n\n"
        "Farmers in Karawang began harvesting rice early because they feared more floods, the head of "
        "the local agriculture office said.\n\n"
        "The office expects the harvest to fall about 8 percent from last season.\n"
    )
    draft = _ingest(page, url="https://www.thejakartapost.com/news/123456")
    assert (draft.title, draft.outlet, draft.wire) == (
        "Farmers harvest early as floods threaten rice crop", "The Jakarta Post", "REUTERS")


def test_headline_that_asks_a_question_is_kept() -> None:
    page = "Benarkah Banjir Susulan Akan Datang Pekan Depan?\nKARAWANG - " + STORY
    draft = _ingest(page)
    assert draft.title == "Benarkah Banjir Susulan Akan Datang Pekan Depan?"
    assert draft.body.startswith("Para petani di Karawang")


def test_image_caption_line_is_not_the_headline() -> None:
    page = (
        "Farmers harvest early as floods threaten crop\n"
        "4 December 2023\n"
        "Image caption, Farmers carry sacks of rice across a flooded field in West Java province\n\n"
        "Farmers in Karawang began harvesting rice early because they feared more floods, the head of "
        "the local agriculture office said.\n"
    )
    draft = _ingest(page, url="https://www.example-news.co.uk/news/world-asia-67610473")
    assert (draft.title, draft.published) == ("Farmers harvest early as floods threaten crop", "2023-12-04")
