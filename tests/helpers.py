"""Small builders shared by the tests."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

from openai.types.chat import ChatCompletion

from summarizer import BriefResult


def completion(content: Any, *, finish_reason: str = "stop", tokens: int = 100) -> ChatCompletion:
    """A chat completion whose message is ``content`` (JSON-encoded unless a str)."""
    text = content if isinstance(content, str) else json.dumps(content)
    return ChatCompletion.model_validate(
        {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 0,
            "model": "test",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": finish_reason,
                    "message": {"role": "assistant", "content": text},
                }
            ],
            "usage": {
                "prompt_tokens": tokens,
                "completion_tokens": tokens,
                "total_tokens": 2 * tokens,
            },
        }
    )


def assert_example_must_show(brief: Any) -> None:
    """The example's brief has what issue 10 asks of it: the five participants with their
    roles, the $5 billion target (continued), the meeting (Ankara, 2025-05-25) and at least 3 of
    the 4 dated background events."""
    roles = {p.name: p.role for p in brief.participants}
    assert roles == {
        "Shehbaz Sharif": "Prime Minister", "Recep Tayyip Erdogan": "President",
        "Ishaq Dar": "Foreign Minister", "Syed Asim Munnir": "Head of Staff of the Army (COAS)",
        "Attaullah Tarar": "Minister of Information",
    }  # fmt: skip
    target = [c for c in brief.commitments if c.amount]
    assert [(c.amount.value, c.amount.currency, c.status) for c in target] == [
        (5e9, "USD", "continued")
    ]
    assert brief.meeting is not None and brief.meeting.location == "Ankara"
    assert brief.meeting.date is not None and brief.meeting.date.iso == "2025-05-25"
    dated = {e.date.iso for e in brief.context if e.date}
    assert len(dated & {"2025-04-22", "2025-05-07", "2025-05-10"}) >= 3


def assert_faithful(result: BriefResult, article: str) -> None:
    """The guarantees every emitted brief keeps: spans slice the article, names appear in it."""
    brief = result.brief
    items: list[Any] = [*brief.participants, *brief.commitments, *brief.context, *brief.quotes]
    if brief.meeting:
        items.append(brief.meeting)
    for item in items:
        for evidence in item.evidence:
            if evidence.verified:
                assert evidence.start is not None and evidence.end is not None
                assert article[evidence.start : evidence.end] == evidence.text
    folded = " ".join(article.casefold().split())
    if result.grounding.policy != "flag":
        for person in brief.participants:
            assert " ".join(person.name.casefold().split()) in folded, person.name


def load_benchmark(name: str) -> ModuleType:
    """A script of ``benchmarks/`` as a module (once), for tests that share its harness."""
    key = f"benchmarks_{name}"
    if key not in sys.modules:
        path = Path(__file__).resolve().parent.parent / "benchmarks" / f"{name}.py"
        spec = importlib.util.spec_from_file_location(key, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


Route = tuple[int, dict[str, str], bytes]


@contextlib.contextmanager
def web_site(route: Callable[[str], Route]) -> Iterator[str]:
    """A web site on 127.0.0.1 answering each GET with ``route(path)``; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, headers, body = route(self.path)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
