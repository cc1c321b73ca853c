"""The outlet named from a page's URL: the table, its desks and editions, and any other domain."""

from __future__ import annotations

import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.ingest import outlets
from workbench.ingest.outlet_table import NEWS_OUTLETS


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.kompas.com/global/read/2024/01/02/101500170/judul", "Kompas.com"),
        ("https://m.tribunnews.com/nasional/2024/01/02/judul", "Tribunnews.com"),
        ("https://amp.theguardian.com/world/2024/jan/02/story", "The Guardian"),
        ("https://www.reuters.com/world/asia-pacific/story-2024-01-02/", "Reuters"),
        ("https://apnews.com/article/abc123", "AP News"),
        ("https://news.detik.com/berita/d-7000000/judul", "detikNews"),
        ("https://flores.tribunnews.com/2024/01/02/judul", "TribunFlores.com"),
        ("https://english.alarabiya.net/News/world/2024/01/02/story", "Al Arabiya English"),
    ],
)
def test_listed_domains_and_their_editions_take_the_table_name(url: str, name: str) -> None:
    assert outlets.outlet_from_url(url) == name


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://surabaya.kompas.com/read/2024/01/02/judul", "Kompas.com"),
        ("https://regional.kompas.com/read/2024/01/02/judul", "Kompas.com"),
        ("https://jateng.antaranews.com/berita/123/judul", "Antara"),
        ("https://dunia.tempo.co/read/123/judul", "Tempo.co"),
        ("https://edition.cnn.com/2024/01/02/world/story", "CNN"),
        ("https://uk.news.yahoo.com/story-123.html", "Yahoo News"),
    ],
)
def test_an_unlisted_subdomain_takes_its_parent_outlet(url: str, name: str) -> None:
    assert outlets.outlet_from_url(url) == name


def test_a_desk_on_a_shared_domain_is_named_by_its_path() -> None:
    assert outlets.outlet_from_url("https://www.bbc.com/indonesia/articles/c0000") == "BBC News Indonesia"
    assert outlets.outlet_from_url("https://www.bbc.com/news/world-12345") == "BBC News"


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.beritacontoh.co.id/read/123", "Beritacontoh.co.id"),
        ("http://news.kabarpesisir.com/2024/01/02/judul", "Kabarpesisir.com"),
        ("https://english.harian-contoh.org.eg/News/1.aspx", "Harian-contoh.org.eg"),
        ("portalwarta.id/berita/1", "Portalwarta.id"),
        ("https://WWW.EXAMPLENEWS.COM.AU/story", "Examplenews.com.au"),
    ],
)
def test_an_unknown_domain_is_named_by_its_registered_domain(url: str, name: str) -> None:
    assert outlets.outlet_from_url(url) == name


@pytest.mark.parametrize("url", [None, "", "not a url", "http://", "https://localhost:8000/x", "mailto:x"])
def test_urls_without_a_domain_name_no_outlet(url: str | None) -> None:
    assert outlets.outlet_from_url(url) is None


def test_the_table_covers_the_landscape_not_one_page() -> None:
    assert len(NEWS_OUTLETS) >= 150
    assert all(name.strip() == name and name for name in NEWS_OUTLETS.values())
    assert all(key == key.lower() and not key.startswith("www.") for key in NEWS_OUTLETS)


def test_names_the_outlets_go_by_are_recognised() -> None:
    assert outlets.is_known_outlet_name("CNN Indonesia")
    assert outlets.is_known_outlet_name("KOMPAS.com")
    assert outlets.is_known_outlet_name("Okezone")
    assert not outlets.is_known_outlet_name("Moskow")
    assert not outlets.is_known_outlet_name("")


def test_a_printed_name_belongs_to_the_site_of_its_domain() -> None:
    url = "https://www.wartacontoh.com/berita/1"
    assert outlets.names_same_site("WARTACONTOH.com", url)
    assert outlets.names_same_site("Wartacontoh", url)
    assert not outlets.names_same_site("Reuters", url)


def test_domain_lookup_makes_no_network_call(monkeypatch: pytest.MonkeyPatch) -> None:
    outlets._extractor.cache_clear()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tldextract tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert outlets.outlet_from_url("https://www.unlisted-outlet.co.uk/x") == "Unlisted-outlet.co.uk"
    extractor = outlets._extractor()
    assert extractor.suffix_list_urls == ()
    assert extractor._cache.enabled is False


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_string_as_url_never_raises(text: str) -> None:
    name = outlets.outlet_from_url(text)
    assert name is None or isinstance(name, str)
