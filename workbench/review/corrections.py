"""Reviewer corrections: a claim's speaker and stance, the text a group is
published under, moving a claim, merging and splitting groups.

The rules live here; the SQL in `workbench.store.corrections` and
`workbench.store.groups`. Every correction is one transaction that also
appends its `corrections` row (the facts before and after), so each one is
audited and undoable through `ReviewService.undo`/`redo`. A correction that
cannot be made raises ReviewError or GroupError (both ValueError) with one
line that ends by saying nothing was changed; a database that refuses the
write (read-only, locked) becomes the same kind of error. A correction that
would change nothing (the same speaker, stance or text) writes no row and
returns a line saying so.

Text a reviewer types is shown to colleagues and published, so a speaker
name or published text loses control, bidi and zero-width characters
(`invisible.is_hidden`), runs of whitespace become one space, and text over
the length limit is refused rather than cut.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlite_utils import Database

from workbench.models import STANCES
from workbench.review.errors import ReviewError, refusal
from workbench.review.invisible import is_hidden
from workbench.review.names import check_reviewer
from workbench.store import corrections as log
from workbench.store import groups
from workbench.store.connection import write_transaction
from workbench.store.groups import GroupError

MAX_SPEAKER = 200
MAX_PUBLISHED_TEXT = 2000
NOTHING = "nothing was changed"


def clean_text(text: str) -> str:
    """One visible line: hidden characters out, whitespace runs to one space."""
    return " ".join("".join(" " if ch.isspace() else ch for ch in text
                            if ch.isspace() or not is_hidden(ch)).split())


def short(text: str | None, width: int = 40) -> str:
    """A quoted, shortened text for one-line messages."""
    if text is None:
        return "none"
    return repr(text if len(text) <= width else text[: width - 1] + "…")


class Corrections:
    """One reviewer's corrections on one open database."""

    def __init__(self, db: Database, reviewer: str) -> None:
        self.db = db
        self.reviewer = check_reviewer(reviewer)

    # -- claims ----------------------------------------------------------------

    def edit_speaker(self, claim_id: int, speaker: str | None) -> str:
        """Set who made the claim; empty or blank means no speaker is named."""
        name = clean_text(speaker or "") or None
        if name is not None and len(name) > MAX_SPEAKER:
            raise ReviewError(f"a speaker name is at most {MAX_SPEAKER} characters "
                              f"(got {len(name)}); {NOTHING}")
        with saving(), write_transaction(self.db):
            self._claim(claim_id)
            shape = log.template(speakers=[claim_id])
            before = log.capture(self.db, shape)
            old = before["speakers"][str(claim_id)]
            if old == name:
                return f"claim {claim_id} already has speaker {short(name)}; {NOTHING}"
            after = {**before, "speakers": {str(claim_id): name}}
            self._record("speaker", None, claim_id, before, after)
        return f"speaker of claim {claim_id}: {short(old)} → {short(name)}"

    def edit_stance(self, claim_id: int, stance: str) -> str:
        """Set whether the speaker asserts, denies or disputes what is claimed."""
        value = (stance or "").strip().lower()
        if value not in STANCES:
            raise ReviewError(f"unknown stance {short(stance)}: use {', '.join(STANCES)}; "
                              f"{NOTHING}")
        with saving(), write_transaction(self.db):
            self._claim(claim_id)
            shape = log.template(stances=[claim_id], answers=[claim_id])
            before = log.capture(self.db, shape)
            old = before["stances"][str(claim_id)]
            if old == value:
                return f"claim {claim_id} already {value}; {NOTHING}"
            after = {**before, "stances": {str(claim_id): value},
                     "answers": {str(claim_id): _answers_after(
                         before["answers"][str(claim_id)], claim_id, value)}}
            self._record("stance", None, claim_id, before, after)
        return f"stance of claim {claim_id}: {old} → {value}"

    # -- groups ------------------------------------------------------------------

    def edit_published_text(self, group_id: int, text: str) -> str:
        """Set the text the group is published under (its representative until set)."""
        value = clean_text(text or "")
        if not value:
            raise ReviewError(f"the published text of group {group_id} cannot be empty; "
                              f"{NOTHING}")
        if len(value) > MAX_PUBLISHED_TEXT:
            raise ReviewError(f"a published text is at most {MAX_PUBLISHED_TEXT} characters "
                              f"(got {len(value)}); {NOTHING}")
        with saving(), write_transaction(self.db):
            groups.live_group_id(self.db, group_id)
            shape = log.template(texts=[group_id])
            before = log.capture(self.db, shape)
            old = before["texts"][str(group_id)]
            if old == value:
                return f"group {group_id} is already published under that text; {NOTHING}"
            after = {**before, "texts": {str(group_id): value}}
            self._record("text", group_id, None, before, after)
        return (f"published text of group {group_id}: "
                f"{short(old) if old else 'the representative'} → {short(value)}")

    def move_claim(self, claim_id: int, group_id: int) -> str:
        """Move the claim into another live group."""
        with saving():
            source = groups.move(self.db, claim_id, group_id, self.reviewer)
        return f"moved claim {claim_id} from group {source} to group {group_id}"

    def merge(self, group_ids: Sequence[int]) -> int:
        """Merge the groups into one (one undo step); returns the id that remains."""
        with saving():
            return groups.merge_groups(self.db, list(group_ids), self.reviewer)

    def split(self, claim_id: int) -> int:
        """Move the claim out into a new group of its own; returns that group."""
        with saving():
            return groups.split(self.db, claim_id, self.reviewer)

    # -- plumbing ------------------------------------------------------------------

    def _claim(self, claim_id: int) -> None:
        if not log.claim_exists(self.db, claim_id):
            raise ReviewError(f"no claim with id {claim_id}")

    def _record(self, action: str, group_id: int | None, claim_id: int | None,
                before: log.State, after: log.State) -> None:
        touched = log.apply(self.db, after, self.reviewer)
        log.append(self.db, action, group_id=group_id, claim_id=claim_id, before=before,
                   after=log.capture(self.db, after), reviewer=self.reviewer)
        if touched:
            groups.refresh_groups(self.db, touched)


def _answers_after(links: list[list[Any]], claim_id: int, stance: str) -> list[list[Any]]:
    """The denial/dispute links a claim keeps under its new stance, until the
    next grouping run recomputes them: as an answer it keeps its links with the
    new relation (none once it asserts); as an assertion answered by others it
    keeps them only while it still asserts."""
    kept = []
    for answering, answered, relation, similarity in links:
        if answering == claim_id:
            if stance != "asserts":
                kept.append([answering, answered, stance, similarity])
        elif stance == "asserts":
            kept.append([answering, answered, relation, similarity])
    return kept


@contextmanager
def saving(outcome: str = NOTHING) -> Iterator[None]:
    """Refusals end by saying nothing changed; database refusals become ReviewError.

    The transaction itself is `write_transaction` (here, or inside the store
    functions), so this only words the errors.
    """
    try:
        yield
    except (ReviewError, GroupError) as exc:
        text = str(exc)
        if "nothing" in text:
            raise
        raise type(exc)(f"{text}; {outcome}") from exc
    except sqlite3.OperationalError as exc:
        raise ReviewError(refusal(exc, outcome)) from exc
    except sqlite3.IntegrityError as exc:
        raise ReviewError(f"the database refused the change ({exc}); {outcome}") from exc
