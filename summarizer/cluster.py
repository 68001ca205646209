"""Cluster: batch briefs on a Ray cluster (``batch --engine ray``, ``summarize_dataset``).

Ray Data does the scheduling; this module only says what a worker is. The articles are a
dataset of rows ``{"id", "text", "date"?, "source"?, "title"?}`` (the fields of a batch JSONL
line, ``source`` for its ``url``). ``map_batches`` hands them to an **actor pool**: each actor
builds one ``Summarizer`` once (one client, the embedded model loaded once) and briefs each
batch on an event loop of its own, ``threads`` articles at once, through
``batch.asummarize_item``, the path of the in-process batch, so a record is the in-process
batch's record plus ``node`` (the Ray node id, host and pid of the worker that made it). A
failed article is a record with its error; it never fails the job.

Faults are Ray's business: a worker process that dies is restarted and its unfinished tasks
are sent again (Ray Data's actor pools default to ``max_restarts=-1`` and
``max_task_retries=-1``); one task is one batch, whose rows come out when it has finished, so
each article comes out once. Ray and its data library (with pandas and
pyarrow) are the ``cluster`` extra; nothing here imports them before a run asks for them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import math
import os
import socket
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .batch import BatchItem, Outcome, asummarize_item
from .errors import ConfigError, InputError
from .extras import import_extra
from .ingest import article_from_text
from .pipeline import Summarizer
from .settings import Settings

if TYPE_CHECKING:
    import pyarrow
    import ray.data

__all__ = ["BriefWorker", "Finished", "article_row", "connect", "run_batch", "summarize_dataset"]

logger = logging.getLogger("summarizer")
FEATURE = "the Ray engine (--engine ray)"


def connect(address: str | None = None, *, quiet: bool = False, verbose: bool = False) -> None:
    """Join the Ray cluster at ``address`` (default: ``RAY_ADDRESS``, else a local instance on
    this machine's CPUs); nothing to do when this process already joined one. ``quiet``: no
    progress bars and errors only; ``verbose``: Ray's own informational logs too."""
    if not verbose:  # the core's C++ log in this process (read when Ray starts): Ray Data's
        # actor pools alone log an error-looking line ("constructor arguments in the object
        # store") at every job; what fails reaches us as Python exceptions anyway.
        os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    ray = import_extra("ray", FEATURE)
    data = import_extra("ray.data", FEATURE)
    data.DataContext.get_current().enable_progress_bars = not quiet
    level = logging.INFO if verbose else logging.ERROR if quiet else logging.WARNING
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(level)
    if ray.is_initialized():
        return
    try:
        ray.init(address=address, logging_level=level, configure_logging=False)
    except (ConnectionError, ValueError, RuntimeError) as exc:
        where = address or os.environ.get("RAY_ADDRESS") or "a local instance"
        raise ConfigError(f"cannot join the Ray cluster at {where} ({exc})") from exc


def article_row(item: BatchItem) -> dict[str, Any]:
    """An article read on this machine as a dataset row, for workers that cannot read its file."""
    if item.article is None:
        raise ValueError(f"{item.id}: no article to send")
    article = item.article
    date = article.date.isoformat() if article.date else None
    return {"id": item.id, "text": article.text, "date": date, "source": article.source,
            "title": article.title}  # fmt: skip


def _item(row: Mapping[str, Any], max_bytes: int) -> BatchItem:
    """A dataset row as a batch item: the article, or the error that stops it being one (the
    same gate as every other way in: ``max_bytes``, encoding, emptiness)."""
    ident = str(row["id"])
    try:
        text, when = row["text"], row.get("date")
        if not isinstance(text, str):
            raise TypeError("text must be a string")
        date = dt.date.fromisoformat(str(when)) if when else None
        article = article_from_text(text, date=date, source=row.get("source") or ident,
                                    max_bytes=max_bytes, field="text")  # fmt: skip
    except InputError as exc:
        return BatchItem(ident, error=exc)
    except (KeyError, TypeError, ValueError) as exc:
        return BatchItem(ident, error=InputError(f"{ident}: bad row ({exc})"))
    title = row.get("title")
    return BatchItem(ident, article=replace(article, title=title) if title else article)


class BriefWorker:
    """One actor of the pool: one ``Summarizer``, built once, briefing batches on one event
    loop of its own (``asummarize_item``, the path of the in-process batch), ``threads``
    articles at once across the batches in flight."""

    def __init__(self, settings: Settings, threads: int = 4) -> None:
        ray = import_extra("ray", FEATURE)
        # This process is the actor's own: quiet instructor's log of every failed attempt, as
        # the command line does (each record says what failed).
        logging.getLogger("instructor").setLevel(logging.CRITICAL)
        self.summarizer = Summarizer(settings)
        self.summarizer.warm_up()  # the provider built and the model loaded, once per actor
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, name="briefs", daemon=True).start()
        self.slots = asyncio.Semaphore(threads)  # bound to the loop that first awaits it
        node_id = ray.get_runtime_context().get_node_id()
        self.node = {"id": node_id, "host": socket.gethostname(), "pid": os.getpid()}

    def __call__(self, batch: pyarrow.Table) -> pyarrow.Table:
        pyarrow = import_extra("pyarrow", FEATURE)
        limit = self.summarizer.settings.max_article_bytes
        items = [_item(row, limit) for row in batch.to_pylist()]
        outcomes = asyncio.run_coroutine_threadsafe(self._briefs(items), self.loop).result()
        return pyarrow.Table.from_pylist([_row(outcome) for outcome in outcomes])

    async def _briefs(self, items: list[BatchItem]) -> list[Outcome]:
        return list(await asyncio.gather(*(self._brief(item) for item in items)))

    async def _brief(self, item: BatchItem) -> Outcome:
        async with self.slots:
            return await asummarize_item(self.summarizer, item, node=self.node)


