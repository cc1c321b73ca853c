#!/usr/bin/env bash
# The README's test command: install the package with its test extras (torch
# pinned to the CPU build) and run lint, the import contract and the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --upgrade pip
python -m pip install --quiet "torch==2.13.0" -e ".[test]"
ruff check workbench tests bench
lint-imports
mypy workbench
python -m pytest -q
