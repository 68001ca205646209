"""The async pipeline: ``asummarize`` and ``summarize_many`` on the event loop, no thread per
request, through the real openai SDK (``AsyncOpenAI``) against a scripted server."""

import asyncio
import contextlib
import os
import threading
import time
from typing import Any

import pytest
from conftest import EXAMPLE, RECORDINGS
from openai.types.chat import ChatCompletion
from openai_server import Reply, ScriptedServer, ok
from pydantic import BaseModel

from summarizer import (
    ProviderError,
    ReplayProvider,
    RetryPolicy,
    Summarizer,
    article_from_text,
    read_article,
)
from summarizer.batch import summarize_many
from summarizer.replay import load_recording

CAPABLE = load_recording(RECORDINGS / "pakistan-turkey.capable.hand.json")["responses"][0]


def distinct(n: int) -> list[Any]:
    """``n`` different copies of the example article (no cache could answer one for another)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    return [article_from_text(f"{text}\nItem {i}.", source=f"a{i}") for i in range(n)]


def client_threads() -> int:
    """Threads of this process, but the scripted server's (one per connection it serves)."""
    return sum(
        "process_request_thread" not in t.name and "serve_forever" not in t.name
        for t in threading.enumerate()
    )


def test_256_requests_in_flight_at_once_with_a_handful_of_threads() -> None:
    # The server answers none before 256 are in flight together (or 30 s passed): a client
    # that cannot have them all in flight at once shows it in peak_in_flight.
    articles = distinct(256)
    with ScriptedServer([ok(CAPABLE)] * 256, hold_until=256, hold_timeout=30) as server:
        summarizer = Summarizer(provider="openai", base_url=server.base_url, cache=False,
                                attempts=1)  # fmt: skip
        threads = [client_threads()]

        async def run() -> list[Any]:
            async def watch() -> None:
                while True:
                    threads.append(client_threads())
                    await asyncio.sleep(0.01)

            watcher = asyncio.ensure_future(watch())
            try:
                return [o async for o in summarize_many(articles, summarizer, concurrency=256)]
            finally:
                watcher.cancel()

        outcomes = asyncio.run(run())
    assert server.peak_in_flight == 256
    assert len(server.requests) == 256
    assert all(o.ok for o in outcomes), [str(o.error) for o in outcomes if not o.ok][:3]
    assert all(len(o.result.brief.participants) >= 4 for o in outcomes)  # full briefs
    # Beyond the threads there before (the main one; any an earlier test left), asyncio's
    # default executor only (the warm-up, and the host name lookups of new connections: at
    # most min(32, CPUs + 4) workers): no thread per request.
    added = max(threads) - threads[0]
    assert added <= min(32, (os.cpu_count() or 1) + 4), threads
    assert added < 40


def test_asummarize_gives_what_summarize_gives() -> None:
    article = read_article(EXAMPLE)
    with ScriptedServer([ok(CAPABLE)] * 2) as server:
        options: dict[str, Any] = {"base_url": server.base_url, "cache": False, "attempts": 1}
        direct = Summarizer(provider="openai", **options).summarize(article)

        async def run() -> Any:
            async with Summarizer(provider="openai", **options) as summarizer:
                return await summarizer.asummarize(article)

        awaited = asyncio.run(run())
    assert server.requests[0] == server.requests[1]  # the same request, awaited
    envelope = direct.model_dump(mode="json")
    again = awaited.model_dump(mode="json")
    envelope["run"].pop("elapsed_s"), again["run"].pop("elapsed_s")
    assert again == envelope
    assert len(awaited.brief.participants) >= 4


def test_async_calls_retry_transient_errors_under_the_same_policy() -> None:
    article = read_article(EXAMPLE)
    replies = [Reply(503, {"error": {"message": "overloaded"}}, {"retry-after-ms": "10"}),
               ok(CAPABLE)]  # fmt: skip

    async def brief(summarizer: Summarizer) -> Any:
        async with summarizer:
            return await summarizer.asummarize(article)

    with ScriptedServer(replies) as server:
        summarizer = Summarizer(provider="openai", base_url=server.base_url, cache=False)
        result = asyncio.run(brief(summarizer))
    assert result.run.requests == 2 and result.run.attempts == 1
    assert result.brief.participants

    failing = [Reply(503, {"error": {"message": "down"}}, {"retry-after-ms": "10"})] * 4
    with ScriptedServer(failing) as server:
        summarizer = Summarizer(provider="openai", base_url=server.base_url, cache=False,
                                retry=RetryPolicy(max_attempts=3))  # fmt: skip
        with pytest.raises(ProviderError) as caught:
            asyncio.run(brief(summarizer))
    assert caught.value.attempts == 3 and caught.value.status == 503
    assert len(server.requests) == 3


