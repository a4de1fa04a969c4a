"""Hostile servers, round 24 (session 32, host32): decompression bombs, silent hosts, hostile robots.txt, odd heads.

Each probe is a real server on loopback (rawkit on 127.0.44.1-127.0.44.30, a listening socket that never accepts)
and real ``archiver fetch`` / ``extract`` runs, each run twice; each test reads the catalog, the WARC files (warcio
record by record and ``warcio check``) and the servers' logs. What round 24 tried and found right is guarded here
too, and listed in tests/HOSTILE.md (round 24's table).

Fixed here:

- a content-coding bomb (a page gzipped twice, ``Content-Encoding: gzip, gzip``, or in br or zstd, a few KB that
  inflate to 64 MiB): extraction stopped inflating at its limit (as before) but said "decoded body exceeds
  33554433 bytes" (a figure one over its limit, no coding, no cause), and every later ``archiver extract``
  inflated it again to say so again. It now says "page too large to extract: its gzip, gzip body of 717 bytes
  inflates past 32 MiB (a decompression bomb, ...)", once: the stored bytes decide it, as a damaged coding;
- a host that never takes the TCP connection (a firewall dropping it, a host that is off): its URLs failed
  "robots.txt unreachable (timeout (connect)): complete disallow assumed, as RFC 9309 asks", sending the user to
  robots.txt, though no request ever reached the server (with ``--ignore-robots``: "timeout (connect)"). It is
  told as refused and DNS failures are, "timeout (connect)";
- a robots.txt answered 503 (or 429) with ``Retry-After: 3600``: the host's URLs failed "robots.txt unavailable
  (HTTP 503)", the pause not named and forgotten: every later run (cron's, minutes apart) asked robots.txt again
  (round 13 kept a page's Retry-After across runs, not robots.txt's). The reason names it, and the next run
  leaves the host alone until then, as for a page;
- a redirect (or a refresh, or a robots.txt redirect) to a port browsers refuse, ``http://host:6667/`` (IRC),
  ``:25`` (SMTP): followed, an HTTP request sent to another protocol's server, the path the hostile server's
  choice. Such a hop is now unusable, naming the port and its service (the WHATWG Fetch standard's "bad ports",
  as Chromium, Firefox and Safari refuse them); a URL on such a port in the user's own list is still asked.
"""
from __future__ import annotations

import gzip
import socket
import sqlite3
import time
from pathlib import Path

import pytest
from rawkit import RawServer, Reply, http_reply
from sitekit import run_archiver, write_list
from warckit import all_records, assert_archive_sound, catalog_rows, responses, rows_by_key

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

BOMB_BYTES = 64 << 20  # decoded: twice extraction's 32 MiB


def page(key: str, sentences: int = 12) -> bytes:
    return ("<!doctype html><html><head><title>Round24 " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * sentences
            + f"</p><p>The last words of {key}.</p></article></body></html>").encode()


def whole(body: bytes, *lines: str, ctype: str = "text/html; charset=utf-8") -> Reply:
    head = ["HTTP/1.1 200 OK", f"Content-Type: {ctype}", *lines, f"Content-Length: {len(body)}"]
    return Reply([("\r\n".join(head) + "\r\n\r\n").encode() + body])


def allow_all(srv: RawServer) -> RawServer:
    return srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))


def fetch(root: Path, urls: list[str], servers: list[RawServer], *extra: str):
    listed = write_list(root / "urls.txt", urls)
    flags = [f for s in servers for f in ("--resolve", s.resolve)]
    return run_archiver("fetch", listed, "--warcs", root / "warcs", "--delay", "0", "--retries", "0", "--timeout", "3",
                        "--progress", "never", *flags, *extra, cwd=root, timeout=300)


def extract(root: Path):
    return run_archiver("extract", "--warcs", root / "warcs", "--clean", root / "clean", "--jobs", "1",
                        "--progress", "never", cwd=root, timeout=300)


def extraction_errors(root: Path) -> dict[str, str | None]:
    rows = catalog_rows(root / "warcs" / "catalog.sqlite3", "SELECT c.url, e.error FROM extractions e JOIN captures c "
                        "ON c.id = e.capture_id ORDER BY e.capture_id")
    return {r["url"].rsplit("/", 1)[1]: r["error"] for r in rows}


