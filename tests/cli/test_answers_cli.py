"""Denials and disputes linked to the claim they answer, and the reading
language of representatives, through the CLI with the real bundled model.

The articles are written for these tests, in the shapes outlets use (a
headline, a byline with the outlet, a date line, a dateline-led lead): a
ministry's claim that a rebuilt bridge used steel from the state mill, its
denial by the mill and its dispute by a union, each in English and Indonesian.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from workbench.cli import articles as _a  # noqa: F401  (registers commands)
from workbench.cli import grouping as _g  # noqa: F401
from workbench.cli.app import cli
from workbench.grouping.representative import leans_on_context


def _article(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


ARTICLES = {
    "en_assert.txt": _article(
        "Ministry says Harbor Bridge will reopen in March",
        "By Dana Reyes - Coastal Daily\nMonday, 2 Feb 2026 09:10",
        ("PORTSMOUTH - The transport ministry said on Monday that the collapsed Harbor Bridge had "
         "been fully rebuilt with steel from the state mill at a cost of 400 million dollars."),
        "Officials told reporters the bridge would reopen to traffic in March after load tests.",
    ),
    "id_assert.txt": _article(
        "Kementerian: Jembatan Harbor dibuka kembali Maret",
        "Dewi Lestari - Harian Teluk\nSenin, 2 Feb 2026 13:15 WIB",
        ("PORTSMOUTH - Kementerian perhubungan mengatakan Jembatan Harbor yang runtuh telah "
         "dibangun kembali sepenuhnya dengan baja dari pabrik baja negara dengan biaya 400 juta "
         "dolar."),
        ("Jembatan itu akan dibuka kembali untuk lalu lintas pada bulan Maret setelah uji beban, "
         "kata pejabat kementerian."),
    ),
    "en_deny.txt": _article(
        "Mill denies supplying steel for Harbor Bridge",
        "By Sam Okafor - Northern Ledger\nTuesday, 3 Feb 2026 14:00",
        ("PORTSMOUTH - The state steel mill denied that it had supplied steel for the rebuilt "
         "Harbor Bridge, contradicting the transport ministry."),
        ('"We have never shipped a single beam to that project," mill director Paul Hart said in a'
         " statement."),
    ),
    "id_deny.txt": _article(
        "Pabrik baja bantah pasok baja untuk Jembatan Harbor",
        "Agus Pratama - Kabar Kota\nRabu, 4 Feb 2026 16:45 WIB",
        ("PORTSMOUTH - Pabrik baja negara membantah telah memasok baja untuk pembangunan kembali "
         "Jembatan Harbor."),
        ("Direktur pabrik Paul Hart menegaskan pihaknya tidak pernah mengirim baja ke proyek "
         "tersebut."),
    ),
    "en_dispute.txt": _article(
        "Dock workers question ministry account of Harbor Bridge steel",
        "By Lena Fischer - Bay Herald\nWednesday, 4 Feb 2026 11:20",
        ("PORTSMOUTH - The dock workers' union said there was no evidence that the Harbor Bridge "
         "was rebuilt with steel from the state mill."),
    ),
    "id_dispute.txt": _article(
        "Serikat pekerja ragukan klaim kementerian soal Jembatan Harbor",
        "Rina Wulandari - Warta Pesisir\nRabu, 4 Feb 2026 10:30 WIB",
        ("PORTSMOUTH - Serikat pekerja pelabuhan mengatakan tidak ada bukti Jembatan Harbor "
         "dibangun kembali dengan baja dari pabrik baja negara."),
        ("Kementerian perhubungan sebelumnya menyatakan jembatan itu dibangun kembali dengan baja "
         "dari pabrik negara dengan biaya 400 juta dolar."),
    ),
}
ANSWERING = ("denies", "disputes")


def run(db: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env={"COLUMNS": "300", **(env or {})}).invoke(
        cli, ["--db", str(db), *args], catch_exceptions=False)


def groups(db: Path, *args: str, env: dict[str, str] | None = None) -> dict[int, dict[str, Any]]:
    result = run(db, "groups", "--json", *args, env=env)
    assert result.exit_code == 0, result.output
    return {g["id"]: g for g in json.loads(result.stdout)}


def claims(db: Path) -> list[dict[str, Any]]:
    return json.loads(run(db, "claims", "--json").stdout)  # type: ignore[no-any-return]


def group_of(db: Path, needle: str) -> int:
    claim = next(c for c in claims(db) if needle in c["content"])
    return next(g["id"] for g in groups(db).values() if claim["id"] in g["claim_ids"])


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The six articles grouped, each denial and dispute in a group of its own.

    Grouping is another feature's judgement: where it put an answer in with
    the claim it answers, a reviewer's split takes it out (as the review UI
    would) and the next grouping run links it."""
    root = tmp_path_factory.mktemp("answers")
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    db = root / "w.db"
    assert run(db, "ingest", str(root)).exit_code == 0
    assert run(db, "group").exit_code == 0
    stance = {c["id"]: c["stance"] for c in claims(db)}
    for group in groups(db).values():
        if any(stance[c] == "asserts" for c in group["claim_ids"]):
            for claim in group["claim_ids"]:
                if stance[claim] in ANSWERING:
                    assert run(db, "split", str(claim), "--reviewer", "t").exit_code == 0
    result = run(db, "group")
    assert result.exit_code == 0, result.output
    return db


