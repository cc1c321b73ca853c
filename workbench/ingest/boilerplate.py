"""Rules that tell page clutter from an article's own paragraphs.

Saved news pages carry the same kinds of clutter on every site: links to
other stories ("Baca juga:", "Read also"), app and channel promotions, ad
markers, pagination, share/login prompts, copyright lines, photo captions and
lists of related headlines. The rules below describe those kinds, in
Indonesian and English, rather than the exact lines of any one site, and a
final prose test keeps only paragraphs that read like sentences.
"""

from __future__ import annotations

import re

# A whole line that is clutter, whatever follows it on the line.
_CLUTTER_LINE = re.compile(
    r"""^(?:
        (?:baca|lihat|simak|saksikan|tonton|klik)\s+(?:juga|pula|selengkapnya|berita|video)\b
      | (?:read|see|watch)\s+(?:also|more)\b | also\s+read\b | related\s*:
      | (?:advertisement|iklan|sponsored|ads?|close\s+ads|hide\s+ads|scroll\s+to\s+continue.*)$
      | halaman\s*(?:\d+\s*(?:dari|/)\s*\d+)?\s*:?$ | page\s+\d+\s+of\s+\d+$
      | (?:bagikan|share)(?:\s+(?:artikel|this|ini|article).*)?$ | komentar$ | comments?$ | oke$ | ok$
      | login\b | log\s+in\b | masuk\s+untuk\b | sign\s+(?:in|up)\b | subscribe\b | berlangganan\b
      | skip\s+to\b | (?:menu|search|cari|beranda|home|navigation)$
      | loading\.*$ | (?:a\s+){2}a$ | penulis$ | editor$ | reporter$ | author$
      | copyright\b | ©|all\s+rights\s+reserved
      | \[gambas:.*\]$ | \[(?:video|embed|iframe)[^\]]*\]$ | video\s*:
      | (?:foto|photo|gambar|image)\s*[:/]
      | \([a-z]{2,5}(?:/[a-z]{2,5})+\)$
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# Promotions of the outlet itself, its app, newsletter or chat channels.
_PROMO = re.compile(
    r"whatsapp|telegram\s+channel|google\s+news|tanpa\s+iklan|gabung\s+\S+\+|"
    r"install\s+aplikasi|download\s+(?:aplikasi|the\s+app)|unduh\s+aplikasi|"
    r"ikuti\s+(?:kami|berita)|follow\s+us|newsletter|breaking\s+news\s+dan\s+berita\s+pilihan|"
    r"berita\s+selengkapnya\s+di\s+halaman|selengkapnya\s+di\s+halaman|"
    r"continue\s+reading|rendering\s+in\s+[\d.]+\s+seconds|"
    # the page talking about itself: comment policies, taglines, legal links
    r"committed\s+to\s+providing\s+a\s+forum|constructive\s+conversation|"
    r"comments?\s+(?:policy|section|are\s+closed|have\s+been\s+closed)|community\s+guidelines|"
    r"^journalism\s+for\b|support\s+(?:our|quality|independent)\s+journalism|"
    r"terms\s+of\s+(?:use|service)|privacy\s+policy|kebijakan\s+privasi|pedoman\s+media\s+siber",
)

# Photo and video captions, by the words captions are written in: words
# anywhere in the line, and the openings captions start with.
_CAPTION_WORDS = re.compile(
    r"\(not\s+pictured\)|(?<!\w)(?:pictured\s+(?:here|above|below|left|right)\b|handout\s+(?:photo|"
    r"picture|image|video)|video\s+grab\b|screen\s*grab\b|file\s+(?:photo|picture|image)\b)"
)
_CAPTION_START = re.compile(
    r"(?:this|in\s+this|an?)\s+(?:undated\s+)?(?:handout\s+)?(?:photo|picture|image|video|still)\b|"
    r"(?:foto|ilustrasi|illustration)\s*[:(]|here(?:'s|’s|\s+is|\s+are)\s+(?:the|a|an)\b"
)
# A photo credit: AGENCY/PHOTOGRAPHER in capitals ("AFP/JOHN SMITH", "ANTARA FOTO/BUDI SANTOSO").
_PHOTO_CREDIT = re.compile(r"\b[A-Z]{2,}(?:\s+FOTO|\.COM)?\s*/\s*[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)+\b")

# Lines after which the page holds no more of the article: related-story
# lists, footers, the last page marker of a paginated story.
_TRAILER = re.compile(
    r"^(?:terkini\s+lainnya|berita\s+terkait|baca\s+berita\s+terkait(?:\s+lainnya)?|"
    r"berita\s+lainnya|artikel\s+terkait|populer|terpopuler|rekomendasi|pilihan\s+untukmu|"
    r"related\s+(?:articles|stories|news)|more\s+(?:stories|from|news)|recommended|"
    r"most\s+(?:read|popular)|trending|copyright\b.*|all\s+rights\s+reserved.*|"
    r"halaman\s+(\d+)\s+dari\s+\1|page\s+(\d+)\s+of\s+\2)\s*:?$",
    re.IGNORECASE,
)

# Photo captions end with a credit in parentheses or "Foto/..." marker.
_CAPTION = re.compile(
    r"(?:\((?:dok|foto|photo|picture|pic|image|gambar|file|ist)\.?[^)]*\)|(?:foto|photo)\s*/\s*\S+|"
    r"(?<!\w)(?:antara|reuters|afp|ap)\s+(?:foto|photo)\b)\s*$"
)

# A sentence's end, also before an editor's code ("... kata Dedi.(OL-5)", "(ant)")
# or the asterisks some outlets end a story with.
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$|[.!?]["”']?\s*(?:\([\w/-]+\)|\*{1,5})$""")


