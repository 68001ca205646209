"""What the commands share: option declarations, settings from the command line, error handling.

Library errors become one line and their exit code (``SummarizerError.exit_code``); a bug, one
line and exit 1.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from ..errors import SummarizerError
from ..grounding import Policy
from ..guided import SECTIONS
from ..providers import ModeName
from ..retry import RetryPolicy
from ..settings import ProviderName, Settings
from ..strategies import Strategy

logger = logging.getLogger("summarizer")


def fail(error: SummarizerError) -> NoReturn:
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


def setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING
    handler = _Stderr()
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False
    # instructor logs every failed attempt at ERROR; our own messages say what matters.
    logging.getLogger("instructor").setLevel(logging.DEBUG if verbose > 1 else logging.CRITICAL)


def parse_date(value: str | None) -> dt.date | None:
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
CacheUrlOpt = Annotated[
    str | None,
    typer.Option(help="Shared Redis cache redis://HOST:PORT/DB (default $SUMMARIZER_CACHE_URL)."),
]
CacheTtlOpt = Annotated[
    float | None, typer.Option(min=1.0, help="Seconds a Redis cache entry lives (default: ever).")
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
StrategyOpt = Annotated[
    Strategy | None,
    typer.Option(
        help="whole (one call), sections (one per section), numbered (cite sentences), "
        "guided (code proposes, the model chooses)."
    ),
]
RulesOpt = Annotated[
    str | None,
    typer.Option(
        help="guided: sections code decides instead of the model: all, none, or a comma list "
        "of meeting, participants, commitments, context, quotes (default: as measured)."
    ),
]
VerifyOpt = Annotated[
    bool,
    typer.Option(
        "--verify", help="One more call: the model judges each item against its evidence alone."
    ),
]
ChunkOpt = Annotated[
    int | None,
    typer.Option(min=1000, help="Read longer articles in chunks of this many characters."),
]
MaxBytesOpt = Annotated[
    int,
    typer.Option(min=1, help="Largest article accepted, in bytes, on every input path."),
]
MaxRequestsOpt = Annotated[
    int,
    typer.Option(min=1, help="Most model requests one article may cost (retries included)."),
]
VerboseOpt = Annotated[int, typer.Option("--verbose", "-v", count=True)]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Errors only on stderr.")]


def parse_rules(value: str | None) -> frozenset[str] | None:
    """``--rules``: "all", "none", or a comma list of sections."""
    if value is None:
        return None
    if value.strip() == "all":
        return frozenset(SECTIONS)
    if value.strip() == "none":
        return frozenset()
    chosen = frozenset(v.strip() for v in value.split(",") if v.strip())
    if not chosen <= set(SECTIONS):
        raise typer.BadParameter(
            f"{value!r}: use all, none, or some of {', '.join(SECTIONS)}", param_hint="--rules"
        )
    return chosen


def settings_from(*, cache: bool, refresh: bool, retries: int | None, retry_deadline: float | None,
              rules: str | None = None, **options: Any) -> Settings:  # fmt: skip
    """Settings from the environment with the command line on top."""
    settings = Settings.from_env(refresh=refresh, rules=parse_rules(rules), **options)
    return settings.with_(
        cache=cache and settings.cache, retry=_retry(settings, retries, retry_deadline)
    )


@contextlib.contextmanager
def guarded(verbose: int) -> Iterator[None]:
    """Library errors become one line and their exit code; a bug, one line and exit 1."""
    try:
        yield
    except (typer.Exit, KeyboardInterrupt, typer.BadParameter):
        raise
    except SummarizerError as error:
        fail(error)
    except Exception as exc:
        if verbose > 1:
            raise
        typer.echo(f"error: internal error ({type(exc).__name__}: {exc}); rerun with -vv", err=True)
        raise typer.Exit(1) from exc


def _retry(settings: Settings, retries: int | None, deadline: float | None) -> RetryPolicy | None:
    if not isinstance(settings.retry, RetryPolicy) or (retries is None and deadline is None):
        return None
    policy = settings.retry
    if retries is not None:
        policy = replace(policy, max_attempts=retries)
    if deadline is not None:
        policy = replace(policy, deadline=deadline)
    return policy
