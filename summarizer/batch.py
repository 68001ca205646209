"""Batch: many articles, summarized concurrently, recorded one JSON line each as they finish.

``collect_inputs`` turns files, folders, globs and JSONL files (``{"id", "text", "date"?,
"url"?}`` per line) into ``BatchItem``s, each either an article or the error that stopped it
being read. ``summarize_many`` summarizes items concurrently and yields an ``Outcome`` per item
as it finishes; one failure never stops the others. ``RecordLog`` appends each outcome as one
JSON line with a single ``write``, so a killed run loses at most the articles in flight and
never leaves half a record (a torn last line, after a power cut, is cut off when the log is
reopened). ``summarize_item`` is the one way an item becomes an outcome, for the Batch API's
replays; ``asummarize_item`` is the same on the event loop, for ``summarize_many`` and the Ray
workers of ``cluster.py``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import glob
import json
import os
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import feed
from .errors import BudgetExceeded, InputError, SummarizationError, SummarizerError
from .gate import MAX_ARTICLE_BYTES
from .ingest import SUFFIXES, Article, read_article
from .pipeline import Summarizer
from .result import BriefResult

__all__ = [
    "BatchItem",
    "Budget",
    "Outcome",
    "RecordLog",
    "asummarize_item",
    "collect_inputs",
    "summarize_item",
    "summarize_many",
]


@dataclass(frozen=True)
class BatchItem:
    id: str
    article: Article | None = None
    error: SummarizerError | None = None


@dataclass(frozen=True)
class Outcome:
    id: str
    result: BriefResult | None
    error: SummarizerError | None
    elapsed_s: float
    #: The record as one JSON line, when ``summarize_many(serialize=True)`` made it in the
    #: worker thread (the event loop then only writes it).
    line: bytes | None = field(default=None, repr=False, compare=False)
    #: False when the batch's budget was spent before this article started (nothing written
    #: for it: a later ``--resume`` does it).
    started: bool = True
    #: Where a Ray worker made it (``{"id": ray node id, "host", "pid"}``); None in threads.
    node: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return self.result is not None

    @property
    def cache_hit(self) -> bool:
        """Answered wholly from the cache: no model request made."""
        run = self.result.run if self.result else None
        return bool(run and run.cache_hits and not run.requests)

    @property
    def tokens(self) -> int:
        return self.result.run.usage.total_tokens if self.result else 0

    def record(self) -> dict[str, Any]:
        """The JSON line written for this article (``node`` only from a Ray worker)."""
        run = self.result.run if self.result else None
        record = {
            "id": self.id,
            "ok": self.ok,
            "envelope": self.result.model_dump(mode="json") if self.result else None,
            "error": None
            if self.error is None
            else {
                "type": type(self.error).__name__,
                "message": str(self.error),
                "exit_code": self.error.exit_code,
            },
            "usage": run.usage.model_dump() if run else None,
            "elapsed_s": round(self.elapsed_s, 3),
            "cache_hit": self.cache_hit,
        }
        if self.node is not None:
            record["node"] = self.node
        return record

    def jsonl(self) -> bytes:
        """The record as one line of JSON, newline included."""
        if self.line is not None:
            return self.line
        return (json.dumps(self.record(), ensure_ascii=False) + "\n").encode()


def collect_inputs(
    inputs: Iterable[str], *, date: dt.date | None = None, max_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[BatchItem]:
    """Items from paths, folders (searched recursively), globs and ``.jsonl`` files, in order;
    each article through the gate with ``max_bytes``."""
    seen: set[str] = set()
    for item in _expand(inputs, date, max_bytes):
        if item.id in seen:
            item = BatchItem(item.id, error=InputError(f"{item.id}: duplicate id, skipped"))
            yield item
            continue
        seen.add(item.id)
        yield item


def _expand(inputs: Iterable[str], date: dt.date | None, max_bytes: int) -> Iterator[BatchItem]:
    for spec in inputs:
        paths = (
            [Path(p) for p in sorted(glob.glob(spec, recursive=True))]
            if _is_glob(spec)
            else [Path(spec)]
        )
        if not paths:
            yield BatchItem(spec, error=InputError(f"{spec}: no file matches"))
        for path in paths:
            if path.is_dir():
                for found in sorted(path.rglob("*")):
                    if found.is_file() and found.suffix.lower() in SUFFIXES:
                        yield _file_item(found, date, max_bytes)
            elif path.suffix.lower() == ".jsonl" and path.is_file():
                yield from _jsonl_items(path, date, max_bytes)
            else:
                yield _file_item(path, date, max_bytes)


def _is_glob(spec: str) -> bool:
    return any(char in spec for char in "*?[")


def _file_item(path: Path, date: dt.date | None, max_bytes: int) -> BatchItem:
    try:
        return BatchItem(str(path), article=read_article(path, date=date, max_bytes=max_bytes))
    except InputError as exc:
        return BatchItem(str(path), error=exc)


def _jsonl_items(path: Path, date: dt.date | None, max_bytes: int) -> Iterator[BatchItem]:
    """The records of a JSONL feed, streamed: no line is held beyond the feed's line limit."""
    try:
        with path.open("rb") as handle:
            for line in feed.lines(handle, feed.line_limit(max_bytes)):
                if line.data is not None and not line.data.strip():
                    continue
                ident, got = feed.record(line, str(path), date=date, max_bytes=max_bytes)
                if isinstance(got, InputError):
                    yield BatchItem(ident, error=got)
                else:
                    yield BatchItem(ident, article=got)
    except OSError as exc:
        yield BatchItem(str(path), error=InputError(f"{path}: cannot read ({exc.strerror})"))


