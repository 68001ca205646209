"""Recorded model responses: record them from any provider, replay them with no model at all.

A recording is a JSON file::

    {"format": 1, "provider": "local", "model": "...", "prompt_version": "...",
     "strategy": "whole", "attempts": 2, "chunk_chars": 12288,
     "article": "fixtures/articles/x.txt",
     "hand_written": false, "note": "...", "responses": [<ChatCompletion as JSON>, ...],
     "request_sha256": ["<request_hash of the request each response answered>", ...]}

``model`` is the model that answered: the one the provider was asked for (a server's own name
for it, when the recording script asks the server). ``ReplayProvider`` answers each request
with the next recorded response, keeps the requests it was sent, fails the run
(``SummarizationError``) when asked more than it holds, and ``assert_played()`` fails when a
recording was not played to the end. A request that differs from the one the response
answered (its ``request_hash``: a prompt, schema or option changed since) fails the run with
``StaleRecording`` naming the file, unless ``allow_stale``; so does a real (not hand-written)
recording that holds no request hashes. Hand-written answers were written for no one request
and are not checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from openai.types.chat import ChatCompletion

from .cache import canonical_sha256
from .errors import StaleRecording, SummarizationError
from .files import write_json_atomic
from .providers import ModeName, OpenAIProvider, Provider

__all__ = [
    "RecordingProvider",
    "ReplayProvider",
    "load_recording",
    "replay_options",
    "request_hash",
]

RECORDING_FORMAT = 1
#: Request keys that do not shape the answer: the model is recorded on its own.
_NOT_HASHED = frozenset({"model", "stream", "timeout", "extra_headers"})


def request_hash(request: Mapping[str, Any]) -> str:
    """SHA-256 of what shapes an answer: the rendered messages, the response format or tools
    with their schema, and the sampling options (temperature, seed, max tokens...)."""
    return canonical_sha256({k: v for k, v in request.items() if k not in _NOT_HASHED})


class ReplayProvider:
    """Plays back completions in order. ``enqueue`` adds more; ``requests`` keeps what was sent."""

    name = "replay"

    def __init__(
        self,
        responses: Iterable[ChatCompletion | dict[str, Any]] = (),
        *,
        model: str = "replay",
        modes: tuple[ModeName, ...] = OpenAIProvider.modes,
        request_hashes: Sequence[str] | None = None,
        source: str = "replay",
        allow_stale: bool = False,
    ) -> None:
        """``request_hashes``: the ``request_hash`` of the request each response answered, in
        order; each request is checked against its own (unless ``allow_stale``)."""
        self.model = model
        self.identity = f"replay {model}"
        self.modes = modes
        self.source = source
        self.allow_stale = allow_stale
        self._hashes = list(request_hashes) if request_hashes is not None else None
        self._queue: list[ChatCompletion | Exception] = []
        self.requests: list[dict[str, Any]] = []
        self.enqueue(*responses)

    @classmethod
    def from_file(cls, path: str | Path, *, allow_stale: bool = False) -> ReplayProvider:
        """The recording at ``path``; ``StaleRecording`` if it is real but keeps no request
        hashes (made before they were recorded), unless ``allow_stale``."""
        recording = load_recording(path)
        hashes = recording.get("request_sha256")
        if hashes is None and not recording.get("hand_written") and not allow_stale:
            raise StaleRecording(
                f"recording {path} keeps no request hashes, so what it answered cannot be "
                f'checked: re-record it (README, "Recordings"), or allow stale replays',
                recording=str(path),
            )
        return cls(recording["responses"], model=recording.get("model", "replay"),
                   request_hashes=hashes, source=str(path), allow_stale=allow_stale)  # fmt: skip

    def enqueue(self, *items: ChatCompletion | dict[str, Any] | Exception) -> None:
        """Queue completions, or exceptions to raise in their turn."""
        for item in items:
            if isinstance(item, dict):
                item = ChatCompletion.model_validate(item)
            self._queue.append(item)

    def complete(self, **request: Any) -> ChatCompletion:
        # A copy, as sent: JSON (a tenth of a deep copy's time, the schema being most of it).
        self.requests.append(json.loads(json.dumps(request)))
        self._check(request)
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

    def _check(self, request: dict[str, Any]) -> None:
        n = len(self.requests)
        if self.allow_stale or self._hashes is None or n > len(self._hashes):
            return
        if request_hash(request) != self._hashes[n - 1]:
            # A library error, like the exhausted replay: nothing may swallow it.
            raise StaleRecording(
                f"stale recording {self.source}: request {n} differs from the one its answer "
                "was recorded for (a prompt, schema or option changed): re-record it "
                '(README, "Recordings"), or allow stale replays',
                recording=self.source,
                attempts=n,
            )

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
        self.hashes: list[str] = []

    def __getattr__(self, name: str) -> Any:
        """What the provider says of itself (``max_article_chars``, ``bundled``...)."""
        return getattr(self.inner, name)

    def complete(self, **request: Any) -> ChatCompletion:
        digest = request_hash(request)  # before the provider adapts its own copy
        completion = self.inner.complete(**request)
        self.hashes.append(digest)
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
            "request_sha256": self.hashes,
        }
        write_json_atomic(path, data)


def load_recording(path: str | Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("format") != RECORDING_FORMAT:
        raise ValueError(f"{path}: unknown recording format {data.get('format')!r}")
    return data


def replay_options(recording: dict[str, Any]) -> dict[str, Any]:
    """Options under which a replay asks what was recorded: the recording's strategy, its
    attempts per call (older recordings: as many attempts as answers), the chunk size it
    read long articles in and the structured-output mode its requests used, where it says."""
    return {
        "attempts": recording.get("attempts", len(recording["responses"])),
        "strategy": recording.get("strategy"),
        "rules": frozenset(recording["rules"]) if "rules" in recording else None,
        "chunk_chars": recording.get("chunk_chars"),
        "mode": recording.get("mode"),
    }
