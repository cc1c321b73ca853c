"""The publisher's rating scale for ClaimReview: which name and value each verdict gets.

Fact-checking organisations publish their own scale ("Benar / Menyesatkan /
Salah", "True / Half true / False", numbers from 1 to 5 or 1 to 7). The
workbench's three published verdicts map onto it through a small file, JSON or TOML,
given as `--rating-map FILE` or `$WORKBENCH_RATING_MAP`:

    {"best": 5, "worst": 1,
     "supported": {"name": "True", "value": 5},
     "disputed": {"name": "Misleading", "value": 3},
     "denied": {"name": "False", "value": 1}}

Those are the defaults; a file may give only what differs. A verdict judges
the group's claim, so `supported` is the claim found true and `denied` the
claim found false; the rating names should read as a judgement of the claim
shown in `claimReviewed` (see `claimreview` for how a denial is shown).
`not_checkable` is never published, so it has no rating and a map that
gives it one is refused rather than silently ignored.
"""

from __future__ import annotations

import json
import math
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.models import LABELS, Label

RATING_MAP_ENV = "WORKBENCH_RATING_MAP"
MAX_NAME = 100
MAX_FILE = 64 * 1024
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


#: The labels a ClaimReview can carry: every label but not_checkable.
PUBLISHED: tuple[Label, ...] = tuple(label for label in LABELS if label != "not_checkable")


class RatingMapError(ValueError):
    """A rating map that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Rating:
    name: str
    value: int | float


@dataclass(frozen=True)
class RatingScale:
    ratings: Mapping[str, Rating]
    best: int | float = 5
    worst: int | float = 1

    def of(self, label: str) -> Rating:
        return self.ratings[label]


DEFAULT_SCALE = RatingScale({
    "supported": Rating("True", 5),
    "disputed": Rating("Misleading", 3),
    "denied": Rating("False", 1),
})


def load_scale(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> RatingScale:
    """`path`, else the file `$WORKBENCH_RATING_MAP` names, else the defaults."""
    source = path if path is not None else (os.environ if env is None else env).get(RATING_MAP_ENV)
    if source is None or str(source) == "":
        return DEFAULT_SCALE
    file = Path(source)
    try:
        with file.open("rb") as fh:
            data = fh.read(MAX_FILE + 1)
    except OSError as exc:
        raise RatingMapError(f"rating map {file}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE:
        raise RatingMapError(f"rating map {file}: larger than {MAX_FILE // 1024} KB")
    try:
        text = data.decode("utf-8-sig")
        value: Any = tomllib.loads(text) if file.suffix.lower() == ".toml" else json.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        reason = " ".join(str(exc).split())[:120]
        raise RatingMapError(f"rating map {file}: not valid {_kind(file)} ({reason})") from None
    try:
        return scale_from(value)
    except RatingMapError as exc:
        raise RatingMapError(f"rating map {file}: {exc}") from None


def scale_from(value: Any) -> RatingScale:
    """Check a parsed rating map and fill in the defaults."""
    if not isinstance(value, dict):
        raise RatingMapError("must be an object with supported, disputed, denied, best, worst")
    if "not_checkable" in value:
        raise RatingMapError("not_checkable has no rating: a group judged not checkable is "
                             f"never published (rate {', '.join(PUBLISHED)})")
    unknown = sorted(set(value) - {*PUBLISHED, "best", "worst"})
    if unknown:
        raise RatingMapError(f"unknown key {unknown[0]!r} (use {', '.join(PUBLISHED)}, best, "
                             "worst)")
    best = _number(value.get("best", DEFAULT_SCALE.best), "best")
    worst = _number(value.get("worst", DEFAULT_SCALE.worst), "worst")
    if not worst < best:
        raise RatingMapError(f"worst ({worst}) must be below best ({best})")
    ratings: dict[str, Rating] = {}
    for label in PUBLISHED:
        entry = value.get(label, {})
        if not isinstance(entry, dict):
            raise RatingMapError(f"{label} must be an object with name and value")
        extra = sorted(set(entry) - {"name", "value"})
        if extra:
            raise RatingMapError(f"{label}: unknown key {extra[0]!r} (use name, value)")
        default = DEFAULT_SCALE.of(label)
        name = entry.get("name", default.name)
        if not isinstance(name, str) or not name.strip() or _CONTROL.search(name) \
                or len(name) > MAX_NAME:
            raise RatingMapError(f"{label}: name must be one line of visible text "
                                 f"(1 to {MAX_NAME} characters)")
        number = _number(entry.get("value", default.value), f"{label} value")
        if not worst <= number <= best:
            raise RatingMapError(f"{label}: value {number} is outside worst..best "
                                 f"({worst}..{best})")
        ratings[label] = Rating(" ".join(name.split()), number)
    return RatingScale(ratings, best, worst)


def _number(value: Any, what: str) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise RatingMapError(f"{what} must be a finite number")
    return value


def _kind(file: Path) -> str:
    return "TOML" if file.suffix.lower() == ".toml" else "JSON"
