"""One HTTP exchange, as sent and received: httpx first, the tolerant reader when h11 refuses.

``Exchanger.once(url)`` returns an ``Exchange``: the request and response
header blocks as they went over the wire, the body spooled with its digests,
and the server's address (read when the response head arrives, since a server
that closes after the body takes its address with it).

A body cut short by a timeout (no byte for ``--timeout`` seconds, or the
exchange past ``--total-timeout``) is kept: the ``Exchange`` holds what came,
its body marked ``WARC-Truncated: time`` and ``cut`` saying which timeout. So
is a body the server cut by closing or resetting the connection
(``WARC-Truncated: disconnect``); a body whose framing is junk is not.

A connection that showed a framing error (more body bytes than its
``Content-Length``, left in h11's buffer) is marked so the pool drops it
instead of reading those bytes as the next response.
"""
from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import httpx
from warcio.statusandheaders import StatusAndHeaders

from archiver.body_spool import Body, BodySpool
from archiver.config import Settings
from archiver.fetch import h2fallback, rawhttp
from archiver.fetch.body_read import h11_state, read_body
from archiver.fetch.chunklines import BareLFChunkedReader, bare_lf_note, read_bare_lf
from archiver.fetch.client import LAST_STREAM, parse_resolve, ssl_context
from archiver.fetch.h2fallback import http11_wanted
from archiver.fetch.hostpools import PerOriginTransport
from archiver.fetch.redirects import first_location
from archiver.fetch.retry import http2_problem, send_again
from archiver.fetch.shortbody import announced_length, surplus_note
from archiver.fetch.stale408 import crossed_idle_close
from archiver.fetch.tlsclose import unconfirmed_end
from archiver.fetch.trailers import response_trailers, with_trailers
from archiver.http_headers import ReceivedHeaders, header_bytes, is_chunked
from archiver.mime_header import content_type_of
from archiver.warc import header_text, headers_buffer, request_headers, response_headers, warc_date


@dataclass
class Exchange:
    url: str
    status: int
    reason: str
    content_type: str | None
    location: str | None
    retry_after: str | None
    http_version: str
    request: Any
    response: Any
    body: Body
    ip: str | None
    date: str
    tolerant: bool = False  # read by the tolerant reader after h11 refused the response
    refused_for: str = ""  # h11's complaint, when tolerant
    lenient: str | None = None  # what the tolerant reader read leniently, when it says
    framing_note: str | None = None  # what the body's framing got wrong and how it was read (either path)
    cut: str | None = None  # "read" (a stall over --timeout), "total" (--total-timeout) or "disconnect" cut the body
    # (capture.py turns "total" into "url" when the URL budget, --url-timeout, set the deadline)
    cut_why: str = ""  # for "disconnect": how the connection ended
    unframed: bool = False  # HTTP/1.x body with no Content-Length and no chunked coding: it ends at the close
    protocol_note: str | None = None  # sent again over HTTP/1.1, and why (archiver.fetch.h2fallback)
    tls: tuple[str, str | None] | None = None  # https: ("tls/1.3", IANA cipher suite name or None), see _tls_of


HTTP11_NOTE = "archiver.http11_note"  # a request extension: why it was sent again over HTTP/1.1


class HeadRefused(Exception):
    """httpx/h11 refused the response head (or the connection gave junk instead of one)."""


def _peer_ip(response: httpx.Response) -> str | None:
    stream = response.extensions.get("network_stream")
    if stream is None:
        return None
    try:
        addr = stream.get_extra_info("server_addr")
    except Exception:  # a closed stream: no address to give
        return None
    return addr[0] if addr else None


def _tls_of(response: httpx.Response) -> tuple[str, str | None] | None:
    """The TLS layer the response came over, for ``WARC-Protocol`` and ``WARC-Cipher-Suite`` (IIPC's adopted
    extensions, as Browsertrix and Zeno write them): ("tls/1.3", "TLS_AES_256_GCM_SHA384"); the suite only
    when OpenSSL names it as IANA's registry does (TLS 1.3's; TLS 1.2's OpenSSL names differ); None on
    cleartext or when the connection cannot say."""
    stream = response.extensions.get("network_stream")
    try:
        tls = stream.get_extra_info("ssl_object") if stream is not None else None
        version, cipher = (tls.version(), tls.cipher()) if tls is not None else (None, None)
    except Exception:  # a closed stream: nothing to give
        return None
    if not version or not version.startswith("TLSv"):
        return None
    suite = cipher[0] if cipher and str(cipher[0]).startswith("TLS_") else None
    return f"tls/{version[4:]}", suite


