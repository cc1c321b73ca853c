"""Find the quantities a claim states, so that claims can agree or conflict on them.

Sentence encoders barely see numbers: "1,000 containers" and "60,000 shells"
embed close together, while "1.000 kontainer" (Indonesian) and "1,000
containers" (English) are the same quantity written two ways. This module turns
the quantities in a sentence into a set of plain floats, the same set whichever
of the two conventions wrote them:

- "1.000", "1,000", "seribu", "a thousand" -> 1000.0
- "2,5 juta", "2.5 million" -> 2500000.0
- "dua lusin", "two dozen" -> 24.0; "dua hari", "two-day" -> 2.0

Dates are not quantities of the claim ("Selasa (17/10/2023)", "September 1",
"2023") and are dropped, since two reports of one claim often date it
differently or not at all. Vague amounts ("jutaan", "millions of") are dropped
too: they neither agree nor conflict with anything reliably.

Grouping reads more than the value (``read_quantities``): a figure put below
a value ("lower than the 471 reported") is "<471", which conflicts with "471
were killed" instead of sharing it, and the words after a figure that the
bilingual glossary knows say what it counts ("empat kebocoran" and "four
leaks": leak), so that "four leaks" and "four blasts" share no quantity.
"""

from __future__ import annotations

import math
import re

from workbench.grouping.glossary import is_function_word, unit_concepts

# Scale words that multiply the number before them ("2,5 juta").
_SCALES: dict[str, float] = {
    "lusin": 12.0,
    "dozen": 12.0,
    "ratus": 100.0,
    "hundred": 100.0,
    "ribu": 1e3,
    "thousand": 1e3,
    "juta": 1e6,
    "million": 1e6,
    "mln": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "billion": 1e9,
    "bn": 1e9,
    "triliun": 1e12,
    "trillion": 1e12,
}
# "se-" prefixed Indonesian forms: one of the scale ("seribu" = a thousand).
_SE_SCALES: dict[str, float] = {"se" + word: value for word, value in _SCALES.items()}
_SE_SCALES["sepuluh"] = 10.0
# Number words. "one"/"satu" are left out on their own: "one of", "salah satu"
# and "no one" are far more common in news than the quantity one.
_WORDS: dict[str, float] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
    "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9, "sebelas": 11,
}
# Words that are a number only when a scale follows ("a thousand", "one million").
_SCALE_ONLY: dict[str, float] = {"a": 1.0, "an": 1.0, "one": 1.0, "satu": 1.0}
_MONTHS = (
    "januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember|"
    "january|february|march|may|june|july|august|october|december|"
    "jan|feb|mar|apr|jun|jul|aug|agu|agt|sep|sept|oct|okt|nov|dec|des"
)
_DATE_RE = re.compile(
    r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{4}-\d{1,2}-\d{1,2}\b"  # 17/10/2023, 2023-10-17
    rf"|\b\d{{1,2}}\s+(?:{_MONTHS})\b"  # 1 Oktober
    rf"|\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b",  # September 1st
    re.IGNORECASE,
)
_SCALE_WORDS = "|".join(sorted(_SCALES, key=len, reverse=True))
# Only the tokens that can start a quantity: digits, number words, "se-" words,
# and "a"/"one"/"satu" when a scale word follows. Scanning for these instead of
# every word keeps extraction at a few microseconds per sentence.
_START_RE = re.compile(
    r"(?<![\w.,])\d+(?:[.,]\d+)*"
    r"|\b(?:" + "|".join(sorted(list(_WORDS) + list(_SE_SCALES), key=len, reverse=True)) + r")\b"
    r"|\b(?:a|an|one|satu)(?=\s+(?:" + _SCALE_WORDS + r")\b)",
    re.IGNORECASE,
)
_SCALE_AFTER_RE = re.compile(r"\s+(" + _SCALE_WORDS + r")\b", re.IGNORECASE)
_DIGIT_RE = re.compile(r"\d")
_NUMERAL_RE = re.compile(r"\d+(?:[.,]\d+)*")
_LETTERS_RE = re.compile(r"[a-z]+")
_START_WORDS = frozenset(_WORDS) | frozenset(_SE_SCALES) | frozenset(_SCALES)


