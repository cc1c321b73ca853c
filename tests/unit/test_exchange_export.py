"""Export of the real fixtures, reviewed: json, jsonl, filters, atomic writes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from sqlite_utils import Database

from workbench.exchange import ExportError, export_to_file, make_options, write_export
from workbench.exchange import export as export_module
from workbench.exchange.export import SCHEMA_PATH
from workbench.review import ReviewService
from workbench.store import groups
from workbench.store.articles import list_claims

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Reviewed:
    """Five groups over the seed claims, judged by desk_a and desk_b.

    a: three articles; disputed (set, set denied, undo), note and two links.
    b: supported; desk_b overrides its second claim as denied, with a link.
    c: supported then cleared; its first claim overridden as disputed.
    d: denied, decided in 2020.
    e: never judged.
    """

    ids: dict[str, int]
    claims: dict[str, tuple[int, ...]]


def build_reviewed(db: Database) -> Reviewed:
    by_article: dict[int, list[int]] = {}
    for claim in list_claims(db):
        by_article.setdefault(claim.article_id, []).append(claim.id)
    arts = sorted(by_article)
    claims = {
        "a": (by_article[arts[0]][0], by_article[arts[2]][0], by_article[arts[3]][0]),
        "b": (by_article[arts[1]][1], by_article[arts[3]][1]),
        "c": (by_article[arts[0]][2], by_article[arts[1]][2], by_article[arts[4]][2]),
        "d": (by_article[arts[4]][3],),
        "e": (by_article[arts[0]][4], by_article[arts[1]][4]),
    }
    with db.atomic():
        ids = {name: groups.create_group(db, model="test", method={"by": "hand"})
               for name in claims}
        for name, members in claims.items():
            groups.assign(db, [(cid, ids[name], 0.9) for cid in members])
        groups.refresh_groups(db, list(ids.values()))
    desk_a, desk_b = ReviewService(db, "desk_a"), ReviewService(db, "desk_b")
    desk_a.set_verdict(ids["a"], "disputed", note="no evidence shown",
                      links=[("https://example.org/kremlin"), "https://example.org/afp"])
    desk_a.add_link(ids["a"], "https://example.org/kremlin", "Kremlin statement")
    desk_a.set_verdict(ids["a"], "denied")
    desk_a.undo()
    desk_a.set_verdict(ids["b"], "supported")
    desk_b.set_verdict(ids["b"], "denied", claim_id=claims["b"][1],
                    links=["https://example.org/b-claim"])
    desk_a.set_verdict(ids["c"], "supported")
    desk_b.clear_verdict(ids["c"])
    desk_a.set_verdict(ids["c"], "disputed", claim_id=claims["c"][0])
    desk_a.set_verdict(ids["d"], "denied", note="the ministry denied it")
    with db.atomic():
        db.execute("UPDATE verdicts SET decided_at = '2020-03-01T09:00:00+00:00' "
                   "WHERE group_id = ?", [ids["d"]])
    return Reviewed(ids, claims)


@pytest.fixture
def reviewed(fixture_db: Database) -> Reviewed:
    return build_reviewed(fixture_db)


def validate(document: Any, part: str | None = None) -> None:
    schema = SCHEMA if part is None else {"$defs": SCHEMA["$defs"], "$ref": f"#/$defs/{part}"}
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(document)]
    assert errors == []


def export_json(db: Database, tmp_path: Path, fmt: str = "json", **options: Any) -> Any:
    path = export_to_file(db, tmp_path / f"out.{fmt}", fmt, **options)
    text = path.read_text(encoding="utf-8")
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    return json.loads(text)


def test_json_export_matches_the_schema_and_holds_every_live_group(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    doc = export_json(fixture_db, tmp_path)
    validate(doc)
    assert doc["format_version"] == 1 and doc["generator"].startswith("claim-workbench")
    assert [g["id"] for g in doc["groups"]] == sorted(reviewed.ids.values())
    used = {c["article"]["sha256"] for g in doc["groups"] for c in g["claims"]}
    assert set(doc["articles"]) == used
    body = fixture_db.execute("SELECT body FROM articles WHERE sha256 = ?",
                              [next(iter(used))]).fetchone()[0]
    assert doc["articles"][next(iter(used))]["body"] == body


def test_a_group_record_carries_claims_verdict_overrides_and_history(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    doc = export_json(fixture_db, tmp_path)
    a = next(g for g in doc["groups"] if g["id"] == reviewed.ids["a"])
    assert [c["id"] for c in a["claims"]] == sorted(reviewed.claims["a"])
    assert len({c["article"]["sha256"] for c in a["claims"]}) == 3
    first = a["claims"][0]
    assert set(first["article"]) == {"sha256", "title", "outlet", "published", "url", "author"}
    assert (first["assigned_by"], first["similarity"], first["quote"]) == ("model", 0.9, False)
    assert a["verdict"]["label"] == "disputed" and a["verdict"]["note"] == "no evidence shown"
    assert a["verdict"]["links"] == [
        {"url": "https://example.org/kremlin", "title": "Kremlin statement"},
        {"url": "https://example.org/afp", "title": None}]
    assert [(h["action"], h["label"], h["prev_label"]) for h in a["history"]] == [
        ("set", "disputed", None), ("set", "disputed", "disputed"),
        ("set", "denied", "disputed"), ("undo", "disputed", "denied")]
    assert a["history"][3]["reverts"] == a["history"][2]["id"]
    assert a["claim_verdicts"] == []

    b = next(g for g in doc["groups"] if g["id"] == reviewed.ids["b"])
    assert b["claim_verdicts"] == [{
        "claim_id": reviewed.claims["b"][1], "label": "denied", "reviewer": "desk_b",
        "decided_at": b["claim_verdicts"][0]["decided_at"], "note": None,
        "links": [{"url": "https://example.org/b-claim", "title": None}]}]
    assert [(h["claim_id"], h["reviewer"]) for h in b["history"]] == [
        (None, "desk_a"), (reviewed.claims["b"][1], "desk_b")]

    c = next(g for g in doc["groups"] if g["id"] == reviewed.ids["c"])
    assert c["verdict"] is None and [h["action"] for h in c["history"]] == ["set", "clear", "set"]
    e = next(g for g in doc["groups"] if g["id"] == reviewed.ids["e"])
    assert (e["verdict"], e["claim_verdicts"], e["history"]) == (None, [], [])


def test_jsonl_streams_header_articles_groups_end_and_agrees_with_json(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    doc = export_json(fixture_db, tmp_path)
    lines = export_json(fixture_db, tmp_path, "jsonl", batch_size=2)
    kinds = [line["kind"] for line in lines]
    assert kinds == ["header"] + ["article"] * len(doc["articles"]) + \
        ["group"] * len(doc["groups"]) + ["end"]
    for line in lines:
        validate(line, f"jsonl_{line['kind']}")
    assert lines[-1] == {"kind": "end", "articles": len(doc["articles"]),
                         "groups": len(doc["groups"])}
    assert [{k: v for k, v in g.items() if k != "kind"} for g in lines if g["kind"] == "group"] \
        == doc["groups"]
    assert {a["sha256"]: {k: v for k, v in a.items() if k != "kind"}
            for a in lines if a["kind"] == "article"} == doc["articles"]


def test_small_batches_give_the_same_export(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    big = export_json(fixture_db, tmp_path, batch_size=1000)
    small = export_json(fixture_db, tmp_path, batch_size=1)
    big.pop("exported_at"), small.pop("exported_at")
    assert big == small


def test_filters_by_verdict_since_and_reviewed_only(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    ids = reviewed.ids

    def exported(**options: Any) -> list[int]:
        doc = export_json(fixture_db, tmp_path, **options)
        validate(doc)
        return [g["id"] for g in doc["groups"]]

    assert exported(verdicts=["denied"]) == [ids["d"]]
    assert exported(verdicts=["supported", "disputed"]) == [ids["a"], ids["b"]]
    assert exported(reviewed_only=True) == [ids["a"], ids["b"], ids["c"], ids["d"]]
    assert exported(since="2021-01-01") == [ids["a"], ids["b"], ids["c"]]
    assert exported(since="2020-03-01") == [ids["a"], ids["b"], ids["c"], ids["d"]]
    assert exported(since="2020-03-01T10:00:00+02:00") == [ids["a"], ids["b"], ids["c"],
                                                          ids["d"]]
    assert exported(since="2020-03-01T09:00:01Z") == [ids["a"], ids["b"], ids["c"]]
    assert exported(since="2999-01-01") == []
    doc = export_json(fixture_db, tmp_path, verdicts=["denied"], since="2020-01-01")
    assert doc["filters"] == {"verdicts": ["denied"], "since": "2020-01-01",
                              "reviewed_only": False}
    assert len(doc["articles"]) == 1


def test_bad_options_are_refused_with_a_usage_message() -> None:
    with pytest.raises(ExportError, match="unknown verdict 'true'"):
        make_options("json", verdicts=["true"])
    with pytest.raises(ExportError, match="not an ISO date"):
        make_options("json", since="last week")
    with pytest.raises(ExportError, match="unknown export format 'xml'"):
        make_options("xml")
    with pytest.raises(ExportError, match="unknown export option 'colour'"):
        make_options("json", colour=True)


def test_empty_database_exports_a_valid_empty_document(db: Database, tmp_path: Path) -> None:
    doc = export_json(db, tmp_path)
    validate(doc)
    assert (doc["groups"], doc["articles"]) == ([], {})
    assert export_json(db, tmp_path, "jsonl")[1:] == [{"kind": "end", "articles": 0,
                                                       "groups": 0}]


def test_unwritable_target_is_a_one_line_error_and_leaves_nothing(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportError, match=r"cannot write .*missing/out.json: No such file"):
        export_to_file(fixture_db, out / "missing" / "out.json")
    with pytest.raises(ExportError, match="is a directory"):
        export_to_file(fixture_db, out)
    assert list(out.iterdir()) == []


def test_a_failure_mid_export_keeps_the_old_file_and_leaves_no_partial_one(
    fixture_db: Database, reviewed: Reviewed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "out.json"
    target.write_text("previous export\n", encoding="utf-8")

    def broken(*args: Any, **kwargs: Any) -> Any:
        out = args[1]
        out.write('{"format_version": 1, "groups": [')
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "write_export", broken)
    with pytest.raises(ExportError, match="No space left on device"):
        export_to_file(fixture_db, target)
    assert target.read_text(encoding="utf-8") == "previous export\n"
    assert [p.name for p in target.parent.iterdir()] == ["out.json"]


def test_write_export_streams_to_any_text_stream(
    fixture_db: Database, reviewed: Reviewed
) -> None:
    import io

    out = io.StringIO()
    summary = write_export(fixture_db, out, "json", make_options("json", reviewed_only=True))
    assert (summary.groups, summary.verdicts) == (4, 5)
    assert summary.claims == sum(len(reviewed.claims[n]) for n in "abcd")
    validate(json.loads(out.getvalue()))
