"""A scripted OpenAI-compatible server on 127.0.0.1, driven through the real openai SDK.

Each POST to ``/v1/chat/completions`` plays the next scripted ``Reply``: a status and a JSON
body, optionally headers, a raw (non-JSON) body, a stall before answering, or a connection
reset. ``requests`` keeps the JSON bodies received and ``times`` when they came, so a test can
check what the SDK sent, how often, and how long it waited between tries. ``peak_in_flight`` is
the most requests it was answering at once, and ``peak_connections`` the most connections open
at once (also served as JSON at ``GET /stats``, for a server in another process).
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
    # The default, 5, drops a burst of connections (a 1 s SYN retry); hundreds may come at once.
    request_queue_size = 1024


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
    def __init__(self, replies: list[Reply | tuple[int, Any]], *, hold_until: int = 0,
                 hold_timeout: float = 30.0) -> None:  # fmt: skip
        """``hold_until``: no request is answered before that many are in flight at once (or
        ``hold_timeout`` seconds passed): a client that cannot have them in flight together
        shows it in ``peak_in_flight``."""
        self.replies = [r if isinstance(r, Reply) else Reply(*r) for r in replies]
        self.hold_until, self.hold_timeout = hold_until, hold_timeout
        self._gathered = threading.Condition()
        self.requests: list[dict[str, Any]] = []
        self.times: list[float] = []
        self.in_flight = self.peak_in_flight = 0
        self.connections = self.peak_connections = 0
        self._count = threading.Lock()
        self._stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out at once: no 40 ms stall

            def setup(self) -> None:
                super().setup()
                server._tally("connections", +1)

            def finish(self) -> None:
                server._tally("connections", -1)
                super().finish()

            def do_GET(self) -> None:
                stats = {"peak_in_flight": server.peak_in_flight, "requests": len(server.times),
                         "peak_connections": server.peak_connections}  # fmt: skip
                data = json.dumps(stats).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                server._tally("in_flight", +1)
                try:
                    if server.hold_until:
                        with server._gathered:
                            server._gathered.notify_all()
                            server._gathered.wait_for(
                                lambda: server.peak_in_flight >= server.hold_until,
                                server.hold_timeout,
                            )
                    self._answer()
                finally:
                    server._tally("in_flight", -1)

            def _answer(self) -> None:
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

    def _tally(self, what: str, step: int) -> None:
        with self._count:
            now = getattr(self, what) + step
            setattr(self, what, now)
            if now > getattr(self, f"peak_{what}"):
                setattr(self, f"peak_{what}", now)

    @property
    def gaps(self) -> list[float]:
        """Seconds between consecutive requests."""
        return [b - a for a, b in zip(self.times, self.times[1:], strict=False)]

    def _closing(self) -> None:
        self._stop.set()
        with self._gathered:  # requests held for company are let go
            self.hold_until = 0
            self._gathered.notify_all()
