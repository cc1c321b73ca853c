"""Turn a saved news page (plain text or HTML) into a clean article.

Plain text is split into a header (title, byline, date), the body and a
trailer (related stories, footers). HTML goes through trafilatura for the
main text and its metadata, then through the same paragraph rules.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from workbench.ingest import boilerplate, metadata
from workbench.ingest.language import detect_language
from workbench.ingest.reader import IngestError, RawDocument
from workbench.models import ArticleDraft

MAX_TITLE = 300


@dataclass
class _Parts:
    title: str | None
    header: list[str]
    paragraphs: list[str]
    dateline: str | None = None
    dateline_outlet: str | None = None
    dateline_wire: str | None = None


def parse_document(raw: RawDocument, url: str | None = None) -> ArticleDraft:
    if raw.is_html:
        return _from_html(raw, url)
    lines = [line.strip() for line in raw.text.split("\n")]
    parts = _split_page(lines)
    return _draft(parts, lines, raw.path, url)


def _split_page(lines: list[str]) -> _Parts:
    start, dateline = _body_start(lines)
    header = [line for line in lines[:start] if line]
    title = _find_title(header)
    parts = _Parts(title=title, header=header, paragraphs=[])
    if dateline:
        parts.dateline = dateline
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
            place, outlet, wire, rest = metadata.split_dateline(line)
            if place:
                parts.dateline, parts.dateline_outlet, parts.dateline_wire = place, outlet, wire
                line = rest
        key = boilerplate.norm(line)
        if key in seen or not boilerplate.is_prose(line):
            continue
        seen.add(key)
        parts.paragraphs.append(line)
    return parts


def _body_start(lines: list[str]) -> tuple[int, str | None]:
    """Index of the first body line: a dateline, else the first prose paragraph."""
    first_prose = None
    for i, line in enumerate(lines):
        if boilerplate.is_trailer(line):
            break
        if place := metadata.dateline_alone(line):
            return i, place
        if metadata.split_dateline(line)[0] and boilerplate.is_prose(line):
            return i, None
        if first_prose is None and boilerplate.is_prose(line) and not boilerplate.is_clutter(line):
            first_prose = i
    if first_prose is None:
        raise IngestError("no article text found")
    # Without a dateline, a caption-like sentence may precede the body; the
    # header is still everything before the first prose paragraph.
    return first_prose, None


def _find_title(header: list[str]) -> str | None:
    """The headline: a header line that is not clutter, a date or a byline and
    does not read as a sentence. Sites repeat the headline (page title, then
    the story's own), so a repeated line wins; otherwise the longest, since
    section names and navigation are short."""
    candidates = [
        line for line in header
        if len(line.split()) >= 3 and not boilerplate.is_clutter(line)
        and not metadata.looks_like_date_line(line) and not metadata.is_byline(line)
        and not boilerplate.is_prose(line)
    ]
    if not candidates:
        return None
    keys = [boilerplate.norm(line) for line in candidates]
    repeated = [line for line, key in zip(candidates, keys) if keys.count(key) > 1]
    return (repeated[0] if repeated else max(candidates, key=len))[:MAX_TITLE]


def _draft(parts: _Parts, lines: list[str], path: str, url: str | None) -> ArticleDraft:
    if not parts.paragraphs:
        raise IngestError("no article text found")
    body = "\n\n".join(parts.paragraphs)
    title = parts.title or _title_from_body(parts.paragraphs[0])
    outlet = metadata.find_outlet(parts.header, lines)
    if outlet is None and parts.dateline_outlet and "." in parts.dateline_outlet:
        outlet = parts.dateline_outlet
    return ArticleDraft(
        title=title,
        body=body,
        language=detect_language(body),
        sha256=content_hash(title, body),
        outlet=outlet,
        published=metadata.find_published(parts.header) or metadata.find_published(lines[:60]),
        author=metadata.find_author(parts.header),
        dateline=parts.dateline,
        wire=metadata.find_wire(parts.header, parts.paragraphs, parts.dateline_wire),
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
    text = data.get("text") or ""
    lines = [line.strip() for line in text.split("\n")]
    parts = _Parts(title=(data.get("title") or None), header=[], paragraphs=[])
    try:
        body_parts = _split_page(lines)
    except IngestError as exc:
        raise IngestError("HTML page with no article text") from exc
    parts.paragraphs = body_parts.paragraphs
    parts.dateline, parts.dateline_wire = body_parts.dateline, body_parts.dateline_wire
    header = [value for value in (data.get("author"), data.get("date")) if value]
    draft = _draft(parts, lines, raw.path, url or data.get("url"))
    published = draft.published or metadata.find_published(header) or data.get("date")
    return ArticleDraft(
        **{**draft.__dict__,
           "outlet": draft.outlet or data.get("sitename") or data.get("hostname"),
           "author": draft.author or data.get("author"),
           "published": published}
    )


def content_hash(title: str, body: str) -> str:
    return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()
