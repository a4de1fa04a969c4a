"""Hostile servers and lists, round 30 (session 36, host38): TLS alerts, and list files other tools write.

Each probe is a real server on loopback (TLS servers written here on 127.0.60.1-4, each with a leaf from a trustme
CA the run trusts with ``--ca-bundle``; rawkit on 127.0.60.10) and a real ``archiver fetch`` (``--retries 0``); each
test reads the catalog, the WARC files with warcio (``warcio check`` too), the run's output and the server's log.
Both tests fail on the code before this round:

- a TLS 1.3 server that wants a client certificate (its ``certificate_required`` alert comes at the first read,
  after the handshake), one that turns away the host name sent as SNI (``unrecognized_name``, as nginx's
  ``ssl_reject_handshake`` does), one that closes the connection during the handshake without an alert: the
  reasons were OpenSSL's bare words (``TLS: TLSV13_ALERT_CERTIFICATE_REQUIRED``, ``TLS: TLSV1_UNRECOGNIZED_NAME``,
  ``TLS: UNEXPECTED_EOF_WHILE_READING``), which say nothing a user can act on;
- a gzipped sitemap (``sitemap.xml.gz``, the sitemap protocol's own form) or list: refused as binary data, exit 2,
  nothing fetched; a sitemap ``<loc>`` written as a CDATA section: a bad line, "no scheme"; an RSS or Atom feed
  given as the list: each link line "markup with a URL outside <loc>", nothing fetched.
"""
from __future__ import annotations

import gzip
import socket
import ssl
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import trustme
from rawkit import RawServer, Reply, http_reply
from sitekit import run_archiver, write_list
from warckit import all_records, assert_archive_sound, catalog_rows, warc_files, warcio_check

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def page(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Round30 " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * 12
            + f"</p><p>The last words of {key}.</p></article></body></html>").encode()


def rows(root: Path) -> list[dict]:
    return [dict(r) for r in catalog_rows(root / "warcs" / "catalog.sqlite3", "SELECT * FROM captures ORDER BY id")]


# -- fixed: TLS alerts and a handshake closed without one ------------------------------------------------------------