def _row(outcome: Outcome) -> dict[str, Any]:
    return {"id": outcome.id, "ok": outcome.ok, "cache_hit": outcome.cache_hit,
            "tokens": outcome.tokens, "elapsed_s": outcome.elapsed_s,
            "error": "" if outcome.error is None else str(outcome.error),
            "record": outcome.jsonl().decode().removesuffix("\n")}  # fmt: skip


def summarize_dataset(
    dataset: ray.data.Dataset,
    summarizer_options: Settings | Mapping[str, Any] | None = None,
    *,
    workers: int = 2,
    threads: int = 4,
    batch_size: int | None = None,
    cpus_per_worker: float = 1.0,
) -> ray.data.Dataset:
    """Brief every row of ``dataset`` on an actor pool of ``workers``, each ``threads`` at once.

    ``summarizer_options`` are ``Settings`` or keyword options for ``Settings.from_env``; what
    this machine's environment decides (provider, endpoint, key) is written into them for the
    workers. The result has one row per article: ``id``, ``ok``, ``cache_hit``, ``tokens``,
    ``elapsed_s``, ``error`` ("" when none) and ``record``, the batch's JSON line for it.
    Lazy, as Ray datasets are: iterate it or write it to run it.
    """
    data = import_extra("ray.data", FEATURE)
    if workers < 1 or threads < 1:
        raise ConfigError("workers and threads: at least 1 each")
    if isinstance(summarizer_options, Settings):
        settings = summarizer_options
    else:
        settings = Settings.from_env(**dict(summarizer_options or {}))
    if settings.cache and settings.cache_url:  # fail here, not in every worker
        import_extra("redis", "the Redis cache (--cache-url)")
    pool = data.ActorPoolStrategy(
        size=workers,
        # Two batches in flight per actor, their articles sharing its threads: no idle gap
        # between one batch and the next.
        max_concurrent_calls_per_actor=2,
        enable_true_multi_threading=True,
    )
    return dataset.map_batches(
        BriefWorker,
        fn_constructor_kwargs={"settings": settings.portable(), "threads": threads},
        batch_size=batch_size or threads,
        batch_format="pyarrow",
        compute=pool,
        num_cpus=cpus_per_worker,
        # Ray Data's actor pools restart a dead actor and resend its tasks by default
        # (max_restarts=-1, max_task_retries=-1); tests/test_cluster_nodes.py kills one.
    )


@dataclass(frozen=True)
class Finished:
    """One article's outcome as a worker reported it: what the progress display and the log
    need, and the record's line."""

    id: str
    ok: bool
    cache_hit: bool
    tokens: int
    elapsed_s: float
    error: str | None
    line: bytes
    started: bool = True  # a Ray batch carries no budget: every article it gets, it starts


def run_batch(
    items: Iterable[BatchItem], settings: Settings, *, workers: int, threads: int
) -> Iterator[Finished]:
    """Brief ``items`` (read on this machine) on the joined cluster; yield each as it comes."""
    data = import_extra("ray.data", FEATURE)
    rows = [article_row(item) for item in items]
    if not rows:
        return
    # One block per batch: a task is one batch, so a retried task repeats no other article.
    dataset = data.from_items(rows, override_num_blocks=math.ceil(len(rows) / threads))
    results = summarize_dataset(dataset, settings, workers=workers, threads=threads)
    for row in results.iter_rows():
        line = (row["record"] + "\n").encode()
        yield Finished(id=row["id"], ok=row["ok"], cache_hit=row["cache_hit"],
                       tokens=row["tokens"], elapsed_s=row["elapsed_s"],
                       error=row["error"] or None, line=line)  # fmt: skip
