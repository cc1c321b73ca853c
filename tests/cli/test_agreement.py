"""`workbench agreement`: per-label counts per reviewer and Cohen's kappa per pair."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlite_utils import Database

from tests.unit.desk_db import Desk, Said
from workbench.cli import agreement_cmds  # noqa: F401 - registers the command
from workbench.cli.app import cli
from workbench.review import ReviewService
from workbench.store import open_store


def run(db: Path, *args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["--db", str(db), *args],
                                                    catch_exceptions=False)


def five_groups(db: Database) -> list[int]:
    d = Desk(db)
    d.article("North Korea shipped arms, US says", "2023-10-14T08:00:00+00:00", "en", {
        f"c{i}": Said(text, speaker) for i, (text, speaker) in enumerate([
            ("The White House said North Korea had shipped more than 1,000 containers.",
             "White House"),
            ("Lavrov said Washington had failed to prove the accusation.", "Sergey Lavrov"),
            ("North Korea flatly denied sending weapons to Russia.", "North Korea"),
            ("South Korean officials made the same accusation.", "South Korea"),
            ("Kim Jong Un visited Russia for six days last month.", None),
        ])})
    return [d.group(f"g{i}", [f"c{i}"]) for i in range(5)]


@pytest.fixture
def judged(db_path: Path) -> list[int]:
    """ann and bob judged four groups in common and agree on three."""
    db = open_store(db_path)
    g = five_groups(db)
    ann, bob = ReviewService(db, "ann"), ReviewService(db, "bob")
    for gid, label in zip(g, ["supported", "supported", "disputed", "denied", "not_checkable"],
                          strict=True):
        ann.set_verdict(gid, label)
    for gid, label in zip(g, ["supported", "disputed", "disputed", "denied"], strict=False):
        bob.set_verdict(gid, label)
    db.conn.close()
    return g


def test_counts_per_reviewer_and_kappa_per_pair(db_path: Path, judged: list[int]) -> None:
    result = run(db_path, "agreement")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    ann = next(line for line in lines if line.startswith("│ ann"))
    assert [cell.strip() for cell in ann.split("│")[1:-1]] == ["ann", "2", "1", "1", "1", "5"]
    bob = next(line for line in lines if line.startswith("│ bob"))
    assert [cell.strip() for cell in bob.split("│")[1:-1]] == ["bob", "1", "2", "1", "0", "4"]
    pair = next(line for line in lines if line.startswith("│ ann") and "bob" in line)
    # 4 groups both judged, 3 agreed; p_o 0.75, p_e 5/16, kappa (12-5)/(16-5) = 7/11
    assert [cell.strip() for cell in pair.split("│")[1:-1]] == [
        "ann", "bob", "4", "3", "0.750", "0.636"]


def test_json(db_path: Path, judged: list[int]) -> None:
    result = run(db_path, "agreement", "--json")
    assert result.exit_code == 0 and result.stderr == ""
    doc = json.loads(result.stdout)
    assert [r["reviewer"] for r in doc["reviewers"]] == ["ann", "bob"]
    assert doc["reviewers"][0]["counts"] == {"supported": 2, "disputed": 1, "denied": 1,
                                             "not_checkable": 1}
    [pair] = doc["pairs"]
    assert pair["reviewers"] == ["ann", "bob"]
    assert (pair["both_judged"], pair["agreed"]) == (4, 3)
    assert pair["observed_agreement"] == pytest.approx(0.75)
    assert pair["expected_agreement"] == pytest.approx(5 / 16)
    assert pair["kappa"] == pytest.approx(7 / 11)


def test_fewer_than_two_reviewers_is_said_in_one_line(db_path: Path) -> None:
    db = open_store(db_path)
    g = five_groups(db)
    empty = run(db_path, "agreement")
    assert empty.exit_code == 0
    assert empty.stdout.strip() == ("0 reviewers judged groups; agreement needs two: "
                                    "nothing to compare")
    ReviewService(db, "ann").set_verdict(g[0], "supported")
    db.conn.close()
    one = run(db_path, "agreement")
    assert one.exit_code == 0
    assert one.stdout.splitlines()[-1] == ("1 reviewer judged groups; agreement needs two: "
                                           "nothing to compare")
    as_json = run(db_path, "agreement", "--json")
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)["pairs"] == []
    assert "nothing to compare" in as_json.stderr


def test_undefined_kappa_is_said_not_printed_as_a_number(db_path: Path) -> None:
    db = open_store(db_path)
    g = five_groups(db)
    for name in ("ann", "bob"):
        for gid in g[:3]:
            ReviewService(db, name).set_verdict(gid, "supported")
    db.conn.close()
    result = run(db_path, "agreement")
    assert "undefined (one label throughout)" in result.stdout
    assert json.loads(run(db_path, "agreement", "--json").stdout)["pairs"][0]["kappa"] is None


def test_reads_a_read_only_database_and_shows_names_as_written(db_path: Path) -> None:
    db = open_store(db_path)
    g = five_groups(db)
    ReviewService(db, "[bold]ann[/bold]").set_verdict(g[0], "supported")
    ReviewService(db, "bob").set_verdict(g[0], "denied")
    db.conn.close()
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    result = run(db_path, "--read-only", "agreement")
    assert result.exit_code == 0, result.output
    assert "[bold]ann[/bold]" in result.stdout  # a name is text, never markup
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
