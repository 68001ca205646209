"""Progress of a batch run on stderr: a rich bar on a terminal, plain lines otherwise, or nothing
(``summary``: only the table, when Ray draws its own bars).

Ends with a summary table (ok, failed, cached, tokens, wall time). ``PollProgress`` shows the
batches of a Batch API run while they are waited for, as the API counts their requests.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from types import TracebackType
from typing import Literal, Protocol

from openai.types import Batch
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

__all__ = ["BatchProgress", "Done", "PollProgress", "Totals"]

Style = Literal["bar", "lines", "summary", "quiet"]


class Done(Protocol):
    """An article finished: a ``batch.Outcome``, or a ``cluster.Finished`` from a Ray worker."""

    @property
    def id(self) -> str: ...
    @property
    def ok(self) -> bool: ...
    @property
    def cache_hit(self) -> bool: ...
    @property
    def tokens(self) -> int: ...
    @property
    def elapsed_s(self) -> float: ...
    @property
    def error(self) -> object: ...
    @property
    def started(self) -> bool: ...


@dataclass
class Totals:
    ok: int = 0
    failed: int = 0
    cached: int = 0
    skipped: int = 0
    #: Not started: the batch's budget was spent.
    unstarted: int = 0
    tokens: int = 0
    started: float = field(default_factory=time.monotonic)

    def add(self, outcome: Done) -> None:
        if not outcome.started:
            self.unstarted += 1
            return
        self.ok += outcome.ok
        self.failed += not outcome.ok
        self.cached += outcome.cache_hit
        self.tokens += outcome.tokens


class BatchProgress:
    """Shows a batch as it runs; ``style`` is ``bar``, ``lines``, ``summary`` or ``quiet``."""

    def __init__(self, total: int, style: Style | None = None) -> None:
        self.total = total
        self.style = style or ("bar" if sys.stderr.isatty() else "lines")
        self.totals = Totals()
        self.console = Console(stderr=True)
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> BatchProgress:
        if self.style == "bar":
            self._bar = Progress(
                TextColumn("summarizing"),
                BarColumn(),
                MofNCompleteColumn(),
                TaskProgressColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=self.console,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task("batch", total=self.total, rate="")
        return self

    def advance(self, outcome: Done) -> None:
        self.totals.add(outcome)
        if not outcome.started:
            return
        done = self.totals.ok + self.totals.failed
        if self._bar is not None and self._task is not None:
            elapsed = max(time.monotonic() - self.totals.started, 1e-9)
            self._bar.update(self._task, advance=1, rate=f"{done / elapsed:.1f}/s")
        elif self.style == "lines":
            status = "ok" if outcome.ok else f"FAILED: {outcome.error}"
            cached = " (cached)" if outcome.cache_hit else ""
            print(f"[{done}/{self.total}] {outcome.id} {status}{cached} {outcome.elapsed_s:.1f}s",
                  file=sys.stderr, flush=True)  # fmt: skip

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.__exit__(kind, value, traceback)
        if self.style == "quiet":
            return
        t = self.totals
        table = Table(title="batch summary")
        columns = ["ok", "failed", "cached", "skipped (resume)", "tokens", "wall time"]
        wall = time.monotonic() - t.started
        row = [str(t.ok), str(t.failed), str(t.cached), str(t.skipped), str(t.tokens),
               f"{wall:.1f} s"]  # fmt: skip
        if t.unstarted:
            columns.insert(4, "not started (budget)")
            row.insert(4, str(t.unstarted))
        for column in columns:
            table.add_column(column, justify="right")
        table.add_row(*row)
        self.console.print(table)


class PollProgress:
    """The batches waited for, from the API's ``request_counts`` (completed, failed, total):
    a bar on a terminal, a line whenever the counts change otherwise, nothing when ``quiet``.
    Called with the batches at every poll (``collect_batch``'s ``on_poll``)."""

    def __init__(self, style: Style | None = None) -> None:
        self.style = style or ("bar" if sys.stderr.isatty() else "lines")
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._last = ""

    def __enter__(self) -> PollProgress:
        if self.style == "bar":
            self._bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TextColumn("{task.fields[failed]} failed"),
                                 TimeElapsedColumn(), console=Console(stderr=True))  # fmt: skip
            self._bar.__enter__()
        return self

    def __call__(self, batches: list[Batch]) -> None:
        counts = [b.request_counts for b in batches if b.request_counts]
        done, failed = sum(c.completed for c in counts), sum(c.failed for c in counts)
        total = sum(c.total for c in counts)
        statuses = ", ".join(sorted({b.status for b in batches}))
        what = f"{len(batches)} batch(es) {statuses}"
        if self._bar is not None:
            if self._task is None:
                self._task = self._bar.add_task(what, total=total, failed=0)
            self._bar.update(self._task, description=what, total=total, completed=done + failed,
                             failed=failed)  # fmt: skip
        elif self.style == "lines":
            line = f"{what}: {done} completed, {failed} failed, of {total} requests"
            if line != self._last:
                print(line, file=sys.stderr, flush=True)
            self._last = line

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
