"""Export and import of the review desk's states: not_checkable, evidence-only
verdicts (label null) and each group's published text; ClaimReview leaves the
undecided and the not checkable out and says how many."""

from __future__ import annotations

import io
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tests.unit.test_exchange_export import Reviewed, build_reviewed, export_json, validate
from tests.unit.test_exchange_import import without_stamp
from workbench.exchange import export_to_file
from workbench.exchange.export import export_file, make_options, write_export
from workbench.exchange.importer import import_file
from workbench.exchange.ratings import RatingMapError, load_scale, scale_from
from workbench.exchange.reader import ImportFileError
from workbench.review import ReviewError, ReviewService
from workbench.store import open_store

PUBLISHED = "Indonesia's rice imports doubled in 2023"
CLAIMREVIEW = {"publisher": "Cek Fakta", "url_template": "https://cek.example/{group_id}"}


@dataclass(frozen=True)
class Desk:
    ids: dict[str, int]
    claims: dict[str, tuple[int, ...]]


def build_desk(db: Database) -> Desk:
    """The exchange fixture plus the desk's states: a (disputed) gets a published
    text, b (supported) becomes not_checkable, c gets evidence on the group next to
    its claim verdict, e holds evidence only (on the group and on a claim)."""
    reviewed: Reviewed = build_reviewed(db)
    ids, claims = reviewed.ids, reviewed.claims
    desk = ReviewService(db, "desk_a")
    with db.atomic():  # what the reviewer's published-text edit stores
        db.execute("UPDATE claim_groups SET published_text = ? WHERE id = ?",
                   [PUBLISHED, ids["a"]])
    desk.set_verdict(ids["b"], "not_checkable", note="a forecast, nothing to check yet")
    desk.set_note(ids["c"], "waiting for the customs figures")
    desk.set_note(ids["e"], "two outlets, one source")
    desk.add_link(ids["e"], "https://bps.example/table", "BPS table")
    desk.add_link(ids["e"], "https://outlet.example/story", claim_id=claims["e"][0])
    return Desk(ids, claims)


@pytest.fixture
def desk(fixture_db: Database) -> Desk:
    return build_desk(fixture_db)


