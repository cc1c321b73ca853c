"""Open (and create or migrate) the workbench database.

One opener for every caller, so every connection gets the same guarantees:
WAL journal (readers never block the writer, two review sessions can share a
file), foreign keys, a busy timeout so a second writer waits instead of
failing, and `check_same_thread=False` because the TUI writes from worker
threads.

Read-only databases (a file on read-only media, a file or folder without
write permission, or `--read-only` / `$WORKBENCH_READ_ONLY`) open through
SQLite's `mode=ro` URI, with `PRAGMA query_only` on, and are never migrated:
one made by an older workbench is refused with a reason instead. A WAL
database needs its `-shm` file, which read-only media cannot create; there
the file opens with `immutable=1`, which SQLite allows only because nobody
can be writing to it, and is refused if an uncheckpointed `-wal` file lies
beside it (its changes would be invisible).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlite_utils import Database

from workbench.store.migrations import MIGRATION_SET, MIGRATIONS
from workbench.store.textfold import register as register_functions

DEFAULT_DB = "workbench.db"
ENV_VAR = "WORKBENCH_DB"
READ_ONLY_ENV = "WORKBENCH_READ_ONLY"
BUSY_TIMEOUT_MS = 5000
MAX_ROWID = 2**63 - 1  # SQLite INTEGER is signed 64-bit; ids run from 1 to this


class StoreError(Exception):
    """A database that cannot be used; the message is fit to show a user."""


class ReadOnlyStore(StoreError):
    """A database that could not be opened for writing because it is read-only."""


def resolve_db_path(option: str | None) -> Path:
    """--db beats $WORKBENCH_DB beats ./workbench.db."""
    return Path(option or os.environ.get(ENV_VAR) or DEFAULT_DB)


def open_store(path: str | Path | None, *, migrate: bool = True) -> Database:
    """Open the database at `path` (None: in memory), creating or migrating it.

    Raises StoreError for a file that is not SQLite, a SQLite file made by
    something else, one made by a newer workbench, or one that cannot be
    opened for writing.
    """
    target = ":memory:" if path is None else str(path)
    if path is not None:
        _refuse_non_sqlite(Path(path))
    try:
        conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        register_functions(conn)  # wb_fold, for the queue's search
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        db = Database(conn)
        _check_ownership(db, target)
        if path is not None:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{target}: cannot switch the database to WAL mode ({mode})")
        if migrate:
            # Off while migrating: a migration that rebuilds a table (m007) must
            # not cascade-delete the rows that point at it. Checked after.
            pending = bool(MIGRATIONS.pending(db))
            if pending:
                conn.execute("PRAGMA foreign_keys = OFF")
                MIGRATIONS.apply(db)
                conn.execute("PRAGMA foreign_keys = ON")
                broken = conn.execute("PRAGMA foreign_key_check").fetchone()
                if broken is not None:
                    raise StoreError(f"{target}: migrating left a broken reference "
                                     f"in {broken[0]}")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.OperationalError as exc:
        if path is not None and Path(path).exists() and _read_only_failure(exc):
            raise ReadOnlyStore(f"{target}: {explain(exc)}") from exc
        raise StoreError(f"{target}: {explain(exc)}") from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{target}: not a SQLite database ({exc})") from exc
    return db


def read_only_requested() -> bool:
    """Whether $WORKBENCH_READ_ONLY asks for read-only opening (1, true, yes, on)."""
    return os.environ.get(READ_ONLY_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def open_read_only(path: str | Path) -> Database:
    """Open an existing database for reading only: no migration, no write of any kind.

    `mode=ro` first; where that cannot open (a WAL database whose `-shm` cannot
    be created on read-only media), `immutable=1`. Raises StoreError.
    """
    file = Path(path)
    _refuse_non_sqlite(file)
    if not file.exists():
        raise StoreError(f"{file}: no such database (a read-only open never creates one)")
    try:
        try:
            db = _connect_ro(file, "mode=ro")
        except sqlite3.OperationalError as exc:
            if "unable to open" not in str(exc):
                raise
            wal = Path(f"{file}-wal")
            if wal.exists() and wal.stat().st_size > 0:
                raise StoreError(
                    f"{file}: read-only, and its write-ahead log ({wal.name}) holds changes "
                    "that cannot be read without writing; open it once where it is "
                    "writable to checkpoint them") from exc
            db = _connect_ro(file, "immutable=1")
        _check_ownership(db, str(file))
        pending = MIGRATIONS.pending(db)
        if pending:
            raise StoreError(f"{file}: made by an older Claim Workbench and needs migrating "
                             f"({pending[0].name}), which a read-only database cannot do")
    except sqlite3.OperationalError as exc:
        raise StoreError(f"{file}: {explain(exc)}") from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{file}: not a SQLite database ({exc})") from exc
    return db


def _connect_ro(file: Path, flags: str) -> Database:
    uri = f"file:{quote(str(file.resolve()))}?{flags}"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                           check_same_thread=False)
    register_functions(conn)  # wb_fold, for the queue's search
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA query_only = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the file now
    except BaseException:
        conn.close()
        raise
    return Database(conn)


def is_read_only(db: Database) -> bool:
    """Whether this connection refuses writes (opened by `open_read_only`)."""
    return bool(db.conn.execute("PRAGMA query_only").fetchone()[0])


def _read_only_failure(exc: sqlite3.OperationalError) -> bool:
    text = str(exc)
    return any(word in text for word in ("readonly", "read-only", "unable to open"))


def _refuse_non_sqlite(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database file")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise StoreError(f"{path}: not a SQLite database; refusing to touch it")
    elif not path.exists() and not path.parent.exists():
        raise StoreError(f"{path}: directory {path.parent} does not exist")


def _check_ownership(db: Database, target: str) -> None:
    """Refuse databases that some other program (or a newer workbench) made."""
    tables = set(db.table_names())
    if not tables:
        return
    if "_sqlite_migrations" not in tables:
        raise StoreError(
            f"{target}: a SQLite database made by another program (tables: "
            f"{', '.join(sorted(tables)[:5])}); refusing to modify it"
        )
    applied = [
        row[0]
        for row in db.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
        ).fetchall()
    ]
    if not applied:
        raise StoreError(f"{target}: not a Claim Workbench database; refusing to modify it")
    known = {m.name for m in MIGRATIONS._migrations}
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise StoreError(
            f"{target}: made by a newer Claim Workbench (migration {unknown[-1]}); upgrade to open it"
        )


def explain(exc: sqlite3.DatabaseError) -> str:
    """A user-fit reason for a SQLite failure."""
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return "the database is read-only; nothing was changed"
    if "locked" in text or "busy" in text:
        return "the database is locked by another writer; try again in a moment"
    if "unable to open" in text:
        return "cannot open the database file (check the path and permissions)"
    return text


@contextmanager
def write_transaction(db: Database) -> Iterator[None]:
    """One transaction that holds the write lock from its first statement.

    `BEGIN IMMEDIATE` rather than the deferred `BEGIN` of `db.atomic()`: every
    writer here reads before it writes (is the article stored? the current
    verdict?), and a deferred transaction that must upgrade its lock is
    refused at once by SQLite instead of waiting out the busy timeout; two
    review sessions could also both undo the same change. Nested use becomes a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.conn.rollback()
        raise
    try:
        db.conn.execute("COMMIT")
    except BaseException:
        db.conn.rollback()
        raise
