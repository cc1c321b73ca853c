"""Write the review work out: a JSON document, JSON Lines, or schema.org ClaimReview.

Every format is streamed: groups are read a batch at a time and written as
they come, so a 100,000-claim database exports in flat memory (the JSON
document is written piece by piece, one group per line inside it). Files are
written to a temporary file beside the target and renamed into place, so a
failed export never leaves a partial file behind; a symlink is followed (the
file it names is replaced, the link stays), a FIFO or character device is
written into directly, and other special files are refused (`_target`).
The JSON written is strict: no NaN or Infinity, whatever the database holds.

The json and jsonl formats carry everything an import needs to rebuild the
work elsewhere: each article's full record (body included, once per
article), the groups with their claims, verdicts, per-claim overrides and
the verdict history, and the text a reviewer chose to publish each group
under (`published_text`, null for the representative's). A verdict's label
is one of the four labels, or null for evidence gathered before a decision
(a note, links); the filters (`--verdict`, `--reviewed-only`, `--since`)
count labelled verdicts only. `schema/export.schema.json` describes both. Only live
groups with claims are exported: a group merged into another is represented
by the group it went into, and claims in no group are left out.
"""

from __future__ import annotations

import json
import math
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlite_utils import Database

from workbench.models import LABELS, Article, Verdict
from workbench.store import exchange as store

FORMATS = ("json", "jsonl", "claimreview")
FORMAT_VERSION = 1
SCHEMA_PATH = Path(__file__).parent / "schema" / "export.schema.json"


class ExportError(ValueError):
    """An export that cannot be done; the message is one line fit for a user."""


@dataclass(frozen=True)
class ExportOptions:
    """What to export. Build it with `make_options`, which checks the values."""

    verdicts: tuple[str, ...] = ()
    since: str | None = None  # normalised: YYYY-MM-DD or a UTC timestamp
    reviewed_only: bool = False
    publisher: str | None = None
    publisher_url: str | None = None
    url_template: str | None = None
    rating_map: str | None = None  # claimreview: a rating-map file (see exchange/ratings.py)
    batch_size: int = 1000

    def group_filter(self, *, judged_only: bool = False) -> store.GroupFilter:
        return store.GroupFilter(self.verdicts, self.since, self.reviewed_only, judged_only)

    def filters_json(self) -> dict[str, Any]:
        return {"verdicts": list(self.verdicts), "since": self.since,
                "reviewed_only": self.reviewed_only}


@dataclass(frozen=True)
class ExportSummary:
    format: str
    groups: int = 0
    claims: int = 0
    articles: int = 0
    verdicts: int = 0  # labelled verdicts (evidence-only rows are not counted)
    path: Path | None = field(default=None, compare=False)
    # ClaimReview only: judged groups not published, by reason ("not checkable", ...)
    left_out: tuple[tuple[str, int], ...] = ()

    def left_out_line(self) -> str | None:
        """'left out 3 groups: 2 not checkable, 1 with evidence but no label', or None."""
        total = sum(n for _, n in self.left_out)
        if not total:
            return None
        reasons = ", ".join(f"{n} {why}" for why, n in self.left_out if n)
        return f"left out {total} group{'s' if total != 1 else ''}: {reasons}"


