"""Hostile servers, round 21 (session 28, host21).

Each probe is a real server on loopback (rawkit, or h2kit: TLS with a trustme certificate, ALPN ``h2``) on
127.0.25.1-127.0.25.60 and real ``archiver fetch`` / ``extract`` runs; each test reads the catalog, the WARC
files (warcio record by record and ``warcio check``) and the servers' logs. What round 21 tried that was
already right is listed in tests/HOSTILE.md (round 21's table), not repeated here.

Fixed here:

- a ``Content-Encoding: zstd`` body the server sent whole (its ``Content-Length`` met) but whose zstd frame stops
  before its end: extraction read what the stream reader gave without a word, an empty body ("skipped: empty
  body") for a frame cut in its one block, a page cut short for a longer one. It now fails as a cut gzip or br
  body does: "zstd body cut short: its stream stops before its end ...";
- an HTTP/2 response's trailer section (a HEADERS frame after the body): httpcore drops it, so the fields were
  lost over HTTP/2 while kept over HTTP/1.1 (round 10). They now end the stored header block as
  ``X-Archive-Trailer-NAME`` lines, the block digest over it, as on the HTTP/1.1 paths.
"""
from __future__ import annotations

import pytest
from h2kit import H2Server
from rawkit import RawServer, Reply, http_reply
from sitekit import run_archiver, write_list
from warckit import assert_archive_sound, catalog_rows, responses, rows_by_key

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def page(key: str, sentences: int = 12) -> bytes:
    return ("<!doctype html><html><head><title>Round21 " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * sentences
            + f"</p><p>The last words of {key}.</p></article></body></html>").encode()


def whole(body: bytes, *lines: str) -> Reply:
    head = ["HTTP/1.1 200 OK", "Content-Type: text/html; charset=utf-8", *lines, f"Content-Length: {len(body)}"]
    return Reply([("\r\n".join(head) + "\r\n\r\n").encode() + body])


def fetch_raw(root, srv: RawServer, paths: list[str], *extra: str):
    srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    urls = write_list(root / "urls.txt", [srv.url(p) for p in paths])
    return run_archiver("fetch", urls, "--warcs", root / "warcs", "--delay", "0", "--retries", "0", "--timeout", "10",
                        "--progress", "never", "--resolve", srv.resolve, *extra, cwd=root, timeout=300)


def extract(root):
    return run_archiver("extract", "--warcs", root / "warcs", "--clean", root / "clean", "--jobs", "1",
                        "--progress", "never", cwd=root, timeout=300)


def extractions(root) -> dict[str, dict]:
    rows = catalog_rows(root / "warcs" / "catalog.sqlite3", "SELECT * FROM extractions ORDER BY capture_id")
    return {r["url"].rsplit("/", 1)[1]: dict(r) for r in rows}


