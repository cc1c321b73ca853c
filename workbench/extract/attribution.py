"""Who makes a claim, how they stand toward it, and what is claimed.

News sentences wrap a claim in attribution: "X mengatakan, ...", "“...,” kata
X", "..., menurut X", "According to X, ...", "X said ...", "X told Reuters
...". Each wrapper is one pattern built from the reporting verbs of
`lexicon`; every pattern yields the same triple (speaker phrase, cue verb,
content), and one step turns the phrase into a speaker (`speakers`) and the
cue plus the content into a stance (`stance`).

Denial and dispute verbs stay in the content ("membantah mengirim senjata"):
a denial is a different statement from the claim it denies, and grouping must
not put "X sent arms" and "X denies sending arms" together.

Patterns run on one sentence at a time and only on sentences of ordinary
length: a "sentence" of many kilobytes is a page without punctuation, and
attribution on it would only cost time (the regexes backtrack over it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.extract import lexicon
from workbench.extract.speakers import is_indonesian_word, reduce_speaker
from workbench.extract.stance import stance_of
from workbench.ingest import dateline
from workbench.models import Stance

MAX_ATTRIBUTED_CHARS = 1500

_SAY = lexicon.alternation(lexicon.SAY_BEFORE_ID | lexicon.SAY_BEFORE_EN)
_ADVERB = lexicon.alternation(lexicon.PRE_VERB_ADVERBS)
_DENY = lexicon.alternation(lexicon.DENY)
_DISPUTE = lexicon.alternation(lexicon.DISPUTE)
_POST = lexicon.alternation(lexicon.SAY_AFTER)
_OPEN_Q = "\"“‘'«„"
_CLOSE_Q = "\"”’'»“"

_CONNECTIVE = re.compile(
    r"^(?:(?:namun|tetapi|sementara\s+itu|adapun|secara\s+terpisah|selain\s+itu|sebelumnya|"
    r"kemudian|kala\s+itu|saat\s+itu|however|meanwhile|separately|earlier|back\s+then|at\s+the\s+time|but|and|also|in\s+addition|on\s+the\s+other\s+hand)"
    r"\b,?\s*"
    r"|(?:seperti\s+)?(?:dikutip\s+dari|mengutip|dilansir(?:\s+dari)?|melansir|"
    r"citing|quoted\s+by)\s+[^,]{2,80},\s*"
    r"|(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu)\s*\([^)]*\),\s*"
    r"|(?:pada|on|in|sejak|since|sebagai|as\s+an?|last|earlier|kemarin)\s+[^,]{2,40},\s*)+",
    re.IGNORECASE,
)
_TIME_AFTER_VERB = (
    r"(?:\s+(?:on|in|last|this|earlier|late|pada|at)\s+[\w.]+(?:\s+(?:lalu|ini|waktu\s+setempat|"
    r"morning|afternoon|evening|night|\(\S+\)|\d{1,2}(?:,\s*\d{4})?))*)?"
)
_QUOTE_FIRST = re.compile(
    rf"""^[{_OPEN_Q}]?(?P<quote>.{{8,}}?)[,.!?]?[{_CLOSE_Q}],?\s+(?P<verb>{_POST})(?P<nya>nya)?\b\s*(?P<rest>.*)$""",
    re.IGNORECASE | re.DOTALL,
)
_QUOTE_FIRST_EN = re.compile(
    rf"""^[{_OPEN_Q}]?(?P<quote>.{{8,}}?)[,.!?]?[”"»],?\s+(?P<rest>[A-Za-z][^"“”]{{1,160}}?)\s+"""
    rf"""(?:{_POST})\b.*$""",
    re.DOTALL,
)
_TRAILING = re.compile(
    rf"^(?P<core>.{{12,}}?),[”\"]?\s+(?:(?P<verb>{_POST})(?P<nya>nya)?|menurut|according\s+to)\s+(?P<rest>[^,]+?"
    r"(?:,\s+[^,]{2,120})?)"
    r"(?:,\s+(?:dikutip|mengutip|seperti|ketika|saat|sambil|when|as|in|on)\b.*)?[.!]?$",
    re.IGNORECASE | re.DOTALL,
)
# "“...,” Bjorn Lund, a seismologist at ..., seperti dikutip oleh SVT": a quotation followed
# by a name and no reporting verb of the table; the name right after the quotation speaks.
_QUOTE_THEN_NAME = re.compile(
    rf"""^[{_OPEN_Q}]?(?P<quote>.{{8,}}?)[,.!?]?[”"»],?\s+(?P<rest>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,4}})"""
    r"""(?:,|\s+(?:seperti|sebagaimana|as|was|in|dalam|kepada|to)\b).*$""",
    re.DOTALL,
)
_TRAILING_VERB_EN = (
    rf"\s+(?P<verb>{_POST}|reported|reports|told\s+[^,.]{{2,60}}?)"
    rf"{_TIME_AFTER_VERB}(?:\s+(?:in|on|at|via)\s+[^,]{{1,60}})?[.!]?$"
)
_TRAILING_EN = re.compile(
    rf"^(?P<core>.{{12,}}?),[”\"]?\s+(?P<rest>[A-Za-z][^,\"“”]{{1,80}}?){_TRAILING_VERB_EN}", re.DOTALL
)
# "..., Adrienne Watson, a spokeswoman for the council, said."
_TRAILING_APPOSITIVE_EN = re.compile(
    rf"^(?P<core>.{{12,}}?),[”\"]?\s+(?P<rest>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){{0,4}},\s+[a-z][^,]{{2,120}}?),?"
    rf"{_TRAILING_VERB_EN}",
    re.DOTALL,
)
# "The attacks, Kupriyanov said, had deprived ...", "Serangan itu, kata
# Kupriyanov, telah ...", "This, according to the police, was when ...": the
# attribution set off by commas inside the claim, which is the words around it.
_PARENTHETICAL = re.compile(
    rf"^(?P<head>[^,\"“”]{{3,160}}?),\s+(?:(?P<rest>[A-Z][^,\"“”]{{1,60}}?)\s+(?:{_POST})"
    rf"|(?:{_POST})(?P<nya>nya)?(?:\s+(?P<rest2>[^,\"“”]{{1,60}}))?"
    rf"|(?:menurut|according\s+to)\s+(?P<rest3>[^,\"“”]{{1,60}})),\s+"
    # what follows is the claim's own words, not where it was quoted or when
    r"(?!(?:dikutip|mengutip|seperti|sebagaimana|ketika|saat|sambil|dalam|pada|kepada|di|"
    r"quoted|citing|as|when|in|on|at|during|adding|menambahkan)\b)"
    rf"(?P<tail>[^\"“”]{{8,}})$",
    re.IGNORECASE | re.DOTALL,
)
_LEADING_ACCORDING = re.compile(
    r"^(?:menurut|according\s+to|kata|as\s+reported\s+by)\s+(?P<rest>[^,]{2,80}),\s*(?P<core>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_TOLD_OBJECT = (
    r"(?:\s+(?:reporters|journalists|wartawan|awak\s+media|the\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}|a\s+(?:press\s+|news\s+)?(?:briefing|conference)"
    r"|state(?:-run)?\s+(?:television|media|TV))"
    r"(?:\s+(?:in|on|at|during)\s+(?:an?\s+)?[\w-]+(?:\s+[\w-]+)?)?)?"
)
# The dot of an initial inside a name ("The U.S. has said", "U.N. officials
# said"): a full stop after a lone capital letter does not end the speaker.
# So does the dot of an abbreviated English title ("Mr. Smith said").
_TITLE_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt",
                        "Sgt", "Adm", "Sen", "Rep", "Gov", "Rev", "Jr", "Sr", "St", "Insp",
                        "Supt", "Cmdr", "Brig", "Amb", "Pres", "Sec", "Brigjen", "Irjen", "Kombes")
