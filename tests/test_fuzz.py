"""Fuzzing, bounded: a few dozen hostile inputs per way in (bytes, HTML, str, stdin, JSONL
lines, option values), through the library and the CLI. Every outcome is a brief (0) or a
one-line error with exit 1 or 2: never a traceback, a half-written --out or a torn JSONL line.
``benchmarks/fuzz.py`` is the same harness, run longer (README, "Security")."""

from __future__ import annotations

from collections import Counter
from types import ModuleType

import pytest
from helpers import load_benchmark

EXAMPLES = 12


def _harness() -> ModuleType:
    return load_benchmark("fuzz")


@pytest.mark.parametrize("path", list(_harness().PATHS))
def test_every_way_in_ends_in_a_brief_or_a_one_line_error(path: str) -> None:
    harness = _harness()
    seen: Counter[str] = Counter()
    traces: list[str] = []
    with harness.echo_model():
        harness.fuzz(path, EXAMPLES, seen, traces)
    assert not traces, traces[0]
    assert set(seen) <= {"0", "1", "2"} and sum(seen.values()) >= EXAMPLES // 2


def test_the_harness_reports_a_traceback() -> None:
    harness = _harness()
    outcome = harness._library(lambda: {}["missing"])
    assert outcome[0] is None and "KeyError" in outcome[1]
