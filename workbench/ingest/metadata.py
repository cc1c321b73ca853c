"""Find article metadata in the lines of a saved news page.

Each finder looks for a *kind* of line (a masthead, a byline, a source
credit, a copyright line, a dateline on a line of its own) as news sites
write them in Indonesian and English, and returns None when the page has no
such line. Date stamps are read by `datestamp`, datelines that open a
paragraph by `dateline`.
"""

from __future__ import annotations

import re

from workbench.ingest import datestamp
from workbench.ingest.dateline import WIRE_AGENCIES

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
# "By AP Published: ...", "By REUTERS", "Sumber: AFP", "Reuters, Moscow": an agency credited above the story.
_AGENCY_CREDIT = re.compile(
    r"^(?:(?:by|oleh|sumber|source)\s*:?\s+)?(?P<name>[A-Za-z][A-Za-z .&-]{0,30}?)"
    r"(?=\s*(?:,\s*[A-Z][\w .'-]{1,30}$|\|.*$|$|\s(?:published|updated|diperbarui|diterbitkan)\b))",
    re.IGNORECASE,
)
_NAMES = re.compile(r"\s*(?:,|\band\b|\bdan\b|&)\s*")


def looks_like_date_line(line: str) -> bool:
    return datestamp.looks_like_stamp(line)


def masthead_outlet(header: list[str]) -> str | None:
    """Site name from an 'Outlet - date' or 'Author - Outlet' line of the header."""
    for line in header:
        parts = [p.strip() for p in re.split(r"\s+[-–|]\s+", line, maxsplit=1)]
        if len(parts) == 2:
            left, right = parts
            if _SITE.match(left) and looks_like_date_line(right):
                return left
            if _SITE.match(right) and _PERSON.match(left):
                return right
    return None


def copyright_outlet(lines: list[str]) -> str | None:
    """The holder named on a '© 2024 Outlet' line."""
    for line in lines:
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
    for line in header:
        credit = _AGENCY_CREDIT.match(line.strip())
        if credit and credit.group("name").strip().lower() in WIRE_AGENCIES:
            return credit.group("name").strip()
    for paragraph in body:
        match = _WIRE_IN_TEXT.search(paragraph)
        if match:
            return match.group("wire").strip().rstrip(".")
    return None


def dateline_alone(line: str) -> str | None:
    """'Washington DC -' on a line of its own."""
    match = DATELINE_ALONE.match(line.strip())
    return match.group("place") if match else None
