"""Hostile servers, round 14 (session 20, host14): chunked framing that ends oddly or is junk, gzip in several
members, codings nobody can undo, 101 and 103 to a plain GET, status lines of other protocols and versions,
Locations without a scheme's slashes or with another scheme, TLS certificates for another name or without
their intermediate, and a server of TLS 1.0 only.

One ``archiver fetch`` run (``--retries 0``) of one list over a rawkit server on 127.0.4.31, then ``archiver
extract``; each test checks one behaviour in the catalog, the WARC files (warcio, record by record, and
``warcio check``) and the server's log. Earlier rounds' items are not repeated (1xx before a head, trailers,
stacked ``gzip, gzip``, cookie floods, huge heads, Content-Length beside chunked, HTTP/1.0 keep-alive without
a length, TLS, robots.txt that is huge, redirects or is junk: rounds 1-13).

Fixed here:

- a gzip body in several members (a server or proxy that compresses each flush on its own) gave only its
  first member's text: the clean text stopped mid-sentence, extraction said nothing (before: 300 bytes of a
  1,000-byte page, no error). RFC 1952 section 2.2 makes a gzip file "a series of members"; gzip(1) and
  Python's gzip read them all; now extraction does (``archiver.decoding``); trailing bytes that are no member
  still end the body;
- a chunked body whose last chunk (``0``) came but not the blank line ending the trailer section, the server
  closing there, was archived "WARC-Truncated: disconnect" and failed ("connection closed mid-body ...
  incomplete chunked read"), to be asked again at every run, though every byte of it came; now it is captured
  whole (``archiver.fetch.exchange``). Without the last chunk it is still a body cut short;
- a close in the middle of a line of the chunked framing (a chunk size, a trailer field) failed as "protocol
  error: peer unexpectedly closed connection" with nothing archived (before: the body that came was lost);
  now it is a body cut by a hang-up, archived as far as it came (``WARC-Truncated: disconnect``) and asked
  again next run; a close in a trailer field after the last chunk is a whole body, as above;
- a TLS certificate for another name (a server, or the address ``--resolve`` gives, answering for another
  site) and an expired one were told "a private CA's certificate can be trusted with --ca-bundle", which
  mends neither; a leaf sent without its intermediate now names that cause beside the private CA; a server
  of TLS 1.0 only was a bare ``TLS: TLSV1_ALERT_PROTOCOL_VERSION`` (``archiver.fetch.retry``). The TLS test
  runs its own fetch over trustme certificates on 127.0.4.40-43.
"""
from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

import pytest
from rawkit import RawServer, Reply, fetch_and_extract, http_reply
from sitekit import run_archiver, write_list
from test_fetch_hostile2 import head
from warckit import all_records, assert_archive_sound, catalog_rows

from archiver.decoding import CutShort, decode_prefix

SENTENCE = "A sentence of the page {key}, long enough to look like an article. "


def page(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Fourteen " + key + "</title></head><body><article><p>"
            + SENTENCE.format(key=key) * 12 + "</p><p>The last words of " + key + ".</p></article></body></html>"
            ).encode()


def whole(key: str, *lines: str, body: bytes | None = None) -> Reply:
    data = page(key) if body is None else body
    return Reply([head("200 OK", "Content-Type: text/html", f"Content-Length: {len(data)}", *lines) + data])


def chunked_head() -> bytes:
    return head("200 OK", "Content-Type: text/html", "Transfer-Encoding: chunked")


def in_members(data: bytes, cut: int) -> bytes:
    return gzip.compress(data[:cut], mtime=0) + gzip.compress(data[cut:], mtime=0)


