"""Hostile servers, sixth round (session 15, host5): kept-alive connections a server closes, framing and
coding odds, redirect targets, robots.txt redirect chains, and catalogs archiver did not make.

One ``archiver fetch`` run (``--retries 0``, so a resend cannot hide behind a retry) of one list over
rawkit servers on 127.0.0.19x; each test checks one behaviour in the catalog, the WARC files
(``warcio check``, record by record) and the servers' logs. The catalog tests and the DNS-rebinding
test run archiver on their own.

Fixed here: a request written on a kept-alive connection the server had closed (or reset) as idle is
sent once more on a new connection, as browsers do (it was read by the tolerant reader and captured
as "malformed response headers", or failed "connection reset by peer"); a catalog lacking columns that
may be empty (an older one) gets them, and another program's SQLite file given as the catalog is told
as such (both were tracebacks); a redirect target's robots.txt whose connection ``--private-redirects``
refused (DNS rebinding) is a recorded refusal, not "no rules".
"""
from __future__ import annotations

import gzip
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import brotli
import pytest
from rawkit import RawServer, Reply, http_reply
from sitekit import run_archiver, write_list
from test_fetch_hostile import run_with_rusage
from test_fetch_hostile2 import chunked, head
from test_fetch_hostile5 import rebinding_run
from warckit import all_records, assert_archive_sound, catalog_rows, decoded_payload, pywb_replay, warc_files

BODY = ("<!doctype html><html><head><title>Hostile six</title></head><body><article><p>"
        + "A sentence of a page long enough to look like an article. " * 12
        + "</p></article></body></html>").encode()
GZ = gzip.compress(BODY)
NOT_FOUND = http_reply("", "404 Not Found", content_type="text/plain")


def page(*lines: str, body: bytes = BODY, status: str = "200 OK") -> Reply:
    return Reply([head(status, "Content-Type: text/html", *lines) + body])


def redirect(location: str, status: str = "302 Found") -> Reply:
    return Reply([head(status, f"Location: {location}" if location is not None else "X-No: location",
                       "Content-Length: 0")])


def idle_closer(how: str):
    """A route answering the first request of each connection, then closing (or resetting) the connection
    when the next request comes on it without a byte back: what a server's idle timeout does to a
    request that crossed it."""
    seen: dict[int, int] = {}

    def route(r) -> Reply:
        seen[r.connection] = seen.get(r.connection, 0) + 1
        if seen[r.connection] > 1:
            return Reply([], close=how == "close", reset=how == "reset")
        return http_reply(BODY)

    return route


@dataclass
class Run:
    root: Path
    warcs: Path
    db: Path
    output: str
    returncode: int
    urls: dict[str, str]
    servers: dict[str, RawServer]

    def row(self, key: str):
        return catalog_rows(self.db, "SELECT * FROM captures WHERE list_line = ? ORDER BY id",
                            (list(self.urls).index(key) + 1,))[0]