def test_a_zstd_body_cut_short_fails_extraction_as_a_cut_gzip_body_does(tmp_path):
    """/one: a page in one zstd block, its frame's last 10 bytes left out (before: "skipped: empty body");
    /many: 300 KB of text in several blocks, cut halfway (before: extracted as the first blocks' text, no
    word of the rest); /whole: the same page whole, and /two: two whole frames (RFC 8878), extracted."""
    zstandard = pytest.importorskip("zstandard")

    def zstd(data: bytes) -> bytes:
        return zstandard.ZstdCompressor().compress(data)

    big = page("many", sentences=4000)
    bodies = {"one": zstd(page("one"))[:-10], "many": zstd(big)[: len(zstd(big)) // 2], "whole": zstd(big),
              "two": zstd(page("two")[:300]) + zstd(page("two")[300:])}
    with RawServer("zstd.round21.test", "127.0.25.1") as srv:
        for key, body in bodies.items():
            srv.route(f"/{key}", lambda r, body=body: whole(body, "Content-Encoding: zstd"))
        run = fetch_raw(tmp_path, srv, [f"/{k}" for k in bodies])
    assert run.returncode == 0, run.stdout + run.stderr
    rows = rows_by_key(tmp_path)
    assert all(rows[k]["state"] == "captured" for k in bodies), rows
    got = responses(tmp_path)
    for key, body in bodies.items():  # archived as sent
        assert got[key][0].raw_payload == body, key
    done = extract(tmp_path)
    out = done.stdout + done.stderr
    assert "Traceback" not in out, out
    ex = extractions(tmp_path)
    for key in ("one", "many"):
        assert ex[key]["text_path"] is None, ex[key]
        assert ex[key]["error"].startswith("zstd body cut short: its stream stops before its end ("), ex[key]
        assert f"extract failed {srv.url('/' + key)}: zstd body cut short" in out, out
    assert "empty body" not in out, out
    for key in ("whole", "two"):
        assert ex[key]["error"] is None and ex[key]["title"] == f"Round21 {'many' if key == 'whole' else key}", ex[key]
        text = (tmp_path / "clean" / ex[key]["text_path"]).read_text()
        assert f"The last words of {'many' if key == 'whole' else key}." in text, text[-300:]
    assert_archive_sound(tmp_path / "warcs")


def test_an_http2_trailer_section_is_kept_as_over_http11(tmp_path):
    """/trailers ends its stream with a HEADERS frame of two fields after the body (no content-length);
    /plain has none. Before: the fields were dropped (httpcore ignores h2's TrailersReceived)."""
    body = page("trailers")

    def with_trailers(conn, sid) -> bool:
        conn.send_headers(sid, [(":status", "200"), ("content-type", "text/html")])
        conn.send_data(sid, body[:500])
        conn.send_data(sid, body[500:])
        conn.send_headers(sid, [("x-digest", "sha-256=abc"), ("server-timing", "edge;dur=12")], end_stream=True)
        return True

    with H2Server("h2.round21.test", "127.0.25.2", page("plain"), tmp_path) as srv:
        srv.route("/trailers", with_trailers)
        urls = write_list(tmp_path / "urls.txt", [srv.url("/trailers"), srv.url("/plain")])
        run = run_archiver("fetch", urls, "--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0",
                           "--timeout", "10", "--progress", "never", "--resolve", srv.resolve, "--ca-bundle",
                           srv.ca_file, "--per-host", "1", cwd=tmp_path, timeout=300)
        asked = list(srv.asked)
    out = run.stdout + run.stderr
    assert run.returncode == 0 and "Traceback" not in out, out
    assert ("/trailers", "h2") in asked and ("/plain", "h2") in asked, asked
    rows = rows_by_key(tmp_path)
    assert rows["trailers"]["state"] == "captured" and rows["trailers"]["reason"] is None, rows["trailers"]
    got = responses(tmp_path)
    rec = got["trailers"][0]
    assert rec.headers["WARC-Protocol"] == "h2" and rec.raw_payload == body, rec.headers
    assert [(k, v) for k, v in rec.http_headers if k.startswith("X-Archive-Trailer-")] == [
        ("X-Archive-Trailer-x-digest", "sha-256=abc"), ("X-Archive-Trailer-server-timing", "edge;dur=12")]
    assert not [k for k, _ in got["plain"][0].http_headers if k.startswith("X-Archive-Trailer-")]
    assert_archive_sound(tmp_path / "warcs")  # the block digests check with the lines added


def test_a_list_with_classic_mac_line_ends_is_read_line_by_line(tmp_path):
    """A list whose lines end in a CR alone (Excel for Mac's "CSV (Macintosh)", old editors), one line of it a
    note. Before: the whole file one line, "LIST:1: not a URL (contains whitespace other than spaces)", exit 1,
    nothing fetched."""
    with RawServer("lines.round21.test", "127.0.25.3") as srv:
        for key in ("a", "b", "c"):
            srv.route(f"/{key}", lambda r, key=key: http_reply(page(key)))
        srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
        listed = tmp_path / "urls.txt"
        listed.write_bytes(b"\r".join([srv.url("/a").encode(), b"# a note", srv.url("/b").encode(), b"",
                                       b"Budget story", srv.url("/c").encode()]) + b"\r")
        run = run_archiver("fetch", listed, "--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0",
                           "--timeout", "10", "--progress", "never", "--resolve", srv.resolve, cwd=tmp_path,
                           timeout=300)
        asked = sorted(r.path for r in srv.requests)
    out = run.stdout + run.stderr
    assert "whitespace" not in out and "Traceback" not in out, out
    assert f"{listed}:5: not a URL" in out, out  # numbered as an editor numbers the lines
    assert "3 to fetch" in out and "1 bad line" in out, out
    assert asked == ["/a", "/b", "/c", "/robots.txt"], asked
    rows = rows_by_key(tmp_path)
    assert {k: (rows[k]["state"], rows[k]["list_line"]) for k in ("a", "b", "c")} == {
        "a": ("captured", 1), "b": ("captured", 3), "c": ("captured", 6)}, rows
    assert_archive_sound(tmp_path / "warcs")


# -- the archive changing under a run (archiver.folder_watch) ---------------------------------------------------

PAGES = [f"/p{i}" for i in range(12)]


def serve_pages(srv: RawServer, act, at: str = "/p5") -> None:
    """Every page of PAGES; the request for ``at`` first calls ``act()`` (the change, made while the run is
    under way: the pages before it are recorded, the ones after it not yet asked)."""
    def handler(req):
        if req.path == at and req.hit == 1:
            act()
        return http_reply(page(req.path.strip("/")))
    for path in PAGES:
        srv.route(path, handler)


def fetch_pages(root, srv: RawServer, warcs):
    srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    urls = write_list(root / "urls.txt", [srv.url(p) for p in PAGES])
    return run_archiver("fetch", urls, "--warcs", warcs, "--delay", "0", "--retries", "0", "--timeout", "10",
                        "--progress", "never", "--per-host", "1", "--resolve", srv.resolve, cwd=root, timeout=300)


def pages_asked(srv: RawServer) -> list[str]:
    return [r.path for r in srv.requests if r.path != "/robots.txt"]


def assert_rows_point_at_files(warcs) -> None:
    for row in catalog_rows(warcs / "catalog.sqlite3", "SELECT * FROM captures WHERE state = 'captured'"):
        assert (warcs / row["warc_file"]).is_file(), dict(row)


def test_the_warc_file_deleted_mid_run_stops_the_run_and_its_captures_are_fetched_again(tmp_path):
    """The ``.open`` WARC file is deleted (a clean-up job) while the 6th of 12 pages is asked. Before: the run
    wrote the other pages into the deleted file, recorded all 12 as captured, failed only at its end
    (``cannot write ...open: No such file or directory``, exit 2), and the next run skipped all 12."""
    warcs = tmp_path / "warcs"

    def delete() -> None:
        for path in warcs.glob("*.open"):
            path.unlink()

    with RawServer("gone.round21.test", "127.0.25.4") as srv:
        serve_pages(srv, delete)
        first = fetch_pages(tmp_path, srv, warcs)
        asked_first = pages_asked(srv)
        second = fetch_pages(tmp_path, srv, warcs)
    out = first.stdout + first.stderr
    assert first.returncode == 1 and "Traceback" not in out, out
    assert "was deleted during the run" in out and "the next run fetches them again" in out, out
    assert len(asked_first) < len(PAGES), asked_first  # stopped, not fetched to the end into a lost file
    rows = catalog_rows(warcs / "catalog.sqlite3", "SELECT * FROM captures ORDER BY id")
    lost = [r for r in rows if r["reason"] and "was deleted during the run: fetched again next run" in r["reason"]]
    assert lost and all(r["state"] == "failed" for r in lost), [dict(r) for r in rows]
    out2 = second.stdout + second.stderr
    assert second.returncode == 0 and f"{len(PAGES)} to fetch" in out2, out2
    latest = rows_by_key(tmp_path)
    assert all(latest[p.strip("/")]["state"] == "captured" for p in PAGES), latest
    assert_rows_point_at_files(warcs)
    assert_archive_sound(warcs)


def test_the_warc_folder_moved_mid_run_stops_the_run_with_its_file_closed_where_it_went(tmp_path):
    """The WARC folder is renamed while the 6th of 12 pages is asked. Before: the run fetched all 12 into the
    moved file, then failed to close it (exit 2), leaving a ``.open`` file in the moved folder."""
    warcs, moved = tmp_path / "warcs", tmp_path / "warcs-moved"
    with RawServer("moved.round21.test", "127.0.25.5") as srv:
        serve_pages(srv, lambda: warcs.rename(moved))
        first = fetch_pages(tmp_path, srv, warcs)
        asked_first = pages_asked(srv)
        second = fetch_pages(tmp_path, srv, moved)
    out = first.stdout + first.stderr
    assert first.returncode == 1 and "Traceback" not in out, out
    assert "was moved or renamed during the run" in out and f"closed there as {moved}/" in out, out
    assert len(asked_first) < len(PAGES), asked_first
    assert second.returncode == 0, second.stdout + second.stderr
    latest = {r["url"].rsplit("/", 1)[1]: r for r in catalog_rows(moved / "catalog.sqlite3",
                                                                   "SELECT * FROM captures ORDER BY id")}
    assert all(latest[p.strip("/")]["state"] == "captured" for p in PAGES), latest
    assert_rows_point_at_files(moved)
    assert_archive_sound(moved)  # the file the first run wrote was closed: no .open left


def test_the_catalog_deleted_mid_run_stops_the_run_and_reindex_then_a_rerun_resume_it(tmp_path):
    """The catalog (and its WAL) is deleted while the 6th of 12 pages is asked. Before: the run went on
    into the deleted catalog and exited 0, leaving no catalog and saying nothing."""
    warcs = tmp_path / "warcs"

    def delete() -> None:
        for path in warcs.glob("catalog.sqlite3*"):
            path.unlink()

    with RawServer("nocat.round21.test", "127.0.25.6") as srv:
        serve_pages(srv, delete)
        first = fetch_pages(tmp_path, srv, warcs)
        asked_first = pages_asked(srv)
        reindex = run_archiver("reindex", "--warcs", warcs, cwd=tmp_path, timeout=300)
        second = fetch_pages(tmp_path, srv, warcs)
        asked = pages_asked(srv)
    out = first.stdout + first.stderr
    assert first.returncode == 1 and "Traceback" not in out, out
    assert f"the catalog {warcs / 'catalog.sqlite3'} was deleted, moved or replaced during the run" in out, out
    assert "'archiver reindex' rebuilds the catalog" in out, out
    assert len(asked_first) < len(PAGES), asked_first
    assert reindex.returncode == 0, reindex.stdout + reindex.stderr
    assert second.returncode == 0, second.stdout + second.stderr
    assert sorted(asked) == sorted(PAGES), asked  # each page asked once over both runs: none lost, none twice
    latest = rows_by_key(tmp_path)
    assert all(latest[p.strip("/")]["state"] == "captured" for p in PAGES), latest
    assert_rows_point_at_files(warcs)
    assert_archive_sound(warcs)


def test_an_http2_connection_closed_to_new_streams_sends_the_next_requests_on_a_new_one(tmp_path):
    """After answering /first, the server sets ``SETTINGS_MAX_CONCURRENT_STREAMS`` to 0 on its connection (RFC
    9113 section 6.5.2: no new stream for now; a server shedding load). Before: every later URL of the origin
    failed, "protocol error: HTTP/2: TooManyStreamsError: Max outbound streams is 0, 0 open"."""
    import h2.settings

    def then_no_stream(conn, sid) -> bool:
        body = page("first")
        conn.send_headers(sid, [(":status", "200"), ("content-type", "text/html"),
                                ("content-length", str(len(body)))])
        conn.send_data(sid, body, end_stream=True)
        conn.update_settings({h2.settings.SettingCodes.MAX_CONCURRENT_STREAMS: 0})
        return True

    with H2Server("h2s.round21.test", "127.0.25.8", page("next"), tmp_path) as srv:
        srv.route("/first", then_no_stream)
        urls = write_list(tmp_path / "urls.txt", [srv.url(p) for p in ("/first", "/second", "/third")])
        run = run_archiver("fetch", urls, "--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0",
                           "--timeout", "10", "--progress", "never", "--resolve", srv.resolve, "--ca-bundle",
                           srv.ca_file, "--per-host", "1", cwd=tmp_path, timeout=300)
        asked = list(srv.asked)
    out = run.stdout + run.stderr
    assert run.returncode == 0 and "Traceback" not in out and "TooManyStreams" not in out, out
    rows = rows_by_key(tmp_path)
    for key in ("first", "second", "third"):
        assert rows[key]["state"] == "captured" and rows[key]["reason"] is None, rows[key]
    assert [p for p in asked if p[0] != "/robots.txt"] == [("/first", "h2"), ("/second", "h2"), ("/third", "h2")]
    got = responses(tmp_path)
    assert got["second"][0].raw_payload == page("next") and got["first"][0].raw_payload == page("first")
    assert_archive_sound(tmp_path / "warcs")


def test_reindex_while_a_fetch_runs_waits_its_turn_instead_of_replacing_the_catalog(tmp_path):
    """``archiver reindex`` started (by a user, a cron job) while a fetch of 12 pages is at its 6th. Before:
    reindex replaced the catalog under the fetch (the old one kept aside as ``catalog.sqlite3.replaced-...``),
    left the fetch's ``.open`` WARC file out of the new one, and the fetch's rows went on into the old catalog:
    a catalog that lacked this run's captures. Now reindex takes the archive's lock, as a second fetch does."""
    warcs = tmp_path / "warcs"
    told: list = []

    def reindex_now() -> None:
        told.append(run_archiver("reindex", "--warcs", warcs, cwd=tmp_path, timeout=120))

    with RawServer("busy.round21.test", "127.0.25.11") as srv:
        serve_pages(srv, reindex_now)
        srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
        urls = write_list(tmp_path / "urls.txt", [srv.url(p) for p in PAGES])
        run = run_archiver("fetch", urls, "--warcs", warcs, "--delay", "0", "--retries", "0", "--timeout", "60",
                           "--progress", "never", "--per-host", "1", "--resolve", srv.resolve, cwd=tmp_path,
                           timeout=300)
    assert len(told) == 1
    said = told[0].stdout + told[0].stderr
    assert told[0].returncode == 75 and "archiver: error: the archive is in use: archiver run pid" in said, said
    assert "fetch" in said and "--wait-lock" in said, said
    out = run.stdout + run.stderr
    assert run.returncode == 0 and "Traceback" not in out, out
    assert not list(warcs.glob("catalog.sqlite3.replaced-*")), sorted(p.name for p in warcs.iterdir())
    latest = rows_by_key(tmp_path)
    assert all(latest[p.strip("/")]["state"] == "captured" for p in PAGES), latest
    assert_rows_point_at_files(warcs)
    assert_archive_sound(warcs)
