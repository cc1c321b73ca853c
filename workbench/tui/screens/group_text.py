"""What the group view writes: its head, speakers, answers and reviewers lines,
the selected claim, a verdict in one line, and the article paragraph around
a claim. Pure functions of the session's dataclasses, so they are tested
without an app; every piece of article or reviewer text goes through
`one_line`/`visible` and is returned as plain text or `Content`, never markup.
"""

from __future__ import annotations

import re

from textual.content import Content

from workbench.display import one_line, visible
from workbench.models import STANCES, GroupAnswer, Verdict
from workbench.store.queue import MemberRow
from workbench.tui.screens.base import label_text
from workbench.tui.session import GroupDetail

HIGHLIGHT = "bold reverse"
# Reviewer labels: (reviewer, label, at) of each reviewer's latest group verdict.
ReviewerLabels = list[tuple[str, "str | None", str]]


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def head_line(detail: GroupDetail, auto_advance: bool = False) -> str:
    group = detail.group
    verdict = detail.verdict
    if verdict is None:
        verdict_text = "verdict: —"
    elif verdict.label is None:
        verdict_text = "verdict: — (evidence only)"
    else:
        verdict_text = f"verdict: {label_text(verdict.label)} ({one_line(verdict.reviewer, 20)})"
    own = sum(1 for v in detail.claim_verdicts.values() if v.label is not None)
    return (f"Group {group.id} · {plural(group.size, 'claim')} in "
            f"{plural(group.article_count, 'article')} · "
            f"{', '.join(group.languages) or '—'} · {verdict_text}"
            + (f" · {plural(own, 'claim verdict')}" if own else "")
            + (f" · {len(detail.new_since_verdict)} new since the verdict (v confirms)"
               if detail.new_since_verdict else "")
            + (" · auto-advance on" if auto_advance else ""))


def reviewers_line(labels: ReviewerLabels) -> str:
    """Each reviewer's latest group label, shown only when reviewers differ."""
    if len({label for _, label, _ in labels}) < 2:
        return ""
    return "Reviewers differ — " + " · ".join(
        f"{one_line(reviewer, 30)}: {label_text(label) if label else 'label cleared'}"
        for reviewer, label, _ in labels)


def claim_content(member: MemberRow | None) -> Content:
    """The selected claim in full, wrapped: who said it, how, and its text."""
    if member is None:
        return Content("")
    who = one_line(member.speaker, 60) if member.speaker else "no speaker named"
    return Content.assemble((f"claim {member.claim_id} · {who} · {member.stance}: ", "bold"),
                            one_line(member.text))


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


def answers_line(detail: GroupDetail, came_from: int | None = None, brief: bool = False) -> str:
    """Who denies and who disputes this group (speakers, outlets, languages,
    and the group that holds their words), and which groups it answers.
    `brief` (a short terminal) leaves out outlets and languages."""
    group = detail.group
    parts: list[str] = []
    for relation, verb in (("denies", "denied by"), ("disputes", "disputed by")):
        found = [a for a in group.answers if a.relation == relation]
        if found:
            parts.append(verb + " " + "; ".join(_answer_text(a, brief) for a in found))
    for answer in group.answers_to:
        parts.append(f"{answer.relation} group {answer.group_id}")
    if not parts:
        return ""
    key = (f"a: back to group {came_from}" if came_from is not None
           else "a: jump to " + ("them" if len(linked_groups(detail)) > 1 else "it"))
    return "Answers — " + " · ".join(parts) + f"  ({key})"


def _answer_text(answer: GroupAnswer, brief: bool = False) -> str:
    who = ", ".join(one_line(s, 30) for s in answer.speakers) or "unnamed"
    if brief:
        return f"{who} in group {answer.group_id}"
    where = ", ".join(one_line(o, 24) for o in answer.outlets)
    langs = ", ".join(answer.languages)
    detail = " · ".join(x for x in (where, langs) if x)
    return f"{who}" + (f" ({detail})" if detail else "") + f" in group {answer.group_id}"


def verdict_summary(verdict: Verdict) -> str:
    label = (label_text(verdict.label) if verdict.label is not None
             else "no verdict yet (evidence only)")
    parts = [f"{label} by {one_line(verdict.reviewer, 30)}"]
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
