"""The default embedder shares a large call among worker processes; the
vectors must be exactly those of one process (real bundled model)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from workbench.embed.use import UseEmbedder

TEXTS = [
    "Korea Utara telah mengirim lebih dari 1.000 kontainer peralatan militer ke Rusia.",
    "North Korea has sent more than 1,000 containers of military equipment to Russia.",
    "Kremlin says there is no evidence of arms deliveries from Pyongyang.",
    "Menteri Luar Negeri Rusia Sergei Lavrov tiba di Pyongyang pada Rabu.",
] * 150  # 600 texts: more than one worker task


def test_parallel_vectors_equal_one_process_and_progress_reaches_the_end() -> None:
    texts = [f"{t} ({i})" for i, t in enumerate(TEXTS)]
    alone = UseEmbedder(threads=1).embed(texts)
    shared = UseEmbedder(threads=2, parallel_min=100)
    seen: list[tuple[int, int]] = []
    try:
        together = shared.embed(texts, progress=lambda done, total: seen.append((done, total)))
        again = shared.embed(texts[:300])  # the pool is reused for a later call
    finally:
        shared.close()
    assert together.shape == (len(texts), 512) and together.dtype == np.float32
    np.testing.assert_allclose(together, alone, atol=1e-6)
    np.testing.assert_allclose(again, alone[:300], atol=1e-6)
    assert seen[-1] == (len(texts), len(texts))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert shared._pool is None  # closed


def test_small_calls_stay_in_process() -> None:
    embedder = UseEmbedder(threads=2, parallel_min=1000)
    embedder.embed(TEXTS[:8])
    assert embedder._pool is None


UNGUARDED = '''
import numpy as np
from workbench.embed.use import UseEmbedder
texts = [f"Korea Utara mengirim {i} kontainer ke Rusia pada 2023." for i in range(240)]
shared = UseEmbedder(threads=2, parallel_min=100).embed(texts)
alone = UseEmbedder(threads=1).embed(texts)
print("same vectors:", bool(np.allclose(shared, alone, atol=1e-6)), shared.shape)
'''


def test_a_script_without_a_main_guard_still_embeds_in_one_process(tmp_path: Path) -> None:
    # the spawned workers re-run an unguarded script; they stop quietly and
    # the script's own process encodes, with a one-line warning, no traceback
    script = tmp_path / "group_my_claims.py"
    script.write_text(UNGUARDED, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "same vectors: True (240, 512)" in done.stdout
    assert "Traceback" not in done.stderr
    assert "worker processes could not start" in done.stderr
