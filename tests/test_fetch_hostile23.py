"""Hostile servers, round 23 (session 30, host23): TLS ends, slow heads and bodies, HTTP/2 misbehaviour.

Each probe is a real server on loopback (127.0.31.1-127.0.33.254): a small TLS server written here (each
connection ends with or without the TLS ``close_notify`` alert, as a route says), rawkit, and h2kit (TLS with a
trustme certificate, ALPN ``h2``), and real ``archiver fetch`` runs; each test reads the catalog and the WARC
files (warcio record by record and ``warcio check``). What round 23 tried and found right is guarded here too,
and listed in tests/HOSTILE.md (round 23's table).

Fixed here:

- a body with no length of its own (no ``Content-Length``, not chunked) over TLS, the connection then ended
  by a TCP close without ``close_notify`` (a truncation attack, or a middlebox cutting it): captured as the
  whole page, nothing said, though RFC 9112 section 9.8 calls such a response incomplete. It is now archived
  with ``WARC-Truncated: disconnect`` and failed, "connection closed mid-body (the TLS connection ended without
  the server's close_notify, ...)", and asked again next run; the same bytes twice are the server's page (the
  second run captures them, ``WARC-Truncated`` kept), as for any cut repeated (``archiver.fetch.shortbody``).
  A robots.txt, an empty body or an error page so ended is read as before;
- a full disk under ``--clean``: every later page was parsed, then failed "cannot write clean files: [Errno 28]
  ...", a line each, no remedy; extraction now stops there with where and what to do (``diskfull.CleanFull``);
- a fetch stopped by a full disk then failed its index step too, a second error naming another path: one line;
- a TLS handshake never answered said "timeout (connect)"; a head dripping past --total-timeout said
  "timeout (total)" alone; an invalid HTTP/2 setting was h2's "Setting 4 has invalid value ...": each now says
  what it is.
"""
from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import trustme
from acceptkit import serve_each
from h2kit import H2Server, whole
from sitekit import run_archiver, write_list
from warckit import assert_archive_sound, catalog_rows, responses

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def page(key: str, sentences: int = 60) -> bytes:
    return ("<!doctype html><html><head><title>Round23 " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * sentences
            + f"</p><p>The last words of {key}.</p></article></body></html>").encode()


# what a route answers: the bytes to send, then how the connection ends: "notify" (close_notify, then the
# close), "ragged" (a TCP close under TLS, no close_notify) or "hold" (nothing more, the connection kept)
TLSRoute = Callable[[], tuple[list[bytes], str]]


