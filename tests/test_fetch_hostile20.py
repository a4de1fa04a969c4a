"""Hostile servers, round 20 (session 27, host20): HTTP/2 servers that want HTTP/1.1.

Each probe is a real server on loopback (h2kit: TLS with a trustme certificate, ALPN ``h2``, or rawkit) on
127.0.21.1-127.0.21.60 and real ``archiver fetch`` runs; each test reads the catalog, the WARC files (warcio
record by record and ``warcio check``) and the servers' logs. Earlier rounds' HTTP/2 items are not repeated
(REFUSED_STREAM, GOAWAY with last stream id 0, a head without ``:status``, one answer's protocol error on a
shared connection: round 19).

Fixed here:

- a ``RST_STREAM`` or ``GOAWAY`` of ``HTTP_1_1_REQUIRED`` (RFC 9113 section 7: the server wants the request
  over HTTP/1.1; IIS for a path asking a client certificate, CDNs) failed the capture, "protocol error: the
  server reset the HTTP/2 stream (RST_STREAM HTTP_1_1_REQUIRED)", at every run. Chromium and curl send it again
  over HTTP/1.1 and keep the server on HTTP/1.1; so does archiver now (``archiver.fetch.h2fallback``);
- a server that chose ``h2`` in the TLS handshake and then reset the connection at the client's HTTP/2
  preface (a TLS front end offering h2 for a back end without it) failed every URL of the host, "robots.txt
  unreachable (connection reset by peer)"; one that answered the preface in HTTP/1.1 was captured through the
  tolerant reader under "malformed response headers: read leniently", blaming headers that were fine. Both
  now go over HTTP/1.1, with a line saying why.
"""
from __future__ import annotations

import h2.errors
import pytest
from h2kit import H2Server
from rawkit import http_reply
from sitekit import run_archiver, write_list
from warckit import all_records, assert_archive_sound, catalog_rows, responses, rows_by_key

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def page(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Twenty " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * 12
            + f"</p><p>The last words of {key}.</p></article></body></html>").encode()


def fetch(root, srv: H2Server, keys: list[str], *extra: str):
    urls = write_list(root / "urls.txt", [srv.url(f"/{k}") for k in keys])
    return run_archiver("fetch", urls, "--warcs", root / "warcs", "--delay", "0", "--timeout", "10",
                        "--progress", "never", "--resolve", srv.resolve, "--ca-bundle", srv.ca_file, *extra,
                        cwd=root, timeout=300)


@pytest.mark.parametrize("frame", ["RST_STREAM", "GOAWAY"])
def test_http_1_1_required_sends_the_request_again_over_http11_and_keeps_the_origin_there(tmp_path, frame):
    """/first is answered ``HTTP_1_1_REQUIRED`` over HTTP/2 (a RST_STREAM of its stream, or a GOAWAY naming no
    stream); /second comes after it. Before: /first failed, "protocol error: the server reset the HTTP/2
    stream (RST_STREAM HTTP_1_1_REQUIRED)", with --retries 0 or 3 alike (each retry went over HTTP/2 again)."""

    def wants_http11(conn, sid) -> bool:
        if frame == "RST_STREAM":
            conn.reset_stream(sid, h2.errors.ErrorCodes.HTTP_1_1_REQUIRED)
            return True
        conn.close_connection(error_code=h2.errors.ErrorCodes.HTTP_1_1_REQUIRED, last_stream_id=0)
        return False

    with H2Server("h2.twenty.test", "127.0.21.1" if frame == "RST_STREAM" else "127.0.21.2", page("http1"),
                  tmp_path) as srv:
        srv.route("/first", wants_http11)
        run = fetch(tmp_path, srv, ["first", "second"], "--retries", "0", "--per-host", "1")
        asked = list(srv.asked)
    out = run.stdout + run.stderr
    assert run.returncode == 0 and "Traceback" not in out, out
    rows = rows_by_key(tmp_path)
    said = ("the server reset the HTTP/2 stream with HTTP_1_1_REQUIRED (RST_STREAM)" if frame == "RST_STREAM"
            else "the server closed the HTTP/2 connection with HTTP_1_1_REQUIRED (GOAWAY)")
    assert rows["first"]["state"] == "captured", rows["first"]
    assert rows["first"]["reason"] == f"sent again over HTTP/1.1: {said}", rows["first"]
    assert rows["second"]["state"] == "captured" and rows["second"]["reason"] is None, rows["second"]
    assert f"https://h2.twenty.test:{srv.port}: {said}: its requests go over HTTP/1.1 for the rest of the run" in out
    # once over HTTP/2, then over HTTP/1.1; the next URL of the origin straight over HTTP/1.1
    assert [p for p in asked if p[0] != "/robots.txt"] == [("/first", "h2"), ("/first", "http/1.1"),
                                                           ("/second", "http/1.1")], asked
    got = responses(tmp_path)
    for key in ("first", "second"):
        assert len(got[key]) == 1 and got[key][0].raw_payload == page("http1"), key
        assert got[key][0].headers["WARC-Protocol"] == "http/1.1", got[key][0].headers
    assert_archive_sound(tmp_path / "warcs")