def test_the_claim_lists_its_denials_and_disputes_in_both_languages(linked: Path) -> None:
    claim = groups(linked)[group_of(linked, "dibangun kembali sepenuhnya")]
    by_relation: dict[str, list[dict[str, Any]]] = {"denies": [], "disputes": []}
    for answer in claim["answers"]:
        by_relation[answer["relation"]].append(answer)
    denials, disputes = by_relation["denies"], by_relation["disputes"]
    assert denials and disputes
    assert "Paul Hart" in {s for a in denials for s in a["speakers"]}
    # Each answer names a live group, with who speaks and in which languages.
    live = groups(linked)
    assert all(a["group_id"] in live and a["group_id"] != claim["id"] for a in claim["answers"])
    assert {lang for a in denials for lang in a["languages"]} == {"en", "id"}
    assert {lang for a in disputes for lang in a["languages"]} == {"en", "id"}


def test_each_answering_group_points_back_at_the_claim(linked: Path) -> None:
    everything = groups(linked)
    claim = group_of(linked, "dibangun kembali sepenuhnya")
    for answer in everything[claim]["answers"]:
        back = everything[answer["group_id"]]["answers_to"]
        assert [a for a in back if a["group_id"] == claim and a["relation"] == answer["relation"]
                and a["speakers"] == answer["speakers"]]
    # The Indonesian dispute ("tidak ada bukti ...") answers the claim, not itself.
    dispute = everything[group_of(linked, "Tidak ada bukti Jembatan Harbor")]
    assert [a["group_id"] for a in dispute["answers_to"]] == [claim]
    assert dispute["answers_to"][0]["relation"] == "disputes"


