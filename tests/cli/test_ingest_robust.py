"""`workbench ingest` never crashes: bad files fail one by one, odd text is stored.

The articles are written here, in the shapes Indonesian and English outlets
use, around the speaker tokens that once crashed extraction: tokens that do
not start with an upper-case letter ("3M", "5G", "«AS»", '"AS"') and names
after a zero-width space.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import workbench.ingest.service as ingest_service
from workbench.cli import articles as _commands  # noqa: F401  (registers the commands)
from workbench.cli.app import cli

ZWSP = "\u200b"


def page(title: str, *paragraphs: str) -> str:
    """A saved plain-text page: the headline, then paragraphs separated by blank lines."""
    return "\n\n".join((title, *paragraphs)) + "\n"


INDONESIAN = page(
    "Operator Seluler Bantah Tuduhan Monopoli Jaringan 5G",
    "JAKARTA, KOMPAS.com - Perusahaan teknologi 3M membantah tuduhan bahwa pabriknya di "
    "Cikarang membuang limbah ke Sungai Citarum sejak 2021.",
    "“Kami tidak pernah membuang limbah ke sungai mana pun,” kata 3M dalam pernyataan resmi, "
    "Selasa (17/10/2023).",
    "5G Indonesia mengatakan, jaringan barunya sudah menjangkau 1.200 desa di Jawa Barat pada "
    "September 2023.",
    "«AS» menyatakan, Korea Utara telah mengirim lebih dari 1.000 kontainer amunisi ke Rusia "
    "sejak Agustus 2023.",
    '"AS" menuduh Pyongyang memasok 350 ton peralatan militer ke Moskwa, kata pejabat itu '
    "kepada wartawan.",
    f"Juru bicara Kremlin {ZWSP}Dmitry Peskov mengatakan, tidak ada bukti pengiriman 1.000 "
    "kontainer senjata dari Korea Utara.",
    f"“Tuduhan itu tidak berdasar dan tidak disertai bukti apa pun,” ujar {ZWSP}Maria Zakharova "
    "kepada kantor berita TASS, Rabu (18/10/2023).",
)

ENGLISH = page(
    "Industrial Group Denies Dumping Chemicals as 5G Rollout Reaches 1,200 Villages",
    "WASHINGTON (Reuters) - Industrial group 3M denied on Friday that its plant in Minnesota "
    "had released 40 tonnes of chemicals into the Mississippi River in 2022.",
    "“We have never released chemicals into any river,” 3M said in a statement on Friday.",
    "5G operators said on Monday that their networks now covered 1,200 villages across the "
    "state, up from 800 last year.",
    "«US» officials said North Korea had delivered more than 1,000 containers of munitions to "
    "Russia since August.",
    '"US" officials accused Pyongyang of shipping 350 tonnes of military equipment to Moscow, '
    "the spokesman told reporters.",
    "The shipments included more than 1,000 containers of artillery shells, according to "
    f"{ZWSP}John Kirby, the White House national security spokesman.",
    f"{ZWSP}Sergei Lavrov said on Thursday that Moscow had received no weapons from Pyongyang "
    "since the talks began in September.",
)

PLAIN = page(
    "Harga Beras Naik 12 Persen dalam Sebulan",
    "JAKARTA - Badan Pusat Statistik mencatat harga beras medium naik 12 persen sepanjang "
    "September 2023.",
    "Kepala BPS Amalia Adininggar Widyasanti mengatakan, kenaikan itu dipicu turunnya produksi "
    "padi sebesar 1,2 juta ton akibat kemarau panjang.",
)

# Tokens each crash-pattern article must keep in its stored claims.
MUST_KEEP = ["3M", "5G", "«AS»", '"AS"', f"{ZWSP}Dmitry Peskov", "«US»", '"US"', f"{ZWSP}Sergei Lavrov"]


def run(db: Path, *args: str) -> Result:
    runner = CliRunner(env={"COLUMNS": "400"})
    return runner.invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def as_json(db: Path, *args: str) -> list[dict]:  # type: ignore[type-arg]
    result = run(db, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def write_articles(folder: Path) -> dict[str, Path]:
    folder.mkdir(exist_ok=True)
    files = {"id": folder / "b_pola_id.txt", "en": folder / "c_patterns_en.txt",
             "plain": folder / "d_beras.txt"}
    files["id"].write_text(INDONESIAN, encoding="utf-8")
    files["en"].write_text(ENGLISH, encoding="utf-8")
    files["plain"].write_text(PLAIN, encoding="utf-8")
    return files


UNREADABLE = {
    "binary": b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8,
    "undecodable": b"Harga \x81\x8d\x8f\x90\x9d naik " * 40,
    "empty": b"",
}


def assert_good_articles_stored(db: Path, files: dict[str, Path]) -> None:
    stored = {Path(a["path"]).name: a for a in as_json(db, "articles")}
    assert sorted(stored) == sorted(p.name for p in files.values())
    assert all(a["claim_count"] > 0 for a in stored.values())
    claim_texts = "\n".join(c["text"] for c in as_json(db, "claims"))
    for token in MUST_KEEP:
        assert token in claim_texts, token


@pytest.mark.parametrize("kind", sorted(UNREADABLE))
@pytest.mark.parametrize("first", [True, False], ids=["unreadable-first", "unreadable-last"])
def test_a_directory_with_crash_patterns_and_an_unreadable_file_stores_every_article(
    tmp_path: Path, kind: str, first: bool
) -> None:
    folder = tmp_path / "in"
    files = write_articles(folder)
    bad = folder / (f"a_{kind}.txt" if first else f"z_{kind}.txt")
    bad.write_bytes(UNREADABLE[kind])
    db = tmp_path / "w.db"
    result = run(db, "ingest", str(folder))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith(f"error: {bad}: "), result.stderr
    assert "Traceback" not in result.output
    assert_good_articles_stored(db, files)


def test_the_cli_process_prints_one_line_per_bad_file_and_no_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    files = write_articles(folder)
    (folder / "a_binary.txt").write_bytes(UNREADABLE["binary"])
    db = tmp_path / "w.db"
    done = subprocess.run(
        [sys.executable, "-c", "from workbench.cli import main; main()", "--db", str(db), "ingest",
         str(folder)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "200"},
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stderr.strip().splitlines() == [f"error: {folder / 'a_binary.txt'}: binary file, not text"]
    assert_good_articles_stored(db, files)


def test_a_fault_inside_extraction_fails_that_file_only_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fault injection: extraction itself has no known crash left, so one is
    # raised for the English article to prove the batch survives the next one.
    real = ingest_service.extract_claims

    def failing(body: str, lang: str = "id"):  # type: ignore[no-untyped-def]
        if "Mississippi" in body:
            return [][-1]
        return real(body, lang)

    monkeypatch.setattr(ingest_service, "extract_claims", failing)
    folder = tmp_path / "in"
    files = write_articles(folder)
    db = tmp_path / "w.db"
    result = run(db, "ingest", str(folder))
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1
    assert re.fullmatch(rf"error: {re.escape(str(files['en']))}: claim extraction failed: "
                        r"IndexError: list index out of range at [\w/]+\.py:\d+", errors[0]), errors[0]
    stored = sorted(Path(a["path"]).name for a in as_json(db, "articles"))
    assert stored == sorted([files["id"].name, files["plain"].name])
    # Nothing was stored for the failed file, so a later run ingests it in full.
    monkeypatch.setattr(ingest_service, "extract_claims", real)
    again = run(db, "ingest", str(folder))
    assert again.exit_code == 0, again.output
    assert_good_articles_stored(db, files)


def test_re_ingesting_with_a_url_records_it_and_never_replaces_another(tmp_path: Path) -> None:
    files = write_articles(tmp_path / "in")
    db = tmp_path / "w.db"
    assert run(db, "ingest", str(files["plain"])).exit_code == 0
    assert [a["url"] for a in as_json(db, "articles")] == [None]

    first = "https://www.example.co.id/ekonomi/2023/10/02/harga-beras"
    again = run(db, "ingest", "--url", first, str(files["plain"]))
    assert again.exit_code == 0, again.output
    assert f"already present: {files['plain']} (article 1); URL recorded: {first}" in again.stdout
    assert [a["url"] for a in as_json(db, "articles")] == [first]

    same = run(db, "ingest", "--url", first, str(files["plain"]))
    assert same.exit_code == 0
    assert f"already present: {files['plain']} (article 1)\n" in same.stdout

    other = "https://mirror.example.net/beras"
    conflict = run(db, "ingest", "--url", other, str(files["plain"]))
    assert conflict.exit_code == 0
    assert f"keeps its URL {first}; {other} not recorded" in conflict.stdout
    assert [a["url"] for a in as_json(db, "articles")] == [first]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its mode")
def test_files_and_folders_without_permission_fail_one_by_one(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    files = write_articles(folder)
    locked = folder / "a_locked.txt"
    locked.write_text(PLAIN.replace("12 persen", "13 persen"), encoding="utf-8")
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "x.txt").write_text(ENGLISH, encoding="utf-8")
    locked.chmod(0)
    closed.chmod(0)
    try:
        result = run(tmp_path / "w.db", "ingest", str(folder), str(closed / "x.txt"))
    finally:
        locked.chmod(0o644)
        closed.chmod(0o755)
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.strip()] == [
        f"error: {locked}: cannot read: Permission denied",
        f"error: {closed / 'x.txt'}: cannot read: Permission denied",
    ]
    assert_good_articles_stored(tmp_path / "w.db", files)
