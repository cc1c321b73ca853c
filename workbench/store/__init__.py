"""SQLite storage: the only package that speaks SQL.

`open_store` is the single connection opener; the repository modules turn
rows into `workbench.models` dataclasses and back.
"""

from __future__ import annotations

from workbench.store.connection import StoreError, open_store, resolve_db_path

__all__ = ["StoreError", "open_store", "resolve_db_path"]
