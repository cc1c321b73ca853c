"""Who makes a claim, how they stand toward it, and what is claimed.

News sentences wrap a claim in attribution: "X mengatakan, ...", "“...,” kata
X", "..., menurut X", "According to X, ...", "X said ...". This module peels
those wrappers (outermost first) to find the speaker and the bare content,
and reads the speaker's stance from the reporting verb or from evidence
phrases ("tidak ada bukti", "no evidence", "failed to prove").

Denial and dispute verbs stay in the content ("membantah mengirim senjata"):
a denial is a different statement from the claim it denies, and grouping must
not put "X sent arms" and "X denies sending arms" together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.models import Stance

_SAY_ID = (
    r"mengatakan|menyatakan|menegaskan|menekankan|menyebut(?:kan)?|mengklaim|mengungkapkan|"
    r"menjelaskan|mengumumkan|melaporkan|memperingatkan|mengindikasikan|berkata|berujar|"
    r"menyampaikan|mengaku|menuding|menuduh|mengonfirmasi|memastikan|yakin"
)
_SAY_EN = (
    r"said|says|told|stated|claimed|claims|announced|reported|warned|confirmed|insisted|"
    r"argued|alleged|accused|added|noted|wrote|believes"
)
_DENY = r"membantah|menyangkal|bantah|denied|denies|deny|rejected|rejects"
_DISPUTE = (
    r"menepis|mencemooh|meragukan|mempertanyakan|menampik|dismissed|dismisses|disputed|"
    r"disputes|questioned|brushed\s+off|rejected\s+claims"
)
_POST = (
    r"kata|ujar|ucap|tutur|jelas|sebut|tambah|imbuh|tegas|ungkap|lanjut|papar|terang|"
    r"said|says|told|added|stated|wrote|insisted"
)
_CONNECTIVE = re.compile(
    r"^(?:(?:namun|tetapi|sementara\s+itu|adapun|secara\s+terpisah|selain\s+itu|sebelumnya|"
    r"kemudian|however|meanwhile|separately|earlier|but|and)\b,?\s*"
    r"|(?:seperti\s+)?(?:dikutip\s+dari|mengutip|dilansir(?:\s+dari)?|melansir|"
    r"citing|quoted\s+by)\s+[^,]{2,80},\s*"
    r"|(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu)\s*\([^)]*\),\s*"
    r"|(?:pada|on|in|sejak|since|sebagai|as\s+an?|last|earlier|kemarin)\s+[^,]{2,40},\s*)+",
    re.IGNORECASE,
)
_QUOTE_FIRST = re.compile(
    rf"""^["“‘'](?P<quote>.{{8,}}?)[,.!?]?["”’'],?\s+(?P<verb>{_POST})(?P<nya>nya)?\b\s*(?P<rest>.*)$""",
    re.IGNORECASE | re.DOTALL,
)
_QUOTE_FIRST_EN = re.compile(
    rf"""^["“](?P<quote>.{{8,}}?)[,.!?]?["”],?\s+(?P<rest>[A-Za-z][^,"“”]{{1,80}}?)\s+(?:{_POST})\b.*$""",
    re.DOTALL,
)
_TRAILING_EN = re.compile(
    r"^(?P<core>.{12,}?),\s+(?P<rest>[A-Za-z][^,]{1,60}?)\s+"
    r"(?:said|says|told|added|stated|wrote|reported|reports)"
    r"(?:\s+(?:on|last|this|in|earlier)\s+\w+(?:\s+\w+)?)?\.?$",
    re.DOTALL,
)
_TRAILING = re.compile(
    rf"^(?P<core>.{{12,}}?),\s+(?:(?:{_POST})(?P<nya>nya)?|menurut|according\s+to)\s+(?P<rest>[^,]+?)"
    r"(?:,\s+(?:dikutip|mengutip|seperti|ketika|saat|sambil|when|as)\b.*)?[.!]?$",
    re.IGNORECASE | re.DOTALL,
)
_LEADING_ACCORDING = re.compile(
    r"^(?:menurut|according\s+to)\s+(?P<rest>[^,]{2,80}),\s*(?P<core>.+)$", re.IGNORECASE | re.DOTALL
)
_SPEAKER_FIRST = re.compile(
    rf"^(?P<spk>(?:[A-Z\"“]|para\s|seorang\s)[^.;:!?]{{0,110}}?)\s+"
    rf"(?:(?:juga|dengan\s+tegas|sebelumnya|telah|pun|has|have|had|previously)\s+)?"
    rf"(?P<verb>{_DENY}|{_DISPUTE}|{_SAY_ID}|{_SAY_EN})\b"
    rf"(?:\s+(?:on|in|last|this|earlier|pada)\s+\w+(?:\s+(?:lalu|ini|waktu\s+setempat|\(\S+\)))*"
    rf"(?=\s+(?:that|bahwa)\b))?"
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
_DISPUTE_PHRASE = re.compile(
    r"\b(?:tidak|tak)\s+(?:ada|memiliki|punya)\s+bukti|tanpa\s+(?:memberikan\s+)?bukti|"
    r"gagal\s+membuktikan|belum\s+terbukti|no\s+(?:evidence|proof)|without\s+(?:providing\s+)?"
    r"(?:any\s+)?(?:evidence|proof)|failed\s+to\s+prove|unsubstantiated|hoaks|hoax",
    re.IGNORECASE,
)
_SPEAKER_CUT = re.compile(
    r"\s*(?:,|\(|\bpada\b|\bpekan\b|\bminggu\b|\bkepada\b|\bdalam\b|\bdi\s+(?!Biro)|\bsaat\b|"
    r"\bketika\b|\bseperti\b|\bsambil\b|\bdengan\b|\bmenggunakan\b|\bon\b|\bto\b|\bin\b|\bwhen\b|"
    r"\bwhile\b|\blast\b)"
)
_SPEAKER_PREFIX = re.compile(
    r"^(?:laporan|data|grafik|keterangan|pernyataan|kantor\s+berita|media\s+pemerintah|media|"
    r"the|a|an|seorang|para|report(?:s)?\s+(?:by|from)|figures\s+from)\s+", re.IGNORECASE
)
_PRONOUN_SPEAKER = re.compile(r"^(?:dia|ia|beliau|mereka|he|she|they|it|juru\s+bicara\s+itu|"
                              r"pejabat\s+(?:itu|tersebut)|the\s+spokesman|the\s+official)$",
                              re.IGNORECASE)
# Capitalised words that name roles and institutions, not people: a speaker
# phrase "juru bicara Kremlin Dmitry Peskov" reduces to the person after them.
_INSTITUTION_WORDS = frozenset(
    """
    juru bicara menteri menlu presiden perdana wakil ketua kepala direktur sekretaris jenderal
    pemimpin tertinggi pemerintah kementerian departemen dewan keamanan nasional luar negeri dalam
    pertahanan biro umum peralatan gedung putih kremlin kantor berita media badan komisi partai
    republik demokratik rakyat federasi kerajaan amerika serikat korea utara selatan rusia
    ukraina china tiongkok jepang inggris prancis jerman israel iran indonesia as ri pbb nato
    dpr mpr tni polri pejabat otoritas militer angkatan darat laut udara
    diplomat dipolat top televisi spokesman spokeswoman spokesperson minister president prime
    foreign defense defence national security council state department white house ministry
    official officials leader supreme north south united states russian russia kremlin's
    spokesman
    """.split()
)


_APPOSITIVE = re.compile(
    r"^[^,]{2,60}?\s*,\s*(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,4})"
    r"(?:\s*\((?P<abbr>[A-Z][\w.-]{1,12})\))?\s*,?$"
)
_SAYING = re.compile(
    rf"^(?P<spk>(?:[A-Z]|para\s|seorang\s)[^,.;:!?]{{0,80}}?)\s+"
    rf"(?:(?:juga|telah|pun|bahkan|sebelumnya)\s+)?(?P<verb>me\w+|{_DISPUTE})\b[^\"“”]{{0,100}}?"
    r"(?:,\s+(?:dengan\s+)?|\s+dengan\s+)(?:mengatakan|menyatakan|menyebut(?:kan)?|saying)"
    r"(?:\s+bahwa|\s+that)?\s*[,:]?\s*"
    r"(?P<content>.{8,})$",
    re.DOTALL,
)
_ROLE_NOUNS = frozenset("juru bicara seorang pejabat para spokesman spokeswoman official the".split())


@dataclass(frozen=True)
class Attribution:
    speaker: str | None
    stance: Stance
    quote: bool
    content: str


def attribute(sentence: str, previous_speaker: str | None = None) -> Attribution:
    """Peel attribution wrappers off `sentence` (outermost first)."""
    text = _CONNECTIVE.sub("", sentence.strip())
    speaker: str | None = None
    verb = ""
    quote = bool(re.search(r"[\"“][^\"”]{8,}[\"”]", sentence))
    quoted = False
    if m := _QUOTE_FIRST.match(text):
        speaker = _speaker(m.group("rest"), bool(m.group("nya")), previous_speaker)
        text, quoted = m.group("quote"), True
    elif m := _QUOTE_FIRST_EN.match(text):
        speaker = _speaker(m.group("rest"), False, previous_speaker)
        text, quoted = m.group("quote"), True
    elif m := _TRAILING.match(text) or _TRAILING_EN.match(text):
        nya = bool(m.groupdict().get("nya"))
        speaker = _speaker(m.group("rest"), nya, previous_speaker)
        text = m.group("core")
    elif m := _LEADING_ACCORDING.match(text):
        speaker = _speaker(m.group("rest"), False, previous_speaker)
        text = m.group("core")
    if not quoted:  # inside a quotation, "we said ..." is the speaker's own words
        text = _CONNECTIVE.sub("", text)
        text = text[:1].upper() + text[1:]  # "..., juru bicara X berujar" starts the clause
        speaker, verb, text = _inner(text, speaker, previous_speaker)
    return Attribution(speaker=speaker, stance=_stance(verb, text), quote=quote, content=_tidy(text))


def _inner(text: str, speaker: str | None, previous: str | None) -> tuple[str | None, str, str]:
    """Speaker-first wrappers: 'X mengatakan, ...', 'X membantah ...'.

    An inner speaker replaces an outer one only when it denies or disputes
    ("A membantah ..., kata media B": A is the one denying)."""
    if m := _REPORTED_BY.match(text):
        return _speaker(m.group("spk"), False, previous) or speaker, "", m.group("content")
    saying = _SAYING.match(text)
    if saying and _plausible_speaker(saying.group("spk")) and not re.fullmatch(
        rf"{_DENY}|{_DISPUTE}", saying.group("verb").lower()
    ):
        # "Pyongyang mengecam AS dengan menyatakan, ..." - the content is what
        # follows "saying". A denial or dispute keeps its verb (below) instead.
        inner = _speaker(saying.group("spk"), False, previous)
        if inner:
            return inner, "", saying.group("content")
    if (m := _SPEAKER_FIRST.match(text)) and _plausible_speaker(m.group("spk")):
        verb = m.group("verb").lower()
        opposes = re.fullmatch(rf"{_DENY}|{_DISPUTE}", verb)
        if speaker and not opposes:
            return speaker, "", text
        inner = _speaker(m.group("spk"), False, previous)
        if inner:
            content = f"{m.group('verb')} {m.group('content')}" if opposes else m.group("content")
            return inner, verb, content
    if m := _PASSIVE_ACCUSED.match(text):
        return _speaker(m.group("spk"), False, None), "", f"{m.group('subj')} {m.group('content')}"
    return speaker, "", text


_SUBORDINATE = re.compile(
    r"^(?:meski(?:pun)?|walaupun|ketika|saat|sejak|setelah|sebelum|karena|jika|bila|"
    r"although|though|when|while|since|after|before|because|if|banyaknya)$",
    re.IGNORECASE,
)
# Lower-case words that mean the phrase is a clause with its own verb.
_CLAUSE_WORD = re.compile(
    r"^(?:yang|bahwa|setelah|sebelum|ketika|karena|that|which|who|after|when|"
    r"(?:me|ber|di|ter)[a-z]{4,})$"
)


def _plausible_speaker(phrase: str) -> bool:
    """A speaker phrase is a name or a role, not a clause with its own verb."""
    words = phrase.split()
    if not words or _SUBORDINATE.match(words[0]):
        return False
    return not any(_CLAUSE_WORD.match(w) for w in words if not w[:1].isupper())


def _stance(verb: str, content: str) -> Stance:
    if verb and re.fullmatch(_DENY, verb):
        return "denies"
    if verb and re.fullmatch(_DISPUTE, verb):
        return "disputes"
    if _DISPUTE_PHRASE.search(content):
        return "disputes"
    return "asserts"


def _speaker(phrase: str, pronoun: bool, previous: str | None) -> str | None:
    """Reduce a speaker phrase to a name: 'juru bicara Kremlin Dmitry Peskov
    kepada kantor berita Rusia' -> 'Dmitry Peskov'; 'Gedung Putih' stays."""
    phrase = phrase.strip().strip("\"“”").strip()
    if pronoun or _PRONOUN_SPEAKER.match(phrase):
        return previous
    if appositive := _APPOSITIVE.match(phrase):  # "Diplomat top Rusia, Sergey Lavrov,"
        return appositive.group("abbr") or appositive.group("name")
    phrase = _SPEAKER_CUT.split(phrase, maxsplit=1)[0].strip(" ,")
    while (stripped := _SPEAKER_PREFIX.sub("", phrase)) != phrase:
        phrase = stripped
    if not phrase or len(phrase.split()) > 10:
        return None
    if _PRONOUN_SPEAKER.match(phrase):
        return previous
    words = phrase.replace(" , ", " ").split()
    caps = [w for w in words if w[:1].isupper() or w.isupper()]
    if not caps:
        return previous if re.search(r"\b(?:itu|tersebut)$", phrase) else phrase[:80]
    # The trailing run of capitalised words that are not role/institution words.
    name: list[str] = []
    for word in reversed(words):
        clean = word.strip(",.()").lower()
        if not word[:1].isupper() or clean in _INSTITUTION_WORDS:
            break
        name.insert(0, word.strip(",.()"))
    if name and (len(name) >= 2 or len(words) == 1 or words[-1] == name[-1]):
        return " ".join(name)
    # No personal name: the institution itself, the last capitalised run
    # ("juru bicara Departemen Luar Negeri AS" -> "Departemen Luar Negeri AS").
    runs: list[list[str]] = [[]]
    for word in words:
        if word[:1].isupper() or (runs[-1] and word.lower() in {"of", "dan", "and"}):
            runs[-1].append(word.strip(",.()"))
        elif runs[-1]:
            runs.append([])
    if words[-1].lower() in _ROLE_NOUNS:  # "a North Korean defence ministry official"
        return " ".join(w for w in words if w.lower() not in {"a", "an", "the", "seorang"})
    nonempty = [run for run in runs if run]
    if not nonempty:  # capitals only inside tokens ("3M", "«AS»"): no name here
        return None
    best = nonempty[-1]
    while best and best[0].lower() in _ROLE_NOUNS and len(best) > 1:
        best = best[1:]
    return " ".join(best) or None


_LEADING_TIME = re.compile(r"^(?:on|pada)\s+[A-Z]\w+(?:\s+\(\S+\))?,?\s+(?=\S)", re.IGNORECASE)


def _tidy(text: str) -> str:
    text = text.strip().strip("\"“”'‘’").strip()
    text = _LEADING_TIME.sub("", text)
    if text.count("“") != text.count("”") or text.count('"') % 2:
        text = text.replace("“", "").replace("”", "").replace('"', "")  # a half-stripped quote
    text = re.sub(r"[,;:]\s*$", "", text).rstrip(".").strip()
    return text[:1].upper() + text[1:] if text else text
