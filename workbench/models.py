"""Domain records passed between the core, the CLI and the TUI.

Plain frozen dataclasses: the store is the only module that turns rows into
these, and the UI layers only ever see these, never SQL rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Stance = Literal["asserts", "denies", "disputes"]
# not_checkable: a decision that the claim cannot be checked (a definition, an
# opinion); it is decided, so it leaves the to-review count, but never published.
Label = Literal["supported", "disputed", "denied", "not_checkable"]
STANCES: tuple[Stance, ...] = ("asserts", "denies", "disputes")
LABELS: tuple[Label, ...] = ("supported", "disputed", "denied", "not_checkable")


@dataclass(frozen=True)
class ArticleDraft:
    """A cleaned article before it is stored."""

    title: str
    body: str
    language: str
    sha256: str
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    dateline: str | None = None
    wire: str | None = None
    url: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    body: str
    language: str
    sha256: str
    outlet: str | None
    published: str | None
    author: str | None
    dateline: str | None
    wire: str | None
    url: str | None
    path: str | None
    ingested_at: str
    claim_count: int = 0


@dataclass(frozen=True)
class ClaimDraft:
    """A claim found in an article body, before it is stored."""

    text: str
    content: str
    speaker: str | None
    stance: Stance
    quote: bool
    start: int
    end: int
    checkworthiness: float


@dataclass(frozen=True)
class Claim:
    id: int
    article_id: int
    text: str
    content: str
    speaker: str | None
    stance: Stance
    quote: bool
    start: int
    end: int
    checkworthiness: float
    language: str = ""
    # The one name this speaker has across the database ("Kirby" -> "John Kirby").
    speaker_canonical: str | None = None


@dataclass(frozen=True)
class EvidenceLink:
    url: str
    title: str | None = None


@dataclass(frozen=True)
class Verdict:
    # None: evidence only (a note and/or links gathered before any decision).
    label: Label | None
    reviewer: str
    decided_at: str
    note: str | None = None
    links: tuple[EvidenceLink, ...] = field(default_factory=tuple)
    group_id: int | None = None
    claim_id: int | None = None


@dataclass(frozen=True)
class SpeakerStance:
    speaker: str
    stance: Stance
    claims: int


@dataclass(frozen=True)
class GroupAnswer:
    """Another group linked to this one as a denial or dispute of it (or as
    the assertion this group answers), with who answers, where and in which
    languages."""

    group_id: int
    relation: str  # "denies" or "disputes"
    speakers: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class GroupSummary:
    """A claim group as the queue and `groups --json` show it."""

    id: int
    representative_claim_id: int | None
    representative: str
    size: int
    article_count: int
    languages: tuple[str, ...]
    speakers: tuple[SpeakerStance, ...]
    claim_ids: tuple[int, ...]
    checkworthiness: float
    model: str
    merged_into: int | None = None
    # Groups that deny or dispute this one, and the groups this one answers.
    answers: tuple[GroupAnswer, ...] = ()
    answers_to: tuple[GroupAnswer, ...] = ()
    # The text a reviewer chose to publish the group under (None: its representative).
    published_text: str | None = None
