"""Fetch news pages over HTTP(S) and hand them to the same HTML path as saved files.

Fact-checkers work from addresses, so `workbench ingest URL` fetches the page
itself. Everything a hostile or broken server can do ends in an `IngestError`
with a one-line reason for that address, and the batch goes on:

- timeouts: connecting and each read wait at most `timeout` seconds, and the
  whole download (headers and body) must finish within `timeout` as well;
- redirects are followed, at most MAX_REDIRECTS, and the final address is the
  one recorded as the article's URL;
- the body is streamed and abandoned as soon as it passes MAX_BYTES, the same
  limit as for files (a declared Content-Length over it is refused before any
  of the body is read);
- only web pages are accepted (HTML, XHTML, plain text); anything else is
  refused with its content type, before its body is read;
- the text is decoded with the charset the server declares, else the one the
  page declares in a <meta> tag, else detected as for files (UTF-8, then
  Windows-1252, then Latin-1). As browsers do (WHATWG Encoding), the labels
  ISO-8859-1, Latin-1 and US-ASCII are read as Windows-1252, the superset
  newsroom systems actually send.

The user agent names the tool and its purpose so site operators can tell who
is fetching. `Fetcher` keeps one connection pool for a batch of addresses.
"""

from __future__ import annotations

import codecs
import re
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from types import TracebackType

import httpx
from sqlite_utils import Database

from workbench import __version__
from workbench.ingest.reader import MAX_BYTES, IngestError, RawDocument, decode
from workbench.ingest.service import IngestReport, Outcome, Progress, ingest_document
from workbench.review.errors import InvalidLink
from workbench.review.links import validate_url

USER_AGENT = f"claim-workbench/{__version__} (+fact-checking)"
DEFAULT_TIMEOUT = 20.0  # seconds; a news page that takes longer is not coming
MAX_REDIRECTS = 10

# Content types that are a web page, and whether the body is HTML.
PAGE_TYPES: dict[str, bool] = {
    "text/html": True,
    "application/xhtml+xml": True,
    "text/plain": False,
}
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
# Labels browsers read as Windows-1252 (WHATWG Encoding Standard).
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii",
              "cp819", "ibm819", "iso-ir-100", "windows-1252", "cp1252", "x-cp1252"}
_LABEL = re.compile(r"[a-z0-9_.:-]{1,40}")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""",
                           re.IGNORECASE)


@dataclass(frozen=True)
class Download:
    """A fetched body with what the server said about it."""

    url: str  # the final address, after redirects
    content_type: str  # lower-cased media type without parameters; "" when not sent
    charset: str | None  # as declared in the Content-Type header
    data: bytes


def is_url(text: str) -> bool:
    """Whether a command-line argument names a web address rather than a path."""
    return text[:8].lower().startswith(("http://", "https://"))


def check_url(url: str) -> str:
    """The address normalised, or an IngestError saying why it cannot be fetched."""
    try:
        return validate_url(url)
    except InvalidLink as exc:
        raise IngestError(f"not a usable address: {exc.reason}") from None


class Fetcher:
    """One HTTP client for a batch of fetches; use as a context manager."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = MAX_BYTES) -> None:
        if not timeout > 0:
            raise ValueError("the timeout must be a positive number of seconds")
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout), follow_redirects=True, max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def page(self, url: str) -> RawDocument:
        """Fetch a web page as a RawDocument whose `path` is the final address."""
        got = self.download(url, PAGE_TYPES, what="a web page")
        return decode_page(got)

    def download(self, url: str, types: Collection[str], *, what: str) -> Download:
        """GET `url`, refusing other content types (an empty type is let through)."""
        url = check_url(url)
        deadline = time.monotonic() + self.timeout
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code >= 400:
                    phrase = response.reason_phrase or ""
                    raise IngestError(f"HTTP {response.status_code} {phrase}".strip())
                if response.status_code >= 300:
                    raise IngestError(f"HTTP {response.status_code} redirect without a usable "
                                      "Location")
                media = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if media and media not in types:
                    raise IngestError(f"not {what} (content type {_short(media)})")
                size = response.headers.get("content-length", "")
                if size.isdigit() and int(size) > self.max_bytes:
                    raise IngestError(self._too_large(f"{int(size) / 1e6:.1f} MB"))
                data = self._read(response, deadline)
                return Download(str(response.url), media, response.charset_encoding, data)
        except httpx.TooManyRedirects:
            raise IngestError(f"more than {MAX_REDIRECTS} redirects") from None
        except httpx.ConnectTimeout:
            raise IngestError(f"could not connect within {self.timeout:g} s") from None
        except httpx.TimeoutException:
            raise IngestError(f"no response within {self.timeout:g} s") from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise IngestError(f"cannot follow the address: {_short(str(exc))}") from None
        except httpx.ConnectError as exc:
            raise IngestError(f"cannot connect: {_short(str(exc))}") from None
        except httpx.HTTPError as exc:
            raise IngestError(f"download failed: {_short(str(exc)) or type(exc).__name__}") from None

    def _read(self, response: httpx.Response, deadline: float) -> bytes:
        body = bytearray()
        for chunk in response.iter_bytes():  # as they arrive, so the deadline is checked often
            body += chunk
            if len(body) > self.max_bytes:
                raise IngestError(self._too_large(f"more than {self.max_bytes / 1e6:.0f} MB"))
            if time.monotonic() > deadline:
                raise IngestError(f"download not finished within {self.timeout:g} s")
        return bytes(body)

    def _too_large(self, size: str) -> str:
        return f"too large for an article ({size}; the limit is {self.max_bytes / 1e6:.0f} MB)"


