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
"""
from __future__ import annotations

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

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        origin: Origin = (url.raw_scheme, url.host, url.port)
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
        except BaseException:
            self._release(origin)
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Released(response.stream, lambda: self._release(origin))
        return response

    def _release(self, origin: Origin) -> None:
        self.busy[origin] -= 1

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
