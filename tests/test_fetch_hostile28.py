"""Hostile servers and WARCs, round 28 (session 35, host36): schemes, hosts, certificates, cookies, codings, 1xx.

Each probe is a real server on loopback (rawkit on 127.0.51.30-127.0.51.60, some behind TLS from a test CA made
here) and a real ``archiver fetch`` (``--retries 0``), or a WARC file built byte by byte and a real ``archiver
import``; each test reads the catalog, the WARC files with warcio (``warcio check`` too), the run's output and the
server's log. The first five tests and the last fail on the code before this round:

- ``Location: https:host/page`` (or ``https:/host/page``) on an http page: WHATWG's "special authority slashes
  state" reads it as ``https://host/page`` (Chromium follows it); it was an unusable Location, "no host";
- a certificate naming its host only in its Common Name (no subjectAltName): Chromium (since 58) and Firefox refuse
  it, OpenSSL and so Python took it;
- ``__Secure-`` and ``__Host-`` cookies that break their prefix's terms (set over http, without ``Secure``, with a
  ``Domain``, without ``Path=/``): browsers refuse them, ``http.cookiejar`` kept and sent them;
- a 503's ``Retry-After`` of ``-5``, ``120, 3600``, ``0`` or a past date: the reason said "honoured up to
  --retry-after-max" for a pause nobody waited; a 429's unusable ``Retry-After`` left its host unpaused at the next
  run where a 429 without one pauses it;
- a WARC record whose ``Content-Length`` runs past its block into the next record: ``import`` went on at the next
  ``WARC/`` line after the wrong end, passing over the record it ran into as "no record" (lost);
- an ARC record whose length is wrong: the records after it lost (a plain ARC), or every record (one gzip member
  per record), warcio's WARNING printed raw on stderr.

The other tests keep probes that were already right.
"""
from __future__ import annotations

import datetime
import gzip
import json
import ssl
import zlib
from pathlib import Path

import brotli
import pytest
import trustme
import zstandard
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from rawkit import RawServer, Reply, http_reply
from sitekit import run_archiver, write_list
from warckit import all_records, assert_archive_sound, catalog_rows, rows_by_key, warcio_check

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def page(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Round28 " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * 12
            + f"</p><p>The last words of {key}.</p></article></body></html>").encode()


def allow_all(srv: RawServer) -> RawServer:
    return srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))


def moved(location: bytes, headers: bytes = b"") -> Reply:
    return Reply([b"HTTP/1.1 302 Found\r\nLocation: " + location + b"\r\n" + headers + b"Content-Length: 0\r\n\r\n"])


def fetch(root: Path, urls: list[str], servers: list[RawServer], *extra: str):
    listed = write_list(root / "urls.txt", urls)
    resolve = [f for s in servers for f in ("--resolve", s.resolve)]
    return run_archiver("fetch", listed, "--warcs", root / "warcs", "--delay", "0", "--retries", "0", "--timeout", "5",
                        "--progress", "never", *resolve, *extra, cwd=root, timeout=300)


def extract(root: Path):
    return run_archiver("extract", "--warcs", root / "warcs", "--clean", root / "clean", "--jobs", "1", cwd=root,
                        timeout=300)


def clean_text(root: Path, key: str) -> str:
    found = [p for p in (root / "clean").rglob(f"{key}-*.txt") if ".versions" not in p.parts]
    assert len(found) == 1, (key, found)
    return found[0].read_text(encoding="utf-8")


class PrivateCA:
    """A private CA (trustme's) that also signs leaves trustme will not make: one without a subjectAltName."""

    def __init__(self, folder: Path):
        self.ca = trustme.CA()
        self.folder = folder
        self.bundle = folder / "test-ca.pem"
        self.ca.cert_pem.write_to_path(str(self.bundle))
        self._key = serialization.load_pem_private_key(self.ca.private_key_pem.bytes(), None)
        self._cert = x509.load_pem_x509_certificate(self.ca.cert_pem.bytes())

    def server(self, common_name: str, names: list[str]) -> ssl.SSLContext:
        """A server context whose leaf has ``common_name`` as its subject and ``names`` as DNS subjectAltNames
        (none: no subjectAltName extension at all)."""
        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.datetime.now(datetime.UTC)
        built = (x509.CertificateBuilder()
                 .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
                 .issuer_name(self._cert.subject).public_key(key.public_key())
                 .serial_number(x509.random_serial_number())
                 .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
                 .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                 .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False))
        if names:
            built = built.add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), critical=False)
        cert = built.sign(self._key, hashes.SHA256())  # type: ignore[arg-type]
        pem = self.folder / f"leaf-{x509.random_serial_number()}.pem"
        pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(str(pem))
        return ctx


