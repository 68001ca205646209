"""Gate: the checks every article passes, whichever way it came in.

Files, stdin, URLs, JSONL records and the library's ``Article`` or ``str`` all go through the
same three checks before anything else reads them:

- **size**: at most ``max_bytes`` (``MAX_ARTICLE_BYTES``, ``Settings.max_article_bytes``,
  ``--max-bytes``), counted in UTF-8 bytes, checked before the text is held whole where the
  input allows (files by their size, streams and JSONL lines read in bounded pieces);
- **encoding**: UTF-8 (a byte-order mark is dropped), no NUL byte, no lone surrogate;
- **emptiness**: some text that is not white space.

A refusal is an ``InputError`` whose one-line message names the record (a path, a URL,
``feed.jsonl:7 (id 'a12')``) and, for a structured record, the field.
"""

from __future__ import annotations

from .errors import InputError

__all__ = ["MAX_ARTICLE_BYTES", "admit_bytes", "admit_text", "megabytes", "over_limit", "where"]

#: Largest article accepted, in bytes. A 10,000-word article is about 60 KB.
MAX_ARTICLE_BYTES = 2_000_000
#: Bytes looked at for a NUL before decoding (a binary file shows one early).
_NUL_WINDOW = 8192


def where(source: str, field: str | None = None) -> str:
    """How a message names the input: ``source``, and ``field 'text'`` within a record."""
    return f"{source}, field {field!r}" if field else source


def megabytes(size: int) -> str:
    """A size as people read it: bytes below 1 MB, else MB with one decimal."""
    return f"{size:,} bytes" if size < 1_000_000 else f"{size / 1_000_000:.1f} MB"


def over_limit(source: str, max_bytes: int, size: int | None = None) -> InputError:
    """The one message for input over the limit (``size`` when known: a stream is cut off)."""
    what = f"{megabytes(size)} is over" if size is not None else "over"
    return InputError(f"{source}: {what} the {megabytes(max_bytes)} input limit")


def admit_bytes(
    data: bytes, source: str, *, max_bytes: int = MAX_ARTICLE_BYTES, field: str | None = None
) -> str:
    """``data`` decoded as UTF-8 once it passes the size and binary checks (not emptiness:
    an HTML page is checked after its text is extracted)."""
    name = where(source, field)
    if len(data) > max_bytes:
        raise over_limit(name, max_bytes, len(data))
    if b"\x00" in data[:_NUL_WINDOW]:
        raise InputError(f"{name}: looks like a binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc


def admit_text(
    text: str, source: str, *, max_bytes: int = MAX_ARTICLE_BYTES, field: str | None = None
) -> str:
    """``text`` itself once it passes the size, encoding and emptiness checks."""
    name = where(source, field)
    # Every code point is at least one UTF-8 byte: a text too long in characters is refused
    # without encoding it (a 60 MB string costs no second 60 MB; its size then counts the
    # characters, a lower bound).
    size = len(text) if len(text) > max_bytes else _utf8_size(text, name)
    if size > max_bytes:
        raise over_limit(name, max_bytes, size)
    if "\x00" in text:
        raise InputError(f"{name}: looks like a binary file (contains NUL bytes), not text")
    if not text.strip():
        raise InputError(f"{name}: the article is empty")
    return text


def _utf8_size(text: str, name: str) -> int:
    try:
        return len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{name}: not valid Unicode (a lone surrogate at character {exc.start})"
        ) from exc
