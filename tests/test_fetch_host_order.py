"""A host's seeds go out in list order: a seed already started asks the host before the seeds behind it.

With ``--per-host 2`` the dispatcher may start a host's next seed while the one
before it is still fetching the origin's robots.txt or sleeping out a server's
Retry-After. The earlier seed's request used to race the later seed's start for
the same politeness slot; on a busy machine the later one won (CI saw /second
go out three seconds before /first). Real ``archiver fetch`` runs against rawkit
servers on 127.0.48.x; the order is read from the servers' own logs.
"""
from __future__ import annotations

import asyncio
import time

from rawkit import RawServer, Reply, http_reply
from sitekit import write_list
from test_fetch_hostile import run_with_rusage
from test_fetch_hostile2 import head

from archiver.fetch.hosts import HostScheduler

BODY = ("<!doctype html><html><head><title>Order</title></head><body><article><p>"
        + "A sentence of a page long enough to look like an article. " * 12
        + "</p></article></body></html>").encode()


def test_a_claim_holds_the_hosts_queued_seeds_and_no_other_host():
    """While a started seed holds a claim on its host, the host's next seed does not start though it is
    due (--delay 0.1 s, per-host 2); another host's does; the host's seed starts once the claim is given up."""
    sched: HostScheduler[str] = HostScheduler(concurrency=4, per_host=2, delay=0.1)
    for host, item in (("a", "a1"), ("a", "a2"), ("b", "b1")):
        sched.add(host, item)
    started: dict[str, float] = {}
    released: list[float] = []

    async def work(host, item):
        started[item] = time.monotonic()
        if item == "a1":
            with sched.claim("a"):
                await asyncio.sleep(0.5)  # as a robots.txt fetch or a Retry-After pause would
                released.append(time.monotonic())
            await sched.turn("a")  # the page's own request

    asyncio.run(sched.run(work, asyncio.Event()))
    assert set(started) == {"a1", "a2", "b1"}
    assert started["b1"] - started["a1"] < 0.4, started  # another host is not held
    assert started["a2"] >= released[0], (started, released)


def order(srv: RawServer) -> list[str]:
    return [r.path for r in sorted(srv.requests, key=lambda r: r.time)]


def test_a_slow_robots_txt_keeps_the_first_seed_ahead(tmp_path):
    """robots.txt's head comes at once, its body two seconds later (longer than --delay): the host's
    second seed was due while the first still read it, and went first."""
    srv = RawServer("slow-robots.order.test", "127.0.48.1")
    robots = b"User-agent: *\nAllow: /\n"
    srv.route("/robots.txt", lambda r: Reply([head("200 OK", "Content-Type: text/plain",
                                                    f"Content-Length: {len(robots)}"), robots], pause=2.0))
    for path in ("/first", "/second", "/third"):
        srv.route(path, lambda r: http_reply(BODY))
    with srv:
        list_path = write_list(tmp_path / "urls.txt", [srv.url(p) for p in ("/first", "/second", "/third")])
        done, _ = run_with_rusage(["fetch", list_path, "--warcs", tmp_path / "warcs", "--delay", "1",
                                   "--per-host", "2", "--progress", "never", "--resolve", srv.resolve],
                                  tmp_path, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    print([(r.path, round(r.time - srv.requests[0].time, 2)) for r in srv.requests])
    assert order(srv) == ["/robots.txt", "/first", "/second", "/third"], order(srv)
    times = [r.time for r in sorted(srv.requests, key=lambda r: r.time)]
    assert all(b - a >= 0.9 for a, b in zip(times, times[1:], strict=False)), times  # --delay still holds between them


def test_a_retry_after_its_pause_goes_before_the_next_seed(tmp_path):
    """A 429 with Retry-After: the retry of the first seed is the host's next request when the pause
    is over, then the second seed (--delay later; --delay 1.5 s: the 429 is in long before the second
    seed is due, however busy the machine)."""
    srv = RawServer("retry.order.test", "127.0.48.2")
    srv.route("/first", lambda r: (Reply([head("429 Too Many Requests", "Retry-After: 3", "Content-Length: 0")])
                                   if r.hit == 1 else http_reply(BODY)))
    srv.route("/second", lambda r: http_reply(BODY))
    with srv:
        list_path = write_list(tmp_path / "urls.txt", [srv.url("/first"), srv.url("/second")])
        done, _ = run_with_rusage(["fetch", list_path, "--warcs", tmp_path / "warcs", "--delay", "1.5",
                                   "--per-host", "2", "--retries", "1", "--progress", "never", "--ignore-robots",
                                   "--resolve", srv.resolve], tmp_path, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert order(srv) == ["/first", "/first", "/second"], order(srv)
    first, retry, second = sorted(r.time for r in srv.requests)
    assert retry - first >= 2.5 and second - retry >= 1.4, (first, retry, second)


def test_a_hosts_first_request_goes_out_at_once(tmp_path):
    """The dispatcher's grant is the host's first request slot: robots.txt goes out when the seed starts,
    and the page --delay after it. (robots.txt waited a whole --delay first: every new host's capture
    took one --delay longer than politeness asks.)"""
    srv = RawServer("first.order.test", "127.0.48.3")
    srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    srv.route("/page", lambda r: http_reply(BODY))
    delay = 10
    with srv:
        list_path = write_list(tmp_path / "urls.txt", [srv.url("/page")])
        spawned = time.monotonic()
        done, _ = run_with_rusage(["fetch", list_path, "--warcs", tmp_path / "warcs", "--delay", str(delay),
                                   "--progress", "never", "--resolve", srv.resolve], tmp_path, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert order(srv) == ["/robots.txt", "/page"], order(srv)
    robots, page = (r.time for r in sorted(srv.requests, key=lambda r: r.time))
    assert robots - spawned < delay - 2, robots - spawned  # the process's start-up only (under a second here)
    assert page - robots >= delay - 0.5, page - robots
