"""Benchmark: batch throughput against a slow model, and the pipeline's own CPU cost.

    .venv/bin/python benchmarks/batch_throughput.py [--articles 200] [--concurrency 16] [--runs 3]
        [--big 2000] [--big-concurrency 256] [--big-delay 2] [--fast-delay 0.5]

1. N distinct articles, cache off, against a local OpenAI-compatible server (a process of its
   own on 127.0.0.1) that answers every request after a fixed delay; wall time against the
   ideal ceil(N / concurrency) x delay, side by side in one run: the library's
   `summarize_many` in a fresh process (its first batch, which pays the warm-up, and a second
   one), the `summarizer batch` command from start to exit, and that command's start alone
   (`summarizer --version`: interpreter start and imports, the openai SDK most of it), which a
   batch of any size pays once. The command's batch phase is its wall time minus that start.
   Every measure is taken --runs times, interleaved; the table shows medians.
2. Many in flight: --big distinct articles at --big-concurrency against a server (its own
   process) that answers every request after --big-delay seconds with a full brief (14 items):
   `summarize_many` (the async pipeline, `openai.AsyncOpenAI`) and a pool of that many threads
   each calling `Summarizer.summarize` (what `summarize_many` did before), side by side in one
   run, each in a fresh process: wall time against the ideal ceil(N / concurrency) x delay,
   the most requests the server was answering at once, the client's most threads, and its
   peak resident memory. With --fast-delay, the async run again at that delay, where the
   client's CPU, not the server, sets the pace.
3. CPU time one article costs outside the model call (prompt, parsing, validation, grounding,
   envelope), in process with recorded answers: the median over 50 articles, and where it goes
   (the article's analysis, the rest of grounding, and all else: prompt, instructor, pydantic,
   envelope).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORDING = ROOT / "fixtures" / "recordings" / "pakistan-turkey.capable.hand.json"

from summarizer import ReplayProvider, Summarizer, article_from_text  # noqa: E402
from summarizer.analysis import analyze  # noqa: E402
from summarizer.batch import summarize_many  # noqa: E402
from summarizer.brief import BriefDraft  # noqa: E402
from summarizer.grounding import ground  # noqa: E402
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


def many_in_flight(mode: str, n: int, concurrency: int, delay: float) -> dict[str, float]:
    """One fresh process briefing ``n`` articles at ``concurrency`` (``mode`` "async" or
    "threads") against a server answering after ``delay``; its figures and the server's."""
    with slow_server(n, delay) as base_url:
        args = [sys.executable, __file__, "--child", base_url, "--mode", mode,
                "--articles", str(n), "--concurrency", str(concurrency)]  # fmt: skip
        output = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        stats_url = base_url.removesuffix("/v1") + "/stats"
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback
        with direct.open(stats_url, timeout=10) as response:
            served = json.load(response)
    figures: dict[str, float] = json.loads(output)
    return figures | {"peak_in_flight": served["peak_in_flight"]}


def _many_child(base_url: str, mode: str, n: int, concurrency: int) -> None:
    """Brief ``n`` articles at once, async or on a thread pool; print the figures as JSON."""
    items = [article_from_text(t, source=f"a{i}") for i, t in enumerate(articles(n))]
    summarizer = Summarizer(provider="openai", base_url=base_url, cache=False, attempts=1)
    most_threads = [threading.active_count()]
    done = threading.Event()

    def watch() -> None:  # this sampling thread itself is not counted
        while not done.wait(0.02):
            most_threads.append(threading.active_count() - 1)

    threading.Thread(target=watch, daemon=True).start()
    started, cpu = time.perf_counter(), time.process_time()
    if mode == "async":

        async def run() -> int:
            outcomes = summarize_many(items, summarizer, concurrency=concurrency)
            return sum([outcome.ok async for outcome in outcomes])

        ok = asyncio.run(run())
    else:
        summarizer.warm_up()
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            ok = sum(1 for _ in pool.map(summarizer.summarize, items))
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    done.set()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall": wall, "ok": ok, "threads": max(most_threads), "rss_mb": rss_mb,
                      "cpu_ms": cpu / n * 1e3}))  # fmt: skip


