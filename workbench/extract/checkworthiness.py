"""Score how worth checking a sentence is, in [0, 1].

Fact-checkers look first at statements with something verifiable in them:
quantities, dates, changes and comparisons, records of what someone did,
statistics and laws, named people and institutions, and a named source. They
skip questions, opinions, promises, rules of what ought to be, greetings and
the procedure of a debate or a press conference.

The score is a small linear model over those features, squashed by a logistic
function: each feature adds or removes a fixed weight (`WEIGHTS`, in log-odds),
so a sentence's score can be explained feature by feature (`features`). The
words behind the features are tables of Indonesian and English in
`cw_lexicon`; both languages' tables apply to every sentence, so a mixed or
misdetected page still scores sensibly. The weights are set by hand from what
the check-worthiness literature reports as strong signals (numbers, past
tense, comparison, length and named entities for; questions, modals and
first-person opinion against), not fitted to data; `bench/checkworthiness.py`
measures the ranking on held-out labelled sentences.

Calibration: a plain statement of ordinary length with nothing checkable in
it scores about 0.45 (0.6 with a past-tense verb); bare opinion, promises,
questions, calls to action and greetings fall below 0.3
(`extract.MIN_CHECKWORTHINESS`, under which a sentence is not kept as a
claim); a sentence with a number, a date and a named source scores above 0.8.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from workbench.extract import cw_lexicon as lex

# Log-odds each feature adds; features are 0/1 unless noted.
WEIGHTS: dict[str, float] = {
    "bias": -0.2,
    "length": 0.9,         # log(claim words / 12), clipped: longer claims carry more content
    "very_short": -1.2,    # fewer than 6 words and no number: a fragment, a reply, a heading
    "quantity": 0.9,       # a number in digits or words
    "percent_money": 0.5,  # on top of quantity: a rate or an amount of money
    "date": 0.4,           # a year, month, weekday or "last year"
    "change": 0.5,         # rose, fell, doubled, naik, lebih dari, terbesar
    "record": 0.55,        # past tense and record verbs: voted, signed, telah, disahkan
    "statistic": 0.4,      # rate, deficit, jobs, angka, anggaran
    "legal": 0.3,          # law, bill, treaty, undang-undang, putusan
    "population": 0.25,    # Americans, families, warga, petani
    "domain": 0.25,        # health care, energy, pendidikan, pertahanan
    "source": 0.4,         # according to, menurut data
    "entities": 0.2,       # per capitalised name in the claim, at most 3
    "speaker": 0.5,        # a named source
    "quote": 0.1,
    "contested": 0.6,      # a denial or dispute is a live disagreement worth settling
    "question": -2.2,
    "call_to_action": -2.2,
    "procedure": -1.2,     # thanks, greetings, "let me", "ladies and gentlemen"
    "site": -1.2,          # the page about itself: click, newsletter, berlangganan
    "belief": -1.0,        # I think, saya kira
    "intent": -0.9,        # we will, I want, kami akan
    "norm": -0.7,          # should, must, harus
    "future": -0.4,        # will, akan
    "hedge": -0.35,        # maybe, might, mungkin
    "conditional": -0.35,  # if, jika
    "evaluative": -0.3,    # per vague evaluative word, at most 2
    "second_person": -0.4,  # addressing the listener, about nothing done
    "discourse_opener": -0.5,  # "Well, ...", "Yes, ..."
    "personal": -0.4,      # "we get it done": about speaker or listener, with no number or record
}

_TOKEN = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_DIGITS = re.compile(r"\d")
_WEB_TOKEN = re.compile(r"\b(?:https?://|www\.)\S+|[@#]\w+")
_PERCENT_SIGN = re.compile(r"\d\s*%|%\s*\d")
# Dates in digits: "(21/10/2023)", "13/6", a year. Named days, months and
# relative dates come from the lexicon.
_NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b(?:19|20)\d{2}\b")
_CALL_TO_ACTION = re.compile(
    r"^(?:(?:just|simply|please|silakan|cukup)\s+)?"
    r"(?:simak|baca|lihat|klik|ayo|mari|jangan|silakan|segera|yuk|tonton|ikuti|dapatkan|unduh|"
    r"click|read|watch|join|subscribe|follow|let's|please|don't|share|sign\s+up|download)\b",
    re.IGNORECASE,
)
# A run of capitalised words not at the start of a sentence: one name, however many words.
_ENTITY = re.compile(r"(?<![.!?:\"“]\s)(?<!^)\b[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*")
_PRESENT_BE = frozenset({"is", "are", "am", "be", "being", "it's", "that's", "he's", "she's",
                         "they're", "we're", "you're", "i'm"})
_CONJUNCTIONS = frozenset({"and", "but", "so", "now", "then", "dan", "tapi", "tetapi", "namun", "jadi"})
_NOT_ENTITY = frozenset({"I", "I'm", "I've", "I'll", "I'd"})
_OPENING_PUNCT = "“\"'‘([ "
_CLOSING_PUNCT = "”\"'’)] "


# Which lexicon tables feed which feature. Signs of something checkable are
# read from the claim; signs of the uncheckable from the whole sentence.
_CLAIM_TABLES: dict[str, tuple[Iterable[str], ...]] = {
    "quantity": (lex.NUMBER_WORDS,),
    "date": (lex.DATE_WORDS, lex.DATE_PHRASES),
    "percent_money": (lex.PERCENT_WORDS, lex.PERCENT_PHRASES, lex.MONEY_WORDS),
    "change": (lex.CHANGE_WORDS, lex.CHANGE_PHRASES),
    "record": (lex.RECORD_WORDS, lex.RECORD_PHRASES),
    "statistic": (lex.STAT_NOUNS,),
    "legal": (lex.LEGAL_NOUNS,),
    "population": (lex.POPULATION_NOUNS, lex.POPULATION_PHRASES),
    "domain": (lex.DOMAIN_NOUNS, lex.DOMAIN_PHRASES),
}
_SENTENCE_TABLES: dict[str, tuple[Iterable[str], ...]] = {
    "source": (lex.SOURCE_PHRASES,),
    "procedure": (lex.PROCEDURE_PHRASES,),
    "site": (lex.SITE_WORDS, lex.SITE_PHRASES),
    "belief": (lex.BELIEF_PHRASES,),
    "intent": (lex.INTENT_PHRASES,),
    "norm": (lex.NORM_PHRASES,),
    "future": (lex.FUTURE_WORDS, lex.FUTURE_PHRASES),
    "hedge": (lex.HEDGE_WORDS,),
    "conditional": (lex.CONDITIONAL_WORDS,),
    "evaluative": (lex.EVALUATIVE_WORDS, lex.EVALUATIVE_PHRASES),
    "second_person": (lex.SECOND_PERSON,),
}

# Entries by their first token: (tokens of the entry, features it feeds).
_Index = dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]


def _index(tables: dict[str, tuple[Iterable[str], ...]]) -> _Index:
    """Index each entry, as a tuple of tokens, under its first token. Lookup
    is then one dict probe per token of the sentence (and a slice compare for
    the few phrases starting there): linear in the sentence, however long the
    tables grow."""
    features_of: dict[tuple[str, ...], list[str]] = {}
    for feature, sources in tables.items():
        for table in sources:
            for entry in table:
                key = tuple(_TOKEN.findall(entry))
                if key and feature not in features_of.setdefault(key, []):
                    features_of[key].append(feature)
    index: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for key, names in features_of.items():
        index.setdefault(key[0], []).append((key, tuple(names)))
    return {first: tuple(entries) for first, entries in index.items()}


_CLAIM_INDEX = _index(_CLAIM_TABLES)
_SENTENCE_INDEX = _index(_SENTENCE_TABLES)


def _hits(tokens: list[str], index: _Index) -> dict[str, int]:
    """How many entries of each feature's tables occur in `tokens`."""
    found: dict[str, int] = {}
    for start, token in enumerate(tokens):
        for key, names in index.get(token, ()):
            if len(key) == 1 or tuple(tokens[start:start + len(key)]) == key:
                for feature in names:
                    found[feature] = found.get(feature, 0) + 1
    return found


