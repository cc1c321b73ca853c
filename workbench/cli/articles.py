"""`ingest`, `articles` and `claims`."""

from __future__ import annotations

import json
from dataclasses import asdict

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from workbench.cli.app import Context, cli, handles_store_errors
from workbench.display import one_line, visible
from workbench.ingest.service import IngestReport, ingest
from workbench.models import Article, Claim
from workbench.store import articles as store

PROGRESS_FROM = 20  # files; below this a bar only flickers


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--url", help="Source URL of the article (a single input only).")
@click.pass_obj
@handles_store_errors
def ingest_cmd(obj: Context, paths: tuple[str, ...], url: str | None) -> None:
    """Ingest article files, directories (recursive: .txt, .html, .htm) or - for stdin."""
    if url is not None and not url.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) URL", param_hint="--url")
    report = run_ingest(obj, list(paths), url)
    if report.of("failed"):
        raise SystemExit(1)


def run_ingest(obj: Context, paths: list[str], url: str | None = None) -> IngestReport:
    db = obj.store()
    try:
        with Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.description}"), console=obj.err, transient=True,
                      disable=len(paths) < 2 and not any(p.endswith("/") for p in paths)) as bar:
            task = bar.add_task("", total=None)

            def progress(done: int, total: int, label: str) -> None:
                if total >= PROGRESS_FROM:
                    bar.update(task, completed=done, total=total, description=one_line(label, 50))

            report = ingest(db, paths, url=url, progress=progress)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    print_report(obj, report)
    return report


def print_report(obj: Context, report: IngestReport) -> None:
    for outcome in report.of("failed"):
        obj.err.print(Text(f"error: {visible(outcome.source)}: {one_line(outcome.reason)}"), soft_wrap=True)
    added, present, failed = report.of("added"), report.of("present"), report.of("failed")
    table = Table(title="Ingest", show_header=True, header_style="bold")
    for column in ("added", "already present", "failed", "claims found"):
        table.add_column(column, justify="right")
    table.add_row(str(len(added)), str(len(present)), str(len(failed)), str(report.claims_found))
    obj.out.print(table)
    for outcome in present:
        note = f"; {visible(outcome.note)}" if outcome.note else ""
        line = f"already present: {visible(outcome.source)} (article {outcome.article_id}){note}"
        obj.out.print(Text(line), soft_wrap=True)


@cli.command("articles")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
@handles_store_errors
def articles_cmd(obj: Context, as_json: bool) -> None:
    """List ingested articles."""
    rows = store.list_articles(obj.store())
    if as_json:
        click.echo(json.dumps([article_json(a) for a in rows], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(rows)} articles", header_style="bold")
    for column in ("id", "published", "outlet", "lang", "claims"):
        table.add_column(column, no_wrap=True)
    table.add_column("title", overflow="fold")
    for a in rows:
        table.add_row(str(a.id), a.published or "", Text(visible(a.outlet)), a.language,
                      str(a.claim_count), Text(one_line(a.title, 80)))
    obj.out.print(table)


def article_json(a: Article) -> dict[str, object]:
    return {"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published,
            "author": a.author, "dateline": a.dateline, "wire": a.wire, "language": a.language,
            "url": a.url, "path": a.path, "sha256": a.sha256, "claim_count": a.claim_count}


@cli.command("claims")
@click.option("--article", "article_id", type=int, help="Only claims of this article.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
@handles_store_errors
def claims_cmd(obj: Context, article_id: int | None, as_json: bool) -> None:
    """List extracted claims."""
    db = obj.store()
    if article_id is not None and store.get_article(db, article_id) is None:
        obj.fail(f"no article with id {article_id}")
    rows = store.list_claims(db, article_id)
    if as_json:
        click.echo(json.dumps([claim_json(c) for c in rows], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(rows)} claims", header_style="bold", show_lines=False)
    for column in ("id", "art", "score", "speaker", "stance", "claim"):
        table.add_column(column, overflow="fold")
    for c in rows:
        table.add_row(str(c.id), str(c.article_id), f"{c.checkworthiness:.2f}",
                      Text(one_line(c.speaker or "—", 24)), c.stance,
                      Text(("“" if c.quote else "") + one_line(c.text, 140)))
    obj.out.print(table)


def claim_json(c: Claim) -> dict[str, object]:
    data = asdict(c)
    data.pop("language", None)
    return data
