"""The click group, shared options and error handling.

`Context.store()` opens the database on first use. Commands that only read
(listings, export) ask with `write=False`: they work on a read-only database
(`--read-only`, `$WORKBENCH_READ_ONLY`, or a file that cannot be opened for
writing), while every other command stops with "database is read-only:
<command> needs to write" before touching anything.
"""

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
from workbench.store.connection import (
    MAX_ROWID,
    READ_ONLY_ENV,
    ReadOnlyStore,
    explain,
    open_read_only,
    read_only_requested,
)

F = TypeVar("F", bound=Callable[..., Any])


class Context:
    def __init__(self, db_option: str | None, read_only: bool = False) -> None:
        self.db_path: Path = resolve_db_path(db_option)
        self.read_only = read_only or read_only_requested()
        self.opened_read_only = False
        self._db: Database | None = None
        self.out = Console(highlight=False, soft_wrap=False)
        self.err = Console(stderr=True, highlight=False)

    def store(self, *, write: bool = True) -> Database:
        """The database; `write=False` for commands that only read, which then also
        work on a read-only database."""
        if self._db is None:
            if not self.read_only:
                try:
                    self._db = open_store(self.db_path)
                except ReadOnlyStore:
                    if write:
                        self._refuse_write()
                    self.opened_read_only = True
            else:
                self.opened_read_only = True
            if self._db is None:
                if write:
                    self._refuse_write()
                self._db = open_read_only(self.db_path)
            # Closed when the command ends, not whenever the connection is
            # collected: closing the last connection checkpoints the WAL into
            # the file, and that must happen inside the command that wrote it.
            click.get_current_context().find_root().call_on_close(self._close)
        elif write and self.opened_read_only:
            self._refuse_write()
        return self._db

    def _close(self) -> None:
        if self._db is not None:
            self._db.conn.close()
            self._db = None

    def _refuse_write(self) -> None:
        command = click.get_current_context().info_name or "this command"
        self.fail(f"database is read-only: {command} needs to write ({self.db_path})")

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
@click.option("--read-only", "read_only", is_flag=True,
              help=f"Open the database read-only (also ${READ_ONLY_ENV}=1); listings and "
                   "export work, commands that write refuse.")
@click.version_option(package_name="claim-workbench")
@click.pass_context
def cli(ctx: click.Context, db_option: str | None, read_only: bool) -> None:
    """Claim Workbench: find, group and judge the checkable claims in news articles."""
    ctx.obj = Context(db_option, read_only)


class StoreId(click.ParamType):
    """A row id: a whole number SQLite can store (1 to 2**63-1), checked before
    any query so a huge number is a usage error, not an OverflowError."""

    name = "id"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> int:
        out_of_range = f"is out of range (ids run from 1 to {MAX_ROWID})"
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            text = str(value).strip()
            shown = text[:40] + ("…" if len(text) > 40 else "")
            sign, digits = (text[0], text[1:]) if text[:1] in "+-" else ("", text)
            if digits.isdecimal():
                # More digits than any id has is refused before int(), which gives
                # up past 4,300 digits (leading zeros too) with another message.
                digits = digits.lstrip("0") or "0"
                if len(digits) > len(str(MAX_ROWID)):
                    self.fail(f"{shown} {out_of_range}", param, ctx)
                text = sign + digits
            try:
                number = int(text)
            except ValueError:
                self.fail(f"{shown!r} is not a whole number", param, ctx)
        if not 1 <= number <= MAX_ROWID:
            shown = str(number) if abs(number) <= 10**40 else f"a {number.bit_length()}-bit number"
            self.fail(f"{shown} {out_of_range}", param, ctx)
        return number


ID = StoreId()


def main() -> None:
    # Import the command modules for their registration side effect.
    from workbench.cli import (  # noqa: F401
        agreement_cmds,
        articles,
        corrections_cmds,
        exchange_cmds,
        grouping,
        review_cmds,
        review_ui,
    )

    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        Console(stderr=True).print("interrupted; everything committed so far is kept", markup=False)
        sys.exit(130)
