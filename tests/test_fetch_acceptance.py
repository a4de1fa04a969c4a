"""Issue 2 acceptance: one ``archiver fetch`` over a loopback site with every kind of trouble.

The site runs on several 127.0.0.x hosts with real-looking names mapped by
``--resolve``; two of them speak https with a certificate from a trustme CA.
The list mixes good URLs with malformed lines. One fetch runs per module; each
test checks one promise against the catalog, the WARC files (read by warcio
and replayed by pywb) and the servers' own hit counts.
"""
from __future__ import annotations

import gzip
import ipaddress
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sitekit import Response, Site, redirect, run_archiver, sequence, write_list
from warckit import all_records, decoded_payload, open_files, pairing_problems, pywb_replay, warc_files, warcio_check

NEWS, DW, BLOG = "www.example-news.test", "www.dw.com", "blog.example-news.test"
MAX_BODY = 1024 * 1024


def page(title: str, paragraphs: int = 3) -> str:
    body = "".join(f"<p>{title}: paragraph {i} of a test article, long enough to look real.</p>"
                   for i in range(paragraphs))
    return f"<!doctype html><html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
BIG = (b"0123456789abcdef" * 64 + b"\n") * 3 * 1024  # ~3 MiB, over the 1 MiB cap


@dataclass
class Case:
    """One list entry and what must become of it."""

    host: str
    path: str
    state: str
    reason: str | None = None  # regex the catalog reason must match (case-insensitive)
    status: int | None = None
    final_path: str | None = None  # where redirects end


CASES = {
    "html": Case(NEWS, "/", "captured", status=200),
    "gzip": Case(NEWS, "/article/gzip", "captured", status=200),
    "chunked": Case(NEWS, "/article/chunked", "captured", status=200),
    "gzip_chunked": Case(BLOG, "/gz-chunked", "captured", status=200),
    "plain_http": Case(BLOG, "/post", "captured", status=200),
    "chain": Case(NEWS, "/old/1", "captured", status=200, final_path="/article/final"),
    "cross_host": Case(BLOG, "/moved", "captured", status=200, final_path="/en/article-1"),
    "loop": Case(NEWS, "/loop/a", "failed", reason=r"redirect loop"),
    "missing": Case(NEWS, "/missing", "failed", reason=r"\b404\b", status=404),
    "robots": Case(NEWS, "/private/secret", "(failed|skipped)", reason=r"robots"),
    "https_dw": Case(DW, "/en/article-1", "captured", status=200),
    "busy": Case(DW, "/busy", "captured", status=200),
    "flaky": Case(DW, "/flaky", "captured", status=200),
    "stall": Case(DW, "/stall", "failed", reason=r"time(d )?out"),
    "big": Case(DW, "/big", "(failed|captured)", reason=r"too large|truncat"),
    "pdf": Case(DW, "/report.pdf", "captured", status=200),
    "json": Case(DW, "/api/data.json", "captured", status=200),
    "png": Case(BLOG, "/logo.png", "captured", status=200),
    "always_500": Case(BLOG, "/down", "failed", reason=r"\b503\b", status=503),
    "query": Case(NEWS, "/search?q=news&page=2", "captured", status=200),
    "brotli": Case(NEWS, "/article/br", "captured", status=200),
    "deflate": Case(BLOG, "/deflate", "captured", status=200),
    "cut_short": Case(BLOG, "/cut", "failed", reason=r"incomplete|closed|protocol"),
    "trickle": Case(BLOG, "/trickle", "failed", reason=r"time(d )?out"),
}


