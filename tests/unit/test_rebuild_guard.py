"""A rebuild never grows a judged group, whatever the threshold.

Before this guard, `group --rebuild` with a threshold near 0 moved the
released claims (52 on the fixtures) into the two judged groups, where every
later rebuild kept them as judged. Real store, real bundled model, real
fixtures; each case starts from a copy of one grouped database.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tests.conftest import FIXTURES, copy_store, grouped_store
from workbench.embed import load_embedder
from workbench.embed.base import Embedder
from workbench.grouping.params import GroupingParams
from workbench.grouping.service import run_grouping
from workbench.ingest.service import ingest
from workbench.review import ReviewService
from workbench.store import groups as group_store


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return load_embedder(None)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    """The fixtures ingested and grouped with the default settings, closed."""
    return grouped_store(tmp_path_factory.mktemp("guard") / "grouped.db", [FIXTURES], embedder)


def _members(db: Database) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for claim, (group, _) in group_store.memberships(db).items():
        out.setdefault(group, set()).add(claim)
    return out


def _judge(db: Database, group_ids: list[int]) -> None:
    desk = ReviewService(db, "desk_a")
    for gid in group_ids:
        desk.set_verdict(gid, "supported")


def test_rebuild_near_zero_leaves_the_two_largest_judged_groups_as_they_were(
        template: Path, tmp_path: Path, embedder: Embedder) -> None:
    db = copy_store(template, tmp_path)
    before = _members(db)
    largest = sorted(before, key=lambda g: (-len(before[g]), g))[:2]
    _judge(db, largest)
    grouped = set().union(*before.values())
    for threshold in (1e-3, 1e-3, GroupingParams().threshold):
        run_grouping(db, embedder, GroupingParams(threshold=threshold), rebuild=True)
        after = _members(db)
        for gid in largest:
            assert after[gid] == before[gid]
        assert set().union(*after.values()) == grouped  # nobody dropped out either
    # Near zero everything else still gathers, just outside the judged groups.
    run_grouping(db, embedder, GroupingParams(threshold=1e-3), rebuild=True)
    others = [members for gid, members in _members(db).items() if gid not in largest]
    assert len(others) < len(before) - 2


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(threshold=st.floats(min_value=1e-6, max_value=0.999999),
       picks=st.sets(st.integers(min_value=0, max_value=40), min_size=1, max_size=6))
def test_no_rebuild_threshold_grows_or_shrinks_a_judged_group(
        template: Path, tmp_path: Path, embedder: Embedder, threshold: float,
        picks: set[int]) -> None:
    db = copy_store(template, tmp_path / "case")
    before = _members(db)
    ids = sorted(before)
    judged = sorted({ids[i % len(ids)] for i in picks})
    _judge(db, judged)
    run_grouping(db, embedder, GroupingParams(threshold=threshold), rebuild=True)
    after = _members(db)
    for gid in judged:
        assert after[gid] == before[gid]
    db.close()


@pytest.mark.parametrize("threshold", [0.0, 1.0, -0.5, 2.0, math.nan, math.inf])
def test_thresholds_outside_zero_one_are_refused_before_anything_changes(
        template: Path, tmp_path: Path, embedder: Embedder, threshold: float) -> None:
    db = copy_store(template, tmp_path)
    before = _members(db)
    with pytest.raises(ValueError, match="between 0 and 1"):
        run_grouping(db, embedder, GroupingParams(threshold=threshold), rebuild=True)
    assert _members(db) == before


def test_a_new_claim_placed_into_a_judged_group_by_a_plain_run_is_marked(
        template: Path, tmp_path: Path, embedder: Embedder) -> None:
    db = copy_store(template, tmp_path)
    before = _members(db)
    _judge(db, sorted(before))  # every group judged: wherever the claims land is judged
    story = tmp_path / "extra.txt"
    story.write_text(
        "Kremlin says no evidence of arms deal\n\n"
        "MOSCOW - North Korea has sent more than 1,000 containers of weapons to Russia, "
        "a White House spokesman said on Friday.\n", encoding="utf-8")
    ingest(db, [str(story)])
    report = run_grouping(db, embedder, GroupingParams(threshold=1e-3))
    after = _members(db)
    joined = {gid: after[gid] - before[gid] for gid in before if after[gid] - before[gid]}
    assert joined and report.new_since_verdict == sum(map(len, joined.values()))
    desk = ReviewService(db, "desk_a")
    for gid in before:
        assert set(desk.new_since_verdict(gid)) == joined.get(gid, set())
