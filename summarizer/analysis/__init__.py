"""Article analysis: the article read once by code, every finding an offset into its text.

``analyze(article)`` returns an ``Analysis``: the sentences; the people with the titles and
affiliations written next to their names; places, parties (countries, organisations) and
meeting cues; money and date mentions; direct quotes with their speakers. It is built once per
article (cached by text and date), right after ingest, and handed on: the ``guided`` strategy
reads its candidates from it, grounding checks each value against it.

Pure code and word lists, no statistical model: milliseconds per article. spaCy's rule tools
(sentencizer, ``Matcher``) were the alternative; without a trained model they give tokens, not
names or titles, which is the part that needs rules either way.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass

from ..currencies import SHARED, SYMBOLS, shared_word
from ..ingest import DATE_HEADER, Article
from ..spans import sentences as split_sentences
from .events import (
    Cue,
    Place,
    city_countries,
    country_words,
    dateline_place,
    find_cues,
    find_parties,
    find_places,
)
from .lexicon import DELEGATION_WORDS
from .mentions import NATIONAL, OWN_DOLLARS, DateMention, MoneyMention, find_dates, find_money
from .people import Mention, Person, find_people, org_names
from .quotes import QuoteMention, find_quotes

__all__ = [
    "Analysis",
    "Cue",
    "DateMention",
    "Mention",
    "MoneyMention",
    "Person",
    "Place",
    "QuoteMention",
    "analyze",
]


@dataclass(frozen=True)
class Analysis:
    """What code can read from one article, as offsets into ``text``."""

    text: str
    date: dt.date | None
    sentences: tuple[tuple[int, int], ...]
    people: list[Person]
    places: list[Place]
    dateline: Place | None
    parties: list[str]
    cues: list[Cue]
    money: list[MoneyMention]
    dates: list[DateMention]
    quotes: list[QuoteMention]

    def sentence_at(self, offset: int) -> int:
        """The number (from 0) of the sentence holding ``offset``, or the one before it."""
        starts = [s for s, _ in self.sentences]
        return max(bisect.bisect_right(starts, offset) - 1, 0)

    def widened(self, start: int, end: int) -> tuple[int, int]:
        """The span widened to the whole sentences that hold it."""
        first = self.sentence_at(start)
        last = self.sentence_at(max(end - 1, start))
        return min(start, self.sentences[first][0]), max(end, self.sentences[last][1])

    def sentence_text(self, n: int) -> str:
        start, end = self.sentences[n]
        return self.text[start:end]

    def person(self, name: str) -> Person | None:
        """The person a name stands for: the full name, a short form the article uses, or a
        name whose words all belong to one person's full name ("Erdogan", "Asim Munnir")."""
        # "’Mamello Sekoati": the elision mark a name may open with is not one of its words
        key = " ".join(name.casefold().lstrip("'’").split())
        for person in self.people:
            if key == person.name.casefold() or key in (a.casefold() for a in person.aliases):
                return person
        words = {w.rstrip(".") for w in key.split()} - _COURTESY
        owners = [p for p in self.people if words and words <= set(p.name.casefold().split())]
        return owners[0] if len(owners) == 1 else None

    def in_sentence(self, n: int, items: list[MoneyMention] | list[DateMention]) -> list:  # type: ignore[type-arg]
        start, end = self.sentences[n]
        return [m for m in items if start <= m.start < end]

    def change_start(self, mention: MoneyMention | DateMention) -> bool:
        """Whether ``mention`` is the figure a change starts from, another of its kind close by
        being where it goes: "from €1.5 billion to €2 billion", "to Rs 1,750 from Rs 1,350"."""
        if not self.text[max(0, mention.start - 5) : mention.start].casefold().endswith("from "):
            return False
        kind = self.money if isinstance(mention, MoneyMention) else self.dates
        return any(
            other.start != mention.start
            and abs(other.start - mention.start) <= _CHANGE_SPAN
            and self.text[max(0, other.start - 3) : other.start].casefold() == "to "
            for other in kind
        )

    def mentions_in(self, start: int, end: int) -> list[tuple[Person, Mention]]:
        """Every person named between the offsets, with the mention."""
        return sorted(
            ((p, m) for p in self.people for m in p.mentions if start <= m.start < end),
            key=lambda pm: pm[1].start,
        )


#: How far apart the two figures of a change can stand ("from X to Y", "to Y from X").
_CHANGE_SPAN = 60

#: Words before a name that are not part of it ("Sir Alan Fairclough" is "Alan Fairclough").
_COURTESY = frozenset("mr ms mrs miss dr prof sir dame lord lady m mme mlle".split())


def _a_place(person: Person, places: list[Place]) -> bool:
    """A "person" the article also writes after "in", "at", "to" ("talks in Da Nang"), with
    no title, honorific or apposition to say otherwise, is a place."""
    if {m.evidence for m in person.mentions} & {"title", "honorific", "apposition"}:
        return False
    return any(place.text == person.name for place in places)