def routes(port: int) -> dict[str, object]:
    nolast, trail = page("no blank line"), page("part of a trailer")
    return {
        # fixed: several gzip members; the last chunk without the blank line after it, closed there
        "/gzip-members": lambda r: whole("x", "Content-Encoding: gzip", body=in_members(page("members"), 300)),
        "/gzip-members-junk": lambda r: whole("x", "Content-Encoding: gzip",
                                              body=gzip.compress(page("members junk")) + b"\x1f\x8bnot a member"),
        "/last-chunk-closed": lambda r: Reply([chunked_head() + b"%x\r\n%s\r\n0\r\n" % (len(nolast), nolast)],
                                              close=True),
        "/last-chunk-trailer-cut": lambda r: Reply([chunked_head() + b"%x\r\n%s\r\n0\r\nX-Digest: ab" % (
            len(trail), trail)], close=True),
        # kept: no last chunk is a body cut short; junk chunk sizes are no body at all
        "/no-last-chunk": lambda r: Reply([chunked_head() + b"%x\r\n%s\r\n" % (len(nolast), nolast)], close=True),
        "/size-line-cut": lambda r: Reply([chunked_head() + b"%x\r\n%s\r\n1" % (len(nolast), nolast)], close=True),
        "/size-0x": lambda r: Reply([chunked_head() + b"0x10\r\n" + b"a" * 16 + b"\r\n0\r\n\r\n"]),
        "/size-huge": lambda r: Reply([chunked_head() + b"ffffffffffffffffffffffff\r\n" + page("huge")]),
        "/size-negative": lambda r: Reply([chunked_head() + b"-5\r\n" + page("negative")]),
        # kept: codings nobody undoes are archived as sent; extraction names them
        "/coding-compress": lambda r: whole("x", "Content-Encoding: compress", body=b"\x1f\x9d\x90" + b"lzw" * 80),
        # kept: protocol switches and hints nobody asked for
        "/s101": lambda r: Reply([b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade"
                                  b"\r\n\r\n\x81\x05hello"], close=True),
        "/s103": lambda r: Reply([b"HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n"
                                  + whole("early hints").chunks[0]]),  # type: ignore[index]
        "/icy": lambda r: Reply([b"ICY 200 OK\r\nicy-name: a radio\r\n\r\n" + b"\xff\xfb" * 300], close=True),
        "/http12": lambda r: Reply([b"HTTP/1.2 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s"
                                    % (len(page("1.2")), page("1.2"))]),
        # kept: Locations as browsers read them
        "/loc-scheme-relative": lambda r: Reply([head("302 Found", f"Location: //www.h14.test:{port}/target",
                                                      "Content-Length: 0")]),
        "/loc-one-slash": lambda r: Reply([head("302 Found", "Location: http:/target", "Content-Length: 0")]),
        "/loc-no-slash": lambda r: Reply([head("302 Found", "Location: http:target", "Content-Length: 0")]),
        "/loc-websocket": lambda r: Reply([head("301 Moved Permanently", f"Location: ws://www.h14.test:{port}/target",
                                                "Content-Length: 0")]),
        "/loc-fragment": lambda r: Reply([head("302 Found", "Location: #top", "Content-Length: 0")]),
        "/target": lambda r: whole("target"),
        "/after": lambda r: whole("after"),
    }


@pytest.fixture(scope="module")
def run14(tmp_path_factory):
    srv = RawServer("www.h14.test", "127.0.4.31")
    table = routes(srv.port)
    yield fetch_and_extract(tmp_path_factory.mktemp("hostile14"), srv, table,
                            [p for p in table if p not in ("/target", "/after")] + ["/after"])


def row(run14, path: str):
    rows = catalog_rows(run14["root"] / "c.db", "SELECT c.*, e.error AS extract_error, e.text_path FROM captures c "
                        "LEFT JOIN extractions e ON e.capture_id = c.id WHERE c.url LIKE ?", ("%" + path,))
    assert len(rows) == 1, (path, [dict(r) for r in rows])
    return rows[0]


def response(run14, path: str):
    return next(r for r in all_records(run14["root"] / "warcs") if r.type == "response" and r.uri.endswith(path))


def clean_text(run14, path: str) -> str:
    got = row(run14, path)
    assert got["text_path"], dict(got)
    return (run14["root"] / "clean" / got["text_path"]).read_text()


def test_the_run_ends_without_traceback_and_every_warc_checks(run14):
    assert "Traceback" not in run14["out"], run14["out"][-3000:]
    assert run14["code"] == 1  # some URLs fail, as below
    assert_archive_sound(run14["root"] / "warcs")
    assert row(run14, "/after")["state"] == "captured"


def test_a_gzip_body_in_several_members_gives_all_its_text(run14):
    """Archived as sent (both members); the clean text runs to the page's last words."""
    assert response(run14, "/gzip-members").raw_payload == in_members(page("members"), 300)
    got = row(run14, "/gzip-members")
    assert got["state"] == "captured" and got["extract_error"] is None
    text = clean_text(run14, "/gzip-members")
    assert "The last words of members." in text
    assert text.count("A sentence of the page members") == 12


def test_bytes_after_a_gzip_member_that_are_no_member_still_end_the_body(run14):
    got = row(run14, "/gzip-members-junk")
    assert got["state"] == "captured" and got["extract_error"] is None
    assert "The last words of members junk." in clean_text(run14, "/gzip-members-junk")


@pytest.mark.parametrize("path,key", [("/last-chunk-closed", "no blank line"),
                                      ("/last-chunk-trailer-cut", "part of a trailer")])
def test_a_chunked_body_closed_after_its_last_chunk_is_whole(run14, path, key):
    got = row(run14, path)
    assert got["state"] == "captured", dict(got)
    assert got["truncated"] is None
    rec = response(run14, path)
    assert rec.raw_payload == page(key)
    assert "WARC-Truncated" not in rec.headers
    assert "The last words of " + key in clean_text(run14, path)


