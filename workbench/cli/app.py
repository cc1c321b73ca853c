"""The click group, shared options and error handling."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from sqlite_utils import Database

from workbench.store import StoreError, open_store, resolve_db_path
from workbench.store.connection import explain

F = TypeVar("F", bound=Callable[..., Any])


class Context:
    def __init__(self, db_option: str | None) -> None:
        self.db_path: Path = resolve_db_path(db_option)
        self._db: Database | None = None
        self.out = Console(highlight=False, soft_wrap=False)
        self.err = Console(stderr=True, highlight=False)

    def store(self) -> Database:
        if self._db is None:
            self._db = open_store(self.db_path)
        return self._db

    def fail(self, message: str, code: int = 1) -> None:
        """One line on stderr, then exit non-zero."""
        self.err.print(f"error: {message}", markup=False, soft_wrap=True)
        sys.exit(code)


def handles_store_errors(func: F) -> F:
    """Turn database trouble (read-only file, a writer holding the lock too
    long, a damaged file) into one line on stderr and exit 1; every write is
    transactional, so what was committed before stays intact."""
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        obj = click.get_current_context().find_object(Context)
        assert obj is not None
        try:
            return func(*args, **kwargs)
        except StoreError as exc:
            obj.fail(str(exc))
        except sqlite3.DatabaseError as exc:
            obj.fail(f"{obj.db_path}: {explain(exc)}")
    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_option", metavar="PATH", envvar=None,
              help="SQLite database file (default: $WORKBENCH_DB, else ./workbench.db).")
@click.version_option(package_name="claim-workbench")
@click.pass_context
def cli(ctx: click.Context, db_option: str | None) -> None:
    """Claim Workbench: find, group and judge the checkable claims in news articles."""
    ctx.obj = Context(db_option)


def main() -> None:
    # Import the command modules for their registration side effect.
    from workbench.cli import articles, exchange_cmds, grouping, review_cmds, review_ui  # noqa: F401

    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        Console(stderr=True).print("interrupted; everything committed so far is kept", markup=False)
        sys.exit(130)
