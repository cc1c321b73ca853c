"""Two reviewers: Cohen's kappa, per-label counts, and each reviewer's own
latest judgement of a group read back from the verdict history."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tests.unit.desk_db import Desk, Said
from workbench.review import ReviewService
from workbench.review.agreement import agreement, cohens_kappa, label_counts
from workbench.store import agreement as store
from workbench.store import groups, open_store
from workbench.tui.session import ReviewSession


def rated(*cells: tuple[str, str, int]) -> tuple[list[str], list[str]]:
    """Two raters' labels from a contingency table: (label of A, label of B, how many)."""
    first: list[str] = []
    second: list[str] = []
    for a, b, n in cells:
        first += [a] * n
        second += [b] * n
    return first, second


def test_kappa_of_the_textbook_example() -> None:
    # Wikipedia, "Cohen's kappa": 50 proposals, both yes 20, A yes B no 5, A no B yes 10,
    # both no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4.
    k = cohens_kappa(*rated(("yes", "yes", 20), ("yes", "no", 5), ("no", "yes", 10),
                            ("no", "no", 15)))
    assert (k.items, k.agreed) == (50, 35)
    assert k.observed == pytest.approx(0.7)
    assert k.expected == pytest.approx(0.5)
    assert k.kappa == pytest.approx(0.4)


def test_kappa_of_the_second_textbook_example() -> None:
    # Same article: 45 / 15 / 25 / 15 of 100 -> p_o 0.60, p_e 0.54, kappa 0.1304.
    k = cohens_kappa(*rated(("yes", "yes", 45), ("yes", "no", 15), ("no", "yes", 25),
                            ("no", "no", 15)))
    assert k.kappa == pytest.approx(0.06 / 0.46)


def test_kappa_at_the_edges() -> None:
    assert cohens_kappa(["a", "b", "a"], ["a", "b", "a"]).kappa == pytest.approx(1.0)
    assert cohens_kappa(["a", "b"], ["b", "a"]).kappa == pytest.approx(-1.0)
    # One reviewer always says "a": whatever the other does, no better than chance.
    assert cohens_kappa(["a"] * 4, ["a", "b", "a", "b"]).kappa == pytest.approx(0.0)
    # Both always say the same one label: p_e = 1, kappa is 0/0 and reported as undefined.
    same = cohens_kappa(["supported"] * 5, ["supported"] * 5)
    assert same.kappa is None and same.observed == 1.0 and same.expected == 1.0
    empty = cohens_kappa([], [])
    assert (empty.items, empty.observed, empty.kappa) == (0, None, None)
    with pytest.raises(ValueError, match="same items"):
        cohens_kappa(["a"], ["a", "b"])


LABEL_LISTS = st.lists(st.tuples(st.sampled_from("sdxo"), st.sampled_from("sdxo")), max_size=40)


@settings(deadline=None)  # shared machine: no per-example time limit
@given(LABEL_LISTS)
def test_kappa_is_symmetric_bounded_and_the_formula(pairs: list[tuple[str, str]]) -> None:
    first, second = [a for a, _ in pairs], [b for _, b in pairs]
    k, back = cohens_kappa(first, second), cohens_kappa(second, first)
    assert k == back
    if k.kappa is None:
        assert not pairs or k.expected == 1.0
        return
    assert k.observed is not None and k.expected is not None
    assert -1.0 <= k.kappa <= 1.0
    assert k.kappa == pytest.approx((k.observed - k.expected) / (1 - k.expected))
    assert (k.kappa == pytest.approx(1.0)) == (first == second)


