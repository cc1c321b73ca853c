"""`workbench ingest URL`, `--feed`, `--manifest` and `articles set-url` against a local server."""

from __future__ import annotations

import json
import shutil
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests.conftest import fixture_path
from tests.local_web import Server, atom, en_page, id_page, redirect, rss, send
from workbench.cli import articles as _commands  # noqa: F401  (registers the commands)
from workbench.cli.app import cli

pytestmark = pytest.mark.usefixtures("no_proxy")


def run(db: Path, *args: str) -> Result:
    return CliRunner(env={"COLUMNS": "400"}).invoke(cli, ["--db", str(db), *args],
                                                    catch_exceptions=False)


def articles(db: Path) -> list[dict[str, Any]]:
    result = run(db, "articles", "--json")
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def test_a_url_and_a_file_in_one_run_record_the_final_address(
    db_path: Path, server: Server, tmp_path: Path
) -> None:
    server.add("/s/Xy12", redirect("/ekonomi/2024/04/11/produksi-beras.html", 301))
    server.add("/ekonomi/2024/04/11/produksi-beras.html", send(id_page(1)))
    saved = tmp_path / "saved.txt"
    shutil.copy(fixture_path("002"), saved)
    result = run(db_path, "ingest", str(saved), server.url("/s/Xy12"))
    assert result.exit_code == 0, result.output
    rows = articles(db_path)
    assert [r["url"] for r in rows] == [None, server.url("/ekonomi/2024/04/11/produksi-beras.html")]
    web = rows[1]
    assert {k: web[k] for k in ("title", "outlet", "author", "language")} == {
        "title": "Produksi Beras Naik 11 Persen pada Kuartal Pertama", "outlet": "Warta Nusantara",
        "author": "Rina Puspitasari", "language": "id"}
    assert web["claim_count"] >= 2


def test_failed_fetches_are_one_line_each_and_the_batch_goes_on(
    db_path: Path, server: Server
) -> None:
    def slow(h: BaseHTTPRequestHandler) -> None:
        server.release.wait(30)
        send(en_page(1))(h)

    server.add("/business/port.html", send(en_page(1)))
    server.add("/slow.html", slow)
    server.add("/chart.png", send(b"\x89PNG\r\n\x1a\n" + bytes(2000), "image/png"))
    result = run(db_path, "ingest", "--timeout", "0.5", server.url("/missing.html"),
                 server.url("/slow.html"), server.url("/chart.png"),
                 server.url("/business/port.html"))
    assert result.exit_code == 1
    assert errors(result) == [
        f"error: {server.url('/missing.html')}: HTTP 404 Not Found",
        f"error: {server.url('/slow.html')}: no response within 0.5 s",
        f"error: {server.url('/chart.png')}: not a web page (content type image/png)",
    ]
    assert [r["url"] for r in articles(db_path)] == [server.url("/business/port.html")]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_feed_ingests_its_new_items_and_a_second_run_nothing(
    db_path: Path, server: Server, kind: str
) -> None:
    pages = [f"/news/{n}.html" for n in range(3)]
    for n, page in enumerate(pages):
        server.add(page, send(id_page(n) if kind == "rss" else en_page(n)))
    make = rss if kind == "rss" else atom
    # RSS with absolute links, Atom with links relative to the feed.
    links = [server.url(p) if kind == "rss" else p.lstrip("/") for p in pages]
    server.add("/feed.xml", send(make([(f"Item {n}", link) for n, link in enumerate(links[:2])]),
                                 f"application/{kind}+xml"))
    first = run(db_path, "ingest", "--feed", server.url("/feed.xml"))
    assert first.exit_code == 0, first.output
    assert sorted(r["url"] for r in articles(db_path)) == [server.url(p) for p in pages[:2]]

    # The feed moves on: one new item on top, the two old ones below.
    server.add("/feed.xml", send(make([(f"Item {n}", links[n]) for n in (2, 0, 1)]),
                                 f"application/{kind}+xml"))
    second = run(db_path, "ingest", "--feed", server.url("/feed.xml"))
    assert second.exit_code == 0, second.output
    assert sorted(r["url"] for r in articles(db_path)) == [server.url(p) for p in pages]
    assert [server.hits[p] for p in pages] == [1, 1, 1]  # stored items are not fetched again
    third = run(db_path, "ingest", "--feed", server.url("/feed.xml"))
    assert third.exit_code == 0 and len(articles(db_path)) == 3
    assert third.stdout.count("\nalready present: ") == 3
    assert [server.hits[p] for p in pages] == [1, 1, 1]


