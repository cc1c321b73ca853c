"""Evidence links: only plain web addresses a colleague can open.

A verdict's links are shown to readers and exported, so anything that is not
an http(s) URL with a host is refused up front: `javascript:` and `data:`
URLs, `ftp://`, bare words, addresses with spaces or control characters
pasted from a terminal, and addresses holding invisible characters (bidi
overrides, zero-width spaces: see `invisible.py`) that would display as a
different address from the one a reader opens. The database has a CHECK on the scheme as well; this
is where the reviewer gets a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from workbench.models import EvidenceLink
from workbench.review.errors import InvalidLink
from workbench.review.invisible import first_hidden

MAX_URL = 2048
_BAD_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# The everyday shape, accepted without parsing: http(s), a host of letters,
# digits, dots and hyphens and no port, then printable ASCII without spaces
# (what urlsplit accepts and `validate_url` returns unchanged). Anything else
# takes the full path below.
_PLAIN = re.compile(r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?:[/?#][\x21-\x7e]*)?")


def validate_url(url: str) -> str:
    """The URL with surrounding whitespace removed and its scheme lower-cased.

    Raises InvalidLink with a one-line reason for anything else.
    """
    text = (url or "").strip()
    if len(text) <= MAX_URL and _PLAIN.fullmatch(text):
        return text
    shown = text[:80]
    if not text:
        raise InvalidLink(shown, "the link is empty")
    if _BAD_CHARS.search(text):
        raise InvalidLink(shown, "the link contains spaces or control characters")
    hidden = first_hidden(text, spaces=True)
    if hidden:
        raise InvalidLink(shown, f"the link contains an invisible or spacing character {hidden}")
    if len(text) > MAX_URL:
        raise InvalidLink(shown, f"the link is longer than {MAX_URL} characters")
    scheme = _SCHEME.match(text)
    if scheme is None or scheme.group(1).lower() not in ("http", "https"):
        raise InvalidLink(shown, "only http and https links are accepted")
    text = scheme.group(1).lower() + text[len(scheme.group(1)):]
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        raise InvalidLink(shown, f"the link is not a valid URL ({exc})") from exc
    if not parts.netloc.strip() or not host:
        raise InvalidLink(shown, "the link has no host")
    return text


def clean_title(title: str | None) -> str | None:
    """Titles are one line of text; an empty title is no title."""
    if title is None:
        return None
    flat = " ".join(title.split())
    return flat or None


def clean_links(links: Iterable[EvidenceLink | str]) -> tuple[EvidenceLink, ...]:
    """Validate links (objects or URL strings); the first of duplicate URLs wins."""
    out: dict[str, EvidenceLink] = {}
    for item in links:
        link = item if isinstance(item, EvidenceLink) else EvidenceLink(item)
        url = validate_url(link.url)
        out.setdefault(url, EvidenceLink(url, clean_title(link.title)))
    return tuple(out.values())
