"""The export dialog (`e`): format, file, ClaimReview fields, refusals shown
inside the dialog, and the export itself, checked in the written file."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from workbench.tui.screens.export_dialog import (
    PUBLISHER_ENV,
    PUBLISHER_URL_ENV,
    URL_TEMPLATE_ENV,
    ExportDialog,
)
from workbench.tui.screens.queue import QueueScreen

from .conftest import SIZE
from .helpers import screen_text, settle

TEMPLATE = "https://checks.example/g/{group_id}"


@pytest.fixture(autouse=True)
def no_publisher_env(monkeypatch):
    for name in (PUBLISHER_ENV, PUBLISHER_URL_ENV, URL_TEMPLATE_ENV):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def out(tmp_path: Path, monkeypatch) -> Path:
    """An empty current directory (the database lives beside it, in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def error_text(app) -> str:
    return str(app.screen.query_one("#error", Static).content)


def status_text(app) -> str:
    return str(app.screen.query_one("#status", Static).content)


def path_input(app) -> Input:
    return app.screen.query_one("#export-path", Input)


async def open_dialog(pilot, *before: str) -> ExportDialog:
    await settle(pilot)
    await pilot.press(*before, "e")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


async def choose(pilot, fmt: str) -> None:
    pilot.app.screen.query_one(f"#fmt-{fmt}", RadioButton).value = True
    await settle(pilot)


async def export_to(pilot, path: Path | str) -> None:
    """Type the path and press Enter in it, as a keyboard user would."""
    field = path_input(pilot.app)
    field.value = str(path)
    field.focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_e_opens_the_dialog_and_writes_the_chosen_format_to_the_chosen_file(app, out):
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, "s")
        assert path_input(app).value.startswith("workbench-export-")
        assert path_input(app).value.endswith("Z.json")
        # Choose jsonl with the keyboard: the suggested name follows the format.
        assert app.screen.query_one(RadioSet).has_focus  # the first field has the focus
        await pilot.press("right", "space")
        await settle(pilot)
        assert path_input(app).value.endswith("Z.jsonl")
        assert not (out / path_input(app).value).exists()
        await export_to(pilot, out / "review.jsonl")
        assert isinstance(app.screen, QueueScreen)
        assert status_text(app).startswith("exported 8 groups (")
        assert status_text(app).endswith(f" to {out / 'review.jsonl'}")
    lines = [json.loads(line) for line in (out / "review.jsonl").read_text().splitlines()]
    assert lines[0]["kind"] == "header" and lines[0]["format_version"] == 1
    assert lines[-1] == {"kind": "end", "articles": lines[-1]["articles"], "groups": 8}
    groups = [x for x in lines if x["kind"] == "group"]
    assert [g["verdict"]["label"] for g in groups if g["verdict"]] == ["supported"]
    assert [p.name for p in out.iterdir()] == ["review.jsonl"]


async def test_reviewed_only_exports_only_judged_groups(app, out):
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, "s")
        app.screen.query_one("#reviewed-only").focus()
        await pilot.press("space")
        await export_to(pilot, "judged.json")
        assert f" to {out / 'judged.json'}" in status_text(app)
    exported = json.loads((out / "judged.json").read_text())
    assert [g["id"] for g in exported["groups"]] == [1]
    assert exported["filters"]["reviewed_only"] is True


async def test_claimreview_without_a_publisher_is_refused_in_the_dialog(app, out):
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, "s")
        assert not app.screen.query_one("#claimreview-fields").display
        await choose(pilot, "claimreview")
        assert app.screen.query_one("#claimreview-fields").display
        assert path_input(app).value.endswith("Z.claimreview.json")
        await export_to(pilot, out / "reviews.json")
        assert isinstance(app.screen, ExportDialog)
        assert error_text(app).startswith("not exported: ClaimReview needs the publisher")
        assert app.screen.query_one("#publisher", Input).has_focus
        app.screen.query_one("#publisher", Input).value = "Cek Fakta"
        await export_to(pilot, out / "reviews.json")
        assert "{group_id}" in error_text(app)
        assert app.screen.query_one("#url-template", Input).has_focus
        assert list(out.iterdir()) == []

        app.screen.query_one("#url-template", Input).value = TEMPLATE
        app.screen.query_one("#export", Button).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert status_text(app).startswith("exported 1 groups as ClaimReview (5 claims)")
        assert status_text(app).endswith(f"to {out / 'reviews.json'}")
    reviews = json.loads((out / "reviews.json").read_text())
    assert isinstance(reviews, list) and len(reviews) == 1
    assert reviews[0]["@type"] == "ClaimReview"
    assert reviews[0]["author"] == {"@type": "Organization", "name": "Cek Fakta"}
    assert reviews[0]["url"] == "https://checks.example/g/1"


