"""Decide an article's outlet and publication date from every layer the page gives.

Each layer has its own finder (`htmlmeta` for declared metadata, `metadata` and
`datestamp` for what the page prints, `dateline` for the story's opening,
`outlets` and `urldate` for the URL); this module only orders them, most
reliable first, so a page that lacks one layer still gets the next.

Outlet: a URL whose domain the outlet table knows names the publisher outright;
else the site name the HTML declares; else a name the page prints (masthead,
dateline, copyright line) when it belongs to the URL's domain; else a readable
form of that domain; without a URL, what the page prints.

Published: the time the HTML declares; else the first printed stamp with a time
of day, then the first printed date on a stamp-like line, the header before the
lines among the paragraphs; else a day from the URL; else the day in a dated
dateline; else the latest day a lead paragraph names in the Indonesian and
English news habit "Rabu (18/10/2023)" / "on Monday, Oct. 16, 2023" (a story
reports what happened up to the day it went out).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.ingest import datestamp, outlets, urldate

_DAY_NAMES = re.compile(
    r"\b(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)\b[\s,(]*",
    re.IGNORECASE,
)


def choose_outlet(url: str | None, declared: str | None, printed: Sequence[str | None]) -> str | None:
    names = [name.strip() for name in printed if name and name.strip()]
    if url:
        known = outlets.known_outlet_from_url(url)
        if known:
            return known
        if declared and declared.strip():
            return declared.strip()
        own = next((name for name in names if outlets.names_same_site(name, url)), None)
        if own:
            return own
        from_domain = outlets.outlet_from_url(url)
        if from_domain:
            return from_domain
    if declared and declared.strip():
        return declared.strip()
    return names[0] if names else None


def choose_published(
    *,
    declared: str | None,
    printed: Sequence[Sequence[str]],
    html_date: str | None,
    url: str | None,
    dateline_date: str | None,
    lead: Sequence[str],
) -> str | None:
    """`printed` is the page's lines in groups nearest the headline first (the header, then
    the short lines among the paragraphs): a group's stamps win over any later group's."""
    if declared:
        return declared
    for group in printed:
        found = _printed_stamp(group)
        if found:
            return found
    if html_date and datestamp.read_stamp(html_date):
        return html_date
    from_url = urldate.date_from_url(url)
    if from_url:
        return from_url
    if dateline_date:
        stamp = datestamp.read_stamp(dateline_date)
        if stamp:
            return stamp.iso
    return _lead_date(lead)


def _printed_stamp(lines: Sequence[str]) -> str | None:
    """The first stamp with a time of day, else the first date on a stamp-like line."""
    stamps = [(line, datestamp.read_stamp(line)) for line in lines]
    timed = next((s for _, s in stamps if s is not None and s.has_time), None)
    if timed:
        return timed.iso
    dated = next((s for line, s in stamps if s is not None and datestamp.stamp_line(line)), None)
    return dated.iso if dated else None


def _lead_date(paragraphs: Sequence[str]) -> str | None:
    """The latest day the lead paragraphs give after a day name ('Rabu (18/10/2023)',
    'Monday, Oct. 16, 2023'): a story reports what happened up to the day it went out."""
    days = []
    for paragraph in paragraphs:
        for match in _DAY_NAMES.finditer(paragraph[:3000]):
            stamp = datestamp.read_stamp(paragraph[match.end(): match.end() + 24])
            if stamp:
                days.append(stamp.iso[:10])
    return max(days) if days else None
