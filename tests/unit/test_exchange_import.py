"""Import: round trips, idempotence, merging with conflicts, and refusing bad files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from tests.unit.test_exchange_export import Reviewed, build_reviewed
from workbench.exchange import export_to_file
from workbench.exchange.importer import import_file
from workbench.exchange.reader import ImportFileError
from workbench.review import ReviewService
from workbench.store import groups, open_store

TABLES = ("articles", "claims", "claim_groups", "group_members", "group_overrides", "verdicts",
          "evidence_links", "verdict_history")


def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    return {t: db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}


def without_stamp(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        lines = [json.loads(line) for line in text.split("\n") if line]  # not splitlines: U+0085 is text
        lines[0].pop("exported_at")
        return lines
    doc = json.loads(text)
    doc.pop("exported_at")
    return doc


@pytest.fixture
def reviewed(fixture_db: Database) -> Reviewed:
    return build_reviewed(fixture_db)


@pytest.fixture
def exported(fixture_db: Database, reviewed: Reviewed, tmp_path: Path) -> dict[str, Path]:
    return {fmt: export_to_file(fixture_db, tmp_path / f"first.{fmt}", fmt)
            for fmt in ("json", "jsonl")}


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_round_trip_through_an_empty_database_gives_the_same_export(
    fmt: str, exported: dict[str, Path], tmp_path: Path
) -> None:
    fresh = open_store(tmp_path / "fresh.db")
    report = import_file(fresh, exported[fmt])
    assert report.conflicts == [] and report.notes == []
    assert (report.count("articles added"), report.count("groups added"),
            report.count("verdicts added")) == (5, 5, 5)
    again = export_to_file(fresh, tmp_path / f"again.{fmt}", fmt)
    assert without_stamp(again) == without_stamp(exported[fmt])


def test_round_trip_restores_rows_ids_bodies_and_history(
    fixture_db: Database, exported: dict[str, Path], tmp_path: Path
) -> None:
    fresh = open_store(tmp_path / "fresh.db")
    import_file(fresh, exported["json"])

    def rows(db: Database, sql: str) -> list[tuple[Any, ...]]:
        return db.execute(sql).fetchall()

    queries = [
        "SELECT * FROM verdict_history ORDER BY id",
        "SELECT * FROM claims WHERE id IN (SELECT claim_id FROM group_members) ORDER BY id",
        "SELECT claim_id, group_id, assigned_by, similarity FROM group_members ORDER BY claim_id",
        """SELECT id, representative_claim_id, model, method, created_at, merged_into
           FROM claim_groups ORDER BY id""",
        """SELECT group_id, claim_id, label, reviewer, note, decided_at FROM verdicts
           ORDER BY group_id, claim_id""",
        """SELECT v.group_id, v.claim_id, l.url, l.title FROM evidence_links l
           JOIN verdicts v ON v.id = l.verdict_id ORDER BY v.group_id, v.claim_id, l.id""",
        """SELECT sha256, title, outlet, published, author, dateline, wire, language, url, body
           FROM articles ORDER BY sha256""",
    ]
    for sql in queries:
        assert rows(fresh, sql) == rows(fixture_db, sql), sql
    # The restored history drives undo as before: d was desk_a's latest change.
    assert ReviewService(fresh, "desk_a").undo() == \
        f"undid group {exported_ids(exported)['d']}: denied, note → no verdict"


def exported_ids(exported: dict[str, Path]) -> dict[str, int]:
    doc = json.loads(exported["json"].read_text(encoding="utf-8"))
    return dict(zip("abcde", (g["id"] for g in doc["groups"]), strict=True))


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_importing_the_same_file_twice_changes_nothing_the_second_time(
    fmt: str, exported: dict[str, Path], tmp_path: Path
) -> None:
    fresh = open_store(tmp_path / "fresh.db")
    import_file(fresh, exported[fmt])
    before = dump(fresh)
    report = import_file(fresh, exported[fmt])
    assert dump(fresh) == before
    assert report.count("groups matched") == 5 and report.count("claims added") == 0
    assert report.count("history rows added") == 0


def test_importing_into_the_database_it_came_from_changes_nothing(
    fixture_db: Database, exported: dict[str, Path]
) -> None:
    before = dump(fixture_db)
    report = import_file(fixture_db, exported["jsonl"])
    assert dump(fixture_db) == before and report.conflicts == []


def theirs_with_bob(exported: dict[str, Path], tmp_path: Path, ids: dict[str, int],
                    claims: dict[str, tuple[int, ...]]) -> Path:
    """A colleague's copy (restored from our export) after desk_b worked on it."""
    other = open_store(tmp_path / "theirs.db")
    import_file(other, exported["json"])
    desk_b = ReviewService(other, "desk_b")
    desk_b.set_verdict(ids["a"], "supported", note="the containers were seen")  # conflict
    desk_b.add_link(ids["b"], "https://example.org/desk_b-source", "desk B's source")  # compatible
    desk_b.set_verdict(ids["d"], "denied", note="desk_b disagrees with the note")  # note conflict
    desk_b.set_verdict(ids["e"], "disputed", links=["https://example.org/e"])  # new to us
    return export_to_file(other, tmp_path / "theirs.jsonl", "jsonl")


