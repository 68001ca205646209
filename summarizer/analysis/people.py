"""People: the names an article gives, with the title and affiliation written next to each.

Rules, no statistical model. A name is a run of one to four capitalised words that no word list
claims (``lexicon``): not a title, a country, a month, an organisation's or a place's last word.
What makes it a person is what stands next to it:

- a title before it: "Turkish President Recep Tayyip Erdogan", "Tallis founder Jonas Aberg",
  "Minister of Information Attaullah Tarar", "Marshal Syed Asim Munnir";
- a title in apposition: "the deputy mayor, Ruth Okafor,", "Ms Okafor, the trade minister,",
  "Maria Ruiz, Acme's chairwoman,";
- an honorific ("Mr Okafor"), a verb of speech ("Quinn said"), or two words or more.

A later short form ("Sharif", "Mr Okafor", "President Erdogan") is linked to the full name it
ends or shares a word with. Each ``Mention`` keeps its offsets and the words found next to it;
``Person`` gathers the mentions of one person.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from ..spans import acronym
from .lexicon import (
    COUNTRIES,
    DEMONYMS,
    DOCUMENT_WORDS,
    HONORIFICS,
    MODIFIERS,
    NOT_NAMES,
    ORG_WORDS,
    PLACE_WORDS,
    PORTFOLIOS,
    SPEECH_VERBS,
    TITLE_HEADS,
)

__all__ = ["Mention", "Person", "find_people", "org_names", "tokens"]

#: A token: a word (letters, inner apostrophes or hyphens, a possessive), a number, or a mark.
TOKEN = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*(?:['’]s?)?|\d+(?:[.,]\d+)*|\S", re.UNICODE)
_DETERMINERS = frozenset("the a an its his her their our this that".split())
_PARTICLES = frozenset("de da del der van von bin bint al el la le di du ibn ben".split())
_LINKS = frozenset("of for at on in to".split())
_PLACE_FIRST = frozenset("port lake mount cape fort saint st san santa puerto porto santo".split())
_NOT_ROLES = frozenset("counterpart colleague".split())
#: Courtesy titles, which stand before a title as before a name: "Ms Justice Áine Brosnan"
#: (fewer than ``analysis._COURTESY``, which a name drops: not "Sir", "Lord", "Dr").
_COURTESY_BEFORE_TITLE = frozenset("mr mrs ms miss mx".split())
#: Continents and regions a single capitalised word names: "who heads Asia operations".
_REGIONS = frozenset("Africa Asia Europe Oceania Americas Antarctica Eurasia Scandinavia".split())
_ABBREVIATIONS = {
    "UN": "United Nations",
    "EU": "European Union",
    "IMF": "International Monetary Fund",
    "NATO": "NATO",
    "WHO": "World Health Organization",
    "WTO": "World Trade Organization",
    "AU": "African Union",
}


class Tok:
    """A word and its offsets; what the rules ask of it is worked out once, when it is made
    (the rules ask it of every word, several times). Read-only by convention: a plain class
    with slots, as ~600 are made per article."""

    __slots__ = ("capital", "end", "low", "name_word", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        #: ``low``: the word without a possessive ending, case-folded; ``name_word``: whether
        #: the word can be part of a person's name.
        self.low, self.capital, self.name_word = _facts(text)

    def __repr__(self) -> str:
        return f"Tok({self.text!r}, {self.start}, {self.end})"


# A word's facts depend on its letters alone, and most words of an article are words of the
# last few: worked out once per word (a few thousand kept), not once per occurrence.
@functools.lru_cache(maxsize=4096)
def _facts(word: str) -> tuple[str, bool, bool]:
    """A word's ``Tok.low``, ``Tok.capital`` and ``Tok.name_word``."""
    bare = _bare(word)
    low = bare.casefold()
    return low, word[:1].isupper(), _name_word(bare, low)


_ENDINGS = ("'s", "’s", "'", "’")


def _bare(word: str) -> str:
    if not word.endswith(_ENDINGS):
        return word
    for suffix in _ENDINGS:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


def _possessive(tok: Tok) -> bool:
    return tok.text.endswith(("'s", "’s", "s'", "s’"))


