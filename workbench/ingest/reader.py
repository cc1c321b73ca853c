"""Read one input (file or stdin) into text, refusing what is not text.

Every refusal is an `IngestError` with a one-line reason, so the caller can
report it against the file name and carry on with the other inputs. Memory
stays bounded: a file is never read past MAX_BYTES.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MAX_BYTES = 8 * 1024 * 1024  # a news article is kilobytes; 8 MB is far past any real one
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
_BINARY_MAGIC = (
    b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF", b"GIF8", b"\xff\xd8\xff",
    b"SQLite format 3", b"BZh", b"\xfd7zXZ", b"MZ",
)
# Control characters other than tab/newline/CR/ESC/NUL: a few are tolerable in
# scraped text, a lot means the file is not text at all.
_TEXT_CONTROLS = {9, 10, 12, 13, 27}


class IngestError(Exception):
    """An input that cannot become an article; the message is one line."""


@dataclass(frozen=True)
class RawDocument:
    text: str
    path: str
    is_html: bool
    encoding: str


def read_path(path: Path) -> RawDocument:
    try:  # stat itself fails on a path in a directory we may not enter
        if not path.exists():
            raise IngestError("no such file")
        if not path.is_file():
            raise IngestError("not a regular file")
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror or exc}") from exc
    if size > MAX_BYTES:
        raise IngestError(f"too large for an article ({size / 1e6:.1f} MB > {MAX_BYTES / 1e6:.0f} MB)")
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror or exc}") from exc
    return decode(data, str(path), html_hint=path.suffix.lower() in (".html", ".htm"))


def read_stream(stream: BinaryIO, name: str = "-") -> RawDocument:
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise IngestError(f"too large for an article (more than {MAX_BYTES / 1e6:.0f} MB)")
    return decode(data, name, html_hint=False)


def decode(data: bytes, name: str, *, html_hint: bool) -> RawDocument:
    if not data.strip():
        raise IngestError("empty file")
    if data.startswith(_BINARY_MAGIC) or _looks_binary(data):
        raise IngestError("binary file, not text")
    text, encoding = _decode_text(data)
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError("no text in file")
    head = text.lstrip()[:512].lower()
    is_html = html_hint or head.startswith(("<!doctype html", "<html")) or "<body" in head
    return RawDocument(text=text, path=name, is_html=is_html, encoding=encoding)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 BOM: text, decoded below
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls / len(sample) > 0.10


def _decode_text(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise IngestError("invalid UTF-16 text") from exc
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Windows-1252 covers the curly quotes newsroom CMSes emit; latin-1 is the
    # last resort because it never fails, so check it produced text.
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        c1 = sum(1 for ch in text if "\x80" <= ch <= "\x9f")
        if c1 <= max(2, len(text) // 1000):
            return text, encoding
    raise IngestError("not valid UTF-8, Windows-1252 or Latin-1 text")


DUPLICATE = "duplicate"


def iter_inputs(paths: list[str]) -> list[tuple[str, Path | None | str]]:
    """Expand the command line: directories recursively, '-' as stdin.

    Returns (label, path) pairs; path is None for stdin and DUPLICATE for an
    input named a second time (reported, read once). Missing paths are kept
    so the caller reports them in order with the rest.
    """
    seen: set[str] = set()
    out: list[tuple[str, Path | None | str]] = []
    for raw in paths:
        if raw == "-":
            out.append(("-", DUPLICATE if "-" in seen else None))
            seen.add("-")
            continue
        path = Path(raw)
        try:
            candidates = (
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
                if path.is_dir()
                else [path]
            )
        except OSError:
            candidates = [path]  # a directory we may not list: read_path says why, in its turn
        for candidate in candidates:
            key = _identity(candidate)
            if key in seen:
                out.append((str(candidate), DUPLICATE))
                continue
            seen.add(key)
            out.append((str(candidate), candidate))
    return out


def _identity(path: Path) -> str:
    """The key that spots one file named twice (by two spellings or a link)."""
    try:
        return str(path.resolve()) if path.exists() else str(path)
    except OSError:
        return str(path)
