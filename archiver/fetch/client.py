"""The one ``httpx.AsyncClient`` a run uses: timeouts, TLS trust, and ``--resolve``.

``--resolve HOST:PORT:ADDRESS`` works as in curl: the connection goes to ADDRESS
while the URL, the Host header and the TLS server name stay HOST. It is done at
the network-backend level so that nothing above it (TLS, HTTP/2, the archived
request) can tell.
"""
from __future__ import annotations

import asyncio
import ssl
import typing
from contextvars import ContextVar

import certifi
import httpcore
import httpx
from httpcore._backends.auto import AutoBackend
from httpcore._utils import is_socket_readable

from archiver.config import Settings
from archiver.fetch.addresses import HOP_GUARD, AddressRefused, AddressSpaces, target_addresses
from archiver.fetch.cookies import CookieClient, ResponseCookies
from archiver.fetch.headtap import MAX_INFORMATIONAL, HeadTap
from archiver.fetch.tlsclose import read_noting_close, start_tls
from archiver.fetch.trailers import TAIL
from archiver.numbers import ascii_int
from archiver.urls import request_host

# the HTTP/1.x stream the current task last wrote a request on (set in CachedSocketStream.write; each
# capture runs in its own task): after a failed send, Exchanger.once asks it whether the request went
# out on a kept-alive connection and nothing came back (a server closing an idle connection as it left)
LAST_STREAM: ContextVar[CachedSocketStream | None] = ContextVar("last_stream", default=None)


def parse_resolve(entries: list[str]) -> dict[tuple[str, int], str]:
    """``['www.x.test:443:127.0.0.2']`` -> ``{('www.x.test', 443): '127.0.0.2'}``; a non-ASCII HOST is
    keyed by its IDNA form, the name a request carries."""
    mapping: dict[tuple[str, int], str] = {}
    for entry in entries:
        host, sep, rest = entry.partition(":")
        port, sep2, address = rest.partition(":")
        number = ascii_int(port)  # not str.isdigit: '²' is a digit int() refuses
        if not (sep and sep2 and host and number is not None and address):
            raise ValueError(f"--resolve / ARCHIVER_RESOLVE: {entry!r}: expected HOST:PORT:ADDRESS")
        mapping[(request_host(host), number)] = address.strip("[]")  # bücher.test is xn--bcher-kva.test
    return mapping


class CachedSocketStream(httpcore.AsyncNetworkStream):
    """httpcore's stream, but ``is_readable`` polls a socket looked up once.

    The pool asks ``is_readable`` of every idle connection on every request and
    response; anyio answers by rebuilding its attribute table (with a
    ``getpeername`` call) each time. With 20 hosts this saved 3% of the CPU per
    page at 16 requests in flight and 9% at 64 (bench/fetch_vs_wget.py).

    It also keeps the bytes of each HTTP/1.x response head as they came
    (``take_head``; see ``archiver.fetch.headtap``): the bytes read after a
    request is written are kept until the final head is whole, then no more.
    Everything else is passed through.
    """

    def __init__(self, inner: httpcore.AsyncNetworkStream):
        self.inner = inner
        self.sock = inner.get_extra_info("socket")
        # looked up now: once a server closes, the address is gone (and WARC-IP-Address with it)
        try:
            self.server_addr = inner.get_extra_info("server_addr")
        except Exception:
            self.server_addr = None
        self.poisoned = False  # set after a framing error: the pool must not reuse this connection
        self.tapping = True  # False on an HTTP/2 connection: frames, no text heads
        self.tap: HeadTap | None = None
        self.head: bytes | None = None
        self.requests = 0  # HTTP/1.x requests written on this connection
        self.received = 0  # bytes read since the last one was written
        self.tail = bytearray()  # the last TAIL bytes read since then (a chunked body's trailer section)
        self.ragged_end = False  # the connection ended under TLS without close_notify (archiver.fetch.tlsclose)

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data, ragged = await read_noting_close(self.inner, max_bytes, timeout)
        self.ragged_end = self.ragged_end or ragged
        self.received += len(data)
        if self.tapping:  # the end of the response so far: a copy of at most TAIL bytes a read
            if len(data) >= TAIL:
                self.tail[:] = data[-TAIL:]
            else:
                self.tail += data
                if len(self.tail) > TAIL:
                    del self.tail[:-TAIL]
        tap = self.tap
        if tap is not None and not tap.feed(data):
            self.head, self.tap = tap.head, None
            if tap.informational > MAX_INFORMATIONAL:  # h11 would skip 1xx heads for ever (until --total-timeout)
                raise httpcore.RemoteProtocolError(f"over {MAX_INFORMATIONAL} informational (1xx) responses "
                                                   "and no final one")
        return data

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if self.tapping:  # a request goes out: its response is what comes next
            self.tap, self.head = HeadTap(), None
            self.tail.clear()
            if buffer:  # httpcore writes a GET's empty end of message too
                self.requests += 1
                self.received = 0
                LAST_STREAM.set(self)
        await self.inner.write(buffer, timeout)

    def reused_silently(self) -> bool:
        """Whether the last request went out on a connection kept alive from an earlier one and not a byte
        came back: the server had closed it as idle (the keep-alive race), so the request never reached it."""
        return self.requests > 1 and self.received == 0

    def take_tail(self) -> bytes:
        """The last bytes (up to ``trailers.TAIL``) read since the last request was written (HTTP/1.x)."""
        return bytes(self.tail)

    def take_head(self) -> bytes | None:
        """The last response head's bytes as received (HTTP/1.x), once; None if not seen whole."""
        head, self.head = self.head, None
        return head

    async def aclose(self) -> None:
        await self.inner.aclose()

    async def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                        timeout: float | None = None) -> httpcore.AsyncNetworkStream:
        stream = CachedSocketStream(await start_tls(self.inner, ssl_context, server_hostname, timeout))
        tls = stream.get_extra_info("ssl_object")
        stream.tapping = not (tls is not None and tls.selected_alpn_protocol() == "h2")
        if not stream.tapping:  # httpcore now imports its HTTP/2 connection (and h2, held out until then)
            from archiver.fetch.h2faults import install

            install()
        return stream

    def get_extra_info(self, info: str) -> typing.Any:
        if info == "is_readable":
            # "readable while idle" is how httpcore learns a connection is finished with
            return self.poisoned or is_socket_readable(self.sock)
        if info == "server_addr" and self.server_addr is not None:
            return self.server_addr
        return self.inner.get_extra_info(info)


