"""Read an export file back as checked records, or say in one line what is wrong.

Both formats are recognised from their content: a first line that is a
`{"kind": "header"}` object means JSON Lines, anything else is read as one
JSON document. Every record is validated against
`schema/export.schema.json` before the importer sees it, so the importer
works on well-formed data only. Errors name the place: `line 7` in JSON
Lines, `groups[3]` in a document, then the field (`claims[0].article.sha256`).

A JSON Lines export ends with an `end` record holding its counts; a file
without one (or with other counts) was cut short, even when the cut fell
exactly between two lines.

Hostile files get a one-line error too, never a traceback: JSON is read
strictly (`NaN`, `Infinity` and numbers that overflow a float are refused,
as are integers beyond SQLite's signed 64 bits), nesting deeper than the
parser's depth limit is refused, and no single record (a JSON Lines line, or
one group or article of a document) may be longer than `MAX_LINE`
characters. A JSON document longer than `WHOLE_DOCUMENT` is read a record at
a time (`document_stream.py`), so its size does not set the memory an
import takes.

Validation runs a compiled copy of the schema (jsonschema-rs, ten times
quicker than a validator compiled to Python) on every record; only a record
it rejects goes through jsonschema, whose message names the field and which
has the last word. A JSON Lines article or group is first read by orjson,
and kept only when nothing about it is in doubt (`_quick_record`); any
other line is read as above, so every refusal reads as it did. A streamed
document's groups and articles, each on a line of its own as our exports
write them, are read the same way (`_QuickValue`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, TextIO

import orjson

from workbench.exchange import document_stream
from workbench.exchange.export import FORMAT_VERSION, SCHEMA_PATH

MAX_LINE = 64 * 2**20  # characters in one JSON Lines record
WHOLE_DOCUMENT = 16 * 2**20  # characters; a longer JSON document is streamed
MAX_INT = 2**63 - 1  # SQLite INTEGER is signed 64-bit


class ImportFileError(ValueError):
    """An export file that cannot be imported; the message is one line for a user."""


@dataclass(frozen=True)
class Record:
    kind: str  # "header", "article" or "group"
    data: dict[str, Any]
    where: str  # "line 7", "groups[3]", "articles[<sha256>]"


def read_export(stream: TextIO, source: str) -> Iterator[Record]:
    """Records of a json or jsonl export, each checked against the schema."""
    start = stream.tell() if stream.seekable() else None
    first = stream.readline(MAX_LINE + 1)
    if len(first) > MAX_LINE and not first.endswith("\n"):
        text = first
    else:
        head = _try_json(first) if first.strip() else None
        if isinstance(head, dict) and head.get("kind") == "header":
            yield from _read_jsonl(head, stream, source)
            return
        text = first
    text += stream.read(WHOLE_DOCUMENT + 1 - len(text))
    if len(text) > WHOLE_DOCUMENT:
        yield from _stream_document(stream, start, text, source)
        return
    if not text.strip():
        raise ImportFileError(f"{source}: the file is empty, not an export")
    yield from _read_document(text, source)


def _stream_document(stream: TextIO, start: int | None, read: str,
                     source: str) -> Iterator[Record]:
    """A large document, a record at a time (see `document_stream`): in one
    pass when its articles come before its groups and every header field
    before them is in place, else in two (the groups in the second)."""
    file, origin = document_stream.seekable_copy(stream, start, read)
    header: dict[str, Any] = {}
    decode = _DECODER.raw_decode
    quick = {"articles": _QuickValue("article"), "groups": _QuickValue("group")}
    take = {"articles"}  # "groups" joins when the document can be read in one pass
    index = 0
    try:
        for kind, key, value in document_stream.walk(file, origin, decode, MAX_LINE,
                                                      take, quick, _step):
            if kind == "whole":
                _check_version(value, source, "the document")
                _validate("document", value, source, "")
            elif kind == "header":
                header[str(key)] = value
            elif kind == "seen":
                if key in header:  # a second array would be read in the other pass
                    raise ImportFileError(f"{source}: not a valid export: the document "
                                          f"holds {key!r} twice")
                header[str(key)] = [] if key == "groups" else {}
                if key == "groups" and "articles" in header and \
                        _fast_check("document").is_valid(header):
                    yield Record("header", header, "document")
                    take.add("groups")
            elif kind == "articles":
                yield _document_article(str(key), value, header, quick["articles"], source)
            else:
                yield _document_group(value, index, quick["groups"], source)
                index += 1
        _check_version(header, source, "the document")
        _validate("document", header, source, "")  # with any field after the groups
        if "groups" in take:
            return
        yield Record("header", header, "document")
        for kind, _key, group in document_stream.walk(file, origin, decode, MAX_LINE,
                                                      {"groups"}, quick, _step):
            if kind == "groups":
                yield _document_group(group, index, quick["groups"], source)
                index += 1
    except document_stream.ScanError as exc:
        if exc.truncated:
            raise ImportFileError(f"{source}: the file is truncated (the JSON document stops "
                                  f"at line {exc.line})") from None
        raise ImportFileError(f"{source}: not valid JSON ({exc}: line {exc.line}, "
                              f"column {exc.column})") from None
    except (_Refused, _TooDeep) as exc:
        raise ImportFileError(f"{source}: not a valid export: {exc}") from None
    finally:
        if file is not stream:
            file.close()


def _document_article(sha: str, value: Any, header: dict[str, Any], quick: _QuickValue,
                      source: str) -> Record:
    """A streamed document's `articles[sha]`, checked."""
    if "format_version" in header:
        _check_version(header, source, "the document")
    where = f"articles[{sha[:12]}…]"
    _validate("sha256", sha, source, where)
    if value is not quick.last:  # read strictly: not checked yet
        _validate("article", value, source, where)
    if value["sha256"] != sha:
        raise ImportFileError(f"{source}: {where} holds an article with another "
                              f"sha256 ({value['sha256'][:12]}…)")
    return Record("article", value, where)