# -- decompression bombs --------------------------------------------------------------------------------------------

def test_a_content_coding_bomb_is_named_as_one_and_not_inflated_again_by_later_extract_runs(tmp_path):
    """/gzgz: a page of 64 MiB (spaces inside the article) gzipped twice under ``Content-Encoding: gzip, gzip``,
    717 bytes; /br and /zstd: the same page in br and zstd; /page: an honest page. All four archived as sent;
    extraction refuses the three with a reason naming the coding, the stored size and the 32 MiB limit (before:
    "decoded body exceeds 33554433 bytes"), and the next extract does not inflate them again (before: it did,
    and failed them again); a second fetch fetches nothing."""
    brotli = pytest.importorskip("brotli")
    zstandard = pytest.importorskip("zstandard")
    tail = b"</p></article></body></html>"
    big = page("bomb")[: -len(tail)] + b" " * BOMB_BYTES + tail
    bodies = {"gzgz": (gzip.compress(gzip.compress(big, 9), 9), "gzip, gzip"),
              "br": (brotli.compress(big, quality=1), "br"),
              "zstd": (zstandard.ZstdCompressor().compress(big), "zstd")}
    with allow_all(RawServer("bombs.round24.test", "127.0.44.1")) as srv:
        for key, (body, coding) in bodies.items():
            srv.route(f"/{key}", lambda r, body=body, coding=coding: whole(body, f"Content-Encoding: {coding}"))
        srv.route("/page", lambda r: whole(page("page")))
        urls = [srv.url(f"/{k}") for k in [*bodies, "page"]]
        first = fetch(tmp_path, urls, [srv])
        assert first.returncode == 0, first.stdout + first.stderr
        again = fetch(tmp_path, urls, [srv])
    assert "0 to fetch, 4 skipped (4 already captured)" in again.stdout, again.stdout
    got = responses(tmp_path)
    for key, (body, _) in bodies.items():
        assert len(got[key]) == 1 and got[key][0].raw_payload == body, key  # archived as sent, once
    assert_archive_sound(tmp_path / "warcs")
    done = extract(tmp_path)
    out = done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in out, out[-3000:]
    errors = extraction_errors(tmp_path)
    assert errors["page"] is None, errors
    for key, (body, coding) in bodies.items():
        assert errors[key] == (f"page too large to extract: its {coding} body of {len(body):,} bytes inflates past "
                               "32 MiB (a decompression bomb, or a page far larger than any article); archived as "
                               "sent, not extracted"), errors[key]
        assert f"extract failed {srv.url('/' + key)}: page too large to extract" in out, out
    later = extract(tmp_path)  # the stored bytes decided it: not inflated, nor told, again
    assert later.returncode == 0 and "too large" not in later.stdout + later.stderr, later.stdout + later.stderr
    assert "0 extracted" in later.stdout and "0 failed" in later.stdout, later.stdout
    assert extraction_errors(tmp_path) == errors


# -- a host that never takes the connection -------------------------------------------------------------------------

class SilentListener:
    """A TCP port on ``address`` that takes no connection: listening with a backlog of 0, never accepting, its
    accept queue filled, so the kernel drops every further SYN (as a firewall dropping packets does)."""

    def __init__(self, address: str):
        self.sock = socket.socket()
        self.sock.bind((address, 0))
        self.sock.listen(0)
        self.port = self.sock.getsockname()[1]
        self.fillers: list[socket.socket] = []
        for _ in range(4):
            conn = socket.socket()
            conn.setblocking(False)
            try:
                conn.connect((address, self.port))
            except BlockingIOError:
                pass
            self.fillers.append(conn)
        time.sleep(0.3)
        probe = socket.socket()
        probe.settimeout(1.0)
        try:
            probe.connect((address, self.port))
            taken = True
        except OSError:
            taken = False
        finally:
            probe.close()
        if taken:
            self.close()
            pytest.skip("this kernel took a connection past a full accept queue")

    def close(self) -> None:
        for conn in self.fillers:
            conn.close()
        self.sock.close()


