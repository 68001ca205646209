"""The OpenAI Batch API's endpoints, through the provider's own SDK client (same endpoint, key
and timeout as its chat completions).

Upload a JSONL file of requests, create, retrieve, cancel or find a batch, and read its output
and error files into one ``Answer`` per ``custom_id``: a ``ChatCompletion``, or a ``Failure``
that says whether another batch may answer it (``transient``: HTTP 429/5xx, ``batch_expired``,
a body that is no completion). Every SDK failure of these endpoints is a ``ProviderError``,
transient ones retried under the settings' policy (``retry.call_with_retries``); a batch id the
server does not know is an ``InputError`` (exit 2).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final, TypeVar

import openai
from openai.types import Batch
from openai.types.chat import ChatCompletion
from pydantic import ValidationError
from tenacity import Retrying

from .errors import InputError, ProviderError
from .providers import OpenAIProvider
from .retry import RETRY_STATUSES, RetryPolicy, call_with_retries, describe

__all__ = ["ENDPOINT", "Answer", "BatchClient", "Failure", "answer_of"]

T = TypeVar("T")
ENDPOINT: Final = "/v1/chat/completions"
#: Per-request error codes that another batch may not meet.
TRANSIENT_CODES = frozenset({"batch_expired", "rate_limit_exceeded", "server_error"})
#: How many of the newest batches are searched for one made from a given input file.
FIND_WINDOW = 100


@dataclass(frozen=True)
class Failure:
    """A request a batch did not answer: why, the HTTP status if any, and whether a later
    batch may answer it."""

    message: str
    status: int | None = None
    transient: bool = False


Answer = ChatCompletion | Failure


class BatchClient:
    """The batch endpoints of ``provider``'s server."""

    def __init__(self, provider: OpenAIProvider, retry: RetryPolicy | Retrying) -> None:
        self.provider = provider
        self.retry = retry

    def _call(self, what: str, call: Callable[[], T], batch_id: str | None = None) -> T:
        try:
            return call_with_retries(call, self.retry)[0]
        except ProviderError as exc:
            cause = exc.__cause__ or exc
            if batch_id is not None and isinstance(cause, openai.NotFoundError):
                raise InputError(
                    f"batch {batch_id!r}: not found at {self.provider.endpoint} (HTTP 404)"
                ) from cause
            raise ProviderError(
                f"{what} failed after {exc.attempts} attempt(s): {describe(cause)}",
                attempts=exc.attempts, status=exc.status,
            ) from cause  # fmt: skip

    def upload(self, lines: bytes, name: str) -> str:
        """Upload a JSONL file of requests; its file id."""
        client = self.provider.client
        uploaded = self._call(
            "uploading the batch input",
            lambda: client.files.create(file=(name, lines), purpose="batch"),
        )
        return uploaded.id

    def create(self, file_id: str, metadata: dict[str, str]) -> Batch:
        client = self.provider.client
        return self._call("creating the batch", lambda: client.batches.create(
            input_file_id=file_id, endpoint=ENDPOINT, completion_window="24h", metadata=metadata,
        ))  # fmt: skip

    def retrieve(self, batch_id: str) -> Batch:
        client = self.provider.client
        return self._call(f"reading batch {batch_id}",
                          lambda: client.batches.retrieve(batch_id), batch_id)  # fmt: skip

    def cancel(self, batch_id: str) -> Batch:
        client = self.provider.client
        return self._call(f"cancelling batch {batch_id}",
                          lambda: client.batches.cancel(batch_id), batch_id)  # fmt: skip

    def find(self, file_id: str) -> Batch | None:
        """A batch already made from ``file_id`` (a run killed between creating it and saving
        its id), among the newest ``FIND_WINDOW``."""
        client = self.provider.client
        page = self._call("listing batches", lambda: client.batches.list(limit=FIND_WINDOW))
        return next((b for b in page.data if b.input_file_id == file_id), None)

    def answers(self, batch: Batch, custom_ids: Iterable[str]) -> dict[str, Answer]:
        """What a finished batch says of each of ``custom_ids``: its output and error files
        read, what they leave out a ``Failure`` by the batch's status."""
        found: dict[str, Answer] = {}
        if batch.status == "failed":
            errors = batch.errors.data if batch.errors and batch.errors.data else []
            why = "; ".join(f"{e.code}: {e.message}" for e in errors) or "no reason given"
            failure = Failure(f"batch {batch.id} failed: {why}")
            return {custom_id: failure for custom_id in custom_ids}
        for file_id in (batch.output_file_id, batch.error_file_id):
            if file_id:
                found |= self._read(file_id)
        if batch.status == "cancelled":
            missing = Failure(f"batch {batch.id} was cancelled before this request was answered")
        elif batch.status == "expired":
            missing = Failure(f"batch {batch.id} expired before this request was answered",
                              transient=True)  # fmt: skip
        else:
            missing = Failure(f"batch {batch.id} holds no answer to this request", transient=True)
        return {custom_id: found.get(custom_id, missing) for custom_id in custom_ids}

    def _read(self, file_id: str) -> dict[str, Answer]:
        client = self.provider.client

        def read() -> dict[str, Answer]:
            got: dict[str, Answer] = {}
            with client.files.with_streaming_response.content(file_id) as response:
                for line in response.iter_lines():
                    if line.strip():
                        custom_id, answer = answer_of(json.loads(line))
                        got[custom_id] = answer
            return got

        try:
            return self._call(f"reading file {file_id}", read)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ProviderError(f"file {file_id} is not a batch result file ({exc})") from exc


def answer_of(line: dict[str, Any]) -> tuple[str, Answer]:
    """The ``custom_id`` of one line of a batch's output or error file, and its answer."""
    custom_id = str(line["custom_id"])
    response = line.get("response")
    if response:
        status = response.get("status_code")
        body = response.get("body")
        if status == 200:
            try:
                completion = ChatCompletion.model_validate(body)
            except ValidationError:
                return custom_id, Failure("response body is not a valid completion", 200, True)
            if not completion.choices:
                return custom_id, Failure("response has no choices", 200, True)
            return custom_id, completion
        error = body.get("error") if isinstance(body, dict) else None
        message = error.get("message") if isinstance(error, dict) else body
        text = " ".join(str(message or "").split())[:200]
        return custom_id, Failure(f"HTTP {status}: {text}", status, status in RETRY_STATUSES)
    error = line.get("error") or {}
    code, message = error.get("code"), error.get("message")
    return custom_id, Failure(f"{code}: {message}", None, code in TRANSIENT_CODES)
