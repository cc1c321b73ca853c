"""`workbench edit-claim`, `publish-text`, `move`, `merge`/`split` and `undo --skip`
through the real CLI on a real database file: what lands, exit codes, one-line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlite_utils import Database

from tests.unit.test_review_service import Groups, build_groups
from workbench.cli import corrections_cmds as _corrections  # noqa: F401  (registers commands)
from workbench.cli import grouping as _grouping  # noqa: F401
from workbench.cli import review_cmds as _review  # noqa: F401
from workbench.cli.app import cli


def run(db: Path, *args: str, reviewer: str = "desk_a") -> Result:
    runner = CliRunner(env={"COLUMNS": "400", "WORKBENCH_REVIEWER": reviewer})
    return runner.invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture
def grouped(fixture_db: Database) -> Groups:
    groups = build_groups(fixture_db)
    fixture_db.conn.commit()
    return groups


def state(db: Database) -> list[Any]:
    return [
        [tuple(r) for r in db.execute("SELECT claim_id, group_id FROM group_members ORDER BY 1")],
        [tuple(r) for r in db.execute("SELECT id, speaker, stance FROM claims ORDER BY 1")],
        [tuple(r) for r in db.execute(
            "SELECT id, merged_into, published_text FROM claim_groups ORDER BY 1")],
        [tuple(r) for r in db.execute("SELECT id, action, reviewer FROM corrections ORDER BY 1")],
    ]


def one_error(result: Result, message: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"error: {message}"), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_edit_claim_sets_speaker_and_stance_and_undo_reverts_each(
    db_path: Path, fixture_db: Database, grouped: Groups
) -> None:
    cid = grouped.a_claims[0]
    old = fixture_db.execute("SELECT stance FROM claims WHERE id = ?", [cid]).fetchone()[0]
    stance = "disputes" if old != "disputes" else "denies"
    result = run(db_path, "edit-claim", str(cid), "--speaker", "Ana Wijaya", "--stance", stance)
    assert result.exit_code == 0, result.output
    assert f"speaker of claim {cid}:" in result.stdout
    row = fixture_db.execute("SELECT speaker, stance FROM claims WHERE id = ?", [cid]).fetchone()
    assert tuple(row) == ("Ana Wijaya", stance)
    assert [r[1:] for r in state(fixture_db)[3]] == [("speaker", "desk_a"), ("stance", "desk_a")]
    undone = run(db_path, "undo")
    assert undone.exit_code == 0 and undone.stdout.startswith(f"undid stance of claim {cid}:")
    assert run(db_path, "undo").stdout.startswith(f"undid speaker of claim {cid}:")
    assert fixture_db.execute("SELECT speaker FROM claims WHERE id = ?", [cid]).fetchone()[0] \
        != "Ana Wijaya"


def test_publish_text_and_move_land_and_undo(
    db_path: Path, fixture_db: Database, grouped: Groups
) -> None:
    result = run(db_path, "publish-text", str(grouped.b), "Deficit was 2.9% in 2023")
    assert result.exit_code == 0, result.output
    assert fixture_db.execute("SELECT published_text FROM claim_groups WHERE id = ?",
                              [grouped.b]).fetchone()[0] == "Deficit was 2.9% in 2023"
    cid = grouped.a_claims[0]
    moved = run(db_path, "move", str(cid), str(grouped.c))
    assert moved.exit_code == 0
    assert moved.stdout.strip() == f"moved claim {cid} from group {grouped.a} to group {grouped.c}"
    assert fixture_db.execute("SELECT group_id, assigned_by FROM group_members WHERE claim_id = ?",
                              [cid]).fetchone() == (grouped.c, "reviewer")
    assert run(db_path, "undo").stdout.strip() == (
        f"undid move of claim {cid} from group {grouped.a} to group {grouped.c}")
    assert fixture_db.execute("SELECT group_id FROM group_members WHERE claim_id = ?",
                              [cid]).fetchone()[0] == grouped.a


def test_merge_and_split_commands_are_undoable(
    db_path: Path, fixture_db: Database, grouped: Groups
) -> None:
    start = state(fixture_db)[:3]
    assert run(db_path, "merge", str(grouped.a), str(grouped.b)).exit_code == 0
    split = run(db_path, "split", str(grouped.c_claims[0]))
    assert split.exit_code == 1  # alone in its group: refused, nothing written
    assert "nothing was changed" in split.stderr
    assert run(db_path, "undo").stdout.strip() == (
        f"undid merge of group {grouped.b} into group {grouped.a}")
    assert state(fixture_db)[:3] == start
    assert run(db_path, "redo").stdout.strip() == (
        f"redid merge of group {grouped.b} into group {grouped.a}")


def test_bad_input_is_one_error_line_exit_1_and_nothing_changes(
    db_path: Path, fixture_db: Database, grouped: Groups
) -> None:
    before = state(fixture_db)
    cid = str(grouped.a_claims[0])
    one_error(run(db_path, "edit-claim", cid), "give --speaker and/or --stance")
    one_error(run(db_path, "edit-claim", cid, "--stance", "agrees"), "unknown stance 'agrees'")
    one_error(run(db_path, "edit-claim", "999999", "--speaker", "Ana"), "no claim with id 999999")
    one_error(run(db_path, "publish-text", str(grouped.a), " \u200b "),
              f"the published text of group {grouped.a} cannot be empty")
    one_error(run(db_path, "publish-text", str(grouped.a), "x" * 100_000), "a published text")
    one_error(run(db_path, "move", cid, str(grouped.a)),
              f"claim {cid} is already in group {grouped.a}")
    one_error(run(db_path, "move", cid, "999999"), "no group with id 999999")
    one_error(run(db_path, "merge", str(grouped.a), str(grouped.a)),
              "cannot merge a group with itself")
    assert state(fixture_db) == before


def test_undo_refuses_a_blocked_change_and_skip_passes_over_it(
    db_path: Path, fixture_db: Database, grouped: Groups
) -> None:
    cid = grouped.a_claims[0]
    assert run(db_path, "publish-text", str(grouped.c), "Older change").exit_code == 0
    assert run(db_path, "split", str(cid)).exit_code == 0
    assert run(db_path, "move", str(cid), str(grouped.b), reviewer="desk_b").exit_code == 0
    refused = run(db_path, "undo")
    one_error(refused, f"cannot undo split of claim {cid} out of group {grouped.a}: "
                       f"claim {cid} was moved since by desk_b; nothing was undone")
    skipped = run(db_path, "undo", "--skip")
    assert skipped.exit_code == 0
    assert skipped.stdout.startswith(f"undid published text of group {grouped.c}")
    assert run(db_path, "undo").stdout.startswith("nothing to undo")


def test_correction_commands_refuse_a_read_only_database(
    db_path: Path, fixture_db: Database, grouped: Groups
) -> None:
    before = state(fixture_db)
    for args in (["edit-claim", str(grouped.a_claims[0]), "--stance", "denies"],
                 ["publish-text", str(grouped.a), "text"],
                 ["move", str(grouped.a_claims[0]), str(grouped.b)]):
        result = CliRunner(env={"WORKBENCH_REVIEWER": "desk_a"}).invoke(
            cli, ["--db", str(db_path), "--read-only", *args], catch_exceptions=False)
        one_error(result, f"database is read-only: {args[0]} needs to write")
    assert state(fixture_db) == before
