"""Ceilings on what one article and one batch may cost in model requests and tokens."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from conftest import EXAMPLE, RECORDINGS
from helpers import completion
from openai_server import ScriptedServer, ok
from typer.testing import CliRunner

from summarizer import Budget, BudgetExceeded, ReplayProvider, Summarizer, article_from_text
from summarizer.batch import summarize_many
from summarizer.cli import app
from summarizer.replay import load_recording

CAPABLE = load_recording(RECORDINGS / "pakistan-turkey.capable.hand.json")["responses"][0]
runner = CliRunner()


def test_no_request_starts_past_the_article_ceiling() -> None:
    # Every answer is a 500: retries (5 calls) × attempts (2) would make 10 requests.
    with ScriptedServer([(500, {"error": "down"})] * 20) as model:
        args = ["summarize", str(EXAMPLE), "--base-url", model.base_url, "--no-cache",
                "--retries", "5", "--retry-deadline", "60", "--max-requests", "3"]  # fmt: skip
        result = runner.invoke(app, args)
        sent = len(model.requests)
    assert result.exit_code == 1
    assert "ceiling of 3 model requests is spent (--max-requests)" in result.stderr
    assert sent == 3


def test_an_article_needing_more_calls_than_the_ceiling_is_refused_before_any(
    tmp_path: Path,
) -> None:
    article = tmp_path / "long.txt"
    article.write_text("date 2025-05-26\n" + "The council met on Monday in Osterby. " * 400)
    with ScriptedServer([ok(CAPABLE)]) as model:
        args = ["summarize", str(article), "--base-url", model.base_url, "--no-cache",
                "--chunk-chars", "1000", "--max-requests", "10"]  # fmt: skip
        result = runner.invoke(app, args)
        sent = len(model.requests)
    assert result.exit_code == 1 and sent == 0
    assert "17 chunk(s) need at least 17 model requests, over the ceiling of 10" in result.stderr


def test_a_batch_budget_stops_new_work_and_names_what_is_left(tmp_path: Path) -> None:
    answer = json.loads(CAPABLE["choices"][0]["message"]["content"])
    articles = [article_from_text(EXAMPLE.read_text(), source=f"a{i}") for i in range(4)]
    provider = ReplayProvider([completion(answer, tokens=100)] * 4)
    budget = Budget(tokens=300)  # each article costs 200 tokens

    async def collect() -> list:
        summarizer = Summarizer(provider=provider, cache=False, strategy="whole")
        return [o async for o in summarize_many(articles, summarizer, concurrency=1,
                                                budget=budget)]  # fmt: skip

    outcomes = asyncio.run(collect())
    assert [(o.ok, o.started) for o in outcomes] == [(True, True)] * 2 + [(False, False)] * 2
    assert isinstance(outcomes[-1].error, BudgetExceeded)
    assert budget.spent_tokens == 400 and outcomes[-1].error.what == "tokens"


def test_batch_budget_from_the_command_line_then_resume(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    text = EXAMPLE.read_text()
    feed.write_text("".join(json.dumps({"id": f"a{i}", "text": text}) + "\n" for i in range(3)))
    out = tmp_path / "out.jsonl"
    with ScriptedServer([ok(CAPABLE)] * 3) as model:
        base = ["batch", str(feed), "--out", str(out), "--base-url", model.base_url,
                "--no-cache", "--concurrency", "1", "-q"]  # fmt: skip
        first = runner.invoke(app, [*base, "--budget-requests", "1"])
        assert first.exit_code == 1
        assert first.stderr.strip().splitlines()[-1] == (
            "error: the batch budget of 1 requests is spent: 2 article(s) not started; "
            "--resume continues"
        )
        assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["a0"]
        second = runner.invoke(app, [*base, "--resume"])
    assert second.exit_code == 0, second.stderr
    assert sorted(json.loads(line)["id"] for line in out.read_text().splitlines()) == [
        "a0", "a1", "a2"
    ]  # fmt: skip
