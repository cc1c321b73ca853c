"""Evidence links: only http(s) URLs with a host, with a reason for every refusal."""

from __future__ import annotations

import pytest

from workbench.models import EvidenceLink
from workbench.review import InvalidLink, ReviewError, validate_url
from workbench.review.links import clean_links


@pytest.mark.parametrize(("raw", "expected"), [
    ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
    ("  http://example.org  \n", "http://example.org"),
    ("HTTPS://Example.org/Path", "https://Example.org/Path"),
    ("http://127.0.0.1:8080/x", "http://127.0.0.1:8080/x"),
    ("https://[::1]/x", "https://[::1]/x"),
])
def test_accepted_urls_are_stripped_and_scheme_lowercased(raw: str, expected: str) -> None:
    assert validate_url(raw) == expected


@pytest.mark.parametrize(("raw", "reason"), [
    ("ftp://example.org/file", "only http and https links are accepted"),
    ("javascript:alert(1)", "only http and https links are accepted"),
    ("data:text/html,hi", "only http and https links are accepted"),
    ("example.org/page", "only http and https links are accepted"),
    ("mailto:desk@example.org", "only http and https links are accepted"),
    ("http://", "the link has no host"),
    ("https:///path/only", "the link has no host"),
    ("http:example.org", "the link has no host"),
    ("https://user@/x", "the link has no host"),
    ("https://exa mple.org/", "the link contains spaces or control characters"),
    ("https://example.org/a b", "the link contains spaces or control characters"),
    ("https://example.org/\x1b[31m", "the link contains spaces or control characters"),
    ("https://example.org:port/", "the link is not a valid URL"),
    ("https://[::1/x", "the link is not a valid URL"),
    ("", "the link is empty"),
    ("   ", "the link is empty"),
])
def test_refused_urls_say_why(raw: str, reason: str) -> None:
    with pytest.raises(InvalidLink) as caught:
        validate_url(raw)
    assert reason in caught.value.reason
    assert reason in str(caught.value)
    assert isinstance(caught.value, ReviewError) and isinstance(caught.value, ValueError)


def test_overlong_url_is_refused() -> None:
    with pytest.raises(InvalidLink, match="longer than"):
        validate_url("https://example.org/" + "a" * 3000)


def test_clean_links_validates_dedupes_and_tidies_titles() -> None:
    links = clean_links(["https://a.example/", EvidenceLink(" https://a.example/", "dup"),
                         EvidenceLink("https://b.example/", "  Two\n words "),
                         EvidenceLink("https://c.example/", "   ")])
    assert links == (EvidenceLink("https://a.example/"),
                     EvidenceLink("https://b.example/", "Two words"),
                     EvidenceLink("https://c.example/"))
