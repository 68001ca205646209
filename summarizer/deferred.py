"""A provider that answers from a batch's answers, or defers the request to the next batch.

The Batch API run (``batch_api.py``) drives the normal pipeline, ``Summarizer.summarize``, once
per round for every article still open, with a ``DeferringProvider`` in place of the real
``OpenAIProvider``. It has the real one's name, model, identity, modes and endpoint, so
``ModelCalls`` computes the same cache keys and the records say the same. Its ``complete``:

- returns the batch's answer to that request (looked up by cache key), when one came back:
  parsed, validated, grounded and re-asked exactly as a direct answer is;
- raises ``ProviderError`` when the batch answered it with a failure that another batch cannot
  mend (HTTP 400, a failed or cancelled batch), or with a transient one sent ``max_sends``
  times already;
- with ``direct`` set (``--reask direct``), sends a request that is not the article's first,
  and that no batch was asked, to the real provider;
- else raises ``Deferred``: the request goes into the next batch.

``Deferred`` is a ``SummarizerError`` so that the pipeline unwraps it from instructor's
``InstructorRetryException`` as it does its own errors; it is no ``ProviderError``, so
``ModelCalls`` neither retries it nor counts it as a request. It never becomes a record.

``AnswersFirst`` is the view of the response cache the rounds use: a request a batch of this run
answered is a miss there, so the batch's answer is replayed and counted as the request it was
(its tokens in the usage, ``requests`` as a direct run gives), and stored; anything else is
the real cache's.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from openai.types.chat import ChatCompletion

from .batch_client import Answer, Failure
from .cache import Cache, cache_key
from .errors import ProviderError, SummarizerError
from .providers import ModeName, OpenAIProvider

__all__ = ["AnswersFirst", "Deferred", "DeferringProvider", "quiet_deferrals"]

#: In every ``Deferred`` message: how instructor's log lines about a deferral are recognised.
MARK = "deferred to the next batch"


class Deferred(SummarizerError):
    """The request has no answer yet: it goes into the next batch. ``key`` is its cache key."""

    def __init__(self, key: str, request: dict[str, Any]) -> None:
        super().__init__(f"request {key[:12]}… {MARK}")
        self.key = key
        self.request = request

    def detached(self) -> Deferred:
        """This, without the frames and the instructor error it passed through: they hold
        the provider's client in a cycle (frame -> instructor's ``last_exception`` -> this),
        which would outlive the run until the garbage collector found it."""
        self.__traceback__ = self.__context__ = self.__cause__ = None
        return self


class DeferringProvider:
    """Answers from ``answers`` (cache key -> answer), else defers; see the module's text."""

    def __init__(self, real: OpenAIProvider, answers: dict[str, Answer], *,
                 sent: Counter[str] | None = None, max_sends: int = 5) -> None:  # fmt: skip
        self.real = real
        self.name = real.name
        self.model = real.model
        self.identity = real.identity
        self.endpoint = real.endpoint
        self.modes: tuple[ModeName, ...] = real.modes
        self.answers = answers
        #: Batches each request (by key) was sent in.
        self.sent: Counter[str] = sent if sent is not None else Counter()
        self.max_sends = max_sends
        #: Send later requests of an article, that no batch was asked, to the real provider.
        self.direct = False
        self._asked = 0

    def begin(self) -> None:
        """An article starts: its next request is its first."""
        self._asked = 0

    def key(self, request: dict[str, Any]) -> str:
        return cache_key(self.identity, self.model, request)

    def complete(self, **request: Any) -> ChatCompletion:
        self._asked += 1
        key = self.key(request)
        answer = self.answers.get(key)
        if isinstance(answer, ChatCompletion):
            return answer
        if isinstance(answer, Failure):
            sends = self.sent[key]
            if not answer.transient or sends >= self.max_sends:
                after = f" after {sends} batch(es)" if answer.transient else ""
                raise ProviderError(f"batch request failed{after}: {answer.message}",
                                    attempts=1, status=answer.status)  # fmt: skip
        elif self.direct and self._asked > 1 and not self.sent[key]:
            return self.real.complete(**request)
        raise Deferred(key, request)


class AnswersFirst(Cache):
    """``real``, except that a request ``answers`` holds is a miss (see the module's text)."""

    def __init__(self, real: Cache | None, answers: dict[str, Answer]) -> None:
        self.real = real
        self.answers = answers

    def get(self, key: str) -> ChatCompletion | None:
        if key in self.answers or self.real is None:
            return None
        return self.real.get(key)

    def put(self, key: str, completion: ChatCompletion) -> None:
        if self.real is not None:
            self.real.put(key, completion)


class _DropDeferrals(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return MARK not in record.getMessage()


_FILTER = _DropDeferrals()


def quiet_deferrals() -> None:
    """instructor logs every exception its call raises at ERROR; a deferral is no error."""
    for name in ("instructor.v2.retry", "instructor"):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
