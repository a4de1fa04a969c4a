"""archiver.fetch.hostpools: a connection pool per origin, idle pools closed beyond ``keep``, busy ones never."""
from __future__ import annotations

import asyncio

import httpx
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
