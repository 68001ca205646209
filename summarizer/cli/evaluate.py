"""The `eval` command: score briefs against the labelled set, from recordings or live."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import ConfigError, InputError
from ..evaluation import load_set, regressions, replayed, run_set
from ..files import write_json_atomic
from ..pipeline import Summarizer
from ..replay import RecordingProvider
from ..settings import Settings
from .options import (
    BaseUrlOpt,
    ModelOpt,
    ModelPathOpt,
    ProviderOpt,
    RulesOpt,
    StrategyOpt,
    VerboseOpt,
    guarded,
    settings_from,
    setup_logging,
)


def evaluate(
    labelled: Annotated[
        Path, typer.Option("--set", help="Folder of *.expected.json labels.")
    ] = Path("fixtures/eval"),
    recorded: Annotated[
        str | None,
        typer.Option(help="Replay fixtures/recordings/<article>.<TAG>.json instead of a model."),
    ] = None,
    recordings: Annotated[Path, typer.Option(help="Where recordings are.")] = Path(
        "fixtures/recordings"
    ),
    allow_stale: Annotated[
        bool,
        typer.Option(
            help="Replay recordings even where the requests differ from the recorded ones."
        ),
    ] = False,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the scores as JSON.")
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option(help="Scores JSON to compare with; exit 1 on a regression.")
    ] = None,
    tolerance: Annotated[float, typer.Option(min=0.0, help="Allowed drop per metric.")] = 0.02,
    record: Annotated[
        str | None,
        typer.Option(
            help="Live: save each article's responses as <recordings>/<article>.<TAG>.json."
        ),
    ] = None,
    provider: ProviderOpt = Settings.provider,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    strategy: StrategyOpt = None,
    rules: RulesOpt = None,
    verbose: VerboseOpt = 0,
) -> None:
    """Score briefs against the labelled set (from recordings, or live); compare a baseline."""
    setup_logging(verbose, quiet=True)
    with guarded(verbose):
        labels = load_set(labelled)
        if not labels:
            raise InputError(f"{labelled}: no *.expected.json labels")
        if recorded is not None and record is not None:
            raise ConfigError("--recorded replays, --record records: pass one of them")
        settings = settings_from(provider=provider, model=model, base_url=base_url,
                             model_path=model_path, strategy=strategy, rules=rules, cache=True,
                             refresh=record is not None, retries=None,
                             retry_deadline=None)  # fmt: skip
        live = Summarizer(settings) if recorded is None else None
        #: While recording: each article's summarizer, its recorder, and where it goes.
        recorders: dict[str, tuple[Summarizer, RecordingProvider, Path]] = {}

        def summarizer_for(label: dict[str, Any]) -> Summarizer | str:
            path = recordings / f"{Path(label['article']).stem}.{recorded or record}.json"
            if live is not None and record is None:
                return live
            if live is not None:  # recording: a fresh recorder per article
                recorder = RecordingProvider(live.provider)
                summarizer = Summarizer(settings, provider=recorder)
                recorders[label["article"]] = (summarizer, recorder, path)
                return summarizer
            return replayed(path, strategy, allow_stale=allow_stale)

        def recorded_one(label: dict[str, Any]) -> None:
            if label["article"] in recorders:
                summarizer, recorder, path = recorders.pop(label["article"])
                recorder.save(path, article=label["article"], **summarizer.recording_meta())

        metrics, rows = run_set(labels, summarizer_for, Path.cwd(), after=recorded_one)
        before = _read_baseline(baseline) if baseline else {}
        typer.echo("| metric | value |" + (" baseline |" if before else ""))
        typer.echo("|---|---:|" + ("---:|" if before else ""))
        for name, value in metrics.items():
            shown = "n/a" if value is None else value
            extra = f" {before.get(name, 'n/a')} |" if before else ""
            typer.echo(f"| {name} | {shown} |{extra}")
        if out:
            write_json_atomic(out, {"metrics": metrics, "articles": rows})
        failed = regressions(metrics, before, tolerance)
        for line in failed:
            typer.echo(f"regression: {line}", err=True)
        if failed:
            raise typer.Exit(1)


def _read_baseline(path: Path) -> dict[str, Any]:
    try:
        metrics: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["metrics"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(
            f"{path}: not a scores file written by `summarizer eval -o` ({exc})"
        ) from exc
    return metrics
