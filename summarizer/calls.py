"""Calls: the one layer around the provider's call, where the cache and the retries live.

Each run gets a ``ModelCalls``; instructor calls its ``complete`` for every answer it asks for
(first try and re-asks). A cached answer is returned as is; otherwise the provider is called
under the retry policy (and the rate limit), the answer checked, counted and stored.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

from openai.types.chat import ChatCompletion

from .cache import Cache, cache_key
from .errors import BudgetExceeded, ProviderError, SummarizationError
from .providers import AsyncProvider, Provider
from .result import Usage
from .retry import BadResponse, RateLimiter, acall_with_retries, call_with_retries, checked
from .settings import Settings

__all__ = ["ModelCalls"]


@dataclass
class ModelCalls:
    """The one layer around the provider's call: cache, then retries. Counts and sums usage.

    ``attempts`` counts answers instructor asked for (first try and re-asks); ``requests`` the
    model requests actually made, retries included; ``cache_hits`` the answers read from disk.
    No request starts once ``settings.max_requests`` have been made (``BudgetExceeded``).
    """

    provider: Provider
    cache: Cache | None
    settings: Settings
    limiter: RateLimiter | None = None
    attempts: int = 0
    requests: int = 0
    cache_hits: int = 0
    usage: Usage = field(default_factory=Usage)
    last: ChatCompletion | None = None
    #: Requests started, the one under way included (``requests`` counts them once done).
    started: int = 0

    def complete(self, **request: Any) -> ChatCompletion:
        key, hit = self._lookup(request)
        if hit is not None:
            return hit
        try:
            completion, tries = call_with_retries(lambda: self._call(request), self.settings.retry)
        except ProviderError as exc:
            self._failed(exc)
            raise
        return self._done(key, completion, tries)

    async def acomplete(self, **request: Any) -> ChatCompletion:
        """``complete`` for the event loop: the same cache, ceiling, rate limit and retry policy
        (its waits are ``asyncio.sleep``). A provider with ``acomplete`` is awaited; any other
        (llama.cpp in process, which blocks) is called in a worker thread."""
        key, hit = self._lookup(request)
        if hit is not None:
            return hit
        try:
            completion, tries = await acall_with_retries(
                lambda: self._acall(request), self.settings.retry
            )
        except ProviderError as exc:
            self._failed(exc)
            raise
        return self._done(key, completion, tries)

    def _lookup(self, request: dict[str, Any]) -> tuple[str, ChatCompletion | None]:
        """Count the attempt; the request's cache key, and its cached answer if any."""
        self.attempts += 1
        cache = self.cache
        key = cache_key(self.provider.identity, self.provider.model, request) if cache else ""
        if cache and not self.settings.refresh:
            hit = cache.get(key)
            if hit is not None:
                self.cache_hits += 1
                self.last = hit
                return key, hit
        return key, None

    def _failed(self, exc: ProviderError) -> None:
        """Count a call's requests that all failed; the error reports the article's total."""
        self.requests += exc.attempts
        exc.attempts = self.requests

    def _done(self, key: str, completion: ChatCompletion, tries: int) -> ChatCompletion:
        """Count, check and store an answer the provider gave."""
        self.requests += tries
        self.usage.add(completion.usage)
        self.last = completion
        message = completion.choices[0].message
        if message.refusal and not message.content:
            raise SummarizationError(
                f"the model refused: {message.refusal}", attempts=self.requests
            )
        if self.cache:
            self.cache.put(key, completion)
        return completion

    def _start(self) -> None:
        """Count a request about to start, or refuse it past the article's ceiling."""
        ceiling = self.settings.max_requests
        if self.started >= ceiling:
            raise BudgetExceeded(
                f"the article's ceiling of {ceiling} model requests is spent (--max-requests)",
                attempts=self.started, limit=ceiling,
            )  # fmt: skip
        self.started += 1

    def _call(self, request: dict[str, Any]) -> ChatCompletion:
        self._start()
        if self.limiter:
            self.limiter.wait()
        try:
            # Providers copy what they change (LocalProvider adapts a copy): a retry resends
            # the request intact, with no deep copy of its schema and messages at every call.
            completion = self.provider.complete(**dict(request))
        except json.JSONDecodeError as exc:
            raise BadResponse("response body is not JSON") from exc
        return checked(completion)  # type: ignore[no-any-return]

    async def _acall(self, request: dict[str, Any]) -> ChatCompletion:
        self._start()
        if self.limiter:
            await self.limiter.await_turn()
        resend = dict(request)  # as in _call
        try:
            if isinstance(self.provider, AsyncProvider):
                completion = await self.provider.acomplete(**resend)
            else:
                completion = await asyncio.to_thread(lambda: self.provider.complete(**resend))
        except json.JSONDecodeError as exc:
            raise BadResponse("response body is not JSON") from exc
        return checked(completion)  # type: ignore[no-any-return]
