"""Language tables for check-worthiness, in Indonesian and English.

`checkworthiness` scores a sentence from the kinds of words in it; this module
is the data: each table is a class of the language, not a list of words seen
on some page. The classes follow what fact-checkers and the check-worthiness
literature (ClaimBuster's feature study, CheckThat! systems) agree on:

signs of something verifiable
  quantities (number words, percent, money), change and comparison ("naik",
  "doubled", "lebih dari"), records of things done (past tense, "telah",
  "voted", "disahkan"), statistical and legal nouns ("angka", "deficit",
  "undang-undang");
signs of something that cannot be checked
  belief and opinion ("saya kira", "I think"), intention and promise
  ("kami akan", "we're going to"), norms and modality ("harus", "should"),
  hedges ("mungkin", "maybe"), vague evaluation ("luar biasa", "terrible"),
  greetings, thanks and procedure ("terima kasih", "let me"), and questions.

Every entry is lower case. The `*_WORDS` and `*_NOUNS` sets hold single
words; multi-word entries live in the `*_PHRASES` tuples. Both are matched
against the sentence's lower-cased tokens, a phrase as a run of tokens. Words that are common
in both senses (English "right", Indonesian "baik" as in "baik ... maupun")
are left out rather than guessed at.
"""

from __future__ import annotations

# --- quantities ------------------------------------------------------------

NUMBER_WORDS = frozenset(
    """
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    hundreds thousand thousands million millions billion billions trillion trillions dozen dozens
    twice thrice half quarter tenth
    dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas belas puluh puluhan ratus
    ratusan seratus ribu ribuan seribu juta jutaan miliar milyar triliun setengah separuh
    seperempat lusin
    """.split()
)
PERCENT_WORDS = frozenset("percent percentage persen persentase".split())
PERCENT_PHRASES = ("per cent", "percentage points", "poin persentase", "basis poin", "basis points")
MONEY_WORDS = frozenset(
    """
    dollar dollars cents euro euros pound pounds yen yuan rupee rupees usd idr eur
    rupiah rp ringgit
    """.split()
)
MONEY_SIGNS = "$€£¥"

