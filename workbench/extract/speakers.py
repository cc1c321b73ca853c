"""Who a speaker phrase names: a person, an institution, or someone named before.

A reporting verb's subject is a phrase ("juru bicara Kremlin Dmitry Peskov
kepada kantor berita Rusia", "Adrienne Watson, a spokeswoman for the White
House", "they", "the spokesman"). `reduce_speaker` turns it into the name a
reviewer wants to see, or None when the phrase names nobody: a dateline, a
verb, a function word or a common noun is never a speaker. Pronouns and
definite role descriptions ("the spokesman", "pejabat tersebut") resolve to
the last named speaker, as CoreNLP's quote attribution does.

`canonical_name` and `same_person` let the store treat "Kirby" and "John
Kirby", or "Sergei" and "Sergey Lavrov", as one speaker, and "Gedung Putih"
and "White House" as one institution.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from workbench.extract import lexicon
from workbench.extract.institutions import canonical_institution
from workbench.ingest.outlet_table import NEWS_OUTLETS

# Sentinel: the phrase points back to the previous speaker.
_BACK = "\x00back"

_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_CUT = re.compile(
    r"\s+(?:pada|kepada|dalam|di|saat|ketika|seperti|sambil|dengan|menggunakan|melalui|lewat|via|"
    r"on|to|in|at|when|while|last|during|through|after|before|dari|from)\s+.*$"
    r"|\s*\(.*$",
    re.IGNORECASE | re.DOTALL,
)
_PREFIX = re.compile(
    r"^(?:the|a|an|seorang|para|pihak|sang|kata|ujar|menurut|according\s+to|"
    r"(?:also|juga|then|lalu|kemudian|and|dan|but|namun|sementara|meanwhile),?)\s+",
    re.IGNORECASE,
)
# "A statement from the UN", "Laporan dari Human Rights Watch", "Pernyataan
# Kementerian Luar Negeri": what was published, before who published it
_DOCUMENT_OF = re.compile(
    rf"^(?:(?:the|a|an)\s+)?(?:{lexicon.alternation(lexicon.DOCUMENT_NOUNS)})"
    r"(?:\s+(?:from|by|of|issued\s+by|released\s+by|dari|oleh))?\s+(?=(?:the\s+)?[A-Z])",
    re.IGNORECASE,
)
_GROUP_NOUNS = frozenset(
    """officials pejabat police polisi witnesses saksi residents warga analysts analis experts
    pakar ahli sources sumber investigators penyidik authorities otoritas observers pengamat
    prosecutors doctors dokter medics rescuers survivors korban families keluarga activists aktivis
    diplomats officers petugas aparat lawmakers legislators""".split()
)
_ROLE_PATTERN = re.compile(
    rf"^(?:(?:{lexicon.alternation(lexicon.ROLE_NOUNS)})(?:\s+\w+)?\s+(?:itu|tersebut|ini)"
    rf"|(?:the|this|that)\s+(?:\w+\s+)?(?:{lexicon.alternation(lexicon.ROLE_NOUNS)}))$",
    re.IGNORECASE,
)
_DEFINITE_INSTITUTION = re.compile(
    rf"^(?:the|this|that)\s+(?:{lexicon.alternation(lexicon.INSTITUTION_HEADS)})$"
    rf"|^(?:{lexicon.alternation(lexicon.INSTITUTION_HEADS)})\s+(?:itu|tersebut|ini)$",
    re.IGNORECASE,
)
_ROLE_WORDS = frozenset(w for role in lexicon.ROLE_NOUNS for w in role.split())
_INDEFINITE = re.compile(r"^(?:a|an|seorang|sejumlah|some|several|beberapa)\s", re.IGNORECASE)
_NAME_PARTICLES = frozenset("bin binti van von de der da al el ibn dos du la le".split())
_TOKEN_STRIP = ",.;:()[]{}\"'“”‘’«»"


# An initialism written with dots ("U.S.", "U.N.", "E.U."): one name, the
# same as its undotted form ("US"), so the dots go.
_DOTTED_INITIALISM = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,})")


def clean_phrase(phrase: str) -> str:
    phrase = _INVISIBLE.sub("", phrase)
    phrase = _DOTTED_INITIALISM.sub(lambda m: m.group(1).replace(".", ""), phrase)
    phrase = phrase.strip().strip(_TOKEN_STRIP + " -–—").strip()
    return re.sub(r"\s+", " ", phrase)


def reduce_speaker(phrase: str, previous: str | None = None) -> str | None:
    """The person or institution `phrase` names; `previous` for pronouns and roles."""
    phrase = _DOCUMENT_OF.sub("", clean_phrase(phrase), count=1)
    if not phrase or len(phrase) > 200:
        return None
    found: list[str] = []
    back = False
    for segment in phrase.split(","):
        name = _name_in(segment)
        if name == _BACK:
            back = True
        elif name:
            found.append(name)
    if not found:
        if back:
            return previous
        role = _role_description(phrase)
        if role and previous is not None and not _INDEFINITE.match(phrase):
            return previous
        return role
    people = [name for name in found if looks_like_person(name)]
    return people[0] if people else found[0]


def _role_description(phrase: str) -> str | None:
    """'juru bicara kementerian', 'the ministry spokesman': a role with no name. It refers
    back to the last named speaker unless indefinite ('a defence ministry official')."""
    words = [w.strip(_TOKEN_STRIP).lower() for w in _CUT.sub("", phrase).split()]
    words = [w for w in words if w and w not in {"the", "a", "an", "seorang", "for", "of", "itu", "tersebut"}]
    known = lexicon.TITLE_WORDS | lexicon.INSTITUTION_HEADS | _ROLE_WORDS
    if words and all(w in known for w in words) and any(w in _ROLE_WORDS for w in words):
        return " ".join(words)
    return None


def _name_in(segment: str) -> str | None:
    segment = clean_phrase(_CUT.sub("", clean_phrase(segment)))
    if _ROLE_PATTERN.match(segment) or _DEFINITE_INSTITUTION.match(segment):
        return _BACK  # "the spokesman", "pejabat tersebut", "the ministry"
    while (stripped := _PREFIX.sub("", segment)) != segment:
        segment = stripped
    if not segment:
        return None
    lowered = segment.lower()
    if lowered in lexicon.PRONOUNS:
        return _BACK
    words = [w.strip(_TOKEN_STRIP) for w in segment.split()]
    words = [w for w in words if w]
    # "Two US officials", "Kedua negara", "All": a count or quantifier says how
    # many spoke, not who; what follows it may still name them.
    while words and words[0].lower() in lexicon.NOT_NAMES:
        words = words[1:]
    if not words or len(words) > 12:
        return None
    # "badan Ukraina tersebut": the demonstrative points at the body, it is
    # no part of its name
    while len(words) > 1 and words[-1].lower() in lexicon.DEMONSTRATIVES:
        words = words[:-1]
    body = _national_body(words)
    if body:
        return body
    capitalised = [w for w in words if _is_capitalised(w)]
    if not capitalised:
        # "officials", "a defence ministry official": a role or group, named by its noun.
        last = words[-1].lower()
        if last in _GROUP_NOUNS or last in lexicon.ROLE_NOUNS:
            return " ".join(words)
        return None
    person = _person_run(words)
    if person:
        return person
    institution = _institution_run(words)
    if institution and institution == words[0] and len(words) > 1 \
            and is_indonesian_word(institution):
        # "Pabrik baja negara", "Pengelola stadion": a common noun capitalised
        # only because it opens the sentence, described by the words after it
        described = _description(words)
        if described:
            return described
    if institution:
        return institution
    # "Officials", "Police": a group of people named by its noun at the head of the sentence.
    if words[-1].lower() in _GROUP_NOUNS or words[-1].lower() in lexicon.ROLE_NOUNS:
        return " ".join(words)
    return None


def _description(words: list[str]) -> str | None:
    """The noun phrase a sentence-initial common noun heads: up to four
    lower-case words, ending before a demonstrative; None when what follows
    is not a plain description (a capitalised word: a name the runs read)."""
    phrase = [words[0]]
    for word in words[1:4]:
        lowered = word.lower()
        if lowered in lexicon.DEMONSTRATIVES or _is_capitalised(word):
            break
        if lowered in lexicon.FUNCTION_WORDS or lowered in lexicon.NOT_NAMES:
            return None
        phrase.append(word)
    return " ".join(phrase) if len(phrase) > 1 else None


@lru_cache(maxsize=1)
def _indonesian_roots() -> tuple[frozenset[str], object]:
    """Sastrawi's dictionary of Indonesian root words, and its stemmer."""
    from importlib.resources import files

    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    text = (files("Sastrawi") / "Stemmer" / "data" / "kata-dasar.txt").read_text("utf-8")
    return frozenset(text.split()), StemmerFactory().create_stemmer()


