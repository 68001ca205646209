"""The evaluation harness: scores, the committed baseline, and a deliberate regression."""

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLE, RECORDINGS, ROOT
from typer.testing import CliRunner

from summarizer import ReplayProvider, read_article, summarize
from summarizer.cli import app
from summarizer.evaluation import _same_person, aggregate, regressions, score
from summarizer.replay import load_recording

LABEL = json.loads((ROOT / "fixtures/eval/pakistan-turkey-2025-05-26.expected.json").read_text())
CAPABLE = RECORDINGS / "pakistan-turkey.capable.hand.json"


def test_the_capable_brief_scores_high_on_every_field() -> None:
    result = summarize(read_article(EXAMPLE), provider=ReplayProvider.from_file(CAPABLE))
    metrics = aggregate([score(LABEL, result)])
    assert metrics["participants_f1"] == 1.0 and metrics["role_accuracy"] == 1.0
    assert metrics["commitments_f1"] == 1.0 and metrics["amount_accuracy"] == 1.0
    assert metrics["context_f1"] == 1.0 and metrics["context_date_accuracy"] == 1.0
    assert metrics["meeting_accuracy"] == 1.0 and metrics["faithfulness"] == 1.0


def test_faithfulness_counts_the_items_grounding_dropped() -> None:
    invented = RECORDINGS / "pakistan-turkey.invented.hand.json"
    provider = ReplayProvider.from_file(invented)
    result = summarize(read_article(EXAMPLE), provider=provider, attempts=1, grounding="drop")
    dropped = [f for f in result.grounding.findings if f.action == "dropped" and "]" in f.path]
    assert dropped and result.grounding.kept
    metrics = aggregate([score(LABEL, result)])
    kept = result.grounding.kept
    assert metrics["faithfulness"] == round(kept / (kept + len(dropped)), 4) < 1.0
    assert metrics["evidence_verified_rate"] == result.grounding.verified_share


def test_a_missing_brief_scores_zero_and_counts_invalid() -> None:
    metrics = aggregate([score(LABEL, None)])
    assert metrics["participants_recall"] == 0.0 and metrics["schema_valid_rate"] == 0.0
    assert metrics["participants_precision"] is None  # nothing predicted: undefined, not 1.0


@pytest.mark.parametrize(
    ("name", "same"),
    [("Shehbaz Sharif", True), ("Sharif", True), ("shehbaz  sharif", True),
     ("Nawaz Sharif", False), ("Recep Erdogan", False), ("Ishaq Dar", False)],
)  # fmt: skip
def test_name_variants(name: str, same: bool) -> None:
    assert _same_person(LABEL["participants"][0], name) is same


def test_regressions_respect_the_tolerance() -> None:
    base = {"participants_f1": 0.8, "faithfulness": 1.0, "tokens_per_article": 10.0}
    assert regressions({"participants_f1": 0.79, "faithfulness": 1.0}, base, 0.02) == []
    assert regressions({"participants_f1": 0.7, "faithfulness": None}, base, 0.02) == [
        "participants_f1: 0.7000 < baseline 0.8000 - 0.02"
    ]