def make_options(fmt: str = "json", **values: Any) -> ExportOptions:
    """Check and normalise export options; raises ExportError with a usage message."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")
    unknown = set(values) - set(ExportOptions.__dataclass_fields__)
    if unknown:
        raise ExportError(f"unknown export option {sorted(unknown)[0]!r}")
    verdicts = tuple(dict.fromkeys(values.pop("verdicts", None) or ()))
    for label in verdicts:
        if label not in LABELS:
            raise ExportError(f"unknown verdict {label!r} (use {', '.join(LABELS)})")
    options = ExportOptions(verdicts=verdicts, since=parse_since(values.pop("since", None)),
                            **values)
    if fmt == "claimreview":
        from workbench.exchange.claimreview import check_options

        check_options(options)
    return options


def parse_since(value: str | date | None) -> str | None:
    """An ISO date (midnight UTC) or timestamp (naive means UTC), normalised."""
    if value is None or isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        return value.isoformat()
    else:
        text = value.strip()
        try:
            if len(text) == 10:
                return date.fromisoformat(text).isoformat()
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ExportError(f"--since: {value!r} is not an ISO date (YYYY-MM-DD) "
                              "or timestamp") from None
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def export_to_file(db: Database, path: str | Path, fmt: str = "json", **options: Any) -> Path:
    """Export to `path` atomically and return it (the TUI's entry point)."""
    summary = export_file(db, Path(path), fmt, make_options(fmt, **options))
    assert summary.path is not None
    return summary.path


def export_file(db: Database, path: Path, fmt: str, options: ExportOptions) -> ExportSummary:
    """Write the export to `path`; see `_target` for what kinds of path are accepted."""
    target, direct = _target(path)
    if direct:
        try:
            with open(target, "w", encoding="utf-8", newline="\n") as out:
                summary = write_export(db, out, fmt, options)
        except OSError as exc:
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    else:
        summary = _write_atomically(db, target, path, fmt, options)
    return replace(summary, path=path)


def _target(path: Path) -> tuple[Path, bool]:
    """(where to write, whether to write into it directly).

    A regular file (or a new name) is replaced atomically. A symlink is
    followed: the file it names is replaced and the link stays a link. A FIFO
    or a character device (`/dev/null`, `/dev/stdout`, a named pipe a reader
    waits on) is written into directly, as a shell redirection would; there
    is nothing to replace. Directories, block devices and sockets are refused.
    """
    try:
        mode = os.stat(path).st_mode  # follows symlinks
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise ExportError(f"{path}: is a directory")
        if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
            return path, True
        if not stat.S_ISREG(mode):
            kind = "a block device" if stat.S_ISBLK(mode) else \
                "a socket" if stat.S_ISSOCK(mode) else "not a regular file"
            raise ExportError(f"{path}: is {kind}; export writes regular files, FIFOs "
                              "and character devices only")
    # realpath follows every link in the chain (a dangling link: the file it would name)
    return Path(os.path.realpath(path)), False


def _write_atomically(db: Database, target: Path, shown: Path, fmt: str,
                      options: ExportOptions) -> ExportSummary:
    """Write to a temporary file beside `target`, then rename it into place."""
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise ExportError(f"cannot write {shown}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            summary = write_export(db, out, fmt, options)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise ExportError(f"cannot write {shown}: {exc.strerror or exc}") from exc
        raise
    return summary


def write_export(db: Database, out: TextIO, fmt: str, options: ExportOptions) -> ExportSummary:
    """Stream one export to `out`, inside a read transaction for a consistent snapshot."""
    with db.atomic():
        if fmt == "claimreview":
            from workbench.exchange.claimreview import write_claimreview

            groups = iter_groups(db, options.group_filter(judged_only=True),
                                 options.batch_size, history=False)
            return write_claimreview(groups, out, options)
        if fmt == "jsonl":
            return _write_jsonl(db, out, options)
        if fmt == "json":
            return _write_json(db, out, options)
    raise ExportError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")


def _dumps(value: Any) -> str:
    """Strict JSON: NaN and infinities are never written (parsers reject them);
    `_finite` and `_method` keep them out of what is handed here."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _finite(value: float | None) -> float | None:
    """A stored similarity that is not a finite number (a database written before
    they were refused) is exported as unknown."""
    return value if value is None or math.isfinite(value) else None


def _method(text: str) -> Any:
    """A group's stored method record, with any NaN/Infinity in it read as null."""
    return json.loads(text, parse_constant=lambda _name: None)


def _header(options: ExportOptions) -> dict[str, Any]:
    return {"format_version": FORMAT_VERSION,
            "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "generator": _generator(), "filters": options.filters_json()}


def _write_json(db: Database, out: TextIO, options: ExportOptions) -> ExportSummary:
    count = _Counter()
    out.write("{\n")
    for key, value in _header(options).items():
        out.write(f"  {_dumps(key)}: {_dumps(value)},\n")
    # Articles before groups, as in JSON Lines: an importer streaming the
    # document then reads it once (the groups cite the articles).
    out.write('  "articles": {')
    for n, article in enumerate(store.iter_articles(db, options.group_filter())):
        out.write(("," if n else "") + f"\n    {_dumps(article.sha256)}: "
                  + _dumps(article_record(article)))
        count.articles += 1
    out.write("\n  },\n" if count.articles else "},\n")
    out.write('  "groups": [')
    for n, group in enumerate(iter_groups(db, options.group_filter(), options.batch_size)):
        out.write(("," if n else "") + "\n    " + _dumps(count.add(group)))
    out.write("\n  ]\n}\n" if count.groups else "]\n}\n")
    return count.summary("json")


def _write_jsonl(db: Database, out: TextIO, options: ExportOptions) -> ExportSummary:
    count = _Counter()
    out.write(_dumps({"kind": "header", **_header(options)}) + "\n")
    for article in store.iter_articles(db, options.group_filter()):
        out.write(_dumps({"kind": "article", **article_record(article)}) + "\n")
        count.articles += 1
    for group in iter_groups(db, options.group_filter(), options.batch_size):
        out.write(_dumps({"kind": "group", **count.add(group)}) + "\n")
    out.write(_dumps({"kind": "end", "articles": count.articles, "groups": count.groups}) + "\n")
    return count.summary("jsonl")


@dataclass
class _Counter:
    groups: int = 0
    claims: int = 0
    articles: int = 0
    verdicts: int = 0

    def add(self, group: dict[str, Any]) -> dict[str, Any]:
        self.groups += 1
        self.claims += len(group["claims"])
        verdicts = [group["verdict"], *group["claim_verdicts"]]
        self.verdicts += sum(1 for v in verdicts if v is not None and v["label"] is not None)
        return group

    def summary(self, fmt: str) -> ExportSummary:
        return ExportSummary(fmt, self.groups, self.claims, self.articles, self.verdicts)


def iter_groups(db: Database, flt: store.GroupFilter, batch: int = 1000, *,
                history: bool = True) -> Iterator[dict[str, Any]]:
    """Exported groups as format-version-1 records, in group id order."""
    reader = store.HistoryReader(db) if history else None
    try:
        for rows in store.group_batches(db, flt, batch):
            ids = [g.id for g in rows]
            members: dict[int, list[store.MemberRow]] = {}
            for m in store.members(db, ids):
                members.setdefault(m.group_id, []).append(m)
            articles = store.articles_by_id(
                db, sorted({m.claim.article_id for ms in members.values() for m in ms}))
            by_group, by_claim = store.verdicts_for(db, ids)
            for g in rows:
                claims = members.get(g.id, [])
                group_verdict = by_group.get(g.id)
                yield {
                    "id": g.id, "representative_claim_id": g.representative_claim_id,
                    "representative": g.representative, "model": g.model,
                    "method": _method(g.method), "created_at": g.created_at,
                    "published_text": g.published_text,
                    "claims": [_claim(m, articles[m.claim.article_id]) for m in claims],
                    "verdict": verdict_json(group_verdict) if group_verdict else None,
                    "claim_verdicts": [
                        {"claim_id": m.claim.id, **verdict_json(by_claim[m.claim.id])}
                        for m in claims if m.claim.id in by_claim],
                    "history": [_history(h) for h in reader.take(g.id)] if reader else [],
                }
    finally:
        if reader is not None:
            reader.close()


def _claim(m: store.MemberRow, a: Article) -> dict[str, Any]:
    c = m.claim
    # Joined after the group's verdict and not yet confirmed: the verdict does
    # not cover it (ClaimReview leaves it out). Absent means covered.
    new = {"new_since_verdict": True} if m.new_since_verdict else {}
    return {"id": c.id, "text": c.text, "content": c.content, "speaker": c.speaker,
            "speaker_canonical": c.speaker_canonical, "stance": c.stance, "quote": c.quote,
            "span_start": c.start, "span_end": c.end,
            "checkworthiness": c.checkworthiness, "language": c.language,
            "assigned_by": m.assigned_by, "similarity": _finite(m.similarity),
            "article": {"sha256": a.sha256, "title": a.title, "outlet": a.outlet,
                        "published": a.published, "url": a.url, "author": a.author},
            **new}


def verdict_json(v: Verdict) -> dict[str, Any]:
    return {"label": v.label, "reviewer": v.reviewer, "decided_at": v.decided_at,
            "note": v.note, "links": [{"url": x.url, "title": x.title} for x in v.links]}


def _history(h: store.HistoryRow) -> dict[str, Any]:
    return {"id": h.id, "claim_id": h.claim_id, "action": h.action, "reverts": h.reverts,
            "label": h.label, "note": h.note, "links": json.loads(h.links),
            "prev_label": h.prev_label, "prev_note": h.prev_note,
            "prev_links": json.loads(h.prev_links), "reviewer": h.reviewer, "at": h.at}


def article_record(a: Article) -> dict[str, Any]:
    return {"sha256": a.sha256, "title": a.title, "outlet": a.outlet, "published": a.published,
            "author": a.author, "dateline": a.dateline, "wire": a.wire,
            "language": a.language, "url": a.url, "body": a.body}


def _generator() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"claim-workbench {version('claim-workbench')}"
    except PackageNotFoundError:
        return "claim-workbench"