def test_a_host_that_never_takes_the_connection_is_not_blamed_on_its_robots_txt(tmp_path):
    """Both URLs of a host whose port drops every SYN fail "timeout (connect)", as with --ignore-robots (before:
    "robots.txt unreachable (timeout (connect)): complete disallow assumed, as RFC 9309 asks"); nothing of it is
    in the WARC; another host's page in the same run is captured; the next run asks the silent host again."""
    silent = SilentListener("127.0.44.2")
    try:
        with allow_all(RawServer("lively.round24.test", "127.0.44.3")) as lively:
            lively.route("/ok", lambda r: whole(page("ok")))
            dark = f"dark.round24.test:{silent.port}"
            urls = [f"http://{dark}/a", f"http://{dark}/b", lively.url("/ok")]
            extra = ("--resolve", f"{dark}:127.0.44.2")
            runs = [fetch(tmp_path, urls, [lively], *extra) for _ in range(2)]
    finally:
        silent.close()
    for run in runs:
        assert run.returncode == 1 and "robots.txt unreachable" not in run.stdout, run.stdout
    assert "2 to fetch, 1 skipped (1 already captured)" in runs[1].stdout, runs[1].stdout  # asked again
    rows = catalog_rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT url, state, reason FROM captures ORDER BY id")
    failed = [r for r in rows if r["state"] == "failed"]
    assert len(failed) == 4 and all(r["reason"] == "timeout (connect)" for r in failed), [dict(r) for r in rows]
    assert rows_by_key(tmp_path)["ok"]["state"] == "captured"
    assert not [r for r in all_records(tmp_path / "warcs") if r.uri and "dark.round24.test" in r.uri
                and r.type in ("request", "response")]
    assert_archive_sound(tmp_path / "warcs")


# -- a robots.txt asking for a pause --------------------------------------------------------------------------------

def test_a_retry_after_on_robots_txt_holds_the_host_for_the_next_run_as_a_pages_does(tmp_path):
    """robots.txt answers 503 (one host) or 429 (another) with ``Retry-After: 3600``, or 429 without it (a third),
    until the hour is over. The first run fails the host's URLs naming the Retry-After; the second asks no
    robots.txt (before: asked again at every run) and says the hosts wait (the third for archiver's own 600 s, as
    for a page's 429); once the pauses are set back by hand, the third run captures each page once."""
    state = {"down": True}
    busy = allow_all(RawServer("busy.round24.test", "127.0.44.4"))
    slow = allow_all(RawServer("slow.round24.test", "127.0.44.5"))
    mute = allow_all(RawServer("mute.round24.test", "127.0.44.15"))
    for srv, status, said in ((busy, "503 Service Unavailable", ["Retry-After: 3600"]),
                              (slow, "429 Too Many Requests", ["Retry-After: 3600"]), (mute, "429 Too Many Requests", [])):
        allowed = srv.routes["/robots.txt"]
        srv.route("/robots.txt", lambda r, allowed=allowed, status=status, said=said: http_reply(
            "wait", status, headers=said) if state["down"] else allowed(r))
    for path in ("/a", "/b"):
        busy.route(path, lambda r, path=path: whole(page(f"busy{path}")))
    slow.route("/c", lambda r: whole(page("slow")))
    mute.route("/d", lambda r: whole(page("mute")))
    servers = [busy, slow, mute]
    with busy, slow, mute:
        urls = [busy.url("/a"), busy.url("/b"), slow.url("/c"), mute.url("/d")]
        first = fetch(tmp_path, urls, servers)
        second = fetch(tmp_path, urls, servers)
        assert [s.hits.get("/robots.txt") for s in servers] == [1, 1, 1], [s.hits for s in servers]
        with sqlite3.connect(tmp_path / "warcs" / "catalog.sqlite3") as conn:  # the hour passes
            conn.execute("UPDATE host_waits SET until = '2000-01-01T00:00:00Z'")
        state["down"] = False
        third = fetch(tmp_path, urls, servers)
    assert first.returncode == 1, first.stdout + first.stderr
    assert (f"failed {busy.url('/a')}: robots.txt unavailable (HTTP 503, Retry-After: 3600): complete disallow "
            "assumed, as RFC 9309 asks") in first.stdout, first.stdout
    assert f"failed {slow.url('/c')}: robots.txt unavailable (HTTP 429, Retry-After: 3600)" in first.stdout
    assert f"failed {mute.url('/d')}: robots.txt unavailable (HTTP 429): complete disallow assumed" in first.stdout
    assert second.returncode == 0 and "4 URLs held back" in second.stdout, second.stdout
    assert "(Retry-After: none sent with the 429; archiver's pause of 600 s, on an earlier run)" in second.stdout
    assert "busy.round24.test asked for a pause until" in second.stdout, second.stdout
    assert "(Retry-After: 3600, on an earlier run): 2 URLs not fetched now" in second.stdout, second.stdout
    assert third.returncode == 0 and "asked for a pause" not in third.stdout, third.stdout
    assert all(f"captured 200 {u}" in third.stdout for u in urls), third.stdout
    got = responses(tmp_path)
    assert [len(got[k]) for k in ("a", "b", "c", "d")] == [1, 1, 1, 1], {k: len(v) for k, v in got.items()}
    assert_archive_sound(tmp_path / "warcs")