def routes(p: RawServer, other: RawServer) -> dict[str, str]:
    """The plain host's probes: list key -> path."""
    n = len(BODY)
    table = {
        "early_hints": lambda r: Reply([b"HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n"
                                        + head("200 OK", "Content-Type: text/html", f"Content-Length: {n}") + BODY]),
        "dup_length": lambda r: page(f"Content-Length: {n}", f"Content-Length: {n}"),
        "dup_length_list": lambda r: page(f"Content-Length: {n}, {n}"),
        "no_reason": lambda r: Reply([f"HTTP/1.1 200\r\nContent-Type: text/html\r\nContent-Length: {n}\r\n\r\n"
                                      .encode() + BODY]),
        "http10_keepalive": lambda r: Reply([f"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Type: text/html"
                                             f"\r\nContent-Length: {n}\r\n\r\n".encode() + BODY]),
        "chunk_upper_hex": lambda r: page("Transfer-Encoding: chunked", body=b"".join(
            b"%X\r\n" % len(c) + c + b"\r\n" for c in (BODY[:300], BODY[300:])) + b"0\r\n\r\n"),
        "header_1mb": lambda r: page("X-Big: " + "b" * 1_000_000, f"Content-Length: {n}"),
        "gzip_then_br": lambda r: (lambda b: page("Content-Encoding: gzip, br", f"Content-Length: {len(b)}",
                                                  body=b))(brotli.compress(GZ)),
        "gzip_trailing_garbage": lambda r: page("Content-Encoding: gzip", f"Content-Length: {len(GZ) + 9}",
                                                body=GZ + b"GARBAGE!!"),
        "gzip_chunked": lambda r: page("Content-Encoding: gzip", "Transfer-Encoding: chunked",
                                       body=chunked([GZ[:50], GZ[50:]])),
        "ce_identity": lambda r: page("Content-Encoding: identity", f"Content-Length: {n}"),
        "ce_unknown": lambda r: page("Content-Encoding: x-snappy", f"Content-Length: {n}"),
        "loc_protocol_relative": lambda r: redirect(f"//other.h6.test:{other.port}/target"),
        "loc_fragment": lambda r: redirect("/target#section-2"),
        "loc_dot_dot": lambda r: redirect("../../target"),
        "loc_data": lambda r: redirect("data:text/html,hi"),
        "loc_file": lambda r: redirect("file:///etc/passwd"),
        "loc_javascript": lambda r: redirect("javascript:alert(1)"),
        "loc_ftp": lambda r: redirect("ftp://ftp.h6.test/x"),
        "loc_empty": lambda r: redirect(""),
        "r307": lambda r: redirect("/target", "307 Temporary Redirect"),
        "r308": lambda r: redirect("/target", "308 Permanent Redirect"),
        "r300": lambda r: page("Location: /target", f"Content-Length: {n}", status="300 Multiple Choices"),
        "no_content": lambda r: Reply([head("204 No Content")]),
    }
    for key, route in table.items():
        p.route("/" + key.replace("_", "-"), route)
    p.route("/target", lambda r: http_reply(BODY))
    other.route("/target", lambda r: http_reply(BODY))
    return {key: "/" + key.replace("_", "-") for key in table}


def robots_chain(srv: RawServer, hops: int) -> None:
    """robots.txt redirecting ``hops`` times before the file (which disallows /private)."""
    for i in range(hops):
        srv.route("/robots.txt" if i == 0 else f"/robots{i}.txt",
                  lambda r, to=f"/robots{i + 1}.txt": redirect(to, "301 Moved Permanently"))
    srv.route(f"/robots{hops}.txt", lambda r: http_reply("User-agent: *\nDisallow: /private\n",
                                                         content_type="text/plain"))
    srv.route("/private", lambda r: http_reply(BODY))


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    root = tmp_path_factory.mktemp("hostile6")
    s = {"plain": RawServer("www.h6.test", "127.0.0.190"), "other": RawServer("other.h6.test", "127.0.0.191"),
         "robots5": RawServer("robots5.h6.test", "127.0.0.192"), "robots6": RawServer("robots6.h6.test", "127.0.0.193"),
         "closer": RawServer("closer.h6.test", "127.0.0.194"), "resetter": RawServer("resetter.h6.test", "127.0.0.195")}
    for key in ("plain", "other", "closer", "resetter"):
        s[key].route("/robots.txt", lambda r: NOT_FOUND)
    paths = routes(s["plain"], s["other"])
    robots_chain(s["robots5"], 5)
    robots_chain(s["robots6"], 6)
    for how in ("close", "reset"):
        srv = s["closer" if how == "close" else "resetter"]
        srv.route("/k", idle_closer(how))
    for srv in s.values():
        srv.start()
    try:
        urls = {key: s["plain"].url(path) for key, path in paths.items()}
        urls["robots5_private"], urls["robots6_private"] = s["robots5"].url("/private"), s["robots6"].url("/private")
        for how in ("close", "reset"):
            for i in range(3):
                urls[f"idle_{how}_{i}"] = s["closer" if how == "close" else "resetter"].url(f"/k?{i}")
        list_path = write_list(root / "urls.txt", list(urls.values()))
        warcs, db = root / "warcs", root / "catalog.sqlite3"
        resolve = [flag for srv in s.values() for flag in ("--resolve", srv.resolve)]
        proc, _ = run_with_rusage(["fetch", list_path, "--warcs", warcs, "--db", db, "--delay", "0", "--retries", "0",
                                   "--per-host", "1", "--progress", "never", "--timeout", "5", *resolve],
                                  root, timeout=600)
        yield Run(root, warcs, db, proc.stdout + proc.stderr, proc.returncode, urls, s)
    finally:
        for srv in s.values():
            srv.stop()


