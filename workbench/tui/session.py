"""The review app's one door to the database.

Screens never touch SQL: they call this session and get dataclasses back.
It wraps the store's queue queries, the review service, the grouping
overrides and the export, and holds one lock around them, because the app's
worker threads share a single SQLite connection and a read must never
interleave with a write transaction in progress. Every write method returns
only after the service committed, so the UI reports a change done only once
it is saved.
"""

from __future__ import annotations

import copy
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from workbench.exchange.export import ExportSummary, export_file, make_options
from workbench.models import GroupSummary, Verdict
from workbench.review import ReviewService
from workbench.review.corrections import Corrections
from workbench.store import StoreError, open_store, queue, reviewer_state
from workbench.store import agreement as agreement_store
from workbench.store import groups as groups_store
from workbench.store.queue import Facets, MemberRow, QueueFilter, QueueRow


@dataclass(frozen=True)
class GroupDetail:
    group: GroupSummary
    verdict: Verdict | None
    members: tuple[MemberRow, ...]
    claim_verdicts: dict[int, Verdict] = field(default_factory=dict)
    #: claims that joined the group after its verdict, not yet confirmed (`v`)
    new_since_verdict: frozenset[int] = frozenset()


class ReviewSession:
    """One reviewer's view of one open database, safe to call from worker threads."""

    def __init__(self, db: Database, reviewer: str, lang: str | None = None) -> None:
        self.db = db
        self.lang = lang  # reading language of representatives (None: each group's own)
        self.service = ReviewService(db, reviewer)
        self.reviewer = self.service.reviewer
        self.corrections = Corrections(db, self.reviewer)
        self.lock = threading.RLock()
        self._place: dict[str, Any] | None = None  # the reviewer's place, read once
        self._place_saved = False

    # -- reading -------------------------------------------------------------

    def queue_ids(self, flt: QueueFilter, sort: str = "priority") -> list[int]:
        """Group ids in queue order; `sort` is one of `queue.SORTS`."""
        with self.lock:
            return queue.ordered_ids(self.db, flt, sort)

    def reviewer_labels(self, group_id: int) -> list[tuple[str, str | None, str]]:
        """(reviewer, label, at) of each reviewer's latest judgement of the
        group's verdict, oldest first (label None: they cleared it)."""
        with self.lock:
            found = agreement_store.latest_judgements(self.db, [group_id]).get(group_id, [])
        return [(j.reviewer, j.label, j.at) for j in found]

    def queue_rows(self, group_ids: Sequence[int]) -> list[QueueRow]:
        with self.lock:
            rows = queue.rows(self.db, group_ids)
            if not self.lang:
                return rows
            chosen = groups_store.representatives(self.db, [r.group_id for r in rows], self.lang)
        return [replace(r, representative=chosen[r.group_id][1]) if r.group_id in chosen else r
                for r in rows]

    def progress(self) -> tuple[int, int]:
        with self.lock:
            return queue.progress(self.db)

    def facets(self) -> Facets:
        with self.lock:
            return queue.facets(self.db)

    def data_version(self) -> int:
        with self.lock:
            return queue.data_version(self.db)

    def live_group(self, group_id: int) -> int | None:
        """The group's id, or the group it was merged into; None if it is gone."""
        with self.lock:
            seen: set[int] = set()
            current = group_id
            while current not in seen:
                seen.add(current)
                exists, merged_into = queue.group_state(self.db, current)
                if not exists:
                    return None
                if merged_into is None:
                    return current
                current = merged_into
            return None

    def detail(self, group_id: int) -> GroupDetail:
        with self.lock:
            groups_store.live_group_id(self.db, group_id)
            found = groups_store.summaries(self.db, [group_id], self.lang)
            if not found:
                raise groups_store.GroupError(f"no group with id {group_id}")
            verdict, claim_verdicts = self.service.verdicts_for_group(group_id)
            return GroupDetail(found[0], verdict, tuple(queue.members(self.db, group_id)),
                               dict(claim_verdicts),
                               frozenset(self.service.new_since_verdict(group_id)))

    def verdict(self, group_id: int, claim_id: int | None = None) -> Verdict | None:
        with self.lock:
            return self.service.verdict(group_id, claim_id)

    def article_body(self, article_id: int) -> str | None:
        with self.lock:
            return queue.article_body(self.db, article_id)

    # -- the reviewer's place (engineer D) ----------------------------------

    def place(self) -> dict[str, Any]:
        """Where this reviewer left off and their desk settings (a copy, defaults filled)."""
        with self.lock:
            if self._place is None:
                self._place = clean_place(reviewer_state.load(self.db, self.reviewer))
            return copy.deepcopy(self._place)

    def save_place(self, **changes: Any) -> bool:
        """Remember `changes` (e.g. group=12, view="group"); False if the store is read-only.

        The place is kept in memory either way, so a read-only database still
        restores within the session; only the write is skipped. A write that
        fails for a passing reason (another writer holds the lock) is made up
        by the next save, which writes the whole place.
        """
        with self.lock:
            current = self.place()
            wanted = clean_place({**current, **changes})
            if wanted == current and self._place_saved:
                return True
            self._place = wanted
            self._place_saved = False
            try:
                reviewer_state.save(self.db, self.reviewer, wanted)
            except sqlite3.Error as exc:
                return "readonly" not in str(exc).lower().replace("-", "")
            self._place_saved = True
            return True

    # -- writing (each call is committed when it returns) --------------------

    def set_verdict(self, group_id: int, label: str, claim_id: int | None = None) -> Verdict:
        with self.lock:
            return self.service.set_verdict(group_id, label, claim_id=claim_id)

    def clear_verdict(self, group_id: int, claim_id: int | None = None) -> Verdict | None:
        """Remove the label; the evidence stays (returned; None when there is none)."""
        with self.lock:
            return self.service.clear_verdict(group_id, claim_id=claim_id)

    # Notes and links need no verdict (an evidence-only row); None: nothing is left.
    def set_note(self, group_id: int, note: str, claim_id: int | None = None) -> Verdict | None:
        with self.lock:
            return self.service.set_note(group_id, note, claim_id=claim_id)

    def add_link(self, group_id: int, url: str, title: str | None,
                 claim_id: int | None = None) -> Verdict | None:
        with self.lock:
            return self.service.add_link(group_id, url, title, claim_id=claim_id)

    def edit_link(self, group_id: int, old_url: str, new_url: str, title: str | None,
                  claim_id: int | None = None) -> Verdict | None:
        with self.lock:
            return self.service.edit_link(group_id, old_url, new_url, title, claim_id=claim_id)

    def remove_link(self, group_id: int, url: str,
                    claim_id: int | None = None) -> Verdict | None:
        with self.lock:
            return self.service.remove_link(group_id, url, claim_id=claim_id)

    def confirm(self, group_id: int, claim_id: int | None = None) -> list[int]:
        """Let the group's verdict cover its claims new since it (or one of them)."""
        with self.lock:
            return self.service.confirm(group_id, claim_id)

    # -- corrections and undo (workbench.review.corrections, review.history) ------

    def undo(self, skip_blocked: bool = False) -> str | None:
        """Undo the change `undo_preview` names; ReviewError when it can no
        longer be undone (unless `skip_blocked`: then the next one)."""
        with self.lock:
            return self.service.undo(skip_blocked=skip_blocked)

    def redo(self, skip_blocked: bool = False) -> str | None:
        with self.lock:
            return self.service.redo(skip_blocked=skip_blocked)

    def undo_preview(self) -> str | None:
        """One line naming exactly what `undo()` would revert now."""
        with self.lock:
            return self.service.undo_preview()

    def redo_preview(self) -> str | None:
        with self.lock:
            return self.service.redo_preview()

    def edit_speaker(self, claim_id: int, speaker: str) -> str:
        with self.lock:
            return self.corrections.edit_speaker(claim_id, speaker)

    def edit_stance(self, claim_id: int, stance: str) -> str:
        with self.lock:
            return self.corrections.edit_stance(claim_id, stance)

    def edit_published_text(self, group_id: int, text: str) -> str:
        with self.lock:
            return self.corrections.edit_published_text(group_id, text)

    def move_claim(self, claim_id: int, group_id: int) -> str:
        with self.lock:
            return self.corrections.move_claim(claim_id, group_id)

    def move_targets(self, claim_id: int, text: str, limit: int = 50) -> list[QueueRow]:
        """Live groups to move the claim into, matching `text` as the queue
        search does, in queue order (most pressing first), never its own group."""
        with self.lock:
            own = groups_store.group_of_claim(self.db, claim_id)
            ids = queue.ordered_ids(self.db, QueueFilter(text=text.strip() or None))
            chosen = [g for g in ids if g != own][: max(0, limit)]
        return self.queue_rows(chosen)

    def merge(self, group_ids: Sequence[int]) -> int:
        """Merge the groups into one (one undoable step); returns the id that remains."""
        ids = list(dict.fromkeys(group_ids))
        if len(ids) < 2 and len(list(group_ids)) < 2:
            raise groups_store.GroupError("mark at least two groups to merge (m)")
        with self.lock:
            return self.corrections.merge(list(group_ids))

    def split(self, claim_id: int) -> int:
        with self.lock:
            return self.corrections.split(claim_id)

    def export(self, path: Path, fmt: str = "json", **options: Any) -> ExportSummary:
        """Write an export with `workbench.exchange` to `path`, atomically.

        The options are checked first (`ExportError`, one line, before any file
        is touched). A file database is exported over a connection of its own,
        so reviewing (and committing) goes on while a large export is written.
        """
        checked = make_options(fmt, **options)
        with self.lock:
            files = [r[2] for r in self.db.execute("PRAGMA database_list") if r[1] == "main"]
        if files and files[0]:
            own = open_store(files[0], migrate=False)
            try:
                return export_file(own, path, fmt, checked)
            finally:
                own.conn.close()
        with self.lock:
            return export_file(self.db, path, fmt, checked)