# -- a redirect to a port browsers refuse ---------------------------------------------------------------------------

def test_a_hop_to_a_port_browsers_refuse_is_not_followed_but_a_listed_url_there_is_asked(tmp_path):
    """A page on 127.0.44.6 redirects to an "IRC server" on 127.0.44.7:6667 (/redir); another is an interstitial
    whose meta refresh leads there (/refresh); a third host's robots.txt redirects there (its page /p is then
    asked, robots.txt being unavailable). Before: each hop was followed, HTTP sent to port 6667. Now /redir fails
    naming the port, /refresh and /p are captured (the refresh's reason says why it was not followed), the
    IRC port is asked only for the URL the list names there, and a rerun adds nothing."""
    irc = allow_all(RawServer("irc.round24.test", "127.0.44.7", port=6667))
    irc.route("/listed", lambda r: whole(page("listed")))
    irc.route("/x", lambda r: whole(page("irc")))
    origin = allow_all(RawServer("origin.round24.test", "127.0.44.6"))
    target = irc.url("/x")
    origin.route("/redir", lambda r: Reply([f"HTTP/1.1 302 Found\r\nLocation: {target}\r\nContent-Length: 0\r\n\r\n"
                                            .encode()]))
    stub = (f'<html><head><meta http-equiv="refresh" content="0; url={target}"><title>Wait</title></head>'
            "<body><p>Redirecting...</p></body></html>").encode()
    origin.route("/refresh", lambda r: whole(stub))
    third = RawServer("third.round24.test", "127.0.44.8")
    third.route("/robots.txt", lambda r: Reply([f"HTTP/1.1 301 Moved\r\nLocation: {irc.url('/robots.txt')}\r\n"
                                                "Content-Length: 0\r\n\r\n".encode()]))
    third.route("/p", lambda r: whole(page("third")))
    with irc, origin, third:
        urls = [origin.url("/redir"), origin.url("/refresh"), third.url("/p"), irc.url("/listed")]
        runs = [fetch(tmp_path, urls, [irc, origin, third]) for _ in range(2)]
    assert [r.path for r in irc.requests] == ["/robots.txt", "/listed"], [r.path for r in irc.requests]
    rows = rows_by_key(tmp_path)
    why = ("port 6667 is ircu's, one browsers refuse to send HTTP to (the Fetch standard's bad ports): a redirect "
           "there would make archiver talk to another protocol's server")
    assert rows["redir"]["state"] == "failed", rows["redir"]
    assert rows["redir"]["reason"] == f"HTTP 302 redirect to unusable Location {target!r} ({why})", rows["redir"]
    assert rows["refresh"]["state"] == "captured" and why in rows["refresh"]["reason"], rows["refresh"]
    assert rows["refresh"]["reason"].startswith(f"its refresh to unusable Location {target!r}"), rows["refresh"]
    assert rows["p"]["state"] == rows["listed"]["state"] == "captured", (rows["p"], rows["listed"])
    assert "2 to fetch" not in runs[1].stdout and "1 to fetch, 3 skipped" in runs[1].stdout, runs[1].stdout
    assert_archive_sound(tmp_path / "warcs")


# -- tried and already right: guarded ------------------------------------------------------------------------------

