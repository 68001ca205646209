"""Money and dates as the article writes them, found in its text with their offsets.

Money is found by pattern ("$ 5 billion", "€85 million", "300 million Swiss francs", "£25m",
"2.5 lakh rupees") and kept only when ``amounts.parse`` reads it. Dates are found by pattern
("on Sunday", "April 22", "7 May 2025", "in March", "in 2024", "last week", "by the end of
2029") and resolved with ``dates.resolve``, which gives a day only when the words fix one.
Each date also gets the month or year it falls in, so that past and future can be told apart.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import amounts, dates
from ..currencies import (
    CODE_ALIASES,
    ISO_4217,
    LETTER_SYMBOLS,
    NAMES,
    SHARED,
    SHARED_FORMS,
    SYMBOL_FORMS,
    SYMBOL_OWNERS,
    shared_word,
)
from ..currency_names import CLDR_NAMES
from ..spans import lowered
from .lexicon import COUNTRIES, DEMONYMS

__all__ = ["DateMention", "MoneyMention", "find_dates", "find_money"]


@dataclass(frozen=True)
class MoneyMention:
    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    currency: str | None
    #: Where the currency comes from: the amount's own "words"; for a word several countries
    #: use ("kronor"), the "context" (who pays it), or the word's "default" ("rupees": INR).
    currency_from: str = "words"


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    #: The one day the words fix, or None.
    day: dt.date | None
    #: The earliest and latest day the words can mean, when they say (a month, a year).
    earliest: dt.date | None
    latest: dt.date | None
    #: Whether the words speak of a time before the article's date (None: cannot tell).
    past: bool | None = None


_SYMBOL = amounts.SYMBOL_PATTERN  # the same symbols, read the same way, as `parse`
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?=\s+milliards?)|\d+(?:\.\d+)?"
_WORD_NUMBER = (
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
)
_SCALE = (
    r"(?:trillion|billion|milliards?|millions?|million|thousand|lakh|crore|bn|mn|mln|tn|trn|"
    r"m|k|b)\b"
)
# A code before or after a number: any ISO 4217 code, in capitals only ("TJS 110 million", not
# "the 5").
_CODES = "(?-i:" + "|".join(sorted({*ISO_4217, *CODE_ALIASES})) + ")"


def _trie(words: set[str]) -> str:
    """One alternation for ``words`` with their common prefixes factored out ("dinars|dinar"
    becomes "dinar(?:s)?"): the same matches, longest first, and a fraction of the work for
    ``re``, which tries an alternation's branches one by one."""
    tree: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:  # type: ignore[type-arg]
        branches = sorted((c for c in node if c), key=lambda c: -_depth(node[c]))
        parts = [re.escape(c) + pattern(node[c]) for c in branches]
        if not parts:
            return ""
        group = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{group})?" if "" in node else group

    return pattern(tree)


def _depth(node: dict) -> int:  # type: ignore[type-arg]
    return 1 + max((_depth(child) for c, child in node.items() if c), default=0)


_NAMES = _trie({*NAMES, *(w for w in SHARED if w not in SYMBOL_OWNERS), *SHARED_FORMS})
_RANGE = rf"(?:\s*(?:-|–|to)\s*(?:{_SYMBOL})?\s*(?:{_NUMBER}))?"
_MONEY = re.compile(
    rf"(?:(?:{_SYMBOL})\s?|(?-i:M)?{_CODES}\s?)(?:{_NUMBER}){_RANGE}(?:\s*{_SCALE})?"
    rf"|(?:{_NUMBER}|\b{_WORD_NUMBER}){_RANGE}\s*(?:{_SCALE}\s*)?(?:d['’]|de\s+)?"
    rf"(?:{_CODES}\b|(?:{_NAMES})\b)(?!\s?\d)",  # not "a EUR 4.5 million grant"
    re.IGNORECASE,
)


_SCALED = re.compile(rf"\d\s*{_SCALE}", re.IGNORECASE)

#: How far before its first digit a match of ``_MONEY`` can start: a symbol or a code, then
#: one space.
_LEAD = max(len(s) for s in (*SYMBOL_FORMS, "USD")) + 1
_DIGIT = re.compile(r"\d+")
_WORD_NUMBER_START = re.compile(rf"\b{_WORD_NUMBER}", re.IGNORECASE)
#: ``_WORD_NUMBER_START`` and ``_MONEY`` for the lower-cased text (``spans.lowered``): the
#: same matches (``_MONEY``'s literals lower-cased; its classes are ``\d``, ``\s``, ``\b``).
_WORD_NUMBER_LOW = re.compile(_WORD_NUMBER_START.pattern)
_MONEY_LOW = re.compile(_MONEY.pattern.lower())