# Names of days and months, and relative dates ("minggu" and "may" are left
# out: "week"/"Sunday" and the modal are far more common than the date).
DATE_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april june
    july august september october november december
    senin selasa rabu kamis jumat sabtu januari februari maret april mei juni juli agustus
    september oktober november desember yesterday kemarin
    """.split()
)
DATE_PHRASES = ("last year", "last month", "last week", "last decade", "tahun lalu", "bulan lalu",
                "pekan lalu", "minggu lalu", "tahun ini", "this year")

# --- change, comparison, extremes -------------------------------------------

CHANGE_WORDS = frozenset(
    """
    increase increased increases increasing decrease decreased decreases decreasing rise rose
    risen rising fall fell fallen falling grow grew grown growing decline declined declines
    drop dropped drops double doubled doubling triple tripled quadrupled halved cut cuts raise
    raised raising reduce reduced reducing reduction lower lowered boost boosted surge surged
    soar soared plunge plunged jump jumped climb climbed shrink shrank shrunk expand expanded gain
    gained gains lose lost losing added create created creating eliminated slashed
    highest lowest largest biggest smallest fastest slowest record fewer
    naik turun meningkat menurun peningkatan penurunan kenaikan bertambah berkurang melonjak
    lonjakan anjlok merosot tumbuh pertumbuhan susut menyusut memangkas pemangkasan menaikkan
    menurunkan berlipat tertinggi terendah terbesar terkecil tercepat terlambat rekor mencapai
    sebesar sebanyak
    than daripada dibanding ketimbang
    """.split()
)
CHANGE_PHRASES = (
    "more than", "less than", "fewer than", "up from", "down from", "compared to", "compared with",
    "as much as", "as many as", "at least", "the most", "the first time",
    "lebih dari", "kurang dari", "lebih banyak", "lebih sedikit", "lebih tinggi", "lebih rendah",
    "dua kali lipat", "tiga kali lipat", "dibandingkan", "setidaknya", "sedikitnya", "paling banyak",
    "pertama kali",
)

# --- records of things done --------------------------------------------------

# English irregular past forms that report events ("thought", "felt" are
# belief, not record, and are left out).
PAST_IRREGULAR = frozenset(
    """
    was were had did made took gave went came spent paid lost won built sent sold bought brought
    left put got became began told wrote ran led met held kept found saw stood fought fell rose
    grew cut set hit shut quit split spread struck taught caught drove flew chose broke stole
    """.split()
)
# "-ed" words that are not past tense of a verb.
NOT_PAST_ED = frozenset(
    """
    need needed indeed speed seed feed bed red shed bred hundred hundreds proceed exceed succeed
    embed united interested concerned worried tired excited supposed used married naked sacred
    wicked beloved learned aged alleged ashamed pleased
    """.split()
)
RECORD_WORDS = frozenset(
    """
    voted vetoed signed passed enacted ratified sponsored cosponsored introduced approved rejected
    appointed elected nominated indicted convicted sentenced sued ruled banned funded invested
    telah sudah pernah tercatat mencatat mencatatkan sempat disahkan mengesahkan menandatangani
    ditandatangani meratifikasi menyetujui disetujui menolak ditolak divonis dihukum didakwa
    ditangkap dilantik terpilih memilih mengalokasikan dialokasikan menganggarkan
    """.split()
)
RECORD_PHRASES = ("has been", "have been", "had been", "ago", "last year", "tahun lalu", "bulan lalu")

# --- statistical, economic and legal nouns -----------------------------------

STAT_NOUNS = frozenset(
    """
    rate rates unemployment employment jobs job deficit deficits debt budget budgets tax taxes
    revenue revenues spending income incomes wage wages salary salaries price prices cost costs
    inflation gdp growth poverty population crime crimes murders deaths died killed casualties
    victims cases votes survey surveys poll polls data statistics average median total number
    numbers amount share majority minority exports imports production premiums benefits
    pensions insurance troops soldiers barrels tons tonnes acres miles kilometers
    angka jumlah total rata-rata tingkat laju rasio anggaran apbn apbd utang defisit pajak
    penerimaan pendapatan belanja upah gaji harga biaya inflasi pdb kemiskinan pengangguran
    penduduk warga korban tewas meninggal kasus suara survei jajak data statistik ekspor impor
    produksi subsidi tunjangan pasukan tentara ton hektare kilometer barel
    """.split()
)
LEGAL_NOUNS = frozenset(
    """
    law laws bill bills act legislation amendment treaty agreement resolution veto court courts
    ruling regulation regulations program programs report study census audit constitution
    uu ruu perppu perpres permen perda undang-undang peraturan keputusan putusan pengadilan
    mahkamah laporan studi penelitian sensus audit konstitusi kebijakan program perjanjian
    kesepakatan
    """.split()
)

# Groups of people and the public domains that statistics and policy are about:
# "40 million Americans", "warga miskin", "health care", "pendidikan".
POPULATION_NOUNS = frozenset(
    """
    people americans citizens families children kids workers employees students teachers
    seniors veterans women men voters taxpayers immigrants refugees patients farmers businesses
    companies households residents consumers
    warga masyarakat rakyat penduduk keluarga anak anak-anak pekerja buruh karyawan siswa
    mahasiswa guru lansia veteran perempuan pemilih pembayar imigran pengungsi pasien petani
    nelayan perusahaan konsumen
    """.split()
)
DOMAIN_NOUNS = frozenset(
    """
    economy health healthcare medicare medicaid insurance education schools energy oil gas coal
    military defense nuclear weapons immigration border environment climate emissions pollution
    security pension pensions housing trade tariffs manufacturing agriculture
    ekonomi kesehatan asuransi pendidikan sekolah energi minyak batubara militer pertahanan
    nuklir senjata imigrasi perbatasan lingkungan iklim emisi polusi keamanan pensiun perumahan
    perdagangan tarif manufaktur pertanian
    """.split()
)
POPULATION_PHRASES = ("rumah tangga", "small businesses", "middle class", "kelas menengah")
DOMAIN_PHRASES = ("batu bara", "health care", "social security", "jaminan sosial", "bahan bakar")
SOURCE_PHRASES = ("according to", "data from", "figures from", "a report by", "a study by",
                  "menurut data", "menurut laporan", "berdasarkan data", "data dari", "laporan dari")

# --- signs of the uncheckable ------------------------------------------------

BELIEF_PHRASES = (
    "i think", "i believe", "i feel", "i guess", "i suppose", "i hope", "i'm sure", "i am sure",
    "i'm convinced", "i am convinced", "in my opinion", "in my view", "it seems", "it seems to me",
    "i don't think", "i do not think", "we believe", "we think", "we feel", "we hope",
    "my view", "i'm confident", "i am confident", "i know that",
    "i don't know", "i do not know", "i understand", "i agree", "i disagree",
    "menurut saya", "menurut kami", "saya kira", "saya pikir", "saya rasa", "saya yakin",
    "saya percaya", "saya merasa", "saya berharap", "saya berpendapat", "saya melihat",
    "kami yakin", "kami percaya", "kami berharap", "kami menilai", "kita yakin", "kita percaya",
    "saya tidak yakin", "rasanya", "kiranya", "semoga", "mudah-mudahan", "saya tidak tahu",
    "saya setuju", "saya tidak setuju", "saya paham",
    # opinion reported of someone else: "Ia menilai ...", "she believes ..."
    "menilai", "berpendapat", "berharap", "meyakini", "believes", "thinks", "hopes", "feels",
)
INTENT_PHRASES = (
    "i will", "i'll", "we will", "we'll", "i'm going to", "i am going to", "we're going to",
    "we are going to", "i want", "we want", "i'd like", "i would like", "we'd like",
    "i intend", "we intend", "i promise", "we promise", "i plan to", "we plan to", "let's",
    "let us", "i won't", "we won't", "i'm not going to", "we're not going to", "you'll",
    "you will", "i'm proposing", "i propose", "we propose", "my plan", "our plan",
    "saya akan", "kami akan", "kita akan", "aku akan", "saya ingin", "kami ingin", "kita ingin",
    "saya mau", "kami mau", "saya berjanji", "kami berjanji", "berjanji akan", "saya bertekad",
    "kami bertekad", "mari kita", "ayo kita", "saya tidak akan", "kami tidak akan", "rencana saya",
    "rencana kami",
)
NORM_PHRASES = (
    "should", "shouldn't", "must", "ought to", "need to", "needs to", "have to", "has to",
    "got to", "we need", "we've got to", "it's time", "it is time",
    "harus", "seharusnya", "sebaiknya", "semestinya", "mestinya", "mesti", "hendaknya",
    "perlu", "wajib", "sudah saatnya", "jangan",
    # directives and entitlements, reported or not: a call is not a fact
    "urge", "urges", "urged", "urging", "calls on", "called on", "calls for", "called for",
    "appealed to", "appeals to", "deserve", "deserves", "entitled to", "has the right",
    "have the right", "mendesak", "menyerukan", "mengimbau", "mengajak", "berhak", "layak",
    "sepatutnya",
)
HEDGE_WORDS = frozenset(
    """
    maybe perhaps probably possibly might could would
    mungkin barangkali kemungkinan bisa dapat agaknya tampaknya sepertinya
    """.split()
)
# Statements about the future are forecasts or plans, not yet checkable.
FUTURE_WORDS = frozenset("will won't gonna akan bakal".split())
FUTURE_PHRASES = ("going to", "is about to", "are about to")
CONDITIONAL_WORDS = frozenset("if unless whether jika kalau seandainya andaikan apabila bila".split())
EVALUATIVE_WORDS = frozenset(
    """
    great good bad terrible horrible awful wonderful amazing fantastic incredible tremendous
    beautiful ridiculous disgrace disgraceful disaster disastrous outrageous shameful stupid
    best worst better worse proud important strong weak fair unfair wrong
    excellent outstanding perfect awesome brilliant superb nice lovely poor sad unfortunate
    dangerous reckless irresponsible dishonest corrupt shameful unacceptable absurd silly crazy
    disgusting pathetic nasty evil wise foolish smart dumb ashamed afraid happy glad sorry angry
    upset hopeful optimistic pessimistic essential crucial vital fundamental serious
    really very totally absolutely truly frankly honestly clearly obviously simply certainly
    surely definitely extremely incredibly deeply seriously unfortunately fortunately
    bagus buruk hebat indah jelek parah payah penting terbaik terburuk memalukan bodoh pintar
    cerdas bijak berbahaya ceroboh sembrono korup memprihatinkan menyedihkan mengerikan aneh
    konyol gila bangga malu takut senang gembira sedih marah kecewa prihatin khawatir optimistis
    pesimistis krusial mendasar serius
    sangat sungguh amat benar-benar jelas tentu tentunya pasti sayangnya untungnya terlalu
    """.split()
)
PROCEDURE_PHRASES = (
    "thank you", "thanks", "good evening", "good morning", "good afternoon", "good night",
    "welcome", "ladies and gentlemen", "let me", "allow me", "excuse me", "congratulations",
    "i appreciate", "my pleasure", "nice to", "glad to", "happy to", "i'm honored",
    "i'd like to thank", "for the record", "my friends", "my fellow",
    "terima kasih", "selamat pagi", "selamat siang", "selamat sore", "selamat malam",
    "selamat datang", "assalamualaikum", "salam sejahtera", "hadirin", "bapak dan ibu",
    "bapak-bapak", "ibu-ibu", "izinkan saya", "mohon maaf", "permisi", "silakan",
    "saudara-saudara", "please", "tolong", "mohon",
)
EVALUATIVE_PHRASES = ("luar biasa", "sangat baik", "so much", "of course", "tentu saja",
                      "tidak bertanggung jawab")
# A web page talking about itself: its links, apps, browser and newsletters.
SITE_WORDS = frozenset(
    """
    click tap browser download subscribe subscription newsletter newsletters website homepage
    cookies cookie javascript login app apps icon icons podcast livestream unsubscribe
    klik unduh berlangganan langganan peramban aplikasi tautan situs laman beranda
    """.split()
)
SITE_PHRASES = ("sign up", "log in", "follow us", "ikuti kami", "baca juga", "simak juga",
                "lihat juga", "scroll to continue", "gulir ke bawah")
# Sentence openings that ask rather than state.
QUESTION_OPENERS = frozenset(
    """
    what why how who whom whose when where which do does did is are was were can could will
    would should shall have has
    apa apakah mengapa kenapa bagaimana siapa kapan dimana mana berapa bukankah benarkah
    """.split()
)
# Openings that address a listener or fill a turn rather than state something.
DISCOURSE_OPENERS = frozenset("well yes oh look okay ok ya nah baiklah".split())
# Titles and forms of address: "Mr. President" names a role, not a party a
# claim is about, so a run of capitalised words made only of these is no name.
TITLE_WORDS = frozenset(
    """
    mr mrs ms miss dr sir madam senator senators governor president vice secretary minister
    congressman congresswoman chairman chairwoman speaker mayor general judge justice prime
    bapak ibu pak bu saudara saudari presiden wakil menteri gubernur bupati wali kota ketua
    jenderal hakim
    """.split()
)
# Subjects that make a sentence about the speaker or the listener.
PERSONAL_SUBJECTS = frozenset("i we you i'm we're you're i've we've saya kami kita aku anda kamu".split())
SECOND_PERSON = frozenset("you your you're yours yourself anda kamu kau kalian saudara".split())