def _lower(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").lower()


def _is_name(run: str) -> bool:
    words = run.split()
    return run not in _NOT_ENTITY and not all(w.lower().strip("'") in lex.TITLE_WORDS for w in words)


_PAST = lex.PAST_IRREGULAR | lex.RECORD_WORDS


def _records(tokens: list[str]) -> bool:
    """Whether the tokens report something done: a past form, a record verb,
    or an "-ed" word, unless that comes right after a present form of "be"
    ("is committed", "are being presented": a state or a present passive)."""
    for index, token in enumerate(tokens):
        if token in _PAST:
            return True
        if (token.endswith("ed") and len(token) > 4 and token not in lex.NOT_PAST_ED
                and not (index and tokens[index - 1] in _PRESENT_BE)):
            return True
    return False


def features(sentence: str, content: str | None = None) -> dict[str, float]:
    """The feature values of `sentence`. Signs of something checkable are read
    from `content` (the claim without its attribution) so "..., seperti dikutip
    dari Channel News Asia, Sabtu (21/10/2023)" adds nothing; signs of the
    uncheckable are read from the whole sentence."""
    claim = sentence if content is None else content
    if "/" in sentence or "@" in sentence or "#" in sentence:
        # A link, a handle or a hashtag is no number, name or word of the claim.
        claim_is_sentence = claim is sentence
        sentence = _WEB_TOKEN.sub(" ", sentence)
        claim = sentence if claim_is_sentence else _WEB_TOKEN.sub(" ", claim)
    tokens = _TOKEN.findall(_lower(sentence))
    claim_tokens = tokens if claim is sentence else _TOKEN.findall(_lower(claim))
    of_claim = _hits(claim_tokens, _CLAIM_INDEX)
    of_sentence = _hits(tokens, _SENTENCE_INDEX)
    words = len(sentence.split())
    first = tokens[0] if tokens else ""

    has_date = "date" in of_claim
    digits = False
    if _DIGITS.search(claim):
        # A number that is only part of a date counts as the date, not as a quantity.
        rest, dates = _NUMERIC_DATE.subn(" ", claim)
        has_date = has_date or dates > 0
        digits = bool(_DIGITS.search(rest))
    quantity = digits or "quantity" in of_claim
    percent_money = ("percent_money" in of_claim or bool(_PERCENT_SIGN.search(claim))
                     or any(sign in claim for sign in lex.MONEY_SIGNS))
    entities = sum(1 for run in _ENTITY.findall(claim) if _is_name(run))
    values = {
        "bias": 1.0,
        "length": max(-1.5, min(1.2, math.log(max(len(claim.split()), 1) / 12))),
        "very_short": float(words < 6 and not quantity),
        "quantity": float(quantity),
        "percent_money": float(percent_money),
        "date": float(has_date),
        "record": float("record" in of_claim or _records(claim_tokens)),
        "entities": float(min(entities, 3)),
        "question": float(sentence.rstrip(_CLOSING_PUNCT).endswith("?") or first in {"apakah", "benarkah"}),
        "call_to_action": float(bool(_CALL_TO_ACTION.match(sentence.strip().lstrip(_OPENING_PUNCT)))),
        "discourse_opener": float(first in lex.DISCOURSE_OPENERS),
    }
    for feature in ("change", "statistic", "legal", "population", "domain"):
        values[feature] = float(feature in of_claim)
    for feature in _SENTENCE_TABLES:
        values[feature] = float(min(of_sentence.get(feature, 0), 2 if feature == "evaluative" else 1))
    subject = next((t for t in tokens[:3] if t not in lex.DISCOURSE_OPENERS and t not in _CONJUNCTIONS), "")
    # Who did something does not matter ("you voted for it" is a record); a
    # sentence about speaker or listener with no record or number is talk.
    values["personal"] = float(subject in lex.PERSONAL_SUBJECTS and not quantity and not values["record"])
    values["second_person"] *= float(not values["record"])
    return values


def score(
    sentence: str, *, content: str | None = None, speaker: str | None, quote: bool,
    contested: bool = False,
) -> float:
    """Score `sentence` (see the module docstring); `content` is the claim
    without its attribution, `speaker` the named source if any."""
    values = features(sentence, content)
    values["speaker"] = float(bool(speaker))
    values["quote"] = float(quote)
    values["contested"] = float(contested)
    z = sum(WEIGHTS[name] * value for name, value in values.items())
    return round(1.0 / (1.0 + math.exp(-z)), 3)
