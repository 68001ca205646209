"""Fetch: an article from an ``http(s)://`` URL, with the guards a server-side fetch needs.

- Only http and https; at most ``MAX_REDIRECTS`` redirects, each hop checked again.
- Every address the host name resolves to must be public: loopback, private, link-local
  (169.254.0.0/16, the cloud metadata address), multicast, reserved and unspecified addresses
  are refused unless ``allow_private=True``.
- A timeout on connect and read, a size limit (``MAX_ARTICLE_BYTES``) enforced while streaming,
  and a content-type check (HTML or plain text).

The check resolves names before the request; a DNS answer that changes between the check and
the connection (rebinding) is not defended against.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

import httpx

from .errors import InputError
from .ingest import MAX_ARTICLE_BYTES, Article, article_from_html, article_from_text

__all__ = ["MAX_REDIRECTS", "check_address", "fetch_article"]

MAX_REDIRECTS = 5
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def check_address(url: str, *, allow_private: bool = False) -> None:
    """Raise ``InputError`` unless ``url`` is http(s) to a host with only public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{url}: only http:// and https:// URLs can be fetched")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise InputError(f"{url}: cannot resolve {parts.hostname} ({exc.strerror})") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise InputError(
                f"{url}: refusing to fetch from {address} (a loopback, private or link-local "
                "address); pass --allow-private to allow it"
            )


def fetch_article(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 15.0,
    max_bytes: int = MAX_ARTICLE_BYTES,
    date: dt.date | None = None,
) -> Article:
    """Download ``url`` and read its article (main text of HTML, or plain text)."""
    headers = {"user-agent": "summarizer (+https://pypi.org/project/summarizer)"}
    with httpx.Client(timeout=timeout, follow_redirects=False, headers=headers) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_address(url, allow_private=allow_private)
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        raise InputError(f"{url}: HTTP {response.status_code}")
                    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
                    if kind not in _TEXT_TYPES:
                        raise InputError(
                            f"{url}: content type {kind or 'unknown'!r} is not an article"
                        )
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > max_bytes:
                            raise InputError(
                                f"{url}: over the {max_bytes / 1e6:.1f} MB input limit"
                            )
                    text = bytes(body).decode(response.encoding or "utf-8", errors="replace")
            except httpx.HTTPError as exc:
                raise InputError(f"{url}: cannot fetch ({type(exc).__name__}: {exc})") from exc
            if kind == "text/plain":
                return article_from_text(text, date=date, source=url)
            return article_from_html(text, date=date, source=url)
    raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects")