def _side_named(text: str) -> str | None:
    """The first country (by name or adjective) or organisation named in ``text``."""
    best: tuple[int, str] | None = None
    for m, country, _ in country_words(text):
        if text[m.start()].isupper() and (best is None or m.start() < best[0]):
            best = (m.start(), country)
    for org in org_names(text):
        at = text.find(org)
        if best is None or at < best[0]:
            best = (at, org)
    return best[1] if best else None


# "Samoa was represented by A and Tonga by B", "Vanuatu sent its minister, C, Solomon
# Islands its minister, D": a party named again, its verb understood.
_ELLIPTIC_SIDE = re.compile(r"\b[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s+(?:by|its|their)\s")
# "His delegation ... included": the delegation of the one the sentence before named.
_THEIR_DELEGATION = re.compile(r"^\s*(?:His|Her|Their)\s+delegation\b")


def _last_side(by_sentence: dict[int, list[tuple[Mention, Person]]], n: int) -> str | None:
    """The affiliation of the last person the sentence before ``n`` names with one."""
    before = sorted(by_sentence.get(n - 1, []), key=lambda mp: -mp[0].start)
    return next((p.affiliations[0] for _, p in before if p.affiliations), None)


def _delegations(text: str, sentences: tuple[tuple[int, int], ...], people: list[Person]) -> None:
    """People listed in a party's delegation take its side, when nothing next to their name
    says otherwise: "Ferrante was accompanied by her foreign minister, Diego Saravia",
    "Kenya's delegation included Grace Wambui", "The Sharif accompanying ... was:" and the lines
    after it. The affiliation so given is marked ``evidence_of_side = "delegation"``."""
    by_sentence: dict[int, list[tuple[Mention, Person]]] = {}
    for person in people:
        for mention in person.mentions:
            by_sentence.setdefault(mention.sentence, []).append((mention, person))
    listed_after: dict[int, int] = {}
    for n, (start, end) in enumerate(sentences):
        words = {w.casefold() for w in re.findall(r"[^\W\d_]+", text[start:end])}
        if not words & DELEGATION_WORDS:
            continue
        members = sorted(by_sentence.get(n, []), key=lambda mp: mp[0].start)
        if text[start:end].rstrip().endswith(":"):
            for m in range(n + 1, min(n + 9, len(sentences))):
                listed_after[m] = n
        source = None
        at = start
        for mention, person in members:
            # A party named since the last member opens its own list: "Sweden sent A and B,
            # while Norway's delegation was led by C, with D".
            gap = text[at : mention.start]
            if (
                source is None
                or {w.casefold() for w in re.findall(r"[^\W\d_]+", gap)} & DELEGATION_WORDS
                or _ELLIPTIC_SIDE.search(gap)
            ):
                source = _side_named(gap) or source
            if source is None and _THEIR_DELEGATION.search(gap):
                source = _last_side(by_sentence, n)
            at = mention.end
            at = mention.end
            if person.affiliations:
                source = source or person.affiliations[0]
                continue
            if source is not None:
                mention.affiliation, mention.side_inferred = source, True
    for m, n in listed_after.items():
        start, end = sentences[n]
        leaders = sorted(by_sentence.get(n, []), key=lambda mp: mp[0].start)
        source = next((p.affiliations[0] for _, p in leaders if p.affiliations), None)
        source = source or _side_named(text[start:end])
        for mention, person in by_sentence.get(m, []):
            if source and not person.affiliations and mention.affiliation is None:
                mention.affiliation, mention.side_inferred = source, True


def _parties(text: str, body: int, people: list[Person]) -> list[str]:
    """Countries and organisations the article's body names, and the affiliations written next
    to people's names (fictional countries, companies without a suffix: "Northline's")."""
    parties = find_parties(text, body)
    for person in people:
        for affiliation in person.affiliations:
            if affiliation[:1].isupper() and affiliation not in parties:
                parties.append(affiliation)
    return parties


def analyze(article: Article | str, date: dt.date | None = None) -> Analysis:
    """The analysis of an article (an ``Article``, or a text and its date)."""
    if isinstance(article, Article):
        return _analyze(article.text, article.date)
    return _analyze(article, date)


_SOFT_BREAK = re.compile(r"(?<=[^\n])\n(?=[^\n])")
_WRAP_MIN = 40  # a line this long that ends mid-sentence was wrapped, not ended


def unwrapped(text: str) -> str:
    """``text`` with the line breaks of hard-wrapped copy (wire services) made spaces, so
    that a sentence or a title is not cut at the end of a line. Same length, same offsets."""
    chars = list(text)
    for m in _SOFT_BREAK.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start : m.start()].rstrip()
        following = text[m.end() : m.end() + 2]
        if (
            len(line) >= _WRAP_MIN
            and not line.endswith((".", "!", "?", ":", "”", '"', "’"))
            and following.lstrip()[:1] not in ("-", "*", "•")
        ):
            chars[m.start()] = " "
    return "".join(chars)