@pytest.mark.parametrize("after_alpn", ["reset", "http1"])
def test_a_server_choosing_h2_without_speaking_it_is_read_over_http11(tmp_path, after_alpn):
    """The server picks ``h2`` in ALPN, reads the client's HTTP/2 preface as an HTTP/1.1 request and resets the
    connection (before: robots.txt unreachable, so every URL of the host failed, at every retry) or answers it
    ``HTTP/1.1 400`` (before: captured through the tolerant reader as "malformed response headers: read
    leniently")."""
    with H2Server("h2c.twenty.test", "127.0.21.3" if after_alpn == "reset" else "127.0.21.4", page("fallback"),
                  tmp_path) as srv:
        srv.after_alpn = after_alpn
        run = fetch(tmp_path, srv, ["one", "two"], "--retries", "1")
        asked = list(srv.asked)
    out = run.stdout + run.stderr
    assert run.returncode == 0 and "Traceback" not in out, out
    rows = rows_by_key(tmp_path)
    for key in ("one", "two"):
        assert rows[key]["state"] == "captured" and rows[key]["reason"] is None, rows[key]
    # the client's next frames may meet the closed socket: a close, or the reset the server's kernel sends then
    whats = (["ended the connection at the HTTP/2 preface (connection reset by peer)"] if after_alpn == "reset"
             else [f"answered the HTTP/2 preface in HTTP/1.x ({how})" for how in ("closed", "connection reset by peer")])
    assert any(f"https://h2c.twenty.test:{srv.port}: the server chose HTTP/2 in the TLS handshake (ALPN h2) but "
               f"{what}: its requests go over HTTP/1.1 for the rest of the run" in out for what in whats), out
    # one connection tried HTTP/2 (robots.txt's); everything went over HTTP/1.1 after it
    assert asked[0] == ("", "preface") and sorted(asked[1:]) == [("/one", "http/1.1"), ("/robots.txt", "http/1.1"),
                                                                 ("/two", "http/1.1")], asked
    got = responses(tmp_path)
    for key in ("one", "two"):
        assert len(got[key]) == 1 and got[key][0].raw_payload == page("fallback"), key
    assert_archive_sound(tmp_path / "warcs")



def test_an_http2_response_head_of_130_kb_is_read_as_over_http11(tmp_path):
    """A response head of 1,000 fields of 100 bytes (about 130 KB as HPACK counts it: a long CSP, Link or
    Set-Cookie list), under the 256 KiB archiver (and Chromium) take over HTTP/1.x. Before: failed over HTTP/2,
    "DenialOfServiceError: Oversized header block: A header list larger than 65536 has been received"."""
    fields = [(f"x-field-{i}", "v" * 100) for i in range(1000)]

    def long_head(conn, sid) -> bool:
        body = page("long head")
        conn.send_headers(sid, [(":status", "200"), ("content-type", "text/html"),
                                ("content-length", str(len(body))), *fields])
        conn.send_data(sid, body, end_stream=True)
        return True

    with H2Server("h2e.twenty.test", "127.0.21.6", page("other"), tmp_path) as srv:
        srv.route("/long", long_head)
        run = fetch(tmp_path, srv, ["long"], "--retries", "0")
        asked = list(srv.asked)
    out = run.stdout + run.stderr
    assert run.returncode == 0 and "Traceback" not in out, out
    assert rows_by_key(tmp_path)["long"]["state"] == "captured"
    assert ("/long", "h2") in asked and ("/long", "http/1.1") not in asked, asked
    (record,) = responses(tmp_path)["long"]
    assert record.raw_payload == page("long head") and record.headers["WARC-Protocol"] == "h2", record.headers
    assert [(k, v) for k, v in record.http_headers if k.startswith("x-field-")] == fields
    assert_archive_sound(tmp_path / "warcs")

