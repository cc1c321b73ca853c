"""Publication dates from printed stamps (both languages, zone kept) and from URLs."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.ingest import datestamp, urldate
from workbench.ingest.page import parse_document
from workbench.ingest.reader import decode

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("diperbarui 27 Agu 2023, 18:56 WIB", "2023-08-27T18:56:00+07:00"),
        ("Rabu, 18 Okt 2023 11:11 WIB", "2023-10-18T11:11:00+07:00"),
        ("SENIN, 04 MARET 2024 | 09:05 WITA", "2024-03-04T09:05:00+08:00"),
        ("Kompas.com - 28/11/2023, 15:30 WIB", "2023-11-28T15:30:00+07:00"),
        ("Jumat, 6 Oktober 2023 - 08.04 WIT", "2023-10-06T08:04:00+09:00"),
        ("Kamis, 24 Agustus 2023 pukul 12:15 WIB", "2023-08-24T12:15:00+07:00"),
        ("Oct 13, 2023 5:02 PM EDT", "2023-10-13T17:02:00-04:00"),
        ("Published January 9, 2024 at 7:45 am EST", "2024-01-09T07:45:00-05:00"),
        ("5:02 PM EDT, Fri October 13, 2023", "2023-10-13T17:02:00-04:00"),
        ("Updated 12:01 PM ET, Fri Oct 13, 2023", "2023-10-13T12:01:00-04:00"),
        ("Updated 09:30 AM ET, Tue Jan 9, 2024", "2024-01-09T09:30:00-05:00"),
        ("Aug 24, 2023 10:15 GMT+7", "2023-08-24T10:15:00+07:00"),
        ("12 March 2024 14:20 (UTC+08:00)", "2024-03-12T14:20:00+08:00"),
        ("Published: Wed 18 Oct 2023, 11:03 AM", "2023-10-18T11:03:00"),
        ("2023-10-18T11:11:45+07:00", "2023-10-18T11:11:45+07:00"),
        ("2023-10-18T04:11:45Z", "2023-10-18T04:11:45+00:00"),
        ("13/10/2023", "2023-10-13"),
        ("10/13/2023", "2023-10-13"),
        ("2023-10-18", "2023-10-18"),
        ("October 13, 2023", "2023-10-13"),
        ("by Desk Dunia28 November 2023", "2023-11-28"),
        ("October 13, 202312:34 PM GMT+7Updated 2 hours ago", "2023-10-13T12:34:00+07:00"),
        ("13 Oct, 2023 17:02", "2023-10-13T17:02:00"),
        ("2023/10/13 17:02", "2023-10-13T17:02:00"),
        ("Fri 13 Oct 2023 17.02 BST", "2023-10-13T17:02:00+01:00"),
        ("Published: 5:02pm, 13 Oct 2023", "2023-10-13T17:02:00"),
        ("Updated: Oct 13, 2023, 17:02 IST", "2023-10-13T17:02:00+05:30"),
    ],
)
def test_stamps_in_both_languages_keep_their_zone(line: str, iso: str) -> None:
    stamp = datestamp.read_stamp(line, today=TODAY)
    assert stamp is not None and stamp.iso == iso


def test_published_and_updated_on_one_line_gives_the_publication() -> None:
    line = "Published: 18 Oct 2023, 11:08 AM GST Last updated: 18 Oct 2023, 11:03 AM GST"
    assert datestamp.read_stamp(line, today=TODAY).iso == "2023-10-18T11:03:00+04:00"  # type: ignore[union-attr]


@pytest.mark.parametrize("line", ["31/02/2023", "45 Oktober 2023", "25:70 WIB", "Jakarta, Senin",
                                  "2099-01-01", "13 Oktober 1890"])
def test_impossible_or_future_dates_are_no_stamp(line: str) -> None:
    assert datestamp.read_stamp(line, today=TODAY) is None


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://www.contoh.com/global/read/2023/11/28/153000470/judul-berita", "2023-11-28"),
        ("https://contoh.id/amp/2023/10/18/593676/judul", "2023-10-18"),
        ("https://www.example.com/news/2023/8/23/story-slug", "2023-08-23"),
        ("https://www.example.co.uk/2023-10-05-story-slug/", "2023-10-05"),
        ("https://www.contoh.com/internasional/20231018111145-120-1012714/judul", "2023-10-18"),
        ("https://www.example.com/news/20240109/story", "2024-01-09"),
        ("https://www.example.com/27112023-story-about-something/", "2023-11-27"),
        ("https://www.example.com.pk/26-Aug-2023/story-slug", "2023-08-26"),
        ("https://www.example.com/aug-26-2023-story", "2023-08-26"),
        ("https://contoh.com/berita/baca/1664335620-judul-berita", "2022-09-28"),
        ("https://contoh.com/read/900195/41/judul-1664572248", "2022-09-30"),
    ],
)
def test_each_url_date_shape(url: str, day: str) -> None:
    assert urldate.date_from_url(url, today=TODAY) == day


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.com/news/2023/10/story",  # a month, no day
        "https://contoh.com/berita/350139/judul",  # a plain article id
        "https://example.com/news/2918623892449/story",  # a 13-digit id far in the future as a time
        "https://example.com/2099/01/01/story",  # in the future
        "https://example.com/?p=448660",
        "https://example.com/news/12345678/story",
        None,
        "",
    ],
)
def test_urls_without_a_date_give_none(url: str | None) -> None:
    assert urldate.date_from_url(url, today=TODAY) is None


def _ingest(text: str, url: str | None = None):  # type: ignore[no-untyped-def]
    return parse_document(decode(text.encode(), "page.txt", html_hint=False), url=url)


PAGE_WITHOUT_STAMP = (
    "Gempa Guncang Pantai Selatan Jawa\n\n"
    "Gempa bermagnitudo 5,8 mengguncang pantai selatan Jawa dan terasa hingga Yogyakarta, kata BMKG.\n\n"
    "Belum ada laporan kerusakan berat dari pemerintah daerah setempat hingga sore ini.\n"
)


def test_url_date_fills_published_when_the_page_shows_none() -> None:
    draft = _ingest(PAGE_WITHOUT_STAMP, url="https://www.contoh.co.id/read/2024/02/14/0930/gempa-guncang")
    assert draft.published == "2024-02-14"  # a date only: the URL does not say the time


def test_printed_stamp_wins_over_the_url() -> None:
    page = PAGE_WITHOUT_STAMP.replace("\n\n", "\n\nRabu, 14 Feb 2024 21:40 WIB\n\n", 1)
    draft = _ingest(page, url="https://www.contoh.co.id/read/2024/02/15/0930/gempa-guncang")
    assert draft.published == "2024-02-14T21:40:00+07:00"


def test_lead_date_fills_published_when_nothing_else_does() -> None:
    page = (
        "Banjir Rendam Ribuan Rumah\n\n"
        "Banjir merendam ribuan rumah di tiga kecamatan sejak Selasa (12/3/2024), kata BPBD.\n\n"
        "Warga mulai kembali ke rumah pada Kamis (14/3/2024), menurut petugas di lapangan.\n"
    )
    assert _ingest(page).published == "2024-03-14"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_never_raises(text: str) -> None:
    stamp = datestamp.read_stamp(text)
    assert stamp is None or stamp.iso[:4].isdigit()
    day = urldate.date_from_url(text)
    assert day is None or len(day) == 10
