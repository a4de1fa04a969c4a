"""Per-host politeness: which seed may start now, across thousands of hosts.

A heap holds the hosts that have queued seeds and a free slot, keyed by the
earliest time their next request may start; the dispatcher starts work while
the global limit allows and sleeps until the next host is due or a task ends.
Memory is O(hosts), not O(seeds in flight).
"""
from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections import deque
from collections.abc import Callable, Coroutine, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass
class HostState(Generic[T]):
    queue: deque[T] = field(default_factory=deque)
    active: int = 0
    next_start: float = 0.0
    in_heap: bool = False
    delay: float = 0.0
    claims: int = 0  # started seeds waiting for (or about to ask) their next turn: they go before new seeds
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class HostScheduler(Generic[T]):
    def __init__(self, concurrency: int, per_host: int, delay: float):
        self.concurrency = concurrency
        self.per_host = per_host
        self.delay = delay
        self.hosts: dict[Hashable, HostState[T]] = {}
        self.heap: list[tuple[float, int, Hashable]] = []
        self.counter = itertools.count()
        # set by run(): the work tasks holding a slot, those that gave theirs back, and the dispatcher's alarm
        self._running: dict[asyncio.Future[Any], Hashable] = {}
        self._released: set[asyncio.Future[Any]] = set()
        self._wake: asyncio.Event | None = None

    def add(self, host: Hashable, item: T) -> None:
        state = self.hosts.setdefault(host, HostState(delay=self.delay))
        state.queue.append(item)
        self._offer(host, state)

    def _offer(self, host: Hashable, state: HostState[T]) -> None:
        if state.queue and state.active < self.per_host and not state.in_heap:
            heapq.heappush(self.heap, (state.next_start, next(self.counter), host))
            state.in_heap = True

    def set_delay(self, host: Hashable, delay: float) -> None:
        """Raise a host's delay (robots.txt Crawl-delay, already capped); never lowers it below the run's.

        The host's first page (the request after robots.txt) still waits only the
        run's ``--delay``; the Crawl-delay spaces the requests after it.
        """
        state = self.hosts.setdefault(host, HostState(delay=self.delay))  # a host reached by a redirect only
        state.delay = max(self.delay, delay)

    def drain(self, host: Hashable) -> list[T]:
        """Take every item of ``host`` not started yet (its host was given up); they will not be started."""
        state = self.hosts.get(host)
        if state is None:
            return []
        items = list(state.queue)
        state.queue.clear()
        return items

    def hold(self, host: Hashable) -> None:
        """A request to ``host`` has just been answered (its head arrived): the next may start only
        ``delay`` after now. Measured at the server, requests are then at least ``delay`` apart even
        when setting up this one's connection took a while."""
        state = self.hosts.get(host)
        if state is not None and state.delay > 0:
            state.next_start = max(state.next_start, time.monotonic() + state.delay)

    def defer(self, host: Hashable, seconds: float) -> None:
        """The server asked for a pause (``Retry-After`` on a 429 or 503, already capped): no request to
        ``host`` starts for ``seconds`` from now, the retry's nor any other URL's of the host."""
        state = self.hosts.get(host)
        if state is not None:
            state.next_start = max(state.next_start, time.monotonic() + seconds)

    @contextmanager
    def claim(self, host: Hashable) -> Iterator[None]:
        """While inside, no new seed of ``host`` starts: a seed already started (fetching its origin's
        robots.txt, waiting for its page's turn) asks the host before the seeds queued behind it, so a
        host's seeds go out in list order and a pause one of them was told (Retry-After) is seen by the
        next. Claims nest; the last one out offers the host to the dispatcher again."""
        state = self.hosts.setdefault(host, HostState(delay=self.delay))
        state.claims += 1
        try:
            yield
        finally:
            state.claims -= 1
            if not state.claims:
                self._offer(host, state)
                if self._wake is not None:
                    self._wake.set()

    async def turn(self, host: Hashable) -> None:
        """Wait for this host's next request slot (redirect hops, retries, robots.txt); a started
        seed's turn comes before any queued seed's start (see ``claim``)."""
        state = self.hosts.setdefault(host, HostState(delay=self.delay))
        with self.claim(host):
            async with state.lock:
                # loop: the dispatcher may have started a request for this host while we slept
                while (wait := state.next_start - time.monotonic()) > 0:
                    await asyncio.sleep(wait)
                state.next_start = time.monotonic() + state.delay

    def release(self) -> None:
        """Give back the calling work task's slot: its requests are done, what is left is local work.

        ``--concurrency`` and ``--per-host`` count requests in flight (as Scrapy's
        ``CONCURRENT_REQUESTS`` does), so a capture whose last response is in hands
        its slot to the next seed before it writes its WARC records and catalog
        row; the next request goes out while this one is written. A call from a
        task that holds no slot (or a second call) does nothing.
        """
        task = asyncio.current_task()
        host = self._running.pop(task, None) if task is not None else None
        if task is None or host is None:
            return
        self._released.add(task)
        state = self.hosts[host]
        state.active -= 1
        self._offer(host, state)
        if self._wake is not None:
            self._wake.set()

    async def run(self, work: Callable[[Hashable, T], Coroutine[Any, Any, None]], stop: asyncio.Event) -> None:
        """Start ``work(host, item)`` for every item, honouring the limits, until done or ``stop``.

        A task holds its slot until it ends or calls ``release()``.
        """
        running: dict[asyncio.Future[Any], Hashable] = {}
        released: set[asyncio.Future[Any]] = set()
        wake = asyncio.Event()
        self._running, self._released, self._wake = running, released, wake
        try:
            while (self.heap or running or released) and not stop.is_set():
                now = time.monotonic()
                while self.heap and len(running) < self.concurrency and self.heap[0][0] <= now:
                    _, _, host = heapq.heappop(self.heap)
                    state = self.hosts[host]
                    if not state.queue or state.claims:  # drained meanwhile, or a started seed's turn is due
                        state.in_heap = False  # (the last claim out offers the host again)
                        continue
                    if state.next_start > now:  # a hop, retry or robots.txt took the slot since
                        heapq.heappush(self.heap, (state.next_start, next(self.counter), host))
                        continue
                    state.in_heap = False
                    item = state.queue.popleft()
                    state.active += 1
                    state.next_start = now + state.delay
                    running[asyncio.create_task(work(host, item))] = host
                    self._offer(host, state)
                if not (self.heap or running or released):
                    break  # the last entries were of hosts drained meanwhile: nothing is left to wait for
                timeout = None
                if self.heap and len(running) < self.concurrency:
                    timeout = max(0.0, self.heap[0][0] - time.monotonic())
                wake.clear()
                waiters: set[asyncio.Future[Any]] = set(running) | released
                stopper = asyncio.ensure_future(stop.wait())
                waker = asyncio.ensure_future(wake.wait())  # a slot given back by release()
                waiters.add(stopper)
                waiters.add(waker)
                done, _ = await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
                stopper.cancel()
                waker.cancel()
                for task in done:
                    if task is stopper or task is waker:
                        continue
                    if task in released:  # its slot was given back already
                        released.discard(task)
                        task.result()
                        continue
                    host = running.pop(task)
                    state = self.hosts[host]
                    state.active -= 1
                    self._offer(host, state)
                    task.result()  # work() handles its own errors; a bug here should surface
        finally:
            for task in [*running, *released]:
                task.cancel()
            if running or released:
                await asyncio.gather(*running, *released, return_exceptions=True)

    def pending(self) -> Iterable[T]:
        for state in self.hosts.values():
            yield from state.queue
