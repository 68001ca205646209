"""`summarizer batch --via batch-api` and the `batch-status` / `batch-cancel` commands.

`batch-status ID` and `batch-cancel ID` are commands of their own: `batch` takes its inputs as
arguments, so it cannot also be a group with subcommands. Both print the batch as the API
describes it (JSON); an id the server does not know is one line and exit 2.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Annotated, Literal

import typer

from ..batch import BatchItem, RecordLog
from ..batch_api import BatchLimits, Reask, collect_batch, submit_batch
from ..batch_client import BatchClient
from ..batch_state import state_path_for
from ..errors import ConfigError, InputError
from ..pipeline import Summarizer
from ..progress import BatchProgress, PollProgress
from ..providers import OpenAIProvider
from ..settings import Settings
from .options import (
    BaseUrlOpt,
    DeadlineOpt,
    RetriesOpt,
    TimeoutOpt,
    VerboseOpt,
    guarded,
    settings_from,
    setup_logging,
)

__all__ = ["batch_cancel", "batch_status", "check_batch_api", "run_batch_api"]

Via = Literal["direct", "batch-api"]
ViaOpt = Annotated[
    Via,
    typer.Option(help="direct (one request per call) or batch-api (OpenAI's Batch API: half "
                 "the price, answers within 24 h; --provider openai only)."),
]  # fmt: skip
ReaskOpt = Annotated[
    Reask,
    typer.Option(help="batch-api: re-asks and later calls in another batch, or sent direct."),
]
PollOpt = Annotated[
    float, typer.Option(min=0.01, help="batch-api: seconds between polls of the batches.")
]
BatchRequestsOpt = Annotated[
    int, typer.Option(min=1, help="batch-api: most requests in one batch (the API's: 50,000).")
]
BatchBytesOpt = Annotated[
    int,
    typer.Option(min=1024, help="batch-api: largest input file of one batch, bytes (200 MB)."),
]


def check_batch_api(settings: Settings, *, engine: str, rpm: float | None,
                    budgets: tuple[int | None, int | None]) -> None:  # fmt: skip
    """What --via batch-api cannot be combined with, said before anything is sent."""
    if settings.resolved_provider() != "openai":
        raise ConfigError("--via batch-api needs an OpenAI-compatible endpoint (--provider "
                          "openai, --base-url or OPENAI_API_KEY); use --via direct")  # fmt: skip
    if engine != "threads" or rpm is not None or budgets != (None, None):
        raise InputError("--via batch-api takes no --engine ray, --rpm or --budget-* options")


def run_batch_api(todo: list[BatchItem], settings: Settings, log: RecordLog, *, resume: bool,
                  reask: Reask, poll_interval: float, limits: BatchLimits, quiet: bool,
                  skipped: int) -> BatchProgress:  # fmt: skip
    """Submit (unless --resume finds a run's state next to --out), wait, write every record."""
    state = state_path_for(log.path)
    if state.exists() and not resume:
        raise InputError(f"{state}: a batch run is in flight; pass --resume to collect it, or "
                         "cancel its batches (batch-cancel ID) and remove the file")  # fmt: skip
    summarizer = Summarizer(settings)
    with _closing(summarizer.provider):
        if not state.exists():
            submit_batch(todo, state, summarizer, limits=limits)
        with BatchProgress(len(todo), "quiet" if quiet else "summary") as progress:
            progress.totals.skipped = skipped
            with PollProgress("quiet" if quiet else None) as polls:
                outcomes = collect_batch(todo, state, summarizer, reask=reask, limits=limits,
                                         poll_interval=poll_interval, on_poll=polls)  # fmt: skip
                for outcome in outcomes:
                    log.append(outcome)
                    progress.advance(outcome)
    return progress


@contextlib.contextmanager
def _closing(provider: object) -> Iterator[None]:
    """Close the SDK client when done: the retry layer's tenacity state holds it in a
    reference cycle, which the garbage collector may free socket first (a ResourceWarning)."""
    try:
        yield
    finally:
        if isinstance(provider, OpenAIProvider):
            provider.client.close()


BatchIdArg = Annotated[str, typer.Argument(help="The batch's id (batch_...).")]


def _batch_command(action: Literal["retrieve", "cancel"], doc: str) -> Callable[..., None]:
    """A command that calls one batch endpoint and prints the batch as the API returns it."""

    def command(batch_id: BatchIdArg, base_url: BaseUrlOpt = None, timeout: TimeoutOpt = None,
                retries: RetriesOpt = None, retry_deadline: DeadlineOpt = None,
                verbose: VerboseOpt = 0) -> None:  # fmt: skip
        setup_logging(verbose, quiet=False)
        with guarded(verbose):
            settings = settings_from(provider="openai", base_url=base_url, timeout=timeout,
                                     cache=False, refresh=False, retries=retries,
                                     retry_deadline=retry_deadline)  # fmt: skip
            provider = settings.build_provider()
            assert isinstance(provider, OpenAIProvider)
            with _closing(provider):
                batch = getattr(BatchClient(provider, settings.retry), action)(batch_id)
                typer.echo(batch.model_dump_json(indent=2, exclude_none=True))

    command.__doc__ = doc
    return command


batch_status = _batch_command(
    "retrieve", "Print a Batch API batch as the API describes it (status, request counts, files)."
)
batch_cancel = _batch_command(
    "cancel", "Cancel a Batch API batch; print it as the API then describes it (cancelling)."
)
