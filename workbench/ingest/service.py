"""Ingest a batch of inputs: each article and its claims in one transaction.

One bad input never stops the batch: its failure is recorded with a one-line
reason and the next input is processed. That holds for faults in our own
parsing and extraction code too: whatever a page's text makes them raise is
that file's failure (named by exception type and the code line it came
from), not the batch's. Progress is reported through a plain callback so the
core stays free of any UI library.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from workbench.extract import extract_claims
from workbench.ingest.page import parse_document
from workbench.ingest.reader import (
    DUPLICATE,
    IngestError,
    RawDocument,
    iter_inputs,
    read_path,
    read_stream,
)
from workbench.store import articles as store

Progress = Callable[[int, int, str], None]
# Faults are located by their line in this package ("extract/attribution.py:262").
_PACKAGE = str(Path(__file__).resolve().parent.parent) + os.sep


@dataclass(frozen=True)
class Outcome:
    source: str
    status: str  # "added", "present" or "failed"
    article_id: int | None = None
    title: str | None = None
    claims: int = 0
    reason: str | None = None
    note: str | None = None  # something the user should know about an input that did not fail


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def of(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def claims_found(self) -> int:
        return sum(o.claims for o in self.outcomes if o.status == "added")


def ingest(
    db: Database,
    paths: list[str],
    *,
    url: str | None = None,
    progress: Progress | None = None,
    stdin: object = None,
) -> IngestReport:
    """Ingest files, directories and '-' (stdin). `url` applies to a single input."""
    report = IngestReport()
    inputs = iter_inputs(paths)
    if url is not None and len(inputs) != 1:
        raise ValueError("--url applies to a single file; more than one input was given")
    for index, (label, path) in enumerate(inputs):
        if progress:
            progress(index, len(inputs), label)
        report.outcomes.append(_ingest_one(db, label, path, url, stdin))
    if progress:
        progress(len(inputs), len(inputs), "")
    return report


def ingest_document(db: Database, label: str, raw: RawDocument, url: str | None = None) -> Outcome:
    """One document read elsewhere (a fetched page, a manifest row): the same steps as a file."""
    return _ingest_one(db, label, raw, url, None)


def _ingest_one(
    db: Database, label: str, path: Path | None | str | RawDocument, url: str | None, stdin: object
) -> Outcome:
    if path == DUPLICATE:
        return Outcome(label, "failed", reason="given more than once; ingested once")
    try:
        raw = _read(path, stdin)
        draft = parse_document(raw, url=url)
    except IngestError as exc:
        return Outcome(label, "failed", reason=str(exc))
    except Exception as exc:  # noqa: BLE001 - a parser fault fails this input only
        return Outcome(label, "failed", reason=fault("cannot read the page", exc))
    existing = store.find_article_id(db, draft.sha256)
    if existing is not None:
        return _present(db, label, existing, draft.title, draft.url)
    try:
        claims = extract_claims(draft.body, draft.language)
    except Exception as exc:  # noqa: BLE001 - an extraction fault fails this input only
        # Nothing is stored, so the article is ingested in full once the fault is fixed.
        return Outcome(label, "failed", title=draft.title, reason=fault("claim extraction failed", exc))
    article_id, created = store.add_article(db, draft, claims)
    if not created:
        return _present(db, label, article_id, draft.title, draft.url)
    return Outcome(label, "added", article_id=article_id, title=draft.title, claims=len(claims))


def _present(db: Database, label: str, article_id: int, title: str | None, url: str | None) -> Outcome:
    """An article stored before: record the URL this run gives it if it has
    none; never replace a different one (the same text at two addresses is
    syndication, and the first address stays the article's)."""
    note = None
    if url:
        stored, recorded = store.record_missing_url(db, article_id, url)
        if recorded:
            note = f"URL recorded: {url}"
        elif stored != url:
            note = f"keeps its URL {stored}; {url} not recorded"
    return Outcome(label, "present", article_id=article_id, title=title, note=note)


def fault(what: str, exc: BaseException) -> str:
    """One line naming an unexpected exception: its type, the first line of
    its message and the innermost line of our code it came from."""
    message = " ".join(str(exc).split())[:160]
    where = ""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(_PACKAGE)]
    if frames:
        where = f" at {frames[-1].filename[len(_PACKAGE):]}:{frames[-1].lineno}"
    return f"{what}: {type(exc).__name__}{': ' + message if message else ''}{where}"


def _read(path: Path | None | str | RawDocument, stdin: object) -> RawDocument:
    if isinstance(path, RawDocument):
        return path
    if not isinstance(path, Path):
        stream = stdin if stdin is not None else sys.stdin.buffer
        return read_stream(stream)  # type: ignore[arg-type]
    return read_path(path)
