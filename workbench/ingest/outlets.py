"""Name the outlet that published a page, from its URL or from a name the page writes.

The URL is the one piece of metadata every ingested page can carry and the
hardest to get wrong: the domain is the publisher. A known domain (or a desk
or regional edition of one) takes its display name from `outlet_table`; any
other domain is named by a readable form of its registered domain
("energyvoice.com" -> "Energyvoice.com"), found with tldextract's bundled
public-suffix snapshot so that "english.ahram.org.eg" reads as "Ahram.org.eg"
and nothing is ever downloaded.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from workbench.ingest.outlet_table import NEWS_OUTLETS

# Prefixes that name a rendering of a site, never a desk or an edition.
_RENDER_PREFIXES = ("www.", "m.", "amp.", "mobile.", "wap.")
_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")


@lru_cache(maxsize=1)
def _extractor() -> Any:
    # Imported here: tldextract pulls in requests, which a text-only run never needs.
    # No suffix-list URLs and no cache directory: the bundled snapshot, read-only, offline.
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def host_of(url: str | None) -> str | None:
    """Lower-case host of a URL (scheme optional), without port or rendering prefix."""
    if not url or not isinstance(url, str):
        return None
    text = url.strip()
    if "//" not in text.split("?", 1)[0]:
        text = "//" + text
    try:
        host = (urlsplit(text).hostname or "").rstrip(".")
    except ValueError:
        return None
    host = host.lower()
    while host.startswith(_RENDER_PREFIXES) and host.count(".") > 1:
        host = host.split(".", 1)[1]
    return host if _HOST.match(host) else None


def _first_path_segment(url: str) -> str:
    text = url if "//" in url.split("?", 1)[0] else "//" + url
    try:
        path = urlsplit(text).path
    except ValueError:
        return ""
    return next((part.lower() for part in path.split("/") if part), "")


def registered_domain(host: str) -> tuple[str, str]:
    """('ahram', 'org.eg') for 'english.ahram.org.eg'; an unknown suffix keeps the last label."""
    parts = _extractor()(host)
    if parts.domain and parts.suffix:
        return parts.domain, parts.suffix
    labels = host.split(".")
    return (labels[-2], labels[-1]) if len(labels) >= 2 else (host, "")


def outlet_from_url(url: str | None) -> str | None:
    """Display name of the outlet at this URL: the table, else the readable registered domain."""
    known = known_outlet_from_url(url)
    if known:
        return known
    host = host_of(url)
    if host is None:
        return None
    domain, suffix = registered_domain(host)
    return readable_domain(domain, suffix)


def known_outlet_from_url(url: str | None) -> str | None:
    """The table's name for this URL's host, a desk path on it, or its nearest listed parent."""
    host = host_of(url)
    if host is None or url is None:
        return None
    segment = _first_path_segment(url)
    if segment and f"{host}/{segment}" in NEWS_OUTLETS:
        return NEWS_OUTLETS[f"{host}/{segment}"]
    labels = host.split(".")
    for start in range(len(labels) - 1):
        name = NEWS_OUTLETS.get(".".join(labels[start:]))
        if name:
            return name
    return None


def readable_domain(domain: str, suffix: str) -> str:
    """'energyvoice', 'com' -> 'Energyvoice.com': how outlets without a listed name sign."""
    name = domain[:1].upper() + domain[1:]
    return f"{name}.{suffix}" if suffix else name


def domain_label(url: str | None) -> str | None:
    """The registered domain's own label ('tangerangnews' for www.tangerangnews.com)."""
    host = host_of(url)
    return registered_domain(host)[0] if host else None


def fold(text: str) -> str:
    """Letters and digits only, lower case: 'KOMPAS.com' and 'Kompas.com' fold alike."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).lower())


@lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    names = {fold(name) for name in NEWS_OUTLETS.values()}
    for key in NEWS_OUTLETS:
        host = key.split("/", 1)[0]
        names.add(fold(host))
        label = registered_domain(host)[0]
        if len(label) >= 4:  # short labels ("rt", "era") are ordinary words too
            names.add(fold(label))
    return frozenset(name for name in names if name)


def is_known_outlet_name(text: str) -> bool:
    """True for a name an outlet in the table goes by: 'CNN Indonesia', 'IDN Times', 'Okezone'."""
    key = fold(text)
    return bool(key) and key in _known_names()


def names_same_site(name: str, url: str | None) -> bool:
    """Does a name the page writes ('TANGERANGNEWS.com') belong to the URL's registered domain?"""
    label = domain_label(url)
    if not label:
        return False
    key, site = fold(name), fold(label)
    return len(site) >= 3 and bool(key) and (key.startswith(site) or site.startswith(key) and len(key) >= 4)