def by_id(groups: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    return {g["id"]: g for g in groups}


def test_json_export_carries_not_checkable_evidence_only_and_published_text(
    fixture_db: Database, desk: Desk, tmp_path: Path
) -> None:
    doc = export_json(fixture_db, tmp_path)
    validate(doc)
    groups = by_id(doc["groups"])
    ids = desk.ids
    assert groups[ids["a"]]["published_text"] == PUBLISHED
    assert groups[ids["d"]]["published_text"] is None
    assert groups[ids["b"]]["verdict"]["label"] == "not_checkable"
    assert {k: groups[ids["c"]]["verdict"][k] for k in ("label", "note", "links")} == {
        "label": None, "note": "waiting for the customs figures", "links": []}
    e = groups[ids["e"]]
    assert (e["verdict"]["label"], e["verdict"]["links"]) == (
        None, [{"url": "https://bps.example/table", "title": "BPS table"}])
    assert [(v["claim_id"], v["label"]) for v in e["claim_verdicts"]] == [
        (desk.claims["e"][0], None)]
    assert [(h["label"], h["note"]) for h in e["history"]][0] == (
        None, "two outlets, one source")


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_round_trip_through_an_empty_database_keeps_every_state(
    fixture_db: Database, desk: Desk, tmp_path: Path, fmt: str
) -> None:
    first = export_to_file(fixture_db, tmp_path / f"first.{fmt}", fmt)
    fresh = open_store(tmp_path / "fresh.db")
    report = import_file(fresh, first)
    assert report.conflicts == [] and report.notes == []
    again = export_to_file(fresh, tmp_path / f"again.{fmt}", fmt)
    assert without_stamp(again) == without_stamp(first)
    assert fresh.execute("SELECT published_text FROM claim_groups WHERE id = ?",
                         [desk.ids["a"]]).fetchone()[0] == PUBLISHED
    assert import_file(fresh, first).count("verdicts added") == 0  # a second time: nothing new


def test_an_export_without_the_new_fields_still_imports(
    fixture_db: Database, desk: Desk, tmp_path: Path
) -> None:
    doc = export_json(fixture_db, tmp_path)
    for group in doc["groups"]:
        del group["published_text"]  # what an export made before the field existed
    old = tmp_path / "old.json"
    old.write_text(json.dumps(doc), encoding="utf-8")
    fresh = open_store(tmp_path / "fresh.db")
    assert import_file(fresh, old).count("groups added") == 5
    assert fresh.execute("SELECT count(*) FROM claim_groups WHERE published_text IS NOT NULL"
                         ).fetchone()[0] == 0


def test_a_matched_group_takes_their_published_text_only_where_it_has_none(
    fixture_db: Database, desk: Desk, tmp_path: Path
) -> None:
    theirs = export_to_file(fixture_db, tmp_path / "theirs.json", "json")
    a = desk.ids["a"]

    def local_text() -> str | None:
        return fixture_db.execute("SELECT published_text FROM claim_groups WHERE id = ?",
                                  [a]).fetchone()[0]

    with fixture_db.atomic():
        fixture_db.execute("UPDATE claim_groups SET published_text = NULL WHERE id = ?", [a])
    assert import_file(fixture_db, theirs).notes == []
    assert local_text() == PUBLISHED
    with fixture_db.atomic():
        fixture_db.execute("UPDATE claim_groups SET published_text = 'Ours' WHERE id = ?", [a])
    report = import_file(fixture_db, theirs)
    assert local_text() == "Ours"
    assert report.notes == [f"group {a}: kept the local published text; the file's is "
                            f"{PUBLISHED!r}"]


def test_an_evidence_only_verdict_with_no_evidence_is_refused(
    fixture_db: Database, desk: Desk, tmp_path: Path
) -> None:
    doc = export_json(fixture_db, tmp_path)
    e = by_id(doc["groups"])[desk.ids["e"]]
    e["verdict"] = {**e["verdict"], "note": "  ", "links": []}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    fresh = open_store(tmp_path / "fresh.db")
    with pytest.raises(ImportFileError, match=r"groups\[4\]\.verdict"):
        import_file(fresh, bad)
    assert fresh.execute("SELECT count(*) FROM verdicts").fetchone()[0] == 0


def test_imported_evidence_joins_a_local_label_without_a_conflict(
    fixture_db: Database, desk: Desk, tmp_path: Path
) -> None:
    theirs = export_to_file(fixture_db, tmp_path / "theirs.json", "json")
    # Locally, group e was meanwhile judged; their evidence joins the local label.
    local = tmp_path / "local.db"
    fresh = open_store(local)
    import_file(fresh, theirs)
    ReviewService(fresh, "desk_b").set_verdict(desk.ids["e"], "denied", note=None)
    ReviewService(fresh, "desk_b").remove_link(desk.ids["e"], "https://bps.example/table")
    report = import_file(fresh, theirs)
    assert report.conflicts == []
    verdict = ReviewService(fresh, "desk_b").verdict(desk.ids["e"])
    assert verdict is not None and (verdict.label, [x.url for x in verdict.links]) == (
        "denied", ["https://bps.example/table"])


def test_filters_treat_evidence_as_unreviewed_and_select_not_checkable(
    fixture_db: Database, desk: Desk, tmp_path: Path
) -> None:
    ids = desk.ids
    reviewed = export_json(fixture_db, tmp_path, reviewed_only=True)
    assert sorted(g["id"] for g in reviewed["groups"]) == sorted(
        [ids["a"], ids["b"], ids["c"], ids["d"]])  # c by its claim verdict; e has evidence only
    only = export_json(fixture_db, tmp_path, verdicts=["not_checkable"])
    assert [g["id"] for g in only["groups"]] == [ids["b"]]
    assert only["filters"]["verdicts"] == ["not_checkable"]
    validate(only)


def test_claimreview_leaves_out_not_checkable_and_unlabelled_groups_and_says_so(
    fixture_db: Database, desk: Desk, tmp_path: Path
) -> None:
    options = make_options("claimreview", **CLAIMREVIEW)
    summary = export_file(fixture_db, tmp_path / "cr.json", "claimreview", options)
    items = json.loads((tmp_path / "cr.json").read_text(encoding="utf-8"))
    assert sorted(item["url"] for item in items) == sorted(
        f"https://cek.example/{desk.ids[k]}" for k in ("a", "d"))
    assert summary.left_out == (("not checkable", 1), ("with evidence but no label", 2))
    assert summary.left_out_line() == ("left out 3 groups: 1 not checkable, "
                                       "2 with evidence but no label")
    a = next(i for i in items if i["url"].endswith(f"/{desk.ids['a']}"))
    assert a["claimReviewed"] == PUBLISHED
    assert a["reviewRating"]["alternateName"] == "Misleading"  # disputed, not turned round
    # asked for not_checkable only: nothing to publish, and the summary says why
    only = make_options("claimreview", verdicts=("not_checkable",), **CLAIMREVIEW)
    out = io.StringIO()
    assert write_export(fixture_db, out, "claimreview", only).left_out == (
        ("not checkable", 1),)
    assert json.loads(out.getvalue()) == []


def test_rating_maps_need_no_rating_for_not_checkable_and_refuse_one(tmp_path: Path) -> None:
    scale = load_scale(None, env={})
    assert set(scale.ratings) == {"supported", "disputed", "denied"}
    assert scale_from({"denied": {"name": "Salah", "value": 1}}).of("denied").name == "Salah"
    with pytest.raises(RatingMapError, match="not_checkable has no rating"):
        scale_from({"not_checkable": {"name": "Unrated", "value": 3}})


# -- property: whatever states reviewers leave, json and jsonl carry them both ways ----

TEXTS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
CHANGES = st.lists(st.tuples(
    st.sampled_from(("set", "clear", "note", "link", "unlink")),
    st.sampled_from(("a", "b", "c", "d", "e")),  # which group
    st.booleans(),  # on its first claim instead of the group
    st.sampled_from(("supported", "disputed", "denied", "not_checkable")),
    TEXTS,  # a note, or a link title
    st.sampled_from(("https://x.example/1", "http://y.example/2?q=1")),
), max_size=10)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=CHANGES, fmt=st.sampled_from(("json", "jsonl")))
def test_random_desk_states_round_trip_through_an_empty_database(
    fixture_db: Database, template: tuple[Path, Reviewed], changes: list[Any], fmt: str
) -> None:
    folder, reviewed = template
    for name in ("start.db", "fresh.db"):
        (folder / name).unlink(missing_ok=True)
    target = sqlite3.connect(folder / "start.db")
    fixture_db.conn.backup(target)
    target.close()
    db = open_store(folder / "start.db")
    desk = ReviewService(db, "desk_a")
    for op, name, on_claim, label, text, url in changes:
        gid = reviewed.ids[name]
        where = {"claim_id": reviewed.claims[name][0] if on_claim else None}
        try:
            if op == "set":
                desk.set_verdict(gid, label, **where)
            elif op == "clear":
                desk.clear_verdict(gid, **where)
            elif op == "note":
                desk.set_note(gid, text, **where)
            elif op == "link":
                desk.add_link(gid, url, text, **where)
            else:
                desk.remove_link(gid, url, **where)
        except ReviewError:
            pass  # refused (nothing to clear, no such link): nothing changed
    first = export_to_file(db, folder / f"first.{fmt}", fmt)
    fresh = open_store(folder / "fresh.db")
    assert import_file(fresh, first).conflicts == []
    again = export_to_file(fresh, folder / f"again.{fmt}", fmt)
    assert without_stamp(again) == without_stamp(first)
    db.conn.close()
    fresh.conn.close()


@pytest.fixture
def template(fixture_db: Database, tmp_path: Path) -> tuple[Path, Reviewed]:
    reviewed = build_reviewed(fixture_db)
    fixture_db.conn.commit()
    return tmp_path, reviewed
