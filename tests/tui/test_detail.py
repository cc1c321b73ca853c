"""The group view: members with outlet/date/speaker/stance, the paragraph
around the selected claim, speakers by stance, claim-level verdicts, split."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from workbench.review import ReviewService
from workbench.store import open_store
from workbench.store.groups import merge
from workbench.tui.screens.detail import member_columns
from workbench.tui.screens.queue import QueueScreen

from .conftest import REVIEWER, SIZE
from .helpers import committed, history_rows, open_group, screen_text, settle, verdict_rows


async def test_detail_shows_members_speakers_and_the_highlighted_paragraph(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_group(pilot, 1)
        text = screen_text(app)
        assert "Group 1 · 5 claims in 3 articles · id · verdict: —" in text
        # "Peskov" and "Dmitry Peskov" are one speaker
        assert "Speakers — disputes: Dmitry Peskov ×2, Kremlin ×2, Sergey Lavrov" in text
        for outlet, date in (("Kompas.com", "2023-10-17"), ("SINDOnews.com", "2023-10-21")):
            assert outlet in text and date in text
        table = screen.query_one("#members", DataTable)
        assert table.row_count == 5
        paragraph = screen.query_one("#paragraph", Static).content
        # The claim is the highlighted span (here its paragraph's only sentence,
        # the article's first), followed by the next paragraph for context.
        claim = ("Kremlin pada Selasa (17/10/2023) mengatakan, tidak ada bukti Korea Utara "
                 "mengirim pasokan senjata ke Rusia untuk perang di Ukraina.")
        following = ("Dikutip dari kantor berita AFP, sebelumnya Amerika Serikat (AS) merilis gambar "
                     "yang menyebut pengiriman senjata dari Pyongyang.")
        assert str(paragraph) == f"{claim}\n\n{following}"
        assert [(s.start, s.end, s.style) for s in paragraph.spans] == [
            (0, len(claim), "bold reverse")]
        await pilot.press("j", "j", "j", "j")  # claim 36 shares its paragraph with more
        await settle(pilot)
        paragraph = screen.query_one("#paragraph", Static).content
        span = paragraph.spans[0]
        assert str(paragraph)[span.start:span.end].startswith("Dipolat top Rusia , Sergey Lavrov")
        assert str(paragraph)[span.end:].startswith(
            " Ia mengatakan Washington gagal membuktikan tuduhan tersebut.\n\n"
            "Televisi pemerintah Rusia menyiarkan komentar")
        assert "SINDOnews.com · 2023-10-21 · id · Rusia Tepis Tudingan AS" in screen_text(app)


async def test_verdict_keys_in_the_group_view_judge_the_group(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await open_group(pilot, 1)
        assert app.progress == (0, 8)
        await pilot.press("j", "x")  # the selected claim does not matter: the group is judged
        await settle(pilot)
        assert verdict_rows(db_path) == [(1, None, "denied", REVIEWER)]
        assert app.progress == (1, 8)
        text = screen_text(app)
        assert "saved: group 1 → denied · u undoes: group 1" in text
        assert "verdict: denied (tester)" in text
        await pilot.press("o")
        await settle(pilot)
        assert verdict_rows(db_path) == [(1, None, "not_checkable", REVIEWER)]
        assert app.progress == (1, 8)  # not checkable is decided
        assert "verdict: not checkable (tester)" in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        assert verdict_rows(db_path) == []
        assert app.progress == (0, 8)


async def test_shift_keys_give_the_selected_claim_its_own_verdict(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await open_group(pilot, 1)
        await pilot.press("X")
        await settle(pilot)
        await pilot.press("j", "S")
        await settle(pilot)
        await pilot.press("down", "O")
        await settle(pilot)
        assert verdict_rows(db_path) == [(None, 1, "denied", REVIEWER),
                                         (None, 4, "supported", REVIEWER),
                                         (None, 29, "not_checkable", REVIEWER)]
        assert app.progress == (0, 8)  # claim verdicts leave the group to review
        text = screen_text(app)
        assert "saved: claim verdict of claim 29 (group 1) → not checkable" in text
        assert "3 claim verdicts" in text
        assert "claim verdict (overrides the group's for this claim): not checkable" in text
        await pilot.press("C")
        await settle(pilot)
        assert verdict_rows(db_path)[-1] == (None, 4, "supported", REVIEWER)
        assert history_rows(db_path)[-1] == ("clear", None, 29, None, "not_checkable", REVIEWER)
        await pilot.press("u")
        await settle(pilot)
        assert verdict_rows(db_path)[-1] == (None, 29, "not_checkable", REVIEWER)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert "— +3" in screen_text(app)  # no group verdict, three claim verdicts


async def test_p_splits_the_selected_claim_into_a_new_group(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_group(pilot, 2)
        await pilot.press("j", "p")
        await settle(pilot)
        new = committed(db_path, "SELECT max(id) FROM claim_groups")[0][0]
        assert committed(db_path, "SELECT group_id, assigned_by FROM group_members "
                                  "WHERE claim_id = 26") == [(new, "reviewer")]
        assert committed(db_path, "SELECT kind, group_id, other_group_id, claim_id, reviewer "
                                  "FROM group_overrides") == [("split", new, 2, 26, REVIEWER)]
        assert screen.query_one("#members", DataTable).row_count == 3
        assert f"saved: claim 26 split out of group 2 into new group {new}" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert new in app.screen.query_one("QueueList").ids


async def test_splitting_a_single_claim_group_is_refused_with_a_message(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await open_group(pilot, 8)
        await pilot.press("p")
        await settle(pilot)
        assert "claim 44 is already alone in group 8" in screen_text(app)
        assert committed(db_path, "SELECT count(*) FROM group_overrides") == [(0,)]


async def test_the_detail_follows_a_group_merged_away_by_another_session(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_group(pilot, 3)
        other = open_store(db_path)
        ReviewService(other, "colleague").set_verdict(2, "supported")
        merge(other, 2, 3, "colleague")
        other.conn.close()
        await pilot.press("r")
        await settle(pilot)
        assert screen.group_id == 2
        text = screen_text(app)
        assert "group 3 was merged into group 2; showing group 2" in text
        assert "Group 2 · 7 claims" in text
        assert "verdict: supported (colleague)" in text


async def test_a_claim_verdict_on_a_merged_away_group_is_refused_not_lost(app, db_path):
    async with app.run_test(size=SIZE) as pilot:
        await open_group(pilot, 3)
        other = open_store(db_path)
        merge(other, 2, 3, "colleague")
        other.conn.close()
        await pilot.press("s")
        await settle(pilot)
        assert "group 3 was merged into group 2" in screen_text(app)
        assert verdict_rows(db_path) == []
        assert app.is_running


async def test_at_80x24_the_selected_claim_shows_in_full_with_the_essential_keys(make):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_group(pilot, 2)
        await pilot.press("j")
        await settle(pilot)
        member = screen.selected_member()
        flat = " ".join(screen_text(app).split())
        assert " ".join(member.text.split()) in flat  # wrapped, not cut
        footer = screen_text(app).splitlines()[-1]
        for key in ("s Supported", "d Disputed", "x Denied", "o Not checkable", "n Note",
                    "? Help", "q Quit"):
            assert key in footer


async def test_wide_terminals_give_the_claim_column_the_width(make):
    widths = {}
    for size in ((160, 45), (220, 50)):
        app = make()
        async with app.run_test(size=size) as pilot:
            screen = await open_group(pilot, 1)
            table = screen.query_one("#members", DataTable)
            claim = max(screen.detail.members, key=lambda m: len(m.text))
            cell = str(table.get_row(str(claim.claim_id))[-1])
            widths[size[0]] = len(cell)
            assert len(claim.text) > 137
    # No fixed cut: the claim fills the column the terminal's width leaves it.
    assert widths == {w: member_columns(w)[-1][2] for w in (160, 220)}
    assert widths[160] < widths[220]
