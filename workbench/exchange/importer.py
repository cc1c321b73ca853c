"""Merge a json or jsonl export into a database, in one transaction.

How the file's records meet local ones:

- articles by sha256; a missing article is created from the record (the
  export carries bodies). It holds only the claims the file carried.
- claims by (article, span_start), else by identical text in that article;
  a missing claim is created.
- groups by their claims. The local grouping is never rearranged: when the
  file's claims already sit in one local group, that group is the match;
  when they are spread over several, the group holding most of them is the
  match and the others stay as they are (the report notes it); claims in no
  local group join the match; if none is grouped, the group is created.
- verdicts per target (a group, or one claim's override). A target the local
  database has never judged takes the file's verdict and its history rows
  verbatim (a restored database undoes as before). Otherwise equal verdicts
  are left alone; the same label with compatible notes is merged (links
  united, a missing note filled in); a different label or note is a
  conflict: the local verdict stays current (`prefer="theirs"` takes the
  file's) and an `action='import'` history row records their judgment
  (label/note/links) against the local state at the time (prev_*). Undo
  never replays import rows, and skips local changes an import overtook.
  A verdict without a label (evidence gathered before a decision) merges
  with any verdict: its note and links join the other side's, whose label
  stands; so evidence never conflicts with a decision.
- a group's published text (`published_text`, absent in older exports) is
  taken where the local group has none; a different local text stays (the
  report notes it).

Ids of created claims, groups and history rows are kept from the file when
free, so importing into an empty database and exporting again gives the same
file. Importing the same file twice changes nothing the second time. Any
error rolls the whole import back.
"""

from __future__ import annotations

import gc
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from sqlite_utils import Database

from workbench.exchange.reader import ImportFileError, Record, read_export
from workbench.models import EvidenceLink, Verdict
from workbench.review.errors import InvalidLink
from workbench.review.links import validate_url
from workbench.store import StoreError, groups
from workbench.store import import_rows as store
from workbench.store.articles import now
from workbench.store.exchange import HistoryRow
from workbench.store.import_writer import RowWriter
from workbench.store.since_verdict import mark_new
from workbench.store.verdicts import write_transaction

PREFER = ("local", "theirs")
# Groups of this import's own new articles take `_Merger.fresh_group` (the same
# rows, made directly); False sends every group the general way (tests compare).
QUICK_PATH = True


@dataclass(frozen=True)
class Conflict:
    target: str  # "group 12" or "claim 40" (local ids)
    local: Verdict
    theirs: Verdict
    kept: str  # "local" or "theirs"

    def describe(self) -> str:
        def side(v: Verdict) -> str:
            note = f", note {v.note!r}" if v.note else ""
            label = v.label.replace("_", " ") if v.label else "evidence only"
            return f"{label} by {v.reviewer} ({v.decided_at[:10]}{note})"
        return f"{self.target}: local {side(self.local)} / theirs {side(self.theirs)}; " \
               f"kept {self.kept}"


@dataclass
class ImportReport:
    source: str
    counts: Counter[str] = field(default_factory=Counter)
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count(self, what: str) -> int:
        return self.counts[what]


def import_file(db: Database, path: str | Path, *, prefer: str = "local") -> ImportReport:
    """Import an export file; raises ImportFileError (database unchanged) on bad input."""
    source = str(path)
    try:
        with open(path, encoding="utf-8-sig") as stream:
            return import_stream(db, stream, source, prefer=prefer)
    except OSError as exc:
        raise ImportFileError(f"{source}: cannot read it ({exc.strerror or exc})") from None


