"""schema.org ClaimReview (JSON-LD) for publishing verdicts.

One ClaimReview per group that carries a labelled group verdict; unreviewed
groups and groups judged only claim by claim produce none, and neither do
groups judged not checkable (a decision that there is nothing to rate) or
holding evidence without a label: the export summary counts those it left
out (`ExportSummary.left_out`). Google's fact-check markup
requires `claimReviewed`, `reviewRating`, `url` and `author`, so the
publishing organisation (`--publisher`) and a page address per group
(`--url-template`, with `{group_id}`) are required: the workbench cannot know
them, and guessing would publish wrong attribution or dead links.
`missing_fields` names what an item still lacks (an appearance with a URL or
an author of the claim), and `check_export` runs it over a whole export.

What is published for a group:

- `claimReviewed` is the text a reviewer chose to publish the group under
  (`published_text`) when there is one, with the verdict's own rating and
  the speaker who asserts it most often as its author; else the
  representative claim's attribution-free text (`claims.content`:
  no dateline, no "he said"), `itemReviewed.author` its speaker (through
  `claim_speaker`, one place to change when a canonical speaker is stored),
  `itemReviewed.datePublished` the earliest date it appeared, `appearance`
  each article (url, headline, outlet, date, language), `reviewBody` the
  verdict's note and `citation` its evidence links; `inLanguage` (BCP 47,
  "id"/"en") is the claim's language, on the claim and on each appearance.
- A verdict judges the group's proposition, the thing speakers assert, deny
  or dispute (verdict labels mirror those stances: `denied` means the
  evidence denies the proposition). So when the representative claim is a
  denial ("The DPRK has never exported weapons", rated `denied`), publishing
  its words with the rating "False" would tell readers the opposite of the
  finding. The rule (`reviewed_claim`): a representative that asserts is
  published as it is. One that denies or disputes in its own words ("never",
  "not true", "no evidence") is published in those words with the rating
  turned round (the proposition denied -> the denial is "True"; supported ->
  "False"; disputed stays). One whose denial is only in the reporting verb
  ("X denied that P") has P as its content: P is published with the verdict's
  own rating, and the denier is not named as P's author. The representative
  is the claim the reviewer saw; another member is never substituted, since
  a loosely formed group may hold claims the reviewer did not judge.
- The rating names and values come from `ratings.RatingScale` (defaults
  True=5 / Misleading=3 / False=1 on a 1..5 scale; `--rating-map`).

The speaker becomes `itemReviewed.author`. The database does not record
whether a speaker is a person or an organisation, so `speaker_type` guesses
from the name: an institution word or a country/place word from the
workbench's language tables (`extract.lexicon`: institution heads, places)
or the table below (government seats, news agencies), or a short all-capital
acronym, means an organisation; otherwise up to five words, each capitalised
or a name particle ("de", "van", "bin"), mean a person.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

from workbench.exchange.ratings import Rating, RatingMapError, RatingScale, load_scale
from workbench.extract import lexicon
from workbench.extract.stance import stance_of

if TYPE_CHECKING:
    from sqlite_utils import Database

    from workbench.exchange.export import ExportOptions, ExportSummary

_HTTP = re.compile(r"^https?://[^\s/?#]+", re.IGNORECASE)
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
# Organisation words the language tables do not hold: seats of government,
# international bodies and wire agencies that speak in news copy, both languages.
_ORG_WORDS = frozenset("""
    menteri kantor bureau pemerintah gedung kremlin istana palace kongres congress senat senate
    bank institut pusat center centre kelompok corp inc ltd news berita pbb un nato who kedutaan
    kementrian rezim regime tass reuters afp ap antara xinhua yonhap kcna bernama as us usa uk
    eu uni eropa european union
    """.split()) | (lexicon.INSTITUTION_HEADS - {"tim"}) | lexicon.PLACE_WORDS
# Lower-case particles inside personal names ("Marieke de Vries", "Ahmad bin Ali").
_NAME_PARTICLES = frozenset("de van der den von da di du del della dos la le bin binti al el ibn".split())
# Words this short count only in capitals: "UN", "AS", "WHO" but not "Un", "as", "Who".
_SHORT = 3
# The rating of a denial's own words is the turned-round rating of the proposition.
_TURNED = {"supported": "denied", "disputed": "disputed", "denied": "supported"}
# Why a judged group publishes nothing, as the export summary says it.
NOT_CHECKABLE = "not checkable"
NO_LABEL = "with evidence but no label"
ALL_NEW = "with only claims new since the verdict"


def check_options(options: ExportOptions) -> None:
    """Refuse a ClaimReview export that Google would reject."""
    from workbench.exchange.export import ExportError

    if not (options.publisher or "").strip():
        raise ExportError("--format claimreview needs --publisher NAME: the organisation "
                          "publishing the fact checks (ClaimReview author)")
    template = options.url_template or ""
    if "{group_id}" not in template or not _HTTP.match(template):
        raise ExportError("--format claimreview needs --url-template: an http(s) address "
                          "with {group_id}, e.g. https://example.org/checks/{group_id}")
    if options.publisher_url is not None and not _HTTP.match(options.publisher_url):
        raise ExportError(f"--publisher-url must be an http(s) URL, not "
                          f"{options.publisher_url!r}")
    scale(options)


def scale(options: ExportOptions) -> RatingScale:
    """The rating scale: the options' rating map, else $WORKBENCH_RATING_MAP, else the defaults."""
    from workbench.exchange.export import ExportError

    try:
        return load_scale(getattr(options, "rating_map", None))
    except RatingMapError as exc:
        raise ExportError(str(exc)) from None