def test_the_run_ends_without_traceback_and_every_warc_checks(run):
    assert "Traceback" not in run.output, run.output[-3000:]
    assert run.returncode == 1  # some URLs fail, by design
    assert_archive_sound(run.warcs)


# -- 1. a kept-alive connection the server closed as idle -------------------------------------------------------

@pytest.mark.parametrize("how", ["close", "reset"])
def test_a_request_that_crossed_an_idle_close_is_sent_again_on_a_new_connection(run, how):
    """The server answers one request per connection and closes (or resets) the kept-alive connection when the
    next comes: with --retries 0 every page is still captured, with no reason, from a connection of its own
    (before: the tolerant reader's "malformed response headers: read leniently", or "connection reset by peer")."""
    srv = run.servers["closer" if how == "close" else "resetter"]
    for i in range(3):
        row = run.row(f"idle_{how}_{i}")
        assert (row["state"], row["reason"]) == ("captured", None), dict(row)
    answered = [r.connection for r in srv.requests if r.path.startswith("/k")]
    assert len(answered) > 3  # at least one request crossed a close and went again
    records = [r for r in all_records(run.warcs) if r.type == "response" and (r.uri or "").startswith(srv.url("/k?"))]
    assert len(records) == 3 and all(r.raw_payload == BODY for r in records)


# -- 2. framing and codings: captured as sent, digests as warcio computes them ----------------------------------

@pytest.mark.parametrize("key", ["early_hints", "dup_length", "dup_length_list", "no_reason", "http10_keepalive",
                                 "chunk_upper_hex", "gzip_then_br", "gzip_trailing_garbage", "gzip_chunked",
                                 "ce_identity", "ce_unknown"])
def test_odd_framing_and_codings_are_captured_as_sent(run, key):
    row = run.row(key)
    assert row["state"] == "captured" and row["reason"] is None, dict(row)
    rec = next(r for r in all_records(run.warcs) if r.uri == run.urls[key] and r.type == "response")
    assert rec.headers["WARC-Payload-Digest"] == row["payload_digest"]  # warcio check verified both digests


def test_a_gzip_body_with_trailing_garbage_is_stored_as_sent_and_decodes(run):
    rec = next(r for r in all_records(run.warcs) if r.uri == run.urls["gzip_trailing_garbage"] and r.type == "response")
    assert rec.raw_payload == GZ + b"GARBAGE!!"
    assert decoded_payload(run.warcs / rec.file, rec.offset).startswith(BODY)


def test_odd_codings_framing_and_a_resent_page_replay_in_pywb(run):
    """(``gzip, br`` is left out: pywb drops a Content-Encoding it does not know whole and replays the
    coded bytes; the record holds what the server sent.)"""
    import httpx

    keys = ["gzip_trailing_garbage", "ce_identity", "early_hints", "dup_length_list", "idle_close_1", "idle_reset_1"]
    with pywb_replay(warc_files(run.warcs), run.root / "pywb") as prefix, httpx.Client(timeout=60) as client:
        for key in keys:
            got = client.get(prefix + run.urls[key])
            assert got.status_code == 200 and got.content == BODY, (key, got.status_code, got.content[:80])


def test_a_one_megabyte_header_fails_with_a_reason(run):
    row = run.row("header_1mb")
    assert row["state"] == "failed" and row["reason"] == "protocol error: response headers over 262144 bytes"


def test_no_content_is_captured(run):
    row = run.row("no_content")
    assert (row["state"], row["http_status"]) == ("captured", 204)


# -- 3. redirects ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("key, final", [("loc_protocol_relative", "other:/target"), ("loc_fragment", "plain:/target"),
                                        ("loc_dot_dot", "plain:/target"), ("r307", "plain:/target"),
                                        ("r308", "plain:/target")])