def parse_numeral(token: str) -> float | None:
    """Value of a digit string written with either thousands convention.

    "1.000" (Indonesian) and "1,000" (English) are both 1000, "2,5" and "2.5"
    both 2.5: a lone separator followed by exactly three digits is a thousands
    separator, anything else is a decimal point, and where both separators
    occur the last one is the decimal point. A string that fits neither
    convention ("2.5,5.5", a missing space in a list; "1,5.000.000", a typo)
    is None: a quantity that cannot be read neither agrees nor conflicts with
    another, and guessing would invent one.
    """
    if not _NUMERAL_RE.fullmatch(token):
        return None
    if "." in token and "," in token:
        decimal = "." if token.rfind(".") > token.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        head, _, tail = token.rpartition(decimal)
        if decimal in head:  # the decimal mark used twice: not one number
            return None
        return _to_float(head.replace(thousands, "") + "." + tail)
    for sep in (".", ","):
        if sep in token:
            head, _, tail = token.rpartition(sep)
            if token.count(sep) > 1 or (len(tail) == 3 and head.strip("0") != ""):
                return _to_float(token.replace(sep, ""))
            return _to_float(token.replace(sep, "."))
    return _to_float(token)


def _to_float(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _is_year(token: str, value: float) -> bool:
    return token.isdigit() and len(token) == 4 and 1900 <= value <= 2100


def _canonical(value: float) -> float:
    # six significant digits: "2,5 juta" and "2.5 million" must compare equal
    # after float multiplication
    return float(f"{value:.6g}")


def extract_numbers(text: str) -> frozenset[float]:
    """The quantities stated in ``text`` (dates, years and vague amounts left out)."""
    return frozenset(value for value, _, _ in _quantities(text))


def read_quantities(text: str, lang: str | None = None) -> tuple[str, ...]:
    """The quantities of ``text`` (in language ``lang``) as the tokens
    grouping compares: a value's shortest repr, and "<" before it where the
    claim puts the figure below that value ("lower than the 471 reported",
    "far fewer than the nearly 500 deaths", "lebih rendah dibandingkan 471
    korban"). Such a claim disputes the figure, so it must conflict with "471
    were killed", not share its quantity; two claims that both put it below
    471 agree. Where ``lang`` is given and the words after the figure are
    ones the bilingual glossary knows, their concepts follow an "@"
    ("4.0@leak"): "four leaks" and "four blasts" share no quantity
    (``value_of``, ``unit_of_token`` split a token)."""
    tokens = set()
    for value, below, unit in _quantities(text, lang):
        token = f"<{value!r}" if below else repr(value)
        tokens.add(f"{token}@{unit}" if unit else token)
    return tuple(sorted(tokens))


def value_of(token: str) -> str:
    """A quantity token without its unit: what two claims must share."""
    return token.partition("@")[0]


def unit_of_token(token: str) -> str | None:
    """A quantity token's unit concept, or None."""
    return token.partition("@")[2] or None


# The words after a figure, up to the end of its phrase.
_AFTER_RE = re.compile(r"\s*(%|[^\W\d_][\w'’]*|\S)")
# Verb forms end what a figure counts ("320 reported", "4 kebocoran
# ditemukan"): English -ed/-ing, Indonesian di-/me-/ber-/ter- words. A noun
# taken for a verb only leaves the unit unknown, which never separates.
_VERB_FORM = re.compile(r"^(?:\w{3,}(?:ed|ing)|(?:di|me|ber|ter)\w{4,})$", re.IGNORECASE)
# How many words after a figure may name what it counts ("four large gas
# leaks", "38.000 lembar tiket").
UNIT_WORDS = 3


def _units_after(text: str, end: int, lang: str) -> str | None:
    """The glossary concepts of the few words after a figure, up to a
    function word or punctuation, sorted and joined by "+" ("empat kebocoran
    gas besar" -> "gas+large+leak"); None where the glossary knows none."""
    words: list[str] = []
    while len(words) < UNIT_WORDS:
        word = _AFTER_RE.match(text, end)
        if word is None:
            break
        end = word.end()
        token = word.group(1)
        if token == "%":
            return "percent"
        if not token[0].isalpha() or is_function_word(token) or _VERB_FORM.match(token):
            break  # punctuation, "of", "yang", a verb: the figure's phrase ends
        words.append(token)
    return "+".join(sorted(unit_concepts(words, lang))) or None if words else None


def units_compatible(a: str | None, b: str | None) -> bool:
    """Whether two figures' units may count the same thing: either unknown,
    or a concept in common."""
    return a is None or b is None or not set(a.split("+")).isdisjoint(b.split("+"))


# An upper-bound comparative right before a quantity, in either language,
# with the few words that may stand between ("far fewer than the nearly 500").
_BELOW_RE = re.compile(
    r"(?:(?:fewer|less|lower|smaller)\s+than|below"
    r"|(?:jauh\s+)?(?:lebih\s+(?:rendah|sedikit|kecil)|kurang)\s+"
    r"(?:dari(?:pada)?|dibandingkan(?:\s+dengan)?|dibanding)|di\s+bawah)"
    r"(?:\s+(?:the|a|an|nearly|almost|about|around|some|roughly|approximately|estimated|reported"
    r"|sekitar|hampir|kira-kira|angka|jumlah))*\s*(?:(?:rp|usd|idr|us|s)?\.?\s*[$€£]?\s*)?$",
    re.IGNORECASE,
)


def _quantities(text: str, lang: str | None = None) -> list[tuple[float, bool, str | None]]:
    """(value, stated as an upper bound, unit concept) for each quantity of
    ``text``; units are read only where ``lang`` is given."""
    # cheap exit for the many sentences without any quantity
    digits = _DIGIT_RE.search(text) is not None
    if not digits and _START_WORDS.isdisjoint(_LETTERS_RE.findall(text.lower())):
        return []
    # every date pattern has digits: a text without any has no date to remove
    clean = (_DATE_RE.sub(" ", text) if digits else text).replace("-", " ")
    found: list[tuple[float, bool, str | None]] = []
    for match in _START_RE.finditer(clean):
        # casefold, not lower: IGNORECASE also matches "ſix" and the Kelvin
        # sign, whose lower() is not the table's spelling
        token = match.group(0).casefold()
        value: float | None
        if token[0].isdigit():
            value = parse_numeral(token)
            if value is None or _is_year(token, value):
                continue
        else:
            value = _SE_SCALES.get(token) or _WORDS.get(token) or _SCALE_ONLY.get(token)
            if value is None:
                continue
        # apply following scale words: "2,5 juta", "two dozen", "1 million"
        end = match.end()
        while scale := _SCALE_AFTER_RE.match(clean, end):
            value *= _SCALES.get(scale.group(1).casefold(), 1.0)
            end = scale.end()
        if math.isfinite(value):
            before = clean[max(0, match.start() - 60):match.start()]
            unit = _units_after(clean, end, lang) if lang is not None else None
            found.append((_canonical(value), _BELOW_RE.search(before) is not None, unit))
    return found


def number_agreement(a: frozenset[float], b: frozenset[float]) -> float:
    """+1 when two claims share a quantity, -1 when both state some and none match.

    0 when either states none: silence about a number is not disagreement
    ("Lavrov lands in Pyongyang" vs "... for a two-day visit").
    """
    if not a or not b:
        return 0.0
    return 1.0 if a & b else -1.0
