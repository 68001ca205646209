"""Spans: finding a passage a model copied in the exact text of an article.

``TextIndex`` locates a passage tolerating what models change when they copy (white space and
line breaks, curly quotes, dashes, case) and, for passages of at least ``FUZZY_MIN_CHARS``
characters, a small edit distance (rapidfuzz ``partial_ratio`` of at least ``FUZZY_MIN_SCORE``,
about one character in fifteen). Offsets index the exact article text. It also tells which
capitalised words of a text the article never uses (``unknown_names``).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata

from rapidfuzz import fuzz

from .brief import PASSAGE_MIN_CHARS

__all__ = [
    "FUZZY_MIN_CHARS",
    "FUZZY_MIN_SCORE",
    "SENTENCE_END",
    "TextIndex",
    "acronym",
    "acronyms_of",
    "index_of",
    "lowered",
    "normalize",
    "sentences",
    "unaccented",
]

FUZZY_MIN_SCORE = 93.0
FUZZY_MIN_CHARS = 16

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
    }
)  # fmt: skip


_FOLDS = re.compile("[" + "".join(re.escape(chr(code)) for code in _FOLD) + "]")


def _fold(match: re.Match[str]) -> str:
    return match.group().translate(_FOLD)


@functools.lru_cache(maxsize=512)
def normalize(text: str) -> tuple[str, list[int]]:
    """Fold quotes, dashes, case and runs of white space; map each output char to its source.
    Memoized (grounding folds the same passages and sentences for every item): callers must
    not change the list."""
    folded = _FOLDS.sub(_fold, text)  # ``text.translate(_FOLD)``, at the few it changes
    if len(folded) != len(text) or len(folded.casefold()) != len(folded):
        return _normalize_slowly(text)
    folded = folded.casefold()
    # The runs of non-space joined by single spaces (``str.split`` and ``\s`` agree on what
    # white space is), each space standing at the first white-space character between its
    # runs: offsets run on one by one but across a gap of two or more such characters, and
    # leading and trailing white space go. So they are laid out a stretch between two gaps
    # at a time, not a word at a time.
    out = " ".join(folded.split())
    start, stop = len(folded) - len(folded.lstrip()), len(folded.rstrip())
    origin: list[int] = []
    for gap in _GAPS.finditer(folded, start, stop):
        origin.extend(range(start, gap.start() + 1))
        start = gap.end()
    origin.extend(range(start, stop))
    return out, origin


_GAPS = re.compile(r"\s\s+")


def _normalize_slowly(text: str) -> tuple[str, list[int]]:
    """``normalize`` for text where folding changes lengths (ß -> ss, zero-width spaces)."""
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        folded = char.translate(_FOLD)
        if not folded:
            continue
        if folded.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                origin.append(i)
            continue
        for piece in folded.casefold():
            out.append(piece)
            origin.append(i)
    if out and out[-1] == " ":
        out.pop()
        origin.pop()
    return "".join(out), origin


class TextIndex:
    """An article prepared for locating passages in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded, self._origin = normalize(text)
        self.words = {_bare(w) for w in set(_WORD.findall(self.folded))}
        self._acronyms: frozenset[str] | None = None

    @functools.cached_property
    def plain_words(self) -> frozenset[str]:
        """The article's words without accents ("cote" for "Côte")."""
        return frozenset(unaccented(w) for w in self.words)

    @property
    def acronyms(self) -> frozenset[str]:
        """The initials of the article's capitalised names, case-folded: "who" for "the World
        Health Organization", "ebrd" for "European Bank for Reconstruction and Development"."""
        if self._acronyms is None:
            self._acronyms = acronyms_of(self.text)
        return self._acronyms

    def _span(self, start: int, end: int) -> tuple[int, int]:
        return self._origin[start], self._origin[end - 1] + 1

    def contains(self, phrase: str, *, within: int | None = None) -> bool:
        """True when ``phrase`` occurs in the article (in its first ``within`` characters),
        up to case, quotes, dashes and spaces."""
        needle = normalize(phrase)[0]
        if not needle:
            return False
        end = len(self.folded) if within is None else bisect.bisect_left(self._origin, within)
        return self.folded.find(needle, 0, end) != -1

    def find(self, passage: str, *, near: int | None = None) -> tuple[int, int] | None:
        """Offsets ``(start, end)`` of ``passage`` in the exact article text, or None.

        Of several exact occurrences, the one closest to offset ``near`` wins (else the first).
        """
        needle = normalize(passage)[0].strip(" .,;:")
        if len(needle) < PASSAGE_MIN_CHARS:
            return None
        hits = []
        at = self.folded.find(needle)
        while at != -1:
            hits.append(at)
            at = self.folded.find(needle, at + 1)
        if hits:
            if near is not None:
                best = min(hits, key=lambda h: abs(self._origin[h] - near))
            else:
                best = hits[0]
            return self._span(best, best + len(needle))
        if len(needle) < FUZZY_MIN_CHARS:
            return None
        match = fuzz.partial_ratio_alignment(needle, self.folded, score_cutoff=FUZZY_MIN_SCORE)
        if match is None or match.dest_end <= match.dest_start:
            return None
        return self._whole_words(match.dest_start, match.dest_end)

    def _whole_words(self, start: int, end: int) -> tuple[int, int] | None:
        """Widen a fuzzy window so it neither starts nor ends inside a word; trim spaces."""
        text = self.folded
        while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
        while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
            end += 1
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] == " ":
            end -= 1
        return self._span(start, end) if end > start else None

    def unknown_names(self, prose: str, *, label: bool = False) -> list[str]:
        """Capitalised words inside sentences of ``prose`` that the article never uses.

        A cheap net for invented people, places and organisations in free text (titles,
        summaries). Words open a sentence at the start or after ``. ! ? :``; those are skipped,
        being capitalised anyway, unless ``label`` (a short field such as an affiliation, where
        every capitalised word is a name). Words are runs of letters, whatever joins them.
        """
        unknown = [
            code
            for code in _CODE.findall(prose)
            if code.casefold() not in self.folded and code not in unknown_codes_ok
        ]  # "G7", "COP29": names with digits, which the word pattern cuts
        for match in _WORD.finditer(prose):
            word = match.group(0)
            opens = not label and _opens(prose, match.start())
            if opens or len(word) < 3 or not word[0].isupper():
                continue
            if not self._names(_bare(word.casefold())) and word not in unknown:
                unknown.append(word)
        return unknown

    def _names(self, word: str) -> bool:
        """Whether the article uses ``word``, or a place's adjective made of it ("Istria" for
        "the Istrian peninsula") or the place of an adjective ("Istrian" for "Istria"), or the
        initials of a name it writes ("WHO"); a hyphenated word when it names each part
        ("May-to-September")."""
        if word in self.words or any(word + s in self.words for s in _ADJECTIVE):
            return True
        if unaccented(word) in self.plain_words:  # "Côte", "São Tomé" where the article has none
            return True
        if word.endswith("s") and word[:-1] in self.words:  # "Bahrainis" for "Bahraini"
            return True
        if any(word.endswith(s) and word[: -len(s)] in self.words for s in _ADJECTIVE):
            return True
        if len(word) >= 2 and word in self.acronyms:
            return True
        parts = [p for p in word.split("-") if p]
        return len(parts) > 1 and all(p in self.words for p in parts)


