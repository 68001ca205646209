"""The state file of a run through the OpenAI Batch API: what was paid for, so nothing is twice.

It sits next to the records (``out.jsonl.batch-state.json``) and is rewritten atomically
(``files.write_json_atomic``) at each step that spends: right after an input file is uploaded
(its file id, no batch yet), right after the batch is created (its id), and when a batch ends.
A killed run resumed from it polls the batches it names, creates the batch of an upload that
has none, and downloads what finished; it never uploads or creates again what the file holds::

    {"format": 1, "endpoint": "https://api.openai.com/v1/", "model": "gpt-4o-mini",
     "round": 2,
     "batches": [{"id": "batch_abc", "input_file_id": "file-xyz", "round": 1,
                  "status": "completed",
                  "requests": {"r1-0": ["article id", "<cache key>"], ...}}, ...]}

``requests`` maps each line's ``custom_id`` to the article that first asked it and the
request's cache key (``cache.cache_key``), by which the answer is looked up.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError, InputError
from .files import write_json_atomic

__all__ = ["STATE_SUFFIX", "BatchJob", "BatchState", "state_path_for"]

STATE_FORMAT = 1
STATE_SUFFIX = ".batch-state.json"
#: The statuses after which a batch changes no more.
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})


def state_path_for(out: str | Path) -> Path:
    """Where the state of the run writing ``out`` is kept: ``out`` + ``.batch-state.json``."""
    out = Path(out)
    return out.with_name(out.name + STATE_SUFFIX)


@dataclass
class BatchJob:
    """One batch: its input file, and its id once created (None: uploaded, not created)."""

    input_file_id: str
    round: int
    #: custom_id -> (article id, cache key)
    requests: dict[str, tuple[str, str]]
    id: str | None = None
    status: str = "uploaded"

    @property
    def finished(self) -> bool:
        return self.status in TERMINAL


@dataclass
class BatchState:
    """Every batch a run made, in the order made, saved to ``path`` after each change."""

    path: Path
    endpoint: str
    model: str
    round: int = 0
    batches: list[BatchJob] = field(default_factory=list)

    def save(self) -> None:
        data: dict[str, Any] = {
            "format": STATE_FORMAT,
            "endpoint": self.endpoint,
            "model": self.model,
            "round": self.round,
            "batches": [
                {"id": job.id, "input_file_id": job.input_file_id, "round": job.round,
                 "status": job.status, "requests": {c: list(r) for c, r in job.requests.items()}}
                for job in self.batches
            ],
        }  # fmt: skip
        try:
            write_json_atomic(self.path, data)
        except OSError as exc:
            raise InputError(f"{self.path}: cannot write the batch state ({exc.strerror})") from exc

    @classmethod
    def load(cls, path: str | Path) -> BatchState:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != STATE_FORMAT:
                raise ValueError(f"format {data.get('format')!r}, not {STATE_FORMAT}")
            batches = [
                BatchJob(job["input_file_id"], int(job["round"]),
                         {c: (str(r[0]), str(r[1])) for c, r in job["requests"].items()},
                         job["id"], job["status"])
                for job in data["batches"]
            ]  # fmt: skip
            return cls(path, data["endpoint"], data["model"], int(data["round"]), batches)
        except OSError as exc:
            raise InputError(f"{path}: cannot read the batch state ({exc.strerror})") from exc
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            raise InputError(f"{path}: not a batch state file ({exc})") from exc

    def check(self, endpoint: str, model: str) -> None:
        """A state is resumed against the endpoint and model that made its batches."""
        if (self.endpoint, self.model) != (endpoint, model):
            raise ConfigError(
                f"{self.path}: its batches were made at {self.endpoint} for model {self.model}, "
                f"not {endpoint} for {model}; resume with those options"
            )

    def submissions(self) -> Counter[str]:
        """How many batches each request (by cache key) was sent in."""
        return Counter(key for job in self.batches for _, key in job.requests.values())

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)
