"""The queue stays virtual: a long queue loads only the pages on screen."""

from __future__ import annotations

from pathlib import Path

from workbench.store import open_store
from workbench.store.articles import now
from workbench.tui import Settings, make_app
from workbench.tui.widgets.queue_list import PAGE, QueueList

from .conftest import SIZE
from .helpers import screen_text, settle

GROUPS = 3000


def build(path: Path) -> None:
    db = open_store(path)
    stamp = now()
    with db.conn:
        db.execute("""INSERT INTO articles (id, sha256, title, language, body, ingested_at)
                      VALUES (1, 'x', 'Many claims', 'en', 'body', ?)""", [stamp])
        db.conn.executemany(
            """INSERT INTO claims (id, article_id, text, content, stance, quote, span_start,
                   span_end, checkworthiness) VALUES (?, 1, ?, ?, 'asserts', 0, ?, ?, ?)""",
            [(i, f"Claim number {i}.", f"Claim number {i}.", i, i + 1, (GROUPS - i) / GROUPS)
             for i in range(1, GROUPS + 1)])
        db.conn.executemany(
            """INSERT INTO claim_groups (id, representative_claim_id, model, method, created_at,
                   updated_at) VALUES (?, ?, 'test', '{}', ?, ?)""",
            [(i, i, stamp, stamp) for i in range(1, GROUPS + 1)])
        db.conn.executemany(
            """INSERT INTO group_members (claim_id, group_id, assigned_by, assigned_at)
               VALUES (?, ?, 'model', ?)""", [(i, i, stamp) for i in range(1, GROUPS + 1)])
    db.conn.close()


async def test_a_long_queue_loads_only_the_pages_it_shows(tmp_path: Path):
    build(tmp_path / "big.db")
    app = make_app(open_store(tmp_path / "big.db"), Settings(reviewer="t", poll_seconds=0))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        assert len(queue.ids) == GROUPS
        assert sorted(queue._pages) == [0]
        assert "Claim number 1." in screen_text(app)
        await pilot.press("end")
        await settle(pilot)
        assert queue.selected_id == GROUPS
        assert f"Claim number {GROUPS}." in screen_text(app)
        assert sorted(queue._pages) == [0, (GROUPS - 1) // PAGE]
        await pilot.press("pageup", "pageup")
        await settle(pilot)
        assert queue.cursor == GROUPS - 1 - 2 * (queue.scrollable_content_region.height - 1)
        # No widget per row: the list draws lines itself.
        assert len(app.screen.query("*")) < 40