def _document_group(value: Any, index: int, quick: _QuickValue, source: str) -> Record:
    """A streamed document's `groups[index]`, checked."""
    if value is not quick.last:  # read strictly: not checked yet
        _validate("group", value, source, "", prefix=f"groups[{index}]")
    return Record("group", value, f"groups[{index}]")


class _Refused(ValueError):
    """A JSON value the strict reader refuses (raised from inside the parser)."""


def _refuse_constant(name: str) -> Any:
    raise _Refused(f"{name} is not a JSON number")


def _checked_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"the number {text[:40]} is too large for a float")
    return value


def _checked_int(text: str) -> int:
    if len(text) > 20:  # also keeps int() away from its 4,300-digit limit
        raise _Refused(f"the number {text[:24]}… is beyond 64 bits")
    value = int(text)
    if not -MAX_INT - 1 <= value <= MAX_INT:
        raise _Refused(f"the number {text} is beyond 64 bits")
    return value


_DECODER = json.JSONDecoder(parse_float=_checked_float, parse_int=_checked_int,
                            parse_constant=_refuse_constant)


class _TooDeep(ValueError):
    pass


def loads(text: str) -> Any:
    """Strict JSON (see the module docstring); raises json.JSONDecodeError (a
    ValueError) or another ValueError with a reason."""
    try:
        return _DECODER.decode(text)
    except RecursionError:
        # The C decoder checks its depth against the interpreter's recursion
        # limit and unwinds cleanly; an export nests a handful of levels.
        raise _TooDeep("the JSON is nested too deeply to be an export") from None


def _try_json(line: str) -> Any:
    try:
        return loads(line)
    except ValueError:
        return None


def _check_version(data: Any, source: str, where: str) -> None:
    if not isinstance(data, dict) or "format_version" not in data:
        raise ImportFileError(f"{source}: not a Claim Workbench export "
                              f"({where} has no format_version)")
    version = data["format_version"]
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise ImportFileError(f"{source}: made by a newer Claim Workbench (format_version "
                              f"{version}; this version reads format_version {FORMAT_VERSION})")


