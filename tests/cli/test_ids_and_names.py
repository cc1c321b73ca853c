"""Ids, reviewer names, links and thresholds from the command line: anything
out of range or unprintable is one error line and a non-zero exit, never a
traceback, and nothing is stored."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tests.unit.test_exchange_export import Reviewed, build_reviewed
from workbench.cli import articles as _a  # noqa: F401  (registers commands)
from workbench.cli import grouping as _g  # noqa: F401
from workbench.cli import review_cmds as _r  # noqa: F401
from workbench.cli.app import cli
from workbench.store import open_store

BIG = str(2**63)


def run(db: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env={"COLUMNS": "300", **(env or {})}).invoke(
        cli, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture
def reviewed(fixture_db: Database) -> Reviewed:
    reviewed = build_reviewed(fixture_db)
    fixture_db.conn.close()
    return reviewed


def state(db_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    db = open_store(db_path)
    try:
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for t in ("verdicts", "evidence_links", "verdict_history", "claim_groups",
                          "group_members", "group_overrides")}
    finally:
        db.conn.close()


@pytest.mark.parametrize("args", [
    ("verdict", BIG, "supported"),
    ("verdict", "1", "supported", "--claim", BIG),
    ("verdict", "99999999999999999999999999999999999", "denied"),
    ("split", BIG),
    ("merge", "1", BIG),
    ("merge", BIG, "1"),
    ("claims", "--article", BIG),
    ("verdict", "0", "supported"),
    ("verdict", "1" * 5000, "supported"),
])
def test_ids_beyond_64_bits_are_a_usage_error_not_an_overflow(
    db_path: Path, reviewed: Reviewed, args: tuple[str, ...]
) -> None:
    before = state(db_path)
    result = run(db_path, *args)
    assert result.exit_code == 2
    assert "out of range" in result.output or "not a whole number" in result.output
    assert "Traceback" not in result.output and "OverflowError" not in result.output
    assert state(db_path) == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=st.integers(min_value=-(2**70), max_value=2**70))
def test_any_group_id_is_judged_refused_or_not_found_in_one_line(
    db_path: Path, reviewed: Reviewed, number: int
) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db_path), "verdict", "--reviewer", "desk",
                                      "--", str(number), "denied"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if not 1 <= number < 2**63:
        assert result.exit_code == 2
    elif number not in reviewed.ids.values():
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")


@pytest.mark.parametrize("name", ["", "   ", "\x1b[31mdesk\x1b[0m", "desk\u202e", "de\u200bsk",
                                  "desk\nb", "\x00"])
def test_an_unusable_reviewer_name_is_refused_not_replaced_by_the_login_name(
    db_path: Path, reviewed: Reviewed, name: str
) -> None:
    before = state(db_path)
    group = str(reviewed.ids["e"])
    for args in (("verdict", group, "supported", "--reviewer", name),
                 ("undo", "--reviewer", name),
                 ("split", str(reviewed.claims["e"][0]), "--reviewer", name),
                 ("merge", group, str(reviewed.ids["d"]), "--reviewer", name)):
        result = run(db_path, *args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.startswith("error: --reviewer: ")
        assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr
    assert state(db_path) == before


def test_reviewer_from_the_environment_is_checked_too(db_path: Path, reviewed: Reviewed) -> None:
    result = run(db_path, "verdict", str(reviewed.ids["e"]), "supported",
                 env={"WORKBENCH_REVIEWER": "\x1b]0;pwned\x07"})
    assert result.exit_code == 1 and "control or invisible character" in result.stderr


def test_a_plain_reviewer_name_with_extra_spaces_is_kept_tidied(
    db_path: Path, reviewed: Reviewed
) -> None:
    result = run(db_path, "verdict", str(reviewed.ids["e"]), "supported",
                 "--reviewer", "  Desk   Jakarta ")
    assert result.exit_code == 0, result.output
    assert "by Desk Jakarta" in result.stdout


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=30))
def test_any_reviewer_name_is_used_tidied_or_refused_in_one_line(
    db_path: Path, reviewed: Reviewed, name: str
) -> None:
    note = uuid.uuid4().hex  # a change every time, so the verdict is credited anew
    result = CliRunner().invoke(cli, ["--db", str(db_path), "verdict", str(reviewed.ids["e"]),
                                      "denied", "--note", note, "--reviewer", name])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 0:
        stored = state(db_path)["verdicts"]
        reviewer = next(r for r in stored if r[1] == reviewed.ids["e"])[4]
        assert reviewer == " ".join(name.split())
        assert all(ch.isprintable() for ch in reviewer)
    else:
        assert result.exit_code == 1 and result.stderr.count("\n") == 1


@pytest.mark.parametrize("link", ["https://example.com/\u202egpj.exe", "https://exa\u200bmple.com/",
                                  "https://example.com/\u2066x", "https://example.com/\ufeff"])
def test_links_with_invisible_characters_are_refused(
    db_path: Path, reviewed: Reviewed, link: str
) -> None:
    before = state(db_path)
    result = run(db_path, "verdict", str(reviewed.ids["e"]), "supported", "--reviewer", "desk",
                 "--link", link)
    assert result.exit_code == 1 and "invisible" in result.stderr
    assert state(db_path) == before


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "infinity", "0", "1", "1.5",
                                   "-0.2", "1e309", "x"])
def test_thresholds_outside_the_open_unit_interval_or_not_finite_are_usage_errors(
    db_path: Path, reviewed: Reviewed, value: str
) -> None:
    before = state(db_path)
    result = run(db_path, "group", "--threshold", value)
    assert result.exit_code == 2
    assert value in result.output
    assert state(db_path) == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(link=st.text(max_size=30).map(lambda t: "https://example.org/" + t) | st.text(max_size=40))
def test_any_link_is_stored_visible_or_refused_with_nothing_stored(
    db_path: Path, reviewed: Reviewed, link: str
) -> None:
    from workbench.review.invisible import first_hidden

    before = state(db_path)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "verdict", str(reviewed.ids["e"]),
                                      "supported", "--reviewer", "desk", "--link", link])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 0:
        urls = [row[2] for row in state(db_path)["evidence_links"]]
        assert link.strip() in urls or link.strip().lower() in [u.lower() for u in urls]
        assert all(first_hidden(u, spaces=True) is None for u in urls)
    else:
        assert result.exit_code == 1 and result.stderr.count("\n") == 1
        assert state(db_path) == before


@pytest.mark.parametrize("name", ["", "\x1b[2J", "desk\u200b"])
def test_the_review_ui_refuses_an_unusable_reviewer_before_it_opens(
    db_path: Path, reviewed: Reviewed, name: str
) -> None:
    from workbench.cli import review_ui as _ui  # noqa: F401  (registers the command)

    result = run(db_path, "review", "--reviewer", name)
    assert result.exit_code == 2
    assert "reviewer name" in result.output and "\x1b" not in result.output