def share(end: float | None, left: int, loop: asyncio.AbstractEventLoop) -> float | None:
    """Seconds of connect timeout for the next of ``left`` addresses of a name, all of them due by ``end``
    (event-loop time; None: no limit): half of what remains while others are left, all of it for the last,
    as curl shares its connect timeout. ``--timeout`` bounds a connection however many addresses a name has
    (each had the whole of it, so a name with eight silent addresses took eight times --timeout)."""
    if end is None:
        return None
    remaining = max(end - loop.time(), 0.0)
    return remaining / 2 if left > 1 else remaining


class ResolvingBackend(httpcore.AsyncNetworkBackend):
    """Connections go to ``--resolve``'s address, or to one the name resolves to (once, here) that
    ``--private-redirects`` accepts: for a redirect hop (``HOP_GUARD``), and under ``guard`` never
    more private than the name's first address in the run (``AddressSpaces``)."""

    def __init__(self, mapping: dict[tuple[str, int], str], mode: str = "allow"):
        self.mapping = mapping
        self.inner = AutoBackend()
        self.spaces = AddressSpaces(mode)

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: typing.Iterable[typing.Any] | None = None) -> httpcore.AsyncNetworkStream:
        options = list(socket_options or ())
        addresses = await self.addresses(host, port)
        loop = asyncio.get_running_loop()
        end = None if timeout is None else loop.time() + timeout
        for i, address in enumerate(addresses):  # in the resolver's order, as anyio tries a name's addresses
            try:
                stream = await self.inner.connect_tcp(address, port, timeout=share(end, len(addresses) - i, loop),
                                                      local_address=local_address, socket_options=options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout):
                if i + 1 == len(addresses):
                    raise
                continue
            self.spaces.connected(host.lower(), address)
            return CachedSocketStream(stream)
        raise AssertionError("unreachable: addresses() gives at least one")

    async def addresses(self, host: str, port: int) -> list[str]:
        """Where a connection to ``host:port`` may go, in order (see the class): ``--resolve``'s address, the
        name itself (resolved by the connection), or the addresses it resolved to here that pass; raises
        AddressRefused."""
        mapped = self.mapping.get((host.lower(), port))
        if mapped is not None:
            return [mapped]
        guard = HOP_GUARD.get()
        if guard is None and self.spaces.mode != "guard":
            return [host]
        # resolved once, here, and connected to an address that passes: no second answer in between
        candidates = await target_addresses(host, port, self.mapping)
        if guard is not None:  # a redirect hop
            reasons = [guard(candidate) for candidate in candidates]
            if candidates and all(reasons):
                raise AddressRefused(next(r for r in reasons if r))
            candidates = [c for c, reason in zip(candidates, reasons, strict=True) if reason is None]
        return self.spaces.allowed(host.lower(), list(dict.fromkeys(candidates))) or [host]

    async def connect_unix_socket(self, *args: typing.Any, **kwargs: typing.Any) -> httpcore.AsyncNetworkStream:
        return await self.inner.connect_unix_socket(*args, **kwargs)

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


# Python's TLS 1.2 cipher suites (ssl._DEFAULT_CIPHERS: '...:!aDSS:!SHA1:!AESCCM') and the four that Chrome, Firefox
# and Safari offer beside them: ECDHE with AES-CBC and SHA-1's HMAC (ECDHE-RSA-AES128-SHA and its kin). A server of
# TLS 1.2 with only those (an old IIS or appliance) failed, "TLS: SSLV3_ALERT_HANDSHAKE_FAILURE", where a browser
# shows the page. DHE with SHA-1 stays out (browsers dropped DHE), as do RSA key exchange, 3DES and RC4.
TLS12_CIPHERS = "@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!AESCCM:!DHE+SHA1"


