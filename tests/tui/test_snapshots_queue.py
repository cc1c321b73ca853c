"""Snapshots of the queue side at 80x24 and 160x45: the queue (a contested
group, two reviewers who disagree, a not-checkable group, marks), the filter,
export (json and ClaimReview) and merge dialogs, and the help.

Update with `pytest tests/tui/test_snapshots_queue.py --snapshot-update`
after reading the new SVGs (claim text, columns and footer keys visible)."""

from __future__ import annotations

import pytest

from workbench.review import ReviewService
from workbench.store import open_store, reviewer_state
from workbench.tui.screens.export_dialog import PUBLISHER_ENV, PUBLISHER_URL_ENV, URL_TEMPLATE_ENV

from .conftest import REVIEWER
from .helpers import settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]


@pytest.fixture(autouse=True)
def fixed_surroundings(monkeypatch, db_path):
    """What the screens show besides the database: the directory, the environment."""
    for name in (PUBLISHER_ENV, PUBLISHER_URL_ENV, URL_TEMPLATE_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir("/")
    store = open_store(db_path)
    # Two reviewers disagree on group 3; group 6 is not checkable; group 2 supported.
    ReviewService(store, "ann").set_verdict(3, "supported")
    ReviewService(store, "bob").set_verdict(3, "denied")
    ReviewService(store, REVIEWER).set_verdict(6, "not_checkable")
    ReviewService(store, REVIEWER).set_verdict(2, "supported",
                                               note="Satellite images show the shipments.")
    # A remembered export file, so the dialog shows no clock-dependent name.
    reviewer_state.save(store, REVIEWER, {"export_path": "/exports/review.json"})
    store.conn.close()


def keys(*pressed: str):
    async def run(pilot) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run


@pytest.mark.parametrize("size", SIZES)
def test_queue_desk_snapshot(snap_compare, make, size):
    assert snap_compare(make(), terminal_size=size, run_before=keys("m", "j", "j", "m", "j"))


@pytest.mark.parametrize("size", SIZES)
def test_queue_disagreement_selected_snapshot(snap_compare, make, size):
    # Reviewed groups go last: group 3 (two reviewers) is among them.
    async def run(pilot) -> None:
        await settle(pilot)
        queue = pilot.app.screen.query_one("#queue")
        queue.cursor = queue.ids.index(3)
        await settle(pilot)

    assert snap_compare(make(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_filter_dialog_snapshot(snap_compare, make, size):
    assert snap_compare(make(), terminal_size=size, run_before=keys("f"))


@pytest.mark.parametrize("size", SIZES)
def test_export_dialog_json_snapshot(snap_compare, make, size):
    assert snap_compare(make(), terminal_size=size, run_before=keys("e"))


@pytest.mark.parametrize("size", SIZES)
def test_export_dialog_claimreview_snapshot(snap_compare, make, size):
    async def run(pilot) -> None:
        await keys("e", "right", "right", "space")(pilot)

    assert snap_compare(make(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_merge_confirmation_snapshot(snap_compare, make, size):
    assert snap_compare(make(), terminal_size=size, run_before=keys("m", "j", "m", "end", "m",
                                                                    "M"))


@pytest.mark.parametrize("size", SIZES)
def test_queue_help_snapshot(snap_compare, make, size):
    assert snap_compare(make(), terminal_size=size, run_before=keys("question_mark"))
