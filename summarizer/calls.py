"""Calls: the one layer around the provider's call, where the cache and the retries live.

Each run gets a ``ModelCalls``; instructor calls its ``complete`` for every answer it asks for
(first try and re-asks). A cached answer is returned as is; otherwise the provider is called
under the retry policy (and the rate limit), the answer checked, counted and stored.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any

from openai.types.chat import ChatCompletion

from .cache import Cache, cache_key
from .errors import BudgetExceeded, ProviderError, SummarizationError
from .providers import Provider
from .result import Usage
from .retry import BadResponse, RateLimiter, call_with_retries, checked
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
        self.attempts += 1
        cache = self.cache
        key = cache_key(self.provider.identity, self.provider.model, request) if cache else ""
        if cache and not self.settings.refresh:
            hit = cache.get(key)
            if hit is not None:
                self.cache_hits += 1
                self.last = hit
                return hit
        try:
            completion: ChatCompletion
            completion, tries = call_with_retries(
                lambda: checked(self._call(request)), self.settings.retry
            )
        except ProviderError as exc:
            self.requests += exc.attempts
            exc.attempts = self.requests
            raise
        self.requests += tries
        self.usage.add(completion.usage)
        self.last = completion
        message = completion.choices[0].message
        if message.refusal and not message.content:
            raise SummarizationError(
                f"the model refused: {message.refusal}", attempts=self.requests
            )
        if cache:
            cache.put(key, completion)
        return completion

    def _call(self, request: dict[str, Any]) -> ChatCompletion:
        ceiling = self.settings.max_requests
        if self.started >= ceiling:
            raise BudgetExceeded(
                f"the article's ceiling of {ceiling} model requests is spent (--max-requests)",
                attempts=self.started, limit=ceiling,
            )  # fmt: skip
        self.started += 1
        if self.limiter:
            self.limiter.wait()
        try:
            return self.provider.complete(**copy.deepcopy(request))  # a retry resends it intact
        except json.JSONDecodeError as exc:
            raise BadResponse("response body is not JSON") from exc
