"""`workbench group` never fails on a claim it cannot read, with the real model.

Numerals that fit no convention ("2.5,5.5 persen", "Rp 1,5.000.000") once
made every `group` run fail until the article was deleted by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import workbench.grouping.service as grouping_service
from workbench.cli import articles as _a  # noqa: F401  (registers commands)
from workbench.cli import grouping as _g  # noqa: F401
from workbench.cli.app import cli


def page(title: str, *paragraphs: str) -> str:
    """A saved plain-text page: the headline, then paragraphs separated by blank lines."""
    return "\n\n".join((title, *paragraphs)) + "\n"


ODD_NUMERALS = page(
    "Inflasi Pangan Diperkirakan Naik pada Akhir Tahun",
    "JAKARTA - Bank Indonesia memperkirakan inflasi pangan naik 2.5,5.5 persen pada akhir 2023 "
    "karena kemarau panjang.",
    "Kementerian Sosial mengatakan, bantuan tunai sebesar Rp 1,5.000.000 akan diberikan kepada "
    "350 keluarga di Nusa Tenggara Timur.",
    "Gubernur Bank Indonesia Perry Warjiyo mengatakan, cadangan devisa mencapai 134,9 miliar "
    "dolar AS pada September 2023.",
)

ENGLISH = page(
    "Central Bank Expects Food Inflation to Rise",
    "JAKARTA (Reuters) - Bank Indonesia expects food inflation to rise by 2.5 to 5.5 percent by"
    " the end of 2023 because of the long dry season, the central bank said on Tuesday.",
    "Foreign exchange reserves reached $134.9 billion in September 2023, Governor Perry Warjiyo"
    " told reporters on Tuesday.",
)


def run(db: Path, *args: str) -> Result:
    return CliRunner(env={"COLUMNS": "300"}).invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def ingest(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "inflasi.txt").write_text(ODD_NUMERALS, encoding="utf-8")
    (folder / "inflation.txt").write_text(ENGLISH, encoding="utf-8")
    db = tmp_path / "w.db"
    result = run(db, "ingest", str(folder))
    assert result.exit_code == 0, result.output
    return db


def placed_claims(db: Path) -> set[int]:
    groups = json.loads(run(db, "groups", "--json").stdout)
    return {claim for group in groups for claim in group["claim_ids"]}


def claims(db: Path) -> list[dict]:  # type: ignore[type-arg]
    return json.loads(run(db, "claims", "--json").stdout)


def test_claims_with_numerals_of_no_convention_are_grouped(tmp_path: Path) -> None:
    db = ingest(tmp_path)
    odd = [c["id"] for c in claims(db) if "2.5,5.5" in c["text"] or "1,5.000.000" in c["text"]]
    assert len(odd) == 2
    result = run(db, "group")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == ""
    assert set(odd) <= placed_claims(db)
    assert {c["id"] for c in claims(db)} == placed_claims(db)
    again = run(db, "group")  # and the next run works too
    assert again.exit_code == 0 and again.stderr.strip() == ""


def test_a_claim_the_grouper_cannot_read_is_skipped_with_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fault injection: quantities can no longer fail on real text, so a fault
    # is raised for one claim to prove the run goes on without it.
    real = grouping_service.read_quantities

    def failing(text: str, lang: str | None = None) -> tuple[str, ...]:
        if "cadangan devisa" in text.lower():
            raise ValueError("could not convert string to float: '134,9.0'")
        return real(text, lang)

    monkeypatch.setattr(grouping_service, "read_quantities", failing)
    db = ingest(tmp_path)
    (bad,) = [c for c in claims(db) if "cadangan devisa" in c["text"]]
    result = run(db, "group")
    assert result.exit_code == 0, result.output
    assert [line for line in result.stderr.splitlines() if line.strip()] == [
        f"warning: claim {bad['id']} (article {bad['article_id']}) skipped: cannot read its quantities "
        "(ValueError: could not convert string to float: '134,9.0')"
    ]
    placed = placed_claims(db)
    assert bad["id"] not in placed
    assert {c["id"] for c in claims(db)} - {bad["id"]} == placed
    # Once it can be read again, the next run places it like any new claim.
    monkeypatch.setattr(grouping_service, "read_quantities", real)
    assert run(db, "group").exit_code == 0
    assert bad["id"] in placed_claims(db)
