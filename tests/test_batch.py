import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from conftest import ARTICLES, EXAMPLE, RECORDINGS
from helpers import completion
from openai.types.chat import ChatCompletion
from openai_server import Reply, ScriptedServer, ok
from typer.testing import CliRunner

from summarizer import InputError, ReplayProvider, Summarizer, article_from_text, read_article
from summarizer.batch import Outcome, RecordLog, collect_inputs, summarize_many
from summarizer.cli import app
from summarizer.replay import load_recording
from summarizer.retry import RateLimiter

CAPABLE = load_recording(RECORDINGS / "pakistan-turkey.capable.hand.json")["responses"][0]
runner = CliRunner()


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_feed(path: Path, n: int, start: int = 0) -> Path:
    with path.open("w") as feed:
        for i in range(start, start + n):
            text = f"date 2025-05-26\nItem {i}: Sharif met Erdogan in Ankara on Sunday."
            feed.write(json.dumps({"id": f"a{i}", "text": text}) + "\n")
    return path


def test_inputs_from_folders_globs_and_jsonl(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    rows = [json.dumps({"id": "x1", "text": "date 2025-05-26\nSome text."}), "not json",
            json.dumps({"id": "x2"}), json.dumps({"id": "x1", "text": "again"})]  # fmt: skip
    feed.write_text("\n".join(rows) + "\n")
    items = list(collect_inputs([str(ARTICLES), str(ARTICLES / "short-*.txt"), str(feed),
                                 str(tmp_path / "missing.txt")]))  # fmt: skip
    ids = [item.id for item in items]
    assert str(EXAMPLE) in ids and "x1" in ids
    errors = {item.id: str(item.error) for item in items if item.error}
    assert "duplicate id" in errors[str(ARTICLES / "short-item.txt")]  # the glob repeats it
    # The unparsable line is named by its place, not by the record before it; the text-less
    # x2 by its line, id and field.
    assert errors[f"{feed}:2"].startswith(f"{feed}:2: not JSON")
    assert errors["x2"] == f"{feed}:3 (id 'x2'), field 'text': missing"
    assert "no such file" in errors[str(tmp_path / "missing.txt")]
    assert [i.article.date.isoformat() for i in items if i.id == "x1" and i.article] == [
        "2025-05-26"
    ]


def test_batch_writes_one_record_per_article_and_exits_1_on_failures(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 5)
    (tmp_path / "empty.txt").write_text("")
    out = tmp_path / "out.jsonl"
    with ScriptedServer([ok(CAPABLE)] * 5) as server:
        args = ["batch", str(feed), str(tmp_path / "empty.txt"), "-o", str(out)]
        result = runner.invoke(app, [*args, "--base-url", server.base_url, "--attempts", "1"])
    assert result.exit_code == 1  # the empty file failed; the others did not stop
    records = jsonl(out)
    assert sorted(r["id"] for r in records) == sorted(
        [*(f"a{i}" for i in range(5)), str(tmp_path / "empty.txt")]
    )
    ok_records = [r for r in records if r["ok"]]
    assert len(ok_records) == 5
    assert all(
        r["envelope"]["brief"]["title"] and r["usage"]["total_tokens"] > 0 for r in ok_records
    )
    failed = [r for r in records if not r["ok"]]
    assert failed[0]["error"]["type"] == "InputError" and failed[0]["error"]["exit_code"] == 2
    assert "batch summary" in result.stderr


def test_concurrency_overlaps_slow_requests(tmp_path: Path) -> None:
    def batch(stall: float, name: str) -> float:
        feed = write_feed(tmp_path / f"{name}.jsonl", 8)
        with ScriptedServer([Reply(200, CAPABLE, stall=stall) for _ in range(8)]) as server:
            started = time.monotonic()
            result = runner.invoke(app, ["batch", str(feed), "-o", str(tmp_path / f"{name}.out"),
                                         "--base-url", server.base_url, "--concurrency", "4",
                                         "--attempts", "1", "--quiet"])  # fmt: skip
            wall = time.monotonic() - started
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ""  # --quiet
        return wall

    instant = batch(0.0, "instant")  # warms the process, and measures the batch's own cost
    slow = batch(0.4, "slow")
    # Two waves of four stalls: 0.8 s beyond the instant batch; eight in a row would be 3.2 s.
    assert slow - instant < 8 * 0.4 * 0.5


def test_resume_skips_done_ids_and_cuts_a_torn_line(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 6)
    out = tmp_path / "out.jsonl"
    done = [json.dumps({"id": f"a{i}", "ok": True}) + "\n" for i in range(2)]
    out.write_text("".join(done) + '{"id": "a2", "ok": tr')  # a kill mid-write
    assert (
        runner.invoke(app, ["batch", str(feed), "-o", str(out), "--provider", "openai"]).exit_code
        == 2
    )
    with ScriptedServer([ok(CAPABLE)] * 4) as server:
        result = runner.invoke(app, ["batch", str(feed), "-o", str(out), "--resume",
                                     "--base-url", server.base_url, "--attempts", "1"])  # fmt: skip
        assert len(server.requests) == 4  # a2..a5: the torn a2 is done again
    assert result.exit_code == 0, result.stderr
    assert sorted(r["id"] for r in jsonl(out)) == [f"a{i}" for i in range(6)]


KILLED_RUN = [sys.executable, "-m", "summarizer", "batch", "--attempts", "1", "--concurrency", "3"]


def test_sigkill_then_resume_yields_every_article_exactly_once(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 30)
    out = tmp_path / "out.jsonl"
    env = dict(os.environ, SUMMARIZER_CACHE_DIR=str(tmp_path / "cache"))
    with ScriptedServer([Reply(200, CAPABLE, stall=0.15) for _ in range(60)]) as server:
        args = [*KILLED_RUN, str(feed), "-o", str(out), "--base-url", server.base_url]
        proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while (
            not out.exists() or len(out.read_bytes().splitlines()) < 8
        ) and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        before = out.read_bytes().splitlines()
        assert 8 <= len(before) < 30
        done = subprocess.run([*args, "--resume"], env=env, capture_output=True, check=False)
        assert done.returncode == 0, done.stderr
    records = jsonl(out)  # every line parses
    assert sorted(r["id"] for r in records) == sorted(f"a{i}" for i in range(30))


class SlowOnOne(ReplayProvider):
    """Answers every request with the same draft, the one about ``slow`` article 0.5 s late."""

    def __init__(self, slow: str) -> None:
        super().__init__()
        self.slow = slow

    def complete(self, **request: Any) -> ChatCompletion:
        if self.slow in json.dumps(request["messages"]):
            time.sleep(0.5)
        return completion(CAPABLE["choices"][0]["message"]["content"])


def test_summarize_many_yields_as_results_finish(example_text: str) -> None:
    articles = [article_from_text(f"{example_text}\nItem a{i}.", source=f"a{i}")
                for i in range(3)]  # fmt: skip
    summarizer = Summarizer(provider=SlowOnOne("Item a0."), cache=False, attempts=1)

    async def collect() -> list:
        return [o async for o in summarize_many(articles, summarizer, concurrency=3)]

    outcomes = asyncio.run(collect())
    assert all(o.ok for o in outcomes)
    # a0 went first but answers last: it comes out last, not in input order.
    assert [o.id for o in outcomes][-1] == "a0"
    assert {o.id for o in outcomes[:2]} == {"a1", "a2"}


def test_summarize_many_serves_repeated_articles_from_the_cache() -> None:
    articles = [read_article(EXAMPLE)] * 3
    provider = ReplayProvider([CAPABLE])  # one answer; the cache serves the repeats
    summarizer = Summarizer(provider=provider)

    async def collect() -> list:
        return [o async for o in summarize_many(articles, summarizer, concurrency=1)]

    outcomes = asyncio.run(collect())
    assert [o.ok for o in outcomes] == [True, True, True]
    assert len(provider.requests) == 1
    assert sum(o.record()["cache_hit"] for o in outcomes) == 2
    # The cached answer is the recorded one, briefed alike: the same brief as a direct run's.
    direct = Summarizer(provider=ReplayProvider([CAPABLE]), cache=False).summarize(articles[0])
    assert all(o.result.brief == direct.brief for o in outcomes if o.result)
    assert len(direct.brief.participants) >= 4


def test_record_log_reads_ids_and_appends_whole_lines(tmp_path: Path) -> None:
    log = RecordLog(tmp_path / "log.jsonl")
    log.append(Outcome("a", None, InputError("unreadable"), 0.0))
    log.append(Outcome("b", None, None, 0.5, line=b'{"id": "b", "ok": false}\n'))
    assert RecordLog(tmp_path / "log.jsonl").done == {"a", "b"}
    lines = [json.loads(line) for line in (tmp_path / "log.jsonl").read_text().splitlines()]
    assert lines[0]["error"] == {"type": "InputError", "message": "unreadable", "exit_code": 2}
    assert lines[1] == {"id": "b", "ok": False}  # the line made in the worker, as it was


def test_records_serialized_in_the_workers_are_the_records(example_text: str) -> None:
    draft = json.loads(CAPABLE["choices"][0]["message"]["content"])
    articles = [article_from_text(example_text, source=f"a{i}") for i in range(3)]
    summarizer = Summarizer(provider=ReplayProvider([completion(draft)] * 3), cache=False)

    async def collect() -> list:
        return [o async for o in summarize_many(articles, summarizer, serialize=True)]

    for outcome in asyncio.run(collect()):
        assert outcome.line is not None
        assert json.loads(outcome.line) == json.loads(json.dumps(outcome.record()))


def test_rate_limiter_spaces_calls() -> None:
    limiter = RateLimiter(per_minute=600)  # one every 0.1 s
    started = time.monotonic()
    for _ in range(5):
        limiter.wait()
    assert 0.38 <= time.monotonic() - started < 1.0