class TLSServer:
    """A listening socket on ``address`` whose connections ``handler(conn)`` serves, each in a thread of its own.
    ``handshakes`` counts the connections taken."""

    def __init__(self, name: str, address: str, handler: Callable[[socket.socket], None]):
        self.name, self.address, self.handler = name, address, handler
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((address, 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def resolve(self) -> str:
        return f"{self.name}:{self.port}:{self.address}"

    def url(self, path: str) -> str:
        return f"https://{self.name}:{self.port}{path}"

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(20)
        try:
            self.handler(conn)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.sock.close()


def linger(raw: socket.socket) -> None:
    """Read what the client still sends until it closes (as Apache's lingering close does): the alert already
    written reaches the client, where closing on unread bytes would send a TCP reset that discards it."""
    raw.settimeout(5)
    try:
        while raw.recv(65536):
            pass
    except OSError:
        pass


def test_tls_alerts_and_a_handshake_closed_without_one_are_named_with_what_they_mean(tmp_path):
    """Three TLS servers that refuse archiver, and a good one. A TLS 1.3 server that wants a client certificate
    (``certificate_required``, read at the first read after the handshake), one that turns away the SNI name
    (``unrecognized_name``), one that reads the ClientHello and closes. Before: ``robots.txt unreachable (TLS:
    TLSV13_ALERT_CERTIFICATE_REQUIRED)``, ``(TLS: TLSV1_UNRECOGNIZED_NAME)``, ``(TLS: UNEXPECTED_EOF_WHILE_READING)``
    (the first lost to a reset when the server closed on unread bytes). Now each names what it means; nothing is
    archived for them; the good host's page is captured; the next run asks them again (failed, not settled)."""
    ca = trustme.CA()
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))

    want_cert = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("cert.round30.test").configure_cert(want_cert)
    want_cert.verify_mode = ssl.CERT_REQUIRED
    want_cert.load_verify_locations(str(bundle))
    want_cert.minimum_version = ssl.TLSVersion.TLSv1_3

    def client_certificate(conn: socket.socket) -> None:
        raw = conn.dup()
        try:
            want_cert.wrap_socket(conn, server_side=True)
        except ssl.SSLError:
            linger(raw)
        raw.close()

    other = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("elsewhere.round30.test").configure_cert(other)
    other.sni_callback = lambda sock, name, ctx: ssl.ALERT_DESCRIPTION_UNRECOGNIZED_NAME

    def reject_name(conn: socket.socket) -> None:
        raw = conn.dup()
        try:
            other.wrap_socket(conn, server_side=True)
        except ssl.SSLError:
            linger(raw)
        raw.close()

    def hang_up(conn: socket.socket) -> None:
        conn.recv(65536)  # the ClientHello, then an orderly close and no alert

    good = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("good.round30.test").configure_cert(good)
    servers = [TLSServer("cert.round30.test", "127.0.60.1", client_certificate),
               TLSServer("sni.round30.test", "127.0.60.2", reject_name),
               TLSServer("eof.round30.test", "127.0.60.3", hang_up)]
    ok = RawServer("good.round30.test", "127.0.60.4", tls=good)
    ok.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    ok.route("/story", lambda r: http_reply(page("good")))
    listed = write_list(tmp_path / "urls.txt", [s.url("/story") for s in servers] + [ok.url("/story")])
    flags = [f for s in [*servers, ok] for f in ("--resolve", s.resolve)]
    with ok:
        try:
            outs = [run_archiver("fetch", listed, "--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0",
                                 "--timeout", "10", "--progress", "never", "--ca-bundle", bundle, *flags,
                                 cwd=tmp_path, timeout=300) for _ in range(2)]
        finally:
            for s in servers:
                s.close()
    text = outs[0].stdout + outs[0].stderr
    assert outs[0].returncode == 1 and "Traceback" not in text + outs[1].stderr, text[-3000:]
    got = {r["url"]: r for r in rows(tmp_path)}
    assert got[ok.url("/story")]["state"] == "captured", got
    reasons = {s.name.split(".")[0]: got[s.url("/story")]["reason"] for s in servers}
    assert all(got[s.url("/story")]["state"] == "failed" for s in servers), got
    assert "TLSV13_ALERT_CERTIFICATE_REQUIRED (the server wants a client certificate, which archiver does not " \
        "send" in reasons["cert"], reasons
    assert "TLSV1_UNRECOGNIZED_NAME (the server does not serve this host name: it turned away the name archiver " \
        "sent (SNI)" in reasons["sni"], reasons
    assert "UNEXPECTED_EOF_WHILE_READING (the server closed the connection during the TLS handshake, without an " \
        "alert" in reasons["eof"], reasons
    for reason in reasons.values():
        assert reason in text, text[-3000:]
    # nothing archived for them; the second run asked each again (robots.txt's connection at each run)
    uris = {r.uri for r in all_records(tmp_path / "warcs") if r.type == "response"}
    assert uris == {ok.url("/robots.txt"), ok.url("/story")}, uris
    assert all(s.connections >= 2 for s in servers), [s.connections for s in servers]
    assert "TLSV13_ALERT_CERTIFICATE_REQUIRED (the server wants" in outs[1].stdout + outs[1].stderr
    assert_archive_sound(tmp_path / "warcs")


# -- fixed: lists that are gzipped sitemaps, CDATA locs, feeds ------------------------------------------------------

