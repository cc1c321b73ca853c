"""`ingest`, `articles` and `claims`."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from workbench.cli.app import ID, Context, cli, handles_store_errors
from workbench.display import one_line, visible
from workbench.ingest.feed import ingest_feed
from workbench.ingest.fetch import DEFAULT_TIMEOUT, check_url, ingest_urls, is_url
from workbench.ingest.manifest import ingest_manifest
from workbench.ingest.reader import IngestError
from workbench.ingest.service import IngestReport, ingest
from workbench.models import Article, Claim
from workbench.store import articles as store

PROGRESS_FROM = 20  # files; below this a bar only flickers


@cli.command("ingest")
@click.argument("sources", nargs=-1)
@click.option("--url", help="Source URL of the article (a single file only).")
@click.option("--feed", "feeds", metavar="URL", multiple=True,
              help="An RSS or Atom feed: ingest its items not already stored (repeatable).")
@click.option("--manifest", "manifests", metavar="FILE", multiple=True,
              help="CSV (header path,url) or JSONL of saved pages and their URLs (repeatable).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True, max=3600),
              default=DEFAULT_TIMEOUT, show_default=True, metavar="SECONDS",
              help="Web fetches: connect and whole-download limit.")
@click.pass_obj
@handles_store_errors
def ingest_cmd(obj: Context, sources: tuple[str, ...], url: str | None, feeds: tuple[str, ...],
               manifests: tuple[str, ...], timeout: float) -> None:
    """Ingest article files, directories (recursive: .txt, .html, .htm), - for stdin,
    or web pages (arguments starting with http:// or https:// are fetched)."""
    if not (sources or feeds or manifests):
        raise click.UsageError("give files, directories, URLs, --feed or --manifest")
    if url is not None and not url.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) URL", param_hint="--url")
    paths = [s for s in sources if not is_url(s)]
    if url is not None and len(paths) != len(sources) + len(feeds) + len(manifests):
        raise click.UsageError("--url applies to a single file, not to URLs, feeds or manifests")
    web = WebSources([s for s in sources if is_url(s)], list(feeds), list(manifests), timeout)
    report = run_ingest(obj, paths, url, web)
    if report.of("failed"):
        raise SystemExit(1)


@dataclass(frozen=True)
class WebSources:
    """The inputs of one `ingest` run that are not plain paths."""

    urls: list[str]
    feeds: list[str]
    manifests: list[str]
    timeout: float = DEFAULT_TIMEOUT


def run_ingest(obj: Context, paths: list[str], url: str | None = None,
               web: WebSources | None = None) -> IngestReport:
    db = obj.store()
    web = web or WebSources([], [], [])
    many = len(paths) + len(web.urls) >= 2 or bool(web.feeds or web.manifests)
    try:
        with Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.description}"), console=obj.err, transient=True,
                      disable=not many and not any(p.endswith("/") for p in paths)) as bar:
            task = bar.add_task("", total=None)

            def progress(done: int, total: int, label: str) -> None:
                if total >= PROGRESS_FROM:
                    bar.update(task, completed=done, total=total, description=one_line(label, 50))

            report = IngestReport()
            if paths:
                report = ingest(db, paths, url=url, progress=progress)
            if web.urls:
                report.outcomes += ingest_urls(db, web.urls, timeout=web.timeout,
                                               progress=progress).outcomes
            for feed in web.feeds:
                report.outcomes += ingest_feed(db, feed, timeout=web.timeout,
                                               progress=progress).outcomes
            for manifest in web.manifests:
                report.outcomes += ingest_manifest(db, Path(manifest), progress=progress).outcomes
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


@cli.group("articles", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def articles_group(ctx: click.Context, as_json: bool) -> None:
    """List ingested articles (`articles set-url ID URL` fixes one's source URL)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(articles_cmd, as_json=as_json)


@click.pass_obj
@handles_store_errors
def articles_cmd(obj: Context, as_json: bool) -> None:
    rows = store.list_articles(obj.store(write=False))
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


MAX_ID = 2**63 - 1  # SQLite's largest integer


@articles_group.command("set-url")
@click.argument("article_id", metavar="ID")
@click.argument("url", metavar="URL")
@click.pass_obj
@handles_store_errors
def set_url_cmd(obj: Context, article_id: str, url: str) -> None:
    """Record or correct the source URL of article ID."""
    digits = article_id.strip()  # int() refuses beyond 4,300 digits: count them first
    digits = digits.lstrip("0") if digits.isdecimal() and len(digits.lstrip("0")) <= 19 else ""
    number = int(digits) if digits else 0
    if not 1 <= number <= MAX_ID:
        obj.fail(f"article id must be a whole number from 1 to {MAX_ID}, not {one_line(article_id, 40)!r}")
    try:
        checked = check_url(url)
    except IngestError as exc:
        obj.fail(f"{one_line(url, 80)!r}: {exc}")
        return
    if not store.set_article_url(obj.store(), number, checked):
        obj.fail(f"no article with id {number}")
    obj.out.print(Text(f"article {number}: url set to {visible(checked)}"), soft_wrap=True)


def article_json(a: Article) -> dict[str, object]:
    return {"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published,
            "author": a.author, "dateline": a.dateline, "wire": a.wire, "language": a.language,
            "url": a.url, "path": a.path, "sha256": a.sha256, "claim_count": a.claim_count}


@cli.command("claims")
@click.option("--article", "article_id", type=ID, help="Only claims of this article.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
@handles_store_errors
def claims_cmd(obj: Context, article_id: int | None, as_json: bool) -> None:
    """List extracted claims."""
    db = obj.store(write=False)
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
