"""The network guards of conftest.py: the socket patch in this process, the namespace for every
other process, and a guard hit failing the test even when the code under test swallowed it."""

import os
import socket
import subprocess
import sys

import pytest
from conftest import BLOCKED, IN_NAMESPACE, ROOT, NetworkBlocked

OUTSIDE = ("192.0.2.1", 443)  # TEST-NET-1: never routed


def test_connection_outside_loopback_fails_loudly_and_is_recorded() -> None:
    before = len(BLOCKED)
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(NetworkBlocked, match="loopback only"),
    ):
        sock.connect(OUTSIDE)
    assert len(BLOCKED) == before + 1 and "192.0.2.1" in BLOCKED[-1]
    del BLOCKED[before:]  # seen: this test is the one allowed to hit the guard


def test_loopback_is_allowed() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=2):
            pass


def test_proxies_are_cleared_for_this_process_and_its_children() -> None:
    assert not any(os.environ.get(n) for n in ("HTTP_PROXY", "https_proxy", "ALL_PROXY"))
    assert os.environ["NO_PROXY"] == "*"


INNER_TEST = """
import openai, pytest

def test_swallows_the_guard_error():
    client = openai.OpenAI(base_url="http://192.0.2.1/v1", api_key="x", max_retries=2)
    with pytest.raises(openai.APIConnectionError):  # the SDK retried, then gave up
        client.models.list()
"""


def test_a_guard_hit_fails_the_test_even_when_the_sdk_swallowed_it(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeconftest((ROOT / "tests" / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_inner=INNER_TEST)
    result = pytester.runpytest_subprocess("-p", "no:randomly", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)  # the call passed; its teardown did not
    result.stdout.fnmatch_lines(["*network guard: the test tried to leave loopback*192.0.2.1*"])


PROBE = "import socket; socket.create_connection(('192.0.2.1', 443), timeout=10)"


@pytest.mark.skipif(
    not IN_NAMESPACE and os.environ.get("CI") != "true",
    reason="not in a loopback-only network namespace (run `make test`, or scripts/offline)",
)
def test_a_subprocess_cannot_leave_loopback() -> None:
    """The socket patch does not reach a child process; the namespace does."""
    assert IN_NAMESPACE, "CI runs the suite in a network namespace (scripts/offline)"
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          timeout=30, check=False)  # fmt: skip
    assert done.returncode != 0
    assert "Network is unreachable" in done.stderr, done.stderr
