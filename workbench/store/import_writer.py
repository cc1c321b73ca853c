"""The rows an import creates, given their ids up front and written in batches.

An import of 100,000 groups creates some 400,000 rows (articles, claims,
groups, memberships, history, verdicts, links); one `INSERT` each made the import
take half a minute. Here every new row gets its id in Python, chosen exactly
as SQLite would choose it (the file's id when free, else one past the
largest in use), and waits in a batch that `flush` writes with
`executemany`. The importer flushes before anything that reads the database,
so every read sees every row written before it; the batch is also flushed
when it grows past `BATCH` rows and when the import ends, inside the
import's one transaction (a failure rolls it all back, batch or not).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any

from sqlite_utils import Database

from workbench.models import Verdict
from workbench.store import groups
from workbench.store import import_rows as rows
from workbench.store.articles import now
from workbench.store.exchange import HistoryRow
from workbench.store.speakers import register_speakers

BATCH = 20_000  # rows held before writing; a few MB


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
            self.flush()

    def flush(self) -> None:
        """Write everything held, parents before children."""
        if not self._held and not self._refresh:
            return
        conn = self.db.conn
        conn.executemany(rows.ARTICLE_SQL, self._articles)
        conn.executemany(rows.CLAIM_SQL, self._claims)
        register_speakers(self.db, [values[4] for values in self._claims if values[4]])
        conn.executemany(rows.GROUP_SQL, self._groups)
        for by, members in self._members.items():
            if members:
                groups.assign(self.db, members, by=by)
        conn.executemany(rows.HISTORY_SQL, self._history)
        conn.executemany(rows.VERDICT_SQL, self._verdicts)
        conn.executemany(rows.LINK_SQL, self._links)
        if self._refresh:
            groups.refresh_groups(self.db, self._refresh)
        for batch in (self._articles, self._claims, self._groups, self._history, self._verdicts,
                      self._links):
            batch.clear()
        for members in self._members.values():
            members.clear()
        self._refresh.clear()
        self._held = 0
        self._stamp = now()

