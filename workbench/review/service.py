"""The review service: every change a reviewer can make to a verdict.

The TUI and the CLI both call this class and get `Verdict` dataclasses back,
so the rules live in one place: labels are supported/disputed/denied/
not_checkable; a verdict goes on a live group or on a claim of that group
(overriding the group's verdict for that claim); links are http(s) URLs.

Evidence comes before the decision: a note or a link may be added to a
target with no verdict, which creates a verdict row without a label
(evidence only). Setting a label keeps the evidence; clearing it removes the
label only, and the evidence stays. A row left with no label, no note and no
links is deleted, so "no verdict" is always "no row". Evidence alone decides
nothing: it does not confirm new claims, does not cover them, and counts as
unreviewed everywhere (queue, progress, export filters, ClaimReview).

Each call is one transaction that changes the current verdict and appends
its `verdict_history` row, committed before returning, and a database that
refuses the write (read-only, locked) becomes a `ReviewError` with nothing
half-written.

Conventions: `note=None` / `links=None` keep what the verdict already has;
an empty or blank note removes the note. A change that would leave the state
exactly as it is writes nothing and returns the current verdict. Undo and
redo are derived from history (see `workbench.review.undo`).

Claims new since a group's verdict (`workbench.store.since_verdict`) are
covered by it only once confirmed (`confirm`), or by a fresh label set on
the group (from none, evidence or not), which judges every claim the group
holds at that moment. A confirmation is audited in `verdict_confirmations`; it is not on the undo
stack, which replays verdict states only (a wrongly confirmed claim is split
out of the group with `p`/`workbench split`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, cast

from sqlite_utils import Database

from workbench.models import LABELS, EvidenceLink, Label, Verdict
from workbench.review import undo as history
from workbench.review.errors import InvalidLink, ReviewError, refusal
from workbench.review.history import History
from workbench.review.links import clean_links, clean_title, validate_url
from workbench.review.names import check_reviewer
from workbench.store import since_verdict
from workbench.store import verdicts as store
from workbench.store.groups import GroupError, group_of_claim, live_group_id

__all__ = ["InvalidLink", "ReviewError", "ReviewService"]

LinkLike = EvidenceLink | str
Change = Callable[[Verdict | None], Verdict | None]


class ReviewService:
    """Verdict actions for one reviewer on one open database."""

    def __init__(self, db: Database, reviewer: str) -> None:
        self.db = db
        self.reviewer = check_reviewer(reviewer)

    # -- reading -------------------------------------------------------------

    def verdict(self, group_id: int, claim_id: int | None = None) -> Verdict | None:
        """The verdict on the group, or on the claim itself when claim_id is given."""
        return store.get_verdict(self.db, group_id, claim_id)

    def verdicts_for_group(self, group_id: int) -> tuple[Verdict | None, dict[int, Verdict]]:
        """(the group's verdict, {claim id: that claim's own verdict})."""
        return store.group_verdicts(self.db, [group_id]).get(group_id, (None, {}))

    def history(self, group_id: int, claim_id: int | None = None) -> list[store.HistoryEntry]:
        """Every change to the target's verdict, oldest first."""
        return store.target_history(self.db, group_id, claim_id)

    # -- changing ------------------------------------------------------------

    def set_verdict(
        self,
        group_id: int,
        label: str,
        *,
        claim_id: int | None = None,
        note: str | None = None,
        links: Sequence[LinkLike] | None = None,
        add_links: Sequence[LinkLike] = (),
    ) -> Verdict:
        """Set the label (evidence already there stays); `links` replaces the links,
        `add_links` appends to them."""
        label = _label(label)
        new_links = None if links is None else clean_links(links)
        extra = clean_links(add_links)

        def change(current: Verdict | None) -> Verdict:
            kept = new_links if new_links is not None else (current.links if current else ())
            return self._verdict(group_id, claim_id, label,
                                 current.note if note is None and current else _clean_note(note),
                                 _merge_links(kept, extra))

        result = self._apply(group_id, claim_id, change, agree=True)
        assert result is not None
        return result

    def clear_verdict(self, group_id: int, *, claim_id: int | None = None) -> Verdict | None:
        """Remove the label; the note and links stay (returned as the evidence-only
        verdict, or None when there was none and the row is gone)."""

        def change(current: Verdict | None) -> Verdict:
            if current is None or current.label is None:
                raise ReviewError(f"{history.target_text(group_id, claim_id)} has no verdict "
                                  "to clear; nothing changed")
            return self._with(current, label=None)

        return self._apply(group_id, claim_id, change)

    def set_note(self, group_id: int, note: str | None, *,
                 claim_id: int | None = None) -> Verdict | None:
        """Replace the note; an empty or blank note removes it."""
        text = _clean_note(note)
        return self._edit(group_id, claim_id, lambda v: self._with(v, note=text))

    def add_link(self, group_id: int, url: str, title: str | None = None, *,
                 claim_id: int | None = None) -> Verdict | None:
        """Add a link; adding a URL that is already there only updates its title."""
        link = EvidenceLink(validate_url(url), clean_title(title))

        def change(current: Verdict) -> Verdict:
            if any(existing.url == link.url for existing in current.links):
                links = tuple(EvidenceLink(x.url, link.title or x.title)
                              if x.url == link.url else x for x in current.links)
            else:
                links = (*current.links, link)
            return self._with(current, links=links)

        return self._edit(group_id, claim_id, change)

    def edit_link(self, group_id: int, old_url: str, new_url: str, title: str | None = None,
                  *, claim_id: int | None = None) -> Verdict | None:
        """Change a link's URL in place; title None keeps the title, '' removes it."""
        old, new = (old_url or "").strip(), validate_url(new_url)

        def change(current: Verdict) -> Verdict:
            found = self._find_link(current, old, group_id, claim_id)
            if new != old and any(x.url == new for x in current.links):
                raise ReviewError(f"{new} is already a link of this verdict")
            replacement = EvidenceLink(new, found.title if title is None else clean_title(title))
            return self._with(current, links=tuple(replacement if x.url == old else x
                                                   for x in current.links))

        return self._edit(group_id, claim_id, change)

    def remove_link(self, group_id: int, url: str, *,
                    claim_id: int | None = None) -> Verdict | None:
        target = (url or "").strip()

        def change(current: Verdict) -> Verdict:
            self._find_link(current, target, group_id, claim_id)
            return self._with(current, links=tuple(x for x in current.links if x.url != target))

        return self._edit(group_id, claim_id, change)

    def new_since_verdict(self, group_id: int) -> list[int]:
        """The group's claims that joined it after its verdict, not yet confirmed."""
        return since_verdict.new_claims(self.db, group_id)

    def confirm(self, group_id: int, claim_id: int | None = None) -> list[int]:
        """Let the group's verdict cover its claims new since that verdict (or
        just `claim_id`); returns the claims confirmed, [] when none was new."""
        with self._saving("nothing was confirmed"):
            self._check_target(group_id, claim_id)
            current = store.get_verdict(self.db, group_id)
            if current is None or current.label is None:
                raise ReviewError(f"group {group_id} has no verdict: nothing to confirm")
            new = since_verdict.new_claims(self.db, group_id)
            chosen = [c for c in new if claim_id is None or c == claim_id]
            since_verdict.confirm(self.db, group_id, chosen, self.reviewer, store.now())
        return chosen

    # -- undo and redo (workbench.review.history) -------------------------------

    def undo(self, *, skip_blocked: bool = False) -> str | None:
        """Undo this reviewer's latest change; None if there is none. A change
        that can no longer be undone is refused (ReviewError) unless
        `skip_blocked`, which passes over it to the next one."""
        return self._history().undo(skip_blocked)

    def redo(self, *, skip_blocked: bool = False) -> str | None:
        """Re-apply this reviewer's latest undone change; None if there is none."""
        return self._history().redo(skip_blocked)

    def can_undo(self) -> bool:
        return self._history().can_undo()

    def can_redo(self) -> bool:
        return self._history().can_redo()

    def undo_preview(self) -> str | None:
        """One line naming exactly what `undo()` would revert now."""
        return self._history().preview("undo")

    def redo_preview(self) -> str | None:
        """One line naming exactly what `redo()` would re-apply now."""
        return self._history().preview("redo")

    def _history(self) -> History:
        return History(self)

    # -- plumbing ------------------------------------------------------------

    def _edit(self, group_id: int, claim_id: int | None,
              change: Callable[[Verdict], Verdict]) -> Verdict | None:
        """A change to a note or links; on a target with no verdict it starts an
        evidence-only one. None: nothing is left (the row is gone or never was)."""

        def on_evidence(current: Verdict | None) -> Verdict:
            return change(current if current is not None else
                          self._verdict(group_id, claim_id, None, None, ()))

        return self._apply(group_id, claim_id, on_evidence)

    def _apply(self, group_id: int, claim_id: int | None, change: Change, *,
               agree: bool = False) -> Verdict | None:
        """`agree`: a group label another reviewer set, set again unchanged, is still
        written (a history row), so two reviewers' agreement can be counted."""
        with self._saving("the verdict was not saved"):
            self._check_target(group_id, claim_id)
            current = store.get_verdict(self.db, group_id, claim_id)
            after = _nothing_left(change(current))
            if history.state_of(after) == history.state_of(current) and not (
                    agree and claim_id is None and current is not None
                    and current.reviewer != self.reviewer):
                return current
            removed = after is None or (after.label is None and current is not None
                                        and current.label is not None)
            self._write("clear" if removed else "set", group_id, claim_id, current, after)
        return after

    def _write(self, action: str, group_id: int | None, claim_id: int | None,
               before: Verdict | None, after: Verdict | None, reverts: int | None = None) -> None:
        after = _nothing_left(after)  # no label, note or links: no row
        if after is None:
            store.delete_verdict(self.db, group_id, claim_id)
        else:
            store.put_verdict(self.db, after)
            fresh_label = after.label is not None and (before is None or before.label is None)
            if action == "set" and fresh_label and claim_id is None and group_id is not None:
                since_verdict.covered_by_fresh_verdict(self.db, group_id)
        store.append_history(self.db, action, group_id=group_id, claim_id=claim_id,
                             before=before, after=after, reviewer=self.reviewer,
                             at=store.now(), reverts=reverts)

    def _check_target(self, group_id: int, claim_id: int | None) -> None:
        live_group_id(self.db, group_id)
        if claim_id is not None and group_of_claim(self.db, claim_id) != group_id:
            raise ReviewError(f"claim {claim_id} is not in group {group_id}")

    @contextmanager
    def _saving(self, outcome: str) -> Iterator[None]:
        """One write transaction; database refusals become ReviewError."""
        try:
            with store.write_transaction(self.db):
                yield
        except GroupError as exc:
            raise ReviewError(str(exc)) from exc
        except sqlite3.OperationalError as exc:
            raise ReviewError(refusal(exc, outcome)) from exc
        except sqlite3.IntegrityError as exc:
            raise ReviewError(f"the database refused the change ({exc}); {outcome}") from exc

    def _verdict(self, group_id: int, claim_id: int | None, label: str | None,
                 note: str | None, links: tuple[EvidenceLink, ...]) -> Verdict:
        return Verdict(label=cast("Label | None", label), reviewer=self.reviewer, decided_at=store.now(),
                       note=note, links=links, group_id=_group_part(group_id, claim_id),
                       claim_id=claim_id)

    def _with(self, current: Verdict, **changes: Any) -> Verdict:
        """The verdict with a new note or links, now credited to this reviewer."""
        return replace(current, reviewer=self.reviewer, decided_at=store.now(), **changes)

    @staticmethod
    def _find_link(current: Verdict, url: str, group_id: int,
                   claim_id: int | None) -> EvidenceLink:
        for link in current.links:
            if link.url == url:
                return link
        raise ReviewError(f"{history.target_text(group_id, claim_id)} has no link {url!r}; "
                          "nothing changed")


def _group_part(group_id: int | None, claim_id: int | None) -> int | None:
    """A claim's verdict is keyed by the claim alone (group_id NULL), as in `verdicts`."""
    return None if claim_id is not None else group_id


def _label(text: str) -> str:
    """A label as typed ('not-checkable', 'Not checkable') in its stored form."""
    label = "_".join(str(text or "").strip().lower().replace("-", " ").split())
    if label not in LABELS:
        raise ReviewError(f"unknown verdict {text!r}: use {', '.join(LABELS)}; nothing changed")
    return label


def _nothing_left(verdict: Verdict | None) -> Verdict | None:
    """None for a verdict with no label, no note and no links: it must not be stored."""
    if verdict is None or (verdict.label is None and not verdict.note and not verdict.links):
        return None
    return verdict


def _clean_note(note: str | None) -> str | None:
    if note is None:
        return None
    text = note.strip()
    return text or None


def _merge_links(base: Sequence[EvidenceLink],
                 extra: Sequence[EvidenceLink]) -> tuple[EvidenceLink, ...]:
    known = {link.url for link in base}
    return (*base, *(link for link in extra if link.url not in known))
