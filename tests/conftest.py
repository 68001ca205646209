"""Test setup: no network beyond loopback, and helpers shared by the test files.

Two guards. Where the machine allows it, ``scripts/offline`` (``make test``, ``.ci/run``) runs
pytest in a network namespace with only loopback up, so every process (CLI subprocesses,
``llama_cpp.server``, Chromium) is cut off too. In any case, in this process, a connection to
an address outside loopback is refused by the socket patch below and recorded; a test that
made one fails at teardown with its own error, even when the code under test caught it (the
openai SDK turns it into a connection error and retries). Proxy variables are cleared and
``NO_PROXY=*`` set, for this process and every subprocess, so loopback traffic never goes to a
proxy.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import subprocess
from pathlib import Path
from typing import Any

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "fixtures" / "articles"
RECORDINGS = ROOT / "fixtures" / "recordings"
#: Recording families made at prompt version 3, before version 4 added one line to the system
#: prompt (instructions inside the article are its content, never to be followed): their
#: requests differ by that line alone, so they replay with ``allow_stale`` until re-recorded
#: (``scripts/record-fixtures FAMILY``). README, "Recordings"; docs/strategies.md.
PROMPT_3_FAMILIES: frozenset[str] = frozenset({"local", "local-numbered", "local-sections"})


def stale_ok(recording: Path) -> bool:
    """Whether ``recording`` belongs to a family listed in ``PROMPT_3_FAMILIES``."""
    return any(recording.name.endswith(f".{family}.json") for family in PROMPT_3_FAMILIES)


EXAMPLE = ARTICLES / "pakistan-turkey-2025-05-26.txt"

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "FTP_PROXY")


def loopback_only_namespace() -> bool:
    """True when this process's network namespace has no interface but loopback."""
    try:
        return [name for _index, name in socket.if_nameindex()] == ["lo"]
    except OSError:
        return False


IN_NAMESPACE = loopback_only_namespace()


class NetworkBlocked(RuntimeError):
    """A test tried to reach an address outside loopback."""


#: Every attempt the socket patch refused, as "address (test id)".
BLOCKED: list[str] = []
#: The tests that started a subprocess: only the namespace guards those processes.
SUBPROCESS_TESTS: set[str] = set()
_current_test = ""


def _loopback(address: Any) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX paths
        return True
    host = address[0]
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_popen_init = subprocess.Popen.__init__


def _refuse(address: Any) -> NetworkBlocked:
    BLOCKED.append(f"{address!r} ({_current_test or 'outside a test'})")
    return NetworkBlocked(f"tests may not connect to {address!r}: loopback only")


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if not _loopback(address):
        raise _refuse(address)
    _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if not _loopback(address):
        raise _refuse(address)
    return _real_connect_ex(self, address)


def _noted_popen_init(self: subprocess.Popen[Any], *args: Any, **kwargs: Any) -> None:
    command = args[0] if args else kwargs.get("args")
    if _current_test and not (isinstance(command, list) and command[:1] == ["uname"]):
        # (``uname -p``: the openai SDK's platform header, once per process, no network)
        SUBPROCESS_TESTS.add(_current_test)
    _real_popen_init(self, *args, **kwargs)


def pytest_configure(config: pytest.Config) -> None:
    for name in PROXY_VARIABLES:
        os.environ.pop(name, None)
        os.environ.pop(name.lower(), None)
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "*"
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    subprocess.Popen.__init__ = _noted_popen_init  # type: ignore[method-assign]


def pytest_report_header(config: pytest.Config) -> str:
    return f"network: {network_mode()}"


def network_mode() -> str:
    if IN_NAMESPACE:
        return "network namespace, loopback only (subprocesses guarded too) + socket guard"
    return "socket guard only (no network namespace: subprocesses unguarded); proxies cleared"


def pytest_runtest_setup(item: pytest.Item) -> None:
    global _current_test
    _current_test = item.nodeid


def pytest_terminal_summary(terminalreporter: Any) -> None:
    terminalreporter.write_line(f"network: {network_mode()}")
    terminalreporter.write_line(
        f"network: {len(SUBPROCESS_TESTS)} test(s) started subprocesses, which only the "
        "namespace guards (the socket patch covers this process alone)"
    )
    if terminalreporter.config.option.verbose > 0:
        for nodeid in sorted(SUBPROCESS_TESTS):
            terminalreporter.write_line(f"  {nodeid}")


@pytest.fixture(autouse=True)
def _no_connection_outside_loopback() -> Any:
    """Fails the test, at teardown, if it tried to leave loopback, caught or not."""
    before = len(BLOCKED)
    yield
    if len(BLOCKED) > before:
        tried = BLOCKED[before:]
        del BLOCKED[before:]
        pytest.fail(f"network guard: the test tried to leave loopback: {', '.join(tried)}",
                    pytrace=False)  # fmt: skip


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests choose their provider explicitly (a developer's OPENAI_* never leaks in), and
    each test has a cache of its own."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_NO_CACHE", "SUMMARIZER_RETRIES",
                 "SUMMARIZER_RETRY_DEADLINE", "SUMMARIZER_TIMEOUT"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")
