"""The shared cache in a real redis-server (Debian's; the fixture starts and stops it)."""

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EXAMPLE, RECORDINGS
from helpers import completion
from openai_server import ScriptedServer, ok
from services import free_port, redis_server
from typer.testing import CliRunner

from summarizer.cache import ResponseCache
from summarizer.cli import app
from summarizer.replay import load_recording

redis = pytest.importorskip("redis", reason="the cluster extra (redis-py) is not installed")

from summarizer.redis_cache import KEY_PREFIX, RedisCache  # noqa: E402

CAPABLE = load_recording(RECORDINGS / "pakistan-turkey.capable.hand.json")["responses"][0]
runner = CliRunner()


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url


@pytest.fixture
def client(redis_url: str) -> Iterator[redis.Redis]:
    connection = redis.Redis.from_url(redis_url)
    connection.flushdb()
    yield connection
    connection.close()


def summarize(server: ScriptedServer, *args: str) -> dict:
    result = runner.invoke(app, ["summarize", str(EXAMPLE), "--base-url", server.base_url, *args])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_redis_holds_the_keys_and_values_sqlite_holds(
    tmp_path: Path, redis_url: str, client: redis.Redis
) -> None:
    answer = completion({"title": "T"})
    sqlite, shared = ResponseCache(tmp_path), RedisCache(redis_url)
    for store in (sqlite, shared):
        store.put("k1", answer)
    with sqlite3.connect(sqlite.path) as db:
        key, value, checksum = db.execute("SELECT key, value, checksum FROM responses").fetchone()
    entry = client.hgetall(KEY_PREFIX + key)
    assert entry[b"value"].decode() == value and entry[b"checksum"].decode() == checksum
    assert shared.get("k1") == sqlite.get("k1") == answer
    assert client.pttl(KEY_PREFIX + "k1") == -1  # no TTL asked: no expiry
    assert shared.get("missing") is None


def test_a_second_run_is_answered_from_redis_not_from_disk(
    tmp_path: Path, redis_url: str, client: redis.Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_CACHE_URL", redis_url)  # the environment names it
    with ScriptedServer([ok(CAPABLE)]) as server:
        first = summarize(server)
        second = summarize(server)
        assert len(server.requests) == 1
    assert second["run"]["cache_hits"] == 1 and second["run"]["requests"] == 0
    assert first["brief"] == second["brief"]
    assert len(client.keys(KEY_PREFIX + "*")) == 1
    assert not (tmp_path / "cache").exists()  # SQLite untouched


def test_cache_ttl_sets_the_expiry(redis_url: str, client: redis.Redis) -> None:
    with ScriptedServer([ok(CAPABLE)]) as server:
        summarize(server, "--cache-url", redis_url, "--cache-ttl", "90")
    (key,) = client.keys(KEY_PREFIX + "*")
    assert 85_000 < client.pttl(key) <= 90_000


def test_corrupt_entry_is_recomputed(redis_url: str, client: redis.Redis) -> None:
    with ScriptedServer([ok(CAPABLE), ok(CAPABLE)]) as server:
        summarize(server, "--cache-url", redis_url)
        (key,) = client.keys(KEY_PREFIX + "*")
        client.hset(key, "value", b'{"broken": ')
        again = summarize(server, "--cache-url", redis_url)
        assert len(server.requests) == 2
    assert again["run"]["cache_hits"] == 0
    assert client.hget(key, "value") != b'{"broken": '  # stored afresh


def test_redis_outage_is_one_warning_and_no_failed_article(tmp_path: Path) -> None:
    down = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": f"a{i}", "text": f"date 2025-05-26\nItem {i}: Sharif met Erdogan."}
            for i in range(4)]  # fmt: skip
    feed.write_text("".join(json.dumps(row) + "\n" for row in rows))
    with ScriptedServer([ok(CAPABLE)] * 4) as server:
        result = runner.invoke(app, ["batch", str(feed), "-o", str(tmp_path / "out.jsonl"),
                                     "--base-url", server.base_url, "--attempts", "1",
                                     "--cache-url", down, "--concurrency", "2"])  # fmt: skip
        assert len(server.requests) == 4
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert len(records) == 4 and all(r["ok"] and not r["cache_hit"] for r in records)


def test_one_warning_for_an_outage(caplog: pytest.LogCaptureFixture) -> None:
    cache = RedisCache(f"redis://127.0.0.1:{free_port()}/0")
    with caplog.at_level("WARNING", logger="summarizer"):
        for _ in range(3):
            assert cache.get("k") is None
            cache.put("k", completion({"title": "T"}))
    (warning,) = caplog.records  # one, not one per call
    assert "is unusable" in warning.getMessage() and "continuing without it" in warning.getMessage()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cache-url", "http://127.0.0.1:6379"], "use redis://"),
        (["--cache-ttl", "60"], "with a Redis cache URL"),
    ],
)
def test_bad_cache_options_exit_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["summarize", str(EXAMPLE), "--provider", "openai", *args])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
