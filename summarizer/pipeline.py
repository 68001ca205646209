"""The pipeline: article -> prompt -> model call (via instructor) -> grounding -> envelope.

``Summarizer`` holds the settings and the provider and can be reused for many articles.
How the brief is asked of the model (one call, one per section, numbered sentences) is the
strategy's business (``strategies.py``); grounding problems are validation errors while attempts
remain, so instructor sends them back to the model.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import instructor
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from openai.types.chat import ChatCompletion

from . import __version__, once
from .brief import SCHEMA_VERSION, BriefDraft, NewsBrief
from .cache import Cache, open_cache
from .calls import ModelCalls
from .chunking import Chunk, merge, split
from .errors import (
    BudgetExceeded,
    ConfigError,
    GroundingFailed,
    InputError,
    SummarizationError,
    SummarizerError,
    ValidationFailed,
)
from .grounding import Finding, GroundingReport, ground
from .ingest import Article, article_from_text, read_article
from .prompts import prompt_version
from .providers import ModeName, Provider
from .repair import salvage
from .replay import ReplayProvider
from .result import ArticleInfo, BriefResult, RunInfo
from .retry import RateLimiter, refuses_format
from .settings import ProviderName, Settings
from .strategies import (
    Step,
    Strategy,
    blank_draft,
    default_rules,
    default_strategy,
    grounding_against,
    plan,
    plan_size,
)
from .verify import apply_verdicts, verification

once.install()

__all__ = ["Summarizer", "asummarize", "summarize"]

logger = logging.getLogger("summarizer")

_INSTRUCTOR_MODES: dict[ModeName, instructor.Mode] = {
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}
#: Articles longer than this are read in chunks, unless the provider says what it can take.
DEFAULT_CHUNK_CHARS = 60_000
_T = TypeVar("_T")


@dataclass(frozen=True)
class _Ask:
    """One structured answer the pipeline asks for: instructor's arguments, the mode, and the
    article the answer is grounded against while instructor re-asks (None: not grounded)."""

    mode: ModeName
    kwargs: dict[str, Any]
    article: Article | None = None

    def create(self, complete: Callable[..., Any]) -> Callable[..., Any]:
        """instructor's create around ``complete``; async when ``complete`` is a coroutine
        function."""
        return instructor.patch(create=complete, mode=_INSTRUCTOR_MODES[self.mode])

    def grounding(self) -> contextlib.AbstractContextManager[None]:
        if self.article is None:
            return contextlib.nullcontext()
        return grounding_against(self.article)


#: A generator that yields each model call it needs and is sent the answer: the pipeline
#: with its I/O left out, driven by ``summarize`` (calls made in turn) or ``asummarize``
#: (calls awaited).
_Flow = Generator[_Ask, Any, _T]


class _Run:
    """A flow being driven: ``next`` hands on the last call's ``answer`` (or throws its
    ``error`` into the flow) and returns the next call, or None once ``result`` is there."""

    def __init__(self, flow: _Flow[BriefResult]) -> None:
        self.flow = flow
        self.answer: Any = None
        self.error: Exception | None = None
        self.result: BriefResult

    def next(self) -> _Ask | None:
        answer, error, self.answer, self.error = self.answer, self.error, None, None
        try:
            return self.flow.throw(error) if error is not None else self.flow.send(answer)
        except StopIteration as done:
            self.result = done.value
            return None


@dataclass
class _Extraction:
    """What the model calls for one article (or chunk) gave."""

    draft: BriefDraft
    findings: list[Finding]
    mode: ModeName
    #: The grounding the answer's validator already did, when it is the whole brief.
    grounded: tuple[Article, NewsBrief, GroundingReport] | None = None


class Summarizer:
    """Summarizes articles with one configuration and one provider, reused across calls."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        provider: Provider | ProviderName | None = None,
        store: Cache | None = None,
        **options: Any,
    ) -> None:
        """``provider`` is a ``Provider`` object, or a name ("local", "openai") for the settings.
        ``store`` is the response cache to use instead of the one the settings name (the Batch
        API's run reads another run's answers through it)."""
        if isinstance(provider, str):
            options["provider"], provider = provider, None
        self.settings = (settings or Settings.from_env()).with_(**options)
        self._provider = provider
        self._cache = store
        if store is None and self.settings.cache:
            self._cache = open_cache(self.settings.cache_dir, url=self.settings.cache_url,
                                     ttl=self.settings.cache_ttl)  # fmt: skip
        self._limiter = RateLimiter(self.settings.rpm) if self.settings.rpm else None
        #: The modes still worth trying, once a server has refused one.
        self._modes: tuple[ModeName, ...] = ()

    @property
    def cache(self) -> Cache | None:
        """The response cache this summarizer reads and writes, or None (``cache=False``)."""
        return self._cache

    @property
    def strategy(self) -> Strategy:
        """The settings' strategy, else the default for the provider's model."""
        return self.settings.strategy or default_strategy(self.provider)

    @property
    def rules(self) -> frozenset[str]:
        """The sections code decides under the ``guided`` strategy (``Settings.rules``, else
        the best measured for the provider's model)."""
        if self.settings.rules is not None:
            return frozenset(self.settings.rules)
        return default_rules(self.provider)

    @property
    def chunk_chars(self) -> int:
        """Articles longer than this are read in chunks: the settings', else what the
        provider can take in one call."""
        default = getattr(self.provider, "max_article_chars", DEFAULT_CHUNK_CHARS)
        return int(self.settings.chunk_chars or default)

    def recording_meta(self) -> dict[str, Any]:
        """What a recording of this summarizer's answers records so that a replay asks the
        same questions (``replay.replay_options`` reads it back), the structured-output mode
        included when one was chosen or a server refused the first (the requests differ)."""
        meta: dict[str, Any] = {
            "prompt_version": prompt_version(),
            "strategy": self.strategy,
            "rules": sorted(self.rules),
            "attempts": self.settings.attempts,
            "chunk_chars": self.chunk_chars,
        }
        mode = self.settings.mode or (self._modes[0] if self._modes else None)
        return meta | ({"mode": mode} if mode else {})

    @property
    def provider(self) -> Provider:
        if self._provider is None:
            self._provider = self.settings.build_provider()
        return self._provider

    def summarize(
        self, article: Article | str | Path, *, date: dt.date | None = None
    ) -> BriefResult:
        """Summarize an ``Article``, a text (``str``) or a file (``Path``); each passes the
        gate (``Settings.max_article_bytes``, encoding, emptiness) and the request ceiling."""
        article = _as_article(article, date, self.settings.max_article_bytes)
        calls = self._calls()
        run = _Run(self._brief(article, calls, time.perf_counter()))
        while (ask := run.next()) is not None:  # each model call made here, in turn
            try:
                with ask.grounding():
                    run.answer = ask.create(calls.complete)(**ask.kwargs)
            except Exception as exc:  # handed to the flow, which decides
                run.error = exc
        return run.result

    async def asummarize(
        self, article: Article | str | Path, *, date: dt.date | None = None
    ) -> BriefResult:
        """``summarize`` on the event loop: the same flow, each model call awaited (through
        ``openai.AsyncOpenAI`` for an endpoint; in a worker thread for llama.cpp), so many
        articles can be in flight at once with no thread per request."""
        article = _as_article(article, date, self.settings.max_article_bytes)
        calls = self._calls()
        run = _Run(self._brief(article, calls, time.perf_counter()))
        while (ask := run.next()) is not None:  # each model call awaited
            try:
                with ask.grounding():
                    run.answer = await ask.create(calls.acomplete)(**ask.kwargs)
            except Exception as exc:
                run.error = exc
        return run.result

    async def aclose(self) -> None:
        """Close what ``asummarize`` opened on the running event loop (the endpoint's
        connections). ``async with Summarizer(...) as summarizer:`` does it on exit."""
        aclose = getattr(self._provider, "aclose", None)
        if aclose is not None:
            await aclose()

    async def __aenter__(self) -> Summarizer:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def _calls(self) -> ModelCalls:
        return ModelCalls(self.provider, self._cache, self.settings, self._limiter)

    def _brief(self, article: Article, calls: ModelCalls, started: float) -> _Flow[BriefResult]:
        """The whole pipeline for one article, but for the model calls: it yields each one
        (an ``_Ask``) and is sent back the answer, or thrown the error, by ``summarize`` or
        ``asummarize``. One flow, whichever way the calls are made."""
        limit = self.chunk_chars
        chunks = split(article.text, limit) if len(article.text) > limit else []
        self._check_ceiling(article, max(len(chunks), 1))
        hints: dict[tuple[str, int], int] = {}
        if len(chunks) > 1:
            got, hints = yield from self._extract_chunks(article, chunks, calls)
        else:
            got = yield from self._extract(article, calls)
        draft, findings, mode, done = got.draft, got.findings, got.mode, got.grounded
        if done is not None and done[0] is article and not findings:
            brief, report = done[1], done[2].model_copy(update={"policy": self.settings.grounding})
        else:
            brief, report = ground(
                draft, article.text, today=article.date, policy=self.settings.grounding,
                hints=hints,
            )  # fmt: skip
        report.findings[:0] = findings
        if self.settings.verify:
            brief, report = yield from self._verify(brief, report, calls, mode)
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
            strategy=self.strategy,
            prompt_version=prompt_version(),
            schema_version=SCHEMA_VERSION,
            attempts=calls.attempts,
            requests=calls.requests,
            cache_hits=calls.cache_hits,
            usage=calls.usage,
            elapsed_s=round(time.perf_counter() - started, 3),
        )
        return BriefResult(brief=brief, grounding=report, article=ArticleInfo.of(article), run=run)

    def _check_ceiling(self, article: Article, chunks: int) -> None:
        """Refuse, before any request, an article whose calls alone pass ``max_requests``."""
        ceiling = self.settings.max_requests
        calls = chunks * plan_size(self.strategy) + int(self.settings.verify)
        if calls > ceiling:
            raise BudgetExceeded(
                f"{article.source}: {chunks} chunk(s) need at least {calls} model requests, over "
                f"the ceiling of {ceiling} (--max-requests); nothing was sent",
                limit=ceiling,
            )

    def _verify(
        self, brief: NewsBrief, report: GroundingReport, calls: ModelCalls, mode: ModeName
    ) -> _Flow[tuple[NewsBrief, GroundingReport]]:
        if getattr(self.provider, "bundled", False):
            raise ConfigError(
                "--verify needs a model that can judge; the embedded 135M model cannot "
                "(it finds everything supported): use --model-path or an endpoint"
            )
        question = verification(brief, max(self.settings.attempts - 1, 0), self._sampling())
        if question is None:
            return brief, report
        try:
            verdicts = yield _Ask(mode, question)
            return apply_verdicts(brief, report, verdicts)
        except InstructorRetryException as exc:
            ours = _cause(exc, SummarizerError)
            if ours is not None:
                raise ours from ours.__cause__
            raise ValidationFailed(
                f"the verification answer never validated: {exc}", attempts=calls.attempts,
                errors=[str(exc)],
            ) from exc  # fmt: skip

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

    def _extract_chunks(
        self, article: Article, chunks: list[Chunk], calls: ModelCalls
    ) -> _Flow[tuple[_Extraction, dict[tuple[str, int], int]]]:
        """Extract each chunk (grounded against the chunk while re-asking), then merge."""
        drafts, findings, modes = [], [], []
        for n, chunk in enumerate(chunks):
            part = Article(article.text[chunk.start : chunk.end], article.date,
                           f"{article.source}#chunk{n}")  # fmt: skip
            got = yield from self._extract(part, calls)
            drafts.append(got.draft)
            modes.append(got.mode)
            findings += [
                f.model_copy(update={"path": f"chunk {n}: {f.path}"}) for f in got.findings
            ]
        logger.info("article of %d characters read in %d chunks", len(article.text), len(chunks))
        merged, hints = merge(drafts, chunks, article.text)
        return _Extraction(merged, findings, modes[-1]), hints

    def _extract(self, article: Article, calls: ModelCalls) -> _Flow[_Extraction]:
        """Make the strategy's calls for ``article`` and join their answers into one draft."""
        steps = plan(self.strategy, article, decides=self.rules)
        answers: list[tuple[Step, _Extraction]] = []
        for step in steps:
            answers.append((step, (yield from self._ask(step, article, calls))))
        if len(answers) == 1:
            return answers[0][1]
        data: dict[str, Any] = {}
        findings: list[Finding] = []
        for step, got in answers:
            data |= got.draft.model_dump(include=set(step.answer.fills))
            findings += got.findings
        return _Extraction(BriefDraft.model_validate(data), findings, answers[-1][1].mode)

    def _sampling(self) -> dict[str, Any]:
        """The request options every model call of a run shares."""
        options: dict[str, Any] = {
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
        }
        if self.settings.seed is not None:
            options["seed"] = self.settings.seed
        return options

    def _ask(self, step: Step, article: Article, calls: ModelCalls) -> _Flow[_Extraction]:
        """One call of a strategy, in the first structured-output mode the server accepts."""
        explicit = self.settings.mode
        modes = [explicit] if explicit else list(self._modes or self.provider.modes)
        question = {"response_model": step.answer, "max_retries": self.settings.attempts - 1}
        question |= self._sampling()
        for n, mode in enumerate(modes):
            try:
                messages = [dict(m) for m in step.messages]
                answer = yield _Ask(mode, question | {"messages": messages}, article)
                draft = answer.to_draft(article)
                return _Extraction(draft, [], mode, answer._grounded_as)
            except InstructorRetryException as exc:
                ours = _cause(exc, SummarizerError)
                if ours is None:
                    return self._salvage(step, article, calls, exc, mode)
                if refuses_format(ours.__cause__ or ours) and n + 1 < len(modes):
                    logger.info("server refused mode %s (%s); trying %s", mode, ours, modes[n + 1])
                    self._modes = tuple(modes[n + 1 :])  # the next steps start there
                    continue
                raise ours from ours.__cause__  # its own cause (the HTTP error), not the wrapper
            except IncompleteOutputException as exc:
                logger.warning("the answer was cut off at max_tokens; keeping its complete items")
                return self._salvage(step, article, calls, exc, mode)
        raise SummarizationError("no structured-output mode was accepted", attempts=calls.attempts)

    @staticmethod
    def _salvage(
        step: Step, article: Article, calls: ModelCalls, exc: Exception, mode: ModeName
    ) -> _Extraction:
        def prepare(data: dict[str, Any]) -> dict[str, Any]:
            return step.answer.draft_data(data, article, lenient=True)

        fills = step.answer.fills
        try:
            draft, findings = salvage(calls.last, article, calls.attempts, exc, prepare=prepare,
                                      fills=fills)  # fmt: skip
        except ValidationFailed as failed:
            fallback = getattr(step.answer, "fallback", None)
            data = fallback(article) if fallback is not None else None
            if data is not None:  # guided, code deciding every section: only the prose lost
                problem = f"{failed}; code's first headline and the article's lead are used"
                lost = Finding(path="title", problem=problem, action="replaced")
                return _Extraction(BriefDraft.model_validate(data), [lost], mode)
            if set(fills) == set(BriefDraft.model_fields):
                raise
            # One part of a brief lost: the other parts stand, and the loss is reported.
            problem = f"{', '.join(fills)}: {failed}; left empty"
            lost = Finding(path=fills[0], problem=problem, action="dropped")
            return _Extraction(BriefDraft.model_validate(blank_draft(article)), [lost], mode)
        return _Extraction(draft, findings, mode)


def _as_article(article: Article | str | Path, date: dt.date | None, max_bytes: int) -> Article:
    if isinstance(article, Article):  # built by anyone: checked again, as text would be
        article_from_text(article.text, date=article.date, source=article.source,
                          max_bytes=max_bytes)  # fmt: skip
        return article if date is None else Article(article.text, date, article.source)
    if isinstance(article, Path):
        return read_article(article, date=date, max_bytes=max_bytes)
    if not isinstance(article, str):
        raise InputError(f"an article is a str, a Path or an Article, not {type(article).__name__}")
    return article_from_text(article, date=date, max_bytes=max_bytes)


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
    async with Summarizer(settings, provider=provider, **options) as summarizer:
        return await summarizer.asummarize(article)
