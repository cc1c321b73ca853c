"""Corrections on a real database: each lands in its table and in `corrections`,
each is undone and redone exactly, and bad input changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from tests.unit.test_review_service import Groups, build_groups
from workbench.review import ReviewError, ReviewService
from workbench.review.corrections import MAX_PUBLISHED_TEXT, MAX_SPEAKER, Corrections
from workbench.store import groups, open_store, queue
from workbench.store.connection import open_read_only
from workbench.store.groups import GroupError


@pytest.fixture
def grouped(fixture_db: Database) -> Groups:
    return build_groups(fixture_db)


@pytest.fixture
def fix(fixture_db: Database) -> Corrections:
    return Corrections(fixture_db, "desk_a")


@pytest.fixture
def review(fixture_db: Database) -> ReviewService:
    return ReviewService(fixture_db, "desk_a")


def snapshot(db: Database) -> dict[str, Any]:
    """Everything a correction or verdict may change, to compare whole states."""
    def rows(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in db.execute(sql).fetchall()]
    return {
        "members": rows("SELECT claim_id, group_id, assigned_by, similarity, new_since_verdict, "
                        "assigned_at FROM group_members ORDER BY claim_id"),
        "groups": rows("SELECT id, merged_into, published_text, representative_claim_id "
                       "FROM claim_groups ORDER BY id"),
        "claims": rows("SELECT id, speaker, stance FROM claims ORDER BY id"),
        "overrides": rows("SELECT kind, group_id, other_group_id, claim_id FROM group_overrides "
                          "ORDER BY id"),
        "verdicts": rows("SELECT group_id, claim_id, label, note FROM verdicts ORDER BY id"),
        "links": rows("SELECT v.group_id, v.claim_id, e.url FROM evidence_links e "
                      "JOIN verdicts v ON v.id = e.verdict_id ORDER BY e.id"),
    }


def corrections(db: Database) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in db.execute(
        "SELECT action, reverts, group_id, claim_id, reviewer FROM corrections ORDER BY id")]


def claim(db: Database, claim_id: int) -> tuple[str | None, str]:
    row = db.execute("SELECT speaker, stance FROM claims WHERE id = ?", [claim_id]).fetchone()
    return row[0], row[1]


def member(db: Database, claim_id: int) -> tuple[Any, ...]:
    return tuple(db.execute("SELECT group_id, assigned_by, similarity, new_since_verdict "
                            "FROM group_members WHERE claim_id = ?", [claim_id]).fetchone())


# -- edits ---------------------------------------------------------------------------


def test_speaker_edit_lands_registers_the_name_and_undoes_and_redoes(
    fixture_db: Database, grouped: Groups, fix: Corrections, review: ReviewService
) -> None:
    cid = grouped.a_claims[0]
    old = claim(fixture_db, cid)
    line = fix.edit_speaker(cid, "  Sri\u200b Mulyani\u202e  Indrawati ")
    assert claim(fixture_db, cid) == ("Sri Mulyani Indrawati", old[1])
    assert line.startswith(f"speaker of claim {cid}: ") and "'Sri Mulyani Indrawati'" in line
    assert fixture_db.execute("SELECT canonical FROM speakers WHERE name = ?",
                              ["Sri Mulyani Indrawati"]).fetchone() is not None
    assert corrections(fixture_db) == [("speaker", None, None, cid, "desk_a")]
    assert review.undo_preview() == line
    assert review.undo() == f"undid {line}"
    assert claim(fixture_db, cid) == old
    assert review.redo() == f"redid {line}"
    assert claim(fixture_db, cid)[0] == "Sri Mulyani Indrawati"
    assert [r[:2] for r in corrections(fixture_db)] == [("speaker", None), ("undo", 1),
                                                         ("redo", 2)]


def test_blank_speaker_means_no_speaker_and_the_same_speaker_writes_nothing(
    fixture_db: Database, grouped: Groups, fix: Corrections, review: ReviewService
) -> None:
    cid = grouped.b_claims[0]
    fix.edit_speaker(cid, " \t ")
    assert claim(fixture_db, cid)[0] is None
    assert "nothing was changed" in fix.edit_speaker(cid, "")
    assert len(corrections(fixture_db)) == 1
    review.undo()
    assert claim(fixture_db, cid)[0] is not None


def test_stance_edit_and_unknown_stance(
    fixture_db: Database, grouped: Groups, fix: Corrections, review: ReviewService
) -> None:
    cid = grouped.a_claims[1]
    old = claim(fixture_db, cid)[1]
    new = "denies" if old != "denies" else "disputes"
    assert fix.edit_stance(cid, new.upper()) == f"stance of claim {cid}: {old} → {new}"
    assert claim(fixture_db, cid)[1] == new
    for bad in ("agrees", "", "asserts\x1b[31m"):
        with pytest.raises(ReviewError, match="unknown stance .*nothing was changed"):
            fix.edit_stance(cid, bad)
    assert "nothing was changed" in fix.edit_stance(cid, new)
    assert len(corrections(fixture_db)) == 1
    assert review.undo() == f"undid stance of claim {cid}: {old} → {new}"
    assert claim(fixture_db, cid)[1] == old


def test_published_text_is_cleaned_shown_in_summaries_and_undone(
    fixture_db: Database, grouped: Groups, fix: Corrections, review: ReviewService
) -> None:
    line = fix.edit_published_text(grouped.a, "The\u202e budget\x1b[2J deficit\nwas 3%")
    summary = groups.summaries(fixture_db, [grouped.a])[0]
    assert summary.published_text == "The budget[2J deficit was 3%"
    assert line == (f"published text of group {grouped.a}: the representative → "
                    "'The budget[2J deficit was 3%'")
    assert "nothing was changed" in fix.edit_published_text(grouped.a, "The budget[2J deficit "
                                                                       "was 3%")
    fix.edit_published_text(grouped.a, "Second wording")
    assert review.undo() is not None
    assert groups.summaries(fixture_db, [grouped.a])[0].published_text == (
        "The budget[2J deficit was 3%")
    assert review.undo() is not None
    assert groups.summaries(fixture_db, [grouped.a])[0].published_text is None
    assert [r[0] for r in corrections(fixture_db)] == ["text", "text", "undo", "undo"]


@pytest.mark.parametrize("text", ["", "   ", "\u200b\u202e\x00", "x" * (MAX_PUBLISHED_TEXT + 1)])
def test_bad_published_text_changes_nothing(
    fixture_db: Database, grouped: Groups, fix: Corrections, text: str
) -> None:
    before = snapshot(fixture_db)
    with pytest.raises(ReviewError, match="nothing was changed"):
        fix.edit_published_text(grouped.a, text)
    assert snapshot(fixture_db) == before and corrections(fixture_db) == []


def test_unknown_ids_and_huge_speaker_change_nothing(
    fixture_db: Database, grouped: Groups, fix: Corrections
) -> None:
    before = snapshot(fixture_db)
    cases = [
        (lambda: fix.edit_speaker(999_999, "Ana"), "no claim with id 999999"),
        (lambda: fix.edit_stance(999_999, "denies"), "no claim with id 999999"),
        (lambda: fix.edit_speaker(grouped.a_claims[0], "A" * (MAX_SPEAKER + 1)),
         f"at most {MAX_SPEAKER}"),
        (lambda: fix.edit_published_text(999_999, "text"), "no group with id 999999"),
        (lambda: fix.move_claim(999_999, grouped.a), "no claim with id 999999"),
        (lambda: fix.move_claim(grouped.a_claims[0], 999_999), "no group with id 999999"),
        (lambda: fix.split(999_999), "no claim with id 999999"),
        (lambda: fix.merge([grouped.a, 999_999]), "no group with id 999999"),
        (lambda: fix.merge([grouped.a, grouped.a]), "cannot merge a group with itself"),
        (lambda: fix.move_claim(grouped.a_claims[0], grouped.a),
         f"claim {grouped.a_claims[0]} is already in group {grouped.a}"),
    ]
    for action, message in cases:
        with pytest.raises(ValueError, match=f"{message}.*nothing was changed") as caught:
            action()
        assert "\n" not in str(caught.value)
    assert snapshot(fixture_db) == before and corrections(fixture_db) == []


# -- moves, splits, merges --------------------------------------------------------------


def test_move_and_its_undo_and_redo(
    fixture_db: Database, grouped: Groups, fix: Corrections, review: ReviewService
) -> None:
    review.set_verdict(grouped.b, "supported")
    cid = grouped.c_claims[0]  # the only claim of group c
    placed = member(fixture_db, cid)
    start = snapshot(fixture_db)
    assert fix.move_claim(cid, grouped.b) == (f"moved claim {cid} from group {grouped.c} "
                                              f"to group {grouped.b}")
    # The target has a labelled verdict: the claim is new since it.
    assert member(fixture_db, cid) == (grouped.b, "reviewer", None, 1)
    # The emptied source keeps its row (undo needs it) but leaves the queue.
    assert groups.summaries(fixture_db, [grouped.c])[0].size == 0
    assert grouped.c not in queue.ordered_ids(fixture_db)
    groups.refresh_groups(fixture_db)  # a grouping run's clean-up keeps it too
    assert fixture_db.execute("SELECT 1 FROM claim_groups WHERE id = ?",
                              [grouped.c]).fetchone() is not None
    after = snapshot(fixture_db)
    line = f"move of claim {cid} from group {grouped.c} to group {grouped.b}"
    assert review.undo_preview() == line
    assert review.undo() == f"undid {line}"
    assert member(fixture_db, cid) == placed
    assert snapshot(fixture_db) == start
    assert review.redo() == f"redid {line}"
    assert snapshot(fixture_db)["members"] == after["members"]


def test_move_into_a_group_merged_away_names_where_it_went(
    fixture_db: Database, grouped: Groups, fix: Corrections
) -> None:
    fix.merge([grouped.a, grouped.b])
    with pytest.raises(GroupError, match=f"group {grouped.b} was merged into group {grouped.a}"
                                         ".*nothing was changed"):
        fix.move_claim(grouped.c_claims[0], grouped.b)


def test_split_undo_puts_the_claim_back_and_redo_reuses_the_group(
    fixture_db: Database, grouped: Groups, fix: Corrections, review: ReviewService
) -> None:
    cid = grouped.a_claims[1]
    start = snapshot(fixture_db)
    new = fix.split(cid)
    assert member(fixture_db, cid)[0] == new
    assert corrections(fixture_db) == [("split", None, new, cid, "desk_a")]
    line = f"split of claim {cid} out of group {grouped.a}"
    assert review.undo() == f"undid {line}"
    assert snapshot(fixture_db)["members"] == start["members"]
    assert snapshot(fixture_db)["overrides"] == []
    assert new not in queue.ordered_ids(fixture_db)
    assert review.redo() == f"redid {line}"
    assert member(fixture_db, cid)[0] == new
    assert groups.closed_groups(fixture_db) == {new}
    assert review.undo() == f"undid {line}"  # undoing the redo
    assert snapshot(fixture_db)["members"] == start["members"]


def test_merge_of_a_judged_and_an_unjudged_group_undoes_and_redoes(
    fixture_db: Database, grouped: Groups, fix: Corrections, review: ReviewService
) -> None:
    review.set_verdict(grouped.b, "denied", note="checked")
    start = snapshot(fixture_db)
    keep = fix.merge([grouped.a, grouped.b])
    assert keep == grouped.b  # the judged group's id stays
    merged = snapshot(fixture_db)
    assert {m[1] for m in merged["members"] if m[0] in grouped.a_claims} == {grouped.b}
    assert all(member(fixture_db, c)[3] == 1 for c in grouped.a_claims)
    line = f"merge of group {grouped.a} into group {grouped.b}"
    assert review.undo_preview() == line
    assert review.undo() == f"undid {line}"
    assert snapshot(fixture_db) == start
    assert review.redo() == f"redid {line}"
    assert snapshot(fixture_db)["members"] == merged["members"]
    assert snapshot(fixture_db)["overrides"] == merged["overrides"]
    assert review.undo() is not None
    assert review.undo() == f"undid group {grouped.b}: denied, note → no verdict"
    assert review.undo() is None


def test_merge_of_three_is_one_step_and_restores_repointed_groups(
    fixture_db: Database, grouped: Groups, fix: Corrections, review: ReviewService
) -> None:
    ReviewService(fixture_db, "desk_b").set_verdict(grouped.c, "supported")
    other = Corrections(fixture_db, "desk_b")
    other.merge([grouped.c, grouped.b])  # b points at c
    start = snapshot(fixture_db)
    keep = fix.merge([grouped.a, grouped.c])
    assert keep == grouped.c
    assert review.undo() == f"undid merge of group {grouped.a} into group {grouped.c}"
    assert snapshot(fixture_db) == start


# -- the stack over both logs -------------------------------------------------------------


def test_interleaved_verdict_split_and_note_undo_in_exact_reverse(
    fixture_db: Database, grouped: Groups, fix: Corrections, review: ReviewService
) -> None:
    review.set_verdict(grouped.a, "supported")
    new = fix.split(grouped.a_claims[2])
    review.set_note(grouped.b, "a source")
    fix.edit_published_text(grouped.a, "Published")
    assert review.undo() == f"undid published text of group {grouped.a}: the representative → 'Published'"
    assert review.undo_preview() == f"group {grouped.b}: no label, note → no verdict"
    assert review.undo() == f"undid group {grouped.b}: no label, note → no verdict"
    assert review.undo() == f"undid split of claim {grouped.a_claims[2]} out of group {grouped.a}"
    assert member(fixture_db, grouped.a_claims[2])[0] == grouped.a
    assert review.undo() == f"undid group {grouped.a}: supported → no verdict"
    assert review.undo() is None
    assert review.redo() == f"redid group {grouped.a}: no verdict → supported"
    assert review.redo() == f"redid split of claim {grouped.a_claims[2]} out of group {grouped.a}"
    assert member(fixture_db, grouped.a_claims[2])[0] == new


def test_two_reviewers_undo_only_their_own_and_a_blocked_change_is_named(
    fixture_db: Database, grouped: Groups
) -> None:
    ana, budi = Corrections(fixture_db, "ana"), Corrections(fixture_db, "budi")
    ana_review, budi_review = ReviewService(fixture_db, "ana"), ReviewService(fixture_db, "budi")
    cid = grouped.a_claims[0]
    ana.edit_published_text(grouped.b, "Ana's wording")
    stance = claim(fixture_db, grouped.b_claims[0])[1]
    budi.edit_stance(grouped.b_claims[0], "denies" if stance != "denies" else "asserts")
    new = budi.split(cid)
    ana.move_claim(cid, grouped.c)  # ana moves the claim budi split out
    assert budi_review.undo_preview() == (f"split of claim {cid} out of group {grouped.a} "
                                          f"(blocked: claim {cid} was moved since by ana)")
    before = snapshot(fixture_db)
    with pytest.raises(ReviewError) as caught:
        budi_review.undo()
    assert str(caught.value).startswith(
        f"cannot undo split of claim {cid} out of group {grouped.a}: claim {cid} was moved "
        "since by ana; nothing was undone")
    assert snapshot(fixture_db) == before
    # An explicit skip passes over it to budi's older change, for good.
    assert budi_review.undo(skip_blocked=True).startswith(  # type: ignore[union-attr]
        f"undid stance of claim {grouped.b_claims[0]}: ")
    assert budi_review.undo() is None and budi_review.undo_preview() is None
    assert ana_review.undo() == f"undid move of claim {cid} from group {new} to group {grouped.c}"
    assert ana_review.undo() == (f"undid published text of group {grouped.b}: "
                                 "the representative → "
                                 '"Ana\'s wording"')
    assert member(fixture_db, cid)[0] == new


def test_undo_works_across_a_restart(db_path: Path, fixture_db: Database, grouped: Groups) -> None:
    Corrections(fixture_db, "desk_a").split(grouped.a_claims[0])
    ReviewService(fixture_db, "desk_a").set_verdict(grouped.b, "disputed")
    Corrections(fixture_db, "desk_a").move_claim(grouped.b_claims[0], grouped.c)
    fixture_db.conn.close()
    again = ReviewService(open_store(db_path), "desk_a")
    assert again.undo() == (f"undid move of claim {grouped.b_claims[0]} from group {grouped.b} "
                            f"to group {grouped.c}")
    assert again.undo() == f"undid group {grouped.b}: disputed → no verdict"
    assert again.undo() == f"undid split of claim {grouped.a_claims[0]} out of group {grouped.a}"
    assert again.undo() is None
    assert member(again.db, grouped.a_claims[0])[0] == grouped.a


def test_read_only_database_refuses_every_correction_in_one_line(
    db_path: Path, fixture_db: Database, grouped: Groups
) -> None:
    Corrections(fixture_db, "desk_a").edit_stance(grouped.a_claims[0], "disputes")
    fixture_db.conn.close()
    ro = open_read_only(db_path)
    fix, review = Corrections(ro, "desk_a"), ReviewService(ro, "desk_a")
    for action in (lambda: fix.edit_speaker(grouped.a_claims[0], "Ana"),
                   lambda: fix.edit_published_text(grouped.a, "text"),
                   lambda: fix.move_claim(grouped.a_claims[0], grouped.b),
                   lambda: fix.split(grouped.a_claims[0]),
                   lambda: fix.merge([grouped.a, grouped.b]),
                   review.undo):
        with pytest.raises(ReviewError, match="read-only; nothing was") as caught:
            action()
        assert "\n" not in str(caught.value)


def test_a_stance_edit_carries_the_denial_links_and_undo_restores_them(
    fixture_db: Database, grouped: Groups, fix: Corrections, review: ReviewService
) -> None:
    denial, assertion = grouped.b_claims[0], grouped.a_claims[0]
    with fixture_db.atomic():
        fixture_db.execute("UPDATE claims SET stance = 'denies' WHERE id = ?", [denial])
        fixture_db.execute("UPDATE claims SET stance = 'asserts' WHERE id = ?", [assertion])
        fixture_db.execute("INSERT INTO group_answers VALUES (?, ?, 'denies', 0.8)",
                           [denial, assertion])

    def links() -> list[tuple[Any, ...]]:
        return [tuple(r) for r in fixture_db.execute("SELECT * FROM group_answers")]

    fix.edit_stance(denial, "disputes")  # still an answer, now a dispute
    assert links() == [(denial, assertion, "disputes", 0.8)]
    fix.edit_stance(assertion, "denies")  # no longer an assertion to answer
    assert links() == []
    review.undo()
    assert links() == [(denial, assertion, "disputes", 0.8)]
    fix.edit_stance(denial, "asserts")  # no longer an answer
    assert links() == []
    review.undo()
    review.undo()
    assert links() == [(denial, assertion, "denies", 0.8)]
