"""The rows an import creates, given their ids up front and written in batches.

An import of 100,000 groups creates some 400,000 rows (articles, claims,
groups, memberships, history, verdicts, links); one `INSERT` each made the import
take half a minute. Here every new row gets its id in Python, chosen exactly
as SQLite would choose it (the file's id when free, else one past the
largest in use), and waits in a batch that `flush` writes a table at a
time. The importer flushes before anything that reads the database,
so every read sees every row written before it; the batch is also flushed
when it grows past `BATCH` rows and when the import ends, inside the
import's one transaction (a failure rolls it all back, batch or not).

A batch that is written because it grew full (not because the importer is
about to read) writes its claims, groups, memberships, history, verdicts and
links on a second thread, each table as one statement over a JSON array
(`import_rows.*_JSON_SQL`; a table JSON cannot carry exactly goes row by row
on this thread, see `_as_json`; articles and new speakers are written here):
SQLite then runs without the interpreter lock while this thread reads and
merges the next records, so a large import uses both cores of a small
machine. Only one thread uses the connection at a time: every write and
read from here on first waits for the batch in flight (`settle`), and an
error there is raised here, at that point.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Set as AbstractSet
from math import isfinite
from typing import Any

import orjson
from sqlite_utils import Database

from workbench.models import Verdict
from workbench.store import groups
from workbench.store import import_rows as rows
from workbench.store.articles import now
from workbench.store.exchange import HistoryRow
from workbench.store.speakers import register_speakers

BATCH = 20_000  # rows held before writing; a few MB
# The interpreter's switch interval while a batch is in flight. The second
# thread needs the interpreter lock back after each statement, and the main
# thread, running Python flat out, gives it up only when the interval has
# passed (5 ms by default): a 100,000-group import spent two of its five and
# a half seconds with the writer waiting for the lock and the main thread
# then waiting for the writer. At 50 µs the waits all but vanish; the
# interval applies only while a thread is waiting, and is restored as soon
# as the batch is written (`settle`).
SWITCH_INTERVAL = 50e-6


class TakenIds:
    """Ids in use in claims, groups and history (and the largest verdict id),
    read once per import and kept up to date by the writer, so asking whether
    a file's id is free costs no query."""

    def __init__(self, db: Database) -> None:
        self._ids = {table: rows.ids_of(db, table)
                     for table in ("claims", "claim_groups", "verdict_history")}
        self._max = {table: rows.max_id(db, table) for table in
                     ("articles", "claims", "claim_groups", "verdict_history", "verdicts")}

    def free(self, table: str, wanted: int | None, mentioned: AbstractSet[int]) -> int | None:
        """`wanted` if no row has it and nothing refers to it; else None (a new id)."""
        if wanted is None or wanted in mentioned or wanted in self._ids[table]:
            return None
        return wanted

    def take(self, table: str, wanted: int | None) -> int:
        """`wanted`, or the id SQLite would give a new row: one past the largest."""
        ident = self._max[table] + 1 if wanted is None else wanted
        if table in self._ids:
            self._ids[table].add(ident)
        self._max[table] = max(self._max[table], ident)
        return ident

    def take_free(self, table: str, wanted: int | None, mentioned: AbstractSet[int]) -> int:
        """`take(table, free(table, wanted, mentioned))` in one step (the quick path's)."""
        ids, largest = self._ids[table], self._max[table]
        if wanted is None or wanted < 1 or wanted in mentioned or wanted in ids:
            wanted = largest + 1
        ids.add(wanted)
        if wanted > largest:
            self._max[table] = wanted
        return wanted

    def seen(self, table: str, ident: int) -> None:
        """A row written elsewhere (`put_verdict` picks its own id)."""
        self._max[table] = max(self._max[table], ident)