def test_a_feed_that_is_not_a_feed_fails_in_one_line(db_path: Path, server: Server) -> None:
    server.add("/index.html", send(en_page(1)))
    result = run(db_path, "ingest", "--feed", server.url("/index.html"))
    assert result.exit_code == 1
    assert errors(result) == [f"error: {server.url('/index.html')}: feed: not an RSS or Atom "
                              "feed (content type text/html)"]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_manifest_ingests_saved_pages_with_urls_and_fails_its_bad_row(
    db_path: Path, tmp_path: Path, suffix: str
) -> None:
    saved = tmp_path / "archive" / "pages"
    saved.mkdir(parents=True)
    (saved / "beras.html").write_bytes(id_page(4))
    (saved / "port.html").write_bytes(en_page(4))
    rows = [("pages/beras.html", "https://warta.example/ekonomi/beras-naik"),
            ("pages/port.html", "https://ledger.example/business/port-traffic"),
            ("pages/missing.html", "https://ledger.example/missing"),
            ("pages/port.html", "javascript:alert(1)")]
    manifest = tmp_path / "archive" / f"manifest{suffix}"
    if suffix == ".csv":
        manifest.write_text("path,url\n" + "".join(f"{p},{u}\n" for p, u in rows),
                            encoding="utf-8")
    else:
        manifest.write_text("".join(json.dumps({"path": p, "url": u}) + "\n" for p, u in rows)
                            + "{not json\n", encoding="utf-8")
    result = run(db_path, "ingest", "--manifest", str(manifest))
    assert result.exit_code == 1
    expected = [f"error: {manifest}:4 (pages/missing.html): no such file",
                f"error: {manifest}:5 (pages/port.html): url not a usable address: only http "
                "and https links are accepted"] if suffix == ".csv" else [
                f"error: {manifest}:3 (pages/missing.html): no such file",
                f"error: {manifest}:4 (pages/port.html): url not a usable address: only http "
                "and https links are accepted",
                f"error: {manifest}:5: not JSON (Expecting property name enclosed in double "
                "quotes)"]
    assert errors(result) == expected
    assert [(r["url"], Path(r["path"]).name) for r in articles(db_path)] == [
        ("https://warta.example/ekonomi/beras-naik", "beras.html"),
        ("https://ledger.example/business/port-traffic", "port.html")]


def test_a_csv_manifest_without_the_header_is_refused_whole(db_path: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("pages/beras.html,https://warta.example/a\n", encoding="utf-8")
    result = run(db_path, "ingest", "--manifest", str(manifest))
    assert result.exit_code == 1
    assert errors(result) == [f"error: {manifest}: manifest: a CSV manifest needs a header row "
                              "naming path and url columns"]


def test_set_url_fixes_one_article_and_refuses_bad_input(db_path: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved.txt"
    shutil.copy(fixture_path("002"), saved)
    assert run(db_path, "ingest", str(saved)).exit_code == 0
    article_id = articles(db_path)[0]["id"]
    ok = run(db_path, "articles", "set-url", str(article_id), "https://news.example/a/1")
    assert ok.exit_code == 0, ok.output
    assert articles(db_path)[0]["url"] == "https://news.example/a/1"
    refusals = {
        ("999", "https://news.example/b"): "error: no article with id 999",
        ("0", "https://news.example/b"): "error: article id must be a whole number from 1 to "
                                         "9223372036854775807, not '0'",
        ("9223372036854775808", "https://news.example/b"):
            "error: article id must be a whole number from 1 to 9223372036854775807, "
            "not '9223372036854775808'",
        (str(article_id), "ftp://news.example/a"):
            "error: 'ftp://news.example/a': not a usable address: only http and https links "
            "are accepted",
    }
    for (given_id, url), message in refusals.items():
        result = run(db_path, "articles", "set-url", given_id, url)
        assert result.exit_code == 1 and result.stderr.strip() == message
    assert articles(db_path)[0]["url"] == "https://news.example/a/1"


def test_url_option_refuses_web_sources(db_path: Path, server: Server) -> None:
    result = run(db_path, "ingest", "--url", "https://a.example/x", server.url("/a.html"))
    assert result.exit_code == 2
    assert "--url applies to a single file" in result.output
    assert run(db_path, "ingest").exit_code == 2
