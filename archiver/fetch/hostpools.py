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
forking server) resets or refuses the one past its limit. When a request on a
new connection fails so (refused, or reset before any response) while others to
its origin are in flight, the origin is capped at the number in flight: its
later requests, the retry first, wait here for one of them to end instead of
being reset again (12 pages at ``--per-host 4`` on a server of 2 connections:
one page failed after its retries, 8 connections reset; now none).

Not every reset is a limit, and the cap is not for the rest of the run:

- a reset on a reused keep-alive connection (the server closed it as it was
  reused) lowers nothing;
- a path whose reset lowered the cap once lowers it no more (a server that
  resets one URL, whatever the load, drove a host to one connection before);
- after ``RAISE_AFTER`` requests in a row answered with the origin at its cap,
  the cap goes up by one; a raise the server turns away (one reset, retried)
  doubles the streak the next raise needs, so a real limit is probed less and
  less often (the 12 pages above: one raise tried, 4 resets in all, not 3).

A reset looks the same to the client whether the server was full or disliked
the URL (both arrive on reading, after the request was written), so the path
rule stands in for the difference.
"""
from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx

Origin = tuple[bytes, str, int | None]
RAISE_AFTER = 8  # requests in a row answered at an origin's cap before the cap goes up by one


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
        self.notice: Callable[[Origin, int, bool], None] | None = None  # told (origin, cap, raised) when a cap changes
        self._freed: asyncio.Condition | None = None
        self._blamed: dict[Origin, set[str]] = {}  # paths whose reset lowered the origin's cap
        self._streak: dict[Origin, int] = {}  # requests in a row answered at the origin's cap
        self._needed: dict[Origin, int] = {}  # the streak that raises the cap: RAISE_AFTER, doubled per failed raise
        self._raised_from: dict[Origin, int] = {}  # the cap the origin had before its last raise
        self._tasks: set[asyncio.Future[None]] = set()  # the wake-ups _release started, kept until done

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
        reused = has_idle(pool)
        try:
            response = await pool.handle_async_request(request)
        except BaseException as exc:
            others = self.busy.get(origin, 1) - 1
            self._release(origin)
            if turned_away(exc):
                self._streak.pop(origin, None)
                if others >= 1 and not reused and self.caps.get(origin, others + 1) > others:
                    self._lower(origin, url.raw_path.decode("ascii", "replace"), others, exc)
            raise
        if origin in self.caps and self.busy.get(origin, 0) >= self.caps[origin]:
            self._raise_after_streak(origin)
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Released(response.stream, lambda: self._release(origin))
        return response

    def _lower(self, origin: Origin, path: str, others: int, exc: BaseException) -> None:
        """Cap the origin at ``others`` for a reset or refusal of ``path``, unless ``path`` lowered it before."""
        blamed = self._blamed.setdefault(origin, set())
        if path in blamed and not refused(exc):
            return
        blamed.add(path)
        if others <= self._raised_from.get(origin, 0):  # the raise was turned away: wait twice as long next time
            self._needed[origin] = min(1024, 2 * self._needed.get(origin, RAISE_AFTER))
        self.caps[origin] = others
        if self.notice is not None:
            self.notice(origin, others, False)

    def _raise_after_streak(self, origin: Origin) -> None:
        """Count one answer at the origin's cap; the ``RAISE_AFTER``-th in a row raises the cap by one (twice as
        many after each raise the server turned away, at most 1,024)."""
        streak = self._streak.get(origin, 0) + 1
        if streak < self._needed.get(origin, RAISE_AFTER):
            self._streak[origin] = streak
            return
        self._streak.pop(origin, None)
        self._raised_from[origin] = self.caps[origin]
        self.caps[origin] += 1
        if self.notice is not None:
            self.notice(origin, self.caps[origin], True)
        self._wake()

    def _release(self, origin: Origin) -> None:
        self.busy[origin] -= 1
        if origin in self.caps:
            self._wake()

    def _wake(self) -> None:
        """Tell the requests waiting below a cap to look again (a request ended or a cap went up)."""
        if self._freed is None:
            return
        freed = self._freed

        async def tell() -> None:
            async with freed:
                freed.notify_all()

        task = asyncio.ensure_future(tell())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

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


def refused(exc: BaseException) -> bool:
    """Whether ConnectionRefusedError is in the cause chain (refused at connect time, whatever the path)."""
    cur: BaseException | None = exc
    for _ in range(8):
        if cur is None:
            return False
        if isinstance(cur, ConnectionRefusedError):
            return True
        cur = cur.__cause__ or cur.__context__
    return False


def has_idle(pool: httpx.AsyncBaseTransport) -> bool:
    """Whether an httpx transport's httpcore pool holds an idle connection a request would reuse."""
    connections = getattr(getattr(pool, "_pool", None), "connections", None) or []
    try:
        return any(conn.is_idle() for conn in connections)
    except Exception:  # another transport's shape: take the connection as new
        return False