def answer(key: str):
    """A route answering ``page(key)`` whole."""
    body = page(key)

    def send(conn, sid) -> bool:
        conn.send_headers(sid, [(":status", "200"), ("content-type", "text/html"), ("content-length", str(len(body)))])
        conn.send_data(sid, body, end_stream=True)
        return True
    return send


@pytest.mark.parametrize("how", ["close", "reset"])
def test_a_kept_alive_http2_connection_ended_without_goaway_sends_the_request_again(tmp_path, how):
    """robots.txt and /first are answered on one connection; the first time /second comes on it, the server goes
    away without a GOAWAY (an idle timeout crossing the request). Before: a close sent /second to the tolerant
    HTTP/1.1 reader, captured as "malformed response headers: read leniently"; a reset failed it, "connection
    reset by peer". Over HTTP/1.1 such a request was already sent once more on a new connection, as Chromium
    sends it over either protocol."""

    def gone_at_first(conn, sid) -> bool:
        return srv.hits["/second"] > 1 and answer("second")(conn, sid)

    with H2Server("h2f.twenty.test", f"127.0.21.{7 if how == 'close' else 8}", page("other"), tmp_path) as srv:
        srv.hang_up = how
        srv.route("/first", answer("first")).route("/second", gone_at_first)
        run = fetch(tmp_path, srv, ["first", "second"], "--retries", "0", "--per-host", "1")
        asked = list(srv.asked)
    out = run.stdout + run.stderr
    assert run.returncode == 0 and "Traceback" not in out, out
    rows = rows_by_key(tmp_path)
    for key in ("first", "second"):
        assert rows[key]["state"] == "captured" and rows[key]["reason"] is None, rows[key]
    assert asked == [("/robots.txt", "h2"), ("/first", "h2"), ("/second", "h2"), ("/second", "h2")], asked
    got = responses(tmp_path)
    assert len(got["second"]) == 1 and got["second"][0].raw_payload == page("second")
    assert_archive_sound(tmp_path / "warcs")


def test_every_unanswered_stream_of_an_http2_connection_ended_without_goaway_is_sent_again(tmp_path):
    """/b and /c go out together on the connection robots.txt opened; the server answers neither and closes it
    once both are in (a worker restarting). Before: each went to the tolerant HTTP/1.1 reader ("malformed
    response headers"), or failed ``TLS: EOF occurred in violation of protocol`` when the close met a frame
    archiver was writing."""
    pending: set[str] = set()

    def later(key: str):
        def route(conn, sid) -> bool:
            if srv.hits[f"/{key}"] > 1:
                return answer(key)(conn, sid)
            pending.add(key)
            return len(pending) < 2  # the second one in: the server goes away
        return route

    with H2Server("h2i.twenty.test", "127.0.21.11", page("other"), tmp_path) as srv:
        srv.hang_up = "close"
        srv.route("/b", later("b")).route("/c", later("c"))
        run = fetch(tmp_path, srv, ["b", "c"], "--retries", "0", "--per-host", "2")
        asked = list(srv.asked)
    out = run.stdout + run.stderr
    assert run.returncode == 0 and "Traceback" not in out, out
    rows = rows_by_key(tmp_path)
    for key in ("b", "c"):
        assert rows[key]["state"] == "captured" and rows[key]["reason"] is None, rows[key]
    assert sorted(asked) == [("/b", "h2"), ("/b", "h2"), ("/c", "h2"), ("/c", "h2"), ("/robots.txt", "h2")], asked
    got = responses(tmp_path)
    assert [len(got[k]) for k in ("b", "c")] == [1, 1] and got["b"][0].raw_payload == page("b")

def test_a_fresh_http2_connection_closed_at_its_first_request_is_asked_over_http11(tmp_path):
    """The server sends its SETTINGS, then closes the connection at the first request, unanswered (no robots.txt
    asked: the page is that request). Before: the tolerant reader asked again over HTTP/1.1, captured as
    "malformed response headers: read leniently", and every later URL of the origin went to HTTP/2 first."""
    with H2Server("h2h.twenty.test", "127.0.21.10", page("over http1"), tmp_path) as srv:
        srv.hang_up = "close"
        srv.route("/page", lambda conn, sid: False)
        run = fetch(tmp_path, srv, ["page", "two"], "--retries", "0", "--per-host", "1", "--ignore-robots")
        asked = list(srv.asked)
    out = run.stdout + run.stderr
    assert run.returncode == 0 and "Traceback" not in out, out
    rows = rows_by_key(tmp_path)
    assert rows["page"]["state"] == "captured" and rows["page"]["reason"] == (
        "sent again over HTTP/1.1: the server closed its HTTP/2 connection at the first request, without a GOAWAY "
        "or an answer"), rows["page"]
    assert rows["two"]["state"] == "captured" and rows["two"]["reason"] is None, rows["two"]
    assert asked == [("/page", "h2"), ("/page", "http/1.1"), ("/two", "http/1.1")], asked

