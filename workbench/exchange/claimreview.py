"""schema.org ClaimReview (JSON-LD) for publishing verdicts.

One ClaimReview per group that carries a group verdict; unreviewed groups and
groups judged only claim by claim produce none. Google's fact-check markup
requires `claimReviewed`, `reviewRating`, `url` and `author`, so the
publishing organisation (`--publisher`) and a page address per group
(`--url-template`, with `{group_id}`) are required: the workbench cannot know
them, and guessing would publish wrong attribution or dead links.

The speaker becomes `itemReviewed.author`. The database does not record
whether a speaker is a person or an organisation, so `speaker_type` guesses
from the name (institution words, acronyms, country names mean an
organisation; otherwise a person).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from workbench.exchange.export import ExportOptions, ExportSummary

RATINGS: dict[str, tuple[int, str]] = {
    "supported": (5, "Supported"),
    "disputed": (3, "Disputed"),
    "denied": (1, "Denied"),
}
_HTTP = re.compile(r"^https?://[^\s/?#]+", re.IGNORECASE)
_ORG_WORDS = frozenset("""
    kementerian ministry menteri departemen department kantor office biro bureau badan agency
    dewan council komisi commission pemerintah government gedung putih white house kremlin
    istana palace parlemen parliament kongres congress senat senate partai party militer
    military tentara army angkatan forces polisi police kepolisian pengadilan court bank
    universitas university institut institute lembaga pusat center centre kelompok group
    perusahaan company corporation corp inc ltd news kantor berita agency pbb un nato who
    kedutaan embassy kementrian pasukan rezim regime beyond parallel tass reuters afp ap
    amerika serikat as us usa rusia russia korea utara korut selatan korsel ukraina ukraine
    china tiongkok cina jepang japan iran israel inggris britain uk prancis france jerman
    germany uni eropa eu european union washington moskwa moscow pyongyang seoul beijing
    kyiv""".split())


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


def write_claimreview(groups: Iterable[dict[str, Any]], out: TextIO,
                      options: ExportOptions) -> ExportSummary:
    """Write a JSON array of ClaimReview objects, one item at a time."""
    from workbench.exchange.export import ExportSummary

    check_options(options)
    written = claims = 0
    out.write("[")
    for group in groups:
        if group["verdict"] is None:
            continue
        item = claim_review(group, options)
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out.write(("," if written else "") + "\n  " + text)
        written += 1
        claims += len(group["claims"])
    out.write("\n]\n" if written else "]\n")
    return ExportSummary("claimreview", written, claims, 0, written)


def claim_review(group: dict[str, Any], options: ExportOptions) -> dict[str, Any]:
    """One export group record (with a group verdict) as a ClaimReview object."""
    verdict = group["verdict"]
    value, name = RATINGS[verdict["label"]]
    articles = _articles(group["claims"])
    item: dict[str, Any] = {"@type": "Claim"}
    speaker = _speaker(group)
    if speaker:
        item["author"] = {"@type": speaker_type(speaker, _speakers(group)), "name": speaker}
    dates = [a["published"] for a in articles if a["published"]]
    if dates:
        item["datePublished"] = min(dates, key=_instant)
    item["appearance"] = [_appearance(a) for a in articles]
    author: dict[str, Any] = {"@type": "Organization", "name": (options.publisher or "").strip()}
    if options.publisher_url:
        author["url"] = options.publisher_url
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": (options.url_template or "").replace("{group_id}", str(group["id"])),
        "claimReviewed": group["representative"] or group["claims"][0]["text"],
        "author": author,
        "datePublished": verdict["decided_at"][:10],
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5,
                         "worstRating": 1, "alternateName": name},
        "itemReviewed": item,
    }


def _articles(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each article that carried the claim once, earliest first."""
    seen: dict[str, dict[str, Any]] = {}
    for claim in claims:
        seen.setdefault(claim["article"]["sha256"], claim["article"])
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


def _speaker(group: dict[str, Any]) -> str | None:
    """The representative claim's speaker, else the group's most frequent one."""
    for claim in group["claims"]:
        if claim["id"] == group["representative_claim_id"] and claim["speaker"]:
            return str(claim["speaker"])
    counts = Counter(c["speaker"] for c in group["claims"] if c["speaker"])
    return counts.most_common(1)[0][0] if counts else None


def _speakers(group: dict[str, Any]) -> set[str]:
    return {c["speaker"] for c in group["claims"] if c["speaker"]}


def speaker_type(name: str, others: Iterable[str] = ()) -> str:
    """'Organization' or 'Person', guessed from the name (see module docstring)."""
    words = re.findall(r"[\w’'-]+", name)
    if not words or any(w.lower() in _ORG_WORDS for w in words):
        return "Organization"
    if len(words) == 1:
        word = words[0]
        if word.isupper() and len(word) <= 6:
            return "Organization"  # an acronym: TASS, KPU, DPRK
        surnames = {o.split()[-1] for o in others if len(o.split()) > 1}
        return "Person" if word in surnames or word[:1].isupper() else "Organization"
    return "Person" if all(w[:1].isupper() for w in words) and len(words) <= 4 else "Organization"