def test_async_rate_limit_spaces_requests_without_blocking_the_loop() -> None:
    with ScriptedServer([ok(CAPABLE)] * 3) as server:
        summarizer = Summarizer(provider="openai", base_url=server.base_url, cache=False,
                                attempts=1, rpm=300)  # one request every 0.2 s  # fmt: skip
        ticks: list[float] = []

        async def run() -> list[Any]:
            async def tick() -> None:  # runs only while the loop is free
                while True:
                    ticks.append(time.monotonic())
                    await asyncio.sleep(0.02)

            ticker = asyncio.ensure_future(tick())
            try:
                return [o async for o in summarize_many(distinct(3), summarizer, concurrency=3)]
            finally:
                ticker.cancel()

        outcomes = asyncio.run(run())
    assert all(o.ok for o in outcomes)
    # Booked 0.2 s apart: 0.4 s from first to last, give or take a connection's set-up
    # (unspaced, the three come within a few ms).
    assert server.times[-1] - server.times[0] >= 0.3, server.gaps
    assert len(ticks) >= 15  # the loop ticked on while requests waited for their turn


class ThreadRecording(ReplayProvider):
    """A provider with no ``acomplete`` (like llama.cpp's, which blocks): it records the
    thread it is called in."""

    def __init__(self, *answers: Any) -> None:
        super().__init__(list(answers))
        self.threads: list[str] = []

    def complete(self, **request: Any) -> ChatCompletion:
        self.threads.append(threading.current_thread().name)
        return super().complete(**request)


def test_a_blocking_provider_is_called_in_a_worker_thread() -> None:
    provider = ThreadRecording(CAPABLE)
    result = asyncio.run(Summarizer(provider=provider, cache=False).asummarize(EXAMPLE))
    assert result.brief.participants
    assert provider.threads and provider.threads[0] != threading.main_thread().name


def test_instructor_checks_each_response_model_once_and_still_refuses_async_validators() -> None:
    from instructor.v2.validation import async_validators

    from summarizer import once

    check = async_validators.reject_async_validators
    assert hasattr(check, "__wrapped__")  # installed on importing the pipeline

    class Plain(BaseModel):
        name: str

    walked: list[Any] = []
    original = check.__wrapped__  # type: ignore[attr-defined]
    remembering = once._remembering(lambda model: walked.append(model) or original(model))
    remembering(Plain)
    remembering(Plain)
    assert walked == [Plain]

    class WithAsync(BaseModel):
        name: str

        @async_validators.async_field_validator("name")
        async def check_name(self, value: str) -> str:
            return value

    for _ in range(2):  # a failure is not remembered
        with pytest.raises(ValueError, match="async validators"):
            remembering(WithAsync)
    assert walked == [Plain, WithAsync, WithAsync]


def test_leaving_summarize_many_early_cancels_the_rest_and_closes_its_connections() -> None:
    articles = distinct(12)
    with ScriptedServer([Reply(200, CAPABLE, stall=0.3)] * 12) as server:
        summarizer = Summarizer(provider="openai", base_url=server.base_url, cache=False,
                                attempts=1)  # fmt: skip

        async def first_two() -> tuple[list[Any], int]:
            got = []
            async with contextlib.aclosing(
                summarize_many(articles, summarizer, concurrency=3)
            ) as outcomes:
                async for outcome in outcomes:
                    got.append(outcome)
                    if len(got) == 2:
                        break
            pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            return got, len(pending)

        got, pending = asyncio.run(first_two())
        time.sleep(0.5)  # a request still sent after the cancel would arrive by now
    assert [o.ok for o in got] == [True, True]
    assert pending == 0  # every other article's task was cancelled and awaited
    assert len(server.requests) < 12  # the articles not started were never asked
    provider = summarizer.provider
    assert not getattr(provider, "_aclients", {})  # the loop's client was closed
