"""Read the date stamps news pages print, in Indonesian and English, keeping the zone.

Outlets print when a story went out in a few families of shapes:

    Rabu, 18 Okt 2023 11:11 WIB          diperbarui 27 Agu 2023, 18:56 WIB
    RABU, 18 OKTOBER 2023 | 16:36 WIB    Kompas.com - 28/11/2023, 15:30 WIB
    Oct 13, 2023 5:02 PM EDT             Published: Wed 18 Oct 2023, 11:03 AM
    5:02 PM EDT, Fri October 13, 2023    2023-10-18T11:11:45+07:00
    13/10/2023                           October 13, 2023

`read_stamp` finds the earliest stamp on a line (a line that gives "published"
and "updated" names the publication first in time) and returns ISO 8601: a
date-time with its UTC offset when the zone is printed, a naive date-time when
it is not, a bare date when the line has no time. Month names, zone names and
their offsets are tables of the two languages, not of any one site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONTHS = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2, "pebruari": 2,
    "maret": 3, "march": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6,
    "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7, "agustus": 8, "august": 8, "agu": 8,
    "agt": 8, "ags": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10,
    "october": 10, "okt": 10, "oct": 10, "november": 11, "nopember": 11, "nov": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}
# Fixed-offset zone names printed by Indonesian, Asian, Middle Eastern, European and
# Australian outlets. Names that change with daylight saving resolve through _REGION_ZONES.
ZONE_OFFSETS = {
    "WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00", "GMT": "+00:00", "UTC": "+00:00",
    "Z": "+00:00", "SGT": "+08:00", "MYT": "+08:00", "PHT": "+08:00", "HKT": "+08:00",
    "ICT": "+07:00", "JST": "+09:00", "KST": "+09:00", "IST": "+05:30", "PKT": "+05:00",
    "BDT": "+06:00", "GST": "+04:00", "MSK": "+03:00", "EAT": "+03:00", "CAT": "+02:00",
    "WAT": "+01:00", "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00", "EET": "+02:00",
    "EEST": "+03:00", "WET": "+00:00", "WEST": "+01:00", "AEST": "+10:00", "AEDT": "+11:00",
    "ACST": "+09:30", "AWST": "+08:00", "NZST": "+12:00", "NZDT": "+13:00", "EST": "-05:00",
    "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00", "MST": "-07:00", "MDT": "-06:00",
    "PST": "-08:00", "PDT": "-07:00",
}
_REGION_ZONES = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
                 "PT": "America/Los_Angeles", "UK": "Europe/London"}
EARLIEST_YEAR = 1995

_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_NAME = (
    r"(?:(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+)?"
)
_ZONE_NAMES = "|".join(sorted([*ZONE_OFFSETS, *_REGION_ZONES], key=len, reverse=True))
_ZONE = (
    r"(?:\(?(?P<zone>(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|"
    # a zone name may run into the next word when a page's lines were glued ("WIBWASHINGTON")
    r"(?-i:(?:" + _ZONE_NAMES + r")(?:\b|(?=[A-Z]))))\)?)?"
)
_TIME = r"(?P<hh>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<ss>\d{2}))?(?:\s*(?P<ampm>[ap]\.?\s?m\b\.?))?"
_SEP = r"\s*(?:[-–—,|/•·]|\bat\b|\bpukul\b|\bjam\b)?\s*(?:pukul\s+)?"
# A year may run into the time when a page's spans were glued ("October 13, 202312:34 PM").
_YEAR = r"(?P<yyyy>(?:19|20)\d\d)(?:\b|(?=\d{1,2}[:.]\d{2}))"

_DMY_NAME = rf"(?<!\d)(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON},?\s+{_YEAR}"
_MDY_NAME = rf"\b{_MON}\s+(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}"
_DMY_NUM = rf"(?<![\d/.-])(?P<dd>\d{{1,2}})(?P<s>[/.-])(?P<mm>\d{{1,2}})(?P=s){_YEAR}(?![\d/])"
_ISO = (r"(?<!\d)(?P<yyyy>(?:19|20)\d\d)(?P<s>[-/.])(?P<mm>\d{1,2})(?P=s)(?P<dd>\d{1,2})"
        r"(?:[T ](?P<hh>\d{2}):(?P<mi>\d{2})(?::(?P<ss>\d{2}))?(?:\.\d+)?\s*"
        r"(?P<zone>Z\b|[+-]\d{2}:?\d{2})?)?(?!\d)")

_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        *(rf"{_DAY_NAME}{d}(?:{_SEP}{_TIME}\s*{_ZONE})?" for d in (_DMY_NAME, _MDY_NAME, _DMY_NUM)),
        *(rf"{_TIME}\s*{_ZONE}{_SEP}{_DAY_NAME}{d}" for d in (_DMY_NAME, _MDY_NAME, _DMY_NUM)),
        _ISO,
    )
)
_CUE = re.compile(
    r"(?:by\s+\S+(?:\s+\S+){0,3}\s+)?(?:published|updated|posted|diterbitkan|diperbarui|dipublikasikan|diunggah|terbit|"
    r"dibuat|pembaruan|last\s+modified)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Stamp:
    """A printed date, ordered by the instant it names (a bare date sorts as its midnight)."""

    sort_key: str
    iso: str
    has_time: bool


def read_stamp(line: str, *, today: date | None = None) -> Stamp | None:
    """The earliest date-time printed on a line, else its earliest bare date, else None."""
    if not any(ch.isdigit() for ch in line[:2000]):
        return None  # most lines of a page: no digit, no stamp, no need to try every shape
    found = _stamps(line, today or datetime.now(UTC).date())
    return min(found, key=lambda s: (not s.has_time, s.sort_key)) if found else None


def leading_stamp(line: str, within: int = 120) -> tuple[Stamp, int] | None:
    """A date-time stamp starting in the first `within` characters, and where it ends:
    the stamp a page printed on the same line as the story's first words."""
    today = datetime.now(UTC).date()
    for pattern in _PATTERNS:
        match = pattern.search(line[: within + 80])
        if match and match.start() < within:
            stamp = _to_stamp(match, today)
            if stamp and stamp.has_time:
                return stamp, match.end()
    return None


