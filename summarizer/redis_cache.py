"""Redis cache: the response cache every worker of a cluster shares (``--cache-url redis://...``).

The same keys and values as the SQLite cache (``cache.py``): the SHA-256 of the request, under
the prefix ``summarizer:response:``, holds a hash of ``value`` (the completion's JSON),
``checksum`` and ``created``, with an expiry when ``ttl`` is set (``--cache-ttl``). A Redis
that cannot be reached or answers with an error degrades to no cache, with one warning: an
article never fails because of its cache. redis-py comes with ``summarizer[cluster]``.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from openai.types.chat import ChatCompletion

from .cache import decode, encode
from .extras import import_extra

__all__ = ["KEY_PREFIX", "RedisCache"]

KEY_PREFIX = "summarizer:response:"
logger = logging.getLogger("summarizer")


class RedisCache:
    """Chat completions by key, in Redis. Every failure degrades to a miss, with one warning."""

    def __init__(self, url: str, *, ttl: float | None = None) -> None:
        redis = import_extra("redis", "the Redis cache (--cache-url)")
        retry = import_extra("redis.retry", "the Redis cache (--cache-url)")
        backoff = import_extra("redis.backoff", "the Redis cache (--cache-url)")
        self.url = url
        self.ttl = ttl
        self._errors: tuple[type[BaseException], ...] = (redis.RedisError, OSError)
        self._broken = False
        try:
            # Fail fast: an unreachable server must cost seconds once, not every request.
            self._client: Any = redis.Redis.from_url(
                url, socket_connect_timeout=2.0, socket_timeout=5.0,
                retry=retry.Retry(backoff.NoBackoff(), 1),
            )  # fmt: skip
        except ValueError as exc:  # a malformed URL: as unusable as an unreachable server
            self._client = None
            self._unusable(exc)

    def _unusable(self, exc: BaseException) -> None:
        if not self._broken:
            logger.warning("cache %s is unusable (%s); continuing without it", self.url, exc)
        self._broken = True

    def get(self, key: str) -> ChatCompletion | None:
        if self._broken:
            return None
        try:
            value, checksum = self._client.hmget(KEY_PREFIX + key, "value", "checksum")
            if value is None or checksum is None:
                return None
            completion = decode(value.decode(), checksum.decode())
            if completion is None:
                logger.warning("cache entry %s… is corrupt; recomputing it", key[:12])
                self._client.delete(KEY_PREFIX + key)
            return completion
        except self._errors as exc:
            self._unusable(exc)
            return None

    def put(self, key: str, completion: ChatCompletion) -> None:
        if self._broken:
            return
        value, checksum = encode(completion)
        entry = {"value": value, "checksum": checksum, "created": time.time()}
        try:
            with self._client.pipeline(transaction=True) as pipe:
                pipe.hset(KEY_PREFIX + key, mapping=entry)
                if self.ttl:
                    pipe.pexpire(KEY_PREFIX + key, max(int(self.ttl * 1000), 1))
                pipe.execute()
        except self._errors as exc:
            self._unusable(exc)
