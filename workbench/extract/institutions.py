"""The institutions news cites most, with their names in Indonesian and English.

One row per institution: the canonical (English) name first, then the other
names and abbreviations reporters use for it in either language (a line
starting with "|" continues the row above). Speaker
canonicalisation maps every alias to the first name, so "Gedung Putih" and
"White House" count as one speaker while the text shown keeps what the page
wrote. The table covers governments, ministries, security bodies, courts and
international organisations that recur across world and Indonesian news; it
is a table of the news landscape, not of any one story. A ministry named
without its country ("Kementerian Kesehatan") is the country of the story,
which is Indonesia's only in domestic news ("Kementerian Kesehatan di Gaza"
is shortened to it too), so only the qualified names and the Indonesian
abbreviations (Kemenkes, Kemlu, Kemhan) map to Indonesia's ministries.
"""

from __future__ import annotations

import re
import unicodedata

from workbench.extract.lexicon import DEMONYMS

_ROWS = """
White House | Gedung Putih
Kremlin | Istana Kremlin
Pentagon | US Department of Defense | Departemen Pertahanan AS | Kementerian Pertahanan AS
    | Dephan AS
State Department | US State Department | Departemen Luar Negeri AS | Deplu AS | Kemlu AS
National Security Council | Dewan Keamanan Nasional | NSC | White House National Security Council
Central Intelligence Agency | CIA | Badan Intelijen Pusat
Federal Bureau of Investigation | FBI
US Congress | Kongres AS | Congress
Downing Street | 10 Downing Street
UK Ministry of Defence | Kementerian Pertahanan Inggris | British Ministry of Defence
    | UK Defence Ministry | MoD
Foreign Office | Kementerian Luar Negeri Inggris | UK Foreign Office
Russian Foreign Ministry | Kementerian Luar Negeri Rusia | Kemlu Rusia
    | Russian Ministry of Foreign Affairs
Russian Defence Ministry | Kementerian Pertahanan Rusia | Russian Defense Ministry
    | Russian Ministry of Defence
Investigative Committee of Russia | Komite Investigasi Rusia | Komite Investigasi
    | Russian Investigative Committee | Investigative Committee
Federal Security Service | FSB | Dinas Keamanan Federal
Rosaviatsia | Federal Air Transport Agency | Badan Transportasi Udara Federal Rusia
Ukrainian Foreign Ministry | Kementerian Luar Negeri Ukraina | Kemlu Ukraina
Ukrainian Defence Ministry | Kementerian Pertahanan Ukraina | Ukrainian Defense Ministry
Israel Defense Forces | IDF | Pasukan Pertahanan Israel | Israeli army | militer Israel
    | tentara Israel | Israeli military
Israeli Prime Minister's Office | Kantor Perdana Menteri Israel
Hamas | Gerakan Hamas
Palestinian Islamic Jihad | Islamic Jihad | Jihad Islam | Jihad Islam Palestina | PIJ
Gaza Health Ministry | Kementerian Kesehatan Gaza | Gaza health ministry | Kemenkes Gaza
    | Health Ministry in Gaza
Palestinian Authority | Otoritas Palestina
Hezbollah | Hizbullah
United Nations | PBB | Perserikatan Bangsa-Bangsa | UN | U.N.
UN Security Council | Dewan Keamanan PBB | DK PBB | Security Council
World Health Organization | WHO | Organisasi Kesehatan Dunia
UNICEF | Dana Anak-Anak PBB
UNRWA | Badan Bantuan dan Pekerjaan PBB untuk Pengungsi Palestina
International Committee of the Red Cross | ICRC | Komite Internasional Palang Merah
International Criminal Court | ICC | Mahkamah Pidana Internasional
International Court of Justice | ICJ | Mahkamah Internasional
International Atomic Energy Agency | IAEA | Badan Energi Atom Internasional
NATO | Pakta Pertahanan Atlantik Utara | North Atlantic Treaty Organization
European Union | Uni Eropa | EU
European Commission | Komisi Eropa
ASEAN | Perhimpunan Bangsa-Bangsa Asia Tenggara
Amnesty International | Amnesti Internasional
Human Rights Watch | HRW
International Monetary Fund | IMF | Dana Moneter Internasional
World Bank | Bank Dunia
Korean Central News Agency | KCNA | Kantor Berita Pusat Korea
North Korean Foreign Ministry | Kementerian Luar Negeri Korea Utara | Kemlu Korut
North Korean Defence Ministry | Kementerian Pertahanan Korea Utara | North Korean Defense Ministry
South Korean Joint Chiefs of Staff | Kepala Staf Gabungan Korea Selatan | JCS
Chinese Foreign Ministry | Kementerian Luar Negeri China | Kementerian Luar Negeri Tiongkok
    | Kemlu China
Swedish Security Service | Säpo | Dinas Keamanan Swedia
Swedish Prosecution Authority | Otoritas Penuntut Swedia | Kejaksaan Swedia
Danish Energy Agency | Badan Energi Denmark
German Federal Prosecutor | Jaksa Agung Federal Jerman | Federal Prosecutor's Office
Gazprom
Indonesian Presidential Palace | Istana Kepresidenan | Istana Negara | Istana
Indonesian Foreign Ministry | Kementerian Luar Negeri RI | Kemlu RI | Kemenlu | Kemlu
    | Kementerian Luar Negeri Republik Indonesia | Indonesian Ministry of Foreign Affairs
Indonesian Defence Ministry | Kementerian Pertahanan RI | Kemhan | Kemenhan
    | Kementerian Pertahanan Republik Indonesia | Indonesian Defense Ministry
Indonesian Health Ministry | Kementerian Kesehatan RI | Kemenkes | Kemenkes RI
    | Kementerian Kesehatan Republik Indonesia | Indonesian Ministry of Health
Coordinating Ministry for Political, Legal and Security Affairs | Kemenko Polhukam
    | Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan
Indonesian National Police | Polri | Kepolisian Negara Republik Indonesia | National Police
    | Indonesian police | POLRI | Mabes Polri
East Java Police | Polda Jawa Timur | Polda Jatim
Indonesian Armed Forces | TNI | Tentara Nasional Indonesia | Indonesian military
Corruption Eradication Commission | KPK | Komisi Pemberantasan Korupsi
National Commission on Human Rights | Komnas HAM | Komisi Nasional Hak Asasi Manusia
    | Indonesian human rights commission
House of Representatives | DPR | Dewan Perwakilan Rakyat | DPR RI
    | Indonesian House of Representatives
People's Consultative Assembly | MPR | Majelis Permusyawaratan Rakyat
Constitutional Court | MK | Mahkamah Konstitusi
Supreme Court of Indonesia | MA | Mahkamah Agung
Attorney General's Office | Kejaksaan Agung | Kejagung
General Elections Commission | KPU | Komisi Pemilihan Umum
Election Supervisory Agency | Bawaslu | Badan Pengawas Pemilu
National Disaster Management Agency | BNPB | Badan Nasional Penanggulangan Bencana
Meteorology, Climatology and Geophysical Agency | BMKG
    | Badan Meteorologi, Klimatologi, dan Geofisika
Statistics Indonesia | BPS | Badan Pusat Statistik
Bank Indonesia | BI
Financial Services Authority | OJK | Otoritas Jasa Keuangan
National Search and Rescue Agency | Basarnas | Badan SAR Nasional
National Transportation Safety Committee | KNKT | Komite Nasional Keselamatan Transportasi
Football Association of Indonesia | PSSI | Persatuan Sepak Bola Seluruh Indonesia
Joint Independent Fact-Finding Team | TGIPF | Tim Gabungan Independen Pencari Fakta
Indonesian Ulema Council | MUI | Majelis Ulama Indonesia
"""