def import_stream(db: Database, stream: TextIO, source: str, *,
                  prefer: str = "local") -> ImportReport:
    """Import from an open text stream; `source` names it in messages."""
    if prefer not in PREFER:
        raise ValueError(f"prefer must be one of {', '.join(PREFER)}")
    merger = _Merger(db, ImportReport(source), prefer, source)
    collecting = gc.isenabled()
    # The import makes millions of short-lived, acyclic objects (records, rows)
    # and holds a few large indexes; the cycle collector's passes over them
    # were a twentieth of a large import. Memory is held by the batch size, not
    # by collection; the collector runs again when the import ends.
    gc.disable()
    try:
        with write_transaction(db):
            merger.run(read_export(stream, source))
    except UnicodeDecodeError:
        raise ImportFileError(f"{source}: not UTF-8 text, not an export") from None
    except UnicodeEncodeError:  # a "\ud800" escape: JSON allows it, text cannot hold it
        raise ImportFileError(f"{source}: holds a lone surrogate escape (\\ud800-\\udfff), "
                              "which is not text") from None
    except sqlite3.IntegrityError as exc:
        raise ImportFileError(f"{source}: does not fit this database ({exc})") from None
    except sqlite3.OperationalError as exc:
        raise StoreError(f"cannot import into the database: {exc}; nothing was imported") \
            from None
    finally:
        if collecting:
            gc.enable()
    return merger.report


