"""A scripted OpenAI-compatible server on 127.0.0.1, driven through the real openai SDK.

Each POST to ``/v1/chat/completions`` plays the next scripted ``Reply``: a status and a JSON
body, optionally headers, a raw (non-JSON) body, a stall before answering, or a connection
reset. ``requests`` keeps the JSON bodies received and ``times`` when they came, so a test can
check what the SDK sent, how often, and how long it waited between tries.
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None  # sent as is, instead of the JSON body
    stall: float = 0.0  # seconds to wait before answering
    reset: bool = False  # close the connection with a TCP reset, answering nothing


def ok(body: Any) -> Reply:
    return Reply(200, body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default, 5, drops a burst of connections: a 1 s SYN retry


class Loopback:
    """A server on 127.0.0.1 (``base_url`` ends in ``/v1``), served by a daemon thread while
    the ``with`` block lasts; ``_serve(Handler)`` builds it."""

    def _serve(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self._httpd = _Server(("127.0.0.1", 0), handler)
        self.base_url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def _closing(self) -> None:
        """What to release before the server stops (requests waiting in handlers)."""

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing()
        self._httpd.shutdown()
        self._httpd.server_close()


class ScriptedServer(Loopback):
    def __init__(self, replies: list[Reply | tuple[int, Any]]) -> None:
        self.replies = [r if isinstance(r, Reply) else Reply(*r) for r in replies]
        self.requests: list[dict[str, Any]] = []
        self.times: list[float] = []
        self._stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out at once: no 40 ms stall

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                server.times.append(time.monotonic())
                server.requests.append(json.loads(self.rfile.read(length) or b"{}"))
                reply = server.replies.pop(0) if server.replies else Reply(500, {"error": {
                    "message": "script exhausted"}})  # fmt: skip
                if reply.stall:
                    server._stop.wait(reply.stall)
                if reply.reset:
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    self.close_connection = True
                    return
                data = reply.raw if reply.raw is not None else json.dumps(reply.body).encode()
                self.send_response(reply.status)
                ctype = "text/html" if reply.raw is not None else "application/json"
                self.send_header("content-type", reply.headers.pop("content-type", ctype))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(OSError):  # the client gave up (timeout)
                    self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._serve(Handler)

    @property
    def gaps(self) -> list[float]:
        """Seconds between consecutive requests."""
        return [b - a for a, b in zip(self.times, self.times[1:], strict=False)]

    def _closing(self) -> None:
        self._stop.set()
