"""The cluster extra stays optional: nothing loads it before a run asks, and its absence is a
clear error (exit 2) naming the install command."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app

runner = CliRunner()
HEAVY = ("ray", "redis", "pyarrow", "pandas")


def test_import_and_the_plain_commands_load_no_extra() -> None:
    code = (
        "import sys, summarizer, summarizer.cli, summarizer.cluster; "
        f"print([m for m in sys.modules if m.split('.')[0] in {HEAVY!r}])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("blocked", "args", "feature"),
    [
        ("ray", ["--engine", "ray"], "the Ray engine (--engine ray) needs ray"),
        ("redis", ["--cache-url", "redis://127.0.0.1:1/0"], "the Redis cache (--cache-url) needs"),
    ],
)
def test_a_missing_extra_exits_2_with_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blocked: str, args: list[str], feature: str
) -> None:
    monkeypatch.setitem(sys.modules, blocked, None)  # import fails as if not installed
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": "date 2025-05-26\nSome text."}) + "\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["batch", str(feed), "-o", str(out), "--provider", "openai",
                                 "--base-url", "http://127.0.0.1:9/v1", *args])  # fmt: skip
    assert result.exit_code == 2, result.stderr
    assert feature in result.stderr
    assert "pip install 'summarizer[cluster]'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() or out.read_text() == ""
