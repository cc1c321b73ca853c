"""Undo and redo for one reviewer: finding the change to revert and reverting it.

`workbench.review.undo` replays the reviewer's own rows into an undo and a
redo stack; this module picks the top of a stack, checks it may still be
reverted, and reverts it in one write transaction. The review service
delegates `undo`/`redo`/`can_undo`/`can_redo` here, so the verdict rules stay
in the service and the history rules stay here.

Undo only ever touches the change it names: the top of the stack. A change
that can no longer be reverted (someone else changed its target since, or
its group was merged away) is never passed over silently in favour of an
older one: undo refuses with a one-line reason, and the reviewer may then
undo further explicitly (`skip_blocked=True`), which drops the blocked
changes from the stack for good (derived from the log, see `undo.stacks`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Protocol, cast

from sqlite_utils import Database

from workbench.models import Label, Verdict
from workbench.review import undo as stacks
from workbench.review.errors import ReviewError
from workbench.store import verdicts as store
from workbench.store.groups import GroupError, group_of_claim, live_group_id


class VerdictWriter(Protocol):
    """What history needs from the review service: its transaction and its write."""

    db: Database
    reviewer: str

    def _saving(self, outcome: str) -> AbstractContextManager[None]: ...

    def _write(self, action: str, group_id: int | None, claim_id: int | None,
               before: Verdict | None, after: Verdict | None,
               reverts: int | None = None) -> None: ...


class History:
    """One reviewer's undo and redo over the verdict log."""

    def __init__(self, service: VerdictWriter) -> None:
        self.service = service
        self.db = service.db
        self.reviewer = service.reviewer

    def undo(self, skip_blocked: bool = False) -> str | None:
        """Undo this reviewer's latest change; None if there is none."""
        return self._revert("undo", skip_blocked)

    def redo(self, skip_blocked: bool = False) -> str | None:
        """Re-apply this reviewer's latest undone change; None if there is none."""
        return self._revert("redo", skip_blocked)

    def can_undo(self) -> bool:
        return self._top("undo") is not None

    def can_redo(self) -> bool:
        return self._top("redo") is not None

    def preview(self, kind: str) -> str | None:
        """The one line naming what `undo()` (or `redo()`) would revert now."""
        top = self._top(kind)
        if top is None:
            return None
        entry, blocked = top
        line = self._line(entry)
        return f"{line} (blocked: {blocked})" if blocked else line

    # -- the stacks ------------------------------------------------------------

    def _entries(self, kind: str) -> Iterator[store.HistoryEntry]:
        """The stack's entries, top first."""
        undo_stack, redo_stack = stacks.stacks(store.reviewer_entries(self.db, self.reviewer))
        yield from reversed(undo_stack if kind == "undo" else redo_stack)

    def _top(self, kind: str) -> tuple[store.HistoryEntry, str | None] | None:
        """The top entry and why it may not be reverted (None: it may)."""
        for entry in self._entries(kind):
            return entry, self._blocked(entry)
        return None

    def _revert(self, kind: str, skip_blocked: bool) -> str | None:
        done = "undone" if kind == "undo" else "redone"
        with self.service._saving(f"nothing was {done}"):
            chosen: store.HistoryEntry | None = None
            for entry in self._entries(kind):
                reason = self._blocked(entry)
                if reason is None:
                    chosen = entry
                    break
                if not skip_blocked:
                    raise ReviewError(
                        f"cannot {kind} {self._line(entry)}: {reason}; nothing was {done} "
                        f"({kind} with skip to pass over it)")
            if chosen is None:
                return None
            current = store.get_verdict(self.db, chosen.group_id, chosen.claim_id)
            restored = self._restored(chosen)
            self.service._write(kind, chosen.group_id, chosen.claim_id, current, restored,
                                reverts=chosen.id)
        return f"{'undid' if kind == 'undo' else 'redid'} {self._line(chosen)}"

    # -- one verdict entry -------------------------------------------------------

    def _line(self, entry: store.HistoryEntry) -> str:
        """What reverting the entry does: 'group 3: supported → no verdict'."""
        return stacks.describe(entry.group_id, entry.claim_id,
                               stacks.after_state(entry), stacks.before_state(entry))

    def _blocked(self, entry: store.HistoryEntry) -> str | None:
        """Why the entry may not be reverted now; None when it may."""
        target = stacks.target_text(entry.group_id, entry.claim_id)
        if entry.claim_id is not None:
            if group_of_claim(self.db, entry.claim_id) is None:
                return f"{target} is no longer in any group"
        else:
            try:
                live_group_id(self.db, int(entry.group_id or 0))
            except GroupError as exc:
                return str(exc)
        other = store.changed_by_others_after(self.db, entry.group_id, entry.claim_id,
                                              entry.id, self.reviewer)
        current = store.get_verdict(self.db, entry.group_id, entry.claim_id)
        if other or stacks.state_of(current) != stacks.after_state(entry):
            return f"the verdict on {target} was changed since by someone else"
        return None

    def _restored(self, entry: store.HistoryEntry) -> Verdict | None:
        """Entry's `prev_*` state, credited to whoever made that state and when."""
        state = stacks.before_state(entry)
        if state is None:
            return None
        producer = store.entry_before(self.db, entry.group_id, entry.claim_id, entry.id)
        while producer is not None and producer.action in ("undo", "redo") and producer.reverts:
            producer = store.entry_before(self.db, entry.group_id, entry.claim_id,
                                          producer.reverts)
        reviewer, at = (producer.reviewer, producer.at) if producer else (self.reviewer,
                                                                          store.now())
        label, note, links = state
        return Verdict(label=cast("Label | None", label), reviewer=reviewer, decided_at=at,
                       note=note, links=links,
                       group_id=None if entry.claim_id is not None else entry.group_id,
                       claim_id=entry.claim_id)