class _Merger:
    def __init__(self, db: Database, report: ImportReport, prefer: str, source: str) -> None:
        self.db, self.report, self.prefer, self.source = db, report, prefer, source
        self.articles: dict[str, tuple[int, int]] = {}  # sha256 -> (local id, body length)
        self.claims: dict[int, int] = {}  # file claim id -> local claim id
        self.used: set[int] = set()
        self.group_ids: set[int] = set()
        self.history: dict[int, int] = {}  # file history id -> local id
        self.group_refs, self.claim_refs, self.judged = store.references(db)
        self.rows = RowWriter(db)  # new rows, written in batches
        self.local_articles = store.any_articles(db)
        self.article_path = f"import:{Path(source).name}"
        self.taken = self.rows.ids
        # Rows this import created: nothing local can match or judge them, so
        # looking them up is skipped (what makes a large first import quick).
        self.new_articles: set[int] = set()
        self.new_spans: set[tuple[int, int]] = set()  # (new article, span start) taken
        self.new_claims: set[int] = set()
        self.fresh_targets: set[store.Target] = set()  # created here, not yet judged
        # Claims the file marks new since their group's verdict; a file without
        # the mark (older exports) means the verdict covers them.
        self.unconfirmed: list[int] = []
        # Claims, history rows, verdicts and groups `fresh_group` added (counted at the end).
        self.fresh_counts = [0, 0, 0, 0]

    def fail(self, where: str, message: str) -> ImportFileError:
        return ImportFileError(f"{self.source}: {where}: {message}")

    def run(self, records: Iterable[Record]) -> None:
        try:
            for record in records:
                if record.kind == "article":
                    self.article(record)
                elif record.kind == "group":
                    self.group(record)
            self.rows.flush()
        finally:  # nothing may still be writing when the transaction ends
            self.rows.settle(quiet=True)
        for what, n in zip(("claims added", "history rows added", "verdicts added",
                            "groups added"),
                           self.fresh_counts, strict=True):
            if n:
                self.report.counts[what] += n
        mark_new(self.db, self.unconfirmed)

    def article(self, record: Record) -> None:
        data = record.data
        if data["sha256"] in self.articles:
            raise self.fail(record.where, f"article {data['sha256'][:12]}… appears twice")
        # Into a database without articles (a restore, a first exchange) there
        # is nothing to look up.
        if self.local_articles:
            self.rows.settle()  # the connection is this thread's again
        ref = store.article_ref(self.db, data["sha256"]) if self.local_articles else None
        if ref is None:
            ref = (self.rows.article(data, self.article_path), len(data["body"]))
            self.new_articles.add(ref[0])
            self.report.counts["articles added"] += 1
        else:
            self.report.counts["articles matched"] += 1
        self.articles[data["sha256"]] = ref

    def group(self, record: Record) -> None:
        data, where = record.data, record.where
        if QUICK_PATH and self.fresh_group(data, where):
            return
        if data["id"] in self.group_ids:
            raise self.fail(where, f"group {data['id']} appears twice")
        self.group_ids.add(data["id"])
        local = [self.claim(c, where) for c in data["claims"]]
        mapped = {c["id"]: lid for c, lid in zip(data["claims"], local, strict=True)}
        gid = self.place(data, local, mapped)
        if ("group", gid) not in self.fresh_targets:  # a created group got it in place()
            self.published_text(gid, data.get("published_text"))
        rows = data["history"]
        self.verdict(("group", gid), data["verdict"], [h for h in rows if h["claim_id"] is None],
                     where)
        own = {v["claim_id"]: v for v in data["claim_verdicts"]}
        targets = sorted(set(own) | {h["claim_id"] for h in rows if h["claim_id"] is not None})
        for cid in targets:
            if cid not in mapped:
                raise self.fail(where, f"a verdict or history row names claim {cid}, "
                                       "which is not in this group")
            self.verdict(("claim", mapped[cid]), own.get(cid),
                         [h for h in rows if h["claim_id"] == cid], where)

    def fresh_group(self, data: dict[str, Any], where: str) -> bool:
        """The rows `group` makes for a group whose claims all come from articles
        this import created, made directly; False, with nothing done, for any
        other group and for one `group` would refuse (it then decides, and
        words the refusal).

        Such a group meets nothing local: no claim or group to match, no
        verdict to merge with, no query to ask. Into an empty database (a
        restore, a first exchange) every group is one, and the general path's
        layers of calls and objects per row were most of the import's time.
        A property test imports random files both ways: the same rows, report
        and errors.
        """
        claims = data["claims"]
        if not claims or data["id"] in self.group_ids:
            return False
        articles, new_articles, known, new_spans = \
            self.articles, self.new_articles, self.claims, self.new_spans
        ids: set[int] = set()
        spans: list[tuple[int, int]] = []
        for c in claims:
            ref = articles.get(c["article"]["sha256"])
            if ref is None or ref[0] not in new_articles:
                return False
            span = (ref[0], c["span_start"])
            if c["id"] in known or c["id"] in ids or not span[1] <= c["span_end"] <= ref[1] \
                    or span in new_spans or span in spans:
                return False
            ids.add(c["id"])
            spans.append(span)
        history = data["history"]
        own = {v["claim_id"]: v for v in data["claim_verdicts"]}
        targets = sorted(set(own) | {h["claim_id"] for h in history if h["claim_id"] is not None})
        if not ids.issuperset(targets):
            return False

        # What `claim` does for a claim of a new article.
        taken, rows, refs = self.taken, self.rows, self.claim_refs
        mapped: dict[int, int] = {}
        for c, span in zip(claims, spans, strict=True):
            local = taken.take_free("claims", c["id"], refs)
            rows.hold_claim(store.claim_values(local, span[0], c))
            mapped[c["id"]] = known[c["id"]] = local
            self.new_claims.add(local)
            self.used.add(local)
            new_spans.add(span)
        self.group_ids.add(data["id"])
        # What `place` does when no claim is in a local group.
        gid = taken.take_free("claim_groups", data["id"], self.group_refs)
        rows.hold_group(store.group_values(
            gid, mapped.get(data["representative_claim_id"]), data["model"], data["method"],
            data["created_at"], rows.stamp, _published(data.get("published_text"))))
        for by in ("model", "reviewer"):
            members = [(mapped[c["id"]], gid, c["similarity"]) for c in claims
                       if c["assigned_by"] == by]
            if members:
                rows.assign(members, by)
        self.unconfirmed.extend(mapped[c["id"]] for c in claims if c.get("new_since_verdict"))
        if data["representative_claim_id"] not in mapped:
            rows.refresh(gid)
        self.fresh_counts[0] += len(claims)
        self.fresh_counts[3] += 1
        # What `verdict` does on a target made just now.
        self.fresh_verdict(("group", gid), data["verdict"],
                           [h for h in history if h["claim_id"] is None], where)
        for cid in targets:
            self.fresh_verdict(("claim", mapped[cid]), own.get(cid),
                               [h for h in history if h["claim_id"] == cid], where)
        return True

    def fresh_verdict(self, target: store.Target, theirs: dict[str, Any] | None,
                      history: list[dict[str, Any]], where: str) -> None:
        """`verdict` for a target `fresh_group` created: its history and verdict
        written as the file has them (links checked in the same order)."""
        if target in self.judged:  # an id the local history names: `verdict` decides
            self.fresh_targets.add(target)
            self.verdict(target, theirs, history, where)
            return
        links = self.checked_links(theirs["links"], where) if theirs is not None else None
        group_id, claim_id = (target[1], None) if target[0] == "group" else (None, target[1])
        taken, rows = self.taken, self.rows
        if history:
            (self.group_refs if claim_id is None else self.claim_refs).add(target[1])
            self.judged.add(target)
            self.fresh_counts[1] += len(history)
            for row in history:
                after = self.links_text(row["links"], where)
                prev = self.links_text(row["prev_links"], where)
                reverts = self.history.get(row["reverts"]) if row["reverts"] else None
                ident = taken.take_free("verdict_history", row["id"], _NO_IDS)
                rows.hold_history((ident, group_id, claim_id, row["action"], reverts,
                                   row["label"], row["note"], after, row["prev_label"],
                                   row["prev_note"], prev, row["reviewer"], row["at"]))
                self.history[row["id"]] = ident
        if theirs is not None and links is not None:
            rows.hold_verdict((None, group_id, claim_id, theirs["label"], theirs["reviewer"],
                               theirs["note"], theirs["decided_at"]), links)
            self.fresh_counts[2] += 1

    def checked_links(self, links: list[dict[str, Any]], where: str) -> dict[str, str | None]:
        """url -> title of a verdict's links, each checked, the first of a URL kept
        (as `to_links`)."""
        out: dict[str, str | None] = {}
        for link in links:
            try:
                url = _checked_url(link["url"])
            except InvalidLink as exc:
                raise self.fail(where, f"evidence link {exc.url!r}: {exc.reason}") from None
            if url not in out:
                out[url] = link["title"]
        return out

    def links_text(self, links: list[dict[str, Any]], where: str) -> str:
        """A history row's links, checked, as `_links_json` writes them."""
        return _encode_links(self.checked_links(links, where).items()) if links else "[]"

    def published_text(self, gid: int, text: str | None) -> None:
        """Take the file's published text where the local group has none."""
        text = _published(text)
        if not text:
            return
        self.rows.flush()
        local = store.published_text(self.db, gid)
        if local is None:
            store.set_published_text(self.db, gid, text)
        elif local != text:
            self.report.notes.append(f"group {gid}: kept the local published text; the file's "
                                     f"is {text[:60]!r}")

    def claim(self, c: dict[str, Any], where: str) -> int:
        if c["id"] in self.claims:
            raise self.fail(where, f"claim {c['id']} appears in more than one group")
        sha = c["article"]["sha256"]
        ref = self.articles.get(sha)
        if ref is None:
            self.rows.settle()  # the connection is this thread's again
            ref = store.article_ref(self.db, sha)
        if ref is None:
            raise self.fail(where, f"claim {c['id']} comes from article {sha[:12]}…, "
                                   "which the file does not hold")
        self.articles[sha] = ref
        if not c["span_start"] <= c["span_end"] <= ref[1]:
            raise self.fail(where, f"claim {c['id']}: span {c['span_start']}-{c['span_end']} "
                                   f"lies outside its article ({ref[1]} characters)")
        if ref[0] in self.new_articles:  # only this import's claims are there
            local = None
            if (ref[0], c["span_start"]) in self.new_spans:
                raise self.fail(where, f"claim {c['id']} sits at the same place in its "
                                       "article as another claim of the file")
        else:
            self.rows.flush()
            local = store.claim_at(self.db, ref[0], c["span_start"])
            if local in self.used:
                raise self.fail(where, f"claim {c['id']} sits at the same place in its "
                                       "article as another claim of the file")
            if local is None:  # an extractor that cut the span differently: match by text
                local = next((x for x in store.claims_with_text(self.db, ref[0], c["text"])
                              if x not in self.used), None)
        if local is None:
            wanted = self.taken.free("claims", c["id"], self.claim_refs)
            local = self.rows.claim(wanted, ref[0], c)
            self.new_claims.add(local)
            self.fresh_targets.add(("claim", local))
            if ref[0] in self.new_articles:
                self.new_spans.add((ref[0], c["span_start"]))
            self.report.counts["claims added"] += 1
        else:
            self.report.counts["claims matched"] += 1
        self.claims[c["id"]] = local
        self.used.add(local)
        return local

    def place(self, data: dict[str, Any], local: list[int], mapped: dict[int, int]) -> int:
        """The local group for the file's group (see the module docstring)."""
        found: dict[int, int] = {}
        if not all(lid in self.new_claims for lid in local):
            self.rows.flush()
            found = store.live_groups_of(self.db, local)
        if found:
            tally = Counter(found.values())
            gid = min(tally, key=lambda g: (-tally[g], g))
            self.report.counts["groups matched"] += 1
            if len(tally) > 1:
                self.report.notes.append(
                    f"group {data['id']} of the file: its claims are spread over local groups "
                    f"{', '.join(map(str, sorted(tally)))}; matched with group {gid}, which "
                    "holds most of them (local grouping left as it is)")
        else:
            wanted = self.taken.free("claim_groups", data["id"], self.group_refs)
            gid = self.rows.group(wanted, mapped.get(data["representative_claim_id"]),
                                  data["model"], data["method"], data["created_at"],
                                  _published(data.get("published_text")))
            self.fresh_targets.add(("group", gid))
            self.report.counts["groups added"] += 1
        joining = [(c, lid) for c, lid in zip(data["claims"], local, strict=True)
                   if lid not in found]
        self.unconfirmed.extend(lid for c, lid in joining if c.get("new_since_verdict"))
        for by in ("model", "reviewer"):
            rows = [(lid, gid, c["similarity"]) for c, lid in joining if c["assigned_by"] == by]
            if rows and found:
                groups.assign(self.db, rows, by=by)
            elif rows:
                self.rows.assign(rows, by)
        if found and joining:
            groups.refresh_groups(self.db, [gid])
        elif not found and data["representative_claim_id"] not in mapped:
            self.rows.refresh(gid)
        return gid

    def verdict(self, target: store.Target, theirs_json: dict[str, Any] | None,
                rows: list[dict[str, Any]], where: str) -> None:
        theirs = self.to_verdict(theirs_json, where) if theirs_json else None
        fresh = target in self.fresh_targets and target not in self.judged
        self.fresh_targets.discard(target)
        if not fresh:
            self.rows.flush()
        local = None if fresh else store.current_verdict(self.db, target)
        if local is None and target not in self.judged:
            for row in rows:
                self.copy_history(target, row, where)
            if theirs is not None:
                if fresh:
                    self.rows.first_verdict(target, theirs)
                else:
                    self.put(target, theirs)
                self.report.counts["verdicts added"] += 1
            return
        if theirs is None or _same(local, theirs):
            return
        if local is None:
            self.put(target, theirs)
            self.record(target, None, theirs, theirs)
            self.report.counts["verdicts added"] += 1
            return
        merged = _merged(local, theirs)
        if merged is not None:
            if not _same(merged, local):
                self.put(target, merged)
                self.record(target, local, merged, theirs)
                self.report.counts["verdicts merged"] += 1
            return
        self.report.conflicts.append(Conflict(f"{target[0]} {target[1]}", local, theirs,
                                              self.prefer))
        if self.prefer == "theirs":
            self.put(target, theirs)
            self.report.counts["verdicts replaced"] += 1
            self.record(target, local, theirs, theirs)
        elif not store.import_recorded(self.db, target, theirs.label, theirs.note,
                                       _links_json(theirs.links), local.label, theirs.reviewer):
            self.record(target, local, theirs, theirs)

    def put(self, target: store.Target, v: Verdict) -> None:
        """Make `v` current on a target the database already knows (after a flush)."""
        self.rows.settle()  # history copied since the flush may have filled a batch
        store.put_verdict(self.db, target, v)
        self.taken.seen("verdicts", store.max_id(self.db, "verdicts"))

    def record(self, target: store.Target, before: Verdict | None, after: Verdict,
               theirs: Verdict) -> None:
        """An `import` history row: their judgment against the local state before it."""
        prev = (before.label, before.note, _links_json(before.links)) if before else \
            (None, None, "[]")
        self.insert_history(target, 0, "import", None,
                            (after.label, after.note, _links_json(after.links)), prev,
                            theirs.reviewer, now())

    def copy_history(self, target: store.Target, row: dict[str, Any], where: str) -> None:
        after = (row["label"], row["note"], _links_json(self.to_links(row["links"], where)))
        prev = (row["prev_label"], row["prev_note"],
                _links_json(self.to_links(row["prev_links"], where)))
        reverts = self.history.get(row["reverts"]) if row["reverts"] else None
        wanted = self.taken.free("verdict_history", row["id"], set()) or 0
        self.history[row["id"]] = self.insert_history(
            target, wanted, row["action"], reverts, after, prev, row["reviewer"], row["at"])

    def insert_history(self, target: store.Target, wanted: int, action: str,
                       reverts: int | None, after: tuple[str | None, str | None, str],
                       prev: tuple[str | None, str | None, str], reviewer: str, at: str) -> int:
        group_id, claim_id = (target[1], None) if target[0] == "group" else (None, target[1])
        (self.group_refs if claim_id is None else self.claim_refs).add(target[1])
        self.judged.add(target)
        self.report.counts["history rows added"] += 1
        return self.rows.history(HistoryRow(
            wanted, group_id, claim_id, action, reverts, *after, *prev, reviewer, at))

    def to_verdict(self, v: dict[str, Any], where: str) -> Verdict:
        return Verdict(v["label"], v["reviewer"], v["decided_at"], v["note"],
                       self.to_links(v["links"], where))

    def to_links(self, links: list[dict[str, Any]], where: str) -> tuple[EvidenceLink, ...]:
        out: dict[str, EvidenceLink] = {}
        for link in links:
            try:
                url = _checked_url(link["url"])
            except InvalidLink as exc:
                raise self.fail(where, f"evidence link {exc.url!r}: {exc.reason}") from None
            out.setdefault(url, EvidenceLink(url, link["title"]))
        return tuple(out.values())


