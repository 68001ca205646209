"""Recorded model responses: record them from any provider, replay them with no model at all.

A recording is a JSON file::

    {"format": 1, "provider": "local", "model": "...", "prompt_version": "...",
     "strategy": "whole", "attempts": 2, "chunk_chars": 12288,
     "article": "fixtures/articles/x.txt",
     "hand_written": false, "note": "...", "responses": [<ChatCompletion as JSON>, ...]}

``ReplayProvider`` answers each request with the next recorded response, keeps the requests it
was sent, fails the run (``SummarizationError``) when asked more than it holds, and
``assert_played()`` fails when a recording was not played to the end.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openai.types.chat import ChatCompletion

from .errors import SummarizationError
from .files import write_json_atomic
from .providers import ModeName, OpenAIProvider, Provider

__all__ = ["RecordingProvider", "ReplayProvider", "load_recording", "replay_options"]

RECORDING_FORMAT = 1


class ReplayProvider:
    """Plays back completions in order. ``enqueue`` adds more; ``requests`` keeps what was sent."""

    name = "replay"

    def __init__(
        self,
        responses: Iterable[ChatCompletion | dict[str, Any]] = (),
        *,
        model: str = "replay",
        modes: tuple[ModeName, ...] = OpenAIProvider.modes,
    ) -> None:
        self.model = model
        self.identity = f"replay {model}"
        self.modes = modes
        self._queue: list[ChatCompletion | Exception] = []
        self.requests: list[dict[str, Any]] = []
        self.enqueue(*responses)

    @classmethod
    def from_file(cls, path: str | Path) -> ReplayProvider:
        recording = load_recording(path)
        return cls(recording["responses"], model=recording.get("model", "replay"))

    def enqueue(self, *items: ChatCompletion | dict[str, Any] | Exception) -> None:
        """Queue completions, or exceptions to raise in their turn."""
        for item in items:
            if isinstance(item, dict):
                item = ChatCompletion.model_validate(item)
            self._queue.append(item)

    def complete(self, **request: Any) -> ChatCompletion:
        self.requests.append(copy.deepcopy(request))
        if not self._queue:
            # A library error, so that no salvage or fallback can swallow it: the run fails.
            raise SummarizationError(
                f"replay exhausted: request {len(self.requests)} has no recorded response",
                attempts=len(self.requests),
            )
        item = self._queue.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    def assert_played(self) -> None:
        if self._queue:
            raise AssertionError(f"recording not played to the end: {len(self._queue)} left")


class RecordingProvider:
    """Wraps a provider and keeps every completion it returns, to be saved as a recording."""

    def __init__(self, inner: Provider) -> None:
        self.inner = inner
        self.name = inner.name
        self.model = inner.model
        self.identity = inner.identity
        self.modes = inner.modes
        self.responses: list[ChatCompletion] = []

    def __getattr__(self, name: str) -> Any:
        """What the provider says of itself (``max_article_chars``, ``bundled``...)."""
        return getattr(self.inner, name)

    def complete(self, **request: Any) -> ChatCompletion:
        completion = self.inner.complete(**request)
        # A copy: instructor later rewrites a re-asked answer's usage to the running total.
        self.responses.append(completion.model_copy(deep=True))
        return completion

    def save(self, path: str | Path, **meta: Any) -> None:
        data = {
            "format": RECORDING_FORMAT,
            "provider": self.name,
            "model": self.model,
            "hand_written": False,
            **meta,
            "responses": [r.model_dump(mode="json", exclude_none=True) for r in self.responses],
        }
        write_json_atomic(path, data)


def load_recording(path: str | Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("format") != RECORDING_FORMAT:
        raise ValueError(f"{path}: unknown recording format {data.get('format')!r}")
    return data


def replay_options(recording: dict[str, Any]) -> dict[str, Any]:
    """Options under which a replay asks what was recorded: the recording's strategy, its
    attempts per call (older recordings: as many attempts as answers) and the chunk size it
    read long articles in."""
    return {
        "attempts": recording.get("attempts", len(recording["responses"])),
        "strategy": recording.get("strategy"),
        "rules": frozenset(recording["rules"]) if "rules" in recording else None,
        "chunk_chars": recording.get("chunk_chars"),
    }