@lru_cache(maxsize=4096)
def is_indonesian_word(word: str) -> bool:
    """Whether ``word`` is a word of the Indonesian dictionary (or one built
    on a root of it: "Pengelola" on "kelola"), not a name: names of people
    and places are not in it."""
    lowered = word.lower()
    if not lowered.isalpha():
        return False
    roots, stemmer = _indonesian_roots()
    if lowered in roots:
        return True
    try:
        stem = str(stemmer.stem(lowered))  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - an odd word is not a dictionary word
        return False
    return stem != lowered and stem in roots


def _national_body(words: list[str]) -> str | None:
    """'Israeli army', "Russia's foreign ministry", 'pejabat Swedia', 'Otoritas
    penerbangan Rusia', 'US officials': a country's institution or officials,
    named by the country and a kind of body, with no name of its own. The
    country alone ("Israeli", "Rusia") would say less than the page did, so
    the phrase is the speaker; a known one is canonicalised by the table
    (institutions.py: "Israeli army" is the Israel Defense Forces)."""
    if not 2 <= len(words) <= 6:
        return None
    lowered = [w.lower() for w in words]
    heads = [i for i, w in enumerate(lowered) if w in lexicon.INSTITUTION_HEADS]
    roles = [i for i, w in enumerate(lowered) if w in _ROLE_WORDS]
    if heads and roles and min(roles) < max(heads):
        # "a spokeswoman for Russian foreign ministry": the role speaks for
        # the body after it; a capitalised one ("Juru bicara Departemen Luar
        # Negeri AS") is found by the runs below
        rest = words[max(roles) + 1:]
        while rest and rest[0].lower() in {"for", "of", "at", "untuk", "dari"}:
            rest = rest[1:]
        return _national_body(rest) if rest and not _is_capitalised(rest[-1]) else None
    if any(w in _CONJUNCTIONS or _is_name_token(w) for w in words):  # a place is no name token
        return None
    if not any(_is_place(w) for w in words):
        return None
    kinds = lexicon.INSTITUTION_HEADS | _GROUP_NOUNS | lexicon.ROLE_NOUNS
    if not any(w in kinds for w in lowered):
        return None
    if canonical_institution(" ".join(words)):
        return " ".join(words)
    if any(w[:1].isupper() and not _is_place(w) and w.lower() not in lexicon.TITLE_WORDS
           and w.lower() not in kinds for w in words):
        return None  # another capitalised word: a name the runs below read better
    return " ".join(words)