def _money_matches(text: str) -> Iterator[re.Match[str]]:
    """``_MONEY.finditer(text)``, trying only where a match can start: up to ``_LEAD``
    characters before a digit, or at a number word. The same matches, at a fifth of the cost:
    the pattern's long alternations, tried at every character, were most of the analysis."""
    starts: set[int] = set()
    for digits in _DIGIT.finditer(text):
        starts.update(range(max(digits.start() - _LEAD, 0), digits.start() + 1))
    low = lowered(text)
    numbers = _WORD_NUMBER_START.finditer(text) if low is None else _WORD_NUMBER_LOW.finditer(low)
    starts.update(m.start() for m in numbers)
    end = 0
    for at in sorted(starts):
        if at < end or (low is not None and not _MONEY_LOW.match(low, at)):
            continue  # most starts are no amount: told case-sensitively, several times faster
        if match := _MONEY.match(text, at):
            end = match.end()
            yield match


#: A currency symbol no table holds, written as symbols are: letters of both cases, a capital
#: after the first ("NKr3.4bn", "FBu 2.4 billion", "ZiG480 million"), right before a number
#: and its scale (never a small bare number); whose currency it is, the payer tells.
_UNKNOWN_SYMBOL = re.compile(
    rf"(?<![\w$€£¥.])([A-Z][a-z][A-Z][a-z]?|[A-Z][A-Z][a-z])\s?((?:{_NUMBER})\s*{_SCALE})"
)


_CLDR_SPELLINGS = (("&", "and"), ("guyanaese", "guyanese"), ("new taiwan", "taiwan"))


def _national() -> dict[str, str]:
    """Each country's currency, where CLDR names one by the country's adjective or name
    ("Burundian franc": BIF; "Norwegian krone": NOK): the currency of an unknown symbol."""
    names = {country.casefold(): country for country in COUNTRIES}
    out: dict[str, str] = {}
    for name, code in CLDR_NAMES.items():
        # CLDR's own spellings: "Trinidad & Tobago dollar", "Guyanaese dollar", "New Taiwan"
        for cldr, ours in _CLDR_SPELLINGS:
            name = name.replace(cldr, ours)
        words = name.split()
        for size in (3, 2, 1):
            lead = " ".join(words[:size])
            country = DEMONYMS.get(lead) or names.get(lead)
            if country is not None and len(words) > size and code in ISO_4217:
                out.setdefault(country, code)
                break
    return out


NATIONAL = _national()
_DOLLARS = {code for name, code in CLDR_NAMES.items() if "dollar" in name} - {"USD"}
#: The countries with a dollar of their own (Jamaica: JMD), whose press writes it "$".
OWN_DOLLARS = {country: code for country, code in NATIONAL.items() if code in _DOLLARS}


def _unknown_symbol_money(text: str, found: list[MoneyMention]) -> list[MoneyMention]:
    """Amounts written with a symbol no table holds, their currency left to the payer."""
    out = []
    for m in _UNKNOWN_SYMBOL.finditer(text):
        symbol = m.group(1)
        if symbol in SYMBOL_FORMS or any(f.start <= m.start() < f.end for f in found):
            continue
        parsed = amounts.parse(m.group(2))
        if parsed is not None and parsed.currency is None:
            out.append(MoneyMention(m.start(), m.end(), m.group(), parsed.value,
                                    parsed.value_max, None, "symbol"))  # fmt: skip
    return out


def find_money(text: str) -> list[MoneyMention]:
    """Every amount of money written in ``text`` that ``amounts.parse`` can read, and those
    written with a symbol it does not know (currency None, ``currency_from`` "symbol")."""
    found = []
    for match in _money_matches(text):
        words = match.group().strip()
        parsed = amounts.parse(words)
        shared = shared_word(words) if parsed is not None and parsed.currency is None else None
        if parsed is None or (parsed.currency is None and shared is None):
            continue
        if shared in LETTER_SYMBOLS and not _SCALED.search(words) and parsed.value < 100:
            continue  # "Q3 results", "K9 units": a letter and a small number, not money
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        currency = parsed.currency or NAMES.get(shared or "")
        found.append(
            MoneyMention(start, start + len(words), words, parsed.value, parsed.value_max,
                         currency, "default" if shared else "words")
        )  # fmt: skip
    return sorted(found + _unknown_symbol_money(text, found), key=lambda m: m.start)


