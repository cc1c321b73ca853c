"""One group in full: its claims, who said them, and the article around each.

Keys mean what they mean in the queue: s/d/x/o/c judge the GROUP, `n` and
`l` hold the group's note and links. The selected claim has keys of its own,
labelled "claim verdict" everywhere: S/D/X/O/C, and N/L for its note and
links. `]`/`[` open the next/previous group in the queue's order without
leaving this view (the queue's cursor follows), and with auto-advance on (`A`,
kept per reviewer) a group verdict opens the next unreviewed group. Claims
are corrected here: `E` speaker and stance, `t` the text the group is
published under, `g` move the selected claim to another group, `p` split it
out. All article, claim, speaker and note text is shown as plain `Content`,
never parsed as markup.

The member table is sized to the terminal: at 80 columns the claim column
keeps room (outlet, date and language go; the article line shows them) and
the selected claim's full text is shown wrapped below the table; at wide
sizes the claim column takes all the width there is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from workbench.display import one_line
from workbench.store.queue import MemberRow, QueueFilter
from workbench.tui.screens.base import (
    ReviewScreen,
    Target,
    claim_verdict_bindings,
    confirm_binding,
    label_text,
    shared_bindings,
    verdict_bindings,
)
from workbench.tui.screens.group_text import (
    ReviewerLabels,
    answers_line,
    claim_content,
    head_line,
    linked_groups,
    paragraph_content,
    reviewers_line,
    speakers_line,
    verdict_summary,
)
from workbench.tui.session import GroupDetail
from workbench.tui.widgets.progress import ReviewProgress

if TYPE_CHECKING:
    from workbench.tui.screens.queue import QueueScreen



class GroupDetailScreen(ReviewScreen):
    """A group's member claims, speakers by stance, and the selected claim in context."""

    HELP_TITLE = "Keys of the group view"

    BINDINGS: ClassVar[list[BindingType]] = [
        *verdict_bindings("view"),
        Binding("n", "note", "Note", id="note",
                tooltip="Write the note of this group's verdict (with or without a label)"),
        Binding("question_mark,f1", "help", "Help", id="help",
                tooltip="List every key of this view"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit (everything is already saved)"),
        Binding("right_square_bracket", "next_group(1)", "Next group", id="next-group",
                key_display="]", show=False,
                tooltip="Open the next group in the queue's order (the queue's cursor follows)"),
        Binding("left_square_bracket", "next_group(-1)", "Previous group", id="previous-group",
                key_display="[", show=False,
                tooltip="Open the previous group in the queue's order"),
        *claim_verdict_bindings(),
        Binding("N", "claim_note", "Claim note", id="claim-note", show=False,
                tooltip="Write the note of the selected claim's own verdict"),
        Binding("L", "claim_links", "Claim links", id="claim-links", show=False,
                tooltip="Add, edit or remove the source links of the selected claim's own "
                        "verdict"),
        confirm_binding("claim"),
        Binding("A", "toggle_auto_advance", "Auto-advance", id="auto-advance", show=False,
                tooltip="Turn auto-advance on or off: after a group verdict, open the next "
                        "unreviewed group (kept for you across restarts)"),
        Binding("E", "edit_claim", "Edit claim", id="edit-claim", show=False,
                tooltip="Correct the selected claim's speaker and stance"),
        Binding("t", "published_text", "Published text", id="published-text", show=False,
                tooltip="Edit the text this group is published under"),
        Binding("g", "move_claim", "Move claim", id="move-claim", show=False,
                tooltip="Move the selected claim into another group (pick it from a "
                        "searchable list)"),
        Binding("p", "split", "Split", id="split", show=False,
                tooltip="Move the selected claim out of this group into a group of its own"),
        Binding("escape", "back", "Back", id="back", show=False, tooltip="Back to the queue"),
        Binding("a", "answer_jump", "Answers", id="answer-jump", show=False,
                tooltip="Jump to the next group that denies or disputes this one (or that this "
                        "one answers); pressed there, come back"),
        Binding("j", "claim_down", "Down", show=False, id="cursor-down",
                tooltip="Select the next claim"),
        Binding("k", "claim_up", "Up", show=False, id="cursor-up",
                tooltip="Select the previous claim"),
        *(b for b in shared_bindings()
          if isinstance(b, Binding) and b.id not in ("note", "help", "quit")),
    ]

    def __init__(self, group_id: int, came_from: int | None = None) -> None:
        super().__init__()
        self.group_id = group_id
        # The group whose answers led here (`a` goes back to it), if any.
        self.came_from = came_from
        self._next_answer = 0
        self.detail: GroupDetail | None = None
        self.reviewer_labels: ReviewerLabels = []
        self._bodies: dict[int, str] = {}
        self._table_width = 0
        self._fresh = True  # a newly opened group starts at its first claim

    def compose(self) -> ComposeResult:
        yield ReviewProgress(id="progress")
        yield Static("", id="group-head")
        yield Static("", id="reviewers")
        yield Static("", id="speakers")
        yield Static("", id="answers")
        table: DataTable[Text] = DataTable(id="members", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="claim-text")
        yield Static("", id="verdict")
        with VerticalScroll(id="paragraph-box"):
            yield Static("", id="article-line")
            yield Static("", id="paragraph")
        yield Static("", id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#members", DataTable).focus()
        self._save_place()
        self.reread()

    def on_resize(self, event: events.Resize) -> None:
        # Below 100 columns the palette hint would push Help and Quit out of
        # the footer; ctrl+p still opens it (help says so).
        self.query_one(Footer).show_command_palette = event.size.width >= 100
        # A short terminal (24 rows) trims the head and answers to leave the
        # selected claim's text its lines (review.tcss, `.short`).
        self.set_class(event.size.height < 30, "short")
        if self.detail is not None and event.size.width != self._table_width:
            self._show(self.detail, self.reviewer_labels)

    # -- loading -------------------------------------------------------------

    def reread(self) -> None:
        self._bodies.clear()
        self._load(self.group_id)

    def show_changes(self) -> None:
        self._load(self.group_id)

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def _load(self, group_id: int) -> None:
        session = self.app.session
        try:
            detail = session.detail(group_id)
            labels = session.reviewer_labels(group_id)
        except ValueError as exc:
            # Merged away or removed, perhaps by another session: follow it.
            try:
                live = session.live_group(group_id)
            except Exception:  # noqa: BLE001
                live = None
            self.app.call_from_thread(self._group_moved, group_id, live, str(exc))
            return
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.app.call_from_thread(self._loaded, group_id, detail, labels)

    def _loaded(self, group_id: int, detail: GroupDetail, labels: ReviewerLabels) -> None:
        if group_id != self.group_id:
            return  # a later ]/[ has moved on meanwhile
        self._show(detail, labels)

    def _group_moved(self, old: int, live: int | None, reason: str) -> None:
        if old != self.group_id:
            return
        if live is not None and live != old:
            self.app.tell(f"{reason}; showing group {live}", "warning")
            self.group_id = live
            self._load(live)
        else:
            self.leave()
            self.app.tell(reason, "error")

    def _show(self, detail: GroupDetail, labels: ReviewerLabels) -> None:
        selected = None if self._fresh else self.selected_member()
        self._fresh = False
        self.detail = detail
        self.reviewer_labels = labels
        group = detail.group
        table: DataTable[Text] = self.query_one("#members", DataTable)
        width = self.size.width
        self._table_width = width
        columns = member_columns(width)
        table.clear(columns=True)
        for title, key, size in columns:
            table.add_column(title, key=key, width=size)
        claim_width = columns[-1][2] or 40
        for m in detail.members:
            cells = {
                "mark": Text("●" if m.label else ""),
                "verdict": Text(label_text(m.label) if m.label else
                                ("new" if m.claim_id in detail.new_since_verdict else "—")),
                "outlet": Text(one_line(m.outlet or "—", 16)),
                "date": Text((m.published or "")[:10]), "lang": Text(m.language),
                "speaker": Text(one_line(m.speaker or "—", 18)), "stance": Text(m.stance),
                "claim": Text(one_line(m.text, claim_width)),
            }
            table.add_row(*(cells[key] for _, key, _ in columns), key=str(m.claim_id))
        if selected is not None:
            for index, m in enumerate(detail.members):
                if m.claim_id == selected.claim_id:
                    table.move_cursor(row=index, animate=False)
        head = head_line(detail, self.auto_advance)
        published = group.published_text
        # On a short terminal the representative gets one line (the claim panel
        # below shows the selected claim in full).
        short = self.has_class("short")
        cut = max(20, width - 3) if short else None
        second = (Content.assemble(("published as: ", "italic"), one_line(published, cut))
                  if published else Content(one_line(group.representative, cut)))
        self.query_one("#group-head", Static).update(
            Content.assemble((head, "bold"), "\n", second))
        self.query_one("#reviewers", Static).update(Content(reviewers_line(labels)))
        self.query_one("#speakers", Static).update(Content(speakers_line(detail)))
        self.query_one("#answers", Static).update(
            Content(answers_line(detail, self.came_from, brief=short)))
        self._show_selected()

    # -- the selected claim --------------------------------------------------

    def selected_member(self) -> MemberRow | None:
        if self.detail is None or not self.detail.members:
            return None
        table = self.query_one("#members", DataTable)
        row = table.cursor_row
        members = self.detail.members
        return members[row] if 0 <= row < len(members) else None

    @on(DataTable.RowHighlighted, "#members")
    def _row_highlighted(self) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        member = self.selected_member()
        self.query_one("#verdict", Static).update(Content(self._verdict_text(member)))
        self.query_one("#claim-text", Static).update(claim_content(member))
        if member is None:
            self.query_one("#article-line", Static).update("")
            self.query_one("#paragraph", Static).update("")
            return
        line = " · ".join(x for x in (one_line(member.outlet or ""), (member.published or "")[:10],
                                      member.language, one_line(member.title, 100)) if x)
        self.query_one("#article-line", Static).update(Content(line))
        body = self._bodies.get(member.article_id)
        if body is None:
            self.query_one("#paragraph", Static).update(Content("…"))
            self._load_body(member.article_id)
        else:
            self.query_one("#paragraph", Static).update(paragraph_content(body, member))

    @work(thread=True, exclusive=True, group="body", exit_on_error=False)
    def _load_body(self, article_id: int) -> None:
        try:
            body = self.app.session.article_body(article_id) or ""
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.app.call_from_thread(self._body_loaded, article_id, body)

    def _body_loaded(self, article_id: int, body: str) -> None:
        self._bodies[article_id] = body
        member = self.selected_member()
        if member is not None and member.article_id == article_id:
            self._show_selected()

    def _verdict_text(self, member: MemberRow | None) -> str:
        if self.detail is None:
            return ""
        group = self.detail.verdict
        text = "group verdict: " + (verdict_summary(group) if group else "— (none yet)")
        own = self.detail.claim_verdicts.get(member.claim_id) if member else None
        if own is not None:
            text += "\nclaim verdict (overrides the group's for this claim): " + \
                verdict_summary(own)
        return text

    # -- what keys act on ----------------------------------------------------

    def target(self) -> Target | None:
        return Target(self.group_id)

    def claim_target(self) -> Target | None:
        member = self.selected_member()
        return Target(self.group_id, member.claim_id) if member else None

    def confirm_target(self) -> Target | None:
        return self.claim_target()

    def action_split(self) -> None:
        member = self.selected_member()
        if member is None:
            return self.no_target()
        self.write(lambda s: s.split(member.claim_id),
                   lambda new: f"saved: claim {member.claim_id} split out of group "
                               f"{self.group_id} into new group {new}")

    def action_back(self) -> None:
        self.leave()

    def leave(self) -> None:
        """Back to the queue, which re-reads: claims may have been split or judged here."""
        self.app.pop_screen()
        if not isinstance(self.app.screen, GroupDetailScreen):
            self.app.save_place(view="queue")
        reread = getattr(self.app.screen, "reread", None)
        if reread is not None:
            reread()

    def action_answer_jump(self) -> None:
        """To the next linked group (each press the next); from a group reached
        this way, back to the group it was reached from."""
        if self.came_from is not None:
            self.leave()
            return
        targets = linked_groups(self.detail) if self.detail else []
        if not targets:
            self.app.tell("no group denies or disputes this one, and it answers none", "warning")
            return
        target = targets[self._next_answer % len(targets)]
        self._next_answer += 1
        self.app.push_screen(GroupDetailScreen(target, came_from=self.group_id))

    def action_claim_down(self) -> None:
        self.query_one("#members", DataTable).action_cursor_down()

    def action_claim_up(self) -> None:
        self.query_one("#members", DataTable).action_cursor_up()

    # -- moving through the queue --------------------------------------------

    def queue_screen(self) -> QueueScreen | None:
        """The queue below this view in the screen stack (it holds the order)."""
        from workbench.tui.screens.queue import QueueScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, QueueScreen):
                return screen
        return None

    def open_group(self, group_id: int) -> None:
        """Show another group in this same view, from its first claim."""
        self.group_id = group_id
        self.came_from = None
        self._next_answer = 0
        self._fresh = True
        self._bodies.clear()
        self._save_place()
        self._load(group_id)

    def _save_place(self) -> None:
        self.app.save_place(group=self.group_id, view="group")

    def action_next_group(self, step: int) -> None:
        queue = self.queue_screen()
        ids = queue.queue.ids if queue is not None else []
        if queue is None or not ids:
            self.app.tell("the queue is empty: no other group to open", "warning")
            return
        where = ids.index(self.group_id) if self.group_id in ids else queue.queue.cursor
        index = where + step if self.group_id in ids or step < 0 else where
        if not 0 <= index < len(ids):
            self.app.tell(f"this is the {'last' if step > 0 else 'first'} group of the queue",
                          "warning")
            return
        queue.queue.cursor = index
        self.open_group(ids[index])
        self.set_status(f"group {ids[index]} ({index + 1} of {len(ids)} in the queue's order)")

    # -- auto-advance --------------------------------------------------------

    @property
    def auto_advance(self) -> bool:
        return bool(self.app.session.place().get("auto_advance", False))

    def action_toggle_auto_advance(self) -> None:
        on_now = not self.auto_advance

        # A setting, not a place: written at once (in key order), not gathered.
        def saved(kept: bool) -> None:
            self.set_status(
                ("auto-advance on: a group verdict opens the next unreviewed group"
                 if on_now else "auto-advance off: a group verdict stays on the group")
                + ("" if kept else " (for this session only: the database refuses writes)"))
            if self.detail is not None:
                self._show(self.detail, self.reviewer_labels)

        self.app.submit(lambda s: s.save_place(auto_advance=on_now), saved)

    def after_group_verdict(self, target: Target) -> None:
        if not self.auto_advance or target.group_id != self.group_id:
            return
        queue = self.queue_screen()
        if queue is None:
            return
        ids = list(queue.queue.ids)
        where = ids.index(self.group_id) if self.group_id in ids else queue.queue.cursor - 1
        # After this group in the queue's order, then from the top (wrapping round).
        order = ids[where + 1:] + ids[:max(0, where)]
        self._find_unreviewed(order, queue.filter)

    @work(thread=True, exclusive=True, group="advance", exit_on_error=False)
    def _find_unreviewed(self, order: list[int], flt: QueueFilter) -> None:
        try:
            unreviewed = set(self.app.session.queue_ids(
                QueueFilter(status="unreviewed", outlet=flt.outlet, language=flt.language,
                            speaker=flt.speaker, text=flt.text)))
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.app.report_error, exc)
            return
        found = next((g for g in order if g in unreviewed), None)
        self.app.call_from_thread(self._advance, found)

    def _advance(self, group_id: int | None) -> None:
        status = self.query_one("#status", Static)
        said = str(status.content)
        if group_id is None:
            self.set_status(f"{said} · auto-advance: no unreviewed group left in the queue")
            return
        queue = self.queue_screen()
        if queue is not None and group_id in queue.queue.ids:
            queue.queue.cursor = queue.queue.ids.index(group_id)
        self.open_group(group_id)
        self.set_status(f"{said} · auto-advance: opened group {group_id}, the next unreviewed")

    # -- corrections ---------------------------------------------------------

    def action_edit_claim(self) -> None:
        member = self.selected_member()
        if member is None:
            return self.no_target()
        self._load_speakers(member)

    @work(thread=True, exclusive=True, group="dialog", exit_on_error=False)
    def _load_speakers(self, member: MemberRow) -> None:
        try:
            speakers = list(self.app.session.facets().speakers)
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.app.call_from_thread(self._push_edit_claim, member, speakers)

    def _push_edit_claim(self, member: MemberRow, speakers: list[str]) -> None:
        from workbench.tui.screens.corrections import EditClaimDialog

        self.app.push_screen(EditClaimDialog(member, speakers), self._dialog_closed)

    def action_published_text(self) -> None:
        from workbench.tui.screens.corrections import PublishedTextDialog

        if self.detail is None:
            return self.no_target()
        group = self.detail.group
        published = group.published_text
        self.app.push_screen(PublishedTextDialog(group.id, published, group.representative),
                             self._dialog_closed)

    def action_move_claim(self) -> None:
        from workbench.tui.screens.corrections import MoveClaimDialog

        member = self.selected_member()
        if member is None:
            return self.no_target()
        self.app.push_screen(MoveClaimDialog(member, self.group_id), self._dialog_closed)

    def _dialog_closed(self, result: str | None) -> None:
        if result:
            self.report_saved(result)


def member_columns(width: int) -> list[tuple[str, str, int | None]]:
    """The member table's columns for a terminal `width` cells wide.

    Narrow terminals keep the claim column and drop outlet, date and language
    (the article line below the table shows them for the selected claim);
    the claim column always takes the width that is left.
    """
    columns: list[tuple[str, str, int | None]] = [("", "mark", 1), ("own verdict", "verdict", 13)]
    if width >= 110:
        columns.append(("outlet", "outlet", 16))
    if width >= 120:
        columns.append(("date", "date", 10))
    if width >= 140:
        columns.append(("lang", "lang", 4))
    columns += [("speaker", "speaker", 18 if width >= 110 else 14), ("stance", "stance", 8)]
    # Each column has one cell of padding either side; 2 more for a scrollbar.
    used = sum(size or 0 for _, _, size in columns) + 2 * (len(columns) + 1) + 2
    columns.append(("claim", "claim", max(20, width - used)))
    return columns
