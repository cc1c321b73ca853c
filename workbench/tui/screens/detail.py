"""One group in full: its claims, who said them, and the article around each.

Verdict keys here judge the selected claim alone (a claim-level verdict that
overrides the group's); notes and links go to that claim's own verdict when
it has one, else to the group's. `p` splits the selected claim out. All
article, claim, speaker and note text is shown as plain `Content`, never
parsed as markup.
"""

from __future__ import annotations

import re
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from workbench.display import one_line, visible
from workbench.models import STANCES, GroupAnswer, Verdict
from workbench.store.queue import MemberRow
from workbench.tui.screens.base import (
    ReviewScreen,
    Target,
    confirm_binding,
    shared_bindings,
    verdict_bindings,
)
from workbench.tui.session import GroupDetail
from workbench.tui.widgets.progress import ReviewProgress

HIGHLIGHT = "bold reverse"


class GroupDetailScreen(ReviewScreen):
    """A group's member claims, speakers by stance, and the selected claim in context."""

    HELP_TITLE = "Keys of the group view"

    BINDINGS: ClassVar[list[BindingType]] = [
        *verdict_bindings("claim"),
        confirm_binding("claim"),
        Binding("p", "split", "Split", id="split",
                tooltip="Move the selected claim out of this group into a group of its own"),
        Binding("escape", "back", "Back", id="back", tooltip="Back to the queue"),
        Binding("a", "answer_jump", "Answers", id="answer-jump",
                tooltip="Jump to the next group that denies or disputes this one (or that this "
                        "one answers); pressed there, come back"),
        Binding("j", "claim_down", "Down", show=False, id="cursor-down",
                tooltip="Select the next claim"),
        Binding("k", "claim_up", "Up", show=False, id="cursor-up",
                tooltip="Select the previous claim"),
        *shared_bindings(),
    ]

    def __init__(self, group_id: int, came_from: int | None = None) -> None:
        super().__init__()
        self.group_id = group_id
        # The group whose answers led here (`a` goes back to it), if any.
        self.came_from = came_from
        self._next_answer = 0
        self.detail: GroupDetail | None = None
        self._bodies: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        yield ReviewProgress(id="progress")
        yield Static("", id="group-head")
        yield Static("", id="speakers")
        yield Static("", id="answers")
        table: DataTable[Text] = DataTable(id="members", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="verdict")
        with VerticalScroll(id="paragraph-box"):
            yield Static("", id="article-line")
            yield Static("", id="paragraph")
        yield Static("", id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#members", DataTable)
        for label, key, width in (("", "mark", 1), ("own verdict", "verdict", 11),
                                  ("outlet", "outlet", 16), ("date", "date", 10),
                                  ("lang", "lang", 4), ("speaker", "speaker", 18),
                                  ("stance", "stance", 8), ("claim", "claim", None)):
            table.add_column(label, key=key, width=width)
        table.focus()
        self.reread()

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
        self.app.call_from_thread(self._show, detail)

    def _group_moved(self, old: int, live: int | None, reason: str) -> None:
        if live is not None and live != old:
            self.app.tell(f"{reason}; showing group {live}", "warning")
            self.group_id = live
            self._load(live)
        else:
            self.leave()
            self.app.tell(reason, "error")

    def _show(self, detail: GroupDetail) -> None:
        selected = self.selected_member()
        self.detail = detail
        group = detail.group
        table: DataTable[Text] = self.query_one("#members", DataTable)
        table.clear()
        for m in detail.members:
            table.add_row(
                Text("●" if m.label else ""),
                Text(m.label or ("new" if m.claim_id in detail.new_since_verdict else "—")),
                Text(one_line(m.outlet or "—", 16)), Text((m.published or "")[:10]),
                Text(m.language), Text(one_line(m.speaker or "—", 18)), Text(m.stance),
                Text(one_line(m.text)), key=str(m.claim_id))
        if selected is not None:
            for index, m in enumerate(detail.members):
                if m.claim_id == selected.claim_id:
                    table.move_cursor(row=index, animate=False)
        verdict = detail.verdict
        verdict_text = (f"verdict: {verdict.label} ({one_line(verdict.reviewer, 20)})"
                        if verdict else "verdict: —")
        own = len(detail.claim_verdicts)
        head = (f"Group {group.id} · {plural(group.size, 'claim')} in "
                f"{plural(group.article_count, 'article')} · "
                f"{', '.join(group.languages) or '—'} · {verdict_text}"
                + (f" · {plural(own, 'claim verdict')}" if own else "")
                + (f" · {len(detail.new_since_verdict)} new since the verdict (v confirms)"
                   if detail.new_since_verdict else ""))
        self.query_one("#group-head", Static).update(
            Content.assemble((head, "bold"), "\n", one_line(group.representative)))
        self.query_one("#speakers", Static).update(Content(speakers_line(detail)))
        self.query_one("#answers", Static).update(Content(answers_line(detail, self.came_from)))
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
        if member is None:
            self.query_one("#article-line", Static).update("")
            self.query_one("#paragraph", Static).update("")
            return
        line = " · ".join(x for x in (one_line(member.outlet or ""), (member.published or "")[:10],
                                      one_line(member.title, 100)) if x)
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
        own = self.detail.claim_verdicts.get(member.claim_id) if member else None
        if own is not None:
            return "claim's own verdict: " + verdict_summary(own)
        group = self.detail.verdict
        return "group verdict: " + (verdict_summary(group) if group else "— (none yet)")

    # -- what keys act on ----------------------------------------------------

    def target(self) -> Target | None:
        member = self.selected_member()
        return Target(self.group_id, member.claim_id) if member else None

    def verdict_target(self) -> Target | None:
        member = self.selected_member()
        if member is None or self.detail is None:
            return None
        if member.claim_id in self.detail.claim_verdicts:
            return Target(self.group_id, member.claim_id)
        return Target(self.group_id)

    def action_split(self) -> None:
        member = self.selected_member()
        if member is None:
            return self.no_target()
        self.write(lambda s: s.split(member.claim_id),
                   lambda new: f"saved: claim {member.claim_id} moved to new group {new}")

    def action_back(self) -> None:
        self.leave()

    def leave(self) -> None:
        """Back to the queue, which re-reads: claims may have been split or judged here."""
        self.app.pop_screen()
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


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def speakers_line(detail: GroupDetail) -> str:
    by_stance: dict[str, list[str]] = {}
    for s in detail.group.speakers:
        name = one_line(s.speaker, 40) + (f" ×{s.claims}" if s.claims > 1 else "")
        by_stance.setdefault(s.stance, []).append(name)
    if not by_stance:
        return "Speakers: none named"
    return "Speakers — " + "; ".join(f"{stance}: {', '.join(by_stance[stance])}"
                                     for stance in STANCES if stance in by_stance)


def linked_groups(detail: GroupDetail) -> list[int]:
    """Groups answering this one, then groups it answers, each once."""
    group = detail.group
    return list(dict.fromkeys(a.group_id for a in (*group.answers, *group.answers_to)))


def answers_line(detail: GroupDetail, came_from: int | None = None) -> str:
    """Who denies and who disputes this group (speakers, outlets, languages,
    and the group that holds their words), and which groups it answers."""
    group = detail.group
    parts: list[str] = []
    for relation, verb in (("denies", "denied by"), ("disputes", "disputed by")):
        found = [a for a in group.answers if a.relation == relation]
        if found:
            parts.append(verb + " " + "; ".join(_answer_text(a) for a in found))
    for answer in group.answers_to:
        parts.append(f"{answer.relation} group {answer.group_id}")
    if not parts:
        return ""
    key = (f"a: back to group {came_from}" if came_from is not None
           else "a: jump to " + ("them" if len(linked_groups(detail)) > 1 else "it"))
    return "Answers — " + " · ".join(parts) + f"  ({key})"


def _answer_text(answer: GroupAnswer) -> str:
    who = ", ".join(one_line(s, 30) for s in answer.speakers) or "unnamed"
    where = ", ".join(one_line(o, 24) for o in answer.outlets)
    langs = ", ".join(answer.languages)
    detail = " · ".join(x for x in (where, langs) if x)
    return f"{who}" + (f" ({detail})" if detail else "") + f" in group {answer.group_id}"


def verdict_summary(verdict: Verdict) -> str:
    parts = [f"{verdict.label} by {one_line(verdict.reviewer, 30)}"]
    if verdict.note:
        parts.append(f"note: {one_line(verdict.note, 120)}")
    for link in verdict.links:
        title = f" ({one_line(link.title, 50)})" if link.title else ""
        parts.append(f"link: {one_line(link.url, 100)}{title}")
    return " · ".join(parts)


def paragraph_content(body: str, member: MemberRow, around: int = 1) -> Content:
    """The paragraph of `body` that holds the claim, with the claim highlighted,
    and `around` paragraphs either side of it for context."""
    start = min(max(0, member.start), len(body))
    end = min(max(start, member.end), len(body))
    # Paragraph i spans bounds[i]..bounds[i+1] (less its "\n\n" separator).
    breaks = [m.start() for m in re.finditer("\n\n", body)]
    starts = [0] + [b + 2 for b in breaks]
    ends = breaks + [len(body)]
    first = max(0, max(i for i, s in enumerate(starts) if s <= start) - around)
    last = min(len(ends) - 1, min(i for i, e in enumerate(ends) if e >= end) + around)
    head, tail = starts[first], ends[last]
    return Content.assemble(visible(body[head:start]), (visible(body[start:end]), HIGHLIGHT),
                            visible(body[end:tail]))
