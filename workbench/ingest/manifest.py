"""Ingest saved pages in bulk from a manifest that names each page's source URL.

A newsroom archive is often a folder of saved pages plus a list of where each
came from. The manifest is either CSV with a header row naming `path` and
`url` columns (in any order; other columns are ignored) or JSON Lines, one
`{"path": ..., "url": ...}` object a line (chosen by the `.jsonl`/`.ndjson`
suffix, else by a first character `{`). Relative paths are taken from the
manifest's folder. An empty `url` ingests the page without one.

A bad row (no path, a URL that is not http(s), a line that is not JSON, a
missing file) is that row's one-line failure and the other rows go on; only a
manifest that cannot be read at all, or a CSV without the header, fails whole.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from workbench.ingest.fetch import check_url
from workbench.ingest.reader import IngestError, read_path
from workbench.ingest.service import IngestReport, Outcome, Progress, ingest_document

MAX_MANIFEST_BYTES = 64 * 1024 * 1024  # a million rows of path and URL fit in far less
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class Row:
    label: str  # "<manifest>:<line>", with the path when there is one
    path: Path | None
    url: str | None
    error: str | None = None


def read_manifest(manifest: Path) -> list[Row]:
    """The manifest's rows; IngestError when the file as a whole cannot be read."""
    try:
        with manifest.open("rb") as fh:
            data = fh.read(MAX_MANIFEST_BYTES + 1)
    except FileNotFoundError:
        raise IngestError("no such file") from None
    except IsADirectoryError:
        raise IngestError("not a regular file") from None
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_MANIFEST_BYTES:
        raise IngestError(f"manifest larger than {MAX_MANIFEST_BYTES // 2**20} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IngestError("manifest is not UTF-8 text") from None
    if not text.strip():
        raise IngestError("empty manifest")
    jsonl = manifest.suffix.lower() in JSONL_SUFFIXES or text.lstrip().startswith("{")
    rows = _jsonl_rows(text) if jsonl else _csv_rows(text)
    return [_row(manifest, line, path, url, error) for line, path, url, error in rows]


_Raw = tuple[int, str, str, str | None]  # line, path, url, error


def _csv_rows(text: str) -> Iterator[_Raw]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except (StopIteration, csv.Error):
        header = []
    if "path" not in header or "url" not in header:
        raise IngestError("a CSV manifest needs a header row naming path and url columns")
    at_path, at_url = header.index("path"), header.index("url")
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield reader.line_num, "", "", f"unreadable CSV row ({exc})"
            continue
        if not any(field.strip() for field in record):
            continue
        if len(record) <= max(at_path, at_url):
            yield reader.line_num, "", "", "fewer columns than the header"
            continue
        yield reader.line_num, record[at_path].strip(), record[at_url].strip(), None


def _jsonl_rows(text: str) -> Iterator[_Raw]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value: Any = json.loads(line)
        except RecursionError:
            yield number, "", "", "not JSON (nested too deeply)"
            continue
        except ValueError as exc:
            yield number, "", "", f"not JSON ({getattr(exc, 'msg', exc)})"
            continue
        if not isinstance(value, dict):
            yield number, "", "", 'not a JSON object like {"path": ..., "url": ...}'
            continue
        path, url = value.get("path"), value.get("url")
        if not isinstance(path, str) or (url is not None and not isinstance(url, str)):
            yield number, "", "", "path must be a string and url a string or null"
            continue
        yield number, path.strip(), (url or "").strip(), None


def _row(manifest: Path, line: int, path: str, url: str, error: str | None) -> Row:
    shown = " ".join(path.split())[:120]
    label = f"{manifest}:{line}" + (f" ({shown})" if shown else "")
    if error is None and not path:
        error = "no path"
    if error is None and "\x00" in path:
        error = "the path contains a NUL character"
    checked: str | None = None
    if error is None and url:
        try:
            checked = check_url(url)
        except IngestError as exc:
            error = f"url {exc}"
    if error is not None:
        return Row(label, None, None, error)
    return Row(label, manifest.parent / path, checked)


def ingest_manifest(db: Database, manifest: Path, *,
                    progress: Progress | None = None) -> IngestReport:
    """Ingest every row's saved page with its URL; bad rows fail one by one."""
    report = IngestReport()
    try:
        rows = read_manifest(manifest)
    except IngestError as exc:
        report.outcomes.append(Outcome(str(manifest), "failed", reason=f"manifest: {exc}"))
        return report
    for index, row in enumerate(rows):
        if progress:
            progress(index, len(rows), row.label)
        report.outcomes.append(_ingest_row(db, row))
    if progress:
        progress(len(rows), len(rows), "")
    return report


def _ingest_row(db: Database, row: Row) -> Outcome:
    if row.error is not None or row.path is None:
        return Outcome(row.label, "failed", reason=row.error or "no path")
    try:
        raw = read_path(row.path)
    except IngestError as exc:
        return Outcome(row.label, "failed", reason=str(exc))
    except (OSError, ValueError) as exc:  # a path the system cannot even look up
        return Outcome(row.label, "failed", reason=f"cannot read: {exc}")
    return ingest_document(db, row.label, raw, url=row.url)
