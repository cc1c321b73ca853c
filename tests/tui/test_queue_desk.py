"""The queue as a desk: typing in the search never acts on groups, the columns
say what needs a decision (contested, speakers, reviewers who disagree) and
give way to the claim text on a narrow terminal, and `=` changes the order."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from workbench.review import ReviewService
from workbench.store import open_store
from workbench.tui.screens.queue import QueueScreen
from workbench.tui.widgets.queue_list import CLAIM_MIN, QueueList, layout

from .conftest import REVIEWER, SIZE
from .helpers import committed, screen_text, settle, verdict_rows, widget_text

QUEUE_ORDER = [1, 3, 7, 5, 8, 2, 4, 6]


def queue_of(app) -> QueueList:
    return app.screen.query_one(QueueList)


async def test_letters_typed_into_the_search_only_type(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # Every queue key, typed as text: none marks, merges, judges, opens or quits.
        await pilot.press("slash", *"mMsdxocnleEfqr=?uv")
        await pilot.pause(0.3)
        await settle(pilot)
        search = app.screen.query_one("#search", Input)
        assert search.value == "mMsdxocnleEfqr=?uv"
        assert isinstance(app.screen, QueueScreen) and app.is_running
        assert queue_of(app).marked == []
        assert verdict_rows(db_path) == []
        assert committed(db_path, "SELECT count(*) FROM group_overrides") == [(0,)]


async def test_down_moves_from_the_search_to_the_list_and_keys_act_again(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Korea")
        assert app.screen.query_one("#search", Input).has_focus
        await pilot.press("down")
        await settle(pilot)
        assert app.focused is queue_of(app)
        assert app.screen.filter.text == "Korea"  # the search stays
        await pilot.press("m")
        assert queue_of(app).marked == [queue_of(app).selected_id]
        await pilot.press("s")
        await settle(pilot)
        assert verdict_rows(db_path) == [(queue_of(app).selected_id, None, "supported",
                                          REVIEWER)]


async def test_equals_cycles_the_order_and_keeps_the_selection(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert queue_of(app).ids == QUEUE_ORDER
        await pilot.press("j")  # group 3
        orders = []
        for _ in range(4):
            await pilot.press("equals_sign")
            await settle(pilot)
            orders.append((app.screen.sort, list(queue_of(app).ids)))
            assert queue_of(app).selected_id == 3
            assert f"sort: {app.screen.sort}" in screen_text(app)
        assert [sort for sort, _ in orders] == ["date", "size", "checkworthiness", "priority"]
        assert orders[0][1] == [8, 1, 2, 3, 4, 5, 6, 7]  # latest publication first
        assert orders[1][1] == [1, 2, 3, 4, 5, 6, 8, 7]  # most claims first
        assert orders[3][1] == QUEUE_ORDER


async def test_columns_show_contested_speakers_and_a_disagreement(app, db_path):
    store = open_store(db_path)
    ReviewService(store, "ann").set_verdict(3, "supported")
    ReviewService(store, "bob").set_verdict(3, "denied")
    ReviewService(store, "cid").set_verdict(6, "not_checkable")
    store.conn.close()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        header = widget_text(app.screen.query_one("#queue-header"))
        for title in ("verdict", "±", "worth", "asserted by", "answered by", "size", "langs",
                      "claim"):
            assert title in header
        lines = {line.split()[0] if line.split() else "": line
                 for line in widget_text(queue_of(app)).splitlines()}
        text = widget_text(queue_of(app))
        assert "≠ denied" in text  # bob's label is the group's; ann said supported
        assert "not checkable" in text
        row_1 = next(line for line in text.splitlines() if "Tidak ada bukti" in line)
        assert "±" in row_1 and "Dmitry Pesko" in row_1  # answered by (cut to its column)
        row_lavrov = next(line for line in text.splitlines() if "rumor tersebut" in line)
        assert "Sergey Lavrov" in row_lavrov and "±" not in row_lavrov
        assert lines  # rows drawn
        queue = queue_of(app)
        queue.cursor = queue.ids.index(3)
        await settle(pilot)
        assert "reviewers disagree on group 3: ann: supported, bob: denied" in screen_text(app)


@pytest.mark.parametrize("width", [80, 100, 120, 160, 220])
async def test_the_claim_keeps_its_room_at_any_width(make, db, width):
    long = "Klaim panjang " + "sekali " * 60 + "akhir."
    db.execute("UPDATE claims SET content = ? WHERE id = (SELECT representative_claim_id "
               "FROM claim_groups WHERE id = 1)", [long])
    db.conn.commit()
    app = make()
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        queue = queue_of(app)
        content = queue.scrollable_content_region.width
        claim_cells = content - sum(size for _, size in layout(content))
        assert claim_cells >= CLAIM_MIN
        if width >= 160:
            assert claim_cells >= content * 2 // 5
        first = widget_text(queue).splitlines()[0]
        # The claim runs to the last cell of its column and says it is cut.
        start = first.index("Klaim panjang")
        assert first.rstrip().endswith("…")
        assert len(first.rstrip()) - start == claim_cells
        header = widget_text(app.screen.query_one("#queue-header"))
        assert header.index("claim") == start  # the header names the columns it sits over


async def test_the_footer_at_80x24_keeps_the_essential_keys(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        for key in ("s Supported", "d Disputed", "x Denied", "o Not checkable", "n Note",
                    "? Help", "q Quit"):
            assert key in footer, footer


async def test_the_date_column_shows_while_sorted_by_date(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        header = app.screen.query_one("#queue-header")
        assert "latest" not in widget_text(header)
        await pilot.press("equals_sign")
        await settle(pilot)
        assert app.screen.sort == "date"
        assert "latest" in widget_text(header)
        assert "2023-10-21" in widget_text(queue_of(app))
        await pilot.press("equals_sign")
        await settle(pilot)
        assert "latest" not in widget_text(header)


async def test_the_merge_confirmation_fits_80x24_with_every_group_marked(app, db_path):
    from textual.widgets import Button

    from workbench.tui.screens.merge_dialog import MergeDialog

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in QUEUE_ORDER:
            await pilot.press("m", "down")
        await pilot.press("M")
        await settle(pilot)
        assert isinstance(app.screen, MergeDialog)
        for button in app.screen.query(Button):
            assert 0 < button.region.bottom <= 24, button.id
        assert "Group 1 remains" in screen_text(app)
        listing = app.screen.query_one("#merge-groups")
        assert listing.max_scroll_y > 0  # the groups scroll inside the dialog
        await pilot.press("enter")
        await settle(pilot)
    assert committed(db_path, "SELECT count(*) FROM claim_groups WHERE merged_into = 1") \
        == [(7,)]


def type_fast(app, text: str) -> None:
    """Keys as a fast typist or a paste delivers them: all queued before any is handled."""
    from textual import events

    names = {"/": "slash", "\r": "enter", "=": "equals_sign", "?": "question_mark",
             "\x1b": "escape"}
    for char in text:
        app.post_message(events.Key(names.get(char, char), None if char in "\r\x1b" else char))


async def test_keys_typed_fast_after_slash_all_reach_the_search(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        type_fast(app, "/Lavrov mosdx/")  # letters that are queue keys, and a "/"
        await pilot.pause(0.3)
        await settle(pilot)
        assert app.screen.query_one("#search", Input).value == "Lavrov mosdx/"
        assert verdict_rows(db_path) == [] and queue_of(app).marked == []


async def test_keys_typed_fast_after_enter_act_on_the_list(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        type_fast(app, "/Lavrov\rm")
        await pilot.pause(0.3)
        await settle(pilot)
        assert app.screen.query_one("#search", Input).value == "Lavrov"
        assert app.focused is queue_of(app)
        assert queue_of(app).ids == [1, 8, 4]
        assert queue_of(app).marked == [1]  # m after Enter marked, it did not type
        type_fast(app, "js\x1b")  # on the list: move, judge; Escape clears the search
        await pilot.pause(0.3)
        await settle(pilot)
        assert app.screen.filter.text is None
        assert verdict_rows(db_path) == [(8, None, "supported", REVIEWER)]
