"""`export` and `import`: thin wrappers over `workbench.exchange`."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import click
from rich.text import Text
from sqlite_utils import Database

from workbench.cli.app import Context, cli, handles_store_errors
from workbench.exchange.claimreview import check_export
from workbench.exchange.export import (
    FORMATS,
    ExportError,
    ExportOptions,
    ExportSummary,
    export_file,
    make_options,
    write_export,
)
from workbench.exchange.importer import PREFER, ImportReport, import_file, import_stream
from workbench.exchange.reader import ImportFileError
from workbench.models import LABELS


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="json: one document; jsonl: streamed, one group per line; claimreview: "
                   "schema.org ClaimReview JSON-LD for publishing.")
@click.option("-o", "--output", metavar="FILE", default="-",
              help="Write here (atomically) instead of stdout.")
@click.option("--verdict", "verdicts", type=click.Choice(LABELS), multiple=True,
              help="Only groups with this group verdict (repeatable; not_checkable too).")
@click.option("--since", metavar="DATE",
              help="Only groups with a verdict decided on or after this ISO date or time (UTC).")
@click.option("--reviewed-only", is_flag=True,
              help="Only groups with a verdict label (evidence alone is not a review).")
@click.option("--publisher", metavar="NAME",
              help="claimreview: the organisation publishing the checks (required).")
@click.option("--publisher-url", metavar="URL", help="claimreview: that organisation's site.")
@click.option("--url-template", metavar="TEMPLATE",
              help="claimreview: each check's page, with {group_id} (required), "
                   "e.g. https://example.org/checks/{group_id}.")
@click.option("--rating-map", metavar="FILE",
              help="claimreview: JSON or TOML mapping supported/disputed/denied to your rating "
                   "names and values (else $WORKBENCH_RATING_MAP, else True=5, Misleading=3, "
                   "False=1 on 1..5).")
@click.option("--strict", is_flag=True,
              help="claimreview: export nothing when a group misses a field Google requires.")
@click.pass_obj
@handles_store_errors
def export_cmd(obj: Context, fmt: str, output: str, verdicts: tuple[str, ...],
               since: str | None, reviewed_only: bool, publisher: str | None,
               publisher_url: str | None, url_template: str | None,
               rating_map: str | None = None, strict: bool = False) -> None:
    """Export groups, claims, verdicts and history (or ClaimReview markup)."""
    try:
        options = make_options(fmt, verdicts=verdicts, since=since, reviewed_only=reviewed_only,
                               publisher=publisher, publisher_url=publisher_url,
                               url_template=url_template, rating_map=rating_map)
    except ExportError as exc:
        raise click.UsageError(str(exc)) from exc
    db = obj.store(write=False)
    if fmt == "claimreview":
        check_claimreview(obj, db, options, strict)
    if output == "-":
        sys.stdout.flush()
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
        try:
            summary = write_export(db, out, fmt, options)
            out.flush()
        except BrokenPipeError:  # `workbench export | head`: the reader left; not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
        finally:
            out.detach()
        _left_out(obj, summary)
        return
    try:
        summary = export_file(db, Path(output), fmt, options)
    except ExportError as exc:
        obj.fail(str(exc))
        return
    obj.err.print(Text(f"exported {summary.groups} groups ({summary.claims} claims, "
                       f"{summary.verdicts} verdicts) to {output}"), soft_wrap=True)
    _left_out(obj, summary)


def _left_out(obj: Context, summary: ExportSummary) -> None:
    """ClaimReview: say how many judged groups were not published, and why."""
    line = summary.left_out_line()
    if line:
        obj.err.print(Text(f"note: {line} (never published as ClaimReview)"), soft_wrap=True)


def check_claimreview(obj: Context, db: Database, options: ExportOptions, strict: bool) -> None:
    """One stderr line per group whose ClaimReview misses a required field; --strict refuses."""
    try:
        problems = check_export(db, options)
    except ExportError as exc:
        obj.fail(str(exc))
        return
    for problem in problems:
        obj.err.print(Text(f"{'error' if strict else 'warning'}: {problem.describe()}"),
                      soft_wrap=True)
    if problems and strict:
        obj.fail(f"{len(problems)} groups miss fields ClaimReview requires; nothing exported "
                 "(--strict)")


@cli.command("import")
@click.argument("file", metavar="FILE")
@click.option("--prefer", type=click.Choice(PREFER), default="local", show_default=True,
              help="Whose verdict stays current where both sides judged differently.")
@click.pass_obj
@handles_store_errors
def import_cmd(obj: Context, file: str, prefer: str) -> None:
    """Merge a json or jsonl export (FILE, or - for stdin) into the database."""
    db = obj.store()
    try:
        if file == "-":
            stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig")
            try:
                report = import_stream(db, stream, "<stdin>", prefer=prefer)
            finally:
                stream.detach()
        else:
            report = import_file(db, file, prefer=prefer)
    except ImportFileError as exc:
        obj.fail(f"{exc} (nothing was imported)")
        return
    print_report(obj, report)


def print_report(obj: Context, report: ImportReport) -> None:
    parts = [f"{report.count(what)} {what}" for what in (
        "articles added", "articles matched", "claims added", "claims matched", "groups added",
        "groups matched", "verdicts added", "verdicts merged", "verdicts replaced",
        "history rows added") if report.count(what)]
    obj.out.print(Text(f"imported {report.source}: " + (", ".join(parts) or "nothing")),
                  soft_wrap=True)
    for note in report.notes:
        obj.out.print(Text(f"note: {note}"), soft_wrap=True)
    if report.conflicts:
        kept = report.conflicts[0].kept
        hint = "" if kept == "theirs" else "; --prefer theirs takes the file's"
        obj.out.print(Text(f"{len(report.conflicts)} conflicts (kept {kept}{hint}):"))
        for conflict in report.conflicts:
            obj.out.print(Text(f"  {conflict.describe()}"), soft_wrap=True)
