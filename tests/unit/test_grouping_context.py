"""A rebuttal that only points back is read through the claim reported before it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from workbench.grouping.context import antecedents, reads_through_context, resolve_vectors


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


def test_a_rebuttal_led_by_a_pronoun_reads_through_what_came_before() -> None:
    # It states something of its own, but its subject is the one named before.
    article = [
        C(4, 0, "Kementerian Perhubungan", "asserts",
          "Jembatan itu dibangun kembali dengan baja dari pabrik negara"),
        C(4, 100, "Paul Hart", "denies", "Kami tidak pernah mengirim baja ke proyek itu"),
        C(5, 0, "Kremlin", "denies", "Russia did not send any weapons to the region"),
    ]
    assert reads_through_context("Kami tidak pernah mengirim baja ke proyek itu")
    assert reads_through_context("This is utterly false")
    assert not reads_through_context("Russia did not send any weapons to the region")
    assert antecedents(article) == {1: 0}


def test_with_no_report_before_it_a_pointing_rebuttal_elaborates_the_rebuttal_before_it() -> None:
    # "Mill denies supplying steel": the page opens with the denial, then quotes
    # the director; the quote denies what the lead denies.
    article = [
        C(6, 0, None, "denies", "Denied it had supplied steel for the rebuilt bridge"),
        C(6, 90, "Paul Hart", "disputes", "We doubt anyone checked the welds"),
        C(6, 180, "Paul Hart", "denies", "We have never shipped a single beam to that project"),
        C(6, 300, "Agency", "asserts", "The bridge reopens in March"),
        C(6, 400, "Paul Hart", "denies", "That is not true"),
    ]
    found = antecedents(article)
    assert found[2] == 0  # the same stance, not the nearer dispute
    assert found[4] == 3  # once a report came before, the report is what it answers
    assert 1 not in found  # no earlier dispute to elaborate, no report


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
# found in CI: claims at one offset, the pointing rebuttal listed before the assertion
@example([C(2, 0, None, "denies", "Korea Utara mengirim senjata"),
          C(2, 0, None, "denies", "Itu bohong"), C(2, 0, None, "asserts", "Itu bohong")])
def test_any_claims_give_valid_antecedents(claims: list[C]) -> None:
    found = antecedents(claims)
    for i, j in found.items():
        assert claims[i].stance in ("denies", "disputes")
        assert claims[i].article_id == claims[j].article_id
        assert claims[j].start <= claims[i].start
        if claims[j].stance in ("denies", "disputes"):
            # an earlier rebuttal of the same stance, only where the article
            # reported no assertion before this one
            assert claims[j].stance == claims[i].stance
            assert not any(c.article_id == claims[i].article_id and c.start <= claims[i].start
                           and c.stance not in ("denies", "disputes") for c in claims)


def test_grouping_reads_a_pointing_rebuttal_through_what_it_answers() -> None:
    # Four pages on two events, each printing a claim and then a rebuttal that
    # only points back, in other words on every page.
    from workbench.embed import UseEmbedder
    from workbench.grouping.cluster import Item, cluster
    from workbench.grouping.params import GroupingParams

    rows = [
        (1, 0, "Seymour Hersh", "asserts", "en",
         "US Navy divers planted the explosives that destroyed the gas pipelines"),
        (1, 200, "Adrienne Watson", "denies", "en", "This is utterly false and complete fiction"),
        (2, 0, "Reuters", "asserts", "en",
         "The jet carrying the mercenary chief was shot down by an air defence missile"),
        (2, 150, "Dmitry Peskov", "denies", "en", "All of this is an absolute lie"),
        (3, 0, "Seymour Hersh", "asserts", "en",
         "American navy divers planted explosives on the gas pipelines"),
        (3, 90, "Tammy Thorp", "denies", "en", "This is completely and utterly false"),
        (4, 0, "Associated Press", "asserts", "en",
         "An air defence missile shot down the jet of the mercenary chief"),
        (4, 80, "Kremlin", "denies", "en", "This is an utter lie and pure fiction"),
    ]
    items = [Item(content, lang, speaker, stance=stance, article_id=article, start=start)
             for article, start, speaker, stance, lang, content in rows]
    vectors = UseEmbedder().embed([row[-1] for row in rows])

    def group_of(params: GroupingParams) -> list[tuple[str, int]]:
        result = cluster(items, vectors, params)
        return [("existing", int(e)) if e >= 0 else ("new", int(n))
                for e, n in zip(result.existing, result.new, strict=True)]

    # The shared-denial bonus is off here: it is evidence of one rebuttal
    # that this test does not weigh; what is tested is the rebuttals' reading.
    read_alone = group_of(GroupingParams(rebuttal_context=0.0, stance_match=0.0))
    # read alone, the rebuttals group by their words, whatever they rebut:
    # the Kremlin's denial of the jet report joins the pipeline report's
    assert read_alone[1] == read_alone[7]
    in_context = group_of(GroupingParams(stance_match=0.0))
    assert in_context[1] == in_context[5]  # the two denials of the pipeline report
    assert in_context[3] == in_context[7]  # the two denials of the jet report
    assert in_context[1] != in_context[3]
    assert in_context[1] != in_context[0]  # a denial is never grouped with what it denies
