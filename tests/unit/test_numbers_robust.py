"""Reading quantities never raises, whatever the claim text holds.

`2.5,5.5 persen` and `Rp 1,5.000.000` once made `group` fail on every run
until the article was deleted by hand. A numeral that fits neither the
Indonesian nor the English convention is now left unread (no quantity),
and any other string yields a set of finite floats.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.grouping.numbers import extract_numbers, parse_numeral


@pytest.mark.parametrize(
    "token", ["2.5,5.5", "1,5.000.000", "1.2,3.4", "1,000.000,5", "9" * 400 + ".5", "1..2", "", ","]
)
def test_numerals_that_fit_no_convention_are_not_read(token: str) -> None:
    assert parse_numeral(token) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Inflasi naik 2.5,5.5 persen tahun ini", frozenset()),
        ("Bantuan Rp 1,5.000.000 per keluarga", frozenset()),
        ("Bantuan Rp 1,5.000.000 untuk 350 keluarga", frozenset({350.0})),
        ("Harga naik 2,5 persen menjadi Rp 1.500.000", frozenset({2.5, 1_500_000.0})),
        ("ſix ſeribu", frozenset()),  # IGNORECASE matches the long s; the tables do not
    ],
)
def test_claims_with_unreadable_numerals_keep_their_readable_quantities(
    text: str, expected: frozenset[float]
) -> None:
    assert extract_numbers(text) == expected


def assert_finite_set(found: frozenset[float]) -> None:
    assert isinstance(found, frozenset)
    assert all(isinstance(v, float) and math.isfinite(v) for v in found)


@settings(max_examples=1500, deadline=None)
@given(st.text(max_size=200))
def test_any_text_yields_finite_quantities(text: str) -> None:
    assert_finite_set(extract_numbers(text))


NUMBER_LIKE = st.lists(
    st.one_of(
        st.text(alphabet="0123456789.,", min_size=1, max_size=20),
        st.sampled_from(["juta", "million", "ribu", "thousand", "miliar", "bn", "triliun", "dozen",
                         "lusin", "seribu", "sejuta", "a", "one", "satu", "dua", "two", "persen",
                         "Rp", "US$", "%", "-", "/", "17/10/2023", "2023", "ſix", "K", "İ", "٣", "²"]),
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=1500, deadline=None)
@given(NUMBER_LIKE)
def test_number_like_strings_yield_finite_quantities(text: str) -> None:
    assert_finite_set(extract_numbers(text))


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="0123456789.,", min_size=1, max_size=30))
def test_parse_numeral_returns_a_finite_float_or_none(token: str) -> None:
    value = parse_numeral(token)
    assert value is None or (isinstance(value, float) and math.isfinite(value))
