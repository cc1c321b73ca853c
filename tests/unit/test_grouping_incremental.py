"""An incremental run skips scoring pairs of two already-grouped claims; it must
place every new claim exactly where scoring all pairs would.

The reference is ``cluster(..., score_placed_pairs=True)``, the full
computation (every candidate pair scored, every cluster pair ranked); the
default path leaves pairs of two placed claims unscored. The inputs are news-like
claims in Indonesian and English: paraphrase groups sharing a speaker and a
quantity, some denials, exact duplicates (ties in the merge order), placed by
a first run over the older claims, then a batch of new claims, some of them
paraphrases of the older ones.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.embed import FakeEmbedder
from workbench.grouping.cluster import Assignment, Item, cluster
from workbench.grouping.params import GroupingParams

FAKE = FakeEmbedder()

_ID = [
    "{who} mengatakan pemerintah akan menaikkan harga {what} sebesar {n} persen tahun depan",
    "{who} membantah bahwa {what} impor mencapai {n} ton selama bulan lalu",
    "Menurut {who}, sebanyak {n} warga terdampak banjir di wilayah {what}",
    "{who} menyebut anggaran {what} dipangkas menjadi Rp {n} miliar",
    "{who} menegaskan tidak ada rencana menutup {what} meski kerugian {n} juta",
]
_EN = [
    "{who} said the government will raise the price of {what} by {n} percent next year",
    "{who} denied that imports of {what} reached {n} tonnes last month",
    "According to {who}, {n} residents were affected by flooding in {what}",
    "{who} said the {what} budget was cut to {n} billion rupiah",
    "{who} insisted there is no plan to close {what} despite losses of {n} million",
]
_WHO = ["Menteri Keuangan Sri Mulyani", "Presiden Joko Widodo", "Gubernur Anies Baswedan",
        "Kepala BMKG Dwikorita", "Menteri Perdagangan Zulkifli Hasan", "Juru bicara Polri"]
_WHAT = ["beras", "bahan bakar", "gula", "Jakarta Utara", "listrik", "bandara Kertajati",
         "minyak goreng", "Bekasi", "jalan tol", "kedelai"]
_FILLER = ["kemarin", "pada Senin", "dalam konferensi pers", "kepada wartawan", "di Jakarta",
           "on Monday", "in a statement", "to reporters", "late on Tuesday", ""]


def _claims(rng: np.random.Generator, n: int) -> list[Item]:
    """n claims in groups: each group is one template, speaker, topic and quantity."""
    items: list[Item] = []
    while len(items) < n:
        t = int(rng.integers(len(_ID)))
        who, what = _WHO[int(rng.integers(len(_WHO)))], _WHAT[int(rng.integers(len(_WHAT)))]
        amount = int(rng.integers(2, 90)) * 10
        for _ in range(int(min(rng.geometric(0.45), 6))):
            english = rng.random() < 0.3
            template = (_EN if english else _ID)[t]
            number = amount if rng.random() < 0.85 else amount + 5
            text = template.format(who=who, what=what, n=number)
            text = f"{text} {_FILLER[int(rng.integers(len(_FILLER)))]}".strip()
            stance = "denies" if t == 1 else "asserts"
            items.append(Item(content=text, lang="en" if english else "id",
                              speaker=who, stance=stance))
            if rng.random() < 0.1:  # the same sentence in two outlets
                items.append(items[-1])
    return items[:n]


def _placed_by_a_first_run(old: list[Item], params: GroupingParams) -> list[Item]:
    """The older claims as a first run grouped them (group ids are its new labels)."""
    first = cluster(old, FAKE.embed([it.content for it in old]), params)
    return [dataclasses.replace(it, existing_group=int(g) * 7 + 3)
            for it, g in zip(old, first.new.tolist(), strict=True)]


def _both(items: list[Item], params: GroupingParams) -> tuple[Assignment, Assignment]:
    vectors = FAKE.embed([it.content for it in items])
    return (cluster(items, vectors, params),
            cluster(items, vectors, params, score_placed_pairs=True))


def _assert_new_claims_placed_alike(items: list[Item], fast: Assignment, full: Assignment) -> None:
    new = np.array([it.existing_group is None for it in items], dtype=bool)
    assert fast.existing[new].tolist() == full.existing[new].tolist()
    assert fast.new[new].tolist() == full.new[new].tolist()
    assert fast.n_new == full.n_new
    np.testing.assert_array_equal(fast.similarity[new], full.similarity[new])
    # the placed claims stay where they were, on both paths
    placed = ~new
    expected = [it.existing_group for it in items if it.existing_group is not None]
    assert fast.existing[placed].tolist() == expected == full.existing[placed].tolist()


def test_new_claims_go_where_the_full_computation_puts_them() -> None:
    rng = np.random.default_rng(7)
    params = GroupingParams(threshold=0.8)
    old = _placed_by_a_first_run(_claims(rng, 400), params)
    # new articles: most claims paraphrase stories already grouped, some are new
    fresh = [dataclasses.replace(old[int(i)], existing_group=None,
                                 content=old[int(i)].content + " lagi")
             for i in rng.integers(0, len(old), size=60)]
    fresh += _claims(rng, 60)
    order = rng.permutation(len(old) + len(fresh))
    items = [(old + fresh)[int(i)] for i in order]
    fast, full = _both(items, params)
    _assert_new_claims_placed_alike(items, fast, full)
    new = np.array([it.existing_group is None for it in items], dtype=bool)
    # the comparison means something: new claims both joined old groups and formed new ones
    assert (fast.existing[new] >= 0).sum() >= 20
    assert (fast.new[new] >= 0).sum() >= 20
    # the full computation also scores the placed claims; the fast path says it did not
    assert np.isnan(fast.similarity[~new]).all()
    assert np.isfinite(full.similarity[~new]).any()


def test_the_approximate_search_path_places_new_claims_alike() -> None:
    rng = np.random.default_rng(11)
    params = GroupingParams(threshold=0.8, exact_limit=100, n_probe=4)
    old = _placed_by_a_first_run(_claims(rng, 500), params)
    items = old + _claims(rng, 120)
    fast, full = _both(items, params)
    _assert_new_claims_placed_alike(items, fast, full)


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_old=st.integers(0, 80),
    n_new=st.integers(0, 40),
    n_groups=st.integers(1, 30),
    threshold=st.sampled_from([0.6, 0.8, 0.95]),
)
def test_any_placement_of_old_claims_gives_the_same_new_groups(
    seed: int, n_old: int, n_new: int, n_groups: int, threshold: float
) -> None:
    # existing groups given arbitrarily (as a reviewer's merges can make them)
    rng = np.random.default_rng(seed)
    old = [dataclasses.replace(it, existing_group=int(rng.integers(n_groups)))
           for it in _claims(rng, n_old)]
    items = old + _claims(rng, n_new)
    order = rng.permutation(len(items))
    items = [items[int(i)] for i in order]
    fast, full = _both(items, GroupingParams(threshold=threshold))
    _assert_new_claims_placed_alike(items, fast, full)


def test_quantities_are_read_only_for_the_claims_asked_for() -> None:
    from workbench.grouping.signals import build_features, pair_signals

    texts = ["Harga beras naik 1.000 rupiah", "Rice prices rose by 1,000 rupiah",
             "Harga gula naik 2.000 rupiah"]
    every = build_features(texts, [None] * 3, ["id", "en", "id"])
    some = build_features(texts, [None] * 3, ["id", "en", "id"],
                          quantities_of=np.array([True, True, False]))
    assert every.numbers.row_sizes().tolist() == [1, 1, 1]
    assert some.numbers.row_sizes().tolist() == [1, 1, 0]
    pair = np.array([0]), np.array([1])
    for features in (some, every):  # a figure two of the claims read state: a full match
        signals = pair_signals(features, *pair)
        assert signals["numbers"].tolist() == signals["number_rarity"].tolist() == [1.0]


def test_names_left_out_when_weighed_zero_change_no_pair_score() -> None:
    from workbench.grouping.signals import build_features, pair_extras

    items = _claims(np.random.default_rng(3), 120)
    args = ([it.content for it in items], [it.speaker for it in items],
            [it.lang for it in items], [it.stance for it in items])
    left, right = np.triu_indices(len(items), k=1)
    with_names = build_features(*args)
    without = build_features(*args, names=False)
    assert (with_names.entity_mass > 0).all() and not without.entity_mass.any()
    params = GroupingParams()
    assert params.entities == params.entities_cross_lingual == 0.0
    np.testing.assert_array_equal(pair_extras(with_names, left, right, params),
                                  pair_extras(without, left, right, params))
    weighed = dataclasses.replace(params, entities=0.3)
    assert not np.array_equal(pair_extras(with_names, left, right, weighed),
                              pair_extras(without, left, right, weighed))
