"""Snapshots of the queue, the group view, the link dialog and the help, at a
fixed terminal size. Update them with `pytest tests/tui --snapshot-update`
after checking the new SVGs by eye."""

from __future__ import annotations

from workbench.review import ReviewService
from workbench.store import open_store

from .conftest import SIZE
from .helpers import settle


def judge_some(db_path) -> None:
    service = ReviewService(open_store(db_path), "tester")
    service.set_verdict(2, "supported", note="Satellite images show the shipments.",
                        links=["https://example.org/white-house-briefing"])
    service.set_verdict(6, "disputed")
    service.set_verdict(1, "denied", claim_id=4)


def keys(*pressed: str):
    async def run(pilot) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run


def test_queue_snapshot(snap_compare, make, db_path):
    judge_some(db_path)
    assert snap_compare(make(), terminal_size=SIZE, run_before=keys("j", "m", "j"))


def test_group_view_snapshot(snap_compare, make, db_path):
    judge_some(db_path)
    assert snap_compare(make(), terminal_size=SIZE, run_before=keys("j", "enter", "j"))


def test_link_dialog_snapshot(snap_compare, make, db_path):
    judge_some(db_path)
    # Reviewed groups come last: group 2 is second to last.
    assert snap_compare(make(), terminal_size=SIZE, run_before=keys("end", "k", "l"))


def test_link_dialog_refusing_a_url_snapshot(snap_compare, make, db_path):
    judge_some(db_path)

    async def run(pilot) -> None:
        await keys("end", "k", "l")(pilot)
        await pilot.press(*"ftp://files.example/x", "enter")
        await settle(pilot)

    assert snap_compare(make(), terminal_size=SIZE, run_before=run)


def test_help_snapshot(snap_compare, make, db_path):
    assert snap_compare(make(), terminal_size=SIZE, run_before=keys("question_mark"))