_MONTHS = "|".join(sorted(dates.MONTHS, key=len, reverse=True))
_WEEKDAYS = "|".join(sorted(dates.WEEKDAYS, key=len, reverse=True))
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d{2}"
_DATE = re.compile(
    rf"""
    \b(?:(?:on|by|until|before|after|from|since|last|next|this|early|late|mid)[\s-]+)?
    (?:
      (?:{_MONTHS})\.?\s+{_DAY}(?:,?\s+{_YEAR}|\s+(?:last|this|next)\s+year)?\b  # April 22
    | {_DAY}\s+(?:of\s+)?(?:{_MONTHS})\b\.?(?:,?\s+{_YEAR}|\s+(?:last|this|next)\s+year)?
    | (?:the\s+end\s+of\s+|end-|mid-|early\s+|late\s+)?(?:{_MONTHS})(?:\s+{_YEAR})?\b  # March 2023
    | (?:the\s+end\s+of\s+|end-|mid-)?{_YEAR}\b          # 2024, the end of 2029, mid-2028
    | (?:last|next|this)\s+(?:week|month|year|spring|summer|autumn|fall|winter)\b
    | (?:{_WEEKDAYS})\b(?:\s+(?:morning|afternoon|evening|night))?
    | today|yesterday|tomorrow
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
_MONTH_ONLY = re.compile(rf"(?:{_MONTHS})\b", re.I)
_BARE_YEAR = re.compile(rf"({_YEAR})")


#: Where a match of ``_DATE`` can start: after its ``\b``, the first word of one of its
#: branches (a month, a weekday, a digit, a preposition or modifier it allows first).
_DATE_START = re.compile(
    rf"\b(?:on|by|until|before|after|from|since|last|next|this|early|late|mid|the|end|today"
    rf"|yesterday|tomorrow|{_MONTHS}|{_WEEKDAYS}|\d)",
    re.IGNORECASE,
)


#: ``_DATE_START`` and ``_DATE`` for the lower-cased text (``spans.lowered``): the same
#: matches, case-sensitive (several times faster than ignoring case).
_DATE_START_LOW = re.compile(_DATE_START.pattern)
_DATE_LOW = re.compile(_DATE.pattern, re.VERBOSE)


def _date_matches(text: str) -> Iterator[re.Match[str]]:
    """``_DATE.finditer(text)``, tried only where a match can start (``_DATE_START``): the
    same matches, without trying the pattern's alternations at every character."""
    end = 0
    low = lowered(text)
    if low is None:
        starts = _DATE_START.finditer(text)
    else:  # and each start tried case-sensitively first: most are no date ("the", "on")
        starts = (m for m in _DATE_START_LOW.finditer(low) if _DATE_LOW.match(low, m.start()))
    for start in starts:
        at = start.start()
        if at >= end and (match := _DATE.match(text, at)):
            end = match.end()
            yield match


def find_dates(text: str, today: dt.date | None) -> list[DateMention]:
    """Every date expression in ``text``, resolved against the article's date ``today``."""
    found = []
    for match in _date_matches(text):
        words = match.group()
        first = words.split()[0]
        if first.islower() and first in dates.MONTHS:
            continue  # "may" the verb, "march" the verb
        if re.fullmatch(r"(?i)(?:may|march)", words) and not _month_context(text, match.start()):
            continue
        core = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", words, flags=re.I)
        day = dates.resolve(core, today)
        earliest, latest = _range(core, today, day)
        before = None
        if today is not None:
            if latest is not None and latest < today:
                before = True
            elif earliest is not None and earliest > today:
                before = False
        found.append(DateMention(match.start(), match.end(), words, day, earliest, latest,
                                 before))  # fmt: skip
    return found


def _month_context(text: str, at: int) -> bool:
    """Whether a bare "May"/"March" is the month: after "in", "of", "since", "until"..."""
    before = text[max(at - 8, 0) : at].lower().split()
    return bool(before) and before[-1] in ("in", "of", "since", "until", "by", "early", "late")


def _range(
    words: str, today: dt.date | None, day: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    if day is not None:
        return day, day
    low = words.lower()
    year_match = _BARE_YEAR.search(low)
    month_match = _MONTH_ONLY.search(low)
    if year_match:
        year = int(year_match.group(1))
        if month_match:
            month = dates.MONTHS[month_match.group().lower()]
            return dt.date(year, month, 1), _month_end(year, month)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if today is None:
        return None, None
    if month_match:
        month = dates.MONTHS[month_match.group().lower()]
        years = [today.year - 1, today.year, today.year + 1]
        if low.startswith("last"):
            years = [y for y in years if _month_end(y, month) < today]
        elif low.startswith("next"):
            years = [y for y in years if dt.date(y, month, 1) > today]
        year = min(years, key=lambda y: abs((dt.date(y, month, 15) - today).days))
        return dt.date(year, month, 1), _month_end(year, month)
    if "last year" in low:
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    if "next year" in low:
        return dt.date(today.year + 1, 1, 1), dt.date(today.year + 1, 12, 31)
    monday = today - dt.timedelta(days=today.weekday())
    if "last week" in low:  # the calendar week before the article's
        return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
    if "next week" in low:
        return monday + dt.timedelta(days=7), monday + dt.timedelta(days=13)
    first = today.replace(day=1)
    if "last month" in low:
        previous = first - dt.timedelta(days=1)
        return previous.replace(day=1), previous
    if "next month" in low:
        following = _month_end(today.year, today.month) + dt.timedelta(days=1)
        return following, _month_end(following.year, following.month)
    return None, None


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)
