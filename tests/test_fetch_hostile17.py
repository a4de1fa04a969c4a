"""Hostile servers, round 17 (session 24, host18): a server resetting after the head of every second request,
Retry-After values that are in the past or negative, a waiting room that redirects to itself, a 429 that never
ends, a 429 storm over several hosts at once, and cookies across a redirect chain between loopback hosts named
by address (a Domain attribute naming another address).

Each probe is a real loopback server (rawkit) on 127.0.15.1-24 and real ``archiver fetch`` / ``extract`` runs;
each test reads the catalog, the WARC files (warcio record by record and ``warcio check``) and the servers'
logs. Earlier rounds' items are not repeated (a reset right after one head, Retry-After far away, in words or
past the retries, one host's 429, a cookie for a public suffix, cookie loops).

Fixed here: a waiting room (a queue page redirecting to itself with ``Retry-After: 1`` until the visitor's turn)
failed at once as a "redirect loop"; RFC 9110 section 10.2.3 makes a redirect's Retry-After the wait before
following it, so the URL is now asked again after each pause within ``--retry-after-max`` (up to the 20 redirects
a capture may follow), and the capture's reason says so; a pause over the cap is named in the loop's reason.
"""
from __future__ import annotations

import threading

import pytest
from rawkit import RawServer, Reply
from sitekit import run_archiver, write_list
from test_fetch_hostile2 import head
from warckit import assert_archive_sound, catalog_rows

HTML = "Content-Type: text/html"


def page(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Seventeen " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * 12
            + f"</p><p>The last words of {key}.</p></article></body></html>").encode()


def whole(key: str, *lines: str) -> Reply:
    data = page(key)
    return Reply([head("200 OK", HTML, *lines, f"Content-Length: {len(data)}") + data])


def first_then_page(key: str, *lines: str, status: str = "503 Service Unavailable"):
    """The first request gets ``status`` with ``lines``; later ones the page."""
    def reply(req):
        if req.hit == 1:
            return Reply([head(status, *lines, "Content-Length: 0")])
        return whole(key)
    return reply


def fetch(root, servers: list[RawServer], seeds: list[str], *extra: str):
    urls = write_list(root / "urls.txt", seeds)
    resolve = [x for s in servers if not s.name[0].isdigit() for x in ("--resolve", s.resolve)]
    return run_archiver("fetch", urls, "--warcs", root / "warcs", "--delay", "0", "--timeout", "10",
                        "--progress", "never", "--ignore-robots", *resolve, *extra, cwd=root, timeout=600)


