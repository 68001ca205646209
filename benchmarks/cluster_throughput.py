"""Benchmark: `summarizer batch` on a Ray cluster against the threaded batch, same concurrency.

    .venv/bin/python benchmarks/cluster_throughput.py [--articles 400] [--concurrency 16] [--runs 3]

N distinct articles, cache off, against a local OpenAI-compatible server (a process of its own
on 127.0.0.1) that answers every request after a fixed delay. Measured side by side, in one
run, each from process start to exit: the threaded batch at --concurrency C; the Ray engine
with 1 worker of C threads and with 2 workers of C/2 threads, against a Ray cluster started
beforehand on this machine (`ray start --head --num-cpus=2`, on loopback, as a real cluster
is started once and used by many jobs; its start is shown apart). The ideal is
ceil(N / C) x delay. Every measure is taken --runs times, interleaved; the table shows medians.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]

from batch_throughput import articles, slow_server  # noqa: E402
from services import ray_cluster, ray_env  # noqa: E402


def batch(n: int, delay: float, *options: str) -> float:
    """Seconds `summarizer batch` takes from start to exit over N articles; checks every record."""
    with tempfile.TemporaryDirectory() as folder, slow_server(n, delay) as base_url:
        feed, out = Path(folder) / "feed.jsonl", Path(folder) / "out.jsonl"
        rows = [json.dumps({"id": f"a{i}", "text": t}) for i, t in enumerate(articles(n))]
        feed.write_text("\n".join(rows) + "\n")
        args = [sys.executable, "-m", "summarizer", "batch", str(feed), "-o", str(out),
                "--base-url", base_url, "--no-cache", "--attempts", "1", "--quiet",
                *options]  # fmt: skip
        started = time.perf_counter()
        subprocess.run(args, check=True, env=dict(ray_env(), SUMMARIZER_CACHE_DIR=folder))
        wall = time.perf_counter() - started
        records = [json.loads(line) for line in out.read_text().splitlines()]
        assert sorted(r["id"] for r in records) == sorted(f"a{i}" for i in range(n))
        assert all(r["ok"] for r in records)
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=16, help="In all, for every engine.")
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--runs", type=int, default=3, help="Rounds of every measure; medians.")
    args = parser.parse_args()
    n, c, delay = args.articles, args.concurrency, args.delay
    ideal = math.ceil(n / c) * delay
    load = [os.getloadavg()[0]]  # the machine may be shared: say how busy it was
    with tempfile.TemporaryDirectory(prefix="ray-") as temp:
        started = time.perf_counter()
        with ray_cluster(Path(temp), nodes=1, cpus=2) as (address, _groups):
            cluster_start = time.perf_counter() - started
            ray = ["--engine", "ray", "--address", address]
            half = str(c // 2)
            measures = {
                f"threads: `summarizer batch --concurrency {c}`": ["--concurrency", str(c)],
                f"ray, 1 worker x {c} threads": [*ray, "--workers", "1", "--concurrency", str(c)],
                f"ray, 2 workers x {half} threads": [*ray, "--workers", "2", "--concurrency", half],
            }
            rounds: dict[str, list[float]] = {label: [] for label in measures}
            for _ in range(args.runs):  # interleaved: a noisy minute hits every measure alike
                for label, options in measures.items():
                    rounds[label].append(batch(n, delay, *options))
                    load.append(os.getloadavg()[0])
    med = {label: statistics.median(values) for label, values in rounds.items()}
    threads = med[next(iter(measures))]
    print(f"## {n} articles, {c} at once in all, server delay {delay} s; medians of {args.runs}\n")
    print("| measure | seconds | / ideal | / threads | every run / ideal |")
    print("|---|---:|---:|---:|---|")
    print(f"| ideal: ceil({n}/{c}) x {delay} | {ideal:.2f} | 1.00 | | |")
    for label, values in rounds.items():
        each = ", ".join(f"{v / ideal:.2f}" for v in values)
        print(f"| {label} | {med[label]:.2f} | {med[label] / ideal:.2f} | "
              f"{med[label] / threads:.2f} | {each} |")  # fmt: skip
    print(f"\nRay cluster start (`ray start --head`, once, not in the rows): {cluster_start:.1f} s")
    print(f"Load average (1 min) over the run: {min(load):.1f} to {max(load):.1f}")
    print(json.dumps({"python": sys.version.split()[0], "cpus": os.cpu_count()}))


if __name__ == "__main__":
    main()
