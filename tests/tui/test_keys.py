"""Help built from the focused view's bindings, remapping keys by binding id,
and the command palette listing every action."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from textual.command import CommandPalette
from textual.widgets import DataTable

from workbench.tui.app import binding_ids
from workbench.tui.screens.detail import GroupDetailScreen
from workbench.tui.screens.help import HelpScreen, help_rows
from workbench.tui.screens.queue import QueueScreen
from workbench.tui.settings import KeymapError, key_name, keymap_views, load_keymap, parse_keymap
from workbench.tui.widgets.queue_list import QueueList

from .conftest import REVIEWER, SIZE
from .helpers import screen_text, settle, verdict_rows

QUEUE_IDS = {"verdict-supported", "verdict-disputed", "verdict-denied", "verdict-clear",
             "open-group", "search", "filter", "merge-mark", "merge", "back", "undo", "redo",
             "links", "note", "refresh", "export", "help", "quit", "cursor-down", "cursor-up",
             "command-palette"}
DETAIL_IDS = {"verdict-supported", "verdict-disputed", "verdict-denied", "verdict-not-checkable",
              "verdict-clear", "claim-verdict-supported", "claim-verdict-disputed",
              "claim-verdict-denied", "claim-verdict-not-checkable", "claim-verdict-clear",
              "claim-note", "claim-links", "next-group", "previous-group", "auto-advance",
              "edit-claim", "published-text", "move-claim", "split", "back", "undo", "redo",
              "links", "note", "refresh", "export", "help", "quit", "cursor-down", "cursor-up",
              "command-palette"}


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
                "Mark the selected group supported (the group verdict, every claim in it)",
                "verdict-supported") in rows
        assert ("o", "Not checkable",
                "Mark the selected group not checkable (the group verdict, every claim in it)",
                "verdict-not-checkable") in rows
        assert ("u", "Undo", "Undo the change the status line names (verdicts, notes, links, "
                "edits, moves, merges, splits)", "undo") \
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
        # The group verdict and the claim verdict are told apart in words.
        assert ("s", "Supported", "Mark this group supported (the group verdict, every claim "
                "in it)", "verdict-supported") in rows
        assert ("S", "Claim verdict: supported", "Mark the selected claim supported (its own "
                "claim verdict, overriding the group's)", "claim-verdict-supported") in rows
        assert ("o", "Not checkable") == next(r[:2] for r in rows if r[3] == "verdict-not-checkable")
        assert ("]", "Next group") == next(r[:2] for r in rows if r[3] == "next-group")
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
    app = make(keymap={"verdict-supported": "V", "undo": "z"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.screen.query_one(QueueList).selected_id
        await pilot.press("s")
        await settle(pilot)
        assert verdict_rows(db_path) == []
        await pilot.press("V")
        await settle(pilot)
        assert verdict_rows(db_path) == [(first, None, "supported", REVIEWER)]
        await pilot.press("z")
        await settle(pilot)
        assert verdict_rows(db_path) == []
        await pilot.press("question_mark")
        await settle(pilot)
        rows = help_table(app)
        assert ("V", "Supported") in [(r[0], r[1]) for r in rows]
        assert ("z", "Undo") in [(r[0], r[1]) for r in rows]


def test_keymap_files_are_json_or_toml(tmp_path: Path):
    known = binding_ids()
    as_json = tmp_path / "keys.json"
    as_json.write_text(json.dumps({"verdict-supported": "V", "undo": ["z", "backspace"]}))
    assert load_keymap(as_json, known) == {"verdict-supported": "V", "undo": "z,backspace"}
    as_toml = tmp_path / "keys.toml"
    as_toml.write_text('verdict-denied = "Z"\n[keymap]\nhelp = "h"\n')
    assert load_keymap(as_toml, known) == {"help": "h"}
    as_toml.write_text('verdict-denied = "Z"\nhelp = "h"\n')
    assert load_keymap(as_toml, known) == {"verdict-denied": "Z", "help": "h"}


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
        first = app.screen.query_one(QueueList).selected_id
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Supported", "Disputed", "Denied", "Not checkable", "Clear", "Open", "Search",
                "Filter", "Mark", "Merge", "Back", "Undo", "Redo", "Links", "Note", "Refresh",
                "Export", "Help", "Quit", "Down", "Up", "Theme"} <= titles
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Denied")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert verdict_rows(db_path) == [(first, None, "denied", REVIEWER)]
        assert f"saved: group {first} → denied" in screen_text(app)


async def test_the_palette_of_the_group_view_names_claim_verdicts_and_auto_advance(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        titles = {command.title for command in app.get_system_commands(screen)}
        assert {"Supported", "Not checkable", "Claim verdict: supported",
                "Claim verdict: not checkable", "Claim verdict: clear", "Claim note",
                "Claim links", "Next group", "Previous group", "Auto-advance", "Edit claim",
                "Published text", "Move claim", "Split"} <= titles
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Claim verdict: denied")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        claim = screen.selected_member().claim_id
        assert verdict_rows(db_path) == [(None, claim, "denied", REVIEWER)]


@pytest.mark.parametrize("keymap, key, first, second, view", [
    # Two ids of the keymap on one key.
    ({"verdict-supported": "z", "undo": "z"}, "z", "verdict-supported", "'undo'",
     "the group view"),
    # A key the view already uses for another action (undo's u, the claim verdict's S).
    ({"verdict-supported": "u"}, "u", "verdict-supported", "'undo'", "the group view"),
    ({"merge": "s"}, "s", "merge", "'verdict-supported'", "the queue"),
    ({"verdict-denied": "S"}, "S", "verdict-denied", "'claim-verdict-supported'",
     "the group view"),
    ({"next-group": "n"}, "n", "next-group", "'note'", "the group view"),
    # A key the focused table uses (its own cursor), and a dialog's text box keys.
    ({"split": "down"}, "down", "split", "the built-in 'cursor_down'", "the group view"),
    ({"note-save": "ctrl+a"}, "ctrl+a", "note-save", "the built-in 'home'", "the NoteDialog"),
])
def test_a_key_given_two_actions_in_one_view_is_refused_naming_both(
        keymap, key, first, second, view):
    with pytest.raises(KeymapError) as raised:
        parse_keymap(keymap, binding_ids())
    message = str(raised.value)
    assert f"key {key!r} is bound to both {first!r} and {second} in {view}" in message
    assert "\n" not in message


@pytest.mark.parametrize("keymap", [
    {"verdict-supported": "V"},          # a free key
    {"undo": "z", "verdict-supported": "u"},  # u is freed by moving undo first
    {"cursor-down": "down"},             # the table's own down does the same
    {"help": "?"},                       # a character: Textual's key name is kept
    {"verdict-supported": "p"},          # p splits in the group view only, s is the queue's...
])
def test_keymaps_without_a_clash_are_accepted(keymap):
    if keymap == {"verdict-supported": "p"}:
        with pytest.raises(KeymapError, match="'verdict-supported' and 'split'"):
            parse_keymap(keymap, binding_ids())  # ...but verdict keys work in both views
        return
    parsed = parse_keymap(keymap, binding_ids())
    assert set(parsed) == set(keymap)


def test_character_keys_are_stored_as_textual_key_names():
    assert parse_keymap({"help": "?", "next-group": "}"}, binding_ids()) == {
        "help": "question_mark", "next-group": "right_curly_bracket"}


def test_the_default_keys_pass_their_own_check():
    ids = binding_ids()
    for view, bindings in keymap_views().items():
        defaults = {bid: keys for bid, _, keys in bindings if bid}
        # Remapping every id of a view to its own default keys changes nothing.
        assert parse_keymap({k: v for k, v in defaults.items() if k in ids}, ids), view


KEY_NAMES = st.sampled_from(["a", "s", "S", "u", "z", "?", "]", "n", "N", "enter", "escape",
                             "down", "ctrl+s", "ctrl+a", "f2", "tab", "space", ",", " ", ""])
IDS = st.one_of(st.sampled_from(sorted(binding_ids())), st.text(max_size=12))
VALUES = st.one_of(KEY_NAMES, st.lists(KEY_NAMES, max_size=3), st.text(max_size=8),
                   st.integers(), st.none())


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(IDS, VALUES, max_size=5))
@example({"search-to-list": "down"})  # its default key, beside the list's own "down"
def test_any_keymap_is_accepted_or_refused_with_a_keymap_error(data):
    """Never a traceback; what is accepted has no key doing two things in a view."""
    try:
        keymap = parse_keymap(data, binding_ids())
    except KeymapError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert set(keymap) == set(data)
    for view, bindings in keymap_views().items():
        owner: dict[str, set[str]] = {}
        for bid, action, default in bindings:
            keys = keymap.get(bid, default) if bid else default
            for key in keys.split(","):
                owner.setdefault(key_name(key), set()).add(bid or action)
        # keys an id has by default in this view are the app's design (the
        # search box's "down" to the list beside the list's own "down"): a
        # keymap that gives an id its own default key adds no clash
        designed = {(b, key_name(k)) for b, _, default in bindings if b
                    for k in default.split(",") if k.strip()}
        for bid, keys in keymap.items():
            for key in keys.split(","):
                if (bid, key) in designed:
                    continue
                others = owner.get(key, set()) - {bid}
                ids_there = {b for b, _, _ in bindings}
                if bid in ids_there:
                    assert not others & ids_there - {None}, (view, key, others)


async def test_the_app_starts_with_a_checked_keymap_only(make, tmp_path: Path):
    """A refused keymap file never reaches the app: load_keymap raises before it."""
    path = tmp_path / "keys.json"
    path.write_text(json.dumps({"verdict-supported": "V", "undo": "V"}))
    with pytest.raises(KeymapError):
        load_keymap(path, binding_ids())