# What a reviewer's place holds and its value when nothing (usable) is saved.
PLACE_DEFAULTS: dict[str, Any] = {
    "group": None, "view": "queue", "search": None, "filter": {}, "sort": "priority",
    "auto_advance": False, "export_format": "json", "export_path": None,
}
_PLACE_TYPES: dict[str, tuple[type, ...]] = {
    "group": (int,), "view": (str,), "search": (str,), "filter": (dict,), "sort": (str,),
    "auto_advance": (bool,), "export_format": (str,), "export_path": (str,),
}


def clean_place(saved: dict[str, Any]) -> dict[str, Any]:
    """`saved` over the defaults, each known key of the right type (else its default).

    A hand-edited or foreign state must never stop the app: a value of the
    wrong type falls back to the default; unknown keys are kept for whoever
    wrote them.
    """
    place = copy.deepcopy(PLACE_DEFAULTS)
    for key, value in saved.items():
        types = _PLACE_TYPES.get(key)
        if types is None:
            place[key] = value
        elif value is None and PLACE_DEFAULTS[key] is None:
            place[key] = None
        elif isinstance(value, types) and not (isinstance(value, bool) and bool not in types):
            place[key] = copy.deepcopy(value)
    return place


def explain(exc: BaseException) -> str:
    """One line for the reviewer, never a traceback."""
    if isinstance(exc, (ValueError, StoreError)):
        return str(exc)
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        if "readonly" in text or "read-only" in text:
            return "the database is read-only; nothing was changed"
        if "locked" in text or "busy" in text:
            return "the database is locked by another writer; nothing was changed, try again"
        return f"the database refused the change ({exc}); nothing was changed"
    if isinstance(exc, sqlite3.Error):
        return f"database error ({exc}); nothing was changed"
    return f"unexpected error: {type(exc).__name__}: {exc}"