def write_claimreview(groups: Iterable[dict[str, Any]], out: TextIO,
                      options: ExportOptions) -> ExportSummary:
    """Write a JSON array of ClaimReview objects, one item at a time."""
    from workbench.exchange.export import ExportSummary

    check_options(options)
    ratings = scale(options)
    written = claims = 0
    left: Counter[str] = Counter()
    out.write("[")
    for group, item in _items(groups, options, ratings, left):
        text = json.dumps(item, ensure_ascii=False, indent=2,
                          allow_nan=False).replace("\n", "\n  ")
        out.write(("," if written else "") + "\n  " + text)
        written += 1
        claims += len(group["claims"])
    out.write("\n]\n" if written else "]\n")
    return ExportSummary("claimreview", written, claims, 0, written,
                         left_out=tuple((why, left[why]) for why in (NOT_CHECKABLE, NO_LABEL,
                                                                     ALL_NEW) if left[why]))


def _items(groups: Iterable[dict[str, Any]], options: ExportOptions, ratings: RatingScale,
           left: Counter[str] | None = None) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(group, ClaimReview) for each publishable group; `left` counts the judged
    groups passed over, by reason."""
    left = Counter() if left is None else left
    for group in groups:
        verdict = group["verdict"]
        if verdict is None:
            continue
        label = verdict["label"]
        if label is None or label not in _TURNED:  # evidence only, or not checkable
            left[NO_LABEL if label is None else NOT_CHECKABLE] += 1
            continue
        # Claims new since the verdict are not published under it until confirmed.
        covered = [c for c in group["claims"] if not c.get("new_since_verdict")]
        if not covered:
            left[ALL_NEW] += 1
            continue
        yield group, claim_review({**group, "claims": covered}, options, ratings)


@dataclass(frozen=True)
class GroupProblem:
    group_id: int
    missing: tuple[str, ...]

    def describe(self) -> str:
        return f"group {self.group_id}: missing {', '.join(self.missing)}"


def check_export(db: Database, options: ExportOptions) -> list[GroupProblem]:
    """Every group of this export whose ClaimReview lacks a field Google requires."""
    from workbench.exchange.export import iter_groups

    check_options(options)
    ratings = scale(options)
    groups = iter_groups(db, options.group_filter(judged_only=True), options.batch_size,
                         history=False)
    with db.atomic():
        return [GroupProblem(group["id"], tuple(missing))
                for group, item in _items(groups, options, ratings)
                if (missing := missing_fields(item))]


def missing_fields(item: dict[str, Any]) -> list[str]:
    """The fields Google's ClaimReview guidelines require that `item` lacks."""
    missing = []
    if not _text(item.get("claimReviewed")):
        missing.append("claimReviewed")
    rating = item.get("reviewRating") or {}
    if not _text(rating.get("alternateName")) or rating.get("ratingValue") is None:
        missing.append("reviewRating (alternateName and ratingValue)")
    if not _HTTP.match(str(item.get("url") or "")):
        missing.append("url")
    if not _text((item.get("author") or {}).get("name")):
        missing.append("author")
    if not _text(item.get("datePublished")):
        missing.append("datePublished")
    reviewed = item.get("itemReviewed") or {}
    appears = any(_HTTP.match(str(a.get("url") or "")) for a in reviewed.get("appearance", []))
    if not appears and not _text((reviewed.get("author") or {}).get("name")):
        missing.append("itemReviewed.appearance with a url, or itemReviewed.author "
                       "(workbench articles set-url ID URL)")
    return missing