def test_gzipped_sitemaps_cdata_locs_and_feeds_are_read_as_lists_of_their_articles(tmp_path):
    """Five list files of the kinds other tools write. ``sitemap.xml.gz`` (a ``<loc>`` in a CDATA section, one with
    ``&amp;``) and a list gzipped in two members: before, refused as binary data (exit 2, nothing fetched); now
    inflated and read. An RSS 2.0 feed (the channel's own ``<link>`` to the front page, an item with a ``<link>``,
    one with only a permalink ``<guid>``, one whose guid says ``isPermaLink="false"`` and has no link) and an Atom
    feed (a ``rel="self"`` link, an entry's ``rel="alternate"`` link, one without ``rel``): before, each link line
    was "markup with a URL outside <loc>", nothing fetched; now the items' links are the list, each numbered by the
    line it is written on, the front page never asked. The same lists fetched again ask nothing; a gzipped list cut
    short is refused naming that (exit 2, no traceback)."""
    srv = RawServer("www.round30.test", "127.0.60.10")
    srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    for key in ("s1", "s2", "s3", "s4", "r1", "r2", "a1", "a2", "home"):
        srv.route(f"/{key}", lambda r, key=key: http_reply(page(key)))
    u = srv.url
    sitemap = "\n".join(['<?xml version="1.0" encoding="UTF-8"?>',
                         '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
                         f"<url><loc><![CDATA[{u('/s1')}]]></loc><lastmod>2026-12-01</lastmod></url>",
                         f"<url><loc>{u('/s2')}?a=1&amp;b=2</loc></url>", "</urlset>", ""]).encode()
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap))
    (tmp_path / "urls.txt.gz").write_bytes(gzip.compress(f"{u('/s3')}\n".encode())
                                           + gzip.compress(f"# more\n{u('/s4')}\n".encode()))
    rss = write_list(tmp_path / "feed.rss", [
        '<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0"><channel>', "<title>Round30 news</title>",
        f"<link>{u('/home')}</link>", "<item>", "<title>One</title>", f"<link>{u('/r1')}</link>", "</item>",
        f'<item><title>Two</title><guid isPermaLink="true">{u("/r2")}</guid></item>',
        '<item><title>Three</title><guid isPermaLink="false">urn:round30:3</guid></item>', "</channel></rss>"])
    atom = write_list(tmp_path / "feed.atom", [
        '<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
        f'<title>Round30</title><link rel="self" href="{u("/home")}"/>',
        f'<entry><title>A</title><link rel="alternate" type="text/html" href="{u("/a1")}"/></entry>',
        f"<entry><title>B</title><link href='{u('/a2')}'/><link rel=\"enclosure\" href=\"{u('/home')}\"/></entry>",
        "</feed>"])
    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(gzip.compress(f"{u('/s1')}\n".encode() * 200)[:40])
    lists = [tmp_path / "sitemap.xml.gz", tmp_path / "urls.txt.gz", rss, atom]

    def fetch(listed: Path):
        return run_archiver("fetch", listed, "--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0",
                            "--timeout", "10", "--progress", "never", "--resolve", srv.resolve, cwd=tmp_path,
                            timeout=300)

    with srv:
        first = [fetch(listed) for listed in lists]
        again = [fetch(listed) for listed in lists]
        broken = fetch(cut)
    for out in first + again:
        assert out.returncode == 0 and "Traceback" not in out.stderr and "bad line" not in out.stdout.replace(
            "0 bad lines", ""), out.stdout + out.stderr
    assert f"{lists[0]}: 2 to fetch" in first[0].stdout and f"{rss}: 2 to fetch" in first[2].stdout, first[0].stdout
    got = {(Path(r["list_file"]).name, r["url"], r["list_line"], r["state"]) for r in rows(tmp_path)}
    assert got == {("sitemap.xml.gz", u("/s1"), 3, "captured"), ("sitemap.xml.gz", u("/s2?a=1&b=2"), 4, "captured"),
                   ("urls.txt.gz", u("/s3"), 1, "captured"), ("urls.txt.gz", u("/s4"), 3, "captured"),
                   ("feed.rss", u("/r1"), 7, "captured"), ("feed.rss", u("/r2"), 9, "captured"),
                   ("feed.atom", u("/a1"), 4, "captured"), ("feed.atom", u("/a2"), 5, "captured")}, got
    asked = [r.path for r in srv.requests if r.path != "/robots.txt"]
    assert sorted(asked) == sorted(["/s1", "/s2?a=1&b=2", "/s3", "/s4", "/r1", "/r2", "/a1", "/a2"]), asked
    text = broken.stdout + broken.stderr
    assert broken.returncode == 2 and "Traceback" not in text, text
    assert "a gzip file cut short (it ends before its gzip stream does)" in text, text
    assert warcio_check(warc_files(tmp_path / "warcs")).returncode == 0
    assert_archive_sound(tmp_path / "warcs")


# -- fixed: an informational response, then a close ------------------------------------------------------------------

