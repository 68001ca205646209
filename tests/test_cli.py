import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, RECORDINGS, ROOT
from openai_server import ScriptedServer
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.replay import load_recording

runner = CliRunner()
CAPABLE = load_recording(RECORDINGS / "pakistan-turkey.capable.hand.json")["responses"][0]


def run(*args: str, input: bytes | None = None):
    return runner.invoke(app, list(args), input=input)


def one_line_error(result) -> str:
    assert "Traceback" not in result.output + result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines and lines[-1].startswith("error: "), result.stderr
    return lines[-1]


def test_summarize_through_an_openai_compatible_server() -> None:
    with ScriptedServer([(200, CAPABLE)]) as server:
        result = run("summarize", str(EXAMPLE), "--base-url", server.base_url, "--model", "m1")
    assert result.exit_code == 0, result.stderr
    envelope = json.loads(result.stdout)
    assert envelope["run"]["provider"] == "openai"
    assert envelope["run"]["endpoint"].startswith(server.base_url)
    assert envelope["brief"]["commitments"][0]["amount"]["value"] == 5_000_000_000
    sent = server.requests[0]
    assert sent["model"] == "m1" and sent["response_format"]["type"] == "json_schema"


def test_markdown_output_written_atomically(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "brief.md"
    with ScriptedServer([(200, CAPABLE)]) as server:
        result = run(
            "summarize",
            str(EXAMPLE),
            "--base-url",
            server.base_url,
            "-f",
            "markdown",
            "-o",
            str(out),
        )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Sharif meets Erdogan")
    assert "5,000,000,000 USD" in text
    assert list(out.parent.iterdir()) == [out]  # no temporary file left behind


def test_failed_call_exits_1_and_writes_no_file(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "brief.json"
    replies = [(500, {"error": {"message": "model crashed"}})] * 5
    with ScriptedServer(replies) as server:
        result = run("summarize", str(EXAMPLE), "--base-url", server.base_url, "-o", str(out))
    assert result.exit_code == 1
    assert "HTTP 500" in one_line_error(result)
    assert not out.exists() and list(out.parent.iterdir()) == []


@pytest.mark.parametrize("status", [400, 422, 500])
def test_server_rejecting_json_schema_falls_back_to_json_mode(status: int) -> None:
    # llama_cpp.server says it with a 500 whose message names response_format.
    rejection = {"error": {"message": "1 validation error: ('body', 'response_format', 'type')"}}
    with ScriptedServer([(status, rejection), (200, CAPABLE)]) as server:
        result = run("summarize", str(EXAMPLE), "--base-url", server.base_url)
    assert result.exit_code == 0, result.stderr
    assert [r["response_format"]["type"] for r in server.requests] == ["json_schema", "json_object"]
    assert json.loads(result.stdout)["run"]["mode"] == "json"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00binary", "binary"),
        (b"caf\xe9 au lait", "not UTF-8"),
        (b"a" * 20_000_000, "over the 2.0 MB input limit"),
    ],
    ids=["missing", "empty", "blank", "binary", "latin-1", "20MB"],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, content: bytes | None, message: str):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    out = tmp_path / "out.json"
    result = run("summarize", str(path), "--provider", "openai", "-o", str(out))
    assert result.exit_code == 2
    assert message in one_line_error(result)
    assert not out.exists()


def test_bad_input_on_stdin_exits_2() -> None:
    result = run("summarize", "-", "--provider", "openai", input=b"\x00\x01\x02")
    assert result.exit_code == 2
    assert "binary" in one_line_error(result)


def test_usage_errors_exit_2() -> None:
    assert run("summarize", str(EXAMPLE), "--mode", "yaml").exit_code == 2
    assert run("summarize", str(EXAMPLE), "--date", "2025-13-01").exit_code == 2
    assert run("summarize", str(EXAMPLE), "--grounding", "lenient").exit_code == 2
    assert run("summarize").exit_code == 2


def test_missing_api_key_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("summarize", str(EXAMPLE), "--provider", "openai")
    assert result.exit_code == 2
    assert "OPENAI_API_KEY" in one_line_error(result)


def test_missing_model_file_is_a_config_error(tmp_path: Path) -> None:
    result = run("summarize", str(EXAMPLE), "--model-path", str(tmp_path / "nope.gguf"))
    assert result.exit_code == 2
    assert "no such model file" in one_line_error(result)


def test_schema_command_writes_the_committed_schemas(tmp_path: Path) -> None:
    result = run("schema", "--out-dir", str(tmp_path))
    assert result.exit_code == 0
    for written in tmp_path.iterdir():
        committed = ROOT / "schemas" / written.name
        assert json.loads(written.read_text()) == json.loads(committed.read_text())
    assert len(list(tmp_path.iterdir())) == 3


def test_python_dash_m_works() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("summarizer ")


def test_an_internal_error_is_one_line_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("summarizer.cli.commands.render", broken)
    with ScriptedServer([(200, CAPABLE)]) as server:
        result = run("summarize", str(EXAMPLE), "--base-url", server.base_url)
    assert result.exit_code == 1
    assert "internal error (RuntimeError: boom)" in one_line_error(result)