def test_an_http2_body_cut_by_a_close_without_goaway_is_archived_as_far_as_it_came(tmp_path):
    """The head and 300 bytes of /cut, then the server closes the connection (a FIN, no GOAWAY). Before: failed as
    "protocol error: Server disconnected", nothing archived (a reset there was already a body cut short)."""
    body = page("cut")

    def cut(conn, sid) -> bool:
        conn.send_headers(sid, [(":status", "200"), ("content-type", "text/html"), ("content-length", str(len(body)))])
        conn.send_data(sid, body[:300])
        return False

    with H2Server("h2g.twenty.test", "127.0.21.9", page("other"), tmp_path) as srv:
        srv.hang_up = "close"
        srv.route("/cut", cut)
        run = fetch(tmp_path, srv, ["cut"], "--retries", "0")
    out = run.stdout + run.stderr
    assert run.returncode == 1 and "Traceback" not in out, out
    row = rows_by_key(tmp_path)["cut"]
    assert row["state"] == "failed" and row["truncated"] == "disconnect", row
    assert row["reason"] == ("connection closed mid-body (the server ended the HTTP/2 connection without a GOAWAY "
                             "(closed)): the 300 bytes that came are archived with WARC-Truncated: disconnect; "
                             "will retry next run"), row
    (record,) = responses(tmp_path)["cut"]
    assert record.raw_payload == body[:300] and record.headers["WARC-Truncated"] == "disconnect"
    assert_archive_sound(tmp_path / "warcs")

def test_resets_at_the_http2_preface_lower_no_connection_cap(tmp_path):
    """Eight URLs at ``--per-host 4`` without robots.txt, so the first requests open their connections together,
    each reset at its HTTP/2 preface. Those resets are the server's lack of HTTP/2, not a limit on connections:
    before, the origin was capped ("turned a connection away with 3 open: at most 3 at a time to it")."""
    with H2Server("h2d.twenty.test", "127.0.21.5", page("capped"), tmp_path) as srv:
        srv.after_alpn = "reset"
        run = fetch(tmp_path, srv, [f"p{i}" for i in range(8)], "--retries", "0", "--per-host", "4",
                    "--ignore-robots")
    out = run.stdout + run.stderr
    assert run.returncode == 0 and "summary: 8 captured" in out, out
    assert "turned a connection away" not in out, out
    assert out.count("its requests go over HTTP/1.1 for the rest of the run") == 1, out

# -- TLS: a certificate that no --ca-bundle mends is not told to use one ------------------------------------------

