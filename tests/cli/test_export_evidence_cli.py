"""`workbench export` of the review desk's states through the real CLI: not_checkable
as a --verdict choice, ClaimReview saying how many judged groups it left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlite_utils import Database

from tests.unit.test_export_evidence import Desk, build_desk
from workbench.cli import exchange_cmds as _x  # noqa: F401  (registers commands)
from workbench.cli.app import cli

CLAIMREVIEW = ["--format", "claimreview", "--publisher", "Cek Fakta",
               "--url-template", "https://cekfakta.example/c/{group_id}"]
LEFT_OUT = ("note: left out 3 groups: 1 not checkable, 2 with evidence but no label "
            "(never published as ClaimReview)")


def run(db: Path, *args: str) -> Result:
    return CliRunner(env={"COLUMNS": "300"}).invoke(
        cli, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture
def desk(fixture_db: Database) -> Desk:
    found = build_desk(fixture_db)
    fixture_db.conn.close()
    return found


def test_verdict_not_checkable_and_reviewed_only_filters(db_path: Path, desk: Desk) -> None:
    result = run(db_path, "export", "--format", "jsonl", "--verdict", "not_checkable")
    assert result.exit_code == 0, result.output
    groups = [json.loads(x) for x in result.stdout.splitlines()]
    assert [g["id"] for g in groups if g["kind"] == "group"] == [desk.ids["b"]]
    result = run(db_path, "export", "--reviewed-only")
    assert desk.ids["e"] not in [g["id"] for g in json.loads(result.stdout)["groups"]]


def test_claimreview_says_how_many_groups_it_left_out(
    db_path: Path, desk: Desk, tmp_path: Path
) -> None:
    target = tmp_path / "checks.json"
    result = run(db_path, "export", *CLAIMREVIEW, "-o", str(target))
    assert result.exit_code == 0, result.output
    lines = result.stderr.strip().splitlines()
    assert lines[-2:] == [f"exported 2 groups (4 claims, 2 verdicts) to {target}", LEFT_OUT]
    to_stdout = run(db_path, "export", *CLAIMREVIEW)
    assert to_stdout.exit_code == 0 and to_stdout.stderr.strip().splitlines()[-1] == LEFT_OUT
    assert len(json.loads(to_stdout.stdout)) == 2


def test_a_rating_map_rating_not_checkable_is_one_line_usage_error(
    db_path: Path, desk: Desk, tmp_path: Path
) -> None:
    ratings = tmp_path / "ratings.json"
    ratings.write_text('{"not_checkable": {"name": "Unrated", "value": 3}}', encoding="utf-8")
    result = run(db_path, "export", *CLAIMREVIEW, "--rating-map", str(ratings))
    assert result.exit_code == 2
    assert "not_checkable has no rating" in result.stderr and "Traceback" not in result.output
