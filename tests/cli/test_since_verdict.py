"""A claim that joins a judged group after its verdict, through the CLI.

Real fixtures, the real bundled model, a real SQLite file: the claim is
marked new since the verdict, `groups --json` counts it, the exports leave
it out of what the verdict publishes, and `workbench confirm` lets the
verdict cover it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import FIXTURES
from workbench.cli import articles as _a  # noqa: F401  (registers commands)
from workbench.cli import exchange_cmds as _e  # noqa: F401
from workbench.cli import grouping as _g  # noqa: F401
from workbench.cli import review_cmds as _r  # noqa: F401
from workbench.cli.app import cli

# A wire story's first paragraph, as English outlets print it (the same
# proposition as the Indonesian fixtures' 1,000-containers claim).
ENGLISH_CONTAINERS = (
    "WASHINGTON - North Korea has sent more than 1,000 containers of military equipment and "
    "munitions to Russia in recent weeks, the White House said on Friday (13/10/2023).\n"
)
ENGLISH_URL = "https://news.example/world/containers"


def run(db: Path, *args: str, input: str | None = None) -> Result:
    return CliRunner(env={"COLUMNS": "300", "WORKBENCH_REVIEWER": "desk_a"}).invoke(
        cli, ["--db", str(db), *args], input=input, catch_exceptions=False)


def groups(db: Path) -> dict[int, dict]:  # type: ignore[type-arg]
    result = run(db, "groups", "--json")
    assert result.exit_code == 0, result.output
    return {g["id"]: g for g in json.loads(result.stdout)}


def claim_id(db: Path, needle: str) -> int:
    """The first claim whose text holds `needle` (articles carry a claim more than once)."""
    found = [c["id"] for c in json.loads(run(db, "claims", "--json").stdout)
             if needle in c["text"]]
    assert found, needle
    return int(min(found))


def group_of(db: Path, claim: int) -> int:
    return next(gid for gid, g in groups(db).items() if claim in g["claim_ids"])


def export(db: Path, tmp: Path, fmt: str) -> object:
    out = tmp / f"out.{fmt}"
    args = ["export", "--format", fmt, "-o", str(out)]
    if fmt == "claimreview":
        args += ["--publisher", "Desk", "--publisher-url", "https://desk.example",
                 "--url-template", "https://desk.example/checks/{group_id}"]
    result = run(db, *args)
    assert result.exit_code == 0, result.output
    text = out.read_text()
    return [json.loads(line) for line in text.splitlines()] if fmt == "jsonl" else json.loads(text)


@pytest.fixture
def judged(tmp_path: Path) -> tuple[Path, int, int]:
    """Fixtures grouped, the 1,000-containers group judged, then an English
    story of the same claim ingested and grouped: (db, group, new claim)."""
    db = tmp_path / "w.db"
    assert run(db, "ingest", str(FIXTURES)).exit_code == 0
    assert run(db, "group").exit_code == 0
    containers = group_of(db, claim_id(db, "1.000 kontainer"))
    assert run(db, "verdict", str(containers), "supported",
               "--link", "https://desk.example/briefing").exit_code == 0
    assert groups(db)[containers]["new_since_verdict"] == 0
    assert run(db, "ingest", "-", "--url", ENGLISH_URL, input=ENGLISH_CONTAINERS).exit_code == 0
    result = run(db, "group")
    assert result.exit_code == 0, result.output
    english = claim_id(db, "more than 1,000 containers")
    assert group_of(db, english) == containers
    return db, containers, english


def test_claim_joining_a_judged_group_is_new_since_the_verdict(
        judged: tuple[Path, int, int]) -> None:
    db, group, english = judged
    listing = groups(db)
    assert listing[group]["new_since_verdict"] == 1
    assert listing[group]["verdict"]["label"] == "supported"
    assert all(g["new_since_verdict"] == 0 for gid, g in listing.items() if gid != group)


def test_exports_leave_the_new_claim_out_until_confirmed(
        judged: tuple[Path, int, int], tmp_path: Path) -> None:
    db, group, english = judged
    document = export(db, tmp_path, "json")
    assert isinstance(document, dict)
    record = next(g for g in document["groups"] if g["id"] == group)
    marks = {c["id"]: c.get("new_since_verdict", False) for c in record["claims"]}
    assert marks[english] is True and sum(marks.values()) == 1
    lines = export(db, tmp_path, "jsonl")
    assert isinstance(lines, list)
    line = next(r for r in lines if r.get("id") == group)
    assert next(c for c in line["claims"] if c["id"] == english)["new_since_verdict"] is True
    reviews = export(db, tmp_path, "claimreview")
    assert isinstance(reviews, list)
    review = next(r for r in reviews if r["url"].endswith(f"/{group}"))
    shown = [a.get("url") for a in review["itemReviewed"]["appearance"]]
    assert ENGLISH_URL not in shown
    assert "North Korea has sent" not in review["claimReviewed"]

    confirmed = run(db, "confirm", str(group))
    assert confirmed.exit_code == 0, confirmed.output
    assert f"claim {english}" in confirmed.stdout
    assert groups(db)[group]["new_since_verdict"] == 0
    reviews = export(db, tmp_path, "claimreview")
    assert isinstance(reviews, list)
    review = next(r for r in reviews if r["url"].endswith(f"/{group}"))
    assert ENGLISH_URL in [a.get("url") for a in review["itemReviewed"]["appearance"]]
    document = export(db, tmp_path, "json")
    assert isinstance(document, dict)
    record = next(g for g in document["groups"] if g["id"] == group)
    assert not any("new_since_verdict" in c for c in record["claims"])


def test_confirm_is_audited_and_says_when_nothing_is_new(judged: tuple[Path, int, int]) -> None:
    db, group, english = judged
    assert run(db, "confirm", str(group), "--claim", str(english)).exit_code == 0
    again = run(db, "confirm", str(group))
    assert again.exit_code == 0
    assert "no claim is new since the verdict" in again.stdout
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT group_id, claim_id, reviewer FROM verdict_confirmations"
                            ).fetchall()
    assert rows == [(group, english, "desk_a")]


def test_confirm_refuses_a_group_without_verdict_and_a_claim_of_another_group(
        judged: tuple[Path, int, int]) -> None:
    db, group, english = judged
    other = next(gid for gid, g in groups(db).items() if g["verdict"] is None)
    refused = run(db, "confirm", str(other))
    assert refused.exit_code == 1
    assert f"group {other} has no verdict" in refused.output
    stranger = groups(db)[other]["claim_ids"][0]
    wrong = run(db, "confirm", str(group), "--claim", str(stranger))
    assert wrong.exit_code == 1
    assert f"claim {stranger} is not in group {group}" in wrong.output
    missing = run(db, "confirm", "999999")
    assert missing.exit_code == 1 and "no group with id 999999" in missing.output
    assert groups(db)[group]["new_since_verdict"] == 1  # nothing confirmed by the refusals


def test_rebuild_keeps_the_new_claim_marked(judged: tuple[Path, int, int]) -> None:
    db, group, english = judged
    assert run(db, "group", "--rebuild").exit_code == 0
    assert group_of(db, english) == group
    assert groups(db)[group]["new_since_verdict"] == 1


def test_a_fresh_verdict_covers_every_claim_then_in_the_group(
        judged: tuple[Path, int, int]) -> None:
    db, group, english = judged
    assert run(db, "verdict", str(group), "denied").exit_code == 0  # a changed label
    assert groups(db)[group]["new_since_verdict"] == 1
    assert run(db, "undo").exit_code == 0 and run(db, "undo").exit_code == 0  # no verdict now
    assert groups(db)[group]["verdict"] is None
    assert groups(db)[group]["new_since_verdict"] == 0  # counted only under a verdict
    assert run(db, "redo").exit_code == 0  # the old verdict is back, still without the claim
    assert groups(db)[group]["new_since_verdict"] == 1
    assert run(db, "verdict", str(group), "supported", "--claim", str(english)).exit_code == 0
    assert run(db, "undo").exit_code == 0
    assert run(db, "undo").exit_code == 0
    assert groups(db)[group]["verdict"] is None
    assert run(db, "verdict", str(group), "disputed").exit_code == 0  # judged afresh
    assert groups(db)[group]["new_since_verdict"] == 0


def test_split_clears_the_mark_and_a_merge_into_a_judged_group_sets_it(
        judged: tuple[Path, int, int]) -> None:
    db, group, english = judged
    split = run(db, "split", str(english), "--reviewer", "desk_a")
    assert split.exit_code == 0, split.output
    alone = group_of(db, english)
    assert alone != group and groups(db)[group]["new_since_verdict"] == 0
    assert run(db, "verdict", str(alone), "supported").exit_code == 0
    assert groups(db)[alone]["new_since_verdict"] == 0  # judged with it inside
    other = next(gid for gid, g in groups(db).items() if g["verdict"] is None)
    incoming = set(groups(db)[other]["claim_ids"])
    assert run(db, "merge", str(group), str(other), "--reviewer", "desk_a").exit_code == 0
    assert groups(db)[group]["new_since_verdict"] == len(incoming)


def test_import_keeps_the_mark_and_a_file_without_it_means_confirmed(
        judged: tuple[Path, int, int], tmp_path: Path) -> None:
    db, group, english = judged
    document = export(db, tmp_path, "json")
    assert isinstance(document, dict)
    marked = tmp_path / "marked.json"
    marked.write_text(json.dumps(document))
    for record in document["groups"]:
        for claim in record["claims"]:
            claim.pop("new_since_verdict", None)
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(document))
    counts = []
    for name, path in (("a", marked), ("b", plain)):
        fresh = tmp_path / f"{name}.db"
        result = run(fresh, "import", str(path))
        assert result.exit_code == 0, result.output
        counts.append(sorted(g["new_since_verdict"] for g in groups(fresh).values()
                             if g["verdict"] is not None))
    assert counts[0] == [0] * (len(counts[0]) - 1) + [1]
    assert counts[1] == [0] * len(counts[1])
