"""`workbench groups` lists groups in the review queue's order, takes the
queue's sort keys, and shows who asserts, who answers and what is contested."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.unit.desk_db import Desk
from tests.unit.test_queue_order import build_queue_desk
from workbench.cli import grouping
from workbench.cli.app import cli
from workbench.store import open_store, queue


def run(db: Path, *args: str, columns: int = 300) -> Result:
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(cli, ["--db", str(db), *args],
                                                           catch_exceptions=False)


@pytest.fixture
def desk(db_path: Path) -> Desk:
    db = open_store(db_path)
    desk = build_queue_desk(db)
    db.conn.close()
    return desk


def table_rows(stdout: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("│")[1:-1]] for line in stdout.splitlines()
            if line.startswith("│") and line.split("│")[1].strip().isdigit()]


@pytest.mark.parametrize("sort", queue.SORTS)
def test_table_plain_and_json_follow_the_queue_order(desk: Desk, db_path: Path, sort: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    expected = queue.ordered_ids(open_store(db_path), sort=sort)
    table = run(db_path, "groups", "--sort", sort)
    assert table.exit_code == 0, table.output
    assert [int(r[0]) for r in table_rows(table.stdout)] == expected
    listed = json.loads(run(db_path, "groups", "--json", "--sort", sort).stdout)
    assert [g["id"] for g in listed] == expected
    monkeypatch.setattr(grouping, "TABLE_MAX", 3)  # streamed as tab-separated lines
    plain = run(db_path, "groups", "--limit", "0", "--sort", sort).stdout.splitlines()
    assert [int(line.split("\t")[0]) for line in plain[1:]] == expected


def test_default_order_is_what_needs_a_decision_first(desk: Desk, db_path: Path) -> None:
    rows = table_rows(run(db_path, "groups").stdout)
    by_id = {gid: key for key, gid in desk.groups.items()}
    assert [by_id[int(r[0])] for r in rows][:3] == ["denials", "shipments", "visit"]
    first = run(db_path, "groups", "--limit", "2")
    assert [int(r[0]) for r in table_rows(first.stdout)] == [desk.groups["denials"],
                                                             desk.groups["shipments"]]


def test_columns_show_contest_and_speakers(desk: Desk, db_path: Path) -> None:
    result = run(db_path, "groups")
    header = next(line for line in result.stdout.splitlines() if line.startswith("┃"))
    assert [h.strip() for h in header.split("┃")[1:-1]] == list(grouping.COLUMNS)
    rows = {int(r[0]): r for r in table_rows(result.stdout)}
    g = desk.groups
    shipments = rows[g["shipments"]]
    assert shipments[6] == "contested"
    assert shipments[7] == "John Kirby, White House" and shipments[8] == "Dmitry Peskov"
    assert rows[g["visit"]][6] == "" and rows[g["visit"]][7] == "TASS"
    assert rows[g["disagree"]][6] == "contested, reviewers differ"
    assert rows[g["opinion"]][4] == "not_checkable"
    assert rows[g["evidence"]][4] == "—"  # evidence alone is no verdict
    assert rows[g["shipments"]][5] == "0.60"


def test_a_narrow_terminal_still_lists_every_group(desk: Desk, db_path: Path) -> None:
    result = run(db_path, "groups", columns=80)
    assert result.exit_code == 0
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    assert "9 groups" in result.stdout


def test_an_unknown_sort_is_refused(desk: Desk, db_path: Path) -> None:
    result = run(db_path, "groups", "--sort", "alphabet")
    assert result.exit_code == 2
    assert "priority" in result.stderr and "Traceback" not in result.output
