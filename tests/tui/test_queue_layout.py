"""Pure parts of the queue: the column layout at any width, and how a fresh
ordering is taken in without moving the groups already shown."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from workbench.tui.screens.queue import keep_order_of
from workbench.tui.widgets.queue_list import CLAIM_MIN, header_text, layout


@given(st.integers(min_value=0, max_value=1000), st.booleans())
def test_the_columns_never_squeeze_the_claim_below_its_minimum(width, dated):
    cols = layout(width, dated)
    used = sum(size for _, size in cols)
    assert used <= max(0, width - CLAIM_MIN) or not cols
    for col, size in cols:
        assert col.least <= size <= col.width
    assert len({col.key for col, _ in cols}) == len(cols)
    assert ("latest" in {c.key for c, _ in cols}) <= dated
    assert cell_len(header_text(width, dated)) == width


def test_a_narrow_terminal_keeps_what_needs_a_decision():
    keys = [col.key for col, _ in layout(78)]
    assert keys[:3] == ["mark", "verdict", "contested"] and "asserting" in keys
    assert 78 - sum(size for _, size in layout(78)) >= CLAIM_MIN
    wide = [col.key for col, _ in layout(218)]
    assert {"answering", "langs", "size", "worth"} <= set(wide)
    assert 218 - sum(size for _, size in layout(218)) > 137  # the reviewer saw claims cut there


ids = st.lists(st.integers(min_value=1, max_value=300), unique=True, max_size=60)


@given(ids, ids)
def test_a_fresh_ordering_keeps_the_shown_order_and_takes_in_new_groups(shown, fresh):
    out = keep_order_of(shown, fresh)
    assert sorted(out) == sorted(fresh)
    kept = [g for g in shown if g in set(fresh)]
    assert [g for g in out if g in set(shown)] == kept