def _drop_if_overlong(response: httpx.Response) -> int:
    """If bytes came after the end of the body, mark the connection so the pool closes it; how many came
    (those h11 holds: what had arrived by the body's end), 0 if none or only blank lines (a stray CRLF
    after a body, which a reader skips before the next status line, RFC 9112 section 2.2)."""
    state = h11_state(response)
    try:
        extra = state.trailing_data[0] if state is not None else b""
    except Exception:
        return 0
    if not extra:
        return 0
    stream = response.extensions.get("network_stream")
    if stream is not None:
        stream.poisoned = True  # CachedSocketStream then reports it readable: the pool drops it
    return len(extra) if bytes(extra).strip(b"\r\n") else 0


def _received_head(response: httpx.Response) -> bytes | None:
    """The response head's bytes as they came (see ``CachedSocketStream.take_head``), if they say
    what h11 read (same status, same header names in order); else None, and the block is rebuilt."""
    stream = response.extensions.get("network_stream")
    take = getattr(stream, "take_head", None)
    head = take() if take is not None else None
    if head is None or response.http_version not in ("HTTP/1.0", "HTTP/1.1"):
        return None
    try:
        match, lines = rawhttp.split_head(head)
    except rawhttp.RawHTTPError:
        return None
    names = [n.lower() for n, _ in rawhttp.parse_fields(lines)]
    if int(match.group(3)) != response.status_code or names != [n.lower() for n, _ in response.headers.raw]:
        return None
    return head


def _refused_anyway() -> str | None:
    """Why the tolerant reader would refuse the response head h11 just refused (its bytes as they came,
    ``CachedSocketStream.take_head``), or None to ask it (``rawhttp.head_refusal``). Without it a reply
    with conflicting ``Content-Length`` headers was requested twice under ``--retries 0``, once for h11
    and once for the tolerant reader, on two connections, and failed in the second's words."""
    stream = LAST_STREAM.get()
    take = getattr(stream, "take_head", None)
    head = take() if take is not None else None
    return rawhttp.head_refusal(head) if head else None


def _finish(response: httpx.Response, headers: StatusAndHeaders,
            spool: BodySpool) -> tuple[StatusAndHeaders, Body]:
    """The header block and body to store: a whole body's trailer fields (chunked, or HTTP/2's) added to the
    block (see ``archiver.fetch.trailers``), the block digest then over the new block."""
    body = spool.finish()
    if body.truncated is not None or not isinstance(headers, ReceivedHeaders):
        return headers, body
    fields = response_trailers(response)
    if not fields:
        return headers, body
    stored, digest = with_trailers(headers, fields, body.stream, body.length)
    body.stream.seek(0)
    return stored, replace(body, block_digest=digest)