def test_a_chunked_body_closed_before_its_last_chunk_is_still_cut_short(run14):
    got = row(run14, "/no-last-chunk")
    assert got["state"] == "failed" and got["truncated"] == "disconnect"
    assert "incomplete chunked read" in got["reason"] and "will retry next run" in got["reason"]
    assert response(run14, "/no-last-chunk").headers.get("WARC-Truncated") == "disconnect"


def test_a_close_in_the_middle_of_a_chunk_size_line_keeps_what_came(run14):
    """Before: "protocol error: peer unexpectedly closed connection" and no record of the 900 bytes that came."""
    got = row(run14, "/size-line-cut")
    assert got["state"] == "failed" and got["truncated"] == "disconnect", dict(got)
    assert "connection closed in the middle of a chunk-size or trailer line" in got["reason"]
    rec = response(run14, "/size-line-cut")
    assert rec.raw_payload == page("no blank line") and rec.headers.get("WARC-Truncated") == "disconnect"


@pytest.mark.parametrize("path", ["/size-0x", "/size-huge", "/size-negative"])
def test_a_chunk_size_that_is_no_hex_number_fails_naming_it(run14, path):
    """``0x10`` (Chromium refuses the prefix too), 24 hex digits (past any length), ``-5``: junk framing."""
    got = row(run14, path)
    assert got["state"] == "failed"
    assert "illegal chunk header" in got["reason"], got["reason"]


def test_a_coding_nobody_undoes_is_archived_as_sent_and_extraction_names_it(run14):
    got = row(run14, "/coding-compress")
    assert got["state"] == "captured"
    assert got["extract_error"] == "unsupported content-encoding 'compress'"
    assert response(run14, "/coding-compress").raw_payload == b"\x1f\x9d\x90" + b"lzw" * 80


@pytest.mark.parametrize("path,state,reason", [
    ("/s101", "failed", "HTTP 101 Switching Protocols"),  # a switch nobody asked for: no page
    ("/s103", "captured", None),  # early hints, then the page
    ("/icy", "failed", "not an HTTP response: it starts b'ICY 200 OK"),  # SHOUTcast's status line
    ("/http12", "captured", None),  # an unknown minor version is read as 1.1 (RFC 9112 section 2.3)
])
def test_switches_hints_and_other_status_lines(run14, path, state, reason):
    got = row(run14, path)
    assert got["state"] == state, dict(got)
    assert reason is None or reason in got["reason"], got["reason"]


@pytest.mark.parametrize("path", ["/loc-scheme-relative", "/loc-one-slash", "/loc-no-slash"])
def test_locations_without_a_schemes_slashes_are_followed_as_browsers_do(run14, path):
    """``//host/x`` keeps the scheme; ``http:/x`` and ``http:x`` of an http page are relative (WHATWG URL)."""
    got = row(run14, path)
    assert got["state"] == "captured", dict(got)
    assert got["final_url"].endswith("/target")


def test_a_redirect_to_another_scheme_or_to_itself_fails_naming_it(run14):
    assert "(scheme 'ws', not http(s))" in row(run14, "/loc-websocket")["reason"]
    assert "redirect loop" in row(run14, "/loc-fragment")["reason"]  # #top is the same URL


# -- decode_prefix on its own: the members' bounds --------------------------------------------------------------

def test_members_are_read_within_the_limit_and_a_cut_member_is_a_cut_body():
    text = b"<p>" + b"word " * 100_000 + b"</p>"
    three = in_members(text, 1_000) + gzip.compress(b"<p>tail</p>")
    assert decode_prefix(three, "gzip", 10_000_000) == (text + b"<p>tail</p>", False)
    assert decode_prefix(three, "gzip", 200_000) == (text[:200_000], True)
    assert decode_prefix(three, "gzip", len(text)) == (text, True)  # the third member is more
    with pytest.raises(CutShort):
        decode_prefix(three[:-12], "gzip", 10_000_000, whole=True)  # the last member stops short


def test_a_body_of_many_tiny_members_is_read_in_time_linear_in_its_size(monkeypatch):
    """A hostile body of 100,000 empty members (2 MB) and a page: each member was handed the rest of the
    body (a copy of it, and a 64 KiB piece to inflate), quadratic in the body's size: 10 s for 2 MB, hours
    for a 50 MB body under --max-body. Now a member's first piece is small and nothing is copied: the bytes
    handed to zlib stay within a small multiple of the body's."""
    import zlib

    from archiver import decoding

    fed = [0]
    real = zlib.decompressobj

    class Counting:
        def __init__(self, wbits: int) -> None:
            self._d = real(wbits)

        def decompress(self, buf, max_length: int = 0) -> bytes:
            fed[0] += len(buf)
            return self._d.decompress(buf, max_length)

        def __getattr__(self, name: str):
            return getattr(self._d, name)

    monkeypatch.setattr(decoding.zlib, "decompressobj", Counting)
    text = b"<p>The page after the empty members.</p>"
    body = gzip.compress(b"", mtime=0) * 100_000 + gzip.compress(text)
    assert decode_prefix(body, "gzip", 10_000_000, whole=True) == (text, False)
    assert fed[0] <= 40 * len(body)