class Run:
    pass


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile17")
    main = RawServer("www.host18.test", "127.0.15.1")
    storm = [RawServer(f"storm{n}.host18.test", f"127.0.15.{10 + n}") for n in range(1, 5)]
    a, b = RawServer("127.0.15.21", "127.0.15.21"), RawServer("127.0.15.22", "127.0.15.22")
    limited = RawServer("limited.host18.test", "127.0.15.5")  # a 429 without Retry-After holds its whole host
    limited.route("/always-429", lambda r: Reply([head("429 Too Many Requests", "Content-Length: 0")]))
    counter = {"n": 0}
    lock = threading.Lock()

    def every_second(req):
        """Every second request to /alt (whatever its query) gets a whole head, then a TCP reset."""
        with lock:
            counter["n"] += 1
            n = counter["n"]
        if n % 2 == 0:
            return Reply([head("200 OK", HTML, f"Content-Length: {len(page('alt'))}")], reset=True)
        return whole("alt" + req.path.rsplit("=", 1)[-1])

    def challenge(req):
        """An anti-robot gate: a 429 setting a cookie and asking to come back at once; with it, the page."""
        if "pass=1" in req.headers.get("cookie", ""):
            return whole("challenge")
        return Reply([head("429 Too Many Requests", "Set-Cookie: pass=1; Path=/", "Retry-After: 0",
                           "Content-Length: 0")])

    routes = {
        "/alt": every_second,
        "/ra-past": first_then_page("past", "Retry-After: Thu, 01 Jan 1970 00:00:00 GMT"),
        "/ra-negative": first_then_page("negative", "Retry-After: -5"),
        "/ra-fraction": first_then_page("fraction", "Retry-After: 0.5", status="429 Too Many Requests"),
        "/queue": lambda r: (Reply([head("302 Found", "Location: /queue", "Retry-After: 1", "Content-Length: 0")])
                             if r.hit <= 2 else whole("queue")),
        "/queue-stuck": lambda r: Reply([head("302 Found", "Location: /queue-stuck", "Retry-After: 0",
                                              "Content-Length: 0")]),
        "/queue-long": lambda r: Reply([head("302 Found", "Location: /queue-long", "Retry-After: 3600",
                                             "Content-Length: 0")]),
        "/challenge": challenge,
        "/to-busy": lambda r: Reply([head("302 Found", "Location: /busy", "Content-Length: 0")]),
        "/busy": first_then_page("busy", "Retry-After: 1"),
    }
    for path, handler in routes.items():
        main.route(path, handler)
    for s in storm:
        for path in ("/a", "/b"):
            s.route(path, first_then_page(f"{s.name}{path}", "Retry-After: 1", status="429 Too Many Requests"))
    a.route("/start", lambda r: Reply([head("302 Found", "Set-Cookie: own=1; Path=/",
                                            "Set-Cookie: other=leak; Domain=127.0.15.22; Path=/",
                                            "Set-Cookie: wide=leak; Domain=.0.15.22; Path=/",
                                            f"Location: {b.url('/hop')}", "Content-Length: 0")]))
    b.route("/hop", lambda r: Reply([head("302 Found", "Set-Cookie: hop=1; Path=/",
                                          "Set-Cookie: back=leak; Domain=127.0.15.21; Path=/",
                                          f"Location: {a.url('/end')}", "Content-Length: 0")]))
    a.route("/end", lambda r: whole("cookie-end"))
    servers = [main, *storm, a, b, limited]
    for s in servers:
        s.start()
    try:
        seeds = [main.url(f"/alt?n={n}") for n in range(1, 7)] + [main.url(p) for p in routes if p != "/alt"]
        seeds += [s.url(p) for s in storm for p in ("/a", "/b")] + [a.url("/start"), limited.url("/always-429")]
        out = fetch(root, servers, seeds, "--retries", "1")
        rerun = fetch(root, servers, seeds, "--retries", "1")
        done = run_archiver("extract", "--warcs", root / "warcs", "--clean", root / "clean", "--jobs", "1",
                            "--progress", "never", cwd=root, timeout=300)
    finally:
        for s in servers:
            s.stop()
    got = Run()
    got.root, got.out, got.rerun, got.extract = root, out, rerun, done
    got.main, got.storm, got.a, got.b, got.limited = main, storm, a, b, limited
    got.rows = {}
    got.all_rows = [dict(r) for r in catalog_rows(root / "warcs" / "catalog.sqlite3",
                                                  "SELECT * FROM captures ORDER BY id")]
    for r in got.all_rows:
        got.rows.setdefault(r["url"], r)
    got.last = {r["url"]: r for r in got.all_rows}
    return got


def row(run, path: str, server=None) -> dict:
    return run.rows[(server or run.main).url(path)]


def test_the_runs_end_without_traceback_and_every_warc_checks(run):
    for done in (run.out, run.rerun, run.extract):
        assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    assert_archive_sound(run.root / "warcs")
    # the rerun asks only what failed: no URL captured twice
    twice = [r["url"] for r in run.all_rows if r["state"] == "captured"]
    assert len(twice) == len(set(twice)), twice
    failed = sum(r["state"] == "failed" for r in run.rows.values())  # each URL's first row: the first run's
    # ... but the host that said 429 without Retry-After, left alone for archiver's pause
    assert f"{failed - 1} to fetch, {len(run.rows) - failed} skipped" in run.rerun.stdout, run.rerun.stdout


def test_a_reset_after_the_head_of_every_second_request_loses_no_page(run):
    """Every second request to the host gets a whole head, then a TCP reset: each such answer is archived empty
    and retried (within the run, then by the rerun); at the end every page is captured whole and extracted."""
    for n in range(1, 7):
        r = run.last[run.main.url(f"/alt?n={n}")]
        assert r["state"] == "captured" and r["http_status"] == 200, r
    failed = [r for r in run.all_rows if "/alt?" in r["url"] and r["state"] == "failed"]
    assert all("connection reset by peer" in r["reason"] and "will retry next run" in r["reason"] for r in failed)
    texts = "\n".join(p.read_text() for p in (run.root / "clean").rglob("alt-*.txt"))
    assert all(f"The last words of alt{n}." in texts for n in range(1, 7)), texts[:500]


