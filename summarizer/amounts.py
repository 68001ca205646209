"""Amounts: read money as articles write it into a value and an ISO 4217 currency.

``parse("$ 5 billion")`` gives ``ParsedAmount(value=5e9, value_max=None, currency="USD")``.
Understood: currency symbols and codes before or after the number ("US$ 240m", "5 billion USD"),
currency words after it ("7.5 billion dlrs", "2.5 lakh rupees"), scales (thousand/k, million/m/mn,
billion/bn, trillion/tn, lakh, crore), thousands separators, ranges ("$3-4 billion",
"3 to 4 billion euros") and number words ("five billion dollars"). Anything else: ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .currencies import CODE_ALIASES, ISO_4217, NAMES, SYMBOL_FORMS, SYMBOLS, shared_word

__all__ = ["SYMBOL_PATTERN", "ParsedAmount", "parse"]


@dataclass(frozen=True)
class ParsedAmount:
    value: float
    value_max: float | None
    currency: str | None


_SCALES: dict[str, Decimal] = {
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
    "lakh": Decimal(10) ** 5,
    "lakhs": Decimal(10) ** 5,
    "lac": Decimal(10) ** 5,
    "million": Decimal(10) ** 6,
    "millions": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "crore": Decimal(10) ** 7,
    "crores": Decimal(10) ** 7,
    "cr": Decimal(10) ** 7,
    "billion": Decimal(10) ** 9,
    "billions": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "b": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "milliard": Decimal(10) ** 9,
    "milliards": Decimal(10) ** 9,
    "tn": Decimal(10) ** 12,
    "trn": Decimal(10) ** 12,
}
_UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip

#: Any currency symbol as it stands before a number: one of letters only right before it
#: ("MK500", not the "MK" of "MKD 780 million") and not ending a word ("Rs", not the "rs" of
#: "debt 5 billion"); a letter alone only in capitals, right before a digit ("K45 million", not
#: "EUR 2.5bn" or "Plan K 2"); "$" never right after letters ("B$", "L$" are other dollars).
SYMBOL_PATTERN = "|".join(
    ("(?<![a-z])" if s[0].isalpha() else "")
    + (
        f"(?-i:{s})(?=\\d)"
        if len(s) == 1 and s.isalpha()
        else r"(?<![A-Za-z])\$"
        if s == "$"
        else re.escape(s) + (r"(?=\s?\d)" if s[-1].isalpha() else "")
    )
    for s in SYMBOL_FORMS
)
_PREFIX = re.compile(rf"^(?:({SYMBOL_PATTERN})|([A-Z]{{3}})(?![A-Za-z]))\s*")  # "MOP620 million"
#: A code with "M" before it for millions, as Nordic papers write it: "MSEK 240".
_MILLIONS_OF = re.compile(r"^M([A-Z]{3})(?![A-Za-z])\s*")
_DECIMAL_COMMA = re.compile(r"\b(\d+),(\d{1,2})(?=\s+(?:milliards?|millions?|billions?)\b)")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDS = r"(?:{w})(?:[\s-]+(?:{w}|hundred))*".format(w="|".join(_UNITS))
_NUMBER = rf"(?:{_DIGITS}|{_WORDS})"
_BODY = re.compile(
    rf"^({_NUMBER})\s*(?:(?:-|to)\s*(?:{SYMBOL_PATTERN})?\s*({_NUMBER}))?"
    rf"\s*({'|'.join(sorted(_SCALES, key=len, reverse=True))})?\b\.?\s*",
    re.I,
)


def _number(text: str) -> Decimal | None:
    text = text.strip().lower()
    if text[0].isdigit():
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:
            return None
    total = 0
    for word in re.split(r"[\s-]+", text):
        if word == "hundred":
            total = max(total, 1) * 100
        elif word in _UNITS:
            total += _UNITS[word]
        else:
            return None
    return Decimal(total)


def _suffix_currency(rest: str) -> str | None:
    rest = rest.strip().rstrip(".")
    if not rest:
        return None
    if rest.upper() == rest and rest in ISO_4217:
        return rest
    return NAMES.get(" ".join(rest.lower().split()))


def parse(text: str) -> ParsedAmount | None:
    """The value and currency ``text`` states, or None when it is not a money amount."""
    text = " ".join(text.replace("\u2013", "-").replace("\u2014", "-").split())
    # French and much of Europe: "2,5 milliards d'euros" (a decimal comma before a scale word).
    text = _DECIMAL_COMMA.sub(r"\1.\2", text)
    text = re.sub(r"\b(?:d['’]|de\s+)(?=[a-z])", "", text)
    currency: str | None = None
    prefix = _PREFIX.match(text)
    millions = None if prefix else _MILLIONS_OF.match(text)
    if millions and millions.group(1) in ISO_4217:
        parsed = parse(millions.group(1) + " " + text[millions.end() :])
        return None if parsed is None else ParsedAmount(
            parsed.value * 1e6, parsed.value_max * 1e6 if parsed.value_max else None,
            parsed.currency)  # fmt: skip
    if prefix:
        symbol, code = prefix.groups()
        if symbol:  # "Rs" (in no table here): rupees of a country the words do not name
            currency = SYMBOLS.get(symbol)
        elif code in ISO_4217 or code in CODE_ALIASES:
            currency = CODE_ALIASES.get(code, code)
        else:
            return None
        text = text[prefix.end() :]
    body = _BODY.match(text)
    if body is None:
        return None
    low, high, scale = body.groups()
    low, high, scale = body.groups()
    rest = text[body.end() :]
    if rest and shared_word(rest):
        pass  # "2.5 billion kroner": a value, in kroner of a country the words do not name
    elif rest:
        named = _suffix_currency(rest)
        if named is None or (currency is not None and named != currency):
            return None
        currency = named
    factor = _SCALES[scale.lower()] if scale else Decimal(1)
    value = _number(low)
    value_max = _number(high) if high else None
    if value is None or (high and value_max is None):
        return None
    return ParsedAmount(
        value=float(value * factor),
        value_max=float(value_max * factor) if value_max is not None else None,
        currency=currency,
    )
