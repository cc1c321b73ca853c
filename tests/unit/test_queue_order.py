"""The review queue's order, sorts, statuses and row columns on a small real desk.

The desk holds the shapes a fact-checker meets: a claim three outlets carry
and two groups deny, the denials themselves, a contested claim already
judged, groups two reviewers judged differently, an evidence-only group and
a "not checkable" one, and quiet, check-worthy assertions nobody answers.
"""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from tests.unit.desk_db import Desk, Said
from workbench.review import ReviewService
from workbench.store import queue
from workbench.store.queue import QueueFilter
from workbench.tui.session import ReviewSession


@pytest.fixture
def desk(db: Database) -> Desk:
    return build_queue_desk(db)


def build_queue_desk(db: Database) -> Desk:
    """The desk described in the module docstring (groups named by key)."""
    d = Desk(db)
    d.article("Kremlin bantah tudingan AS soal kontainer senjata Korut",
              "2023-10-17T23:38:00+07:00", "id", {  # 16:38 UTC
                  "ship_ws": Said("Gedung Putih mengatakan Korea Utara telah mengirim lebih dari "
                                  "1.000 kontainer peralatan militer ke Rusia.",
                                  "Gedung Putih", worth=0.6),
                  "deny_peskov": Said("Juru bicara Kremlin Dmitry Peskov membantah laporan "
                                      "pengiriman kontainer itu.", "Dmitry Peskov", "denies", 0.7),
                  "visit": Said("Menteri Luar Negeri Rusia Sergei Lavrov tiba di Pyongyang "
                                "pada Rabu untuk kunjungan dua hari.", "TASS", worth=0.95),
              })
    d.article("North Korea sent arms to Russia, White House says",
              "2023-10-17T20:00:00+00:00", "en", {  # 20:00 UTC: the latest
                  "ship_en": Said("John Kirby said North Korea had shipped more than 1,000 "
                                  "containers of military equipment to Russia.",
                                  "John Kirby", worth=0.6),
                  "deny_en": Said("Peskov denied that any containers had been shipped.",
                                  "Peskov", "denies", 0.7),
                  "shells": Said("Ukraine says Russian forces fire about 60,000 shells a day.",
                                 "Ukraine", worth=0.9),
              })
    d.article("Lavrov: AS gagal buktikan tuduhan", "2023-10-18T01:00:00+07:00", "id", {
        # 18:00 UTC on the 17th: later as text than the English story, earlier in time
        "ship_kirby": Said("Kirby mengatakan lebih dari 1.000 kontainer telah dikirim.",
                           "Kirby", worth=0.6),
        "dispute_lavrov": Said("Lavrov mengatakan Washington gagal membuktikan tuduhan "
                               "tersebut.", "Sergey Lavrov", "disputes", 0.8),
        "budget": Said("Pemerintah mengatakan anggaran pertahanan naik 2,5 persen tahun ini.",
                       None, worth=0.4),
    })
    d.article("AS khawatir Korut pasok senjata", "2023-06-13T12:57:00+07:00", "id", {
        "evidence": Said("Pelabuhan Rajin menerima kapal kargo Rusia pekan lalu, menurut "
                         "citra satelit.", None, worth=0.3),
        "disagree": Said("Otoritas Washington mengatakan pihaknya mendapat informasi baru "
                         "soal pengiriman itu.", "Otoritas Washington", worth=0.2),
    })
    d.article("Opini: kebijakan yang keliru", None, "id", {
        "opinion": Said("Pengamat menilai kebijakan sanksi itu keliru.", "Pengamat", worth=0.1),
    })
    d.group("shipments", ["ship_ws", "ship_en", "ship_kirby"])
    d.group("denials", ["deny_peskov", "deny_en"])
    for key in ("visit", "shells", "dispute_lavrov", "budget", "evidence", "disagree", "opinion"):
        d.group(key if key != "dispute_lavrov" else "lavrov", [key])
    d.answers([("deny_peskov", "ship_ws", "denies"), ("deny_en", "ship_en", "denies")])
    ann, bob = ReviewService(db, "ann"), ReviewService(db, "bob")
    g = d.groups
    ann.set_verdict(g["lavrov"], "disputed")
    ann.set_verdict(g["budget"], "supported")
    ann.set_verdict(g["opinion"], "not_checkable")
    ann.set_note(g["evidence"], "AFP photo of the port, checked against satellite images")
    ann.set_verdict(g["disagree"], "supported")
    bob.set_verdict(g["disagree"], "denied")
    return d


