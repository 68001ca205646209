"""Feed: a JSONL file of ``{"id", "text", "date"?, "url"?}`` records, read in bounded pieces.

``lines`` reads the file 64 KiB at a time and yields each line whole, unless it is longer than
its limit: then the rest of that line is read and thrown away piece by piece, and the line is
reported by its number and size without ever being held whole. So memory stays bounded by the
limit whatever one line holds (a 60 MB ``text`` costs 64 KiB of buffer, not 60 MB).

``record`` turns one line into an ``Article`` through the gate (``gate.py``), or raises an
``InputError`` naming the line, the record's id when it has one, and the field at fault.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from .errors import InputError
from .gate import MAX_ARTICLE_BYTES, megabytes, where
from .ingest import Article, article_from_text

__all__ = ["FIELDS", "PIECE", "Line", "line_limit", "lines", "record"]

#: Bytes read at a time.
PIECE = 1 << 16
#: The fields a record may carry; others are ignored.
FIELDS = ("id", "text", "date", "url")
#: Room on a line for the other fields and JSON's syntax, beyond its text.
_OVERHEAD = 1 << 16


def line_limit(max_bytes: int) -> int:
    """The longest line read: an article at the limit written with ASCII escapes (``\\u00e9``
    is 6 bytes for 2 of UTF-8, at most 3 times as long), plus room for the other fields."""
    return 3 * max_bytes + _OVERHEAD


@dataclass(frozen=True)
class Line:
    """One line of the file: its number (from 1), its bytes (None when over the limit) and size."""

    number: int
    data: bytes | None
    size: int


def lines(handle: BinaryIO, limit: int) -> Iterator[Line]:
    """The lines of ``handle``, each at most ``limit`` bytes held; longer ones as ``data=None``."""
    number, held, size, over = 0, bytearray(), 0, False
    while piece := handle.read(PIECE):
        start = 0
        while True:
            end = piece.find(b"\n", start)
            part = piece[start:] if end < 0 else piece[start:end]
            size += len(part)
            if not over:
                held += part
                if len(held) > limit:
                    over, held = True, bytearray()  # from here on only counted
            if end < 0:
                break
            number += 1
            yield Line(number, None if over else bytes(held), size)
            held, size, over, start = bytearray(), 0, False, end + 1
    if size:
        yield Line(number + 1, None if over else bytes(held), size)


def record(
    line: Line,
    path: str,
    *,
    date: dt.date | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> tuple[str, Article | InputError]:
    """The id and article of one line, or the id (``path:line`` when the record has no usable
    one) and the ``InputError`` naming the line, the id and the field at fault."""
    place = f"{path}:{line.number}"
    try:
        row = _row(line, place, max_bytes)
        ident = _ident(row, place)
    except InputError as exc:
        return place, exc
    named = f"{place} (id {ident[:60]!r})"
    try:
        text = _field(row, "text", named, required=True)
        when = _date(_field(row, "date", named), named) or date
        url = _field(row, "url", named)
        article = article_from_text(text, date=when, source=named, field="text",
                                    max_bytes=max_bytes)  # fmt: skip
    except InputError as exc:
        return ident, exc
    return ident, Article(article.text, article.date, url or f"{path}#{ident}", article.title)


def _row(line: Line, place: str, max_bytes: int) -> dict[str, Any]:
    if line.data is None:
        raise InputError(
            f"{place}: record of {megabytes(line.size)} is over the line limit of "
            f"{megabytes(line_limit(max_bytes))} ({megabytes(max_bytes)} of text); skipped unread"
        )
    try:
        row: Any = json.loads(line.data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{place}: not UTF-8 (byte at offset {exc.start})") from exc
    except ValueError as exc:
        raise InputError(f"{place}: not JSON ({exc})") from exc
    except RecursionError as exc:
        raise InputError(f"{place}: JSON nested too deep") from exc
    if not isinstance(row, dict):
        raise InputError(f"{place}: a record must be a JSON object, not {_kind(row)}")
    return row


def _ident(row: dict[str, Any], place: str) -> str:
    ident = row.get("id")
    if ident is None:
        raise InputError(f"{where(place, 'id')}: missing")
    if isinstance(ident, bool) or not isinstance(ident, str | int) or not str(ident).strip():
        raise InputError(f"{where(place, 'id')}: must be a non-empty string or a number, "
                         f"not {json.dumps(ident)[:40]}")  # fmt: skip
    return str(ident)


def _field(row: dict[str, Any], name: str, place: str, *, required: bool = False) -> Any:
    value = row.get(name)
    if value is None:
        if required:
            raise InputError(f"{where(place, name)}: missing")
        return None
    if not isinstance(value, str):
        raise InputError(f"{where(place, name)}: must be a string, not {_kind(value)}")
    return value


def _date(value: str | None, place: str) -> dt.date | None:
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(
            f"{where(place, 'date')}: {value[:40]!r} is not a date YYYY-MM-DD ({exc})"
        ) from exc


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
            type(None): "null"}.get(type(value), "a number")  # fmt: skip
