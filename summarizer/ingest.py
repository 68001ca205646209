"""Ingest: turn a file, stdin or a string into an ``Article`` (exact text + its date).

Plain text is kept exactly as decoded: evidence offsets index into it, in code points. HTML
(``.html`` files, or text that starts like an HTML document) goes through trafilatura, which
keeps the main text, title and date; offsets then index that extracted text.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .gate import MAX_ARTICLE_BYTES, admit_bytes, admit_text, over_limit, where

__all__ = [
    "DATE_HEADER",
    "MAX_ARTICLE_BYTES",
    "SUFFIXES",
    "Article",
    "article_from_html",
    "article_from_text",
    "read_article",
]

#: File endings read as articles when a folder is given.
SUFFIXES = (".txt", ".md", ".html", ".htm")
_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<article)", re.I)

#: A header line such as "date 2025-05-26" or "Date: 2025-05-26" near the top of the file.
DATE_HEADER = re.compile(r"^[ \t]*date[ \t]*[:=]?[ \t]*(\d{4}-\d{2}-\d{2})[ \t]*$", re.I | re.M)
_HEADER_SPAN = 400


@dataclass(frozen=True)
class Article:
    """One article: its exact text, the date it speaks from, and where it came from."""

    text: str
    date: dt.date | None = None
    source: str = "<text>"
    title: str | None = None


def article_from_text(
    text: str,
    *,
    date: dt.date | None = None,
    source: str = "<text>",
    max_bytes: int = MAX_ARTICLE_BYTES,
    field: str | None = None,
) -> Article:
    """Check ``text`` at the gate (size, encoding, emptiness) and wrap it; ``date`` overrides a
    ``date YYYY-MM-DD`` header line. ``field`` names the record's field in messages."""
    admit_text(text, source, max_bytes=max_bytes, field=field)
    if not DATE_HEADER.sub("", text[:_HEADER_SPAN], count=1).strip() and len(text) <= _HEADER_SPAN:
        raise InputError(f"{where(source, field)}: the article is empty (a date line only)")
    return Article(text=text, date=date or _header_date(text, source), source=source)


def read_article(
    path: str | Path, *, date: dt.date | None = None, max_bytes: int = MAX_ARTICLE_BYTES
) -> Article:
    """Read an article from a file path, or from stdin when ``path`` is ``"-"``."""
    source = str(path)
    if source == "-":
        data = _read_limited(sys.stdin.buffer, max_bytes, "<stdin>")
        source = "<stdin>"
    else:
        file = Path(path)
        if not file.exists():
            raise InputError(f"{source}: no such file")
        if not file.is_file():
            raise InputError(f"{source}: not a regular file")
        size = file.stat().st_size
        if size > max_bytes:
            raise over_limit(source, max_bytes, size)
        try:
            with file.open("rb") as handle:
                data = _read_limited(handle, max_bytes, source)
        except OSError as exc:
            raise InputError(f"{source}: cannot read ({exc.strerror})") from exc
    text = admit_bytes(data, source, max_bytes=max_bytes)
    if source.lower().endswith((".html", ".htm")) or _HTML_START.match(text):
        return article_from_html(text, date=date, source=source, max_bytes=max_bytes)
    return article_from_text(text, date=date, source=source, max_bytes=max_bytes)


def article_from_html(
    html: str,
    *,
    date: dt.date | None = None,
    source: str = "<html>",
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> Article:
    """The main text, title and date of an HTML page (trafilatura); scripts and markup dropped."""
    import trafilatura  # imported here: lxml is slow to load and plain text does not need it

    admit_text(html, source, max_bytes=max_bytes)

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_precision=True
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(f"{source}: no article text found in the HTML")
    published = getattr(document, "date", None)
    if date is None and published:
        try:
            date = dt.date.fromisoformat(str(published)[:10])
        except ValueError:
            date = None
    article = article_from_text(text, date=date, source=source, max_bytes=max_bytes)
    return Article(article.text, article.date, source, getattr(document, "title", None) or None)


def _read_limited(handle: BinaryIO, max_bytes: int, source: str) -> bytes:
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise over_limit(source, max_bytes)
    return data


def _header_date(text: str, source: str) -> dt.date | None:
    match = DATE_HEADER.search(text[:_HEADER_SPAN])
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError as exc:
        raise InputError(f"{source}: date header {match.group(1)!r} is not a real date") from exc
