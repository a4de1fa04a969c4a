"""archiver.fetch.hostpools: a connection pool per origin, idle pools closed beyond ``keep``, busy ones never."""
from __future__ import annotations

import asyncio

import httpx
from rawkit import RawServer, Reply, http_reply
from sitekit import Response, Site

from archiver.fetch.hostpools import PerOriginTransport


def test_one_pool_per_origin_idle_ones_closed_busy_one_kept(tmp_path):
    site = Site(tmp_path / "site")
    hosts = [site.host(f"h{i}.pools.test") for i in range(4)]
    for i, host in enumerate(hosts):
        host.route("/page", Response(body=f"page of host {i} " + "x" * 200_000))
    site.start()
    made: list[httpx.AsyncHTTPTransport] = []

    def make(origin) -> httpx.AsyncHTTPTransport:
        assert origin[0] == b"http" and origin[1].startswith("127.0.0.")
        made.append(httpx.AsyncHTTPTransport(retries=0))
        return made[-1]

    async def main() -> None:
        transport = PerOriginTransport(make, keep=2)
        async with httpx.AsyncClient(transport=transport, timeout=30) as client:
            # host 0's body stays open (in flight) while the other three are fetched
            url0 = f"http://{hosts[0].address}:{hosts[0].port}/page"
            async with client.stream("GET", url0) as held:
                for host in hosts[1:]:
                    got = await client.get(f"http://{host.address}:{host.port}/page")
                    assert got.status_code == 200 and got.text.startswith("page of host")
                # four origins seen, keep=2: idle pools were closed, the busy one was not
                assert len(made) == 4 and len(transport.pools) <= 3
                assert (b"http", hosts[0].address, hosts[0].port) in transport.pools
                body = b"".join([chunk async for chunk in held.aiter_bytes()])
                assert body.startswith(b"page of host 0") and len(body) > 200_000
            # the same origin again reuses its pool (no new transport)
            again = await client.get(url0)
            assert again.status_code == 200 and len(made) == 4
            assert all(n == 0 for n in transport.busy.values())
        assert not transport.pools  # closed with the client

    try:
        asyncio.run(main())
    finally:
        site.stop()


# -- the connection cap: lowered by a server's limit, not by one path's resets; raised again ---------------------

def caps_run(server: RawServer, steps) -> tuple[PerOriginTransport, list[tuple[int, bool]]]:
    """Run ``steps(transport, client, url)`` through a PerOriginTransport; the transport and its notices."""
    told: list[tuple[int, bool]] = []

    async def main() -> PerOriginTransport:
        transport = PerOriginTransport(lambda origin: httpx.AsyncHTTPTransport(retries=0), keep=4)
        transport.notice = lambda origin, most, raised: told.append((most, raised))
        async with httpx.AsyncClient(transport=transport, timeout=30) as client:
            await steps(transport, client, lambda path: f"http://{server.address}:{server.port}{path}")
        return transport

    with server:
        return asyncio.run(main()), told


