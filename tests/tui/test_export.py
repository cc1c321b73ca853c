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
        app.screen.query_one(RadioSet).focus()
        await pilot.press("right", "enter")
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
    assert [g["id"] for g in exported["groups"]] == [8]
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
        assert status_text(app) == (f"exported 1 groups as ClaimReview (1 claims) "
                                    f"to {out / 'reviews.json'}")
    reviews = json.loads((out / "reviews.json").read_text())
    assert isinstance(reviews, list) and len(reviews) == 1
    assert reviews[0]["@type"] == "ClaimReview"
    assert reviews[0]["author"] == {"@type": "Organization", "name": "Cek Fakta"}
    assert reviews[0]["url"] == "https://checks.example/g/8"


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
                                   "press Export again to replace it")
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
