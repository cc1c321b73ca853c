"""The metadata an HTML page declares for machines: publisher, publication time, canonical URL.

Structured metadata is the most reliable layer when a page has it: Open Graph
(`og:site_name`, `og:url`, `article:published_time`), the schema.org
`datePublished` in microdata or JSON-LD, Dublin Core and the common `pubdate`
names, and `<link rel="canonical">`. trafilatura reads most of this too but
keeps only the day of publication; here the full time and its UTC offset are
kept. Every field is None when the page does not declare it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from workbench.ingest import datestamp

# Names under which pages declare when they were first published, most specific first.
_PUBLISHED_NAMES = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "publish_date", "dc.date.issued", "dcterms.issued",
    "dc.date", "sailthru.date", "parsely-pub-date", "date",
)
_SITE_NAMES = ("og:site_name", "application-name", "publisher", "dc.publisher")
MAX_JSON_LD = 200_000  # a script this big is an app bundle, not metadata


@dataclass(frozen=True)
class HtmlMeta:
    site_name: str | None = None
    published: str | None = None
    canonical_url: str | None = None


def read_html_meta(html: str) -> HtmlMeta:
    """The declared site name, publication time (ISO 8601, offset kept) and canonical URL."""
    # lxml loads lazily, with trafilatura: most runs ingest text only.
    import lxml.html
    from lxml.etree import ParserError

    try:
        tree = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return HtmlMeta()
    metas: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().lower()
        value = (node.get("content") or node.get("datetime") or "").strip()
        if key and value and key not in metas:
            metas[key] = value
    for node in tree.xpath("//*[@itemprop='datePublished']"):
        value = (node.get("content") or node.get("datetime") or node.text_content() or "").strip()
        if value:
            metas.setdefault("datepublished", value)
    ld = list(_json_ld(tree))
    for item in ld:
        if isinstance(item.get("datePublished"), str):
            metas.setdefault("datepublished", item["datePublished"])
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            metas.setdefault("publisher", publisher["name"])
    return HtmlMeta(
        site_name=next((metas[k] for k in _SITE_NAMES if metas.get(k)), None),
        published=_first_stamp(metas),
        canonical_url=_canonical(tree, metas),
    )


def _first_stamp(metas: dict[str, str]) -> str | None:
    for name in _PUBLISHED_NAMES:
        if name in metas:
            stamp = datestamp.read_stamp(metas[name])
            if stamp:
                return stamp.iso
    return None


def _canonical(tree: Any, metas: dict[str, str]) -> str | None:
    for node in tree.iter("link"):
        if "canonical" in (node.get("rel") or "").lower().split():
            href = (node.get("href") or "").strip()
            if href.startswith(("http://", "https://")):
                return href
    url = metas.get("og:url", "")
    return url if url.startswith(("http://", "https://")) else None


def _json_ld(tree: Any) -> Iterator[dict[str, Any]]:
    """Every object in the page's JSON-LD blocks, @graph members included."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        text = script.text or ""
        if len(text) > MAX_JSON_LD:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # RecursionError: pathologically nested arrays
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
