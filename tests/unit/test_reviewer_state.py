"""A reviewer's saved place: one JSON row per reviewer, never a crash on a bad row."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.store import open_store, reviewer_state
from workbench.tui.session import PLACE_DEFAULTS, ReviewSession, clean_place

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10)


def test_saved_state_reads_back_per_reviewer(tmp_path: Path):
    db = open_store(tmp_path / "w.db")
    reviewer_state.save(db, "ann", {"group": 3, "search": "Lavrov"})
    reviewer_state.save(db, "bob", {"group": 5})
    reviewer_state.save(db, "ann", {"group": 4, "search": "Kim"})
    assert reviewer_state.load(db, "ann") == {"group": 4, "search": "Kim"}
    assert reviewer_state.load(db, "bob") == {"group": 5}
    assert reviewer_state.load(db, "cid") == {}
    assert db.execute("SELECT count(*) FROM reviewer_state").fetchone() == (2,)


def test_a_malformed_row_reads_as_nothing_saved(tmp_path: Path):
    db = open_store(tmp_path / "w.db")
    for text in ("{not json", "[1, 2]", "null", '"text"'):
        db.execute("INSERT OR REPLACE INTO reviewer_state VALUES ('ann', ?, 'now')", [text])
        db.conn.commit()
        assert reviewer_state.load(db, "ann") == {}
        assert ReviewSession(db, "ann").place() == PLACE_DEFAULTS


def test_session_place_merges_changes_and_keeps_other_keys(tmp_path: Path):
    db = open_store(tmp_path / "w.db")
    session = ReviewSession(db, "ann")
    assert session.save_place(group=7, view="group")
    assert session.save_place(auto_advance=True, sort="size")
    again = ReviewSession(open_store(tmp_path / "w.db"), "ann").place()
    assert again["group"] == 7 and again["view"] == "group"
    assert again["auto_advance"] is True and again["sort"] == "size"
    # A value of the wrong type falls back to its default, never reaches the UI.
    session.save_place(group="seven", auto_advance=1)
    assert session.place()["group"] is None and session.place()["auto_advance"] is False


def test_a_read_only_database_keeps_the_place_in_memory_only(tmp_path: Path):
    db = open_store(tmp_path / "w.db")
    session = ReviewSession(db, "ann")
    db.execute("PRAGMA query_only = ON")
    assert session.save_place(group=3) is False
    assert session.place()["group"] == 3
    db.execute("PRAGMA query_only = OFF")
    assert reviewer_state.load(db, "ann") == {}


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from([*PLACE_DEFAULTS, "other"]), JSON))
def test_clean_place_gives_every_key_a_value_of_its_type(saved):
    place = clean_place(saved)
    for key, default in PLACE_DEFAULTS.items():
        value = place[key]
        assert value is None or type(value) is type(default) or (
            default is None and type(value) in (int, str))
        json.dumps(place)  # always storable


def test_a_locked_database_is_made_up_by_the_next_save(tmp_path: Path):
    import sqlite3

    db = open_store(tmp_path / "w.db")
    db.execute("PRAGMA busy_timeout = 20")
    session = ReviewSession(db, "ann")
    blocker = sqlite3.connect(tmp_path / "w.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        assert session.save_place(group=3) is True  # not read-only: nothing to tell
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert reviewer_state.load(db, "ann") == {}
    assert session.save_place(group=3)  # the same place, now written
    assert reviewer_state.load(db, "ann")["group"] == 3
