"""ClaimReview a fact-checker can publish: real articles in a real database, read back as JSON-LD.

The articles are written here in the shapes Indonesian and English outlets
publish (HTML with site name, date and byline); claims are extracted by the
real pipeline, grouped by hand and judged through the review service.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pyld import jsonld
from sqlite_utils import Database

from workbench.cli import exchange_cmds as _commands  # noqa: F401  (registers the commands)
from workbench.cli.app import cli
from workbench.exchange import ExportError, export_to_file, make_options
from workbench.exchange.claimreview import claim_speaker, missing_fields, reviewed_claim, speaker_type
from workbench.exchange.ratings import (
    DEFAULT_SCALE,
    RATING_MAP_ENV,
    RatingMapError,
    RatingScale,
    load_scale,
    scale_from,
)
from workbench.ingest.service import ingest
from workbench.review import ReviewService
from workbench.store import groups
from workbench.store.articles import list_claims, set_article_url

OPTIONS = {"publisher": "Cek Fakta Bersama", "publisher_url": "https://cekfakta.example/",
           "url_template": "https://cekfakta.example/checks/{group_id}"}
SCHEMA = "http://schema.org/"
# The schema.org context, as far as these documents use it: every term is a
# schema.org term. Served by a local loader: the test never touches the network.
SCHEMA_CONTEXT = {"@context": {"@vocab": SCHEMA, "schema": SCHEMA,
                               "url": {"@id": "schema:url", "@type": "@id"}}}
# schema.org properties and types a ClaimReview of ours may use (checked against schema.org).
SCHEMA_TERMS = {
    "claimReviewed", "reviewRating", "ratingValue", "bestRating", "worstRating",
    "alternateName", "url", "author", "name", "datePublished", "itemReviewed", "appearance",
    "headline", "publisher", "inLanguage", "reviewBody", "citation",
}
SCHEMA_TYPES = {"ClaimReview", "Claim", "Rating", "Organization", "Person", "NewsArticle",
                "CreativeWork"}

PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title} - {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{published}">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<footer>Copyright 2024 {outlet}.</footer></body></html>
"""
DPRK_EN = [
    "SEOUL (Harbour Ledger) - North Korea's foreign ministry on Tuesday rejected reports that "
    "the country had supplied artillery shells to Russia for the war in Ukraine.",
    '"The DPRK has never exported weapons to any country and has no plans to do so," a ministry '
    "spokesman said in a statement carried by state media.",
    "Analysts at the Korea Institute for Defense Analyses said satellite images showed a sharp "
    "rise in rail traffic at the Tumangang border crossing since September.",
]
DPRK_ID = [
    "SEOUL, Warta Nusantara - Kementerian Luar Negeri Korea Utara membantah laporan bahwa "
    "negaranya mengirim peluru artileri ke Rusia untuk perang di Ukraina.",
    '"Republik Rakyat Demokratik Korea tidak pernah mengekspor senjata ke negara mana pun," '
    "kata juru bicara kementerian dalam pernyataan yang dimuat media pemerintah pada Selasa.",
    "Menurut analis, citra satelit menunjukkan lonjakan lalu lintas kereta di perbatasan "
    "Tumangang sejak September.",
]
PORT_EN = [
    "ROTTERDAM (Harbour Ledger) - Container traffic through Europe's largest port fell 6 "
    "percent in March, the port authority said on Tuesday.",
    '"We handled 6 percent fewer containers than in the same month last year," port authority '
    "spokeswoman Marieke de Vries told reporters.",
    "She said the decline was caused mainly by weaker demand for consumer electronics and by "
    "two strikes at terminals in the south of the port.",
]


def page(lang: str, title: str, outlet: str, author: str, published: str,
         paragraphs: list[str]) -> str:
    return PAGE.format(lang=lang, title=title, outlet=outlet, author=author, published=published,
                       paragraphs="".join(f"<p>{p}</p>" for p in paragraphs))