def _paid_in(
    text: str, sentences: tuple[tuple[int, int], ...], money: list[MoneyMention]
) -> list[MoneyMention]:
    """``money`` with the currency of each amount written in a word several countries use
    ("4 billion kronor") read from the article: the country of that word named last before
    the amount in its sentence, after any other amount ("Sweden pledged 4 billion kronor, and
    Norway 2 billion kroner"); else the one such country the article names. Otherwise the
    word's default stands ("rupees": INR), and an amount with none is left out.

    A bare "$" is the US dollar, but in an article that writes "US$" for that one and never
    the symbol of its country's own dollar ("A$"), after that country in its sentence it is
    that country's dollar (the Australian press: "Australia will give $50m" and "US$2bn")."""
    local = _local_dollars(text)
    if not local and all(m.currency_from not in ("default", "symbol") for m in money):
        return money
    named: set[str] = {country for _, country, _ in country_words(text)}
    starts = [s for s, _ in sentences]
    out = []
    for m in money:
        shared = shared_word(m.text) if m.currency_from == "default" else None
        dollar = bool(local) and m.currency == "USD" and m.text.startswith("$")
        if shared is not None or m.currency_from == "symbol" or dollar:
            codes = SHARED[shared] if shared is not None else {}
            owner = {country: code for code, countries in codes.items() for country in countries}
            # a symbol no table holds: the payer's own currency; "$": the payer's own dollar
            owner = owner or (local if dollar else NATIONAL)
            start = starts[max(bisect.bisect_right(starts, m.start) - 1, 0)]
            start = max([start, *(o.end for o in money if start <= o.end <= m.start)])
            before = [(w.start(), c) for w, c, _ in _all_country_words(text[start : m.start])]
            payers = [c for _, c in sorted(before) if c in owner]
            if not payers and not dollar:  # a city of one ("In Johannesburg, ...")
                payers = [c for _, c in city_countries(text[start : m.start]) if c in owner]
            article = {owner[c] for c in named if c in owner}
            if payers:
                m = dataclasses.replace(m, currency=owner[payers[-1]], currency_from="context")
            elif len(article) == 1 and not dollar:  # "$" stays the US dollar unless its payer
                # stands before it ("Pacific summit ends with $1.1bn": Fiji hosted it)
                m = dataclasses.replace(m, currency=article.pop(), currency_from="context")
        if m.currency is not None:
            out.append(m)
    return out


def _local_dollars(text: str) -> dict[str, str]:
    """The countries whose own dollar a bare "$" of ``text`` may be: none unless it writes
    "US$"; then each with a dollar of its own (``OWN_DOLLARS``) whose symbol it never writes."""
    if "US$" not in text:
        return {}
    written = {code for symbol, code in SYMBOLS.items() if "$" in symbol and symbol in text}
    return {country: code for country, code in OWN_DOLLARS.items() if code not in written}


def _all_country_words(text: str) -> list[tuple[re.Match[str], str, str]]:
    """Every match of a country name or demonym in ``text`` (``country_words`` gives the
    first of each), with words written in capitals only."""
    found = []
    for first, country, word in country_words(text):
        pattern = re.compile(rf"\b{re.escape(first.group())}\b")
        found += [(m, country, word) for m in pattern.finditer(text) if m.group()[:1].isupper()]
    return found


@functools.lru_cache(maxsize=32)
def _analyze(text: str, date: dt.date | None) -> Analysis:
    sentences = split_sentences(unwrapped(text))
    header = DATE_HEADER.search(text[:400])
    body = header.end() if header else 0
    while body < len(text) and (text[body].isspace() or text[body] == "["):
        if text[body] == "[":  # a bracketed note line: "[Written for the tests; fictional.]"
            close = text.find("]", body)
            body = close + 1 if close != -1 else body + 1
        else:
            body += 1
    body_sentences = tuple(s for s in sentences if s[0] >= body) or sentences
    people = find_people(text, body_sentences)
    places = find_places(text, people)
    people = [p for p in people if not _a_place(p, places)]
    _delegations(text, body_sentences, people)
    return Analysis(
        text=text,
        date=date,
        sentences=body_sentences,
        people=people,
        places=places,
        dateline=dateline_place(text, body),
        parties=_parties(text, body, people),
        cues=find_cues(text, body_sentences),
        money=_paid_in(text, body_sentences, [m for m in find_money(text) if m.start >= body]),
        dates=[d for d in find_dates(text, date) if d.start >= body],
        quotes=find_quotes(text, people, body_sentences),
    )