# -- fixed: a Location naming the other scheme without its slashes -------------------------------------------------------

def test_a_location_naming_https_without_slashes_leads_to_that_host_over_https(tmp_path):
    """From an http page, ``Location: https:tls.round28.test:PORT/story`` (and ``https:/...``, ``https:\\\\...``)
    is ``https://tls.round28.test:PORT/story`` to the WHATWG URL parser ("special authority slashes state": the
    scheme differs from the base's), and Chromium follows it there. Before: failed, unusable Location "(no host)".
    Now each is followed and the story captured over https. ``http:landing`` on an http page stays a path on the
    same host (the same scheme: "special relative or authority state"), as round 21 found."""
    ca = PrivateCA(tmp_path)
    tls = allow_all(RawServer("tls.round28.test", "127.0.51.31", tls=ca.server("tls", ["tls.round28.test"])))
    tls.route("/story", lambda r: http_reply(page("story")))
    plain = allow_all(RawServer("plain.round28.test", "127.0.51.30"))
    where = f"tls.round28.test:{tls.port}/story".encode()
    plain.route("/noslash", lambda r: moved(b"https:" + where))
    plain.route("/oneslash", lambda r: moved(b"https:/" + where))
    plain.route("/backslash", lambda r: moved(b"HTTPS:\\" + where))
    plain.route("/same", lambda r: moved(b"http:landing"))
    plain.route("/landing", lambda r: http_reply(page("landing")))
    keys = ["noslash", "oneslash", "backslash", "same"]
    with plain, tls:
        done = fetch(tmp_path, [plain.url(f"/{k}") for k in keys], [plain, tls], "--ca-bundle", ca.bundle)
    rows = rows_by_key(tmp_path)
    story = tls.url("/story")
    for key in ("noslash", "oneslash", "backslash"):
        assert rows[key]["state"] == "captured", (key, rows[key], done.stdout[-2000:])
        assert rows[key]["final_url"] == story, rows[key]
    assert rows["same"]["state"] == "captured" and rows["same"]["final_url"] == plain.url("/landing"), rows["same"]
    assert [q.path for q in tls.requests].count("/story") >= 1
    uris = {rec.uri for rec in all_records(tmp_path / "warcs") if rec.type == "response"}
    assert story in uris and plain.url("/landing") in uris, uris
    assert_archive_sound(tmp_path / "warcs")


# -- fixed: a certificate naming its host in its Common Name alone ----------------------------------------------------------

