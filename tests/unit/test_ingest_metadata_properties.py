"""Any page and any URL: metadata finding either gives an article or a one-line IngestError."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.ingest.page import parse_document
from workbench.ingest.reader import IngestError, decode

# Page lines in the shapes the metadata finders look at, to be shuffled and mutated.
SHAPES = [
    "Pemerintah Naikkan Harga Pupuk Bersubsidi",
    "Rabu, 18 Okt 2023 11:11 WIB",
    "Kompas.com - 28/11/2023, 15:30 WIB",
    "5:02 PM EDT, Fri October 13, 2023",
    "By AP Published: Wed 18 Oct 2023, 11:03 AM",
    "JAKARTA, KOMPAS.com - Menteri mengatakan harga beras naik lima persen tahun ini.",
    "WASHINGTON, Oct 13, 2023 (Reuters) - The Treasury said it would sell more bonds next week.",
    "Liputan6.com, Moskow - Kremlin membantah laporan itu pada Kamis (24/8/2023).",
    "(Nairobi) – Pasukan keamanan menembaki pengunjuk rasa di pusat kota pada Senin.",
    "Petani memanen padi. ANTARA FOTO/Contoh Fotografer",
    "Baca juga: Harga Emas Hari Ini",
    "Copyright © 2024 Contoh.com",
    "The Jakarta Post - World Business Opinion",
    "25 Agustus 2023, 09:07 WIBRIYADH, CONTOHTV.COM - Harga minyak naik tajam hari ini.",
    "Sumber: AFP",
    "",
]
URLS = st.one_of(
    st.none(),
    st.text(max_size=80),
    st.builds(lambda host, path: f"https://{host}/{path}",
              st.sampled_from(["www.kompas.com", "m.tribunnews.com", "contoh.co.id", "x", "a.b.c.d.e",
                               "localhost:80", "[::1]", "xn--80ak6aa92e.com"]),
              st.text(alphabet="abcdefghij0123456789-/_", max_size=60)),
)


def _check(text: str, url: str | None) -> None:
    try:
        draft = parse_document(decode(text.encode("utf-8", "replace"), "p.txt", html_hint=False), url=url)
    except IngestError as exc:
        assert "\n" not in str(exc)
        return
    assert draft.body and draft.title
    assert draft.published is None or draft.published[:4].isdigit()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SHAPES), max_size=14), st.lists(st.text(max_size=40), max_size=4), URLS)
def test_shuffled_page_shapes_never_raise(lines: list[str], noise: list[str], url: str | None) -> None:
    _check("\n".join(lines + noise), url)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=600), URLS)
def test_random_text_never_raises(text: str, url: str | None) -> None:
    _check(text, url)