def test_merge_keeps_local_verdicts_lists_conflicts_and_records_theirs_in_history(
    fixture_db: Database, reviewed: Reviewed, exported: dict[str, Path], tmp_path: Path
) -> None:
    ids = reviewed.ids
    theirs = theirs_with_bob(exported, tmp_path, ids, reviewed.claims)
    report = import_file(fixture_db, theirs)
    desk_a = ReviewService(fixture_db, "desk_a")

    assert [(c.target, c.local.label, c.theirs.label, c.kept) for c in report.conflicts] == [
        (f"group {ids['a']}", "disputed", "supported", "local"),
        (f"group {ids['d']}", "denied", "denied", "local")]
    assert "local disputed by desk_a" in report.conflicts[0].describe()
    a = desk_a.verdict(ids["a"])
    assert a is not None and (a.label, a.reviewer) == ("disputed", "desk_a")
    b = desk_a.verdict(ids["b"])
    assert b is not None and [x.url for x in b.links] == ["https://example.org/desk_b-source"]
    e = desk_a.verdict(ids["e"])
    assert e is not None and (e.label, e.reviewer) == ("disputed", "desk_b")
    assert report.count("verdicts merged") == 1 and report.count("verdicts added") == 1

    rows = fixture_db.execute(
        """SELECT group_id, action, label, note, prev_label, reviewer FROM verdict_history
           WHERE action = 'import' ORDER BY id""").fetchall()
    assert rows == [
        (ids["a"], "import", "supported", "the containers were seen", "disputed", "desk_b"),
        (ids["b"], "import", "supported", None, "supported", "desk_b"),
        (ids["d"], "import", "denied", "desk_b disagrees with the note", "denied", "desk_b")]
    # e was never judged here: desk_b's own history row came over as it was.
    assert fixture_db.execute("SELECT action, reviewer FROM verdict_history WHERE group_id = ? ",
                              [ids["e"]]).fetchall() == [("set", "desk_b")]

    before = dump(fixture_db)
    again = import_file(fixture_db, theirs)
    assert dump(fixture_db) == before
    assert len(again.conflicts) == 2  # still listed, nothing written


