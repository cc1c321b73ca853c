"""ReviewService on a real database: verdicts, per-claim overrides, notes, links, history."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from sqlite_utils import Database

from workbench.models import EvidenceLink
from workbench.review import ReviewError, ReviewService, verdict_json, verdicts_json
from workbench.store import groups
from workbench.store.articles import list_claims


@dataclass(frozen=True)
class Groups:
    """Three hand-made groups over the seed claims."""

    a: int
    b: int
    c: int
    a_claims: tuple[int, ...]
    b_claims: tuple[int, ...]
    c_claims: tuple[int, ...]


def build_groups(db: Database) -> Groups:
    claims = [c.id for c in list_claims(db)]
    a_claims, b_claims, c_claims = tuple(claims[0:3]), tuple(claims[3:5]), tuple(claims[5:6])
    with db.atomic():
        ids = [groups.create_group(db, model="test", method={"by": "hand"}) for _ in range(3)]
        for gid, members in zip(ids, (a_claims, b_claims, c_claims), strict=True):
            groups.assign(db, [(cid, gid, None) for cid in members], by="reviewer")
        groups.refresh_groups(db, ids)
    return Groups(ids[0], ids[1], ids[2], a_claims, b_claims, c_claims)


def history_rows(db: Database) -> list[dict[str, Any]]:
    rows = list(db.query("SELECT * FROM verdict_history ORDER BY id"))
    for row in rows:
        row["links"] = json.loads(row["links"])
        row["prev_links"] = json.loads(row["prev_links"])
        row.pop("at")
    return rows


def verdict_rows(db: Database) -> list[dict[str, Any]]:
    return [dict(r) for r in db.query(
        "SELECT id, group_id, claim_id, label, reviewer, note FROM verdicts ORDER BY id")]


def link_rows(db: Database) -> list[tuple[int, str, str | None]]:
    return [(r["verdict_id"], r["url"], r["title"]) for r in
            db.query("SELECT verdict_id, url, title FROM evidence_links ORDER BY id")]


@pytest.fixture
def grouped(fixture_db: Database) -> Groups:
    return build_groups(fixture_db)


@pytest.fixture
def desk_a(fixture_db: Database) -> ReviewService:
    return ReviewService(fixture_db, "desk_a")


def test_set_verdict_stores_label_note_links_and_one_history_row(
    fixture_db: Database, grouped: Groups, desk_a: ReviewService
) -> None:
    v = desk_a.set_verdict(grouped.a, "disputed", note="  checked with the ministry \n",
                          links=[EvidenceLink("https://example.org/a", " Ministry  statement"),
                                 "http://example.org/b", "https://example.org/a"])
    assert (v.label, v.reviewer, v.note, v.group_id, v.claim_id) == (
        "disputed", "desk_a", "checked with the ministry", grouped.a, None)
    assert v.links == (EvidenceLink("https://example.org/a", "Ministry statement"),
                       EvidenceLink("http://example.org/b"))
    assert desk_a.verdict(grouped.a) == v
    assert verdict_rows(fixture_db) == [{"id": 1, "group_id": grouped.a, "claim_id": None,
                                         "label": "disputed", "reviewer": "desk_a",
                                         "note": "checked with the ministry"}]
    assert link_rows(fixture_db) == [(1, "https://example.org/a", "Ministry statement"),
                                     (1, "http://example.org/b", None)]
    assert history_rows(fixture_db) == [{
        "id": 1, "group_id": grouped.a, "claim_id": None, "action": "set", "reverts": None,
        "label": "disputed", "note": "checked with the ministry",
        "links": [{"url": "https://example.org/a", "title": "Ministry statement"},
                  {"url": "http://example.org/b", "title": None}],
        "prev_label": None, "prev_note": None, "prev_links": [], "reviewer": "desk_a"}]


def test_relabel_keeps_note_and_links_and_history_records_before_and_after(
    fixture_db: Database, grouped: Groups, desk_a: ReviewService
) -> None:
    desk_a.set_verdict(grouped.a, "supported", note="n1", links=["https://x.example/1"])
    v = desk_a.set_verdict(grouped.a, "denied")
    assert (v.label, v.note, [link.url for link in v.links]) == (
        "denied", "n1", ["https://x.example/1"])
    last = history_rows(fixture_db)[-1]
    assert (last["action"], last["label"], last["prev_label"], last["note"], last["prev_note"],
            last["links"], last["prev_links"]) == (
        "set", "denied", "supported", "n1", "n1", [{"url": "https://x.example/1", "title": None}],
        [{"url": "https://x.example/1", "title": None}])
    # links=[] removes them, add_links appends, note "" removes the note
    v = desk_a.set_verdict(grouped.a, "denied", note="", links=[],
                          add_links=["https://y.example/2"])
    assert (v.note, v.links) == (None, (EvidenceLink("https://y.example/2"),))
    assert link_rows(fixture_db) == [(1, "https://y.example/2", None)]


def test_repeating_the_same_verdict_writes_no_history(
    fixture_db: Database, grouped: Groups, desk_a: ReviewService
) -> None:
    first = desk_a.set_verdict(grouped.a, "supported", note="same")
    again = desk_a.set_verdict(grouped.a, "supported", note="same")
    assert again == first
    assert len(history_rows(fixture_db)) == 1


def test_claim_verdict_overrides_group_and_clearing_keeps_evidence_until_it_is_removed(
    fixture_db: Database, grouped: Groups, desk_a: ReviewService
) -> None:
    desk_a.set_verdict(grouped.a, "supported", links=["https://g.example/"])
    claim = grouped.a_claims[1]
    own = desk_a.set_verdict(grouped.a, "denied", claim_id=claim, links=["https://c.example/"])
    assert (own.group_id, own.claim_id) == (None, claim)
    group_verdict, per_claim = desk_a.verdicts_for_group(grouped.a)
    assert group_verdict is not None and group_verdict.label == "supported"
    assert {cid: v.label for cid, v in per_claim.items()} == {claim: "denied"}
    assert desk_a.verdict(grouped.a, claim) == own
    assert [(r["group_id"], r["claim_id"], r["label"]) for r in verdict_rows(fixture_db)] == [
        (grouped.a, None, "supported"), (None, claim, "denied")]

    kept = desk_a.clear_verdict(grouped.a, claim_id=claim)
    assert kept is not None and kept.label is None
    assert desk_a.verdict(grouped.a, claim) == kept  # the label went, the link stayed
    assert [url for _, url, _ in link_rows(fixture_db)] == ["https://g.example/",
                                                            "https://c.example/"]
    link = [{"url": "https://c.example/", "title": None}]
    cleared = history_rows(fixture_db)[-1]
    assert {k: cleared[k] for k in ("action", "group_id", "claim_id", "label", "links",
                                    "prev_label", "prev_links")} == {
        "action": "clear", "group_id": None, "claim_id": claim, "label": None, "links": link,
        "prev_label": "denied", "prev_links": link}
    assert desk_a.remove_link(grouped.a, "https://c.example/", claim_id=claim) is None
    assert desk_a.verdict(grouped.a, claim) is None  # nothing left: the row is gone

    desk_a.clear_verdict(grouped.a)
    desk_a.remove_link(grouped.a, "https://g.example/")
    assert verdict_rows(fixture_db) == [] and link_rows(fixture_db) == []
    with pytest.raises(ReviewError, match="group .* has no verdict to clear"):
        desk_a.clear_verdict(grouped.a)


def test_claim_outside_the_group_and_unknown_label_are_refused(
    fixture_db: Database, grouped: Groups, desk_a: ReviewService
) -> None:
    with pytest.raises(ReviewError, match=f"claim {grouped.b_claims[0]} is not in group"):
        desk_a.set_verdict(grouped.a, "supported", claim_id=grouped.b_claims[0])
    with pytest.raises(ReviewError, match="unknown verdict 'true'"):
        desk_a.set_verdict(grouped.a, "true")
    with pytest.raises(ReviewError, match="no group with id 999"):
        desk_a.set_verdict(999, "supported")
    assert verdict_rows(fixture_db) == [] and history_rows(fixture_db) == []


def test_note_and_links_need_no_verdict_and_a_label_set_later_keeps_them(
    fixture_db: Database, grouped: Groups, desk_a: ReviewService
) -> None:
    desk_a.set_note(grouped.a, "a note")
    desk_a.add_link(grouped.a, "https://example.org/")
    desk_a.add_link(grouped.a, "https://example.org/c", claim_id=grouped.a_claims[0])
    assert [(r["group_id"], r["claim_id"], r["label"], r["note"])
            for r in verdict_rows(fixture_db)] == [(grouped.a, None, None, "a note"),
                                                   (None, grouped.a_claims[0], None, None)]
    verdict = desk_a.set_verdict(grouped.a, "supported")
    assert (verdict.label, verdict.note, [x.url for x in verdict.links]) == (
        "supported", "a note", ["https://example.org/"])


def test_set_note_replaces_and_blank_note_clears(
    fixture_db: Database, grouped: Groups, desk_a: ReviewService
) -> None:
    desk_a.set_verdict(grouped.b, "disputed")
    assert desk_a.set_note(grouped.b, "  two sources disagree ").note == "two sources disagree"
    assert desk_a.set_note(grouped.b, " \n\t ").note is None
    notes = [(r["prev_note"], r["note"]) for r in history_rows(fixture_db)]
    assert notes == [(None, None), (None, "two sources disagree"), ("two sources disagree", None)]


def test_add_edit_remove_links(fixture_db: Database, grouped: Groups, desk_a: ReviewService) -> None:
    desk_a.set_verdict(grouped.a, "supported")
    desk_a.add_link(grouped.a, " https://one.example/a ", "One")
    desk_a.add_link(grouped.a, "https://two.example/b")
    v = desk_a.add_link(grouped.a, "https://one.example/a", "One, retitled")
    assert v.links == (EvidenceLink("https://one.example/a", "One, retitled"),
                       EvidenceLink("https://two.example/b"))
    v = desk_a.edit_link(grouped.a, "https://one.example/a", "https://one.example/c")
    assert v.links[0] == EvidenceLink("https://one.example/c", "One, retitled")
    with pytest.raises(ReviewError, match="already a link"):
        desk_a.edit_link(grouped.a, "https://one.example/c", "https://two.example/b")
    with pytest.raises(ReviewError, match="only http and https"):
        desk_a.edit_link(grouped.a, "https://one.example/c", "ftp://one.example/c")
    with pytest.raises(ReviewError, match="has no link"):
        desk_a.remove_link(grouped.a, "https://nowhere.example/")
    v = desk_a.remove_link(grouped.a, "https://two.example/b")
    assert v.links == (EvidenceLink("https://one.example/c", "One, retitled"),)
    assert link_rows(fixture_db) == [(1, "https://one.example/c", "One, retitled")]
    assert [r["action"] for r in history_rows(fixture_db)] == ["set"] * 6


def test_invalid_link_stores_nothing(fixture_db: Database, grouped: Groups,
                                     desk_a: ReviewService) -> None:
    with pytest.raises(ReviewError, match="only http and https"):
        desk_a.set_verdict(grouped.a, "supported", links=["https://ok.example/", "javascript:x"])
    assert verdict_rows(fixture_db) == [] and history_rows(fixture_db) == []


def test_verdicts_json_for_many_groups(fixture_db: Database, grouped: Groups,
                                       desk_a: ReviewService) -> None:
    desk_a.set_verdict(grouped.a, "supported", note="n", links=[EvidenceLink("https://a.example/",
                                                                            "A")])
    desk_a.set_verdict(grouped.b, "denied", claim_id=grouped.b_claims[1])
    out = verdicts_json(fixture_db, [grouped.a, grouped.b, grouped.c])
    assert list(out) == [grouped.a, grouped.b, grouped.c]
    a = out[grouped.a]["verdict"]
    assert {k: a[k] for k in ("label", "reviewer", "note", "links")} == {
        "label": "supported", "reviewer": "desk_a", "note": "n",
        "links": [{"url": "https://a.example/", "title": "A"}]}
    assert out[grouped.a]["claim_verdicts"] == {}
    assert out[grouped.b]["verdict"] is None
    assert list(out[grouped.b]["claim_verdicts"]) == [grouped.b_claims[1]]
    assert out[grouped.b]["claim_verdicts"][grouped.b_claims[1]]["label"] == "denied"
    assert out[grouped.c] == {"verdict": None, "claim_verdicts": {}}
    assert verdict_json(fixture_db, grouped.b) == out[grouped.b]
    json.dumps(out)  # serialisable as is


def test_reviewer_name_is_required(fixture_db: Database) -> None:
    with pytest.raises(ReviewError, match="reviewer name is required"):
        ReviewService(fixture_db, "   ")