_INITIAL_DOT = "|".join([r"(?<=\b[A-Z])\.", *(rf"(?<=\b{t})\." for t in _TITLE_ABBREVIATIONS)])
_SPEAKER_FIRST = re.compile(
    rf"^(?P<spk>(?:[A-Z\"“]|para\s|seorang\s|pihak\s)(?:[^.;:!?]|(?:{_INITIAL_DOT})){{0,140}}?)\s+"
    rf"(?:(?:{_ADVERB})\s+)*"
    rf"(?P<verb>{_DENY}|{_DISPUTE}|{_SAY})\b"
    rf"(?:(?<=told){_TOLD_OBJECT}|(?<=tells){_TOLD_OBJECT})?"
    rf"{_TIME_AFTER_VERB}"
    rf"(?:\s*,|\s*:|\s+(?:bahwa|that))?\s+(?P<content>.+)$",
    re.DOTALL,
)
_PASSIVE_ACCUSED = re.compile(
    r"^(?P<subj>[A-Z][^,]{1,60}?)\s+(?:sebelumnya\s+)?(?:dituduh|dituding)\s+"
    r"(?P<spk>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\s+(?P<content>.+)$"
)
_REPORTED_BY = re.compile(
    r"^(?:disebutkan|dilaporkan|diungkapkan)\s+(?P<spk>[A-Z][^,]{1,60}?)\s+(?:dalam\s+[^,]*?\s+)?"
    r"bahwa\s+(?P<content>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_SAYING = re.compile(
    rf"^(?P<spk>(?:[A-Z]|para\s|seorang\s)(?:[^,.;:!?]|(?:{_INITIAL_DOT})){{0,80}}?)\s+"
    rf"(?:(?:{_ADVERB})\s+)?(?P<verb>me\w+|{_DISPUTE}|[a-z]{{3,}}ed)\b.{{0,100}}?"
    r"(?:,\s+(?:dengan\s+)?|\s+dengan\s+)(?:mengatakan|menyatakan|menyebut(?:kan)?|saying)"
    r"(?:\s+bahwa|\s+that)?\s*[,:]?\s*"
    r"(?P<content>.{8,})$",
    re.DOTALL,
)
# The words _SAYING cannot match without: found by a plain search (about
# 1 µs) before the pattern's nested lazy spans are tried (about 27 µs a
# sentence, and nine sentences in ten have none of these words).
_SAYING_WORD = re.compile(r"mengatakan|menyatakan|menyebut|saying")
# "The ships said to be carrying arms ...", "reported to have", "The number of
# casualties reported is still ...": the verb is a passive of report (its
# subject the claim's, not a speaker), or a participle before the main verb
_PASSIVE_REPORT = re.compile(r"(?:to\s+(?:be|have)|is|are|was|were|has|have|had)\b",
                             re.IGNORECASE)