def build_site(site: Site) -> None:
    news = site.host(NEWS, https=True)
    dw = site.host(DW, https=True)
    blog = site.host(BLOG)
    news.routes_from({
        "/robots.txt": Response(body="User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
        "/": Response(body=page("Front page")),
        "/article/gzip": Response(body=page("Gzipped article", 40), gzip=True),
        "/article/br": Response(body=page("Brotli article", 40), encoding="br", chunked=True),
        "/article/chunked": Response(body=page("Chunked article", 40), chunked=True, chunk_size=500),
        "/old/1": redirect("/old/2", 301),
        "/old/2": redirect("3", 302),  # relative: /old/3
        "/old/3": redirect(news.url("/article/final"), 307),
        "/article/final": Response(body=page("Final article")),
        "/loop/a": redirect("/loop/b"),
        "/loop/b": redirect(news.url("/loop/a")),
        "/private/secret": Response(body=page("Secret")),
        "/search": lambda req: Response(body=page(f"Results for {req.path}")),
    })
    dw.routes_from({
        "/en/article-1": Response(body=page("DW article")),
        "/busy": sequence(Response(429, body="slow down", content_type="text/plain",
                                   headers=[("Retry-After", "1")]),
                          Response(body=page("Busy page"))),
        "/flaky": sequence(Response(500, body="oops", content_type="text/plain"), Response(body=page("Flaky page"))),
        "/stall": Response(body=page("Never in time"), delay=120),
        "/big": Response(body=BIG, content_type="text/plain"),
        "/report.pdf": Response(body=PDF, content_type="application/pdf"),
        "/api/data.json": Response(body='{"ok": true, "items": [1, 2, 3]}', content_type="application/json"),
    })
    blog.routes_from({
        "/post": Response(body=page("Blog post")),
        "/gz-chunked": Response(body=page("Blog gzip chunked", 30), gzip=True, chunked=True, chunk_size=300),
        "/moved": redirect(dw.url("/en/article-1"), 301),
        "/logo.png": Response(body=PNG, content_type="image/png"),
        "/down": Response(503, body="down", content_type="text/plain"),
        "/deflate": Response(body=page("Deflate post", 20), encoding="deflate"),
        "/cut": Response(body=page("Cut short", 50), close_after=500),
        # never 5 s without a byte (--timeout), but far over --total-timeout
        "/trickle": Response(body=b"x" * 6000, content_type="text/plain", chunk_size=100, chunk_delay=1.0),
    })


@dataclass
class Run:
    site: Site
    root: Path
    list_path: Path
    warcs: Path
    db: Path
    proc: object
    urls: dict[str, str]
    bad_lines: dict[int, str]
    extra: dict[str, str]

    @property
    def output(self) -> str:
        return self.proc.stdout + self.proc.stderr

    def rows(self, url: str) -> list[sqlite3.Row]:
        conn = sqlite3.connect(self.db)
        conn.row_factory = sqlite3.Row
        try:
            return conn.execute("SELECT * FROM captures WHERE url = ? ORDER BY id", (url,)).fetchall()
        finally:
            conn.close()

    def query(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        conn = sqlite3.connect(self.db)
        conn.row_factory = sqlite3.Row
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    root = tmp_path_factory.mktemp("acceptance")
    site = Site(root / "site")
    build_site(site)
    site.start()
    try:
        urls = {key: site.hosts[c.host].url(c.path) for key, c in CASES.items()}
        dw = site.hosts[DW]
        closed_port = _closed_port(dw.address)
        extra = {
            # transport failures, with their own reasons
            "refused": f"https://refused.example.test:{closed_port}/",
            "tls": f"https://wrong-name.example.test:{dw.port}/en/article-1",  # cert is for www.dw.com
            "dns": "https://no-such-host.invalid/",
        }
        lines: list[str | bytes] = [
            "\ufeff" + urls["html"],                      # 1: BOM
            "# acceptance list for archiver fetch",      # 2: comment
            "",                                          # 3: blank
            "   " + urls["gzip"] + "   \r",              # 4: whitespace + CRLF
            "ftp://files.example-news.test/pub/a.txt",   # 5: bad scheme
            "this is not a url",                         # 6: garbage
            b"https://" + NEWS.encode() + b"/caf\xe9",   # 7: undecodable (latin-1)
            urls["html"] + "\r",                         # 8: duplicate of line 1
            "mailto:desk@example-news.test",             # 9: bad scheme
            "https://",                                  # 10: no host
            "   # indented comment\r",                   # 11
        ]
        lines += [urls[k] + "\r" for k in CASES if k not in ("html", "gzip")]
        lines += list(extra.values())
        # other spellings of line 1's URL: the same page, fetched once
        news = site.hosts[NEWS]
        lines += [f"HTTPS://WWW.EXAMPLE-NEWS.TEST:{news.port}/", f"{news.origin}/#top"]
        bad_lines = {5: "ftp", 6: "url", 7: "decod|utf", 9: "mailto|scheme", 10: "host|url"}
        list_path = write_list(root / "urls.txt", lines)
        warcs = root / "warcs"
        db = root / "catalog.sqlite3"
        proc = run_archiver(
            "fetch", list_path, "--warcs", warcs, "--db", db, "--delay", "0", "--timeout", "5",
            "--retries", "1", "--retry-after-max", "5", "--max-body", "1M", "--progress", "never",
            "--total-timeout", "6",
            *site.client_flags(), "--resolve", f"refused.example.test:{closed_port}:{dw.address}",
            "--resolve", f"wrong-name.example.test:{dw.port}:{dw.address}",
            cwd=root, timeout=300,
        )
        yield Run(site, root, list_path, warcs, db, proc, urls, bad_lines, extra)
    finally:
        site.stop()


def _closed_port(address: str) -> int:
    import socket

    with socket.socket() as s:
        s.bind((address, 0))
        return s.getsockname()[1]  # closed again when the with ends: nothing listens there


def _norm(url: str) -> str:
    from archiver.lists import normalize_url

    return normalize_url(url)


# -- the run as a whole ---------------------------------------------------------

def test_exit_code_is_1_because_some_urls_failed(run):
    assert run.proc.returncode == 1, run.output


def test_bad_lines_are_reported_with_list_and_line(run):
    for line, why in run.bad_lines.items():
        found = [ln for ln in run.output.splitlines() if re.search(rf"{re.escape(str(run.list_path))}:{line}: ", ln)]
        assert found, f"no '{run.list_path}:{line}: reason' line in output:\n{run.output}"
        assert re.search(why, found[0], re.I), found[0]
    for good in (1, 2, 3, 4, 11):
        assert not re.search(rf"{re.escape(str(run.list_path))}:{good}: ", run.output), \
            f"line {good} is fine but was reported:\n{run.output}"
    # a repeat is no bad line, but it is named with the line it repeats (newuser2: counted, never named)
    repeat = [ln for ln in run.output.splitlines() if f"{run.list_path}:8: " in ln]
    assert len(repeat) == 1 and "duplicate of line 1" in repeat[0], run.output


def test_every_url_ends_in_exactly_one_catalog_row_with_its_state_and_reason(run):
    wrong = []
    for key, case in CASES.items():
        rows = run.rows(_norm(run.urls[key]))
        if len(rows) != 1:
            wrong.append(f"{key}: {len(rows)} rows")
            continue
        row = rows[0]
        if not re.fullmatch(case.state, row["state"]):
            wrong.append(f"{key}: state {row['state']!r} (reason {row['reason']!r}), expected {case.state}")
        if case.reason and not re.search(case.reason, row["reason"] or "", re.I):
            wrong.append(f"{key}: reason {row['reason']!r} does not match /{case.reason}/")
        if case.state == "captured" and row["reason"]:
            wrong.append(f"{key}: captured but has reason {row['reason']!r}")
        if case.status is not None and row["http_status"] != case.status:
            wrong.append(f"{key}: http_status {row['http_status']}, expected {case.status}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("key,reason", [("refused", r"refused"), ("tls", r"TLS|certificate"),
                                        ("dns", r"^DNS: cannot resolve host")])  # not told as a robots.txt matter
def test_transport_failures_have_their_reason(run, key, reason):
    rows = run.rows(_norm(run.extra[key]))
    assert len(rows) == 1, rows
    assert rows[0]["state"] == "failed"
    assert re.search(reason, rows[0]["reason"] or "", re.I), rows[0]["reason"]
    # a site down read 'robots.txt unreachable (refused: connection refused): complete disallow assumed'
    assert "robots.txt" not in rows[0]["reason"], rows[0]["reason"]


def test_summary_lists_the_failures(run):
    out = run.output
    for key in ("loop", "missing", "stall"):
        assert run.urls[key] in out or _norm(run.urls[key]) in out, f"{key} not in summary:\n{out}"


def test_catalog_rows_record_the_list_line(run):
    rows = run.rows(_norm(run.urls["gzip"]))
    assert rows[0]["list_line"] == 4
    assert rows[0]["list_file"] and Path(rows[0]["list_file"]).name == "urls.txt"
    assert run.rows(_norm(run.urls["html"]))[0]["list_line"] == 1


def test_duplicate_and_bom_line_fetched_once(run):
    assert run.site.hits[(NEWS, "/")] == 1


def test_user_agent_names_the_tool(run):
    agents = {r.headers.get("User-Agent", "") for r in run.site.requests}
    assert agents and all(re.search(r"archiver/\d", a) for a in agents), agents


# -- retries, robots, redirects, caps --------------------------------------------

def test_429_and_500_retried_once_then_captured(run):
    assert run.site.hits[(DW, "/busy")] == 2
    assert run.site.hits[(DW, "/flaky")] == 2


def test_permanent_503_tried_retries_plus_one_times(run):
    assert run.site.hits[(BLOG, "/down")] == 2


def test_cut_short_retried_trickle_not_and_neither_archived_as_whole(run):
    assert run.site.hits[(BLOG, "/cut")] == 2
    # a body still dripping at --total-timeout will not come faster: not retried (issue 12, item 14)
    assert run.site.hits[(BLOG, "/trickle")] == 1
    for key in ("cut_short", "trickle"):
        url = _norm(run.urls[key])
        whole = [r for r in all_records(run.warcs) if r.type == "response" and r.uri == url
                 and "WARC-Truncated" not in r.headers]
        assert not whole, f"{key}: a partial body was archived as if complete"


def test_robots_txt_fetched_once_per_host_and_obeyed(run):
    assert run.site.hits[(NEWS, "/private/secret")] == 0
    for host in (NEWS, DW, BLOG):
        assert run.site.hits[(host, "/robots.txt")] == 1, host
    robots = run.query("SELECT * FROM records WHERE capture_id IS NULL AND url = ?",
                       (_norm(run.site.hosts[NEWS].url("/robots.txt")),))
    assert len(robots) == 1 and robots[0]["http_status"] == 200


def test_redirect_chain_archives_every_hop(run):
    row = run.rows(_norm(run.urls["chain"]))[0]
    news = run.site.hosts[NEWS]
    assert row["final_url"] == _norm(news.url("/article/final"))
    hops = run.query("SELECT url, http_status FROM records WHERE capture_id = ? ORDER BY id", (row["id"],))
    assert [h["http_status"] for h in hops] == [301, 302, 307, 200]
    assert [h["url"] for h in hops] == [_norm(news.url(p)) for p in ("/old/1", "/old/2", "/old/3", "/article/final")]
    records = all_records(run.warcs)
    for h in hops:
        assert any(r.type == "response" and r.uri == h["url"] for r in records), h["url"]


def test_cross_host_redirect_lands_on_the_other_host(run):
    row = run.rows(_norm(run.urls["cross_host"]))[0]
    assert row["final_url"] == _norm(run.site.hosts[DW].url("/en/article-1"))


def test_redirect_loop_stops(run):
    assert run.site.hits[(NEWS, "/loop/a")] <= 2 and run.site.hits[(NEWS, "/loop/b")] <= 2


def test_body_over_cap_is_truncated_in_warc(run):
    row = run.rows(_norm(run.urls["big"]))[0]
    assert row["truncated"] == "length"
    assert row["warc_file"], "the truncated response should still be archived"
    rec = [r for r in all_records(run.warcs)
           if r.type == "response" and r.uri == _norm(run.urls["big"])]
    assert len(rec) == 1
    assert rec[0].headers.get("WARC-Truncated") == "length"
    assert 0 < len(rec[0].raw_payload) <= MAX_BODY
    assert BIG.startswith(rec[0].raw_payload)


# -- the WARC files ----------------------------------------------------------------

def test_no_open_files_left_and_warcio_check_passes(run):
    assert not open_files(run.warcs)
    files = warc_files(run.warcs)
    assert files
    result = warcio_check(files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "digest pass" in result.stdout


def test_every_file_opens_with_warcinfo(run):
    from warckit import read_records

    for path in warc_files(run.warcs):
        assert read_records(path)[0].type == "warcinfo", path


def test_every_response_has_its_request_ip_and_digests(run):
    records = all_records(run.warcs)
    assert sum(r.type == "response" for r in records) >= 20
    assert not pairing_problems(records), "\n".join(pairing_problems(records))
    addresses = {h.address for h in run.site.hosts.values()}
    for r in records:
        if r.type == "response":
            ip = r.headers["WARC-IP-Address"]
            assert ipaddress.ip_address(ip).is_loopback and ip in addresses, (r.uri, ip)


def test_catalog_offsets_point_at_the_final_response(run):
    records = {(r.file, r.offset): r for r in all_records(run.warcs)}
    for row in run.query("SELECT * FROM captures WHERE warc_file IS NOT NULL"):
        rec = records.get((row["warc_file"], row["warc_offset"]))
        assert rec is not None, f"{row['url']}: nothing at {row['warc_file']}@{row['warc_offset']}"
        assert rec.uri == row["final_url"] and rec.http_status == row["http_status"]
        assert rec.headers["WARC-Payload-Digest"] == row["payload_digest"]
        assert rec.length == row["warc_length"], row["url"]


@pytest.mark.parametrize("key", ["gzip", "gzip_chunked"])
def test_gzip_body_stored_compressed_and_decodes_to_served_bytes(run, key):
    case = CASES[key]
    row = run.rows(_norm(run.urls[key]))[0]
    rec = [r for r in all_records(run.warcs) if r.file == row["warc_file"] and r.offset == row["warc_offset"]][0]
    assert (rec.http_header("Content-Encoding") or "").lower() == "gzip"
    assert rec.raw_payload[:2] == b"\x1f\x8b", "body should stay gzip-compressed as sent"
    served = run.site.sent[(case.host, case.path)]
    assert gzip.decompress(rec.raw_payload) == served
    assert decoded_payload(run.warcs / row["warc_file"], row["warc_offset"]) == served


@pytest.mark.parametrize("key,encoding", [("brotli", "br"), ("deflate", "deflate")])
def test_br_and_deflate_bodies_stored_as_sent(run, key, encoding):
    import zlib

    import brotli

    case = CASES[key]
    row = run.rows(_norm(run.urls[key]))[0]
    rec = [r for r in all_records(run.warcs) if r.file == row["warc_file"] and r.offset == row["warc_offset"]][0]
    assert (rec.http_header("Content-Encoding") or "").lower() == encoding
    decode = brotli.decompress if encoding == "br" else zlib.decompress
    assert decode(rec.raw_payload) == run.site.sent[(case.host, case.path)]


@pytest.mark.parametrize("key", ["chunked", "gzip_chunked"])
def test_chunked_body_stored_without_transfer_coding(run, key):
    case = CASES[key]
    row = run.rows(_norm(run.urls[key]))[0]
    rec = [r for r in all_records(run.warcs) if r.file == row["warc_file"] and r.offset == row["warc_offset"]][0]
    te = rec.http_header("Transfer-Encoding") or ""
    assert "chunked" not in te.lower(), "a chunked header would make readers de-chunk a de-chunked body"
    assert decoded_payload(run.warcs / row["warc_file"], row["warc_offset"]) == run.site.sent[(case.host, case.path)]


@pytest.mark.parametrize("key", ["pdf", "json", "png", "https_dw", "plain_http"])
def test_payload_is_the_served_bytes(run, key):
    case = CASES[key]
    row = run.rows(_norm(run.urls[key]))[0]
    rec = [r for r in all_records(run.warcs) if r.file == row["warc_file"] and r.offset == row["warc_offset"]][0]
    assert rec.raw_payload == run.site.sent[(case.host, case.path)]
    assert row["content_type"] == {k.lower(): v for k, v in rec.http_headers}["content-type"]


# -- replay by a real client ---------------------------------------------------------

def test_pywb_replays_every_captured_page_with_the_served_body(run):
    captured = run.query("SELECT url, final_url FROM captures WHERE state = 'captured'")
    assert len(captured) == sum(c.state == "captured" for c in CASES.values())
    with pywb_replay(warc_files(run.warcs), run.root / "pywb") as prefix:
        with httpx.Client(timeout=60, trust_env=False) as client:
            wrong = []
            for row in captured:
                final = httpx.URL(row["final_url"])
                served = run.site.sent[(final.host, final.raw_path.decode())]
                resp = client.get(prefix + row["final_url"])
                if resp.status_code != 200 or resp.content != served:
                    wrong.append(f"{row['final_url']}: pywb {resp.status_code}, "
                                 f"{len(resp.content)} bytes vs {len(served)} served: {resp.content[:120]!r}")
    assert not wrong, "\n".join(wrong)


def test_archiver_read_record_returns_the_payload_as_stored(run):
    """The documented contract of archiver.warc_read.read_record: content-encoding left as stored."""
    from archiver.warc_read import read_record

    row = run.rows(_norm(run.urls["gzip"]))[0]
    record, payload = read_record(run.warcs / row["warc_file"], row["warc_offset"])
    assert record.rec_headers.get_header("WARC-Target-URI") == row["final_url"]
    assert gzip.decompress(payload) == run.site.sent[(NEWS, "/article/gzip")]
