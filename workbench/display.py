"""Make untrusted text safe to put on a terminal.

Article text comes from the web: it can hold ANSI escape sequences, other
control characters and strings that look like Rich/Textual markup. Both UI
layers show it through `visible()` as plain `Text`/`Content`, never as markup,
so nothing in an article can style, link or clear the screen.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str | None) -> str:
    """Control characters become visible escapes ('\\x1b'), newlines stay."""
    if not text:
        return ""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def one_line(text: str | None, width: int | None = None) -> str:
    flat = " ".join(visible(text).split())
    if width is not None and len(flat) > width:
        return flat[: max(0, width - 1)] + "…"
    return flat