def test_a_certificate_naming_its_host_only_in_its_common_name_is_refused_as_browsers_refuse_it(tmp_path):
    """cnonly.round28.test's certificate (from the CA --ca-bundle names) has the host as its Common Name and no
    subjectAltName. OpenSSL, so Python, still matched the CN: the page was captured. Chromium refuses it
    (ERR_CERT_COMMON_NAME_INVALID since Chrome 58), as Firefox does. Now it fails as a name mismatch, the reason
    saying a Common Name alone is not taken, nothing archived, no request sent; san.round28.test, with the name in
    its subjectAltName, and a.wild.round28.test under ``*.wild.round28.test``, are captured; ``*.round28`` (a
    wildcard over a top-level name) is refused."""
    ca = PrivateCA(tmp_path)
    servers = [allow_all(RawServer("cnonly.round28.test", "127.0.51.32", tls=ca.server("cnonly.round28.test", []))),
               allow_all(RawServer("san.round28.test", "127.0.51.33",
                                   tls=ca.server("san.round28.test", ["san.round28.test"]))),
               allow_all(RawServer("a.wild.round28.test", "127.0.51.34", tls=ca.server("w", ["*.wild.round28.test"]))),
               allow_all(RawServer("b.round28", "127.0.51.35", tls=ca.server("b", ["*.round28"])))]
    for srv in servers:
        key = srv.name.split(".")[0]
        srv.route("/page", lambda r, key=key: http_reply(page(key)))
    for srv in servers:
        srv.start()
    try:
        done = fetch(tmp_path, [srv.url("/page") for srv in servers], servers, "--ca-bundle", ca.bundle)
    finally:
        for srv in servers:
            srv.stop()
    rows = {r["url"].split("//")[1].split(":")[0]: dict(r) for r in
            catalog_rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT * FROM captures")}
    cn = rows["cnonly.round28.test"]
    assert cn["state"] == "failed", (cn, done.stdout[-2000:])
    assert "Hostname mismatch" in cn["reason"] and "Common Name alone is not taken" in cn["reason"], cn["reason"]
    assert "which no --ca-bundle mends" in cn["reason"], cn["reason"]
    assert not servers[0].requests  # no request went over the refused connection
    assert rows["san.round28.test"]["state"] == "captured", rows["san.round28.test"]
    assert rows["a.wild.round28.test"]["state"] == "captured", rows["a.wild.round28.test"]
    assert rows["b.round28"]["state"] == "failed" and "Hostname mismatch" in rows["b.round28"]["reason"]
    hosts = {rec.uri.split("//")[1].split(":")[0] for rec in all_records(tmp_path / "warcs") if rec.type == "response"}
    assert hosts == {"san.round28.test", "a.wild.round28.test"}, hosts
    assert_archive_sound(tmp_path / "warcs")


# -- fixed: cookie prefixes ------------------------------------------------------------------------------------------------

SET_OVER_HTTP = (b"Set-Cookie: __Secure-a=1\r\nSet-Cookie: __Host-b=2; Path=/\r\nSet-Cookie: __host-c=3; Path=/\r\n"
                 b"Set-Cookie: plain=4\r\n")
SET_OVER_HTTPS = (b"Set-Cookie: __Secure-bare=1\r\nSet-Cookie: __Secure-ok=2; Secure\r\n"
                  b"Set-Cookie: __Host-nopath=3; Secure\r\nSet-Cookie: __Host-domain=4; Secure; Path=/; "
                  b"Domain=tls.round28.test\r\nSet-Cookie: __Host-subpath=5; Secure; Path=/x\r\n"
                  b"Set-Cookie: __Host-ok=6; Secure; Path=/\r\nSet-Cookie: plain=7\r\n")


def test_cookies_breaking_their_secure_or_host_prefix_are_not_kept(tmp_path):
    """Over http, /set sets ``__Secure-a`` and ``__Host-b`` (``__host-c`` in lower case) without ``Secure``, and
    ``plain``, then redirects to /after. Browsers refuse the prefixed ones (RFC 6265bis section 4.1.3; Chromium's
    ``IsCookiePrefixValid``, in any case); before, /after was asked with all four. Over https, only
    ``__Secure-ok`` (``Secure``) and ``__Host-ok`` (``Secure; Path=/``, no ``Domain``) of the prefixed ones are
    kept; a ``__Host-`` cookie without ``Path``, with a ``Domain`` or with ``Path=/x`` is not. The request records
    in the WARC hold the ``Cookie`` header as sent."""
    ca = PrivateCA(tmp_path)
    plain = allow_all(RawServer("plain.round28.test", "127.0.51.36"))
    tls = allow_all(RawServer("tls.round28.test", "127.0.51.37", tls=ca.server("tls", ["tls.round28.test"])))
    plain.route("/set", lambda r: moved(b"/after", SET_OVER_HTTP))
    tls.route("/set", lambda r: moved(b"/after", SET_OVER_HTTPS))
    plain.route("/after", lambda r: http_reply(page("after")))
    tls.route("/after", lambda r: http_reply(page("after")))
    with plain, tls:
        done = fetch(tmp_path, [plain.url("/set"), tls.url("/set")], [plain, tls], "--ca-bundle", ca.bundle,
                     "--per-host", "1", "--concurrency", "1")
    sent_plain = [q.headers.get("cookie") for q in plain.requests if q.path == "/after"]
    sent_tls = [q.headers.get("cookie") for q in tls.requests if q.path == "/after"]
    assert sent_plain == ["plain=4"], (sent_plain, done.stdout[-2000:])
    assert len(sent_tls) == 1 and sorted(sent_tls[0].split("; ")) == ["__Host-ok=6", "__Secure-ok=2", "plain=7"], \
        sent_tls
    asked = {rec.uri: dict(rec.http_headers).get("Cookie") for rec in all_records(tmp_path / "warcs")
             if rec.type == "request" and rec.uri.endswith("/after")}
    assert asked[plain.url("/after")] == "plain=4", asked
    assert sorted(asked[tls.url("/after")].split("; ")) == ["__Host-ok=6", "__Secure-ok=2", "plain=7"], asked
    assert all(r["state"] == "captured" for r in rows_by_key(tmp_path).values())
    assert_archive_sound(tmp_path / "warcs")


# -- fixed: a Retry-After that asks no pause --------------------------------------------------------------------------------

def busy(value: bytes, status: bytes = b"503 Service Unavailable") -> Reply:
    return Reply([b"HTTP/1.1 " + status + b"\r\nRetry-After: " + value + b"\r\nContent-Length: 4\r\n\r\nbusy"])


def test_a_retry_after_that_asks_no_pause_is_not_called_honoured(tmp_path):
    """503s with ``Retry-After`` ``-5``, ``120, 3600`` (a list), ``1.5``, ``0``, a date in 1970 and one in the year
    99999: archiver waits for none of them (RFC 9110 section 10.2.3: delay-seconds is digits, a date must parse; a
    past date or 0 asks nothing), yet each reason said "honoured up to --retry-after-max". Now the reason says the
    value was ignored (and why) or asked no pause; ``600`` is still honoured. A 429 whose ``Retry-After`` is
    ``soon`` paused nothing (its value was taken for one), where a 429 without ``Retry-After`` leaves its host
    alone for 600 s: now it gets that pause too, kept for the next run (``host_waits``)."""
    odd = allow_all(RawServer("odd.round28.test", "127.0.51.38"))
    values = {"neg": b"-5", "list": b"120, 3600", "frac": b"1.5", "zero": b"0",
              "past": b"Thu, 01 Jan 1970 00:00:00 GMT", "far": b"Fri, 31 Dec 99999 23:59:59 GMT", "real": b"600"}
    for key, value in values.items():
        odd.route(f"/{key}", lambda r, value=value: busy(value))
    many = allow_all(RawServer("many.round28.test", "127.0.51.39"))
    many.route("/soon", lambda r: busy(b"soon", b"429 Too Many Requests"))
    with odd, many:
        done = fetch(tmp_path, [odd.url(f"/{k}") for k in values] + [many.url("/soon")], [odd, many],
                     "--log-format", "json")
    rows = rows_by_key(tmp_path)
    for key in ("neg", "list", "frac", "far"):
        reason = rows[key]["reason"]
        assert "honoured" not in reason and "neither a number of seconds nor an HTTP date" in reason, (key, reason)
        assert f"Retry-After: {values[key].decode()};" in reason and "will retry next run" in reason, reason
    for key in ("zero", "past"):
        reason = rows[key]["reason"]
        assert "honoured" not in reason and "no pause (zero, or a date already past)" in reason, (key, reason)
    assert "(Retry-After: 600; honoured up to --retry-after-max" in rows["real"]["reason"], rows["real"]
    soon = rows["soon"]["reason"]
    assert soon.startswith("HTTP 429 Too Many Requests (Retry-After: soon; neither"), soon
    assert "not asked again for 600 s" in soon, soon
    waits = {r["host"]: dict(r) for r in catalog_rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT * FROM host_waits")}
    assert "many.round28.test" in waits and "archiver's pause of 600 s" in waits["many.round28.test"]["said"], waits
    assert waits["odd.round28.test"]["said"] == "600", waits  # the one value honoured
    assert all(json.loads(line) for line in done.stdout.splitlines() if line.startswith("{"))
    assert_archive_sound(tmp_path / "warcs")


# -- fixed: a WARC record whose Content-Length runs into the next one --------------------------------------------------------

def warc_record(uri: bytes, block: bytes, number: int, length: int | None = None, version: bytes = b"WARC/1.0",
                date: bytes = b"2024-01-01T00:00:00Z") -> bytes:
    return (version + b"\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-0000000028%02d>\r\n"
            % number + b"WARC-Target-URI: " + uri + b"\r\nWARC-Date: " + date + b"\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
            % (len(block) if length is None else length) + block + b"\r\n\r\n")


def http_block(body: bytes, head: bytes = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n") -> bytes:
    return head + b"Content-Length: %d\r\n\r\n" % len(body) + body


def import_and_extract(root: Path, name: str, data: bytes):
    (root / name).write_bytes(data)
    warcs = root / ("w-" + name.split(".")[0])
    done = run_archiver("import", root / name, "--warcs", warcs, cwd=root, timeout=120)
    extracted = run_archiver("extract", "--warcs", warcs, "--clean", warcs / "clean", "--jobs", "1", cwd=root,
                             timeout=120)
    rows = {r["url"]: dict(r) for r in catalog_rows(warcs / "catalog.sqlite3", "SELECT * FROM captures")}
    return done, extracted, rows, warcs


def test_a_record_whose_content_length_runs_into_the_next_record_does_not_lose_it(tmp_path):
    """An uncompressed WARC whose first record's ``Content-Length`` is 50 bytes too long (it takes the next record's
    first line and more), then two whole records. Before: reading went on at the next ``WARC/`` line after the
    wrong end, so the record it ran into was passed over as "bytes ... hold no record" and lost (had it been the
    last, ``error: stopped reading at offset ...: ArchiveLoadFailed``, exit 1). Now the record it ran into is read
    from its own start (a warning says so), every record is imported and extracted, exit 0; the first record is
    still named for its wrong length."""
    first = http_block(page("long"))
    data = (warc_record(b"http://a.example/long", first, 1, length=len(first) + 50)
            + warc_record(b"http://a.example/next", http_block(page("next")), 2)
            + warc_record(b"http://a.example/last", http_block(page("last")), 3))
    done, extracted, rows, warcs = import_and_extract(tmp_path, "long.warc", data)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert set(rows) == {"http://a.example/long", "http://a.example/next", "http://a.example/last"}, (rows, out)
    start = data.index(b"WARC/1.0", 1)
    assert f"the record at offset {start} begins inside the one at offset 0" in out, out
    assert "does not end where its Content-Length says" in out and "hold no record" not in out, out
    assert "3 extracted" in extracted.stdout, extracted.stdout
    text = next(p for p in (warcs / "clean").rglob("next-*.txt") if ".versions" not in p.parts).read_text()
    assert "The last words of next." in text


# -- right already: hosts in a Location that UTS 46 maps -------------------------------------------------------------------

def test_location_hosts_in_fullwidth_forms_upper_case_or_with_a_soft_hyphen_reach_the_host_they_map_to(tmp_path):
    """Locations naming ``www．round28．test`` (fullwidth full stops), ``ＷＷＷ.round28.test`` (fullwidth letters),
    ``www。round28.test`` (an ideographic full stop), ``www.round\\u00ad28.test`` (a soft hyphen, mapped away) and
    ``WWW.ROUND28.TEST``: UTS 46 (as browsers apply it) maps each to ``www.round28.test``; each is followed there
    and captured with the host spelled so in the catalog and the WARC. ``xn--a.round28.test`` (punycode that
    decodes to no valid label) is an unusable Location, nothing asked for it."""
    www = allow_all(RawServer("www.round28.test", "127.0.51.41"))
    src = allow_all(RawServer("src.round28.test", "127.0.51.40"))
    port = www.port
    forms = {"dots": "www\uff0eround28\uff0etest", "letters": "\uff37\uff37\uff37.round28.test",
             "ideographic": "www\u3002round28.test", "softhyphen": "www.round\u00ad28.test", "upper": "WWW.ROUND28.TEST",
             "badpuny": "xn--a.round28.test"}
    for key, host in forms.items():
        src.route(f"/{key}", lambda r, key=key, host=host: moved(f"http://{host}:{port}/to-{key}".encode()))
        www.route(f"/to-{key}", lambda r, key=key: http_reply(page(key)))
    with src, www:
        done = fetch(tmp_path, [src.url(f"/{k}") for k in forms], [src, www])
    rows = rows_by_key(tmp_path)
    for key in ("dots", "letters", "ideographic", "softhyphen", "upper"):
        assert rows[key]["state"] == "captured", (key, rows[key], done.stdout[-2000:])
        assert rows[key]["final_url"] == www.url(f"/to-{key}"), rows[key]
    assert rows["badpuny"]["state"] == "failed" and "unusable Location" in rows["badpuny"]["reason"], rows["badpuny"]
    assert "/to-badpuny" not in [q.path for q in www.requests]
    assert all(q.headers["host"] == f"www.round28.test:{port}" for q in www.requests), www.requests
    uris = {rec.uri for rec in all_records(tmp_path / "warcs") if rec.type == "response"}
    assert {www.url(f"/to-{k}") for k in ("dots", "letters", "upper")} <= uris, uris
    assert_archive_sound(tmp_path / "warcs")


# -- right already: stacked and odd Content-Encodings ------------------------------------------------------------------------

def coded(coding: str, body: bytes) -> Reply:
    return Reply([f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: {coding}\r\n"
                  f"Content-Length: {len(body)}\r\n\r\n".encode() + body])


def gzip_with_name(data: bytes) -> bytes:
    """A gzip member with the FNAME flag and a file name in its header (as ``gzip file.html`` writes it)."""
    deflated = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = deflated.compress(data) + deflated.flush()
    return (b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\xff" + b"index.html\x00" + raw
            + zlib.crc32(data).to_bytes(4, "little") + len(data).to_bytes(4, "little"))


CODED = {
    "gzip-br": ("gzip, br", lambda b: brotli.compress(gzip.compress(b))),
    "br-gzip": ("br, gzip", lambda b: gzip.compress(brotli.compress(b))),
    "gzip-zstd": ("gzip, zstd", lambda b: zstandard.ZstdCompressor().compress(gzip.compress(b))),
    "zlib": ("deflate", zlib.compress),
    "identity-gzip": ("identity, gzip", gzip.compress),
    "upper": ("X-GZIP", gzip.compress),
    "empty": ("", lambda b: b),
    "comma": ("gzip,", gzip.compress),
    "fname": ("gzip", gzip_with_name),
}


def test_stacked_and_oddly_written_content_codings_are_stored_as_served_and_extracted(tmp_path):
    """``gzip, br``, ``br, gzip``, ``gzip, zstd`` (two codings, undone last first), ``deflate`` as zlib, ``identity,
    gzip``, ``X-GZIP``, an empty ``Content-Encoding``, ``gzip,`` (an empty list member) and a gzip member with a
    file name in its header: each stored as served (the record's payload is the coded bytes, its header line kept),
    passes ``warcio check`` and is extracted to the page's text."""
    srv = allow_all(RawServer("coded.round28.test", "127.0.51.42"))
    served = {key: make(page(key)) for key, (_, make) in CODED.items()}
    for key, (coding, _) in CODED.items():
        srv.route(f"/{key}", lambda r, key=key, coding=coding: coded(coding, served[key]))
    with srv:
        done = fetch(tmp_path, [srv.url(f"/{k}") for k in CODED], [srv])
    extracted = extract(tmp_path)
    rows = rows_by_key(tmp_path)
    assert all(rows[k]["state"] == "captured" for k in CODED), (rows, done.stdout[-2000:])
    stored = {rec.uri.rsplit("/", 1)[1]: rec for rec in all_records(tmp_path / "warcs") if rec.type == "response"}
    for key, (coding, _) in CODED.items():
        assert stored[key].raw_payload == served[key], key
        assert dict(stored[key].http_headers).get("Content-Encoding", "") == coding, (key, stored[key].http_headers)
        assert f"The last words of {key}." in clean_text(tmp_path, key), (key, extracted.stdout[-1000:])
    assert_archive_sound(tmp_path / "warcs")


# -- right already: informational responses, and a server that answers before it is asked -------------------------------------

def interim(*heads: bytes):
    def answer(r):
        body = page(r.path[1:])
        return Reply([b"".join(heads) + b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n"
                      % len(body) + body])
    return answer


def test_informational_responses_of_every_kind_before_the_page_leave_the_page_whole(tmp_path):
    """``102 Processing``, an unregistered ``199``, a ``100 Continue`` carrying ``Content-Length: 5`` (a 1xx has no
    body: RFC 9110 section 15.2), two ``103 Early Hints`` with ``Link`` fields, ``HTTP/1.0 100 Continue``: each
    page after them captured whole, the record's status 200 and no 1xx bytes in it. A ``101 Switching Protocols``
    to a GET that asked no upgrade fails with its status, nothing archived as the page (as Chromium refuses it)."""
    srv = allow_all(RawServer("interim.round28.test", "127.0.51.43"))
    heads = {"processing": [b"HTTP/1.1 102 Processing\r\n\r\n"], "unregistered": [b"HTTP/1.1 199 Odd\r\n\r\n"],
             "withlength": [b"HTTP/1.1 100 Continue\r\nContent-Length: 5\r\n\r\n"],
             "hints": [b"HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n",
                       b"HTTP/1.1 103 Early Hints\r\nLink: </t.js>; rel=preload\r\n\r\n"],
             "old": [b"HTTP/1.0 100 Continue\r\n\r\n"], "switching": [b"HTTP/1.1 101 Switching Protocols\r\n\r\n"]}
    for key, lines in heads.items():
        srv.route(f"/{key}", interim(*lines))
    with srv:
        done = fetch(tmp_path, [srv.url(f"/{k}") for k in heads], [srv])
    rows = rows_by_key(tmp_path)
    stored = {rec.uri.rsplit("/", 1)[1]: rec for rec in all_records(tmp_path / "warcs") if rec.type == "response"}
    for key in ("processing", "unregistered", "withlength", "hints", "old"):
        assert rows[key]["state"] == "captured" and rows[key]["http_status"] == 200, (key, rows[key], done.stdout)
        assert stored[key].http_status == 200 and stored[key].raw_payload == page(key), key
    assert rows["switching"]["state"] == "failed" and rows["switching"]["reason"] == "HTTP 101 Switching Protocols"
    assert "switching" not in stored or stored["switching"].http_status == 101, stored.get("switching")
    assert_archive_sound(tmp_path / "warcs")


class EagerServer:
    """Writes its whole answer as soon as a connection opens, before any request (then reads the request, or
    closes without reading it: ``rude``)."""

    def __init__(self, address: str, rude: bool):
        import socket
        import threading

        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((address, 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.address = address
        self.rude = rude
        self.heard: list[bytes] = []
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        import time

        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            body = page("eager")
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
            if not self.rude:
                conn.settimeout(5)
                time.sleep(0.2)
                try:
                    self.heard.append(conn.recv(65536))
                except OSError:
                    pass
            conn.close()

    def close(self) -> None:
        self.sock.close()


def test_a_server_answering_before_the_request_is_read_as_the_answer(tmp_path):
    """A server that writes its 200 as the connection opens, before the request comes (then reads it, or closes
    without reading it): the page is captured whole either way, the request record is the request sent, and the
    polite server saw one request."""
    polite, rude = EagerServer("127.0.51.44", rude=False), EagerServer("127.0.51.45", rude=True)
    try:
        done = fetch(tmp_path, [f"http://polite.round28.test:{polite.port}/eager",
                                f"http://rude.round28.test:{rude.port}/eager"], [],
                     "--resolve", f"polite.round28.test:{polite.port}:127.0.51.44",
                     "--resolve", f"rude.round28.test:{rude.port}:127.0.51.45", "--ignore-robots")
    finally:
        polite.close()
        rude.close()
    rows = {r["url"]: dict(r) for r in catalog_rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT * FROM captures")}
    assert all(r["state"] == "captured" for r in rows.values()) and len(rows) == 2, (rows, done.stdout[-2000:])
    polite.thread.join(timeout=10)  # (its accept loop ends with the listening socket; a read under way finishes)
    assert len(polite.heard) >= 1 and polite.heard[0].startswith(b"GET /eager HTTP/1.1\r\n"), polite.heard
    records = all_records(tmp_path / "warcs")
    assert sum(1 for r in records if r.type == "response" and r.raw_payload == page("eager")) == 2
    assert sum(1 for r in records if r.type == "request") == 2
    assert_archive_sound(tmp_path / "warcs")


# -- right already: a meta charset HTML's prescan overrides ------------------------------------------------------------------

def test_a_meta_charset_of_utf_16_or_x_user_defined_is_read_as_the_html_standard_says(tmp_path):
    """A page of UTF-8 bytes declaring ``<meta charset="utf-16">`` (the prescan takes it as UTF-8: an ASCII-
    compatible page cannot be UTF-16) and a page of windows-1252 bytes declaring ``x-user-defined`` (the prescan
    takes it as windows-1252): each extracted with its accented words right."""
    srv = allow_all(RawServer("charset.round28.test", "127.0.51.46"))
    utf16 = page("utf16").replace(b"<head>", b'<head><meta charset="utf-16">').replace(b"A sentence",
                                                                                       "Ä sëntence".encode())
    xud = page("xud").replace(b"<head>", b'<head><meta charset="x-user-defined">').replace(
        b"A sentence", "Ä sëntence".encode("latin-1"))
    srv.route("/utf16", lambda r: http_reply(utf16, content_type="text/html"))
    srv.route("/xud", lambda r: http_reply(xud, content_type="text/html"))
    with srv:
        fetch(tmp_path, [srv.url("/utf16"), srv.url("/xud")], [srv])
    extract(tmp_path)
    for key in ("utf16", "xud"):
        text = clean_text(tmp_path, key)
        assert f"Ä sëntence of the page {key}" in text, (key, text[:300])
    assert_archive_sound(tmp_path / "warcs")


# -- right already: WARCs other tools write ----------------------------------------------------------------------------------

def chunked_block(body: bytes) -> bytes:
    """An HTTP response block as wget stores it: the chunked framing kept in the record."""
    out = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
    for i in range(0, len(body), 300):
        part = body[i:i + 300]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def test_warcs_other_tools_write_import_and_extract_whole(tmp_path):
    """A record whose block keeps the chunked framing (as wget writes it), a ``WARC-Target-URI`` in angle brackets
    (as the WARC 1.0 standard's examples write it), a ``WARC/1.1`` record with a microsecond ``WARC-Date``, an HTTP
    head with bare LF line ends, and a ``.warc.gz`` of one gzip stream whose first record's ``Content-Length`` is
    200 bytes short: every capture imported under its plain URL and extracted whole; the short one named, the
    record after it read."""
    short = http_block(page("short"))
    files = {
        "wget.warc": warc_record(b"http://a.example/chunked", chunked_block(page("chunked")), 1),
        "angle.warc": warc_record(b"<http://a.example/angle>", http_block(page("angle")), 2),
        "v11.warc": warc_record(b"http://a.example/v11", http_block(page("v11")), 3, version=b"WARC/1.1",
                                date=b"2024-01-01T00:00:00.123456Z"),
        "lf.warc": warc_record(b"http://a.example/lf", b"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: %d"
                               b"\n\n" % len(page("lf")) + page("lf"), 4),
        "short.warc.gz": gzip.compress(warc_record(b"http://a.example/short", short, 5, length=len(short) - 200)
                                       + warc_record(b"http://a.example/after", http_block(page("after")), 6)),
    }
    for name, data in files.items():
        done, extracted, rows, warcs = import_and_extract(tmp_path, name, data)
        out = done.stdout + done.stderr
        assert done.returncode == 0, (name, out)
        keys = ["short", "after"] if name == "short.warc.gz" else [name.split(".")[0]
                                                                    .replace("wget", "chunked")]
        assert set(rows) == {f"http://a.example/{k}" for k in keys}, (name, rows, out)
        for key in keys:
            text = next(p for p in (warcs / "clean").rglob(f"{key}-*.txt") if ".versions" not in p.parts).read_text()
            assert "A sentence of the page" in text and "\r" not in text, (name, key, text[:200])
        if name == "wget.warc":
            assert "The last words of chunked." in text and "12c\n" not in text, text[-300:]
        if name == "short.warc.gz":
            assert "does not end where its Content-Length says" in out, out
        check = warcio_check([tmp_path / name])
        assert name == "short.warc.gz" or check.returncode == 0, (name, check.stdout[-1000:])


# -- fixed: an ARC record whose length is wrong ----------------------------------------------------------------------------

ARC_DESC = b"1 0 Archiver\nURL IP-address Archive-date Content-type Archive-length\n"


def arc_file(records: list[tuple[str, bytes, int]], gzipped: bool) -> bytes:
    """An ARC v1 file: its ``filedesc://`` header, then per ``(URL, HTTP answer, length error)`` a record line whose
    length is the answer's plus the error; one gzip member per record when ``gzipped``."""
    parts = [b"filedesc://crawl.arc 0.0.0.0 20080301120000 text/plain %d\n" % len(ARC_DESC) + ARC_DESC + b"\n"]
    for n, (url, answer, error) in enumerate(records):
        parts.append(f"{url} 127.0.0.1 2008030112{n:02d}00 text/html {len(answer) + error}\n".encode() + answer + b"\n")
    return b"".join(gzip.compress(p, mtime=0) if gzipped else p for p in parts)


def test_an_arc_record_whose_length_is_wrong_is_named_and_the_records_after_it_are_imported(tmp_path):
    """ARC files of three records whose first says a length 50 bytes too long (or too short). Before: a plain
    ARC kept only that record (``the ARC file is damaged after its record 2``, exit 1), a gzip-per-record one none
    (``cut short inside its record 2``); a length too short was imported with warcio's own ``WARNING: Record not
    followed by newline`` on stderr and nothing in the report. Now the plain ARC gives all three (the record the
    length ran into read from its own start), the gzip one the two after it (the record whose length runs past its
    member is named as left out, exit 1), and a wrong length is named in the report, never on stderr."""
    answers = [(f"http://arc.example/{key}", http_block(page(key))) for key in ("one", "two", "three")]
    cases = {"long.arc": (50, False), "longgz.arc.gz": (50, True), "short.arc": (-50, False)}
    for name, (error, gzipped) in cases.items():
        data = arc_file([(url, answer, error if i == 0 else 0) for i, (url, answer) in enumerate(answers)], gzipped)
        done, extracted, rows, _ = import_and_extract(tmp_path, name, data)
        out = done.stdout + done.stderr
        assert "WARNING" not in done.stderr and "Traceback" not in out, (name, done.stderr)
        if name == "longgz.arc.gz":
            assert set(rows) == {"http://arc.example/two", "http://arc.example/three"}, (name, rows, out)
            assert "(http://arc.example/one) is left out: its length runs past the end of its gzip member" in out, out
            assert done.returncode == 1 and "1 file with errors" in out, out
            continue
        assert set(rows) == {url for url, _ in answers}, (name, rows, out)
        assert done.returncode == 0, (name, out)
        assert "record 1 (http://arc.example/one) does not end where its length says" in out, (name, out)
        if name == "long.arc":
            assert "begins inside the record before it" in out, out
        assert "3 extracted" in extracted.stdout, (name, extracted.stdout)
