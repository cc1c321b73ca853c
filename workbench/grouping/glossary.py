"""A bilingual glossary of news vocabulary, so claims can share words across languages.

An Indonesian report and an English report of one claim share almost no
characters: "pesawat itu ditembak jatuh" and "the plane was shot down". The
encoder sees through some of that, but scores translations lower than
same-language paraphrases, and on its own it rates a translation about as
close as another claim on the same topic. What separates the two is what
separates them within one language: the content words. This module reads
each claim as a bag of *concepts*: every content word is reduced to its
root (Sastrawi's dictionary stemmer for Indonesian, Snowball's for English)
and the roots the glossary knows become one English concept token, so
"ditembak", "penembakan", "shot" and "shooting" all read ``shoot``.
Places and institutions come from ``normalise.py`` as their canonical tokens,
quantities from ``numbers.py``; every other word (names, most of all) is
kept as its root, so "Prigozhin" or "Nord" match themselves.

The glossary is a table of the two languages' news register, not of any
page: the verbs, nouns and adjectives of wire and national-desk copy on
conflict and security, disasters and accidents, crime and courts, politics
and government, the economy, health, and sport, with their everyday
Indonesian equivalents (and the loanwords Indonesian outlets use). Each row
is ``English words | Indonesian roots``; the first English word names the
concept. English irregular forms are listed where the stemmer cannot reach
them ("shot", "sent"). A word with two common senses goes with the sense
news uses most.

Nothing here raises on odd text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from workbench.grouping.normalise import anchors, without_anchors

_GLOSSARY = """
# conflict, military, security
attack assault strike raid struck | serang serbu gempur
shoot shot shooting gunfire fire fired | tembak
shoot-down | tembak_jatuh
kill killed dead death deaths die died fatal | tewas bunuh mati wafat meninggal
wound wounded injure injured injury injuries hurt | luka cedera
bomb bombing bombed | bom
explode explosion blast blew exploded detonate detonation | ledak
missile | rudal misil peluru_kendali
rocket | roket
shell artillery | peluru artileri meriam
drone | drone nirawak
weapon weapons arms armament | senjata
ammunition munition munitions | amunisi
army military troops soldier soldiers | tentara militer pasukan prajurit
navy naval | angkatan_laut
air-force | angkatan_udara
war warfare | perang
fight fighting combat battle clash clashes | tempur perang tarung bentrok
ceasefire truce | gencatan
invade invasion | invasi serbu
occupy occupation | duduk
defend defence defense | bela pertahanan
target targeted | sasar target
launch launched | luncur
intercept interception | cegat
hostage hostages | sandera
militant militants fighter fighters | militan pejuang
terror terrorist terrorism | teror teroris terorisme
rebel rebels rebellion mutiny uprising | berontak pemberontak
mercenary mercenaries | tentara_bayaran
sabotage | sabotase
security | aman keamanan
border | batas perbatasan
threat threaten threatened | ancam
escalate escalation | eskalasi
nuclear | nuklir
intelligence spy | intelijen mata-mata
hospital | rumah_sakit
air | udara
equipment | alat peralatan
# disasters, accidents, emergencies
crash crashed | jatuh
accident | kecelakaan celaka
plane aircraft jet airplane | pesawat
helicopter | helikopter
passenger passengers | tumpang penumpang
crew | awak kru
pilot | pilot
flight fly flew | terbang
fire blaze burn burned burnt | bakar kebakaran api
flood floods flooding | banjir
earthquake quake | gempa
tsunami | tsunami
landslide | longsor
storm | badai
eruption erupt volcano | erupsi letus gunung_api
disaster catastrophe | bencana
tragedy | tragedi
victim victims | korban
survivor survivors | selamat
rescue rescued evacuate evacuation | selamat evakuasi
search | cari
body bodies corpse | jenazah mayat
missing | hilang
stampede crush | desak
panic | panik
tear-gas | gas_air_mata
gas | gas
pipeline pipe | pipa
leak leaking | bocor
damage damaged destroy destroyed destruction | rusak hancur
collapse collapsed | runtuh ambruk roboh
stadium | stadion
crowd spectator spectators fan fans supporter supporters | penonton suporter
match game | laga
gate door | pintu
exit | keluar
# crime, law, courts
police policeman officer officers | polisi polri
arrest arrested detain detained | tangkap tahan
suspect suspects | tersangka
accuse accused accusation allege alleged allegation | tuduh tuding dakwa
charge charged | dakwa
court trial | adil sidang pengadilan
judge | hakim
prosecutor prosecutors | jaksa
sentence sentenced | vonis hukum
prison jail | penjara
law legal | hukum undang-undang
crime criminal | kejahatan pidana
murder | bunuh
corruption corrupt | korupsi
investigate investigation investigator investigators probe inquiry
    | selidik sidik penyelidikan penyidikan usut
