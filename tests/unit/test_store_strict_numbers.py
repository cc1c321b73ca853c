"""The grouping store never holds a number strict JSON cannot spell.

A NaN or infinite similarity or grouping parameter handed to the store
through the Python API would be written into every later export as bare
`NaN`/`Infinity`, which strict JSON parsers (and our own import) refuse:
the store keeps a similarity it cannot use as unknown and refuses such a
parameter.
"""

from __future__ import annotations

import math

import pytest
from sqlite_utils import Database

from tests.conftest import FIXTURES
from workbench.ingest.service import ingest
from workbench.store import groups


def stored_claims(db: Database, n: int) -> list[int]:
    ingest(db, [str(FIXTURES)])
    return [int(r[0]) for r in db.execute("SELECT id FROM claims ORDER BY id LIMIT ?", [n])]


def test_a_nan_or_infinite_similarity_is_stored_as_unknown(db: Database) -> None:
    gid = groups.create_group(db, model="m", method={"threshold": 0.5})
    claim_ids = stored_claims(db, 4)
    groups.assign(db, [(claim_ids[0], gid, math.nan), (claim_ids[1], gid, math.inf),
                       (claim_ids[2], gid, -math.inf), (claim_ids[3], gid, 0.75)])
    rows = db.execute("SELECT similarity FROM group_members ORDER BY claim_id").fetchall()
    assert [r[0] for r in rows] == [None, None, None, 0.75]


def test_a_nan_or_infinite_grouping_parameter_is_refused_and_nothing_stored(
    db: Database
) -> None:
    with pytest.raises(groups.GroupError, match="not a finite number"):
        groups.create_group(db, model="m", method={"threshold": math.nan})
    gid = groups.create_group(db, model="m", method={"threshold": 0.5})
    with pytest.raises(groups.GroupError, match="not a finite number"):
        groups.restamp(db, gid, model="m", method={"threshold": -math.inf})
    assert db.execute("SELECT method FROM claim_groups").fetchall() == [('{"threshold": 0.5}',)]
