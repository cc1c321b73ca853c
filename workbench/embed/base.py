"""The embedder contract shared by every backend.

Grouping, caching and the CLI only ever see this protocol, so a backend can be
swapped (or faked in tests) without touching them. ``identity`` is recorded next
to every cached vector and every group so that vectors from two different models
are never compared with each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np


class ModelUnavailable(Exception):
    """The requested embedding model cannot be loaded on this machine.

    The message is one line meant to be shown to a user as is.
    """


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-length float32 vectors."""

    #: Stable identity of the model (name and version or resolved path); stored
    #: with cached vectors and groups.
    identity: str

    @property
    def dim(self) -> int:
        """Length of each vector."""
        ...

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return a float32 array of shape (len(texts), dim) with L2-normalised rows."""
        ...


def normalise_rows(vectors: np.ndarray, inplace: bool = False) -> np.ndarray:
    """Return ``vectors`` as C-contiguous float32 with unit-length rows.

    Backends already normalise, but float16 models or rounding can leave norms a
    little off 1, and the grouping code relies on dot product == cosine.
    All-zero rows (empty text in some models) stay zero instead of becoming NaN.
    With ``inplace`` a float32 C-contiguous input is rescaled in place, which
    saves a full copy for large batches the caller owns.
    """
    out = np.ascontiguousarray(vectors, dtype=np.float32)
    if out.ndim != 2:
        raise ValueError(f"expected a 2-D array of vectors, got shape {out.shape}")
    if out is vectors and not inplace:
        out = out.copy()
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.maximum(norms, 1e-12, out=norms)
    out /= norms
    return out
