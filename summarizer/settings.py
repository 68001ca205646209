"""Settings: one frozen object holding every option, and the one place that builds a provider.

Environment variables are read in ``Settings.from_env`` only (the openai SDK reads its own
``OPENAI_API_KEY`` and ``OPENAI_BASE_URL``): ``SUMMARIZER_CACHE_DIR``, ``SUMMARIZER_NO_CACHE=1``,
``SUMMARIZER_RETRIES`` (calls in all), ``SUMMARIZER_RETRY_DEADLINE`` and ``SUMMARIZER_TIMEOUT``
(seconds), ``SUMMARIZER_CACHE_URL`` (a shared Redis cache). Explicit arguments win over the
environment. ``portable()`` writes the environment's choices into the settings, for workers on
other machines, which have an environment of their own.

Provider choice, in order: an explicit ``provider`` ("openai" or "local"); else "openai" when an
endpoint is configured (``base_url``, ``OPENAI_BASE_URL`` or ``OPENAI_API_KEY``); else the
embedded local model, so the tool works offline on a fresh machine.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from tenacity import Retrying

from .cache import default_cache_dir
from .errors import ConfigError
from .gate import MAX_ARTICLE_BYTES
from .grounding import Policy
from .guided import SECTIONS
from .providers import MODES, LocalProvider, ModeName, OpenAIProvider, Provider
from .retry import RetryPolicy
from .strategies import STRATEGIES, Strategy

__all__ = ["ProviderName", "Settings"]

ProviderName = Literal["auto", "openai", "local"]
_REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
logger = logging.getLogger("summarizer")
_warned_small_model = False


@dataclass(frozen=True)
class Settings:
    """Everything that shapes a run. Unset values take the defaults documented per field."""

    provider: ProviderName = "auto"
    #: Model name for the openai provider (default gpt-4o-mini).
    model: str | None = None
    #: Endpoint for the openai provider; default: OPENAI_BASE_URL, then api.openai.com.
    base_url: str | None = None
    api_key: str | None = None
    #: GGUF file for the local provider; default: the bundled SmolLM2-135M-Instruct.
    model_path: Path | None = None
    #: Structured-output mode; None tries the provider's modes in order, falling back on refusal.
    mode: ModeName | None = None
    grounding: Policy = "drop"
    #: Model calls allowed for one brief, first try and re-asks after invalid answers.
    attempts: int = 2
    temperature: float = 0.0
    max_tokens: int = 1500
    seed: int | None = 0
    #: Seconds one HTTP request may take before it counts as a timeout (and is retried).
    timeout: float = 300.0
    n_ctx: int = 8192
    #: Longer articles are read in chunks of this many characters, merged into one brief.
    #: Default: what the provider can take (the local model: 3 per token of context beyond
    #: 4,096; else 60,000).
    chunk_chars: int | None = None
    #: How the brief is asked for: one call (whole), one per section (sections), or numbered
    #: sentences cited by number (numbered). Default: the best measured for the model.
    strategy: Strategy | None = None
    #: Under ``guided``: the sections code decides by rules instead of the model (meeting,
    #: participants, commitments, context, quotes). Default: the best measured for the model.
    rules: frozenset[str] | None = None
    #: One more call per brief: the model judges each item against its evidence alone, and
    #: the items it finds unsupported go through the grounding policy. Not for the embedded
    #: model, which cannot judge.
    verify: bool = False
    #: Keep model responses on disk; a repeated request is answered from there.
    cache: bool = True
    #: Where; default: SUMMARIZER_CACHE_DIR, else the platform's user cache folder.
    cache_dir: Path | None = None
    #: A Redis server every worker shares (``redis://HOST:PORT/DB``), instead of the folder;
    #: default: SUMMARIZER_CACHE_URL. Needs the ``cluster`` extra.
    cache_url: str | None = None
    #: Seconds an entry of the Redis cache lives (default: until Redis evicts it).
    cache_ttl: float | None = None
    #: Ask the model again and overwrite what the cache holds.
    refresh: bool = False
    #: At most this many model requests a minute (cache hits are free), shared by all threads.
    rpm: float | None = None
    #: Retries of transient failures (429, 5xx, timeouts...); a tenacity ``Retrying`` also works.
    retry: RetryPolicy | Retrying = field(default_factory=RetryPolicy)
    #: Largest article accepted, in UTF-8 bytes, whichever way it comes in (``gate.py``).
    max_article_bytes: int = MAX_ARTICLE_BYTES
    #: Most model requests one article may cost, retries and re-asks included (cache hits are
    #: free). An article whose chunks and calls need more is refused before the first request.
    max_requests: int = 100

    @classmethod
    def from_env(cls, **options: Any) -> Settings:
        """Settings from the environment, then ``options`` (None values ignored) on top."""
        retry = RetryPolicy(
            max_attempts=int(_env_number("SUMMARIZER_RETRIES", RetryPolicy.max_attempts)),
            deadline=_env_number("SUMMARIZER_RETRY_DEADLINE", RetryPolicy.deadline),
        )
        base = cls(
            retry=retry,
            timeout=_env_number("SUMMARIZER_TIMEOUT", cls.timeout),
            cache=os.environ.get("SUMMARIZER_NO_CACHE", "") in ("", "0"),
            cache_url=os.environ.get("SUMMARIZER_CACHE_URL") or None,
        )
        return base.with_(**options)

    def __post_init__(self) -> None:
        if self.provider not in ("auto", "openai", "local"):
            raise ConfigError(f"unknown provider {self.provider!r}: use auto, openai or local")
        if self.mode is not None and self.mode not in MODES:
            raise ConfigError(f"unknown mode {self.mode!r}: use one of {', '.join(MODES)}")
        if self.grounding not in ("strict", "drop", "flag"):
            raise ConfigError(f"unknown grounding {self.grounding!r}: use strict, drop or flag")
        if self.attempts < 1:
            raise ConfigError("attempts must be at least 1")
        if self.max_tokens < 64:
            raise ConfigError("max_tokens must be at least 64")
        if isinstance(self.retry, RetryPolicy) and self.retry.max_attempts < 1:
            raise ConfigError("retries: at least 1 call in all")
        if self.strategy is not None and self.strategy not in STRATEGIES:
            raise ConfigError(
                f"unknown strategy {self.strategy!r}: use one of {', '.join(STRATEGIES)}"
            )
        if self.rules is not None and not set(self.rules) <= set(SECTIONS):
            unknown = ", ".join(sorted(set(self.rules) - set(SECTIONS)))
            raise ConfigError(f"unknown rules section(s) {unknown}: use {', '.join(SECTIONS)}")
        if self.chunk_chars is not None and self.chunk_chars < 1000:
            raise ConfigError("chunk_chars must be at least 1000")
        if self.timeout <= 0:
            raise ConfigError("timeout must be positive")
        if self.max_article_bytes < 1:
            raise ConfigError("max_article_bytes must be at least 1")
        if self.max_requests < 1:
            raise ConfigError("max_requests must be at least 1")
        if self.cache_url and not self.cache_url.startswith(_REDIS_SCHEMES):
            raise ConfigError(
                f"cache URL {self.cache_url!r}: use redis://HOST:PORT/DB (or rediss://, unix://)"
            )
        if self.cache_ttl is not None and (self.cache_ttl <= 0 or not self.cache_url):
            raise ConfigError("cache TTL: a positive number of seconds, with a Redis cache URL")

    def with_(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied; None values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def portable(self) -> Settings:
        """These settings with what this machine's environment decides written in (provider,
        endpoint, key, cache folder), so that a worker elsewhere makes the same requests."""
        provider = self.resolved_provider()
        changes: dict[str, Any] = {"provider": provider}
        changes["cache_dir"] = self.cache_dir or default_cache_dir()
        if provider == "openai":
            changes["base_url"] = self.base_url or os.environ.get("OPENAI_BASE_URL")
            changes["api_key"] = self.api_key or os.environ.get("OPENAI_API_KEY")
        return self.with_(**changes)

    def resolved_provider(self) -> Literal["openai", "local"]:
        if self.provider != "auto":
            return self.provider
        endpoint = self.base_url or os.environ.get("OPENAI_BASE_URL")
        return "openai" if endpoint or os.environ.get("OPENAI_API_KEY") else "local"

    def build_provider(self) -> Provider:
        if self.resolved_provider() == "openai":
            return OpenAIProvider(
                self.model, base_url=self.base_url, api_key=self.api_key, timeout=self.timeout
            )
        provider = LocalProvider(self.model_path, n_ctx=self.n_ctx, seed=self.seed or 0)
        if provider.bundled:
            _warn_small_model()
        return provider


def _env_number(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not a number") from None


def _warn_small_model() -> None:
    global _warned_small_model
    if not _warned_small_model:
        _warned_small_model = True
        logger.warning(
            "using the embedded SmolLM2-135M model, offline: code reads the article and the "
            "model only chooses the headline and summary (strategy guided). For a model that "
            "chooses the facts too, pass --model-path FILE.gguf, or set OPENAI_BASE_URL / "
            "OPENAI_API_KEY and --model."
        )
