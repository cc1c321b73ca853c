"""`workbench ingest`, `articles` and `claims` through the real CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from tests.conftest import FIXTURES, fixture_path
from workbench.cli import articles as _commands  # noqa: F401  (registers the commands)
from workbench.cli.app import cli
from workbench.store import open_store


def run(db: Path, *args: str, input: bytes | None = None) -> Result:
    runner = CliRunner(env={"COLUMNS": "400"})
    return runner.invoke(cli, ["--db", str(db), *args], input=input, catch_exceptions=False)


def articles_json(db: Path) -> list[dict]:  # type: ignore[type-arg]
    result = run(db, "articles", "--json")
    assert result.exit_code == 0
    return json.loads(result.stdout)


def test_ingest_fixtures_then_list_articles_and_claims_as_json(db_path: Path) -> None:
    result = run(db_path, "ingest", str(FIXTURES))
    assert result.exit_code == 0, result.output
    rows = articles_json(db_path)
    assert len(rows) == 5
    first = rows[0]
    assert {k: first[k] for k in ("title", "outlet", "published", "author", "dateline", "wire",
                                  "language")} == {
        "title": "Kremlin: Tak Ada Bukti Korea Utara Kirim Senjata ke Rusia",
        "outlet": "Kompas.com", "published": "2023-10-17T23:38:00+07:00",
        "author": "Aditya Jaya Iswara", "dateline": "MOSKWA", "wire": "AFP", "language": "id"}
    assert first["claim_count"] > 5 and len(first["sha256"]) == 64
    claims = json.loads(run(db_path, "claims", "--json", "--article", str(first["id"])).stdout)
    assert len(claims) == first["claim_count"]
    assert set(claims[0]) == {"id", "article_id", "text", "content", "speaker", "stance", "quote",
                              "start", "end", "checkworthiness", "speaker_canonical"}
    # the page's own words stay; the canonical name is beside them
    named = {(c["speaker"], c["speaker_canonical"]) for c in claims if c["speaker"]}
    assert all(canonical for _, canonical in named)


def test_ingesting_the_same_content_again_adds_nothing_and_says_so(db_path: Path) -> None:
    run(db_path, "ingest", str(FIXTURES))
    again = run(db_path, "ingest", str(FIXTURES))
    assert again.exit_code == 0
    assert "already present" in again.stdout
    assert len(articles_json(db_path)) == 5


def test_bad_inputs_fail_one_by_one_while_good_ones_are_ingested(db_path: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    shutil.copy(fixture_path("002"), good)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    no_article = tmp_path / "menu.html"
    no_article.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.seek(50 * 1024 * 1024)
        fh.write(b"x")
    result = run(db_path, "ingest", str(good), str(tmp_path / "missing.txt"), str(empty),
                 str(binary), str(no_article), str(huge), str(good))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    reasons = "\n".join(errors)
    assert "missing.txt: no such file" in reasons
    assert "empty.txt: empty file" in reasons
    assert "photo.txt: binary file" in reasons
    assert "menu.html: HTML page with no article text" in reasons
    assert "huge.txt: too large" in reasons
    assert "good.txt: given more than once" in reasons
    assert len(errors) == 6
    assert [a["path"] for a in articles_json(db_path)] == [str(good)]


def test_windows_1252_text_is_decoded(db_path: Path, tmp_path: Path) -> None:
    text = fixture_path("004").read_text(encoding="utf-8").replace("'", "\u2019")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(text.encode("cp1252", errors="replace"))
    assert run(db_path, "ingest", str(legacy)).exit_code == 0
    article = articles_json(db_path)[0]
    assert article["outlet"] == "detikNews"
    claims = json.loads(run(db_path, "claims", "--json").stdout)
    assert any("\u2019kebijakan hegemonik\u2019" in c["text"] for c in claims) or claims


def test_markup_escapes_and_nul_are_stored_as_text_and_never_interpreted(
    db_path: Path, tmp_path: Path
) -> None:
    nasty = tmp_path / "nasty.txt"
    nasty.write_bytes(
        b"Judul [bold]Berita[/bold] Hari Ini\n\n"
        b"JAKARTA - Menteri [link=https://evil.example]Budi[/link] mengatakan 1.000 ton beras "
        b"tiba pada Senin (2/1/2023) di gudang \x1b[2J Bulog 'x'); DROP TABLE claims;--.\x00\n"
    )
    result = run(db_path, "ingest", str(nasty))
    assert result.exit_code == 0, result.output
    claims = json.loads(run(db_path, "claims", "--json").stdout)
    assert len(claims) == 1
    assert "[link=https://evil.example]Budi[/link]" in claims[0]["text"]
    assert "\x1b[2J" in claims[0]["text"] and "DROP TABLE claims" in claims[0]["text"]
    assert "\x00" not in claims[0]["text"]
    table = run(db_path, "claims")
    assert "[link=https://evil.example]Budi[/link]" in table.stdout
    assert "\\x1b[2J" in table.stdout  # shown as a visible escape
    assert "\x1b" not in table.stdout


def test_stdin_and_url_option(db_path: Path) -> None:
    data = fixture_path("003").read_bytes()
    result = run(db_path, "ingest", "-", "--url", "https://example.org/story", input=data)
    assert result.exit_code == 0, result.output
    article = articles_json(db_path)[0]
    assert (article["path"], article["url"]) == ("-", "https://example.org/story")


def test_html_article_goes_through_main_text_extraction(db_path: Path, tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>Paragraf {i}: Pemerintah mengatakan {i * 100} ton beras tiba di gudang Bulog "
        f"pada Senin (2/1/2023) untuk cadangan nasional.</p>" for i in range(1, 7))
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Beras Impor Tiba</title>"
        "<meta property='og:url' content='https://news.example/beras'></head><body>"
        "<nav><a href='/'>Beranda</a> <a href='/x'>Terpopuler</a></nav>"
        f"<article><h1>Beras Impor Tiba di Gudang Bulog</h1>{paragraphs}"
        "<p>Baca juga: Harga Cabai Naik Lagi</p></article>"
        "<footer>Copyright 2024 News Example</footer></body></html>"
    )
    assert run(db_path, "ingest", str(page)).exit_code == 0
    article = articles_json(db_path)[0]
    assert article["title"].startswith("Beras Impor Tiba")
    assert article["url"] == "https://news.example/beras"
    claims = json.loads(run(db_path, "claims", "--json").stdout)
    assert len(claims) == 6
    assert not any("Baca juga" in c["text"] or "Cabai" in c["text"] for c in claims)


def test_failed_article_leaves_earlier_articles_intact(db_path: Path, tmp_path: Path) -> None:
    run(db_path, "ingest", str(fixture_path("000")))
    before = articles_json(db_path)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 1000)
    assert run(db_path, "ingest", str(bad)).exit_code == 1
    assert articles_json(db_path) == before


def test_each_article_is_written_in_one_transaction(db_path: Path) -> None:
    from workbench.extract import extract_claims
    from workbench.ingest.page import parse_document
    from workbench.ingest.reader import read_path
    from workbench.models import ClaimDraft
    from workbench.store.articles import add_article

    db = open_store(db_path)
    draft = parse_document(read_path(fixture_path("000")))
    claims = extract_claims(draft.body)
    broken = [*claims, ClaimDraft("x", "x", None, "asserts", False, 0, 1, 2.0)]  # violates CHECK
    try:
        add_article(db, draft, broken)
    except Exception:  # the CHECK constraint fails mid-way
        pass
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == 0


def test_a_database_locked_by_another_writer_is_a_one_line_error(db_path: Path) -> None:
    import sqlite3

    run(db_path, "ingest", str(fixture_path("000")))
    before = articles_json(db_path)
    other = sqlite3.connect(db_path)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock past the busy timeout
    try:
        result = run(db_path, "ingest", str(fixture_path("001")))
    finally:
        other.rollback()
        other.close()
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {db_path}: the database is locked by another writer; try again in a moment"]
    assert articles_json(db_path) == before
    assert run(db_path, "ingest", str(fixture_path("001"))).exit_code == 0