@pytest.mark.parametrize("path", ["/ra-past", "/ra-negative", "/ra-fraction"])
def test_a_retry_after_in_the_past_negative_or_fractional_is_no_pause_and_the_retry_gets_the_page(run, path):
    """A date in 1970 asks for no wait (RFC 9110: a date in the past), '-5' and '0.5' are no delta (digits only)
    and are ignored: the retry goes out at once and gets the page."""
    r = row(run, path)
    assert r["state"] == "captured" and r["http_status"] == 200, r
    assert [q.path for q in run.main.requests].count(path) == 2


def test_a_waiting_room_redirecting_to_itself_with_retry_after_is_waited_for(run):
    """RFC 9110 section 10.2.3: a Retry-After on a redirect is the wait before following it. A queue page
    sending back to itself with 'Retry-After: 1' until the turn comes failed as a 'redirect loop' at once."""
    r = row(run, "/queue")
    assert r["state"] == "captured" and r["http_status"] == 200, r
    assert "a waiting room: the page redirected to itself 2 times with a Retry-After" in r["reason"], r
    times = [q.time for q in run.main.requests if q.path == "/queue"]
    assert len(times) == 3 and times[1] - times[0] >= 0.9 and times[2] - times[1] >= 0.9, times


def test_a_waiting_room_that_never_lets_in_or_asks_too_long_fails_with_a_reason_saying_so(run):
    r = row(run, "/queue-stuck")
    assert r["state"] == "failed" and r["reason"].startswith(
        "a waiting room: the page redirected to itself 20 times with a Retry-After"), r
    assert "never let it through (more than 20 redirects)" in r["reason"]
    r = row(run, "/queue-long")
    assert r["state"] == "failed" and r["reason"].startswith("redirect loop"), r
    assert "Retry-After: 3600, over --retry-after-max 60 s: a waiting room not waited for" in r["reason"], r
    assert [q.path for q in run.main.requests].count("/queue-long") == 2  # once a run: not waited an hour


def test_a_429_that_never_ends_fails_with_its_status_and_is_asked_again_after_a_pause(run):
    """No Retry-After: the next run (here at once) leaves the host alone for archiver's pause, and says so."""
    rows = [r for r in run.all_rows if r["url"] == run.limited.url("/always-429")]
    assert [r["state"] for r in rows] == ["failed"], rows
    assert rows[0]["reason"].startswith("HTTP 429 Too Many Requests (no Retry-After: the host's URLs are not asked")
    assert "limited.host18.test asked for a pause until" in run.rerun.stdout, run.rerun.stdout
    assert [q.path for q in run.limited.requests].count("/always-429") == 2  # the first run's two tries only


def test_a_429_setting_a_cookie_gets_the_page_on_the_retry_carrying_it(run):
    r = row(run, "/challenge")
    assert r["state"] == "captured" and r["http_status"] == 200, r
    asked = [q.headers.get("cookie") for q in run.main.requests if q.path == "/challenge"]
    assert asked == [None, "pass=1"], asked


def test_a_503_on_a_redirect_hop_is_retried_and_the_chain_ends_at_the_page(run):
    r = row(run, "/to-busy")
    assert r["state"] == "captured" and r["final_url"] == run.main.url("/busy"), r


def test_a_429_storm_over_four_hosts_honours_each_hosts_pause_and_captures_all(run):
    """Four hosts answer their first request of each URL with 429 and Retry-After: 1: each host's retries wait
    its pause (the hosts in parallel), and every URL is captured in the first run."""
    for s in run.storm:
        for path in ("/a", "/b"):
            r = row(run, path, s)
            assert r["state"] == "captured", r
            times = [q.time for q in s.requests if q.path == path]
            assert len(times) == 2 and times[1] - times[0] >= 0.9, (s.name, path, times)


def test_cookies_on_a_redirect_chain_between_addresses_stay_with_their_host(run):
    """127.0.15.21 sets a host-only cookie and cookies with Domain=127.0.15.22 (another address) and
    Domain=.0.15.22, then sends to 127.0.15.22, which sets Domain=127.0.15.21 and sends back: a cookie's Domain
    on an address must be that very address (RFC 6265 5.1.3), so only 'own' comes back to .21 and .22 gets
    none."""
    assert row(run, "/start", run.a)["state"] == "captured"
    assert [q.headers.get("cookie") for q in run.b.requests] == [None]
    sent = {q.path: q.headers.get("cookie") for q in run.a.requests}
    assert sent == {"/start": None, "/end": "own=1"}, sent

