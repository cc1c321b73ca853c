"""A verdict the UI reported saved survives the process being killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from .helpers import history_rows, verdict_rows

CHILD = Path(__file__).with_name("review_child.py")
ROOT = Path(__file__).resolve().parents[2]


def test_a_verdict_reported_saved_survives_sigkill(db_path: Path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, str(CHILD), str(db_path)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(60, child.kill)  # never hang the suite on a stuck child
    watchdog.start()
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("SAVED"), (line, child.stderr.read() if child.stderr else "")
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    assert "saved: group 1 → supported" in line
    assert verdict_rows(db_path) == [(1, None, "supported", "child")]
    assert history_rows(db_path) == [("set", 1, None, "supported", None, "child")]
