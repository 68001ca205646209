"""Places, parties and meeting cues: where and between whom something happened.

- ``places``: capitalised names after "in", "at", "to", "from", "visited", and the dateline
  place ("Islamabad –" at the head of the article); "at the Port Selwyn maritime museum" keeps
  its lower-case words up to the next punctuation.
- ``parties``: the countries the article names or implies by a demonym ("Turkish" -> Turkey),
  and the organisations it names ("Fenwick Robotics", "Regional Development Bank").
- ``cues``: sentences reporting a meeting (met, talks, summit, visit, call, signed...), each
  with the kind of meeting the word implies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..spans import lowered
from .lexicon import CITIES, COUNTRIES, DEMONYMS, MEETING_CUES, NOT_NAMES
from .people import Person, org_names

__all__ = [
    "Cue",
    "Place",
    "city_countries",
    "country_words",
    "dateline_place",
    "find_cues",
    "find_parties",
    "find_places",
]


@dataclass(frozen=True)
class Place:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Cue:
    sentence: int
    start: int
    end: int
    word: str
    kind: str


_PLACE = re.compile(
    r"\b(?:in|at|to|from|visited|near|outside)\s+(?:the\s+)?"
    r"((?:[A-Z][\w’'-]+)(?:\s+(?:[A-Z][\w’'-]+|of|de|la))*(?:\s+[a-z][\w’'-]+){0,3})"
)
_LOWER_TAIL = frozenset(
    "museum office headquarters hall palace building residence centre center house ministry "
    "harbour harbor port airport hotel embassy".split()
)
_FUNCTION_WORDS = frozenset(
    "since for to of the and with after before during when while as on at in from by than "
    "that which who where".split()
)
_DATELINE = re.compile(
    r"\s*([A-Z][A-Za-z’'.-]+(?:[ -][A-Z][A-Za-z’'.-]+){0,2})\s*(?:,[^–—\n]{0,40})?\s*(?:–|—|-|\()"
)


def dateline_place(text: str, body_start: int) -> Place | None:
    """The place an article is filed from: "Islamabad – ...", "GENEVA, May 3 (Agency) -", at
    the start of the body or of the paragraph after a headline (a first line with no full
    stop)."""
    m = _DATELINE.match(text, body_start)
    if m is None:
        headline_end = text.find("\n\n", body_start)
        headline = text[body_start:headline_end].strip()
        if headline_end == -1 or "\n" in headline or headline.endswith((".", "!", "?")):
            return None
        m = _DATELINE.match(text, headline_end)
    if m is None:
        return None
    word = m.group(1)
    if word.casefold() in NOT_NAMES:
        return None
    return Place(m.start(1), m.end(1), word)


_PLACE_PREFIXES = frozenset("New North South East West Upper Lower Great Old".split())
_ORGS = frozenset({"department", "ministry", "office", "government", "cabinet", "council",
                   "commission", "committee", "secretariat", "agency", "authority"})  # fmt: skip


def find_places(text: str, people: list[Person]) -> list[Place]:
    """Place names the article writes after a preposition of place."""
    named = {w.casefold() for p in people for w in p.name.split()
             if any(m.evidence != "full name" for m in p.mentions)}  # fmt: skip
    found: list[Place] = []
    for m in _PLACE.finditer(text):
        words = m.group(1).split()
        # Lower-case words after the name stop at a function word or a verb: "in Egypt since
        # taking office" is Egypt.
        for n, word in enumerate(words):
            if word[0].islower() and (word in _FUNCTION_WORDS or word.endswith("ing")):
                words = words[:n]
                break
        # Keep lower-case words only when they end in a building word ("maritime museum").
        while words and words[-1][0].islower() and words[-1].casefold() not in _LOWER_TAIL:
            words.pop()
        while words and words[-1] in ("of", "de", "la"):
            words.pop()
        compass = len(words) > 1 and words[0] in _PLACE_PREFIXES  # "New Delhi", "South Tarawa"
        if not words or (words[0].casefold() in NOT_NAMES and not compass):
            continue
        if words[0].casefold() in named or (len(words) == 1 and words[0].casefold() in _ORGS):
            continue  # "in the Department of Economic Affairs": an office, not a place
        if len(words) == 1 and (
            words[0].casefold() in DEMONYMS or words[0].endswith(("ian", "ese"))
        ):
            continue  # "the Peruvian side": an adjective, not a place
        phrase = " ".join(words)
        start = m.start(1)
        end = start + len(" ".join(m.group(1).split()[: len(words)]))
        if text[start:end] != phrase:  # line breaks inside: keep the text as written
            phrase = text[start:end]
        found.append(Place(start, end, phrase))
    return found


#: Every country name and demonym with its pattern, compiled once: searched by their source
#: text, the ~600 patterns overflowed the ``re`` module's cache of 512 and were compiled anew
#: on every call (20 ms an article). Demonyms are written lower-case and matched in any case.
_COUNTRY_WORDS: tuple[tuple[str, str, str, re.Pattern[str]], ...] = tuple(
    (
        country,
        word,
        word.casefold(),
        re.compile(rf"\b{re.escape(word)}\b", 0 if word[0].isupper() else re.I),
    )
    for country, names in COUNTRIES.items()
    for word in (country, *names)
)


_LETTERS = re.compile(r"[^\W\d_]+")
#: The entries of ``_COUNTRY_WORDS`` by the first run of letters of their word, case-folded.
_BY_FIRST: dict[str, list[int]] = {}
for _n, _entry in enumerate(_COUNTRY_WORDS):
    _BY_FIRST.setdefault(_LETTERS.findall(_entry[2])[0], []).append(_n)


_CITY = re.compile(
    r"\b(?:" + "|".join(map(re.escape, sorted(CITIES, key=len, reverse=True))) + r")\b"
)


def city_countries(text: str) -> list[tuple[int, str]]:
    """Where ``text`` names a capital or a city datelines carry, with its country: "In
    Johannesburg, Umoya said ..." is South Africa."""
    return [(m.start(), CITIES[m.group()]) for m in _CITY.finditer(text)]


