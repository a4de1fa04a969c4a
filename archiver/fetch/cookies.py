"""The run's cookie jar: what is kept of a ``Set-Cookie``, and how it goes back, byte for byte.

Cookie values are kept as the server wrote them when they are UTF-8 (``Set-Cookie: city=Zürich``,
a region or consent page's choice): browsers store a cookie's bytes and send them back as they came
(Chromium's ``ParsedCookie`` refuses only control characters; RFC 6265bis section 5.6 parses a
cookie's name and value as octets). httpx reads a response's header bytes as ASCII, UTF-8 or
ISO-8859-1 for the whole head, and builds a request's ``Cookie`` header as ASCII once it has read
the request's other headers, so such a cookie made every later request to its host fail with
``UnicodeEncodeError``: it was dropped (``sendable_cookie``), and an interstitial that sets one and
refreshes to its article gave the interstitial as the capture. Now ``Set-Cookie`` lines are read as
UTF-8 (``ResponseCookies``) and a ``Cookie`` header holding such a value is written as UTF-8 bytes
(``CookieClient``). A value whose bytes are not UTF-8 (a Latin-1 ``é``) is still not kept: its
reading could not be sent back as the same bytes.
"""
from __future__ import annotations

import typing
import urllib.request
from http.cookiejar import Cookie

import httpx

from archiver.fetch.cookiescope import refuse_prefixed_cookies, refuse_suffix_cookies


def sendable_cookie(name: str, value: str | None) -> bool:
    """Whether a cookie can go back in a ``Cookie`` header as the bytes it came as: no control character
    (C0 or DEL; Chromium's ``ParsedCookie`` refuses them; a NUL or CR would also end or split the header) and
    no U+FFFD (what bytes that were not UTF-8 became when read, see the module)."""
    return all(ch >= " " and ch != "\x7f" and ch != "\ufffd" for ch in name + (value or ""))


MAX_COOKIE_BYTES = 4096  # name + value: RFC 6265 section 6.1, Chromium's ParsedCookie::kMaxCookieNamePlusValueSize
DOMAIN_MAX_COOKIES = 180  # Chromium's CookieMonster kDomainMaxCookies; past it, it evicts down to 150
DOMAIN_KEEP_COOKIES = 150
SET_COOKIE = (b"set-cookie", b"set-cookie2")


def _utf8_lines(response: httpx.Response) -> httpx.Response:
    """A stand-in for ``response`` holding its ``Set-Cookie`` lines only, read as UTF-8 (bytes that are not
    UTF-8 as U+FFFD), whatever httpx would read the rest of the head as."""
    lines = [(k, v.decode("utf-8", "replace").encode("utf-8")) for k, v in response.headers.raw
             if k.lower() in SET_COOKIE]
    stand_in = httpx.Response(response.status_code, headers=lines, request=response.request)
    stand_in.headers.encoding = "utf-8"
    return stand_in