async def test_claimreview_fields_come_from_the_environment(app, out, monkeypatch):
    monkeypatch.setenv(PUBLISHER_ENV, "Cek Fakta")
    monkeypatch.setenv(PUBLISHER_URL_ENV, "https://cekfakta.example")
    monkeypatch.setenv(URL_TEMPLATE_ENV, TEMPLATE)
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, "d")
        await choose(pilot, "claimreview")
        assert app.screen.query_one("#publisher", Input).value == "Cek Fakta"
        await export_to(pilot, "reviews.json")
        assert isinstance(app.screen, QueueScreen)
    (review,) = json.loads((out / "reviews.json").read_text())
    assert review["author"]["url"] == "https://cekfakta.example"
    assert review["reviewRating"]["alternateName"] == "Misleading"  # disputed, on the default scale


async def test_a_path_in_a_missing_directory_is_refused_in_the_dialog_as_plain_text(app, out):
    target = out / "[b]missing" / "x.json"
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot)
        await export_to(pilot, target)
        assert isinstance(app.screen, ExportDialog)
        assert error_text(app) == (f"not exported: cannot write {target}: "
                                   "No such file or directory")
        assert "[b]missing" in screen_text(app)  # shown literally, not as markup
        assert path_input(app).has_focus and path_input(app).value == str(target)
        assert not app.screen.query_one("#export", Button).disabled
        # Fix the path: the same dialog exports.
        await export_to(pilot, out / "x.json")
        assert isinstance(app.screen, QueueScreen)
    assert [p.name for p in out.iterdir()] == ["x.json"]


async def test_an_existing_file_is_replaced_only_when_export_is_pressed_again(app, out):
    (out / "old.json").write_text("keep me")
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot)
        await export_to(pilot, "old.json")
        assert error_text(app) == (f"not exported: {out / 'old.json'} exists: "
                                   "press Export (Enter) again to replace it")
        assert (out / "old.json").read_text() == "keep me"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
    assert json.loads((out / "old.json").read_text())["format_version"] == 1


async def test_an_edited_path_keeps_its_name_when_the_format_changes(app, out):
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot)
        path_input(app).value = "mine.json"
        await choose(pilot, "jsonl")
        assert path_input(app).value == "mine.json"


async def test_escape_closes_the_dialog_without_writing(app, out):
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, "s")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        await open_dialog(pilot)
        app.screen.query_one("#close", Button).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
    assert list(out.iterdir()) == []


async def test_closing_the_dialog_mid_export_still_reports_the_outcome(app, out, monkeypatch):
    release = threading.Event()
    real = app.session.export

    def slow_export(path, fmt="json", **options):
        assert release.wait(10)
        return real(path, fmt, **options)

    monkeypatch.setattr(app.session, "export", slow_export)
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot)
        path_input(app).value = "big.json"
        path_input(app).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert error_text(app) == f"exporting to {out / 'big.json'} …"
        assert app.screen.query_one("#export", Button).disabled
        await pilot.press("enter")  # a second Enter starts nothing
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)
        release.set()
        await settle(pilot)
        assert status_text(app).endswith(f" to {out / 'big.json'}")
    assert [p.name for p in out.iterdir()] == ["big.json"]


async def test_the_command_palette_opens_the_export_dialog(app, out):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Export")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)


def focus_order(app) -> list[str]:
    return [w.id or "" for w in app.screen.focus_chain]


async def test_focus_follows_the_screen_and_tab_tab_enter_exports(app, out, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot)
        assert focus_order(app) == ["export-format", "reviewed-only", "export-path", "export",
                                    "close"]
        await choose(pilot, "claimreview")
        assert focus_order(app) == ["export-format", "reviewed-only", "export-path",
                                    "publisher", "publisher-url", "url-template", "export",
                                    "close"]
        await choose(pilot, "json")
        app.screen.query_one(RadioSet).focus()
        await pilot.press("tab", "tab", "enter")  # format, box, file: Enter exports
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert status_text(app).startswith("exported 8 groups (")
    (written,) = out.glob("workbench-export-*.json")
    assert len(json.loads(written.read_text())["groups"]) == 8


