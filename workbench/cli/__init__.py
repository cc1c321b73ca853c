"""The `workbench` command line: a thin layer over the core services.

Each command opens the store, calls one core function and renders what comes
back (rich tables for people, JSON for scripts). Heavy imports (models,
Textual) happen inside the commands that need them, so `--help` stays fast.
"""

from __future__ import annotations

from workbench.cli.app import cli, main

__all__ = ["cli", "main"]
