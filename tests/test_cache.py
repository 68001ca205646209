import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, RECORDINGS, ROOT
from openai_server import ScriptedServer, ok
from typer.testing import CliRunner

from summarizer import ReplayProvider, Summarizer, read_article
from summarizer.cache import FILE_NAME, ResponseCache, cache_key
from summarizer.cli import app
from summarizer.prompts import TEMPLATE_NAMES, prompt_version, templates_dir
from summarizer.replay import load_recording

CAPABLE = load_recording(RECORDINGS / "pakistan-turkey.capable.hand.json")["responses"][0]
runner = CliRunner()


def summarize_cli(server: ScriptedServer, *args: str) -> dict:
    result = runner.invoke(app, ["summarize", str(EXAMPLE), "--base-url", server.base_url, *args])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_second_run_is_answered_from_disk_with_an_identical_brief() -> None:
    with ScriptedServer([ok(CAPABLE)]) as server:
        first = summarize_cli(server)
        second = summarize_cli(server)
        assert len(server.requests) == 1  # the second run made no model call
    assert json.dumps(first["brief"]) == json.dumps(second["brief"])
    assert first["run"]["cache_hits"] == 0 and first["run"]["requests"] == 1
    assert second["run"]["cache_hits"] == 1 and second["run"]["requests"] == 0
    assert second["run"]["usage"]["total_tokens"] == 0


def test_library_cache_hit_is_byte_identical(tmp_path: Path) -> None:
    summarizer = Summarizer(
        provider=ReplayProvider.from_file(RECORDINGS / "pakistan-turkey.capable.hand.json")
    )
    first = summarizer.summarize(read_article(EXAMPLE))
    second = summarizer.summarize(read_article(EXAMPLE))  # the replay has nothing left to give
    assert first.brief.model_dump_json() == second.brief.model_dump_json()
    assert second.run.cache_hits == 1


def test_a_store_given_is_the_cache_used(tmp_path: Path) -> None:
    store = ResponseCache(tmp_path / "elsewhere")
    replay = RECORDINGS / "pakistan-turkey.capable.hand.json"
    first = Summarizer(provider=ReplayProvider.from_file(replay), store=store)
    assert first.cache is store
    first.summarize(read_article(EXAMPLE))
    assert store.stats().entries == 1  # written where it was told, not in the settings' cache
    # another summarizer with the same store: answered from it
    again = Summarizer(provider=ReplayProvider.from_file(replay), store=store)
    assert again.summarize(read_article(EXAMPLE)).run.cache_hits == 1
    assert Summarizer(provider=ReplayProvider([]), cache=False).cache is None


def test_what_changes_the_answer_changes_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ScriptedServer([ok(CAPABLE)] * 6) as server:
        summarize_cli(server)
        summarize_cli(server, "--temperature", "0.5")
        summarize_cli(server, "--model", "another-model")
        summarize_cli(server, "--max-tokens", "900")
        summarize_cli(server, "--refresh")
        assert len(server.requests) == 5
        # A prompt template edit misses too.
        for name in TEMPLATE_NAMES:
            shutil.copy(templates_dir() / name, tmp_path / name)
        (tmp_path / "user.j2").write_text((tmp_path / "user.j2").read_text() + "\nBe brief.")
        monkeypatch.setattr("summarizer.prompts.templates_dir", lambda: tmp_path)
        prompt_version.cache_clear()
        summarize_cli(server)
        assert len(server.requests) == 6
    prompt_version.cache_clear()


def test_key_covers_schema_endpoint_and_model_never_the_api_key() -> None:
    schema_format = {"type": "json_schema", "json_schema": {"schema": {"a": 1}}}
    request = {"messages": [{"role": "user", "content": "x"}], "response_format": schema_format}
    key = cache_key("openai http://a/v1/", "m", request)
    changed_schema = json.loads(json.dumps(request))
    changed_schema["response_format"]["json_schema"]["schema"] = {"a": 2}
    assert cache_key("openai http://a/v1/", "m", changed_schema) != key
    assert cache_key("openai http://b/v1/", "m", request) != key
    assert cache_key("openai http://a/v1/", "m2", request) != key
    # The same request built in another order (a dict's order, not its content) is one key.
    reordered = {"response_format": {"json_schema": {"schema": {"a": 1}}, "type": "json_schema"},
                 "messages": [{"content": "x", "role": "user"}]}  # fmt: skip
    assert list(reordered) != list(request)
    assert cache_key("openai http://a/v1/", "m", reordered) == key


def test_api_key_is_not_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-do-not-store")
    with ScriptedServer([ok(CAPABLE)]) as server:
        summarize_cli(server)
    stored = (tmp_path / "cache" / FILE_NAME).read_bytes()
    stored += b"".join(p.read_bytes() for p in (tmp_path / "cache").glob(f"{FILE_NAME}-*"))
    assert b"sk-secret-do-not-store" not in stored


def test_garbage_cache_file_warns_and_the_run_succeeds(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / FILE_NAME).write_bytes(b"this is not a database" * 100)
    with ScriptedServer([ok(CAPABLE)]) as server:
        result = runner.invoke(app, ["summarize", str(EXAMPLE), "--base-url", server.base_url])
    assert result.exit_code == 0
    assert "unusable" in result.stderr
    assert json.loads(result.stdout)["brief"]["commitments"]


def test_corrupt_entry_is_recomputed(tmp_path: Path) -> None:
    with ScriptedServer([ok(CAPABLE), ok(CAPABLE)]) as server:
        summarize_cli(server)
        with sqlite3.connect(tmp_path / "cache" / FILE_NAME) as db:
            db.execute("UPDATE responses SET value = substr(value, 1, 50)")
        result = runner.invoke(app, ["summarize", str(EXAMPLE), "--base-url", server.base_url])
        assert result.exit_code == 0 and "corrupt" in result.stderr
        assert len(server.requests) == 2
        assert summarize_cli(server)["run"]["cache_hits"] == 1  # rewritten, readable again


def test_cache_commands(tmp_path: Path) -> None:
    with ScriptedServer([ok(CAPABLE)]) as server:
        summarize_cli(server)
    path = runner.invoke(app, ["cache", "path"])
    assert path.stdout.strip() == str(tmp_path / "cache" / FILE_NAME)
    stats = runner.invoke(app, ["cache", "stats"])
    assert "entries: 1" in stats.stdout
    cleared = runner.invoke(app, ["cache", "clear"])
    assert "removed 1" in cleared.stdout
    assert "entries: 0" in runner.invoke(app, ["cache", "stats"]).stdout


WORKER = """
import sys
sys.path.insert(0, {tests!r})
from helpers import completion
from summarizer import ReplayProvider, Summarizer
draft = {draft!r}
for i in range(20):
    text = f"date 2025-05-26\\nArticle {{i}}: Sharif met Erdogan in Ankara on Sunday."
    provider = ReplayProvider([completion(draft)])
    Summarizer(provider=provider, cache_dir={cache!r}, attempts=1).summarize(text)
print("ok")
"""


def test_two_processes_share_one_cache(tmp_path: Path) -> None:
    draft = json.loads(CAPABLE["choices"][0]["message"]["content"])
    code = WORKER.format(tests=str(ROOT / "tests"), draft=draft, cache=str(tmp_path / "shared"))
    workers = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]  # fmt: skip
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        assert out.strip() == "ok"
    cache = ResponseCache(tmp_path / "shared")
    assert cache.stats().entries == 20
    with sqlite3.connect(cache.path) as db:
        keys = [row[0] for row in db.execute("SELECT key FROM responses")]
    assert all(cache.get(key) is not None for key in keys)  # every entry intact
