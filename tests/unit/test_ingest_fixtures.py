"""Ingest of the five real seed articles: metadata, clean bodies, claims."""

from __future__ import annotations

import re

import pytest
from sqlite_utils import Database

from tests.conftest import fixture_path
from workbench.ingest.page import parse_document
from workbench.ingest.reader import read_path
from workbench.store import articles as store

CLUTTER = re.compile(
    r"Baca juga|Terkini Lainnya|Simak breaking news|WhatsApp|ADVERTISEMENT|SCROLL TO CONTINUE|"
    r"Gambas|Halaman 2 dari 2|Copyright|All Rights Reserved|Foto/Ilustrasi|dok\. Reuters|Login|"
    r"Gabung Kompas|Bagikan artikel|Singapore Airlines|Nikki Haley|Gordion|Baltimore|Hoegeng|"
    r"rendering in|Close Ads|Hide Ads|loading\.\.\.|\(nvc/ita\)",
    re.IGNORECASE,
)


def _draft(prefix: str):  # type: ignore[no-untyped-def]
    return parse_document(read_path(fixture_path(prefix)))


@pytest.mark.parametrize(
    ("prefix", "title", "outlet", "published", "author", "dateline", "wire"),
    [
        ("000", "Kremlin: Tak Ada Bukti Korea Utara Kirim Senjata ke Rusia", "Kompas.com",
         "2023-10-17T23:38:00+07:00", "Aditya Jaya Iswara", "MOSKWA", "AFP"),
        ("001", "Korea Utara Bantah Kirim Senjata ke Rusia yang Kehabisan Stok", "Kompas.com",
         "2022-09-22T07:30:00+07:00", "Aditya Jaya Iswara", "PYONGYANG", "AFP"),
        ("002", "Menlu Rusia Sergei Lavrov Tiba di Korea Utara", "Kompas.com",
         "2023-10-18T19:17:00+07:00", "Aditya Jaya Iswara", "PYONGYANG", "AFP"),
        ("003", "Rusia Tepis Tudingan AS Dapat Pasokan Amunisi dari Korut", "SINDOnews.com",
         "2023-10-21T09:50:00+07:00", None, "MOSKOW", "Channel News Asia"),
        ("004", "AS Khawatir Korut Akan Kirim Lebih Banyak Senjata ke Rusia", "detikNews",
         "2023-06-13T12:57:00+07:00", "Novi Christiastuti", "Washington DC", "Reuters"),
    ],
)
def test_fixture_metadata(prefix: str, title: str, outlet: str, published: str,
                          author: str | None, dateline: str, wire: str) -> None:
    draft = _draft(prefix)
    assert (draft.title, draft.outlet, draft.published, draft.author, draft.dateline, draft.wire) == (
        title, outlet, published, author, dateline, wire)
    assert draft.language == "id"
    assert len(draft.sha256) == 64


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_fixture_body_holds_no_page_clutter_or_title_repeats(prefix: str) -> None:
    draft = _draft(prefix)
    assert not CLUTTER.search(draft.body), CLUTTER.search(draft.body)
    assert draft.title not in draft.body
    assert len(draft.body.split("\n\n")) >= 8


def test_dateline_prefix_is_not_part_of_the_body() -> None:
    body = _draft("000").body
    assert body.startswith("Kremlin pada Selasa (17/10/2023) mengatakan")
    assert "KOMPAS.com -" not in body


def test_page_continued_after_a_page_break_is_kept() -> None:
    body = _draft("004").body  # detik splits the story over two pages
    assert "Otoritas Washington mengatakan pada Maret lalu" in body
    assert "Simak berita selengkapnya" not in body


def test_no_claim_contains_clutter_or_related_headlines(fixture_db: Database) -> None:
    claims = store.list_claims(fixture_db)
    assert len(claims) >= 40
    for claim in claims:
        assert not CLUTTER.search(claim.text), claim.text


def test_claim_spans_point_into_the_article_body(fixture_db: Database) -> None:
    for article in store.list_articles(fixture_db):
        for claim in store.list_claims(fixture_db, article.id):
            assert article.body[claim.start : claim.end] == claim.text


def _claim_containing(db: Database, prefix: str, needle: str):  # type: ignore[no-untyped-def]
    sha = _draft(prefix).sha256
    article_id = store.find_article_id(db, sha)
    matches = [c for c in store.list_claims(db, article_id) if needle in c.text]
    assert len(matches) == 1, (needle, [c.text for c in matches])
    return matches[0]


def test_white_house_container_claim_is_asserted_by_gedung_putih(fixture_db: Database) -> None:
    claim = _claim_containing(fixture_db, "000", "lebih dari 1.000 kontainer")
    assert (claim.speaker, claim.stance, claim.quote) == ("Gedung Putih", "asserts", False)
    assert claim.content.startswith("Korea Utara mengirim lebih dari 1.000 kontainer")
    assert "Gedung Putih" not in claim.content


def test_peskov_quote_is_a_direct_quote_by_dmitry_peskov(fixture_db: Database) -> None:
    claim = _claim_containing(fixture_db, "000", "Mereka terus melaporkannya")
    assert claim.speaker == "Dmitry Peskov"
    assert claim.quote is True
    assert claim.content == "Mereka terus melaporkannya, tanpa memberikan bukti apa pun"
    assert claim.stance == "disputes"


def test_north_korea_denial_has_stance_denies(fixture_db: Database) -> None:
    claim = _claim_containing(fixture_db, "001", "membantah mereka mengirim senjata")
    assert claim.stance == "denies"
    assert claim.speaker == "Korea Utara"


def test_lavrov_dismissal_has_stance_disputes(fixture_db: Database) -> None:
    claim = _claim_containing(fixture_db, "003", "menepis klaim")
    assert claim.stance in {"disputes", "denies"}
    assert claim.speaker == "Sergey Lavrov"


def test_tass_report_names_tass(fixture_db: Database) -> None:
    claim = _claim_containing(fixture_db, "002", "menurut laporan kantor berita Rusia TASS")
    assert claim.speaker == "TASS"
    assert claim.content.endswith("pada Rabu (18/10/2023)")


def test_claims_are_ranked_by_checkworthiness(fixture_db: Database) -> None:
    claims = store.list_claims(fixture_db)
    assert all(0.0 <= c.checkworthiness <= 1.0 for c in claims)
    numbers = _claim_containing(fixture_db, "002", "60.000 peluru")
    assert numbers.checkworthiness >= 0.7
