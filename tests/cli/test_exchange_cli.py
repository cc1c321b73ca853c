"""`workbench export` and `workbench import` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator
from sqlite_utils import Database

from tests.unit.test_exchange_export import SCHEMA, Reviewed, build_reviewed
from workbench.cli import exchange_cmds as _x  # noqa: F401  (registers commands)
from workbench.cli.app import cli
from workbench.review import ReviewService
from workbench.store import open_store

CLAIMREVIEW = ["--format", "claimreview", "--publisher", "Cek Fakta",
               "--url-template", "https://cekfakta.example/c/{group_id}"]


def run(db: Path, *args: str, input: str | None = None) -> Result:
    return CliRunner(env={"COLUMNS": "300"}).invoke(
        cli, ["--db", str(db), *args], input=input, catch_exceptions=False)


@pytest.fixture
def reviewed(fixture_db: Database) -> Reviewed:
    reviewed = build_reviewed(fixture_db)
    fixture_db.conn.close()
    return reviewed


def test_export_json_to_stdout_is_a_valid_document(db_path: Path, reviewed: Reviewed) -> None:
    result = run(db_path, "export")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert list(Draft202012Validator(SCHEMA).iter_errors(doc)) == []
    assert len(doc["groups"]) == 5 and result.stderr == ""


def test_export_filters_and_jsonl_stream(db_path: Path, reviewed: Reviewed) -> None:
    result = run(db_path, "export", "--format", "jsonl", "--verdict", "supported",
                 "--verdict", "disputed", "--since", "2021-01-01")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [g["id"] for g in lines if g["kind"] == "group"] == [reviewed.ids["a"],
                                                               reviewed.ids["b"]]
    assert lines[0]["filters"] == {"verdicts": ["supported", "disputed"],
                                   "since": "2021-01-01", "reviewed_only": False}


def test_export_to_a_file_reports_what_it_wrote(
    db_path: Path, reviewed: Reviewed, tmp_path: Path
) -> None:
    target = tmp_path / "checks.json"
    result = run(db_path, "export", *CLAIMREVIEW, "-o", str(target))
    assert result.exit_code == 0, result.output
    *checks, done = result.stderr.strip().splitlines()
    assert done == f"exported 3 groups (6 claims, 3 verdicts) to {target}"
    # The seed articles have no URL, so a group whose claim names no speaker is flagged.
    assert checks == [f"warning: group {reviewed.ids['b']}: missing itemReviewed.appearance "
                      "with a url, or itemReviewed.author (workbench articles set-url ID URL)"]
    items = json.loads(target.read_text(encoding="utf-8"))
    # The default scale's names (True / Misleading / False).
    assert [i["reviewRating"]["alternateName"] for i in items] == ["Misleading", "True",
                                                                   "False"]


def test_export_to_an_unwritable_place_is_one_line_and_exit_1(
    db_path: Path, reviewed: Reviewed, tmp_path: Path
) -> None:
    result = run(db_path, "export", "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert result.exit_code == 1
    assert result.stderr == f"error: cannot write {tmp_path}/no/such/dir.json: No such file or " \
                            "directory\n"
    assert not (tmp_path / "no").exists()


def test_claimreview_without_publisher_is_a_usage_error(db_path: Path) -> None:
    result = run(db_path, "export", "--format", "claimreview")
    assert result.exit_code == 2
    assert "--format claimreview needs --publisher NAME" in result.stderr
    result = run(db_path, "export", "--since", "yesterday")
    assert result.exit_code == 2 and "not an ISO date" in result.stderr


def test_import_prints_counts_then_conflicts_and_prefer_theirs_takes_theirs(
    db_path: Path, reviewed: Reviewed, tmp_path: Path
) -> None:
    export = tmp_path / "mine.jsonl"
    assert run(db_path, "export", "--format", "jsonl", "-o", str(export)).exit_code == 0
    other = tmp_path / "other.db"
    result = run(other, "import", str(export))
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"imported {export}: 5 articles added, 11 claims added, 5 groups "
                             "added, 5 verdicts added, 10 history rows added\n")
    with open_store(other) as db:
        ReviewService(db, "desk_b").set_verdict(reviewed.ids["a"], "supported")
    theirs = tmp_path / "theirs.json"
    assert run(other, "export", "-o", str(theirs)).exit_code == 0

    result = run(db_path, "import", str(theirs))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"imported {theirs}: 5 articles matched, 11 claims matched, " \
                       "5 groups matched, 1 history rows added"
    assert lines[1] == "1 conflicts (kept local; --prefer theirs takes the file's):"
    assert lines[2].startswith(f"  group {reviewed.ids['a']}: local disputed by desk_a (")
    assert "theirs supported by desk_b" in lines[2]

    result = run(db_path, "import", "--prefer", "theirs", str(theirs))
    assert result.exit_code == 0, result.output
    assert "verdicts replaced" in result.stdout and "(kept theirs):" in result.stdout
    again = run(db_path, "import", str(theirs))
    assert again.stdout.startswith(f"imported {theirs}: 5 articles matched, 11 claims matched, "
                                   "5 groups matched\n")


def test_import_from_stdin(db_path: Path, reviewed: Reviewed, tmp_path: Path) -> None:
    text = run(db_path, "export", "--format", "jsonl").stdout
    result = run(tmp_path / "other.db", "import", "-", input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("imported <stdin>: 5 articles added")


def test_import_of_a_bad_file_is_one_line_exit_1_and_nothing_changes(
    db_path: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format_version": 7, "groups": []}', encoding="utf-8")
    result = run(db_path, "import", str(bad))
    assert result.exit_code == 1
    assert result.stderr == (f"error: {bad}: made by a newer Claim Workbench (format_version 7; "
                             "this version reads format_version 1) (nothing was imported)\n")
    missing = run(db_path, "import", str(tmp_path / "gone.json"))
    assert missing.exit_code == 1 and missing.stderr.startswith("error: ")
    assert "cannot read it (No such file or directory)" in missing.stderr
