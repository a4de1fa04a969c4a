"""Issue 12: servers that misbehave, and what the archive must still hold.

One ``archiver fetch`` runs (per module) over real servers on several 127.0.0.x
hosts: sitekit's for well-formed pages, rawkit's for the bytes http.server
cannot send (malformed header lines, more body than Content-Length, raw UTF-8
in a Location, HTTP/1.0 with close). Each test checks one item's outcome, its
reason text, and the WARC files with warcio (and pywb for items 4, 5, 10).
"""
from __future__ import annotations

import base64
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import brotli
import httpx
import pytest
from rawkit import RawServer, Reply, http_reply
from sitekit import Response, Site, archiver_env, run_archiver, write_list
from warckit import (
    all_records,
    assert_archive_sound,
    catalog_rows,
    cdxj_reference,
    pywb_replay,
    warc_files,
    warcio_check,
)

PASSWORD = "pw-Zq81x"  # must appear nowhere but in the request record
ROBOTS_BLOAT = 1 << 30  # the bombs inflate to 1 GiB (over the old 512 MiB gzip limit)
PAGE = "<!doctype html><html><head><title>{0}</title></head><body><article><p>{0}: a page long enough " \
       "to look like an article, with a second sentence.</p></article></body></html>"


def page(title: str) -> str:
    return PAGE.format(title)


def gzip_bomb(prefix: bytes, size: int) -> bytes:
    z = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS + 16)
    out = [z.compress(prefix)]
    block = b"\n" * (1 << 20)
    for _ in range(size >> 20):
        out.append(z.compress(block))
    out.append(z.flush())
    return b"".join(out)


def brotli_bomb(prefix: bytes, size: int) -> bytes:
    c = brotli.Compressor(quality=1)
    out = [c.compress(prefix) if hasattr(c, "compress") else c.process(prefix)]
    block = b"\n" * (1 << 20)
    step = c.compress if hasattr(c, "compress") else c.process
    for _ in range(size >> 20):
        out.append(step(block))
    out.append(c.finish())
    return b"".join(out)


# -- the hostile host's routes ---------------------------------------------------

def raw_routes(srv: RawServer) -> None:
    srv.route("/robots.txt", lambda r: http_reply("no robots here", "404 Not Found", content_type="text/plain"))
    srv.route("/a//b", lambda r: http_reply(page("Double slash page")))
    srv.route("/a/b", lambda r: http_reply(page("WRONG: collapsed path")))
    # item 5: a Location in raw UTF-8 (í = c3 ad), as some servers send
    srv.route("/utf8-redirect", lambda r: Reply([b"HTTP/1.1 301 Moved Permanently\r\nLocation: "
                                                 + srv.url("/econom").encode() + b"\xc3\xada/page\r\n"
                                                 b"Content-Length: 0\r\n\r\n"]))
    srv.route("/econom%C3%ADa/page", lambda r: http_reply(page("Economia page")))
    # item 7: 5 bytes announced, more sent, on a kept-alive connection
    srv.route("/overlong", lambda r: Reply([b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\n"
                                            b"<html></html>HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nbad"]))
    srv.route("/honest", lambda r: http_reply(page("Honest page")))
    # item 9: one header line with a space before its colon, a quoted line, a line without a colon
    body = page("Malformed headers page").encode()
    srv.route("/malformed", lambda r: Reply([b"HTTP/1.1 200 OK\r\nContent-Type : text/html; charset=utf-8\r\n"
                                             b"\"X-Quoted: yes\"\r\nNoColonHere\r\n"
                                             b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body]))
    # item 10: a cookie check that redirects back to the same URL once the cookie is set
    srv.route("/cookie-check", lambda r: http_reply(page("Behind the cookie check"))
              if "check=1" in r.headers.get("cookie", "") else
              http_reply("", "302 Found", [f"Location: {srv.url('/cookie-check')}", "Set-Cookie: check=1; Path=/"]))
    # item 11: redirects nothing can follow
    srv.route("/js-redirect", lambda r: http_reply("", "302 Found", ["Location: javascript:alert(1)"]))
    srv.route("/bad-host-redirect", lambda r: http_reply("", "301 Moved Permanently", ["Location: http://exa mple/"]))
    # item 8: br whatever Accept-Encoding says
    br_body = brotli.compress(page("Brotli regardless").encode())
    srv.route("/br-always", lambda r: Reply([b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n"
                                             b"Content-Length: " + str(len(br_body)).encode() + b"\r\n\r\n" + br_body]))


