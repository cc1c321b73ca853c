"""`group`, `groups`, `merge` and `split`."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from workbench.cli.app import ID, Context, cli, handles_store_errors
from workbench.cli.corrections_cmds import corrections
from workbench.cli.review_cmds import reviewer_option
from workbench.display import one_line
from workbench.models import GroupAnswer, GroupSummary
from workbench.store import articles as articles_store
from workbench.store import groups as store
from workbench.store import queue


class Threshold(click.ParamType):
    """A similarity strictly between 0 and 1. NaN and infinities are refused
    here: a NaN threshold would be stored with the groups and make every later
    export invalid JSON."""

    name = "threshold"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> float:
        shown = str(value)[:40]
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{shown!r} is not a number", param, ctx)
        if not math.isfinite(number) or not 0.0 < number < 1.0:
            self.fail(f"{shown} is not a number between 0 and 1 (both excluded)", param, ctx)
        return number


LANG_ENV = "WORKBENCH_LANG"


class Language(click.ParamType):
    """A language code as articles record it ("id", "en"): two or three
    letters. The reviewer's reading language: each group is shown by a member
    in it where the group has one."""

    name = "language"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> str:
        code = str(value).strip().lower()
        if not (2 <= len(code) <= 3 and code.isascii() and code.isalpha()):
            self.fail(f"{str(value)[:40]!r} is not a language code such as id or en", param, ctx)
        return code


def lang_option(func: Any) -> Any:
    return click.option(
        "--lang", type=Language(), envvar=LANG_ENV, default=None, metavar="CODE",
        help="Language to read each group in (e.g. id, en): the representative is chosen among "
             f"its members in that language when it has any (default: ${LANG_ENV}, else the "
             "language most of its members share).")(func)


@cli.command("group")
@click.option("--model", help="Embedding model: a sentence-transformers name or path "
              "(default: the bundled Universal Sentence Encoder Multilingual).")
@click.option("--threshold", type=Threshold(),
              help="Similarity needed to group two claims (between 0 and 1; default "
                   "calibrated).")
@click.option("--rebuild", is_flag=True,
              help="Regroup unjudged claims from scratch (judged and reviewer-placed claims stay).")
@click.pass_obj
@handles_store_errors
def group_cmd(obj: Context, model: str | None, threshold: float | None, rebuild: bool) -> None:
    """Group claims that state the same thing, across articles and languages."""
    run_group(obj, model=model, threshold=threshold, rebuild=rebuild)


def run_group(obj: Context, model: str | None = None, threshold: float | None = None,
              rebuild: bool = False) -> None:
    from workbench.embed import ModelUnavailable, load_embedder
    from workbench.grouping.params import GroupingParams
    from workbench.grouping.service import run_grouping

    db = obj.store()
    if articles_store.count_claims(db) == 0:
        obj.out.print("No claims to group yet: ingest some articles first "
                      "(workbench ingest PATH).", markup=False)
        return
    params = GroupingParams() if threshold is None else GroupingParams(threshold=threshold)
    try:
        embedder = load_embedder(model)
        with Progress(TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=obj.err, transient=True) as bar:
            tasks: dict[str, Any] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total)
                bar.update(tasks[stage], completed=done, total=total)

            report = run_grouping(db, embedder, params, rebuild=rebuild, progress=progress)
    except ModelUnavailable as exc:
        obj.fail(str(exc))
        return
    for warning in report.warnings:
        obj.err.print(f"warning: {one_line(warning)}", markup=False, soft_wrap=True)
    if not rebuild and report.new_groups + report.joined < report.claims:
        current = (embedder.identity, json.dumps(params.to_dict(), sort_keys=True))
        older = {m for m in store.methods_in_use(db) if _settings(m) != _settings(current)}
        if older:
            obj.err.print("note: existing groups were formed with other settings and keep their "
                          "members; `workbench group --rebuild` regroups unjudged claims with these.",
                          markup=False, soft_wrap=True)
    obj.out.print(
        f"{report.claims} claims ({report.encoded} encoded, {report.cached} from cache"
        + (f", {report.skipped_empty} empty skipped" if report.skipped_empty else "")
        + f"): {report.new_groups} new groups, {report.joined} claims joined existing groups; "
        f"{report.groups} groups in all.", markup=False)


def _settings(method: tuple[str, str]) -> tuple[str, Any]:
    """Model and parameters of a stored method, ignoring bookkeeping (split_from)."""
    model, text = method
    return model, json.loads(text).get("params")


TABLE_LIMIT = 100  # groups shown by default: a screenful or a few, quick at any size
TABLE_MAX = 1000  # beyond this many rows, plain lines streamed instead of a drawn table
BATCH = 500  # groups read per batch of rows: memory stays flat at 100,000 groups
SPEAKERS_SHOWN = 3  # asserting / answering speakers named per group


@cli.command("groups")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (all groups "
              "unless --limit is given).")
@click.option("--limit", type=click.IntRange(min=0), default=None, metavar="N",
              help=f"Show the first N groups (default {TABLE_LIMIT}; 0 for all). Above "
                   f"{TABLE_MAX} rows the table is printed as plain tab-separated lines.")
@click.option("--sort", type=click.Choice(queue.SORTS), default="priority", show_default=True,
              help="Order of the review queue: priority (unreviewed, then contested, then most "
                   "check-worthy, then largest), date (newest publication first), size "
                   "(largest first) or checkworthiness.")
@lang_option
@click.pass_obj
@handles_store_errors
def groups_cmd(obj: Context, as_json: bool, limit: int | None, sort: str,
               lang: str | None) -> None:
    """List claim groups in the review queue's order (what needs a decision first)."""
    db = obj.store(write=False)
    ids = queue.ordered_ids(db, None, sort)
    if as_json:
        _print_json(db, ids if not limit else ids[:limit], lang)
        return
    total = len(ids)
    if not total:
        obj.out.print("No groups yet: run `workbench group`.", markup=False)
        return
    wanted = TABLE_LIMIT if limit is None else limit
    shown = total if wanted == 0 else min(wanted, total)
    lines = _queue_rows(db, ids[:shown], lang)
    if shown > TABLE_MAX:
        _print_plain(lines)
    else:
        _print_table(obj, lines, f"{total} groups" if shown == total
                     else f"{shown} of {total} groups")
    if shown < total:
        obj.err.print(f"showing {shown} of {total} groups; --limit 0 for all", markup=False)