def test_report_counts_every_label_and_compares_each_pair() -> None:
    report = agreement({
        "bob": {1: "supported", 2: "denied", 3: "denied", 9: "not_checkable"},
        "ann": {1: "supported", 2: "disputed", 3: "denied", 4: "supported"},
        "cyd": {7: "denied"},
    })
    assert report.reviewers == ("ann", "bob", "cyd")
    assert report.counts["ann"] == {"supported": 2, "disputed": 1, "denied": 1,
                                    "not_checkable": 0}
    assert report.counts["bob"]["not_checkable"] == 1
    pairs = {(p.first, p.second): p.kappa for p in report.pairs}
    assert set(pairs) == {("ann", "bob"), ("ann", "cyd"), ("bob", "cyd")}
    assert (pairs["ann", "bob"].items, pairs["ann", "bob"].agreed) == (3, 2)  # groups 1, 2, 3
    assert pairs["ann", "cyd"].items == 0 and pairs["ann", "cyd"].kappa is None
    assert label_counts({}) == {"supported": 0, "disputed": 0, "denied": 0, "not_checkable": 0}


# -- reading judgements from the history ------------------------------------------------


@pytest.fixture
def desk(db: Database) -> Desk:
    d = Desk(db)
    d.article("Korut kirim amunisi ke Rusia", "2023-10-21T09:50:00+07:00", "id", {
        f"c{i}": Said(text, speaker) for i, (text, speaker) in enumerate([
            ("Gedung Putih mengatakan Korut telah mengirimkan lebih dari 1.000 kontainer.",
             "Gedung Putih"),
            ("Lavrov mengatakan Washington gagal membuktikan tuduhan tersebut.", "Lavrov"),
            ("Korut dengan tegas membantah pihaknya mengirimkan senjata ke Rusia.", "Korut"),
            ("Para pejabat Korea Selatan juga menyuarakan tuduhan yang sama.", "Korea Selatan"),
            ("Kim Jong-un mengunjungi Rusia selama enam hari bulan lalu.", None),
        ])})
    for i in range(5):
        d.group(f"g{i}", [f"c{i}"])
    return d


def test_each_reviewer_keeps_their_own_latest_label(desk: Desk) -> None:
    ann, bob = ReviewService(desk.db, "ann"), ReviewService(desk.db, "bob")
    g = [desk.groups[f"g{i}"] for i in range(5)]
    ann.set_verdict(g[0], "supported")
    bob.set_verdict(g[0], "disputed")          # bob overrides: both judgements stand
    ann.set_verdict(g[1], "denied")
    ann.set_verdict(g[1], "disputed")
    ann.undo()                                 # back to denied: ann's latest is denied
    ann.set_verdict(g[2], "supported")
    bob.set_note(g[2], "AFP photo checked")    # evidence only: not bob's judgement
    ann.set_verdict(g[3], "denied")
    ann.clear_verdict(g[3])                    # a cleared label is no label
    ann.set_verdict(g[4], "not_checkable")
    bob.set_verdict(g[4], "not_checkable")     # the same label again: bob agrees
    found = store.latest_judgements(desk.db, g)
    mine = {gid: [(j.reviewer, j.label) for j in found.get(gid, [])] for gid in g}
    assert mine == {
        g[0]: [("ann", "supported"), ("bob", "disputed")],
        g[1]: [("ann", "denied")],
        g[2]: [("ann", "supported")],
        g[3]: [("ann", None)],
        g[4]: [("ann", "not_checkable"), ("bob", "not_checkable")],
    }
    assert store.all_labels(desk.db) == {
        "ann": {g[0]: "supported", g[1]: "denied", g[2]: "supported", g[4]: "not_checkable"},
        "bob": {g[0]: "disputed", g[4]: "not_checkable"},
    }
    session = ReviewSession(desk.db, "cyd")
    labels = session.reviewer_labels(g[0])
    assert [(r, label) for r, label, _ in labels] == [("ann", "supported"), ("bob", "disputed")]
    assert all(at for _, _, at in labels)
    assert session.reviewer_labels(999_999) == []


def test_claim_verdicts_are_not_group_judgements(desk: Desk) -> None:
    ann, bob = ReviewService(desk.db, "ann"), ReviewService(desk.db, "bob")
    gid = desk.groups["g0"]
    ann.set_verdict(gid, "supported")
    bob.set_verdict(gid, "denied", claim_id=desk.claims["c0"])
    assert [(j.reviewer, j.label) for j in store.latest_judgements(desk.db, [gid])[gid]] == [
        ("ann", "supported")]