@dataclass
class Budget:
    """What a batch may spend: model requests and/or tokens (None: no limit). Once either is
    spent, no new article starts; those in flight finish, so the total can pass the budget by
    what they cost (at most ``concurrency`` × ``Settings.max_requests`` requests)."""

    requests: int | None = None
    tokens: int | None = None
    spent_requests: int = 0
    spent_tokens: int = 0

    def spend(self, outcome: Outcome) -> None:
        if outcome.result is not None:
            self.spent_requests += outcome.result.run.requests
            self.spent_tokens += outcome.tokens
        elif isinstance(outcome.error, SummarizationError):
            self.spent_requests += outcome.error.attempts

    def spent(self) -> BudgetExceeded | None:
        """The error that stops new work, once the budget is spent."""
        for what, limit, used in (("requests", self.requests, self.spent_requests),
                                  ("tokens", self.tokens, self.spent_tokens)):  # fmt: skip
            if limit is not None and used >= limit:
                return BudgetExceeded(
                    f"the batch budget of {limit} {what} is spent ({used} used); not started",
                    limit=limit, what=what,
                )  # fmt: skip
        return None


def summarize_item(summarizer: Summarizer, item: BatchItem) -> Outcome:
    """The outcome of one item: its brief, or the error that stopped it (never raised)."""
    if item.article is None:
        return Outcome(item.id, None, item.error, 0.0)
    started = time.perf_counter()
    try:
        result = summarizer.summarize(item.article)
    except SummarizerError as exc:
        return Outcome(item.id, None, exc, time.perf_counter() - started)
    return Outcome(item.id, result, None, time.perf_counter() - started)


async def asummarize_item(
    summarizer: Summarizer, item: BatchItem, *, node: dict[str, Any] | None = None
) -> Outcome:
    """``summarize_item`` on the event loop (``Summarizer.asummarize``); ``node`` says which
    Ray worker made it."""
    if item.article is None:
        return Outcome(item.id, None, item.error, 0.0, node=node)
    started = time.perf_counter()
    try:
        result = await summarizer.asummarize(item.article)
    except SummarizerError as exc:
        return Outcome(item.id, None, exc, time.perf_counter() - started, node=node)
    return Outcome(item.id, result, None, time.perf_counter() - started, node=node)


async def summarize_many(
    items: Iterable[BatchItem | Article],
    summarizer: Summarizer | None = None,
    *,
    concurrency: int = 4,
    serialize: bool = False,
    budget: Budget | None = None,
) -> AsyncIterator[Outcome]:
    """Summarize ``items`` with up to ``concurrency`` at once; yield outcomes as they finish.
    With a ``budget``, an article that would start once it is spent comes out unstarted
    (``Outcome.started`` False, its error a ``BudgetExceeded``).

    Plain ``Article``s are named by their source. Every article is a task on the running
    event loop (``Summarizer.asummarize``): an endpoint's requests are awaited through
    ``openai.AsyncOpenAI``, hundreds in flight with no thread per request (llama.cpp, which
    blocks, is called in a worker thread, one call at a time). With ``serialize`` each
    outcome also carries its JSONL record (``Outcome.line``). The summarizer's connections
    on this loop are closed at the end (``Summarizer.aclose``).
    """
    summarizer = summarizer or Summarizer()
    queue = [
        item if isinstance(item, BatchItem) else BatchItem(item.source, article=item)
        for item in items
    ]
    semaphore = asyncio.Semaphore(max(concurrency, 1))

    async def one(item: BatchItem) -> Outcome:
        if item.article is None:
            outcome = await asummarize_item(summarizer, item)  # its error: nothing to wait for
        else:
            async with semaphore:
                stop = budget.spent() if budget else None
                if stop is not None:
                    return Outcome(item.id, None, stop, 0.0, started=False)
                outcome = await asummarize_item(summarizer, item)
                if budget:
                    budget.spend(outcome)
        return replace(outcome, line=outcome.jsonl()) if serialize else outcome

    # Once, in a thread, what a first call loads lazily (~0.4 s), not on the loop.
    await asyncio.to_thread(summarizer.warm_up)
    tasks = [asyncio.ensure_future(one(item)) for item in queue]
    try:
        for next_done in asyncio.as_completed(tasks):
            yield await next_done
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await summarizer.aclose()  # this loop's connections: the loop may end with the batch


class RecordLog:
    """An append-only JSONL file of outcomes; knows which ids it already holds."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.done: set[str] = set()
        if self.path.exists():
            self._repair_and_read()

    def _repair_and_read(self) -> None:
        data = self.path.read_bytes()
        keep = data.rfind(b"\n") + 1  # a torn last line (a kill mid-write) is cut off
        if keep < len(data):
            with self.path.open("r+b") as handle:
                handle.truncate(keep)
        for line in data[:keep].splitlines():
            try:
                self.done.add(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                continue

    def append(self, outcome: Outcome) -> None:
        self.write(outcome.id, outcome.jsonl())

    def write(self, ident: str, line: bytes) -> None:
        """Append one record, made elsewhere, as its whole line."""
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            # One write() of the whole line: once it returns, the record survives a killed
            # process. No fsync (it would stall the event loop at every record): a power cut
            # may lose the last records, never leave a torn one unrepaired (see above).
            written = os.write(fd, line)
            if written != len(line):
                raise OSError(f"short write to {self.path}")
        finally:
            os.close(fd)
        self.done.add(ident)
