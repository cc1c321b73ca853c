"""The clutter and metadata rules carry to an English wire story on another site.

The page in tests/data is written for this test (a typical English news page:
navigation, byline with two authors, a US time zone, a wire dateline, ads,
"Read more" links, a related-stories list and a copyright footer).
"""

from __future__ import annotations

from pathlib import Path

from workbench.extract import extract_claims
from workbench.ingest.page import parse_document
from workbench.ingest.reader import read_path

PAGE = Path(__file__).resolve().parents[1] / "data" / "english_wire_story.txt"


def test_english_page_metadata() -> None:
    draft = parse_document(read_path(PAGE))
    assert draft.title == "North Korea shipped 1,000 containers of arms to Russia, White House says"
    assert (draft.language, draft.author, draft.published, draft.dateline, draft.wire, draft.outlet) == (
        "en", "Politics Desk and Foreign Desk", "2023-10-13T16:12:00-04:00", "WASHINGTON", "Reuters",
        "Reuters")


def test_english_page_body_drops_navigation_ads_and_related_stories() -> None:
    body = parse_document(read_path(PAGE)).body
    assert body.startswith("North Korea has delivered more than 1,000 containers")
    for clutter in ("Skip to main content", "Subscribe", "Advertisement", "Read more",
                    "Vostochny", "Crimea bridge", "All rights reserved", "Share this article"):
        assert clutter not in body
    assert len(body.split("\n\n")) == 3


def test_english_claims_have_speakers_and_stances() -> None:
    draft = parse_document(read_path(PAGE))
    found = [(c.speaker, c.stance, c.content) for c in extract_claims(draft.body, draft.language)]
    assert found[0] == ("White House", "asserts", "North Korea has delivered more than 1,000 "
                        "containers of military equipment and munitions to Russia")
    assert found[1][:2] == ("John Kirby", "asserts")
    assert ("Moscow", "denies") in [(s, st) for s, st, _ in found]