def test_a_link_inside_one_group_is_not_shown_and_returns_after_a_split(
        linked: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    with sqlite3.connect(linked) as source, sqlite3.connect(db) as target:
        source.backup(target)  # the WAL's pages too
    claim = group_of(db, "dibangun kembali sepenuhnya")
    dispute = group_of(db, "Tidak ada bukti Jembatan Harbor")
    assert run(db, "merge", str(claim), str(dispute), "--reviewer", "t").exit_code == 0
    merged = groups(db)[claim]
    assert dispute not in {a["group_id"] for a in merged["answers"]}
    assert dispute not in groups(db)  # merged away: no link names it
    disputing = next(c["id"] for c in claims(db) if "Tidak ada bukti Jembatan" in c["content"])
    assert run(db, "split", str(disputing), "--reviewer", "t").exit_code == 0
    assert run(db, "group").exit_code == 0
    alone = group_of(db, "Tidak ada bukti Jembatan Harbor")
    assert alone in {a["group_id"] for a in groups(db)[claim]["answers"]}


def test_representatives_are_complete_statements_in_the_reading_language(linked: Path) -> None:
    default = groups(linked)
    claim = group_of(linked, "dibangun kembali sepenuhnya")
    language = {a["id"]: a["language"]
                for a in json.loads(run(linked, "articles", "--json").stdout)}
    contents = {c["id"]: {**c, "language": language[c["article_id"]]} for c in claims(linked)}
    for group in default.values():
        assert not leans_on_context(group["representative"]), group["representative"]
        assert group["representative"] == contents[group["representative_claim_id"]]["content"]
    # Most of the claim's members are Indonesian: that is its default language.
    member_langs = [contents[c]["language"] for c in default[claim]["claim_ids"]]
    assert member_langs.count("id") > member_langs.count("en")
    assert contents[default[claim]["representative_claim_id"]]["language"] == "id"
    english = groups(linked, "--lang", "en")[claim]
    assert contents[english["representative_claim_id"]]["language"] == "en"
    assert english["representative"].startswith("The collapsed Harbor Bridge")
    # The setting also comes from the environment; --lang wins over it.
    assert groups(linked, env={"WORKBENCH_LANG": "en"})[claim]["representative"] == \
        english["representative"]
    assert groups(linked, "--lang", "id", env={"WORKBENCH_LANG": "en"})[claim][
        "representative"] == default[claim]["representative"]
    # A language no member has changes nothing.
    assert groups(linked, "--lang", "fr")[claim]["representative"] == \
        default[claim]["representative"]
    table = run(linked, "groups", "--lang", "en")
    assert table.exit_code == 0 and "The collapsed Harbor Bridge" in table.stdout


@pytest.mark.parametrize("value", ["english", "e", "12", "i d", ""])
def test_a_bad_reading_language_is_refused_in_one_line(linked: Path, value: str) -> None:
    result = run(linked, "groups", "--lang", value)
    assert result.exit_code == 2
    assert "is not a language code such as id or en" in result.output
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import FIXTURES

    db = tmp_path_factory.mktemp("seed") / "w.db"
    assert run(db, "ingest", str(FIXTURES)).exit_code == 0
    assert run(db, "group").exit_code == 0
    return db


def test_the_containers_claim_lists_the_kremlin_and_lavrov_as_disputing_it(seed: Path) -> None:
    everything = groups(seed)
    containers = group_of(seed, "Korea Utara mengirim lebih dari 1.000 kontainer")
    kremlin = group_of(seed, "Tidak ada bukti Korea Utara mengirim pasokan senjata")
    lavrov = group_of(seed, "Washington gagal membuktikan tuduhan tersebut")
    disputes = {a["group_id"]: a for a in everything[containers]["answers"]
                if a["relation"] == "disputes"}
    assert kremlin in disputes and "Kremlin" in disputes[kremlin]["speakers"]
    assert lavrov in disputes and "Sergey Lavrov" in disputes[lavrov]["speakers"]
    assert {"group_id": containers, "relation": "disputes"}.items() <= \
        next(a for a in everything[lavrov]["answers_to"] if a["group_id"] == containers).items()


FRAMED = {
    "en_cracks.txt": _article(
        "Inspectors find cracks in Harbor Bridge deck",
        "By Dana Reyes - Coastal Daily\nMonday, 9 Feb 2026 08:40",
        ("PORTSMOUTH - Independent inspectors said on Monday that the rebuilt Harbor Bridge "
         "cracked during the load tests in January."),
    ),
    "id_rebuttal.txt": _article(
        "Menteri: laporan retak Jembatan Harbor mengada-ada",
        "Agus Pratama - Kabar Kota\nSelasa, 10 Feb 2026 15:05 WIB",
        ('PORTSMOUTH - "Ini rekayasa belaka," kata menteri perhubungan, menantang laporan para '
         "inspektur bahwa Jembatan Harbor retak saat uji beban pada Januari, seperti dikutip "
         "dari kantor berita setempat."),
    ),
    "id_gates.txt": _article(
        "Panitia: pintu stadion dikunci saat laga",
        "Rina Wulandari - Warta Pesisir\nSabtu, 14 Feb 2026 19:30 WIB",
        ("MALANG - Panitia pertandingan mengatakan seluruh pintu keluar stadion dikunci selama "
         "babak kedua berlangsung."),
    ),
    "en_rebuttal.txt": _article(
        "Stadium operator rejects report on locked gates",
        "By Lena Fischer - Bay Herald\nSunday, 15 Feb 2026 10:00",
        ('MALANG - "That is a complete fabrication," the stadium operator said on Sunday, '
         "responding to the claim that all exit gates of the stadium were locked during the "
         "second half."),
    ),
}


def test_a_rebuttal_answers_the_report_the_words_around_its_quote_name(
        tmp_path: Path) -> None:
    """The quotes point back ("Ini rekayasa belaka", "That is a complete
    fabrication") and their pages report nothing before them; the sentence
    around each names the report it rebuts, in the other language."""
    for name, text in FRAMED.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "w.db"
    assert run(db, "ingest", str(tmp_path)).exit_code == 0
    assert run(db, "group").exit_code == 0
    everything = groups(db)
    for rebuttal, report in (("Ini rekayasa", "cracked during the load tests"),
                             ("That is a complete fabrication", "pintu keluar stadion dikunci")):
        answering = everything[group_of(db, rebuttal)]
        assert [a["group_id"] for a in answering["answers_to"]] == [group_of(db, report)]
