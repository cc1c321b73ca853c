"""`workbench verdict`, `undo` and `redo` through the real CLI and a real database file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlite_utils import Database

from tests.unit.test_review_service import Groups, build_groups, history_rows, link_rows
from workbench.cli import review_cmds as _commands  # noqa: F401  (registers the commands)
from workbench.cli.app import cli
from workbench.store import groups


def run(db: Path, *args: str) -> Result:
    runner = CliRunner(env={"COLUMNS": "400", "WORKBENCH_REVIEWER": None})
    return runner.invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture
def grouped(fixture_db: Database) -> Groups:
    return build_groups(fixture_db)


def verdicts(db: Database) -> list[tuple[int | None, int | None, str, str, str | None]]:
    return [(r["group_id"], r["claim_id"], r["label"], r["reviewer"], r["note"]) for r in
            db.query("SELECT * FROM verdicts ORDER BY id")]


def test_verdict_with_links_and_note_is_stored_and_confirmed(
    db_path: Path, fixture_db: Database, grouped: Groups
) -> None:
    result = run(db_path, "verdict", str(grouped.a), "disputed", "--link",
                 "https://example.org/a", "--link", " http://example.org/b ", "--note",
                 "two sources disagree", "--reviewer", "desk_a")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"group {grouped.a}: disputed by desk_a (2 links, note)"
    assert verdicts(fixture_db) == [(grouped.a, None, "disputed", "desk_a",
                                     "two sources disagree")]
    assert link_rows(fixture_db) == [(1, "https://example.org/a", None),
                                     (1, "http://example.org/b", None)]
    # a second --link adds to the links already there; the note is kept
    result = run(db_path, "verdict", str(grouped.a), "supported", "--link",
                 "https://example.org/c", "--reviewer", "desk_a")
    assert result.stdout.strip() == f"group {grouped.a}: supported by desk_a (3 links, note)"
    assert [r["action"] for r in history_rows(fixture_db)] == ["set", "set"]


def test_claim_verdict_overrides_the_group(db_path: Path, fixture_db: Database,
                                           grouped: Groups) -> None:
    claim = grouped.b_claims[0]
    result = run(db_path, "verdict", str(grouped.b), "denied", "--claim", str(claim),
                 "--reviewer", "desk_b")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"claim {claim} of group {grouped.b}: denied by desk_b"
    assert verdicts(fixture_db) == [(None, claim, "denied", "desk_b", None)]


def test_default_reviewer_is_the_login_name(db_path: Path, fixture_db: Database,
                                            grouped: Groups, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    monkeypatch.setenv("LOGNAME", "desk-editor")
    result = run(db_path, "verdict", str(grouped.c), "supported")
    assert result.exit_code == 0, result.output
    assert verdicts(fixture_db)[0][3] == "desk-editor"


@pytest.mark.parametrize(("args", "message"), [
    (["--link", "ftp://example.org/x"], "only http and https links are accepted"),
    (["--link", "javascript:alert(1)"], "only http and https links are accepted"),
    (["--link", "http://"], "the link has no host"),
    (["--link", "https://exa mple.org"], "spaces or control characters"),
    (["--claim", "999999"], "claim 999999 is not in group"),
])
def test_refused_verdicts_print_one_error_line_and_store_nothing(
    db_path: Path, fixture_db: Database, grouped: Groups, args: list[str], message: str
) -> None:
    result = run(db_path, "verdict", str(grouped.a), "supported", *args, "--reviewer", "desk_a")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert verdicts(fixture_db) == [] and history_rows(fixture_db) == []


def test_merged_and_missing_groups_are_refused(db_path: Path, fixture_db: Database,
                                               grouped: Groups) -> None:
    groups.merge(fixture_db, grouped.a, grouped.b, "desk_a")
    result = run(db_path, "verdict", str(grouped.b), "supported", "--reviewer", "desk_a")
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"error: group {grouped.b} was merged into group "
                                      f"{grouped.a}")
    result = run(db_path, "verdict", "4242", "supported", "--reviewer", "desk_a")
    assert (result.exit_code, result.stderr.strip()) == (1, "error: no group with id 4242")
    assert verdicts(fixture_db) == []


def test_unknown_label_is_a_usage_error(db_path: Path, fixture_db: Database,
                                        grouped: Groups) -> None:
    result = run(db_path, "verdict", str(grouped.a), "true", "--reviewer", "desk_a")
    assert result.exit_code == 2 and "supported" in result.stderr
    assert verdicts(fixture_db) == []


def test_undo_and_redo_per_reviewer(db_path: Path, fixture_db: Database,
                                    grouped: Groups) -> None:
    assert run(db_path, "verdict", str(grouped.a), "supported", "--reviewer", "desk_a"
               ).exit_code == 0
    assert run(db_path, "verdict", str(grouped.b), "denied", "--reviewer", "desk_b").exit_code == 0

    result = run(db_path, "undo", "--reviewer", "desk_a")
    assert (result.exit_code, result.stdout.strip()) == (
        0, f"undid group {grouped.a}: supported → no verdict")
    assert verdicts(fixture_db) == [(grouped.b, None, "denied", "desk_b", None)]
    result = run(db_path, "undo", "--reviewer", "desk_a")
    assert (result.exit_code, result.stdout.strip()) == (0, "nothing to undo for desk_a")

    result = run(db_path, "redo", "--reviewer", "desk_a")
    assert result.stdout.strip() == f"redid group {grouped.a}: no verdict → supported"
    result = run(db_path, "redo", "--reviewer", "desk_a")
    assert result.stdout.strip() == "nothing to redo for desk_a"
    assert [(r["action"], r["reviewer"], r["reverts"]) for r in history_rows(fixture_db)] == [
        ("set", "desk_a", None), ("set", "desk_b", None), ("undo", "desk_a", 1),
        ("redo", "desk_a", 3)]
