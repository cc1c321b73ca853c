"""Undo and redo stacks, derived from the verdict history and the corrections log.

Nothing about undo is kept in memory: the stacks are replayed from the
reviewer's own rows of `verdict_history` and `corrections`, in the order they
were made, so they survive a restart and each reviewer undoes only their own
work. Replaying, oldest first:

- a fresh change (a verdict `set` or `clear`, or any correction: speaker,
  stance, text, move, merge, split) goes on the undo stack and empties the
  redo stack, as in any editor;
- `undo` (reverts = R) takes R off the undo stack and goes on the redo stack;
- `redo` (reverts = U, an undo row) takes U off the redo stack and goes on the
  undo stack, so a redo can itself be undone.

Undoing row E, or redoing undo row E, means the same thing: put E's target
back in E's `prev_*` state. A reverted entry that was not the top of its
stack (the reviewer skipped blocked changes above it, see `history`) takes
those blocked changes off the stack with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.models import EvidenceLink, Verdict
from workbench.review.corrections import short
from workbench.store.corrections import Correction
from workbench.store.verdicts import HistoryEntry

State = tuple[str | None, str | None, tuple[EvidenceLink, ...]] | None


@dataclass(frozen=True)
class Step:
    """One of the reviewer's rows in either log ("verdict": verdict_history,
    "correction": corrections), by id; the logs give them in the order made."""

    log: str
    id: int
    action: str
    reverts: int | None


def stacks(entries: Sequence[Step]) -> tuple[list[Step], list[Step]]:
    """(undo stack, redo stack) for one reviewer's steps given oldest first; tops last."""
    undo: list[Step] = []
    redo: list[Step] = []
    for entry in entries:
        if entry.action not in ("undo", "redo"):
            undo.append(entry)
            redo.clear()
        elif entry.action == "undo":
            _drop(undo, entry.log, entry.reverts)
            redo.append(entry)
        else:
            _drop(redo, entry.log, entry.reverts)
            undo.append(entry)
    return undo, redo


def _drop(stack: list[Step], log: str, entry_id: int | None) -> None:
    """Take the reverted entry off, and any above it: those were blocked
    changes the reviewer chose to skip, and stay skipped."""
    for index in range(len(stack) - 1, -1, -1):
        if stack[index].log == log and stack[index].id == entry_id:
            del stack[index:]
            return


def _state(label: str | None, note: str | None, links: tuple[EvidenceLink, ...]) -> State:
    """None when there is nothing at all: no label, no note, no links (no verdict row)."""
    if label is None and not note and not links:
        return None
    return (label, note, links)


def after_state(entry: HistoryEntry) -> State:
    return _state(entry.label, entry.note, entry.links)


def before_state(entry: HistoryEntry) -> State:
    return _state(entry.prev_label, entry.prev_note, entry.prev_links)


def state_of(verdict: Verdict | None) -> State:
    if verdict is None:
        return None
    return _state(verdict.label, verdict.note, verdict.links)


def target_text(group_id: int | None, claim_id: int | None) -> str:
    return f"claim {claim_id}" if claim_id is not None else f"group {group_id}"


def summary(state: State) -> str:
    """'supported, 2 links, note' or 'no verdict'."""
    if state is None:
        return "no verdict"
    label, note, links = state
    parts = [label.replace("_", " ") if label is not None else "no label"]
    if links:
        parts.append(f"{len(links)} link" + ("s" if len(links) != 1 else ""))
    if note:
        parts.append("note")
    return ", ".join(parts)


def describe(group_id: int | None, claim_id: int | None, before: State, after: State) -> str:
    """One line for a change: 'group 3: supported, 1 link → no verdict'."""
    text = f"{target_text(group_id, claim_id)}: {summary(before)} → {summary(after)}"
    if before is not None and after is not None and summary(before) == summary(after):
        if before[1] != after[1]:
            text += " (note changed)"
        elif before[2] != after[2]:
            text += " (links changed)"
    return text


def describe_correction(root: Correction) -> str:
    """One line naming a correction: 'split of claim 12 out of group 3'."""
    before, after = root.before, root.after
    claim = str(root.claim_id)
    if root.action in ("speaker", "stance"):
        part = "speakers" if root.action == "speaker" else "stances"
        old, new = before[part].get(claim), after[part].get(claim)
        if root.action == "speaker":
            old, new = short(old) if old else "no speaker", short(new) if new else "no speaker"
        return f"{root.action} of claim {claim}: {old} → {new}"
    if root.action == "text":
        group = str(root.group_id)
        old = before["texts"].get(group)
        return (f"published text of group {group}: "
                f"{short(old) if old else 'the representative'} → {short(after['texts'].get(group))}")
    if root.action in ("move", "split"):
        source = (before["members"].get(claim) or [None])[0]
        if root.action == "split":
            return f"split of claim {claim} out of group {source}"
        target = (after["members"].get(claim) or [None])[0]
        return f"move of claim {claim} from group {source} to group {target}"
    if root.action == "merge":
        absorbed = sorted(int(g) for g, into in after.get("merged", {}).items()
                          if into is not None and before["merged"].get(g) is None)
        named = ", ".join(map(str, absorbed))
        return f"merge of group{'s' if len(absorbed) != 1 else ''} {named} into group {root.group_id}"
    return f"{root.action} of {'claim ' + claim if root.claim_id else f'group {root.group_id}'}"
