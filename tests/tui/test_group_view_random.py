"""Random key sequences in the group view (and back in the queue) never
crash the app and never leave the store inconsistent: no verdict row without
a label, a note and links, no claim outside a group, progress as the store
counts it."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.store import open_store
from workbench.tui import Settings, make_app

from .conftest import REVIEWER, SIZE
from .helpers import committed, open_group, settle

KEYS = ["s", "d", "x", "o", "c", "S", "D", "X", "O", "C", "j", "k", "right_square_bracket",
        "left_square_bracket", "u", "ctrl+r", "A", "p", "v", "a", "escape", "enter", "r"]


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(KEYS), min_size=1, max_size=25))
async def test_any_key_sequence_keeps_the_app_up_and_the_store_consistent(
        db_path: Path, tmp_path_factory, pressed: list[str]) -> None:
    path = tmp_path_factory.mktemp("random") / "w.db"
    shutil.copy(db_path, path)
    db = open_store(path)
    try:
        app = make_app(db, Settings(reviewer=REVIEWER, poll_seconds=0))
        async with app.run_test(size=SIZE) as pilot:
            await open_group(pilot, 2)
            for key in pressed:
                await pilot.press(key)
                await settle(pilot)
            assert app.is_running
            progress = app.progress
        empty = committed(path, "SELECT count(*) FROM verdicts v WHERE label IS NULL "
                                "AND (note IS NULL OR note = '') AND NOT EXISTS "
                                "(SELECT 1 FROM evidence_links l WHERE l.verdict_id = v.id)")
        assert empty == [(0,)]
        assert committed(path, "SELECT count(*) FROM claims c WHERE NOT EXISTS "
                               "(SELECT 1 FROM group_members m WHERE m.claim_id = c.id)") \
            == committed(db_path, "SELECT count(*) FROM claims c WHERE NOT EXISTS "
                                  "(SELECT 1 FROM group_members m WHERE m.claim_id = c.id)")
        assert progress == app.session.progress()
    finally:
        db.conn.close()
