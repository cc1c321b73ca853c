"""Group all claims: encode (cached), cluster, and write the result safely.

Identity rules that protect reviewers' work (see store/groups.py):
- a normal run only places claims that have no group yet: they join an
  existing group or form new ones; existing group ids never change;
- `rebuild=True` also re-places model-placed claims of unjudged groups, but
  never a claim that carries a verdict (its own or its group's) and never a
  claim a reviewer placed (merge/split); each re-formed group takes the id of
  the old group it shares most claims with, so a rebuild with unchanged
  settings changes nothing and one with new settings keeps most ids;
- everything the run changes is written in one transaction, so an
  interrupted run leaves the previous grouping intact;
- a claim whose text the grouper cannot read is left where it is (out of
  the run, in its group if it has one) with a one-line warning, so one odd
  claim never blocks grouping the rest.

Verdicts cover what the reviewer saw (store/since_verdict.py): a rebuild never
grows a judged group (a released claim the clusterer puts into one goes into
a new group instead, one per judged group it was drawn to), and a new claim
placed into a judged group is flagged "new since verdict" until a reviewer
confirms it.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from sqlite_utils import Database

from workbench.embed.base import Embedder
from workbench.grouping.answers import link_answers
from workbench.grouping.cluster import Assignment, Item, Neighbourhood, cluster
from workbench.grouping.context import encoder_text
from workbench.grouping.encode import Encoded, encode_texts
from workbench.grouping.numbers import read_quantities
from workbench.grouping.params import GroupingParams
from workbench.grouping.readings import KeptReadings, reader_identity, text_key
from workbench.models import Claim
from workbench.store import groups as store
from workbench.store import readings as kept_readings
from workbench.store import since_verdict
from workbench.store.articles import iter_claims
from workbench.store.connection import write_transaction

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class GroupingReport:
    claims: int
    skipped_empty: int
    encoded: int
    cached: int
    joined: int  # new claims that joined an existing group
    new_groups: int
    groups: int  # live groups after the run
    warnings: tuple[str, ...] = ()  # one line per claim left out of the run
    new_since_verdict: int = 0  # new claims placed into groups that carry a verdict


class _Prepared(NamedTuple):
    claims: list[Claim]
    skipped: int
    warnings: list[str]
    keep: set[int]
    released: list[int]
    encoded: Encoded
    items: list[Item]
    result: Assignment
    #: (text key, quantities, concepts) read this run, to keep (JSON; None: unchanged)
    fresh: list[tuple[str, str | None, str | None]]


def run_grouping(
    db: Database,
    embedder: Embedder,
    params: GroupingParams | None = None,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
) -> GroupingReport:
    params = params or GroupingParams()
    if not (math.isfinite(params.threshold) and 0.0 < params.threshold < 1.0):
        # The CLI refuses these too; here for every other caller: 0 would put
        # everything in one group, NaN would be stored with the groups.
        raise ValueError(f"threshold {params.threshold} is not between 0 and 1 (both excluded)")
    placed = store.memberships(db)
    closed = store.closed_groups(db)
    # A plain run reuses what earlier runs' neighbour searches found for
    # placed claims (cluster.py, "Incremental runs"); a rebuild searches anew.
    known = {} if rebuild else _stored_neighbourhoods(db, embedder.identity, params)
    reader = reader_identity()

    def prepare(check_placed: bool) -> _Prepared:
        """The run's claims, encoded and clustered. Claims already in a group
        were readable when they were placed, so the per-claim check (a parse
        of each claim's quantities, ~0.1 ms each) runs on the others only,
        and not on a text whose quantities an earlier run read and kept;
        if clustering still meets a claim it cannot read, the run starts
        again checking every claim (the vectors come from the cache)."""
        claims: list[Claim] = []
        skipped = 0
        warnings: list[str] = []
        unreadable: set[int] = set()
        candidates: list[Claim] = []
        for claim in iter_claims(db):
            if not claim.content.strip():
                skipped += 1  # nothing left once the attribution is removed
            else:
                candidates.append(claim)
        # what earlier runs read from these texts (readings.py); a text with
        # stored quantities was readable, so only the others are checked
        candidate_keys = [text_key(c.content, c.language) for c in candidates]
        stored = kept_readings.fetch(db, reader, list(dict.fromkeys(candidate_keys)))
        checked: dict[int, tuple[str, ...]] = {}  # claim id -> quantities the check read
        keys: list[str] = []
        for claim, key in zip(candidates, candidate_keys, strict=True):
            if stored.get(key, (None, None))[0] is None and (
                    check_placed or claim.id not in placed):
                found, problem = _read_quantities(claim)
                if found is None:
                    warnings.append(
                        f"claim {claim.id} (article {claim.article_id}) skipped: {problem}")
                    unreadable.add(claim.id)
                    continue
                checked[claim.id] = found
            if not (claim.id in placed and placed[claim.id][0] in closed):
                claims.append(claim)
                keys.append(key)
        kept = KeptReadings.from_stored(keys, stored)
        for i, claim in enumerate(claims):
            if claim.id in checked:
                kept.readings.quantities[i] = checked[claim.id]
        keep = set(placed)
        if rebuild:
            protected = store.judged_claims(db) | {c for c, (_, by_reviewer) in placed.items()
                                                   if by_reviewer}
            keep = {c for c in placed if c in protected or c in unreadable}
        released = [c for c in placed if c not in keep]

        encoded = encode_texts(
            db, embedder, [encoder_text(c.text, c.content, c.stance) for c in claims],
            progress=(lambda done, total: progress("encoding", done, total)) if progress else None,
        )
        items = [
            Item(content=c.content, lang=c.language, speaker=c.speaker, stance=c.stance,
                 article_id=c.article_id, start=c.start,
                 existing_group=placed[c.id][0] if c.id in keep else None)
            for c in claims
        ]
        result = cluster(
            items, encoded.vectors, params,
            progress=(lambda done, total: progress("grouping", done, total)) if progress else None,
            known=_known(known, claims, keep), readings=kept.readings,
        )
        return _Prepared(claims, skipped, warnings, keep, released, encoded, items, result,
                         kept.fresh())

    try:
        ready = prepare(False)
    except Exception:  # noqa: BLE001 - a placed claim the grouper can no longer read
        ready = prepare(True)
    claims, skipped, warnings, keep, released, encoded, items, result, fresh = ready

    joined = new_groups = 0
    judged = since_verdict.judged_groups(db)
    released_ids = set(released)
    with write_transaction(db):
        store.release(db, released)
        method = params.to_dict()
        new_ids = _reused_ids(result, claims, placed, keep)
        for group_id in new_ids.values():
            store.restamp(db, group_id, model=embedder.identity, method=method)
        rows: list[tuple[int, int, float | None]] = []
        guarded: dict[int, int] = {}  # judged group id -> new group of released claims
        new_since: list[int] = []
        for i, (claim, item) in enumerate(zip(claims, items, strict=True)):
            if item.existing_group is not None:
                continue
            similarity = _finite(result.similarity[i])
            existing = int(result.existing[i])
            if existing in judged and claim.id in released_ids:
                # A rebuild never grows a judged group: the reviewer judged
                # it without this claim, which was elsewhere before.
                if existing not in guarded:
                    guarded[existing] = store.create_group(db, model=embedder.identity,
                                                           method=method)
                    new_groups += 1
                rows.append((claim.id, guarded[existing], None))
                continue
            if existing >= 0:
                rows.append((claim.id, existing, similarity))
                joined += 1
                if existing in judged:
                    new_since.append(claim.id)
                continue
            new_key = int(result.new[i])
            if new_key not in new_ids:
                new_ids[new_key] = store.create_group(db, model=embedder.identity, method=method)
                new_groups += 1
            rows.append((claim.id, new_ids[new_key], similarity))
        store.assign(db, rows)
        # every claim whose neighbours this run searched: the new ones, and
        # placed ones whose stored neighbourhood was missing or not reused
        found = result.neighbourhood
        store.set_neighbourhoods(db, [
            (claim.id, density, reach) for claim, density, reach, searched in zip(
                claims, found.density.tolist(), found.reach.tolist(), result.searched.tolist(),
                strict=True)
            if searched])
        since_verdict.mark_new(db, new_since)
        kept_readings.store(db, reader, fresh)
        # A plain run only adds claims: only the groups it added to can change
        # representative (100,000 claims: seconds saved); a rebuild also empties some.
        store.refresh_groups(db, None if rebuild else {g for _, g, _ in rows})
    # Denials and disputes linked to the groups they answer (grouping/answers.py).
    link_answers(db, embedder)
    return GroupingReport(
        claims=len(claims), skipped_empty=skipped, encoded=encoded.encoded, cached=encoded.cached,
        joined=joined, new_groups=new_groups, groups=store.count_groups(db),
        warnings=tuple(warnings), new_since_verdict=len(new_since),
    )


def _stored_neighbourhoods(db: Database, model: str, params: GroupingParams
                           ) -> dict[int, tuple[float, float]]:
    """Placed claims' stored (density, reach), or none when some live group
    was formed with another model or other neighbour settings (k, min_cosine):
    its claims' values measure something else than this run's would."""
    for stored_model, method in store.methods_in_use(db):
        try:
            stored = json.loads(method).get("params")
        except (ValueError, AttributeError):
            return {}  # not a method this code wrote (an imported group's, say)
        if (not isinstance(stored, dict) or stored_model != model or stored.get("k") != params.k
                or stored.get("min_cosine") != params.min_cosine):
            return {}
    return store.neighbourhoods(db)


def _known(known: dict[int, tuple[float, float]], claims: list[Claim], keep: set[int]
           ) -> Neighbourhood | None:
    """The stored neighbourhoods of the claims that stay placed, NaN elsewhere."""
    if not known:
        return None
    unknown = (math.nan, math.nan)
    pairs = np.array([known.get(c.id, unknown) if c.id in keep else unknown for c in claims],
                     dtype=np.float64).reshape(len(claims), 2)
    return Neighbourhood(density=pairs[:, 0].copy(), reach=pairs[:, 1].copy())


def _read_quantities(claim: Claim) -> tuple[tuple[str, ...] | None, str | None]:
    """`claim`'s quantities, or why the grouper cannot read them. Reading
    them is the one per-claim step that parses text; it runs here, before
    the batch is clustered, so a fault it meets costs one claim, not the run
    (and what it read is not read again)."""
    try:
        return read_quantities(claim.content, claim.language or "en"), None
    except Exception as exc:  # noqa: BLE001 - any fault in reading one claim skips that claim
        message = " ".join(str(exc).split())[:120]
        return None, (f"cannot read its quantities "
                      f"({type(exc).__name__}{': ' + message if message else ''})")


def _reused_ids(
    result: Assignment, claims: list[Claim], placed: dict[int, tuple[int, bool]], keep: set[int]
) -> dict[int, int]:
    """On a rebuild, give each new cluster the id of the released group it
    shares most claims with (each id once), so regrouping with new settings
    keeps ids stable wherever the groups stay recognisably the same."""
    still_used = {placed[c][0] for c in keep}
    overlap: Counter[tuple[int, int]] = Counter()
    for i, claim in enumerate(claims):
        old = placed.get(claim.id)
        if old is not None and claim.id not in keep and old[0] not in still_used and result.new[i] >= 0:
            overlap[(int(result.new[i]), old[0])] += 1
    reused: dict[int, int] = {}
    taken: set[int] = set()
    for (new_key, old_id), _ in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0][1], kv[0][0])):
        if new_key not in reused and old_id not in taken:
            reused[new_key] = old_id
            taken.add(old_id)
    return reused


def _finite(value: float) -> float | None:
    return None if math.isnan(value) else round(float(value), 4)


