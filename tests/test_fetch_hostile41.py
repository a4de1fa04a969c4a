"""Hostile input, round 41 (session 46, host49): a listed page whose server answers, but whose redirect leads where
nothing answers: a port nothing listens on (``Location: http://127.0.41.4:0/``, TCP port 0, reserved), a host with
no address (``Location: http:///story``, which the URL standard reads as the host ``story``), a host that stalls
past ``--url-timeout``.

Before the round each failed with the hop's words alone (``refused: connection refused``, ``DNS: cannot resolve
host``, ``timeout (URL budget ...)``), naming the listed URL, whose server is up; round 31 left the URL budget's
case open. The reason now ends ``(at the redirect to URL)`` (``hopnote.HOP_NAMED``; the twin runs the fetch
in-process with it off). The listed host's other pages are captured and a rerun asks the failed ones again.
Real parts: rawkit on 127.0.41.3-4, ``archiver fetch --retries 0``, the catalog, warcio via
``assert_archive_sound``.
"""
from __future__ import annotations

import socket
import sqlite3

import pytest
from rawkit import RawServer, Reply, http_reply
from sitekit import run_archiver, write_list
from warckit import assert_archive_sound

PAGE = ("<!doctype html><html><head><title>Pier</title></head><body><article><h1>Pier</h1><p>"
        + "The pier story has words that a reader keeps, from the harbour wall. " * 20 + "</p></article></body></html>")


