"""A scripted OpenAI Batch API on 127.0.0.1, driven through the real openai SDK.

``POST /v1/files`` (a multipart upload; counted in ``uploads``), ``POST /v1/batches`` (counted
in ``created``), ``GET /v1/batches`` (newest first), ``GET /v1/batches/{id}``,
``POST /v1/batches/{id}/cancel``, ``GET /v1/files/{id}/content``, and ``POST
/v1/chat/completions`` for direct requests (kept in ``chat``).

Each batch follows the next ``Plan`` (in order of creation; ``Plan()`` when none is left): it
is ``in_progress`` for ``polls`` polls (or, with ``hold``, until ``release()``), then ends
``completed``, ``expired`` or ``failed``; a cancelled one ends ``cancelled`` at the next poll.
When it ends, ``answer(body)`` makes each request's result: a completion (a dict), an ``Error``
(an error-file line with that HTTP status), or None: not finished (``batch_expired`` in an
expired batch, left out of a cancelled one). Direct requests get ``answer(body)`` too.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any, Literal

from openai_server import Loopback


@dataclass(frozen=True)
class Error:
    status: int
    message: str


@dataclass(frozen=True)
class Plan:
    polls: int = 1
    ending: Literal["completed", "expired", "failed"] = "completed"
    hold: bool = False


Answer = Callable[[dict[str, Any]], dict[str, Any] | Error | None]
EXPIRED = {
    "code": "batch_expired",
    "message": "This request could not be executed before the completion window expired.",
}


class BatchServer(Loopback):
    def __init__(self, answer: Answer, plans: list[Plan] | None = None) -> None:
        self.answer = answer
        self.plans = list(plans or [])
        self.files: dict[str, bytes] = {}
        self.uploads: list[bytes] = []
        self.created: list[str] = []
        self.batches: dict[str, dict[str, Any]] = {}
        #: Every request body a batch held, in order; and the direct requests.
        self.batched: list[dict[str, Any]] = []
        self.chat: list[dict[str, Any]] = []
        self.polls = 0
        self._released = threading.Event()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                with server._lock:
                    self._send(*server._get(self.path))

            def do_POST(self) -> None:
                data = self.rfile.read(int(self.headers.get("content-length", 0)))
                with server._lock:
                    self._send(*server._post(self.path, self.headers["content-type"], data))

            def _send(self, status: int, body: Any) -> None:
                raw = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._serve(Handler)

    def release(self) -> None:
        """Let batches planned with ``hold`` end."""
        self._released.set()

    def _get(self, path: str) -> tuple[int, Any]:
        if path.startswith("/v1/batches?") or path == "/v1/batches":
            data = [self.batches[i]["view"] for i in reversed(self.created)]
            return 200, {"object": "list", "data": data, "has_more": False}
        if m := re.fullmatch(r"/v1/batches/([^/]+)", path):
            if m[1] not in self.batches:
                return _not_found(m[1])
            self.polls += 1
            return 200, self._poll(self.batches[m[1]])
        if (m := re.fullmatch(r"/v1/files/([^/]+)/content", path)) and m[1] in self.files:
            return 200, self.files[m[1]]
        return 404, {"error": {"message": f"no route {path}"}}

    def _post(self, path: str, ctype: str, data: bytes) -> tuple[int, Any]:
        if path == "/v1/files":
            content = _multipart_file(ctype, data)
            self.uploads.append(content)
            file_id = f"file-{len(self.files)}"
            self.files[file_id] = content
            return 200, {"id": file_id, "object": "file", "bytes": len(content), "created_at": 0,
                         "filename": "input.jsonl", "purpose": "batch",
                         "status": "processed"}  # fmt: skip
        if path == "/v1/batches":
            return 200, self._create(json.loads(data))
        if m := re.fullmatch(r"/v1/batches/([^/]+)/cancel", path):
            if m[1] not in self.batches:
                return _not_found(m[1])
            batch = self.batches[m[1]]
            if batch["view"]["status"] in ("validating", "in_progress"):
                batch["view"]["status"] = "cancelling"
            return 200, batch["view"]
        if path == "/v1/chat/completions":
            body = json.loads(data)
            self.chat.append(body)
            got = self.answer(body)
            if isinstance(got, Error):
                return got.status, {"error": {"message": got.message, "type": "error"}}
            return 200, got
        return 404, {"error": {"message": f"no route {path}"}}

    def _create(self, body: dict[str, Any]) -> dict[str, Any]:
        batch_id = f"batch_{len(self.created)}"
        lines = [json.loads(line) for line in self.files[body["input_file_id"]].splitlines()]
        plan = self.plans.pop(0) if self.plans else Plan()
        view = {"id": batch_id, "object": "batch", "endpoint": body["endpoint"],
                "input_file_id": body["input_file_id"], "completion_window": "24h",
                "created_at": 0, "status": "validating", "metadata": body.get("metadata"),
                "request_counts": {"total": len(lines), "completed": 0, "failed": 0}}  # fmt: skip
        self.batches[batch_id] = {"view": view, "lines": lines, "plan": plan, "polls": 0}
        self.created.append(batch_id)
        return view

    def _poll(self, batch: dict[str, Any]) -> dict[str, Any]:
        view, plan = batch["view"], batch["plan"]
        batch["polls"] += 1
        if view["status"] == "cancelling":
            self._end(batch, "cancelled")
        elif view["status"] in ("validating", "in_progress"):
            waiting = not self._released.is_set() if plan.hold else batch["polls"] <= plan.polls
            if waiting:
                view["status"] = "in_progress"
            else:
                self._end(batch, plan.ending)
        return view

    def _end(self, batch: dict[str, Any], status: str) -> None:
        view = batch["view"]
        view["status"] = status
        if status == "failed":
            error = {"code": "invalid_request", "line": 1, "message": "the input file is invalid"}
            view["errors"] = {"object": "list", "data": [error]}
            return
        out, errors = [], []
        for n, line in enumerate(batch["lines"]):
            self.batched.append(line["body"])
            got = self.answer(line["body"])
            row: dict[str, Any] = {"id": f"req_{n}", "custom_id": line["custom_id"],
                                   "response": None, "error": None}  # fmt: skip
            if isinstance(got, dict):
                row["response"] = {"status_code": 200, "request_id": f"r{n}", "body": got}
                out.append(row)
            elif isinstance(got, Error):
                body = {"error": {"message": got.message, "type": "error"}}
                row["response"] = {"status_code": got.status, "request_id": f"r{n}", "body": body}
                errors.append(row)
            elif status == "expired":
                row["error"] = EXPIRED
                errors.append(row)
        for name, rows in (("output_file_id", out), ("error_file_id", errors)):
            if rows:
                file_id = f"file-{len(self.files)}"
                self.files[file_id] = "".join(json.dumps(r) + "\n" for r in rows).encode()
                view[name] = file_id
        view["request_counts"] |= {"completed": len(out), "failed": len(errors)}

    def _closing(self) -> None:
        self._released.set()


def _not_found(batch_id: str) -> tuple[int, Any]:
    return 404, {"error": {"message": f"No batch found with id '{batch_id}'.",
                           "type": "invalid_request_error"}}  # fmt: skip


def _multipart_file(ctype: str, data: bytes) -> bytes:
    """The content of the part named ``file`` of a multipart/form-data body."""
    boundary = re.search(r"boundary=\"?([^\";]+)", ctype)
    assert boundary, ctype
    for part in data.split(b"--" + boundary[1].encode()):
        head, _, body = part.partition(b"\r\n\r\n")
        if b'name="file"' in head:
            return body.removesuffix(b"\r\n")
    raise AssertionError("no file part in the upload")
