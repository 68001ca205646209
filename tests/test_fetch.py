"""URL input: private addresses refused unless allowed; size, type and redirect guards."""

import re
import socket
from collections.abc import Iterator
from typing import Any

import httpcore
import pytest
from conftest import RECORDINGS
from helpers import web_site
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
    def serve(path: str) -> tuple[int, dict[str, str], bytes]:
        SEEN.append(path)
        return route(path)

    with web_site(serve) as url:
        yield url


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


class ChangingResolver:
    """A DNS server that answers one thing, then another: ``answers[n]`` at the n-th lookup."""

    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        seen = self.asked.count(host)
        self.asked.append(host)
        given = self.answers[host]
        return [given[min(seen, len(given) - 1)]]


@pytest.fixture
def network(site: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """A pretend internet: 93.184.216.34:80 is served by the test site; every connection made
    is recorded with the address asked for (a host name, if one reached the socket layer)."""
    port = int(site.rsplit(":", 1)[1])
    real = socket.create_connection
    connected: list[tuple[str, int]] = []

    def connect(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        connected.append(address)
        if address == ("93.184.216.34", 80):
            return real(("127.0.0.1", port), *args, **kwargs)
        raise ConnectionRefusedError(f"no route to {address} in the test network")

    monkeypatch.setattr(socket, "create_connection", connect)
    return connected


def test_dns_rebinding_the_connection_goes_to_the_vetted_address(
    network: list[tuple[str, int]],
) -> None:
    # The first answer is public; a second lookup would get loopback (the rebinding).
    resolver = ChangingResolver({"news.example": ["93.184.216.34", "127.0.0.1"]})
    article = fetch_article("http://news.example/article", resolver=resolver)
    assert article.title == "Bridge opens"
    assert resolver.asked == ["news.example"]  # resolved once, never again by name
    assert network == [("93.184.216.34", 80)]  # connected to what was vetted
    with pytest.raises(InputError, match=r"refusing to fetch from 127\.0\.0\.1"):
        fetch_article("http://news.example/article", resolver=resolver)  # the next lookup
    assert network == [("93.184.216.34", 80)]  # and no connection was made for it


@pytest.mark.parametrize(
    ("location", "address"),
    [
        ("http://inside.example/article", "10.0.0.7"),  # a private network
        ("http://inside.example/article", "169.254.169.254"),  # link-local: cloud metadata
        ("http://inside.example/article", "127.0.0.1"),  # loopback
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),  # an address, no name
    ],
)
def test_each_redirect_is_resolved_and_vetted_the_same_way(
    network: list[tuple[str, int]], location: str, address: str
) -> None:
    ROUTES["/away"] = (302, {"location": location}, b"")
    host = location.split("/")[2]
    resolver = ChangingResolver({"news.example": ["93.184.216.34"], host: [address]})
    with pytest.raises(InputError, match=rf"refusing to fetch from {re.escape(address)}"):
        fetch_article("http://news.example/away", resolver=resolver)
    assert resolver.asked == ["news.example", host]
    assert network == [("93.184.216.34", 80)]  # the first hop only: nothing inside was reached


def test_the_host_name_goes_in_host_and_sni(site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[bytes, dict[str, Any], list[tuple[bytes, bytes]]]] = []

    def handle(self: httpcore.ConnectionPool, request: httpcore.Request) -> Any:
        seen.append((request.url.host, dict(request.extensions), list(request.headers)))
        raise httpcore.ConnectError("test: recorded, not sent")

    monkeypatch.setattr(httpcore.ConnectionPool, "handle_request", handle)
    resolver = ChangingResolver({"news.example": ["93.184.216.34"]})
    with pytest.raises(InputError, match="cannot fetch"):
        fetch_article("https://news.example:8443/a", resolver=resolver)
    host, extensions, headers = seen[0]
    assert host == b"93.184.216.34" and extensions["sni_hostname"] == "news.example"
    assert (b"Host", b"news.example:8443") in headers or (b"host", b"news.example:8443") in headers


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
