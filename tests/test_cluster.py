"""`batch --engine ray` and `summarize_dataset` on a local Ray instance (2 CPUs) in this process,
against the scripted OpenAI-compatible server on 127.0.0.1."""

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import RECORDINGS
from openai_server import Reply, ScriptedServer, ok
from services import NODE_IP, RAY_ENV
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.replay import load_recording

ray = pytest.importorskip("ray", reason="the cluster extra (Ray) is not installed")

from summarizer.cluster import summarize_dataset  # noqa: E402

CAPABLE = load_recording(RECORDINGS / "pakistan-turkey.capable.hand.json")["responses"][0]
runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def local_ray(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in RAY_ENV}
    os.environ.update(RAY_ENV)
    ray.init(num_cpus=2, _node_ip_address=NODE_IP, include_dashboard=False,
             _temp_dir=str(tmp_path_factory.mktemp("ray")), logging_level="WARNING",
             configure_logging=False)  # fmt: skip
    yield
    ray.shutdown()
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def article(i: int) -> str:
    return f"date 2025-05-26\nItem {i}: Sharif met Erdogan in Ankara on Sunday, officials said."


def inputs(folder: Path) -> list[str]:
    """12 files in a folder (one of them empty), and a JSONL file of 10 articles."""
    articles = folder / "articles"
    articles.mkdir()
    for i in range(11):
        (articles / f"f{i:02}.txt").write_text(article(i))
    (articles / "empty.txt").write_text("")
    feed = folder / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"j{i}", "text": article(100 + i)}) + "\n"
                            for i in range(10)))  # fmt: skip
    return [str(articles), str(feed)]


def records(path: Path) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in map(json.loads, path.read_text().splitlines())}


def untimed(record: dict[str, Any]) -> dict[str, Any]:
    """A record without what differs from run to run: timings, and the Ray worker's node."""
    record = {k: v for k, v in record.items() if k not in ("elapsed_s", "node")}
    if record["envelope"]:
        run = {k: v for k, v in record["envelope"]["run"].items() if k != "elapsed_s"}
        record["envelope"] = {**record["envelope"], "run": run}
    return record


def test_ray_records_equal_the_threaded_records(tmp_path: Path) -> None:
    sources = inputs(tmp_path)
    common = ["--attempts", "1", "--concurrency", "3", "--quiet"]
    with ScriptedServer([ok(CAPABLE)] * 42) as server:
        for engine, out in (("threads", "threads.jsonl"), ("ray", "ray.jsonl")):
            result = runner.invoke(app, ["batch", *sources, "-o", str(tmp_path / out),
                                         "--base-url", server.base_url, "--engine", engine,
                                         "--workers", "2", "--cache-dir", str(tmp_path / engine),
                                         *common])  # fmt: skip
            assert result.exit_code == 1, result.stderr  # the empty file failed, only it
        assert len(server.requests) == 42  # 21 articles, each asked once per engine
    threaded, on_ray = records(tmp_path / "threads.jsonl"), records(tmp_path / "ray.jsonl")
    assert len(on_ray) == 22 and sorted(on_ray) == sorted(threaded)
    for ident, record in on_ray.items():
        assert untimed(record) == untimed(threaded[ident]), ident
    failed = [r for r in on_ray.values() if not r["ok"]]
    assert [f["error"]["type"] for f in failed] == ["InputError"]
    briefed = [r for r in on_ray.values() if r["ok"]]
    assert all(r["envelope"]["brief"]["title"] and r["usage"]["total_tokens"] for r in briefed)
    workers = {(r["node"]["id"], r["node"]["pid"]) for r in briefed}
    assert 1 <= len(workers) <= 2  # two actors, each with its one Summarizer
    assert all("node" not in r for r in threaded.values())


def test_a_failing_article_is_a_record_and_the_job_goes_on() -> None:
    rows = [{"id": f"r{i}", "text": article(i)} for i in range(5)]
    rows.append({"id": "blank", "text": "   "})
    refusal = Reply(400, {"error": {"message": "this article is not accepted"}})
    with ScriptedServer([ok(CAPABLE)] * 4 + [refusal]) as server:
        options = {"provider": "openai", "base_url": server.base_url, "attempts": 1,
                   "cache": False}  # fmt: skip
        dataset = summarize_dataset(ray.data.from_items(rows), options, workers=1, threads=2)
        out = {row["id"]: row for row in dataset.iter_rows()}
        assert len(server.requests) == 5
    assert sorted(out) == sorted(r["id"] for r in rows)
    errors = sorted(json.loads(r["record"])["error"]["type"] for r in out.values() if not r["ok"])
    assert errors == ["InputError", "ProviderError"]
    assert "empty" in out["blank"]["error"]
    assert sum(r["ok"] for r in out.values()) == 4
    assert all(json.loads(r["record"])["node"]["pid"] for r in out.values())
