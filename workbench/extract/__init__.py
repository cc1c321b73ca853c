"""Find the checkable claims in an article body.

`extract_claims` splits the body into sentences, peels attribution off each
(`attribution`), scores it (`checkworthiness`) and keeps those worth a
fact-checker's time. `analyse_sentence` does the same for one sentence, for
callers (benchmarks, grouping of ad-hoc text) that have no article.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from workbench.extract.attribution import Attribution, attribute, report_cuts
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
    parts = _report_parts(body, split_sentences(body))
    found = _attribute_all(body, parts)
    claims: list[ClaimDraft] = []
    for part, analysis in zip(parts, found):
        if part.sentence is not None:
            # A part of a sentence worth checking is worth checking: "A blamed
            # an air strike" is short, but it is half of the contested claim.
            whole = analyse_sentence(body[part.sentence[0]:part.sentence[1]])
            analysis = replace(analysis, checkworthiness=max(analysis.checkworthiness,
                                                             whole.checkworthiness))
        if not _worth_keeping(analysis):
            continue
        claims.append(
            ClaimDraft(
                text=body[part.start:part.end],
                content=analysis.content,
                speaker=analysis.speaker,
                stance=analysis.stance,
                quote=analysis.quote,
                start=part.start,
                end=part.end,
                checkworthiness=analysis.checkworthiness,
            )
        )
    return claims


@dataclass(frozen=True)
class _Part:
    """A sentence, or one report of a sentence that joins two parties'
    reports ("A blamed X, while B said Y")."""

    start: int
    end: int
    read_from: int  # where attribution reads it: after the joining conjunction
    sentence: tuple[int, int] | None = None  # the sentence a report was cut from


def _report_parts(body: str, spans: list[tuple[int, int]]) -> list[_Part]:
    """The sentences, each that joins two parties' reports cut into one part
    per report (`report_cuts`). A later part's text keeps its conjunction
    ("sedangkan AS membantah ..."), as the page wrote it; attribution reads
    it from the report's subject."""
    out: list[_Part] = []
    for start, end in spans:
        cuts = report_cuts(body[start:end])
        if not cuts:
            out.append(_Part(start, end, start))
            continue
        cursor = read_from = start
        for first_end, next_start, next_subject in cuts:
            out.append(_Part(cursor, start + first_end, read_from, (start, end)))
            cursor, read_from = start + next_start, start + next_subject
        out.append(_Part(cursor, end, read_from, (start, end)))
    return out


def _worth_keeping(analysis: SentenceAnalysis) -> bool:
    # A named party denying or disputing is an answer to another claim, however
    # short ("Israel disputes this figure."): the reviewer needs it beside that claim.
    words = analysis.content.split()
    if analysis.stance != "asserts" and (analysis.speaker or analysis.quote) and len(words) >= 2:
        return True
    # "471 orang tewas": a quantity makes a three-word statement checkable.
    enough = len(words) >= MIN_CONTENT_WORDS or (len(words) == 3 and any(ch.isdigit() for ch in words[0]))
    return analysis.checkworthiness >= MIN_CHECKWORTHINESS and enough


def _attribute_all(body: str, parts: list[_Part]) -> list[SentenceAnalysis]:
    """Analyse every sentence; then give each sentence inside a quotation the
    quotation's speaker, which is named in only one of its sentences (or in
    the sentence that introduces it)."""
    found: list[SentenceAnalysis] = []
    previous: str | None = None
    for part in parts:
        analysis = analyse_sentence(body[part.read_from:part.end], previous_speaker=previous)
        previous = analysis.speaker or previous
        found.append(analysis)
    ends = [part.end for part in parts]
    for q_start, q_end in quote_spans(body):
        inside = []
        i = bisect.bisect_right(ends, q_start)
        while i < len(parts) and parts[i].start < q_end:
            inside.append(i)
            i += 1
        if len(inside) < 2:
            continue
        named = [found[i].speaker for i in reversed(inside) if found[i].speaker]
        before = inside[0] - 1
        speaker = named[0] if named else (
            found[before].speaker if before >= 0 and body[parts[before].start:parts[before].end]
            .rstrip().endswith(":") else None)
        if speaker is None:
            continue
        for i in inside:
            if found[i].speaker is None:
                sentence = body[parts[i].read_from:parts[i].end]
                found[i] = analyse_sentence(sentence, previous_speaker=speaker, speaker=speaker)
    return found


__all__ = ["SentenceAnalysis", "analyse_sentence", "extract_claims"]
