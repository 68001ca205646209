"""Retry: one tenacity policy around every model call, and nothing else.

Transient faults are retried: HTTP 429, 500, 502, 503, 504, timeouts, connection errors and
response bodies that are not JSON. The wait is exponential backoff with full jitter, or what the
server asks for in ``Retry-After`` / ``retry-after-ms`` (capped at ``max_wait``); the run stops at
``max_attempts`` or when the next wait would pass the ``deadline``. The openai client's own
retries are off, so attempts do not multiply. Validation re-asks are instructor's, counted apart.

Exhausted or permanent failures raise ``ProviderError`` with the attempt count, the last HTTP
status and the reason.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import openai
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
    wait_random_exponential,
)

from .errors import ProviderError

__all__ = [
    "RETRY_STATUSES",
    "BadResponse",
    "RateLimiter",
    "RetryPolicy",
    "acall_with_retries",
    "call_with_retries",
    "checked",
    "is_transient",
    "refuses_format",
]

logger = logging.getLogger("summarizer")
T = TypeVar("T")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """How transient failures of one model call are retried."""

    #: Calls in all, the first included. 1 turns retries off.
    max_attempts: int = 5
    #: First backoff ceiling, seconds; each retry doubles it (full jitter: a random wait below).
    base_wait: float = 0.5
    #: Longest single wait, seconds, also the cap on a server's Retry-After.
    max_wait: float = 30.0
    #: No retry starts after this many seconds since the first call.
    deadline: float = 120.0

    def retrying(self) -> Retrying:
        return Retrying(**self._terms())

    def aretrying(self) -> AsyncRetrying:
        """The same policy for a coroutine: its waits are ``asyncio.sleep``."""
        return AsyncRetrying(**self._terms())

    def _terms(self) -> dict[str, Any]:
        return {
            "retry": retry_if_exception(is_transient),
            "stop": stop_after_attempt(self.max_attempts) | stop_before_delay(self.deadline),
            "wait": self._wait,
            "before_sleep": _log_retry,
            "reraise": True,
        }

    def _wait(self, state: RetryCallState) -> float:
        jitter = wait_random_exponential(multiplier=self.base_wait, max=self.max_wait)(state)
        error = state.outcome.exception() if state.outcome else None
        asked = _retry_after(error)
        return min(asked, self.max_wait) if asked is not None else jitter


def is_transient(error: BaseException) -> bool:
    """True for failures worth another try: rate limits, server errors, timeouts, bad bodies."""
    if isinstance(error, openai.APIStatusError):
        return error.status_code in RETRY_STATUSES and not refuses_format(error)
    return isinstance(
        error, openai.APIConnectionError | openai.APIResponseValidationError | BadResponse
    )


def refuses_format(error: BaseException) -> bool:
    """A server refusing the request's ``response_format`` (the mode), not failing.

    Servers say so with 400 or 422, and llama_cpp.server with 500 (a request validation error
    that names ``response_format``): retrying cannot help, another mode can.
    """
    status = getattr(error, "status_code", None) or getattr(error, "status", None)
    text = str(error).lower()
    return status in (400, 422, 500) and ("response_format" in text or "json_schema" in text)


class BadResponse(Exception):
    """A 2xx response that is no usable completion: not JSON, or no choices."""


def _retry_after(error: BaseException | None) -> float | None:
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return max(float(ms) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        when = email.utils.parsedate_to_datetime(value) if value else None
        return max(when.timestamp() - time.time(), 0.0) if when else None


def _log_retry(state: RetryCallState) -> None:
    error = state.outcome.exception() if state.outcome else None
    wait = state.next_action.sleep if state.next_action else 0.0
    logger.warning(
        "model call failed (%s); retry %d in %.1f s", describe(error), state.attempt_number, wait
    )


def describe(error: BaseException | None) -> str:
    """A short reason: 'HTTP 503: overloaded', 'timeout', 'connection error'..."""
    if isinstance(error, openai.APIStatusError):
        body = error.body
        message = body.get("message") if isinstance(body, dict) else None
        text = " ".join(str(message or body or "").split())[:200]
        return f"HTTP {error.status_code}: {text}" if text else f"HTTP {error.status_code}"
    if isinstance(error, openai.APITimeoutError):
        return "timeout"
    if isinstance(error, openai.APIConnectionError):
        return f"connection error ({error.__cause__ or error})"
    if isinstance(error, BadResponse):
        return str(error)
    if isinstance(error, openai.APIResponseValidationError):
        return "response body is not a valid completion"
    return f"{type(error).__name__}: {error}"


class RateLimiter:
    """At most ``per_minute`` calls a minute, evenly spaced; safe across threads."""

    def __init__(self, per_minute: float) -> None:
        self.interval = 60.0 / per_minute
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        if (delay := self._turn()) > 0:
            time.sleep(delay)

    async def await_turn(self) -> None:
        """``wait`` for a coroutine: the event loop runs on meanwhile."""
        if (delay := self._turn()) > 0:
            await asyncio.sleep(delay)

    def _turn(self) -> float:
        """Book the next free slot; the seconds until it comes."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self.interval
        return start - now


def call_with_retries(call: Callable[[], T], policy: RetryPolicy | Retrying) -> tuple[T, int]:
    """Run ``call`` under ``policy``; return its result and the number of calls made."""
    retrying = policy.retrying() if isinstance(policy, RetryPolicy) else policy.copy()
    started = time.monotonic()
    try:
        result = retrying(call)
    except (openai.APIError, BadResponse) as exc:
        raise _exhausted(exc, retrying, started) from exc
    return result, int(retrying.statistics.get("attempt_number", 1))


async def acall_with_retries(
    call: Callable[[], Awaitable[T]], policy: RetryPolicy | Retrying | AsyncRetrying
) -> tuple[T, int]:
    """``call_with_retries`` for a coroutine function, under the same policy (a tenacity
    ``Retrying`` given in the settings is run with its terms, its waits ``asyncio.sleep``)."""
    if isinstance(policy, RetryPolicy):
        retrying = policy.aretrying()
    elif isinstance(policy, AsyncRetrying):
        retrying = policy.copy()
    else:
        terms = ("stop", "wait", "retry", "before", "after", "before_sleep", "reraise",
                 "retry_error_cls", "retry_error_callback")  # fmt: skip
        retrying = AsyncRetrying(**{term: getattr(policy, term) for term in terms})

    async def attempt() -> T:  # a coroutine function, which tenacity awaits (a lambda it would not)
        return await call()

    started = time.monotonic()
    try:
        result: T = await retrying(attempt)
    except (openai.APIError, BadResponse) as exc:
        raise _exhausted(exc, retrying, started) from exc
    return result, int(retrying.statistics.get("attempt_number", 1))


def _exhausted(
    exc: BaseException, retrying: Retrying | AsyncRetrying, started: float
) -> ProviderError:
    attempts = retrying.statistics.get("attempt_number", 1)
    elapsed = time.monotonic() - started
    return ProviderError(
        f"model call failed after {attempts} attempt(s) in {elapsed:.1f} s: {describe(exc)}",
        attempts=attempts,
        status=getattr(exc, "status_code", None),
    )


def checked(completion: Any) -> Any:
    """``completion``, or a retryable ``BadResponse`` when it is a raw body or has no choices."""
    if isinstance(completion, str | bytes):
        raise BadResponse("response body is not JSON")
    if not getattr(completion, "choices", None):
        raise BadResponse("response has no choices")
    return completion
