"""`edit-claim`, `publish-text` and `move`: a reviewer's corrections without the TUI.

Thin twins of the group view's E, t and g keys. They call
`workbench.review.corrections.Corrections`, so the rules are the TUI's: each
correction is one transaction with its audit row, undone and redone by
`workbench undo`/`redo` in the order made, per reviewer. Every refusal is
one `error:` line and exit status 1, with nothing changed; a read-only
database is refused before anything is read.
"""

from __future__ import annotations

import click
from rich.text import Text

from workbench.cli.app import ID, Context, cli, handles_store_errors
from workbench.cli.review_cmds import reviewer_option, service
from workbench.models import STANCES
from workbench.review.corrections import Corrections


def corrections(obj: Context, reviewer: str | None) -> Corrections:
    """The corrections of `reviewer` (or the login name), named as `verdict` names them."""
    review = service(obj, reviewer)
    return Corrections(review.db, review.reviewer)


def _say(obj: Context, line: str) -> None:
    obj.out.print(Text(line), soft_wrap=True)


@cli.command("edit-claim")
@click.argument("claim_id", type=ID)
@click.option("--speaker", metavar="NAME",
              help="Who made the claim ('' : no speaker named).")
@click.option("--stance", metavar="STANCE", help=f"One of {', '.join(STANCES)}.")
@reviewer_option
@click.pass_obj
@handles_store_errors
def edit_claim_cmd(obj: Context, claim_id: int, speaker: str | None, stance: str | None,
                   reviewer: str | None) -> None:
    """Correct CLAIM_ID's speaker and/or stance (each change undoable on its own)."""
    if speaker is None and stance is None:
        obj.fail("give --speaker and/or --stance; nothing was changed")
    fix = corrections(obj, reviewer)
    try:
        if speaker is not None:
            _say(obj, fix.edit_speaker(claim_id, speaker))
        if stance is not None:
            _say(obj, fix.edit_stance(claim_id, stance))
    except ValueError as exc:
        obj.fail(str(exc))


@cli.command("publish-text")
@click.argument("group_id", type=ID)
@click.argument("text")
@reviewer_option
@click.pass_obj
@handles_store_errors
def publish_text_cmd(obj: Context, group_id: int, text: str, reviewer: str | None) -> None:
    """Publish GROUP_ID under TEXT instead of its representative claim."""
    fix = corrections(obj, reviewer)
    try:
        _say(obj, fix.edit_published_text(group_id, text))
    except ValueError as exc:
        obj.fail(str(exc))


@cli.command("move")
@click.argument("claim_id", type=ID)
@click.argument("group_id", type=ID)
@reviewer_option
@click.pass_obj
@handles_store_errors
def move_cmd(obj: Context, claim_id: int, group_id: int, reviewer: str | None) -> None:
    """Move CLAIM_ID into group GROUP_ID (a reviewer placement later runs keep)."""
    fix = corrections(obj, reviewer)
    try:
        _say(obj, fix.move_claim(claim_id, group_id))
    except ValueError as exc:
        obj.fail(str(exc))
