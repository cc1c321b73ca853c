"""Fetching pages from a real HTTP server on 127.0.0.1: limits, redirects, types, charsets."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.local_web import Server, en_page, id_page, redirect, send, stream
from workbench.ingest.fetch import USER_AGENT, Download, Fetcher, check_url, decode_page, is_url
from workbench.ingest.manifest import read_manifest
from workbench.ingest.reader import MAX_BYTES, IngestError

pytestmark = pytest.mark.usefixtures("no_proxy")


def fail_reason(fetcher: Fetcher, url: str) -> str:
    with pytest.raises(IngestError) as caught:
        fetcher.page(url)
    reason = str(caught.value)
    assert "\n" not in reason
    return reason


def test_a_page_is_fetched_as_html_with_its_address_and_our_user_agent(server: Server) -> None:
    server.add("/ekonomi/beras.html", send(id_page(1)))
    with Fetcher(5) as fetcher:
        raw = fetcher.page(server.url("/ekonomi/beras.html"))
    assert raw.is_html and raw.encoding == "utf-8"
    assert raw.path == server.url("/ekonomi/beras.html")
    assert "Produksi Beras Naik 11 Persen" in raw.text
    assert server.user_agents == [USER_AGENT]
    assert USER_AGENT.startswith("claim-workbench/") and USER_AGENT.endswith("(+fact-checking)")


def test_a_redirect_chain_is_followed_to_the_final_address(server: Server) -> None:
    server.add("/short/abc", redirect("/amp/story", 301))
    server.add("/amp/story", redirect(server.url("/business/port-traffic.html"), 302))
    server.add("/business/port-traffic.html", send(en_page(1)))
    with Fetcher(5) as fetcher:
        raw = fetcher.page(server.url("/short/abc"))
    assert raw.path == server.url("/business/port-traffic.html")
    assert server.hits == {"/short/abc": 1, "/amp/story": 1, "/business/port-traffic.html": 1}


def test_a_redirect_loop_stops_after_the_bound(server: Server) -> None:
    server.add("/loop", redirect("/loop"))
    with Fetcher(5) as fetcher:
        assert fail_reason(fetcher, server.url("/loop")) == "more than 10 redirects"
    assert server.hits["/loop"] == 11


def test_an_http_error_status_is_the_reason(server: Server) -> None:
    with Fetcher(5) as fetcher:
        assert fail_reason(fetcher, server.url("/berita/hilang.html")) == "HTTP 404 Not Found"


def test_a_response_slower_than_the_timeout_is_given_up(server: Server) -> None:
    def slow(h: BaseHTTPRequestHandler) -> None:
        server.release.wait(30)
        send(en_page(1))(h)

    server.add("/slow", slow)
    started = time.monotonic()
    with Fetcher(0.5) as fetcher:
        assert fail_reason(fetcher, server.url("/slow")) == "no response within 0.5 s"
    assert time.monotonic() - started < 10  # the server would have waited 30 s


def test_a_body_that_trickles_in_past_the_timeout_is_given_up(server: Server) -> None:
    def trickle(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Connection", "close")
        h.end_headers()
        try:
            while not server.release.wait(0.1):  # a byte every 0.1 s never trips the read timeout
                h.wfile.write(b"x")
                h.wfile.flush()
        except OSError:
            pass

    server.add("/trickle", trickle)
    with Fetcher(1) as fetcher:
        assert fail_reason(fetcher, server.url("/trickle")) == "download not finished within 1 s"


@pytest.mark.parametrize("declare_length", [True, False])
def test_a_50_mb_body_is_refused_without_reading_it_all(server: Server, declare_length: bool) -> None:
    size = 50 * 1024 * 1024
    server.add("/huge.html", stream(server, "huge", size, declare_length=declare_length))
    with Fetcher(10) as fetcher:
        reason = fail_reason(fetcher, server.url("/huge.html"))
    assert reason.startswith("too large for an article")
    deadline = time.monotonic() + 10
    while "huge" not in server.sent and time.monotonic() < deadline:
        time.sleep(0.05)
    # What the server managed to write is bounded by the limit plus socket buffers, far below 50 MB.
    assert server.sent["huge"] < MAX_BYTES + 8 * 1024 * 1024 < size


def test_a_non_page_content_type_is_refused_before_its_body(server: Server) -> None:
    server.add("/foto.png", send(b"\x89PNG\r\n\x1a\n" + bytes(5000), "image/png"))
    with Fetcher(5) as fetcher:
        assert fail_reason(fetcher, server.url("/foto.png")) == \
            "not a web page (content type image/png)"


def test_a_windows_1252_page_is_decoded_by_its_header_charset(server: Server) -> None:
    body = en_page(2, meta="", quotes=("\u201c", "\u201d"), encoding="cp1252")
    assert b"\x93We handled" in body
    server.add("/cp1252.html", send(body, "text/html; charset=windows-1252"))
    with Fetcher(5) as fetcher:
        raw = fetcher.page(server.url("/cp1252.html"))
    assert raw.encoding == "cp1252"
    assert "\u201cWe handled 7 percent fewer containers" in raw.text


def test_the_meta_charset_is_used_when_the_header_has_none(server: Server) -> None:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    body = en_page(3, meta=meta, quotes=("\u201c", "\u201d"), encoding="cp1252")
    server.add("/meta.html", send(body, "text/html"))
    with Fetcher(5) as fetcher:
        raw = fetcher.page(server.url("/meta.html"))
    # ISO-8859-1 is read as Windows-1252, as browsers do, so the curly quotes survive.
    assert raw.encoding == "cp1252" and "\u201cWe handled 8 percent" in raw.text


def test_without_any_declaration_the_charset_is_detected_as_for_files(server: Server) -> None:
    body = en_page(4, meta="", quotes=("\u201c", "\u201d"), encoding="cp1252")
    server.add("/plain.html", send(body, "text/html"))
    with Fetcher(5) as fetcher:
        raw = fetcher.page(server.url("/plain.html"))
    assert raw.encoding == "cp1252" and "\u201cWe handled 9 percent" in raw.text


def test_the_header_charset_wins_over_a_wrong_meta(server: Server) -> None:
    body = id_page(2).replace(b'<meta charset="utf-8">', b'<meta charset="windows-1252">')
    body = body.replace(b"Rina Puspitasari", "Rina Puspitasari \u00b7 Jurnalis".encode())
    server.add("/id.html", send(body, "text/html; charset=utf-8"))
    with Fetcher(5) as fetcher:
        raw = fetcher.page(server.url("/id.html"))
    assert raw.encoding == "utf-8" and "Rina Puspitasari \u00b7 Jurnalis" in raw.text


def test_addresses_that_are_not_http_are_refused_before_any_request() -> None:
    assert is_url("https://example.org/a") and is_url("HTTP://example.org")
    assert not is_url("berita/http.html")
    for bad in ("ftp://example.org/a", "javascript:alert(1)", "https://", "http://exa mple.org/"):
        with pytest.raises(IngestError, match="not a usable address"):
            check_url(bad)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=3000),
       content_type=st.sampled_from(["text/html", "text/plain", "application/xhtml+xml", ""]),
       charset=st.one_of(st.none(), st.text(max_size=20),
                         st.sampled_from(["utf-8", "windows-1252", "utf-16", "shift_jis", "bogus"])))
@example(data=b"\x00", content_type="text/html", charset="UNDEFINED")  # Python's refusing codec
def test_any_body_decodes_or_fails_with_one_line(data: bytes, content_type: str,
                                                 charset: str | None) -> None:
    try:
        raw = decode_page(Download("http://127.0.0.1/x", content_type, charset, data))
    except IngestError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert raw.text.strip() and "\r" not in raw.text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400), suffix=st.sampled_from([".csv", ".jsonl", ".txt"]))
def test_any_manifest_reads_as_rows_or_one_line_refusal(tmp_path: Path, text: str, suffix: str) -> None:
    manifest = tmp_path / f"manifest{suffix}"
    manifest.write_text(text, encoding="utf-8")
    try:
        rows = read_manifest(manifest)
    except IngestError as exc:
        assert "\n" not in str(exc)
        return
    for row in rows:
        assert (row.error is None) == (row.path is not None)
        assert row.error is None or "\n" not in row.error
        assert row.url is None or row.url.startswith(("http://", "https://"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tail=st.text(max_size=40))
def test_any_address_on_the_server_gives_a_page_or_one_line(server: Server, tail: str) -> None:
    server.add("/ok", send(en_page(1)))
    try:  # any host: checked only, never fetched (the tests reach 127.0.0.1 alone)
        assert check_url("http://" + tail).startswith("http://")
    except IngestError as exc:
        assert "\n" not in str(exc)
    with Fetcher(5) as fetcher:
        for url in (server.url("/" + tail), server.url("/ok?" + tail)):
            try:
                raw = fetcher.page(url)
            except IngestError as exc:
                assert str(exc) and "\n" not in str(exc)
            else:
                assert raw.path.startswith(server.base)
