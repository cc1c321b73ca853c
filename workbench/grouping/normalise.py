"""One name per thing across Indonesian and English, for comparing claims.

Two reports of one claim in the two languages share few character n-grams, so
grouping compares what survives translation: names, places, institutions and
quantities. Those survive only if written alike, and the two languages write
many of them differently ("Korea Utara", "Korut", "North Korea", "DPRK";
"AS", "Amerika Serikat", "US"; "Gedung Putih", "White House"). This module
maps each such name to one canonical token, so "Korut" and "North Korean" and
"DPRK" all read ``north-korea``.

The table below is a table of the two languages' news vocabulary: countries,
their demonyms and the abbreviations Indonesian outlets use (Korut, Korsel,
AS, PBB, UE), regions and capitals that stand for governments, and the
calendar (months and weekdays). Institutions come from the extractor's
bilingual institution table (``workbench.extract.institutions``), so a
speaker written "Gedung Putih" on one page and "the White House" on another
gets one key. Quantities are read by ``numbers.py`` ("1.000" = "1,000",
"dua pekan" = "two weeks" = 2).

Nothing here raises on odd text: every function takes any string.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from workbench.extract.institutions import ALIASES as INSTITUTION_ALIASES

# canonical token | names in English and Indonesian (case-insensitive; a
# name is matched as whole words). Demonyms map to their country: "Russian
# officials" and "pejabat Rusia" both mention Russia.
_PLACES = """
north-korea | north korea | north korean | north koreans | dprk | democratic people's republic of korea
    | korea utara | korut | pyongyang
south-korea | south korea | south korean | south koreans | republic of korea | rok | korea selatan
    | korsel | seoul
united-states | united states | united states of america | us | u.s. | usa | u.s.a. | america
    | american | americans | amerika serikat | amerika | as | washington
russia | russia | russian | russians | russian federation | rusia | federasi rusia | moscow | moskow
ukraine | ukraine | ukrainian | ukrainians | ukraina | kyiv | kiev
china | china | chinese | people's republic of china | prc | tiongkok | cina | beijing
japan | japan | japanese | jepang | tokyo
united-kingdom | united kingdom | uk | u.k. | britain | great britain | british | inggris
    | britania raya | london
germany | germany | german | germans | jerman | berlin
france | france | french | prancis | perancis | paris
netherlands | netherlands | dutch | belanda
sweden | sweden | swedish | swedia | stockholm
denmark | denmark | danish | denmark | kopenhagen | copenhagen
norway | norway | norwegian | norwegia | oslo
poland | poland | polish | polandia
finland | finland | finnish | finlandia
italy | italy | italian | italia
spain | spain | spanish | spanyol
turkey | turkey | turkish | turki | turkiye | türkiye | ankara
iran | iran | iranian | iranians | teheran | tehran
iraq | iraq | iraqi | irak
syria | syria | syrian | suriah
israel | israel | israeli | israelis | tel aviv
palestine | palestine | palestinian | palestinians | palestina
gaza | gaza | gaza strip | jalur gaza
west-bank | west bank | tepi barat
lebanon | lebanon | lebanese | libanon
egypt | egypt | egyptian | mesir | kairo | cairo
jordan | jordan | jordanian | yordania
saudi-arabia | saudi arabia | saudi | arab saudi
qatar | qatar | qatari
yemen | yemen | yemeni | yaman
india | india | indian | new delhi
pakistan | pakistan | pakistani
afghanistan | afghanistan | afghan | afganistan
australia | australia | australian | australians | canberra
new-zealand | new zealand | selandia baru
indonesia | indonesia | indonesian | indonesians | ri | republik indonesia | jakarta
malaysia | malaysia | malaysian | kuala lumpur
singapore | singapore | singaporean | singapura
philippines | philippines | philippine | filipino | filipina | manila
thailand | thailand | thai | bangkok
vietnam | vietnam | vietnamese | hanoi
myanmar | myanmar | burma | burmese
taiwan | taiwan | taiwanese | taipei
belarus | belarus | belarusian
european-union | european union | eu | uni eropa | ue
united-nations | united nations | un | u.n. | perserikatan bangsa-bangsa | pbb
nato | nato | north atlantic treaty organization | pakta pertahanan atlantik utara
asean | asean | association of southeast asian nations
middle-east | middle east | timur tengah
east-java | east java | jawa timur | jatim
west-java | west java | jawa barat | jabar
central-java | central java | jawa tengah | jateng
baltic-sea | baltic sea | baltic | laut baltik
black-sea | black sea | laut hitam
"""

# The calendar: a date written in either language names the same day.
_CALENDAR = """
january | january | jan | januari
february | february | feb | februari
march | march | maret
april | april | apr
may | may | mei
june | june | jun | juni
july | july | jul | juli
august | august | aug | agustus | agu
september | september | sep | sept
october | october | oct | oktober | okt
november | november | nov | nopember
december | december | dec | desember | des
monday | monday | senin
tuesday | tuesday | selasa
wednesday | wednesday | rabu
thursday | thursday | kamis
friday | friday | jumat | jum'at
saturday | saturday | sabtu
sunday | sunday | minggu
"""

# Short names that are also common words in one of the languages: they count
# only when written in capitals as an abbreviation ("AS", "US", "UN", "RI").
_CASE_SENSITIVE = frozenset({"as", "us", "un", "ri", "eu", "ue", "uk", "may", "mei", "jan", "jun",
                             "jul", "apr", "aug", "agu", "sep", "oct", "okt", "nov", "dec", "des",
                             "feb", "rok", "prc", "saudi", "minggu", "sept"})


@lru_cache(maxsize=262144)
def _fold(text: str) -> str:
    """Accent-free, lowercase, punctuation as spaces: the form names are looked up in."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^\w']+|_", " ", plain.casefold().replace("’", "'")).strip()