def slow(request) -> Reply:
    return Reply([b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", b"ok"], pause=0.3)


async def get(client: httpx.AsyncClient, url: str) -> int | str:
    try:
        return (await client.get(url)).status_code
    except httpx.HTTPError as exc:
        return type(exc).__name__


def test_a_server_that_resets_one_path_caps_its_host_once_not_down_to_one():
    """The path /reset is reset (RST) whatever the load, three times with 3, 2 and 1 others in flight: the
    first lowers the cap to 3, the others lower nothing (before: capped at 3, then 2, then 1, for good)."""
    server = RawServer("reset.pools.test", "127.0.1.171").route("/a", slow)
    server.route("/reset", lambda r: Reply([], reset=True))

    async def steps(transport, client, url) -> None:
        for others in (3, 2, 1):
            async def late_reset() -> int | str:
                await asyncio.sleep(0.05)
                return await get(client, url("/reset"))
            got = await asyncio.gather(*(get(client, url("/a")) for _ in range(others)), late_reset())
            assert got == [200] * others + ["ReadError"], got

    transport, told = caps_run(server, steps)
    assert told == [(3, False)]
    assert list(transport.caps.values()) == [3]


def test_a_capped_host_gets_one_more_connection_after_eight_answers_in_a_row_at_its_cap():
    server = RawServer("raise.pools.test", "127.0.1.172").route("/a", lambda r: http_reply("ok"))

    async def steps(transport, client, url) -> None:
        transport.caps[(b"http", server.address, server.port)] = 1
        for _ in range(16):  # one at a time: the first 8 at the cap of 1, the next 8 below the cap of 2
            assert await get(client, url("/a")) == 200

    transport, told = caps_run(server, steps)
    assert told == [(2, True)]
    assert list(transport.caps.values()) == [2]


def test_a_reset_of_a_reused_keep_alive_connection_lowers_no_cap():
    """Two connections opened and left idle; one holds a slow answer while /reset goes on the other, reused,
    and is reset (the keep-alive race a server's idle timeout makes): no cap (before: capped at 1)."""
    server = RawServer("reuse.pools.test", "127.0.1.173").route("/a", slow)
    server.route("/reset", lambda r: Reply([], reset=True))

    async def steps(transport, client, url) -> None:
        assert await asyncio.gather(get(client, url("/a")), get(client, url("/a"))) == [200, 200]
        async with client.stream("GET", url("/a")) as held:
            assert await get(client, url("/reset")) in ("ReadError", "RemoteProtocolError")
            await held.aread()
        assert len({r.connection for r in server.requests}) == 2  # the reset went on a reused connection

    transport, told = caps_run(server, steps)
    assert told == [] and transport.caps == {}


def test_a_raise_the_server_turns_away_doubles_the_answers_the_next_raise_needs():
    """A server of one connection (it resets a second): capped at 1, raised to 2 after 8 answers, turned away
    at 2 and lowered to 1 again; the next raise comes after 16 answers, not 8."""
    from test_fetch_hostile9 import Limited

    server = Limited("probe.pools.test", "127.0.1.175", limit=1)
    for i in range(40):
        server.route(f"/p{i}", slow if i == 20 else lambda r: http_reply("ok"))

    async def steps(transport, client, url) -> None:
        transport.caps[(b"http", server.address, server.port)] = 1
        for i in range(8):
            assert await get(client, url(f"/p{i}")) == 200

        async def late(path: str) -> int | str:
            await asyncio.sleep(0.05)
            return await get(client, url(path))

        # the reset comes as the request is read (ReadError) or, on a busy machine, while httpx still sets the
        # connection up (ConnectError): a turn-away either way
        answers = await asyncio.gather(get(client, url("/p20")), late("/p21"))
        assert answers[0] == 200 and answers[1] in ("ReadError", "ConnectError"), answers
        for i in range(22, 37):  # 15 answers at the cap of 1: not yet
            assert await get(client, url(f"/p{i}")) == 200
        assert transport.caps[(b"http", server.address, server.port)] == 1
        assert await get(client, url("/p37")) == 200  # the 16th

    transport, told = caps_run(server, steps)
    assert told == [(2, True), (1, False), (2, True)]


def test_requests_started_together_beside_one_idle_connection_cap_the_host_when_their_own_are_reset():
    """One connection left idle, then three requests at once to a server of one connection: the first takes the
    idle connection, the other two open their own and are reset. The host is capped at 2, then 1 (before: a
    connection stays idle until its request is written, so all three saw it as theirs and both resets were
    taken as keep-alive races: no cap, and each retry was reset again)."""
    from test_fetch_hostile9 import Limited

    server = Limited("together.pools.test", "127.0.4.21", limit=1)
    for path in ("/a", "/c", "/d"):
        server.route(path, lambda r: http_reply("ok"))
    server.route("/slow", slow)

    async def steps(transport, client, url) -> None:
        assert await get(client, url("/a")) == 200
        got = await asyncio.gather(get(client, url("/slow")), get(client, url("/c")), get(client, url("/d")))
        assert got[0] == 200 and all(g in ("ReadError", "ConnectError") for g in got[1:]), got
        assert len({r.connection for r in server.requests}) == 1  # only the idle connection was served

    transport, told = caps_run(server, steps)
    assert server.turned_away == 2
    assert told == [(2, False), (1, False)]
    assert list(transport.caps.values()) == [1]


def test_a_raise_probed_by_a_path_that_lowered_the_cap_before_is_taken_back():
    """A server of one connection: /b, asked beside a slow answer, is reset and caps the host at 1; 8 answers
    raise it to 2; /b is the first request past the old cap and is reset again: the raise is taken back, the
    cap is 1 (before: /b had lowered the cap once, so its reset lowered nothing, the cap stayed at 2 and the
    next request beside another was reset too: 5 connections turned away in a 12-page run, not 3)."""
    from test_fetch_hostile9 import Limited

    server = Limited("probe2.pools.test", "127.0.4.22", limit=1)
    server.route("/a", lambda r: http_reply("ok")).route("/b", lambda r: http_reply("b")).route("/slow", slow)

    async def steps(transport, client, url) -> None:
        async def late(path: str) -> int | str:
            await asyncio.sleep(0.05)
            return await get(client, url(path))

        origin = (b"http", server.address, server.port)
        first = await asyncio.gather(get(client, url("/slow")), late("/b"))
        assert first[0] == 200 and first[1] in ("ReadError", "ConnectError"), first
        assert transport.caps[origin] == 1
        for _ in range(8):
            assert await get(client, url("/a")) == 200
        assert transport.caps[origin] == 2
        second = await asyncio.gather(get(client, url("/slow")), late("/b"))
        assert second[0] == 200 and second[1] in ("ReadError", "ConnectError"), second
        assert transport.caps[origin] == 1
        assert await get(client, url("/b")) == 200  # alone, /b is served

    transport, told = caps_run(server, steps)
    assert told == [(1, False), (2, True), (1, False)]
    assert server.turned_away == 2
