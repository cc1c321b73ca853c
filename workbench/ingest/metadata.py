"""Find article metadata in the lines of a saved news page.

Each finder looks for a *kind* of line (a date line, a byline, a source
credit, a dateline prefix) as news sites write them in Indonesian and
English, and returns None when the page has no such line.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from typing import Any

# Indonesian zones, then the usual international abbreviations.
TZ_OFFSETS = {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00", "GMT": "+00:00",
              "UTC": "+00:00", "SGT": "+08:00", "JST": "+09:00", "KST": "+09:00",
              "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00", "EST": "-05:00",
              "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00", "PST": "-08:00", "PDT": "-07:00"}
_MONTHS = (
    r"jan(?:uari|uary)?|feb(?:ruari|ruary)?|mar(?:et|ch)?|apr(?:il)?|mei|may|jun[ie]?|"
    r"jul[iy]?|ag(?:u)?s(?:tus)?|aug(?:ust)?|sep(?:t(?:ember)?)?|okt(?:ober)?|oct(?:ober)?|"
    r"nov(?:ember)?|des(?:ember)?|dec(?:ember)?"
)
_TZ = r"(?P<tz>WITA|WIB|WIT|GMT|UTC|SGT|JST|KST|BST|CEST|CET|EST|EDT|CST|CDT|PST|PDT|[+-]\d{2}:?\d{2})?"
_TIME = r"(?P<time>\d{1,2}[:.]\d{2})(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?"
DATE_PATTERNS = (
    re.compile(rf"(?P<date>\d{{1,2}}/\d{{1,2}}/\d{{4}}),?\s+{_TIME}\s*{_TZ}"),
    re.compile(rf"(?P<date>\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}})\s*[-,|]?\s*(?:pukul\s+)?{_TIME}\s*{_TZ}",
               re.IGNORECASE),
    re.compile(rf"(?P<date>(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}})\s*[-,|]?\s*(?:at\s+)?{_TIME}\s*{_TZ}",
               re.IGNORECASE),
    re.compile(r"(?P<iso>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)"),
)
_DATE_ONLY = re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}\b", re.IGNORECASE)

DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ ]{1,40}?[A-Z.])"
    r"(?:\s*,\s*(?P<outlet>[A-Za-z][\w.]*))?"
    r"(?:\s*\((?P<wire>[^)]{2,30})\))?\s*[-–—]{1,2}\s+(?=\S)"
)
DATELINE_ALONE = re.compile(r"^(?P<place>[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,3})\s*[-–—]{1,2}$")
_SITE = re.compile(r"^[A-Za-z][\w-]*(?:\.[a-z]{2,})+$|^[a-z]+[A-Z]\w+$|^[A-Z][a-z]+[A-Z]\w*$")
_PERSON = re.compile(r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,4}$")
_ROLE_LABEL = re.compile(r"^(?:penulis|author|reporter|writer|wartawan)$", re.IGNORECASE)
_BY = re.compile(r"^(?:oleh|by|penulis|reporter)\s*:?\s+(?P<name>[A-Z][\w.'’ -]{2,60})$", re.IGNORECASE)
_SOURCE_CREDIT = re.compile(r"^(?:sumber|source)\s*:?\s+(?P<wire>[A-Z][\w.&' -]{1,40})$", re.IGNORECASE)
_WIRE_IN_TEXT = re.compile(
    r"(?i:seperti\s+)?(?i:dilansir|dikutip|mengutip|melansir|dilaporkan)(?i:\s+dari)?\s+"
    r"(?i:kantor\s+berita\s+)?(?P<wire>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})"
)
_COPYRIGHT = re.compile(
    r"(?i:copyright|©)\s*(?:©\s*)?(?:\d{4}(?:\s*-\s*\d{4})?\s*)?"
    r"(?P<outlet>[A-Za-z][\w-]*(?:\.[a-z]{2,})+|[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,3})"
)
_NAMES = re.compile(r"\s*(?:,|\band\b|\bdan\b|&)\s*")


@lru_cache(maxsize=1)
def _date_parser() -> Any:
    # Imported here: dateparser's import costs ~0.1 s that --help should not pay.
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["id", "en"], settings={"DATE_ORDER": "DMY"})


def find_published(lines: list[str]) -> str | None:
    """The first date-and-time line, as ISO 8601 with its UTC offset."""
    for line in lines:
        for pattern in DATE_PATTERNS:
            match = pattern.search(line)
            if match:
                parsed = _parse_match(match)
                if parsed:
                    return parsed
    return None


def _parse_match(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if groups.get("iso"):
        try:
            return datetime.fromisoformat(groups["iso"].replace("Z", "+00:00")).isoformat()
        except ValueError:
            return None
    text = f"{groups['date']} {groups['time'].replace('.', ':')} {groups.get('ampm') or ''}".strip()
    when = _parse_local(text)
    if when is None:
        return None
    tz = groups.get("tz")
    offset = TZ_OFFSETS.get(tz.upper(), None) if tz else None
    if tz and offset is None:  # a numeric offset such as +0700
        offset = tz if ":" in tz else f"{tz[:3]}:{tz[3:]}"
    stamp = when.replace(tzinfo=None).isoformat(timespec="minutes") + ":00"
    return stamp + offset if offset else stamp


@lru_cache(maxsize=4096)
def _parse_local(text: str) -> datetime | None:
    """Local date-time of a matched date string; numeric dates need no locale."""
    numeric = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d{2})", text)
    if numeric:
        day, month, year, hour, minute = map(int, numeric.groups())
        try:
            return datetime(year, month, day, hour, minute)
        except ValueError:
            return None
    data = _date_parser().get_date_data(text)
    return data.date_obj if data and data.date_obj else None


def looks_like_date_line(line: str) -> bool:
    return any(p.search(line) for p in DATE_PATTERNS) or bool(_DATE_ONLY.search(line))


def find_outlet(header: list[str], all_lines: list[str]) -> str | None:
    """Site name from 'Outlet - date' or 'Author - Outlet' lines, else the copyright line."""
    for line in header:
        parts = [p.strip() for p in re.split(r"\s+[-–|]\s+", line, maxsplit=1)]
        if len(parts) == 2:
            left, right = parts
            if _SITE.match(left) and looks_like_date_line(right):
                return left
            if _SITE.match(right) and _PERSON.match(left):
                return right
    for line in all_lines:
        match = _COPYRIGHT.search(line)
        if match:
            return match.group("outlet")
    return None


def is_byline(line: str) -> bool:
    by = _BY.match(line.strip())
    return bool(by and _people(by.group("name")))


def _people(names: str) -> bool:
    """'Jane Example and Sam Sample' -> every part is a personal name."""
    parts = [p for p in _NAMES.split(names.strip()) if p]
    return bool(parts) and all(_PERSON.match(p) for p in parts)


def find_author(header: list[str]) -> str | None:
    """A name followed by a 'Penulis'/'Author' label, 'By X', or 'X - Outlet'."""
    content = [line for line in header if line.strip()]
    for i, line in enumerate(content):
        by = _BY.match(line)
        if by and _people(by.group("name")):
            return by.group("name").strip()
        if i + 1 < len(content) and _ROLE_LABEL.match(content[i + 1]) and _PERSON.match(line):
            return line
        parts = [p.strip() for p in re.split(r"\s+[-–|]\s+", line, maxsplit=1)]
        if len(parts) == 2 and _PERSON.match(parts[0]) and _SITE.match(parts[1]):
            return parts[0]
    return None


def find_wire(header: list[str], body: list[str], dateline_wire: str | None) -> str | None:
    """The agency the story came from: a 'Sumber AFP' credit, '(Reuters) -',
    or 'seperti dilansir Reuters' in the text."""
    for line in header:
        match = _SOURCE_CREDIT.match(line.strip())
        if match:
            return match.group("wire").strip()
    if dateline_wire:
        return dateline_wire
    for paragraph in body:
        match = _WIRE_IN_TEXT.search(paragraph)
        if match:
            return match.group("wire").strip()
    return None


def split_dateline(paragraph: str) -> tuple[str | None, str | None, str | None, str]:
    """'MOSKWA, KOMPAS.com - Kremlin ...' -> ('MOSKWA', 'KOMPAS.com', None, 'Kremlin ...')."""
    match = DATELINE.match(paragraph)
    if not match or len(match.group("place").split()) > 4:
        return None, None, None, paragraph
    return (match.group("place").strip(), match.group("outlet"), match.group("wire"),
            paragraph[match.end():])


def dateline_alone(line: str) -> str | None:
    """'Washington DC -' on a line of its own."""
    match = DATELINE_ALONE.match(line.strip())
    return match.group("place") if match else None
