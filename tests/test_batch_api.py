"""The OpenAI Batch API path (``--via batch-api``, ``submit_batch``/``collect_batch``) against a
scripted Batch API on 127.0.0.1 (``openai_batch_server.py``): the same records as the direct
path, re-asks in later batches or direct, failures of every kind, a killed run resumed, the
cache filled, batches split by the limits, and the status and cancel commands."""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE, RECORDINGS
from openai_batch_server import BatchServer, Error, Plan
from typer.testing import CliRunner

from summarizer import Summarizer, read_article
from summarizer.batch import BatchItem, Outcome, summarize_item
from summarizer.batch_api import BatchLimits, collect_batch, submit_batch
from summarizer.batch_state import BatchState, state_path_for
from summarizer.cli import app
from summarizer.replay import load_recording

runner = CliRunner()
CAPABLE = load_recording(RECORDINGS / "pakistan-turkey.capable.hand.json")["responses"][0]
#: An answer that invents a participant (re-asked), and the answer that fixes it.
INVENTED, FIXED = load_recording(RECORDINGS / "pakistan-turkey.reask-fixed.hand.json")["responses"]
FAST = ["--poll-interval", "0.01"]


def articles(folder: Path, n: int) -> list[Path]:
    """``n`` distinct articles: the example, each with a line of its own (a0, a1...)."""
    folder.mkdir(exist_ok=True)
    text = EXAMPLE.read_text(encoding="utf-8")
    paths = [folder / f"a{i}.txt" for i in range(n)]
    for i, path in enumerate(paths):
        path.write_text(f"{text}\nItem a{i}.\n", encoding="utf-8")
    return paths


def about(body: dict[str, Any], name: str) -> bool:
    return f"Item {name}." in body["messages"][1]["content"]


def answers(*, invent: tuple[str, ...] = (), fail: dict[str, Error] | None = None,
            unfinished: set[str] | None = None) -> Any:  # fmt: skip
    """The server's answer to a request: a good brief; for the articles in ``invent`` first
    one that invents a participant (a re-ask fixes it); ``fail``: an error; ``unfinished``:
    no answer, once."""
    fail, unfinished = fail or {}, set() if unfinished is None else unfinished

    def answer(body: dict[str, Any]) -> dict[str, Any] | Error | None:
        name = next((n for n in [*fail, *unfinished, *invent] if about(body, n)), None)
        if name in unfinished:
            unfinished.discard(name)
            return None
        if name in fail:
            return fail[name]
        if len(body["messages"]) > 2:  # the re-ask
            return FIXED
        return INVENTED if name in invent else CAPABLE

    return answer


