"""A TLS connection's ends: a handshake the server never answers, and how the connection closed.

A server (or a middlebox filtering by the name in the ClientHello) may take the TCP connection and never
answer the handshake: httpcore calls that a connect timeout, as if the host could not be reached;
:func:`start_tls` says it was the handshake (``HANDSHAKE_STALL``).

The close: the server's ``close_notify``, or a close under TLS that an attacker can forge.

A body with no length of its own (no ``Content-Length``, not chunked) ends when the server closes the
connection. Over TLS only the ``close_notify`` alert says that close is the server's: a TCP FIN or reset
without one (a "truncation attack", or a middlebox cutting the connection) looks the same to a reader that
takes every end of stream as the end. RFC 9112 section 9.8: such a response "is complete only if a valid
closure alert has been received". httpcore reads through anyio with ``standard_compatible=False``, which
returns an empty read for both ends alike; :func:`read_noting_close` tells them apart, and
:func:`unconfirmed_end` turns an unconfirmed end of an unframed body into a cut (``WARC-Truncated:
disconnect``), asked again next run; the same bytes twice are then the server's page (``shortbody``).
"""
from __future__ import annotations

import ssl
import sys
from typing import Any

import httpcore

UNCONFIRMED = ("the TLS connection ended without the server's close_notify, so a body that ends at the close "
               "cannot be told whole from cut short (RFC 9112 section 9.8)")


HANDSHAKE_STALL = "TLS handshake"  # the message of a ConnectTimeout raised while the handshake was under way


HANDSHAKE_SLOW = "TLS handshake, bytes:"  # ... and the server's bytes that came before the timeout


async def start_tls(inner: httpcore.AsyncNetworkStream, ssl_context: ssl.SSLContext, server_hostname: str | None,
                    timeout: float | None) -> httpcore.AsyncNetworkStream:
    """``inner.start_tls(...)`` (``timeout`` in seconds); a timeout there raises
    ``httpcore.ConnectTimeout(HANDSHAKE_STALL)``: the TCP connection was made, the handshake got no answer; or
    ``httpcore.ConnectTimeout(f"{HANDSHAKE_SLOW} N")`` when N bytes of the server's answer came, too slowly
    (a server dripping its handshake): the bytes are counted as anyio reads them, for the handshake only."""
    socket_stream = getattr(inner, "_stream", None)
    counting = _Counting.around(socket_stream)
    if counting is not None:
        inner._stream = counting  # type: ignore[attr-defined]
    try:
        tls = await inner.start_tls(ssl_context, server_hostname, timeout)
    except httpcore.ConnectTimeout as exc:
        if counting is not None and counting.received:
            raise httpcore.ConnectTimeout(f"{HANDSHAKE_SLOW} {counting.received}") from exc
        raise httpcore.ConnectTimeout(HANDSHAKE_STALL) from exc
    finally:
        if counting is not None:
            inner._stream = socket_stream  # type: ignore[attr-defined]
    wrapped = getattr(tls, "_stream", None)
    if counting is not None and getattr(wrapped, "transport_stream", None) is counting:
        wrapped.transport_stream = socket_stream  # type: ignore[union-attr]  # reads go to the socket again
    return tls


class _Counting:
    """An anyio byte stream passing reads and writes to ``inner`` and counting the bytes read (``received``)."""

    def __init__(self, inner: Any):
        self.inner = inner
        self.received = 0

    @classmethod
    def around(cls, stream: Any) -> _Counting | None:
        """A counting stream around anyio's socket stream ``stream`` (httpcore's ``AnyIOStream._stream``); None
        for anything else (another backend: no count, the stall told as before)."""
        abc = sys.modules.get("anyio.abc")
        if abc is None or not isinstance(stream, abc.ByteStream):
            return None
        return cls(stream)

    async def receive(self, max_bytes: int = 65536) -> bytes:
        data = await self.inner.receive(max_bytes)
        self.received += len(data)
        return bytes(data)

    async def send(self, item: bytes) -> None:
        await self.inner.send(item)

    async def send_eof(self) -> None:
        await self.inner.send_eof()

    async def aclose(self) -> None:
        await self.inner.aclose()

    @property
    def extra_attributes(self) -> Any:
        return self.inner.extra_attributes

    def extra(self, attribute: Any, default: Any = None) -> Any:
        return self.inner.extra(attribute, default)


def _ragged(exc: BaseException) -> bool:
    """Whether ``exc`` (a read's error) is an end of stream under TLS without close_notify (OpenSSL's
    UNEXPECTED_EOF_WHILE_READING), as anyio raises it in its standard-compatible mode."""
    seen: BaseException | None = exc
    for _ in range(4):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLEOFError) or (
                isinstance(seen, ssl.SSLError) and "UNEXPECTED_EOF" in (seen.strerror or "")):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


async def read_noting_close(inner: httpcore.AsyncNetworkStream, max_bytes: int,
                            timeout: float | None) -> tuple[bytes, bool]:
    """``inner.read(max_bytes, timeout)`` (httpcore's stream; ``timeout`` in seconds), and whether an empty
    read was an end without close_notify: (b"", True). A close with close_notify, or a plain TCP stream,
    gives (b"", False) at its end. Raises what ``inner.read`` raises (httpcore.ReadError, ReadTimeout) for
    anything else."""
    tls = getattr(inner, "_stream", None)  # httpcore's AnyIOStream keeps anyio's stream here
    streams = sys.modules.get("anyio.streams.tls")  # imported by the first TLS connection, not before: none yet
    if streams is None or not isinstance(tls, streams.TLSStream):
        return await inner.read(max_bytes, timeout), False
    tls.standard_compatible = True  # for this read only: an unexpected EOF raises instead of ending quietly
    try:
        return await inner.read(max_bytes, timeout), False
    except httpcore.ReadError as exc:
        if _ragged(exc):
            return b"", True
        raise
    finally:
        tls.standard_compatible = False  # aclose must not wait for the server's own close_notify


def page_part(status: int, length: int) -> bool:
    """Whether a body of ``length`` bytes, answering with ``status``, ended without close_notify is told as cut:
    a 2xx with some bytes. An error page fails with its status whatever its body; an empty body has no part
    the next run could match (``shortbody``), and would fail at every run."""
    return 200 <= status < 300 and length > 0


def unconfirmed_end(response: Any, unframed: bool, length: int) -> str | None:
    """Why a whole-looking body (``length`` bytes) is not known whole: ``unframed`` (it ends at the close), a 2xx
    with some bytes (``page_part``), and its connection (``response.extensions["network_stream"]``, a
    ``client.CachedSocketStream``) ended under TLS without close_notify; else None."""
    if not unframed or not page_part(response.status_code, length):
        return None
    stream = response.extensions.get("network_stream")
    return UNCONFIRMED if getattr(stream, "ragged_end", False) else None


def ended_without_notify(writer: Any) -> bool:
    """Whether an asyncio TLS connection (``writer``: its ``asyncio.StreamWriter``), its reader at its end,
    ended without close_notify (the tolerant reader's connections, ``rawhttp``). After close_notify the TLS
    object reads as closed (SSLZeroReturnError); after a bare TCP close it still waits for a record."""
    tls = writer.get_extra_info("ssl_object")
    if tls is None:
        return False
    try:
        tls.read(1)
    except ssl.SSLWantReadError:
        return True
    except (ssl.SSLError, OSError, ValueError):
        return False
    return False