@pytest.fixture
def desk(db: Database, tmp_path: Path) -> dict[str, Any]:
    """Three articles, two groups judged: a denial in two languages, and a port figure."""
    pages = {
        "dprk_en.html": page("en", "North Korea says it has never sold weapons abroad",
                             "The Harbour Ledger", "Helen Park", "2023-10-17T10:00:00+09:00",
                             DPRK_EN),
        "dprk_id.html": page("id", "Korea Utara Bantah Ekspor Senjata ke Rusia",
                             "Warta Nusantara", "Rina Puspitasari", "2023-10-17T07:30:00+07:00",
                             DPRK_ID),
        "port.html": page("en", "Port traffic fell 6 percent in March, authority says",
                          "The Harbour Ledger", "Daniel Okafor", "2024-04-02T14:30:00+00:00",
                          PORT_EN),
    }
    for name, html in pages.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    report = ingest(db, [str(tmp_path / name) for name in pages])
    assert len(report.of("added")) == 3, report.outcomes
    articles = {Path(o.source).name: o.article_id for o in report.outcomes}
    set_article_url(db, articles["dprk_en.html"], "https://ledger.example/world/dprk-denial")
    set_article_url(db, articles["dprk_id.html"], "https://warta.example/dunia/korut-bantah")

    def claim(article: str, words: str) -> Any:
        found = [c for c in list_claims(db, articles[article]) if words in c.content]
        assert len(found) == 1, [c.content for c in list_claims(db, articles[article])]
        return found[0]

    denial = [claim("dprk_en.html", "never exported"), claim("dprk_id.html", "tidak pernah")]
    # Preconditions from the real extractor: both claims deny in their own words.
    assert [c.stance for c in denial] == ["denies", "denies"]
    port = claim("port.html", "6 percent fewer")
    assert port.stance == "asserts" and port.speaker
    with db.atomic():
        ids = {"denial": groups.create_group(db, model="test", method={"by": "hand"}),
               "port": groups.create_group(db, model="test", method={"by": "hand"})}
        groups.assign(db, [(c.id, ids["denial"], 0.9) for c in denial]
                      + [(port.id, ids["port"], 1.0)])
        groups.refresh_groups(db, list(ids.values()))
    return {"ids": ids, "articles": articles, "denial": denial, "port": port}


def reviews(db: Database, tmp_path: Path, **extra: Any) -> dict[int, dict[str, Any]]:
    path = export_to_file(db, tmp_path / "reviews.json", "claimreview", **{**OPTIONS, **extra})
    items = json.loads(path.read_text(encoding="utf-8"))
    return {int(item["url"].rsplit("/", 1)[1]): item for item in items}


def representative(db: Database, group_id: int) -> tuple[str, str, str | None, str]:
    row = db.execute("""SELECT c.content, c.text, c.speaker, a.language FROM claim_groups g
                        JOIN claims c ON c.id = g.representative_claim_id
                        JOIN articles a ON a.id = c.article_id WHERE g.id = ?""",
                     [group_id]).fetchone()
    return row[0], row[1], row[2], row[3]


def test_an_asserted_claim_is_published_with_content_speaker_appearances_note_and_links(
    db: Database, desk: dict[str, Any], tmp_path: Path
) -> None:
    group = desk["ids"]["port"]
    set_article_url(db, desk["articles"]["port.html"], "https://ledger.example/business/port")
    ReviewService(db, "desk_a").set_verdict(
        group, "supported", note="Port authority monthly figures confirm the 6 percent fall.",
        links=["https://port.example/figures/2024-03"])
    item = reviews(db, tmp_path)[group]
    content, text, speaker, language = representative(db, group)
    assert item["claimReviewed"] == " ".join(content.split()) != text  # no dateline, no "said"
    assert item["reviewRating"] == {"@type": "Rating", "ratingValue": 5, "bestRating": 5,
                                    "worstRating": 1, "alternateName": "True"}
    assert item["reviewBody"] == "Port authority monthly figures confirm the 6 percent fall."
    assert item["citation"] == [{"@type": "CreativeWork",
                                 "url": "https://port.example/figures/2024-03"}]
    claim = item["itemReviewed"]
    assert claim["author"] == {"@type": "Person", "name": speaker}
    assert claim["inLanguage"] == language == "en"
    assert claim["datePublished"] == "2024-04-02T14:30:00+00:00"
    assert claim["appearance"] == [{
        "@type": "NewsArticle", "headline": "Port traffic fell 6 percent in March, authority says",
        "url": "https://ledger.example/business/port", "datePublished": "2024-04-02T14:30:00+00:00",
        "publisher": {"@type": "Organization", "name": "The Harbour Ledger"},
        "author": {"@type": "Person", "name": "Daniel Okafor"}, "inLanguage": "en"}]
    assert missing_fields(item) == []


