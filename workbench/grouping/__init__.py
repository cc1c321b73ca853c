"""Grouping claims that state the same thing, across articles and languages.

`cluster` is the pure algorithm (numpy, no database); `encode` runs texts
through the embedding cache; `service.run_grouping` ties them to the store
under the rules that keep group ids and verdicts safe.
"""
