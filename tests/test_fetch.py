"""URL input: private addresses refused unless allowed; size, type and redirect guards."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from conftest import RECORDINGS
from openai_server import ScriptedServer, ok
from typer.testing import CliRunner

from summarizer import InputError
from summarizer.cli import app
from summarizer.fetch import check_address, fetch_article
from summarizer.replay import load_recording

PAGE = (b"<!DOCTYPE html><html><head><title>Bridge opens</title>"
        b'<meta name="date" content="2026-02-10"></head><body><article><h1>Bridge opens</h1>'
        b"<p>Osterby - Mayor Lena Dahl opened the rebuilt Osterby bridge on Monday, two years "
        b"after floods destroyed it. Hundreds of residents crossed it in the first hour.</p>"
        b"</article></body></html>")  # fmt: skip
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/article": (200, {"content-type": "text/html; charset=utf-8"}, PAGE),
    "/image": (200, {"content-type": "image/png"}, b"\x89PNG"),
    "/huge": (200, {"content-type": "text/html"}, b"<p>" + b"x" * 3_000_000 + b"</p>"),
    "/redirect": (302, {"location": "/article"}, b""),
    "/missing": (404, {"content-type": "text/html"}, b"no"),
    "/to-metadata": (302, {"location": "http://169.254.169.254/latest/meta-data/"}, b""),
    "/loop": (302, {"location": "/loop"}, b""),
}
#: The paths the site was asked for, in order.
SEEN: list[str] = []


def route(path: str) -> tuple[int, dict[str, str], bytes]:
    """``/chain/N`` redirects N+1 times before the article: /chain/N-1, ..., /chain/0, /article."""
    if path.startswith("/chain/"):
        n = int(path.rsplit("/", 1)[1])
        return 302, {"location": f"/chain/{n - 1}" if n else "/article"}, b""
    return ROUTES.get(path, ROUTES["/missing"])


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            SEEN.append(self.path)
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
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/",
     "http://[::1]/", "http://localhost:8080/x"],
)  # fmt: skip
def test_private_addresses_are_refused(url: str) -> None:
    with pytest.raises(InputError, match="--allow-private"):
        check_address(url)


def test_cli_refuses_private_urls_with_exit_2() -> None:
    for url in ("http://127.0.0.1/", "http://169.254.169.254/"):
        result = CliRunner().invoke(app, ["summarize", url, "--provider", "openai"])
        assert result.exit_code == 2
        line = result.stderr.strip().splitlines()[-1]
        assert (
            line.startswith("error: ") and "refusing to fetch" in line and "--allow-private" in line
        )


def test_other_schemes_are_refused() -> None:
    with pytest.raises(InputError, match="only http"):
        check_address("file:///etc/passwd")


def test_allowed_fetch_reads_main_text_title_and_date(site: str) -> None:
    article = fetch_article(f"{site}/article", allow_private=True)
    assert article.text.startswith("Bridge opens") and "Lena Dahl" in article.text
    assert article.title == "Bridge opens" and article.date.isoformat() == "2026-02-10"
    assert fetch_article(f"{site}/redirect", allow_private=True).title == "Bridge opens"


@pytest.mark.parametrize(
    ("path", "message"),
    [("/image", "is not an article"), ("/huge", "input limit"), ("/missing", "HTTP 404")],
)
def test_fetch_guards(site: str, path: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        fetch_article(f"{site}{path}", allow_private=True)


def test_summarize_a_url_end_to_end(site: str) -> None:
    draft = load_recording(RECORDINGS / "pakistan-turkey.capable.hand.json")["responses"][0]
    with ScriptedServer([ok(draft)]) as model:
        args = ["summarize", f"{site}/article", "--allow-private", "--base-url", model.base_url]
        result = CliRunner().invoke(app, [*args, "--attempts", "1"])
    assert result.exit_code == 0, result.stderr
    assert (
        "Lena Dahl opened the rebuilt Osterby bridge" in model.requests[0]["messages"][1]["content"]
    )


def test_a_redirect_to_a_private_address_is_refused_before_connecting(
    site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import BLOCKED

    real_check = check_address
    checked: list[str] = []

    def first_hop_public(url: str, *, allow_private: bool = False) -> None:
        checked.append(url)
        if url.startswith(site) and "/to-" in url:
            return  # the test site stands in for a public host; every later hop is checked
        real_check(url, allow_private=allow_private)

    monkeypatch.setattr("summarizer.fetch.check_address", first_hop_public)
    monkeypatch.setitem(ROUTES, "/to-loopback", (302, {"location": f"{site}/article"}, b""))
    blocked_before = len(BLOCKED)
    SEEN.clear()
    with pytest.raises(InputError, match=r"169\.254\.169\.254.*--allow-private"):
        fetch_article(f"{site}/to-metadata")
    with pytest.raises(InputError, match=r"refusing to fetch from 127\.0\.0\.1"):
        fetch_article(f"{site}/to-loopback")
    assert checked[1::2] == ["http://169.254.169.254/latest/meta-data/", f"{site}/article"]
    assert SEEN == ["/to-metadata", "/to-loopback"]  # /article was never asked for
    assert len(BLOCKED) == blocked_before  # and nothing tried 169.254.169.254


def test_redirects_are_capped(site: str) -> None:
    from summarizer.fetch import MAX_REDIRECTS

    SEEN.clear()
    article = fetch_article(f"{site}/chain/{MAX_REDIRECTS - 1}", allow_private=True)
    assert article.title == "Bridge opens" and len(SEEN) == MAX_REDIRECTS + 1  # 5 hops: fine
    SEEN.clear()
    with pytest.raises(InputError, match=f"more than {MAX_REDIRECTS} redirects"):
        fetch_article(f"{site}/chain/{MAX_REDIRECTS}", allow_private=True)
    assert len(SEEN) == MAX_REDIRECTS + 1  # the sixth redirect is not followed
    SEEN.clear()
    with pytest.raises(InputError, match="redirects"):
        fetch_article(f"{site}/loop", allow_private=True)
    assert SEEN == ["/loop"] * (MAX_REDIRECTS + 1)
