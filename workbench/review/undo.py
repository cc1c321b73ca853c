"""Undo and redo stacks, derived from the verdict history.

Nothing about undo is kept in memory: the stacks are replayed from the
reviewer's own rows of `verdict_history`, so they survive a restart and each
reviewer undoes only their own work. Replaying, oldest first:

- `set` or `clear` (a fresh change) goes on the undo stack and empties the
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

from workbench.models import EvidenceLink, Verdict
from workbench.store.verdicts import HistoryEntry

FRESH = ("set", "clear")

State = tuple[str | None, str | None, tuple[EvidenceLink, ...]] | None


def stacks(entries: Sequence[HistoryEntry]) -> tuple[list[HistoryEntry], list[HistoryEntry]]:
    """(undo stack, redo stack) for one reviewer's rows given oldest first; tops last."""
    undo: list[HistoryEntry] = []
    redo: list[HistoryEntry] = []
    for entry in entries:
        if entry.action in FRESH:
            undo.append(entry)
            redo.clear()
        elif entry.action == "undo":
            _drop(undo, entry.reverts)
            redo.append(entry)
        elif entry.action == "redo":
            _drop(redo, entry.reverts)
            undo.append(entry)
    return undo, redo


def _drop(stack: list[HistoryEntry], entry_id: int | None) -> None:
    """Take the reverted entry off, and any above it: those were blocked
    changes the reviewer chose to skip, and stay skipped."""
    for index in range(len(stack) - 1, -1, -1):
        if stack[index].id == entry_id:
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
