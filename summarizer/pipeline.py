"""The pipeline: article -> prompt -> model call (via instructor) -> grounding -> envelope.

``Summarizer`` holds the settings and the provider and can be reused for many articles.
Grounding problems are validation errors while attempts remain, so instructor sends them back
to the model; the article reaches the validator through a context variable, never through
instructor's ``context=`` (which would render the messages, article included, as Jinja).
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import datetime as dt
import json
import logging
import time
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import instructor
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from openai.types.chat import ChatCompletion
from pydantic import PrivateAttr, model_validator

from . import __version__
from .brief import SCHEMA_VERSION, BriefDraft, NewsBrief
from .cache import ResponseCache
from .calls import ModelCalls
from .chunking import Chunk, merge, split
from .errors import (
    GroundingFailed,
    SummarizationError,
    SummarizerError,
)
from .grounding import Finding, GroundingReport, ground
from .ingest import Article, article_from_text, read_article
from .prompts import prompt_version, render_messages
from .providers import ModeName, Provider
from .repair import salvage
from .replay import ReplayProvider
from .result import ArticleInfo, BriefResult, RunInfo
from .retry import RateLimiter, refuses_format
from .settings import ProviderName, Settings

__all__ = ["Summarizer", "asummarize", "summarize"]

logger = logging.getLogger("summarizer")

_INSTRUCTOR_MODES: dict[ModeName, instructor.Mode] = {
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}
_MAX_REASK_PROBLEMS = 12
_GROUNDING: ContextVar[Article | None] = ContextVar("summarizer_grounding", default=None)
_SCHEMAS: dict[Any, dict[str, Any]] = {}
#: Articles longer than this are read in chunks, unless the provider says what it can take.
DEFAULT_CHUNK_CHARS = 60_000


class Brief(BriefDraft, instructor.OpenAISchema):
    """A news brief whose evidence is quoted verbatim from the article."""

    _grounded_as: tuple[Article, NewsBrief, GroundingReport] | None = PrivateAttr(default=None)

    # Deriving from instructor's OpenAISchema spares a new wrapper class per call, so the
    # schema below is generated once, not at every request (it cost ~9 ms each).
    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Pydantic's schema, generated once per argument set."""
        key = (cls, args, tuple(sorted(kwargs.items())))
        if key not in _SCHEMAS:
            _SCHEMAS[key] = super().model_json_schema(*args, **kwargs)
        return copy.deepcopy(_SCHEMAS[key])  # callers may edit what they get

    @model_validator(mode="after")
    def _grounded(self) -> Brief:
        article = _GROUNDING.get()
        if article is None:
            return self
        brief, report = ground(self, article.text, today=article.date, policy="flag")
        problems = [f.problem for f in report.findings if f.action != "corrected"]
        if not problems:  # then every policy grounds it alike: keep the work for summarize()
            self._grounded_as = (article, brief, report)
        else:
            listed = "\n".join(f"- {p}" for p in problems[:_MAX_REASK_PROBLEMS])
            raise ValueError(
                "these items are not supported by the article; copy names, roles, amounts "
                f"and quotes exactly as the article writes them, or leave the item out:\n{listed}"
            )
        return self


@contextlib.contextmanager
def _grounding_against(article: Article) -> Iterator[None]:
    token = _GROUNDING.set(article)
    try:
        yield
    finally:
        _GROUNDING.reset(token)