def claim_review(group: dict[str, Any], options: ExportOptions,
                 ratings: RatingScale | None = None) -> dict[str, Any]:
    """One export group record (with a group verdict) as a ClaimReview object."""
    verdict = group["verdict"]
    ratings = ratings or scale(options)
    claim, label, speaker = reviewed_claim(group, verdict["label"])
    published = _line(group.get("published_text"))
    rating: Rating = ratings.of(label)
    articles = _articles(group["claims"])
    item: dict[str, Any] = {"@type": "Claim"}
    if speaker:
        item["author"] = {"@type": speaker_type(speaker, _speakers(group)), "name": speaker}
    dates = [a["published"] for a in articles if a["published"]]
    if dates:
        item["datePublished"] = min(dates, key=_instant)
    language = _language(claim.get("language"))
    if language:
        item["inLanguage"] = language
    item["appearance"] = [_appearance(a) for a in articles]
    author: dict[str, Any] = {"@type": "Organization", "name": (options.publisher or "").strip()}
    if options.publisher_url:
        author["url"] = options.publisher_url
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": (options.url_template or "").replace("{group_id}", str(group["id"])),
        "claimReviewed": published or _line(claim.get("content")) or _line(claim.get("text"))
        or _line(group.get("representative")),
        "author": author,
        "datePublished": verdict["decided_at"][:10],
        "reviewRating": {"@type": "Rating", "ratingValue": rating.value,
                         "bestRating": ratings.best, "worstRating": ratings.worst,
                         "alternateName": rating.name},
        "itemReviewed": item,
    }
    note = (verdict.get("note") or "").strip()
    if note:
        review["reviewBody"] = note
    links = [{"@type": "CreativeWork", "url": link["url"],
              **({"name": link["title"]} if link.get("title") else {})}
             for link in verdict.get("links") or []]
    if links:
        review["citation"] = links
    return review


def reviewed_claim(group: dict[str, Any], label: str) -> tuple[dict[str, Any], str, str | None]:
    """The claim to publish, the verdict label as it applies to that claim's words,
    and the claim's author (None when nobody in the group said those words).
    The rule is in the module docstring."""
    claims = group["claims"]
    rep = next((c for c in claims if c["id"] == group["representative_claim_id"]), claims[0])
    if _line(group.get("published_text")):
        # The reviewer's own wording of the proposition the verdict judges.
        return rep, label, _author(group, {"stance": "asserts"})
    if rep["stance"] == "asserts":
        return rep, label, _author(group, rep)
    if stance_of("", rep.get("content") or "", attributed=True) == rep["stance"]:
        return rep, _TURNED[label], _author(group, rep)  # its own words deny or dispute
    return rep, label, None  # the words are the proposition, which the speaker opposed


def claim_speaker(claim: dict[str, Any]) -> str | None:
    """Who made a claim, as published: the canonical name where the store has one."""
    name = claim.get("speaker_canonical") or claim.get("speaker")
    flat = " ".join(str(name).split()) if name else ""
    return flat or None


def _author(group: dict[str, Any], claim: dict[str, Any]) -> str | None:
    """The claim's speaker, else the speaker most often making the same kind of claim."""
    own = claim_speaker(claim)
    if own:
        return own
    counts = Counter(n for c in group["claims"] if c["stance"] == claim["stance"]
                     if (n := claim_speaker(c)))
    return max(counts, key=lambda n: (counts[n], n)) if counts else None


def _articles(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each article that carried the claim once, earliest first, with its language."""
    seen: dict[str, dict[str, Any]] = {}
    for claim in claims:
        seen.setdefault(claim["article"]["sha256"],
                        {**claim["article"], "language": claim.get("language")})
    return sorted(seen.values(), key=lambda a: (_instant(a["published"]) if a["published"]
                                                else datetime.max.isoformat(), a["sha256"]))


def _appearance(a: dict[str, Any]) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "NewsArticle", "headline": a["title"]}
    if a["url"]:
        work["url"] = a["url"]
    if a["published"]:
        work["datePublished"] = a["published"]
    if a["outlet"]:
        work["publisher"] = {"@type": "Organization", "name": a["outlet"]}
    if a["author"]:
        work["author"] = {"@type": "Person", "name": a["author"]}
    language = _language(a.get("language"))
    if language:
        work["inLanguage"] = language
    return work


def _instant(published: str) -> str:
    """Sort key: the moment in UTC when the date parses, else the text itself."""
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return published
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat()


def _language(code: object) -> str | None:
    """A BCP 47 tag ("id", "en"), or None for an unknown or undetermined language."""
    text = str(code or "").strip()
    return text if _LANGUAGE.match(text) and text not in ("und", "xx") else None


def _line(text: object) -> str:
    return " ".join(str(text or "").split())


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _speakers(group: dict[str, Any]) -> set[str]:
    return {name for c in group["claims"] if (name := claim_speaker(c))}


def speaker_type(name: str, others: Iterable[str] = ()) -> str:
    """'Organization' or 'Person', guessed from the name (see module docstring)."""
    words = re.findall(r"[\w’'-]+", name)
    if not words or any(w.lower() in _ORG_WORDS and (len(w) > _SHORT or w.isupper())
                        for w in words):
        return "Organization"
    if len(words) == 1:
        word = words[0]
        if word.isupper() and len(word) <= 6:
            return "Organization"  # an acronym: TASS, KPU, DPRK
        surnames = {o.split()[-1] for o in others if len(o.split()) > 1}
        return "Person" if word in surnames or word[:1].isupper() else "Organization"
    named = [w for w in words if w not in _NAME_PARTICLES]
    return ("Person" if named and all(w[:1].isupper() for w in named) and len(words) <= 5
            else "Organization")