def test_eval_from_the_embedded_model_recordings_holds_the_committed_baseline() -> None:
    baseline = ROOT / "fixtures/eval/baseline.local.json"
    # `local` is at prompt version 3 (conftest.PROMPT_3_FAMILIES): replayed as recorded.
    args = ["eval", "--recorded", "local", "--allow-stale", "--set", str(ROOT / "fixtures/eval")]
    args += ["--recordings", str(RECORDINGS), "--baseline", str(baseline)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert "| schema_valid_rate | 1.0 |" in result.stdout


@pytest.mark.parametrize("labelled", [
    "fixtures/eval", "fixtures/eval-holdout", "fixtures/eval-extra", "fixtures/eval-styles",
    "fixtures/eval-fresh", "fixtures/eval-fresh2", "fixtures/eval-fresh3",
    "fixtures/eval-fresh4", "fixtures/eval-fresh5", "fixtures/eval-fresh6", "fixtures/eval-fresh7",
    "fixtures/eval-fresh8", "fixtures/eval-fresh9", "fixtures/eval-fresh10",
    "fixtures/eval-fresh11", "fixtures/eval-fresh12", "fixtures/eval-fresh13",
    "fixtures/eval-fresh14",
])  # fmt: skip
def test_eval_of_the_embedded_models_default_holds_its_baseline_on_every_set(
    labelled: str,
) -> None:
    baseline = ROOT / labelled / "baseline.local-guided.json"
    args = ["eval", "--recorded", "local-guided", "--set", str(ROOT / labelled)]
    args += ["--recordings", str(RECORDINGS), "--baseline", str(baseline)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert "| schema_valid_rate | 1.0 |" in result.stdout
    assert "| candidate_participants_recall |" in result.stdout


def good_and_worse(tmp_path: Path, degrade: Callable[[dict], None]) -> list[str]:
    """A one-article set with two recordings of it: ``good`` (the capable hand-written one)
    and ``worse`` (its draft passed through ``degrade``). Returns the eval arguments for it."""
    labels, recordings = tmp_path / "set", tmp_path / "rec"
    labels.mkdir(), recordings.mkdir()
    shutil.copy(ROOT / "fixtures/eval/pakistan-turkey-2025-05-26.expected.json", labels)
    good = load_recording(CAPABLE)
    (recordings / "pakistan-turkey-2025-05-26.good.json").write_text(json.dumps(good))
    worse = json.loads(json.dumps(good))
    message = worse["responses"][0]["choices"][0]["message"]
    draft = json.loads(message["content"])
    degrade(draft)
    message["content"] = json.dumps(draft)
    (recordings / "pakistan-turkey-2025-05-26.worse.json").write_text(json.dumps(worse))
    return ["eval", "--set", str(labels), "--recordings", str(recordings)]


def _fewer_people_no_commitments(draft: dict) -> None:
    draft["commitments"], draft["participants"] = [], draft["participants"][:2]  # a worse model


def test_eval_fails_on_a_deliberate_regression(tmp_path: Path) -> None:
    common = good_and_worse(tmp_path, _fewer_people_no_commitments)
    first = CliRunner().invoke(app, [*common, "--recorded", "good", "-o", str(tmp_path / "b.json")])
    assert first.exit_code == 0, first.stderr
    again = CliRunner().invoke(
        app, [*common, "--recorded", "good", "--baseline", str(tmp_path / "b.json")]
    )
    assert again.exit_code == 0
    worse_run = CliRunner().invoke(
        app, [*common, "--recorded", "worse", "--baseline", str(tmp_path / "b.json")]
    )
    assert worse_run.exit_code == 1
    assert "regression: participants_f1" in worse_run.stderr
    assert "regression: commitments_f1" in worse_run.stderr


def test_eval_record_saves_what_a_replay_needs_and_the_replay_scores_alike(tmp_path) -> None:
    from openai_server import ScriptedServer

    labels, recordings = tmp_path / "labels", tmp_path / "recordings"
    labels.mkdir()
    recordings.mkdir()
    shutil.copy(ROOT / "fixtures/eval/pakistan-turkey-2025-05-26.expected.json", labels)
    answer = load_recording(CAPABLE)["responses"][0]
    common = ["eval", "--set", str(labels), "--recordings", str(recordings)]
    with ScriptedServer([(200, answer)]) as server:
        live = CliRunner().invoke(app, [*common, "--provider", "openai", "--base-url",
                                        server.base_url, "--strategy", "whole", "--record",
                                        "t", "-o", str(tmp_path / "live.json")])  # fmt: skip
    assert live.exit_code == 0, live.stderr
    saved = load_recording(recordings / "pakistan-turkey-2025-05-26.t.json")
    assert (saved["strategy"], saved["attempts"], saved["chunk_chars"]) == ("whole", 2, 60_000)
    assert saved["prompt_version"].startswith("4+") and len(saved["responses"]) == 1
    replay = CliRunner().invoke(app, [*common, "--recorded", "t", "-o", str(tmp_path / "r.json")])
    assert replay.exit_code == 0, replay.stderr
    scores = [json.loads((tmp_path / f).read_text())["metrics"] for f in ("live.json", "r.json")]
    scores[0].pop("seconds_per_article"), scores[1].pop("seconds_per_article")
    assert scores[0] == scores[1]


def _fewer_context(draft: dict) -> None:
    draft["context"] = draft["context"][:1]  # three of the four dated events forgotten


def _no_commitments(draft: dict) -> None:
    draft["commitments"] = []


def _roles_swapped(draft: dict) -> None:
    roles = [p["role"] for p in draft["participants"]]
    for person, role in zip(draft["participants"], roles[1:] + roles[:1], strict=True):
        person["role"] = role  # each title given to the next person


@pytest.mark.parametrize(
    ("degrade", "metric"),
    [(_no_commitments, "commitments_f1"), (_fewer_context, "context_f1"),
     (_roles_swapped, "role_accuracy")],
    ids=["commitments", "context", "roles"],
)  # fmt: skip
def test_the_gate_catches_a_drop_in_each_section(degrade, metric: str, tmp_path: Path) -> None:
    """The committed baselines are near 0 or null for some sections of the embedded model;
    here the capable recording (every metric at 1.0) is the baseline, and a copy worse in one
    section only must fail the gate on that section's metric, and on no unrelated one."""
    common = good_and_worse(tmp_path, degrade)
    base = tmp_path / "base.json"
    assert CliRunner().invoke(app, [*common, "--recorded", "good", "-o", str(base)]).exit_code == 0
    assert json.loads(base.read_text())["metrics"][metric] == 1.0
    run = CliRunner().invoke(app, [*common, "--recorded", "worse", "--baseline", str(base)])
    assert run.exit_code == 1
    caught = {line.split()[1].rstrip(":") for line in run.stderr.splitlines()
              if line.startswith("regression: ")}  # fmt: skip
    assert metric in caught
    assert not caught & {"participants_f1", "meeting_accuracy", "schema_valid_rate"}
