"""Find the checkable claims in an article body.

`extract_claims` splits the body into sentences, peels attribution off each
(`attribution`), scores it (`checkworthiness`) and keeps those worth a
fact-checker's time. `analyse_sentence` does the same for one sentence, for
callers (benchmarks, grouping of ad-hoc text) that have no article.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.extract.attribution import attribute
from workbench.extract.checkworthiness import score
from workbench.extract.sentences import split_sentences
from workbench.models import ClaimDraft, Stance

# Below this a sentence has nothing checkable: no number, date, name or source.
MIN_CHECKWORTHINESS = 0.4
MIN_CONTENT_WORDS = 4


@dataclass(frozen=True)
class SentenceAnalysis:
    content: str
    speaker: str | None
    stance: Stance
    quote: bool
    checkworthiness: float


def analyse_sentence(text: str, lang: str = "id", previous_speaker: str | None = None) -> SentenceAnalysis:
    found = attribute(text, previous_speaker)
    return SentenceAnalysis(
        content=found.content,
        speaker=found.speaker,
        stance=found.stance,
        quote=found.quote,
        checkworthiness=score(text, content=found.content, speaker=found.speaker, quote=found.quote,
                              contested=found.stance != "asserts"),
    )


def extract_claims(body: str, lang: str = "id") -> list[ClaimDraft]:
    claims: list[ClaimDraft] = []
    previous: str | None = None
    for start, end in split_sentences(body):
        sentence = body[start:end]
        found = analyse_sentence(sentence, lang, previous)
        previous = found.speaker or previous
        if found.checkworthiness < MIN_CHECKWORTHINESS:
            continue
        if len(found.content.split()) < MIN_CONTENT_WORDS:
            continue
        claims.append(
            ClaimDraft(
                text=sentence,
                content=found.content,
                speaker=found.speaker,
                stance=found.stance,
                quote=found.quote,
                start=start,
                end=end,
                checkworthiness=found.checkworthiness,
            )
        )
    return claims


__all__ = ["SentenceAnalysis", "analyse_sentence", "extract_claims"]
