"""Above the exact search limit an incremental run searches from the new claims
only, reading what earlier runs stored for the placed ones (density, reach).
It must place new claims as the full search does. Real store, real bundled
model; ``exact_limit`` is set low so that small data takes that path."""

from __future__ import annotations

import dataclasses
import io
import sqlite3

import numpy as np
import pytest
from sqlite_utils import Database

from tests.conftest import FIXTURES
from tests.unit.test_grouping_incremental import _claims
from workbench.embed import load_embedder
from workbench.grouping.cluster import Assignment, Item, cluster
from workbench.grouping.params import GroupingParams
from workbench.grouping.service import run_grouping
from workbench.ingest.service import ingest
from workbench.store import groups as group_store
from workbench.store import open_store

PARAMS = GroupingParams(exact_limit=10)  # 60 fixture claims: the approximate search
NEWS = (b"WASHINGTON - North Korea has sent more than 1,000 containers of military equipment "
        b"and munitions to Russia in recent weeks, the White House said on Friday (13/10/2023).\n\n"
        b"Separately, Bank Indonesia raised its benchmark interest rate to 6.25 percent on "
        b"Thursday to support the rupiah, Governor Perry Warjiyo told reporters.\n")


@pytest.fixture(scope="module")
def embedder():  # type: ignore[no-untyped-def]
    return load_embedder(None)


def _group_of(db: Database, needle: str) -> int:
    row = db.execute("SELECT m.group_id FROM claims c JOIN group_members m ON m.claim_id = c.id "
                     "WHERE c.content LIKE ? ORDER BY c.id LIMIT 1", [f"%{needle}%"]).fetchone()
    return int(row[0])


def _size(db: Database, group_id: int) -> int:
    return int(db.execute("SELECT count(*) FROM group_members WHERE group_id = ?",
                          [group_id]).fetchone()[0])


def test_new_claims_search_alone_and_land_where_they_belong(db: Database, embedder) -> None:  # type: ignore[no-untyped-def]
    ingest(db, [str(FIXTURES)])
    run_grouping(db, embedder, PARAMS)
    before = group_store.neighbourhoods(db)
    grouped = db.execute("SELECT count(*) FROM group_members").fetchone()[0]
    assert len(before) == grouped == 60  # every grouped claim has its density and reach
    assert all(0.2 <= reach <= density <= 1.0 for density, reach in before.values())
    containers = _group_of(db, "1.000 kontainer")

    ingest(db, ["-"], stdin=io.BytesIO(NEWS))
    report = run_grouping(db, embedder, PARAMS)

    assert report.joined == 1 and report.new_groups == 1
    assert _group_of(db, "1,000 containers") == containers  # the English paraphrase joined
    rates = _group_of(db, "benchmark interest rate")
    assert rates not in {g for g, _ in group_store.memberships(db).values()
                         if g != rates} and _size(db, rates) == 1  # unrelated: a group of its own
    after = group_store.neighbourhoods(db)
    # the placed claims did not search: what they stored is what they keep
    assert {c: after[c] for c in before} == before
    assert len(after) == 62


def test_a_store_without_stored_neighbourhoods_searches_everything_alike(
        db_path, embedder) -> None:  # type: ignore[no-untyped-def]
    """A store from before the neighbourhoods were kept (or one whose values
    were lost) falls back to the full search, and places new claims alike."""
    db = open_store(db_path)
    ingest(db, [str(FIXTURES)])
    run_grouping(db, embedder, PARAMS)
    ingest(db, ["-"], stdin=io.BytesIO(NEWS))
    db.conn.commit()
    copy = db_path.with_name("copy.db")
    with sqlite3.connect(copy) as target:
        db.conn.backup(target)
    older = open_store(copy)
    older.execute("UPDATE group_members SET density = NULL, reach = NULL")
    older.conn.commit()

    run_grouping(db, embedder, PARAMS)
    run_grouping(older, embedder, PARAMS)
    placed = "SELECT claim_id, group_id FROM group_members ORDER BY claim_id"
    assert older.execute(placed).fetchall() == db.execute(placed).fetchall()
    assert len(group_store.neighbourhoods(older)) == 62  # and now it has them all


def _placements(items: list[Item], result: Assignment) -> list[tuple[str, object]]:
    """Where each new claim went: its existing group, or the set of new claims
    it shares a new group with (new group numbers differ between runs)."""
    new = [i for i, it in enumerate(items) if it.existing_group is None]
    mates: dict[int, frozenset[int]] = {}
    for key in {int(result.new[i]) for i in new if result.new[i] >= 0}:
        mates[key] = frozenset(i for i in new if result.new[i] == key)
    return [("existing", int(result.existing[i])) if result.existing[i] >= 0
            else ("new", mates[int(result.new[i])]) for i in new]


def test_news_claims_are_placed_as_a_full_search_places_them(embedder) -> None:  # type: ignore[no-untyped-def]
    """News-like claims (Indonesian and English, paraphrase groups, denials):
    a first run places the older ones and keeps what their searches found;
    the new ones then search alone, and nearly all go where the full search
    (every claim searching, every density recomputed) puts them."""
    rng = np.random.default_rng(5)
    params = GroupingParams(threshold=0.8, exact_limit=100, n_probe=4)
    old = _claims(rng, 500)
    first = cluster(old, embedder.embed([it.content for it in old]), params)
    placed = [dataclasses.replace(it, existing_group=int(g))
              for it, g in zip(old, first.new.tolist(), strict=True)]
    fresh = [dataclasses.replace(old[int(i)], content=old[int(i)].content + " lagi")
             for i in rng.integers(0, len(old), size=80)]
    fresh += _claims(rng, 80)
    items = placed + fresh
    vectors = embedder.embed([it.content for it in items])
    known = dataclasses.replace(
        first.neighbourhood,
        density=np.r_[first.neighbourhood.density, np.full(len(fresh), np.nan)],
        reach=np.r_[first.neighbourhood.reach, np.full(len(fresh), np.nan)])

    fast = cluster(items, vectors, params, known=known)
    full = cluster(items, vectors, params)

    assert fast.searched.sum() == len(fresh) and full.searched.all()
    alike = np.mean([a == b for a, b in zip(_placements(items, fast), _placements(items, full),
                                            strict=True)])
    assert alike >= 0.9  # 96% here; the stored reaches came from another run's cells
    new = np.arange(len(placed), len(items))
    # the comparison means something: new claims both joined groups and formed new ones
    assert (fast.existing[new] >= 0).sum() >= 40 and (fast.new[new] >= 0).sum() >= 20
    # a new claim's own search is the full search's: the same density
    np.testing.assert_allclose(fast.neighbourhood.density[new], full.neighbourhood.density[new],
                               atol=1e-6)