ROBOTS_PAD = 10 << 20  # a 10 MiB robots.txt: RFC 9309 section 2.5 lets a crawler stop parsing at 500 KiB


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    """One list over hostile robots.txt files and odd pages, fetched twice (``--per-host 1 --delay 0.1``), then
    extracted: what round 24 found already right."""
    root = tmp_path_factory.mktemp("guarded")
    loop_a, loop_b = RawServer("loopa.round24.test", "127.0.44.9"), RawServer("loopb.round24.test", "127.0.44.10")
    for one, other in ((loop_a, loop_b), (loop_b, loop_a)):
        one.route("/robots.txt", lambda r, other=other: Reply([
            f"HTTP/1.1 301 Moved\r\nLocation: {other.url('/robots.txt')}\r\nContent-Length: 0\r\n\r\n".encode()]))
        for key in ("1", "2"):
            one.route(f"/{one.name[:5]}{key}", lambda r, k=f"{one.name[:5]}{key}": whole(page(k)))
    big = RawServer("big.round24.test", "127.0.44.11")
    rules = b"User-agent: *\nDisallow: /private\n" + b"Allow: /x\n" * (ROBOTS_PAD // 9) + b"Disallow: /late\n"
    big.route("/robots.txt", lambda r: whole(rules, ctype="text/plain"))
    for key in ("late", "private"):
        big.route(f"/{key}", lambda r, key=key: whole(page(key)))
    hints = RawServer("hints.round24.test", "127.0.44.12")
    hints.route("/robots.txt", lambda r: Reply([b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n" * 40]))
    hints.route("/hinted", lambda r: whole(page("hinted")))
    odd = allow_all(RawServer("odd.round24.test", "127.0.44.13"))
    odd.route("/nul", lambda r: whole(page("nul"), "X-Odd: a\x00b"))
    odd.route("/fields", lambda r: whole(page("fields"), *[f"X-Field-{i}: v" for i in range(10_000)]))
    mixed = page("mixed").replace(b"</p></article>", "Größe café ".encode() + "Größe café".encode("cp1252")
                                  + b"</p></article>")
    odd.route("/mixed", lambda r: whole(mixed))
    late = ("<!doctype html><html><head><title>Late</title><script>" + "var x = 1;" * 400 + "</script>"
            '<meta charset="windows-1251"></head><body><article>'
            + "<p>Новости дня: a story told in enough words to be an article, paragraph after paragraph.</p>" * 8
            + "</article></body></html>").encode("windows-1251")
    odd.route("/late1251", lambda r: whole(late, ctype="text/html"))
    filer = RawServer("filer.round24.test", "127.0.44.14")
    filer.route("/robots.txt", lambda r: Reply([b"HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\n"
                                                b"Content-Length: 0\r\n\r\n"]))
    filer.route("/filed", lambda r: whole(page("filed")))
    servers = [loop_a, loop_b, big, hints, odd, filer]
    urls = [loop_a.url("/loopa1"), loop_b.url("/loopb1"), loop_a.url("/loopa2"), loop_b.url("/loopb2"),
            big.url("/late"), big.url("/private"), hints.url("/hinted"), odd.url("/nul"), odd.url("/fields"),
            odd.url("/mixed"), odd.url("/late1251"), filer.url("/filed")]
    for srv in servers:
        srv.start()
    try:
        runs = [fetch(root, urls, servers, "--per-host", "1", "--delay", "0.1") for _ in range(2)]
    finally:
        for srv in servers:
            srv.stop()
    done = extract(root)
    return {"root": root, "runs": runs, "extract": done, "servers": {s.name.split(".")[0]: s for s in servers}}


def clean_text(root: Path, key: str) -> str:
    found = sorted((root / "clean").glob(f"*/{key}-*.txt"))
    return found[0].read_text(encoding="utf-8") if found else ""


def test_guard_the_runs_are_whole_and_a_rerun_asks_only_what_failed(guarded):
    first, second = guarded["runs"]
    assert "Traceback" not in first.stdout + first.stderr + second.stdout + second.stderr
    assert "12 to fetch" in first.stdout and "2 to fetch, 10 skipped" in second.stdout, second.stdout
    assert_archive_sound(guarded["root"] / "warcs")


def test_guard_a_robots_txt_redirect_loop_between_two_hosts_is_no_robots_txt(guarded):
    """RFC 9309 section 2.3.1.2: past five redirects robots.txt is unavailable (a 4xx: no rules). Seeds on both
    hosts, one request at a time to each: no hang, each page captured once, each hop archived."""
    rows = rows_by_key(guarded["root"])
    assert all(rows[k]["state"] == "captured" and rows[k]["reason"] is None
               for k in ("loopa1", "loopa2", "loopb1", "loopb2")), rows
    hops = [r for r in all_records(guarded["root"] / "warcs") if r.type == "response" and r.uri.endswith("/robots.txt")
            and "loop" in r.uri]
    assert hops and all(r.http_status == 301 for r in hops), [(r.uri, r.http_status) for r in hops]


def test_guard_a_10_mib_robots_txt_is_read_to_500_kib(guarded):
    """A rule within the first 500 KiB is obeyed; one past it is not read (RFC 9309 section 2.5)."""
    rows = rows_by_key(guarded["root"])
    assert rows["private"]["state"] == "failed" and rows["private"]["reason"] == "robots.txt disallows this URL"
    assert rows["late"]["state"] == "captured", rows["late"]


def test_guard_endless_early_hints_on_robots_txt_forbid_the_host_naming_them(guarded):
    rows = rows_by_key(guarded["root"])
    assert rows["hinted"]["reason"] == ("robots.txt unreachable (protocol error: over 32 informational (1xx) "
                                        "responses and no final one): complete disallow assumed, as RFC 9309 asks")
    assert not guarded["servers"]["hints"].hits.get("/hinted")


def test_guard_a_robots_txt_redirect_to_a_file_url_is_no_robots_txt(guarded):
    row = rows_by_key(guarded["root"])["filed"]
    assert row["state"] == "captured" and row["reason"] is None, row


def test_guard_a_nul_byte_in_a_field_and_10000_fields_are_read_leniently_and_stored_as_sent(guarded):
    rows = rows_by_key(guarded["root"])
    assert rows["nul"]["reason"] == "malformed response headers: read leniently, as browsers do", rows["nul"]
    assert rows["fields"]["reason"] == "response headers over h11's size limit: read leniently, as browsers do"
    got = responses(guarded["root"])
    assert got["nul"][0].raw_payload == page("nul") and got["fields"][0].raw_payload == page("fields")
    assert len([n for n, _ in got["fields"][0].http_headers if n.startswith("X-Field-")]) == 10_000


def test_guard_charsets_that_change_mid_document_are_read_as_written(guarded):
    """UTF-8 under a UTF-8 header, then the same words in windows-1252 bytes: both read right; a
    ``<meta charset=windows-1251>`` 4 KB into the page (past the 1 KiB prescan) is found."""
    assert "Größe café Größe café" in clean_text(guarded["root"], "mixed")
    assert "Новости дня" in clean_text(guarded["root"], "late1251")


def test_guard_an_endless_robots_txt_is_read_once_per_run_and_forbids_only_its_host(tmp_path):
    """robots.txt dripping a chunk every 0.3 s for ever, six seeds on its host (``--per-host 2``), one on another:
    one robots.txt request per run (the other seeds wait for it, then share its verdict), each of the six failed
    naming the cut at ``--total-timeout``, the other host's page captured; the rerun asks robots.txt once more."""
    def drip(r) -> Reply:
        def chunks():
            yield b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
            while True:
                yield b"1\r\n#\r\n"
        return Reply(chunks(), pause=0.3)

    dripping = RawServer("drip.round24.test", "127.0.44.16").route("/robots.txt", drip)
    for i in range(6):
        dripping.route(f"/s{i}", lambda r, i=i: whole(page(f"s{i}")))
    calm = allow_all(RawServer("calm.round24.test", "127.0.44.17")).route("/calm", lambda r: whole(page("calm")))
    with dripping, calm:
        urls = [dripping.url(f"/s{i}") for i in range(6)] + [calm.url("/calm")]
        runs = [fetch(tmp_path, urls, [dripping, calm], "--per-host", "2", "--total-timeout", "2") for _ in range(2)]
    assert dripping.hits == {"/robots.txt": 2}, dripping.hits
    rows = catalog_rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT url, state, reason FROM captures ORDER BY id")
    failed = [r for r in rows if "drip" in r["url"]]
    assert len(failed) == 12 and all(r["state"] == "failed" and r["reason"].startswith(
        "robots.txt unreachable (body cut short: timeout;") for r in failed), [dict(r) for r in failed]
    assert rows_by_key(tmp_path)["calm"]["state"] == "captured"
    assert "6 to fetch, 1 skipped" in runs[1].stdout, runs[1].stdout
    assert_archive_sound(tmp_path / "warcs")
