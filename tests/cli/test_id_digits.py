"""Every id argument gives a one-line error for a digit string of any length.

Python's int() refuses more than 4,300 digits with a message about its own
limit; an id that long must read as out of range, like any other too large.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import workbench.cli.articles  # noqa: F401 (registers the commands)
import workbench.cli.grouping  # noqa: F401
import workbench.cli.review_cmds  # noqa: F401
from workbench.cli.app import cli
from workbench.store import open_store

RANGE = "out of range (ids run from 1 to 9223372036854775807)"


@pytest.mark.parametrize(("args", "said"), [
    (("articles", "set-url", "9" * 5000, "https://news.example/a"),
     "article id must be a whole number from 1 to"),
    (("articles", "set-url", "0" * 5000 + "7", "https://news.example/a"), "no article with id 7"),
    (("verdict", "9" * 5000, "supported"), RANGE),
    (("verdict", "1", "supported", "--claim", "+" + "1" * 5000), RANGE),
    (("verdict", "0" * 5000 + "3", "supported"), "no group with id 3"),
    (("merge", "1", "--", "-" + "9" * 5000), RANGE),
    (("claims", "--article", "9" * 5000), RANGE),
])
def test_an_id_of_five_thousand_digits_is_a_one_line_error(
    args: tuple[str, ...], said: str, db_path: Path
) -> None:
    open_store(db_path).conn.close()
    result = CliRunner().invoke(cli, ["--db", str(db_path), *args])
    assert result.exit_code != 0 and isinstance(result.exception, SystemExit | None)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert said in lines[-1]
    assert "Traceback" not in result.output and len(lines[-1]) < 200
