"""`group`, `groups`, `merge` and `split`."""

from __future__ import annotations

import getpass
import json
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from workbench.cli.app import Context, cli, handles_store_errors
from workbench.display import one_line
from workbench.models import GroupSummary
from workbench.store import articles as articles_store
from workbench.store import groups as store


@cli.command("group")
@click.option("--model", help="Embedding model: a sentence-transformers name or path "
              "(default: the bundled Universal Sentence Encoder Multilingual).")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0),
              help="Similarity needed to group two claims (0..1; default calibrated).")
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


@cli.command("groups")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
@handles_store_errors
def groups_cmd(obj: Context, as_json: bool) -> None:
    """List claim groups, largest and most check-worthy first."""
    db = obj.store()
    summaries = store.summaries(db)
    if as_json:
        click.echo(json.dumps(groups_json(db, summaries), ensure_ascii=False, indent=2))
        return
    if not summaries:
        obj.out.print("No groups yet: run `workbench group`.", markup=False)
        return
    from workbench.review.summary import verdicts_json

    verdicts = verdicts_json(db, [s.id for s in summaries])
    table = Table(title=f"{len(summaries)} groups", header_style="bold")
    for column in ("id", "size", "arts", "lang", "verdict"):
        numeric = column in ("id", "size", "arts")
        table.add_column(column, no_wrap=True, justify="right" if numeric else "left")
    table.add_column("speakers", overflow="fold", max_width=30)
    table.add_column("claim", overflow="fold")
    for s in summaries:
        speakers = ", ".join(f"{sp.speaker} ({sp.stance})" for sp in s.speakers[:3])
        verdict = (verdicts.get(s.id) or {}).get("verdict")
        table.add_row(str(s.id), str(s.size), str(s.article_count), ",".join(s.languages),
                      verdict["label"] if verdict else "—",
                      Text(one_line(speakers, 60)), Text(one_line(s.representative, 160)))
    obj.out.print(table)


def groups_json(db: Any, summaries: list[GroupSummary]) -> list[dict[str, Any]]:
    from workbench.review.summary import verdicts_json

    verdicts = verdicts_json(db, [s.id for s in summaries])
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
            "verdict": judged["verdict"],
            "claim_verdicts": judged["claim_verdicts"],
        })
    return out


@cli.command("merge")
@click.argument("keep", type=int)
@click.argument("other", type=int)
@click.option("--reviewer", default=getpass.getuser, show_default="login name")
@click.pass_obj
@handles_store_errors
def merge_cmd(obj: Context, keep: int, other: int, reviewer: str) -> None:
    """Merge group OTHER into group KEEP (a reviewer override every later run respects)."""
    try:
        store.merge(obj.store(), keep, other, reviewer)
    except store.GroupError as exc:
        obj.fail(str(exc))
    survivor = store.summaries(obj.store(), [keep])[0]
    target = survivor.id if survivor.merged_into is None else survivor.merged_into
    obj.out.print(f"merged groups {keep} and {other} into group {target}", markup=False)


@cli.command("split")
@click.argument("claim_id", type=int)
@click.option("--reviewer", default=getpass.getuser, show_default="login name")
@click.pass_obj
@handles_store_errors
def split_cmd(obj: Context, claim_id: int, reviewer: str) -> None:
    """Move CLAIM_ID out of its group into a group of its own (kept by later runs)."""
    try:
        new = store.split(obj.store(), claim_id, reviewer)
    except store.GroupError as exc:
        obj.fail(str(exc))
        return
    obj.out.print(f"claim {claim_id} is now alone in group {new}", markup=False)
