"""Pick the visible headline out of the lines above a story.

The top of a saved page mixes the headline with navigation, section names,
photo captions and credits, standfirsts, bylines, date stamps and the
headlines of other stories. A headline is a line of a headline's size (3 to 25
words) that is none of those. Among several, the URL decides when it has a
slug (most news URLs spell the headline: `/us-rejects-hersh-report-on-nord-
stream-blasts-as-false-c-9698153`); otherwise a line the page repeats (page
title, then the story's own), else the longest, since section names and
navigation are short. A line that carries the outlet's own name is a page
title or masthead, so its site part is dropped first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

from workbench.ingest import boilerplate, datestamp, metadata, outlets

MAX_TITLE = 300
MAX_WORDS = 25
MIN_SLUG_MATCH = 0.4
# Credits and markers that only photo and video captions carry, in both languages.
_CAPTION_MARK = re.compile(
    r"\((?:ap|afp|reuters|antara|getty|epa|ist|istimewa|dok|net)\b[^)]*\)\s*$|"
    r"\b(?:photo|foto|image|video)\s*(?:credit|kredit)?\s*[:/]|\bcredit\s*:|\bcamera\s*icon|"
    r"\b(?:image|photo|foto|gambar|video)\s+caption\b|\bcaption\s*[:,]|\bketerangan\s+(?:foto|gambar)\b|"
    r"\b(?:via|/)\s*reuters\b|\bgetty\s+images\b|\bfile\s+photo\b|\bhandout\b|"
    r"/(?:net|ist|antara|reuters|afp|ap)\s*$|\bdok(?:umentasi)?\.\s",
    re.IGNORECASE,
)
_SITE_SPLIT = re.compile(r"\s+[-–—|]\s+|\s*\|\s*")
_WORD = re.compile(r"[^\W_]+")


def slug_title(lines: Sequence[str], url: str | None) -> tuple[int, str] | None:
    """(index, headline) of the line the URL's slug spells, or None without a slug or a match."""
    slug = _slug_words(url)
    if not slug:
        return None
    best: tuple[float, int, str] | None = None
    for i, raw in enumerate(lines):
        line = _headline_text(raw, url)
        if line is None:
            continue
        score = _dice(_words(line), slug)
        if score >= MIN_SLUG_MATCH and (best is None or score > best[0]):
            best = (score, i, line)
    return (best[1], best[2][:MAX_TITLE]) if best else None


def find_title(lines: Sequence[str], url: str | None) -> str | None:
    """The headline among `lines` (the page above the story), or None."""
    by_slug = slug_title(lines, url)
    if by_slug:
        return by_slug[1]
    candidates = [line for line in (_headline_text(raw, url) for raw in lines) if line]
    if not candidates:
        return None
    keys = [boilerplate.norm(line) for line in candidates]
    counts = Counter(keys)
    repeated = [line for line, key in zip(candidates, keys) if counts[key] > 1]
    return (repeated[0] if repeated else max(candidates, key=len))[:MAX_TITLE]


def _headline_text(line: str, url: str | None) -> str | None:
    """The line as a headline (its trailing site name dropped), or None if it cannot be one."""
    parts = [p.strip() for p in _SITE_SPLIT.split(line.strip()) if p.strip()]
    if len(parts) >= 2 and _is_site_name(parts[0], url):
        return None  # "The Jerusalem Post - World News Opinion ...": masthead and navigation
    text = line.strip()
    if len(parts) >= 2 and _is_site_name(parts[-1], url):
        while len(parts) >= 2 and _is_site_name(parts[-1], url):
            parts.pop()
        text = " - ".join(parts)
    return text if _headline_sized(text) else None


def _headline_sized(line: str) -> bool:
    words = line.split()
    if not 3 <= len(words) <= MAX_WORDS:
        return False
    if boilerplate.is_clutter(line) or _CAPTION_MARK.search(line) or metadata.is_byline(line):
        return False
    if datestamp.looks_like_stamp(line):
        return False
    # A sentence ending in a full stop is a standfirst or a paragraph; headlines may ask or exclaim.
    return not (boilerplate.is_prose(line) and line.rstrip("\"'”’)").endswith((".", "…")))


def _is_site_name(part: str, url: str | None) -> bool:
    if len(part.split()) > 4:
        return False
    return outlets.is_known_outlet_name(part) or (url is not None and outlets.names_same_site(part, url))


def _slug_words(url: str | None) -> set[str]:
    """Words of the URL path's longest hyphenated segment, when it spells a headline."""
    if not url:
        return set()
    try:
        path = unquote(urlsplit(url if "//" in url.split("?", 1)[0] else "//" + url).path)
    except ValueError:
        return set()
    segments = [seg for seg in path.split("/") if seg]
    best = max(segments, key=lambda seg: len(re.findall(r"[A-Za-z]{2,}", seg)), default="")
    words = {w.lower() for w in re.findall(r"[A-Za-z]{2,}", best)}
    return words if len(words) >= 3 else set()


def _words(line: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(line)}


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