def unframed(http_version: str, status: int, headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether an HTTP/1.x response's body has no framing of its own (no ``Content-Length``, no
    ``Transfer-Encoding``): it ends only when the server closes the connection (RFC 9112 section 6.3)."""
    if http_version not in ("HTTP/1.0", "HTTP/1.1") or status in (204, 304) or status < 200:
        return False
    return not any(name.lower() in (b"content-length", b"transfer-encoding") for name, _ in headers)


def _notes(lf_lines: BareLFChunkedReader | None, surplus: int, response: httpx.Response) -> str | None:
    """What was read leniently: chunk lines ended by a bare LF, bytes past the Content-Length."""
    notes = [bare_lf_note(lf_lines.mended)] if lf_lines is not None and lf_lines.mended else []
    length = announced_length([v.decode("latin-1") for n, v in response.headers.raw if n.lower() == b"content-length"])
    if surplus and length is not None and not is_chunked(response.headers.raw):
        notes.append(surplus_note(length, surplus, response.status_code))
    return "; ".join(notes) or None


def basic_auth(request: httpx.Request) -> None:
    """Send a URL's userinfo as ``Authorization: Basic``, as httpx's ``send`` (and browsers) would."""
    url = request.url
    if url.userinfo and "authorization" not in request.headers:
        token = base64.b64encode(f"{url.username}:{url.password}".encode()).decode("ascii")
        request.headers["Authorization"] = f"Basic {token}"


class Exchanger:
    """Sends GETs with the run's client; falls back to ``rawhttp`` for responses h11 refuses."""

    def __init__(self, settings: Settings, client: httpx.AsyncClient):
        self.settings = settings
        self.client = client
        self.resolve = parse_resolve(settings.resolve)
        self._tls: Any = None

    def cookie_header(self, url: str) -> str:
        """The Cookie header a GET of ``url`` would carry now ('' if none)."""
        if not len(self.client.cookies.jar):  # the common case, without building a request
            return ""
        return self.client.build_request("GET", url).headers.get("cookie", "")

    async def once(self, url: str, max_body: int, on_head: Callable[[], None] | None = None,
                   deadline: float | None = None) -> Exchange:
        """GET ``url`` (body cut at ``max_body`` bytes); ``on_head()`` is called when the response head is in.

        ``deadline`` (event-loop time) ends the exchange: before the response head
        it raises TimeoutError; after it, the body so far is kept (``cut``), as is
        a body whose server stalled over ``--timeout`` (httpx's ReadTimeout).
        """
        request = self.client.build_request("GET", url)
        basic_auth(request)
        date = warc_date()
        try:
            response = await self._send(request, deadline)
        except (httpx.RemoteProtocolError, httpx.LocalProtocolError) as exc:
            if request.url.scheme not in ("http", "https") or http2_problem(exc) is not None:
                raise  # the tolerant reader is for HTTP/1.x heads h11 refuses, not for HTTP/2 errors
            refused = _refused_anyway()
            if refused is not None:  # the tolerant reader would ask again only to refuse the same head
                raise HeadRefused(refused) from exc
            try:
                got = await self._tolerant(url, request, date, max_body, on_head, deadline)
                got.refused_for = str(exc)
                return got
            except rawhttp.RawHTTPError as raw_exc:
                if raw_exc.closed:  # the server hung up: a transport error, worth a retry
                    raise httpx.RemoteProtocolError(str(raw_exc)) from raw_exc
                # the tolerant reader's words: h11's may mislead ("disconnected" for junk)
                raise HeadRefused(str(raw_exc)) from exc
            except (OSError, TimeoutError) as raw_exc:
                if deadline is not None and asyncio.get_running_loop().time() >= deadline:
                    raise TimeoutError("--total-timeout") from raw_exc  # the exchange's time is up
                raise exc from raw_exc  # the connection failed this time: httpx's error, worth a retry
        if on_head is not None:
            on_head()
        try:
            ip = _peer_ip(response)  # now: a server that closes after the body takes it along
            reason = response.extensions.get("reason_phrase") or response.reason_phrase.encode("ascii")
            http_headers = response_headers(response.http_version, response.status_code, reason,
                                            response.headers.raw, _received_head(response))
            spool = BodySpool(headers_buffer(http_headers), max_body)
            lf_lines = read_bare_lf(h11_state(response))  # a chunked body's lines may end in LF alone
            cut, why = await read_body(response, spool, deadline)
            no_length = unframed(response.http_version, response.status_code, response.headers.raw)
            unconfirmed = unconfirmed_end(response, no_length, spool.length) if cut is None else None
            if unconfirmed and spool.truncated is None:  # RFC 9112 section 9.8: not known whole
                cut, why, spool.truncated = "disconnect", unconfirmed, "disconnect"
            surplus = _drop_if_overlong(response) if spool.truncated is None else 0
            target = request.url.raw_path.decode("ascii", "replace")
            req_headers = request_headers("GET", target, response.http_version, request.headers.raw)
            stored, body = _finish(response, http_headers, spool)
            return Exchange(
                url=url, status=response.status_code, reason=header_text(reason).strip(),
                content_type=content_type_of(stored),
                location=first_location(stored),
                retry_after=stored.get_header("retry-after"),
                http_version=response.http_version, request=req_headers, response=stored,
                body=body, ip=ip, date=date, cut=cut, cut_why=why,
                framing_note=_notes(lf_lines, surplus, response),
                unframed=no_length,
                protocol_note=request.extensions.get(HTTP11_NOTE), tls=_tls_of(response),
            )
        finally:
            await response.aclose()

    async def _send(self, request: httpx.Request, deadline: float | None) -> httpx.Response:
        """Send ``request`` and return the response once its head is in (the body still to read).

        A request written on a kept-alive connection that the server closed (or reset) without a byte back
        had crossed the server closing it as idle: it is sent once more on a new connection, as browsers do
        (Chromium's ``HttpNetworkTransaction::ShouldResendRequest``), before any retry or the tolerant
        reader is considered (it was "malformed response headers: read leniently"). So is a request an
        HTTP/2 server says it did not process (``REFUSED_STREAM``, ``GOAWAY`` with last stream id 0; it failed,
        "the server closed the HTTP/2 connection (GOAWAY NO_ERROR)"), or whose connection another request's
        protocol error ended (``retry.send_again``; it failed ``timeout (read)``), or that read a 408 on a kept-alive
        connection (``stale408``: the server timing the idle connection out). Raises
        what httpx raises; TimeoutError at ``deadline`` (event-loop time).
        """
        # one exchange, no redirect handling: httpx's would build the next request from the Location
        # and raise InvalidURL for a javascript: one before the redirect could be archived
        send = getattr(self.client, "_send_single_request", None)
        for again in (True, False):
            LAST_STREAM.set(None)
            try:
                async with asyncio.timeout_at(deadline):
                    response = await (send(request) if send is not None else self.client.send(request, stream=True))
                    stream = LAST_STREAM.get()
                    if stream is None or not (again and crossed_idle_close(response, stream)):
                        return response
                    stream.poisoned = True  # a 408 on a kept-alive connection: the server's idle close
                    await response.aclose()
                    continue
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
                if again and self._http11_instead(request, exc):
                    continue
                if again and send_again(exc):
                    continue
                stream = LAST_STREAM.get()
                if not (again and stream is not None and stream.reused_silently()):
                    raise
                stream.poisoned = True  # never handed out again
        raise AssertionError("unreachable")

    def _http11_instead(self, request: httpx.Request, exc: BaseException) -> bool:
        """Whether ``exc`` says the origin wants HTTP/1.1 (``h2fallback.http11_wanted``); if so the origin is
        kept to HTTP/1.1 for the run and ``request`` carries the note its capture gives."""
        transport = self.client._transport
        why = http11_wanted(exc)
        if why is None or not isinstance(transport, PerOriginTransport):
            return False
        url = request.url
        transport.require_http11((url.raw_scheme, url.host, url.port), why)
        request.extensions[HTTP11_NOTE] = h2fallback.note(why)
        return True

    async def _tolerant(self, listed: str, request: httpx.Request, date: str, max_body: int,
                        on_head: Callable[[], None] | None, deadline: float | None) -> Exchange:
        url = request.url
        host = url.host
        port = url.port or (443 if url.scheme == "https" else 80)
        backend = getattr(self.client._transport, "backend", None)  # placed as the client's connections are
        address = ((await backend.addresses(host, port))[0] if backend is not None
                   else self.resolve.get((host.lower(), port), host))
        tls = None
        if url.scheme == "https":
            if self._tls is None:
                self._tls = ssl_context(self.settings)
                self._tls.set_alpn_protocols(["http/1.1"])
            tls = self._tls
        headers = [(k, v) for k, v in request.headers.raw if k.lower() != b"connection"]
        headers.append((b"Connection", b"close"))
        target = url.raw_path
        head = b"GET " + target + b" HTTP/1.1\r\n" + b"".join(k + b": " + v + b"\r\n" for k, v in headers) + b"\r\n"
        got = await rawhttp.exchange(address, port, tls, head, max_body, self.settings.timeout, deadline)
        if on_head is not None:
            on_head()
        self._keep_cookies(request, got)
        req_headers = request_headers("GET", target.decode("ascii", "replace"), got.http_version, headers)
        named = {n.lower(): v for n, v in got.fields}
        stored, body = got.headers, got.spool.finish()
        if got.trailers and body.truncated is None:  # kept apart, as on the h11 path (archiver.fetch.trailers)
            stored, digest = with_trailers(stored, got.trailers, body.stream, body.length)
            body.stream.seek(0)
            body = replace(body, block_digest=digest)
        return Exchange(
            url=listed, status=got.status, reason=got.reason,
            content_type=content_type_of(stored), location=first_location(stored),
            retry_after=named.get("retry-after"), http_version=got.http_version, request=req_headers,
            response=stored, body=body, ip=got.ip, date=date, tolerant=True,
            lenient=got.note, framing_note=got.framing_note, cut=got.cut, cut_why=got.cut_why,
            unframed=got.framing == "close",
        )

    def _keep_cookies(self, request: httpx.Request, got: rawhttp.RawResponse) -> None:
        # as the bytes received: httpx would encode str values as ASCII, and a raw byte over 0x7e failed the
        # capture; a Latin-1 value (not UTF-8) then is refused as on the h11 path (archiver.fetch.cookies)
        cookies = [(n.encode(), header_bytes(v)) for n, v in got.fields if n.lower() == "set-cookie"]
        if cookies:
            self.client.cookies.extract_cookies(httpx.Response(got.status, headers=cookies, request=request))