@pytest.mark.parametrize(("verdict", "published"), [
    ("supported", ("False", 1)),  # the evidence shows weapons were exported: the denial is false
    ("denied", ("True", 5)),  # the evidence denies any export: the denial holds
    ("disputed", ("Misleading", 3)),
])
def test_a_denial_in_its_own_words_is_rated_as_those_words_read(
    db: Database, desk: dict[str, Any], tmp_path: Path, verdict: str, published: tuple[str, int]
) -> None:
    group = desk["ids"]["denial"]
    ReviewService(db, "desk_a").set_verdict(group, verdict)
    item = reviews(db, tmp_path)[group]
    content, _, speaker, language = representative(db, group)
    assert item["claimReviewed"] == " ".join(content.split())
    rating = item["reviewRating"]
    assert (rating["alternateName"], rating["ratingValue"]) == published
    claim = item["itemReviewed"]
    assert claim["inLanguage"] == language
    if speaker:
        assert claim["author"]["name"] == speaker
    # Both articles appear, earliest first (07:30 +07:00 is 00:30 UTC, before 10:00 +09:00).
    assert [(a["url"], a["inLanguage"]) for a in claim["appearance"]] == [
        ("https://warta.example/dunia/korut-bantah", "id"),
        ("https://ledger.example/world/dprk-denial", "en")]
    assert claim["datePublished"] == "2023-10-17T07:30:00+07:00"


def test_a_denial_only_in_the_reporting_verb_rates_the_proposition_without_an_author() -> None:
    claim = {"id": 7, "stance": "denies", "speaker": "Dmitry Peskov", "language": "en",
             "content": "North Korea supplied artillery shells to Russia",
             "text": "Kremlin spokesman Dmitry Peskov denied that North Korea supplied "
                     "artillery shells to Russia.", "checkworthiness": 0.8}
    group = {"representative_claim_id": 7, "claims": [claim]}
    assert reviewed_claim(group, "denied") == (claim, "denied", None)
    asserted = {**claim, "id": 8, "stance": "asserts", "speaker": "John Kirby"}
    assert reviewed_claim({**group, "representative_claim_id": 8, "claims": [claim, asserted]},
                          "denied") == (asserted, "denied", "John Kirby")


def test_the_rating_scale_comes_from_a_file_or_the_environment(
    db: Database, desk: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    group = desk["ids"]["port"]
    ReviewService(db, "desk_a").set_verdict(group, "denied")
    toml = tmp_path / "skala.toml"
    toml.write_text('best = 7\nworst = 1\n[supported]\nname = "Benar"\nvalue = 7\n'
                    '[disputed]\nname = "Menyesatkan"\nvalue = 4\n[denied]\nname = "Salah"\n'
                    "value = 1\n", encoding="utf-8")
    rating = reviews(db, tmp_path, rating_map=str(toml))[group]["reviewRating"]
    assert rating == {"@type": "Rating", "ratingValue": 1, "bestRating": 7, "worstRating": 1,
                      "alternateName": "Salah"}
    partial = tmp_path / "scale.json"
    partial.write_text('{"denied": {"name": "Pants on Fire"}}', encoding="utf-8")
    monkeypatch.setenv(RATING_MAP_ENV, str(partial))
    rating = reviews(db, tmp_path)[group]["reviewRating"]
    assert (rating["alternateName"], rating["ratingValue"], rating["bestRating"]) == \
        ("Pants on Fire", 1, 5)


@pytest.mark.parametrize(("text", "reason"), [
    ('{"supported": {"name": "True", "value": 9}}', "supported: value 9 is outside worst..best"),
    ('{"best": NaN}', "best must be a finite number"),
    ('{"refuted": {"name": "False"}}', "unknown key 'refuted'"),
    ('{"denied": {"name": ""}}', "denied: name must be one line of visible text"),
    ('{"denied": {"name": "False\\u202e"}}', "denied: name must be one line of visible text"),
    ("[1, 2", "not valid JSON"),
])
def test_a_bad_rating_map_is_refused_in_one_line(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "map.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ExportError, match="rating map") as caught:
        make_options("claimreview", rating_map=str(path), **OPTIONS)
    assert reason in str(caught.value) and "\n" not in str(caught.value)


def test_the_check_lists_groups_missing_required_fields_and_strict_refuses(
    db: Database, db_path: Path, desk: dict[str, Any], tmp_path: Path
) -> None:
    group = desk["ids"]["port"]
    port_claim = desk["port"]
    # No appearance with a URL and no speaker: Google would not accept this item.
    with db.atomic():
        db.execute("UPDATE claims SET speaker = NULL WHERE id = ?", [port_claim.id])
    ReviewService(db, "desk_a").set_verdict(group, "supported")
    ReviewService(db, "desk_a").set_verdict(desk["ids"]["denial"], "denied")
    target = tmp_path / "out.json"
    args = ["--db", str(db_path), "export", "--format", "claimreview", "--publisher",
            OPTIONS["publisher"], "--url-template", OPTIONS["url_template"], "-o", str(target)]
    line = (f"group {group}: missing itemReviewed.appearance with a url, or itemReviewed.author "
            "(workbench articles set-url ID URL)")
    strict = CliRunner().invoke(cli, [*args, "--strict"], catch_exceptions=False)
    assert strict.exit_code == 1 and not target.exists()
    assert strict.stderr.splitlines() == [
        f"error: {line}",
        "error: 1 groups miss fields ClaimReview requires; nothing exported (--strict)"]
    lenient = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert lenient.exit_code == 0
    assert lenient.stderr.splitlines()[0] == f"warning: {line}"
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 2
    # Recording the article's address fixes it.
    set_article_url(db, desk["articles"]["port.html"], "https://ledger.example/business/port")
    again = CliRunner().invoke(cli, [*args, "--strict"], catch_exceptions=False)
    assert again.exit_code == 0 and "missing" not in again.stderr


def _loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"the test may not load {url}")
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}