_SUBORDINATE = re.compile(
    r"^(?:meski(?:pun)?|walaupun|ketika|saat|sejak|setelah|sebelum|karena|jika|bila|"
    r"although|though|when|while|since|after|before|because|if|banyaknya|asked|ditanya)$",
    re.IGNORECASE,
)
# Lower-case words that mean the phrase is a clause with its own verb.
_CLAUSE_WORD = re.compile(r"^(?:yang|bahwa|setelah|sebelum|ketika|karena|that|which|who|after|when)$")
# An Indonesian verb by its prefix ("menyerang", "berada", "diserang"); only a
# word the Indonesian dictionary builds on a root counts, so English words that
# start alike ("member", "different", "terminal") are not taken for verbs
_AFFIXED_VERB = re.compile(r"^(?:me|ber|di|ter)[a-z]{4,}$")
# The subject of a denial verb that negates it: "X did not", "X tidak", or no
# one at all ("No one", "Tidak ada yang", "Tak seorang pun").
_NEGATED_SUBJECT = re.compile(
    r"^(?:(?P<who>.+?)\s+(?:(?:did|does|do|has|have|had|would|will|could|can)(?:\s+not|n[’']t)"
    r"|not|never|tidak|tak|belum|bukan|tidak\s+pernah|belum\s+pernah)(?:\s+(?:juga|pun|even))?"
    r"|no\s+one|no-one|nobody|none(?:\s+of\s+.+)?|neither(?:\s+.+)?"
    r"|(?:tidak|tak)\s+(?:ada\s+)?(?:seorang|satu|pihak)?(?:\s+pun)?(?:\s*yang)?"
    r"|(?:tidak|tak)\s+ada)$",
    re.IGNORECASE,
)
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_LEADING_TIME = re.compile(r"^(?:on|pada)\s+[A-Z]\w+(?:\s+\(\S+\))?,?\s+(?=\S)", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    speaker: str | None
    stance: Stance
    quote: bool
    content: str


def strip_dateline(sentence: str) -> str:
    """'WASHINGTON, Oct 13, 2023 (Reuters) - The ...' -> 'The ...'.

    Ingest already takes the dateline off an article's first paragraph; this
    covers sentences analysed on their own. Only dash datelines count here: a
    head before a colon in a sentence is a speaker ("Kremlin: ...")."""
    found = dateline.parse(sentence)
    if found is None or sentence[: len(sentence) - len(found.rest)].rstrip().endswith(":"):
        return sentence
    return found.rest


# "Palestinians blamed an air strike, while Israel said a rocket misfired",
# "..., sementara Israel mengatakan ...": a second party's report joined to
# the first by a conjunction of contrast. The conjunction is followed by the
# second subject (a capital, or "the" and a capital).
_CONTRAST_JOIN = re.compile(
    r"\s*[,;]\s+(?P<word>while|whereas|but|sementara|sedangkan|namun|tetapi|tapi)\s+"
    r"(?=(?:the\s+)?[A-Z])"
)
#: a part shorter than this is not a claim of its own
_MIN_PART_WORDS = 4


def report_cuts(sentence: str) -> list[tuple[int, int, int]]:
    """Where `sentence` joins two parties' reports: (end of the first part,
    start of the next part at its conjunction, start of its report after the
    conjunction) for each conjunction of contrast that opens another
    speaker's report ("X said ..." with a named subject and a reporting,
    denial or dispute verb), outside quotation marks. A pronoun subject
    ("..., but he questioned ...") is not cut: who it is depends on
    context, and the sentence's attribution already reads it. Each part then
    is a claim of its own, with its own speaker and stance: the reviewer sees
    who said which half, and neither half is lost."""
    if len(sentence) > MAX_ATTRIBUTED_CHARS:
        return []
    cuts: list[tuple[int, int, int]] = []
    last = 0
    for join in _CONTRAST_JOIN.finditer(sentence):
        first, rest = sentence[last:join.start()], sentence[join.end():]
        if len(first.split()) < _MIN_PART_WORDS or len(rest.split()) < _MIN_PART_WORDS:
            continue
        if _open_quotation(sentence[:join.start()]):
            continue
        second = _SPEAKER_FIRST.match(rest[:1].upper() + rest[1:])
        if second is None or not _plausible_speaker(second.group("spk")):
            continue
        named = reduce_speaker(second.group("spk"), None)
        if named is None:
            continue
        cuts.append((join.start(), join.start("word"), join.end()))
        last = join.end()
    return cuts


def _open_quotation(text: str) -> bool:
    """Whether a quotation opened in `text` is still open at its end."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def attribute(sentence: str, previous_speaker: str | None = None) -> Attribution:
    """Peel attribution wrappers off `sentence` (outermost first)."""
    text = strip_dateline(sentence.strip())
    quote = _has_quotation(sentence)
    if len(text) > MAX_ATTRIBUTED_CHARS:
        return Attribution(None, stance_of("", "", attributed=False), quote, _tidy(text))
    text = _CONNECTIVE.sub("", text)
    speaker: str | None = None
    verb = ""
    quoted = False
    if m := _QUOTE_FIRST.match(text):
        speaker = _speaker(m.group("rest"), bool(m.group("nya")), previous_speaker)
        text, quoted, verb = m.group("quote"), True, ""
    elif m := _QUOTE_FIRST_EN.match(text):
        speaker = _speaker(m.group("rest"), False, previous_speaker)
        text, quoted = m.group("quote"), True
    elif (m := _QUOTE_THEN_NAME.match(text)) and (named := reduce_speaker(m.group("rest"))):
        speaker, text, quoted = named, m.group("quote"), True
    elif (m := _PARENTHETICAL.match(text)) and len(m.group("head").split()) >= 2 \
            and len(m.group("tail").split()) >= 3 \
            and (inner_speaker := _speaker(m.group("rest") or m.group("rest2") or m.group("rest3") or "",
                                           bool(m.group("nya")), previous_speaker)):
        speaker = inner_speaker
        text = f"{m.group('head')} {m.group('tail')}"
    elif (m := _TRAILING.match(text)) and _plausible_trailing(m.group("rest")):
        speaker = _speaker(m.group("rest"), bool(m.groupdict().get("nya")), previous_speaker)
        text = m.group("core")
    elif (m := _TRAILING_EN.match(text) or _TRAILING_APPOSITIVE_EN.match(text)) \
            and _plausible_trailing(m.group("rest")):
        speaker = _speaker(m.group("rest"), False, previous_speaker) or _unresolved_subject(
            m.group("rest"))
        if speaker:
            text = m.group("core")
    elif m := _LEADING_ACCORDING.match(text):
        speaker = _speaker(m.group("rest"), False, previous_speaker)
        text = m.group("core")
    if not quoted:  # inside a quotation, "we said ..." is the speaker's own words
        text = _CONNECTIVE.sub("", text)
        text = text[:1].upper() + text[1:]  # "..., juru bicara X berujar" starts the clause
        speaker, verb, text = _inner(text, speaker, previous_speaker)
    content = _tidy(text)
    quote = quote or quoted
    attributed = speaker is not None or quote
    return Attribution(speaker=speaker, stance=stance_of(verb, content, attributed=attributed),
                       quote=quote, content=content)


def _has_quotation(sentence: str) -> bool:
    return bool(re.search(r"[\"“«][^\"”»]{8,}[\"”»]", sentence[:MAX_ATTRIBUTED_CHARS]))


def _inner(text: str, speaker: str | None, previous: str | None) -> tuple[str | None, str, str]:
    """Speaker-first wrappers: 'X mengatakan, ...', 'X membantah ...'.

    An inner speaker replaces an outer one only when it denies or disputes
    ("A membantah ..., kata media B": A is the one denying)."""
    if m := _REPORTED_BY.match(text):
        return _speaker(m.group("spk"), False, previous) or speaker, "", m.group("content")
    saying = _SAYING.match(text) if _SAYING_WORD.search(text) else None
    if saying and _plausible_speaker(saying.group("spk")) and not _opposes(saying.group("verb")):
        # "Pyongyang mengecam AS dengan menyatakan, ..." - the content is what
        # follows "saying". A denial or dispute keeps its verb (below) instead.
        inner = _speaker(saying.group("spk"), False, previous) or _unresolved_subject(
            saying.group("spk"))
        if inner:
            return inner, "", saying.group("content")
    if ((m := _SPEAKER_FIRST.match(text)) and (spk := _subject_phrase(m.group("spk")))
            and not _PASSIVE_REPORT.match(m.group("content"))):
        verb = re.sub(r"\s+", " ", m.group("verb").lower())
        opposes = _opposes(verb)
        if speaker and not opposes:
            return speaker, "", text
        if opposes and (negated := _NEGATED_SUBJECT.match(spk.strip())):
            # "The ministry did not deny that ...", "Tidak ada yang membantah
            # bahwa ...": a denial verb negated, or with no one as its subject,
            # denies nothing; what follows is reported as standing
            who = negated.group("who")
            inner = _speaker(who, False, previous) if who else None
            return inner or speaker, "", m.group("content")
        inner = _speaker(spk, False, previous)
        if opposes:  # the stance stands even when the subject names nobody we can show
            return (inner or speaker or _described_subject(spk)
                    or _unresolved_subject(spk), verb,
                    f"{m.group('verb')} {m.group('content')}")
        if inner:
            return inner, verb, m.group("content")
        if (described := _described_subject(spk)) is not None:
            # "The stadium operator said ...": a source described, not named
            return speaker or described, verb, m.group("content")
        if (unresolved := _unresolved_subject(spk)) is not None:
            # "The spokesman said ...", "Laporan itu menyebutkan ...", with no
            # one named before to stand for: the source is named by its
            # description, and what it said is the claim
            return speaker or unresolved, verb, m.group("content")
        if _counted_subject(spk):
            # "Kedua negara mengatakan ...", "Several witnesses said ...": the
            # sources are counted, not named, but what they said is still
            # the claim, without the attribution
            return speaker, verb, m.group("content")
    if m := _PASSIVE_ACCUSED.match(text):
        return _speaker(m.group("spk"), False, None), "", f"{m.group('subj')} {m.group('content')}"
    return speaker, "", text


# The relativizers of people and bodies ("which"/"that" more often open an
# object's clause: "officials released images that they said show ...")
_RELATIVE = re.compile(r"\s(?:yang|who)\s", re.IGNORECASE)
#: the most words a relative clause inside a speaker phrase may have, and the
#: speaker phrase before it (a longer one is a clause of its own)
_RELATIVE_WORDS = 10
_HEAD_WORDS = 5


def _subject_phrase(phrase: str) -> str | None:
    """The speaker phrase of a speaker-first attribution, or None when it is
    no speaker but a clause. A relative clause describing the speaker is left
    out ("Kementerian Kesehatan Gaza yang dikelola Hamas mengatakan ...",
    "Officials who reviewed the intelligence said ...")."""
    if _plausible_speaker(phrase):
        return phrase
    relative = _RELATIVE.search(phrase)
    if relative is None or len(phrase[relative.end():].split()) > _RELATIVE_WORDS:
        return None
    head = phrase[: relative.start()].strip()
    if not head or len(head.split()) > _HEAD_WORDS:
        return None
    return head if _plausible_speaker(head) else None


def _opposes(verb: str) -> bool:
    verb = re.sub(r"\s+", " ", verb.lower())
    return verb in lexicon.DENY or verb in lexicon.DISPUTE


def _plausible_speaker(phrase: str) -> bool:
    """A speaker phrase is a name or a role, not a clause with its own verb."""
    words = phrase.split()
    if not words or _SUBORDINATE.match(words[0].strip("\"“")):
        return False
    if words[-1].lower() in _BE:
        return False  # "Fragments ... were found": a passive, its subject says nothing
    return not any(_CLAUSE_WORD.match(w) or (_AFFIXED_VERB.match(w) and is_indonesian_word(w))
                   for w in words
                   if not w[:1].isupper() and w.lower() not in lexicon.DEMONSTRATIVES)


_DESCRIBED = re.compile(r"^(?:the|a|an)\s+((?:[a-z][a-z-]*\s+){0,2}[a-z][a-z-]*)$")


def _described_subject(phrase: str) -> str | None:
    """'The stadium operator', 'the airline': a source described by a common
    noun with no name; the description, without its article. Not a role or
    an institution's kind alone ("the spokesman", "the ministry"), which
    stand for the speaker named before, nor a report ("the statement")."""
    phrase = phrase.strip()
    found = _DESCRIBED.match(phrase[:1].lower() + phrase[1:])
    if found is None:
        return None
    words = found.group(1).split()
    last = words[-1]
    if last in lexicon.NON_SPEAKER_NOUNS or last in lexicon.FUNCTION_WORDS \
            or last in lexicon.ROLE_NOUNS or last in lexicon.INSTITUTION_HEADS \
            or any(w.endswith(("ed", "ing")) or w in lexicon.NOT_NAMES for w in words):
        return None
    return " ".join(words)


_DETERMINED = re.compile(
    r"^(?:(?:the|this|that)\s+(?P<en>(?:[\w-]+\s+){0,3}?[\w-]+)"
    r"|(?P<id>(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:itu|tersebut|ini))"
    # "the health ministry in Gaza": where it is, a place's name
    r"(?P<where>\s+(?:in|of|di)\s+(?-i:[A-Z])[\w-]*(?:\s+(?-i:[A-Z])[\w-]*){0,2})?$",
    re.IGNORECASE,
)


def _unresolved_subject(phrase: str) -> str | None:
    """'The spokesman', 'the ministry', 'the report', 'juru bicara itu',
    'laporan tersebut': a role, an institution's kind or a report, made
    definite by an article or demonstrative, naming no one. It stands for a
    source named before (``reduce_speaker`` reads it so); where none was,
    the source is unknown and is shown as its description ("spokesman",
    "juru bicara"), and the phrase is still attribution, not claim."""
    found = _DETERMINED.match(phrase.strip())
    if found is None:
        return None
    english = found.group("en") is not None
    words = (found.group("en") or found.group("id")).split()
    # the head noun (last in English, first in Indonesian) is a role, a kind
    # of institution or a report; the words beside it describe it ("health")
    head = words[-1] if english else words[0]
    if head.lower() not in _SOURCE_WORDS or not all(w.isalpha() and w.islower()
                                                     for w in words if w is not head):
        return None
    return " ".join(w.lower() for w in words) + (found.group("where") or "")


# the words of roles, institutions' kinds and reports, one by one ("juru", "bicara")
_SOURCE_WORDS = frozenset(
    word for phrase in (lexicon.ROLE_NOUNS | lexicon.INSTITUTION_HEADS | lexicon.NON_SPEAKER_NOUNS
                        | lexicon.TITLE_WORDS)
    for word in phrase.split())


def _counted_subject(phrase: str) -> bool:
    """'Kedua negara', 'Banyak pihak', 'Both governments', 'Three officials':
    a quantifier or number and a few words, naming no one."""
    words = phrase.split()
    return 2 <= len(words) <= 4 and (
        words[0].lower() in lexicon.QUANTIFIERS or words[0].lower() in lexicon.NUMBER_WORDS)


def _plausible_trailing(phrase: str) -> bool:
    """A trailing speaker ('..., the ministry said') is short and has no clause of its own."""
    head = phrase.split(",")[0]
    return len(head.split()) <= 10 and _plausible_speaker(head)


def _speaker(phrase: str, pronoun: bool, previous: str | None) -> str | None:
    if pronoun:  # "katanya", "ujarnya": the -nya is the previous speaker
        return previous
    return reduce_speaker(phrase, previous)


def _tidy(text: str) -> str:
    text = text.strip().strip("\"“”'‘’«»").strip()
    text = _LEADING_TIME.sub("", text)
    if text.count("“") != text.count("”") or text.count('"') % 2:
        text = text.replace("“", "").replace("”", "").replace('"', "")  # a half-stripped quote
    text = re.sub(r"[,;:]\s*$", "", text).rstrip(".").strip()
    return text[:1].upper() + text[1:] if text else text