class RowWriter:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.ids = TakenIds(db)
        self._articles: list[tuple[Any, ...]] = []
        self._claims: list[tuple[Any, ...]] = []
        self._groups: list[tuple[Any, ...]] = []
        self._members: dict[str, list[tuple[int, int, float | None]]] = {"model": [],
                                                                         "reviewer": []}
        self._refresh: list[int] = []
        self._flight: threading.Thread | None = None  # writing a batch's last tables
        self._switch = sys.getswitchinterval()  # the interval to restore when it is done
        self._failed: BaseException | None = None
        self._history: list[tuple[Any, ...]] = []
        self._verdicts: list[tuple[Any, ...]] = []
        self._links: list[tuple[Any, ...]] = []
        self._held = 0
        self._stamp = now()  # when this batch was written: one clock read per batch

    def article(self, record: dict[str, Any], path: str | None) -> int:
        """A new article, given the id SQLite would give it."""
        ident = self.ids.take("articles", None)
        self._hold(self._articles, rows.article_values(ident, record, path, self._stamp))
        return ident

    def claim(self, wanted: int | None, article_id: int, c: dict[str, Any]) -> int:
        ident = self.ids.take("claims", wanted)
        self._hold(self._claims, rows.claim_values(ident, article_id, c))
        return ident

    def group(self, wanted: int | None, representative: int | None, model: str,
              method: dict[str, Any], created_at: str, published_text: str | None = None) -> int:
        ident = self.ids.take("claim_groups", wanted)
        self._hold(self._groups, rows.group_values(ident, representative, model, method,
                                                   created_at, self._stamp, published_text))
        return ident

    def assign(self, members: list[tuple[int, int, float | None]], by: str) -> None:
        self._members[by].extend(members)
        self._held += len(members)

    def refresh(self, group_id: int) -> None:
        """Recompute this group's representative once its members are written."""
        self._refresh.append(group_id)

    def history(self, row: HistoryRow) -> int:
        """Append a history row; `row.id` 0 means a new id."""
        ident = self.ids.take("verdict_history", row.id or None)
        self._hold(self._history, (ident, *rows.history_values(row)[1:]))
        return ident

    def first_verdict(self, target: rows.Target, v: Verdict) -> None:
        """`v` on a target that has no verdict (one this import created)."""
        ident = self.ids.take("verdicts", None)
        self._hold(self._verdicts, rows.verdict_values(ident, target, v))
        for link in v.links:
            self._hold(self._links, (ident, link.url, link.title, self._stamp))

    @property
    def stamp(self) -> str:
        """The clock reading the rows of this batch carry (`updated_at`, `added_at`)."""
        return self._stamp

    # The importer's quick path (`_Merger.fresh_group`) hands over finished rows.
    def hold_claim(self, values: tuple[Any, ...]) -> None:
        self._hold(self._claims, values)

    def hold_group(self, values: tuple[Any, ...]) -> None:
        self._hold(self._groups, values)

    def hold_history(self, values: tuple[Any, ...]) -> None:
        """A history row whose id (values[0]) was taken from `ids`."""
        self._hold(self._history, values)

    def hold_verdict(self, values: tuple[Any, ...], links: dict[str, str | None]) -> None:
        """A first verdict (`values` as `verdict_values` makes them, the id left
        None: it is given here) and its links, url -> title."""
        ident = self.ids.take("verdicts", None)
        self._hold(self._verdicts, (ident, *values[1:]))
        stamp = self._stamp
        self._links.extend((ident, url, title, stamp) for url, title in links.items())
        self._held += len(links)

    def _hold(self, batch: list[tuple[Any, ...]], values: tuple[Any, ...]) -> None:
        batch.append(values)
        self._held += 1
        if self._held >= BATCH:
            self._write(wait=False)

    def flush(self) -> None:
        """Write everything held, parents before children, and wait until it is."""
        self._write(wait=True)

    def settle(self, *, quiet: bool = False) -> None:
        """Wait for the batch in flight, if any; raise what it raised (unless
        `quiet`: the import is failing already, and its own error is the one)."""
        if self._flight is None:
            return
        self._flight.join()
        self._flight = None
        sys.setswitchinterval(self._switch)
        failed, self._failed = self._failed, None
        if failed is not None and not quiet:
            raise failed

    def _write(self, wait: bool) -> None:
        self.settle()
        if not self._held and not self._refresh:
            return
        conn = self.db.conn
        conn.executemany(rows.ARTICLE_SQL, self._articles)
        register_speakers(self.db, [values[4] for values in self._claims if values[4]])
        stamp = self._stamp
        # A NaN or infinite similarity is stored as unknown, as `groups.assign` does.
        members = [(c, g, by, s if s is None or isfinite(s) else None, stamp)
                   for by, held in self._members.items() for c, g, s in held]
        later: list[tuple[str, str]] = []
        for sql, json_sql, batch, real in (
                (rows.CLAIM_SQL, rows.CLAIM_JSON_SQL, self._claims, 9),
                (rows.GROUP_SQL, rows.GROUP_JSON_SQL, self._groups, None),
                (rows.MEMBER_SQL, rows.MEMBER_JSON_SQL, members, 3),
                (rows.HISTORY_SQL, rows.HISTORY_JSON_SQL, self._history, None),
                (rows.VERDICT_SQL, rows.VERDICT_JSON_SQL, self._verdicts, None),
                (rows.LINK_SQL, rows.LINK_JSON_SQL, self._links, None)):
            if not batch:
                continue
            text = self._as_json(batch, real)
            if text:
                later.append((json_sql, text))
            else:  # after the tables before it (links need their verdicts)
                for earlier, earlier_text in later:
                    conn.execute(earlier, [earlier_text])
                later.clear()
                conn.executemany(sql, batch)
        # A group's representative is chosen, and an empty group dropped, once
        # its verdict is in: a batch to refresh is written here and now.
        if wait or self._refresh:
            for sql, text in later:
                conn.execute(sql, [text])
            if self._refresh:
                groups.refresh_groups(self.db, self._refresh)
        elif later:
            self._flight = threading.Thread(target=self._write_later, args=(later,),
                                            name="import-writer", daemon=True)
            self._switch = sys.getswitchinterval()
            sys.setswitchinterval(min(self._switch, SWITCH_INTERVAL))
            self._flight.start()
        for batch in (self._articles, self._claims, self._groups, self._history, self._verdicts,
                      self._links):
            batch.clear()
        for held in self._members.values():
            held.clear()
        self._refresh.clear()
        self._held = 0
        self._stamp = now()

    def _as_json(self, batch: list[tuple[Any, ...]], real: int | None) -> str:
        """The batch as one JSON array of arrays for `*_JSON_SQL`, or "" where
        it must go row by row: text JSON cannot carry (a lone surrogate, which
        `executemany` then refuses as any write refuses it); a NUL (SQLite's
        JSON functions end a string at an escaped NUL; so also the six
        characters \\u0000 in a text); a number of column `real` (a REAL
        column) that SQLite's JSON reading would not give back exactly."""
        try:
            text = orjson.dumps(batch).decode()
        except orjson.JSONEncodeError:
            return ""
        if "\\u0000" in text:
            return ""
        if real is not None:
            numbers = list({values[real] for values in batch} - {None})
            wanted = orjson.dumps(numbers).decode()
            if list(map(repr, rows.read_back(self.db, wanted))) != list(map(repr, numbers)):
                return ""
        return text

    def _write_later(self, statements: list[tuple[str, str]]) -> None:
        """The second thread: one statement per table (each runs without the GIL)."""
        try:
            for sql, text in statements:
                self.db.conn.execute(sql, [text])
        except BaseException as exc:  # raised in the importer's thread by `settle`
            self._failed = exc