def old_routes(srv: RawServer) -> None:
    """item 6: an HTTP/1.0 server that closes after every body (no Content-Length)."""
    def old(body: str, status: str = "200 OK") -> Reply:
        return Reply([f"HTTP/1.0 {status}\r\nContent-Type: text/html\r\n\r\n{body}".encode()], close=True)

    srv.route("/robots.txt", lambda r: old("none", "404 Not Found"))
    srv.route("/old-page", lambda r: old(page("HTTP/1.0 page")))


@dataclass
class Run:
    root: Path
    warcs: Path
    db: Path
    proc: subprocess.CompletedProcess
    urls: dict[str, str]
    site: Site
    raw: RawServer
    old: RawServer
    maxrss_mb: float

    @property
    def output(self) -> str:
        return self.proc.stdout + self.proc.stderr

    def row(self, key: str) -> sqlite3.Row:
        rows = catalog_rows(self.db, "SELECT * FROM captures WHERE list_line = ?", (self.line(key),))
        assert len(rows) == 1, f"{key}: {len(rows)} rows"
        return rows[0]

    def line(self, key: str) -> int:
        return list(self.urls).index(key) + 1


# Linux starts an exec'd process's peak RSS (ru_maxrss) at the RSS of the process it was forked
# from: a child of a pytest process grown to 360 MiB over a whole suite reported 360 MiB, whatever
# it used. So archiver is started by a small Python of its own, which reports the child's wait4 peak.
_PEAK_REPORTER = ("import os, subprocess, sys\n"
                  "child = subprocess.Popen(sys.argv[2:])\n"
                  "_, status, usage = os.wait4(child.pid, 0)\n"
                  "open(sys.argv[1], 'w').write(str(usage.ru_maxrss))\n"
                  "sys.exit(os.waitstatus_to_exitcode(status))\n")


