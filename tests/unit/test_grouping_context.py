"""A rebuttal that only points back is read through the claim reported before it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.grouping.context import antecedents, resolve_vectors


@dataclass(frozen=True)
class C:
    article_id: int
    start: int
    speaker: str | None
    stance: str
    content: str


# Two articles as outlets write them: a report, then the rebuttal that points back.
ARTICLE_ID = [
    C(1, 0, "Laporan intelijen", "asserts", "Pesawat itu ditembak jatuh rudal pertahanan udara"),
    C(1, 120, None, "asserts", "Sepuluh orang berada di dalam pesawat tersebut"),
    C(1, 300, "Dmitry Peskov", "disputes", "Semua ini adalah kebohongan mutlak"),
]
ARTICLE_EN = [
    C(2, 0, "Seymour Hersh", "asserts", "US Navy divers planted the explosives on the pipelines"),
    C(2, 90, "Adrienne Watson", "asserts", "The president spoke to allies on Tuesday"),
    C(2, 200, "Adrienne Watson", "denies", "This is utterly false and complete fiction"),
    C(2, 400, "Adrienne Watson", "denies", "The United States never planted explosives on any pipeline"),
]


def test_a_pointing_rebuttal_answers_the_last_named_report_before_it() -> None:
    claims = ARTICLE_ID + ARTICLE_EN
    found = antecedents(claims)
    # Indonesian: the unnamed report is skipped for the named one before it
    assert found[2] == 0
    # English: the speaker's own earlier sentence is not what she rebuts
    assert found[5] == 3
    # a rebuttal that states its own proposition needs no antecedent
    assert 6 not in found
    assert set(found) == {2, 5}


def test_order_in_the_article_counts_not_order_in_the_list() -> None:
    claims = list(reversed(ARTICLE_ID))
    assert antecedents(claims) == {0: 2}


def test_nothing_before_it_means_no_antecedent() -> None:
    lone = [C(3, 0, "Kremlin", "denies", "Itu bohong"), C(3, 50, "Reuters", "asserts",
                                                            "Pesawat jatuh di wilayah Tver")]
    assert antecedents(lone) == {}


def test_a_caller_can_rule_candidates_out() -> None:
    found = antecedents(ARTICLE_ID, lambda rebuttal, candidate: candidate != 0)
    assert found == {2: 1}


def test_resolved_vectors_move_toward_the_antecedent_and_stay_unit() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(len(ARTICLE_ID), 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    resolved = resolve_vectors(ARTICLE_ID, vectors, weight=0.7)
    assert np.allclose(np.linalg.norm(resolved, axis=1), 1.0, atol=1e-5)
    assert resolved[2] @ vectors[0] > vectors[2] @ vectors[0]
    assert np.array_equal(resolved[:2], vectors[:2])  # the others are untouched
    assert not np.array_equal(resolved[2], vectors[2])
    assert np.array_equal(resolve_vectors(ARTICLE_ID, vectors, weight=0.0), vectors)


_stances = st.sampled_from(["asserts", "denies", "disputes", ""])
_claims = st.lists(
    st.builds(C, st.integers(0, 3), st.integers(0, 10_000),
              st.one_of(st.none(), st.sampled_from(["A", "B", "Kremlin"])), _stances,
              st.sampled_from(["Itu bohong", "This is false", "Korea Utara mengirim senjata",
                               "Klaim ini salah", "", "All of this is a lie"]) | st.text(max_size=60)),
    max_size=40)


@settings(max_examples=200, deadline=None)
@given(_claims)
def test_any_claims_give_valid_antecedents(claims: list[C]) -> None:
    found = antecedents(claims)
    for i, j in found.items():
        assert claims[i].stance in ("denies", "disputes")
        assert claims[j].stance not in ("denies", "disputes")
        assert claims[i].article_id == claims[j].article_id
        assert claims[j].start <= claims[i].start
