"""One connection pool per origin, so no request scans every host's connections.

httpcore's pool looks at every connection it holds on each request and on each
response closed, and for each idle one counts them all again: with 20 hosts at
2 connections each that was about 500 checks per page, a tenth of the fetcher's
CPU (bench/fetch_vs_wget.py, cProfile). The scheduler already keeps each host
to ``--per-host`` exchanges at a time, so a pool per origin holds a handful of
connections and its scans cost nothing.

Pools of origins not used for a while are closed once more than ``keep`` are
open (least recently used first, never one with an exchange in flight), which
bounds the idle connections a long run keeps, as the one pool's keep-alive
limit did.

A server that limits its connections per client (nginx ``limit_conn``, a small
forking server) resets or refuses the one past its limit. When a request fails
so (connection reset or refused, before any response) while others to its
origin are in flight, the origin is capped at the number in flight for the rest
of the run: its later requests, the retry first, wait here for one of them to
end instead of being reset again (12 pages at ``--per-host 4`` on a server of 2
connections: one page failed after its retries, 8 connections reset; now none).
"""
from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx

Origin = tuple[bytes, str, int | None]


class _Released(httpx.AsyncByteStream):
    """A response body that tells its pool's owner when it is closed."""

    def __init__(self, stream: httpx.AsyncByteStream, release: Callable[[], None]):
        self._stream = stream  # the name archiver.fetch.exchange walks to reach h11's state
        self._release: Callable[[], None] | None = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            if self._release is not None:
                release, self._release = self._release, None
                release()


class PerOriginTransport(httpx.AsyncBaseTransport):
    """An httpx transport that sends each origin's requests through its own transport, ``make(origin)``.

    ``origin`` is (scheme as bytes, host, port or None); ``keep`` bounds the
    origins whose pools stay open while idle.
    """

    def __init__(self, make: Callable[[Origin], httpx.AsyncBaseTransport], keep: int):
        self.make = make
        self.keep = max(1, keep)
        self.pools: OrderedDict[Origin, httpx.AsyncBaseTransport] = OrderedDict()
        self.busy: dict[Origin, int] = {}
        self.backend: Any = None  # the run's network backend (archiver.fetch.client.ResolvingBackend), if any
        self.caps: dict[Origin, int] = {}  # origins that refused a connection past this many at once
        self.notice: Callable[[Origin, int], None] | None = None  # told when an origin is capped
        self._freed: asyncio.Condition | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        origin: Origin = (url.raw_scheme, url.host, url.port)
        if origin in self.caps:
            await self._wait_below_cap(origin)
        pool = self.pools.get(origin)
        if pool is None:
            pool = self.pools[origin] = self.make(origin)
            self.busy[origin] = 1
            await self._evict()
        else:
            self.pools.move_to_end(origin)
            self.busy[origin] += 1
        try:
            response = await pool.handle_async_request(request)
        except BaseException as exc:
            others = self.busy.get(origin, 1) - 1
            self._release(origin)
            if others >= 1 and turned_away(exc) and self.caps.get(origin, others + 1) > others:
                self.caps[origin] = others
                if self.notice is not None:
                    self.notice(origin, others)
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Released(response.stream, lambda: self._release(origin))
        return response

    def _release(self, origin: Origin) -> None:
        self.busy[origin] -= 1
        if self._freed is not None and origin in self.caps:
            freed = self._freed

            async def tell() -> None:
                async with freed:
                    freed.notify_all()

            asyncio.ensure_future(tell())

    async def _wait_below_cap(self, origin: Origin) -> None:
        """Wait until fewer than the origin's cap of requests to it are in flight."""
        if self._freed is None:
            self._freed = asyncio.Condition()
        async with self._freed:
            await self._freed.wait_for(lambda: self.busy.get(origin, 0) < self.caps[origin])

    async def _evict(self) -> None:
        """Close the least recently used idle pools beyond ``keep``."""
        extra = len(self.pools) - self.keep
        for origin in [o for o in self.pools if not self.busy.get(o)][:max(0, extra)]:
            pool = self.pools.pop(origin)
            self.busy.pop(origin, None)
            await pool.aclose()

    async def aclose(self) -> None:
        pools = list(self.pools.values())
        self.pools.clear()
        self.busy.clear()
        for pool in pools:
            await pool.aclose()


def turned_away(exc: BaseException) -> bool:
    """Whether a request failed as a server past its connection limit fails it: the connection
    reset or refused (ConnectionResetError / ConnectionRefusedError in the cause chain)."""
    cur: BaseException | None = exc
    for _ in range(8):
        if cur is None:
            return False
        if isinstance(cur, ConnectionResetError | ConnectionRefusedError):
            return True
        cur = cur.__cause__ or cur.__context__
    return False