def run_with_rusage(args: list[str], cwd: Path, timeout: float = 300) -> tuple[subprocess.CompletedProcess, float]:
    """Run ``python -m archiver ARGS``; return its result and its own peak RSS in MiB (wait4, taken by
    a small parent process of its own, see ``_PEAK_REPORTER``)."""
    out, err, peak = cwd / "stdout.txt", cwd / "stderr.txt", cwd / "peak-kib.txt"
    with open(out, "wb") as o, open(err, "wb") as e:
        proc = subprocess.Popen([sys.executable, "-c", _PEAK_REPORTER, str(peak), sys.executable, "-m", "archiver",
                                 *map(str, args)], cwd=cwd, env=archiver_env(), stdout=o, stderr=e,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise AssertionError("archiver fetch did not end in time") from None
    done = subprocess.CompletedProcess(args, proc.returncode, out.read_text(), err.read_text())
    return done, int(peak.read_text()) / 1024


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    root = tmp_path_factory.mktemp("hostile")
    site = Site(root / "site")
    bom = site.host("www.bom-robots.test")
    bom.routes_from({
        "/robots.txt": Response(body="\ufeffUser-agent: *\nDisallow: /private/\n", content_type="text/plain"),
        "/private/secret": Response(body=page("Must not be fetched")),
        "/public": Response(body=page("Public page")),
    })
    slow = site.host("crawl-delay.test")
    slow.routes_from({
        "/robots.txt": Response(body="User-agent: *\nCrawl-delay: 3600\n", content_type="text/plain"),
        "/first": Response(body=page("First")), "/second": Response(body=page("Second")),
    })
    prefix = b"User-agent: *\nDisallow: /private/\n"
    gz = site.host("gz-bomb.test")
    gz.routes_from({
        "/robots.txt": Response(body=gzip_bomb(prefix, ROBOTS_BLOAT), content_type="text/plain",
                                headers=[("Content-Encoding", "gzip")]),
        "/private/x": Response(body=page("Must not be fetched")), "/ok": Response(body=page("Gzip-bomb host page")),
    })
    br = site.host("br-bomb.test")
    br.routes_from({
        "/robots.txt": Response(body=brotli_bomb(prefix, ROBOTS_BLOAT), content_type="text/plain",
                                headers=[("Content-Encoding", "br")]),
        "/private/x": Response(body=page("Must not be fetched")), "/ok": Response(body=page("Brotli-bomb host page")),
    })
    secure = site.host("secure.example.test", https=True)
    secure.route("/members/page", lambda req: Response(body=page("Members page"))
                 if req.headers.get("Authorization") else Response(401, body="who?", content_type="text/plain"))
    raw = RawServer("www.hostile.test", "127.0.0.40")
    raw_routes(raw)
    old = RawServer("old.hostile.test", "127.0.0.41")
    old_routes(old)
    site.start()
    raw.start()
    old.start()
    try:
        urls = {
            "bom_private": bom.url("/private/secret"), "bom_public": bom.url("/public"),
            "delay_first": slow.url("/first"), "delay_second": slow.url("/second"),
            "gz_private": gz.url("/private/x"), "gz_ok": gz.url("/ok"),
            "br_private": br.url("/private/x"), "br_ok": br.url("/ok"),
            "double_slash": raw.url("/a//b#!state=1"),
            "utf8_location": raw.url("/utf8-redirect"),
            "overlong": raw.url("/overlong"), "honest": raw.url("/honest"),
            "malformed": raw.url("/malformed"),
            "cookie": raw.url("/cookie-check"),
            "js_redirect": raw.url("/js-redirect"), "bad_host_redirect": raw.url("/bad-host-redirect"),
            "br_always": raw.url("/br-always"),
            "old": old.url("/old-page"),
            "password": secure.url("/members/page").replace("https://", "https://user:" + PASSWORD + "@"),
        }
        list_path = write_list(root / "urls.txt", list(urls.values()))
        warcs, db = root / "warcs", root / "catalog.sqlite3"
        # --retries 0 and --per-host 1: a poisoned kept-alive connection would fail the next page at once
        proc, maxrss = run_with_rusage(
            ["fetch", list_path, "--warcs", warcs, "--db", db, "--delay", "0", "--timeout", "10",
             "--total-timeout", "4", "--retries", "0", "--per-host", "1", "--progress", "never",
             *site.client_flags(), "--resolve", raw.resolve, "--resolve", old.resolve], root)
        yield Run(root, warcs, db, proc, urls, site, raw, old, maxrss)
    finally:
        raw.stop()
        old.stop()
        site.stop()


def test_run_ends_without_traceback_and_every_warc_checks(run):
    assert "Traceback" not in run.output, run.output[-3000:]
    assert run.proc.returncode == 1, run.output[-3000:]  # some URLs fail on purpose
    assert_archive_sound(run.warcs)  # WARC-IP-Address on every response too


def test_index_lines_made_while_writing_equal_cdxj_indexers(run):
    """The writer's CDXJ lines (archiver.cdxj_entries) for odd records: a header line with a space before
    its colon, raw UTF-8 in a Location, br bodies, HTTP/1.0 without Content-Length, 404s, redirects."""
    assert "made while writing" in run.output, run.output[-3000:]
    lines = (run.warcs / "index.cdxj").read_text().splitlines()
    assert lines == cdxj_reference(warc_files(run.warcs))
    assert any('"status": "301"' in line for line in lines) and any('"status": "404"' in line for line in lines)


def test_item1_robots_txt_with_bom_is_obeyed(run):
    assert run.site.hits[("www.bom-robots.test", "/private/secret")] == 0
    row = run.row("bom_private")
    assert row["state"] != "captured" and "robots.txt disallows" in row["reason"]
    assert run.row("bom_public")["state"] == "captured"


def test_item2_crawl_delay_capped_logged_and_first_page_not_delayed(run):
    assert run.row("delay_first")["state"] == run.row("delay_second")["state"] == "captured"
    assert re.search(r"Crawl-delay 3600 s; capped at 4 s", run.output), run.output[-2000:]
    times = sorted(r.time for r in run.site.requests if r.host == "crawl-delay.test")
    robots, first, second = times
    assert first - robots < 3, "the first page waited the Crawl-delay"
    assert 4 - 0.3 <= second - first < 60, second - first  # --total-timeout 4 bounds the 3600 s asked


def test_item3_robots_bombs_read_to_500_kib_only(run):
    for key in ("gz_private", "br_private"):
        row = run.row(key)
        assert row["state"] != "captured" and "robots.txt disallows" in row["reason"], dict(row)
    assert run.site.hits[("gz-bomb.test", "/private/x")] == run.site.hits[("br-bomb.test", "/private/x")] == 0
    assert run.row("gz_ok")["state"] == run.row("br_ok")["state"] == "captured"
    # inflating either bomb whole would take 1 GiB; the run stays far below
    assert run.maxrss_mb < 400, f"peak RSS {run.maxrss_mb:.0f} MiB"


def test_item4_url_requested_as_listed(run):
    paths = [r.path for r in run.raw.requests]
    assert "/a//b" in paths and "/a/b" not in paths and not any("_escaped_fragment_" in p for p in paths)
    row = run.row("double_slash")
    assert row["state"] == "captured" and row["url"] == run.raw.url("/a//b")
    uris = {r.uri for r in all_records(run.warcs) if r.type == "response"}
    assert run.raw.url("/a//b") in uris


def test_item5_location_stored_as_received_and_followed(run):
    row = run.row("utf8_location")
    assert row["state"] == "captured" and row["final_url"] == run.raw.url("/econom%C3%ADa/page")
    assert "/econom%C3%ADa/page" in [r.path for r in run.raw.requests]
    redirect = [r for r in all_records(run.warcs) if r.type == "response" and r.uri == run.raw.url("/utf8-redirect")]
    assert len(redirect) == 1
    with open(run.warcs / redirect[0].file, "rb") as fh:
        fh.seek(redirect[0].offset)
        block = zlib.decompressobj(zlib.MAX_WBITS + 16).decompress(fh.read(redirect[0].length))
    assert b"\r\nLocation: " + run.raw.url("/econom").encode() + b"\xc3\xada/page\r\n" in block, block[:600]


def test_item6_ip_address_recorded_when_server_closes_after_body(run):
    assert run.row("old")["state"] == "captured"
    recs = [r for r in all_records(run.warcs) if r.type == "response" and r.uri.startswith(run.old.url("/"))]
    assert len(recs) == 2  # robots.txt and the page
    assert all(r.headers.get("WARC-IP-Address") == "127.0.0.41" for r in recs), [r.headers for r in recs]


def test_item7_overlong_body_does_not_poison_the_next_page(run):
    assert run.row("overlong")["state"] == "captured"
    honest = run.row("honest")
    assert honest["state"] == "captured" and honest["reason"] is None, dict(honest)
    reqs = {r.path: r for r in run.raw.requests}
    # the honest page went on a new connection: the poisoned one was dropped, not read from
    assert reqs["/honest"].connection != reqs["/overlong"].connection
    body = [r for r in all_records(run.warcs) if r.type == "response" and r.uri == run.raw.url("/overlong")][0]
    assert body.raw_payload == b"<html"  # what Content-Length announced, no more


def test_item8_br_sent_unasked_still_passes_warcio_check(run):
    row = run.row("br_always")
    assert row["state"] == "captured"
    asked = [r for r in run.raw.requests if r.path == "/br-always"][0].headers.get("accept-encoding", "")
    from archiver.fetch.client import warcio_decodes

    assert ("br" in asked) == warcio_decodes("br")
    check = warcio_check(warc_files(run.warcs))
    assert check.returncode == 0 and "br-always" not in check.stderr


def test_item8_br_not_asked_for_when_warcio_cannot_decode_it(tmp_path):
    # Google's brotli alone (no brotlipy): warcio's br decoder breaks, so br must not be asked for
    script = ("import importlib.machinery, importlib.util, sys\n"
              "spec = importlib.machinery.PathFinder.find_spec('brotli')\n"
              "import glob, os\n"
              "path = [p for p in sys.path if p and os.path.exists(os.path.join(p, 'brotli.py'))]\n"
              "if not path: print('SKIP'); sys.exit(0)\n"
              "spec = importlib.util.spec_from_file_location('brotli', os.path.join(path[0], 'brotli.py'))\n"
              "m = importlib.util.module_from_spec(spec); sys.modules['brotli'] = m; spec.loader.exec_module(m)\n"
              "from archiver.fetch.client import accept_encoding\n"
              "print(accept_encoding())\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=archiver_env(),
                         timeout=120)
    if out.stdout.strip() == "SKIP":
        pytest.skip("Google's brotli module is not installed beside brotlipy")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "gzip, deflate"


def test_item9_malformed_header_line_archived_as_received(run):
    row = run.row("malformed")
    assert row["state"] == "captured" and "malformed response headers" in row["reason"], dict(row)
    rec = [r for r in all_records(run.warcs) if r.type == "response" and r.uri == run.raw.url("/malformed")][0]
    assert rec.http_status == 200 and b"Malformed headers page" in rec.raw_payload
    with open(run.warcs / rec.file, "rb") as fh:
        fh.seek(rec.offset)
        block = zlib.decompressobj(zlib.MAX_WBITS + 16).decompress(fh.read(rec.length))
    assert b"Content-Type : text/html; charset=utf-8\r\n\"X-Quoted: yes\"\r\nNoColonHere\r\n" in block


def test_item10_cookie_check_is_not_a_loop(run):
    row = run.row("cookie")
    assert row["state"] == "captured" and row["http_status"] == 200, dict(row)
    hits = [r for r in run.raw.requests if r.path == "/cookie-check"]
    assert len(hits) == 2 and "check=1" in hits[1].headers.get("cookie", "")


def test_item11_unusable_redirect_archived_with_a_reason_naming_it(run):
    for key, where in (("js_redirect", "javascript:alert(1)"), ("bad_host_redirect", "http://exa mple/")):
        row = run.row(key)
        assert row["state"] == "failed", dict(row)
        assert "redirect to unusable Location" in row["reason"] and where in row["reason"], row["reason"]
        assert "InvalidURL" not in row["reason"] or "Location" in row["reason"]
        assert row["http_status"] in (301, 302) and row["warc_file"], dict(row)
        recs = [r for r in all_records(run.warcs) if r.type == "response" and r.uri == run.urls[key]]
        assert len(recs) == 1 and recs[0].offset == row["warc_offset"]


def test_item17_password_never_printed_or_stored_outside_the_request_record(run):
    row = run.row("password")
    assert row["state"] == "captured", dict(row)
    assert row["url"].startswith("https://user:***@secure.example.test")
    assert PASSWORD not in run.output
    db_bytes = b"".join(p.read_bytes() for p in run.root.glob("catalog.sqlite3*"))
    assert PASSWORD.encode() not in db_bytes
    records = all_records(run.warcs)
    holding = [r for r in records if PASSWORD in json.dumps(r.headers) or any(
        PASSWORD in v for _, v in r.http_headers)]
    assert not holding, [(r.type, r.uri) for r in holding]
    req = [r for r in records if r.type == "request" and "secure.example.test" in (r.uri or "")
           and "/members/" in r.uri][0]
    # the request record keeps what was sent
    assert req.http_header("Authorization") == "Basic " + base64.b64encode(f"user:{PASSWORD}".encode()).decode()
    # JSON logs and clean/ sidecars too
    again = run_archiver("fetch", write_list(run.root / "pw.txt", [run.urls["password"]]), "--warcs", run.warcs,
                         "--db", run.db, "--refresh", "--log-format", "json", "--progress", "never",
                         *run.site.client_flags(), cwd=run.root, timeout=180)
    assert again.returncode == 0 and PASSWORD not in again.stdout + again.stderr, again.stdout + again.stderr
    extract = run_archiver("extract", "--warcs", run.warcs, "--db", run.db, "--clean", run.root / "clean",
                           "--progress", "never", "--jobs", "1", cwd=run.root, timeout=300)
    assert PASSWORD not in extract.stdout + extract.stderr
    for path in (run.root / "clean").rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path


def test_items_4_5_10_replay_in_pywb(run):
    with (pywb_replay(warc_files(run.warcs), run.root / "pywb") as prefix,
          httpx.Client(timeout=60, follow_redirects=True) as client):
            got = client.get(prefix + run.raw.url("/a//b"))
            assert got.status_code == 200 and "Double slash page" in got.text
            # the redirect as a browser replays it: pywb rewrites the Location into the archive (mp_ mode)
            got = client.get(prefix.replace("/id_/", "/mp_/") + run.raw.url("/utf8-redirect"))
            assert got.status_code == 200 and "Economia page" in got.text, (got.status_code, got.text[:300])
            assert len(got.history) == 1 and got.history[0].status_code == 301
            got = client.get(prefix + run.raw.url("/cookie-check"))
            assert got.status_code == 200 and "Behind the cookie check" in got.text, (got.status_code, got.text[:300])