async def test_enter_on_the_format_or_the_box_exports_and_space_chooses(app, out):
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, "s")
        box = app.screen.query_one("#reviewed-only")
        box.focus()
        await pilot.press("space")
        assert box.value is True
        await pilot.press("enter")  # exports (Space, not Enter, ticks the box)
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        (first,) = out.glob("*.json")
        assert [g["id"] for g in json.loads(first.read_text())["groups"]] == [1]
        first.unlink()
        await open_dialog(pilot)
        assert app.screen.query_one(RadioSet).has_focus
        await pilot.press("right", "enter")  # Enter exports the chosen format (json)
        await settle(pilot)
        (second,) = out.iterdir()
        assert second.name.endswith(".json")
        second.unlink()
        await open_dialog(pilot)
        await pilot.press("right", "space", "enter")  # Space chooses jsonl, Enter exports
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
    (second,) = out.iterdir()
    assert second.name.endswith(".jsonl")


async def test_the_box_shows_its_mark_only_when_ticked_and_exports_what_it_shows(app, out):
    from .helpers import widget_text

    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, "s")
        box = app.screen.query_one("#reviewed-only")
        assert box.value is False and "X" not in widget_text(box)
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert box.value is True and "X" in widget_text(box)
        await pilot.press("space")
        await pilot.pause()
        assert box.value is False and "X" not in widget_text(box)
        # Only the chosen format shows a dot.
        dots = [widget_text(b).count("●") for b in app.screen.query(RadioButton)]
        assert dots == [1, 0, 0]
        await export_to(pilot, "all.json")
    exported = json.loads((out / "all.json").read_text())
    assert len(exported["groups"]) == 8 and exported["filters"]["reviewed_only"] is False


async def test_the_last_format_and_file_are_remembered_per_reviewer(make, db_path, out):
    from .conftest import REVIEWER
    from .helpers import committed

    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot)
        await choose(pilot, "jsonl")
        await export_to(pilot, out / "mine.jsonl")
        assert isinstance(app.screen, QueueScreen)
        await open_dialog(pilot)
        assert app.screen.query_one("#fmt-jsonl", RadioButton).value
        assert path_input(app).value == str(out / "mine.jsonl")
        await pilot.press("escape")
        await settle(pilot)
    (state,) = committed(db_path, "SELECT state FROM reviewer_state WHERE reviewer = ?",
                         [REVIEWER])
    saved = json.loads(state[0])
    assert saved["export_format"] == "jsonl"
    assert saved["export_path"] == str(out / "mine.jsonl")
    # A new session of the same reviewer offers them again; another reviewer's does not.
    again = make()
    async with again.run_test(size=SIZE) as pilot:
        await open_dialog(pilot)
        assert again.screen.query_one("#fmt-jsonl", RadioButton).value
        assert path_input(again).value == str(out / "mine.jsonl")
        await pilot.press("enter")  # the file exists: Enter asks first
        await settle(pilot)
        assert "exists: press Export (Enter) again" in error_text(again)
    other = make(reviewer="someone else")
    async with other.run_test(size=SIZE) as pilot:
        await open_dialog(pilot)
        assert other.screen.query_one("#fmt-json", RadioButton).value
        assert path_input(other).value.endswith("Z.json")


async def test_escape_says_the_export_was_cancelled(app, out):
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot)
        app.screen.query_one("#close", Button).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert status_text(app) == "export cancelled: nothing was written"
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("fmt", ["json", "claimreview"])
async def test_the_dialog_fits_80x24_with_its_buttons_on_screen(app, out, fmt):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot)
        await choose(pilot, fmt)
        for button in app.screen.query(Button):
            region = button.region
            assert region.height > 0 and region.bottom <= 24 and region.right <= 80, button.id
        text = screen_text(app)
        assert "Export (Enter)" in text and "Cancel (Escape)" in text
        # The last field scrolls into view when it gets the focus.
        last = "#url-template" if fmt == "claimreview" else "#export-path"
        app.screen.query_one(last, Input).focus()
        await settle(pilot)
        field = app.screen.query_one(last, Input)
        assert 0 < field.region.bottom <= 24
