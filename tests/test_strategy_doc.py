"""docs/strategies.md holds the numbers the harness gives for the recordings, and the default
strategy of the embedded model is the best of them by the `overall` score."""

import re
from pathlib import Path

import pytest
from conftest import RECORDINGS, ROOT

from summarizer.evaluation import load_set, replayed, run_set
from summarizer.strategies import STRATEGIES, default_strategy

DOC = ROOT / "docs" / "strategies.md"
TAGS = {"whole": "local", "sections": "local-sections", "numbered": "local-numbered"}


def documented() -> dict[str, dict[str, str]]:
    """The comparison table: {strategy: {metric: cell}}."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| metric | whole |"))
    header = [c.strip() for c in lines[start].strip("|").split("|")]
    table: dict[str, dict[str, str]] = {name: {} for name in header[1:]}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        for name, cell in zip(header[1:], cells[1:], strict=True):
            table[name][cells[0]] = cell
    return table


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_the_documented_scores_are_what_the_recordings_give(strategy: str) -> None:
    labels = load_set(ROOT / "fixtures" / "eval")

    def summarizer_for(label: dict):
        return replayed(RECORDINGS / f"{Path(label['article']).stem}.{TAGS[strategy]}.json")

    metrics, rows = run_set(labels, summarizer_for, ROOT)
    assert all(row["error"] is None or "no recording" not in row["error"] for row in rows)
    column = documented()[strategy]
    assert set(column) == set(metrics) - {"seconds_per_article"}
    for name, cell in column.items():
        value = metrics[name]
        assert cell == ("n/a" if value is None else f"{value:g}"), name


def test_the_embedded_models_default_is_the_best_documented_strategy() -> None:
    table = documented()
    best = max(STRATEGIES, key=lambda s: float(table[s]["overall"]))

    class Bundled:
        bundled = True

    assert default_strategy(Bundled()) == best
    assert re.search(rf"default[^.]*`{best}`", DOC.read_text(encoding="utf-8"))
