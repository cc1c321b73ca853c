"""The importer's quick path for a group that only this import's articles hold.

Into an empty database (a restore, a first exchange) every group of the file
meets nothing local: its claims come from articles the import has just
created, so there is nothing to match, no local verdict to merge with and no
query to run. The general merge (`importer._Merger.group`) still answers
that case correctly, but spends most of a large import on the questions it
cannot skip; here the same rows are made directly.

`add_fresh_group` first checks, without changing anything, that the group
is such a group and that it is well formed (the checks after which the
general path would raise); if not, it returns False and the general path
takes the group, errors and all. Otherwise it makes exactly the rows, ids,
counts and bookkeeping the general path makes (a test imports random files
both ways and compares the databases).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.exchange.importer import _Merger


def add_fresh_group(m: _Merger, data: dict[str, Any], where: str) -> bool:
    """Add the group if all its claims are new rows of new articles; False (and
    nothing done) when it is not such a group or the general path must judge it."""
    claims = data["claims"]
    if not claims or data["id"] in m.group_ids:
        return False
    articles, new_articles = m.articles, m.new_articles
    ids: set[int] = set()
    spans: set[tuple[int, int]] = set()
    refs: list[int] = []
    for c in claims:
        ref = articles.get(c["article"]["sha256"])
        if ref is None or ref[0] not in new_articles or c["id"] in m.claims or c["id"] in ids:
            return False
        span = (ref[0], c["span_start"])
        if not c["span_start"] <= c["span_end"] <= ref[1] or span in m.new_spans \
                or span in spans:
            return False
        ids.add(c["id"])
        spans.add(span)
        refs.append(ref[0])
    history = data["history"]
    own = {v["claim_id"]: v for v in data["claim_verdicts"]}
    targets = set(own)
    targets.update(h["claim_id"] for h in history if h["claim_id"] is not None)
    if not targets <= ids:
        return False

    # What `_Merger.claim` does for a claim of a new article.
    rows, taken, counts = m.rows, m.taken, m.report.counts
    mapped: dict[int, int] = {}
    for c, article_id in zip(claims, refs, strict=True):
        local = rows.claim(taken.free("claims", c["id"], m.claim_refs), article_id, c)
        m.new_claims.add(local)
        m.fresh_targets.add(("claim", local))
        m.new_spans.add((article_id, c["span_start"]))
        m.claims[c["id"]] = local
        m.used.add(local)
        mapped[c["id"]] = local
    counts["claims added"] += len(claims)
    m.group_ids.add(data["id"])

    # What `_Merger.place` does when no claim is in a local group.
    gid = rows.group(taken.free("claim_groups", data["id"], m.group_refs),
                     mapped.get(data["representative_claim_id"]), data["model"],
                     data["method"], data["created_at"])
    m.fresh_targets.add(("group", gid))
    counts["groups added"] += 1
    m.unconfirmed.extend(mapped[c["id"]] for c in claims if c.get("new_since_verdict"))
    for by in ("model", "reviewer"):
        members = [(mapped[c["id"]], gid, c["similarity"]) for c in claims
                   if c["assigned_by"] == by]
        if members:
            rows.assign(members, by)
    if data["representative_claim_id"] not in mapped:
        rows.refresh(gid)

    # What `_Merger.group` and `_Merger.verdict` do for targets made just now.
    _first_verdict(m, ("group", gid), data["verdict"],
                   [h for h in history if h["claim_id"] is None], where)
    for cid in sorted(targets):
        _first_verdict(m, ("claim", mapped[cid]), own.get(cid),
                       [h for h in history if h["claim_id"] == cid], where)
    return True


def _first_verdict(m: _Merger, target: tuple[str, int], theirs_json: dict[str, Any] | None,
                   history: list[dict[str, Any]], where: str) -> None:
    if target in m.judged:  # an id the local history names: the general path decides
        m.verdict(target, theirs_json, history, where)
        return
    theirs = m.to_verdict(theirs_json, where) if theirs_json else None
    m.fresh_targets.discard(target)
    if history:
        group_id, claim_id = (target[1], None) if target[0] == "group" else (None, target[1])
        (m.group_refs if claim_id is None else m.claim_refs).add(target[1])
        m.judged.add(target)
        m.report.counts["history rows added"] += len(history)
        no_refs: set[int] = set()  # nothing refers to history ids but history
        for row in history:
            reverts = m.history.get(row["reverts"]) if row["reverts"] else None
            m.history[row["id"]] = m.rows.history_row(
                m.taken.free("verdict_history", row["id"], no_refs) or None,
                (group_id, claim_id, row["action"], reverts, row["label"], row["note"],
                 m.links_json(row["links"], where), row["prev_label"], row["prev_note"],
                 m.links_json(row["prev_links"], where), row["reviewer"], row["at"]))
    if theirs is not None:
        m.rows.first_verdict(target, theirs)
        m.report.counts["verdicts added"] += 1
