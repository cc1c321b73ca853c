"""`verdict`, `confirm`, `undo` and `redo`: the review actions without the TUI.

Thin twins of the TUI's verdict keys, for scripts and for reviewers on a
plain terminal. They call `ReviewService`, so the rules (labels, links, live
groups, one transaction per action, per-reviewer undo) are the same as in the
TUI; every refusal is one `error:` line and exit status 1, with nothing saved.
"""

from __future__ import annotations

import getpass

import click
from rich.text import Text

from workbench.cli.app import ID, Context, cli, handles_store_errors
from workbench.display import one_line
from workbench.models import LABELS, Verdict
from workbench.review import ReviewError, ReviewService

REVIEWER_ENV = "WORKBENCH_REVIEWER"

reviewer_option = click.option(
    "--reviewer", metavar="NAME", envvar=REVIEWER_ENV,
    help=f"Who is reviewing (default: ${REVIEWER_ENV}, else your login name).",
)


def service(obj: Context, reviewer: str | None) -> ReviewService:
    """The review service for `reviewer`, or the login name when none was given.

    A name that was given but is empty or holds control characters is refused
    by the service, never silently replaced by the login name."""
    name = reviewer
    if name is None:
        try:
            name = getpass.getuser()
        except (OSError, KeyError):
            obj.fail("cannot tell who you are; pass --reviewer NAME")
    try:
        return ReviewService(obj.store(), name or "")
    except ReviewError as exc:
        obj.fail(f"--reviewer: {exc}" if reviewer is not None else str(exc))
        raise  # unreachable: fail() exits


@cli.command("verdict")
@click.argument("group_id", type=ID)
@click.argument("label", type=click.Choice(LABELS))
@click.option("--claim", "claim_id", type=ID, metavar="CLAIM_ID",
              help="Judge this claim of the group only (overrides the group's verdict for it).")
@click.option("--link", "links", multiple=True, metavar="URL",
              help="Add an evidence link (http/https; repeatable). Existing links are kept.")
@click.option("--note", help="Replace the verdict's note ('' removes it).")
@reviewer_option
@click.pass_obj
@handles_store_errors
def verdict_cmd(obj: Context, group_id: int, label: str, claim_id: int | None,
                links: tuple[str, ...], note: str | None, reviewer: str | None) -> None:
    """Set the verdict on GROUP_ID (or on one of its claims)."""
    review = service(obj, reviewer)
    try:
        verdict = review.set_verdict(group_id, label, claim_id=claim_id, note=note,
                                     add_links=links)
    except ReviewError as exc:
        obj.fail(str(exc))
        return
    obj.out.print(Text(confirmation(group_id, verdict)), soft_wrap=True)


def confirmation(group_id: int, verdict: Verdict) -> str:
    """'group 3: supported by desk_a (2 links, note)'."""
    target = (f"claim {verdict.claim_id} of group {group_id}" if verdict.claim_id is not None
              else f"group {group_id}")
    extras = []
    if verdict.links:
        extras.append(f"{len(verdict.links)} link" + ("s" if len(verdict.links) != 1 else ""))
    if verdict.note:
        extras.append("note")
    tail = f" ({', '.join(extras)})" if extras else ""
    return f"{target}: {verdict.label} by {one_line(verdict.reviewer, 40)}{tail}"


@cli.command("confirm")
@click.argument("group_id", type=ID)
@click.option("--claim", "claim_id", type=ID, metavar="CLAIM_ID",
              help="Confirm this claim only (default: every claim new since the verdict).")
@reviewer_option
@click.pass_obj
@handles_store_errors
def confirm_cmd(obj: Context, group_id: int, claim_id: int | None,
                reviewer: str | None) -> None:
    """Let GROUP_ID's verdict cover the claims that joined it after the verdict.

    Until then exports leave those claims out of the verdict's appearances."""
    review = service(obj, reviewer)
    try:
        done = review.confirm(group_id, claim_id)
    except ReviewError as exc:
        obj.fail(str(exc))
        return
    if done:
        ids = ", ".join(map(str, done))
        text = (f"group {group_id}: the verdict now covers claim{'s' if len(done) > 1 else ''} "
                f"{ids} (confirmed by {one_line(review.reviewer, 40)})")
    elif claim_id is not None:
        text = f"group {group_id}: claim {claim_id} is already covered by the verdict"
    else:
        text = f"group {group_id}: no claim is new since the verdict"
    obj.out.print(Text(text), soft_wrap=True)


@cli.command("undo")
@reviewer_option
@click.pass_obj
@handles_store_errors
def undo_cmd(obj: Context, reviewer: str | None) -> None:
    """Undo your latest verdict change (kept across sessions)."""
    _step(obj, reviewer, "undo")


@cli.command("redo")
@reviewer_option
@click.pass_obj
@handles_store_errors
def redo_cmd(obj: Context, reviewer: str | None) -> None:
    """Re-apply the verdict change you undid last."""
    _step(obj, reviewer, "redo")


def _step(obj: Context, reviewer: str | None, direction: str) -> None:
    review = service(obj, reviewer)
    try:
        done = review.undo() if direction == "undo" else review.redo()
    except ReviewError as exc:
        obj.fail(str(exc))
        return
    obj.out.print(Text(done or f"nothing to {direction} for {one_line(review.reviewer, 40)}"),
                  soft_wrap=True)
