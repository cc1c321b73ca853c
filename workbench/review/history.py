"""Undo and redo for one reviewer: finding the change to revert and reverting it.

`workbench.review.undo` replays the reviewer's own rows of both logs (verdict
changes in `verdict_history`, corrections in `corrections`) into an undo and
a redo stack; this module picks the top of a stack, checks it may still be
reverted, and reverts it in one write transaction. The review service
delegates `undo`/`redo`/`can_undo`/`can_redo` here, so the verdict rules stay
in the service and the history rules stay here. Reverting a verdict change
writes a verdict_history undo/redo row through the service; reverting a
correction writes the facts of its `before` back (they must still read as its
`after`) and appends a corrections undo/redo row (`workbench.store.corrections`).

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
from workbench.store import corrections as log
from workbench.store import verdicts as store
from workbench.store.groups import GroupError, group_of_claim, live_group_id, refresh_groups

Entry = store.HistoryEntry | log.Correction


class VerdictWriter(Protocol):
    """What history needs from the review service: its transaction and its write."""

    db: Database
    reviewer: str

    def _saving(self, outcome: str) -> AbstractContextManager[None]: ...

    def _write(self, action: str, group_id: int | None, claim_id: int | None,
               before: Verdict | None, after: Verdict | None,
               reverts: int | None = None) -> None: ...


class History:
    """One reviewer's undo and redo over both logs."""

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

    def _entries(self, kind: str) -> Iterator[Entry]:
        """The stack's rows, top first, each read only when reached."""
        undo_stack, redo_stack = stacks.stacks(
            [stacks.Step(*row) for row in log.undo_log(self.db, self.reviewer)])
        for step in reversed(undo_stack if kind == "undo" else redo_stack):
            entry = self._read(step)
            if entry is not None:
                yield entry

    def _read(self, step: stacks.Step) -> Entry | None:
        if step.log == "correction":
            return log.get(self.db, step.id)
        return store.get_entry(self.db, step.id)

    def _top(self, kind: str) -> tuple[Entry, str | None] | None:
        """The top row and why it may not be reverted (None: it may)."""
        for entry in self._entries(kind):
            return entry, self._blocked(entry)
        return None

    def _revert(self, kind: str, skip_blocked: bool) -> str | None:
        done = "undone" if kind == "undo" else "redone"
        with self.service._saving(f"nothing was {done}"):
            chosen: Entry | None = None
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
            if isinstance(chosen, log.Correction):
                self._revert_correction(kind, chosen)
            else:
                self._revert_verdict(kind, chosen)
        return f"{'undid' if kind == 'undo' else 'redid'} {self._line(chosen)}"

    def _line(self, entry: Entry) -> str:
        if isinstance(entry, log.Correction):
            return stacks.describe_correction(self._root(entry))
        return self._verdict_line(entry)

    def _blocked(self, entry: Entry) -> str | None:
        if isinstance(entry, log.Correction):
            return self._correction_blocked(entry)
        return self._verdict_blocked(entry)

    # -- one correction ------------------------------------------------------------

    def _root(self, row: log.Correction) -> log.Correction:
        """The correction an undo/redo row goes back to (it names the change)."""
        seen: set[int] = set()
        while row.action in ("undo", "redo") and row.reverts and row.id not in seen:
            seen.add(row.id)
            earlier = log.get(self.db, int(row.reverts))
            if earlier is None:
                break
            row = earlier
        return row

    def _correction_blocked(self, row: log.Correction) -> str | None:
        found = log.difference(self.db, row.after)
        if found is None:
            return None
        what, key = found
        if what == "claim gone":
            return f"claim {key} no longer exists"
        if what == "group gone":
            return f"group {key} no longer exists"
        by = self._changed_by(row.id, what, key)
        if what == "moved":
            return f"claim {key} was moved since {by}"
        if what == "merged":
            into = log.capture(self.db, log.template(merged=[key]))["merged"].get(str(key))
            if into is not None:
                return f"group {key} was merged into group {into} since {by}"
            return f"group {key} was taken out of a merge since {by}"
        if what in ("speaker", "stance"):
            return f"the {what} of claim {key} was changed since {by}"
        if what == "text":
            return f"the published text of group {key} was changed since {by}"
        return f"the merges and splits of group {key} were changed since {by}"

    def _changed_by(self, after_id: int, what: str, key: int) -> str:
        """'by ana': who made the latest correction since that touched the fact."""
        part = {"moved": "members", "merged": "merged", "speaker": "speakers",
                "stance": "stances", "text": "texts"}.get(what)
        for later in log.corrections_after(self.db, after_id):
            if part is None or str(key) in later.after.get(part, {}):
                return f"by {later.reviewer}"
        return "by a grouping run" if what == "moved" else "by someone else"

    def _revert_correction(self, kind: str, row: log.Correction) -> None:
        """Put the facts back as they were before `row` (checked: they read as after it)."""
        current = log.capture(self.db, row.after)
        touched = log.apply(self.db, row.before, self.reviewer)
        log.append(self.db, kind, group_id=row.group_id, claim_id=row.claim_id,
                   before=current, after=log.capture(self.db, row.before),
                   reviewer=self.reviewer, reverts=row.id)
        if touched:
            refresh_groups(self.db, touched)

    # -- one verdict entry -------------------------------------------------------

    def _revert_verdict(self, kind: str, entry: store.HistoryEntry) -> None:
        current = store.get_verdict(self.db, entry.group_id, entry.claim_id)
        self.service._write(kind, entry.group_id, entry.claim_id, current,
                            self._restored(entry), reverts=entry.id)

    def _verdict_line(self, entry: store.HistoryEntry) -> str:
        """What reverting the entry does: 'group 3: supported → no verdict'."""
        return stacks.describe(entry.group_id, entry.claim_id,
                               stacks.after_state(entry), stacks.before_state(entry))

    def _verdict_blocked(self, entry: store.HistoryEntry) -> str | None:
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
            return f"the verdict on {target} was changed since {self._verdict_by(entry)}"
        return None

    def _verdict_by(self, entry: store.HistoryEntry) -> str:
        """'by ana' (or 'by an import'): the latest other hand on the target since."""
        for later in reversed(store.target_history(self.db, entry.group_id, entry.claim_id)):
            if later.id <= entry.id:
                break
            if later.action == "import":
                return "by an import"
            if later.reviewer != self.reviewer:
                return f"by {later.reviewer}"
        return "by someone else"

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