#: A capitalised name of several words, small words allowed inside ("Bank for Reconstruction
#: and Development").
_NAME_RUN = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:(?:of|for|and|the|on|de)\s+)*[A-Z][\w’'-]*)+")


def unaccented(word: str) -> str:
    """``word`` without its accents: "cote" for "côte"."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=1024)
def acronyms_of(text: str) -> frozenset[str]:
    """The initials of every capitalised name of several words in ``text``, case-folded, and
    the forms where one word gives two letters ("AfDB" for "African Development Bank",
    "IsDB" for "Islamic Development Bank")."""
    out = set()
    for m in _NAME_RUN.finditer(text):
        # "Zambia's Competition and Consumer Protection Commission": CCPC, after the owner
        words = _capitalised(re.split(r"['’]s\s", m.group())[-1])
        out.add("".join(w[0] for w in words).casefold())
        out.update(
            "".join(w[:2] if k == n else w[0] for n, w in enumerate(words)).casefold()
            for k in range(len(words))
        )
    return frozenset(out)


def _capitalised(name: str) -> list[str]:
    words = name.split()
    while words and words[0] in ("The", "A", "An"):
        words = words[1:]
    return [w for w in words if w[:1].isupper()]


def acronym(name: str) -> str:
    """The initials of the capitalised words of ``name``: "WHO" for "World Health
    Organization's"."""
    return "".join(w[0] for w in _capitalised(name))  # "The Asian Development Bank": ADB


#: Endings that make a place's adjective of its name.
_ADJECTIVE = ("n", "an", "ian", "i")  # "Istrian", "Qatari"

#: Where a sentence ends: . ! ? or … then any closing quotes or brackets, then white space.
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
# A sentence also ends at a line break (headlines, datelines, list items carry no period).
_CLOSERS = "\"'”’)]"
_SENTENCE_OR_LINE_END = re.compile(SENTENCE_END.pattern + r"|\s*\n\s*")


# A period that ends an abbreviation, not a sentence: a title before a name ("Mr. Mamani",
# "Gen. Okafor"), a month before its day ("on Feb. 12"), an initial ("John F. Kennedy").
_TITLE_ABBREVIATION = re.compile(
    r"(?:^|[\s(\"“‘'])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Gov|Sen|Rep|Rev|Hon|"
    r"St|Mt|Ft|No|Nos|vs|approx|Pres|Sec|Supt|Insp|Cmdr)\.$"
)
_MONTH_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$", re.I
)
_INITIAL = re.compile(r"(?:^|\s)[A-Z][a-z]+\s+[A-Z]\.$")


