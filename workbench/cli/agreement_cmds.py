"""`workbench agreement`: how far reviewers who judged the same groups agree.

Reads each reviewer's latest label per live group from the verdict history
(`store.agreement`), then prints per-label counts per reviewer and, for each
pair of reviewers, the groups both judged, how often they agreed and Cohen's
kappa (`review.agreement`). It only reads, so it works on a read-only
database. With fewer than two reviewers there is nothing to compare: it says
so in one line and exits 0 (a state of the desk, not an error).
"""

from __future__ import annotations

import json
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from workbench.cli.app import Context, cli, handles_store_errors
from workbench.display import one_line
from workbench.review.agreement import AgreementReport, Kappa, agreement
from workbench.store import agreement as store


@cli.command("agreement")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
@handles_store_errors
def agreement_cmd(obj: Context, as_json: bool) -> None:
    """Per-label counts per reviewer and Cohen's kappa for each pair of reviewers.

    Each reviewer's judgement of a group is the label they last gave its group
    verdict (a label they cleared counts as none); a pair is compared over the
    groups both judged. Fewer than two reviewers: a one-line note, exit 0."""
    report = agreement(store.all_labels(obj.store(write=False)))
    lonely = len(report.reviewers) < 2
    message = (f"{len(report.reviewers)} reviewer{'' if len(report.reviewers) == 1 else 's'} "
               "judged groups; agreement needs two: nothing to compare")
    if as_json:
        click.echo(json.dumps(report_json(report), ensure_ascii=False, indent=2))
        if lonely:
            obj.err.print(message, markup=False)
        return
    if not report.reviewers:
        obj.out.print(message, markup=False)
        return
    _print_counts(obj, report)
    if lonely:
        obj.out.print(message, markup=False)
        return
    _print_pairs(obj, report)


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _kappa_text(k: Kappa) -> str:
    if k.kappa is not None:
        return f"{k.kappa:.3f}"
    return "—" if k.items == 0 else "undefined (one label throughout)"


def _print_counts(obj: Context, report: AgreementReport) -> None:
    labels = list(next(iter(report.counts.values())))
    table = Table(title="labels per reviewer", header_style="bold")
    table.add_column("reviewer", overflow="fold")
    for label in labels:
        table.add_column(label.replace("_", " "), justify="right")
    table.add_column("total", justify="right")
    for reviewer, counts in report.counts.items():
        table.add_row(Text(one_line(reviewer, 40)), *(str(counts.get(label, 0)) for label in labels),
                      str(sum(counts.values())))
    obj.out.print(table)


def _print_pairs(obj: Context, report: AgreementReport) -> None:
    table = Table(title="agreement per pair of reviewers", header_style="bold")
    for column in ("reviewer", "reviewer"):
        table.add_column(column, overflow="fold")
    for column in ("both judged", "agreed", "observed", "kappa"):
        table.add_column(column, justify="right")
    for pair in report.pairs:
        k = pair.kappa
        table.add_row(Text(one_line(pair.first, 40)), Text(one_line(pair.second, 40)),
                      str(k.items), str(k.agreed), _figure(k.observed), _kappa_text(k))
    obj.out.print(table)


def report_json(report: AgreementReport) -> dict[str, Any]:
    """The report as a JSON document; an undefined figure is null."""
    return {
        "reviewers": [{"reviewer": name, "counts": counts, "total": sum(counts.values())}
                      for name, counts in report.counts.items()],
        "pairs": [{"reviewers": [p.first, p.second], "both_judged": p.kappa.items,
                   "agreed": p.kappa.agreed, "observed_agreement": p.kappa.observed,
                   "expected_agreement": p.kappa.expected, "kappa": p.kappa.kappa}
                  for p in report.pairs],
    }
