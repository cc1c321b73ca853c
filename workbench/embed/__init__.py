"""Sentence embedders behind one small protocol, chosen by name.

``load_embedder`` is the only place that maps a user-facing ``--model`` value to
a backend; it builds the object without loading any weights (that happens on
the first ``embed`` call), so it is cheap to call from a CLI or app factory.
"""

from __future__ import annotations

from workbench.embed.base import Embedder, ModelUnavailable, normalise_rows
from workbench.embed.fake import FakeEmbedder
from workbench.embed.st import SentenceTransformerEmbedder, bundled_test_model_path
from workbench.embed.use import UseEmbedder

DEFAULT_MODEL = "usem3"
_DEFAULT_ALIASES = frozenset({"usem3", "default", "use", "usem3-multilingual"})


def load_embedder(
    name: str | None,
    threads: int | None = None,
    allow_download: bool = False,
) -> Embedder:
    """Return the embedder for ``name``; None means the bundled default.

    ``"usem3"``/``"default"`` select Universal Sentence Encoder Multilingual v3;
    ``"fake"`` the test-only fake; anything else is a sentence-transformers hub
    name or local directory, loaded offline unless ``allow_download``.
    """
    key = (name or DEFAULT_MODEL).strip()
    if key.lower() in _DEFAULT_ALIASES:
        return UseEmbedder(threads=threads)
    if key.lower() == "fake":
        return FakeEmbedder()
    return SentenceTransformerEmbedder(key, threads=threads, allow_download=allow_download)


__all__ = [
    "DEFAULT_MODEL",
    "Embedder",
    "FakeEmbedder",
    "ModelUnavailable",
    "SentenceTransformerEmbedder",
    "UseEmbedder",
    "bundled_test_model_path",
    "load_embedder",
    "normalise_rows",
]