def moved(location: str):
    return lambda r: Reply([f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n".encode()])


def stall(r):  # a head that drips (a tarpit): the URL budget ends while the hop's head is still coming
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Pad: " + b"a" * 200
    return Reply([bytes([b]) for b in head], pause=0.1)


ROUTES = {
    "/port0": moved("http://127.0.41.4:0/story"),
    "/nohost": moved("http:///story"),
    "/slow": moved("/stall"),
    "/stall": stall,
    "/good": lambda r: http_reply(PAGE),
}
SEEDS = ["/port0", "/nohost", "/good"]  # /slow: its own run, with a short --url-timeout


@pytest.fixture(scope="module")
def server():
    srv = RawServer("127.0.41.4", "127.0.41.4")
    for path, handler in ROUTES.items():
        srv.route(path, handler)
    srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    with srv:
        yield srv


@pytest.fixture(scope="module")
def fetched(server, tmp_path_factory):
    root = tmp_path_factory.mktemp("hop41")
    write_list(root / "urls.txt", [server.url(p) for p in SEEDS])
    out = run_archiver("fetch", root / "urls.txt", "--warcs", root / "warcs", "--db", root / "c.db", "--delay", "0",
                       "--retries", "0", "--timeout", "10", "--progress", "never", cwd=root, timeout=300)
    return root, out.stdout + out.stderr, out.returncode


def reasons(root) -> dict[str, str]:
    with sqlite3.connect(root / "c.db") as conn:
        rows = conn.execute("SELECT url, state, reason FROM captures").fetchall()
    return {url.rsplit("/", 1)[-1]: (state, reason or "") for url, state, reason in rows}


@pytest.mark.parametrize("seed, words, hop", [
    ("port0", "refused: connection refused", "http://127.0.41.4:0/story"),
    ("nohost", "DNS: cannot resolve host", "http://story/"),
])
def test_a_failure_at_a_redirect_names_the_hop(fetched, seed, words, hop):
    root, said, _ = fetched
    state, reason = reasons(root)[seed]
    assert state == "failed" and words in reason and reason.endswith(f"(at the redirect to {hop})"), (reason, said)
    assert f"{seed}: {reason}" in said


def test_the_hosts_other_pages_are_captured_and_the_archive_is_sound(fetched):
    root, said, code = fetched
    assert reasons(root)["good"][0] == "captured", said
    assert "Traceback" not in said and code == 1, said
    assert_archive_sound(root / "warcs")


def test_a_url_budget_spent_at_a_hop_names_it(server, tmp_path):
    write_list(tmp_path / "urls.txt", [server.url("/slow")])
    out = run_archiver("fetch", tmp_path / "urls.txt", "--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0",
                       "--url-timeout", "3", "--progress", "never", cwd=tmp_path, timeout=300)
    said = out.stdout + out.stderr
    line = [ln for ln in said.splitlines() if ln.startswith("failed ")]
    assert len(line) == 1 and "URL budget" in line[0], said
    assert line[0].endswith(f"(at the redirect to {server.url('/stall')})"), said
    assert_archive_sound(tmp_path / "warcs")


def test_with_the_switch_off_the_hop_is_not_named(server, tmp_path, monkeypatch, capsys):
    from archiver.cli import main
    from archiver.fetch import hopnote

    monkeypatch.setattr(hopnote, "HOP_NAMED", False)
    write_list(tmp_path / "urls.txt", [server.url("/port0")])
    main(["fetch", str(tmp_path / "urls.txt"), "--warcs", str(tmp_path / "warcs"), "--delay", "0", "--retries", "0",
          "--progress", "never"])
    said = capsys.readouterr().out
    assert "refused: connection refused" in said and "at the redirect to" not in said, said


def test_hop_note_leaves_a_reason_that_names_the_hop():
    from archiver.fetch.hopnote import hop_note

    assert hop_note("http://a.test/x", "http://a.test/x", "refused: connection refused") == \
        "refused: connection refused"
    assert hop_note("http://a.test/x", "http://b.test/y", "redirect loop (back to http://b.test/y ...)") == \
        "redirect loop (back to http://b.test/y ...)"
    assert hop_note("http://a.test/x", "http://u:pw@b.test/y", "timeout (connect)") == \
        "timeout (connect) (at the redirect to http://u:***@b.test/y)"


def closed_port(address: str) -> int:
    """A TCP port on ``address`` that was free a moment ago and is closed now: a connection to it is refused."""
    with socket.socket() as sock:
        sock.bind((address, 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def tarpit_robots():
    """A second host whose robots.txt drips past --url-timeout: the budget ends in the hop's robots.txt fetch,
    the outer ``TimeoutError`` of ``capture``, not the page fetch's ``FetchFailed``."""
    srv = RawServer("127.0.41.6", "127.0.41.6")
    srv.route("/robots.txt", stall)
    srv.route("/story", lambda r: http_reply(PAGE))
    with srv:
        yield srv


@pytest.fixture(scope="module")
def fetched_ignoring_robots(server, tmp_path_factory):
    root = tmp_path_factory.mktemp("hop41ir")
    write_list(root / "urls.txt", [server.url(p) for p in SEEDS])
    out = run_archiver("fetch", root / "urls.txt", "--warcs", root / "warcs", "--db", root / "c.db", "--delay", "0",
                       "--retries", "0", "--timeout", "10", "--progress", "never", "--ignore-robots", cwd=root,
                       timeout=300)
    return root, out.stdout + out.stderr, out.returncode


@pytest.mark.parametrize("seed, words, hop", [
    ("port0", "refused: connection refused", "http://127.0.41.4:0/story"),
    ("nohost", "DNS: cannot resolve host", "http://story/"),
])
def test_with_ignore_robots_the_page_fetch_failure_names_the_hop(fetched_ignoring_robots, seed, words, hop):
    """--ignore-robots: no robots.txt is asked of the hop host, so the failure comes from the page fetch's own
    path (review59 finding 4: the robots.txt cases above go through the refusal path alone)."""
    root, said, _ = fetched_ignoring_robots
    state, reason = reasons(root)[seed]
    assert state == "failed" and words in reason and reason.endswith(f"(at the redirect to {hop})"), (reason, said)


def test_a_url_budget_spent_in_the_hops_robots_txt_names_the_hop(server, tarpit_robots, tmp_path):
    server.route("/slowrobots", moved(tarpit_robots.url("/story")))
    write_list(tmp_path / "urls.txt", [server.url("/slowrobots")])
    out = run_archiver("fetch", tmp_path / "urls.txt", "--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0",
                       "--url-timeout", "3", "--progress", "never", cwd=tmp_path, timeout=300)
    said = out.stdout + out.stderr
    line = [ln for ln in said.splitlines() if ln.startswith("failed ")]
    assert len(line) == 1 and "URL budget" in line[0], said
    assert line[0].endswith(f"(at the redirect to {tarpit_robots.url('/story')})"), said


def test_failures_at_one_dead_hop_host_are_one_summary_line(server, tmp_path):
    """Eight listed pages redirecting to a closed port: one group line naming the hop's host, as before round 41
    without the hop (review59 finding 3: the hop URL, different for each page, had split the group)."""
    port = closed_port("127.0.41.5")
    for n in range(8):
        server.route(f"/a{n}", moved(f"http://127.0.41.5:{port}/a{n}"))
    write_list(tmp_path / "urls.txt", [server.url(f"/a{n}") for n in range(8)])
    out = run_archiver("fetch", tmp_path / "urls.txt", "--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0",
                       "--progress", "never", cwd=tmp_path, timeout=300)
    said = out.stdout + out.stderr
    summary = said.split("summary:", 1)[1].splitlines()[1:]
    failed = [ln for ln in summary if ln.strip().startswith("failed:")]
    host = f"127.0.41.4:{server.port}"
    assert failed == [f"  failed: 8 URLs of {host}: refused: connection refused (at the redirect to 127.0.41.5:{port})"
                      f" ('archiver list --host {host}' names them)"], said
    assert said.count("(at the redirect to http://127.0.41.5") == 8, said  # each failure's own line names its hop


def test_with_grouping_off_each_hop_is_a_line_of_its_own(monkeypatch):
    from archiver.fetch import hopnote
    from archiver.fetch.summary import FetchSummary

    def lines() -> list[str]:
        summary = FetchSummary("urls.txt")
        for n in range(4):
            summary.fail(f"http://a.test/p{n}", f"refused: connection refused (at the redirect to http://b.test/p{n})")
        return [ln for ln in summary.lines() if "failed:" in ln]

    assert lines() == ["  failed: 4 URLs of a.test: refused: connection refused (at the redirect to b.test) "
                       "('archiver list --host a.test' names them)"]
    monkeypatch.setattr(hopnote, "HOP_GROUPED", False)
    assert len(lines()) == 4
