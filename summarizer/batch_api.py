"""Many articles through OpenAI's Batch API (half the price, answers within 24 h), briefed by the
one pipeline a direct call uses.

``submit_batch`` runs ``Summarizer.summarize`` on every article with a ``DeferringProvider``
(``deferred.py``) that has no answers yet: each article's first request is captured instead of
sent, and the requests are uploaded as JSONL and made into batches (split by ``BatchLimits``).
``collect_batch`` waits for the batches, reads their answers, and runs ``summarize`` again for
every open article: the answers are replayed, validated and grounded as direct answers are; an
article that needs another request (a re-ask, the next call of a multi-call strategy) defers it
to the next round's batch, or with ``reask="direct"`` sends it to the endpoint. Every article
ends with exactly one ``Outcome``, the record the threaded batch writes.

Failures: a per-request HTTP 400 (or a failed or cancelled batch) is the article's failure;
transient ones (429, 5xx, ``batch_expired``, what an expired batch left) are sent again in the
next round, in at most the retry policy's ``max_attempts`` batches in all (``--retries``,
default 5). Everything spent is in the state file (``batch_state.py``) before the next step, so
a run killed at any point is collected by ``collect_batch`` again without paying twice.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from openai.types import Batch

from .batch import BatchItem, Outcome, summarize_item
from .batch_client import ENDPOINT, Answer, BatchClient
from .batch_state import BatchJob, BatchState
from .deferred import AnswersFirst, Deferred, DeferringProvider, quiet_deferrals
from .errors import ConfigError, InputError
from .ingest import Article
from .pipeline import Summarizer
from .providers import OpenAIProvider
from .retry import RetryPolicy

__all__ = ["BatchLimits", "Reask", "collect_batch", "submit_batch"]

Reask = Literal["batch", "direct"]
#: Poll callback: the batches of the round being waited for, as the API last described them.
OnPoll = Callable[[list[Batch]], None]
#: SDK keys that shape how a request is sent, never its body.
_NOT_BODY = ("timeout", "extra_headers", "extra_query", "extra_body")


@dataclass(frozen=True)
class BatchLimits:
    """How large one batch may be: OpenAI allows 50,000 requests and a 200 MB input file."""

    requests: int = 50_000
    bytes: int = 200_000_000

    def __post_init__(self) -> None:
        if self.requests < 1 or self.bytes < 1024:
            raise ConfigError("batch limits: at least 1 request and 1,024 bytes a batch")


class _Run:
    """One summarizer's rounds against one state file."""

    def __init__(self, summarizer: Summarizer | None, state_path: str | Path) -> None:
        summarizer = summarizer or Summarizer()
        real = summarizer.provider
        if not isinstance(real, OpenAIProvider):
            raise ConfigError(
                f"the Batch API needs the openai provider (an OpenAI-compatible endpoint), not "
                f"{real.name!r}: pass --provider openai, or --via direct"
            )
        self.real = real
        settings = summarizer.settings
        policy = settings.retry
        self.client = BatchClient(real, policy)
        self.answers: dict[str, Answer] = {}
        self.provider = DeferringProvider(
            real, self.answers,
            max_sends=policy.max_attempts if isinstance(policy, RetryPolicy) else 5,
        )  # fmt: skip
        # Replays are no requests: no rate limit between them. A request a batch of this run
        # answered is replayed, not read from the cache: the record counts it as the request
        # (and tokens) it was. The cache is the caller's, seen through ``AnswersFirst``.
        store = AnswersFirst(summarizer.cache, self.answers)
        self.summarizer = Summarizer(replace(settings, rpm=None), provider=self.provider,
                                     store=store)  # fmt: skip
        self.state_path = Path(state_path)
        self.collected: set[str] = set()
        quiet_deferrals()

    def new_state(self) -> BatchState:
        return BatchState(self.state_path, self.real.endpoint, self.real.model)

    def load_state(self) -> BatchState:
        state = BatchState.load(self.state_path)
        state.check(self.real.endpoint, self.real.model)
        self.provider.sent = state.submissions()
        return state

    def settle(self, items: Iterable[BatchItem],
               deferred: dict[str, tuple[str, Deferred]]) -> Iterator[Outcome]:  # fmt: skip
        """Run each item through the pipeline: yield its outcome when it has one, else note
        in ``deferred`` (key -> (article id, request)) the request that keeps it open."""
        for item in items:
            self.provider.begin()
            outcome = summarize_item(self.summarizer, item)
            if isinstance(outcome.error, Deferred):
                deferred.setdefault(outcome.error.key, (item.id, outcome.error.detached()))
            else:
                yield outcome

    def submit(self, state: BatchState, deferred: dict[str, tuple[str, Deferred]],
               limits: BatchLimits) -> None:  # fmt: skip
        """Upload ``deferred`` (key -> (article id, request)) as the next round's batches."""
        state.round += 1
        chunks = _split(deferred, limits, self.real.model, state.round)
        for n, (lines, requests) in enumerate(chunks):
            name = f"summarizer-round{state.round}-{n}.jsonl"
            job = BatchJob(self.client.upload(lines, name), state.round, requests)
            state.batches.append(job)
            state.save()  # the file id first: a kill now does not upload it again
            self.create(state, job)
        self.provider.sent = state.submissions()

    def create(self, state: BatchState, job: BatchJob, *, resumed: bool = False) -> None:
        """Make ``job``'s batch, or, resumed, find the one a killed run made and did not save."""
        made = self.client.find(job.input_file_id) if resumed else None
        metadata = {"summarizer_state": self.state_path.name[:512]}
        made = made or self.client.create(job.input_file_id, metadata)
        job.id, job.status = made.id, made.status
        state.save()

    def wait(self, state: BatchState, poll_interval: float, on_poll: OnPoll | None) -> None:
        """Create what was uploaded and not created, wait for every batch to end, and read
        the answers of those not read yet."""
        for job in state.batches:
            if job.id is None:
                self.create(state, job, resumed=True)
        open_jobs = [job for job in state.batches if job.id not in self.collected]
        if not open_jobs:
            return
        while True:
            seen = {job.id: self.client.retrieve(str(job.id)) for job in open_jobs}
            for job in open_jobs:
                job.status = seen[job.id].status
            if on_poll is not None:
                on_poll(list(seen.values()))
            if all(job.finished for job in open_jobs):
                break
            time.sleep(poll_interval)
        for job in open_jobs:
            got = self.client.answers(seen[job.id], job.requests)
            self.answers |= {key: got[custom_id] for custom_id, (_, key) in job.requests.items()}
            self.collected.add(str(job.id))
        state.save()


