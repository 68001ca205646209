"""Fetch: an article from an ``http(s)://`` URL, with the guards a server-side fetch needs.

- Only http and https; at most ``MAX_REDIRECTS`` redirects, each hop checked again.
- **The address vetted is the address connected to.** Each hop's host name is resolved once
  (``resolve``, replaceable for tests); every address it gives must be public: loopback,
  private, link-local (169.254.0.0/16, the cloud metadata address), multicast, reserved and
  unspecified addresses are refused unless ``allow_private=True``. The request then goes to
  that IP, with the original host name in the ``Host`` header and as the TLS server name (SNI,
  httpcore's ``sni_hostname`` extension), so the certificate is still checked against the
  name. A DNS answer that changes after the check (rebinding) is never looked up. Each hop
  gets a connection of its own; proxy variables are ignored (a proxy would resolve the name).
- A timeout on connect and read, the gate's size limit (``max_bytes``) enforced while
  streaming, and a content-type check (HTML or plain text).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import httpx

from .errors import InputError
from .gate import MAX_ARTICLE_BYTES, admit_bytes, over_limit
from .ingest import Article, article_from_html, article_from_text

__all__ = ["MAX_REDIRECTS", "Resolver", "check_address", "fetch_article", "resolve"]

MAX_REDIRECTS = 5
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
#: Host name and port -> the addresses to try, as strings.
Resolver = Callable[[str, int], list[str]]
_USER_AGENT = "summarizer (+https://pypi.org/project/summarizer)"


def resolve(host: str, port: int) -> list[str]:
    """The host's addresses, as the system resolver gives them (an IP literal as itself)."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return [str(info[4][0]) for info in infos]


def check_address(url: str, *, allow_private: bool = False, resolver: Resolver = resolve) -> str:
    """The address to connect to for ``url``: its host resolved once, every answer vetted.
    Raises ``InputError`` unless ``url`` is http(s) to a host with only public addresses."""
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError as exc:
        raise InputError(f"{url}: not a URL that can be fetched ({exc})") from exc
    if parts.scheme not in ("http", "https") or not hostname:
        raise InputError(f"{url}: only http:// and https:// URLs can be fetched")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise InputError(f"{url}: bad port ({exc})") from exc
    try:
        answers = resolver(hostname, port)
    except (OSError, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputError(f"{url}: cannot resolve {hostname} ({reason})") from exc
    addresses = [ipaddress.ip_address(a.split("%")[0]) for a in answers]
    if not addresses:
        raise InputError(f"{url}: {hostname} has no address")
    for address in addresses:
        if not allow_private and (not address.is_global or address.is_multicast):
            raise InputError(
                f"{url}: refusing to fetch from {address} (a loopback, private or link-local "
                "address); pass --allow-private to allow it"
            )
    return str(addresses[0])


def fetch_article(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 15.0,
    max_bytes: int = MAX_ARTICLE_BYTES,
    date: dt.date | None = None,
    resolver: Resolver = resolve,
) -> Article:
    """Download ``url`` and read its article (main text of HTML, or plain text)."""
    for _ in range(MAX_REDIRECTS + 1):
        address = check_address(url, allow_private=allow_private, resolver=resolver)
        try:
            got = _get(url, address, timeout, max_bytes)
        except httpx.HTTPError as exc:
            raise InputError(f"{url}: cannot fetch ({type(exc).__name__}: {exc})") from exc
        except httpx.InvalidURL as exc:
            raise InputError(f"{url}: not a URL that can be fetched ({exc})") from exc
        if isinstance(got, str):  # a redirect: the next hop is vetted again
            url = got
            continue
        kind, body, encoding = got
        text = _decode(body, encoding, url, max_bytes)
        if kind == "text/plain":
            return article_from_text(text, date=date, source=url, max_bytes=max_bytes)
        return article_from_html(text, date=date, source=url, max_bytes=max_bytes)
    raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _decode(body: bytes, encoding: str | None, url: str, max_bytes: int) -> str:
    """UTF-8 (the gate's rule) unless the server names another charset."""
    if encoding in (None, "utf-8", "utf8"):
        return admit_bytes(body, url, max_bytes=max_bytes)
    try:
        return body.decode(encoding, errors="replace")
    except LookupError as exc:
        raise InputError(f"{url}: unknown charset {encoding[:40]!r}") from exc


def _get(
    url: str, address: str, timeout: float, max_bytes: int
) -> str | tuple[str, bytes, str | None]:
    """One hop to ``address``: the redirect's target, or the content type, body and charset."""
    target = httpx.URL(url)
    headers = {"user-agent": _USER_AGENT, "host": target.netloc.decode("ascii")}
    extensions = (
        {"sni_hostname": target.raw_host.decode("ascii")} if target.scheme == "https" else {}
    )
    pinned = target.copy_with(host=address)
    with (
        httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client,
        client.stream("GET", pinned, headers=headers, extensions=extensions) as response,
    ):
        if response.is_redirect and "location" in response.headers:
            return urljoin(url, response.headers["location"])
        if response.status_code >= 400:
            raise InputError(f"{url}: HTTP {response.status_code}")
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in _TEXT_TYPES:
            raise InputError(f"{url}: content type {kind or 'unknown'!r} is not an article")
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > max_bytes:
                raise over_limit(url, max_bytes)
        charset = response.charset_encoding
        return kind, bytes(body), charset.lower() if charset else None