def _queue_rows(db: Any, ids: list[int], lang: str | None) -> Iterator[queue.QueueRow]:
    """The queue's rows for `ids`, a batch at a time, each representative read
    in `lang` when given."""
    for start in range(0, len(ids), BATCH):
        rows = queue.rows(db, ids[start : start + BATCH])
        chosen = store.representatives(db, [r.group_id for r in rows], lang) if lang else {}
        for row in rows:
            yield (replace(row, representative=chosen[row.group_id][1])
                   if row.group_id in chosen else row)


def _names(names: tuple[str, ...]) -> str:
    shown = ", ".join(names[:SPEAKERS_SHOWN])
    return shown + (f" +{len(names) - SPEAKERS_SHOWN}" if len(names) > SPEAKERS_SHOWN else "")


def _flags(row: queue.QueueRow) -> str:
    """"contested", and "reviewers differ" when two reviewers' labels disagree."""
    return ", ".join(word for word, on in (("contested", row.contested),
                                           ("reviewers differ", bool(row.disagreement))) if on)


COLUMNS = ("id", "size", "arts", "lang", "verdict", "worth", "flags", "asserting", "answering",
           "claim")


def _print_table(obj: Context, lines: Iterable[queue.QueueRow], title: str) -> None:
    table = Table(title=title, header_style="bold")
    for column in COLUMNS[:7]:
        numeric = column in ("id", "size", "arts", "worth")
        table.add_column(column, no_wrap=True, justify="right" if numeric else "left")
    table.add_column("asserting", overflow="fold", max_width=24)
    table.add_column("answering", overflow="fold", max_width=24)
    table.add_column("claim", overflow="fold")
    for row in lines:
        # Speaker names and claim text come from pages: Text, never markup.
        table.add_row(str(row.group_id), str(row.size), str(row.article_count),
                      ",".join(row.languages), row.label or "—", f"{row.checkworthiness:.2f}",
                      _flags(row), Text(one_line(_names(row.asserting), 60)),
                      Text(one_line(_names(row.answering), 60)),
                      Text(one_line(row.representative, 160)))
    obj.out.print(table)