def _published(text: str | None) -> str | None:
    """The file's published text as it is, None when absent or blank."""
    return text if text and text.strip() else None


# A verdict's links come again in its history rows: each URL is checked once.
_checked_url = lru_cache(maxsize=4096)(validate_url)


def _links_json(links: Sequence[EvidenceLink]) -> str:
    """The same text `workbench.store.verdicts` writes, so rows compare equal."""
    if not links:  # most history rows had no links before
        return "[]"
    return _encode_links((x.url, x.title) for x in links)


def _encode_links(links: Iterable[tuple[str, str | None]]) -> str:
    """`json.dumps([{"url": u, "title": t}, ...], ensure_ascii=False)`, byte for
    byte (the same string encoder and separators), without building the dicts
    and an encoder's machinery for every history row."""
    return "[" + ", ".join(
        '{"url": ' + _string(url) + ', "title": ' + ("null" if title is None else _string(title))
        + "}" for url, title in links) + "]"


_string = json.encoder.encode_basestring  # the JSON encoder's own, with ensure_ascii=False
_NO_IDS: frozenset[int] = frozenset()  # nothing outside history refers to history ids


def _same(a: Verdict | None, b: Verdict | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.label, a.note, set(a.links)) == (b.label, b.note, set(b.links))


def _merged(local: Verdict, theirs: Verdict) -> Verdict | None:
    """One verdict holding both, if they agree on label and note; else None.
    A side without a label (evidence only) agrees with any label: the other's stands."""
    labels = {local.label, theirs.label} - {None}
    if len(labels) > 1 or (local.note and theirs.note and local.note != theirs.note):
        return None
    links = {x.url: x for x in local.links}
    for x in theirs.links:
        if x.url not in links:
            links[x.url] = x
        elif links[x.url].title is None and x.title:
            links[x.url] = x
    label = local.label if local.label is not None else theirs.label
    return replace(local, label=label, note=local.note or theirs.note,
                   links=tuple(links.values()))
