"""`verdict`, `clear`, `note`, `link`, `confirm`, `undo`, `redo` and `status`:
the review actions without the TUI.

Thin twins of the TUI's verdict keys, for scripts and for reviewers on a
plain terminal. They call `ReviewService`, so the rules (labels, links, live
groups, one transaction per action, per-reviewer undo) are the same as in the
TUI; every refusal is one `error:` line and exit status 1, with nothing saved.
Notes and links need no verdict: evidence comes before the decision, and a
group holding only evidence is still to review.
"""

from __future__ import annotations

import getpass

import click
from rich.text import Text

from workbench.cli.app import ID, Context, cli, handles_store_errors
from workbench.display import one_line
from workbench.models import LABELS, Verdict
from workbench.review import ReviewError, ReviewService
from workbench.store.verdicts import DeskCounts, desk_counts

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


# "not-checkable" is how people type it; the service stores not_checkable.
LABEL_CHOICE = click.Choice([*LABELS, "not-checkable"], case_sensitive=False)
claim_option = click.option("--claim", "claim_id", type=ID, metavar="CLAIM_ID",
                            help="On this claim of the group (its own verdict), not the group.")


@cli.command("verdict")
@click.argument("group_id", type=ID)
@click.argument("label", type=LABEL_CHOICE)
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
    """Set the verdict on GROUP_ID (or on one of its claims); a note and links
    already gathered are kept. not_checkable: nothing there can be checked (a
    definition, an opinion); it is decided, and never published as a ClaimReview."""
    review = service(obj, reviewer)
    try:
        verdict = review.set_verdict(group_id, label.lower().replace("-", "_"),
                                     claim_id=claim_id, note=note, add_links=links)
    except ReviewError as exc:
        obj.fail(str(exc))
        return
    obj.out.print(Text(confirmation(group_id, verdict)), soft_wrap=True)


def confirmation(group_id: int, verdict: Verdict) -> str:
    """'group 3: supported by desk_a (2 links, note)'; 'group 3: no label yet, evidence
    by desk_a (1 link)'."""
    target = (f"claim {verdict.claim_id} of group {group_id}" if verdict.claim_id is not None
              else f"group {group_id}")
    extras = []
    if verdict.links:
        extras.append(f"{len(verdict.links)} link" + ("s" if len(verdict.links) != 1 else ""))
    if verdict.note:
        extras.append("note")
    tail = f" ({', '.join(extras)})" if extras else ""
    label = label_text(verdict.label) if verdict.label else "no label yet, evidence"
    return f"{target}: {label} by {one_line(verdict.reviewer, 40)}{tail}"


def label_text(label: str) -> str:
    """A label as people read it: not_checkable -> 'not checkable'."""
    return label.replace("_", " ")


def _target(group_id: int, claim_id: int | None) -> str:
    return f"claim {claim_id} of group {group_id}" if claim_id is not None else \
        f"group {group_id}"


def _report(obj: Context, group_id: int, claim_id: int | None, verdict: Verdict | None) -> None:
    text = confirmation(group_id, verdict) if verdict is not None else \
        f"{_target(group_id, claim_id)}: no verdict and no evidence left"
    obj.out.print(Text(text), soft_wrap=True)


@cli.command("clear")
@click.argument("group_id", type=ID)
@claim_option
@reviewer_option
@click.pass_obj
@handles_store_errors
def clear_cmd(obj: Context, group_id: int, claim_id: int | None, reviewer: str | None) -> None:
    """Remove the verdict label from GROUP_ID (or one of its claims); its note and
    links stay, and the group is to review again."""
    review = service(obj, reviewer)
    try:
        left = review.clear_verdict(group_id, claim_id=claim_id)
    except ReviewError as exc:
        obj.fail(str(exc))
        return
    _report(obj, group_id, claim_id, left)


@cli.command("note")
@click.argument("group_id", type=ID)
@click.argument("text")
@claim_option
@reviewer_option
@click.pass_obj
@handles_store_errors
def note_cmd(obj: Context, group_id: int, text: str, claim_id: int | None,
             reviewer: str | None) -> None:
    """Set the note on GROUP_ID (or one of its claims), with or without a verdict;
    '' removes it."""
    review = service(obj, reviewer)
    try:
        verdict = review.set_note(group_id, text, claim_id=claim_id)
    except ReviewError as exc:
        obj.fail(str(exc))
        return
    _report(obj, group_id, claim_id, verdict)


@cli.command("link")
@click.argument("group_id", type=ID)
@click.argument("url")
@click.option("--title", help="What the link is (shown instead of the address).")
@click.option("--remove", is_flag=True, help="Remove this link instead of adding it.")
@claim_option
@reviewer_option
@click.pass_obj
@handles_store_errors
def link_cmd(obj: Context, group_id: int, url: str, title: str | None, remove: bool,
             claim_id: int | None, reviewer: str | None) -> None:
    """Add an evidence link (http/https) to GROUP_ID (or one of its claims), with or
    without a verdict; adding a link already there updates its title."""
    review = service(obj, reviewer)
    try:
        if remove:
            if title is not None:
                raise ReviewError("--title and --remove do not go together; nothing changed")
            verdict = review.remove_link(group_id, url, claim_id=claim_id)
        else:
            verdict = review.add_link(group_id, url, title, claim_id=claim_id)
    except ReviewError as exc:
        obj.fail(str(exc))
        return
    _report(obj, group_id, claim_id, verdict)


@cli.command("status")
@click.pass_obj
@handles_store_errors
def status_cmd(obj: Context) -> None:
    """How far the review is: groups decided, by label, and groups to review."""
    counts = desk_counts(obj.store(write=False))
    for line in status_lines(counts):
        obj.out.print(Text(line), soft_wrap=True)


def status_lines(counts: DeskCounts) -> list[str]:
    """The `status` table: a label and a number per line, aligned."""
    rows = [("groups", counts.groups), ("decided", counts.decided)]
    rows += [(f"  {label_text(label)}", counts.labels.get(label, 0)) for label in LABELS]
    rows += [("to review", counts.to_review), ("  with evidence", counts.evidence_only)]
    width = max(len(name) for name, _ in rows)
    return [f"{name:<{width}}  {number}" for name, number in rows]


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


skip_option = click.option(
    "--skip", is_flag=True,
    help="Pass over a change that can no longer be reverted (named in the refusal) "
         "to the one before it.")


@cli.command("undo")
@reviewer_option
@skip_option
@click.pass_obj
@handles_store_errors
def undo_cmd(obj: Context, reviewer: str | None, skip: bool) -> None:
    """Undo your latest change: a verdict, note, link, edit, move, merge or split
    (kept across sessions)."""
    _step(obj, reviewer, "undo", skip)


@cli.command("redo")
@reviewer_option
@skip_option
@click.pass_obj
@handles_store_errors
def redo_cmd(obj: Context, reviewer: str | None, skip: bool) -> None:
    """Re-apply the change you undid last."""
    _step(obj, reviewer, "redo", skip)


def _step(obj: Context, reviewer: str | None, direction: str, skip: bool = False) -> None:
    review = service(obj, reviewer)
    try:
        done = (review.undo(skip_blocked=skip) if direction == "undo"
                else review.redo(skip_blocked=skip))
    except ReviewError as exc:
        obj.fail(str(exc))
        return
    obj.out.print(Text(done or f"nothing to {direction} for {one_line(review.reviewer, 40)}"),
                  soft_wrap=True)
