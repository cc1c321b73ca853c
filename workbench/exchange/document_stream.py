"""Read a large JSON export document a record at a time, in flat memory.

A `--format json` document is one object holding `groups` (an array) and
`articles` (an object keyed by sha256). Parsed whole, a 100,000-group
document took five times its size in memory. Here a small scanner walks the
document's outer object and decodes one value at a time with the strict
decoder of `reader.py` (`raw_decode` over a buffer refilled in chunks), so
only one group or article is held at once.

The importer needs the articles before the groups that cite them. Our
exports write the articles first (as JSON Lines does), and such a document
is read in one pass: the articles, then the header (every field before the
groups, checked), then the groups as they come. A document with the groups
first (exports made before that, files written by hand) is read twice: the
first pass checks the outer structure, validates the header and yields the
articles (decoding the groups only to step over them), the second yields the
groups. A stream that cannot seek (stdin) is first copied to a temporary
file, whichever the order (it is known only once the groups start).

Our exports put each group and each article on a line of its own. While a
document keeps to that layout, a member's value is the rest of its line (less
a trailing comma), handed to a quick reader (`reader.py`: orjson, kept only
when nothing is in doubt); the first value that is not read that way is
decoded strictly, as are all after it, so a document of any other layout
costs one failed attempt. Stepping over the groups in the first pass then
costs an orjson parse, not a strict decode.

Errors are the reader's one-liners, placed by line and column in the file.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from typing import Any, TextIO

CHUNK = 1 << 20
_SPACE = re.compile(r"[ \t\n\r]*")
MISS = object()  # what a quick reader returns for a text it does not read
QuickReader = Callable[[str], Any]  # a value's whole text -> the value, or MISS


class ScanError(ValueError):
    """What is wrong and where (line, column), or that the text stops short."""

    def __init__(self, message: str, line: int = 0, column: int = 0,
                 truncated: bool = False) -> None:
        super().__init__(message)
        self.line, self.column, self.truncated = line, column, truncated


class Scanner:
    """JSON values read one at a time from a text stream, in chunks."""

    def __init__(self, stream: TextIO, decode: Callable[[str, int], tuple[Any, int]],
                 max_value: int) -> None:
        self.stream, self.decode, self.max_value = stream, decode, max_value
        self.buf, self.pos, self.eof = "", 0, False
        self.line_base = 1  # line number of buf[0]
        self.col_base = 0  # characters between buf[0] and the start of its line
        self.by_line = True  # values sit one to a line, so far

    def _fill(self) -> None:
        consumed = self.buf[:self.pos]
        newlines = consumed.count("\n")
        if newlines:
            self.line_base += newlines
            self.col_base = len(consumed) - consumed.rfind("\n") - 1
        else:
            self.col_base += len(consumed)
        chunk = self.stream.read(CHUNK)
        self.buf, self.pos = self.buf[self.pos:] + chunk, 0
        self.eof = not chunk

    def where(self, pos: int) -> tuple[int, int]:
        """(line, column) of buf[pos], both from 1."""
        head = self.buf[:pos]
        newlines = head.count("\n")
        if newlines:
            return self.line_base + newlines, pos - head.rfind("\n")
        return self.line_base, self.col_base + pos + 1

    def peek(self) -> str:
        """The next character after whitespace ('' at the end of the text)."""
        while True:
            match = _SPACE.match(self.buf, self.pos)
            self.pos = match.end() if match else self.pos
            if self.pos < len(self.buf) or self.eof:
                return self.buf[self.pos:self.pos + 1]
            self._fill()

    def expect(self, chars: str, what: str) -> str:
        char = self.peek()
        if not char:
            raise ScanError(f"the JSON document stops before {what}", *self.where(self.pos),
                            truncated=True)
        if char not in chars:
            raise ScanError(f"Expecting {what}", *self.where(self.pos))
        self.pos += 1
        return char

    def value(self, quick: QuickReader | None = None) -> Any:
        """The next JSON value: read by `quick` from the rest of its line (see the
        module docstring) when it can, else decoded strictly."""
        self.peek()
        if quick is not None and self.by_line:
            end = self.buf.find("\n", self.pos)
            if end != -1:  # else the line goes on in the next chunk: strictly
                text = self.buf[self.pos:end].rstrip()
                text = text[:-1] if text.endswith(",") else text
                value = quick(text) if len(text) <= self.max_value else MISS
                if value is not MISS:
                    self.pos += len(text)
                    return value
                self.by_line = False
        while True:
            try:
                value, end = self.decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                # Near the end of what was read, the value may just be cut by the chunk.
                if (exc.pos >= len(self.buf) - 10 or exc.msg.startswith("Unterminated")) \
                        and not self.eof:
                    self._more()
                    continue
                if exc.pos >= len(self.buf.rstrip()) or exc.msg.startswith("Unterminated"):
                    raise ScanError("the JSON document is cut off",
                                    *self.where(exc.pos), truncated=True) from None
                raise ScanError(exc.msg, *self.where(exc.pos)) from None
            except RecursionError:
                raise ScanError("nested too deeply to be an export",
                                *self.where(self.pos)) from None
            if end >= len(self.buf) and not self.eof:  # a number may go on in the next chunk
                self._more()
                continue
            if end - self.pos > self.max_value:
                raise ScanError(f"a value longer than {self.max_value // 2**20} MB",
                                *self.where(self.pos))
            self.pos = end
            return value

    def _more(self) -> None:
        if len(self.buf) - self.pos > self.max_value:
            raise ScanError(f"a value longer than {self.max_value // 2**20} MB",
                            *self.where(self.pos))
        self._fill()

    def members(self, closing: str, what: str) -> Iterator[str | None]:
        """Walk an object (keys) or array (None per item) whose opener was read;
        the caller reads each value."""
        if self.peek() == closing:
            self.pos += 1
            return
        while True:
            if closing == "}":
                if self.peek() != '"':
                    self.expect('"', f"a property name in {what}")
                key = self.value()
                self.expect(":", f"':' after {key!r} in {what}")
                yield key
            else:
                yield None
            if self.expect("," + closing, f"',' or '{closing}' in {what}") == closing:
                return


def seekable_copy(stream: TextIO, start: int | None, read: str) -> tuple[TextIO, int]:
    """(a stream to read the document from, where it starts): `stream` itself if
    it can seek back to `start`; else a temporary copy of `read` and the rest."""
    if start is not None:
        return stream, start
    copy = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
    copy.write(read)
    shutil.copyfileobj(stream, copy, CHUNK)
    return copy, 0


def walk(stream: TextIO, start: int, decode: Callable[[str, int], tuple[Any, int]],
         max_value: int, take: AbstractSet[str], quick: Mapping[str, QuickReader],
         step: QuickReader | None = None) -> Iterator[tuple[str, str | None, Any]]:
    """One pass over the outer object: ("header", key, value) for scalar fields,
    ("seen", key, None) where a `groups` array or `articles` object starts,
    (key, member key or None, value) for each member of such a field named in
    `take`, and the members of one not in `take` stepped over; a document that
    is not an object comes whole, as ("whole", None, value). `take` is read
    after the ("seen", ...) step, so the caller may add the field to it then.
    Members taken may be read by `quick[key]`, members stepped over by `step`."""
    stream.seek(start)
    scan = Scanner(stream, decode, max_value)
    if scan.peek() != "{":  # not an export: decode it (bounded) to say what it is
        yield "whole", None, scan.value()
        return
    scan.pos += 1
    for key in scan.members("}", "the document"):
        assert key is not None
        if key in ("groups", "articles") and scan.peek() == ("[" if key == "groups" else "{"):
            scan.pos += 1
            yield "seen", key, None
            taking = key in take
            reader = quick.get(key) if taking else step
            for member in scan.members("]" if key == "groups" else "}", key):
                item = scan.value(reader)
                if taking:
                    yield key, member, item
        else:
            yield "header", key, scan.value()
    if scan.peek():
        raise ScanError("Extra data", *scan.where(scan.pos))