def _abbreviation(before: str, after: str) -> bool:
    """Whether the period that ends ``before`` belongs to an abbreviation, given the text
    ``after`` the white space that follows it."""
    if _TITLE_ABBREVIATION.search(before):
        return True
    if _MONTH_ABBREVIATION.search(before):
        return after[:1].isdigit()
    word = after.split(" ", 1)[0]
    return bool(_INITIAL.search(before)) and word[:1].isupper() and word not in _OPENERS


_OPENERS = frozenset("The Then A An It He She They We I But And In On At This That Its His Her "
                     "Their There Both After Before When While".split())  # fmt: skip


@functools.lru_cache(maxsize=8)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) offsets of the sentences of ``text``, white space excluded."""
    spans = []
    start = 0
    for match in [*_SENTENCE_OR_LINE_END.finditer(text), None]:
        if (
            match is not None
            and "\n" not in match.group()
            and _abbreviation(text[max(start, match.start() - 40) : match.start()],
                              text[match.end() : match.end() + 20])
        ):  # fmt: skip
            continue
        end = len(text)
        if match:  # the closing quotes or brackets a sentence end takes belong to the sentence
            end = match.start() + len(match.group()) - len(match.group().lstrip(_CLOSERS))
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        if match:
            start = match.end()
    return tuple(spans)


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_CODE = re.compile(r"\b[A-Z][A-Za-z]*\d+[A-Za-z\d]*\b")
unknown_codes_ok: frozenset[str] = frozenset()
# What precedes a word that opens a sentence: nothing, or . ! ? : then spaces and quotes.
_SENTENCE_START = re.compile(r"(?:^|[.!?:])[\s\"'“‘(\[«]*$")


def _opens(prose: str, at: int) -> bool:
    """Whether ``_SENTENCE_START`` finds ``prose[:at]`` (a sentence opens at ``at``), read
    back from ``at`` instead of searched for from the start of the prose at every word."""
    while at > 0 and (prose[at - 1].isspace() or prose[at - 1] in _OPENING_MARKS):
        at -= 1
    return at == 0 or prose[at - 1] in ".!?:"


_OPENING_MARKS = "\"'“‘([«"  # with white space, what ``_SENTENCE_START`` lets stand before


def _bare(word: str) -> str:
    return word.removesuffix("'s").strip("'-")


#: The characters ``re.IGNORECASE`` matches with an ASCII letter that ``str.lower()`` does not
#: make that letter ("İ" also lowers to two characters).
_ODD_CASES = ("İ", "ı", "ſ")


def lowered(text: str) -> str | None:
    """``text.lower()`` where it can stand in for ``text`` under ``re.IGNORECASE``, or None.

    Same length and offsets; and a pattern whose literals are lower case (ASCII, or one of
    the others tests/test_spans.py checks: "çéü", currency signs) and whose classes are
    ``\\w``, ``\\d``, ``\\s`` and ``\\b`` matches ``text`` ignoring case exactly where, and as far
    as, it matches the copy as written: a case-sensitive search, several times faster. That
    holds for every code point but "İ", "ı" and "ſ"
    (tests/test_spans.py checks them all); a text holding one gets None.
    """
    if any(odd in text for odd in _ODD_CASES):
        return None
    return text.lower()


@functools.lru_cache(maxsize=64)
def index_of(article: str) -> TextIndex:
    """The ``TextIndex`` of an article, built once: a brief is grounded at each attempt."""
    return TextIndex(article)
