"""Test setup: no network beyond loopback, and helpers shared by the test files."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "fixtures" / "articles"
RECORDINGS = ROOT / "fixtures" / "recordings"
EXAMPLE = ARTICLES / "pakistan-turkey-2025-05-26.txt"


class NetworkBlocked(RuntimeError):
    """A test tried to reach an address outside loopback."""


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


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if not _loopback(address):
        raise NetworkBlocked(f"tests may not connect to {address!r}: loopback only")
    _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if not _loopback(address):
        raise NetworkBlocked(f"tests may not connect to {address!r}: loopback only")
    return _real_connect_ex(self, address)


def pytest_configure(config: pytest.Config) -> None:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]


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
