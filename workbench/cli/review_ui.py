"""`workbench review`: ingest and group any given paths, then open the review app."""

from __future__ import annotations

import getpass

import click

from workbench.cli.app import Context, cli, handles_store_errors
from workbench.cli.articles import run_ingest
from workbench.cli.grouping import lang_option
from workbench.review.errors import ReviewError
from workbench.review.names import check_reviewer


def default_reviewer() -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return None


@cli.command("review")
@click.argument("paths", nargs=-1)
@click.option("--reviewer", metavar="NAME",
              help="Name recorded on every verdict (default: your login name).")
@click.option("--model", help="Embedding model for grouping PATHS (default: the bundled one).")
@click.option("--keymap", "keymap_option", metavar="FILE",
              help="JSON or TOML file remapping keys by binding id, e.g. "
                   '{"verdict-supported": "V"} (default: $WORKBENCH_KEYMAP).')
@lang_option
@click.pass_obj
@handles_store_errors
def review_cmd(obj: Context, paths: tuple[str, ...], reviewer: str | None, model: str | None,
               keymap_option: str | None, lang: str | None) -> None:
    """Review claim groups in the terminal (ingests and groups PATHS first, if given)."""
    from workbench.tui import KeymapError, Settings, load_keymap, make_app
    from workbench.tui.app import binding_ids
    from workbench.tui.settings import resolve_keymap_path

    if reviewer is not None:  # given: checked, never replaced by the login name
        try:
            name = check_reviewer(reviewer)
        except ReviewError as exc:
            raise click.BadParameter(str(exc), param_hint="--reviewer") from None
    else:
        name = " ".join((default_reviewer() or "").split())
    if not name:
        raise click.BadParameter("cannot tell your login name; give one", param_hint="--reviewer")
    keymap: dict[str, str] = {}
    keymap_path = resolve_keymap_path(keymap_option)
    if keymap_path is not None:
        try:
            keymap = load_keymap(keymap_path, binding_ids())
        except KeymapError as exc:
            obj.fail(str(exc))
    if paths:
        from workbench.cli.grouping import run_group

        run_ingest(obj, list(paths))
        run_group(obj, model=model, threshold=None)
    try:
        app = make_app(obj.store(), Settings(reviewer=name, keymap=keymap, lang=lang))
    except ValueError as exc:
        obj.fail(str(exc))
        return
    app.run()
