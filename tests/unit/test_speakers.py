"""Speakers are people or institutions: found, resolved and canonicalised, in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.extract import analyse_sentence, extract_claims
from workbench.extract.institutions import canonical_institution
from workbench.extract.speakers import canonical_name, reduce_speaker, same_person
from workbench.ingest.page import content_hash
from workbench.models import ArticleDraft
from workbench.store import articles as store
from workbench.store import open_store


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # a role before the name, in both languages
        ("Juru bicara Kementerian Luar Negeri Retno Wibowo mengatakan, bantuan tiba pada 12 Maret.",
         "Retno Wibowo"),
        ("Prime Minister Jane Holloway said on Monday that 40 ships had left the port.", "Jane Holloway"),
        ("Presiden Ukraina Volodymyr Zelensky membantah keterlibatan pemerintahnya dalam serangan itu.",
         "Volodymyr Zelensky"),
        # a name with an appositive
        ("Daoud Halim, juru bicara Badan Pangan, membantah kelompoknya menimbun 3.000 ton beras.",
         "Daoud Halim"),
        ("The port was closed for 12 days, Adrian Cole, a spokesman for the harbour authority, said.",
         "Adrian Cole"),
        # "told" with its object
        ("Basri Nadim told Reuters all indications pointed to a fuel leak in the second tank.",
         "Basri Nadim"),
        ("Spokesman Daniel Harlan told a press briefing that 14 rockets were fired overnight.",
         "Daniel Harlan"),
        # a quotation, then the speaker after the verb or with no verb of the table
        ("“Kami sudah mengirim 500 ton bantuan ke wilayah itu,” kata Menteri Sosial Tri Handayani.",
         "Tri Handayani"),
        ("“There is no doubt this was an explosion,” Peter Lund, a seismologist at the national network, "
         "was quoted as saying.", "Peter Lund"),
        # institutions stay institutions
        ("Gedung Putih mengatakan 1.000 kontainer dikirim pada September 2023.", "Gedung Putih"),
        ("The State Department said 200 diplomats had been withdrawn.", "State Department"),
        ("Menurut laporan kantor berita Rusia TASS, 10 orang tewas dalam kecelakaan itu.", "TASS"),
        # a dotted initialism or an abbreviated title does not end the speaker
        ("The U.S. has said the convoy carried 300 tonnes of grain.", "US"),
        ("U.N. officials said 40 trucks had crossed the border.", "UN"),
        ("Dr. Ayu Lestari mengatakan korban bertambah menjadi 40 orang.", "Ayu Lestari"),
        ("Mr. Adrian Cole said the port had been closed for 12 days.", "Adrian Cole"),
    ],
)
def test_speaker_is_the_person_or_institution(sentence: str, speaker: str) -> None:
    assert analyse_sentence(sentence).speaker == speaker


@pytest.mark.parametrize(
    "phrase",
    ["MOSCOW", "SEOUL", "Asked", "They", "statement", "Pernyataan", "The", "it", "yang", "3M", "«AS»",
     "\u200bstatement", ""],
)
def test_datelines_verbs_pronouns_function_words_and_nouns_are_never_speakers(phrase: str) -> None:
    assert reduce_speaker(phrase) is None


def test_the_attribution_of_a_dotted_initialism_leaves_the_content() -> None:
    found = analyse_sentence("The U.K. said the report on the 12 ships was false.")
    assert (found.speaker, found.stance, found.content) == ("UK", "denies",
                                                             "The report on the 12 ships was false")
    # a full stop after a word ends the phrase: no speaker across sentences
    assert analyse_sentence("The president said. Then it rained on the town.").speaker is None


def test_a_dateline_before_the_sentence_is_not_the_speaker() -> None:
    found = analyse_sentence(
        "MOSCOW (Reuters) - The Kremlin said on Friday that 300 troops had left the base.")
    assert found.speaker == "Kremlin"
    assert found.content == "300 troops had left the base"


@pytest.mark.parametrize(
    ("body", "speakers"),
    [
        ("Menteri Pertahanan Agus Salim mengatakan 40 kapal dikirim ke perbatasan. "
         "Ia menambahkan, 12 kapal lagi akan menyusul pada April 2024.", ["Agus Salim", "Agus Salim"]),
        ("Defence Secretary Mark Ellison said 40 ships had been sent to the border. "
         "The spokesman said 12 more ships would follow in April 2024.", ["Mark Ellison", "Mark Ellison"]),
        ("Kepala Badan Pangan Rina Kusuma mengatakan stok beras mencapai 3 juta ton. "
         "Pejabat tersebut menyebutkan 500.000 ton di antaranya impor dari Thailand.",
         ["Rina Kusuma", "Rina Kusuma"]),
        ("Foreign Minister Sara Lind said 300 citizens had been evacuated. "
         "They said 25 more were waiting at the border crossing on Tuesday.", ["Sara Lind", "Sara Lind"]),
    ],
)
def test_pronouns_and_the_spokesman_resolve_to_the_last_named_speaker(body: str, speakers: list[str]) -> None:
    assert [c.speaker for c in extract_claims(body)] == speakers


def test_a_quotation_over_several_sentences_takes_its_speaker_from_the_last() -> None:
    body = ("“Tidak ada keraguan bahwa ini adalah ledakan dengan kekuatan 2,3 magnitudo. "
            "Sumber guncangan berada 80 kilometer dari pantai,” kata ahli seismologi Budi Hartono.")
    claims = extract_claims(body)
    assert [c.speaker for c in claims] == ["Budi Hartono", "Budi Hartono"]
    assert all(c.quote for c in claims)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Gedung Putih", "White House"), ("Kementerian Pertahanan Rusia", "Russian Defence Ministry"),
     ("PBB", "United Nations"), ("Polri", "Indonesian National Police"), ("the Kremlin", "Kremlin")],
)
def test_institution_aliases_share_one_canonical_name(a: str, b: str) -> None:
    assert canonical_institution(a) == canonical_institution(b) is not None


def test_person_names_match_across_spellings_and_short_forms() -> None:
    assert same_person("Kirby", "John Kirby")
    assert same_person("Sergei Lavrov", "Sergey Lavrov")
    assert same_person("Volodymyr Zelenskyy", "Volodymyr Zelensky")
    assert not same_person("John Kirby", "Jane Kirby")
    assert canonical_name("Kirby", ["John Kirby", "White House"]) == "John Kirby"
    assert canonical_name("Kirby", ["John Kirby", "Jane Kirby"]) == "Kirby"
    assert canonical_name("Gedung Putih", []) == "White House"


def _article(title: str, body: str) -> ArticleDraft:
    return ArticleDraft(title=title, body=body, language="en", sha256=content_hash(title, body))


def test_store_gives_one_canonical_speaker_per_person_and_institution(tmp_path: Path) -> None:
    db = open_store(tmp_path / "wb.db")
    first = ("Kirby said 1,000 containers had been shipped to the port in September 2023. "
             "Gedung Putih mengatakan 1.000 kontainer dikirim ke Rusia pada September 2023.")
    second = ("John Kirby said on Friday that 1,000 containers had been shipped to the port. "
              "The White House said on Friday that 1,000 containers had been shipped to Russia.")
    for title, body in (("One", first), ("Two", second)):
        store.add_article(db, _article(title, body), extract_claims(body))
    claims = store.list_claims(db)
    written = {c.speaker for c in claims}
    assert written == {"Kirby", "John Kirby", "Gedung Putih", "White House"}  # the page's words are kept
    canonical = {c.speaker: c.speaker_canonical for c in claims}
    assert canonical == {"Kirby": "John Kirby", "John Kirby": "John Kirby",
                         "Gedung Putih": "White House", "White House": "White House"}


def test_a_role_without_a_name_refers_back_unless_indefinite() -> None:
    body = ("Kementerian Luar Negeri Korea Utara membantah laporan pengiriman 300 peluru artileri. "
            "“Kami tidak pernah mengekspor senjata ke negara mana pun,” kata juru bicara kementerian "
            "dalam pernyataan pada Selasa.")
    assert [c.speaker for c in extract_claims(body)] == ["Kementerian Luar Negeri Korea Utara"] * 2
    alone = analyse_sentence("“We have never exported weapons to Russia,” a defence ministry official said.",
                             previous_speaker="Kim")
    assert alone.speaker == "defence ministry official"


def test_an_indonesian_given_name_is_the_same_person_as_the_full_name() -> None:
    assert same_person("Sri", "Sri Lestari")
    assert canonical_name("Sri", ["Sri Lestari", "Bambang Sutrisno"]) == "Sri Lestari"
    found = analyse_sentence("“Kami mencatat kenaikan 12 persen,” kata Kepala Biro Humas Kementan "
                             "Bambang Sutrisno di Jakarta, Senin.")
    assert found.speaker == "Bambang Sutrisno"


def test_claimreview_names_the_canonical_speaker(tmp_path: Path) -> None:
    from workbench.exchange import export_to_file
    from workbench.review import ReviewService
    from workbench.store import groups

    db = open_store(tmp_path / "wb.db")
    body = "Gedung Putih mengatakan 1.000 kontainer amunisi dikirim ke Rusia pada September 2023."
    store.add_article(db, _article("Kontainer", body), extract_claims(body))
    claim = store.list_claims(db)[0]
    assert (claim.speaker, claim.speaker_canonical) == ("Gedung Putih", "White House")
    with db.atomic():
        group = groups.create_group(db, model="test", method={"by": "hand"})
        groups.assign(db, [(claim.id, group, 1.0)])
        groups.refresh_groups(db, [group])
    ReviewService(db, reviewer="desk").set_verdict(group, "supported")
    path = export_to_file(db, tmp_path / "reviews.json", "claimreview", publisher="Desk",
                          publisher_url="https://desk.example",
                          url_template="https://desk.example/checks/{group_id}")
    item = json.loads(path.read_text(encoding="utf-8"))[0]
    assert item["itemReviewed"]["author"]["name"] == "White House"


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        # a ministry named without its country is the story's country's: not
        # Indonesia's in foreign news ("Kementerian Kesehatan di Gaza ...")
        ("Kementerian Kesehatan", "Kementerian Kesehatan"),
        ("Kementerian Luar Negeri", "Kementerian Luar Negeri"),
        ("Kementerian Pertahanan", "Kementerian Pertahanan"),
        # qualified names and the Indonesian abbreviations are Indonesia's
        ("Kementerian Kesehatan RI", "Indonesian Health Ministry"),
        ("Kemenkes", "Indonesian Health Ministry"),
        ("Kemlu RI", "Indonesian Foreign Ministry"),
        ("Kemhan", "Indonesian Defence Ministry"),
        ("Kementerian Kesehatan Gaza", "Gaza Health Ministry"),
        ("Kementerian Luar Negeri Rusia", "Russian Foreign Ministry"),
    ],
)
def test_a_ministry_is_given_a_country_only_where_its_name_says_which(
        name: str, canonical: str) -> None:
    assert canonical_name(name, []) == canonical


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # a country's body, named by the country and its kind, is the speaker,
        # not the country's adjective alone
        ("The Libyan army said the convoy was hit by a mine.", "Libyan army"),
        ("Turkey's interior ministry said on Friday 40 people had been detained.",
         "Turkey's interior ministry"),
        ("The port reopened on Monday, the Norwegian coast authority said.", "Norwegian coast authority"),
        ("Otoritas pelabuhan Malaysia mengatakan kapal itu membawa 20 awak.",
         "Otoritas pelabuhan Malaysia"),
        ("Para pejabat Jepang, Selasa (4/6) mengatakan bahwa pabrik itu ditutup.", "pejabat Jepang"),
        # a count or quantifier says how many spoke, not who
        ("Three Iraqi officials told reporters that 12 trucks had crossed the border.", "Iraqi officials"),
        ("All have denied any involvement.", None),
        ("Kedua negara mengatakan jembatan itu ditutup selama 10 hari.", None),
        ("Banyak pihak menilai harga beras naik 20 persen.", None),
        # an adverb or a connective opening the clause is not a name
        ("Sementara Kejaksaan Agung membantah tuduhan itu.", "Kejaksaan Agung"),
        ("Lebih lanjut, laporan itu menilai pabrik tidak bertanggung jawab.", None),
        ("Sampai saat ini kepolisian belum mengonfirmasi jumlah korban.", None),
        # a day after the attribution is a date
        ("“Tes sedang dilakukan,” kata para peneliti seperti dikutip dari Antara, Sabtu (26/8/2023).",
         None),
    ],
)
def test_quantities_dates_and_country_adjectives_are_not_the_speaker(
        sentence: str, speaker: str | None) -> None:
    assert analyse_sentence(sentence).speaker == speaker


@pytest.mark.parametrize(
    "phrase", ["Sabtu", "Oktober", "Wednesday", "All", "Banyak", "Kedua", "Eight", "Yes", "Sampai",
               "Israeli", "Russia's", "Rusia"],
)
def test_days_quantities_answers_and_bare_countries_are_never_speakers_alone(phrase: str) -> None:
    # a country names a speaker only with what of it spoke ("Russia's
    # foreign ministry"); alone, as a canonical name, it is left as written
    reduced = reduce_speaker(phrase)
    assert reduced is None or reduced == phrase and phrase in {"Israeli", "Russia's", "Rusia"}


def test_a_possessive_country_reads_as_its_adjective_for_the_institution_table() -> None:
    assert canonical_institution("Russia's foreign ministry") == "Russian Foreign Ministry"
    assert canonical_institution("Russia’s Foreign Ministry") == "Russian Foreign Ministry"
    assert canonical_name("Israel's army", []) == "Israel Defense Forces"


def test_an_outlet_is_not_a_person_whose_surname_a_single_word_could_be() -> None:
    # "the Times report said": "Times" is not the New York Times' surname,
    # while "Kirby" still is John Kirby's
    known = ["The New York Times", "John Kirby"]
    assert canonical_name("Times", known) == "Times"
    assert canonical_name("Kirby", known) == "John Kirby"


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("Kedua negara mengatakan jembatan itu ditutup selama 10 hari.",
         "Jembatan itu ditutup selama 10 hari"),
        ("Both governments said the bridge was closed for 10 days.", "The bridge was closed for 10 days"),
    ],
)
def test_sources_counted_but_not_named_still_leave_the_claim_without_its_attribution(
        sentence: str, content: str) -> None:
    found = analyse_sentence(sentence)
    assert (found.speaker, found.content) == (None, content)


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # a qualifier and the kind of institution stay together
        ("“The port will reopen,” the Foreign Ministry said in a statement.", "Foreign Ministry"),
        # an institution's own name after "for" is not a person's
        ("“Ten people were on board,” Chile’s Ministry for Emergency Management said.",
         "Chile’s Ministry for Emergency Management"),
        # a role speaks for the body it serves
        ("A spokeswoman for Turkish foreign ministry said 40 ships had sailed.",
         "Turkish foreign ministry"),
        # the subject of a passive is not a speaker
        ("Three bodies were found near the port, according to the Malaysian police.",
         "Malaysian police"),
    ],
)
def test_institutions_named_with_their_qualifiers_and_roles(sentence: str, speaker: str) -> None:
    assert analyse_sentence(sentence).speaker == speaker


@pytest.mark.parametrize(
    ("sentence", "speaker", "content"),
    [
        # a common noun capitalised only because it opens the sentence is
        # described by the words after it, not taken as a name
        ("Pabrik baja negara mengatakan produksi turun 20 persen.", "Pabrik baja negara",
         "Produksi turun 20 persen"),
        ("Pengelola pelabuhan membantah kapal itu membawa 300 ton beras.", "Pengelola pelabuhan",
         "Membantah kapal itu membawa 300 ton beras"),
        # a source described, not named, is still peeled off the claim
        ("The ferry operator said the gates were opened at 10 pm.", "ferry operator",
         "The gates were opened at 10 pm"),
        ("A hospital source said 40 people were treated.", "hospital source",
         "40 people were treated"),
        # names stay names
        ("Halim mengatakan produksi turun 20 persen.", "Halim", "Produksi turun 20 persen"),
    ],
)
def test_a_source_described_by_a_common_noun_is_named_by_its_description(
        sentence: str, speaker: str, content: str) -> None:
    found = analyse_sentence(sentence)
    assert (found.speaker, found.content) == (speaker, content)


@pytest.mark.parametrize(
    ("sentence", "speaker", "content", "stance"),
    [
        ("The spokesman said 12 ships would follow in April 2024.", "spokesman",
         "12 ships would follow in April 2024", "asserts"),
        ("Juru bicara itu mengatakan 12 kapal akan menyusul pada April 2024.", "juru bicara",
         "12 kapal akan menyusul pada April 2024", "asserts"),
        ("Laporan tersebut menyebutkan 500.000 ton beras diimpor dari Thailand.", "laporan",
         "500.000 ton beras diimpor dari Thailand", "asserts"),
        ("500,000 tonnes of rice were imported from Thailand, the report said.", "report",
         "500,000 tonnes of rice were imported from Thailand", "asserts"),
        ("The claim was false and complete fiction, the ministry said.", "ministry",
         "The claim was false and complete fiction", "denies"),
        ("Kementerian tersebut membantah mengirim 40 kapal ke perbatasan.", "kementerian",
         "Membantah mengirim 40 kapal ke perbatasan", "denies"),
    ],
)
def test_a_definite_role_or_report_with_no_one_named_before_is_still_attribution(
        sentence: str, speaker: str, content: str, stance: str) -> None:
    # with nobody named before it for "the spokesman" to stand for, the
    # source is shown as its description and the claim loses its attribution
    found = analyse_sentence(sentence)
    assert (found.speaker, found.content, found.stance) == (speaker, content, stance)


def test_a_passive_of_report_is_not_a_speaker() -> None:
    found = analyse_sentence("The ships said to be carrying 40 tanks left the port on Monday.")
    assert found.speaker is None
    assert found.content == "The ships said to be carrying 40 tanks left the port on Monday"


@pytest.mark.parametrize(
    ("body", "parts"),
    [
        ("Palestinian officials blamed an Israeli air strike for the blast, while Israel said "
         "a rocket launched by militants misfired.",
         [("Palestinian officials blamed an Israeli air strike for the blast", None,
           "Palestinian officials blamed an Israeli air strike for the blast"),
          ("while Israel said a rocket launched by militants misfired.", "Israel",
           "A rocket launched by militants misfired")]),
        ("Polisi mengatakan pintu stadion dibuka saat kejadian, sedangkan Komnas HAM menyatakan "
         "tujuh pintu stadion terkunci selama 20 menit.",
         [("Polisi mengatakan pintu stadion dibuka saat kejadian", "Polisi",
           "Pintu stadion dibuka saat kejadian"),
          ("sedangkan Komnas HAM menyatakan tujuh pintu stadion terkunci selama 20 menit.",
           "Komnas HAM", "Tujuh pintu stadion terkunci selama 20 menit")]),
        ("Ledakan merusak dua pipa gas pada September, sementara Rusia membantah terlibat dalam "
         "serangan itu.",
         [("Ledakan merusak dua pipa gas pada September", None,
           "Ledakan merusak dua pipa gas pada September"),
          ("sementara Rusia membantah terlibat dalam serangan itu.", "Rusia",
           "Membantah terlibat dalam serangan itu")]),
    ],
)
def test_a_sentence_joining_two_parties_reports_gives_one_claim_per_report(
        body: str, parts: list[tuple[str, str | None, str]]) -> None:
    claims = extract_claims(body)
    assert [(body[c.start:c.end], c.speaker, c.content) for c in claims] == parts
    assert [c.text for c in claims] == [p[0] for p in parts]


@pytest.mark.parametrize(
    "body",
    [
        # the second subject is a pronoun: who it is depends on the article
        "Israel mengatakan ledakan itu disebabkan roket milik kelompok militan, namun mereka "
        "membantah bertanggung jawab.",
        # "while" of time, with no report after it
        "The ship left port on Monday with 40 containers while Moscow prepared the summit.",
        # inside one speaker's quotation
        "“We sent 40 ships, while Russia said nothing about its 12 submarines,” the minister said.",
    ],
)
def test_a_contrast_that_opens_no_named_party_report_keeps_the_sentence_whole(body: str) -> None:
    claims = extract_claims(body)
    assert len(claims) == 1
    assert claims[0].text == body


@pytest.mark.parametrize(
    ("sentence", "speaker", "content"),
    [
        ("Polisi bahkan membantah gas air mata menyebabkan kematian 125 orang.", "Polisi",
         "Membantah gas air mata menyebabkan kematian 125 orang"),
        ("Kemenlu langsung membantah kabar 40 warga ditahan di perbatasan.", "Kemenlu",
         "Membantah kabar 40 warga ditahan di perbatasan"),
        ("The Kremlin publicly rejected the report that 40 ships left the port.", "Kremlin",
         "Rejected the report that 40 ships left the port"),
        ("Menteri Luar Negeri Retno Marsudi kemudian mengatakan 40 warga dievakuasi.", "Retno Marsudi",
         "40 warga dievakuasi"),
    ],
)
def test_an_adverb_before_the_reporting_verb_is_not_part_of_the_speaker(
        sentence: str, speaker: str, content: str) -> None:
    found = analyse_sentence(sentence)
    assert (found.speaker, found.content) == (speaker, content)


def test_a_report_participle_before_the_main_verb_is_no_attribution() -> None:
    # "reported" qualifies the subject; "is" is the sentence's verb
    found = analyse_sentence("The number of casualties reported is still not conclusive, "
                             "with 500 people killed in the blast.")
    assert found.speaker is None
    assert found.content.startswith("The number of casualties reported is still")


def test_a_demonstrative_after_a_body_is_not_part_of_its_name() -> None:
    assert reduce_speaker("badan Ukraina tersebut") == "badan Ukraina"


@pytest.mark.parametrize(
    ("sentence", "speaker", "content"),
    [
        ("A statement from the UN said the explosions were equivalent to 500 kg of TNT.", "UN",
         "The explosions were equivalent to 500 kg of TNT"),
        ("Laporan dari Human Rights Watch menyebutkan roket itu salah sasaran dan jatuh di halaman.",
         "Human Rights Watch", "Roket itu salah sasaran dan jatuh di halaman"),
        ("Pernyataan Kementerian Luar Negeri menyebutkan 40 warga negara Indonesia dievakuasi.",
         "Kementerian Luar Negeri", "40 warga negara Indonesia dievakuasi"),
    ],
)
def test_a_published_document_is_attributed_to_whoever_published_it(
        sentence: str, speaker: str, content: str) -> None:
    found = analyse_sentence(sentence)
    assert (found.speaker, found.content) == (speaker, content)


@pytest.mark.parametrize("name", ["Badan Pusat Statistik", "Komisi Pemberantasan Korupsi",
                                  "Badan Penanggulangan Bencana Daerah"])
def test_an_institution_named_by_dictionary_words_after_its_head_is_not_a_person(name: str) -> None:
    assert reduce_speaker(name) == name
    assert reduce_speaker(f"Kepala {name} Rina Kusuma") == "Rina Kusuma"


@pytest.mark.parametrize(
    ("sentence", "speaker", "content"),
    [
        ("Joe Biden condemned the attack, saying 40 people were killed in the strike.", "Joe Biden",
         "40 people were killed in the strike"),
        ("Pyongyang mengecam AS dengan menyatakan, sanksi itu melanggar hukum internasional.",
         "Pyongyang", "Sanksi itu melanggar hukum internasional"),
    ],
)
def test_what_a_speaker_says_while_doing_something_else_is_the_claim(
        sentence: str, speaker: str, content: str) -> None:
    found = analyse_sentence(sentence)
    assert (found.speaker, found.content) == (speaker, content)


@pytest.mark.parametrize(
    ("sentence", "speaker", "stance"),
    [
        # English words that start like Indonesian verbs ("member", "different") are words of a name
        ("Leading NATO member Britain firmly denied the claim that it had sabotaged the pipeline.",
         "Britain", "denies"),
        ("A different Pentagon official said 40 drones were shot down over the border.",
         "Pentagon", "asserts"),
    ],
)
def test_english_words_that_look_like_indonesian_verbs_do_not_end_the_speaker(
        sentence: str, speaker: str, stance: str) -> None:
    found = analyse_sentence(sentence)
    assert (found.speaker, found.stance) == (speaker, stance)


@pytest.mark.parametrize(
    ("sentence", "speaker", "content"),
    [
        ("Warga yang berada di lokasi mengatakan 40 rumah rusak akibat ledakan.", "Warga",
         "40 rumah rusak akibat ledakan"),
        ("Kementerian Kesehatan Gaza yang dikelola Hamas mengatakan 471 orang tewas.",
         "Kementerian Kesehatan Gaza", "471 orang tewas"),
        ("Officials who have reviewed the intelligence said the saboteurs were likely from abroad.",
         "Officials", "The saboteurs were likely from abroad"),
    ],
)
def test_a_relative_clause_describing_the_speaker_is_left_out(
        sentence: str, speaker: str, content: str) -> None:
    found = analyse_sentence(sentence)
    assert (found.speaker, found.content) == (speaker, content)


def test_a_clause_with_an_indonesian_verb_and_no_relative_is_no_speaker() -> None:
    found = analyse_sentence("Setelah kapal itu tiba di pelabuhan, pejabat menyebutkan 40 orang dievakuasi.")
    assert "40 orang dievakuasi" in found.content


@pytest.mark.parametrize(
    ("sentence", "speaker", "content"),
    [
        ("The attacks, Kupriyanov said, had deprived Europe of a key route for gas.", "Kupriyanov",
         "The attacks had deprived Europe of a key route for gas"),
        ("Serangan itu, kata Kupriyanov, telah menghentikan jalur utama pasokan gas ke Eropa.",
         "Kupriyanov", "Serangan itu telah menghentikan jalur utama pasokan gas ke Eropa"),
        ("Kebocoran itu, menurut Badan Energi Denmark, berasal dari empat titik di dasar laut.",
         "Badan Energi Denmark", "Kebocoran itu berasal dari empat titik di dasar laut"),
    ],
)
def test_an_attribution_set_off_by_commas_inside_the_claim(sentence: str, speaker: str,
                                                           content: str) -> None:
    found = analyse_sentence(sentence)
    assert (found.speaker, found.content) == (speaker, content)


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The health ministry in Gaza said 471 people were killed in the blast.", "health ministry in Gaza"),
        ("National Police spokesperson Insp. Gen. Dedi Prasetyo said the canisters had expired.",
         "Dedi Prasetyo"),
    ],
)
def test_a_described_body_with_its_place_and_abbreviated_ranks(sentence: str, speaker: str) -> None:
    assert analyse_sentence(sentence).speaker == speaker
