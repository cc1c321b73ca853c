"""`workbench note`, `link`, `clear`, `verdict ... not_checkable` and `status` through
the real CLI on a real database file: evidence before a verdict, one-line refusals."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlite_utils import Database

from tests.unit.test_review_service import Groups, build_groups
from workbench.cli import review_cmds as _commands  # noqa: F401  (registers the commands)
from workbench.cli.app import cli


def run(db: Path, *args: str) -> Result:
    runner = CliRunner(env={"COLUMNS": "400", "WORKBENCH_REVIEWER": "desk_a"})
    return runner.invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture
def grouped(fixture_db: Database) -> Groups:
    return build_groups(fixture_db)


def verdicts(db: Database) -> list[tuple[int | None, int | None, str | None, str | None]]:
    return [(r["group_id"], r["claim_id"], r["label"], r["note"])
            for r in db.query("SELECT * FROM verdicts ORDER BY id")]


def links(db: Database) -> list[str]:
    return [r["url"] for r in db.query("SELECT url FROM evidence_links ORDER BY id")]


def test_note_and_link_without_a_verdict_then_not_checkable_keeps_them(
    db_path: Path, fixture_db: Database, grouped: Groups
) -> None:
    g = str(grouped.a)
    result = run(db_path, "note", g, "definition of poverty, not a figure")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"group {g}: no label yet, evidence by desk_a (note)\n"
    result = run(db_path, "link", g, "https://bps.example/poverty", "--title", "BPS")
    assert result.stdout == f"group {g}: no label yet, evidence by desk_a (1 link, note)\n"
    claim = str(grouped.a_claims[0])
    result = run(db_path, "link", g, "https://claim.example/", "--claim", claim)
    assert result.stdout == f"claim {claim} of group {g}: no label yet, evidence by desk_a " \
                            "(1 link)\n"
    assert verdicts(fixture_db) == [(grouped.a, None, None, "definition of poverty, not a figure"),
                                    (None, grouped.a_claims[0], None, None)]

    result = run(db_path, "verdict", g, "not-checkable")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"group {g}: not checkable by desk_a (1 link, note)\n"
    assert verdicts(fixture_db)[0] == (grouped.a, None, "not_checkable",
                                       "definition of poverty, not a figure")

    result = run(db_path, "clear", g)
    assert result.stdout == f"group {g}: no label yet, evidence by desk_a (1 link, note)\n"
    assert verdicts(fixture_db)[0][2] is None and len(links(fixture_db)) == 2
    run(db_path, "note", g, "")
    result = run(db_path, "link", g, "https://bps.example/poverty", "--remove")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"group {g}: no verdict and no evidence left\n"
    assert verdicts(fixture_db) == [(None, grouped.a_claims[0], None, None)]


def test_status_counts_not_checkable_separately_and_evidence_as_to_review(
    db_path: Path, fixture_db: Database, grouped: Groups
) -> None:
    assert run(db_path, "verdict", str(grouped.a), "supported").exit_code == 0
    assert run(db_path, "verdict", str(grouped.b), "not_checkable").exit_code == 0
    assert run(db_path, "note", str(grouped.c), "waiting for the ministry").exit_code == 0
    result = run(db_path, "--read-only", "status")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "groups           3",
        "decided          2",
        "  supported      1",
        "  disputed       0",
        "  denied         0",
        "  not checkable  1",
        "to review        1",
        "  with evidence  1",
    ]


@pytest.mark.parametrize(("args", "message"), [
    (["link", "{a}", "ftp://example.org/x"], "only http and https links are accepted"),
    (["link", "{a}", "https://example.org/none", "--remove"], "has no link"),
    (["link", "{a}", "https://example.org/x", "--remove", "--title", "t"],
     "--title and --remove do not go together"),
    (["clear", "{a}"], "has no verdict to clear; nothing changed"),
    (["note", "999", "text"], "no group with id 999"),
    (["note", "{a}", "text", "--claim", "999999"], "claim 999999 is not in group"),
])
def test_refusals_are_one_error_line_exit_1_and_change_nothing(
    db_path: Path, fixture_db: Database, grouped: Groups, args: list[str], message: str
) -> None:
    before = (verdicts(fixture_db), links(fixture_db))
    result = run(db_path, *[a.format(a=grouped.a) for a in args])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1
    assert (verdicts(fixture_db), links(fixture_db)) == before


def test_an_unknown_label_is_a_usage_error(db_path: Path, grouped: Groups) -> None:
    result = run(db_path, "verdict", str(grouped.a), "uncheckable")
    assert result.exit_code == 2
    assert "not_checkable" in result.stderr and "Traceback" not in result.output


def test_writers_refuse_a_read_only_database_in_one_line(
    db_path: Path, fixture_db: Database, grouped: Groups
) -> None:
    run(db_path, "verdict", str(grouped.a), "denied", "--note", "checked")
    fixture_db.conn.close()  # one file on disk: its digest tells any write
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    g = str(grouped.a)
    for args in (("note", g, "more"), ("link", g, "https://example.org/"), ("clear", g),
                 ("verdict", g, "not_checkable")):
        result = run(db_path, "--read-only", *args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.startswith(f"error: database is read-only: {args[0]} needs to write")
        assert result.stderr.count("\n") == 1
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
