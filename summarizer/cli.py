"""The command line: a thin layer over the library. Library errors become one line and an exit code.

Exit codes: 0 ok; 1 summarization failed (model error, no valid brief); 2 usage or input error.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from . import __version__
from .batch import RecordLog, collect_inputs, summarize_many
from .cache import ResponseCache
from .errors import ConfigError, InputError, SummarizerError
from .evaluation import load_set, regressions, run_set
from .fetch import fetch_article
from .files import write_json_atomic, write_text_atomic
from .grounding import Policy
from .ingest import read_article
from .pipeline import Summarizer
from .progress import BatchProgress
from .prompts import prompt_version
from .providers import ModeName
from .render import Format, render
from .replay import RecordingProvider, ReplayProvider, load_recording
from .result import json_schemas
from .retry import RetryPolicy
from .settings import ProviderName, Settings

__all__ = ["app", "main"]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Structured, evidence-grounded briefs of news articles.",
)
logger = logging.getLogger("summarizer")


def _fail(error: SummarizerError) -> NoReturn:
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(error.exit_code)


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (test runners swap it)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING
    handler = _Stderr()
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False
    # instructor logs every failed attempt at ERROR; our own messages say what matters.
    logging.getLogger("instructor").setLevel(logging.DEBUG if verbose > 1 else logging.CRITICAL)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date YYYY-MM-DD", param_hint="--date"
        ) from None


# Options shared by `summarize` and `batch`, declared once.
ProviderOpt = Annotated[
    ProviderName, typer.Option(help="local (embedded llama.cpp), openai, or auto.")
]
ModelOpt = Annotated[str | None, typer.Option(help="Model name for the openai provider.")]
BaseUrlOpt = Annotated[
    str | None, typer.Option(help="OpenAI-compatible endpoint (default $OPENAI_BASE_URL).")
]
ModelPathOpt = Annotated[Path | None, typer.Option(help="GGUF file for the local provider.")]
ModeOpt = Annotated[
    ModeName | None,
    typer.Option(help="Structured-output mode. Default: json_schema, falling back to json."),
]
GroundingOpt = Annotated[
    Policy, typer.Option(help="Unsupported items: strict (fail), drop, or flag.")
]
AttemptsOpt = Annotated[
    int, typer.Option(min=1, help="Model calls allowed: first try plus re-asks.")
]
MaxTokensOpt = Annotated[int, typer.Option(min=64, help="Token limit of one answer.")]
TemperatureOpt = Annotated[float, typer.Option(min=0.0, max=2.0)]
DateOpt = Annotated[str | None, typer.Option(help="Article date YYYY-MM-DD, for relative dates.")]
CacheOpt = Annotated[
    bool, typer.Option("--cache/--no-cache", help="Answer repeated requests from disk.")
]
RefreshOpt = Annotated[
    bool, typer.Option("--refresh", help="Ask the model again; overwrite the cache.")
]
CacheDirOpt = Annotated[
    Path | None,
    typer.Option(help="Cache folder (default $SUMMARIZER_CACHE_DIR or the platform's)."),
]
RetriesOpt = Annotated[
    int | None, typer.Option(min=1, help="Calls in all for transient failures (default 5).")
]
DeadlineOpt = Annotated[
    float | None, typer.Option(min=0.0, help="No retry starts after this many seconds (120).")
]
TimeoutOpt = Annotated[
    float | None, typer.Option(min=0.1, help="Seconds one request may take (default 300).")
]
ChunkOpt = Annotated[
    int | None,
    typer.Option(min=1000, help="Read longer articles in chunks of this many characters."),
]
VerboseOpt = Annotated[int, typer.Option("--verbose", "-v", count=True)]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Errors only on stderr.")]


def _settings(*, cache: bool, refresh: bool, retries: int | None, retry_deadline: float | None,
              **options: Any) -> Settings:  # fmt: skip
    """Settings from the environment with the command line on top."""
    settings = Settings.from_env(refresh=refresh, **options)
    return settings.with_(
        cache=cache and settings.cache, retry=_retry(settings, retries, retry_deadline)
    )


@contextlib.contextmanager
def _guarded(verbose: int) -> Iterator[None]:
    """Library errors become one line and their exit code; a bug, one line and exit 1."""
    try:
        yield
    except (typer.Exit, KeyboardInterrupt):
        raise
    except SummarizerError as error:
        _fail(error)
    except Exception as exc:
        if verbose > 1:
            raise
        typer.echo(f"error: internal error ({type(exc).__name__}: {exc}); rerun with -vv", err=True)
        raise typer.Exit(1) from exc


@app.command()
def summarize(
    path: Annotated[
        str, typer.Argument(help="Article file (.txt, .md, .html), an http(s) URL, or - for stdin.")
    ],
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="json, markdown, html (a page), pretty.")
    ] = "json",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here (atomically), not stdout.")
    ] = None,
    provider: ProviderOpt = Settings.provider,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    mode: ModeOpt = None,
    grounding: GroundingOpt = Settings.grounding,
    attempts: AttemptsOpt = Settings.attempts,
    max_tokens: MaxTokensOpt = Settings.max_tokens,
    temperature: TemperatureOpt = Settings.temperature,
    date: DateOpt = None,
    record: Annotated[
        Path | None,
        typer.Option(help="Save the raw model responses to this JSON file (implies --refresh)."),
    ] = None,
    cache: CacheOpt = True,
    refresh: RefreshOpt = False,
    cache_dir: CacheDirOpt = None,
    retries: RetriesOpt = None,
    retry_deadline: DeadlineOpt = None,
    timeout: TimeoutOpt = None,
    chunk_chars: ChunkOpt = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let a URL point at loopback or private hosts.")
    ] = False,
    verbose: VerboseOpt = 0,
    quiet: QuietOpt = False,
) -> None:
    """Summarize one article into a brief; print the JSON envelope (or another format)."""
    _setup_logging(verbose, quiet)
    article_date = _parse_date(date)  # a usage error (exit 2) raised outside the guard below
    with _guarded(verbose):
        if path.startswith(("http://", "https://")):
            article = fetch_article(path, allow_private=allow_private, date=article_date)
        else:
            article = read_article(path, date=article_date)
        settings = _settings(
            provider=provider, model=model, base_url=base_url, model_path=model_path, mode=mode,
            grounding=grounding, attempts=attempts, max_tokens=max_tokens,
            temperature=temperature, cache_dir=cache_dir, timeout=timeout, cache=cache,
            chunk_chars=chunk_chars,
            refresh=refresh or record is not None,  # a recording needs real answers
            retries=retries, retry_deadline=retry_deadline,
        )  # fmt: skip
        summarizer = Summarizer(settings)
        recorder = RecordingProvider(summarizer.provider) if record else None
        if recorder:
            summarizer = Summarizer(settings, provider=recorder)
        try:
            result = summarizer.summarize(article)
        finally:
            if recorder and record and recorder.responses:
                recorder.save(record, article=path, prompt_version=prompt_version())
        text = render(result, fmt, article=article.text)
        if out is None:
            sys.stdout.write(text)
        else:
            try:
                write_text_atomic(out, text)
            except OSError as exc:
                raise InputError(f"{out}: cannot write ({exc.strerror})") from exc


@app.command()
def batch(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders, globs, and .jsonl files of {id, text}.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="JSONL file: one record per article.")],
    concurrency: Annotated[int, typer.Option(min=1, help="Articles summarized at once.")] = 4,
    rpm: Annotated[
        float | None, typer.Option(min=0.1, help="At most this many model requests a minute.")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip ids already in --out; append the rest.")
    ] = False,
    provider: ProviderOpt = Settings.provider,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    mode: ModeOpt = None,
    grounding: GroundingOpt = Settings.grounding,
    attempts: AttemptsOpt = Settings.attempts,
    max_tokens: MaxTokensOpt = Settings.max_tokens,
    temperature: TemperatureOpt = Settings.temperature,
    date: DateOpt = None,
    cache: CacheOpt = True,
    refresh: RefreshOpt = False,
    cache_dir: CacheDirOpt = None,
    retries: RetriesOpt = None,
    retry_deadline: DeadlineOpt = None,
    timeout: TimeoutOpt = None,
    chunk_chars: ChunkOpt = None,
    verbose: VerboseOpt = 0,
    quiet: QuietOpt = False,
) -> None:
    """Summarize many articles concurrently into a JSONL file; exit 1 if any failed."""
    _setup_logging(verbose, quiet=True)  # the progress display owns stderr
    article_date = _parse_date(date)
    with _guarded(verbose):
        if out.exists() and not resume:
            raise InputError(f"{out}: exists; pass --resume to continue it, or remove it")
        log = RecordLog(out)
        items = [item for item in collect_inputs(inputs, date=article_date)]
        todo = [item for item in items if item.id not in log.done]
        settings = _settings(
            provider=provider, model=model, base_url=base_url, model_path=model_path, mode=mode,
            grounding=grounding, attempts=attempts, max_tokens=max_tokens,
            temperature=temperature, cache_dir=cache_dir, timeout=timeout, cache=cache,
            chunk_chars=chunk_chars,
            refresh=refresh, retries=retries, retry_deadline=retry_deadline, rpm=rpm,
        )  # fmt: skip
        summarizer = Summarizer(settings)

        async def run(progress: BatchProgress) -> None:
            async for outcome in summarize_many(todo, summarizer, concurrency=concurrency):
                log.append(outcome.record())
                progress.advance(outcome)

        with BatchProgress(len(todo), "quiet" if quiet else None) as progress:
            progress.totals.skipped = len(items) - len(todo)
            asyncio.run(run(progress))
        if progress.totals.failed:
            raise typer.Exit(1)


def _retry(settings: Settings, retries: int | None, deadline: float | None) -> RetryPolicy | None:
    if not isinstance(settings.retry, RetryPolicy) or (retries is None and deadline is None):
        return None
    policy = settings.retry
    if retries is not None:
        policy = replace(policy, max_attempts=retries)
    if deadline is not None:
        policy = replace(policy, deadline=deadline)
    return policy


@app.command("eval")
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
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the scores as JSON.")
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option(help="Scores JSON to compare with; exit 1 on a regression.")
    ] = None,
    tolerance: Annotated[float, typer.Option(min=0.0, help="Allowed drop per metric.")] = 0.02,
    provider: ProviderOpt = Settings.provider,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    verbose: VerboseOpt = 0,
) -> None:
    """Score briefs against the labelled set (from recordings, or live); compare a baseline."""
    _setup_logging(verbose, quiet=True)
    with _guarded(verbose):
        labels = load_set(labelled)
        if not labels:
            raise InputError(f"{labelled}: no *.expected.json labels")
        settings = _settings(provider=provider, model=model, base_url=base_url,
                             model_path=model_path, cache=True, refresh=False, retries=None,
                             retry_deadline=None)  # fmt: skip
        live = Summarizer(settings) if recorded is None else None

        def summarizer_for(label: dict[str, Any]) -> Summarizer | str:
            if live is not None:
                return live
            path = recordings / f"{Path(label['article']).stem}.{recorded}.json"
            if not path.exists():
                return f"no recording {path}"
            replies = len(load_recording(path)["responses"])
            return Summarizer(
                provider=ReplayProvider.from_file(path), cache=False, attempts=replies
            )

        metrics, rows = run_set(labels, summarizer_for, Path.cwd())
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


cache_app = typer.Typer(help="Inspect or empty the response cache.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")
CacheDir = Annotated[Path | None, typer.Option(help="Cache folder (default: as summarize).")]


@cache_app.command("path")
def cache_path(cache_dir: CacheDir = None) -> None:
    """Print where the cache lives."""
    typer.echo(ResponseCache(cache_dir).path)


@cache_app.command("stats")
def cache_stats(cache_dir: CacheDir = None) -> None:
    """Print the number of cached responses and the size on disk."""
    try:
        stats = ResponseCache(cache_dir).stats()
    except sqlite3.Error as exc:
        _fail(ConfigError(f"cache unreadable ({exc}); `summarizer cache clear` removes it"))
    typer.echo(f"path: {stats.path}\nentries: {stats.entries}\nbytes: {stats.bytes}")


@cache_app.command("clear")
def cache_clear(cache_dir: CacheDir = None) -> None:
    """Delete every cached response."""
    removed = ResponseCache(cache_dir).clear()
    typer.echo(f"removed {removed} cached response(s)")


@app.command()
def schema(
    out_dir: Annotated[
        Path | None, typer.Option(help="Write one .schema.json file per schema here.")
    ] = None,
) -> None:
    """Print the JSON Schemas of the brief and the result envelope, or write them to a folder."""
    schemas = json_schemas()
    if out_dir is None:
        typer.echo(json.dumps(schemas, indent=2))
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, body in schemas.items():
        write_json_atomic(out_dir / name, body)
        typer.echo(f"wrote {out_dir / name}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Structured, evidence-grounded briefs of news articles."""


def main() -> None:
    app(prog_name="summarizer")
