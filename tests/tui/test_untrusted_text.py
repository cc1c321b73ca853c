"""Article text that looks like markup or holds escape sequences is shown
literally: it can neither style, link nor clear the reviewer's screen."""

from __future__ import annotations

from textual.widgets import Static

from workbench.models import ArticleDraft, ClaimDraft
from workbench.review import ReviewService
from workbench.store.articles import add_article
from workbench.tui.screens.detail import GroupDetailScreen

from .conftest import build_groups
from .helpers import screen_text, settle

MARKUP = "[bold red]x[/]"
LINK = "[link=https://evil.example]y[/link]"
CLEAR = "\x1b[2J"
SENTENCE = f"He said {MARKUP} {LINK} {CLEAR} now."
BODY = f"First paragraph.\n\n{SENTENCE} After it.\n\nLast paragraph."


def add_hostile_article(db) -> int:
    start = BODY.index(SENTENCE)
    article_id, _ = add_article(
        db,
        ArticleDraft(title=f"Hostile {MARKUP}", body=BODY, language="en", sha256="f" * 64,
                     outlet=f"{LINK} Daily", published="2024-01-02T00:00:00+00:00"),
        [ClaimDraft(text=SENTENCE, content=SENTENCE, speaker=f"[b]{MARKUP}[/b]",
                    stance="asserts", quote=False, start=start, end=start + len(SENTENCE),
                    checkworthiness=1.0)],
    )
    claim_id = db.execute("SELECT id FROM claims WHERE article_id = ?", [article_id]).fetchone()[0]
    (group_id,) = build_groups(db, ((claim_id,),))
    db.conn.commit()
    return group_id


def assert_no_links_or_clears(app) -> None:
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            assert segment.style is None or not segment.style.link, segment
            assert "\x1b" not in segment.text


async def test_markup_and_escapes_in_articles_are_shown_literally(make, db):
    group_id = add_hostile_article(db)
    ReviewService(db, "tester").set_verdict(group_id, "disputed", note=f"note {MARKUP} {CLEAR}")
    app = make()
    # Wide enough for the queue's claim column to hold the whole sentence.
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        queue_text = screen_text(app)
        assert f"He said {MARKUP} {LINK} \\x1b[2J now." in queue_text
        assert_no_links_or_clears(app)

        app.push_screen(GroupDetailScreen(group_id))
        await settle(pilot)
        text = screen_text(app)
        assert f"[b]{MARKUP}[/b]" in text                   # the speaker
        assert f"{LINK} Daily" in text                        # the outlet
        assert f"Hostile {MARKUP}" in text                    # the title
        assert f"note: note {MARKUP} \\x1b[2J" in text        # the reviewer's note
        paragraph = app.screen.query_one("#paragraph", Static).content
        shown = f"He said {MARKUP} {LINK} \\x1b[2J now."
        assert str(paragraph) == f"First paragraph.\n\n{shown} After it.\n\nLast paragraph."
        # Only the claim highlight styles the paragraph: no bold red, no link.
        offset = len("First paragraph.\n\n")
        assert [(s.start, s.end, s.style) for s in paragraph.spans] == [
            (offset, offset + len(shown), "bold reverse")]
        assert_no_links_or_clears(app)