def test_a_group_merged_away_no_longer_counts(desk: Desk) -> None:
    ann, bob = ReviewService(desk.db, "ann"), ReviewService(desk.db, "bob")
    keep, other = desk.groups["g0"], desk.groups["g1"]
    for gid in (keep, other):
        ann.set_verdict(gid, "supported")
        bob.set_verdict(gid, "denied")
    survivor = groups.merge(desk.db, keep, other, "ann")
    gone = other if survivor == keep else keep
    labels = store.all_labels(desk.db)
    assert gone not in labels["ann"] and gone not in labels["bob"]
    assert labels["ann"][survivor] == "supported"


def judged(db: Database, gid: int) -> list[tuple[str, str | None]]:
    return [(j.reviewer, j.label) for j in store.latest_judgements(db, [gid]).get(gid, [])]


def test_undo_takes_back_the_reviewers_own_judgement(desk: Desk) -> None:
    ann, bob = ReviewService(desk.db, "ann"), ReviewService(desk.db, "bob")
    override, agree = desk.groups["g0"], desk.groups["g1"]
    ann.set_verdict(override, "supported")
    bob.set_verdict(override, "disputed")
    assert store.disagreeing_groups(desk.db) == {override}
    bob.undo()  # ann's label is back on the group; bob judged nothing
    assert judged(desk.db, override) == [("ann", "supported")]
    assert store.disagreeing_groups(desk.db) == set()
    bob.redo()
    assert judged(desk.db, override) == [("ann", "supported"), ("bob", "disputed")]
    ann.set_verdict(agree, "denied")
    bob.set_verdict(agree, "denied")
    assert judged(desk.db, agree) == [("ann", "denied"), ("bob", "denied")]
    bob.undo()  # bob takes his agreement back; nothing changes on the group
    assert judged(desk.db, agree) == [("ann", "denied")]


def test_judgements_and_the_kept_set_follow_other_writers_and_rollbacks(
        desk: Desk, db_path: Path) -> None:
    gid = desk.groups["g0"]
    ReviewService(desk.db, "ann").set_verdict(gid, "supported")
    assert judged(desk.db, gid) == [("ann", "supported")]
    assert store.disagreeing_groups(desk.db) == set()
    other = open_store(db_path)  # a second session on the same file
    ReviewService(other, "bob").set_verdict(gid, "denied")
    assert judged(desk.db, gid) == [("ann", "supported"), ("bob", "denied")]
    assert store.disagreeing_groups(desk.db) == {gid}
    desk.db.conn.execute("BEGIN")
    ReviewService(desk.db, "bob").set_verdict(gid, "supported")
    assert store.disagreeing_groups(desk.db) == set()
    desk.db.conn.rollback()
    assert judged(desk.db, gid) == [("ann", "supported"), ("bob", "denied")]
    assert store.disagreeing_groups(desk.db) == {gid}
    ReviewService(other, "dee").set_verdict(gid, "not_checkable")  # takes the rolled-back id
    assert judged(desk.db, gid) == [("ann", "supported"), ("bob", "denied"),
                                    ("dee", "not_checkable")]
    assert store.disagreeing_groups(desk.db) == {gid}
    other.conn.close()


@settings(deadline=None)  # shared machine: no per-example time limit
@given(st.dictionaries(st.text(min_size=1, max_size=5),
                       st.dictionaries(st.integers(1, 30),
                                       st.sampled_from(["supported", "disputed", "denied",
                                                        "not_checkable"]), max_size=30),
                       max_size=5))
def test_report_covers_every_reviewer_and_pair(labels: dict[str, dict[int, str]]) -> None:
    report = agreement(labels)
    assert report.reviewers == tuple(sorted(labels))
    assert all(sum(report.counts[name].values()) == len(labels[name]) for name in labels)
    n = len(labels)
    assert len(report.pairs) == n * (n - 1) // 2
    for pair in report.pairs:
        shared = set(labels[pair.first]) & set(labels[pair.second])
        assert pair.kappa.items == len(shared)
        assert pair.kappa.agreed == sum(labels[pair.first][g] == labels[pair.second][g]
                                        for g in shared)