def country_words(text: str, start: int = 0) -> Iterator[tuple[re.Match[str], str, str]]:
    """The first match in ``text[start:]`` of each country name and demonym: (match, country,
    word), in the lexicon's order. Only the words whose first run of letters is one of the
    text's are searched (a match starts with such a run, bounded as in the text)."""
    runs = set(_LETTERS.findall(text.casefold()))
    low = lowered(text)  # a lower-case word matches only where this copy holds it
    for n in sorted(n for run in runs for n in _BY_FIRST.get(run, ())):
        country, word, _, pattern = _COUNTRY_WORDS[n]
        if m := _search(pattern, word, text, low, start):
            yield m, country, word


def _search(
    pattern: re.Pattern[str], word: str, text: str, low: str | None, start: int
) -> re.Match[str] | None:
    """``pattern.search(text, start)`` for the pattern of ``word``, tried only where the word
    is written: the pattern's leading ``\\b`` keeps ``re`` from skipping to them itself, and
    it was tried at every character (most of the analysis's search for countries)."""
    if word[0].isupper():  # matched as written
        haystack = text
    elif low is not None and word.isascii() and word == word.lower():
        haystack = low
    else:
        return pattern.search(text, start)
    at = haystack.find(word, start)
    while at != -1:
        if m := pattern.match(text, at):
            return m
        at = haystack.find(word, at + 1)
    return None


def find_parties(text: str, start: int = 0) -> list[str]:
    """Countries (named, or implied by a demonym) and organisations of ``text[start:]``, in
    order of appearance."""
    hits: list[tuple[int, str]] = []
    for m, country, word in country_words(text, start):
        if word[0].isupper() or text[m.start()].isupper():
            hits.append((m.start(), country))
    # "(Meridian Press) -": the agency of the dateline
    agency = re.search(r"\(([^()\n]{2,40})\)\s*[-–—]", text[start : start + 300])
    for org in org_names(text, start):
        if agency and org in agency.group(1):
            continue
        hits.append((text.find(org, start), " ".join(org.split())))
    out: list[str] = []
    for _, name in sorted(hits):
        if name not in out:
            out.append(name)
    return out


_CUE = re.compile(r"\b(" + "|".join(sorted(MEETING_CUES, key=len, reverse=True)) + r")\b", re.I)
#: ``_CUE`` for the lower-cased text (``spans.lowered``): the same matches.
_CUE_LOW = re.compile(_CUE.pattern)


def find_cues(text: str, sentences: tuple[tuple[int, int], ...]) -> list[Cue]:
    cues = []
    low = lowered(text)
    search, cue = (text, _CUE) if low is None else (low, _CUE_LOW)
    for n, (start, end) in enumerate(sentences):
        for m in cue.finditer(search, start, end):
            word = text[m.start() : m.end()].casefold()
            sentence = text[start:end]
            by_phone = re.search(r"\b(?:by|on the) (?:tele)?phone|\bcall with\b", sentence, re.I)
            if word in ("call", "calls") and "phone" not in sentence.casefold() and not by_phone:
                continue
            cues.append(Cue(n, m.start(), m.end(), word, MEETING_CUES[word]))
        # "The agreement was signed in New Delhi by ...": a signing, where it took place.
        if "signed" not in text[start:end]:  # what ``_SIGNED_IN`` needs
            continue
        for m in _SIGNED_IN.finditer(text, start, end):
            cues.append(Cue(n, m.start(), m.start() + len("signed"), "signed", "signing"))
    return sorted(cues, key=lambda c: c.start)


_SIGNED_IN = re.compile(
    r"\bsigned\b(?:[^.;]{0,40}?)\s(?:in|at)\s+(?:the\s+)?[A-Z]"
    # "Quintero signed the agreement at the crossing with Costa Rica's minister": together
    r"|\bsigned\b(?:[^.;]{0,60}?)\swith\s+(?:[A-Z]|his\b|her\b|their\b)"
)


def demonym_country(word: str) -> str | None:
    return DEMONYMS.get(word.casefold())