def _read_document(text: str, source: str) -> Iterator[Record]:
    try:
        doc = loads(text)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) or (text.lstrip()[:1] in "{[" and
                                             not text.rstrip().endswith(("}", "]"))):
            raise ImportFileError(f"{source}: the file is truncated (the JSON document stops "
                                  f"at line {text.rstrip().count(chr(10)) + 1})") from None
        raise ImportFileError(f"{source}: not valid JSON ({exc.msg}: line {exc.lineno}, "
                              f"column {exc.colno})") from None
    except ValueError as exc:
        raise ImportFileError(f"{source}: not a valid export: {exc}") from None
    _check_version(doc, source, "the document")
    _validate("document", doc, source, "")
    yield Record("header", doc, "document")
    for sha, article in doc["articles"].items():
        if article["sha256"] != sha:
            raise ImportFileError(f"{source}: articles[{sha[:12]}…] holds an article with "
                                  f"another sha256 ({article['sha256'][:12]}…)")
        yield Record("article", article, f"articles[{sha[:12]}…]")
    for index, group in enumerate(doc["groups"]):
        yield Record("group", group, f"groups[{index}]")


def _read_jsonl(head: dict[str, Any], stream: TextIO, source: str) -> Iterator[Record]:
    _check_version(head, source, "line 1")
    _validate("jsonl_header", head, source, "line 1")
    yield Record("header", head, "line 1")
    counts = {"article": 0, "group": 0}
    number = 1
    for number, line in enumerate(_lines(stream), start=2):
        if not line.strip():
            continue
        where = f"line {number}"
        if len(line) > MAX_LINE:
            raise ImportFileError(f"{source}: {where}: longer than {MAX_LINE // 2**20} MB, "
                                  "too large to be one record")
        quick = _quick_record(line)
        if quick is not None:
            counts[quick["kind"]] += 1
            yield Record(quick["kind"], quick, where)
            continue
        try:
            data = loads(line)
        except json.JSONDecodeError as exc:
            if not line.endswith("\n"):
                raise ImportFileError(f"{source}: {where}: the line is cut off "
                                      "(the file is truncated)") from None
            raise ImportFileError(f"{source}: {where}: not valid JSON: {exc.msg} "
                                  f"(column {exc.colno})") from None
        except ValueError as exc:
            raise ImportFileError(f"{source}: {where}: {exc}") from None
        kind = data.get("kind") if isinstance(data, dict) else None
        if kind == "end":
            _validate("jsonl_end", data, source, where)
            if (data["articles"], data["groups"]) != (counts["article"], counts["group"]):
                raise ImportFileError(
                    f"{source}: {where}: the end record counts {data['articles']} articles and "
                    f"{data['groups']} groups but the file holds {counts['article']} and "
                    f"{counts['group']} (lines are missing)")
            if stream.read().strip():
                raise ImportFileError(f"{source}: there is data after the end record "
                                      f"on {where}")
            return
        if kind not in counts:
            raise ImportFileError(f"{source}: {where}: expected an article, group or end "
                                  f"record, found {_show(kind if kind else data)}")
        _validate(f"jsonl_{kind}", data, source, where)
        counts[kind] += 1
        yield Record(str(kind), data, where)
    raise ImportFileError(f"{source}: the file is truncated: it ends after line {number} "
                          "without its end record")


