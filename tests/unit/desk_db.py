"""A small review desk in a real SQLite file, for the queue and agreement tests.

Articles and claims go in through the store's own `add_article` (which also
registers the canonical speaker names), groups through `create_group` /
`assign` / `refresh_groups`, answers through `replace_links`, verdicts
through the review service: the same paths ingesting, grouping and
reviewing take. The texts are written here in the shapes Indonesian and
English wire copy takes; each claim states who said it and whether it
asserts, denies or disputes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlite_utils import Database

from workbench.models import ArticleDraft, ClaimDraft
from workbench.store import groups
from workbench.store.answers import AnswerLink, replace_links
from workbench.store.articles import add_article


@dataclass(frozen=True)
class Said:
    """One claim to store: its sentence, who said it, its stance, its check-worthiness."""

    text: str
    speaker: str | None = None
    stance: str = "asserts"
    worth: float = 0.5


@dataclass
class Desk:
    db: Database
    claims: dict[str, int] = field(default_factory=dict)  # key -> claim id
    groups: dict[str, int] = field(default_factory=dict)  # key -> group id

    def article(self, title: str, published: str | None, language: str,
                claims: dict[str, Said], outlet: str = "Kantor Berita") -> int:
        """Store one article whose body is the claims' sentences, a paragraph each."""
        body, drafts, start = [], [], 0
        for said in claims.values():
            drafts.append(ClaimDraft(text=said.text, content=said.text, speaker=said.speaker,
                                     stance=said.stance,  # type: ignore[arg-type]
                                     quote=False, start=start, end=start + len(said.text),
                                     checkworthiness=said.worth))
            body.append(said.text)
            start += len(said.text) + 2
        text = "\n\n".join(body)
        draft = ArticleDraft(title=title, body=text, language=language, outlet=outlet,
                             published=published,
                             sha256=hashlib.sha256(f"{title}\n{text}".encode()).hexdigest())
        article_id, _ = add_article(self.db, draft, drafts)
        stored = self.db.execute(
            "SELECT id FROM claims WHERE article_id = ? ORDER BY span_start",
            [article_id]).fetchall()
        for key, row in zip(claims, stored, strict=True):
            self.claims[key] = int(row[0])
        return article_id

    def group(self, key: str, claim_keys: Sequence[str]) -> int:
        with self.db.atomic():
            gid = groups.create_group(self.db, model="test", method={"by": "hand"})
            groups.assign(self.db, [(self.claims[k], gid, 0.9) for k in claim_keys])
            groups.refresh_groups(self.db, [gid])
        self.groups[key] = gid
        return gid

    def answers(self, links: Sequence[tuple[str, str, str]]) -> None:
        """(answering claim, answered claim, 'denies' | 'disputes') links, as a grouping run stores them."""
        with self.db.atomic():
            replace_links(self.db, [AnswerLink(self.claims[a], self.claims[b], rel, 0.8)
                                    for a, b, rel in links])
