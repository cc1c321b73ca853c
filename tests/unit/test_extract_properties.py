"""Claim extraction and ingest hold their promises for any text.

Properties, checked with hypothesis on random Unicode and on news sentences
(written here in the Indonesian and English styles outlets use) mutated the
ways scraped pages mangle text: zero-width spaces and bidi marks, guillemets
and curly quotes, speaker tokens led by a digit or a lower-case letter, ANSI
escapes, markup-like brackets and SQL quotes.

- extraction never raises;
- each claim is a span of the body: ``body[start:end] == claim.text``, and
  claims follow one another without overlapping;
- its content is not empty and its stance is one of the three;
- sentence spans never exceed MAX_SENTENCE, so per-sentence work is bounded
  and extraction stays linear in the body's length;
- the ingest service stores such text in a real SQLite file, or refuses it
  with its own one-line reason, and never reports a fault of its code.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from workbench.extract import extract_claims
from workbench.extract.sentences import MAX_SENTENCE, split_sentences
from workbench.ingest.service import ingest
from workbench.store import articles as store
from workbench.store import open_store

STANCES = {"asserts", "denies", "disputes"}

SENTENCES = [
    # Indonesian: speaker first, quote first, trailing attribution, "menurut"
    "Juru bicara Kremlin Dmitry Peskov mengatakan, tidak ada bukti Korea Utara mengirim senjata ke Rusia.",
    "“Kami tidak pernah mengekspor amunisi ke negara mana pun,” kata Menteri Luar Negeri Choe Son Hui.",
    "Harga beras medium naik 12 persen sepanjang September 2023, menurut Badan Pusat Statistik.",
    "Kementerian Pertahanan membantah laporan bahwa 1.000 kontainer dikirim lewat pelabuhan Rajin.",
    "Gedung Putih menyatakan Pyongyang telah memasok lebih dari 2,5 juta butir peluru sejak Agustus.",
    "Menurut data Bank Indonesia, inflasi tahunan turun menjadi 2,28 persen pada Oktober 2023.",
    "“Tuduhan itu hoaks dan tidak berdasar,” ujar Kepala Polri Jenderal Listyo Sigit Prabowo, "
    "Rabu (18/10/2023).",
    "Sementara itu, Gubernur Jawa Barat mengatakan bahwa 350 desa terdampak kekeringan tahun ini.",
    # two parties' reports in one sentence: cut into one claim per report
    "Palestina menyalahkan serangan udara Israel, sementara Israel mengatakan roket militan salah sasaran.",
    "Hamas blamed an Israeli air strike for 471 deaths, while Israel said a militants' rocket misfired.",
    # English: "X said on Friday that", quote first, "according to", denial and dispute
    "White House spokesman John Kirby said on Friday that North Korea had sent more than 1,000 containers.",
    "“We have never exported arms to Russia,” the North Korean defence ministry said in a statement.",
    "Inflation fell to 3.2 percent in October, according to the Bureau of Labor Statistics.",
    "Kremlin spokesman Dmitry Peskov denied the report, calling it an absolute lie.",
    "The ministry dismissed the claims as groundless, saying there was no evidence of any shipment.",
    "Lavrov told reporters in Pyongyang that the two countries would expand military cooperation.",
    "Prices of rice rose 12 percent in September, the statistics agency said on Monday.",
    "Officials said 40 tonnes of chemicals had been released into the river since 2022.",
]

# What scraped pages do to text, one mutation at a time.
INSERTS = [
    "\u200b", "\u200c", "\u200d", "\ufeff", "\u200e", "\u200f", "\u202a", "\u202b", "\u202e", "\u2066",
    "\u2069", "«", "»", "“", "”", "‘", "’", '"', "'", "„", "‹", "›", "3M", "5G", "7-Eleven ", "«AS» ",
    '"AS" ', "iPhone ", "eBay ", "de Gaulle ", "bin Salman ", "\x1b[31m", "\x1b[0m", "\x1b]8;;http://x\x07",
    "[bold]", "[/bold]", "[link=http://x]", "'; DROP TABLE claims; --", "O'Brien ", "\\", "%s", "?",
    ", kata ", " said ", "menurut ", "according to ", " (AFP) - ", "JAKARTA - ", "\t", "…", ".", ",",
]
SPEAKER_SWAPS = ["3M", "5G", "«AS»", '"AS"', "\u200bJohn Kirby", "iPhone", "van der Berg", "[bold]X[/bold]",
                 "O'Neil", "\x1b[1mPeskov\x1b[0m", "ДМИТРИЙ ПЕСКОВ", "北朝鮮", "7-Eleven"]
NAMES = ["Dmitry Peskov", "John Kirby", "Choe Son Hui", "Listyo Sigit Prabowo", "Lavrov",
         "Badan Pusat Statistik", "Bank Indonesia", "Gedung Putih", "White House"]


@st.composite
def mutated_sentence(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SENTENCES))
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["insert", "swap", "lower", "wrap"]))
        if kind == "insert":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(INSERTS)) + text[at:]
        elif kind == "swap":
            name = draw(st.sampled_from([n for n in NAMES if n in text] or NAMES[:1]))
            text = text.replace(name, draw(st.sampled_from(SPEAKER_SWAPS)))
        elif kind == "lower":
            text = text[:1].lower() + text[1:]
        else:
            left, right = draw(st.sampled_from([("«", "»"), ("“", "”"), ('"', '"'), ("„", "“"), ("“", "")]))
            text = f"{left}{text}{right}"
    return text


@st.composite
def mutated_body(draw: st.DrawFn) -> str:
    sentences = draw(st.lists(mutated_sentence(), min_size=1, max_size=6))
    out = sentences[0]
    for sentence in sentences[1:]:
        out += draw(st.sampled_from([" ", "\n\n", "\n", "  ", " \u200b"])) + sentence
    return out


def assert_claims_are_spans(body: str, lang: str) -> None:
    previous_end = 0
    for claim in extract_claims(body, lang):
        assert previous_end <= claim.start < claim.end <= len(body)  # in order, never overlapping
        previous_end = claim.end
        assert body[claim.start:claim.end] == claim.text
        assert claim.content.strip()
        assert claim.stance in STANCES
        assert 0.0 <= claim.checkworthiness <= 1.0


@settings(max_examples=1500, deadline=None)
@given(body=mutated_body(), lang=st.sampled_from(["id", "en"]))
def test_mutated_news_sentences_give_claims_that_are_spans_of_the_body(body: str, lang: str) -> None:
    assert_claims_are_spans(body, lang)


@settings(max_examples=1000, deadline=None)
@given(body=st.text(max_size=400), lang=st.sampled_from(["id", "en", "und"]))
def test_random_unicode_never_breaks_extraction(body: str, lang: str) -> None:
    assert_claims_are_spans(body, lang)


@settings(max_examples=500, deadline=None)
@given(body=st.text(alphabet=st.sampled_from(list("aA3 .,;:!?“”‘’\"'«»()[]\n\u200b")), max_size=3000))
def test_sentence_spans_cover_the_text_and_stay_short(body: str) -> None:
    spans = split_sentences(body)
    covered = 0
    for start, end in spans:
        piece = body[start:end]
        assert start >= covered and piece and piece == piece.strip()
        assert len(piece) <= MAX_SENTENCE
        assert not body[covered:start].strip()  # only whitespace between sentences
        covered = end
    assert not body[covered:].strip()


def test_a_megabyte_paragraph_is_cut_into_bounded_sentences() -> None:
    # 40,000 unbalanced curly quotes in one paragraph: the work per sentence is
    # bounded by MAX_SENTENCE, so the number of sentences grows with the input
    # and no sentence grows with it.
    for size in (250_000, 500_000):
        body = ("Kata “juru bicara itu menyebut angka " * (size // 37 + 1))[:size] + "."
        spans = split_sentences(body)
        assert max(end - start for start, end in spans) <= MAX_SENTENCE
        assert len(spans) >= size // MAX_SENTENCE


def page_bytes(title: str, body: str) -> bytes:
    return f"{title}\n\n{body}\n".encode()


@pytest.fixture(scope="module")
def property_db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    return open_store(tmp_path_factory.mktemp("props") / "w.db")


def assert_ingest_is_clean(db: Database, data: bytes) -> None:
    report = ingest(db, ["-"], stdin=io.BytesIO(data))
    (outcome,) = report.outcomes
    if outcome.status == "failed":
        # A refusal of the input, never a fault of the code.
        assert outcome.reason and "\n" not in outcome.reason
        assert not outcome.reason.startswith(("cannot read the page", "claim extraction failed"))
        return
    assert outcome.article_id is not None
    article = store.get_article(db, outcome.article_id)
    assert article is not None
    for claim in store.list_claims(db, outcome.article_id):
        assert article.body[claim.start:claim.end] == claim.text
        assert claim.content.strip() and claim.stance in STANCES


@settings(max_examples=400, deadline=None)
@given(title=st.sampled_from(["Kremlin Bantah Kiriman Senjata", "Inflation Falls to 3.2 Percent", "x"]),
       body=mutated_body())
def test_ingest_stores_mutated_articles_in_sqlite(property_db: Database, title: str, body: str) -> None:
    assert_ingest_is_clean(property_db, page_bytes(title, body))


# Random words in paragraphs that end like sentences pass the prose test and
# reach extraction and storage; bare random text mostly tests refusal.
RANDOM_PROSE = st.lists(
    st.lists(st.text(min_size=1, max_size=12), min_size=6, max_size=40).map(lambda ws: " ".join(ws) + "."),
    min_size=1, max_size=4,
).map("\n\n".join)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(st.text(max_size=600), RANDOM_PROSE))
def test_ingest_of_random_unicode_stores_or_refuses(property_db: Database, text: str) -> None:
    assert_ingest_is_clean(property_db, f"Judul Acak Berita Hari Ini\n\n{text}\n".encode())


def test_the_database_file_stays_consistent_after_the_property_runs(property_db: Database) -> None:
    assert property_db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert property_db.execute("PRAGMA foreign_key_check").fetchall() == []