def records(path: Path) -> dict[str, dict[str, Any]]:
    """The records by id, each once (a second record of an id fails the test)."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    by_id = {r["id"]: r for r in lines}
    assert len(by_id) == len(lines), "an article has more than one record"
    return by_id


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    record = json.loads(json.dumps(record))
    record.pop("elapsed_s")
    if record["envelope"]:
        record["envelope"]["run"].pop("elapsed_s")
    return record


@contextlib.contextmanager
def openai_summarizer(server: BatchServer, **options: Any) -> Iterator[Summarizer]:
    """A summarizer of ``server``'s endpoint, its SDK client closed afterwards (the retry
    layer holds it in a reference cycle: left to the garbage collector, its sockets may be
    freed unclosed, a ResourceWarning in some later test)."""
    summarizer = Summarizer(provider="openai", base_url=server.base_url, **options)
    try:
        yield summarizer
    finally:
        summarizer.provider.client.close()  # type: ignore[attr-defined]


def batch_api(server: BatchServer, *args: str) -> Any:
    return runner.invoke(app, ["batch", *args, "--via", "batch-api", "--base-url",
                               server.base_url, *FAST])  # fmt: skip


def test_cli_records_equal_the_direct_paths_with_a_reask_in_a_second_batch(
    tmp_path: Path,
) -> None:
    paths = articles(tmp_path / "in", 6)
    (tmp_path / "in" / "empty.txt").write_text("")
    out, direct = tmp_path / "out.jsonl", tmp_path / "direct.jsonl"
    with BatchServer(answers(invent=("a2",))) as server:
        result = batch_api(server, str(tmp_path / "in"), "-o", str(out))
        assert result.exit_code == 1, result.stderr  # the empty file
        assert len(server.uploads) == len(server.created) == 2 and server.chat == []
        first, second = (server.batches[b]["lines"] for b in server.created)
        assert len(first) == 6 and len(second) == 1  # the re-ask of a2, alone
        assert about(second[0]["body"], "a2") and len(second[0]["body"]["messages"]) == 4
        assert second[0]["body"]["model"] == "gpt-4o-mini"
        assert not state_path_for(out).exists()  # removed once every record is written
        done = runner.invoke(app, ["batch", str(tmp_path / "in"), "-o", str(direct),
                                   "--base-url", server.base_url,
                                   "--cache-dir", str(tmp_path / "direct-cache")])  # fmt: skip
        assert done.exit_code == 1 and len(server.chat) == 7
    got, expected = records(out), records(direct)
    assert set(got) == {*map(str, paths), str(tmp_path / "in" / "empty.txt")}
    assert {k: comparable(v) for k, v in got.items()} == {
        k: comparable(v) for k, v in expected.items()
    }
    reasked = got[str(paths[2])]["envelope"]["run"]
    assert (reasked["attempts"], reasked["requests"], reasked["cache_hits"]) == (2, 2, 0)
    assert reasked["usage"]["total_tokens"] == 2200 + 3100  # both batch answers' tokens
    assert got[str(tmp_path / "in" / "empty.txt")]["error"]["type"] == "InputError"
    assert "batch summary" in result.stderr


def test_library_outcomes_equal_the_direct_path(tmp_path: Path) -> None:
    items = [read_article(p) for p in articles(tmp_path / "in", 5)]
    with BatchServer(answers(invent=("a4",))) as server, openai_summarizer(server) as summarizer:
        ids = submit_batch(items, tmp_path / "state.json", summarizer)
        assert ids == server.created == ["batch_0"]
        outcomes = list(collect_batch(items, tmp_path / "state.json", summarizer,
                                      poll_interval=0.01))  # fmt: skip
        with openai_summarizer(server, cache=False) as direct:
            expected = [summarize_item(direct, BatchItem(a.source, article=a)) for a in items]
    assert sorted(o.id for o in outcomes) == sorted(i.source for i in items)
    by_id = {o.id: comparable(o.record()) for o in outcomes}
    assert by_id == {o.id: comparable(o.record()) for o in expected}
    assert not (tmp_path / "state.json").exists()


def test_reask_direct_sends_the_reask_to_chat_completions(tmp_path: Path) -> None:
    articles(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    with BatchServer(answers(invent=("a1",))) as server:
        result = batch_api(server, str(tmp_path / "in"), "-o", str(out), "--reask", "direct")
        assert result.exit_code == 0, result.stderr
        assert server.created == ["batch_0"]
        assert [len(body["messages"]) for body in server.chat] == [4]  # the re-ask only
    run = records(out)[str(tmp_path / "in" / "a1.txt")]["envelope"]["run"]
    assert (run["attempts"], run["requests"]) == (2, 2)


def test_sections_strategy_takes_one_batch_round_per_call(tmp_path: Path) -> None:
    draft = json.loads(CAPABLE["choices"][0]["message"]["content"])

    def part(body: dict[str, Any]) -> dict[str, Any]:
        fields = body["response_format"]["json_schema"]["schema"]["properties"]
        reply = json.loads(json.dumps(CAPABLE))
        reply["choices"][0]["message"]["content"] = json.dumps({k: draft[k] for k in fields})
        return dict(reply)

    articles(tmp_path / "in", 2)
    out = tmp_path / "out.jsonl"
    with BatchServer(part) as server:
        result = batch_api(server, str(tmp_path / "in"), "-o", str(out), "--strategy", "sections")
        assert result.exit_code == 0, result.stderr
        assert [len(server.batches[b]["lines"]) for b in server.created] == [2, 2, 2, 2]
    for record in records(out).values():
        assert record["envelope"]["run"]["requests"] == 4
        assert len(record["envelope"]["brief"]["participants"]) == 5


def test_error_lines_fail_their_article_and_transient_ones_are_sent_again(
    tmp_path: Path,
) -> None:
    articles(tmp_path / "in", 4)
    out = tmp_path / "out.jsonl"
    bad = Error(400, "Invalid value for 'max_tokens'")
    flaky = {"calls": 0}
    base = answers(fail={"a1": bad})

    def answer(body: dict[str, Any]) -> Any:
        if about(body, "a2"):  # 503 in the first batch, then an answer
            flaky["calls"] += 1
            return Error(503, "overloaded") if flaky["calls"] == 1 else CAPABLE
        if about(body, "a3"):  # 500 every time: given up after --retries batches
            return Error(500, "internal error")
        return base(body)

    with BatchServer(answer) as server:
        result = batch_api(server, str(tmp_path / "in"), "-o", str(out), "--retries", "3")
        assert result.exit_code == 1
        sizes = [len(server.batches[b]["lines"]) for b in server.created]
        assert sizes == [4, 2, 1]  # a2 and a3 again, then a3 alone
    got = {Path(k).stem: v for k, v in records(out).items()}
    assert got["a0"]["ok"] and got["a2"]["ok"]
    assert got["a1"]["error"]["type"] == "ProviderError"
    assert got["a1"]["error"]["message"] == (
        "batch request failed: HTTP 400: Invalid value for 'max_tokens'"
    )
    assert got["a3"]["error"]["message"] == (
        "batch request failed after 3 batch(es): HTTP 500: internal error"
    )


def test_a_refused_mode_falls_back_as_a_direct_call_does(tmp_path: Path) -> None:
    articles(tmp_path / "in", 2)
    out = tmp_path / "out.jsonl"

    def answer(body: dict[str, Any]) -> Any:
        if body["response_format"]["type"] == "json_schema":
            return Error(400, "response_format json_schema is not supported by this model")
        return CAPABLE

    with BatchServer(answer) as server:
        result = batch_api(server, str(tmp_path / "in"), "-o", str(out))
        assert result.exit_code == 0, result.stderr
        second = server.batches["batch_1"]["lines"]
        assert [line["body"]["response_format"] for line in second] == [{"type": "json_object"}] * 2
    # (Once refused, the mode is remembered by the summarizer, as in a direct batch: the
    # replays start at json, so the records count the json request alone.)
    assert [r["envelope"]["run"]["mode"] for r in records(out).values()] == ["json"] * 2


def test_expired_batch_resubmits_what_it_did_not_finish(tmp_path: Path) -> None:
    articles(tmp_path / "in", 5)
    out = tmp_path / "out.jsonl"
    answer = answers(unfinished={"a1", "a3"})
    with BatchServer(answer, [Plan(polls=2, ending="expired")]) as server:
        result = batch_api(server, str(tmp_path / "in"), "-o", str(out))
        assert result.exit_code == 0, result.stderr
        assert server.batches["batch_0"]["view"]["status"] == "expired"
        second = server.batches["batch_1"]["lines"]
        assert sorted(n for line in second for n in ("a1", "a3") if about(line["body"], n)) == [
            "a1", "a3"
        ]  # fmt: skip
        assert len(second) == 2
    assert all(r["ok"] for r in records(out).values()) and len(records(out)) == 5


def test_failed_batch_fails_every_article_in_it(tmp_path: Path) -> None:
    articles(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    with BatchServer(answers(), [Plan(ending="failed")]) as server:
        result = batch_api(server, str(tmp_path / "in"), "-o", str(out))
    assert result.exit_code == 1
    got = records(out)
    assert len(got) == 3
    for record in got.values():
        assert record["error"]["type"] == "ProviderError"
        assert record["error"]["message"] == (
            "batch request failed: batch batch_0 failed: invalid_request: the input file is invalid"
        )


def test_cancelled_batch_keeps_what_finished_and_fails_the_rest(tmp_path: Path) -> None:
    items = [read_article(p) for p in articles(tmp_path / "in", 4)]
    state = tmp_path / "out.jsonl.batch-state.json"
    answer = answers(unfinished={"a2", "a3"})
    with BatchServer(answer, [Plan(hold=True)]) as server, openai_summarizer(server) as summarizer:
        [batch_id] = submit_batch(items, state, summarizer)
        cancel = runner.invoke(app, ["batch-cancel", batch_id, "--base-url", server.base_url])
        assert cancel.exit_code == 0, cancel.stderr
        assert json.loads(cancel.stdout)["status"] == "cancelling"
        outcomes = {o.id: o for o in collect_batch(items, state, summarizer, poll_interval=0.01)}
        status = runner.invoke(app, ["batch-status", batch_id, "--base-url", server.base_url])
    assert json.loads(status.stdout)["status"] == "cancelled"
    assert json.loads(status.stdout)["request_counts"] == {"total": 4, "completed": 2, "failed": 0}
    ok = {Path(k).stem for k, o in outcomes.items() if o.ok}
    assert ok == {"a0", "a1"}
    for name in ("a2", "a3"):
        error = outcomes[str(tmp_path / "in" / f"{name}.txt")].error
        assert "was cancelled before this request was answered" in str(error)


def test_killed_while_polling_then_resumed_pays_nothing_twice(tmp_path: Path) -> None:
    articles(tmp_path / "in", 5)
    out = tmp_path / "out.jsonl"
    state = state_path_for(out)
    env = dict(os.environ, SUMMARIZER_CACHE_DIR=str(tmp_path / "cache"))
    with BatchServer(answers(invent=("a0",)), [Plan(hold=True)]) as server:
        args = [sys.executable, "-m", "summarizer", "batch", str(tmp_path / "in"), "-o", str(out),
                "--via", "batch-api", "--base-url", server.base_url, *FAST]  # fmt: skip
        with (tmp_path / "stderr").open("wb") as stderr:
            proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        deadline = time.monotonic() + 60
        while server.polls < 3 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert server.created == ["batch_0"] and server.polls >= 3, (
            tmp_path / "stderr"
        ).read_text()
        saved = BatchState.load(state)  # written before polling: the id and every request
        assert [job.id for job in saved.batches] == ["batch_0"]
        assert sorted(Path(a).stem for a, _ in saved.batches[0].requests.values()) == [
            f"a{i}" for i in range(5)
        ]
        assert not out.exists() or records(out) == {}
        server.release()
        again = batch_api(server, str(tmp_path / "in"), "-o", str(out), "--resume")
        assert again.exit_code == 0, again.stderr
        # Nothing uploaded or created twice: one more batch, for a0's re-ask only.
        assert len(server.uploads) == 2 and len(server.created) == 2
        assert len(server.batches["batch_1"]["lines"]) == 1
    assert len(records(out)) == 5 and all(r["ok"] for r in records(out).values())
    assert not state.exists()


def test_resume_finds_a_batch_created_but_not_saved(tmp_path: Path) -> None:
    items = [read_article(p) for p in articles(tmp_path / "in", 2)]
    state = tmp_path / "state.json"
    with BatchServer(answers()) as server, openai_summarizer(server) as summarizer:
        submit_batch(items, state, summarizer)
        data = json.loads(state.read_text())
        data["batches"][0]["id"] = None  # killed between creating the batch and saving its id
        state.write_text(json.dumps(data))
        outcomes = list(collect_batch(items, state, summarizer, poll_interval=0.01))
        assert server.created == ["batch_0"] and len(server.uploads) == 1
    assert [o.ok for o in outcomes] == [True, True]


def test_batch_answers_fill_the_cache_for_a_later_direct_run(tmp_path: Path) -> None:
    paths = articles(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    with BatchServer(answers(invent=("a1",))) as server:
        assert batch_api(server, str(tmp_path / "in"), "-o", str(out)).exit_code == 0
        for path in paths:
            done = runner.invoke(app, ["summarize", str(path), "--base-url", server.base_url])
            assert done.exit_code == 0, done.stderr
            run = json.loads(done.stdout)["run"]
            assert run["requests"] == 0 and run["cache_hits"] == run["attempts"] >= 1
        assert server.chat == []  # every answer, the re-ask's too, came from the cache


def test_limits_split_the_requests_into_several_batches(tmp_path: Path) -> None:
    items = [read_article(p) for p in articles(tmp_path / "in", 7)]
    with BatchServer(answers()) as server, openai_summarizer(server) as summarizer:
        ids = submit_batch(items, tmp_path / "s1.json", summarizer, limits=BatchLimits(requests=3))
        sizes = [len(server.batches[b]["lines"]) for b in ids]
        assert sizes == [3, 3, 1] and len(server.uploads) == 3
        outcomes = list(collect_batch(items, tmp_path / "s1.json", summarizer,
                                      poll_interval=0.01))  # fmt: skip
        assert len(outcomes) == 7 and all(o.ok for o in outcomes)
        line = len(server.uploads[0].splitlines()[0]) + 1
        limit = BatchLimits(bytes=2 * line + line // 2)  # two lines a file
        with openai_summarizer(server, cache=False) as uncached:
            ids = submit_batch(items, tmp_path / "s2.json", uncached, limits=limit)
        assert [len(server.batches[b]["lines"]) for b in ids] == [2, 2, 2, 1]
        assert all(len(server.files[server.batches[b]["view"]["input_file_id"]]) <= limit.bytes
                   for b in ids)  # fmt: skip


def test_status_and_cancel_of_an_unknown_id_are_one_line_and_exit_2() -> None:
    with BatchServer(answers()) as server:
        for command in ("batch-status", "batch-cancel"):
            result = runner.invoke(app, [command, "batch_nope", "--base-url", server.base_url])
            assert result.exit_code == 2
            assert result.stderr.strip().splitlines() == [
                f"error: batch 'batch_nope': not found at {server.base_url}/ (HTTP 404)"
            ]


@pytest.mark.parametrize(
    "options",
    [
        ["--provider", "local"],
        ["--engine", "ray"],
        ["--rpm", "60"],
        ["--budget-requests", "9"],
        ["--budget-tokens", "900"],
    ],
)
def test_batch_api_refuses_what_it_cannot_do_in_one_line(
    tmp_path: Path, options: list[str]
) -> None:
    articles(tmp_path / "in", 1)
    base = [] if "--provider" in options else ["--base-url", "http://127.0.0.1:9/v1"]
    result = runner.invoke(app, ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "o.jsonl"),
                                 "--via", "batch-api", *base, *options])  # fmt: skip
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: --via batch-api ")
    assert not (tmp_path / "o.jsonl").exists()


def test_deferrals_are_never_records_nor_logged(tmp_path: Path, caplog: Any) -> None:
    items = [read_article(p) for p in articles(tmp_path / "in", 2)]
    with BatchServer(answers(invent=("a0",))) as server, openai_summarizer(server) as summarizer:
        submit_batch(items, tmp_path / "state.json", summarizer)
        outcomes: list[Outcome] = list(collect_batch(items, tmp_path / "state.json", summarizer,
                                                     poll_interval=0.01))  # fmt: skip
    assert [o.ok for o in outcomes] == [True, True]
    assert "deferred" not in caplog.text
