"""The words of attribution, as tables of the two languages the workbench reads.

Attribution is data, not a pile of special cases (textacy's quotation triples
and CoreNLP's quote annotator work the same way): a reporting verb, the
phrases that carry a stance, the pronouns and role nouns that point back to
a speaker, and the function words that never are one. Adding a verb is one
word in a table here; the patterns in `attribution` are built from these.

The tables cover the general news register of Indonesian and English: the
reporting verbs of wire and national-desk copy, the evidence phrases of
denials and disputes, and the pronouns and role nouns of both languages.
They name no page, person or event.
"""

from __future__ import annotations

import re


def alternation(words: frozenset[str] | tuple[str, ...]) -> str:
    """A regex alternation of `words`, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _words(text: str) -> frozenset[str]:
    return frozenset(line.strip() for line in text.strip().splitlines() if line.strip())


# --- reporting verbs, by the stance they give the speaker -------------------
# Verbs that stand after the speaker: "X mengatakan, ...", "X said that ...".
SAY_BEFORE_ID = _words("""
klaim
sebut
ungkap
tegaskan
akui
tuding
nilai
mengatakan
menyatakan
menegaskan
menekankan
menyebut
menyebutkan
mengklaim
mengungkapkan
menjelaskan
mengumumkan
melaporkan
memperingatkan
mengindikasikan
berkata
berujar
bertutur
menyampaikan
mengaku
mengakui
menuding
menuduh
mengonfirmasi
mengkonfirmasi
memastikan
menambahkan
menuturkan
memaparkan
menerangkan
mengutarakan
membenarkan
mencatat
menulis
meyakini
menilai
memperkirakan
menduga
mencuit
bersikeras
yakin
menggambarkan
melabeli
menjuluki
""")
SAY_BEFORE_EN = _words("""
emphasized
emphasised
reiterated
affirmed
assured
clarified
disclosed
highlighted
underlined
pointed out
indicated
said
says
say
told
tells
stated
states
claimed
claims
announced
announces
reported
reports
warned
warns
confirmed
confirms
insisted
insists
argued
argues
alleged
alleges
accused
accuses
added
adds
noted
notes
wrote
writes
believes
believed
estimated
estimates
explained
explains
acknowledged
acknowledges
admitted
admits
concluded
concludes
found
maintained
maintains
stressed
stresses
asserted
asserts
declared
declares
testified
tweeted
posted
revealed
suggested
suggests
described
describes
labelled
labeled
branded
characterised
characterized
""")
# Verbs that stand after a quotation or clause: "“...,” kata X", "..., X said".
SAY_AFTER = _words("""
kata
ujar
ucap
tutur
jelas
sebut
tambah
imbuh
tegas
ungkap
lanjut
papar
terang
klaim
tulis
said
says
told
added
adds
stated
wrote
writes
insisted
explained
noted
continued
""")
DENY = _words("""
membantah
menyangkal
bantah
dibantah
menolak tuduhan
menolak klaim
menolak laporan
denied
denies
deny
rejected
rejects
dismissed
dismisses
refuted
refutes
repudiated
""")
DISPUTE = _words("""
menepis
mencemooh
meragukan
mempertanyakan
menampik
menantang
menggugat
membantah klaim
disputed
disputes
dispute
questioned
questions
challenged
challenges
contested
contests
doubted
doubts
brushed off
pushed back on
cast doubt on
""")

# --- evidence phrases: a stance carried by what is said, not by the verb -----
# A dispute questions the evidence or the account; a denial says it is false.
DISPUTE_PHRASES = _words("""
tidak ada bukti
tak ada bukti
tidak memiliki bukti
tidak punya bukti
tanpa bukti
tanpa memberikan bukti
belum memberikan bukti
belum ada bukti
gagal membuktikan
belum terbukti
tidak ada indikasi
tak ada indikasi
tidak ada tanda-tanda
tidak ada tanda
tidak terbukti
tidak berdasar
tak berdasar
tidak masuk akal
spekulasi
hoaks
no evidence
no proof
without evidence
without providing evidence
without any evidence
without providing any evidence
failed to prove
no indication
no sign of
no signs of
failed to provide evidence
unsubstantiated
unproven
groundless
baseless
unfounded
not credible
speculation
an absolute lie
a lie
kebohongan
bohong
raised doubts
raises doubts
concerned about
skeptical
sceptical
hoax
""")
# Falsity and non-involvement: the speaker says the claim is false. These win
# over the evidence phrases ("false and groundless" is a denial).
FALSITY_PHRASES = _words("""
ini salah
itu salah
tersebut salah
salah dan tidak berdasar
keliru
tidak benar
tak benar
tidak terlibat
tak terlibat
adalah salah
palsu
fitnah
not involved
not true
untrue
false
fabricated
made up
fake news
not responsible
fiction
fabrication
fiksi
rekayasa
mengada-ada
""")
# Weaker denial cues, read after the evidence phrases.
DENY_PHRASES = _words("""
bukan karena
bukan disebabkan
bukan penyebab
tidak pernah
tak pernah
never
not to blame
not due to
not caused by
not the cause
categorically
""")
# Negation at the head of a reported clause: "the gates were not locked",
# "kita tidak melebihi": the speaker denies the proposition without the negation.
NEGATIONS = _words("""
tidak
tak
bukan
belum pernah
tidak pernah
not
never
no longer
n't
""")

# Words of doubt. Negated, they affirm ("tidak ada keraguan bahwa ...", "tak
# diragukan lagi", "there is no doubt that ...", "without a doubt"): a
# negation before one of these is certainty, not a denial.
DOUBT_WORDS = _words("""
keraguan
ragu
ragu-ragu
diragukan
meragukan
disangsikan
kesangsian
sangsi
doubt
doubts
doubted
doubting
""")

# Degree words that intensify a judgement without changing it ("a complete
# lie", "utterly false", "sepenuhnya salah", "sama sekali tidak terlibat"):
# stance phrases are matched with these taken out.
INTENSIFIERS = _words("""
complete
completely
utter
utterly
total
totally
absolute
absolutely
entire
entirely
wholly
outright
pure
purely
sheer
simply
downright
blatant
blatantly
categorical
flatly
strongly
firmly
vehemently
emphatically
sepenuhnya
mutlak
murni
belaka
dengan tegas
secara tegas
dengan keras
sama sekali
benar-benar
betul-betul
sungguh
jelas-jelas
""")
# Words after which a clause no longer states the head claim: a contrast or
# a concession ("blown up deliberately but have not said who ...").
CLAUSE_CONTRASTS = _words("""
but
although
though
whereas
tetapi
tapi
namun
meski
meskipun
walaupun
sedangkan
""")
# Words that open a relative clause: a negation right after one modifies a
# noun ("laporan yang tidak dirahasiakan", an unclassified report), it does
# not deny the claim.
# Words that link a subject to what is said of it, and articles: left dangling
# at the end of a clause once the judgement after them is taken out ("X
# adalah kebohongan mutlak" -> "X adalah", "described the report as fiction").
COPULAS = _words("""
adalah
merupakan
ialah
yakni
sebagai
is
was
are
were
be
been
as
""")
ARTICLES = _words("""
a
an
the
sebuah
suatu
seorang
""")
RELATIVIZERS = _words("""
yang
which
that
who
whose
""")

# --- words that refer back to a speaker ---------------------------------------
PRONOUNS = _words("""
dia
ia
beliau
mereka
kami
kita
saya
aku
he
she
they
it
we
i
""")
# Heads of definite descriptions that resolve to the last named speaker.
ROLE_NOUNS = _words("""
juru bicara
jubir
pejabat
menteri
presiden
direktur
ketua
kepala
komandan
jaksa
penyidik
pengacara
spokesman
spokeswoman
spokesperson
official
minister
president
director
chairman
chief
commander
prosecutor
investigator
lawyer
ambassador
duta besar
""")
DEMONSTRATIVES = _words("""
itu
tersebut
ini
the
""")

# --- words that are never a speaker -------------------------------------------
# Function words, and the common nouns of reports that are not a source in themselves.
FUNCTION_WORDS = _words("""
yang
dan
atau
tetapi
namun
karena
jika
ketika
saat
setelah
sebelum
untuk
dengan
dari
pada
di
ke
ini
itu
ada
adalah
akan
sudah
telah
juga
hal
the
a
an
and
or
but
because
if
when
while
after
before
for
with
from
on
in
at
to
this
that
there
here
it
is
was
were
be
been
has
have
had
also
as
asked
ditanya
when asked
""")
# What a source publishes: "a statement from the UN", "laporan dari Human
# Rights Watch", "data Badan Pusat Statistik". The source is the name after it.
DOCUMENT_NOUNS = _words("""
statement
report
data
study
survey
letter
document
release
press release
analysis
assessment
findings
pernyataan
laporan
keterangan
keterangan tertulis
keterangan resmi
siaran pers
rilis
data
kajian
survei
surat
dokumen
analisis
temuan
hasil
""")
NON_SPEAKER_NOUNS = _words("""
pernyataan
laporan
berita
kabar
informasi
hal
kejadian
peristiwa
insiden
statement
statements
report
reports
news
story
article
incident
event
move
decision
situation
result
results
data
figure
figures
""")
# Words that open a sentence with a capital and are never a name: days and
# months (a "Sabtu (26/8/2023)" after the attribution is a date), quantifiers
# and number words ("All have denied", "Two US officials", "Banyak pihak"),
# answer words ("Yes, we found ...") and the adverbs Indonesian copy opens a
# clause with ("Lebih lanjut", "Sampai saat ini", "Sementara Hamas ...").
DATE_WORDS = _words("""
senin
selasa
rabu
kamis
jumat
jum'at
sabtu
minggu
ahad
januari
februari
maret
april
mei
juni
juli
agustus
september
oktober
november
desember
monday
tuesday
wednesday
thursday
friday
saturday
sunday
january
february
march
june
july
august
october
december
""")
QUANTIFIERS = _words("""
all
both
each
every
many
most
much
some
several
few
none
neither
either
another
other
others
semua
seluruh
segenap
banyak
beberapa
sejumlah
kedua
ketiga
setiap
tiap
masing-masing
sebagian
sebagian besar
mayoritas
""")
NUMBER_WORDS = _words("""
one
two
three
four
five
six
seven
eight
nine
ten
eleven
twelve
twenty
dozens
hundreds
thousands
satu
dua
tiga
empat
lima
enam
tujuh
delapan
sembilan
sepuluh
belasan
puluhan
ratusan
ribuan
""")
CLAUSE_OPENERS = _words("""
yes
no
ya
tidak
lebih
sampai
hingga
sementara
meanwhile
however
still
""")
NOT_NAMES = DATE_WORDS | QUANTIFIERS | NUMBER_WORDS | CLAUSE_OPENERS
# Adverbs that stand between a speaker and the reporting verb ("Polisi bahkan
# membantah ...", "The ministry publicly rejected ..."): of time, manner,
# emphasis and addition. They belong to neither the speaker nor the claim.
PRE_VERB_ADVERBS = _words("""
juga
pun
telah
sudah
sempat
pernah
kembali
bahkan
langsung
segera
lantas
lalu
kemudian
akhirnya
sebelumnya
turut
tegas
dengan tegas
secara tegas
secara terbuka
secara resmi
berulang kali
also
again
already
previously
earlier
later
then
since
subsequently
initially
finally
quickly
swiftly
immediately
promptly
publicly
officially
formally
firmly
flatly
strongly
categorically
emphatically
vehemently
angrily
repeatedly
has
have
had
""")
# Capitalised words that name roles or kinds of institution, not a person: a
# speaker phrase "juru bicara Kremlin Dmitry Peskov" reduces to the name after them.
TITLE_WORDS = _words("""
luar
negeri
dalam
pertahanan
keuangan
kesehatan
pendidikan
agama
hukum
keamanan
koordinator
politik
perdagangan
perhubungan
energi
sosial
dan
juru
bicara
jubir
menteri
menlu
menhan
presiden
perdana
wakil
ketua
kepala
kapolri
kapolda
kapolres
kadiv
humas
direktur
sekretaris
jenderal
jendral
pemimpin
tertinggi
panglima
komandan
jaksa
penuntut
umum
agung
gubernur
bupati
wali
kota
walikota
duta
besar
dubes
pejabat
diplomat
top
senior
mantan
brigjen
irjen
kombes
letjen
mayjen
laksamana
kolonel
dr
prof
ir
h
hj
bapak
ibu
pak
bu
sdr
spokesman
spokeswoman
spokesperson
minister
president
prime
vice
deputy
chief
chairman
chairwoman
chair
director
general
secretary
leader
supreme
commander
governor
mayor
ambassador
envoy
official
officials
senator
sen
rep
representative
lieutenant
lt
gen
brig
col
maj
adm
admiral
colonel
major
captain
capt
sgt
sergeant
judge
prosecutor
attorney
mr
mrs
ms
dr
former
acting
foreign
defence
defense
interior
national
security
adviser
advisor
press
army
police
""")
# Words that make a capitalised run an institution rather than a person.
INSTITUTION_HEADS = _words("""
humas
divisi
direktorat
bagian
division
unit
perusahaan
company
firm
ministry
kementerian
kemlu
kemenlu
kemhan
departemen
dewan
badan
biro
komisi
komite
kantor
gedung
otoritas
partai
pasukan
angkatan
tentara
militer
kepolisian
polisi
pemerintah
parlemen
majelis
mahkamah
pengadilan
kejaksaan
lembaga
organisasi
yayasan
universitas
jaringan
tim
ministry
department
council
agency
bureau
commission
committee
office
house
authority
party
forces
army
navy
military
police
government
parliament
assembly
court
institute
organization
organisation
foundation
university
network
team
group
service
administration
embassy
""")
# English country names and their adjectives: "Russia's foreign ministry" is
# the Russian Foreign Ministry. Countries news names as speakers most.
DEMONYMS: dict[str, str] = {
    "america": "american", "australia": "australian", "brazil": "brazilian",
    "britain": "british", "canada": "canadian", "china": "chinese", "denmark": "danish",
    "egypt": "egyptian", "finland": "finnish", "france": "french", "germany": "german",
    "india": "indian", "indonesia": "indonesian", "iran": "iranian", "iraq": "iraqi",
    "israel": "israeli", "italy": "italian", "japan": "japanese", "jordan": "jordanian",
    "korea": "korean", "lebanon": "lebanese", "malaysia": "malaysian", "mexico": "mexican",
    "netherlands": "dutch", "norway": "norwegian", "pakistan": "pakistani",
    "palestine": "palestinian", "philippines": "philippine", "poland": "polish",
    "qatar": "qatari", "russia": "russian", "singapore": "singaporean", "spain": "spanish",
    "sweden": "swedish", "syria": "syrian", "thailand": "thai", "turkey": "turkish",
    "ukraine": "ukrainian", "vietnam": "vietnamese", "yemen": "yemeni",
}
# All-capital tokens that are acronyms of institutions or countries in news copy,
# kept as speakers even though a dateline ("MOSCOW -") is also all capitals.
ACRONYM_MAX = 4  # "NATO", "PBB"; longer ones ("ASEAN", "TGIPF") come from the institution table
# Countries and their adjectives in both languages: in "Presiden Ukraina Volodymyr
# Zelensky" or "British Prime Minister Rishi Sunak" they qualify a title and are
# never part of the person's name.
PLACE_WORDS = _words("""
indonesia
indonesian
malaysia
malaysian
singapura
singapore
singaporean
filipina
philippines
philippine
thailand
thai
vietnam
vietnamese
australia
australian
china
chinese
tiongkok
jepang
japan
japanese
korea
korean
korut
korsel
utara
selatan
north
south
india
indian
pakistan
pakistani
iran
iranian
irak
iraq
iraqi
suriah
syria
syrian
turki
turkey
turkish
israel
israeli
palestina
palestine
palestinian
gaza
mesir
egypt
egyptian
yordania
jordan
jordanian
lebanon
lebanese
arab
saudi
qatar
qatari
yaman
yemen
rusia
russia
russian
ukraina
ukraine
ukrainian
belarus
polandia
poland
polish
jerman
germany
german
prancis
perancis
france
french
inggris
britain
british
uk
eropa
europe
european
swedia
sweden
swedish
denmark
danish
norwegia
norway
norwegian
finlandia
finland
finnish
belanda
netherlands
dutch
italia
italy
italian
spanyol
spain
spanish
amerika
america
american
serikat
united
states
us
u.s.
as
kanada
canada
canadian
meksiko
mexico
mexican
brasil
brazil
brazilian
afrika
africa
african
nigeria
kenya
jawa
timur
barat
tengah
jakarta
malang
surabaya
moskow
moskwa
moscow
washington
london
paris
berlin
beijing
kyiv
kiev
tel
aviv
yerusalem
jerusalem
libya
libyan
libia
sudan
sudanese
afghanistan
afghan
afganistan
arabian
somalia
somali
ethiopia
ethiopian
etiopia
nigerian
kenyan
argentina
argentine
argentinian
chile
chilean
chili
colombia
colombian
kolombia
venezuela
venezuelan
cuba
cuban
kuba
greece
greek
yunani
austria
austrian
switzerland
swiss
belgium
belgian
belgia
portugal
portuguese
ireland
irish
irlandia
hungary
hungarian
hongaria
czech
ceko
romania
romanian
rumania
serbia
serbian
armenia
armenian
azerbaijan
kazakhstan
myanmar
burmese
cambodia
cambodian
kamboja
laos
bangladesh
bangladeshi
lankan
nepal
nepali
zealand
selandia
taiwan
taiwanese
mongolia
mongolian
timor
papua
nugini
brunei
kuwait
kuwaiti
bahrain
emirates
emirati
emirat
oman
omani
tunisia
tunisian
aljazair
algeria
algerian
morocco
moroccan
maroko
yemeni
scotland
scottish
welsh
estonia
latvia
lithuania
lithuanian
moldova
belarusian
seoul
tokyo
canberra
ottawa
riyadh
tehran
teheran
ankara
cairo
kairo
damascus
damaskus
baghdad
bagdad
pyongyang
manila
bangkok
hanoi
""")
