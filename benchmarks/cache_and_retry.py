"""Benchmark: what the cache and the retry layer cost. Prints a Markdown table.

    .venv/bin/python benchmarks/cache_and_retry.py [--runs 15] [--calls 300]

1. Wall time of `summarizer summarize` answered from the cache, against a bare
   `python -c "import summarizer"` and `python -c "import openai"` (the SDK's share of the
   import), run alternately in one session (median of --runs each).
2. Time per model call against an instant local server (scripted, on 127.0.0.1): the bare
   provider call, the same under the retry layer, a cache miss (key + store), a cache hit.

Machines here are shared and noisy: read the medians and the ratios, not single numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from openai_server import ScriptedServer, ok  # noqa: E402

from summarizer.cache import ResponseCache, cache_key  # noqa: E402
from summarizer.providers import OpenAIProvider  # noqa: E402
from summarizer.replay import load_recording  # noqa: E402
from summarizer.retry import RetryPolicy, call_with_retries, checked  # noqa: E402

EXAMPLE = ROOT / "fixtures" / "articles" / "pakistan-turkey-2025-05-26.txt"
CAPABLE = load_recording(ROOT / "fixtures" / "recordings" / "pakistan-turkey.capable.hand.json")[
    "responses"
][0]


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def cli_cache_hit(runs: int) -> list[tuple[str, float]]:
    python = sys.executable
    summarizer = str(Path(python).with_name("summarizer"))
    with tempfile.TemporaryDirectory() as cache, ScriptedServer([ok(CAPABLE)]) as server:
        env = dict(os.environ, SUMMARIZER_CACHE_DIR=cache)
        command = [summarizer, "summarize", str(EXAMPLE), "--base-url", server.base_url]
        timed(command, env)  # the one miss: fills the cache
        imports, sdk, hits = [], [], []
        for _ in range(runs):
            imports.append(timed([python, "-c", "import summarizer"], env))
            sdk.append(timed([python, "-c", "import openai"], env))
            hits.append(timed(command, env))
        assert len(server.requests) == 1, "a cache hit reached the server"
    return [("python -c 'import summarizer'", statistics.median(imports)),
            ("python -c 'import openai'", statistics.median(sdk)),
            ("summarizer summarize (cache hit)", statistics.median(hits))]  # fmt: skip


def per_call(calls: int) -> list[tuple[str, float]]:
    request = {"messages": [{"role": "user", "content": "x"}], "temperature": 0.0}
    policy = RetryPolicy()
    with (
        tempfile.TemporaryDirectory() as folder,
        ScriptedServer([ok(CAPABLE)] * (4 * calls + 10)) as server,
    ):
        provider = OpenAIProvider("m", base_url=server.base_url)
        cache = ResponseCache(folder)

        def bare() -> None:
            provider.complete(**request)

        def retried() -> None:
            call_with_retries(lambda: checked(provider.complete(**request)), policy)

        def miss(n: list[int] = [0]) -> None:  # noqa: B006 - a counter that makes each key new
            n[0] += 1
            key = cache_key(provider.identity, provider.model, dict(request, seed=n[0]))
            if cache.get(key) is None:
                completion, _ = call_with_retries(
                    lambda: checked(provider.complete(**request)), policy
                )
                cache.put(key, completion)

        key = cache_key(provider.identity, provider.model, request)
        cache.put(key, provider.complete(**request))

        def hit() -> None:
            assert cache.get(key) is not None

        rows = []
        paths = [
            ("bare provider call", bare),
            ("+ retry layer", retried),
            ("+ retry + cache miss (key, lookup, store)", miss),
            ("cache hit", hit),
        ]
        for name, fn in paths:
            for _ in range(10):
                fn()  # warm up
            samples = []
            for _ in range(calls):
                started = time.perf_counter()
                fn()
                samples.append(time.perf_counter() - started)
            rows.append((name, statistics.median(samples)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()
    print(f"## CLI, median of {args.runs} runs each (alternating)\n")
    print("| command | median (ms) | ratio |\n|---|---:|---:|")
    rows = cli_cache_hit(args.runs)
    for name, seconds in rows:
        print(f"| {name} | {seconds * 1000:.0f} | {seconds / rows[0][1]:.2f} |")
    print(f"\n## One model call against an instant local server, median of {args.calls}\n")
    print("| path | median (ms) | added (ms) |\n|---|---:|---:|")
    rows = per_call(args.calls)
    for name, seconds in rows:
        print(f"| {name} | {seconds * 1000:.2f} | {(seconds - rows[0][1]) * 1000:+.2f} |")
    print(json.dumps({"python": sys.version.split()[0], "cpus": os.cpu_count()}))


if __name__ == "__main__":
    main()