def cpu_per_article(n: int) -> dict[str, float]:
    """Median CPU seconds of a whole brief, and of its parts, over ``n`` distinct articles."""
    draft = BriefDraft.model_validate_json(CAPABLE["choices"][0]["message"]["content"])
    parts: dict[str, list[float]] = {"whole": [], "analysis": [], "grounding": []}
    texts = articles(2 * n + 1)
    warm = Summarizer(provider=ReplayProvider([CAPABLE]), cache=False, attempts=1)
    warm.summarize(article_from_text(texts[-1]))  # the first call's lazy imports, not counted
    for whole, part in zip(texts[:n], texts[n : 2 * n], strict=True):  # interleaved: one noise
        summarizer = Summarizer(provider=ReplayProvider([CAPABLE]), cache=False, attempts=1)
        started = time.process_time()
        summarizer.summarize(article_from_text(whole))
        parts["whole"].append(time.process_time() - started)
        article = article_from_text(part)  # not analysed yet: the analysis is kept by text
        started = time.process_time()
        analyze(article)
        parts["analysis"].append(time.process_time() - started)
        started = time.process_time()
        ground(draft, article.text, today=article.date)
        parts["grounding"].append(time.process_time() - started)
    med = {name: statistics.median(values) for name, values in parts.items()}
    return med | {"rest": med["whole"] - med["analysis"] - med["grounding"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--runs", type=int, default=3, help="Rounds of every measure; medians.")
    parser.add_argument("--big", type=int, default=2000, help="Articles of the many-in-flight "
                        "runs (0: none).")  # fmt: skip
    parser.add_argument("--big-concurrency", type=int, default=256)
    parser.add_argument("--big-delay", type=float, default=2.0)
    parser.add_argument("--fast-delay", type=float, default=None,
                        help="Also the async run at this server delay (e.g. 0.5).")  # fmt: skip
    parser.add_argument("--child", metavar="BASE_URL", help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="two-batches", help=argparse.SUPPRESS)
    args = parser.parse_args()
    n, c, delay = args.articles, args.concurrency, args.delay
    if args.child and args.mode != "two-batches":
        return _many_child(args.child, args.mode, n, c)
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
    cpu = cpu_per_article(100)
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
    if args.big:
        big_table(args.big, args.big_concurrency, args.big_delay, args.fast_delay)
    print("\n## Pipeline CPU per article outside the model call (medians of 100 articles)\n")
    print("| part | ms |\n|---|---:|")
    for label, name in (("whole brief (14 items)", "whole"), ("the article's analysis", "analysis"),
                        ("grounding, analysis aside", "grounding"),
                        ("the rest: prompt, instructor, pydantic, envelope", "rest")):  # fmt: skip
        print(f"| {label} | {cpu[name] * 1e3:.1f} |")
    print(json.dumps({"python": sys.version.split()[0], "cpus": os.cpu_count()}))


def big_table(n: int, c: int, delay: float, fast: float | None) -> None:
    runs = [("`summarize_many` (async)", "async", delay),
            (f"a pool of {c} threads calling `summarize`", "threads", delay)]  # fmt: skip
    if fast is not None:
        runs.append(("`summarize_many` (async)", "async", fast))
    print(f"\n## {n} articles at concurrency {c}, a full brief each; one run each, in turn\n")
    print(
        "| client | server delay s | seconds | ideal s | / ideal | most in flight "
        "| most threads | peak RSS MB | client CPU ms / article |"
        "\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    for label, mode, wait in runs:
        ideal = math.ceil(n / c) * wait
        got = many_in_flight(mode, n, c, wait)
        assert got["ok"] == n, got
        print(
            f"| {label} | {wait:g} | {got['wall']:.1f} | {ideal:.0f} | "
            f"{got['wall'] / ideal:.2f} | {got['peak_in_flight']:.0f} | {got['threads']:.0f} "
            f"| {got['rss_mb']:.0f} | {got['cpu_ms']:.1f} |"
        )


if __name__ == "__main__":
    main()
