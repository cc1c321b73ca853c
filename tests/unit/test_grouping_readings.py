"""Grouping keeps what it read from claim texts (quantities, glossary concepts).

The kept readings must change nothing about where claims go, must be read
back exactly as they were made, must spare a later run from reading a text
again, and must be dropped as soon as the code that reads changes (the
reader's identity). Real store, real bundled model, the real fixtures plus
two written articles in the shapes outlets use.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tests.conftest import FIXTURES, ROOT, copy_store, grouped_store
from workbench.embed import FakeEmbedder, load_embedder
from workbench.embed.base import Embedder
from workbench.grouping import service as grouping_service
from workbench.grouping import signals
from workbench.grouping.cluster import Item, cluster
from workbench.grouping.glossary import concepts
from workbench.grouping.numbers import read_quantities
from workbench.grouping.readings import (
    Readings,
    decode_concepts,
    decode_quantities,
    encode_concepts,
    encode_quantities,
    reader_identity,
    text_key,
)
from workbench.grouping.service import run_grouping
from workbench.ingest.service import ingest
from workbench.store import groups as group_store
from workbench.store import readings as kept
from workbench.store.articles import iter_claims

ENGLISH = ROOT / "tests" / "data" / "english_wire_story.txt"

LATER_ID = """Pyongyang kirim 1.000 kontainer senjata ke Rusia, kata Washington

JAKARTA, KOMPAS.com - Gedung Putih mengatakan Korea Utara telah mengirim lebih dari 1.000 \
kontainer peralatan militer dan amunisi ke Rusia untuk perang di Ukraina.

Juru bicara Dewan Keamanan Nasional John Kirby mengatakan pengiriman itu dilakukan dalam \
beberapa pekan terakhir melalui kapal dan kereta.

Kementerian Luar Negeri Korea Utara membantah laporan tersebut dan menyebutnya tidak berdasar.

Menurut data bea cukai, nilai perdagangan kedua negara naik 40 persen menjadi Rp 2,5 triliun \
pada tahun lalu.
"""

LATER_EN = """North Korea shipped 1,000 containers of arms to Russia, US says

WASHINGTON (Reuters) - North Korea has delivered more than 1,000 containers of military \
equipment and munitions to Russia, the White House said on Friday.

"We condemn North Korea for providing Russia with this military equipment," national security \
spokesperson John Kirby told reporters.

