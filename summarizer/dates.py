"""Dates: resolve the words an article uses ("on Sunday", "April 22") against its own date.

``resolve(words, today)`` returns the one day the words fix, or None when they fix none
("last week", "in May", "over the following three days") or when there is no article date to
count from. It never guesses. Rules, written once here:

- ISO dates and dates with a year ("May 7, 2025", "7 May 2025") stand for themselves.
- "today", "yesterday", "tomorrow" count from the article's date.
- A weekday ("on Sunday", "last Sunday") is the most recent such day on or before the article's
  date; "next Sunday" is the first one after it.
- A month and day without a year ("April 22", "on 7 May") take the year that puts them closest
  to the article's date; with ``future=True`` (deadlines) the first such day on or after it.
  "October 3 last year" (this year, next year) takes the year it names.
- A time of day after a weekday ("on Tuesday evening") does not change the day.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["MONTHS", "WEEKDAYS", "resolve"]

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
         ("thursday", "thu", "thurs"), ("friday", "fri"), ("saturday", "sat"),
         ("sunday", "sun")]
    )
    for name in names
}  # fmt: skip
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_FILLER = r"(?:(?:on|by|until|before|after|from|since|of|the|this|last|next|early|late)\s+)*"
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<y>\d{4}))?"
_YEAR_SHIFT = re.compile(r"\s+(last|this|next) year$")
_MONTH_DAY = re.compile(rf"^{_FILLER}(?P<m>{_MONTH})\.?\s+{_DAY}{_YEAR}$")
_DAY_MONTH = re.compile(rf"^{_FILLER}{_DAY}\s+(?:of\s+)?(?P<m>{_MONTH})\.?{_YEAR}$")
_WEEKDAY_NAMES = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_WEEKDAY = re.compile(rf"^(?P<dir>on|last|this|next|on\s+last)?\s*(?P<w>{_WEEKDAY_NAMES})\.?$")


def resolve(words: str, today: dt.date | None, *, future: bool = False) -> dt.date | None:
    """The day ``words`` stand for, counted from ``today`` (the article's date), or None."""
    text = " ".join(words.lower().replace(",", ", ").split()).strip(" .,;")
    text = re.sub(r"\s+,", ",", text)
    text = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", text)  # "on Tuesday evening"
    shift = _YEAR_SHIFT.search(text)  # "October 3 last year"
    if shift and today is not None:
        text = text[: shift.start()].strip(" ,")
        year = today.year + (
            1 if shift.group(1) == "next" else -1 if shift.group(1) == "last" else 0
        )
        for pattern in (_MONTH_DAY, _DAY_MONTH):
            if (match := pattern.match(text)) and not match["y"]:
                return _day(year, MONTHS[match["m"]], int(match["d"]))
        return None
    if match := _ISO.match(text):
        return _day(*(int(g) for g in match.groups()))
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        if match := pattern.match(text):
            month, day = MONTHS[match["m"]], int(match["d"])
            if match["y"]:
                return _day(int(match["y"]), month, day)
            return _nearest_year(month, day, today, future) if today else None
    if today is None:
        return None
    bare = re.sub(rf"^{_FILLER}", "", text) if text not in _RELATIVE else text
    if bare in _RELATIVE:
        return today + dt.timedelta(days=_RELATIVE[bare])
    if match := _WEEKDAY.match(text):
        target = WEEKDAYS[match["w"]]
        if match["dir"] == "next":
            ahead = (target - today.weekday()) % 7 or 7
            return today + dt.timedelta(days=ahead)
        return today - dt.timedelta(days=(today.weekday() - target) % 7)
    return None


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, today: dt.date, future: bool) -> dt.date | None:
    options = [
        d for y in (today.year - 1, today.year, today.year + 1) if (d := _day(y, month, day))
    ]
    if future:
        options = [d for d in options if d >= today]
        return min(options) if options else None
    return min(options, key=lambda d: abs((d - today).days)) if options else None
