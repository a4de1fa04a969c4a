"""Pure parts of the fetcher: backoff, Retry-After, error reasons, --resolve parsing, the host scheduler."""
import asyncio
import random
import socket
import ssl
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from archiver.fetch.client import parse_resolve
from archiver.fetch.hosts import HostScheduler
from archiver.fetch.retry import backoff, describe_error, is_retryable, retry_after


def test_backoff_grows_and_is_capped():
    rng = random.Random(1)
    assert all(0 <= backoff(0, rng=rng) <= 0.5 for _ in range(50))
    assert max(backoff(10, cap=3, rng=rng) for _ in range(50)) <= 3


def test_retry_after_seconds_date_and_cap():
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert retry_after("2", cap=60) == 2
    assert retry_after("600", cap=60) == 60
    assert retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), cap=60, now=now) == 30
    assert retry_after("soon", cap=60) is None and retry_after(None, cap=60) is None


def test_error_reasons():
    dns = httpx.ConnectError("x")
    dns.__cause__ = socket.gaierror(-2, "Name or service not known")
    assert describe_error(dns).startswith("DNS")
    assert not is_retryable(dns)
    refused = httpx.ConnectError("x")
    refused.__cause__ = ConnectionRefusedError(111, "Connection refused")
    assert describe_error(refused).startswith("refused") and is_retryable(refused)
    tls = httpx.ConnectError("x")
    tls.__cause__ = ssl.SSLCertVerificationError("bad cert")
    assert describe_error(tls).startswith("TLS")
    assert describe_error(httpx.ReadTimeout("slow")) == "timeout (read)"


def test_parse_resolve():
    assert parse_resolve(["WWW.X.test:443:127.0.0.2", "y.test:80:[::1]"]) == {
        ("www.x.test", 443): "127.0.0.2", ("y.test", 80): "::1"}
    with pytest.raises(ValueError):
        parse_resolve(["nonsense"])
    with pytest.raises(ValueError, match="expected HOST:PORT:ADDRESS"):  # '²'.isdigit() is true, int() refuses it
        parse_resolve(["x.test:4\u00b2:127.0.0.2"])


def test_scheduler_respects_global_and_per_host_limits_and_delay():
    sched = HostScheduler(concurrency=3, per_host=2, delay=0.2)
    for host in "abc":
        for i in range(4):
            sched.add(host, (host, i))
    active: dict[str, int] = {}
    peak = {"global": 0, "host": 0}
    starts: dict[str, list[float]] = {}

    async def work(host, item):
        starts.setdefault(host, []).append(time.monotonic())
        active[host] = active.get(host, 0) + 1
        peak["global"] = max(peak["global"], sum(active.values()))
        peak["host"] = max(peak["host"], active[host])
        await asyncio.sleep(0.02)
        active[host] -= 1

    asyncio.run(sched.run(work, asyncio.Event()))
    assert sum(len(v) for v in starts.values()) == 12
    assert peak["global"] <= 3 and peak["host"] <= 2
    for times in starts.values():
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
        # the per-host delay between request starts; the margin is the event loop's lag on a busy
        # machine (a start is taken inside the task, a little after the scheduler let it go)
        assert min(gaps) >= 0.15


def test_scheduler_release_gives_the_slot_to_the_next_item_before_the_task_ends():
    """``release()``: the limits count requests in flight, not the local work after them."""
    sched = HostScheduler(concurrency=2, per_host=1, delay=0)
    for host in "abcd":
        for i in range(3):
            sched.add(host, (host, i))
    in_flight: dict[str, int] = {}
    peak = {"global": 0, "host": 0, "after_release": 0}
    writing = [0]
    ended = []

    async def work(host, item):
        in_flight[host] = in_flight.get(host, 0) + 1
        peak["global"] = max(peak["global"], sum(in_flight.values()))
        peak["host"] = max(peak["host"], in_flight[host])
        await asyncio.sleep(0.01)  # the request
        in_flight[host] -= 1
        sched.release()
        sched.release()  # a second call gives nothing back twice
        writing[0] += 1
        peak["after_release"] = max(peak["after_release"], writing[0])
        await asyncio.sleep(0.05)  # the records, written while the next requests go out
        writing[0] -= 1
        ended.append(item)

    asyncio.run(sched.run(work, asyncio.Event()))
    assert sorted(ended) == sorted((h, i) for h in "abcd" for i in range(3))
    assert peak["global"] <= 2 and peak["host"] <= 1, peak
    assert peak["after_release"] > 2, "released tasks must not hold the two slots"
    assert sched._running == {} and sched._released == set()


def test_scheduler_stops_on_event():
    sched = HostScheduler(concurrency=2, per_host=1, delay=0)
    for i in range(100):
        sched.add("h", i)
    done = []

    async def main():
        stop = asyncio.Event()

        async def work(host, item):
            done.append(item)
            if len(done) == 3:
                stop.set()
            await asyncio.sleep(0.01)

        await sched.run(work, stop)

    asyncio.run(main())
    assert 3 <= len(done) < 100 and len(list(sched.pending())) == 100 - len(done)
