"""Issue 2: politeness. Per-host and global limits, the per-host delay, Retry-After
(and its cap), robots.txt for our User-Agent, Crawl-delay, --ignore-robots.

Limits are measured by the servers (requests being answered at once); delays
are checked only as lower bounds (a slow machine makes gaps longer, never shorter),
with a margin for scheduling jitter.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from sitekit import Response, Site, redirect, run_archiver, sequence, write_list

JITTER = 0.3  # seconds a gap may look shorter than asked, measured at the server


def _fetch(site: Site, tmp: Path, urls: list[str], *extra: str):
    list_path = write_list(tmp / "urls.txt", urls)
    return run_archiver("fetch", list_path, "--warcs", tmp / "warcs", "--db", tmp / "cat.db", "--timeout", "20",
                        "--progress", "never", *site.client_flags(), *extra, cwd=tmp, timeout=180)


def _states(tmp: Path) -> dict[str, tuple[str, str | None]]:
    conn = sqlite3.connect(tmp / "cat.db")
    try:
        return {u: (s, r) for u, s, r in conn.execute("SELECT url, state, reason FROM captures")}
    finally:
        conn.close()


def _gaps(site: Site, host: str) -> list[float]:
    times = sorted(r.time for r in site.requests if r.host == host)
    return [b - a for a, b in zip(times, times[1:], strict=False)]


def test_per_host_and_global_limits(site, tmp_path):
    site.default_delay = 0.2
    hosts = [site.host(f"h{i}.example-news.test", https=i == 0) for i in range(3)]
    urls = []
    for h in hosts:
        for i in range(8):
            h.route(f"/p/{i}", Response(body=f"page {i}"))
            urls.append(h.url(f"/p/{i}"))
    site.start()
    r = _fetch(site, tmp_path, urls, "--delay", "0", "--per-host", "2", "--concurrency", "3")
    assert r.returncode == 0, r.stdout + r.stderr
    assert all(site.max_in_flight[h.name] <= 2 for h in hosts), dict(site.max_in_flight)
    assert site.max_in_flight_total <= 3, site.max_in_flight_total
    assert site.max_in_flight_total >= 2, "requests should overlap when the limits allow it"


def test_per_host_delay_spaces_requests(site, tmp_path):
    host = site.host("www.example-news.test")
    for i in range(3):
        host.route(f"/p/{i}", Response(body=f"page {i}"))
    site.start()
    r = _fetch(site, tmp_path, [host.url(f"/p/{i}") for i in range(3)], "--delay", "1", "--per-host", "2")
    assert r.returncode == 0, r.stdout + r.stderr
    gaps = _gaps(site, host.name)
    assert len(gaps) >= 2 and min(gaps) >= 1 - JITTER, gaps


def test_retry_after_is_honoured_and_capped(site, tmp_path):
    host = site.host("www.dw.com", https=True)
    host.route("/a", sequence(Response(429, headers=[("Retry-After", "2")]), Response(body="ok a")))
    host.route("/b", sequence(Response(503, headers=[("Retry-After", "3600")]), Response(body="ok b")))
    site.start()
    r = _fetch(site, tmp_path, [host.url("/a"), host.url("/b")], "--delay", "0", "--retries", "2",
               "--retry-after-max", "1")
    assert r.returncode == 0, r.stdout + r.stderr
    times = {p: sorted(q.time for q in site.requests if q.path == p) for p in ("/a", "/b")}
    assert len(times["/a"]) == 2 and len(times["/b"]) == 2, times
    # capped at 1 s (a 2 s or 3600 s wait would mean the cap is ignored; the run would time out)
    assert times["/a"][1] - times["/a"][0] >= 1 - JITTER
    assert times["/b"][1] - times["/b"][0] >= 1 - JITTER


def test_retry_after_below_cap_waits_the_full_time(site, tmp_path):
    host = site.host("www.dw.com")
    host.route("/a", sequence(Response(429, headers=[("Retry-After", "2")]), Response(body="ok")))
    site.start()
    r = _fetch(site, tmp_path, [host.url("/a")], "--delay", "0", "--retries", "1", "--retry-after-max", "30")
    assert r.returncode == 0, r.stdout + r.stderr
    gaps = _gaps(site, host.name)  # robots.txt, then /a twice
    assert gaps[-1] >= 2 - JITTER, gaps


def test_robots_rules_for_our_user_agent_and_crawl_delay(site, tmp_path):
    host = site.host("www.example-news.test", https=True)
    host.route("/robots.txt", Response(
        body="User-agent: TestBot\nDisallow: /news/\nCrawl-delay: 1\n\nUser-agent: *\nDisallow: /\n",
        content_type="text/plain"))
    for p in ("/news/1", "/other/1", "/other/2"):
        host.route(p, Response(body=p))
    site.start()
    urls = [host.url(p) for p in ("/news/1", "/other/1", "/other/2")]
    r = _fetch(site, tmp_path, urls, "--delay", "0", "--user-agent", "TestBot/1.0 (+test)")
    assert r.returncode == 1, r.stdout + r.stderr
    states = _states(tmp_path)
    assert states[urls[0]][0] in ("failed", "skipped") and "robots" in states[urls[0]][1]
    assert states[urls[1]][0] == states[urls[2]][0] == "captured", states
    assert site.hits[(host.name, "/news/1")] == 0
    assert {q.headers.get("User-Agent") for q in site.requests} == {"TestBot/1.0 (+test)"}
    gaps = _gaps(site, host.name)  # robots.txt, /other/1, /other/2
    # the first page does not wait the Crawl-delay after robots.txt (issue 12, item 2); the next one does
    assert len(gaps) == 2 and gaps[1] >= 1 - JITTER, f"Crawl-delay: 1 not honoured: {gaps}"


def test_ignore_robots_fetches_disallowed_pages_without_asking(site, tmp_path):
    host = site.host("www.example-news.test")
    host.route("/robots.txt", Response(body="User-agent: *\nDisallow: /\n", content_type="text/plain"))
    host.route("/a", Response(body="a"))
    site.start()
    r = _fetch(site, tmp_path, [host.url("/a")], "--delay", "0", "--ignore-robots")
    assert r.returncode == 0, r.stdout + r.stderr
    assert site.hits[(host.name, "/a")] == 1
    assert site.hits[(host.name, "/robots.txt")] == 0


def test_robots_txt_5xx_means_complete_disallow(site, tmp_path):
    """RFC 9309 2.3.1.4: an unreachable (5xx) robots.txt forbids the whole origin."""
    host = site.host("down.example-news.test")
    host.route("/robots.txt", Response(503, body="maintenance", content_type="text/plain"))
    host.route("/a", Response(body="<p>a</p>"))
    site.start()
    r = _fetch(site, tmp_path, [host.url("/a")], "--delay", "0", "--retries", "0")
    assert r.returncode == 1, r.stdout + r.stderr
    state, reason = _states(tmp_path)[host.url("/a")]
    assert state == "failed" and "robots.txt unavailable (HTTP 503)" in reason
    assert site.hits.get((host.name, "/a"), 0) == 0


def test_robots_txt_redirect_is_followed_and_archived(site, tmp_path):
    host = site.host("moved.example-news.test")
    host.route("/robots.txt", redirect("/meta/robots.txt", status=301))
    host.route("/meta/robots.txt", Response(body="User-agent: *\nDisallow: /private\n", content_type="text/plain"))
    host.route("/open", Response(body="<p>open</p>"))
    host.route("/private/x", Response(body="<p>secret</p>"))
    site.start()
    r = _fetch(site, tmp_path, [host.url("/open"), host.url("/private/x")], "--delay", "0")
    assert r.returncode == 1, r.stdout + r.stderr
    states = _states(tmp_path)
    assert states[host.url("/open")][0] == "captured"
    assert states[host.url("/private/x")] == ("failed", "robots.txt disallows this URL")
    assert site.hits[(host.name, "/meta/robots.txt")] == 1
    conn = sqlite3.connect(tmp_path / "cat.db")
    robots_rows = {u for (u,) in conn.execute("SELECT url FROM records WHERE capture_id IS NULL")}
    conn.close()
    assert robots_rows == {host.url("/robots.txt"), host.url("/meta/robots.txt")}