_CONJUNCTIONS = frozenset({"and", "dan", "or", "atau", "serta", "with", "dengan"})
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def _is_place(word: str) -> bool:
    """A country or its adjective, possessive included ("Russia's")."""
    return _POSSESSIVE.sub("", word).lower() in lexicon.PLACE_WORDS


def _is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _is_name_token(word: str) -> bool:
    lowered = word.lower().strip(".")
    if not _is_capitalised(word) or lowered in lexicon.TITLE_WORDS or lowered in lexicon.PLACE_WORDS:
        return False
    if lowered in lexicon.INSTITUTION_HEADS or lowered in lexicon.FUNCTION_WORDS:
        return False
    if lowered in lexicon.PRONOUNS or lowered in lexicon.NON_SPEAKER_NOUNS:
        return False
    if lowered in lexicon.NOT_NAMES or _is_place(word):
        return False
    if canonical_institution(word):
        return False
    if word.isupper() and len(word) > 1:  # an acronym (CIA, TNI) or a dateline (MOSCOW)
        return False
    return word[:1].isalpha()


def _person_run(words: list[str]) -> str | None:
    """The trailing run of name tokens: 'British Prime Minister Rishi Sunak' -> 'Rishi Sunak'."""
    run: list[str] = []
    for word in reversed(words):
        if _is_name_token(word) or (run and word.lower() in _NAME_PARTICLES):
            run.insert(0, word)
        elif run:
            break
        elif _is_capitalised(word) or word.lower() in lexicon.TITLE_WORDS:
            return None  # the phrase ends in a title or institution, not a name
        else:
            return None
    while run and run[0].lower() in _NAME_PARTICLES:
        run.pop(0)
    start = len(words) - len(run)
    if start >= 2 and words[start - 1].lower() in {"for", "of"} \
            and words[start - 2].lower() in lexicon.INSTITUTION_HEADS:
        return None  # "Ministry for Emergency Situations": the institution's own name
    if start > 0 and _is_capitalised(words[start - 1]) \
            and words[start - 1].lower() in lexicon.INSTITUTION_HEADS \
            and all(is_indonesian_word(w) for w in run):
        # "Badan Pusat Statistik", "Komisi Pemberantasan Korupsi": the words after
        # a capitalised head are dictionary words, the institution's own name
        return None
    if start > 0 and words[start - 1].lower() in lexicon.INSTITUTION_HEADS:
        # "Kepala Badan Pangan Rina Kusuma", "Kepala Badan Pusat Statistik Rina
        # Kusuma": the dictionary words after the head are the institution's name;
        # where none is, an institution's name is its head word and at least one
        # more, so the first capitalised word after the head belongs to it.
        # (a name keeps two words: Indonesian given names are often dictionary
        # words too, "Bambang", "Sri")
        named = 0
        while len(run) > 2 and is_indonesian_word(run[0]):
            run, named = run[1:], named + 1
        if not named and len(run) >= 3:
            run = run[1:]
    if not run:
        return None
    if len(run) == 1:
        # One name token is a surname only after a title ("Presiden Putin") or alone ("Peskov");
        # sentence-initial capitals of ordinary words ("Asked", "Reports") are not names.
        before = words[: len(words) - 1]
        titled = any(w.lower().strip(".") in lexicon.TITLE_WORDS for w in before)
        if not (titled or len(words) == 1):
            return None
        if run[0].lower().endswith(("ed", "ing")) and len(words) == 1:
            return None
    return " ".join(run)


