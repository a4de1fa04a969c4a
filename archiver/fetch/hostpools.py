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
rule stands in for the difference. It yields to one case: the request that
went past the cap a raise replaced (one more than the cap before it) is the
raise's probe, and its reset takes the raise back whatever its path (before,
a retried URL whose reset had lowered the cap once was let through first at
the raise, its reset lowered nothing, and the next request was reset too).

Whether a request opened a connection of its own is what httpcore's ``trace``
extension tells (``connection.connect_tcp``), not whether the pool held an
idle one as it started: a connection stays idle until its request is written,
so several requests started together all saw the one idle connection and their
resets on new ones counted as keep-alive races. The number "in flight" is
taken as the connection was opened (less those turned away themselves), not
when its reset is read: a request that ended in between had still held its
connection when the server refused (on a busy machine a probe of a raise from
2 was read as ``with 1 open``). 12 pages at ``--per-host 4`` from a server of
2, 25 runs at load 9: before, 3 to 5 connections reset; now 2 to 3.
"""
from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx

from archiver.fetch.h2fallback import http11_wanted

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
        self._flight: dict[Origin, set[Attempt]] = {}  # the requests in flight to each origin
        self.http11: set[Origin] = set()  # origins that want HTTP/1.1 (archiver.fetch.h2fallback): make() reads it
        self.http11_notice: Callable[[Origin, str], None] | None = None  # told (origin, why) when one is added
        self._retired: list[httpx.AsyncBaseTransport] = []  # their pools before, closed at the end

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        origin: Origin = (url.raw_scheme, url.host, url.port)
        if origin in self.caps:
            await self._wait_below_cap(origin)
        pool = self.pools.get(origin)
        if pool is None:
            pool = self.pools[origin] = self.make(origin)
            self.busy[origin] = self.busy.get(origin, 0) + 1  # a retired pool's requests may still be in flight
            await self._evict()
        else:
            self.pools.move_to_end(origin)
            self.busy[origin] += 1
        flight = self._flight.setdefault(origin, set())
        attempt = Attempt(request, flight)
        flight.add(attempt)
        try:
            response = await pool.handle_async_request(request)
        except BaseException as exc:
            others = attempt.others()
            if turned_away(exc) and http11_wanted(exc) is None:  # a reset at the HTTP/2 preface is no limit
                attempt.turned = True
            self._release(origin, attempt)
            if attempt.turned:
                self._streak.pop(origin, None)
                if others >= 1 and attempt.opened and self.caps.get(origin, others + 1) > others:
                    self._lower(origin, url.raw_path.decode("ascii", "replace"), others, exc)
            raise
        if origin in self.caps and self.busy.get(origin, 0) >= self.caps[origin]:
            self._raise_after_streak(origin)
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Released(response.stream, lambda: self._release(origin, attempt))
        return response

    def require_http11(self, origin: Origin, why: str) -> None:
        """Send ``origin``'s requests from now on through a new pool, made while ``origin`` is in ``http11`` (so
        offering HTTP/1.1 alone), because ``why``; the old pool's requests in flight end on it, and it is closed
        with the rest."""
        if origin in self.http11:
            return
        self.http11.add(origin)
        if self.http11_notice is not None:
            self.http11_notice(origin, why)
        old = self.pools.pop(origin, None)
        if old is not None:
            self._retired.append(old)

    def _lower(self, origin: Origin, path: str, others: int, exc: BaseException) -> None:
        """Cap the origin at ``others`` for a reset or refusal of ``path``, unless ``path`` lowered it before
        and this was not the probe of a raise (the one request past the cap the raise replaced)."""
        blamed = self._blamed.setdefault(origin, set())
        before = self._raised_from.get(origin, 0)
        probe = others == before and self.caps.get(origin) == before + 1
        if path in blamed and not refused(exc) and not probe:
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

    def _release(self, origin: Origin, attempt: Attempt) -> None:
        self.busy[origin] -= 1
        self._flight.get(origin, set()).discard(attempt)
        attempt.beside = []  # what it saw is needed no more: no chain of ended attempts is kept alive
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
            self._flight.pop(origin, None)
            await pool.aclose()

    async def aclose(self) -> None:
        pools = list(self.pools.values()) + self._retired
        self.pools.clear()
        self._retired.clear()
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


class Attempt:
    """One request through the transport, as the connection cap needs it: whether it opened a connection
    of its own, the other requests to its origin in flight as it did, and whether it was turned away.

    ``opened`` is set through httpcore's ``trace`` request extension (``<prefix>.connect_tcp.started``,
    which httpx's transports pass on), chained to a trace callback the request already had. A transport
    that traces nothing leaves it False: its resets are taken as keep-alive races, which lower no cap.
    """

    CONNECTS = frozenset({"connect_tcp", "connect_unix_socket"})

    def __init__(self, request: httpx.Request, flight: set[Attempt]):
        self.opened = False
        self.turned = False  # failed as a server past its limit fails a request (turned_away)
        self.beside: list[Attempt] = []  # the others in flight to the origin when this one opened a connection
        self._flight = flight
        earlier = request.extensions.get("trace")
        if isinstance(earlier, Attempt):  # the same request sent again: chain to what it had before, not to us
            earlier = earlier._earlier
        self._earlier: Callable[[str, dict[str, Any]], Awaitable[None]] | None = earlier
        request.extensions["trace"] = self

    async def __call__(self, name: str, info: dict[str, Any]) -> None:
        parts = name.split(".")  # "connection.connect_tcp.started": the logger's last part, the step, the phase
        if len(parts) == 3 and parts[1] in self.CONNECTS and parts[2] == "started":
            self.opened = True
            self.beside = [other for other in self._flight if other is not self]
        if self._earlier is not None:
            await self._earlier(name, info)

    def others(self) -> int:
        """The connections the server held for the origin when this one came: the requests in flight as it
        was opened, less those turned away themselves (0 if it opened none). Counted when the failure is
        read, requests that ended in between were missed (a raise's probe read as ``with 1 open``)."""
        return sum(not other.turned for other in self.beside)