def _plural_possessive(tok: Tok) -> bool:
    """ "Growers’", "Farmers'": the owner of a body's name, not a person's."""
    return tok.text.endswith(("s'", "s’"))


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """The words of ``text[start:end]`` with their offsets in ``text``: a slice of the whole
    text's words, which are made once per text (the analysis asks for every sentence's, and
    for the whole text's several times). Callers must not change the list."""
    words, starts = _words_of(text)
    stop = len(text) if end is None else end
    i = bisect.bisect_left(starts, start)
    j = bisect.bisect_left(starts, stop)
    if (i > 0 and words[i - 1].end > start) or (j > i and words[j - 1].end > stop):
        # A word the bounds cut: made again as the bounds have it.
        return [Tok(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, start, stop)]
    return words if i == 0 and j == len(words) else words[i:j]


# Kept for one analysis, which asks for the same text's words again and again, not across
# articles: a 2 MB article has ~350,000 words, some 50 MB of them.
@functools.lru_cache(maxsize=16)
def _words_of(text: str) -> tuple[list[Tok], list[int]]:
    words = [Tok(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
    return words, [word.start for word in words]


def _lexical(low: str) -> bool:
    """Whether a lower-case word belongs to a word list (so it is not part of a name)."""
    singular = low[:-1] if low.endswith("s") else low
    return (
        low in TITLE_HEADS or singular in TITLE_HEADS or low in MODIFIERS
        or low in HONORIFICS or low in NOT_NAMES or low in DEMONYMS or low in PORTFOLIOS
        or low in _NOT_ROLES
    )  # fmt: skip


def _name_word(bare: str, low: str) -> bool:
    """Whether a word (``bare``: without its possessive ending; ``low``: that, case-folded)
    can be part of a person's name."""
    particle, _, rest = bare.partition("-")
    if particle in _PARTICLES and rest[:1].isupper():
        return True  # "al-Rawahi", "el-Sayed", "bin-Talal"
    if not bare[:1].isupper() or not bare[:1].isalpha():
        return False
    if len(bare) > 1 and bare.isupper():  # acronyms: COAS, DGMO, NATO
        return False
    return not _lexical(low)


@dataclass
class Mention:
    """One place where the article names a person."""

    start: int
    end: int
    text: str
    sentence: int
    #: The title as written next to the name ("Prime Minister", "deputy mayor"), or None.
    role: str | None = None
    role_span: tuple[int, int] | None = None
    #: The country or organisation written next to the name, as the article names it.
    affiliation: str | None = None
    affiliation_span: tuple[int, int] | None = None
    #: Why this is a person: "title", "apposition", "honorific", "speech", "full name".
    evidence: str = "full name"
    #: Other titles written next to this mention ("Colonel X, commander of the coast guard").
    more_roles: list[str] = field(default_factory=list)
    #: True when the affiliation is the side of the delegation the person is listed in, not
    #: words next to the name.
    side_inferred: bool = False
    #: True when the name's first word opens its sentence (and may not be a name at all).
    start_of_sentence: bool = False


@dataclass
class Person:
    """Everyone the article names, once, with every mention."""

    name: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def aliases(self) -> list[str]:
        return sorted({m.text for m in self.mentions if m.text != self.name})

    @property
    def roles(self) -> list[str]:
        return _unique([r for m in self.mentions for r in (m.role, *m.more_roles)])

    @property
    def affiliations(self) -> list[str]:
        return _unique(m.affiliation for m in self.mentions)

    @property
    def sentences(self) -> list[int]:
        return sorted({m.sentence for m in self.mentions})

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


def _unique(values: object) -> list[str]:
    out: list[str] = []
    for value in values:  # type: ignore[attr-defined]
        if value and value not in out:
            out.append(value)
    return out


def _name_runs(toks: list[Tok]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of runs of name words (particles allowed inside)."""
    runs = []
    i = 0
    while i < len(toks):
        if not toks[i].name_word:
            i += 1
            continue
        if toks[i].low in _PLACE_FIRST:  # "Santo Tomás de Castilla": a place, all of it
            i += 1
            while i < len(toks) and (toks[i].name_word or toks[i].low in _PARTICLES):
                i += 1
            continue
        j = i + 1
        while j < len(toks):
            if toks[j].name_word and not _possessive(toks[j - 1]):
                j += 1
            elif (
                toks[j].low in _PARTICLES and j + 1 < len(toks) and toks[j + 1].name_word
                and toks[j].start == toks[j - 1].end + 1
            ):  # fmt: skip
                j += 2
            else:
                break
        # "Selwyn Coast Trust", "Rope Street": a name that ends in an organisation's or a
        # place's word is not a person's ("Park Min-jun" is: the word only starts it).
        last = toks[j - 1].low
        # ... unless a courtesy title says it is a person's: "Mr Park" (Park Jong-hoon)
        titled = i > 0 and toks[i - 1].text.rstrip(".") in _COURTESY_TITLES
        if (
            j - i <= 4
            and not _org_or_place(toks, j)
            and (titled or last not in ORG_WORDS | PLACE_WORDS | DOCUMENT_WORDS)
        ):
            runs.append((i, j))
        i = j
    return runs


#: Courtesy titles that only ever stand before a person's name.
_COURTESY_TITLES = frozenset("Mr Ms Mrs Miss Dr Prof Sir Dame".split())


def _org_or_place(toks: list[Tok], j: int) -> bool:
    """Whether the run ending before ``j`` goes on into an organisation's or place's name."""
    return j < len(toks) and toks[j].capital and toks[j].low in ORG_WORDS | PLACE_WORDS


def org_names(text: str, start: int = 0) -> list[str]:
    """Capitalised names ending in an organisation word in ``text[start:]``: "Regional
    Development Bank"."""
    found: list[str] = []
    toks = tokens(text, start)
    for n, tok in enumerate(toks):
        longer = n + 1 < len(toks) and toks[n + 1].capital and toks[n + 1].low in ORG_WORDS
        if tok.capital and tok.low in ORG_WORDS and len(tok.text) > 1 and not longer:
            i = n
            after_and = None
            while i > 0:
                before = toks[i - 1]
                if before.low == "and" and i > 1 and toks[i - 2].capital and i < n:
                    after_and = after_and or i
                    i -= 1
                    continue
                if not before.capital or before.low in NOT_NAMES:
                    break
                if _possessive(before) and not _plural_possessive(before):
                    break  # "Kenya's Energy Authority"; not "Zimbabwe Farmers' Union"
                i -= 1
            if after_and is not None and not (i > 0 and toks[i - 1].low == "the"):
                # "the Food and Agriculture Organization" is one body; "Nassau and Rand
                # Memorial Hospital", "Minister Wanjiru Kamau and Tanzanian Energy" are not
                i = after_and
            if i < n:
                name = text[toks[i].start : tok.end]
                name = _bare(name)
                if name not in found:
                    found.append(name)
    return found


def _title_before(
    text: str, toks: list[Tok], i: int, across_comma: bool, names: frozenset[int] = frozenset()
) -> tuple[int, int] | None:
    """The title phrase ending right before token ``i``, as token indexes [a, b), or None.
    Tokens in ``names`` belong to other people's names: a title never reaches over them."""
    k = i - 1
    if across_comma:
        if k < 0 or toks[k].text != ",":
            return None
        k -= 1
    else:
        back = k - 1 if k >= 0 and toks[k].low == "the" else k
        if back >= 0 and toks[back].low in _LINKS:
            return None  # "the governor of Mendoza": the name is the title's complement
        if k >= 0 and toks[k].low == "and":
            return None  # "Minister of Water Resources and Irrigation": still the title
    b = k + 1
    # Complement first, read backwards: "of Information", "of Staff of the Army (COAS)".
    while k >= 0 and not (  # "Justice Rosnah Kamaruddin": a title, though also a portfolio
        k == i - 1 and _is_head(toks[k]) and (k == 0 or toks[k - 1].low not in ("of", "for"))
    ) and (
        toks[k].low in PORTFOLIOS or toks[k].low in ("of", "for", "the", "and", "(", ")")
        # "Indonesia's ambassador to Australia, Rizal Hakim": the posting, in the complement
        or (across_comma and toks[k].low in ("to", "in") and k > 0 and _is_head(toks[k - 1]))
        or (toks[k].text.isupper() and len(toks[k].text) > 1)
        or (across_comma and toks[k].low not in TITLE_HEADS
            and toks[k].text not in ",;:" and _linked_complement(toks, k))
        # "A spokesman for Brazilian President Celso Vilar, Rafael Teixeira": the principal,
        # title and name, is the complement of the spokesman's title.
        or (across_comma and (k in names or (_is_head(toks[k]) and k + 1 in names))
            and _linked_complement(toks, k))
    ):  # fmt: skip
        k -= 1
    head = k
    if head < 0 or not _is_head(toks[head]):
        return None
    k -= 1
    while k >= 0 and k not in names and (
        _is_head(toks[k]) or toks[k].low in MODIFIERS or toks[k].low in DEMONYMS
        # "founder and chief executive": two titles of one person
        or (toks[k].low == "and" and k > 0 and _is_head(toks[k - 1]) and k - 1 not in names)
        # "Fisheries and Livestock Minister": one portfolio of two words
        or (toks[k].low == "and" and k > 0 and toks[k - 1].low in PORTFOLIOS
            and toks[k + 1].low in PORTFOLIOS)
        or _possessive(toks[k]) or (toks[k].capital and toks[k].low not in NOT_NAMES
                                    and toks[k].text not in ",;:")
    ):  # fmt: skip
        k -= 1
    if k >= 0 and toks[k].low in _DETERMINERS:
        k -= 1
    a = k + 1
    while a < head and toks[a].low in _DETERMINERS:
        a += 1
    return (a, b) if a < b else None


def _linked_complement(toks: list[Tok], k: int) -> bool:
    """Whether lower-case token ``k`` sits inside an "of ..." complement after a title head,
    the complement's own complement included ("head of the European Union delegation to
    Albania")."""
    for j in range(k - 1, max(k - 10, -1), -1):
        if toks[j].low in _LINKS and any(_is_head(t) for t in toks[max(j - 4, 0) : j]):
            return True
        if toks[j].text in ",;:":
            return False
    return False


def _is_head(tok: Tok) -> bool:
    low = tok.low
    return (
        low in TITLE_HEADS or (low.endswith("s") and low[:-1] in TITLE_HEADS) or low in _NOT_ROLES
    )


def _title_after(toks: list[Tok], j: int) -> tuple[int, int] | None:
    """A title in apposition after the name ending before token ``j``: ", the trade minister,"."""
    if j >= len(toks) or toks[j].text != ",":
        return None
    k = j + 1
    end = k
    has_head = False
    while end < len(toks) and toks[end].text not in ',;:."“”' and end - k < 10:
        tok = toks[end]
        if tok.low in SPEECH_VERBS or tok.low in ("who", "which", "whose", "said"):
            return None
        has_head = has_head or _is_head(tok)
        end += 1
    if not has_head or end == k:
        return None
    if end + 1 < len(toks) and toks[end].text == "," and toks[end + 1].name_word:
        return None  # "Vost, its director of operations, Pieter Lindqvist": Lindqvist's title
    first = toks[k]
    allowed = first.low in _DETERMINERS or _possessive(first) or _is_head(first)
    allowed = allowed or first.low in MODIFIERS or first.low in DEMONYMS or first.capital
    return (k, end) if allowed else None


def _split_title(
    text: str, toks: list[Tok], a: int, b: int
) -> tuple[str | None, tuple[int, int] | None, str | None, tuple[int, int] | None]:
    """A title phrase split into (role, its span, affiliation, its span)."""
    affiliation = None
    aff_span = None
    k = a
    while k < b and (toks[k].low in _DETERMINERS or toks[k].low in _COURTESY_BEFORE_TITLE):
        k += 1  # "the", "Ms" (Ms Justice Áine Brosnan)
    # Leading affiliation: a demonym, a country, a possessive, or capitalised non-title words.
    m = k
    while m < b and not _is_head(toks[m]):
        if _possessive(toks[m]) or toks[m].low in DEMONYMS:
            m += 1
            break
        if m + 1 < b and f"{toks[m].low} {toks[m + 1].low}" in DEMONYMS:
            m += 2  # "Sri Lankan", "Costa Rican"
            break
        if toks[m].low in PORTFOLIOS:
            m = k  # "Water Resources Minister": a portfolio, part of the title
            break
        if (
            (toks[m].capital or toks[m].text.isupper())
            and toks[m].low not in MODIFIERS and toks[m].low not in NOT_NAMES
        ):  # fmt: skip
            m += 1
            continue
        break
    if m > k and not (m == k + 1 and toks[k].low in MODIFIERS and not _possessive(toks[k])):
        aff_span = (toks[k].start, toks[m - 1].end)
        affiliation = _bare(text[aff_span[0] : aff_span[1]])
        k = m
    if k >= b:
        return None, None, affiliation, aff_span
    span = (toks[k].start, toks[b - 1].end)
    role = text[span[0] : span[1]].strip(" ,")
    if affiliation is None:  # "managing director of the Kenya National Grid Authority"
        for n in range(k + 1, b - 1):
            if (toks[n].low in ("of", "for", "at") and _is_head(toks[n - 1])) or (
                toks[n].low in ("of", "for", "at") and toks[n - 1].low in MODIFIERS | PORTFOLIOS
            ):
                rest = n + 1 + (toks[n + 1].low == "the")
                if rest < b and toks[rest].capital and toks[rest].low not in PORTFOLIOS:
                    aff_span = (toks[rest].start, toks[b - 1].end)
                    affiliation = _bare(text[aff_span[0] : aff_span[1]]).strip(" ,")
                break
    if role.casefold() in _NOT_ROLES or not any(_is_head(t) for t in toks[k:b]):
        return None, None, affiliation, aff_span
    return role, span, affiliation, aff_span


def _country_of(word: str) -> str | None:
    return DEMONYMS.get(word.casefold())


def country_of_adjective(word: str, text: str) -> str | None:
    """The place an unlisted adjective names, when the article names it too: "Mauritanian"
    -> "Mauritania", "Estlandic" -> no, "Lutavian" -> "Lutavia"."""
    if not word[:1].isupper() or " " in word:
        return None
    for suffix, replacement in (("ian", "ia"), ("an", "a"), ("ian", ""), ("an", ""), ("n", ""),
                                ("ese", ""), ("ese", "e"), ("i", "")):  # fmt: skip
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + replacement
            if re.search(rf"\b{re.escape(stem)}\b", text):
                return stem
    return None


def find_people(text: str, sentences: tuple[tuple[int, int], ...]) -> list[Person]:
    """Every person the article names, full names first, short forms linked to them."""
    mentions: list[Mention] = []
    for s, (start, end) in enumerate(sentences):
        toks = tokens(text, start, end)
        runs = [(i, j) for i, j in _name_runs(toks) if not _not_a_person(toks, i, j)]
        names = frozenset(k for i, j in runs if j - i > 1 for k in range(i, j))
        for i, j in runs:
            mentions.append(_mention(text, toks, i, j, s, names))
    return _group(mentions, text)


def _not_a_person(toks: list[Tok], i: int, j: int) -> bool:
    """Whether the run of name words ``toks[i:j]`` is not a person's name for all its
    capitals: a country or a demonym ("Costa Rica", "Costa Rican"), the words of a portfolio
    ("Minister of Fisheries and Marine Resources"), or part of a body's name ("the Chamber of
    Cargo Carriers", "the Tea Growers’ Cooperative")."""
    words = _bare(" ".join(t.text for t in toks[i:j]))
    if words in COUNTRIES or words in _REGIONS or (j - i > 1 and words.casefold() in DEMONYMS):
        return True
    if words.endswith(("Red Cross", "Red Crescent")):  # "the Cyprus Red Cross"
        return True
    if j - i == 1 and j < len(toks) and toks[j].capital and toks[j].low in PORTFOLIOS:
        return True
    if j < len(toks) and _plural_possessive(toks[j - 1]) and toks[j].capital:
        return toks[j].low in ORG_WORDS  # "the Gisovu Tea Growers’ Cooperative"
    body = i > 1 and toks[i - 2].capital and toks[i - 2].low in ORG_WORDS
    return body and toks[i - 1].low == "of"


def _mention(
    text: str, toks: list[Tok], i: int, j: int, sentence: int, names: frozenset[int]
) -> Mention:
    start, end = toks[i].start, toks[j - 1].end
    name = _bare(text[start:end])
    end = start + len(name)
    name = " ".join(name.split())  # "Juma\nMfinanga" in hard-wrapped copy
    mention = Mention(start, end, name, sentence, start_of_sentence=i == 0)
    before = i - 1
    if before >= 0 and toks[before].low in HONORIFICS and toks[before].capital:
        mention.evidence = "honorific"
    phrase = _title_before(text, toks, i, across_comma=False, names=names)
    single = phrase == (before, i)  # one word of title: "Colonel", "Marshal", "President"
    if before >= 0 and (toks[before].low in HONORIFICS or single) and phrase in (None, (before, i)):
        # "..., Marshal Syed Asim Munnir": the title stands before the rank.
        phrase = _title_before(text, toks, before, across_comma=True, names=names) or phrase
    if phrase is None:
        phrase = _title_before(text, toks, i, across_comma=True, names=names)
        if phrase is not None:
            mention.evidence = "apposition"
    elif mention.evidence != "honorific":
        mention.evidence = "title"
    after = _title_after(toks, j)
    for span_tokens in (phrase, after):
        if span_tokens is None:
            continue
        role, role_span, affiliation, aff_span = _split_title(text, toks, *span_tokens)
        if mention.role is None and role:
            mention.role, mention.role_span = role, role_span
            if span_tokens is after:
                mention.evidence = "apposition"
        elif role and role != mention.role:
            mention.more_roles.append(role)
        if mention.affiliation is None and affiliation:
            mention.affiliation, mention.affiliation_span = affiliation, aff_span
    # "Foreign Minister Katja Lind of Nordmark"
    if mention.affiliation is None and j + 1 < len(toks) and toks[j].low == "of":
        nxt = toks[j + 1]
        if nxt.capital and nxt.low not in NOT_NAMES:
            stop = j + 2
            while stop < len(toks) and toks[stop].capital and toks[stop].low not in NOT_NAMES:
                stop += 1
            mention.affiliation_span = (nxt.start, toks[stop - 1].end)
            mention.affiliation = _bare(text[nxt.start : toks[stop - 1].end])
    if mention.role is None or set(mention.role.casefold().split()) & _PLURAL_ENDINGS:
        _listed_title(text, mention)
    if mention.evidence == "full name":
        near = {t.low for t in toks[max(i - 2, 0) : i] + toks[j : j + 2]}
        if near & SPEECH_VERBS:
            mention.evidence = "speech"
    return mention


# A plural title, then the people who hold it, listed: "The foreign ministers of both
# countries, Andrés Villagrán of Chile and Martina Goyeneche of Argentina," / "the energy
# ministers, Chile's Paula Henríquez and Argentina's Joaquín Ledesma".
_PLURAL_TITLE = re.compile(
    r"\b((?:(?!the\b|a\b|its\b|their\b|two\b|three\b|four\b|both\b)[a-z-]+\s+){0,2}(minister|president|leader|executive|governor|mayor|envoy|"
    r"ambassador|commissioner|chief|secretar)(?:s|ies))(?:\s+of\s+(?:both|the\s+two)\s+\w+)?,\s+"
)
_PLURAL_HEAD = re.compile(
    r"(?:minister|president|leader|executive|governor|mayor|envoy|ambassador|commissioner"
    r"|chief|secretar)(?:s|ies)"
)
_PLURAL_ENDINGS = frozenset(
    "ministers presidents leaders executives governors mayors envoys "
    "ambassadors commissioners chiefs secretaries".split()
)
_NAME = r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*"
_LISTED_BEFORE = re.compile(
    rf"^(?:(?:{_NAME}['’]s\s+)?{_NAME}(?:\s+of\s+{_NAME})?(?:,\s+and\s+|,\s+|\s+and\s+))*"
    rf"(?:(?P<owner>{_NAME})['’]s\s+)?$"
)


def _listed_title(text: str, mention: Mention) -> None:
    """Give ``mention`` the singular of a plural title that lists it, with the owner written
    before its name ("Chile's"), if any."""
    before = text[max(0, mention.start - 200) : mention.start]
    if not _PLURAL_HEAD.search(before):  # what every ``_PLURAL_TITLE`` holds
        return
    found = next(reversed(list(_PLURAL_TITLE.finditer(before))), None)  # the nearest
    if found is None:
        return
    listed = _LISTED_BEFORE.match(before[found.end() :])
    if listed is None:
        return
    offset = mention.start - len(before)
    plural = found.group(1)
    singular = plural[:-3] + "y" if plural.endswith("ies") else plural[:-1]
    mention.role = singular
    mention.role_span = (offset + found.start(1), offset + found.start(1) + len(singular))
    mention.more_roles = [r for r in mention.more_roles if r != plural]
    owner = listed.group("owner")
    if owner and mention.affiliation is None:
        at = offset + found.end() + listed.start("owner")
        mention.affiliation = country_of_adjective(owner, text) or owner
        mention.affiliation_span = (at, at + len(owner))
    mention.evidence = "apposition"


def _group(mentions: list[Mention], text: str) -> list[Person]:
    people: list[Person] = []
    full = sorted(
        (m for m in mentions if len(m.text.split()) > 1), key=lambda m: -len(m.text.split())
    )
    for mention in full:
        words = mention.text.casefold().split()
        person = next((p for p in people if p.name == mention.text), None)
        if person is None:  # "Al Suwaidi" after "Mariam Al Suwaidi", "De Wit" after "Anouk de Wit"
            person = next(
                (p for p in people if p.name.casefold().split()[-len(words) :] == words), None
            )
        if person is None:
            person = Person(mention.text)
            people.append(person)
        person.mentions.append(mention)
    for person in list(people):
        # "Later Okafor": a word that opens the sentence, then a known surname.
        first, *rest = person.name.split()
        lone = person.mentions[0]
        if not rest or len(person.mentions) > 1 or not lone.start_of_sentence:
            continue
        if lone.evidence != "full name":
            continue
        tail = [w.casefold() for w in rest]
        owner = next((p for p in people if p is not person
                      and p.name.casefold().split()[-len(tail):] == tail
                      and any(m.evidence != "full name" or not m.start_of_sentence
                              for m in p.mentions)), None)  # fmt: skip
        if owner is not None:
            mention = person.mentions[0]
            cut = len(first) + 1
            mention.start, mention.text = mention.start + cut, mention.text[cut:]
            owner.mentions.append(mention)
            people.remove(person)
    placed = {id(m) for p in people for m in p.mentions}
    for mention in mentions:
        if len(mention.text.split()) > 1 or id(mention) in placed:
            continue
        word = mention.text.casefold()
        owners = [p for p in people if word in (w.casefold() for w in p.name.split())]
        if len(owners) == 1:
            owners[0].mentions.append(mention)
        elif not owners and mention.evidence in ("title", "honorific", "apposition"):
            person = next((p for p in people if p.name == mention.text), None)
            if person is None:
                person = Person(mention.text)
                people.append(person)
            person.mentions.append(mention)
    # A two-word run with no sign of a person and no short form is more likely a name of
    # something else ("Baltic Rim", "Sindoor Operation"): keep only people with some sign.
    kept = [p for p in people if _looks_like_person(p)]
    for person in kept:
        person.mentions.sort(key=lambda m: m.start)
        for mention in person.mentions:
            if mention.affiliation:
                mention.affiliation = resolve_affiliation(mention.affiliation, text)
    for person in kept:  # "Ferrante's spokesman": the principal's affiliation
        for mention in person.mentions:
            principal = _named(kept, mention.affiliation) if mention.affiliation else None
            if principal is not None and principal is not person and _titled_person(principal):
                own = [m.affiliation for m in principal.mentions
                       if m.affiliation and _named(kept, m.affiliation) is None]  # fmt: skip
                mention.affiliation = own[0] if own else None
    kept.sort(key=lambda p: p.mentions[0].start)
    _counterparts(kept, text)
    _possessive_owners(kept, text)
    return kept


_OWNER = re.compile(r"([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s\s+$")


def _possessive_owners(people: list[Person], text: str) -> None:
    """ "Pannon Gáz's chief executive, Attila Vörös": a title with no affiliation is the
    organisation's named in the possessive before it, when the analysis took that name for a
    person with no title of its own (a company's name looks like a person's)."""
    untitled = {p.name for p in people if not p.roles}
    for person in people:
        for mention in person.mentions:
            if mention.affiliation or mention.role_span is None:
                continue
            owner = _OWNER.search(text, max(0, mention.role_span[0] - 60), mention.role_span[0])
            if owner and owner.group(1) in untitled:
                mention.affiliation = owner.group(1)
                mention.affiliation_span = owner.span(1)


def _counterparts(people: list[Person], text: str) -> None:
    """ "Agriculture Minister Johanna Pichler hosted her Czech counterpart, Tomáš Hrubý": a
    counterpart holds the title of the one named before, in the same sentence."""
    titled = [(m, p) for p in people for m in p.mentions if m.role]
    for person in people:
        for mention in person.mentions:
            written = mention.role or text[max(0, mention.start - 30) : mention.start]
            if not _COUNTERPART_END.search(written):
                continue
            before = [(m, p) for m, p in titled if p is not person
                      and m.sentence == mention.sentence and m.start < mention.start
                      and m.role and m.role.casefold().split()[-1] not in _COUNTERPART]  # fmt: skip
            if before:
                role = max(before, key=lambda mp: mp[0].start)[0].role
                if role and role not in mention.more_roles:
                    mention.more_roles.append(role)


_COUNTERPART = frozenset({"counterpart", "counterparts"})
_COUNTERPART_END = re.compile(r"\bcounterparts?[\s,]*$", re.I)


def _titled_person(person: Person) -> bool:
    """Whether a title or an honorific marks ``person`` as a person, not a company written
    like a name ("Verhoeven Packaging": "Verhoeven's finance chief" works for it)."""
    marked = ("title", "honorific", "apposition")
    return any(m.role or m.evidence in marked for m in person.mentions)


def _named(people: list[Person], words: str) -> Person | None:
    """The person ``words`` name (full name or a word of it), if exactly one."""
    low = words.casefold()
    found = [p for p in people if low == p.name.casefold() or low in p.name.casefold().split()
             or (len(p.name.split()) > 1 and low.endswith(" " + p.name.casefold()))]  # fmt: skip
    return found[0] if len(found) == 1 else None


def _looks_like_person(person: Person) -> bool:
    signs = {m.evidence for m in person.mentions}
    if signs - {"full name"}:
        return True
    return len(person.mentions) > 1 or (len(person.name.split()) >= 2 and _plausible(person.name))


def _plausible(name: str) -> bool:
    """Two or three words, none of them a place or organisation word."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(w.casefold() not in ORG_WORDS | PLACE_WORDS for w in words)


#: How the several-word names of countries that are no adjectives end ("Cabo Verde", "Côte
#: d'Ivoire", "São Tomé"), unlike "Costa Rican", "Sri Lankan" and "South African".
_COUNTRY_NAME_ENDS = ("e", "é", "o", "a")


def resolve_affiliation(words: str, text: str) -> str:
    """The affiliation the words stand for: a demonym's country, an abbreviation the article
    spells out, or the organisation whose name starts or ends with the word ("Fenwick" ->
    "Fenwick Robotics", "bank" -> "Regional Development Bank")."""
    if words in COUNTRIES:
        return words  # "Malta", not the "Malta Shipowners' Forum"
    country = _country_of(words) or country_of_adjective(words, text)
    if country and not (" " in words and words.endswith(_COUNTRY_NAME_ENDS)):
        return country  # "Turkish": Turkey; a country's other name stays ("Cabo Verde")
    if words in _ABBREVIATIONS and _ABBREVIATIONS[words] in text:
        return _ABBREVIATIONS[words]
    low = words.casefold()
    for org in org_names(text):
        parts = org.casefold().split()
        if len(parts) > 1 and (parts[0] == low or parts[-1] == low.removeprefix("the ")):
            return org
        if words.isupper() and len(words) > 1 and acronym(org) == words:
            return org  # "RDB": the Rwanda Development Board
    return words