evidence proof prove proven | bukti
witness witnesses | saksi
responsible responsibility | tanggung_jawab
blame blamed blames | salahkan
cause caused | sebab
fault negligence | lalai
violate violation | langgar
# politics, government, diplomacy
president | presiden
minister | menteri
ministry | kementerian
government | perintah pemerintah
state country nation | negara
parliament lawmaker lawmakers | parlemen dpr
official officials | pejabat
spokesman spokeswoman spokesperson | juru_bicara jubir
leader leaders | pimpin pemimpin
election vote voter voters | pilih pemilu suara
party | partai
opposition | oposisi
policy | kebijakan
sanction sanctions | sanksi
agreement deal treaty | sepakat perjanjian
talk talks negotiation negotiate | runding
meet meeting met summit | temu
visit visited | kunjung
condemn condemned condemnation | kecam
support supported | dukung
reject rejected | tolak
deny denied denial | bantah sangkal
admit admitted | aku
confirm confirmed | konfirmasi benar
claim claimed | klaim
report reported | lapor laporan
announce announced | umum
statement | pernyataan
warn warned warning | peringat
demand demanded | tuntut
call urge urged | desak minta
order ordered | perintah
ban banned | larang
allow allowed | izin
sovereignty | daulat
embassy | kedutaan
ambassador | duta_besar dubes
diplomat diplomatic | diplomat
ally allies alliance | sekutu
enemy | musuh
# economy
price prices | harga
economy economic | ekonomi
inflation | inflasi
budget | anggaran
tax taxes | pajak
debt | utang
trade | dagang
export exports | ekspor
import imports | impor
oil | minyak
fuel | bahan_bakar bbm
energy | energi
electricity power | listrik
bank | bank
money fund funds | uang dana
cost costs | biaya
loss losses | rugi
company firm | perusahaan
factory plant mill | pabrik
industry industrial | industri
project projects | proyek
contract contracts | kontrak
construction | konstruksi
infrastructure | infrastruktur
investment invest investor investors | investasi investor
steel | baja
iron | besi
coal | batu_bara batubara
nickel | nikel
gold | emas
cement concrete | semen beton
worker workers employee | pekerja karyawan buruh
job jobs | kerja
rise rose raise raised increase increased | naik
fall fell decrease decreased drop dropped | turun
# health, society
health | sehat
disease | penyakit
virus | virus
vaccine vaccination | vaksin
doctor doctors | dokter
patient patients | pasien
medicine drug drugs | obat
child children | anak
woman women | perempuan wanita
man men | pria laki-laki
people person | orang
family families | keluarga
school | sekolah
student students | siswa mahasiswa
# reporting, knowledge, degree
say said | kata
true | benar
false untrue | salah palsu bohong
lie lies | bohong dusta
fake hoax | hoaks
propaganda | propaganda
information | informasi
news | berita
data | data
analysis | analisis
expert experts | ahli pakar
source sources | sumber
document documents | dokumen
video footage | video
photo photos image images | foto gambar
satellite | satelit
camera | kamera
# general actions
send sent | kirim
give gave | beri
receive received | terima
take took | ambil
carry carried | bawa
use used | guna pakai
buy bought | beli
sell sold | jual
supply supplied | pasok
build built | bangun
close closed | tutup
open opened | buka
stop stopped halt | henti
start began begin | mulai
continue | lanjut
end ended | akhir
return returned | kembali
leave left | tinggal
enter entered | masuk
arrive arrived | tiba
move moved | pindah
hit | hantam kena
fail failed failure | gagal
succeed success | hasil
help aid | bantu bantuan
win won | menang
lose lost | kalah
plan planned | rencana
prepare | siap
know knew known | tahu
find found | temu
show showed shown | tunjuk
see saw seen | lihat
hear heard | dengar
believe | percaya yakin
think thought | pikir
estimate estimated | perkira kira
never | tidak_pernah belum_pernah
record recorded | catat
count | hitung
# general nouns and adjectives
city | kota
village | desa
region area | wilayah daerah kawasan
province | provinsi
capital | ibu_kota
building | gedung bangun
house home | rumah
road street | jalan
bridge | jembatan
sea | laut
ship vessel | kapal
car vehicle | mobil kendaraan
train | kereta
airport | bandara bandar_udara
port harbour harbor | pelabuhan
container containers | kontainer
cargo | muat
ton tons tonne tonnes | ton
kilogram kilograms kg | kilogram kg
kilometre kilometer kilometres kilometers km | kilometer km
percent | persen
hundred | ratus
thousand | ribu
million | juta
billion | miliar
day days | hari
week weeks | pekan minggu
month months | bulan
year years | tahun
hour hours | jam
minute minutes | menit
night | malam
morning | pagi
first | pertama
last | akhir
new | baru
next coming | depan mendatang
large big | besar
small | kecil
many | banyak
all | semua seluruh
dozens | puluh
# environment, weather, science
climate | iklim
weather | cuaca
rain rainfall | hujan
drought | kemarau kering
heat | panas
temperature | suhu
pollution polluted | polusi cemar
emission emissions | emisi
forest | hutan
river | sungai
water | air
island | pulau
mountain | gunung
scientist scientists | ilmuwan
research researcher researchers study | riset teliti peneliti kaji
# technology, media
internet online | internet daring
phone | telepon ponsel
computer | komputer
hack hacker hackers cyber | retas peretas siber
social-media | media_sosial medsos
account accounts | akun
platform | platform
journalist journalists reporter reporters | jurnalis wartawan
media | media
newspaper | koran surat_kabar
television | televisi
# transport
travel trip | jalan perjalanan
ticket tickets | tiket
bus | bus
motorcycle | motor sepeda_motor
traffic | lalu_lintas
route | rute
# society, religion, education, work
religion religious | agama
mosque | masjid
church | gereja
teacher teachers | guru
university | universitas kampus
protest protester protesters demonstration demonstrator | demo unjuk_rasa demonstran
strike walkout | mogok
riot riots unrest | rusuh kerusuhan ricuh kericuhan
refugee refugees | pengungsi
migrant migrants | migran
poverty poor | miskin kemiskinan
citizen citizens resident residents | warga penduduk
community | masyarakat komunitas
# agriculture, food, industry
food | makan pangan
rice | beras padi
farmer farmers | petani
harvest | panen
factory | pabrik
mine mining | tambang
coal | batu_bara
nickel | nikel
industry | industri
investment investor investors invest | investasi investor
market | pasar
stock stocks share shares | saham
currency | mata_uang
salary wage wages | gaji upah
# sport
player players | pemain
team | tim
coach | pelatih
club | klub
league | liga
referee | wasit
goal goals | gol
tournament championship | turnamen kejuaraan
"""

#: words read as no concept: the function words and auxiliaries of both
#: languages (they carry grammar, not what is claimed)
_STOP = frozenset("""
a an the of to in on at by for from with without into onto over under about after before
since during until than then as is are was were be been being am has have had do does did
will would shall should can could may might must this that these those it its it's their
there here they them he him his she her we our you your i me my who whom whose which what
when where why how not no nor or and but if so also only just even still yet very more most
less least such other another any some each every both either neither one ones said says say
told tells tell according
yang dan di ke dari dalam pada untuk dengan oleh bahwa ini itu tersebut adalah ialah akan
telah sudah sedang masih juga pun saja hanya lebih paling sangat tidak bukan belum jangan
atau tetapi namun serta karena sebab jika kalau agar supaya hingga sampai sejak selama
setelah sebelum saat ketika sementara kata ujar ucap tutur menurut nya ia dia mereka kami
kita saya aku anda para sang si sebuah seorang suatu ada bagi antara terhadap tentang
sebagai secara sebesar sekitar atas bawah apa siapa mana kapan bagaimana mengapa itu pula lagi
""".split())

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmers() -> tuple[object, object]:
    """(Indonesian, English) stemmers, built on first use (not at import)."""
    import snowballstemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer(), snowballstemmer.stemmer("english")


@lru_cache(maxsize=262144)
def _root_id(word: str) -> str:
    stemmer = _stemmers()[0]
    try:
        return str(stemmer.stem(word)) or word  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - an odd word stays as written
        return word


@lru_cache(maxsize=262144)
def _root_en(word: str) -> str:
    stemmer = _stemmers()[1]
    try:
        return str(stemmer.stemWord(word)) or word  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001
        return word


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[tuple[str, ...], str],
                       dict[tuple[str, ...], str]]:
    """(English word or root -> concept, Indonesian likewise, and the phrases
    of each language keyed by their words' keys), from the glossary rows."""
    lines: list[str] = []
    for line in _GLOSSARY.strip().splitlines():
        line = line.strip()
        if line.startswith("|") and lines:
            lines[-1] += " " + line  # a long row goes on on the next line
        elif line and not line.startswith("#"):
            lines.append(line)
    rows: list[tuple[str, list[str], list[str]]] = []
    for line in lines:
        english, _, indonesian = line.partition("|")
        words = english.split()
        # English phrases are hyphenated ("tear-gas"), Indonesian ones joined
        # by "_" ("rumah_sakit"): Indonesian hyphens belong to the word
        rows.append((words[0], [w.replace("-", " ") for w in words],
                     [w.replace("_", " ") for w in indonesian.split()]))
    en: dict[str, str] = {}
    id_: dict[str, str] = {}
    for concept, en_words, id_words in rows:
        for word in (w for w in en_words if " " not in w):
            en.setdefault(word, concept)
            en.setdefault(_root_en(word), concept)
        for word in (w for w in id_words if " " not in w):
            id_.setdefault(word, concept)
            id_.setdefault(_root_id(word), concept)
    en_phrases: dict[tuple[str, ...], str] = {}
    id_phrases: dict[tuple[str, ...], str] = {}
    for concept, en_words, id_words in rows:
        for phrase in (w for w in en_words if " " in w):
            en_phrases.setdefault(tuple(_key(w, en, _root_en) for w in phrase.split()), concept)
        for phrase in (w for w in id_words if " " in w):
            id_phrases.setdefault(tuple(_key(w, id_, _root_id) for w in phrase.split()), concept)
    return en, id_, en_phrases, id_phrases


def _key(word: str, single: dict[str, str], root: Callable[[str], str]) -> str:
    """A word's concept: the word as written first ("pertahanan" is defence,
    though its root "tahan" is to hold), then its root, else the root itself."""
    stem = root(word)
    return single.get(word) or single.get(stem) or stem


#: the longest glossary phrase, in words ("gas air mata")
_PHRASE_WORDS = 3


@lru_cache(maxsize=262144)
def _word_key(word: str, indonesian: bool) -> str:
    """``_key`` of a lower-cased word, cached: a batch repeats its vocabulary."""
    en, id_, _, _ = _tables()
    if not indonesian:
        return _key(word, en, _root_en)
    stem = _root_id(word)
    if word in id_ or stem in id_ or stem == word:
        return _key(word, id_, _root_id)
    # Sastrawi takes the particles (-lah, -kah, -tah, -pun) and possessives
    # (-ku, -mu, -nya) off before the prefixes, so a root that ends in those
    # letters is cut short once affixed: "membantah" -> "ban" (tyre), not
    # "bantah" (deny). Where the stemmer changed the word and found no
    # glossary root, the word's own affixes are undone by the rules of the
    # language, and a candidate the glossary knows is taken.
    for candidate in _unaffixed(word):
        if candidate in id_:
            return id_[candidate]
    return stem


#: meN-/peN- before a root's first letter: the prefix as written, and the
#: letter the nasal replaced ("menembak" <- tembak, "memasok" <- pasok)
_NASAL = (("meny", "s"), ("meng", "k"), ("meng", ""), ("mem", "p"), ("mem", ""),
          ("men", "t"), ("men", ""), ("me", ""),
          ("peny", "s"), ("peng", "k"), ("peng", ""), ("pem", "p"), ("pem", ""),
          ("pen", "t"), ("pen", ""), ("pe", ""))
_PREFIXES = ("di", "ter", "ber", "be", "per", "ke", "se")
_SUFFIXES = ("kan", "an", "i", "nya", "lah", "kah")


def _unaffixed(word: str) -> list[str]:
    """Candidate roots of an affixed Indonesian word, most specific first:
    each suffix (or none) with each prefix (or none), nasal sound changes undone."""
    stems = [word] + [word[: -len(s)] for s in _SUFFIXES if word.endswith(s)
                      and len(word) - len(s) >= 3]
    out: list[str] = []
    for stem in stems:
        for prefix, letter in _NASAL:
            if stem.startswith(prefix) and len(stem) - len(prefix) >= 2:
                out.append(letter + stem[len(prefix):])
        out += [stem[len(p):] for p in _PREFIXES
                if stem.startswith(p) and len(stem) - len(p) >= 3]
        if stem != word:
            out.append(stem)
    return out


@lru_cache(maxsize=2)
def _phrase_starts(indonesian: bool) -> frozenset[str]:
    """The first words' keys of the phrases of one language (to skip the rest fast)."""
    _, _, en_phrases, id_phrases = _tables()
    return frozenset(key[0] for key in (id_phrases if indonesian else en_phrases))


#: concepts that count people: "471 orang", "471 victims", "471 dead", "10
#: jenazah" count one thing, however a report names the dead
_PERSON_UNITS = frozenset({"people", "victim", "body", "kill", "passenger"})


@lru_cache(maxsize=1)
def _concept_names() -> frozenset[str]:
    en, id_, en_phrases, id_phrases = _tables()
    return frozenset(en.values()) | frozenset(id_.values()) | frozenset(
        en_phrases.values()) | frozenset(id_phrases.values())


def unit_concepts(words: Sequence[str], lang: str) -> frozenset[str]:
    """The glossary concepts of the words a quantity counts ("empat kebocoran
    gas" and "four gas leaks": gas, leak; "four blasts": explode; "liter
    bahan bakar": fuel), people counted any way as one. Words the glossary
    does not know give nothing, so that an unknown unit never tells two
    quantities apart."""
    names = _concept_names()
    return frozenset("people" if c in _PERSON_UNITS else c
                     for c in concepts(" ".join(words), lang) if c in names)


def is_function_word(word: str) -> bool:
    """A word of either language that carries no concept ("of", "yang")."""
    return word.lower() in _STOP


def concepts(text: str, lang: str) -> list[str]:
    """The claim's words as concept tokens (see the module docstring), in order.

    ``lang`` is "id" or "en" (anything else is read as English). Places,
    institutions and dates come first as their canonical tokens.
    """
    if not isinstance(text, str) or not text:
        return []
    indonesian = lang == "id"
    _, _, en_phrases, id_phrases = _tables()
    phrases = id_phrases if indonesian else en_phrases
    starts = _phrase_starts(indonesian)
    out = list(anchors(text))
    words = []
    for word in _WORD.findall(without_anchors(text)):
        word = word.lower().replace("’", "'")
        head, _, tail = word.partition("-")
        if indonesian and head == tail:
            word = head  # reduplication marks the plural ("korban-korban"): one word
        words.append(word)
    keys = [_word_key(w, indonesian) for w in words]
    i, n = 0, len(words)
    while i < n:
        if keys[i] in starts:
            for size in range(min(_PHRASE_WORDS, n - i), 1, -1):
                concept = phrases.get(tuple(keys[i:i + size]))
                if concept:
                    out.append(concept)
                    i += size
                    break
            else:
                concept = None
            if concept:
                continue
        if words[i] not in _STOP and len(words[i]) >= 2:
            out.append(keys[i])
        i += 1
    return out