class Summarizer:
    """Summarizes articles with one configuration and one provider, reused across calls."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        provider: Provider | ProviderName | None = None,
        **options: Any,
    ) -> None:
        """``provider`` is a ``Provider`` object, or a name ("local", "openai") for the settings."""
        if isinstance(provider, str):
            options["provider"], provider = provider, None
        self.settings = (settings or Settings.from_env()).with_(**options)
        self._provider = provider
        self._cache = ResponseCache(self.settings.cache_dir) if self.settings.cache else None
        self._limiter = RateLimiter(self.settings.rpm) if self.settings.rpm else None

    @property
    def provider(self) -> Provider:
        if self._provider is None:
            self._provider = self.settings.build_provider()
        return self._provider

    def summarize(
        self, article: Article | str | Path, *, date: dt.date | None = None
    ) -> BriefResult:
        """Summarize an ``Article``, a text (``str``) or a file (``Path``)."""
        article = _as_article(article, date)
        started = time.perf_counter()
        calls = ModelCalls(self.provider, self._cache, self.settings, self._limiter)
        default = getattr(self.provider, "max_article_chars", DEFAULT_CHUNK_CHARS)
        limit = int(self.settings.chunk_chars or default)
        chunks = split(article.text, limit) if len(article.text) > limit else []
        hints: dict[tuple[str, int], int] = {}
        if len(chunks) > 1:
            draft, findings, mode, hints = self._extract_chunks(article, chunks, calls)
        else:
            draft, findings, mode = self._extract(article, calls)
        done = getattr(draft, "_grounded_as", None)
        if done is not None and done[0] is article and not findings:
            brief, report = done[1], done[2].model_copy(update={"policy": self.settings.grounding})
        else:
            brief, report = ground(
                draft, article.text, today=article.date, policy=self.settings.grounding,
                hints=hints,
            )  # fmt: skip
        report.findings[:0] = findings
        problems = [f.problem for f in report.findings if f.action in ("failed", "dropped")]
        if self.settings.grounding == "strict" and problems:
            raise GroundingFailed(
                f"{len(problems)} unsupported item(s) after {calls.attempts} attempt(s): "
                + "; ".join(problems[:3]),
                attempts=calls.attempts,
                errors=problems,
            )
        run = RunInfo(
            summarizer_version=__version__,
            provider=self.provider.name,
            model=self.provider.model,
            endpoint=getattr(self.provider, "endpoint", None),
            mode=mode,
            prompt_version=prompt_version(),
            schema_version=SCHEMA_VERSION,
            attempts=calls.attempts,
            requests=calls.requests,
            cache_hits=calls.cache_hits,
            usage=calls.usage,
            elapsed_s=round(time.perf_counter() - started, 3),
        )
        return BriefResult(brief=brief, grounding=report, article=ArticleInfo.of(article), run=run)

    def warm_up(self) -> None:
        """Do once what a first call does (build the provider, load what instructor and the
        SDK import lazily: ~0.4 s), with no model call; before concurrent use, so that many
        threads do not all pay it at once."""
        prepare = getattr(self.provider, "prepare", None)
        if prepare is not None:
            prepare()

        empty: dict[str, Any] = {"title": "Warm-up", "summary": "Warm-up.", "dateline": None}
        empty |= {"meeting": None, "participants": [], "commitments": [], "context": []}
        empty["quotes"] = []
        canned = ChatCompletion.model_validate({
            "id": "warm-up", "object": "chat.completion", "created": 0, "model": "warm-up",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": json.dumps(empty)}}],
        })  # fmt: skip
        modes = self.provider.modes[:1]
        rehearsal = Summarizer(self.settings.with_(cache=False, attempts=1),
                               provider=ReplayProvider([canned], modes=modes))  # fmt: skip
        rehearsal.summarize("date 2025-01-01\nWarm-up article text.")

    async def asummarize(
        self, article: Article | str | Path, *, date: dt.date | None = None
    ) -> BriefResult:
        """``summarize`` in a worker thread, so an event loop stays free."""
        return await asyncio.to_thread(self.summarize, article, date=date)

    def _extract_chunks(
        self, article: Article, chunks: list[Chunk], calls: ModelCalls
    ) -> tuple[BriefDraft, list[Finding], str, dict[tuple[str, int], int]]:
        """Extract each chunk (grounded against the chunk while re-asking), then merge."""
        drafts, findings, modes = [], [], []
        for n, chunk in enumerate(chunks):
            part = Article(article.text[chunk.start : chunk.end], article.date,
                           f"{article.source}#chunk{n}")  # fmt: skip
            draft, found, mode = self._extract(part, calls)
            drafts.append(draft)
            modes.append(mode)
            findings += [f.model_copy(update={"path": f"chunk {n}: {f.path}"}) for f in found]
        logger.info("article of %d characters read in %d chunks", len(article.text), len(chunks))
        merged, hints = merge(drafts, chunks, article.text)
        return merged, findings, modes[-1], hints

    def _extract(
        self, article: Article, calls: ModelCalls
    ) -> tuple[BriefDraft, list[Finding], str]:
        messages = render_messages(article)
        explicit = self.settings.mode
        modes = [explicit] if explicit else list(self.provider.modes)
        options: dict[str, Any] = {
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
        }
        if self.settings.seed is not None:
            options["seed"] = self.settings.seed
        for n, mode in enumerate(modes):
            create = instructor.patch(create=calls.complete, mode=_INSTRUCTOR_MODES[mode])
            try:
                with _grounding_against(article):
                    draft = create(
                        response_model=Brief,
                        messages=[dict(m) for m in messages],
                        max_retries=self.settings.attempts - 1,
                        **options,
                    )
                return draft, [], mode
            except InstructorRetryException as exc:
                ours = _cause(exc, SummarizerError)
                if ours is None:
                    return (*salvage(calls.last, article, calls.attempts, exc), mode)
                if refuses_format(ours.__cause__ or ours) and n + 1 < len(modes):
                    logger.info("server refused mode %s (%s); trying %s", mode, ours, modes[n + 1])
                    continue
                raise ours from ours.__cause__  # its own cause (the HTTP error), not the wrapper
            except IncompleteOutputException as exc:
                logger.warning("the answer was cut off at max_tokens; keeping its complete items")
                return (*salvage(calls.last, article, calls.attempts, exc), mode)
        raise SummarizationError("no structured-output mode was accepted", attempts=calls.attempts)


def _as_article(article: Article | str | Path, date: dt.date | None) -> Article:
    if isinstance(article, Article):
        return article if date is None else Article(article.text, date, article.source)
    if isinstance(article, Path):
        return read_article(article, date=date)
    return article_from_text(article, date=date)


def _cause(exc: BaseException, kind: type[SummarizerError]) -> SummarizerError | None:
    """The first ``kind`` error in ``exc``'s chain of causes."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def summarize(
    article: Article | str | Path,
    *,
    settings: Settings | None = None,
    provider: Provider | ProviderName | None = None,
    **options: Any,
) -> BriefResult:
    """Summarize one article: a text (``str``), a file (``Path``) or an ``Article``."""
    return Summarizer(settings, provider=provider, **options).summarize(article)


async def asummarize(
    article: Article | str | Path,
    *,
    settings: Settings | None = None,
    provider: Provider | ProviderName | None = None,
    **options: Any,
) -> BriefResult:
    """The async twin of ``summarize``."""
    return await Summarizer(settings, provider=provider, **options).asummarize(article)
