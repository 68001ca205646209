"""The real runtimes: the embedded model in process, and llama_cpp.server on 127.0.0.1.

Slow (about a minute each on two cores). Skipped, with the reason, where llama-cpp-python or
the bundled model is not installed.
"""

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from conftest import ARTICLES, ROOT
from helpers import assert_example_must_show, assert_faithful
from typer.testing import CliRunner

from summarizer import ConfigError, InputError, LocalProvider, read_article, summarize
from summarizer.cli import app
from summarizer.providers import bundled_model_path

pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed")
try:
    MODEL = bundled_model_path()
except ConfigError as exc:  # pragma: no cover - depends on the machine
    pytest.skip(str(exc), allow_module_level=True)

pytestmark = pytest.mark.llama
SCHEMA = json.loads((ROOT / "schemas" / "brief-result.schema.json").read_text(encoding="utf-8"))
SHORT = ARTICLES / "short-item.txt"


def test_embedded_model_brief_is_valid_and_faithful() -> None:
    article = read_article(SHORT)
    result = summarize(article, provider=LocalProvider())
    jsonschema.validate(json.loads(result.model_dump_json()), SCHEMA)
    assert_faithful(result, article.text)
    assert result.run.provider == "local" and result.run.usage.completion_tokens > 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log = (tmp_path_factory.mktemp("server") / "server.log").open("w")
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(MODEL),
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "8192"]  # fmt: skip
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base_url}/models", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"llama_cpp.server did not start: {Path(log.name).read_text()}")
                time.sleep(0.5)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_llama_cpp_server_through_the_openai_sdk(llama_server: str) -> None:
    result = CliRunner().invoke(
        app, ["summarize", str(SHORT), "--base-url", llama_server, "--max-tokens", "600"]
    )
    assert result.exit_code == 0, result.stderr
    envelope = json.loads(result.stdout)
    jsonschema.validate(envelope, SCHEMA)
    assert envelope["run"]["provider"] == "openai"
    # llama_cpp.server refuses response_format json_schema: the run fell back to json mode.
    assert envelope["run"]["mode"] == "json"


def test_an_article_beyond_the_context_is_a_clear_input_error() -> None:
    article = read_article(ARTICLES / "pakistan-turkey-2025-05-26.txt")
    with pytest.raises(InputError, match="does not fit the model's context") as info:
        summarize(article, provider=LocalProvider(n_ctx=512), cache=False)
    assert info.value.exit_code == 2


def test_the_example_brief_from_the_embedded_model_has_what_a_reader_needs() -> None:
    """Live, the default (guided: code proposes, the 135M model chooses the headline and the
    summary's sentences): the five participants with their roles, the $5 billion target
    (continued), the meeting (Ankara, 2025-05-25) and at least 3 of the 4 dated events."""
    article = read_article(ARTICLES / "pakistan-turkey-2025-05-26.txt")
    result = summarize(article, provider=LocalProvider(), cache=False)
    assert result.run.strategy == "guided"
    assert_example_must_show(result.brief)
    assert_faithful(result, article.text)
    assert result.grounding.dropped == 0
