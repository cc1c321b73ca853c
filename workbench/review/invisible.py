"""Characters a reader cannot see, which make text display as something it is not.

Evidence links and reviewer names are shown to colleagues and exported for
readers, so text that would display differently from what it is gets
refused, not cleaned: bidi controls (`https://example.com/\u202egpj.exe` shows
as `exe.jpg`), zero-width characters that split or join words unseen,
terminal control and escape characters, unpaired surrogates and private-use
code points.

The table is Unicode's, not ours: the general categories Cc (control), Cf
(format: bidi, zero-width, soft hyphen, BOM), Cs (surrogate), Co (private
use), Cn (unassigned: nothing to show yet), Zl and Zp (line and paragraph
separators), plus the code points of the
Default_Ignorable_Code_Point property (DerivedCoreProperties.txt) that are
not in those categories, such as the Hangul fillers and variation selectors
that render as nothing.
"""

from __future__ import annotations

import re
import unicodedata

HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})

# Default_Ignorable_Code_Point ranges outside the categories above (Unicode 15.1).
_IGNORABLE_RANGES = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul choseong/jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian free variation selectors and vowel separator
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFF8),  # unassigned specials
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE0FFF),  # tags and variation selectors supplement
)


def is_hidden(char: str) -> bool:
    """Whether `char` is invisible or changes how the text around it displays."""
    if unicodedata.category(char) in HIDDEN_CATEGORIES:
        return True
    point = ord(char)
    return any(low <= point <= high for low, high in _IGNORABLE_RANGES)


def first_hidden(text: str, *, spaces: bool = False) -> str | None:
    """The first hidden character as `U+202E (RIGHT-TO-LEFT OVERRIDE)`, else None.

    With `spaces`, any whitespace counts as hidden too (a URL holds none).
    """
    if text.isascii():  # the usual case, checked at C speed: only ASCII controls hide
        found = (_ASCII_SPACE_OR_CONTROL if spaces else _ASCII_CONTROL).search(text)
        return None if found is None else _describe(found.group())
    for char in text:
        if is_hidden(char) or (spaces and (char.isspace() or
                                           unicodedata.category(char) == "Zs")):
            return _describe(char)
    return None


_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ASCII_SPACE_OR_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")
