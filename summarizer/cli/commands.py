"""The `summarize` and `batch` commands (threads in this process, a Ray cluster, or OpenAI's
Batch API: `batch_api.py`)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from ..batch import BatchItem, Budget, Outcome, RecordLog, collect_inputs, summarize_many
from ..batch_api import BatchLimits
from ..errors import BudgetExceeded, InputError
from ..fetch import fetch_article
from ..files import write_text_atomic
from ..ingest import read_article
from ..pipeline import Summarizer
from ..progress import BatchProgress
from ..render import Format, render
from ..replay import RecordingProvider
from ..settings import Settings
from .batch_api import (
    BatchBytesOpt,
    BatchRequestsOpt,
    PollOpt,
    ReaskOpt,
    ViaOpt,
    check_batch_api,
    run_batch_api,
)
from .options import (
    AttemptsOpt,
    BaseUrlOpt,
    CacheDirOpt,
    CacheOpt,
    CacheTtlOpt,
    CacheUrlOpt,
    ChunkOpt,
    DateOpt,
    DeadlineOpt,
    GroundingOpt,
    MaxBytesOpt,
    MaxRequestsOpt,
    MaxTokensOpt,
    ModelOpt,
    ModelPathOpt,
    ModeOpt,
    ProviderOpt,
    QuietOpt,
    RefreshOpt,
    RetriesOpt,
    RulesOpt,
    StrategyOpt,
    TemperatureOpt,
    TimeoutOpt,
    VerboseOpt,
    VerifyOpt,
    guarded,
    parse_date,
    settings_from,
    setup_logging,
)


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
    cache_url: CacheUrlOpt = None,
    cache_ttl: CacheTtlOpt = None,
    retries: RetriesOpt = None,
    retry_deadline: DeadlineOpt = None,
    timeout: TimeoutOpt = None,
    chunk_chars: ChunkOpt = None,
    strategy: StrategyOpt = None,
    rules: RulesOpt = None,
    verify: VerifyOpt = False,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let a URL point at loopback or private hosts.")
    ] = False,
    max_bytes: MaxBytesOpt = Settings.max_article_bytes,
    max_requests: MaxRequestsOpt = Settings.max_requests,
    verbose: VerboseOpt = 0,
    quiet: QuietOpt = False,
) -> None:
    """Summarize one article into a brief; print the JSON envelope (or another format)."""
    setup_logging(verbose, quiet)
    article_date = parse_date(date)  # a usage error (exit 2) raised outside the guard below
    with guarded(verbose):
        if path.startswith(("http://", "https://")):
            article = fetch_article(
                path, allow_private=allow_private, date=article_date, max_bytes=max_bytes
            )
        else:
            article = read_article(path, date=article_date, max_bytes=max_bytes)
        settings = settings_from(
            provider=provider, model=model, base_url=base_url, model_path=model_path, mode=mode,
            grounding=grounding, attempts=attempts, max_tokens=max_tokens,
            temperature=temperature, cache_dir=cache_dir, timeout=timeout, cache=cache,
            cache_url=cache_url, cache_ttl=cache_ttl,
            chunk_chars=chunk_chars, strategy=strategy, rules=rules, verify=verify,
            refresh=refresh or record is not None,  # a recording needs real answers
            retries=retries, retry_deadline=retry_deadline, max_article_bytes=max_bytes,
            max_requests=max_requests,
        )  # fmt: skip
        summarizer = Summarizer(settings)
        recorder = RecordingProvider(summarizer.provider) if record else None
        if recorder:
            summarizer = Summarizer(settings, provider=recorder)
        try:
            result = summarizer.summarize(article)
        finally:
            if recorder and record and recorder.responses:
                recorder.save(record, article=path, **summarizer.recording_meta())
        text = render(result, fmt, article=article.text)
        if out is None:
            sys.stdout.write(text)
        else:
            try:
                write_text_atomic(out, text)
            except OSError as exc:
                raise InputError(f"{out}: cannot write ({exc.strerror})") from exc


Engine = Literal["threads", "ray"]


def batch(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders, globs, and .jsonl files of {id, text}.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="JSONL file: one record per article.")],
    concurrency: Annotated[
        int, typer.Option(min=1, help="Articles summarized at once (per worker with ray).")
    ] = 4,
    rpm: Annotated[
        float | None, typer.Option(min=0.1, help="At most this many model requests a minute.")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip ids already in --out; append the rest.")
    ] = False,
    budget_requests: Annotated[
        int | None,
        typer.Option(min=1, help="Start no article once the batch made this many requests."),
    ] = None,
    budget_tokens: Annotated[
        int | None,
        typer.Option(min=1, help="Start no article once the batch used this many tokens."),
    ] = None,
    max_bytes: MaxBytesOpt = Settings.max_article_bytes,
    max_requests: MaxRequestsOpt = Settings.max_requests,
    engine: Annotated[
        Engine,
        typer.Option(help="threads (this process) or ray (a Ray cluster: the cluster extra)."),
    ] = "threads",
    address: Annotated[
        str | None,
        typer.Option(help="ray: the cluster (default $RAY_ADDRESS, else a local instance)."),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="ray: workers (actors), each one Summarizer.")
    ] = 2,
    via: ViaOpt = "direct",
    reask: ReaskOpt = "batch",
    poll_interval: PollOpt = 30.0,
    max_batch_requests: BatchRequestsOpt = BatchLimits.requests,
    max_batch_bytes: BatchBytesOpt = BatchLimits.bytes,
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
    cache_url: CacheUrlOpt = None,
    cache_ttl: CacheTtlOpt = None,
    retries: RetriesOpt = None,
    retry_deadline: DeadlineOpt = None,
    timeout: TimeoutOpt = None,
    chunk_chars: ChunkOpt = None,
    strategy: StrategyOpt = None,
    rules: RulesOpt = None,
    verify: VerifyOpt = False,
    verbose: VerboseOpt = 0,
    quiet: QuietOpt = False,
) -> None:
    """Summarize many articles concurrently into a JSONL file; exit 1 if any failed."""
    setup_logging(verbose, quiet=True)  # the progress display owns stderr
    article_date = parse_date(date)
    with guarded(verbose):
        if out.exists() and not resume:
            raise InputError(f"{out}: exists; pass --resume to continue it, or remove it")
        log = RecordLog(out)
        items = list(collect_inputs(inputs, date=article_date, max_bytes=max_bytes))
        todo = [item for item in items if item.id not in log.done]
        settings = settings_from(
            provider=provider, model=model, base_url=base_url, model_path=model_path, mode=mode,
            grounding=grounding, attempts=attempts, max_tokens=max_tokens,
            temperature=temperature, cache_dir=cache_dir, timeout=timeout, cache=cache,
            cache_url=cache_url, cache_ttl=cache_ttl,
            chunk_chars=chunk_chars, strategy=strategy, rules=rules, verify=verify,
            refresh=refresh, retries=retries, retry_deadline=retry_deadline, rpm=rpm,
            max_article_bytes=max_bytes, max_requests=max_requests,
        )  # fmt: skip
        skipped = len(items) - len(todo)
        if via == "batch-api":
            check_batch_api(settings, engine=engine, rpm=rpm,
                            budgets=(budget_requests, budget_tokens))  # fmt: skip
            limits = BatchLimits(max_batch_requests, max_batch_bytes)
            progress = run_batch_api(todo, settings, log, resume=resume, reask=reask,
                                     poll_interval=poll_interval, limits=limits, quiet=quiet,
                                     skipped=skipped)  # fmt: skip
        elif engine == "ray":
            if budget_requests is not None or budget_tokens is not None:
                raise InputError("--budget-requests and --budget-tokens are for --engine threads")
            progress = _on_ray(todo, settings, log, address=address, workers=workers,
                               threads=concurrency, quiet=quiet, verbose=verbose,
                               skipped=skipped)  # fmt: skip
        else:
            summarizer = Summarizer(settings)
            budget = Budget(budget_requests, budget_tokens)
            stopped: list[BudgetExceeded] = []

            async def run(progress: BatchProgress) -> None:
                outcomes = summarize_many(todo, summarizer, concurrency=concurrency,
                                          serialize=True, budget=budget)  # fmt: skip
                async for outcome in outcomes:
                    if outcome.started:
                        log.append(outcome)
                    elif isinstance(outcome.error, BudgetExceeded):
                        stopped[:1] = [outcome.error]  # nothing written: --resume does it later
                    progress.advance(outcome)

            with BatchProgress(len(todo), "quiet" if quiet else None) as progress:
                progress.totals.skipped = skipped
                asyncio.run(run(progress))
            if stopped:
                spent = stopped[0]
                raise BudgetExceeded(
                    f"the batch budget of {spent.limit} {spent.what} is spent: "
                    f"{progress.totals.unstarted} article(s) not started; --resume continues",
                    limit=spent.limit, what=spent.what,
                )  # fmt: skip
        if progress.totals.failed:
            raise typer.Exit(1)


def _on_ray(todo: list[BatchItem], settings: Settings, log: RecordLog, *, address: str | None,
            workers: int, threads: int, quiet: bool, verbose: int, skipped: int,
            ) -> BatchProgress:  # fmt: skip
    """The batch on a Ray cluster: inputs read here, articles briefed by the workers, every
    record written here as it comes back. Ray draws its own progress bars."""
    from .. import cluster  # Ray itself is imported only now

    articles = [item for item in todo if item.article is not None]
    if articles:  # a resumed batch with nothing left to brief needs no cluster
        cluster.connect(address, quiet=quiet, verbose=verbose > 0)
    with BatchProgress(len(todo), "quiet" if quiet else "summary") as progress:
        progress.totals.skipped = skipped
        for item in todo:
            if item.article is None:  # unreadable here: its record is written here
                outcome = Outcome(item.id, None, item.error, 0.0)
                log.append(outcome)
                progress.advance(outcome)
        for done in cluster.run_batch(articles, settings, workers=workers, threads=threads):
            log.write(done.id, done.line)
            progress.advance(done)
    return progress