def issued(ca_key, ca_name, host: str, *, bits: int = 2048, client_only: bool = False) -> tuple[bytes, bytes]:
    """(certificate PEM, key PEM) for ``host`` signed by the CA (``cryptography``, as trustme makes them): an RSA key
    of ``bits``; ``client_only``: an extended key usage of TLS clients alone."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    now = datetime.datetime.now(datetime.UTC)
    builder = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)]))
               .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
               .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False))
    if client_only:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
    cert = builder.sign(ca_key, hashes.SHA256())
    return (cert.public_bytes(serialization.Encoding.PEM),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                              serialization.NoEncryption()))


def test_certificate_faults_no_ca_bundle_mends_are_told_as_such(tmp_path):
    """A certificate for a name asked by its address (IP address mismatch), one for TLS clients only (unsuitable
    purpose) and one of a 1024-bit RSA key (too weak). Before, all three: "a private CA's certificate can be
    trusted with --ca-bundle", though the CA was in the bundle already."""
    import datetime
    import ssl

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from test_fetch_hostile5 import TLSRawServer

    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Twenty test CA")])
    now = datetime.datetime.now(datetime.UTC)
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
          .not_valid_after(now + datetime.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True).sign(ca_key, hashes.SHA256()))
    (tmp_path / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    made = {"address": issued(ca_key, ca_name, "named.h20.test"),
            "client": issued(ca_key, ca_name, "client.h20.test", client_only=True),
            "weak": issued(ca_key, ca_name, "weak.h20.test", bits=1024),
            "fine": issued(ca_key, ca_name, "fine.h20.test")}
    servers = {}
    for i, (key, (cert, private)) in enumerate(made.items()):
        (tmp_path / f"{key}.pem").write_bytes(cert + private)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.set_ciphers("ALL:@SECLEVEL=0")  # the server may send a weak key; the client must refuse it
        ctx.load_cert_chain(str(tmp_path / f"{key}.pem"))
        srv = TLSRawServer(f"{key}.h20.test", f"127.0.21.{20 + i}", ctx)
        srv.route("/p", lambda r: http_reply("<html><head><title>fine</title></head><body><p>fine</p></body></html>"))
        srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
        servers[key] = srv.start()
    try:
        by_address = servers["address"]
        urls = [f"https://{by_address.address}:{by_address.port}/p"] + [
            srv.url("/p") for key, srv in servers.items() if key != "address"]
        resolve = [flag for key, srv in servers.items() if key != "address" for flag in ("--resolve", srv.resolve)]
        out = run_archiver("fetch", write_list(tmp_path / "urls.txt", urls), "--warcs", tmp_path / "warcs",
                           "--delay", "0", "--retries", "0", "--timeout", "10", "--progress", "never",
                           "--ca-bundle", tmp_path / "ca.pem", *resolve, cwd=tmp_path, timeout=300)
    finally:
        for srv in servers.values():
            srv.stop()
    assert out.returncode == 1 and "Traceback" not in out.stdout + out.stderr, out.stdout + out.stderr
    rows = catalog_rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT url, state, reason FROM captures")
    reasons = {next(k for k, srv in servers.items() if f"{srv.address}:{srv.port}" in r["url"]
                    or f"{srv.name}:{srv.port}" in r["url"]): r for r in rows}
    assert reasons["fine"]["state"] == "captured", reasons["fine"]
    assert reasons["address"]["reason"] == (
        "TLS: certificate verification failed (IP address mismatch, certificate is not valid for '127.0.21.20'.); "
        "the certificate names another host: the server (or the address --resolve gives) answers for another "
        "site, which no --ca-bundle mends")
    assert reasons["client"]["reason"] == (
        "TLS: certificate verification failed (unsuitable certificate purpose); the certificate is not one for a "
        "TLS server (its extended key usage names other purposes; browsers refuse it too), which no --ca-bundle "
        "mends")
    assert reasons["weak"]["reason"] == (
        "TLS: certificate verification failed (EE certificate key too weak); the certificate's key or signature "
        "is too weak (an RSA key under 2048 bits, a SHA-1 or MD5 signature; browsers refuse it too), which no "
        "--ca-bundle mends")
    assert not any(srv.requests for key, srv in servers.items() if key != "fine")  # nothing sent untrusted


# -- a long list whose server dies halfway: the summary, and the next run ---------------------------------------

def test_a_server_dying_halfway_through_a_long_list_gets_a_bounded_summary_and_a_clean_resume(tmp_path):
    """240 URLs of one host; after the 100th page the server resets every connection (a back end gone behind its
    load balancer). Before: the 140 failures were told as they came and then named again, one summary line each
    (a list of 2,000 gave 1,000 such lines). Now the summary says them in one line (one host, one reason); the next
    run, the server back, fetches exactly the 140 URLs that failed."""
    from rawkit import RawServer, Reply

    dead = {"on": True}

    def story(req):
        number = int(req.path.removeprefix("/s"))
        if dead["on"] and number >= 100:
            return Reply([], reset=True)
        return http_reply(f"<html><head><title>Story {number}</title></head><body><article><p>"
                          + f"The words of story {number}. " * 20 + "</p></article></body></html>")

    srv = RawServer("long.h20.test", "127.0.21.30")
    srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    for n in range(240):
        srv.route(f"/s{n}", story)
    urls = write_list(tmp_path / "urls.txt", [srv.url(f"/s{n}") for n in range(240)])
    flags = ["--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0", "--timeout", "10", "--progress",
             "never", "--resolve", srv.resolve, "--per-host", "4"]
    with srv:
        first = run_archiver("fetch", urls, *flags, cwd=tmp_path, timeout=600)
        dead["on"] = False
        second = run_archiver("fetch", urls, *flags, cwd=tmp_path, timeout=600)
        hits = dict(srv.hits)
    out = first.stdout + first.stderr
    assert first.returncode == 1 and "Traceback" not in out, out
    lines = first.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("summary: "))
    assert lines[at].startswith("summary: 100 captured (0 unchanged, written as revisits), 140 failed"), lines[at]
    named = [line for line in lines[at:] if line.startswith("  failed: ")]
    assert sum(line.startswith("failed ") for line in lines[:at]) == 140  # each told as it came
    # one host, one reason: said once with its count (nu54; before, 50 named and 90 counted by reason)
    assert named == [f"  failed: 140 URLs of {srv.name}:{srv.port}: connection reset by peer ('archiver list "
                     f"--host {srv.name}:{srv.port}' names them)"], lines[at:]
    # the next run: only what failed, each once more
    assert second.returncode == 0, second.stdout + second.stderr
    assert "140 to fetch, 100 skipped" in second.stdout and "summary: 140 captured" in second.stdout, second.stdout
    # (a reset on a kept-alive connection is sent once more at once, so a dead page may have been asked twice)
    assert all(hits[f"/s{n}"] == 1 for n in range(100)) and all(hits[f"/s{n}"] >= 2 for n in range(100, 240))
    rows = catalog_rows(tmp_path / "warcs" / "catalog.sqlite3",
                        "SELECT url, state FROM captures WHERE id IN (SELECT max(id) FROM captures GROUP BY url)")
    assert len(rows) == 240 and all(r["state"] == "captured" for r in rows), rows
    assert_archive_sound(tmp_path / "warcs")