def _expanded_terms(node: Any, keys: set[str], types: set[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _expanded_terms(item, keys, types)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@type":
                types.update(value)
            elif not key.startswith("@"):
                keys.add(key)
            _expanded_terms(value, keys, types)


def test_the_output_reads_back_as_json_ld_with_schema_org_terms(
    db: Database, desk: dict[str, Any], tmp_path: Path
) -> None:
    set_article_url(db, desk["articles"]["port.html"], "https://ledger.example/business/port")
    ReviewService(db, "desk_a").set_verdict(desk["ids"]["port"], "supported", note="Confirmed.",
                                            links=["https://port.example/figures"])
    ReviewService(db, "desk_a").set_verdict(desk["ids"]["denial"], "supported")
    for group_id, item in reviews(db, tmp_path).items():
        expanded = jsonld.expand(item, {"documentLoader": _loader})
        assert len(expanded) == 1
        node = expanded[0]
        assert node["@type"] == [SCHEMA + "ClaimReview"]
        assert node[SCHEMA + "claimReviewed"] == [{"@value": item["claimReviewed"]}]
        rating = node[SCHEMA + "reviewRating"][0]
        assert rating[SCHEMA + "alternateName"] == [{"@value": item["reviewRating"]["alternateName"]}]
        assert rating[SCHEMA + "ratingValue"][0]["@value"] == item["reviewRating"]["ratingValue"]
        assert node[SCHEMA + "url"] == [{"@id": f"https://cekfakta.example/checks/{group_id}"}]
        appearance = node[SCHEMA + "itemReviewed"][0][SCHEMA + "appearance"]
        assert all(a[SCHEMA + "url"][0]["@id"].startswith("https://") for a in appearance)
        keys: set[str] = set()
        types: set[str] = set()
        _expanded_terms(expanded, keys, types)
        assert keys and {k.removeprefix(SCHEMA) for k in keys} <= SCHEMA_TERMS
        assert all(k.startswith(SCHEMA) for k in keys)
        assert {t.removeprefix(SCHEMA) for t in types} <= SCHEMA_TYPES


@settings(max_examples=300, deadline=None)
@given(name=st.text(max_size=60), canonical=st.one_of(st.none(), st.text(max_size=30)))
def test_a_speaker_is_a_person_or_an_organisation_and_never_an_empty_name(
    name: str, canonical: str | None
) -> None:
    assert speaker_type(name) in ("Person", "Organization")
    published = claim_speaker({"speaker": name, "speaker_canonical": canonical})
    assert published is None or (published.strip() == published and published)


@settings(max_examples=300, deadline=None)
@given(value=st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10)),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["supported", "disputed", "denied", "best", "worst",
                                       "name", "value", "x"]), inner, max_size=4),
    max_leaves=12))
def test_any_rating_map_gives_a_sound_scale_or_a_one_line_refusal(value: Any) -> None:
    try:
        scale = scale_from(value)
    except RatingMapError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(scale, RatingScale) and scale.worst < scale.best
    for label in ("supported", "disputed", "denied"):
        rating = scale.of(label)
        assert rating.name.strip() and math.isfinite(rating.value)
        assert scale.worst <= rating.value <= scale.best


def test_without_a_map_the_documented_defaults_apply(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RATING_MAP_ENV, raising=False)
    assert load_scale() == DEFAULT_SCALE
    assert [(DEFAULT_SCALE.of(x).name, DEFAULT_SCALE.of(x).value) for x in
            ("supported", "disputed", "denied")] == [("True", 5), ("Misleading", 3), ("False", 1)]
