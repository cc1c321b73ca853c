"""Ingest the new items of an RSS or Atom feed.

Outlets publish what is new as a feed; a fact-checker following one wants
each new story once. The feed is fetched with the same limits as a page
(`fetch.Fetcher`), parsed by feedparser (RSS 0.9x/1.0/2.0 and Atom), and each
item whose link is not already an article's URL is fetched and ingested.
So a second run over the same feed ingests nothing new. An item whose link
redirects is stored under its final address; if the feed keeps listing the
pre-redirect link, that item is fetched again on the next run and then
reported as already present (its content hash matches), never stored twice.
"""

from __future__ import annotations

from dataclasses import dataclass

import feedparser
from sqlite_utils import Database

from workbench.ingest.fetch import DEFAULT_TIMEOUT, Fetcher, check_url, ingest_url
from workbench.ingest.reader import IngestError
from workbench.ingest.service import IngestReport, Outcome, Progress
from workbench.store import articles as store

FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/x-rss+xml", "text/plain",
})


@dataclass(frozen=True)
class FeedItems:
    url: str  # the feed's final address
    links: list[str]  # item links in feed order, each once
    unusable: list[str]  # one-line reasons for items with no usable link


def read_feed(fetcher: Fetcher, url: str) -> FeedItems:
    """Fetch and parse a feed; IngestError when it is not a readable feed."""
    got = fetcher.download(url, FEED_TYPES, what="an RSS or Atom feed")
    # content-location lets feedparser resolve relative item links against the feed.
    parsed = feedparser.parse(got.data, response_headers={
        "content-location": got.url,
        "content-type": got.content_type or "application/xml"})
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise IngestError("not an RSS or Atom feed" + (f" ({_line(str(reason))})" if reason else ""))
    links: dict[str, None] = {}
    unusable: list[str] = []
    for n, entry in enumerate(parsed.entries, 1):
        link = (entry.get("link") or "").strip()
        title = _line(entry.get("title") or "") or f"item {n}"
        try:
            links.setdefault(check_url(link), None)
        except IngestError as exc:
            unusable.append(f"{title}: {exc}" if link else f"{title}: no link")
    return FeedItems(got.url, list(links), unusable)


def ingest_feed(db: Database, url: str, *, timeout: float = DEFAULT_TIMEOUT,
                progress: Progress | None = None) -> IngestReport:
    """Ingest the feed's items that no stored article has as its URL."""
    report = IngestReport()
    with Fetcher(timeout) as fetcher:
        try:
            feed = read_feed(fetcher, url)
        except IngestError as exc:
            report.outcomes.append(Outcome(url, "failed", reason=f"feed: {exc}"))
            return report
        for reason in feed.unusable:
            report.outcomes.append(Outcome(url, "failed", reason=f"feed item {reason}"))
        known = store.article_ids_by_url(db, feed.links)
        for link in feed.links:
            if link in known:
                report.outcomes.append(Outcome(link, "present", article_id=known[link]))
        new = [link for link in feed.links if link not in known]
        for index, link in enumerate(new):
            if progress:
                progress(index, len(new), link)
            report.outcomes.append(ingest_url(db, fetcher, link))
    if progress:
        progress(len(new), len(new), "")
    return report


def _line(text: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
