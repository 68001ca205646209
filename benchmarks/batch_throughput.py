"""Benchmark: batch throughput against a slow model, and the pipeline's own CPU cost.

    .venv/bin/python benchmarks/batch_throughput.py [--articles 200] [--concurrency 16] [--runs 3]

1. N distinct articles, cache off, against a local OpenAI-compatible server (a process of its
   own on 127.0.0.1) that answers every request after a fixed delay; wall time against the
   ideal ceil(N / concurrency) x delay, side by side in one run: the library's
   `summarize_many` in a fresh process (its first batch, which pays the warm-up, and a second
   one), the `summarizer batch` command from start to exit, and that command's start alone
   (`summarizer --version`: interpreter start and imports, the openai SDK most of it), which a
   batch of any size pays once. The command's batch phase is its wall time minus that start.
   Every measure is taken --runs times, interleaved; the table shows medians.
2. CPU time one article costs outside the model call (prompt, parsing, validation, grounding,
   envelope), in process with recorded answers: the median over 50 articles.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORDING = ROOT / "fixtures" / "recordings" / "pakistan-turkey.capable.hand.json"

from summarizer import ReplayProvider, Summarizer, article_from_text  # noqa: E402
from summarizer.batch import summarize_many  # noqa: E402
from summarizer.replay import load_recording  # noqa: E402

EXAMPLE = (ROOT / "fixtures" / "articles" / "pakistan-turkey-2025-05-26.txt").read_text()
CAPABLE = load_recording(RECORDING)["responses"][0]
SERVER = """
import sys, time
sys.path.insert(0, {tests!r})
from openai_server import Reply, ScriptedServer
from summarizer.replay import load_recording
body = load_recording({recording!r})["responses"][0]
with ScriptedServer([Reply(200, body, stall={delay}) for _ in range({n})]) as server:
    print(server.base_url, flush=True)
    time.sleep(3600)
"""


def articles(n: int) -> list[str]:
    """Distinct copies of the example article (so no cache could help)."""
    return [EXAMPLE.replace("Islamabad –", f"Islamabad (item {i}) –", 1) for i in range(n)]


@contextlib.contextmanager
def slow_server(n: int, delay: float) -> Iterator[str]:
    """The scripted server in a process of its own (it must not share our GIL); its URL."""
    code = SERVER.format(tests=str(ROOT / "tests"), recording=str(RECORDING), delay=delay, n=n)
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        yield process.stdout.readline().strip()
    finally:
        process.kill()
        process.wait()


def in_process(n: int, concurrency: int, delay: float) -> tuple[float, float]:
    """`summarize_many` in a fresh process: its first batch (which pays the warm-up, ~0.4 s of
    lazy imports and client set-up) and a second one right after (warm)."""
    with slow_server(2 * n, delay) as base_url:
        args = [sys.executable, __file__, "--child", base_url, "--articles", str(n),
                "--concurrency", str(concurrency)]  # fmt: skip
        output = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    first, second = (float(x) for x in output.split())
    return first, second


def _child(base_url: str, n: int, concurrency: int) -> None:
    """Two batches in this process, timed from the summarizer's creation; prints the seconds."""
    items = [article_from_text(t, source=f"a{i}") for i, t in enumerate(articles(n))]
    for _ in range(2):
        started = time.perf_counter()
        summarizer = Summarizer(provider="openai", base_url=base_url, cache=False, attempts=1)

        async def run(summarizer: Summarizer = summarizer) -> int:
            outcomes = summarize_many(items, summarizer, concurrency=concurrency)
            return sum([outcome.ok async for outcome in outcomes])

        assert asyncio.run(run()) == n
        print(time.perf_counter() - started)


def command(n: int, concurrency: int, delay: float) -> float:
    with tempfile.TemporaryDirectory() as folder, slow_server(n, delay) as base_url:
        feed, out = Path(folder) / "feed.jsonl", Path(folder) / "out.jsonl"
        rows = [json.dumps({"id": f"a{i}", "text": t}) for i, t in enumerate(articles(n))]
        feed.write_text("\n".join(rows) + "\n")
        args = [sys.executable, "-m", "summarizer", "batch", str(feed), "-o", str(out),
                "--base-url", base_url, "--no-cache", "--attempts", "1",
                "--concurrency", str(concurrency), "--quiet"]  # fmt: skip
        started = time.perf_counter()
        subprocess.run(args, check=True, env=dict(os.environ, SUMMARIZER_CACHE_DIR=folder))
        wall = time.perf_counter() - started
        assert sum(json.loads(line)["ok"] for line in out.read_text().splitlines()) == n
    return wall


def startup() -> float:
    """Seconds `summarizer --version` takes: interpreter start and every import."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "summarizer", "--version"], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - started


def cpu_per_article(n: int) -> float:
    samples = []
    for text in articles(n):
        summarizer = Summarizer(provider=ReplayProvider([CAPABLE]), cache=False, attempts=1)
        started = time.process_time()
        summarizer.summarize(article_from_text(text))
        samples.append(time.process_time() - started)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--runs", type=int, default=3, help="Rounds of every measure; medians.")
    parser.add_argument("--child", metavar="BASE_URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    n, c, delay = args.articles, args.concurrency, args.delay
    if args.child:
        return _child(args.child, n, c)
    ideal = math.ceil(n / c) * delay
    rounds: dict[str, list[float]] = {
        "first": [], "warm": [], "command": [], "start": [], "phase": []
    }  # fmt: skip
    for _ in range(args.runs):  # interleaved, so that a noisy minute hits every measure alike
        first, warm = in_process(n, c, delay)
        rounds["first"].append(first)
        rounds["warm"].append(warm)
        rounds["command"].append(command(n, c, delay))
        rounds["start"].append(startup())
        rounds["phase"].append(rounds["command"][-1] - rounds["start"][-1])
    cpu = cpu_per_article(50)
    med = {name: statistics.median(values) for name, values in rounds.items()}
    rows = [
        ("`summarize_many`, a fresh process's first batch", "first"),
        ("`summarize_many`, the same process's second batch", "warm"),
        ("`summarizer batch`, start to exit", "command"),
        ("`summarizer --version` (start and imports)", "start"),
        ("`summarizer batch`, batch phase (difference)", "phase"),
    ]
    print(f"## {n} articles, concurrency {c}, server delay {delay} s; medians of {args.runs}\n")
    print("| measure | seconds | / ideal | every run / ideal |\n|---|---:|---:|---|")
    print(f"| ideal: ceil({n}/{c}) x {delay} | {ideal:.2f} | 1.00 | |")
    for label, name in rows:
        each = ", ".join(f"{v / ideal:.2f}" for v in rounds[name])
        print(f"| {label} | {med[name]:.2f} | {med[name] / ideal:.2f} | {each} |")
    print(f"\nPipeline CPU per article outside the model call (median of 50): {cpu * 1e3:.1f} ms")
    print(json.dumps({"python": sys.version.split()[0], "cpus": os.cpu_count()}))


if __name__ == "__main__":
    main()