def test_a_close_after_an_informational_response_names_it(tmp_path):
    """``100 Continue``, ``103 Early Hints`` (with a ``Link``) or an unregistered ``199``, then the server closes
    (a crashed backend behind a proxy that sent the 1xx). Before: ``protocol error: server closed the connection
    without sending a response`` (a response had come). Now ``... after an informational response (103), without
    the final one``; nothing archived; the page on the same server captured; the next run asks them again."""
    srv = RawServer("www.round30.test", "127.0.60.11")
    srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    srv.route("/ok", lambda r: http_reply(page("ok")))
    heads = {"/continue": b"HTTP/1.1 100 Continue\r\n\r\n",
             "/hints": b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload; as=style\r\n\r\n",
             "/odd": b"HTTP/1.1 199 Odd\r\n\r\n"}
    for path, head in heads.items():
        srv.route(path, lambda r, head=head: Reply([head], close=True))
    listed = write_list(tmp_path / "urls.txt", [srv.url(p) for p in [*heads, "/ok"]])
    asked: list[int] = []
    outs = []
    with srv:
        for _ in range(2):
            outs.append(run_archiver("fetch", listed, "--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0",
                                     "--timeout", "10", "--progress", "never", "--resolve", srv.resolve, cwd=tmp_path,
                                     timeout=300))
            asked.append(sum(1 for r in srv.requests if r.path == "/hints"))
    assert 0 < asked[0] < asked[1], asked  # asked again by the second run
    text = outs[0].stdout + outs[0].stderr
    assert outs[0].returncode == 1 and "Traceback" not in text + outs[1].stderr, text[-3000:]
    got = {r["url"]: r for r in rows(tmp_path)}
    assert got[srv.url("/ok")]["state"] == "captured", got
    for path, code in (("/continue", 100), ("/hints", 103), ("/odd", 199)):
        assert got[srv.url(path)]["state"] == "failed", got
        assert got[srv.url(path)]["reason"] == ("protocol error: server closed the connection after an "
                                                f"informational response ({code}), without the final one"), got
    uris = {r.uri for r in all_records(tmp_path / "warcs") if r.type == "response"}
    assert uris == {srv.url("/robots.txt"), srv.url("/ok")}, uris
    assert warcio_check(warc_files(tmp_path / "warcs")).returncode == 0


# -- fixed: a TLS handshake dripped slower than --timeout --------------------------------------------------------------

def test_a_tls_handshake_dripped_past_the_timeout_is_told_slow_not_unanswered(tmp_path):
    """A relay on 127.0.60.13 passes the client's bytes to a TLS server at once and the server's back one byte every
    0.3 s (a tarpit, or a link that slow): the handshake is not done within ``--timeout 4``. Before: ``timeout (TLS
    handshake: connected, but the server never answered the handshake; --timeout)``, where bytes of its answer had
    come. Now ``the server's answer came too slowly, N bytes of it, ...``; the run ends within its timeouts, nothing
    archived; a server that never answers is still told so (round 23)."""
    ca = trustme.CA()
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("drip.round30.test").configure_cert(ctx)
    srv = RawServer("drip.round30.test", "127.0.60.12", tls=ctx)
    srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    srv.route("/story", lambda r: http_reply(page("drip")))
    stop = threading.Event()

    def pump(src: socket.socket, dst: socket.socket, drip: bool) -> None:
        try:
            while not stop.is_set() and (data := src.recv(65536)):
                if not drip:
                    dst.sendall(data)
                    continue
                for i in range(len(data)):
                    if stop.wait(0.3):
                        return
                    dst.sendall(data[i:i + 1])
        except OSError:
            pass
        finally:
            src.close()
            dst.close()

    def relay(conn: socket.socket) -> None:
        upstream = socket.create_connection(("127.0.60.12", srv.port))
        threading.Thread(target=pump, args=(upstream, conn.dup(), True), daemon=True).start()
        pump(conn.dup(), upstream, False)

    slow = TLSServer("drip.round30.test", "127.0.60.13", relay)
    silent = TLSServer("silent.round30.test", "127.0.60.14", lambda conn: stop.wait(30))
    listed = write_list(tmp_path / "urls.txt", [slow.url("/story"), silent.url("/story")])
    with srv:
        try:
            out = run_archiver("fetch", listed, "--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0",
                               "--timeout", "4", "--progress", "never", "--ca-bundle", bundle, "--resolve",
                               slow.resolve, "--resolve", silent.resolve, cwd=tmp_path, timeout=300)
        finally:
            stop.set()
            slow.close()
            silent.close()
    text = out.stdout + out.stderr
    assert out.returncode == 1 and "Traceback" not in text, text[-3000:]
    got = {r["url"]: r for r in rows(tmp_path)}
    dripped, unanswered = got[slow.url("/story")], got[silent.url("/story")]
    assert dripped["state"] == unanswered["state"] == "failed", got
    assert "timeout (TLS handshake: the server's answer came too slowly, " in dripped["reason"], dripped
    assert "bytes of it, and the handshake was not done within --timeout)" in dripped["reason"], dripped
    assert "the server never answered the handshake" in unanswered["reason"], unanswered
    assert not [r for r in all_records(tmp_path / "warcs") if r.type == "response"]
