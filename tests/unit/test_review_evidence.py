"""Evidence first and "not checkable", on a real database.

Notes and links go on a group or a claim before any decision (a verdict row
with no label); a label set later keeps them, clearing the label keeps them,
and a row with nothing left is deleted. Evidence alone decides nothing: the
group stays to review, confirms nothing and covers no claim. not_checkable is
a decision like the other labels (it leaves the to-review count).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tests.unit.test_review_service import Groups, build_groups, history_rows, link_rows
from workbench.review import ReviewError, ReviewService
from workbench.store import groups, open_store, queue, since_verdict
from workbench.store.verdicts import desk_counts


@pytest.fixture
def grouped(fixture_db: Database) -> Groups:
    return build_groups(fixture_db)


@pytest.fixture
def desk(fixture_db: Database) -> ReviewService:
    return ReviewService(fixture_db, "desk_a")


def rows(db: Database) -> list[tuple[int | None, int | None, str | None, str | None]]:
    return [(r["group_id"], r["claim_id"], r["label"], r["note"])
            for r in db.query("SELECT * FROM verdicts ORDER BY id")]


def test_note_and_link_on_a_group_and_a_claim_with_no_verdict_then_a_label_keeps_them(
    fixture_db: Database, grouped: Groups, desk: ReviewService
) -> None:
    claim = grouped.a_claims[1]
    first = desk.set_note(grouped.a, "  ministry data pending ")
    assert first is not None and (first.label, first.note) == (None, "ministry data pending")
    desk.add_link(grouped.a, "https://bps.example/rice", "BPS rice prices")
    desk.add_link(grouped.a, "https://claim.example/1", claim_id=claim)
    desk.set_note(grouped.a, "speaker's own figure", claim_id=claim)
    assert rows(fixture_db) == [(grouped.a, None, None, "ministry data pending"),
                                (None, claim, None, "speaker's own figure")]
    # history holds the evidence-only state: label NULL with a note is not "no verdict"
    first_row = history_rows(fixture_db)[0]
    assert (first_row["action"], first_row["label"], first_row["note"],
            first_row["prev_label"], first_row["prev_note"]) == (
        "set", None, "ministry data pending", None, None)
    # evidence decides nothing: both groups' counts say "to review"
    assert queue.progress(fixture_db) == (0, 3)
    assert desk_counts(fixture_db).evidence_only == 1

    group_verdict = desk.set_verdict(grouped.a, "disputed")
    claim_verdict = desk.set_verdict(grouped.a, "supported", claim_id=claim)
    assert (group_verdict.label, group_verdict.note, [x.url for x in group_verdict.links]) == (
        "disputed", "ministry data pending", ["https://bps.example/rice"])
    assert (claim_verdict.label, claim_verdict.note, [x.url for x in claim_verdict.links]) == (
        "supported", "speaker's own figure", ["https://claim.example/1"])
    assert queue.progress(fixture_db) == (1, 3)


def test_clear_keeps_the_evidence_and_removing_the_last_of_it_deletes_the_row(
    fixture_db: Database, grouped: Groups, desk: ReviewService
) -> None:
    desk.set_verdict(grouped.b, "denied", note="denied by the agency",
                     links=["https://agency.example/statement"])
    left = desk.clear_verdict(grouped.b)
    assert left is not None and (left.label, left.note, [x.url for x in left.links]) == (
        None, "denied by the agency", ["https://agency.example/statement"])
    assert rows(fixture_db) == [(grouped.b, None, None, "denied by the agency")]
    assert history_rows(fixture_db)[-1]["action"] == "clear"
    with pytest.raises(ReviewError, match="has no verdict to clear; nothing changed"):
        desk.clear_verdict(grouped.b)
    assert desk.set_note(grouped.b, "") is not None  # the link still holds the row
    assert desk.remove_link(grouped.b, "https://agency.example/statement") is None
    assert rows(fixture_db) == [] and link_rows(fixture_db) == []
    last = history_rows(fixture_db)[-1]
    assert (last["action"], last["label"], last["note"], last["links"]) == (
        "clear", None, None, [])
    with pytest.raises(ReviewError, match="has no link 'https://agency.example/statement'; "
                                          "nothing changed"):
        desk.remove_link(grouped.b, "https://agency.example/statement")


def test_a_blank_note_on_no_verdict_writes_nothing(
    fixture_db: Database, grouped: Groups, desk: ReviewService
) -> None:
    assert desk.set_note(grouped.c, "   ") is None
    assert rows(fixture_db) == [] and history_rows(fixture_db) == []


def test_not_checkable_is_decided_and_typed_either_way(
    fixture_db: Database, grouped: Groups, desk: ReviewService
) -> None:
    desk.set_verdict(grouped.a, "not_checkable")
    desk.set_verdict(grouped.b, "Not-Checkable", note="an opinion, nothing to check")
    desk.set_note(grouped.c, "still reading")
    assert [r[2] for r in rows(fixture_db)] == ["not_checkable", "not_checkable", None]
    assert queue.progress(fixture_db) == (2, 3)
    counts = desk_counts(fixture_db)
    assert (counts.groups, counts.decided, counts.to_review, counts.evidence_only,
            counts.labels) == (3, 2, 1, 1, {"not_checkable": 2})
    with pytest.raises(ReviewError, match="unknown verdict 'uncheckable'"):
        desk.set_verdict(grouped.c, "uncheckable")


def test_evidence_alone_confirms_nothing_and_a_fresh_label_covers_new_claims(
    fixture_db: Database, grouped: Groups, desk: ReviewService
) -> None:
    desk.add_link(grouped.a, "https://example.org/source")
    assert grouped.a not in since_verdict.judged_groups(fixture_db)
    with pytest.raises(ReviewError, match="has no verdict: nothing to confirm"):
        desk.confirm(grouped.a)
    # a claim flagged new (as a grouping run would) does not count under evidence alone
    since_verdict.mark_new(fixture_db, [grouped.a_claims[2]])
    fixture_db.conn.commit()
    assert desk.new_since_verdict(grouped.a) == []
    # the first label judges every claim the group holds: the flag is cleared
    desk.set_verdict(grouped.a, "supported")
    assert desk.new_since_verdict(grouped.a) == []
    assert fixture_db.execute("SELECT new_since_verdict FROM group_members WHERE claim_id = ?",
                              [grouped.a_claims[2]]).fetchone()[0] == 0
    assert grouped.a in since_verdict.judged_groups(fixture_db)


def test_evidence_does_not_protect_claims_from_regrouping_but_keeps_an_emptied_group(
    fixture_db: Database, grouped: Groups, desk: ReviewService
) -> None:
    desk.set_note(grouped.c, "evidence only")
    desk.set_verdict(grouped.b, "not_checkable")
    judged = groups.judged_claims(fixture_db)
    assert set(grouped.b_claims) <= judged and not set(grouped.c_claims) & judged
    # the group's claim moves away (as a regrouping would): the evidence keeps the group
    with fixture_db.atomic():
        groups.assign(fixture_db, [(grouped.c_claims[0], grouped.a, None)])
        groups.refresh_groups(fixture_db, [grouped.a, grouped.c])
    assert fixture_db.execute("SELECT count(*) FROM claim_groups WHERE id = ?",
                              [grouped.c]).fetchone()[0] == 1
    assert desk.verdict(grouped.c) is not None


def test_a_second_reviewer_setting_the_same_label_leaves_a_history_row(
    fixture_db: Database, grouped: Groups, desk: ReviewService
) -> None:
    desk.set_verdict(grouped.a, "denied")
    desk.set_verdict(grouped.a, "denied")  # the same reviewer again: nothing to record
    ReviewService(fixture_db, "desk_b").set_verdict(grouped.a, "denied")
    assert [(r["reviewer"], r["label"], r["prev_label"]) for r in history_rows(fixture_db)] == [
        ("desk_a", "denied", None), ("desk_b", "denied", "denied")]


# -- property: random sequences of evidence and label changes ---------------------------

URLS = ("https://a.example/1", "https://b.example/2", "http://c.example/3")
OPS = st.one_of(
    st.tuples(st.just("set"), st.sampled_from(("supported", "disputed", "denied",
                                               "not_checkable", "not-checkable"))),
    st.tuples(st.just("clear"), st.none()),
    st.tuples(st.just("note"), st.sampled_from(("", "  ", "checked", "called the ministry"))),
    st.tuples(st.just("link"), st.sampled_from(URLS)),
    st.tuples(st.just("unlink"), st.sampled_from(URLS)),
)
STEPS = st.lists(st.tuples(OPS, st.booleans()), max_size=12)  # (operation, on the claim?)


@pytest.fixture
def template(fixture_db: Database, tmp_path: Path) -> tuple[Path, Groups]:
    """A grouped database on disk that each example copies afresh."""
    found = build_groups(fixture_db)
    fixture_db.conn.commit()
    return tmp_path, found


def state(db: Database) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    verdicts = [tuple(r) for r in db.execute(
        "SELECT group_id, claim_id, label, note FROM verdicts ORDER BY group_id, claim_id")]
    links = [tuple(r) for r in db.execute(
        "SELECT v.group_id, v.claim_id, l.url, l.title FROM evidence_links l "
        "JOIN verdicts v ON v.id = l.verdict_id ORDER BY l.id")]
    return verdicts, links


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_random_changes_never_leave_an_empty_row_and_undo_restores_the_start(
    fixture_db: Database, template: tuple[Path, Groups], steps: list[tuple[tuple[str, str | None],
                                                                           bool]]
) -> None:
    folder, found = template
    copy = folder / "example.db"
    copy.unlink(missing_ok=True)
    target = sqlite3.connect(copy)
    fixture_db.conn.backup(target)
    target.close()
    db = open_store(copy)
    desk = ReviewService(db, "desk_a")
    desk.set_verdict(found.b, "supported", note="before the example")  # a start that is not empty
    start = state(db)
    claim = found.a_claims[0]
    changes = 0
    for (op, arg), on_claim in steps:
        where = {"claim_id": claim if on_claim else None}
        before = state(db)
        try:
            if op == "set":
                desk.set_verdict(found.a, str(arg), **where)
            elif op == "clear":
                desk.clear_verdict(found.a, **where)
            elif op == "note":
                desk.set_note(found.a, arg, **where)
            elif op == "link":
                desk.add_link(found.a, str(arg), **where)
            else:
                desk.remove_link(found.a, str(arg), **where)
        except ReviewError:
            assert state(db) == before  # a refusal changes nothing
        changes += state(db) != before
        empty = db.execute("""SELECT count(*) FROM verdicts v WHERE v.label IS NULL
                              AND v.note IS NULL AND NOT EXISTS (
                                  SELECT 1 FROM evidence_links l WHERE l.verdict_id = v.id)""")
        assert empty.fetchone()[0] == 0
    for _ in range(changes):
        assert desk.undo() is not None
    assert state(db) == start
    db.conn.close()