def names(desk: Desk, ids: list[int]) -> list[str]:
    by_id = {gid: key for key, gid in desk.groups.items()}
    return [by_id[i] for i in ids]


def test_priority_puts_unreviewed_then_contested_then_check_worthy_first(desk: Desk) -> None:
    order = names(desk, queue.ordered_ids(desk.db))
    assert order == [
        # unreviewed: contested first (answered by the denials; denials of its own)...
        "denials", "shipments",
        # ...then the most check-worthy; an evidence-only group is still to review
        "visit", "shells", "evidence",
        # reviewed: contested (own dispute; two reviewers differ) before plain ones
        "lavrov", "disagree", "budget", "opinion",
    ]
    assert queue.ordered_ids(desk.db, sort="priority") == queue.ordered_ids(desk.db)


def test_sorts_by_date_size_and_check_worthiness(desk: Desk) -> None:
    assert names(desk, queue.ordered_ids(desk.db, sort="size")) == [
        "shipments", "denials", "visit", "shells", "lavrov", "budget", "evidence", "disagree",
        "opinion"]
    assert names(desk, queue.ordered_ids(desk.db, sort="checkworthiness")) == [
        "visit", "shells", "lavrov", "denials", "shipments", "budget", "evidence", "disagree",
        "opinion"]
    # Newest publication first, compared as instants: 20:00 UTC beats 01:00+07:00 (18:00 UTC)
    # although the latter sorts later as text; undated groups last.
    assert names(desk, queue.ordered_ids(desk.db, sort="date")) == [
        "shells", "denials", "shipments", "lavrov", "budget", "visit", "evidence", "disagree",
        "opinion"]
    assert set(queue.SORTS) == {"priority", "date", "size", "checkworthiness"}
    with pytest.raises(ValueError, match="unknown sort"):
        queue.ordered_ids(desk.db, sort="alphabetical")


def test_a_filter_keeps_the_order(desk: Desk) -> None:
    flt = QueueFilter(language="id")
    assert names(desk, queue.ordered_ids(desk.db, flt)) == [
        "denials", "shipments", "visit", "evidence", "lavrov", "disagree", "budget", "opinion"]


def test_statuses_count_labels_not_evidence(desk: Desk) -> None:
    def status(name: str) -> set[str]:
        return set(names(desk, queue.ordered_ids(desk.db, QueueFilter(status=name))))

    assert status("unreviewed") == {"denials", "shipments", "visit", "shells", "evidence"}
    assert status("reviewed") == {"lavrov", "disagree", "budget", "opinion"}
    assert status("not_checkable") == {"opinion"}
    assert status("supported") == {"budget"}
    assert status("denied") == {"disagree"}  # bob's label is the current one
    assert status("disputed") == {"lavrov"}
    assert "not_checkable" in queue.STATUSES
    # Decided: four labelled groups, not checkable included; evidence alone is not a decision.
    assert queue.progress(desk.db) == (4, 9)


def test_clearing_the_label_keeps_the_evidence_and_returns_the_group_to_review(
        desk: Desk) -> None:
    ReviewService(desk.db, "ann").set_note(desk.groups["budget"], "ministry figures")
    ReviewService(desk.db, "ann").clear_verdict(desk.groups["budget"])
    assert queue.progress(desk.db) == (3, 9)
    unreviewed = names(desk, queue.ordered_ids(desk.db, QueueFilter(status="unreviewed")))
    assert "budget" in unreviewed