def _institution_run(words: list[str]) -> str | None:
    """The last capitalised run: 'juru bicara Departemen Luar Negeri AS' -> 'Departemen Luar Negeri AS'."""
    runs: list[list[str]] = [[]]
    for word in words:
        connector = word.lower() in {"of", "for", "dan", "and", "on"}
        if _is_capitalised(word) or (runs[-1] and connector):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    candidates = [run for run in runs if run]
    if not candidates:
        return None
    best = candidates[-1]
    while best and best[-1].lower() in {"of", "for", "dan", "and", "on"}:
        best.pop()
    # "Presiden Joko ...": a title before the name goes; "Foreign Ministry"
    # keeps its qualifier, or only the kind of institution would be left
    while len(best) > 1 and best[0].lower().strip(".") in lexicon.TITLE_WORDS \
            and best[0].lower() not in lexicon.INSTITUTION_HEADS \
            and not (len(best) == 2 and best[1].lower() in lexicon.INSTITUTION_HEADS):
        best = best[1:]
    if len(best) > 1 and best[-1].isupper() and len(best[-1]) > 2:
        # "kantor berita Rusia TASS": a country before an agency's acronym qualifies it
        while len(best) > 1 and best[0].lower() in lexicon.PLACE_WORDS:
            best = best[1:]
    name = " ".join(best)
    if len(best) == 1:
        token = best[0]
        lowered = token.lower()
        if lowered in lexicon.FUNCTION_WORDS or lowered in lexicon.PRONOUNS \
                or lowered in lexicon.NON_SPEAKER_NOUNS or lowered in lexicon.TITLE_WORDS \
                or lowered in lexicon.NOT_NAMES:
            return None
        if token.isupper() and len(token) > lexicon.ACRONYM_MAX and not canonical_institution(token):
            return None  # "MOSCOW", "WASHINGTON": a dateline, not a speaker
        if lowered.endswith(("ed", "ing")) and not canonical_institution(token):
            return None  # "Asked", "Speaking": a verb at the head of the sentence
    return name


