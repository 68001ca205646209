"""Redis cache: the response cache every worker of a cluster shares (``--cache-url redis://...``).

The same keys and values as the SQLite cache (``cache.py``): the SHA-256 of the request, under
the prefix ``summarizer:response:``, holds a hash of ``value`` (the completion's JSON),
``checksum`` and ``created``, with an expiry when ``ttl`` is set (``--cache-ttl``). A Redis
that cannot be reached or answers with an error degrades to no cache, with one warning: an
article never fails because of its cache. redis-py comes with ``summarizer[cluster]``.
"""

from __future__ import annotations

import time
from typing import Any

from .cache import Cache
from .extras import import_extra

__all__ = ["KEY_PREFIX", "RedisCache"]

KEY_PREFIX = "summarizer:response:"


class RedisCache(Cache):
    """Chat completions by key, in Redis. Every failure degrades to a miss, with one warning."""

    def __init__(self, url: str, *, ttl: float | None = None) -> None:
        redis = import_extra("redis", "the Redis cache (--cache-url)")
        retry = import_extra("redis.retry", "the Redis cache (--cache-url)")
        backoff = import_extra("redis.backoff", "the Redis cache (--cache-url)")
        self.where = url
        self.ttl = ttl
        self._errors = (redis.RedisError, OSError)
        try:
            # Fail fast: an unreachable server must cost seconds once, not every request.
            self._client: Any = redis.Redis.from_url(
                url, socket_connect_timeout=2.0, socket_timeout=5.0,
                retry=retry.Retry(backoff.NoBackoff(), 1),
            )  # fmt: skip
        except ValueError as exc:  # a malformed URL: as unusable as an unreachable server
            self._unusable(exc)

    def _read(self, key: str) -> tuple[str, str] | None:
        value, checksum = self._client.hmget(KEY_PREFIX + key, "value", "checksum")
        if value is None or checksum is None:
            return None
        return value.decode(), checksum.decode()

    def _write(self, key: str, value: str, checksum: str) -> None:
        entry = {"value": value, "checksum": checksum, "created": time.time()}
        with self._client.pipeline(transaction=True) as pipe:
            pipe.hset(KEY_PREFIX + key, mapping=entry)
            if self.ttl:
                pipe.pexpire(KEY_PREFIX + key, max(int(self.ttl * 1000), 1))
            pipe.execute()

    def _delete(self, key: str) -> None:
        self._client.delete(KEY_PREFIX + key)
