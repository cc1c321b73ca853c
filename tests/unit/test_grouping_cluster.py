"""cluster(): average linkage on the combined score, incremental runs, explainability."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from workbench.embed import FakeEmbedder
from workbench.grouping.cluster import Item, cluster
from workbench.grouping.params import GroupingParams

FAKE = FakeEmbedder()


def _items(texts: list[str], lang: str = "id", **kw: object) -> list[Item]:
    return [Item(content=t, lang=lang, **kw) for t in texts]  # type: ignore[arg-type]


def _keys(result: object) -> list[tuple[int, int]]:
    return list(zip(result.existing.tolist(), result.new.tolist()))  # type: ignore[attr-defined]


def test_a_conflicting_quantity_pushes_apart_what_a_shared_one_would_join() -> None:
    texts = [
        "Gedung Putih mengatakan Korea Utara mengirim lebih dari 1.000 kontainer senjata ke Rusia",
        "Korut telah mengirimkan lebih dari 1.000 kontainer amunisi ke Moskow, kata AS",
        "Korut telah mengirimkan lebih dari 60.000 kontainer amunisi ke Moskow, kata AS",
    ]
    vectors = FAKE.embed(texts)
    params = GroupingParams(threshold=1.1)
    joined = _keys(cluster(_items(texts[:2]), vectors[:2], params))
    apart = _keys(cluster(_items([texts[0], texts[2]]), vectors[[0, 2]], params))
    assert joined[0] == joined[1]
    assert apart[0] != apart[1]


def test_shells_per_day_never_join_the_containers_group() -> None:
    texts = [
        "Korea Utara mengirim lebih dari 1.000 kontainer peralatan militer dan amunisi ke Rusia",
        "Korut telah mengirimkan lebih dari 1.000 kontainer peralatan militer dan senjata ke Rusia",
        "Pasukan Rusia menembakkan sekitar 60.000 peluru per hari",
    ]
    keys = _keys(cluster(_items(texts), FAKE.embed(texts)))
    assert keys[0] == keys[1] != keys[2]


def test_existing_groups_keep_their_ids_and_new_claims_join_them() -> None:
    old = [
        Item("Lavrov tiba di Korea Utara untuk kunjungan dua hari", "id", existing_group=7),
        Item("Menlu Rusia Lavrov tiba di Korea Utara untuk kunjungan dua hari", "id", existing_group=7),
        Item("Kremlin menyatakan tidak ada bukti pengiriman senjata", "id", existing_group=3),
    ]
    new = [
        Item("Menteri Lavrov tiba di Korea Utara untuk kunjungan dua hari", "id"),
        Item("Harga beras naik tajam di pasar induk Jakarta pekan ini", "id"),
        Item("Harga beras naik tajam di pasar induk Jakarta minggu ini", "id"),
    ]
    items = old + new
    result = cluster(items, FAKE.embed([it.content for it in items]))
    assert result.existing.tolist() == [7, 7, 3, 7, -1, -1]
    assert result.new.tolist() == [-1, -1, -1, -1, 0, 0]
    assert result.n_new == 1
    assert result.groups() == {("existing", 7): [0, 1, 3], ("existing", 3): [2], ("new", 0): [4, 5]}


def test_existing_groups_are_never_merged_with_each_other() -> None:
    text = "Korea Utara membantah mengirim senjata ke Rusia"
    items = [Item(text, "id", existing_group=1), Item(text, "id", existing_group=2), Item(text, "id")]
    result = cluster(items, FAKE.embed([text] * 3))
    assert result.existing.tolist()[:2] == [1, 2]
    assert result.existing[2] in (1, 2)  # the new copy joins one of them


def test_existing_group_ids_must_not_be_negative() -> None:
    with pytest.raises(ValueError):
        cluster([Item("x", "id", existing_group=-1)], FAKE.embed(["x"]))


def test_cross_language_pairs_get_the_offset_same_language_pairs_need_wording() -> None:
    # Hand-made vectors: both pairs have cosine 0.6 and share no words.
    a = np.array([1.0, 0.0, 0.0, 0.0], dtype=np.float32)
    b = np.array([0.6, 0.8, 0.0, 0.0], dtype=np.float32)
    c = np.array([0.0, 0.0, 1.0, 0.0], dtype=np.float32)
    d = np.array([0.0, 0.0, 0.6, 0.8], dtype=np.float32)
    items = [Item("alpha beta", "id"), Item("gamma delta", "en"),
             Item("epsilon zeta", "id"), Item("eta theta", "id")]
    params = GroupingParams(threshold=0.95, cross_lingual=0.4, min_cosine=0.0)
    keys = _keys(cluster(items, np.stack([a, b, c, d]), params))
    assert keys[0] == keys[1]  # 0.6 + 0.4 >= 0.95
    assert keys[2] != keys[3]  # 0.6 alone is not enough


def test_average_linkage_does_not_chain() -> None:
    # x-y and y-z are close, x-z are not: single linkage would chain all three.
    x = np.array([1.0, 0.0], dtype=np.float32)
    y = np.array([np.cos(0.5), np.sin(0.5)], dtype=np.float32)
    z = np.array([np.cos(1.0), np.sin(1.0)], dtype=np.float32)
    items = _items(["p", "q", "r"])
    params = GroupingParams(threshold=0.85, lexical=0.0, entities=0.0, min_cosine=0.0,
                            local_scaling=0.0)
    keys = _keys(cluster(items, np.stack([x, y, z]), params))
    assert len(set(keys)) == 2  # cos(x,y)=0.88 merges; mean to z is (0.54+0.88)/2 < 0.85


def test_similarity_is_the_mean_score_to_the_rest_of_the_group() -> None:
    v = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]], dtype=np.float32)
    params = GroupingParams(threshold=0.7, lexical=0.0, entities=0.0, min_cosine=0.0,
                            local_scaling=0.0)
    result = cluster(_items(["a", "b", "c"]), v, params)
    assert result.similarity[0] == pytest.approx(0.8) and result.similarity[1] == pytest.approx(0.8)
    assert np.isnan(result.similarity[2])


def test_empty_single_and_duplicate_inputs_and_mismatched_vectors() -> None:
    result = cluster([], np.zeros((0, 4), dtype=np.float32))
    assert result.n_new == 0 and len(result.existing) == 0
    one = cluster(_items(["sendiri"]), FAKE.embed(["sendiri"]))
    assert one.new.tolist() == [0] and np.isnan(one.similarity[0])
    two = cluster(_items(["sama persis"] * 2), FAKE.embed(["sama persis"] * 2))
    assert two.new.tolist() == [0, 0] and two.n_new == 1
    with pytest.raises(ValueError):
        cluster(_items(["a"]), np.zeros((2, 4), dtype=np.float32))


def test_progress_only_grows_and_ends_at_the_total() -> None:
    texts = [f"klaim nomor {i} tentang topik {i % 7}" for i in range(60)]
    seen: list[tuple[int, int]] = []
    cluster(_items(texts), FAKE.embed(texts), progress=lambda d, t: seen.append((d, t)))
    done = [d for d, _ in seen]
    assert done == sorted(done) and seen[-1][0] == seen[-1][1] == 3 * 60


def _same_group_pairs(result: object) -> set[tuple[int, int]]:
    groups = result.groups().values()  # type: ignore[attr-defined]
    return {(a, b) for members in groups for a in members for b in members if a < b}


def test_approximate_search_groups_like_exact_search() -> None:
    rng = np.random.default_rng(0)
    letters = np.array(list("abcdefghijklmnoprstuvwz"))
    words = np.array(["".join(rng.choice(letters, size=6)) for _ in range(400)])
    base = [" ".join(rng.choice(words, size=8)) for _ in range(400)]
    texts = [b + (" juga" if i % 2 else "") for b in base for i in range(2)]
    vectors = FAKE.embed(texts)
    exact = _same_group_pairs(cluster(_items(texts), vectors, GroupingParams(exact_limit=10_000)))
    approx = _same_group_pairs(cluster(_items(texts), vectors, GroupingParams(exact_limit=0)))
    assert len(exact) >= 400
    assert len(exact & approx) / len(exact | approx) > 0.95


def test_params_describe_the_method_as_stable_json() -> None:
    params = dataclasses.replace(GroupingParams(), threshold=0.9)
    text = params.to_json()
    data = json.loads(text)
    assert data["method"] == "average-linkage" and data["params"]["threshold"] == 0.9
    assert "cosine" in data["score"]
    assert GroupingParams.from_json(text) == params
    assert text == params.to_json()
