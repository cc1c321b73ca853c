"""The pieces of answer linking and of the representative choice: the
proposition a denial answers, the matching of answers to asserting groups,
and the member that stands for a group."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from workbench.grouping.answers import best_matches
from workbench.grouping.proposition import framed_proposition, is_anaphoric, proposition
from workbench.grouping.representative import (
    Candidate,
    choose_representative,
    leans_on_context,
    reading_language,
)
from workbench.store.answers import AnswerLink, LinkCandidate, answers_of, replace_links
from workbench.store.groups import assign, create_group, refresh_groups, summaries


@pytest.mark.parametrize(("content", "speaker", "expected"), [
    ("Tidak ada bukti Korea Utara mengirim senjata ke Rusia", None,
     "Korea Utara mengirim senjata ke Rusia"),
    ("Membantah mereka mengirim senjata ke Rusia", "Korea Utara",
     "Korea Utara mengirim senjata ke Rusia"),
    ("Menepis klaim Amerika Serikat (AS) bahwa Korea Utara mengirim amunisi ke Moskow", None,
     "Korea Utara mengirim amunisi ke Moskow"),
    ("Kami belum pernah mengekspor senjata ke Rusia", "Pyongyang",
     "Pyongyang mengekspor senjata ke Rusia"),
    ("Denied it has sent weapons to Russia", "North Korea", "North Korea has sent weapons to Russia"),
    ("Rejected the claim that Britain blew up the pipelines", None, "Britain blew up the pipelines"),
    ("There is no evidence that the bridge was rebuilt with state steel", None,
     "There is that the bridge was rebuilt with state steel"),
    # the judgement's degree words and the copula left dangling go with it
    ("Tuduhan media bahwa pabrik itu memasok baja adalah kebohongan mutlak", None,
     "pabrik itu memasok baja"),
    ("Strongly denied it had shipped steel to the port", "The mill",
     "The mill had shipped steel to the port"),
    # the denial verb took the subject: the speaker is what the denial is about
    ("Denied any role in the bridge collapse", "The ministry",
     "The ministry any role in the bridge collapse"),
    ("Membantah keterlibatan dalam proyek jembatan", "Kementerian PUPR",
     "Kementerian PUPR keterlibatan dalam proyek jembatan"),
    # ... unless a clause with its own subject follows
    ("Membantah klaim AS bahwa pabrik itu memasok baja", "Pabrik Baja Negara",
     "pabrik itu memasok baja"),
    # what follows a contrast is a further claim of the speaker's, not the denied one
    ("Denied any role in the collapse but said negligence was likely behind it", "The ministry",
     "The ministry any role in the collapse"),
    ("Membantah memasok baja ke proyek itu, namun mengakui ada pesanan", "Pabrik",
     "Pabrik memasok baja ke proyek itu"),
])
def test_proposition_strips_the_denial_in_both_languages(
        content: str, speaker: str | None, expected: str) -> None:
    assert proposition(content, speaker) == expected


@pytest.mark.parametrize(("content", "anaphoric"), [
    ("This is utterly false and complete fiction", True),
    ("Klaim ini salah", True),
    ("All of this is an absolute lie", True),
    ("Semua ini adalah kebohongan belaka yang disebarkan media", True),
    ("Hal tersebut sama sekali tidak benar dan tidak berdasar", True),
    ("The matter is entirely false, the ministry said", True),
    ("The report was false and complete fiction", True),
    ("The claim that North Korea sent arms to Russia is false", False),
    ("Washington gagal membuktikan tuduhan tersebut", True),
    ("Tidak ada bukti Korea Utara mengirim senjata ke Rusia", False),
    ("The mill denied that it supplied steel for the Harbor Bridge", False),
])
def test_a_rebuttal_that_only_points_back_is_told_apart(content: str, anaphoric: bool) -> None:
    assert is_anaphoric(content) is anaphoric


@pytest.mark.parametrize(("text", "content", "expected"), [
    ('"There was no external impact on the jet," the president said, challenging reports '
     "that the jet was shot down by a missile, according to the agency.",
     "There was no external impact on the jet", "the jet was shot down by a missile"),
    ("Kementerian menjawab pertanyaan mengenai klaim laporan itu yang menyebut keterlibatan "
     'pabrik baja negara dalam proyek, dengan mengatakan, "Klaim ini salah".',
     "Klaim ini salah", "keterlibatan pabrik baja negara dalam proyek"),
    ('"Tidak ada retakan pada jembatan itu," kata menteri, menantang laporan media bahwa '
     "jembatan itu retak seperti dikutip dari Antara.",
     "Tidak ada retakan pada jembatan itu", "jembatan itu retak"),
    # the words around the quote name no report: nothing framed
    ('"This is utterly false," a spokeswoman for the ministry said on Tuesday.',
     "This is utterly false", None),
    # the report noun is inside the quote itself: the quote's own proposition serves
    ("The claim that the mill supplied the steel is false", "The claim that the mill "
     "supplied the steel is false", None),
])
def test_the_words_around_a_quote_name_what_it_answers(
        text: str, content: str, expected: str | None) -> None:
    assert framed_proposition(text, content) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.text(max_size=100))
def test_framed_proposition_of_any_text_is_none_or_words_of_the_text(text: str, content: str) -> None:
    found = framed_proposition(text, content)
    assert found is None or (found.strip() and found.split()[0] in text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=40)))
def test_proposition_of_any_text_is_text_and_never_empty_when_the_input_is_not(
        content: str, speaker: str | None) -> None:
    result = proposition(content, speaker)
    assert isinstance(result, str)
    if content.strip():
        assert result.strip()
    is_anaphoric(content)


def _candidate(cid: int, group: int, article: int, stance: str, content: str,
               lang: str = "en", speaker: str | None = None) -> LinkCandidate:
    return LinkCandidate(cid, group, article, stance, speaker, content, cid * 10, lang)


def _unit(*rows: list[float]) -> np.ndarray:
    matrix = np.array(rows, dtype=np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_best_matches_links_an_answer_to_the_closest_other_group_above_the_threshold() -> None:
    answering = [_candidate(1, 10, 1, "denies", "The mill supplied steel"),
                 _candidate(2, 11, 2, "disputes", "Unrelated weather report")]
    asserting = [_candidate(3, 10, 1, "asserts", "The mill supplied steel for the bridge"),
                 _candidate(4, 20, 3, "asserts", "The mill supplied steel to the bridge"),
                 _candidate(5, 21, 3, "asserts", "Rain fell on Tuesday")]
    answer_vectors = _unit([1.0, 0.0, 0.0], [0.0, 0.2, 1.0])
    assert_vectors = _unit([1.0, 0.0, 0.0], [1.0, 0.05, 0.0], [0.0, 1.0, 0.0])
    matches = best_matches(answering, answer_vectors, [c.content for c in answering],
                           asserting, assert_vectors, threshold=0.6)
    # The answer's own group (10) is never a target; group 20 is; the second
    # answer is close to nothing.
    assert [(m.answering, m.asserting) for m in matches] == [(0, 1)]
    assert best_matches([], np.zeros((0, 3)), [], asserting, assert_vectors) == []


def _claim_rows(db: Database, rows: list[tuple[str, str, float, str]]) -> list[int]:
    """Store one article per language and the given (content, stance, worth, language) claims."""
    articles: dict[str, int] = {}
    ids = []
    for i, (content, stance, worth, lang) in enumerate(rows):
        if lang not in articles:
            articles[lang] = int(db["articles"].insert({  # type: ignore[union-attr]
                "sha256": f"sha-{lang}", "title": "t", "language": lang, "body": "b",
                "ingested_at": "2026-01-01T00:00:00+00:00"}).last_pk)
        ids.append(int(db["claims"].insert({  # type: ignore[union-attr]
            "article_id": articles[lang], "text": content, "content": content,
            "speaker": None, "stance": stance, "quote": 0, "span_start": i, "span_end": i + 1,
            "checkworthiness": worth}).last_pk))
    return ids


def test_stored_links_show_as_answers_both_ways_and_vanish_inside_one_group(db: Database) -> None:
    claim, denial, other = _claim_rows(db, [
        ("The mill supplied steel for the bridge", "asserts", 0.9, "en"),
        ("The mill denied supplying steel", "denies", 0.8, "en"),
        ("Pabrik membantah memasok baja", "denies", 0.7, "id")])
    with db.atomic():
        first, second = create_group(db, model="m", method={}), create_group(db, model="m", method={})
        assign(db, [(claim, first, None), (denial, second, None), (other, second, None)])
        replace_links(db, [AnswerLink(denial, claim, "denies", 0.8)])
    found = answers_of(db, [first, second])
    assert [(a.group_id, a.relation, a.languages) for a in found[first][0]] == [
        (second, "denies", ("en", "id"))]
    assert [a.group_id for a in found[second][1]] == [first]
    assert summaries(db, [first])[0].answers == found[first][0]
    with db.atomic():
        assign(db, [(denial, first, None)])
    assert answers_of(db, [first, second]) == {first: ((), ()), second: ((), ())}


def test_refresh_picks_a_self_standing_assertion_in_the_shared_language(db: Database) -> None:
    ids = _claim_rows(db, [
        ("They keep reporting it without any evidence at all, he said", "asserts", 1.0, "en"),
        ("Mereka terus melaporkannya tanpa memberikan bukti apa pun", "asserts", 1.0, "id"),
        ("Korea Utara mengirim lebih dari 1.000 kontainer senjata ke Rusia", "asserts", 0.6, "id"),
        ("Tidak ada bukti Korea Utara mengirim kontainer senjata ke Rusia", "disputes", 0.9, "id"),
    ])
    with db.atomic():
        group = create_group(db, model="m", method={})
        assign(db, [(c, group, None) for c in ids])
        refresh_groups(db, [group])
    summary = summaries(db, [group])[0]
    assert summary.representative_claim_id == ids[2]
    assert summary.representative.startswith("Korea Utara mengirim")
    # Read in English, the only English member stands for it, pronoun and all.
    assert summaries(db, [group], lang="en")[0].representative_claim_id == ids[0]


LEADS = ["Mereka", "Ia", "Dia", "They", "It", "We", "He", "Ini", "Itu", "This", "WASHINGTON -"]
candidates = st.lists(
    st.builds(
        lambda i, lead, body, stance, worth, lang: Candidate(
            i, (lead + " " if lead else "") + body, stance, worth, lang),
        st.integers(1, 10_000), st.sampled_from(["", *LEADS]),
        st.sampled_from(["Korea Utara mengirim senjata ke Rusia", "the bridge was rebuilt"]),
        st.sampled_from(["asserts", "denies", "disputes"]),
        st.floats(0, 1), st.sampled_from(["id", "en"])),
    min_size=1, max_size=12, unique_by=lambda c: c.claim_id)


@settings(max_examples=300, deadline=None)
@given(candidates, st.one_of(st.none(), st.sampled_from(["id", "en", "fr"])))
def test_the_representative_is_never_pronoun_or_dateline_led_when_a_member_is_not(
        members: list[Candidate], preferred: str | None) -> None:
    chosen = choose_representative(members, preferred)
    assert chosen is not None
    lang = reading_language(members, preferred)
    assert chosen.language == lang
    if preferred in {m.language for m in members}:
        assert lang == preferred
    pool = [m for m in members if m.language == lang]
    if any(not leans_on_context(m.content) for m in pool):
        assert not leans_on_context(chosen.content)
        if any(not leans_on_context(m.content) and m.stance == "asserts" for m in pool):
            assert chosen.stance == "asserts"


def test_leaning_openers_in_both_languages() -> None:
    for text in ("Mereka terus melaporkannya", "“They keep reporting it", "Hal itu disampaikan",
                 "WASHINGTON - North Korea has sent containers", "It is false"):
        assert leans_on_context(text), text
    for text in ("North Korea has sent containers", "The White House said", "Iran sent drones",
                 "Kementerian mengatakan jembatan itu dibangun"):
        assert not leans_on_context(text), text


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=120),
                          st.sampled_from(["asserts", "denies", "disputes"]),
                          st.sampled_from(["id", "en"])), min_size=1, max_size=12))
def test_linking_any_claims_stores_only_links_from_answers_to_assertions_of_other_groups(
        rows: list[tuple[str, str, str]]) -> None:
    from workbench.embed.fake import FakeEmbedder
    from workbench.grouping.answers import link_answers
    from workbench.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = open_store(Path(tmp) / "w.db")
        ids = _claim_rows(db, [(text, stance, 0.5, lang) for text, stance, lang in rows])
        with db.atomic():
            for i, claim in enumerate(ids):
                group = create_group(db, model="m", method={})
                assign(db, [(claim, group, None)])
                if i % 3 == 2:  # some groups of two
                    assign(db, [(ids[i - 1], group, None)])
        link_answers(db, FakeEmbedder())
        stance = dict(zip(ids, (s for _, s, _ in rows), strict=True))
        group_of = {c: g for c, g in db.execute("SELECT claim_id, group_id FROM group_members")}
        for claim, answered, relation in db.execute(
                "SELECT claim_id, answered_claim_id, relation FROM group_answers"):
            assert stance[claim] == relation and stance[answered] == "asserts"
            assert group_of[claim] != group_of[answered]
        db.conn.close()


def test_the_approximate_candidate_search_finds_the_same_clear_matches(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.grouping import answers as linker

    rng = np.random.default_rng(0)
    topics = _unit(*rng.standard_normal((40, 32)).tolist())
    answering = [_candidate(i, 1000 + i, i, "denies", f"answer {i}") for i in range(40)]
    asserting = [_candidate(100 + i, 2000 + i // 2, 100 + i, "asserts", f"claim {i // 2}")
                 for i in range(80)]
    answer_vectors = topics
    assert_vectors = _unit(*(topics[i // 2] + 0.05 * rng.standard_normal(32) for i in range(80)))
    exact = best_matches(answering, answer_vectors, [c.content for c in answering],
                         asserting, assert_vectors, threshold=0.6)
    monkeypatch.setattr(linker, "EXACT_PAIRS", 0)
    approximate = best_matches(answering, answer_vectors, [c.content for c in answering],
                               asserting, assert_vectors, threshold=0.6)
    assert {(m.answering, asserting[m.asserting].group_id) for m in exact} == \
        {(m.answering, asserting[m.asserting].group_id) for m in approximate} == \
        {(i, 2000 + i) for i in range(40)}


def test_a_quote_that_elaborates_a_denial_answers_what_the_denial_answers() -> None:
    from workbench.grouping.answers import _in_context

    def claim(cid: int, group: int, article: int, stance: str, speaker: str | None,
              content: str, start: int) -> LinkCandidate:
        return LinkCandidate(cid, group, article, stance, speaker, content, start, "en")

    asserting = [claim(1, 10, 1, "asserts", "Ministry",
                       "The bridge was rebuilt with steel from the state mill", 0)]
    answering = [
        claim(2, 20, 2, "denies", None, "Denied it had supplied steel for the rebuilt bridge", 0),
        claim(3, 30, 2, "denies", "Paul Hart", "We have never shipped a single beam to that project",
              120),
        claim(4, 40, 3, "denies", "Paul Hart", "We have never shipped a beam to that project", 0),
    ]
    found = [AnswerLink(2, 1, "denies", 0.71)]
    carried = _in_context(answering, asserting, found)
    # the quote in the denial's article takes the denial's link; the same words
    # on a page that printed nothing before them have nothing to answer
    assert carried == [AnswerLink(3, 1, "denies", 0.71)]
    # nothing to carry while the denial itself is unlinked
    assert _in_context(answering, asserting, []) == []
    # and nothing when the quote already sits in the answered claim's group
    inside = [answering[0], claim(3, 10, 2, "denies", "Paul Hart", answering[1].content, 120)]
    assert _in_context(inside, asserting, found) == []


def test_a_candidate_keeps_the_speaker_as_the_page_wrote_it_beside_the_canonical_name(
        db: Database) -> None:
    # The answer's proposition is read in the page's language, so the linker
    # takes the written name for it; "denied by" lists take the canonical one.
    from workbench.store.answers import link_candidates
    from workbench.store.speakers import register_speakers

    (denial,) = _claim_rows(db, [("Membantah serangan ke rumah sakit", "denies", 0.8, "id")])
    with db.atomic():
        db.execute("UPDATE claims SET speaker = 'Jihad Islam' WHERE id = ?", [denial])
        register_speakers(db, ["Jihad Islam"])
        assign(db, [(denial, create_group(db, model="m", method={}), None)])
    (candidate,) = link_candidates(db)
    assert candidate.written_speaker == "Jihad Islam"
    assert candidate.speaker == "Palestinian Islamic Jihad"
    assert proposition(candidate.content, candidate.written_speaker).startswith("Jihad Islam")


@pytest.mark.parametrize(
    ("elided", "whole"),
    [
        ("Membantah keterlibatan pemerintahnya dalam sabotase jaringan pipa gas itu",
         "Pemerintah Malaysia sama sekali tidak terlibat dalam sabotase jaringan pipa gas itu"),
        ("Denied any involvement in the sabotage of the gas pipeline last year",
         "The Malaysian government was not involved in the sabotage of the pipeline"),
    ],
)
def test_the_representative_has_its_own_subject_when_a_member_does(elided: str, whole: str) -> None:
    # the elided member is the more check-worthy and the longer: still the
    # member that says who denies stands for the group
    members = [Candidate(1, elided, "denies", 0.9, "id" if "pemerintah" in elided else "en"),
               Candidate(2, whole, "denies", 0.5, "id" if "pemerintah" in elided else "en")]
    chosen = choose_representative(members)
    assert chosen is not None and chosen.claim_id == 2
