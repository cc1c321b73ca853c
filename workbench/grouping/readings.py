"""What reading a claim's text finds, kept between grouping runs.

Two of grouping's per-claim inputs come from parsing the text, and at scale
they cost more than everything else the clustering does: a claim's stated
quantities (``numbers.py``: every numeral and number word, dates left out)
and its glossary concepts (``glossary.py``: a stemmer per word). Both depend
on the text and its language only, so the store keeps them
(``store/readings.py``), keyed by the text and by the reader that made them.
An incremental run of 10,000 new claims into 100,000 grouped ones reads the
texts of nearly every claim the new ones pair with; before the readings were
kept that was most of its clustering time (bench/grouping_speed.py).

The reader's identity is a digest of the reading code itself and of the
stemmers' versions: any change to how texts are read retires every stored
reading at once, with no version number for anyone to forget to bump.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

#: the modules whose code decides what a reading finds or how it is stored
#: (this one; the readers and what they import)
_READER_MODULES = ("grouping/readings.py", "grouping/numbers.py", "grouping/glossary.py",
                   "grouping/normalise.py", "extract/institutions.py")
#: the libraries the glossary stems with (their version changes the stems)
_READER_LIBRARIES = ("PySastrawi", "snowballstemmer")


@lru_cache(maxsize=1)
def reader_identity() -> str:
    """A digest of the code and library versions that read quantities and concepts."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for name in _READER_MODULES:
        digest.update(name.encode())
        try:
            digest.update((package / name).read_bytes())
        except OSError:
            # installed without sources (byte code only): the release then
            # stands for the code, and readings last as long as it does
            digest.update(_release().encode())
    for library in _READER_LIBRARIES:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{library}={version}".encode())
    return digest.hexdigest()[:32]


def _release() -> str:
    try:
        return metadata.version("claim-workbench")
    except metadata.PackageNotFoundError:
        return "unknown"


def text_key(content: str, lang: str) -> str:
    """The key a claim's readings are kept under: its language and content."""
    return hashlib.sha256(f"{lang}\x00{content}".encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Readings:
    """Per claim of one grouping run, what reading its text found: None where
    it has not been read. Quantities are kept as the tokens the number signal
    compares (``numbers.read_quantities``), so a stored reading is used as it is read
    back. ``signals.build_features`` fills in what it reads, so the caller
    can keep it for the next run."""

    quantities: list[tuple[str, ...] | None]
    concepts: list[tuple[str, ...] | None]

    @classmethod
    def unread(cls, n: int) -> Readings:
        return cls([None] * n, [None] * n)

    def __len__(self) -> int:
        return len(self.quantities)


# Stored as plain joined text, not JSON: decoding 100,000 rows is what a run
# pays for every claim it keeps, and a split is several times faster than a
# parse. A float's repr has no space; a concept token (a word, a stem or a
# table's id) has no control character, so the unit separator joins them.
_CONCEPT_SEPARATOR = "\x1f"


def encode_quantities(tokens: tuple[str, ...]) -> str:
    return " ".join(tokens)


def decode_quantities(text: str) -> tuple[str, ...]:
    return tuple(text.split(" ")) if text else ()


def encode_concepts(tokens: tuple[str, ...]) -> str:
    return _CONCEPT_SEPARATOR.join(tokens)


def decode_concepts(text: str) -> tuple[str, ...]:
    return tuple(text.split(_CONCEPT_SEPARATOR)) if text else ()


#: (quantities, concepts) as the store holds them for one text: encoded, None where unread
Stored = tuple[str | None, str | None]


@dataclass
class KeptReadings:
    """One run's readings with the store's keys: what the store held when the
    run began (``held``) and what the run has read so far (``readings``), so
    that only what is new goes back to the store (``fresh``)."""

    keys: list[str]
    held: Readings
    readings: Readings

    @classmethod
    def from_stored(cls, keys: list[str], stored: dict[str, Stored]) -> KeptReadings:
        """For each text's key (``text_key``), what ``stored`` (key -> encoded row) holds."""
        quantities: list[tuple[str, ...] | None] = []
        concepts: list[tuple[str, ...] | None] = []
        for key in keys:
            q, c = stored.get(key, (None, None))
            quantities.append(None if q is None else decode_quantities(q))
            concepts.append(None if c is None else decode_concepts(c))
        return cls(keys, Readings(quantities, concepts),
                   Readings(list(quantities), list(concepts)))

    def fresh(self) -> list[tuple[str, str | None, str | None]]:
        """(key, quantities, concepts) for each text with a part the store
        lacked and the run has read (each key once; None: a part left as it was)."""
        out: dict[str, tuple[str | None, str | None]] = {}
        held, now = self.held, self.readings
        for i, key in enumerate(self.keys):
            q, c = now.quantities[i], now.concepts[i]
            new_q = encode_quantities(q) if q is not None and held.quantities[i] is None else None
            new_c = encode_concepts(c) if c is not None and held.concepts[i] is None else None
            if (new_q is not None or new_c is not None) and key not in out:
                out[key] = (new_q, new_c)
        return [(key, q, c) for key, (q, c) in out.items()]