def looks_like_stamp(line: str) -> bool:
    return read_stamp(line) is not None


def stamp_line(line: str) -> bool:
    """A line that prints when the story went out: short, or opening with 'Published'/'Diperbarui'."""
    return len(line.split()) <= 16 or bool(_CUE.match(line.strip()))


def _stamps(line: str, today: date) -> list[Stamp]:
    out = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(line[:2000]):
            stamp = _to_stamp(match, today)
            if stamp:
                out.append(stamp)
    return out


def _to_stamp(match: re.Match[str], today: date) -> Stamp | None:
    g = match.groupdict()
    month = MONTHS[g["mon"].lower()] if g.get("mon") else int(g["mm"])
    dd = int(g["dd"])
    if month > 12 and dd <= 12:  # a US-style numeric date, 10/13/2023
        month, dd = dd, month
    try:
        day = date(int(g["yyyy"]), month, dd)
    except ValueError:
        return None
    if day.year < EARLIEST_YEAR or day > today + timedelta(days=1):
        return None
    if not g.get("hh"):
        return Stamp(day.isoformat(), day.isoformat(), False)
    hour, minute, second = int(g["hh"]), int(g["mi"]), int(g.get("ss") or 0)
    ampm = (g.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    local = datetime(day.year, day.month, day.day, hour, minute, second)
    offset = _offset(g.get("zone"), local)
    iso = local.isoformat(timespec="seconds") + (offset or "")
    sort_key = (local - _as_delta(offset)).isoformat() if offset else local.isoformat()
    return Stamp(sort_key, iso, True)


def _offset(zone: str | None, local: datetime) -> str | None:
    """'+07:00' for WIB, GMT+7, +0700; the daylight-saving offset for ET/PT on that day."""
    if not zone:
        return None
    name = re.sub(r"\s+", "", zone).upper().strip("()")
    if name in ZONE_OFFSETS:
        return ZONE_OFFSETS[name]
    if name in _REGION_ZONES:
        try:
            delta = local.replace(tzinfo=ZoneInfo(_REGION_ZONES[name])).utcoffset()
        except ZoneInfoNotFoundError:
            return None
        return _format_offset(delta) if delta is not None else None
    numeric = re.fullmatch(r"(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?", name)
    if not numeric:
        return None
    sign, hours, minutes = numeric.group(1), int(numeric.group(2)), int(numeric.group(3) or 0)
    if hours > 14 or minutes > 59:
        return None
    return f"{sign}{hours:02d}:{minutes:02d}"


def _format_offset(delta: timedelta) -> str:
    total = int(delta.total_seconds()) // 60
    sign = "+" if total >= 0 else "-"
    return f"{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"


def _as_delta(offset: str) -> timedelta:
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = offset[1:].split(":")
    return sign * timedelta(hours=int(hours), minutes=int(minutes))
