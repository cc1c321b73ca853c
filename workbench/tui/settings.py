"""What the review app is handed besides the store: reviewer, keymap, polling.

The keymap is a small file that remaps keys by binding id, JSON or TOML:

    {"verdict-supported": "S", "undo": "z,backspace"}

    verdict-supported = "S"
    undo = ["z", "backspace"]

It comes from `--keymap FILE` or `$WORKBENCH_KEYMAP`, is read by the command
(never at import time) and checked against the ids the app's bindings carry,
so a typo is reported instead of silently ignored.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

KEYMAP_ENV = "WORKBENCH_KEYMAP"


class KeymapError(ValueError):
    """A keymap file that cannot be used; the message is fit for a user."""


@dataclass(frozen=True)
class Settings:
    reviewer: str
    keymap: dict[str, str] = field(default_factory=dict)
    poll_seconds: float = 2.0  # how often to look for other sessions' commits (0: never)
    export_dir: Path = Path(".")
    # The reviewer's reading language ("id", "en"): each group is shown by a
    # member in it where it has one (`--lang`, `$WORKBENCH_LANG`); None: the
    # language most of the group's members share.
    lang: str | None = None


def resolve_keymap_path(option: str | None) -> Path | None:
    """--keymap beats $WORKBENCH_KEYMAP; neither means the default keys."""
    value = option or os.environ.get(KEYMAP_ENV)
    return Path(value) if value else None


def load_keymap(path: Path, known_ids: Iterable[str]) -> dict[str, str]:
    """Read a keymap file (JSON, or TOML for a .toml suffix) into {binding id: keys}."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KeymapError(f"{path}: cannot read the keymap ({exc.strerror or exc})") from exc
    try:
        if path.suffix.lower() == ".toml":
            data: object = tomllib.loads(raw)
        else:
            data = json.loads(raw)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        kind = "TOML" if path.suffix.lower() == ".toml" else "JSON"
        raise KeymapError(f"{path}: not valid {kind} ({exc})") from exc
    if isinstance(data, dict) and isinstance(data.get("keymap"), dict):
        data = data["keymap"]
    if not isinstance(data, dict):
        raise KeymapError(f"{path}: expected a table of binding id = keys")
    return parse_keymap(data, known_ids, source=str(path))


def parse_keymap(data: dict[str, object], known_ids: Iterable[str], source: str = "keymap") \
        -> dict[str, str]:
    known = set(known_ids)
    keymap: dict[str, str] = {}
    for binding_id, keys in data.items():
        if binding_id not in known:
            raise KeymapError(
                f"{source}: unknown binding id {binding_id!r} "
                f"(known ids: {', '.join(sorted(known))})"
            )
        if isinstance(keys, list) and keys and all(isinstance(k, str) for k in keys):
            keys = ",".join(keys)
        if not isinstance(keys, str) or not keys.strip() or any(
                not k.strip() for k in keys.split(",")):
            raise KeymapError(f"{source}: keys for {binding_id!r} must be a non-empty key name, "
                              "a comma-separated list or a list of key names")
        keymap[binding_id] = ",".join(k.strip() for k in keys.split(","))
    return keymap
