"""schema.org ClaimReview export: the fields Google requires and recommends."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from tests.unit.test_exchange_export import Reviewed, build_reviewed
from workbench.exchange import ExportError, export_to_file, make_options
from workbench.exchange.claimreview import speaker_type

OPTIONS = {"publisher": "Cek Fakta Bersama", "publisher_url": "https://cekfakta.example/",
           "url_template": "https://cekfakta.example/checks/{group_id}"}


@pytest.fixture
def reviewed(fixture_db: Database) -> Reviewed:
    return build_reviewed(fixture_db)


def claim_reviews(db: Database, tmp_path: Path, **extra: Any) -> list[dict[str, Any]]:
    path = export_to_file(db, tmp_path / "out" / "reviews.json", "claimreview",
                          **{**OPTIONS, **extra})
    result = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(result, list)
    return result


def assert_google_shape(item: dict[str, Any]) -> None:
    """Required: claimReviewed, reviewRating (alternateName or ratingValue), url, author.
    Recommended: itemReviewed (a Claim) with appearance, author and datePublished."""
    assert item["@context"] == "https://schema.org" and item["@type"] == "ClaimReview"
    assert isinstance(item["claimReviewed"], str) and item["claimReviewed"]
    rating = item["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"]
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert item["url"].startswith("https://")
    assert item["author"]["@type"] == "Organization" and item["author"]["name"]
    assert len(item["datePublished"]) == 10
    reviewed = item["itemReviewed"]
    assert reviewed["@type"] == "Claim"
    assert reviewed["appearance"] and all(
        a["@type"] == "NewsArticle" and a["headline"] for a in reviewed["appearance"])


def test_one_claim_review_per_group_verdict_with_google_fields(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    items = claim_reviews(fixture_db, tmp_path)
    ids = reviewed.ids
    # c has only a claim override, e was never judged: neither is published.
    assert [item["url"] for item in items] == [
        f"https://cekfakta.example/checks/{ids[n]}" for n in ("a", "b", "d")]
    for item in items:
        assert_google_shape(item)
    assert items[0]["author"] == {"@type": "Organization", "name": "Cek Fakta Bersama",
                                  "url": "https://cekfakta.example/"}


def test_rating_mapping_supported_disputed_denied(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    ratings = {item["url"].rsplit("/", 1)[1]: item["reviewRating"]
               for item in claim_reviews(fixture_db, tmp_path)}
    ids = reviewed.ids
    common = {"@type": "Rating", "bestRating": 5, "worstRating": 1}
    assert ratings == {
        str(ids["a"]): {**common, "ratingValue": 3, "alternateName": "Misleading"},
        str(ids["b"]): {**common, "ratingValue": 5, "alternateName": "True"},
        str(ids["d"]): {**common, "ratingValue": 1, "alternateName": "False"},
    }


def test_item_reviewed_lists_every_article_speaker_and_earliest_date(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    item = claim_reviews(fixture_db, tmp_path)[0]
    rows = fixture_db.execute(
        f"""SELECT DISTINCT a.title, a.outlet, a.published, a.author FROM claims c
            JOIN articles a ON a.id = c.article_id WHERE c.id IN
            ({','.join('?' * len(reviewed.claims['a']))}) ORDER BY a.published""",
        list(reviewed.claims["a"])).fetchall()
    appearance = item["itemReviewed"]["appearance"]
    assert [(a["headline"], a["publisher"]["name"], a["datePublished"]) for a in appearance] == [
        (title, outlet, published) for title, outlet, published, _ in rows]
    assert item["itemReviewed"]["datePublished"] == rows[0][2]
    # The attribution-free content, not the sentence with its dateline and "he said".
    rep_content, speaker = fixture_db.execute(
        """SELECT c.content, c.speaker FROM claim_groups g JOIN claims c
           ON c.id = g.representative_claim_id WHERE g.id = ?""",
        [reviewed.ids["a"]]).fetchone()
    assert item["claimReviewed"] == rep_content
    assert item["itemReviewed"]["author"]["name"] == speaker
    verdict_day = fixture_db.execute("SELECT substr(decided_at, 1, 10) FROM verdicts "
                                     "WHERE group_id = ?", [reviewed.ids["a"]]).fetchone()[0]
    assert item["datePublished"] == verdict_day


def test_filters_apply_to_claim_reviews(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    assert [i["reviewRating"]["alternateName"] for i in
            claim_reviews(fixture_db, tmp_path, verdicts=["denied"])] == ["False"]
    assert len(claim_reviews(fixture_db, tmp_path, since="2021-01-01")) == 2


def test_publisher_and_url_template_are_required() -> None:
    with pytest.raises(ExportError, match="needs --publisher"):
        make_options("claimreview", url_template=OPTIONS["url_template"])
    with pytest.raises(ExportError, match="needs --url-template"):
        make_options("claimreview", publisher="X")
    with pytest.raises(ExportError, match="needs --url-template"):
        make_options("claimreview", publisher="X", url_template="https://x.example/checks")
    with pytest.raises(ExportError, match="--publisher-url must be an http"):
        make_options("claimreview", publisher="X", url_template=OPTIONS["url_template"],
                     publisher_url="cekfakta.example")
    make_options("json")  # the other formats need none of them


@pytest.mark.parametrize(("name", "kind"), [
    ("Dmitry Peskov", "Person"), ("Sergey Lavrov", "Person"), ("John Kirby", "Person"),
    ("Lavrov", "Person"), ("Kremlin", "Organization"), ("Gedung Putih", "Organization"),
    ("TASS", "Organization"), ("AS", "Organization"), ("Korea Utara", "Organization"),
    ("Biro Umum Peralatan Kementerian Pertahanan", "Organization"),
    ("White House", "Organization"), ("Center for Strategic and International Studies",
                                      "Organization"),
    ("Kim Jong Un", "Person"), ("Jack White", "Person"), ("Tim Walz", "Person"),
    ("WHO", "Organization"), ("Juru Bicara Kepolisian", "Organization"),
])
def test_speaker_type_guesses_person_or_organisation(name: str, kind: str) -> None:
    assert speaker_type(name, ["Sergey Lavrov"]) == kind
