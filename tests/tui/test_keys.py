"""Help built from the focused view's bindings, remapping keys by binding id,
and the command palette listing every action."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable

from workbench.tui.app import binding_ids
from workbench.tui.screens.detail import GroupDetailScreen
from workbench.tui.screens.help import HelpScreen, help_rows
from workbench.tui.screens.queue import QueueScreen
from workbench.tui.settings import KeymapError, load_keymap, parse_keymap

from .conftest import REVIEWER, SIZE
from .helpers import screen_text, settle, verdict_rows

QUEUE_IDS = {"verdict-supported", "verdict-disputed", "verdict-denied", "verdict-clear",
             "open-group", "search", "filter", "merge-mark", "merge", "back", "undo", "redo",
             "links", "note", "refresh", "export", "help", "quit", "cursor-down", "cursor-up",
             "command-palette"}
DETAIL_IDS = {"verdict-supported", "verdict-disputed", "verdict-denied", "verdict-clear",
              "split", "back", "undo", "redo", "links", "note", "refresh", "export", "help",
              "quit", "cursor-down", "cursor-up", "command-palette"}


def help_table(app) -> list[tuple[str, str, str, str]]:
    table = app.screen.query_one(DataTable)
    rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
    return [(keys, action, tooltip, binding_id) for keys, action, binding_id, tooltip in rows]


async def test_question_mark_lists_every_key_of_the_queue(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        rows = help_table(app)
        assert QUEUE_IDS <= {row[3] for row in rows}
        assert ("s", "Supported",
                "Mark the selected group supported (every claim in it)",
                "verdict-supported") in rows
        assert ("u", "Undo", "Undo your latest verdict, note or link change", "undo") \
            in [(r[0].split(",")[-1].strip(), *r[1:]) for r in rows]
        assert ("↓, j", "Down", "Move to the next group", "cursor-down") in rows
        await pilot.press("escape")
        assert isinstance(app.screen, QueueScreen)


async def test_f1_in_the_group_view_lists_its_own_keys(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        rows = help_table(app)
        ids = {row[3] for row in rows}
        assert DETAIL_IDS <= ids
        assert "merge" not in ids and "search" not in ids
        assert ("p", "Split", "Move the selected claim out of this group into a group of its own",
                "split") in rows
        await pilot.press("f1")
        assert isinstance(app.screen, GroupDetailScreen)


async def test_every_binding_has_an_id_a_description_and_a_tooltip(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for screen_rows in (help_rows(app.screen),):
            for row in screen_rows:
                if row.binding_id in QUEUE_IDS:
                    assert row.description and row.tooltip, row


async def test_a_keymap_remaps_keys_by_binding_id(make, db_path):
    app = make(keymap={"verdict-supported": "S", "undo": "z"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert verdict_rows(db_path) == []
        await pilot.press("S")
        await settle(pilot)
        assert verdict_rows(db_path) == [(8, None, "supported", REVIEWER)]
        await pilot.press("z")
        await settle(pilot)
        assert verdict_rows(db_path) == []
        await pilot.press("question_mark")
        await settle(pilot)
        rows = help_table(app)
        assert ("S", "Supported") in [(r[0], r[1]) for r in rows]
        assert ("z", "Undo") in [(r[0], r[1]) for r in rows]


def test_keymap_files_are_json_or_toml(tmp_path: Path):
    known = binding_ids()
    as_json = tmp_path / "keys.json"
    as_json.write_text(json.dumps({"verdict-supported": "S", "undo": ["z", "backspace"]}))
    assert load_keymap(as_json, known) == {"verdict-supported": "S", "undo": "z,backspace"}
    as_toml = tmp_path / "keys.toml"
    as_toml.write_text('verdict-denied = "X"\n[keymap]\nhelp = "h"\n')
    assert load_keymap(as_toml, known) == {"help": "h"}
    as_toml.write_text('verdict-denied = "X"\nhelp = "h"\n')
    assert load_keymap(as_toml, known) == {"verdict-denied": "X", "help": "h"}


@pytest.mark.parametrize("content, message", [
    ('{"verdict-supprted": "S"}', "unknown binding id 'verdict-supprted'"),
    ('{"verdict-supported": ""}', "keys for 'verdict-supported' must be"),
    ('{"verdict-supported": 3}', "keys for 'verdict-supported' must be"),
    ('["S"]', "expected a table of binding id = keys"),
    ("{", "not valid JSON"),
])
def test_bad_keymaps_are_refused_with_a_reason(tmp_path: Path, content: str, message: str):
    path = tmp_path / "keys.json"
    path.write_text(content)
    with pytest.raises(KeymapError, match=message.replace("(", r"\(")):
        load_keymap(path, binding_ids())


def test_a_missing_keymap_file_is_a_keymap_error(tmp_path: Path):
    with pytest.raises(KeymapError, match="cannot read the keymap"):
        load_keymap(tmp_path / "nope.json", binding_ids())
    assert parse_keymap({}, binding_ids()) == {}


def test_binding_ids_cover_both_screens():
    assert QUEUE_IDS | DETAIL_IDS <= binding_ids()


async def test_the_command_palette_lists_every_action_of_the_view(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Supported", "Disputed", "Denied", "Clear", "Open", "Search", "Filter", "Mark",
                "Merge", "Back", "Undo", "Redo", "Links", "Note", "Refresh", "Export", "Help",
                "Quit", "Down", "Up", "Theme"} <= titles
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Denied")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert verdict_rows(db_path) == [(8, None, "denied", REVIEWER)]
        assert "saved: group 8 → denied" in screen_text(app)