def _split(deferred: dict[str, tuple[str, Deferred]], limits: BatchLimits, model: str,
           round_: int) -> Iterator[tuple[bytes, dict[str, tuple[str, str]]]]:  # fmt: skip
    """The requests as JSONL input files within ``limits``, with each file's custom_ids."""
    lines: list[bytes] = []
    requests: dict[str, tuple[str, str]] = {}
    size = 0
    for n, (key, (article_id, got)) in enumerate(deferred.items()):
        body = {k: v for k, v in got.request.items() if k not in _NOT_BODY}
        body.update(got.request.get("extra_body") or {})
        custom_id = f"r{round_}-{n}"
        line = {"custom_id": custom_id, "method": "POST", "url": ENDPOINT,
                "body": {**body, "model": model}}  # fmt: skip
        data = (json.dumps(line, ensure_ascii=False) + "\n").encode()
        if len(data) > limits.bytes:
            raise InputError(f"article {article_id!r}: one request of {len(data):,} bytes is "
                             f"over the batch file limit of {limits.bytes:,}")  # fmt: skip
        if lines and (len(lines) >= limits.requests or size + len(data) > limits.bytes):
            yield b"".join(lines), requests
            lines, requests, size = [], {}, 0
        lines.append(data)
        requests[custom_id] = (article_id, key)
        size += len(data)
    if lines:
        yield b"".join(lines), requests


def _items(items: Iterable[BatchItem | Article]) -> list[BatchItem]:
    return [i if isinstance(i, BatchItem) else BatchItem(i.source, article=i) for i in items]


def submit_batch(
    items: Iterable[BatchItem | Article],
    state_path: str | Path,
    summarizer: Summarizer | None = None,
    *,
    limits: BatchLimits = BatchLimits(),
) -> list[str]:
    """Send each article's first request in batches (pay), without waiting; return the batch
    ids. The state is written to ``state_path``, which must not exist yet; ``collect_batch``
    with the same items and path waits for the batches and makes the outcomes. Articles the
    cache answers wholly need no batch."""
    run = _Run(summarizer, state_path)
    if run.state_path.exists():
        raise InputError(f"{run.state_path}: a batch run is in flight; collect it, or remove it")
    state = run.new_state()
    state.save()
    todo = [item for item in _items(items) if item.article is not None]
    deferred: dict[str, tuple[str, Deferred]] = {}
    for _settled in run.settle(todo, deferred):
        pass  # answered from the cache, or failed before any request: collect_batch says it
    if deferred:
        run.submit(state, deferred, limits)
    return [str(job.id) for job in state.batches]


def collect_batch(
    items: Iterable[BatchItem | Article],
    state_path: str | Path,
    summarizer: Summarizer | None = None,
    *,
    reask: Reask = "batch",
    poll_interval: float = 30.0,
    limits: BatchLimits = BatchLimits(),
    on_poll: OnPoll | None = None,
) -> Iterator[Outcome]:
    """Wait for the batches ``state_path`` names, then yield one ``Outcome`` per item as it is
    settled, sending re-asks and later calls in further batches (``reask="batch"``) or to the
    endpoint (``"direct"``). The state file is removed once the last outcome was taken; a
    consumer that stops early (or a killed process) leaves it for a later call."""
    if reask not in ("batch", "direct"):
        raise ConfigError(f"reask {reask!r}: use batch or direct")
    run = _Run(summarizer, state_path)
    state = run.load_state()
    open_items: dict[str, BatchItem] = {}
    for item in _items(items):
        if item.article is None:
            yield summarize_item(run.summarizer, item)
        else:
            open_items[item.id] = item
    while True:
        run.wait(state, poll_interval, on_poll)
        run.provider.direct = reask == "direct"
        deferred: dict[str, tuple[str, Deferred]] = {}
        for outcome in run.settle(list(open_items.values()), deferred):
            del open_items[outcome.id]
            yield outcome
        if not deferred:
            break
        run.submit(state, deferred, limits)
    state.remove()
