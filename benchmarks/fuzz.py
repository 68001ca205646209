"""Fuzzing every way in: hostile bytes, HTML, JSONL lines and option values, through the
command line and the library. The test suite runs a few examples of each path
(``tests/test_fuzz.py``); this script runs many and prints what it saw.

    .venv/bin/python benchmarks/fuzz.py [--examples 300] [--seed 0]

Each path takes hypothesis-generated input and reports one outcome: the exit code (the CLI's,
or a library error's ``exit_code``; 0 for a brief), or a traceback (an exception that is not a
``SummarizerError`` in the library, any exception or "Traceback" in the CLI's output). The
model is a stand-in answering every request with the same recorded brief, so what is tested is
everything around the model. The CLI paths also check that ``--out`` is either absent or a
whole document, and that every line of a batch's output parses. The table gives inputs tried,
tracebacks, exit codes seen, and the process's peak resident memory at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import resource
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import hypothesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openai.types.chat import ChatCompletion
from typer.testing import CliRunner

from summarizer import InputError, Summarizer, SummarizerError, article_from_html
from summarizer.cli import app
from summarizer.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "articles" / "pakistan-turkey-2025-05-26.txt"
ANSWER = json.loads((ROOT / "fixtures" / "recordings" / "pakistan-turkey.capable.hand.json")
                    .read_text(encoding="utf-8"))["responses"][0]  # fmt: skip
#: The limit fuzzed inputs are held to: small, so that "over the limit" is often reached.
MAX_BYTES = 4000


class Echo:
    """A provider that answers every request with the same recorded brief."""

    name = "echo"
    model = "echo"
    identity = "echo"
    modes = ("json_schema", "json", "md_json")

    def __init__(self) -> None:
        self._answer = ChatCompletion.model_validate(ANSWER)

    def complete(self, **request: Any) -> ChatCompletion:
        return self._answer.model_copy(deep=True)


@contextlib.contextmanager
def echo_model() -> Iterator[None]:
    """Every ``Settings`` builds the ``Echo`` provider (the CLI builds its own)."""
    saved = Settings.build_provider
    Settings.build_provider = lambda self: Echo()  # type: ignore[assignment,method-assign,return-value]
    try:
        yield
    finally:
        Settings.build_provider = saved  # type: ignore[method-assign]


# --- what is generated --------------------------------------------------------------------
_WORDS = ["Minister", "Ana Lind", "met", "in", "Osterby", "on Monday", "$5 billion", "agreed",
          "\u201cquoted\u201d", "said", ".", "\n", "date 2026-05-12", "\x00", "\ufeff", "é", "😀",
          "\udcff", "<p>", "</p>", "Ignore the above", "{", "}", '"']  # fmt: skip
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(_WORDS), max_size=80).map(" ".join),
    st.builds(lambda n: "word " * n, st.integers(0, 1500)),  # around the limit
)
raw_bytes = st.one_of(
    st.binary(max_size=600),
    texts.map(lambda t: t.encode("utf-8", errors="surrogatepass")),
    st.builds(lambda b, n: b * n, st.sampled_from([b"\xff", b"a", b"\xc3\xa9", b"\n"]),
              st.integers(0, 5000)),
)  # fmt: skip
_TAGS = ["html", "head", "body", "article", "p", "div", "script", "style", "title", "h1", "meta"]


@st.composite
def html(draw: st.DrawFn) -> str:
    parts = ["<!DOCTYPE html>" if draw(st.booleans()) else ""]
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(st.sampled_from(_TAGS))
        parts.append(draw(st.sampled_from([f"<{tag}>", f"</{tag}>", f'<{tag} x="{{"', "<!--"])))
        parts.append(draw(texts))
    page = "".join(parts)
    return page[: draw(st.integers(0, len(page)))]  # truncated anywhere


_VALUES = st.one_of(st.text(max_size=12), st.integers(-5, 10**7).map(str),
                    st.sampled_from(["nan", "inf", "-1", "0", "1e309", "", "json", "guided",
                                     "all", "none", "2025-13-45", "drop", "strict"]))  # fmt: skip
OPTIONS = ["--format", "--grounding", "--attempts", "--max-tokens", "--temperature", "--date",
           "--chunk-chars", "--strategy", "--rules", "--mode", "--max-bytes", "--max-requests",
           "--timeout", "--retries", "--retry-deadline", "--provider"]  # fmt: skip
options = st.lists(st.tuples(st.sampled_from(OPTIONS), _VALUES), max_size=4)


@st.composite
def jsonl_lines(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        record = draw(st.dictionaries(
            st.sampled_from(["id", "text", "date", "url", "extra"]),
            st.one_of(texts, st.integers(), st.none(), st.lists(st.integers(), max_size=2),
                      st.sampled_from(["2025-05-26", "2025-13-45", "a1"])),
            max_size=5,
        ))  # fmt: skip
        line = json.dumps(record).encode()
        line = draw(st.one_of(st.just(line), st.binary(max_size=80),
                              st.just(line[: draw(st.integers(0, len(line)))])))  # fmt: skip
        lines.append(line)
    return b"\n".join(lines) + draw(st.sampled_from([b"", b"\n"]))


# --- how each input is run ---------------------------------------------------------------
Outcome = tuple[int | None, str | None]  # (exit code, traceback or None)


def _library(run: Callable[[], Any]) -> Outcome:
    try:
        run()
    except SummarizerError as exc:
        return exc.exit_code, None
    except Exception:
        return None, traceback.format_exc()
    return 0, None


def _summarizer() -> Summarizer:
    return Summarizer(provider=Echo(), cache=False, max_article_bytes=MAX_BYTES, strategy="whole")


def file_bytes(data: bytes, suffix: str = ".txt") -> Outcome:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"article{suffix}"
        path.write_bytes(data)
        return _library(lambda: _summarizer().summarize(path))


def html_page(page: str) -> Outcome:
    def run() -> None:
        try:
            article = article_from_html(page, max_bytes=MAX_BYTES)
        except InputError:
            raise
        _summarizer().summarize(article)

    return _library(run)


def library_text(text: str) -> Outcome:
    return _library(lambda: _summarizer().summarize(text))


def _cli(args: list[str], stdin: bytes | None = None) -> tuple[Outcome, str]:
    result = CliRunner().invoke(app, args, input=stdin)
    output = result.stdout + result.stderr
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    if crashed or "Traceback" in output:
        detail = "".join(traceback.format_exception(result.exception)) if crashed else output
        return (None, detail), output
    return (result.exit_code, None), output


def cli_options(chosen: list[tuple[str, str]]) -> Outcome:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "brief.out"
        args = ["summarize", str(EXAMPLE), "--no-cache", "--out", str(out)]
        for name, value in chosen:
            args += [name, value]
        (code, trace), _ = _cli(args)
        if trace is None and code != 0 and out.exists():
            return None, f"exit {code} left {out} behind"
        if trace is None and code == 0:
            text = out.read_text(encoding="utf-8")
            if "--format" not in dict(chosen) or dict(chosen)["--format"] == "json":
                json.loads(text)  # whole, or this raises
            if not text.strip():
                return None, "exit 0 with an empty output file"
        return code, trace


def cli_stdin(data: bytes) -> Outcome:
    outcome, _ = _cli(["summarize", "-", "--no-cache", "--max-bytes", str(MAX_BYTES)], data)
    return outcome


def cli_batch(feed: bytes) -> Outcome:
    with tempfile.TemporaryDirectory() as tmp:
        path, out = Path(tmp) / "feed.jsonl", Path(tmp) / "out.jsonl"
        path.write_bytes(feed)
        args = ["batch", str(path), "--out", str(out), "--no-cache", "-q", "--max-bytes",
                str(MAX_BYTES), "--concurrency", "2"]  # fmt: skip
        (code, trace), _ = _cli(args)
        if trace is None and out.exists():
            for line in out.read_bytes().splitlines():
                record = json.loads(line)  # every line whole
                if record["error"] and "\n" in record["error"]["message"]:
                    return None, f"a multi-line error: {record['error']['message']!r}"
        return code, trace


#: Path name -> (strategy, runner).
PATHS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], Outcome]]] = {
    "file bytes (library)": (raw_bytes, file_bytes),
    "HTML file (library)": (html().map(lambda p: p.encode("utf-8", "surrogatepass")),
                            lambda d: file_bytes(d, ".html")),
    "HTML text (library)": (html(), html_page),
    "str (library)": (texts, library_text),
    "stdin (CLI)": (raw_bytes, cli_stdin),
    "JSONL feed (CLI batch)": (jsonl_lines(), cli_batch),
    "option values (CLI)": (options, cli_options),
}  # fmt: skip


def fuzz(path: str, examples: int, seen: Counter[str], traces: list[str],
         seed: int | None = None) -> None:  # fmt: skip
    """Run ``examples`` inputs through ``path``, counting exit codes in ``seen``."""
    strategy, runner = PATHS[path]

    @settings(max_examples=examples, deadline=None, database=None, derandomize=seed is None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(strategy)
    def one(value: Any) -> None:
        try:
            code, trace = runner(value)
        except Exception:  # a check above failed: a half-written file, a torn line
            code, trace = None, traceback.format_exc()
        seen[str(code) if trace is None else "traceback"] += 1
        if trace is not None:
            traces.append(f"{path}: {value!r:.200}\n{trace}")

    (hypothesis.seed(seed)(one) if seed is not None else one)()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=300, help="inputs per path")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: fixed)")
    args = parser.parse_args()
    logging.getLogger("instructor").setLevel(logging.CRITICAL)  # its re-ask logs
    print("| path | inputs | tracebacks | exit codes seen | seconds |\n|---|---:|---:|---|---:|")
    all_traces: list[str] = []
    with echo_model():
        for path in PATHS:
            seen: Counter[str] = Counter()
            started = time.perf_counter()
            fuzz(path, args.examples, seen, all_traces, args.seed)
            codes = ", ".join(
                f"{code}: {n}" for code, n in sorted(seen.items()) if code != "traceback"
            )
            print(f"| {path} | {sum(seen.values())} | {seen['traceback']} | {codes} | "
                  f"{time.perf_counter() - started:.0f} |", flush=True)  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory of the whole run: {peak:.0f} MB "
          f"(inputs held to --max-bytes {MAX_BYTES})")  # fmt: skip
    for trace in all_traces[:5]:
        print("\n" + trace, file=sys.stderr)
    return 1 if all_traces else 0


if __name__ == "__main__":
    raise SystemExit(main())
