"""The group view names who denies and who disputes the group, and `a` jumps
to the answering group and back.

The groups are the hand-made ones of conftest (group 1: the Kremlin's and
Lavrov's "no evidence" disputes; group 2: the White House's 1,000 containers;
group 3: North Korea's denials); the links between them come from the real
answer linker with the real bundled model.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from workbench.embed import load_embedder
from workbench.grouping.answers import link_answers
from workbench.store import open_store
from workbench.tui.app import binding_ids
from workbench.tui.screens.detail import GroupDetailScreen

from .conftest import SIZE
from .helpers import open_group, screen_text, settle, widget_text

CONTAINERS, DISPUTES, DENIALS = 2, 1, 3


@pytest.fixture
def linked_db_path(db_path: Path) -> Path:
    db = open_store(db_path)
    assert link_answers(db, load_embedder(None)) > 0
    db.conn.close()
    return db_path


@pytest.fixture
def linked_app(linked_db_path: Path, make):  # type: ignore[no-untyped-def]
    return make()


async def test_group_view_shows_who_denies_and_who_disputes_the_claim(linked_app) -> None:
    async with linked_app.run_test(size=SIZE) as pilot:
        screen = await open_group(pilot, CONTAINERS)
        line = widget_text(screen.query_one("#answers", Static)).strip()
        assert line.startswith("Answers — denied by ")
        assert "disputed by " in line
        answers = {a.group_id: a for a in screen.detail.group.answers}
        assert answers[DISPUTES].relation == "disputes"
        assert "Kremlin" in answers[DISPUTES].speakers
        assert answers[DENIALS].relation == "denies"
        # Speakers, outlets and languages of the answering claims are on screen.
        text = " ".join(screen_text(linked_app).split())
        assert "disputed by Kremlin" in text and "Sergey Lavrov" in text
        assert f"Kompas.com, SINDOnews.com · id) in group {DISPUTES}" in text
        assert "a: jump to them" in text


async def test_answer_key_jumps_to_the_answering_group_and_back(linked_app) -> None:
    async with linked_app.run_test(size=SIZE) as pilot:
        origin = await open_group(pilot, CONTAINERS)
        first = origin.detail.group.answers[0].group_id
        await pilot.press("a")
        await settle(pilot)
        jumped = linked_app.screen
        assert isinstance(jumped, GroupDetailScreen) and jumped is not origin
        assert jumped.group_id == first and jumped.came_from == CONTAINERS
        assert f"Group {first} ·" in screen_text(linked_app)
        # The answering group shows what it answers, and the way back.
        line = widget_text(jumped.query_one("#answers", Static))
        assert f"group {CONTAINERS}" in line and f"a: back to group {CONTAINERS}" in line
        await pilot.press("a")
        await settle(pilot)
        assert linked_app.screen is origin
        assert f"Group {CONTAINERS} ·" in screen_text(linked_app)
        # A second jump from the claim goes on to the next answering group.
        await pilot.press("a")
        await settle(pilot)
        assert linked_app.screen.group_id != first


async def test_a_group_nobody_answers_says_so_when_the_key_is_pressed(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_group(pilot, 4)  # Lavrov arrives in Pyongyang: no links stored
        assert widget_text(screen.query_one("#answers", Static)).strip() == ""
        await pilot.press("a")
        await settle(pilot)
        assert app.screen is screen
        assert "no group denies or disputes this one" in screen_text(app)


async def test_answer_key_has_an_id_a_description_and_a_tooltip_in_help_and_palette(app) -> None:
    assert "answer-jump" in binding_ids()
    binding = next(b for b in GroupDetailScreen.BINDINGS
                   if getattr(b, "id", None) == "answer-jump")
    assert binding.description == "Answers" and binding.tooltip  # type: ignore[union-attr]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_group(pilot, CONTAINERS)
        commands = [c.title for c in app.get_system_commands(screen)]
        assert "Answers" in commands
        await pilot.press("question_mark")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        tooltips = [str(table.get_row_at(i)[3]) for i in range(table.row_count)]
        assert any(t.startswith("Jump to the next group that denies or disputes this one")
                   for t in tooltips)
