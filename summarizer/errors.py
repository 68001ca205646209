"""Errors raised by summarizer. Every one carries a one-line message and an exit code.

    SummarizerError               base class; never raised itself
    ├── InputError                the article cannot be read (missing, empty, binary...)  exit 2
    ├── ConfigError               the configuration cannot work (unknown mode, no model)  exit 2
    └── SummarizationError        no valid brief could be produced                        exit 1
        ├── ProviderError         the model call failed (HTTP error, connection, runtime)
        ├── BudgetExceeded        a request ceiling or a batch budget is spent
        ├── StaleRecording        a replay was asked a request its recording did not answer
        └── ValidationFailed      every attempt returned an invalid brief
            └── GroundingFailed   ``grounding="strict"`` and unsupported items remained

Causes are kept: ``raise ProviderError(...) from exc``.
"""

from __future__ import annotations

__all__ = [
    "BudgetExceeded",
    "ConfigError",
    "GroundingFailed",
    "InputError",
    "ProviderError",
    "StaleRecording",
    "SummarizationError",
    "SummarizerError",
    "ValidationFailed",
]


class SummarizerError(Exception):
    """Base class of every error this package raises on purpose."""

    exit_code: int = 1


class InputError(SummarizerError):
    """The article could not be read or is not usable text."""

    exit_code = 2


class ConfigError(SummarizerError):
    """The configuration cannot work: unknown provider or mode, missing model file..."""

    exit_code = 2


class SummarizationError(SummarizerError):
    """No valid brief could be produced. ``attempts`` counts the model calls made."""

    exit_code = 1

    def __init__(self, message: str, *, attempts: int = 0) -> None:
        super().__init__(message)
        self.attempts = attempts


class StaleRecording(SummarizationError):
    """A recorded answer replayed for a request other than the one it answered (a prompt,
    schema or option changed since): re-record, or replay with ``allow_stale``.
    ``recording`` names the file."""

    def __init__(self, message: str, *, recording: str, attempts: int = 0) -> None:
        super().__init__(message, attempts=attempts)
        self.recording = recording


class ProviderError(SummarizationError):
    """The model call failed: HTTP status, connection or runtime error."""

    def __init__(self, message: str, *, attempts: int = 0, status: int | None = None) -> None:
        super().__init__(message, attempts=attempts)
        self.status = status


class BudgetExceeded(SummarizationError):
    """A ceiling on model requests (one article's, ``max_requests``) or a batch's budget of
    requests or tokens is spent; ``limit`` is the ceiling, ``what`` its unit."""

    def __init__(self, message: str, *, attempts: int = 0, limit: int = 0, what: str = "requests"):
        super().__init__(message, attempts=attempts)
        self.limit = limit
        self.what = what


class ValidationFailed(SummarizationError):
    """Every attempt returned output that failed validation; ``errors`` lists the last ones."""

    def __init__(self, message: str, *, attempts: int = 0, errors: list[str] | None = None):
        super().__init__(message, attempts=attempts)
        self.errors = errors or []


class GroundingFailed(ValidationFailed):
    """Strict grounding: items without support in the article remained after all attempts."""