def _parse(table: str) -> dict[str, str]:
    rows: list[str] = []
    for line in table.strip().splitlines():
        if line.strip().startswith("|") and rows:
            rows[-1] += line
        else:
            rows.append(line)
    out: dict[str, str] = {}
    for row in rows:
        canonical, *names = [part.strip() for part in row.split("|")]
        for name in names:
            if name:
                out.setdefault(_fold(name), canonical)
    return out


def _institutions() -> dict[str, str]:
    """The extractor's institution aliases, keyed like the other tables."""
    out: dict[str, str] = {}
    for alias, canonical in INSTITUTION_ALIASES.items():
        key = _fold(alias)
        if key:
            out.setdefault(key, "inst:" + re.sub(r"\s+", "-", _fold(canonical)))
    return out


PLACES: dict[str, str] = _parse(_PLACES)
CALENDAR: dict[str, str] = _parse(_CALENDAR)
INSTITUTIONS: dict[str, str] = _institutions()
#: every alias (folded) -> canonical token; institutions win over places
#: ("Kementerian Pertahanan Rusia" is the ministry, not just Russia)
TABLE: dict[str, str] = {**CALENDAR, **PLACES, **INSTITUTIONS}
#: first word of each table name -> the most words a name starting with it has
_STARTS: dict[str, int] = {}
for _key in TABLE:
    _first, *_rest = _key.split()
    _STARTS[_first] = max(_STARTS.get(_first, 0), 1 + len(_rest))
_TOKEN = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*", re.UNICODE)


def anchors(text: str) -> tuple[str, ...]:
    """Canonical tokens of the places, institutions and dates ``text`` names, in order.

    The longest alias wins at each position ("Korea Utara" before "Korea"),
    and short aliases that are ordinary words in lowercase ("as", "us")
    count only when the text writes them as capitals.
    """
    return _analyse(text)[0] if isinstance(text, str) else ()


@lru_cache(maxsize=65536)
def _analyse(text: str) -> tuple[tuple[str, ...], str]:
    """(anchors, text with the table's names blanked out), read in one pass."""
    if not text:
        return (), text
    matches = list(_TOKEN.finditer(text))
    spans = _scan([m.group(0) for m in matches])
    if not spans:
        return (), text
    chars = list(text)
    for _, lo, hi in spans:
        for pos in range(matches[lo].start(), matches[hi - 1].end()):
            chars[pos] = " "
    return tuple(canonical for canonical, _, _ in spans), "".join(chars)