def _key(name: str) -> str:
    """Case-, accent- and punctuation-free form used for lookups."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", plain.casefold()).strip()


def _build() -> dict[str, str]:
    table: dict[str, str] = {}
    rows: list[str] = []
    for line in _ROWS.strip().splitlines():
        if line.strip().startswith("|") and rows:  # a row continued on the next line
            rows[-1] += line
        else:
            rows.append(line)
    for row in rows:
        names = [name.strip() for name in row.split("|") if name.strip()]
        for name in names:
            table.setdefault(_key(name), names[0])
    return table


ALIASES: dict[str, str] = _build()


def canonical_institution(name: str) -> str | None:
    """The canonical name of a known institution, or None."""
    key = _key(name)
    if key in ALIASES:
        return ALIASES[key]
    # "the White House", "pihak Kremlin": a leading article or particle is not part of the name.
    trimmed = re.sub(r"^(?:the|pihak|kantor)\s+", "", key)
    if trimmed in ALIASES:
        return ALIASES[trimmed]
    # "Russia's foreign ministry" is the Russian Foreign Ministry.
    possessive = re.match(r"^(\w+) s (.+)$", trimmed)
    if possessive and possessive.group(1) in DEMONYMS:
        return ALIASES.get(f"{DEMONYMS[possessive.group(1)]} {possessive.group(2)}")
    return None


def name_key(name: str) -> str:
    return _key(name)
