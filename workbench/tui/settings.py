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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


def parse_keymap(data: dict[str, object], known_ids: Iterable[str], source: str = "keymap",
                 views: Mapping[str, Sequence[Bound]] | None = None) -> dict[str, str]:
    """Check a keymap and return it as {binding id: "key,key"} in Textual's key names.

    Refused with a `KeymapError` (and nothing applied: the app only ever gets
    a keymap that passed): an unknown id, keys that are not key names, and a
    key that would do two things in one view, whether two ids of the keymap
    share it or it is a key the view already uses for another action.
    `views` (default: the app's own, `keymap_views()`) lists each view's
    bindings as (id or None, action, keys).
    """
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
                not k.strip() or any(c.isspace() for c in k.strip()) for k in keys.split(",")):
            raise KeymapError(f"{source}: keys for {binding_id!r} must be a non-empty key name, "
                              "a comma-separated list or a list of key names")
        keymap[binding_id] = ",".join(dict.fromkeys(key_name(k) for k in keys.split(",")))
    if keymap:
        check_clashes(keymap, keymap_views() if views is None else views, source)
    return keymap


# One binding as a view has it: (binding id or None, action, default keys).
Bound = tuple["str | None", str, str]


def key_name(key: str) -> str:
    """A key as Textual names it ("?" -> "question_mark", "]" -> "right_square_bracket")."""
    from textual.keys import _character_to_key

    key = key.strip()
    return _character_to_key(key) if len(key) == 1 else key


def check_clashes(keymap: Mapping[str, str], views: Mapping[str, Sequence[Bound]],
                  source: str = "keymap") -> None:
    """Refuse a keymap under which one key means two actions in one view.

    Each view's keys are worked out as the app will have them (the keymap's
    keys replace an id's default keys); only keys the keymap names are
    checked, so the app's own defaults never make a keymap fail.
    """
    # A built-in key doing what an id does somewhere (a table's own cursor_down
    # beside "cursor-down") is the same action, not a clash.
    does: dict[str, set[str]] = {}
    for bindings in views.values():
        for binding_id, action, _ in bindings:
            if binding_id:
                does.setdefault(binding_id, set()).add(action)
    for view, bindings in views.items():
        owners: dict[str, list[tuple[str, str]]] = {}  # key -> [(who, action)]
        # Keys an id has by default in this view are the app's design, not the keymap's.
        had = {(binding_id, key_name(k)) for binding_id, _, default in bindings if binding_id
               for k in default.split(",") if k.strip()}
        for binding_id, action, default in bindings:
            keys = keymap.get(binding_id, default) if binding_id else default
            who = repr(binding_id) if binding_id else f"the built-in {action!r}"
            for key in dict.fromkeys(key_name(k) for k in keys.split(",") if k.strip()):
                owners.setdefault(key, [])
                if (who, action) not in owners[key]:
                    owners[key].append((who, action))
        for binding_id, keys in keymap.items():
            for key in keys.split(","):
                if (binding_id, key) in had:
                    continue
                others = [who for who, action in owners.get(key, ())
                          if who != repr(binding_id) and not (
                              who.startswith("the built-in") and action in does[binding_id])]
                if others and any(who == repr(binding_id) for who, _ in owners.get(key, ())):
                    raise KeymapError(
                        f"{source}: key {key!r} is bound to both {binding_id!r} and "
                        f"{others[0]} in {view}; give one of them another key")


def keymap_views() -> dict[str, list[Bound]]:
    """Every view of the app with the bindings active in it.

    A main view has the app's keys, its screen's and its list's or table's; a
    dialog has the app's, its own and those of the form widgets dialogs use
    (a text box's ctrl+a, a button's Enter), which win while they are focused.
    """
    from textual.screen import ModalScreen
    from textual.widgets import (
        Button,
        Checkbox,
        DataTable,
        Input,
        OptionList,
        RadioSet,
        Select,
        TextArea,
    )

    from workbench.tui.app import ReviewApp, binding_ids
    from workbench.tui.screens.base import ReviewScreen
    from workbench.tui.screens.detail import GroupDetailScreen
    from workbench.tui.widgets.queue_list import QueueList

    binding_ids()  # imports every screen and dialog module of the app

    def subclasses(cls: type[Any]) -> list[type[Any]]:
        found: list[type[Any]] = []
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("workbench.tui"):
                found.append(sub)
            found += subclasses(sub)
        return found

    def bound(*classes: type[Any]) -> list[Bound]:
        # Each class's bindings as Textual merges them (a subclass's key hides
        # its parent's), one entry per binding with its keys joined.
        out: dict[tuple[int, str | None, str], list[str]] = {}
        for index, cls in enumerate(classes):
            for key, bindings in cls._merge_bindings().key_to_bindings.items():
                for binding in bindings:
                    out.setdefault((index, binding.id, binding.action), []).append(key)
        return [(bid, action, ",".join(keys)) for (_, bid, action), keys in out.items()]

    views: dict[str, list[Bound]] = {}
    # Sorted by name, so which view a clash is reported in never depends on import order.
    for screen in sorted(subclasses(ReviewScreen), key=lambda cls: cls.__name__):
        name = getattr(screen, "HELP_TITLE", screen.__name__).removeprefix("Keys of ")
        # The group view's claims are a DataTable; the queue is a QueueList.
        focus = DataTable if screen is GroupDetailScreen else QueueList
        views[name] = bound(ReviewApp, screen, focus)
    for dialog in sorted(subclasses(ModalScreen), key=lambda cls: cls.__name__):
        if dialog.__name__.startswith("_"):
            continue  # a shared base, never shown itself
        views[f"the {dialog.__name__}"] = bound(ReviewApp, dialog, Button, Checkbox, DataTable,
                                                Input, OptionList, RadioSet, Select, TextArea)
    return views