def looks_like_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 5 and all(_is_name_token(w) or w.lower() in _NAME_PARTICLES for w in words)


def is_speaker(name: str | None) -> bool:
    """True when `name` could name a person, an institution or a group of people."""
    return bool(name) and reduce_speaker(name or "") is not None


# --- canonical names across a database ----------------------------------------

def name_form(token: str) -> str:
    """A spelling-tolerant form of a name token: Sergei/Sergey, Zelensky/Zelenskyy, Dmitry/Dmitri."""
    decomposed = unicodedata.normalize("NFKD", token.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"[^a-z]", "", plain)
    for old, new in (("kh", "h"), ("zh", "z"), ("ck", "k"), ("y", "i"), ("ei", "i"), ("ij", "i")):
        plain = plain.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", plain)


def same_person(a: str, b: str) -> bool:
    """'Kirby' and 'John Kirby'; 'Sergei Lavrov' and 'Sergey Lavrov'; not 'John Kirby' and 'Jane Kirby'.

    A single name matches the first name too: Indonesian copy refers to people by
    their given name ("Sri Lestari" ... "ujar Sri")."""
    ta, tb = a.split(), b.split()
    if not ta or not tb:
        return False
    if len(ta) == 1 or len(tb) == 1:
        single, full = (ta, tb) if len(ta) == 1 else (tb, ta)
        form = name_form(single[0])
        return bool(form) and form in (name_form(full[-1]), name_form(full[0]))
    if name_form(ta[-1]) != name_form(tb[-1]) or not name_form(ta[-1]):
        return False
    fa, fb = name_form(ta[0]), name_form(tb[0])
    return fa == fb or (len(ta[0].rstrip(".")) == 1 and fb.startswith(fa)) or (
        len(tb[0].rstrip(".")) == 1 and fa.startswith(fb))


@lru_cache(maxsize=1)
def _outlet_names() -> frozenset[str]:
    return frozenset(re.sub(r"^the\s+", "", name.casefold()) for name in NEWS_OUTLETS.values())


def _is_outlet(name: str) -> bool:
    return re.sub(r"^the\s+", "", name.casefold()) in _outlet_names()


def canonical_name(name: str, known: list[str]) -> str:
    """The canonical form of `name` given the canonical names already in use.

    Institutions map through the alias table. A person maps to the most
    complete known name that is the same person; otherwise the name is new.
    """
    institution = canonical_institution(name)
    if institution:
        return institution
    if not looks_like_person(name) and len(name.split()) != 1 or _is_outlet(name):
        return name
    # An outlet's name looks like a person's ("New York Times"), but "Times"
    # alone is not its surname.
    matches = [k for k in known if k != name and looks_like_person(k) and not _is_outlet(k)
               and same_person(name, k)]
    if len(name.split()) == 1:
        people = {" ".join(name_form(t) for t in m.split()) for m in matches}
        if len(people) != 1:  # none, or "Kirby" with both "John Kirby" and "Jane Kirby": leave it
            return name
    best = max(matches, key=lambda k: (len(k.split()), len(k)), default=name)
    return best if len(best.split()) >= len(name.split()) else name