def test_relative_and_method_keeping_redirects_are_followed(run, key, final):
    host, path = final.split(":")
    row = run.row(key)
    assert row["state"] == "captured" and row["final_url"] == run.servers[host].url(path), dict(row)


@pytest.mark.parametrize("key, scheme", [("loc_data", "data"), ("loc_file", "file"), ("loc_javascript", "javascript"),
                                         ("loc_ftp", "ftp")])
def test_a_redirect_out_of_http_is_archived_and_failed_with_its_scheme(run, key, scheme):
    row = run.row(key)
    assert row["state"] == "failed" and f"(scheme '{scheme}', not http(s))" in row["reason"], dict(row)
    assert row["warc_file"]  # the redirect itself is archived


@pytest.mark.parametrize("key, reason", [("loc_empty", "HTTP 302 redirect without Location"),
                                         ("r300", "HTTP 300 Multiple Choices")])
def test_what_is_no_redirect_fails_with_its_status(run, key, reason):
    assert run.row(key)["reason"] == reason


# -- 4. robots.txt redirects: five followed (RFC 9309 section 2.3.1.2), past them no rules -----------------------

def test_robots_txt_reached_in_five_redirects_is_obeyed_and_past_five_is_unavailable(run):
    assert run.row("robots5_private")["reason"] == "robots.txt disallows this URL"
    assert run.row("robots6_private")["state"] == "captured"
    assert "/robots6.txt" not in run.servers["robots6"].hits


# -- 5. catalogs archiver did not make ---------------------------------------------------------------------------

OLD_CAPTURES = """CREATE TABLE captures (id INTEGER PRIMARY KEY, url TEXT NOT NULL, final_url TEXT,
    fetched_at TEXT NOT NULL, state TEXT NOT NULL, reason TEXT, http_status INTEGER, content_type TEXT,
    payload_digest TEXT, record_type TEXT, refers_to INTEGER, warc_file TEXT, warc_offset INTEGER,
    warc_length INTEGER, list_file TEXT, list_line INTEGER)"""


@pytest.fixture(scope="module")
def page_server():
    srv = RawServer("cat.h6.test", "127.0.0.196")
    srv.route("/robots.txt", lambda r: NOT_FOUND).route("/page", lambda r: http_reply(BODY))
    with srv:
        yield srv


def test_a_catalog_lacking_columns_that_may_be_empty_gets_them_and_the_run_completes(tmp_path, page_server):
    """A catalog of an older layout (no ``truncated``, ``worker``): the run's first row was a traceback
    (``table captures has no column named truncated``)."""
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    conn = sqlite3.connect(warcs / "catalog.sqlite3")
    conn.execute(OLD_CAPTURES)
    conn.execute("INSERT INTO captures (url, fetched_at, state) VALUES ('http://x.test/', '2026-01-01', 'captured')")
    conn.commit()
    conn.close()
    done = run_archiver("fetch", write_list(tmp_path / "u.txt", [page_server.url("/page")]), "--warcs", warcs,
                        "--delay", "0", "--progress", "never", "--resolve", page_server.resolve)
    assert "Traceback" not in done.stderr and done.returncode == 0, done.stderr[-2000:]
    rows = catalog_rows(warcs / "catalog.sqlite3", "SELECT url, state, truncated, worker FROM captures ORDER BY id")
    assert [(r["url"], r["state"]) for r in rows] == [("http://x.test/", "captured"), (page_server.url("/page"),
                                                                                       "captured")]
    assert_archive_sound(warcs)


def test_another_programs_sqlite_file_as_catalog_is_told_with_the_remedy(tmp_path, page_server):
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    conn = sqlite3.connect(warcs / "catalog.sqlite3")
    conn.execute("CREATE TABLE captures (a, b)")
    conn.commit()
    conn.close()
    done = run_archiver("fetch", write_list(tmp_path / "u.txt", [page_server.url("/page")]), "--warcs", warcs,
                        "--delay", "0", "--progress", "never", "--resolve", page_server.resolve)
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 2
    assert done.stderr.startswith(f"archiver: error: the catalog {warcs / 'catalog.sqlite3'} is not a catalog archiver "
                                  "can use: its table captures has no column id, url, fetched_at, state; check --db "
                                  "(is it another program's database?), or, if it is an archiver catalog, rebuild it "
                                  "from the WARC files with 'archiver reindex'"), done.stderr
    assert not warc_files(warcs)  # nothing fetched