# -- TLS 1.2 servers of old cipher suites ----------------------------------------------------------------------

def test_a_tls12_server_of_ecdhe_cbc_sha_suites_is_read_as_browsers_read_it(tmp_path):
    """A TLS 1.2 server offering ECDHE-RSA-AES128-SHA alone (AES-CBC with SHA-1's HMAC, which Chrome, Firefox and
    Safari still offer; Python's default list leaves it out), and one of RSA key exchange alone (AES128-GCM-SHA256).
    Before: both failed, a bare ``TLS: SSLV3_ALERT_HANDSHAKE_FAILURE``; now the first is captured, the second's
    reason says what the alert may mean."""
    import ssl

    import trustme
    from test_fetch_hostile5 import TLSRawServer

    ca = trustme.CA(key_type=trustme.KeyType.RSA)
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    servers = {}
    for i, (key, suite) in enumerate({"cbc": "ECDHE-RSA-AES128-SHA", "rsa": "AES128-GCM-SHA256"}.items()):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ca.issue_cert(f"{key}.h20.test", key_type=trustme.KeyType.RSA).configure_cert(ctx)
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        ctx.set_ciphers(suite)
        srv = TLSRawServer(f"{key}.h20.test", f"127.0.21.{25 + i}", ctx)
        srv.route("/p", lambda r: http_reply("<html><head><title>old</title></head><body><p>old</p></body></html>"))
        srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
        servers[key] = srv.start()
    try:
        out = run_archiver("fetch", write_list(tmp_path / "urls.txt", [srv.url("/p") for srv in servers.values()]),
                           "--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0", "--timeout", "10",
                           "--progress", "never", "--ca-bundle", tmp_path / "ca.pem",
                           *[f for srv in servers.values() for f in ("--resolve", srv.resolve)], cwd=tmp_path, timeout=300)
    finally:
        for srv in servers.values():
            srv.stop()
    assert "Traceback" not in out.stdout + out.stderr, out.stdout + out.stderr
    rows = {r["url"].split(".")[0].removeprefix("https://"): r for r in catalog_rows(
        tmp_path / "warcs" / "catalog.sqlite3", "SELECT url, state, reason FROM captures")}
    assert rows["cbc"]["state"] == "captured", dict(rows["cbc"])
    assert [r.path for r in servers["cbc"].requests] == ["/robots.txt", "/p"]
    assert rows["rsa"]["reason"] == (
        "TLS: SSLV3_ALERT_HANDSHAKE_FAILURE (the server refused the handshake: it takes no cipher suite, group or "
        "signature archiver offers, as a server of RSA key exchange or 3DES alone, or it wants a client "
        "certificate)"), dict(rows["rsa"])
    records = [r for r in all_records(tmp_path / "warcs") if r.type == "response"]
    assert [r.uri for r in records] == [servers["cbc"].url("/robots.txt"), servers["cbc"].url("/p")]
    assert_archive_sound(tmp_path / "warcs")
