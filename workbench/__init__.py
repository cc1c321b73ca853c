"""Claim Workbench: find, group and judge the checkable claims in news articles.

The package is a domain core (models, store, ingest, extract, embed, grouping,
review, exchange) with thin CLI and TUI layers on top. Importing it is cheap:
nothing opens a database or loads a model at import time.
"""

__version__ = "0.1.0"