def _print_plain(lines: Iterable[queue.QueueRow]) -> None:
    """One tab-separated line per group, written as the rows arrive: a drawn
    table of 100,000 rows takes a minute and a gigabyte to lay out."""
    write = sys.stdout.write
    write("\t".join(COLUMNS) + "\n")
    for row in lines:
        write(f"{row.group_id}\t{row.size}\t{row.article_count}\t{','.join(row.languages)}\t"
              f"{row.label or '-'}\t{row.checkworthiness:.2f}\t{_flags(row) or '-'}\t"
              f"{one_line(_names(row.asserting), 60) or '-'}\t"
              f"{one_line(_names(row.answering), 60) or '-'}\t"
              f"{one_line(row.representative, 160)}\n")


def _print_json(db: Any, ids: list[int], lang: str | None = None) -> None:
    """The same document as `json.dumps(list, indent=2)`, written a batch of
    groups at a time so memory stays flat at 100,000 groups."""
    write = sys.stdout.write
    count = 0
    for start in range(0, len(ids), BATCH):
        for record in groups_json(db, store.summaries(db, ids[start : start + BATCH], lang)):
            item = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            write(("," if count else "[") + "\n  " + item)
            count += 1
    write("\n]\n" if count else "[]\n")


def groups_json(db: Any, summaries: list[GroupSummary]) -> list[dict[str, Any]]:
    from workbench.review.summary import new_since_verdict_counts, verdicts_json

    verdicts = verdicts_json(db, [s.id for s in summaries])
    unconfirmed = new_since_verdict_counts(db, [s.id for s in summaries])
    out = []
    for s in summaries:
        stances: dict[str, list[str]] = {"asserts": [], "denies": [], "disputes": []}
        for sp in s.speakers:
            if sp.speaker not in stances[sp.stance]:
                stances[sp.stance].append(sp.speaker)
        judged = verdicts.get(s.id, {"verdict": None, "claim_verdicts": {}})
        out.append({
            "id": s.id,
            "representative": s.representative,
            "representative_claim_id": s.representative_claim_id,
            "size": s.size,
            "article_count": s.article_count,
            "languages": list(s.languages),
            "speakers": [{"speaker": sp.speaker, "stance": sp.stance, "claims": sp.claims}
                         for sp in s.speakers],
            "stances": stances,
            "claim_ids": list(s.claim_ids),
            "checkworthiness": s.checkworthiness,
            "model": s.model,
            # Groups that deny or dispute this one, and the groups this one answers.
            "answers": [_answer_json(a) for a in s.answers],
            "answers_to": [_answer_json(a) for a in s.answers_to],
            "verdict": judged["verdict"],
            "claim_verdicts": judged["claim_verdicts"],
            "new_since_verdict": unconfirmed.get(s.id, 0),
        })
    return out


def _answer_json(answer: GroupAnswer) -> dict[str, Any]:
    return {"group_id": answer.group_id, "relation": answer.relation,
            "speakers": list(answer.speakers), "outlets": list(answer.outlets),
            "languages": list(answer.languages)}


@cli.command("merge")
@click.argument("keep", type=ID)
@click.argument("other", type=ID)
@reviewer_option
@click.pass_obj
@handles_store_errors
def merge_cmd(obj: Context, keep: int, other: int, reviewer: str | None) -> None:
    """Merge group OTHER into group KEEP (a reviewer override every later run respects)."""
    try:  # through the corrections service: audited, and undone by `workbench undo`
        target = corrections(obj, reviewer).merge([keep, other])
    except ValueError as exc:
        obj.fail(str(exc))
        return
    obj.out.print(f"merged groups {keep} and {other} into group {target}", markup=False)


@cli.command("split")
@click.argument("claim_id", type=ID)
@reviewer_option
@click.pass_obj
@handles_store_errors
def split_cmd(obj: Context, claim_id: int, reviewer: str | None) -> None:
    """Move CLAIM_ID out of its group into a group of its own (kept by later runs)."""
    try:  # audited, and undone by `workbench undo`
        new = corrections(obj, reviewer).split(claim_id)
    except ValueError as exc:
        obj.fail(str(exc))
        return
    obj.out.print(f"claim {claim_id} is now alone in group {new}", markup=False)
