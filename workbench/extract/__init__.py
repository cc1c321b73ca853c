"""Find the checkable claims in an article body.

`extract_claims` splits the body into sentences, peels attribution off each
(`attribution`), scores it (`checkworthiness`) and keeps those worth a
fact-checker's time. `analyse_sentence` does the same for one sentence, for
callers (benchmarks, grouping of ad-hoc text) that have no article.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from workbench.extract.attribution import Attribution, attribute
from workbench.extract.checkworthiness import score
from workbench.extract.quotes import quote_spans
from workbench.extract.sentences import split_sentences
from workbench.extract.stance import stance_of
from workbench.models import ClaimDraft, Stance

# Below this a sentence is a question, a call to action, a greeting, the page
# talking about itself, bare opinion or a promise, or a short remark with
# nothing checkable (see `checkworthiness` for the calibration).
MIN_CHECKWORTHINESS = 0.3
MIN_CONTENT_WORDS = 4


@dataclass(frozen=True)
class SentenceAnalysis:
    content: str
    speaker: str | None
    stance: Stance
    quote: bool
    checkworthiness: float


def analyse_sentence(
    text: str, lang: str = "id", previous_speaker: str | None = None, *, speaker: str | None = None
) -> SentenceAnalysis:
    """Analyse one sentence. `speaker` is the speaker of a quotation the sentence
    stands inside, used when the sentence itself names nobody."""
    found = attribute(text, previous_speaker)
    if speaker is not None and found.speaker is None:
        found = Attribution(speaker=speaker, stance=stance_of("", found.content, attributed=True),
                            quote=True, content=found.content)
    return SentenceAnalysis(
        content=found.content,
        speaker=found.speaker,
        stance=found.stance,
        quote=found.quote,
        checkworthiness=score(text, content=found.content, speaker=found.speaker, quote=found.quote,
                              contested=found.stance != "asserts"),
    )


def extract_claims(body: str, lang: str = "id") -> list[ClaimDraft]:
    spans = split_sentences(body)
    found = _attribute_all(body, spans)
    claims: list[ClaimDraft] = []
    for (start, end), analysis in zip(spans, found):
        if not _worth_keeping(analysis):
            continue
        claims.append(
            ClaimDraft(
                text=body[start:end],
                content=analysis.content,
                speaker=analysis.speaker,
                stance=analysis.stance,
                quote=analysis.quote,
                start=start,
                end=end,
                checkworthiness=analysis.checkworthiness,
            )
        )
    return claims


def _worth_keeping(analysis: SentenceAnalysis) -> bool:
    # A named party denying or disputing is an answer to another claim, however
    # short ("Israel disputes this figure."): the reviewer needs it beside that claim.
    words = analysis.content.split()
    if analysis.stance != "asserts" and (analysis.speaker or analysis.quote) and len(words) >= 2:
        return True
    # "471 orang tewas": a quantity makes a three-word statement checkable.
    enough = len(words) >= MIN_CONTENT_WORDS or (len(words) == 3 and any(ch.isdigit() for ch in words[0]))
    return analysis.checkworthiness >= MIN_CHECKWORTHINESS and enough


def _attribute_all(body: str, spans: list[tuple[int, int]]) -> list[SentenceAnalysis]:
    """Analyse every sentence; then give each sentence inside a quotation the
    quotation's speaker, which is named in only one of its sentences (or in
    the sentence that introduces it)."""
    found: list[SentenceAnalysis] = []
    previous: str | None = None
    for start, end in spans:
        analysis = analyse_sentence(body[start:end], previous_speaker=previous)
        previous = analysis.speaker or previous
        found.append(analysis)
    ends = [e for _, e in spans]
    for q_start, q_end in quote_spans(body):
        inside = []
        i = bisect.bisect_right(ends, q_start)
        while i < len(spans) and spans[i][0] < q_end:
            inside.append(i)
            i += 1
        if len(inside) < 2:
            continue
        named = [found[i].speaker for i in reversed(inside) if found[i].speaker]
        before = inside[0] - 1
        speaker = named[0] if named else (
            found[before].speaker if before >= 0 and body[spans[before][0]:spans[before][1]].rstrip()
            .endswith(":") else None)
        if speaker is None:
            continue
        for i in inside:
            if found[i].speaker is None:
                sentence = body[spans[i][0]:spans[i][1]]
                found[i] = analyse_sentence(sentence, previous_speaker=speaker, speaker=speaker)
    return found


__all__ = ["SentenceAnalysis", "analyse_sentence", "extract_claims"]
