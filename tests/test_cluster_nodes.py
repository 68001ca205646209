"""A two-node Ray cluster on this machine (`ray start --head` and a second `ray start --address`,
separate raylets, one CPU each) sharing one real redis-server; `summarizer batch --engine ray
--address ...` runs as its own process, as it would on a cluster's head node."""

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import RECORDINGS
from openai_server import Reply, ScriptedServer
from services import in_group, ray_cluster, ray_env, redis_server

from summarizer.replay import load_recording

pytest.importorskip("ray", reason="the cluster extra (Ray) is not installed")
redis = pytest.importorskip("redis", reason="the cluster extra (redis-py) is not installed")

CAPABLE = load_recording(RECORDINGS / "pakistan-turkey.capable.hand.json")["responses"][0]


@pytest.fixture(scope="module")
def address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with ray_cluster(tmp_path_factory.mktemp("ray"), nodes=2, cpus=1) as (address, groups):
        yield address
    assert [pid for group in groups for pid in in_group(group)] == []  # no Ray process left


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url


def feed(path: Path, n: int) -> Path:
    rows = [{"id": f"a{i}", "text": f"date 2025-05-26\nItem {i}: Sharif met Erdogan in Ankara."}
            for i in range(n)]  # fmt: skip
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def command(address: str, source: Path, out: Path, base_url: str, *options: str) -> list[str]:
    return [sys.executable, "-m", "summarizer", "batch", str(source), "-o", str(out),
            "--engine", "ray", "--address", address, "--workers", "2", "--concurrency", "2",
            "--base-url", base_url, "--attempts", "1", "--quiet", *options]  # fmt: skip


def run(args: list[str], tmp_path: Path) -> subprocess.Popen[bytes]:
    env = dict(ray_env(), SUMMARIZER_CACHE_DIR=str(tmp_path / "cache"))
    with (tmp_path / "driver.log").open("ab") as log:  # the child keeps its own descriptor
        return subprocess.Popen(args, env=env, stdout=log, stderr=log)


def finish(process: subprocess.Popen[bytes], tmp_path: Path) -> None:
    returncode = process.wait(timeout=300)
    assert returncode == 0, (tmp_path / "driver.log").read_text()[-3000:]


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def wait_for_lines(path: Path, n: int, within: float = 180) -> list[dict[str, Any]]:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if path.exists() and len(path.read_bytes().splitlines()) >= n:
            return records(path)
        time.sleep(0.05)
    raise TimeoutError(f"{path}: fewer than {n} records after {within} s")


def test_both_nodes_brief_and_a_rerun_is_answered_wholly_from_redis(
    address: str, redis_url: str, tmp_path: Path
) -> None:
    source = feed(tmp_path / "feed.jsonl", 24)
    # Answers take 0.5 s: work enough for two workers (the first one ready takes what it can).
    with ScriptedServer([Reply(200, CAPABLE, stall=0.5) for _ in range(24)]) as server:
        for out in ("first.jsonl", "second.jsonl"):
            args = command(address, source, tmp_path / out, server.base_url, "--cache-url",
                           redis_url)  # fmt: skip
            finish(run(args, tmp_path), tmp_path)
        assert len(server.requests) == 24  # the second run sent none
    first, second = records(tmp_path / "first.jsonl"), records(tmp_path / "second.jsonl")
    for done in (first, second):
        assert sorted(r["id"] for r in done) == sorted(f"a{i}" for i in range(24))
        assert all(r["ok"] for r in done)
    assert not any(r["cache_hit"] for r in first)
    assert all(r["cache_hit"] for r in second)
    assert len({r["node"]["id"] for r in first}) == 2  # both nodes briefed
    client = redis.Redis.from_url(redis_url)
    assert len(client.keys("summarizer:response:*")) == 24  # one entry per article, shared


def test_a_killed_worker_process_loses_no_article(address: str, tmp_path: Path) -> None:
    source, out = feed(tmp_path / "feed.jsonl", 40), tmp_path / "out.jsonl"
    with ScriptedServer([Reply(200, CAPABLE, stall=0.25) for _ in range(80)]) as server:
        driver = run(command(address, source, out, server.base_url, "--no-cache"), tmp_path)
        before = wait_for_lines(out, 6)
        victim = before[-1]["node"]["pid"]
        os.kill(victim, signal.SIGKILL)  # one Ray worker process, mid-job
        finish(driver, tmp_path)
    done = records(out)
    assert Counter(r["id"] for r in done) == Counter(f"a{i}" for i in range(40))  # once each
    assert all(r["ok"] for r in done)
    assert len(server.requests) >= 40  # what the killed worker held was asked again


def test_a_killed_job_resumes_losing_nothing_and_repeating_nothing(
    address: str, tmp_path: Path
) -> None:
    source, out = feed(tmp_path / "feed.jsonl", 30), tmp_path / "out.jsonl"
    with ScriptedServer([Reply(200, CAPABLE, stall=0.2) for _ in range(60)]) as server:
        args = command(address, source, out, server.base_url, "--no-cache")
        driver = run(args, tmp_path)
        wait_for_lines(out, 6)
        driver.send_signal(signal.SIGKILL)
        driver.wait()
        written = len(records(out))
        assert 6 <= written < 30
        finish(run([*args, "--resume"], tmp_path), tmp_path)
    assert Counter(r["id"] for r in records(out)) == Counter(f"a{i}" for i in range(30))