def _scan(words: list[str]) -> list[tuple[str, int, int]]:
    """(canonical token, first word, end word) for each table name among ``words``."""
    folded = [_fold(w) for w in words]
    found: list[tuple[str, int, int]] = []
    i = 0
    while i < len(words):
        # a token may fold to several words ("U.S" -> "u s"); a name has at
        # most as many tokens as words, so the word count bounds the search
        longest = _STARTS.get(folded[i].split(" ", 1)[0], 0)
        if not longest:
            i += 1
            continue
        for size in range(min(longest, len(words) - i), 0, -1):
            key = " ".join(folded[i:i + size])
            canonical = TABLE.get(key)
            if canonical is None:
                continue
            if size == 1 and key in _CASE_SENSITIVE and not _written_as_name(words[i]):
                continue
            found.append((canonical, i, i + size))
            i += size
            break
        else:
            i += 1
    return found


def _written_as_name(word: str) -> bool:
    """"AS", "U.S.", "Mei": capitalised as a name, not the common word ("as", "us", "mei")."""
    letters = [ch for ch in word if ch.isalpha()]
    if not letters:
        return False
    if len(letters) <= 3:
        return all(ch.isupper() for ch in letters)
    return letters[0].isupper()


@lru_cache(maxsize=65536)
def speaker_keys(speaker: str | None) -> frozenset[str]:
    """What identifies a speaker across pages and languages.

    A known institution or place is its canonical token ("Gedung Putih" and
    "the White House" -> one key); a person is the set of their longer name
    words ("Joe Biden" and "Biden" share "biden"; "Russia's Dmitry
    Polyanskiy" and "Dmitry Polyanskiy" share "polyanskiy").
    """
    if not isinstance(speaker, str) or not speaker.strip():
        return frozenset()
    words = _TOKEN.findall(speaker)
    spans = _scan(words)
    keys = {canonical for canonical, _, _ in spans}
    covered = {i for _, lo, hi in spans for i in range(lo, hi)}
    for i, word in enumerate(words):
        plain = _fold(word).removesuffix("'s").rstrip(".")
        if i not in covered and len(plain) >= 3 and word[:1].isupper() and plain not in _SPEAKER_FILLER:
            keys.add(plain)
    return frozenset(keys)


# words of a speaker phrase that name no one ("the", "pihak", titles are kept
# out by the capital-letter rule unless they start the phrase)
_SPEAKER_FILLER = frozenset({"the", "pihak", "kantor", "juru", "bicara", "spokesman", "spokeswoman",
                             "spokesperson", "president", "presiden", "minister", "menteri",
                             "officials", "official", "pejabat", "said", "says"})


def rewrite(text: str) -> str:
    """``text`` with each table name written one way, in English ("Korut" -> "North Korea").

    For feeding an encoder: it then sees one spelling of a place or an
    institution whichever language or abbreviation the page used. Words the
    table does not know, and everything between them, are kept as written.
    """
    if not isinstance(text, str) or not text:
        return "" if not isinstance(text, str) else text
    matches = list(_TOKEN.finditer(text))
    spans = _scan([m.group(0) for m in matches])
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for canonical, lo, hi in spans:
        start, end = matches[lo].start(), matches[hi - 1].end()
        out.append(text[pos:start])
        out.append(_READABLE.get(canonical) or canonical.removeprefix("inst:").replace("-", " ").title())
        pos = end
    out.append(text[pos:])
    return "".join(out)


#: canonical token -> the English name ``rewrite`` writes (the first name of its row)
_READABLE: dict[str, str] = {
    **{"inst:" + re.sub(r"\s+", "-", _fold(c)): c for c in set(INSTITUTION_ALIASES.values())},
}


def without_anchors(text: str) -> str:
    """``text`` with the table's names blanked out, for reading the names it does not know.

    Grouping counts a known place or institution once, as its canonical token;
    its words ("Korea", "Utara", "Rusia") must not count again as names, or
    the same place written in two languages would look like different names.
    """
    return _analyse(text)[1] if isinstance(text, str) else ""


_QUOTES = re.compile(r"[\"“”„«»]|(?<!\w)['‘’]|['‘’](?!\w)")
_PAREN_DATE = re.compile(r"\s*\(\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?\s*\)")
_SPACES = re.compile(r"\s{2,}")


def embedding_text(content: str) -> str:
    """What the encoder reads of a claim's content: no quote marks, no "(17/10/2023)" dates.

    Quote marks and the Indonesian parenthesised date after a weekday
    ("Selasa (17/10)") say how a page wrote the claim, not what it claims;
    left in, they pull reports of one outlet's style together.
    """
    if not isinstance(content, str):
        return ""
    text = _PAREN_DATE.sub("", content)
    text = _QUOTES.sub("", text)
    return _SPACES.sub(" ", text).strip()