def test_prefer_theirs_takes_their_verdicts_and_records_the_change(
    fixture_db: Database, reviewed: Reviewed, exported: dict[str, Path], tmp_path: Path
) -> None:
    ids = reviewed.ids
    theirs = theirs_with_bob(exported, tmp_path, ids, reviewed.claims)
    import_file(fixture_db, theirs)  # first keep ours, then change our mind
    report = import_file(fixture_db, theirs, prefer="theirs")
    assert [c.kept for c in report.conflicts] == ["theirs", "theirs"]
    desk_a = ReviewService(fixture_db, "desk_a")
    a = desk_a.verdict(ids["a"])
    assert a is not None and (a.label, a.reviewer, a.note) == (
        "supported", "desk_b", "the containers were seen")
    assert [x.url for x in a.links] == ["https://example.org/kremlin", "https://example.org/afp"]
    last = fixture_db.execute(
        """SELECT action, label, prev_label, prev_note, reviewer FROM verdict_history
           WHERE group_id = ? ORDER BY id DESC LIMIT 1""", [ids["a"]]).fetchone()
    assert last == ("import", "supported", "disputed", "no evidence shown", "desk_b")
    before = dump(fixture_db)
    assert import_file(fixture_db, theirs, prefer="theirs").conflicts == []
    assert dump(fixture_db) == before
    # desk_a's undo passes over groups a and d, which the import changed after her.
    assert desk_a.undo(skip_blocked=True) == f"undid claim {reviewed.claims['c'][0]}: disputed → no verdict"


def test_claims_spread_over_local_groups_match_the_biggest_and_grouping_is_kept(
    fixture_db: Database, reviewed: Reviewed, exported: dict[str, Path]
) -> None:
    ids, claims = reviewed.ids, reviewed.claims
    moved = groups.split(fixture_db, claims["a"][2], "desk_a")
    before = dump(fixture_db)["group_members"]
    report = import_file(fixture_db, exported["json"])
    assert report.notes == [
        f"group {ids['a']} of the file: its claims are spread over local groups {ids['a']}, "
        f"{moved}; matched with group {ids['a']}, which holds most of them (local grouping "
        "left as it is)"]
    assert dump(fixture_db)["group_members"] == before


def test_new_claims_join_the_matched_group_and_moved_spans_match_by_text(
    fixture_db: Database, reviewed: Reviewed, exported: dict[str, Path], tmp_path: Path
) -> None:
    doc = json.loads(exported["json"].read_text(encoding="utf-8"))
    fresh = open_store(tmp_path / "fresh.db")
    import_file(fresh, exported["json"])
    e = next(g for g in doc["groups"] if g["id"] == reviewed.ids["e"])
    extra = fresh.execute("SELECT max(id) FROM claims").fetchone()[0]
    body = next(iter(doc["articles"].values()))["body"]
    e["claims"].append({**e["claims"][0], "id": extra + 100, "text": body[1:40],
                        "span_start": 1, "span_end": 40,
                        "article": {**e["claims"][0]["article"],
                                    "sha256": next(iter(doc["articles"]))}})
    e["claims"][0]["span_start"] += 1  # an older extractor's span; the text still matches
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    report = import_file(fresh, path)
    assert (report.count("claims added"), report.count("claims matched")) == (1, 11)
    members = fresh.execute("SELECT count(*) FROM group_members WHERE group_id = ?",
                            [reviewed.ids["e"]]).fetchone()[0]
    assert members == 3


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def edited(exported: dict[str, Path], change: Any) -> str:
    doc = json.loads(exported["json"].read_text(encoding="utf-8"))
    change(doc)
    return json.dumps(doc)


def edited_lines(exported: dict[str, Path], change: Any) -> str:
    lines = exported["jsonl"].read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(change(lines))


def _first_link(doc: dict[str, Any], url: str) -> None:
    next(g for g in doc["groups"] if g["verdict"])["verdict"]["links"][0]["url"] = url


