"""The queue search ignores case, accents and how numbers are written.

"1,000" (English), "1.000" (Indonesian) and "1000" are one number; "2,5" and
"2.5" one decimal; "Pena" finds "Peña". Folding (`textfold.fold`) is checked
as a function with hypothesis, and the search itself on a real desk, where
SQLite folds the claims with `wb_fold` (and takes a quicker path for plain
ASCII text that must give the same answers: a property test holds the two
to each other).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tests.unit.desk_db import Desk, Said
from workbench.store import open_store, queue
from workbench.store.queue import QueueFilter
from workbench.store.textfold import fold


@pytest.fixture
def desk(db: Database) -> Desk:
    d = Desk(db)
    d.article("Korut kirim kontainer ke Rusia", "2023-10-17T23:38:00+07:00", "id", {
        "id_1000": Said("Gedung Putih mengatakan Korea Utara telah mengirim 1.000 kontainer "
                        "ke Rusia.", "Gedung Putih"),
        "id_pena": Said("Menteri José Peña mengatakan pelabuhan itu ditutup sejak Senin.",
                        "José Peña"),
        "id_budget": Said("Anggaran pertahanan naik 2,5 persen tahun ini.", None),
        "id_caps": Said("KREMLIN MEMBANTAH LAPORAN ITU.", None, "denies"),
        "id_100": Said("Sebanyak 100 kontainer tiba di pelabuhan Rajin."),
        "id_million": Said("Pelabuhan itu menangani 1\u202f000\u202f000 ton kargo tahun lalu."),
    })
    d.article("North Korea shipped containers", "2023-10-17T20:00:00+00:00", "en", {
        "en_1000": Said("The White House said North Korea had shipped 1,000 containers to "
                        "Russia.", "White House"),
        "en_plain": Said("Officials counted 1000 containers at the port.", "officials"),
        "en_budget": Said("The defence budget rose 2.5 percent this year.", None),
    })
    for key in d.claims:
        d.group(key, [key])
    return d


def found(desk: Desk, text: str) -> set[str]:
    by_id = {gid: key for key, gid in desk.groups.items()}
    return {by_id[g] for g in queue.ordered_ids(desk.db, QueueFilter(text=text))}


@pytest.mark.parametrize("query", ["1000", "1,000", "1.000", " 1.000 "])
def test_a_number_is_found_however_it_is_grouped(desk: Desk, query: str) -> None:
    # the million (1 000 000) holds 1000 too; 100 does not
    assert found(desk, query) == {"id_1000", "en_1000", "en_plain", "id_million"}


def test_grouping_and_words_together(desk: Desk) -> None:
    assert found(desk, "1.000 kontainer") == {"id_1000"}
    assert found(desk, "1,000 containers") == {"en_1000", "en_plain"}
    assert found(desk, "1,000,000") == {"id_million"}  # written with narrow no-break spaces
    assert found(desk, "1 000 000 ton") == {"id_million"}


def test_decimal_comma_and_point_find_each_other(desk: Desk) -> None:
    assert found(desk, "2,5") == {"id_budget", "en_budget"}
    assert found(desk, "2.5 percent") == {"en_budget"}
    assert found(desk, "naik 2.5") == {"id_budget"}


def test_accents_and_case_are_ignored_in_text_and_speaker(desk: Desk) -> None:
    assert found(desk, "jose pena") == {"id_pena"}
    assert found(desk, "PEÑA") == {"id_pena"}
    assert found(desk, "kremlin membantah") == {"id_caps"}
    # "Gedung Putih" stands for the White House: the canonical speaker matches too.
    assert found(desk, "white house") == {"id_1000", "en_1000"}
    assert found(desk, "gedung putih") == {"id_1000"}


def test_a_search_that_folds_to_nothing_filters_nothing(desk: Desk) -> None:
    assert found(desk, "\u0301") == set(desk.groups)
    assert found(desk, "tidak ada di mana pun") == set()


def test_search_combines_with_status_and_keeps_the_order(desk: Desk) -> None:
    everything = queue.ordered_ids(desk.db)
    hits = queue.ordered_ids(desk.db, QueueFilter(text="1000"))
    assert hits == [g for g in everything if g in set(hits)]
    assert queue.ordered_ids(desk.db, QueueFilter(text="1000", status="reviewed")) == []


def test_fold_examples() -> None:
    assert fold("José PEÑA") == "jose pena"
    assert fold("Straße") == "strasse"
    assert fold("１,０００") == "1000"  # fullwidth digits
    assert fold("1 000 000") == fold("1,000,000") == fold("1.000.000") == "1000000"
    assert fold("2,5") == fold("2.5") == "25"
    assert fold("pukul 10, 11 dan 12") == "pukul 10, 11 dan 12"  # a list is not a number
    assert fold("in 2023 1500 troops") == "in 2023 1500 troops"  # a space before 4 digits stays


# -- properties ---------------------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8"), max_size=60)
NUMBERY = st.text(st.sampled_from("0123456789,.'’  \u00a0\u202faéÉß"), max_size=30)


@settings(deadline=None)  # shared machine: no per-example time limit
@given(st.one_of(TEXT, NUMBERY))
def test_folding_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@settings(deadline=None)  # shared machine: no per-example time limit
@given(st.one_of(TEXT, NUMBERY), st.one_of(TEXT, NUMBERY))
def test_folding_works_piecewise(first: str, second: str) -> None:
    """One pass that looks no further than the next few characters: two texts
    on separate lines fold as each does alone (so the work is linear)."""
    assert fold(f"{first}\n{second}") == f"{fold(first)}\n{fold(second)}"


def grouped(number: int, separator: str) -> str:
    return f"{number:,}".replace(",", separator)


@settings(deadline=None)  # shared machine: no per-example time limit
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([",", ".", " ", "\u202f", ""]),
       st.sampled_from([",", ".", " ", "\u00a0", ""]), TEXT, TEXT)
def test_a_number_written_either_way_finds_itself(number: int, query_sep: str, text_sep: str,
                                                  before: str, after: str) -> None:
    query = grouped(number, query_sep)
    text = f"{before} {grouped(number, text_sep)} {after}"
    assert fold(query) in fold(text)


@settings(deadline=None)  # shared machine: no per-example time limit
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=99))
def test_a_decimal_with_comma_or_point_finds_itself(whole: int, fraction: int) -> None:
    assert fold(f"{whole},{fraction:02d}") == fold(f"{whole}.{fraction:02d}")


@pytest.fixture(scope="module")
def memory() -> Database:
    return open_store(None)


ASCIIISH = st.text(st.sampled_from("abcAB 01,.9’é\u00a0"), max_size=20)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(ASCIIISH, TEXT), speaker=st.one_of(st.none(), ASCIIISH),
       canonical=st.one_of(st.none(), ASCIIISH), query=st.one_of(ASCIIISH, TEXT))
def test_the_sql_search_matches_exactly_when_the_folded_query_is_inside(
        memory: Database, text: str, speaker: str | None, canonical: str | None,
        query: str) -> None:
    """The SQL condition (quick paths included) against the definition: the
    folded query is inside the folded text, the speaker as written, or the
    canonical name the speakers table gives it (None: a name not in the table)."""
    needle = fold(query).strip()
    voices = [v for v in (text, speaker, canonical if speaker is not None else None)
              if v is not None]
    expected = not needle or any(needle in fold(v) for v in voices)
    condition, params = queue.text_condition(query)
    with memory.conn:
        memory.execute("DELETE FROM speakers")
        if speaker is not None and canonical is not None:
            memory.execute("INSERT INTO speakers (name, canonical) VALUES (?, ?)",
                           [speaker, canonical])
        row = memory.execute(
            "SELECT count(*) FROM (SELECT ? AS text, ? AS speaker) c "
            f"LEFT JOIN speakers s ON s.name = c.speaker WHERE {condition}",
            [text, speaker, *params]).fetchone()
    assert bool(row[0]) == expected