class EndingTLSServer:
    """One request per connection over TLS (a trustme certificate for ``name``); each route says how its
    connection ends. robots.txt is a 404 with a length, ended with close_notify."""

    def __init__(self, name: str, address: str, workdir: Path, pause: float = 0.0):
        ca = trustme.CA()
        self.ca_file = str(workdir / f"{name}-ca.pem")
        ca.cert_pem.write_to_path(self.ca_file)
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ca.issue_cert(name).configure_cert(self.ctx)
        self.ctx.set_alpn_protocols(["http/1.1"])
        self.name, self.address, self.pause = name, address, pause
        self.routes: dict[str, TLSRoute] = {}
        self.hits: dict[str, int] = {}
        self.sock = socket.create_server((address, 0))
        self.sock.settimeout(0.2)
        self.port: int = self.sock.getsockname()[1]
        self.stopping = threading.Event()

    @property
    def resolve(self) -> str:
        return f"{self.name}:{self.port}:{self.address}"

    def url(self, path: str) -> str:
        return f"https://{self.name}:{self.port}{path}"

    def __enter__(self) -> EndingTLSServer:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.sock.close()

    def _accept(self) -> None:
        serve_each(self.sock, self.stopping, self._serve)

    def _serve(self, raw: socket.socket) -> None:
        raw.settimeout(30)
        try:
            tls = self.ctx.wrap_socket(raw, server_side=True)
            head = b""
            while b"\r\n\r\n" not in head:
                data = tls.recv(65536)
                if not data:
                    return
                head += data
            path = head.split(b" ")[1].decode()
            self.hits[path] = self.hits.get(path, 0) + 1
            if path == "/robots.txt" and path not in self.routes:
                chunks, end = [b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"], "notify"
            else:
                chunks, end = self.routes[path]()
            for i, chunk in enumerate(chunks):
                if i and self.pause and self.stopping.wait(self.pause):
                    return
                tls.sendall(chunk)
            if end == "hold":
                self.stopping.wait(60)
            elif end == "notify":
                tls.unwrap()  # close_notify sent (and the client's awaited)
            else:  # a TCP close under TLS: no close_notify
                socket.socket(fileno=tls.detach()).close()
        except (OSError, ssl.SSLError):
            pass
        finally:
            raw.close()


def unframed(body: bytes) -> list[bytes]:
    return [b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n\r\n" + body]


def fetch(root: Path, srv: EndingTLSServer, paths: list[str], *extra: str):
    urls = write_list(root / "urls.txt", [srv.url(p) for p in paths])
    return run_archiver("fetch", urls, "--warcs", root / "warcs", "--delay", "0", "--retries", "0",
                        "--progress", "never", "--resolve", srv.resolve, "--ca-bundle", srv.ca_file, *extra,
                        cwd=root, timeout=300)


def by_path(root: Path) -> dict[str, list[dict]]:
    rows = catalog_rows(root / "warcs" / "catalog.sqlite3", "SELECT * FROM captures ORDER BY id")
    out: dict[str, list[dict]] = {}
    for row in rows:
        out.setdefault(row["url"].rsplit("/", 1)[1], []).append(dict(row))
    return out


def test_a_body_without_length_ended_without_close_notify_is_not_taken_as_whole(tmp_path):
    """/ragged: no Content-Length, not chunked, the TCP connection closed under TLS without close_notify, a
    third of the page sent (before: captured as the whole page, no word). /clean: the whole page, no length,
    close_notify then the close; /framed: a Content-Length body, then a close without close_notify: both
    whole, captured. robots.txt, unframed and ended without close_notify too, is read (its Disallow kept), not
    taken as a cut robots.txt (that forbids the whole host). /empty (an empty 200) and /gone (a 404 page) so
    ended are not cut: no part to match next run, and a status that is the verdict. /lenient and /lenient-clean: the same over the tolerant reader (a status line in lower case,
    which h11 refuses). The second run asks the cut ones again, gets the same bytes and takes them as the page."""
    body = page("ragged")
    part = body[: len(body) // 3]
    framed = page("framed")
    with EndingTLSServer("tls.round23.test", "127.0.31.1", tmp_path) as srv:
        srv.routes["/ragged"] = lambda: (unframed(part), "ragged")
        srv.routes["/clean"] = lambda: (unframed(page("clean")), "notify")
        srv.routes["/framed"] = lambda: ([b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n"
                                          b"Connection: close\r\n\r\n" % len(framed) + framed], "ragged")
        lower = b"http/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n"
        srv.routes["/lenient"] = lambda: ([lower + part], "ragged")
        srv.routes["/lenient-clean"] = lambda: ([lower + page("lenient-clean")], "notify")
        # robots.txt too has no length and no close_notify: read as it came (a part is a verdict for no host)
        srv.routes["/robots.txt"] = lambda: ([b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n"
                                               b"User-agent: *\nDisallow: /private\n"], "ragged")
        # an empty 200 and an error page so ended: nothing to match next run, and the status is the verdict
        srv.routes["/empty"] = lambda: (unframed(b""), "ragged")
        srv.routes["/gone"] = lambda: ([b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nnot here"], "ragged")
        paths = ["/ragged", "/clean", "/framed", "/lenient", "/lenient-clean", "/private", "/empty", "/gone"]
        first = fetch(tmp_path, srv, paths)
        rows = by_path(tmp_path)
        got = responses(tmp_path)
        asked = dict(srv.hits)  # h11 refuses a lower-case status line: the tolerant reader asks again
        second = fetch(tmp_path, srv, paths)
    out = first.stdout + first.stderr
    assert first.returncode == 1 and "Traceback" not in out, out
    for key in ("ragged", "lenient"):
        cut = rows[key][0]
        assert cut["state"] == "failed" and cut["truncated"] == "disconnect", cut
        assert cut["reason"] == (
            "connection closed mid-body (the TLS connection ended without the server's close_notify, so a body "
            "that ends at the close cannot be told whole from cut short (RFC 9112 section 9.8)): the "
            f"{len(part)} bytes that came are archived with WARC-Truncated: disconnect; will retry next run"), cut
        rec = got[key][0]
        assert rec.raw_payload == part and rec.headers.get("WARC-Truncated") == "disconnect"
    assert rows["private"][0]["state"] == "failed" and "robots" in rows["private"][0]["reason"], rows["private"]
    assert rows["empty"][0]["state"] == "captured" and rows["empty"][0]["truncated"] is None, rows["empty"]
    assert rows["gone"][0]["reason"] == "HTTP 404 Not Found" and rows["gone"][0]["truncated"] is None, rows["gone"]
    assert "/private" not in srv.hits and "complete disallow" not in out, out
    for key in ("clean", "framed", "lenient-clean"):
        assert rows[key][0]["state"] == "captured" and rows[key][0]["truncated"] is None, rows[key]
        assert got[key][0].headers.get("WARC-Truncated") is None
        assert got[key][0].raw_payload == page(key)
    # the next run: the cut ones asked again (the others not), the same part taken as the server's page
    said = second.stdout + second.stderr
    assert second.returncode == 1 and said.count("failed http") == 2 and "/gone: HTTP 404 Not Found" in said \
        and "/private: robots.txt disallows this URL" in said, said
    again_asked = {path: srv.hits[path] - asked[path] for path in asked}
    assert again_asked == {"/robots.txt": 1, "/ragged": 1, "/lenient": asked["/lenient"], "/clean": 0, "/framed": 0,
                           "/lenient-clean": 0, "/empty": 0, "/gone": 1}, (asked, srv.hits)
    for key in ("ragged", "lenient"):
        again = by_path(tmp_path)[key][-1]
        assert again["state"] == "captured" and again["truncated"] == "disconnect", again
        assert f"the server sent the same {len(part)} bytes in two runs and closed mid-body" in again["reason"], again
    assert_archive_sound(tmp_path / "warcs")


# -- a full disk under the clean folder ----------------------------------------------------------------------------

def _mount_tmpfs(where: Path, size: str) -> None:
    import os
    import subprocess

    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")


def test_a_full_disk_under_the_clean_folder_stops_extraction_with_the_remedy(tmp_path):
    """The WARCs and catalog on a roomy disk, ``--clean`` on a 400 KiB tmpfs, 12 pages of ~40 KB of text (each
    page's text is written twice, its version and its newest copy). Before: every page after the disk filled
    was parsed, then failed "cannot write clean files: [Errno 28] No space left on device", one line each and
    no word of what to do. Now extraction stops at the first page that finds no room, saying where and what
    to do (as a fetch does on a full disk); the pages before it are whole; with room, the next extract does the
    rest, each page once."""
    import subprocess

    from rawkit import RawServer, http_reply

    keys = [f"p{i}" for i in range(12)]
    disk = tmp_path / "disk"
    _mount_tmpfs(disk, "400k")
    try:
        with RawServer("clean.round23.test", "127.0.31.20") as srv:
            srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
            for key in keys:
                srv.route(f"/{key}", lambda r, key=key: http_reply(page(key, 600)))
            urls = write_list(tmp_path / "urls.txt", [srv.url(f"/{k}") for k in keys])
            run = run_archiver("fetch", urls, "--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0",
                               "--progress", "never", "--resolve", srv.resolve, cwd=tmp_path, timeout=300)
        assert run.returncode == 0, run.stdout + run.stderr
        extract = ["extract", "--warcs", tmp_path / "warcs", "--clean", disk / "clean", "--jobs", "1",
                   "--progress", "never"]
        first = run_archiver(*extract, cwd=tmp_path, timeout=300)
        out = first.stdout + first.stderr
        assert first.returncode == 1 and "Traceback" not in out, out
        assert "cannot write clean files" not in out, out
        assert out.count(f"archiver: error: disk full: cannot write the clean text under {disk / 'clean'} (No space "
                         "left on device). Free space on that disk (or give --clean another one) and run 'archiver "
                         "extract' (or the same run) again: every page extracted so far is whole, and the rest are "
                         "extracted then") == 1, out
        db = tmp_path / "warcs" / "catalog.sqlite3"
        done = catalog_rows(db, "SELECT e.*, c.url FROM extractions e JOIN captures c ON c.id = e.capture_id")
        assert all(row["error"] is None for row in done), [dict(r) for r in done]
        assert 0 < len(done) < len(keys), len(done)
        for row in done:  # each page recorded reads whole
            key = row["url"].rsplit("/", 1)[1]
            assert (disk / "clean" / row["text_path"]).read_text().rstrip().endswith(f"The last words of {key}.")
        subprocess.run(["mount", "-o", "remount,size=16m", str(disk)], check=True)
        second = run_archiver(*extract, cwd=tmp_path, timeout=300)
        assert second.returncode == 0, second.stdout + second.stderr
        rows = catalog_rows(db, "SELECT capture_id, COUNT(*) AS n, MAX(error) AS error FROM extractions "
                                "GROUP BY capture_id")
        assert len(rows) == len(keys) and all(r["n"] == 1 and r["error"] is None for r in rows), [dict(r) for r in rows]
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


# -- slow servers over TLS: each bounded, each told --------------------------------------------------------------

def test_slow_tls_servers_are_bounded_and_each_failure_says_which_wait_ran_out(tmp_path):
    """One run, --timeout 1.5, --total-timeout 4: a server that takes the TCP connection and never answers the TLS
    handshake (before: "timeout (connect)", as if the host could not be reached); one that completes the
    handshake, then sends nothing; a head, then nothing; a body dripping a byte every 0.5 s for ever (under
    --timeout: --total-timeout ends it, the part archived); a head dripping a byte every 0.5 s for ever (before:
    "timeout (total)" alone). Already right but the two wordings; the run's own timeout bounds it (no hang)."""
    from test_fetch_hostile5 import SilentServer

    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"

    def drip():
        yield head
        while True:
            yield b"x"

    def head_drip():
        yield b"HTTP/1.1 200 OK\r\n"
        while True:
            yield b"X"

    silent = SilentServer("handshake.round23.test", "127.0.31.30")
    with silent, EndingTLSServer("slow.round23.test", "127.0.31.31", tmp_path, pause=0.5) as srv:
        srv.routes["/quiet"] = lambda: ([], "hold")
        srv.routes["/head-only"] = lambda: ([head], "hold")
        srv.routes["/drip"] = lambda: (drip(), "ragged")
        srv.routes["/head-drip"] = lambda: (head_drip(), "ragged")
        stalled = f"https://{silent.name}:{silent.port}/page"
        urls = write_list(tmp_path / "urls.txt", [stalled] + [srv.url(p) for p in ("/quiet", "/head-only", "/drip",
                                                                                   "/head-drip")])
        run = run_archiver("fetch", urls, "--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0",
                           "--timeout", "1.5", "--total-timeout", "4", "--per-host", "8", "--progress", "never",
                           "--resolve", srv.resolve, "--resolve", silent.resolve, "--ca-bundle", srv.ca_file,
                           cwd=tmp_path, timeout=120)
    out = run.stdout + run.stderr
    assert run.returncode == 1 and "Traceback" not in out, out
    rows = {k: v[-1] for k, v in by_path(tmp_path).items()}
    assert rows["page"]["reason"] == ("robots.txt unreachable (timeout (TLS handshake: connected, but the server "
                                      "never answered the handshake; --timeout)): complete disallow assumed, as "
                                      "RFC 9309 asks"), rows["page"]
    assert rows["quiet"]["reason"] == "timeout (read)", rows["quiet"]
    assert rows["head-only"]["reason"] == ("timeout mid-body (no data for 1.5 s, --timeout): the 0 bytes that came are "
                                           "archived with WARC-Truncated: time; will retry next run"), rows["head-only"]
    drip_row = rows["drip"]
    assert drip_row["truncated"] == "time" and drip_row["reason"].startswith("timeout mid-body (over 4 s, "
                                                                             "--total-timeout): the "), drip_row
    assert rows["head-drip"]["reason"] == "timeout (total): no whole response head in 4 s (--total-timeout)"
    got = responses(tmp_path)
    assert 0 < len(got["drip"][0].raw_payload) < 100000 and got["drip"][0].headers.get("WARC-Truncated") == "time"
    assert got["head-only"][0].raw_payload == b"" and "head-drip" not in got
    assert_archive_sound(tmp_path / "warcs")


# -- HTTP/2 misbehaviour, and HTTP/2 framing after ALPN chose http/1.1 ---------------------------------------------

def test_http2_settings_abuse_goaway_and_an_hpack_bomb_each_end_one_url(tmp_path):
    """An HTTP/2 server (h2kit) that, for one request each: sends a GOAWAY (last stream 0, INTERNAL_ERROR) the
    first time, then answers (sent again at once on a new connection, captured); a SETTINGS of an initial window
    over 2^31-1, or of ENABLE_PUSH 1 (connection errors, RFC 9113 sections 6.5.2 and 6.9.2: failed; before, named
    as h2 says it, "InvalidSettingsValueError: Setting 4 has invalid value 2147483648", now by the setting's name); a
    setting of an unknown id (ignored, captured); a head whose HPACK block decodes to 80 MB (a 4,000-byte field
    then 20,000 one-byte references to it: failed at the 256 KiB header limit, not held in memory). And a TLS
    server whose ALPN chose http/1.1 answering with an HTTP/2 SETTINGS frame (failed, named). All but the
    settings' wording already right: guarded here."""
    import hpack
    import hyperframe.frame as hf

    body = page("h2")

    def raw(conn, frame) -> None:
        conn._data_to_send += frame.serialize()  # what h2 itself refuses to send

    def settings(setting: int, value: int):
        def send(conn, sid) -> bool:
            frame = hf.SettingsFrame(0)
            frame.settings[setting] = value
            raw(conn, frame)
            conn.send_headers(sid, [(":status", "200"), ("content-type", "text/html"),
                                    ("content-length", str(len(body)))])
            conn.send_data(sid, body, end_stream=True)
            return True
        return send

    def goaway_once(conn, sid) -> bool:
        if srv.hits["/goaway-once"] > 1:
            return settings(0x77, 1)(conn, sid)
        frame = hf.GoAwayFrame(0)
        frame.last_stream_id, frame.error_code = 0, 2
        raw(conn, frame)
        return False

    def bomb(conn, sid) -> bool:
        block = hpack.Encoder().encode([(":status", "200"), ("x-bomb", "b" * 4000)]) + bytes([0x80 | 62]) * 20000
        frame = hf.HeadersFrame(sid)
        frame.data, block = block[:16000], block[16000:]
        raw(conn, frame)
        while block:
            more = hf.ContinuationFrame(sid)
            more.data, block = block[:16000], block[16000:]
            if not block:
                more.flags.add("END_HEADERS")
            raw(conn, more)
        return True

    frames = hf.SettingsFrame(0).serialize()
    with H2Server("h2.round23.test", "127.0.32.1", page("good"), tmp_path) as srv, \
            EndingTLSServer("alpn.round23.test", "127.0.32.2", tmp_path) as alpn:
        srv.route("/goaway-once", goaway_once).route("/huge-window", settings(4, 2**31))
        srv.route("/push-on", settings(2, 1)).route("/unknown-setting", settings(0x77, 1)).route("/bomb", bomb)
        alpn.routes["/h2-frames"] = lambda: ([frames], "ragged")
        paths = ["/goaway-once", "/huge-window", "/push-on", "/unknown-setting", "/bomb"]
        urls = write_list(tmp_path / "urls.txt", [srv.url(p) for p in paths] + [alpn.url("/h2-frames")])
        bundle = tmp_path / "both-ca.pem"  # --ca-bundle is one file: both servers' CAs in it
        bundle.write_text(Path(srv.ca_file).read_text() + Path(alpn.ca_file).read_text())
        run = run_archiver("fetch", urls, "--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0",
                           "--timeout", "5", "--per-host", "1", "--progress", "never", "--resolve", srv.resolve,
                           "--ca-bundle", bundle, "--resolve", alpn.resolve,
                           cwd=tmp_path, timeout=120)
        asked = list(srv.asked)
    out = run.stdout + run.stderr
    assert run.returncode == 1 and "Traceback" not in out, out
    rows = {k: v[-1] for k, v in by_path(tmp_path).items()}
    got = responses(tmp_path)
    for key in ("goaway-once", "unknown-setting"):
        assert rows[key]["state"] == "captured" and rows[key]["reason"] is None, (rows[key]["reason"], asked)
        assert got[key][0].raw_payload == body
    assert asked.count(("/goaway-once", "h2")) == 2, asked
    for key, setting in (("huge-window", "SETTINGS_INITIAL_WINDOW_SIZE = 2147483648"),
                         ("push-on", "SETTINGS_ENABLE_PUSH = 1")):
        assert rows[key]["reason"] == (f"protocol error: HTTP/2: the server sent an invalid HTTP/2 setting, {setting} "
                                       "(a connection error, RFC 9113 section 6.5.2; h2: InvalidSettingsValueError)"), \
            rows[key]
    assert rows["bomb"]["reason"].startswith("protocol error: HTTP/2: DenialOfServiceError: Oversized header "
                                             "block: A header list larger than 262144"), rows["bomb"]
    assert rows["h2-frames"]["reason"] == "protocol error: the server answered in HTTP/2 framing to an HTTP/1.1 " \
                                          "request", rows["h2-frames"]
    assert_archive_sound(tmp_path / "warcs")


def test_a_fetch_stopped_by_a_full_disk_says_so_once_and_the_next_run_indexes_its_files(tmp_path):
    """25 pages into a 300 KiB tmpfs (WARCs and catalog): the run stops on the full disk (round 5's message).
    Before: the index step after it met the full disk too and said a second error naming another path,
    ``archiver: error: disk full: cannot write .../warcs (No space left on device) ...``. Now one line says the
    index waits; with room, the next run fetches the rest (each page once) and index.cdxj is whole."""
    import os
    import subprocess

    from rawkit import RawServer, http_reply
    from warckit import cdxj_reference, open_files, warc_files

    disk = tmp_path / "disk"
    _mount_tmpfs(disk, "300k")
    try:
        bodies = {i: page(f"p{i}-" + os.urandom(200).hex(), 300) for i in range(25)}
        with RawServer("full.round23.test", "127.0.31.21") as srv:
            srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
            for i, body in bodies.items():
                srv.route(f"/p{i}", lambda r, body=body: http_reply(body))
            urls = write_list(tmp_path / "urls.txt", [srv.url(f"/p{i}") for i in bodies])
            args = ["fetch", urls, "--warcs", disk / "warcs", "--delay", "0", "--retries", "0", "--progress", "never",
                    "--resolve", srv.resolve]
            first = run_archiver(*args, cwd=tmp_path, timeout=300)
            out = first.stdout + first.stderr
            assert first.returncode == 1 and "Traceback" not in out, out
            assert "stopped: disk full" in out and "archiver: error" not in out, out
            assert "index.cdxj: not updated, no room for it either: the next run indexes the files this one " \
                   "closed" in out, out
            assert not open_files(disk / "warcs")
            subprocess.run(["mount", "-o", "remount,size=16m", str(disk)], check=True)
            second = run_archiver(*args, cwd=tmp_path, timeout=300)
        assert second.returncode == 0, second.stdout + second.stderr
        rows = catalog_rows(disk / "warcs" / "catalog.sqlite3", "SELECT url, COUNT(*) AS n FROM captures WHERE "
                            "state = 'captured' AND url LIKE '%/p%' GROUP BY url")
        assert len(rows) == 25 and all(r["n"] == 1 for r in rows), [dict(r) for r in rows]
        index = (disk / "warcs" / "index.cdxj").read_text().splitlines()
        assert index == cdxj_reference(warc_files(disk / "warcs"))
        assert_archive_sound(disk / "warcs")
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def test_an_http2_goaway_with_two_streams_open_cuts_the_one_under_way_and_sends_the_other_again(tmp_path):
    """Two requests on one HTTP/2 connection (--per-host 2): /a's head and 1,000 bytes of its body sent, then, as
    /b's request comes, a GOAWAY (INTERNAL_ERROR) naming /a's stream as the last it processed, and the close.
    /a is archived as far as it came (``WARC-Truncated: disconnect``, asked again next run); /b, past the
    GOAWAY's last stream (RFC 9113 section 6.8: not processed), is sent again at once on a new connection and
    captured. Already right: guarded here."""
    import hyperframe.frame as hf

    body = page("a", 300)
    first = threading.Event()

    def a(conn, sid) -> bool:
        conn.send_headers(sid, [(":status", "200"), ("content-type", "text/html"), ("content-length", str(len(body)))])
        if first.is_set():
            for i in range(0, len(body), 16000):
                conn.send_data(sid, body[i:i + 16000], end_stream=i + 16000 >= len(body))
        else:
            conn.send_data(sid, body[:1000])
        return True

    def b(conn, sid) -> bool:
        if first.is_set():
            return whole(page("b"))(conn, sid)
        first.set()
        frame = hf.GoAwayFrame(0)
        frame.last_stream_id, frame.error_code = sid - 2, 2  # /a's stream; INTERNAL_ERROR
        conn._data_to_send += frame.serialize()
        return False

    with H2Server("goaway.round23.test", "127.0.32.3", page("good"), tmp_path) as srv:
        srv.route("/a", a).route("/b", b)
        urls = write_list(tmp_path / "urls.txt", [srv.url("/a"), srv.url("/b")])
        # --delay 0.3: /b's request goes after /a's (its stream id the greater), on the same connection
        run = run_archiver("fetch", urls, "--warcs", tmp_path / "warcs", "--delay", "0.3", "--retries", "0",
                           "--timeout", "5", "--per-host", "2", "--progress", "never", "--resolve", srv.resolve,
                           "--ca-bundle", srv.ca_file, cwd=tmp_path, timeout=120)
        asked = list(srv.asked)
    out = run.stdout + run.stderr
    assert run.returncode == 1 and "Traceback" not in out, out
    rows = {k: v[-1] for k, v in by_path(tmp_path).items()}
    assert rows["a"]["state"] == "failed" and rows["a"]["truncated"] == "disconnect", rows["a"]
    assert rows["a"]["reason"] == ("connection closed mid-body (the server closed the HTTP/2 connection (GOAWAY "
                                   "INTERNAL_ERROR)): the 1000 bytes that came are archived with WARC-Truncated: "
                                   "disconnect; will retry next run"), rows["a"]
    assert rows["b"]["state"] == "captured" and rows["b"]["reason"] is None, rows["b"]
    assert asked.count(("/b", "h2")) == 2 and asked.count(("/a", "h2")) == 1, asked
    got = responses(tmp_path)
    assert got["a"][0].raw_payload == body[:1000] and got["b"][0].raw_payload == page("b")
    assert_archive_sound(tmp_path / "warcs")
