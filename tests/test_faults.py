"""Fault injection through the real openai SDK against a scripted server on 127.0.0.1.

Every case asserts how many requests were made, how long the run took (within bounds), and the
outcome: a brief, or the typed error (exit 1 from the CLI, with no output file). Times are
measured against one clean call made just before, in the same test: a cold process pays its
lazy imports on the first call, which is no fault's doing.
"""

import json
import time
from pathlib import Path

import pytest
from conftest import EXAMPLE, RECORDINGS
from helpers import completion
from openai_server import Reply, ScriptedServer, ok
from typer.testing import CliRunner

from summarizer import (
    ProviderError,
    SummarizationError,
    Summarizer,
    ValidationFailed,
    read_article,
)
from summarizer.cli import app
from summarizer.replay import load_recording
from summarizer.retry import RetryPolicy

CAPABLE = load_recording(RECORDINGS / "pakistan-turkey.capable.hand.json")["responses"][0]
DRAFT = json.loads(CAPABLE["choices"][0]["message"]["content"])
FAST = RetryPolicy(max_attempts=4, base_wait=0.05, max_wait=2.0, deadline=20.0)


def body(content, **kwargs) -> dict:
    return completion(content, **kwargs).model_dump(mode="json")


def run(server: ScriptedServer, *, retry: RetryPolicy = FAST, timeout: float = 5.0, **options):
    """The result, and the seconds the run took beyond a clean call (one instant answer) made
    just before by the same, warmed summarizer: the time the fault cost. The warm-up and the
    clean call are left out of ``server.requests`` and ``server.times``."""
    summarizer = Summarizer(provider="openai", base_url=server.base_url, retry=retry,
                            timeout=timeout, cache=False, **options)  # fmt: skip
    article = read_article(EXAMPLE)
    server.replies[:0] = [ok(CAPABLE), ok(CAPABLE)]
    summarizer.summarize(article)  # the warm-up: a cold process pays its lazy imports here
    started = time.monotonic()
    summarizer.summarize(article)
    clean = time.monotonic() - started
    del server.requests[:], server.times[:]
    started = time.monotonic()
    result = summarizer.summarize(article)
    return result, time.monotonic() - started - clean


def test_sdk_retries_are_off() -> None:
    with ScriptedServer([]) as server:
        summarizer = Summarizer(provider="openai", base_url=server.base_url)
        assert summarizer.provider.client.max_retries == 0  # type: ignore[attr-defined]


def test_429_waits_as_retry_after_says() -> None:
    slow_down = Reply(429, {"error": {"message": "rate limited"}}, headers={"retry-after": "1"})
    with ScriptedServer([slow_down, ok(CAPABLE)]) as server:
        result, _elapsed = run(server)
    assert len(server.requests) == 2 and result.run.requests == 2 and result.run.attempts == 1
    assert 0.95 <= server.gaps[0] < 2.0
    assert result.brief.commitments


def test_retry_after_ms_and_the_cap_on_waits() -> None:
    ms = Reply(429, {"error": {"message": "later"}}, headers={"retry-after-ms": "300"})
    huge = Reply(503, {"error": {"message": "busy"}}, headers={"retry-after": "3600"})
    policy = RetryPolicy(max_attempts=4, base_wait=0.05, max_wait=0.5, deadline=20.0)
    with ScriptedServer([ms, huge, ok(CAPABLE)]) as server:
        _result, elapsed = run(server, retry=policy)
    assert len(server.requests) == 3
    assert 0.28 <= server.gaps[0] < 1.0
    assert 0.45 <= server.gaps[1] < 1.2  # capped at max_wait, not an hour
    assert 0.75 <= elapsed < 2.5  # the two waits, 0.3 + 0.5 s


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried(status: int) -> None:
    with ScriptedServer([(status, {"error": {"message": "oops"}}), ok(CAPABLE)]) as server:
        result, elapsed = run(server)
    assert len(server.requests) == 2 and result.run.requests == 2
    assert elapsed < 1.0  # full jitter under a 0.05 s ceiling


def test_connection_reset_is_retried() -> None:
    with ScriptedServer([Reply(reset=True), ok(CAPABLE)]) as server:
        result, elapsed = run(server)
    assert len(server.requests) == 2 and result.brief.participants
    assert elapsed < 1.5


def test_stalled_response_times_out_and_is_retried() -> None:
    with ScriptedServer([Reply(stall=5.0), ok(CAPABLE)]) as server:
        result, elapsed = run(server, timeout=0.5)
    assert len(server.requests) == 2
    assert 0.45 <= elapsed < 2.0  # the 0.5 s timeout, then a wait under 0.05 s
    assert result.brief.participants


