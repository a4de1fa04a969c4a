"""Reading an HTTP/1.1 or HTTP/2 response body into the spool, keeping what came when it is cut.

:func:`read_body` streams the raw body (below httpx's ``aiter_raw``: a million 1-byte chunks cost per
layer) into a :class:`~archiver.body_spool.BodySpool`; a body cut by a timeout is kept and marked
``WARC-Truncated: time``, one cut by the server's hang-up (a close, a reset, an HTTP/2 RST_STREAM or
GOAWAY) ``disconnect``; junk framing is raised, not kept. :func:`h11_state` finds the h11 connection
behind a response, whose reader tells a cut body from a missing end of the trailer section.
"""
from __future__ import annotations

import asyncio
from typing import Any

import httpx

from archiver.body_spool import BodySpool
from archiver.fetch.retry import describe_error, http2_problem


def h11_state(response: httpx.Response) -> Any:
    """The h11.Connection behind an HTTP/1.1 response (httpx and httpcore keep it private), or None."""
    obj: Any = response.stream
    for _ in range(8):
        state = getattr(obj, "_h11_state", None)
        if state is not None:
            return state
        obj = (getattr(obj, "_connection", None) or getattr(obj, "_httpcore_stream", None)
               or getattr(obj, "_stream", None))
        if obj is None:
            return None
    return None



FEED_BYTES = 64 * 1024  # small pieces of a body are gathered up to this before they are spooled and hashed


def _disconnect(exc: Exception) -> str | None:
    """How the connection ended, if ``exc`` (raised reading a body) is the server closing or resetting it."""
    if isinstance(exc, httpx.ReadError):
        return describe_error(exc)
    if isinstance(exc, httpx.RemoteProtocolError) and "peer closed connection" in str(exc):
        return str(exc)
    if isinstance(exc, httpx.RemoteProtocolError) and "peer unexpectedly closed connection" in str(exc):
        # h11's words for a close in the middle of a line of the framing (a chunk size, a trailer field): a
        # hang-up like any other (before: "protocol error", and the body that came was not archived)
        return "connection closed in the middle of a chunk-size or trailer line"
    h2 = http2_problem(exc) if isinstance(exc, httpx.RemoteProtocolError) else None
    if h2 is not None and h2[0] in ("reset", "closed"):  # RST_STREAM or GOAWAY mid-body: a hang-up
        return h2[1]
    return None  # junk framing (an illegal chunk header): not a body cut short


async def read_body(response: httpx.Response, spool: BodySpool,
                     deadline: float | None) -> tuple[str | None, str]:
    """Stream the raw body into ``spool``; when a timeout or the server's hang-up cuts it, keep what came
    (``WARC-Truncated: time`` or ``disconnect``) and say why: ("read", "") for no byte in --timeout
    seconds, ("total", "") when ``deadline`` passed, ("disconnect", how); else (None, "").

    Pieces are gathered up to ``FEED_BYTES`` before they are spooled (each feed hashes twice and
    writes), and read from the response's stream itself, below ``aiter_raw``'s generator: a body of
    a million 1-byte chunks yields a million pieces, and each layer costs per piece.
    """
    budget = asyncio.timeout_at(deadline)
    pending = bytearray()
    reader = getattr(h11_state(response), "_reader", None)  # h11 drops it from the connection on an error
    stream: Any = response.stream
    response.is_stream_consumed = True  # what aiter_raw would set; response.aclose() still closes the stream
    cut, why = None, ""
    try:
        async with budget:
            async for chunk in stream:
                if not pending and len(chunk) >= FEED_BYTES:  # the usual piece: no copy
                    if not spool.feed(chunk):
                        break
                    continue
                pending += chunk
                if len(pending) >= FEED_BYTES:
                    room = spool.feed(bytes(pending))
                    pending.clear()
                    if not room:
                        break
    except httpx.ReadTimeout:
        cut = "read"
    except TimeoutError:
        if not budget.expired():
            raise
        cut = "total"
    except (httpx.ReadError, httpx.RemoteProtocolError) as exc:
        why = _disconnect(exc) or ""
        if not why:
            raise
        if not getattr(reader, "_reading_trailer", False):
            cut = "disconnect"
        # else h11 had read the last chunk (size 0): the body is whole, only the blank line ending the trailer
        # section never came before the close (a server fault browsers pass over). It was archived as cut,
        # "connection closed mid-body (incomplete chunked read)", and asked again at every run
    if pending:
        spool.feed(bytes(pending))
    if cut is None or spool.truncated is not None:  # a size cap reached first is the truncation to tell
        return None, ""
    spool.truncated = "disconnect" if cut == "disconnect" else "time"
    return cut, why
