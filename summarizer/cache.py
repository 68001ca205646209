"""Cache: model responses stored on disk, keyed by everything that changes the answer.

The key is a SHA-256 over a canonical JSON of: the cache format version, the provider's
identity (endpoint or model file), the model, and the whole request (rendered messages, the
response schema inside ``response_format`` or ``tools``, temperature, seed, max tokens...). The
API key is never part of the request, so never part of what is stored.

Storage is one SQLite file in WAL mode (``responses.sqlite3`` under the platform cache folder,
moved by ``SUMMARIZER_CACHE_DIR``); values are JSON with a checksum, never pickles. Several
processes may share it. A corrupt database or entry never fails a run: it is reported once,
bypassed (or deleted), and the answer recomputed. For many machines, ``cache_url`` names a Redis
server holding the same keys and values (``redis_cache.py``); ``open_cache`` picks the store.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from openai.types.chat import ChatCompletion
from pydantic import ValidationError

__all__ = [
    "CACHE_FORMAT",
    "Cache",
    "CacheStats",
    "ResponseCache",
    "cache_key",
    "canonical_sha256",
    "decode",
    "default_cache_dir",
    "encode",
    "open_cache",
]

CACHE_FORMAT = 1
FILE_NAME = "responses.sqlite3"
logger = logging.getLogger("summarizer")


def default_cache_dir() -> Path:
    """``SUMMARIZER_CACHE_DIR``, else the platform's user cache folder for summarizer."""
    configured = os.environ.get("SUMMARIZER_CACHE_DIR")
    return Path(configured) if configured else Path(platformdirs.user_cache_dir("summarizer"))


def canonical_sha256(payload: Any) -> str:
    """The SHA-256 of ``payload`` as canonical JSON (sorted keys, no spaces): one value for
    one content, whatever the order its dicts were built in."""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def cache_key(identity: str, model: str, request: dict[str, Any]) -> str:
    """The SHA-256 naming one request to one model."""
    payload = {"format": CACHE_FORMAT, "identity": identity, "model": model, "request": request}
    return canonical_sha256(payload)


class Cache:
    """A store of chat completions by key. Entries are checked on the way out (a corrupt one is
    deleted and missed); every failure of the store (``_errors``) is a miss, warned of once.
    A store says how to read, write and delete one entry."""

    _errors: tuple[type[BaseException], ...] = (OSError,)
    _broken = False
    where = "cache"

    def _read(self, key: str) -> tuple[str, str] | None:
        raise NotImplementedError

    def _write(self, key: str, value: str, checksum: str) -> None:
        raise NotImplementedError

    def _delete(self, key: str) -> None:
        raise NotImplementedError

    def _unusable(self, exc: BaseException) -> None:
        if not self._broken:
            logger.warning("cache %s is unusable (%s); continuing without it", self.where, exc)
        self._broken = True

    def get(self, key: str) -> ChatCompletion | None:
        if self._broken:
            return None
        try:
            entry = self._read(key)
            if entry is None:
                return None
            completion = decode(*entry)
            if completion is None:
                logger.warning("cache entry %s… is corrupt; recomputing it", key[:12])
                self._delete(key)
            return completion
        except self._errors as exc:
            self._unusable(exc)
            return None

    def put(self, key: str, completion: ChatCompletion) -> None:
        if self._broken:
            return
        try:
            self._write(key, *encode(completion))
        except self._errors as exc:
            self._unusable(exc)


def encode(completion: ChatCompletion) -> tuple[str, str]:
    """The stored value of ``completion`` (JSON) and its checksum."""
    value = completion.model_dump_json(exclude_none=True)
    return value, hashlib.sha256(value.encode()).hexdigest()


def decode(value: str, checksum: str) -> ChatCompletion | None:
    """The completion a stored value holds, or None when it is corrupt."""
    if hashlib.sha256(value.encode()).hexdigest() == checksum:
        with contextlib.suppress(ValidationError, ValueError):
            return ChatCompletion.model_validate_json(value)
    return None


def open_cache(
    directory: str | Path | None = None, *, url: str | None = None, ttl: float | None = None
) -> Cache:
    """The Redis cache at ``url`` (``redis://HOST:PORT/DB``), else SQLite in ``directory``."""
    if url:
        from .redis_cache import RedisCache  # redis-py is an optional extra

        return RedisCache(url, ttl=ttl)
    return ResponseCache(directory)


@dataclass(frozen=True)
class CacheStats:
    path: str
    entries: int
    bytes: int


class ResponseCache(Cache):
    """Chat completions by key, in SQLite. Every failure degrades to a miss, with a warning."""

    _errors = (sqlite3.Error, OSError)

    def __init__(self, directory: str | Path | None = None) -> None:
        self.directory = Path(directory) if directory else default_cache_dir()
        self.path = self.directory / FILE_NAME
        self.where = str(self.path)

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        self.directory.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA busy_timeout=30000")
            db.execute(
                "CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, value TEXT NOT NULL,"
                " checksum TEXT NOT NULL, created REAL NOT NULL)"
            )
            yield db
        finally:
            db.close()

    def _read(self, key: str) -> tuple[str, str] | None:
        with self._db() as db:
            row = db.execute(
                "SELECT value, checksum FROM responses WHERE key = ?", (key,)
            ).fetchone()
        return None if row is None else (row[0], row[1])

    def _write(self, key: str, value: str, checksum: str) -> None:
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?)",
                (key, value, checksum, time.time()),
            )

    def _delete(self, key: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM responses WHERE key = ?", (key,))

    def stats(self) -> CacheStats:
        entries = 0
        if self.path.exists():
            with self._db() as db:
                entries = db.execute("SELECT COUNT(*) FROM responses").fetchone()[0]
        size = sum(p.stat().st_size for p in self.directory.glob(f"{FILE_NAME}*") if p.is_file())
        return CacheStats(path=str(self.path), entries=entries, bytes=size)

    def clear(self) -> int:
        """Delete every entry (and a database too corrupt to open); return how many went."""
        try:
            entries = self.stats().entries
        except sqlite3.DatabaseError:
            entries = 0
        for path in self.directory.glob(f"{FILE_NAME}*"):
            path.unlink(missing_ok=True)
        return entries
