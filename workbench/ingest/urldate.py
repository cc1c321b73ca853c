"""The publication date a news URL carries in its path or its article id.

Content systems put the day a story went out into its address in a handful of
shapes: a dated path (`/2023/10/18/`, `read/2023/08/26/`, `/2023-10-18/`),
which htmldate's URL extractor reads; a compact stamp opening an id
(`/20231018111145-120-1012714/`); a day-month-year id (`/27112023-evidence...`);
a day with a month name (`/26-Aug-2023/`); or a Unix time in seconds ending a
slug (`...-1664335620`). Only the date is taken, never a time of day: the URL
does not say which zone the stamp was written in. Each reader returns None when
its shape is absent or names no real, past date.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

EARLIEST_YEAR = 1995  # news sites with dated URLs start in the late 1990s
# Unix times before 2005 are rare in live news URLs and collide with plain ids.
EARLIEST_EPOCH = datetime(2005, 1, 1, tzinfo=UTC).timestamp()

_MONTH_NAMES = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "mei": 5, "jun": 6, "jul": 7, "aug": 8,
    "agu": 8, "ags": 8, "sep": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12, "des": 12,
}
_MON = r"(?P<mon>jan|feb|mar|apr|may|mei|jun|jul|aug|agu|ags|sep|oct|okt|nov|dec|des)[a-z]*"
# A token of the path: bounded by a separator, the start or the end.
_L, _R = r"(?:^|(?<=[/_.\-]))", r"(?=$|[/_.\-?])"
_COMPACT = re.compile(_L + r"(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)(?:\d{4}|\d{6})?" + _R)
_DMY_DIGITS = re.compile(_L + r"(?P<d>\d\d)(?P<m>\d\d)(?P<y>(?:19|20)\d\d)" + _R)
_DAY_MON_YEAR = re.compile(_L + r"(?P<d>\d{1,2})[-_ ]" + _MON + r"[-_ ](?P<y>(?:19|20)\d\d)" + _R,
                           re.IGNORECASE)
_MON_DAY_YEAR = re.compile(_L + _MON + r"[-_ ](?P<d>\d{1,2})[-_ ,]+(?P<y>(?:19|20)\d\d)" + _R,
                           re.IGNORECASE)
_EPOCH = re.compile(_L + r"(?P<s>1\d{9})(?P<ms>\d{3})?" + _R)


def date_from_url(url: str | None, *, today: date | None = None) -> str | None:
    """'YYYY-MM-DD' from the first shape found in the URL's path, else None."""
    if not url or not isinstance(url, str):
        return None
    try:
        path = urlsplit(url if "//" in url.split("?", 1)[0] else "//" + url).path
    except ValueError:
        return None
    latest = (today or datetime.now(UTC).date()) + timedelta(days=1)
    for reader in (_dated_path, _compact, _month_name, _day_month_year_digits, _epoch):
        found = reader(path, latest)
        if found is not None:
            return found.isoformat()
    return None


@lru_cache(maxsize=1)
def _htmldate_options() -> Any:
    # Imported here: htmldate loads lxml and dateutil, which a text-only run may not need.
    from htmldate.utils import Extractor

    return Extractor(extensive=False, max=datetime(2100, 1, 1), min=datetime(EARLIEST_YEAR, 1, 1),
                     original=False, format="%Y-%m-%d")


def _dated_path(path: str, latest: date) -> date | None:
    """`/2023/10/18/`, `/2023-10-18-`, `/2023/8/23/`: htmldate's URL reader."""
    from htmldate.extractors import extract_url_date

    found = extract_url_date(path, _htmldate_options())
    if not found:
        return None
    year, month, day = (int(part) for part in found.split("-"))
    return _valid(year, month, day, latest)


def _compact(path: str, latest: date) -> date | None:
    for match in _COMPACT.finditer(path):
        found = _valid(int(match["y"]), int(match["m"]), int(match["d"]), latest)
        if found:
            return found
    return None


def _day_month_year_digits(path: str, latest: date) -> date | None:
    for match in _DMY_DIGITS.finditer(path):
        found = _valid(int(match["y"]), int(match["m"]), int(match["d"]), latest)
        if found:
            return found
    return None


def _month_name(path: str, latest: date) -> date | None:
    for pattern in (_DAY_MON_YEAR, _MON_DAY_YEAR):
        for match in pattern.finditer(path):
            month = _MONTH_NAMES[match["mon"].lower()[:3]]
            found = _valid(int(match["y"]), month, int(match["d"]), latest)
            if found:
                return found
    return None


def _epoch(path: str, latest: date) -> date | None:
    """A ten-digit Unix time (or thirteen-digit milliseconds) as a whole token of the path."""
    for match in _EPOCH.finditer(path):
        seconds = int(match["s"])
        if seconds < EARLIEST_EPOCH:
            continue
        when = datetime.fromtimestamp(seconds, UTC).date()
        if when <= latest:
            return when
    return None


def _valid(year: int, month: int, day: int, latest: date) -> date | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if EARLIEST_YEAR <= year and found <= latest else None
