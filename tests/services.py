"""Servers the cluster tests start and stop themselves: Debian's redis-server and Ray nodes.

Everything listens on loopback. Ray takes ``--node-ip-address=127.0.0.1`` as "this machine" and
swaps in the address of its network interface; any other loopback address is kept as given, so
the nodes use 127.0.0.2. Token authentication is off for these private clusters (Ray 2.60 turns
it on by default and keeps the token in ``~/.ray``). Each process is started in a session of
its own and stopped with its whole process group, never with ``ray stop``, which would stop
every Ray process on the machine.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

NODE_IP = "127.0.0.2"
RAY_ENV = {
    "RAY_AUTH_MODE": "disabled",
    "RAY_DEDUP_LOGS": "0",
    "RAY_USAGE_STATS_ENABLED": "0",
    "RAY_GRACEFUL_SHUTDOWN_DRAIN_TIMEOUT_S": "0",  # a test cluster stops at once
}
RAY = str(Path(sys.executable).parent / "ray")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_port(host: str, port: int, process: subprocess.Popen[bytes], within: float) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {host}:{port} after {within} s")


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """A redis-server on a free loopback port, no persistence; its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        why = "redis-server is not installed (Debian's redis-server package; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(why)  # CI must run these tests, not skip them
        pytest.skip(why)
    port = free_port()
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--daemonize", "no"]  # fmt: skip
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_for_port("127.0.0.1", port, process, 20)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=20)


def ray_env() -> dict[str, str]:
    return dict(os.environ, **RAY_ENV)


def _nodes_alive(address: str) -> int:
    status = subprocess.run([RAY, "status", "--address", address], capture_output=True,
                            text=True, env=ray_env(), check=False)  # fmt: skip
    active = status.stdout.split("Active:")[-1].split("Pending:")[0]
    return active.count("node_") if status.returncode == 0 else 0


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM to each ``ray start --block`` (it stops the processes it started), then SIGKILL
    to whatever is left in its process group; returns once they are gone."""
    for process in reversed(processes):  # the workers before the head
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=60)
    for process in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    deadline = time.monotonic() + 30
    while any(in_group(p.pid) for p in processes) and time.monotonic() < deadline:
        time.sleep(0.1)


def in_group(pgid: int) -> list[int]:
    """Processes of process group ``pgid`` still alive (zombies excepted)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                alive.append(int(stat.parent.name))
    return alive


@contextlib.contextmanager
def ray_cluster(temp_dir: Path, nodes: int = 2, cpus: int = 1) -> Iterator[tuple[str, list[int]]]:
    """A head and ``nodes - 1`` worker nodes (separate raylets) on this machine; yields the
    address and the process groups, which are empty again once it returns."""
    port = free_port()
    address = f"{NODE_IP}:{port}"
    common = [f"--num-cpus={cpus}", f"--node-ip-address={NODE_IP}", "--disable-usage-stats",
              "--block"]  # fmt: skip
    head = [RAY, "start", "--head", f"--port={port}", f"--temp-dir={temp_dir}",
            "--include-dashboard=false", *common]  # fmt: skip
    worker = [RAY, "start", f"--address={address}", *common]
    processes: list[subprocess.Popen[bytes]] = []
    log = (temp_dir / "nodes.log").open("ab")
    try:
        for n, args in enumerate([head] + [worker] * (nodes - 1)):
            processes.append(subprocess.Popen(args, env=ray_env(), stdout=log, stderr=log,
                                              start_new_session=True))  # fmt: skip
            deadline = time.monotonic() + 180
            while _nodes_alive(address) < n + 1:
                if time.monotonic() > deadline or processes[-1].poll() is not None:
                    raise RuntimeError(f"Ray node {n} did not start; see {temp_dir}/nodes.log")
                time.sleep(1)
        yield address, [p.pid for p in processes]
    finally:
        _stop(processes)
        log.close()
