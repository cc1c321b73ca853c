"""A real HTTP server on 127.0.0.1 for the fetch tests, serving pages written here.

The standard library's ThreadingHTTPServer on port 0, in a thread. Each route
is a function that writes the whole response, so a test can shape anything a
news site does (redirect chains, 404s, a slow answer, a 50 MB body, the wrong
content type, a Windows-1252 page, RSS and Atom feeds). The pages are news
articles invented for these tests, in the shapes Indonesian and English
outlets publish.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]

ID_PAGE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>{title} - Warta Nusantara</title>
<meta property="og:site_name" content="Warta Nusantara">
<meta name="author" content="Rina Puspitasari">
<meta property="article:published_time" content="{date}T09:15:00+07:00">
</head><body>
<nav><a href="/">Beranda</a> <a href="/ekonomi">Ekonomi</a> <a href="/politik">Politik</a></nav>
<article>
<h1>{title}</h1>
<p class="byline">Rina Puspitasari - {day} WIB</p>
<p>JAKARTA, Warta Nusantara - {lead}</p>
<p>"Kami mencatat kenaikan {number} persen dibandingkan periode yang sama tahun lalu," kata
Kepala Biro Humas {agency} Bambang Sutrisno di Jakarta, Senin.</p>
<p>Menurut Bambang, peningkatan tersebut didorong oleh perbaikan irigasi di sejumlah daerah dan
penyaluran pupuk yang lebih tepat waktu sepanjang musim tanam.</p>
<p>Namun, pengamat ekonomi dari Universitas Gadjah Mada, Sri Lestari, menilai angka itu belum
tentu berarti harga di tingkat konsumen akan turun dalam waktu dekat.</p>
<p>"Harga di pasar masih dipengaruhi biaya distribusi dan permintaan menjelang hari raya,"
ujar Sri saat dihubungi, Selasa.</p>
<p>Baca juga: Harga Cabai Merah Turun di Pasar Induk</p>
</article>
<footer>Copyright 2024 Warta Nusantara. All rights reserved.</footer>
</body></html>
"""

EN_PAGE = """<!DOCTYPE html>
<html lang="en"><head>{meta}
<title>{title} | The Harbour Ledger</title>
<meta property="og:site_name" content="The Harbour Ledger">
<meta property="article:published_time" content="{date}T14:30:00Z">
</head><body>
<header><a href="/">Home</a> <a href="/business">Business</a> <a href="/world">World</a></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By Daniel Okafor</p>
<p>ROTTERDAM (Harbour Ledger) - {lead}</p>
<p>{quote_open}We handled {number} percent fewer containers than in the same month last year,{quote_close}
port authority spokeswoman Marieke de Vries told reporters on Tuesday.</p>
<p>She said the decline was caused mainly by weaker demand for consumer electronics and by
two strikes at terminals in the south of the port.</p>
<p>Shipping analyst Tom Brennan said the figures did not mean that trade through northern
Europe was shrinking, because rival ports had reported growth over the same period.</p>
<p>Related: Container rates climb for a third week</p>
</article></main>
<footer>&copy; 2024 The Harbour Ledger. Subscribe to our newsletter.</footer>
</body></html>
"""


def id_page(n: int) -> bytes:
    agencies = ["Kementerian Pertanian", "Badan Pangan Nasional", "Kementerian Perdagangan"]
    return ID_PAGE.format(
        title=f"Produksi Beras Naik {10 + n} Persen pada Kuartal Pertama",
        date=f"2024-04-{10 + n:02d}", day=f"Senin, {10 + n} April 2024 09:15",
        lead=(f"{agencies[n % 3]} menyatakan produksi beras nasional pada kuartal pertama "
              f"2024 naik {10 + n} persen menjadi {8 + n},{n} juta ton."),
        number=10 + n, agency=agencies[n % 3]).encode("utf-8")


def en_page(n: int, *, meta: str = '<meta charset="utf-8">', quotes: tuple[str, str] = ('"', '"'),
            encoding: str = "utf-8") -> bytes:
    return EN_PAGE.format(
        meta=meta, title=f"Port says container traffic fell {5 + n} percent in March",
        date=f"2024-04-{2 + n:02d}",
        lead=(f"Container traffic through Europe's largest port fell {5 + n} percent in March, "
              "the port authority said on Tuesday, its steepest monthly decline in three years."),
        number=5 + n, quote_open=quotes[0], quote_close=quotes[1]).encode(encoding)


def rss(items: list[tuple[str, str]]) -> bytes:
    entries = "".join(f"<item><title>{title}</title><link>{link}</link>"
                      "<pubDate>Mon, 15 Apr 2024 09:15:00 +0700</pubDate></item>"
                      for title, link in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Warta Nusantara - Ekonomi</title><link>/</link>"
            f"<description>Berita ekonomi terbaru</description>{entries}</channel></rss>"
            ).encode()


def atom(items: list[tuple[str, str]]) -> bytes:
    entries = "".join(f'<entry><title>{title}</title><link rel="alternate" href="{link}"/>'
                      f"<id>{link}</id><updated>2024-04-02T14:30:00Z</updated></entry>"
                      for title, link in items)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>The Harbour Ledger: Business</title><id>urn:harbour-ledger:business</id>"
            f"<updated>2024-04-02T14:30:00Z</updated>{entries}</feed>").encode()


@dataclass
class Server:
    base: str
    routes: dict[str, Route]
    hits: dict[str, int] = field(default_factory=dict)
    user_agents: list[str] = field(default_factory=list)
    sent: dict[str, int] = field(default_factory=dict)  # body bytes a streaming route wrote
    release: threading.Event = field(default_factory=threading.Event)  # ends slow routes

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, route: Route) -> None:
        self.routes[path] = route


def send(body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200,
         headers: dict[str, str] | None = None) -> Route:
    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        if content_type:
            h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            h.send_header(name, value)
        h.end_headers()
        h.wfile.write(body)
    return route


def redirect(to: str, status: int = 302) -> Route:
    return send(b"", "", status, {"Location": to})


def stream(server: Server, name: str, total: int, *, declare_length: bool) -> Route:
    """`total` bytes of HTML in 64 KB pieces, counting what was written before the client left."""
    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        if declare_length:
            h.send_header("Content-Length", str(total))
        h.send_header("Connection", "close")
        h.end_headers()
        piece = b"<p>" + b"Kata demi kata berita panjang. " * 2000 + b"</p>\n"
        written = 0
        try:
            while written < total:
                h.wfile.write(piece)
                written += len(piece)
        except OSError:
            pass  # the client hung up: what we want to see
        finally:
            server.sent[name] = written
            h.close_connection = True
    return route


@contextmanager
def serve() -> Iterator[Server]:
    routes: dict[str, Route] = {}
    server_ref: list[Server] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            state = server_ref[0]
            path = self.path.split("?")[0]
            state.hits[path] = state.hits.get(path, 0) + 1
            state.user_agents.append(self.headers.get("User-Agent", ""))
            route = routes.get(path)
            if route is None:
                send(b"<html><body><h1>Halaman tidak ditemukan</h1></body></html>",
                     status=404)(self)
                return
            try:
                route(self)
            except OSError:
                self.close_connection = True  # the client gave up (a timeout test): expected

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # keep test output clean

    class Quiet(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client hanging up mid-request is what the limit tests provoke

    httpd = Quiet(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    host, port = httpd.server_address[:2]
    state = Server(f"http://{host}:{port}", routes)
    server_ref.append(state)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        httpd.shutdown()
        httpd.server_close()