BAD_FILES = {
    "not JSON": (lambda ex: "this is a text file\n",
                 r"not valid JSON \(Expecting value: line 1, column 1\)"),
    "empty": (lambda ex: "", "the file is empty"),
    "JSON array": (lambda ex: "[1, 2, 3]", "not a Claim Workbench export"),
    "other object": (lambda ex: '{"name": "x"}', "not a Claim Workbench export"),
    "newer version": (lambda ex: edited(ex, lambda d: d.update(format_version=2)),
                      r"newer Claim Workbench \(format_version 2; this version reads "
                      r"format_version 1\)"),
    "truncated json": (lambda ex: ex["json"].read_text()[:5000], "the file is truncated"),
    "cut jsonl line": (lambda ex: ex["jsonl"].read_text()[:-100],
                       r"line 11: the line is cut off \(the file is truncated\)"),
    "jsonl missing end": (lambda ex: edited_lines(ex, lambda ls: ls[:-1]),
                          "truncated: it ends after line 11 without its end record"),
    "jsonl missing group": (lambda ex: edited_lines(ex, lambda ls: ls[:7] + ls[8:]),
                            "line 11: the end record counts 5 articles and 5 groups but"),
    "ftp link": (lambda ex: edited(ex, lambda d: _first_link(d, "ftp://example.org/x")),
                 r"json: groups\[0\].verdict.links\[0\].url: evidence link \"ftp://example.org/x\" "
                 r"is not an http\(s\) URL"),
    "javascript link": (lambda ex: edited(ex, lambda d: _first_link(d, "javascript:alert(1)")),
                        "is not an http"),
    "link with a space": (lambda ex: edited(ex, lambda d: _first_link(d, "https://a b.example/")),
                          "evidence link 'https://a b.example/': the link contains spaces"),
    "bad stance": (lambda ex: edited(ex, lambda d: d["groups"][1]["claims"][0].update(
        stance="shouts")), r"json: groups\[1\].claims\[0\].stance: 'shouts' is not one of"),
    "override outside its group": (
        lambda ex: edited(ex, lambda d: d["groups"][1]["claim_verdicts"][0].update(
            claim_id=999_999)),
        r"groups\[1\]: a verdict or history row names claim 999999, which is not in this group"),
    "claim in two groups": (
        lambda ex: edited(ex, lambda d: d["groups"][1]["claims"].append(
            d["groups"][0]["claims"][0])),
        r"groups\[1\]: claim \d+ appears in more than one group"),
    "unknown jsonl kind": (lambda ex: edited_lines(ex, lambda ls: ls[:3] + ['{"kind": "x"}\n']
                                                   + ls[3:]),
                           "line 4: expected an article, group or end record"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_are_refused_with_one_line_and_the_database_unchanged(
    case: str, fixture_db: Database, exported: dict[str, Path], tmp_path: Path
) -> None:
    make, message = BAD_FILES[case]
    path = write(tmp_path, "bad.jsonl" if "jsonl" in case else "bad.json", make(exported))
    fresh = open_store(tmp_path / "fresh.db")
    import_file(fresh, exported["json"]) if case == "bad stance" else None
    before = dump(fresh)
    with pytest.raises(ImportFileError, match=message) as caught:
        import_file(fresh, path)
    assert "\n" not in str(caught.value) and str(caught.value).startswith(str(path))
    assert dump(fresh) == before


def test_a_late_error_rolls_back_everything_imported_before_it(
    exported: dict[str, Path], tmp_path: Path
) -> None:
    def break_last_group(lines: list[str]) -> list[str]:
        group = json.loads(lines[-2])
        group["claims"][0]["span_end"] = 10**9
        return lines[:-2] + [json.dumps(group) + "\n", lines[-1]]

    path = write(tmp_path, "late.jsonl", edited_lines(exported, break_last_group))
    fresh = open_store(tmp_path / "fresh.db")
    before = dump(fresh)
    with pytest.raises(ImportFileError, match=r"line 11: claim \d+: span \d+-1000000000 lies "
                                              r"outside its article"):
        import_file(fresh, path)
    assert dump(fresh) == before


def test_missing_file_is_a_one_line_error(db: Database, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="cannot read it"):
        import_file(db, tmp_path / "nope.json")


def test_bytes_that_are_not_utf8_are_refused(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(b"\xff\xfe\x00{ binary")
    before = dump(db)
    with pytest.raises(ImportFileError, match="not UTF-8 text, not an export"):
        import_file(db, path)
    assert dump(db) == before