def test_rows_name_asserting_and_answering_speakers(desk: Desk) -> None:
    g = desk.groups
    rows = {r.group_id: r for r in queue.rows(desk.db, list(g.values()))}
    shipments = rows[g["shipments"]]
    # Canonical names: "Kirby" is John Kirby (two claims), "Gedung Putih" the White House.
    assert shipments.asserting == ("John Kirby", "White House")
    assert shipments.answering == ("Dmitry Peskov",)  # "Peskov" and "Dmitry Peskov" deny it
    assert shipments.contested and shipments.size == 3
    assert shipments.latest == "2023-10-17T20:00:00+00:00"
    assert shipments.checkworthiness == pytest.approx(0.6)
    denials = rows[g["denials"]]
    assert denials.asserting == () and denials.answering == ("Dmitry Peskov",)
    assert denials.contested
    lavrov = rows[g["lavrov"]]
    assert lavrov.answering == ("Sergey Lavrov",) and lavrov.contested
    assert lavrov.label == "disputed"
    visit = rows[g["visit"]]
    assert (visit.asserting, visit.answering, visit.contested) == (("TASS",), (), False)
    assert rows[g["opinion"]].latest is None and rows[g["opinion"]].label == "not_checkable"
    assert rows[g["evidence"]].label is None


def test_rows_flag_reviewers_who_disagree(desk: Desk) -> None:
    g = desk.groups
    rows = {r.group_id: r for r in queue.rows(desk.db, list(g.values()))}
    assert rows[g["disagree"]].disagreement == (("ann", "supported"), ("bob", "denied"))
    assert rows[g["disagree"]].contested
    assert all(r.disagreement == () for gid, r in rows.items() if gid != g["disagree"])
    # Once bob comes round to ann's label, nobody disagrees and the group is plain again.
    ReviewService(desk.db, "bob").set_verdict(g["disagree"], "supported")
    row = queue.rows(desk.db, [g["disagree"]])[0]
    assert row.disagreement == () and not row.contested
    assert names(desk, queue.ordered_ids(desk.db))[-3:] == ["budget", "disagree", "opinion"]


def test_rows_keep_the_order_asked_and_skip_unknown_ids(desk: Desk) -> None:
    ids = queue.ordered_ids(desk.db)
    wanted = [ids[3], ids[0], 999_999, ids[5]]
    assert [r.group_id for r in queue.rows(desk.db, wanted)] == [ids[3], ids[0], ids[5]]


def test_speaker_filter_and_facets_use_canonical_names(desk: Desk) -> None:
    facets = queue.facets(desk.db)
    assert "John Kirby" in facets.speakers and "Kirby" not in facets.speakers
    assert "White House" in facets.speakers and "Gedung Putih" not in facets.speakers
    assert names(desk, queue.ordered_ids(desk.db, QueueFilter(speaker="White House"))) == [
        "shipments"]
    # a name as the page wrote it still filters
    assert names(desk, queue.ordered_ids(desk.db, QueueFilter(speaker="Peskov"))) == ["denials"]


def test_the_session_serves_the_same_order(desk: Desk) -> None:
    session = ReviewSession(desk.db, "cyd")
    for sort in queue.SORTS:
        assert session.queue_ids(QueueFilter(), sort) == queue.ordered_ids(desk.db, sort=sort)
    assert session.queue_ids(QueueFilter()) == queue.ordered_ids(desk.db)


def test_claim_verdicts_count_labels_not_evidence(desk: Desk) -> None:
    ann = ReviewService(desk.db, "ann")
    gid = desk.groups["shipments"]
    ann.set_note(gid, "only the Kirby quote is on record", claim_id=desk.claims["ship_kirby"])
    assert queue.rows(desk.db, [gid])[0].claim_verdicts == 0
    ann.set_verdict(gid, "supported", claim_id=desk.claims["ship_en"])
    assert queue.rows(desk.db, [gid])[0].claim_verdicts == 1