# -- 6. a redirect target's robots.txt refused for DNS rebinding ------------------------------------------------

def test_a_redirect_targets_robots_txt_refused_for_rebinding_is_a_recorded_refusal(tmp_path):
    """A public page (listed by its address) redirects to a name whose DNS answers 8.8.8.8 to the check before the
    hop and 127.0.0.1 after: the target's robots.txt connection is refused. That counted as "no rules" and the
    page was asked (refused again only because the next answer was 127.0.0.1 too)."""
    url = "http://8.8.8.8:8080/cross"
    got, rows = rebinding_run(tmp_path / "robots", [url])
    assert got["internal"] == [], got
    reason = rows[url]["reason"]
    assert rows[url]["state"] == "failed" and reason.startswith(
        "robots.txt not fetched: redirect to rebind-other.test not followed: rebind-other.test resolved to a local "
        "address (127.0.0.1) when connecting"), reason
    # the check before the hop and the robots.txt connection asked DNS; the page did not
    assert [a for a in got["answers"] if a[0] == "rebind-other.test"] == [["rebind-other.test", "8.8.8.8"],
                                                                          ["rebind-other.test", "127.0.0.1"]], got


# -- 7. a name with several addresses, the first ones silent ----------------------------------------------------

def test_a_name_whose_first_addresses_are_silent_is_connected_within_one_timeout(tmp_path):
    """Under ``--private-redirects guard`` archiver resolves a name itself and tries its addresses in turn; each had
    the whole ``--timeout``, so two silent addresses (a full accept queue drops the SYN) before the one that
    answers took twice ``--timeout``: here past ``--url-timeout``, and the page failed. Now they share it as
    curl's do (half of what remains while others are left). The name has three addresses in an /etc/hosts of
    a mount namespace of its own (``unshare -m``)."""
    import shutil
    import socket
    import subprocess
    import sys

    from sitekit import archiver_env

    if shutil.which("unshare") is None or __import__("os").geteuid() != 0:
        pytest.skip("needs root and unshare for an /etc/hosts of its own")
    good = RawServer("multi.h6.test", "127.0.0.203").route("/page", lambda r: http_reply(BODY))
    held: list[socket.socket] = []
    try:
        for address in ("127.0.0.201", "127.0.0.202"):  # same port, a full accept queue: connects hang
            silent = socket.socket()
            silent.bind((address, good.port))
            silent.listen(0)
            filler = socket.socket()
            filler.connect((address, good.port))
            held += [silent, filler]
        hosts = tmp_path / "hosts"
        hosts.write_text("".join(f"127.0.0.{n} multi.h6.test\n" for n in (201, 202, 203)))
        list_path = write_list(tmp_path / "u.txt", [good.url("/page")])
        warcs = tmp_path / "warcs"
        with good:
            done = subprocess.run(
                ["unshare", "-m", "sh", "-c", 'mount --bind "$0" /etc/hosts && exec "$@"', hosts, sys.executable,
                 "-m", "archiver", "fetch", list_path, "--warcs", warcs, "--timeout", "8", "--url-timeout", "12",
                 "--ignore-robots", "--retries", "0", "--delay", "0", "--progress", "never"],
                env=archiver_env(), capture_output=True, text=True, timeout=120)
        if done.returncode != 0 and "mount" in done.stderr and "Traceback" not in done.stderr:
            pytest.skip(f"no mount namespace here: {done.stderr[-300:]}")
        row = catalog_rows(warcs / "catalog.sqlite3", "SELECT * FROM captures")[0]
        assert (row["state"], row["reason"]) == ("captured", None), dict(row)
        assert [r.path for r in good.requests] == ["/page"]
    finally:
        for sock in held:
            sock.close()
