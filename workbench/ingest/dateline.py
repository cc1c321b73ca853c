"""Read the dateline that opens a news story and take it off the text.

A dateline is a short head before a dash (or, in South Asian papers, a colon)
that names where the story was filed, who filed it and sometimes when:

    JAKARTA - ...                         Jakarta - ...
    JAKARTA, KOMPAS.com - ...             Liputan6.com, Moskow - ...
    KOMPAS.com - ...                      TEMPO.CO, Jakarta - ...
    Jakarta, CNN Indonesia -- ...         WASHINGTON DC, SATUHARAPAN.COM-...
    MOSKWA (AFP) - ...                    Jakarta (ANTARA) - ...
    WASHINGTON, Oct 13, 2023 (Reuters) -  GAZA CITY, Oct 17 (Reuters) - ...
    KYIV, Ukraine (AP) — ...              (Yerusalem) – ...
    ISLAMABAD: ...

The head is split into comma-separated segments and each segment must read as
one of: a place (one to five capitalised words), an outlet (a site name such as
"KOMPAS.com" or a name from the outlet table), a date ("Oct 13, 2023"), with an
optional agency in parentheses. A head with any segment that reads as none of
these is not a dateline, so an ordinary sentence that happens to contain a dash
is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.ingest import outlets

# Agencies that file the stories other outlets run, as they sign datelines and credits.
WIRE_AGENCIES = frozenset({
    "reuters", "afp", "ap", "associated press", "antara", "xinhua", "bernama", "kyodo", "yonhap",
    "tass", "ria novosti", "sputnik", "anadolu", "aa", "dpa", "upi", "ani", "pti", "ians", "efe",
    "ansa", "pna", "vna", "wafa", "mena", "spa", "kuna", "irna", "bloomberg", "cna", "rtrs",
})

_MONTH = (
    r"(?:jan(?:uari|uary)?|feb(?:ruari|ruary)?|mar(?:et|ch)?|apr(?:il)?|mei|may|jun[ei]?|jul[iy]?|"
    r"agu(?:stus)?|ags|aug(?:ust)?|sep(?:t(?:ember)?)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?|"
    r"des(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_IN_HEAD = re.compile(
    rf"(?:\b{_MONTH}\s+\d{{1,2}}(?:\s*,\s*(?:19|20)\d\d)?|\b\d{{1,2}}\s+{_MONTH}(?:\s+(?:19|20)\d\d)?)\b",
    re.IGNORECASE,
)
# The separator: a dash with a space on at least one side, or a colon after an all-caps place.
_SPLIT = re.compile(r"\s+[-–—]{1,2}\s*|\s*[-–—]{1,2}\s+|(?<=[A-Za-z])[-–—]{1,2}(?=[A-Z\"“])|:\s+")
_WIRE_PAREN = re.compile(r"\(\s*(?P<wire>[^()]{2,40}?)\s*\)\s*$")
_SITE = re.compile(r"^[A-Za-z][\w-]+(?:\.[A-Za-z]{2,})+$")
_PLACE_WORD = r"[A-Z][\w'’.]*(?:-[A-Za-z][\w'’.]*)*"
_CONNECTOR = r"(?:de|da|di|del|es|el|al|la|of|upon|am|an)"  # "Rio de Janeiro", "Dar es Salaam"
_PLACE = re.compile(rf"^{_PLACE_WORD}(?:\s+(?:{_CONNECTOR}\s+)?{_PLACE_WORD}){{0,4}}$")
_PARENTHESES = re.compile(r"\s*\([^()]{1,40}\)")  # "Gaza City (Palestinian Territories)"
_ALL_CAPS = re.compile(r"^[A-Z][A-Z .'’-]*$")
# All-caps labels that open a paragraph with a colon or dash but name no place.
_NOT_PLACES = frozenset({
    "BREAKING", "BREAKING NEWS", "UPDATE", "UPDATED", "WATCH", "VIDEO", "FOTO", "PHOTO", "LIVE",
    "EXCLUSIVE", "EKSKLUSIF", "OPINION", "OPINI", "ANALYSIS", "ANALISIS", "NOTE", "CATATAN",
    "EDITOR'S NOTE", "SUMBER", "SOURCE", "BACA JUGA", "READ MORE", "REPORTER", "EDITOR", "PENULIS",
    "STORY", "BERITA", "WARNING", "PERINGATAN", "DISCLAIMER", "SUMMARY", "RINGKASAN", "HIGHLIGHTS",
    "KEY POINTS", "FACT CHECK", "CEK FAKTA",
    "HOAKS", "HOAX", "KLAIM", "CLAIM", "FAKTA", "FACT", "KESIMPULAN", "CONCLUSION", "Q", "A",
})
MAX_HEAD = 90


@dataclass(frozen=True)
class Dateline:
    place: str | None
    outlet: str | None
    wire: str | None
    date_text: str | None
    rest: str


def parse(paragraph: str) -> Dateline | None:
    """The dateline heading this paragraph and the text after it, or None."""
    text = paragraph.lstrip()
    for match in _SPLIT.finditer(text[: MAX_HEAD + 4]):
        head, rest = text[: match.start()].strip(), text[match.end():].strip()
        if not head or not rest or match.start() > MAX_HEAD:
            break
        colon = match.group().strip() == ":"
        found = _read_head(head, rest, colon=colon, glued=not match.group()[:1].isspace()
                           and not match.group()[-1:].isspace())
        if found:
            return found
    return None


def _names_agencies(text: str) -> bool:
    """'AFP', 'ANTARA News', 'Antara/Anadolu': every part names an agency or an outlet."""
    parts = [p.strip() for p in re.split(r"[/,&]|\s-\s", text) if p.strip()]
    return bool(parts) and all(
        p.lower() in WIRE_AGENCIES or outlets.is_known_outlet_name(p) for p in parts)


def _names_outlet(segment: str) -> bool:
    # "UNITED NATIONS" is a place in a dateline even though un.org is in the outlet table:
    # outlets sign datelines as a site name or in their own casing, not as all-caps phrases.
    if " " in segment and _ALL_CAPS.match(segment):
        return False
    return outlets.is_known_outlet_name(segment)


def _read_head(head: str, rest: str, *, colon: bool, glued: bool) -> Dateline | None:
    wire = None
    paren = _WIRE_PAREN.search(head)
    if paren:
        inside = paren["wire"].strip()
        head = head[: paren.start()].strip()
        if _names_agencies(inside) or not head:
            wire = inside
        else:
            return None
    date_text = None
    dated = _DATE_IN_HEAD.search(head)
    if dated:
        date_text = dated.group().strip()
        head = (head[: dated.start()] + "," + head[dated.end():]).strip(" ,")
    place_parts: list[str] = []
    outlet = None
    for segment in (s.strip() for s in head.split(",")):
        if not segment:
            continue
        if outlet is None and (_SITE.match(segment) or _names_outlet(segment)):
            outlet = segment
        elif _PLACE.match(_PARENTHESES.sub("", segment)) and len(place_parts) < 3:
            place_parts.append(segment)
        else:
            return None
    if wire and not place_parts and not outlet and wire.lower() not in WIRE_AGENCIES:
        place_parts, wire = [wire], None  # "(Yerusalem) –": a place in parentheses
    place = ", ".join(place_parts) or None
    if place is None and outlet is None and wire is None:
        return None
    # "ISLAMABAD: ..." and "Jakarta, Oct 02: ...": a colon ends a dateline only after an
    # all-caps place or a place with its date, never after an outlet or a bare word.
    if colon and not (place and outlet is None and (_ALL_CAPS.match(place_parts[0]) or date_text)):
        return None
    if glued and outlet is None:
        return None
    if place and place.upper() in _NOT_PLACES:
        return None
    if place and not outlet and not wire and not date_text and not _ALL_CAPS.match(place):
        # A bare capitalised head ("Jakarta -") is a dateline only when short, or it is a name.
        if len(place.split()) > 3:
            return None
    return Dateline(place=place, outlet=outlet, wire=wire, date_text=date_text, rest=rest)
