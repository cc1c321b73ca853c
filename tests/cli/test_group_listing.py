"""`workbench groups` at any size: the table is capped and says so, large
listings stream as plain lines, and `--json` streams the same document
`json.dumps` would give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlite_utils import Database

from tests.unit.test_exchange_export import Reviewed, build_reviewed
from workbench.cli import grouping
from workbench.cli.app import cli
from workbench.store import groups as store
from workbench.store import open_store, queue


def run(db: Path, *args: str) -> Result:
    return CliRunner(env={"COLUMNS": "300"}).invoke(cli, ["--db", str(db), *args],
                                                    catch_exceptions=False)


@pytest.fixture
def reviewed(fixture_db: Database) -> Reviewed:
    reviewed = build_reviewed(fixture_db)
    fixture_db.conn.close()
    return reviewed


def test_groups_table_is_capped_and_says_how_to_see_all(db_path: Path, reviewed: Reviewed) -> None:
    capped = run(db_path, "groups", "--limit", "2")
    assert capped.exit_code == 0
    assert "2 of 5 groups" in capped.stdout
    assert capped.stderr.strip() == "showing 2 of 5 groups; --limit 0 for all"
    every = run(db_path, "groups", "--limit", "0")
    assert "5 groups" in every.stdout and every.stderr == ""
    shown = [line.split("│")[1].strip() for line in every.stdout.splitlines()
             if line.startswith("│") and line.split("│")[1].strip().isdigit()]
    assert sorted(map(int, shown)) == sorted(reviewed.ids.values())


def test_more_rows_than_a_table_holds_stream_as_tab_separated_lines(
    db_path: Path, reviewed: Reviewed, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(grouping, "TABLE_MAX", 3)
    result = run(db_path, "groups", "--limit", "0")
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["id", "size", "arts", "lang", "verdict", "worth", "flags",
                                    "asserting", "answering", "claim"]
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(r) == 10 for r in rows)
    assert {r[4] for r in rows} >= {"disputed", "supported", "denied", "-"}
    # The review queue's order: undecided groups first, then the decided ones.
    assert [int(r[0]) for r in rows] == queue.ordered_ids(open_store(db_path))
    verdicts = [r[4] for r in rows]
    assert verdicts == sorted(verdicts, key=lambda v: v != "-")


@pytest.mark.parametrize("limit", [None, "2", "0"])
def test_groups_json_is_the_same_document_written_a_batch_at_a_time(
    db_path: Path, reviewed: Reviewed, limit: str | None
) -> None:
    result = run(db_path, "groups", "--json", *(["--limit", limit] if limit else []))
    db = open_store(db_path)
    summaries = store.summaries(db, queue.ordered_ids(db))  # in the review queue's order
    if limit and limit != "0":
        summaries = summaries[:int(limit)]
    expected = json.dumps(grouping.groups_json(db, summaries), ensure_ascii=False, indent=2)
    assert result.stdout == expected + "\n"
    assert len(json.loads(result.stdout)) == len(summaries)


def test_groups_json_of_an_empty_database_is_an_empty_list(db_path: Path) -> None:
    assert run(db_path, "groups", "--json").stdout == "[]\n"