# -- TLS: what the remedy says for each certificate fault, and a server of old TLS only -----------------------------

def tls_server(name: str, address: str, cert, *, old_only: bool = False, leaf_only: bool = False):
    """A rawkit server behind TLS with ``cert`` (a trustme LeafCert): only TLS 1.0 with ``old_only``, the leaf
    without its intermediate with ``leaf_only``."""
    import ssl
    import warnings

    from test_fetch_hostile5 import TLSRawServer

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.set_alpn_protocols(["http/1.1"])
    if leaf_only:
        folder = Path(tempfile.mkdtemp(prefix="h14tls"))
        (folder / "key.pem").write_bytes(cert.private_key_pem.bytes())
        (folder / "leaf.pem").write_bytes(cert.cert_chain_pems[0].bytes())
        ctx.load_cert_chain(str(folder / "leaf.pem"), str(folder / "key.pem"))
    else:
        cert.configure_cert(ctx)
    if old_only:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            ctx.set_ciphers("ALL:@SECLEVEL=0")
            ctx.minimum_version = ssl.TLSVersion.TLSv1
            ctx.maximum_version = ssl.TLSVersion.TLSv1
    srv = TLSRawServer(name, address, ctx)
    srv.route("/p", lambda r: whole(name))
    srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    return srv


def test_each_certificate_fault_gets_its_own_remedy_and_old_tls_says_what_it_is(tmp_path):
    """A certificate for another name (a server answering for another site), a leaf sent without its
    intermediate, a server of TLS 1.0 only. Before: the first two were told "a private CA's certificate can be
    trusted with --ca-bundle" (the CA was in the bundle already), the third ``TLS: TLSV1_ALERT_PROTOCOL_VERSION``."""
    import trustme

    ca = trustme.CA()
    middle = ca.create_child_ca()
    servers = {
        "other": tls_server("named.h14.test", "127.0.4.40", ca.issue_cert("someone-else.h14.test")),
        "old": tls_server("old.h14.test", "127.0.4.41", ca.issue_cert("old.h14.test"), old_only=True),
        "leaf": tls_server("leaf.h14.test", "127.0.4.42", middle.issue_cert("leaf.h14.test"), leaf_only=True),
        "chain": tls_server("chain.h14.test", "127.0.4.43", middle.issue_cert("chain.h14.test")),
    }
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    for srv in servers.values():
        srv.start()
    try:
        urls = write_list(tmp_path / "urls.txt", [srv.url("/p") for srv in servers.values()])
        resolve = [flag for srv in servers.values() for flag in ("--resolve", srv.resolve)]
        out = run_archiver("fetch", urls, "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db", "--delay", "0",
                           "--retries", "0", "--timeout", "10", "--progress", "never", "--ca-bundle",
                           tmp_path / "ca.pem", *resolve, cwd=tmp_path, timeout=300)
    finally:
        for srv in servers.values():
            srv.stop()
    assert "Traceback" not in out.stdout + out.stderr
    reasons = {key: catalog_rows(tmp_path / "c.db", "SELECT state, reason FROM captures WHERE url LIKE ?",
                                 (f"https://{srv.name}:%",))[0] for key, srv in servers.items()}
    assert reasons["chain"]["state"] == "captured"  # the intermediate sent: trusted through the bundle's root
    assert reasons["other"]["reason"] == (
        "TLS: certificate verification failed (Hostname mismatch, certificate is not valid for 'named.h14.test'.); "
        "the certificate names another host: the server (or the address --resolve gives) answers for another "
        "site, which no --ca-bundle mends (only the DNS names of its subjectAltName count, as in browsers since "
        "2017: a host named in the Common Name alone is not taken)")  # (round 28: a CN-only certificate fails so)
    assert reasons["leaf"]["reason"].endswith(
        "(unable to get local issuer certificate); a private CA's certificate can be trusted with --ca-bundle, as "
        "can an intermediate certificate the server leaves out (browsers fetch it themselves, archiver does not)")
    assert reasons["old"]["reason"].endswith(
        "(no TLS version both sides take: the server speaks only TLS 1.0 or 1.1, which archiver, as browsers "
        "since 2020, refuses)"), reasons["old"]["reason"]
    assert not any(srv.requests for key, srv in servers.items() if key != "chain")  # nothing sent untrusted
