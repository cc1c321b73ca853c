"""HTML pages through `workbench ingest`: declared metadata (og:site_name, article:published_time,
canonical URL) names the outlet, the time with its zone, and the page's address."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from workbench.cli import articles as _commands  # noqa: F401  (registers the commands)
from workbench.cli.app import cli
from workbench.ingest.htmlmeta import read_html_meta

PAGE = """<!doctype html>
<html lang="id"><head>
<meta charset="utf-8">
<title>Pemerintah Naikkan Harga Pupuk Bersubsidi - Harian Rakyat Contoh</title>
<meta property="og:site_name" content="Harian Rakyat Contoh">
<meta property="og:title" content="Pemerintah Naikkan Harga Pupuk Bersubsidi">
<meta property="article:published_time" content="2024-03-14T09:30:00+07:00">
<link rel="canonical" href="https://www.harianrakyatcontoh.id/ekonomi/pemerintah-naikkan-harga-pupuk">
</head><body>
<nav><a href="/">Beranda</a> <a href="/ekonomi">Ekonomi</a></nav>
<article>
<h1>Pemerintah Naikkan Harga Pupuk Bersubsidi</h1>
<p>BANDUNG, HARIANRAKYATCONTOH.ID - Pemerintah menaikkan harga eceran tertinggi pupuk bersubsidi sebesar
10 persen mulai bulan depan, kata Menteri Pertanian dalam konferensi pers di Bandung.</p>
<p>Kenaikan itu dilakukan karena harga bahan baku pupuk di pasar dunia naik sejak awal tahun, menurut
kementerian.</p>
<p>Kelompok tani di Jawa Barat meminta pemerintah menunda kenaikan hingga musim panen berakhir.</p>
</article>
<footer>Copyright 2024 Harian Rakyat Contoh</footer>
</body></html>
"""


def _run(db: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def _only_article(db: Path) -> dict:  # type: ignore[type-arg]
    result = _run(db, "articles", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 1
    return rows[0]  # type: ignore[no-any-return]


def test_declared_site_name_time_and_canonical_url_are_kept(db_path: Path, tmp_path: Path) -> None:
    page = tmp_path / "pupuk.html"
    page.write_text(PAGE, encoding="utf-8")
    result = _run(db_path, "ingest", str(page))
    assert result.exit_code == 0, result.output
    article = _only_article(db_path)
    assert (article["outlet"], article["published"], article["url"]) == (
        "Harian Rakyat Contoh", "2024-03-14T09:30:00+07:00",
        "https://www.harianrakyatcontoh.id/ekonomi/pemerintah-naikkan-harga-pupuk")
    assert article["title"] == "Pemerintah Naikkan Harga Pupuk Bersubsidi"
    assert article["dateline"] == "BANDUNG"
    claims = json.loads(_run(db_path, "claims", "--json").stdout)
    assert claims and not any("HARIANRAKYATCONTOH" in c["text"] for c in claims)


def test_a_listed_domain_given_with_url_names_the_outlet(db_path: Path, tmp_path: Path) -> None:
    page = tmp_path / "pupuk.html"
    page.write_text(PAGE.replace('<meta property="og:site_name" content="Harian Rakyat Contoh">', ""),
                    encoding="utf-8")
    url = "https://www.antaranews.com/berita/4000000/pemerintah-naikkan-harga-pupuk"
    result = _run(db_path, "ingest", "--url", url, str(page))
    assert result.exit_code == 0, result.output
    article = _only_article(db_path)
    assert (article["outlet"], article["url"]) == ("Antara", url)


def test_json_ld_date_published_is_read_when_open_graph_has_none() -> None:
    html = PAGE.replace('<meta property="article:published_time" content="2024-03-14T09:30:00+07:00">',
                        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
                        '{"@type": "NewsArticle", "datePublished": "2024-03-14T02:30:00Z", '
                        '"publisher": {"@type": "Organization", "name": "Harian Rakyat Contoh"}}]}</script>')
    meta = read_html_meta(html)
    assert (meta.published, meta.site_name) == ("2024-03-14T02:30:00+00:00", "Harian Rakyat Contoh")


def test_broken_or_empty_metadata_gives_none() -> None:
    html = ('<html><head><script type="application/ld+json">' + "[" * 5000
            + '</script><link rel="canonical" href="javascript:alert(1)"></head><body></body></html>')
    meta = read_html_meta(html)
    assert (meta.site_name, meta.published, meta.canonical_url) == (None, None, None)
    assert read_html_meta("") == read_html_meta("<html></html>")
