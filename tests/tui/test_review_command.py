"""`workbench review`: options, keymap errors, ingest and group before opening."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import (
    cli,
    review_ui,  # noqa: F401 - registers the command
)
from workbench.store import open_store
from workbench.tui.app import ReviewApp


@pytest.fixture
def opened(monkeypatch):
    """Record the app `workbench review` would run instead of running it."""
    apps: list[ReviewApp] = []
    monkeypatch.setattr(ReviewApp, "run", lambda self, *a, **k: apps.append(self))
    return apps


def test_review_opens_the_app_with_the_reviewer_and_keymap(tmp_path: Path, opened):
    keymap = tmp_path / "keys.json"
    keymap.write_text('{"verdict-supported": "V"}')
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "w.db"), "review", "--reviewer",
                                      "  Ann  Lee ", "--keymap", str(keymap)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (app,) = opened
    assert app.session.reviewer == "Ann Lee"
    assert app.settings.keymap == {"verdict-supported": "V"}


def test_reviewer_defaults_to_the_login_name(tmp_path: Path, opened, monkeypatch):
    monkeypatch.setattr(review_ui, "default_reviewer", lambda: "loginname")
    monkeypatch.delenv("WORKBENCH_KEYMAP", raising=False)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "w.db"), "review"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert opened[0].session.reviewer == "loginname"


def test_a_bad_keymap_fails_before_anything_happens(tmp_path: Path, opened, monkeypatch):
    keymap = tmp_path / "keys.toml"
    keymap.write_text('verdict-suported = "S"\n')
    monkeypatch.setenv("WORKBENCH_KEYMAP", str(keymap))
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "w.db"), "review",
                                      "--reviewer", "ann"])
    assert result.exit_code == 1
    assert "unknown binding id 'verdict-suported'" in result.output
    assert opened == []


def test_a_keymap_giving_one_key_two_actions_fails_with_one_line(tmp_path: Path, opened):
    keymap = tmp_path / "keys.json"
    keymap.write_text('{"verdict-supported": "z", "undo": "z"}')
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "w.db"), "review",
                                      "--reviewer", "ann", "--keymap", str(keymap)])
    assert result.exit_code == 1
    assert "key 'z' is bound to both 'verdict-supported' and 'undo'" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert opened == []


def test_paths_are_ingested_and_grouped_first(tmp_path: Path, opened, monkeypatch):
    import workbench.cli.grouping as grouping

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(grouping, "run_group", lambda obj, **kw: calls.append(kw))
    db = tmp_path / "w.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "review", "fixtures/articles",
                                      "--reviewer", "ann"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert calls == [{"model": None, "threshold": None}]
    assert opened  # the app ran on the database the command had filled (closed since)
    stored = open_store(db)
    assert stored.execute("SELECT count(*) FROM articles").fetchone() == (5,)
    stored.conn.close()