class _QuickValue:
    """A document's article or group from its own line, read as `_quick_record`
    reads a JSON Lines record (orjson, kept only when nothing is in doubt);
    `last` is the value read last, which the schema has passed."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.last: Any = None

    def __call__(self, text: str) -> Any:
        if text.count("[") + text.count("{") > _QUICK_NESTING:
            return document_stream.MISS
        try:
            data = orjson.loads(text)
        except orjson.JSONDecodeError:
            return document_stream.MISS
        if not isinstance(data, dict) or not _bounded_check(self.name).is_valid(data) or \
                (self.name == "group" and not _numbers_within_limit(data["method"])):
            return document_stream.MISS
        self.last = data
        return data


def _step(text: str) -> Any:
    """A value stepped over (the groups, in the pass that yields the articles):
    all that matters is where it ends, which orjson's reading the whole text
    as one value settles; it is read, and checked, in its own pass. (orjson
    refuses nesting past its own limit with a JSONDecodeError.)"""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return document_stream.MISS


def _quick_record(line: str) -> dict[str, Any] | None:
    """The line's article or group record, if orjson (three times quicker than
    the strict decoder) reads it and it passes the schema with every number
    within ±2**62; else None, and the line is read the strict way.

    Only a record the strict way would read the same comes back: orjson
    refuses what the strict decoder refuses (NaN, overflow, control
    characters, bad escapes) except integers beyond 64 bits, which it turns
    into floats or big ints: any number that large sends the line the
    strict way. A line with more than `_QUICK_NESTING` brackets (its nesting
    can be no deeper) is read the strict way too, whose depth limit applies.
    """
    if line.count("[") + line.count("{") > _QUICK_NESTING:
        return None
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind not in ("article", "group") or not _bounded_check(f"jsonl_{kind}").is_valid(data):
        return None
    if kind == "group" and not _numbers_within_limit(data["method"]):
        return None  # the one object of free form
    return data  # type: ignore[no-any-return]


_QUICK_NESTING = 500
# Numbers beyond 2**62 go the strict way: orjson reads an integer past 64 bits
# as a float, which may round back into range (-2**63 - 1 becomes -2**63).
_QUICK_LIMIT = 2**62


def _numbers_within_limit(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, int | float) and not -_QUICK_LIMIT <= item <= _QUICK_LIMIT:
            return False
    return True


@cache
def _bounded_check(name: str) -> Any:
    """The compiled schema with every number held within ±`_QUICK_LIMIT`."""
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator(_bounded(_inline_schema(name)))


def _bounded(node: Any) -> Any:
    if isinstance(node, list):
        return [_bounded(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _bounded(value) for key, value in node.items()}
    kinds = out.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "integer" in kinds or "number" in kinds:
        out.setdefault("minimum", -_QUICK_LIMIT)
        out.setdefault("maximum", _QUICK_LIMIT)
    return out


def _lines(stream: TextIO) -> Iterator[str]:
    """Lines of at most MAX_LINE + 1 characters (a longer one is cut there, and refused)."""
    while line := stream.readline(MAX_LINE + 1):
        yield line
        if len(line) > MAX_LINE:
            return


@cache
def _fast_check(name: str) -> Any:
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator(_inline_schema(name))


@cache
def _inline_schema(name: str) -> Any:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    defs = schema.pop("$defs")
    root = schema if name == "document" else defs[name]
    return _inline(root, defs)


@cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_inline_schema(name))


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every `$ref` replaced by its definition, closed objects made
    `additionalProperties: false`: the same rules, validated ten times faster."""
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    if "$ref" in node:
        out = dict(_inline(defs[node["$ref"].removeprefix("#/$defs/")], defs))
    for key, value in node.items():
        if key in ("$ref", "$schema", "$id", "description", "title"):
            continue
        if key == "properties":
            out["properties"] = {**out.get("properties", {}),
                                 **{k: _inline(v, defs) for k, v in value.items()}}
        elif key == "required":
            out["required"] = [*out.get("required", []), *value]
        elif key == "unevaluatedProperties":
            out["additionalProperties"] = value
        else:
            out[key] = _inline(value, defs)
    return out


def _validate(name: str, data: Any, source: str, where: str, prefix: str = "") -> None:
    if _fast_check(name).is_valid(data):
        return
    # Rejected: jsonschema decides, and says where.
    from jsonschema.exceptions import best_match

    error = best_match(_validator(name).iter_errors(data))
    if error is not None:
        raise ImportFileError(f"{source}: {where + ': ' if where else ''}"
                              f"{describe(error, prefix)}")


def describe(error: Any, prefix: str = "") -> str:
    """A jsonschema error as `field.path: what is wrong`, on one line; `prefix`
    is the path of the validated record within its document."""
    path = prefix
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    where = f"{path}: " if path else ""
    if error.validator == "pattern" and path.endswith("url"):
        return f"{where}evidence link {_show(error.instance)} is not an http(s) URL"
    if error.validator == "const" and path == "format_version":
        return f"{where}format_version {_show(error.instance)} is not {FORMAT_VERSION}"
    if error.validator == "required":
        return f"{where or 'the record: '}{error.message}"
    return f"{where}{error.message if len(error.message) < 200 else error.message[:200] + '…'}"


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:60] + "…"