def decode_page(got: Download) -> RawDocument:
    """Bytes to text: header charset, then <meta> charset, then detection."""
    if not got.data.strip():
        raise IngestError("empty page")
    is_html = PAGE_TYPES.get(got.content_type, False)
    declared = [got.charset]
    if is_html or not got.content_type:
        match = _META_CHARSET.search(got.data[:4096])
        declared.append(match.group(1).decode("ascii") if match else None)
    for source, label in enumerate(declared):
        codec = _codec(label)
        if source == 1 and codec and codec.startswith(("utf-16", "utf-32")):
            codec = "utf-8"  # a <meta> read as ASCII cannot be UTF-16 (HTML spec)
        if codec is None:
            continue
        try:
            text = got.data.decode(codec)
        except UnicodeDecodeError:
            continue  # the declaration is wrong; try the next source
        # The reader's checks (binary, empty, newlines) run on the decoded text.
        raw = decode(text.encode("utf-8"), got.url, html_hint=is_html)
        return replace(raw, encoding=codec)
    return decode(got.data, got.url, html_hint=is_html)


def _codec(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None for an unknown label."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if name in _AS_CP1252:
        return "cp1252"
    if not _LABEL.fullmatch(name):
        return None
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    # Python also has bytes-to-bytes codecs (zlib, base64, rot13) and the
    # "undefined" codec, which refuses every byte: none of them is a charset.
    if info.name == "undefined" or not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def _short(text: str, width: int = 120) -> str:
    """Exception and header text as one short line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def ingest_urls(db: Database, urls: Sequence[str], *, timeout: float = DEFAULT_TIMEOUT,
                progress: Progress | None = None) -> IngestReport:
    """Fetch and ingest each address; a failure is that address's outcome, the batch goes on.

    The final address after redirects becomes the article's URL. An address
    given twice is fetched once.
    """
    report = IngestReport()
    seen: set[str] = set()
    with Fetcher(timeout) as fetcher:
        for index, url in enumerate(urls):
            if progress:
                progress(index, len(urls), url)
            if url in seen:
                report.outcomes.append(Outcome(url, "failed",
                                               reason="given more than once; ingested once"))
                continue
            seen.add(url)
            report.outcomes.append(ingest_url(db, fetcher, url))
    if progress:
        progress(len(urls), len(urls), "")
    return report


def ingest_url(db: Database, fetcher: Fetcher, url: str, label: str | None = None) -> Outcome:
    """Fetch one page and ingest it through the HTML path with its final address."""
    try:
        raw = fetcher.page(url)
    except IngestError as exc:
        return Outcome(label or url, "failed", reason=str(exc))
    return ingest_document(db, label or url, raw, url=raw.path)