def is_clutter(line: str) -> bool:
    """True for a line that is page furniture, never article text."""
    stripped = line.strip()
    if not stripped:
        return True
    # The searched patterns are lower-case and run on the lowered line: a
    # case-insensitive alternation is tried at every position of the line,
    # a lower-case one only where its first letters occur (about 4 times
    # faster; ingest reads every line of every page through these).
    lowered = stripped.lower()
    return bool(_CLUTTER_LINE.match(stripped) or _PROMO.search(lowered)
                or _CAPTION.search(lowered) or _CAPTION_WORDS.search(lowered)
                or _CAPTION_START.match(lowered) or _PHOTO_CREDIT.search(stripped))


def is_trailer(line: str) -> bool:
    """True for a heading that starts the page's footer or related-story list."""
    return bool(_TRAILER.match(line.strip()))


def is_prose(line: str) -> bool:
    """A paragraph of the article reads as sentences: several words, ending in
    sentence punctuation. Headlines of other stories fail this test."""
    stripped = unfinished_cut(line.strip())
    if len(stripped.split()) < 6:
        return False
    return bool(_SENTENCE_END.search(stripped))


_INNER_END = re.compile(r"""[.!?…]["'”’)\]]*(?=\s+["“‘'(\[]?[A-Z0-9])""")
UNFINISHED_MIN_WORDS = 12


# Where a clause ends inside a sentence: a comma or semicolon (after a
# closing quotation mark, if any) before the next word, or the word before a
# conjunction that joins clauses.
_CLAUSE_END = re.compile(
    r"""[,;]["'”’)\]]*(?=\s)|["”’](?=,?\s)|\w(?=\s+(?:and|but|dan|tetapi|namun|serta)\s)""")
# Words that open a clause and say nothing without it.
_OPENS_CLAUSE = frozenset({"adding", "saying", "and", "but", "while", "as", "that", "which", "who",
                           "seraya", "sambil", "dan", "tetapi", "namun", "bahwa", "yang", "karena"})
#: share of capitalised words above which a line is a headline, not a sentence
_TITLE_CASE_SHARE = 0.6


def unfinished_cut(line: str) -> str:
    """A paragraph cut off mid-sentence (a page saved or excerpted short) keeps its
    finished sentences: 'A said X. B said Y and the' -> 'A said X.'. Where it was
    cut before its first sentence ended, a long paragraph written in sentence
    case keeps its finished clauses, marked as cut with an ellipsis:
    '"HRW has shown no evidence," he said, adding that Hamas rec' -> '"HRW has
    shown no evidence," he said …'. Short lines without an end, and headlines
    (title case), stay as they are: they are headlines or furniture."""
    if _SENTENCE_END.search(line) or len(line.split()) < UNFINISHED_MIN_WORDS:
        return line
    ends = [match.end() for match in _INNER_END.finditer(line)]
    if ends:
        return line[: ends[-1]]
    return _clause_cut(line) or line


def _clause_cut(line: str) -> str | None:
    """The finished clauses of a sentence cut off in its last one, with an
    ellipsis; None for a headline or when too little would be left."""
    clauses = [match.end() for match in _CLAUSE_END.finditer(line)]
    # a clause that ends on the word opening the next ("..., adding, quote:")
    # is not finished either
    while clauses and (line[: clauses[-1]].rstrip(" ,;").split() or [""])[-1].lower() in _OPENS_CLAUSE:
        clauses.pop()
    if not clauses:
        return None
    kept = line[: clauses[-1]].rstrip(" ,;")
    words = kept.split()
    if len(words) < UNFINISHED_MIN_WORDS:
        return None
    long_words = [w.strip("\"“”'‘’([") for w in words if len(w) >= 4]
    capitalised = sum(1 for w in long_words if w[:1].isupper())
    if long_words and capitalised / len(long_words) > _TITLE_CASE_SHARE:
        return None  # a headline, or a caption of names
    if sum(1 for w in words if w.isalpha() and w.islower()) * 2 < len(words):
        return None  # a stamp or a list: "By AP Published: Wed 18 Oct 2023, 11:03 AM"
    return f"{kept} …"


def norm(line: str) -> str:
    """Comparison key for spotting repeated lines (titles, headlines)."""
    return re.sub(r"[\W_]+", " ", line).strip().lower()
