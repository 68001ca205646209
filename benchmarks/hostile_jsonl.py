"""A JSONL feed with one 60 MB record, through `summarizer batch`: refused, named, bounded.

    .venv/bin/python benchmarks/hostile_jsonl.py [--mb 60] [--records 4]

Writes a feed of ``--records`` ordinary articles (the example) with, as its second line, one
record whose ``text`` holds ``--mb`` MB of words drawn at random from the example. Runs
`summarizer batch` on it in a child process against a scripted OpenAI-compatible server on
127.0.0.1 (every answer the example's recorded brief), twice, side by side:

1. the defaults (2 MB per article): the big line must be skipped unread as a failed record
   naming its line, and the other records summarized;
2. ``--max-bytes`` raised past the record (so it is read whole): the request ceiling
   (``--max-requests``, default 100) must refuse it before any model request.

Prints, per run: records ok and failed, the big record's error, model requests the server
received, wall time, and the child's peak resident memory (``ru_maxrss`` of the child).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from openai_server import ScriptedServer, ok  # noqa: E402

EXAMPLE = ROOT / "fixtures" / "articles" / "pakistan-turkey-2025-05-26.txt"
ANSWER = json.loads((ROOT / "fixtures" / "recordings" / "pakistan-turkey.capable.hand.json")
                    .read_text(encoding="utf-8"))["responses"][0]  # fmt: skip


def write_feed(path: Path, megabytes: int, records: int) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    words = text.split()
    rng = random.Random(0)
    with path.open("w", encoding="utf-8") as feed:
        for n in range(records):
            feed.write(json.dumps({"id": f"ok{n}", "text": text}) + "\n")
            if n == 0:  # the hostile record, written in pieces
                feed.write('{"id": "huge", "text": "')
                written = 0
                while written < megabytes * 1_000_000:
                    piece = " ".join(rng.choices(words, k=2000)) + " "
                    piece = json.dumps(piece)[1:-1]
                    feed.write(piece)
                    written += len(piece)
                feed.write('"}\n')


def run(feed: Path, out: Path, extra: list[str]) -> dict[str, object]:
    with ScriptedServer([ok(ANSWER)] * 400) as model:
        command = str(ROOT / ".venv" / "bin" / "summarizer")
        args = [command, "batch", str(feed), "--out", str(out), "--base-url", model.base_url,
                "--no-cache", "-q", "--concurrency", "2", *extra]  # fmt: skip
        env = {**os.environ, "SUMMARIZER_CACHE_DIR": str(out.parent / "cache")}
        started = time.perf_counter()
        child = subprocess.Popen(args, env=env, stderr=subprocess.PIPE, text=True)
        _, usage_status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        stderr = child.stderr.read() if child.stderr else ""
        requests = len(model.requests)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    huge = [r for r in records if r["id"] != "ok0" and not r["ok"]]
    return {
        "exit": os.waitstatus_to_exitcode(usage_status),
        "ok": sum(r["ok"] for r in records),
        "failed": sum(not r["ok"] for r in records),
        "error": huge[0]["error"]["message"] if huge else "(none)",
        "requests": requests,
        "wall_s": wall,
        "peak_mb": usage.ru_maxrss / 1024,
        "stderr": stderr.strip().splitlines()[-1:] if stderr.strip() else [],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=60, help="size of the hostile record's text")
    parser.add_argument("--records", type=int, default=4, help="ordinary records around it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        write_feed(feed, args.mb, args.records)
        size = feed.stat().st_size / 1e6
        print(f"feed: {size:.1f} MB, {args.records + 1} lines, line 2 holds the hostile record\n")
        runs = {
            "defaults (--max-bytes 2000000)": [],
            f"--max-bytes {args.mb * 2_000_000} (the record read whole)": [
                "--max-bytes", str(args.mb * 2_000_000)
            ],
        }  # fmt: skip
        print("| run | exit | records ok | failed | model requests | wall s | peak RSS MB |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        errors = []
        for n, (label, extra) in enumerate(runs.items()):
            got = run(feed, Path(tmp) / f"out{n}.jsonl", extra)
            print(f"| {label} | {got['exit']} | {got['ok']} | {got['failed']} | "
                  f"{got['requests']} | {got['wall_s']:.1f} | {got['peak_mb']:.0f} |")  # fmt: skip
            errors.append(f"{label}: {got['error']}")
        print()
        for line in errors:
            print(f"- {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
