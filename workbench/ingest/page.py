"""Turn a saved news page (plain text or HTML) into a clean article.

Plain text is split into a header (title, byline, date), the body and a
trailer (related stories, footers). HTML goes through trafilatura for the
main text, with the page's declared metadata read alongside, then through the
same paragraph rules. Metadata comes in layers, most reliable first: what the
HTML declares, what the page prints, what the URL says (`pagemeta`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from workbench.ingest import boilerplate, dateline, datestamp, headline, metadata, pagemeta
from workbench.ingest.htmlmeta import HtmlMeta, read_html_meta
from workbench.ingest.language import detect_language
from workbench.ingest.reader import IngestError, RawDocument
from workbench.models import ArticleDraft

# A dateline that opens a later paragraph marks the story's start when it is this near the
# top: the paragraphs before it are captions and standfirsts, not the story.
DATELINE_WINDOW = 6
MAX_STAMP_LINES = 40
LEAD_PARAGRAPHS = 6  # where a story names the day it reports


@dataclass
class _Parts:
    title: str | None
    header: list[str]
    paragraphs: list[str]
    dateline: str | None = None
    dateline_outlet: str | None = None
    dateline_wire: str | None = None
    dateline_date: str | None = None
    stamp_lines: list[str] = field(default_factory=list)


def parse_document(raw: RawDocument, url: str | None = None) -> ArticleDraft:
    if raw.is_html:
        return _from_html(raw, url)
    lines = [line.strip() for line in raw.text.split("\n")]
    parts = _split_page(lines, url)
    return _draft(parts, lines, raw.path, url, HtmlMeta())


def _split_page(lines: list[str], url: str | None) -> _Parts:
    start, alone = _body_start(lines)
    window = _top_lines(lines, start)
    spelled = headline.slug_title(lines[:window], url)
    if spelled and spelled[0] >= start:
        # The URL spells a headline below what looked like the story's start (a browser
        # notice, a caption, a teaser): the story starts after its headline.
        try:
            start, alone = _body_start(lines, spelled[0] + 1)
        except IngestError:
            spelled = None
    header = [line for line in lines[:start] if line]
    title = spelled[1] if spelled else headline.find_title(header + _early_lines(lines, start), url)
    parts = _Parts(title=title, header=header, paragraphs=[], dateline=alone)
    seen = {boilerplate.norm(title)} if title else set()
    for line in lines[start:]:
        if boilerplate.is_trailer(line):
            break
        if dateline_only := metadata.dateline_alone(line):
            parts.dateline = parts.dateline or dateline_only
            continue
        if boilerplate.is_clutter(line):
            continue
        if not parts.paragraphs:
            found = _dateline_of(line, strong_only=False)
            if found:
                line = _take_dateline(parts, found)
        key = boilerplate.norm(line)
        if key in seen or not boilerplate.is_prose(line):
            if line and len(parts.stamp_lines) < MAX_STAMP_LINES:
                parts.stamp_lines.append(line)
            continue
        seen.add(key)
        parts.paragraphs.append(boilerplate.unfinished_cut(line))
    return parts


def _take_dateline(parts: _Parts, found: _Opening) -> str:
    if found.stamp:
        parts.stamp_lines.insert(0, found.stamp)
    parts.dateline = found.dateline.place or parts.dateline
    parts.dateline_outlet, parts.dateline_wire = found.dateline.outlet, found.dateline.wire
    parts.dateline_date = found.dateline.date_text
    return found.dateline.rest


@dataclass(frozen=True)
class _Opening:
    dateline: dateline.Dateline
    stamp: str | None  # a date stamp the page printed on the same line, before the dateline


def _dateline_of(line: str, *, strong_only: bool) -> _Opening | None:
    """The dateline opening a prose line, also behind a date stamp glued to it
    ('25 Agustus 2023, 09:07 WIBWASHINGTON, KOMPAS.TV - ...'). A later paragraph only
    counts with a strong one (an outlet, an agency, a date or an all-caps place), never a
    bare 'Jakarta -'."""
    stamp = None
    found = dateline.parse(line)
    if found is None:
        glued = datestamp.leading_stamp(line)
        if glued is None:
            return None
        stamp, found = line[: glued[1]], dateline.parse(line[glued[1]:])
    if found is None or not boilerplate.is_prose(found.rest):
        return None
    if strong_only and not (found.outlet or found.wire or found.date_text
                            or (found.place and found.place.isupper())):
        return None
    return _Opening(found, stamp)


def _top_lines(lines: list[str], start: int) -> int:
    """End of the page's top: DATELINE_WINDOW prose paragraphs past the story's first line."""
    prose = 0
    for i in range(start, len(lines)):
        if boilerplate.is_trailer(lines[i]):
            return i
        if boilerplate.is_prose(lines[i]):
            prose += 1
            if prose > DATELINE_WINDOW:
                return i
    return len(lines)


def _body_start(lines: list[str], begin: int = 0) -> tuple[int, str | None]:
    """Index of the first body line: a dateline near the top, else the first prose paragraph."""
    first_prose = None
    prose_seen = 0
    for i in range(begin, len(lines)):
        line = lines[i]
        if boilerplate.is_trailer(line) or prose_seen > DATELINE_WINDOW:
            break
        if place := metadata.dateline_alone(line):
            return i, place
        if boilerplate.is_clutter(line) or not boilerplate.is_prose(line):
            continue
        if _dateline_of(line, strong_only=prose_seen > 0):
            return i, None
        if first_prose is None:
            first_prose = i
        prose_seen += 1
    if first_prose is None:
        raise IngestError("no article text found")
    # Without a dateline, a caption-like sentence may precede the body; the
    # header is still everything before the first prose paragraph.
    return first_prose, None


def _early_lines(lines: list[str], start: int) -> list[str]:
    """Short lines between the first two prose paragraphs: where a headline sits when a
    photo caption that reads as a sentence came first."""
    out, prose = [], 0
    for line in lines[start:]:
        if boilerplate.is_trailer(line):
            break
        if boilerplate.is_prose(line):
            prose += 1
            if prose > 1:
                break
        elif line:
            out.append(line)
    return out


def _draft(parts: _Parts, lines: list[str], path: str, url: str | None, html: HtmlMeta,
           site_name: str | None = None, html_date: str | None = None) -> ArticleDraft:
    if not parts.paragraphs:
        raise IngestError("no article text found")
    body = "\n\n".join(parts.paragraphs)
    title = parts.title or _title_from_body(parts.paragraphs[0])
    printed = [metadata.masthead_outlet(parts.header), parts.dateline_outlet,
               metadata.copyright_outlet(lines)]
    outlet = pagemeta.choose_outlet(url, html.site_name or site_name, printed)
    published = pagemeta.choose_published(
        declared=html.published, printed=(parts.header, parts.stamp_lines), html_date=html_date,
        url=url, dateline_date=parts.dateline_date, lead=parts.paragraphs[:LEAD_PARAGRAPHS])
    return ArticleDraft(
        title=title,
        body=body,
        language=detect_language(body),
        sha256=content_hash(title, body),
        outlet=outlet,
        published=published,
        author=metadata.find_author(parts.header),
        dateline=parts.dateline,
        wire=metadata.find_wire(parts.header + parts.stamp_lines, parts.paragraphs, parts.dateline_wire),
        url=url,
        path=path,
    )


def _title_from_body(paragraph: str) -> str:
    first = paragraph.split(". ")[0].strip()
    return first if len(first) <= 120 else first[:117].rstrip() + "..."


def _from_html(raw: RawDocument, url: str | None) -> ArticleDraft:
    # trafilatura (and lxml under it) load lazily: most runs ingest text only.
    import trafilatura

    doc = trafilatura.bare_extraction(
        raw.text, url=url, with_metadata=True, include_comments=False,
        include_tables=False, favor_precision=True,
    )
    if doc is None:
        raise IngestError("HTML page with no article text")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    declared = read_html_meta(raw.text)
    text = data.get("text") or ""
    lines = [line.strip() for line in text.split("\n")]
    try:
        parts = _split_page(lines, url or declared.canonical_url)
    except IngestError as exc:
        raise IngestError("HTML page with no article text") from exc
    parts.title = data.get("title") or parts.title
    parts.header = [value for value in (data.get("author"),) if value] + parts.header
    page_url = url or declared.canonical_url or _http(data.get("url"))
    draft = _draft(parts, lines, raw.path, page_url, declared,
                   site_name=data.get("sitename"), html_date=data.get("date"))
    return ArticleDraft(**{**draft.__dict__, "author": draft.author or data.get("author")})


def _http(value: object) -> str | None:
    return value if isinstance(value, str) and value.startswith(("http://", "https://")) else None


def content_hash(title: str, body: str) -> str:
    return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()