def ssl_context(settings: Settings) -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=certifi.where())
    # a certificate naming its host only in its subject's Common Name, with no subjectAltName, is refused, as
    # Chromium (58, 2017: ERR_CERT_COMMON_NAME_INVALID) and Firefox (48) refuse it: RFC 6125 section 6.4.4 leaves
    # the CN to clients without other names, and the CA/Browser Forum has required a subjectAltName since 2012.
    # OpenSSL (and so Python) still read the CN when no DNS name is there.
    ctx.hostname_checks_common_name = False
    ctx.set_ciphers(TLS12_CIPHERS)
    ctx.load_default_certs()
    if settings.ca_bundle is not None:
        try:
            ctx.load_verify_locations(cafile=str(settings.ca_bundle))
        except OSError as exc:  # ssl.SSLError is one: a file of no PEM certificate
            why = exc.strerror or getattr(exc, "reason", None) or str(exc)
            if isinstance(exc, ssl.SSLError):
                why = f"no PEM certificate read from it ({why})"
            raise ValueError(f"--ca-bundle / ARCHIVER_CA_BUNDLE: cannot use {settings.ca_bundle}: {why}") from None
    return ctx


def warcio_decodes(coding: str) -> bool:
    """Whether the installed warcio can undo ``coding`` (what ``warcio check`` and pywb need).

    warcio makes its brotli decoder by setting an attribute on
    ``brotli.Decompressor()``, which the C extension of Google's ``brotli``
    package (1.1, 1.2) refuses; brotlipy's works. Asked once per run.
    """
    from warcio.bufferedreaders import BufferedReader

    make = BufferedReader.DECOMPRESSORS.get(coding)
    if make is None:
        return False
    try:
        make()
    except Exception:
        return False
    return True


# what Chromium and Firefox send for a page they navigate to (image types left out): a server that
# negotiates on Accept (Vary: Accept) gives archiver the HTML a reader sees, where httpx's */* got the
# JSON or RSS rendition some give to any client that does not ask for text/html
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def accept_encoding() -> str:
    """The codings to ask for: only those the field's readers (warcio, so pywb) decode here."""
    return ", ".join(["gzip", "deflate"] + (["br"] if warcio_decodes("br") else []))


def make_client(settings: Settings) -> httpx.AsyncClient:
    """The run's client: a connection pool per origin (``PerOriginTransport``).

    The scheduler keeps a host to ``--per-host`` exchanges at a time, but redirects
    from other hosts may land on one origin, so a pool may open up to
    ``--concurrency`` + 8 connections (the one pool's cap before); of those it
    keeps ``--per-host`` + 2 while idle, and the pools of at most
    ``--concurrency`` + 8 origins stay open while idle.
    """
    from archiver.fetch.hostpools import PerOriginTransport

    timeout = httpx.Timeout(connect=settings.timeout, read=settings.timeout,
                            write=settings.timeout, pool=None)
    limits = httpx.Limits(max_connections=settings.concurrency + 8, max_keepalive_connections=settings.per_host + 2)
    backend = ResolvingBackend(parse_resolve(settings.resolve), settings.private_redirects)
    # a --ca-bundle is read now, so a bad one stops the run before it starts, as it always did
    tls: list[ssl.SSLContext] = [ssl_context(settings)] if settings.ca_bundle is not None else []
    plain: list[ssl.SSLContext] = []

    def origin_transport(origin: tuple[bytes, str, int | None]) -> httpx.AsyncHTTPTransport:
        # the trusted CAs are loaded for the first https origin only: loading them took 0.3 s of CPU,
        # a third of a millisecond per page of a 1,000-page run over http. An http origin's pool never
        # starts TLS; it gets a context that trusts nothing (httpx would load certifi's CAs for it).
        if origin[0] == b"https":
            if not tls:
                tls.append(ssl_context(settings))
            verify = tls[0]
        else:
            if not plain:
                plain.append(ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))
            verify = plain[0]
        # an origin that asked for HTTP/1.1 (archiver.fetch.h2fallback) is offered it alone
        http2 = settings.http2 and origin not in transport.http11
        made = httpx.AsyncHTTPTransport(verify=verify, http2=http2, limits=limits, retries=0)
        # no public hook in httpx; installed even without --resolve for the cheaper streams
        made._pool._network_backend = backend
        return made

    transport = PerOriginTransport(origin_transport, keep=settings.concurrency + 8)
    transport.backend = backend  # the tolerant reader's connections are placed by it too (Exchanger._tolerant)
    client = CookieClient(transport=transport, timeout=timeout, follow_redirects=False,
                               headers={"User-Agent": settings.user_agent or "archiver", "Accept": ACCEPT,
                                        "Accept-Encoding": accept_encoding()},
                               trust_env=False)
    client._cookies = ResponseCookies()  # no public hook either; the setter would copy into a plain Cookies
    return client