Trade between the two countries rose by 40 percent to 2.5 trillion rupiah last year, customs \
figures showed.
"""


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return load_embedder(None)


@pytest.fixture(scope="module")
def grouped(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    """The fixtures and an English wire story ingested and grouped once, closed."""
    return grouped_store(tmp_path_factory.mktemp("readings") / "grouped.db",
                         [FIXTURES, ENGLISH], embedder)


def _add_later_articles(db: Database, where: Path) -> None:
    for name, text in (("later_id.txt", LATER_ID), ("later_en.txt", LATER_EN)):
        path = where / name
        path.write_text(text, encoding="utf-8")
        ingest(db, [str(path)])


def _placement(db: Database) -> dict[int, frozenset[int]]:
    """claim id -> the claims it shares a group with (ids differ between runs)."""
    by_group: dict[int, set[int]] = {}
    placed = group_store.memberships(db)
    for claim, (group, _) in placed.items():
        by_group.setdefault(group, set()).add(claim)
    return {claim: frozenset(by_group[group]) for claim, (group, _) in placed.items()}


def test_a_run_keeps_each_texts_quantities_as_read(grouped: Path, tmp_path: Path) -> None:
    db = copy_store(grouped, tmp_path)
    claims = [c for c in iter_claims(db) if c.content.strip()]
    keys = {text_key(c.content, c.language): c for c in claims}
    stored = kept.fetch(db, reader_identity(), list(keys))
    assert set(stored) == set(keys)  # every claim's text, once
    for key, (quantities, _) in stored.items():
        assert quantities is not None
        assert decode_quantities(quantities) == read_quantities(
            keys[key].content, keys[key].language)
    # concepts are read for claims in cross-language pairs; those kept are right
    with_concepts = [(k, c) for k, (_, c) in stored.items() if c is not None]
    assert with_concepts
    for key, text in with_concepts:
        claim = keys[key]
        assert decode_concepts(text) == tuple(concepts(claim.content, claim.language))


def test_kept_readings_change_no_placement(grouped: Path, tmp_path: Path,
                                           embedder: Embedder) -> None:
    with_readings = copy_store(grouped, tmp_path / "kept")
    without = copy_store(grouped, tmp_path / "dropped")
    without.execute("DELETE FROM text_readings")
    for db, where in ((with_readings, tmp_path / "kept"), (without, tmp_path / "dropped")):
        _add_later_articles(db, where)
        report = run_grouping(db, embedder)
        assert report.joined >= 1  # the 1,000-containers reports join their group
    assert _placement(with_readings) == _placement(without)


def test_a_later_run_reads_no_text_an_earlier_run_read(
        grouped: Path, tmp_path: Path, embedder: Embedder,
        monkeypatch: pytest.MonkeyPatch) -> None:
    db = copy_store(grouped, tmp_path)
    before = {c.id for c in iter_claims(db)}
    # the texts whose quantities, and whose concepts, an earlier run read
    # (concepts only where a cross-language pair needed them)
    stored = kept.fetch(db, reader_identity(), [text_key(c.content, c.language)
                                                for c in iter_claims(db)])
    read_before = {part: {c.content for c in iter_claims(db)
                          if stored.get(text_key(c.content, c.language),
                                        (None, None))[part] is not None}
                   for part in (0, 1)}
    assert read_before[0] and read_before[1]
    _add_later_articles(db, tmp_path)
    # texts no claim had before (a wire story's sentence reprinted is not new)
    new_texts = ({c.content for c in iter_claims(db) if c.id not in before}
                 - {c.content for c in iter_claims(db) if c.id in before})
    numbers_read: list[str] = []
    concepts_read: list[str] = []
    real_numbers, real_concepts = read_quantities, signals.concepts

    def counting_numbers(text: str, lang: str | None = None) -> tuple[str, ...]:
        numbers_read.append(text)
        return real_numbers(text, lang)

    def counting_concepts(text: str, lang: str) -> list[str]:
        concepts_read.append(text)
        return real_concepts(text, lang)

    # the real readers, counted where grouping calls them
    monkeypatch.setattr(grouping_service, "read_quantities", counting_numbers)
    monkeypatch.setattr(signals, "read_quantities", counting_numbers)
    monkeypatch.setattr(signals, "concepts", counting_concepts)
    report = run_grouping(db, embedder)
    assert report.claims > len(new_texts)
    assert new_texts <= set(numbers_read)  # the new claims' quantities are read ...
    assert len(numbers_read) == len(set(numbers_read))  # ... once, by the check
    assert not set(numbers_read) & read_before[0]
    assert concepts_read and not set(concepts_read) & read_before[1]


def test_readings_of_another_reader_are_dropped_not_used(
        grouped: Path, tmp_path: Path, embedder: Embedder) -> None:
    db = copy_store(grouped, tmp_path / "stale")
    reference = copy_store(grouped, tmp_path / "reference")
    # what an older reader would have left: every text "stating" 7 and 9,
    # which would turn every pair with a quantity into a conflict if trusted
    rows = db.execute("SELECT text_sha256 FROM text_readings").fetchall()
    db.execute("DELETE FROM text_readings")
    with db.conn:
        db.conn.executemany(
            "INSERT INTO text_readings (reader, text_sha256, quantities, concepts) "
            "VALUES ('an older reader', ?, '7.0 9.0', 'x')", rows)
    for store, where in ((db, tmp_path / "stale"), (reference, tmp_path / "reference")):
        _add_later_articles(store, where)
        run_grouping(store, embedder)
    assert _placement(db) == _placement(reference)
    readers = {r for (r,) in db.execute("SELECT DISTINCT reader FROM text_readings")}
    assert readers == {reader_identity()}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["id", "en"]))
def test_what_is_kept_reads_back_as_it_was_read(text: str, lang: str) -> None:
    tokens = read_quantities(text, lang)
    assert decode_quantities(encode_quantities(tokens)) == tokens
    found = tuple(concepts(text, lang))
    assert decode_concepts(encode_concepts(found)) == found


_TEMPLATES = [
    ("id", "{who} mengatakan {n} kontainer amunisi dikirim ke Rusia bulan lalu"),
    ("en", "{who} said {n} containers of munitions were shipped to Russia last month"),
    ("id", "{who} membantah tuduhan pengiriman senjata senilai Rp {n} miliar"),
    ("en", "{who} denied shipping weapons worth {n} billion rupiah"),
    ("id", "Sebanyak {n} warga mengungsi akibat banjir di Bekasi, kata {who}"),
    ("en", "{n} residents fled floods in Bekasi, {who} said"),
]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_TEMPLATES) - 1), st.integers(1, 40),
                          st.sampled_from(["Kirby", "Peskov", "Lavrov", "Widodo"])),
                min_size=2, max_size=30),
       st.data())
def test_cluster_places_alike_with_readings_given_or_read(
        rows: list[tuple[int, int, str]], data: st.DataObject) -> None:
    items = []
    for t, n, who in rows:
        lang, template = _TEMPLATES[t]
        items.append(Item(content=template.format(who=who, n=n * 100), lang=lang, speaker=who,
                          stance="denies" if "denied" in template or "membantah" in template
                          else "asserts"))
    vectors = FakeEmbedder().embed([it.content for it in items])
    plain = cluster(items, vectors)
    readings = Readings.unread(len(items))
    first = cluster(items, vectors, readings=readings)
    # some of what the first run read is kept, the rest is read again
    keep = data.draw(st.lists(st.booleans(), min_size=len(items), max_size=len(items)))
    partial = Readings([q if k else None for q, k in zip(readings.quantities, keep)],
                       [c if k else None for c, k in zip(readings.concepts, keep)])
    second = cluster(items, vectors, readings=partial)
    for result in (first, second):
        assert np.array_equal(result.new, plain.new)
        assert np.array_equal(result.existing, plain.existing)