@pytest.mark.parametrize(
    "garbage",
    [Reply(200, raw=b"<html>gateway</html>"),
     Reply(200, raw=b"{not json", headers={"content-type": "application/json"})],
    ids=["html", "broken-json"],
)  # fmt: skip
def test_body_that_is_not_json_is_retried(garbage: Reply) -> None:
    with ScriptedServer([garbage, ok(CAPABLE)]) as server:
        result, _ = run(server)
    assert len(server.requests) == 2 and result.brief.participants


def test_empty_choices_are_retried_then_fail_typed() -> None:
    empty = {"id": "x", "object": "chat.completion", "created": 0, "model": "m", "choices": []}
    with ScriptedServer([ok(empty), ok(CAPABLE)]) as server:
        _result, _ = run(server)
    assert len(server.requests) == 2
    policy = RetryPolicy(max_attempts=3, base_wait=0.01, deadline=5.0)
    with ScriptedServer([ok(empty)] * 3) as server, pytest.raises(ProviderError) as info:
        run(server, retry=policy)
    assert len(server.requests) == 3 and info.value.attempts == 3
    assert "no choices" in str(info.value)


def test_persistent_503_exhausts_attempts_with_a_typed_error() -> None:
    policy = RetryPolicy(max_attempts=3, base_wait=0.05, deadline=20.0)
    replies = [(503, {"error": {"message": "overloaded"}})] * 3
    with ScriptedServer(replies) as server, pytest.raises(ProviderError) as info:
        run(server, retry=policy)
    assert len(server.requests) == 3
    error = info.value
    assert (error.attempts, error.status, error.exit_code) == (3, 503, 1)
    assert "after 3 attempt(s)" in str(error) and "HTTP 503" in str(error)
    assert isinstance(error.__cause__, Exception)  # the SDK's error, kept


def test_deadline_stops_retrying_early() -> None:
    policy = RetryPolicy(max_attempts=50, base_wait=0.2, max_wait=0.2, deadline=0.5)
    down = Reply(503, {"error": {"message": "down"}}, headers={"retry-after": "0.2"})
    with ScriptedServer([down] * 50) as server, pytest.raises(ProviderError):
        run(server, retry=policy)
    # Calls at about 0, 0.2 and 0.4 s; none starts after 0.5 s. 50 would take 10 s.
    assert 2 <= len(server.requests) <= 4
    assert server.times[-1] - server.times[0] < 1.0


def test_client_errors_are_not_retried() -> None:
    replies = [(404, {"error": {"message": "model 'x' not found"}})]
    with ScriptedServer(replies) as server, pytest.raises(ProviderError) as info:
        run(server)
    assert len(server.requests) == 1 and info.value.status == 404


def test_truncated_completion_keeps_complete_items() -> None:
    text = json.dumps(DRAFT)
    cut = text[: text.index('"context"')]
    with ScriptedServer([ok(body(cut, finish_reason="length"))]) as server:
        result, _ = run(server)
    assert len(server.requests) == 1
    assert result.brief.commitments and not result.brief.context
    assert any("cut off" in f.problem for f in result.grounding.findings)


def test_schema_invalid_answer_is_reasked() -> None:
    invalid = dict(DRAFT, participants="everyone")
    with ScriptedServer([ok(body(invalid)), ok(CAPABLE)]) as server:
        result, _ = run(server, attempts=2)
    assert len(server.requests) == 2 and result.run.attempts == 2
    reask = json.dumps(server.requests[1]["messages"][2:])
    assert "participants" in reask and "valid array" in reask
    assert result.run.usage.total_tokens == 200 + 2200  # both answers counted


def test_refusal_fails_typed_without_retry() -> None:
    message = {"role": "assistant", "content": None, "refusal": "I can't help with that."}
    refusal = {"id": "x", "object": "chat.completion", "created": 0, "model": "m",
               "choices": [{"index": 0, "finish_reason": "stop", "message": message}]}  # fmt: skip
    with ScriptedServer([ok(refusal)]) as server, pytest.raises(SummarizationError) as info:
        run(server)
    assert len(server.requests) == 1
    assert "refused" in str(info.value) and not isinstance(info.value, ValidationFailed)


def test_cli_failure_is_one_line_exit_1_and_no_file(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    with ScriptedServer([(503, {"error": {"message": "overloaded"}})] * 2) as server:
        result = CliRunner().invoke(app, [
            "summarize", str(EXAMPLE), "--base-url", server.base_url, "--retries", "2",
            "--retry-deadline", "5", "-o", str(out)])  # fmt: skip
    assert result.exit_code == 1
    assert len(server.requests) == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: model call failed after 2 attempt(s)") and "HTTP 503" in last
    assert "Traceback" not in result.stderr and not out.exists()
