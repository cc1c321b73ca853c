"""Undo and redo, derived from verdict_history: per reviewer, across restarts."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from tests.unit.test_review_service import Groups, build_groups, history_rows
from workbench.review import ReviewError, ReviewService
from workbench.store import groups, open_store


@pytest.fixture
def grouped(fixture_db: Database) -> Groups:
    return build_groups(fixture_db)


def label(service: ReviewService, group_id: int, claim_id: int | None = None) -> str | None:
    v = service.verdict(group_id, claim_id)
    return v.label if v else None


def test_undo_undo_redo_then_a_new_action_empties_the_redo_stack(
    fixture_db: Database, grouped: Groups
) -> None:
    desk_a = ReviewService(fixture_db, "desk_a")
    assert desk_a.undo() is None and desk_a.redo() is None
    desk_a.set_verdict(grouped.a, "supported")
    desk_a.set_verdict(grouped.a, "denied", note="no evidence")

    assert desk_a.undo() == f"undid group {grouped.a}: denied, note → supported"
    assert label(desk_a, grouped.a) == "supported"
    assert desk_a.undo() == f"undid group {grouped.a}: supported → no verdict"
    assert desk_a.verdict(grouped.a) is None
    assert desk_a.undo() is None

    assert desk_a.redo() == f"redid group {grouped.a}: no verdict → supported"
    assert label(desk_a, grouped.a) == "supported"
    assert desk_a.can_redo()

    desk_a.set_verdict(grouped.b, "disputed")  # a fresh action
    assert desk_a.redo() is None and not desk_a.can_redo()
    assert label(desk_a, grouped.a) == "supported"

    actions = [(r["id"], r["action"], r["reverts"], r["prev_label"], r["label"])
               for r in history_rows(fixture_db)]
    assert actions == [
        (1, "set", None, None, "supported"),
        (2, "set", None, "supported", "denied"),
        (3, "undo", 2, "denied", "supported"),
        (4, "undo", 1, "supported", None),
        (5, "redo", 4, None, "supported"),
        (6, "set", None, None, "disputed"),
    ]
    # The undo stack now holds the redo and the fresh action, newest first.
    assert desk_a.undo() == f"undid group {grouped.b}: disputed → no verdict"
    assert desk_a.undo() == f"undid group {grouped.a}: supported → no verdict"
    assert desk_a.undo() is None


def test_undo_restores_note_and_links_and_a_redo_can_be_undone(
    fixture_db: Database, grouped: Groups
) -> None:
    desk_a = ReviewService(fixture_db, "desk_a")
    desk_a.set_verdict(grouped.a, "supported", note="first", links=["https://a.example/"])
    desk_a.add_link(grouped.a, "https://b.example/", "B")
    desk_a.set_note(grouped.a, "")
    g = f"group {grouped.a}"
    assert desk_a.undo() == f"undid {g}: supported, 2 links → supported, 2 links, note"
    assert desk_a.undo() == f"undid {g}: supported, 2 links, note → supported, 1 link, note"
    v = desk_a.verdict(grouped.a)
    assert v is not None and (v.note, [x.url for x in v.links]) == ("first",
                                                                    ["https://a.example/"])
    assert desk_a.redo() is not None
    v = desk_a.verdict(grouped.a)
    assert v is not None and [(x.url, x.title) for x in v.links] == [
        ("https://a.example/", None), ("https://b.example/", "B")]
    assert desk_a.undo() is not None  # undoes the redo
    v = desk_a.verdict(grouped.a)
    assert v is not None and len(v.links) == 1
    assert desk_a.redo() is not None and desk_a.redo() is not None
    v = desk_a.verdict(grouped.a)
    assert v is not None and v.note is None and len(v.links) == 2


def test_undo_survives_a_restart(db_path: Path, fixture_db: Database, grouped: Groups) -> None:
    first = ReviewService(fixture_db, "desk_a")
    first.set_verdict(grouped.a, "supported")
    first.set_verdict(grouped.a, "disputed", claim_id=grouped.a_claims[0])
    first.set_verdict(grouped.b, "denied")
    assert first.undo() is not None
    fixture_db.conn.close()

    reopened = open_store(db_path)
    again = ReviewService(reopened, "desk_a")
    assert again.redo() == f"redid group {grouped.b}: no verdict → denied"
    assert again.undo() == f"undid group {grouped.b}: denied → no verdict"
    assert again.undo() == f"undid claim {grouped.a_claims[0]}: disputed → no verdict"
    assert label(again, grouped.a) == "supported"


def test_two_reviewers_undo_only_their_own_work(fixture_db: Database, grouped: Groups) -> None:
    desk_a = ReviewService(fixture_db, "desk_a")
    desk_b = ReviewService(fixture_db, "desk_b")
    desk_a.set_verdict(grouped.a, "supported")
    desk_b.set_verdict(grouped.b, "denied")
    desk_a.set_verdict(grouped.c, "disputed")

    assert desk_b.undo() == f"undid group {grouped.b}: denied → no verdict"
    assert label(desk_a, grouped.c) == "disputed" and label(desk_a, grouped.a) == "supported"
    assert desk_b.undo() is None
    assert desk_a.undo() == f"undid group {grouped.c}: disputed → no verdict"
    assert desk_a.redo() is not None
    assert desk_b.redo() == f"redid group {grouped.b}: no verdict → denied"
    assert [r["reviewer"] for r in history_rows(fixture_db)] == [
        "desk_a", "desk_b", "desk_a", "desk_b", "desk_a", "desk_a", "desk_b"]


def test_undo_never_overwrites_a_later_change_by_someone_else(
    fixture_db: Database, grouped: Groups
) -> None:
    desk_a = ReviewService(fixture_db, "desk_a")
    desk_b = ReviewService(fixture_db, "desk_b")
    desk_a.set_verdict(grouped.b, "supported")
    desk_a.set_verdict(grouped.a, "supported")
    desk_b.set_verdict(grouped.a, "denied", note="desk_b's call")
    # desk_a's change to group a was overtaken by desk_b's: undo names it and
    # refuses, and only an explicit skip passes over it to the older change.
    assert desk_a.undo_preview() == (f"group {grouped.a}: supported → no verdict (blocked: "
                                     f"the verdict on group {grouped.a} was changed since by "
                                     "desk_b)")
    with pytest.raises(ReviewError, match=f"cannot undo group {grouped.a}: .*nothing was undone"):
        desk_a.undo()
    assert label(desk_a, grouped.b) == "supported"
    assert desk_a.undo(skip_blocked=True) == f"undid group {grouped.b}: supported → no verdict"
    assert label(desk_a, grouped.a) == "denied"
    assert not desk_a.can_undo() and desk_a.undo() is None
    # desk_b's undo restores desk_a's verdict, still credited to desk_a.
    before = desk_a.verdict(grouped.a)
    assert desk_b.undo() == f"undid group {grouped.a}: denied, note → supported"
    restored = desk_a.verdict(grouped.a)
    assert restored is not None and before is not None
    first = history_rows(fixture_db)[1]
    assert (restored.label, restored.reviewer, restored.note) == ("supported", "desk_a", None)
    assert restored.decided_at == fixture_db.execute(
        "SELECT at FROM verdict_history WHERE id = ?", [first["id"]]).fetchone()[0]


def test_undo_refuses_a_change_to_a_group_merged_away_until_skipped(
    fixture_db: Database, grouped: Groups
) -> None:
    desk_a = ReviewService(fixture_db, "desk_a")
    desk_a.set_verdict(grouped.a, "supported")
    desk_a.set_verdict(grouped.b, "denied")
    groups.merge(fixture_db, grouped.a, grouped.b, "desk_b")  # both judged: b is merged into a
    with pytest.raises(ReviewError, match=f"group {grouped.b} was merged into group {grouped.a}"):
        desk_a.undo()
    assert desk_a.undo(skip_blocked=True) == f"undid group {grouped.a}: supported → no verdict"
    assert desk_a.undo() is None
    assert desk_a.verdict(grouped.b) is not None  # the merged group's record is left alone