class ResponseCookies(httpx.Cookies):
    """httpx's cookie jar, not consulted for responses that set no cookie, and bounded as Chromium's is.

    httpx hands every response to ``http.cookiejar`` (building urllib request and
    response wrappers first), which then finds no ``Set-Cookie``/``Set-Cookie2``
    header in most; that was 4% of the CPU per page (bench/fetch_vs_wget.py).
    ``Set-Cookie`` lines are read as UTF-8 (see the module). A cookie that could not
    be sent back (``sendable_cookie``) is not kept, nor one whose name and value pass
    4096 bytes, nor one breaking its name's ``__Secure-`` or ``__Host-`` prefix
    (``archiver.fetch.cookiescope``); a domain past 180 cookies keeps its 150 newest. ``http.cookiejar``
    has no limits, so a host flooding ``Set-Cookie`` made every later request to it
    carry a ``Cookie`` header of tens of kilobytes, which servers refuse (nginx: "400
    Request Header Or Cookie Too Large" past 8 KiB). ``wide``: whether a kept value
    is not ASCII (``CookieClient`` then writes the header itself).
    """

    def __init__(self) -> None:
        super().__init__()
        self.order: dict[tuple[str, str, str], tuple[int, int]] = {}  # cookie -> (rank when set, id of its object)
        self.sets = 0
        self.wide = False

    def extract_cookies(self, response: httpx.Response) -> None:
        if "set-cookie" in response.headers or "set-cookie2" in response.headers:
            request = getattr(response, "_request", None)
            insecure = request is not None and request.url.scheme != "https"
            everything = {(c.domain, c.path, c.name): c for c in self.jar}
            before = {k: c for k, c in everything.items() if c.secure} if insecure else {}
            super().extract_cookies(_utf8_lines(response) if request is not None else response)
            if insecure:
                self._refuse_secure(before)
            if request is not None and any(c.domain_specified for c in self.jar):
                refuse_suffix_cookies(self.jar, request.url.host, everything)
            if request is not None and any(c.name[:2] == "__" for c in self.jar):
                refuse_prefixed_cookies(self.jar, not insecure, everything)
            for cookie in [c for c in self.jar if not sendable_cookie(c.name, c.value)
                           or len((c.name + (c.value or "")).encode("utf-8")) > MAX_COOKIE_BYTES]:
                self.jar.clear(cookie.domain, cookie.path, cookie.name)
            self._bound()
            self.wide = any(not (c.name + (c.value or "")).isascii() for c in self.jar)

    def _refuse_secure(self, before: dict[tuple[str, str, str], Cookie]) -> None:
        """Undo what a response over http did to ``Secure`` cookies: browsers neither set one from an
        insecure origin nor let it overwrite one (RFC 6265bis section 5.7, "Leave Secure Cookies Alone";
        Chromium and Firefox since 2016). Kept, such a cookie went along on the https page after an
        upgrade redirect, a request no browser makes. Nor may it delete one (``Max-Age=0`` or a past
        ``Expires``): a Secure cookie from ``before`` that is gone is put back."""
        for cookie in list(self.jar):
            key = (cookie.domain, cookie.path, cookie.name)
            old = before.get(key)
            if old is cookie or (old is None and not cookie.secure):
                continue
            self.jar.clear(*key)
            if old is not None:
                self.jar.set_cookie(old)
        present = {(c.domain, c.path, c.name) for c in self.jar}
        for key, old in before.items():
            if key not in present:
                self.jar.set_cookie(old)

    def _bound(self) -> None:
        """Rank cookies by when they were (last) set; evict a crowded domain's oldest."""
        by_domain: dict[str, list[tuple[int, tuple[str, str, str]]]] = {}
        order = {}
        for cookie in self.jar:
            key = (cookie.domain, cookie.path, cookie.name)
            rank, ident = self.order.get(key, (-1, 0))
            if ident != id(cookie):  # new, or set again (a new Cookie object)
                self.sets += 1
                rank = self.sets
            order[key] = (rank, id(cookie))
            by_domain.setdefault(cookie.domain, []).append((rank, key))
        for cookies in by_domain.values():
            if len(cookies) > DOMAIN_MAX_COOKIES:
                for _, key in sorted(cookies)[:len(cookies) - DOMAIN_KEEP_COOKIES]:
                    self.jar.clear(*key)
                    del order[key]
        self.order = order


class CookieClient(httpx.AsyncClient):
    """httpx's client, whose requests carry a ``Cookie`` header holding non-ASCII (UTF-8) values as their
    UTF-8 bytes (see the module): httpx would fail such a request with ``UnicodeEncodeError``."""

    def build_request(self, method: str, url: typing.Any, **kwargs: typing.Any) -> httpx.Request:
        cookies = self._cookies
        if not getattr(cookies, "wide", False):  # the common case: httpx's own header is the same
            return super().build_request(method, url, **kwargs)
        self._cookies = httpx.Cookies()  # none for httpx: the header is made here, from the whole jar
        try:
            request = super().build_request(method, url, **kwargs)
        finally:
            self._cookies = cookies
        compat = urllib.request.Request(str(request.url), method=request.method)
        cookies.jar.add_cookie_header(compat)
        header = compat.get_header("Cookie")
        if header:
            request.headers.encoding = "utf-8"
            request.headers["Cookie"] = header
        return request
