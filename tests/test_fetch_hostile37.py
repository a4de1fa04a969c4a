"""Hostile input, round 37 (session 42, host45): fetch over sitekit hosts on 127.0.37.2-3.

- A host whose first URLs in the list stall (no head within ``--timeout``) is given up after
  ``--host-timeouts`` timeouts in a row; its good URLs failed "will retry next run", but every later run asked
  the stalling URLs first again and gave the host up again: the good pages were never fetched. URLs that timed
  out last time now wait behind the others (``stalled.TIMEOUTS_LAST``; fails before): the second run captures
  them.
- A page gzipped as it lies on disk (``.html.gz``) served as ``text/html`` without ``Content-Encoding``, and a
  page gzipped twice under one ``Content-Encoding: gzip``: archived as sent, but extraction (and ``diff``'s and
  the watch's page readers) said "not HTML: binary content". The gzip member inside is inflated when it holds a
  page (``decoding.STRAY_GZIP``; fails before); gzip bytes holding no page (a tarball, random bytes) still say
  "binary content", and the WARC keeps the bytes as the server sent them.
"""
from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest
from sitekit import Response, Site, run_archiver, sequence, write_list
from warckit import all_records, assert_archive_sound, catalog_rows, extraction_of

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def article(title: str) -> str:
    return (f"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>"
            + f"The {title.lower()} story has words that a reader keeps. " * 20 + "</p></article></body></html>")


def fetch(site: Site, root: Path, urls: Path, *extra: str):
    return run_archiver("fetch", urls, "--warcs", root / "warcs", "--db", root / "c.db", "--delay", "0",
                        "--retries", "0", "--progress", "never", *extra, *site.client_flags(), cwd=root,
                        timeout=300)


def states(root: Path) -> dict[str, tuple[str, str]]:
    """URL path -> (state, reason) of its newest row."""
    rows = catalog_rows(root / "c.db", "SELECT url, state, reason FROM captures ORDER BY id")
    return {r["url"].rsplit("/", 1)[1]: (r["state"], r["reason"] or "") for r in rows}


def test_a_host_given_up_on_its_first_urls_stalls_loses_no_page_on_the_next_run(tmp_path):
    root = tmp_path
    with Site(root) as site:
        a = site.host("stall.round37.test", address="127.0.37.2")
        a.route("/robots.txt", Response(body="User-agent: *\nAllow: /\n", content_type="text/plain"))
        for n in range(6):
            a.route(f"/slow{n}", Response(body=article("Slow"), delay=6))  # no head within --timeout 2
        for n in range(3):
            a.route(f"/good{n}", Response(body=article(f"Good {n}")))
        site.start()
        urls = write_list(root / "urls.txt", [a.url(f"/slow{n}") for n in range(6)]
                          + [a.url(f"/good{n}") for n in range(3)])
        first = fetch(site, root, urls, "--timeout", "2")
        after_first = states(root)
        second = fetch(site, root, urls, "--timeout", "2")
        after_second = states(root)
        asked = [r.path for r in site.requests if r.path != "/robots.txt"]
    said = first.stdout + first.stderr + second.stdout + second.stderr
    assert "Traceback" not in said
    # the first run: the host given up after 5 stalls, its good pages not asked (as before, and right)
    assert all(after_first[f"good{n}"][0] == "failed" for n in range(3)), after_first
    assert "host stopped answering after 5 timeouts" in after_first["good0"][1]
    # the second run asks them first: captured, nothing lost
    assert all(after_second[f"good{n}"] == ("captured", "") for n in range(3)), after_second
    assert "6 URLs that timed out last time are asked after the others" in second.stdout + second.stderr
    goods = [n for n, p in enumerate(asked) if p.startswith("/good")]
    assert len(goods) == 3, asked  # in run 2 only, before that run's slow URLs (two connections at a time)
    assert sum(p.startswith("/slow") for p in asked[goods[-1]:]) >= 4, asked
    assert after_second["slow0"][0] == "failed" and after_second["slow0"][1].startswith("timeout"), after_second
    assert_archive_sound(root / "warcs")


def test_more_stalling_urls_than_the_host_cut_off_take_no_turns_starving_the_good_page(tmp_path):
    """review49: six stalling URLs, --host-timeouts 2. The URLs a run never reached got a "host stopped
    answering" row, not a timeout, so by the newest row alone they came first next run: groups of stalling
    URLs took turns and good0 was never asked. Ranked by timeouts since the last capture, each run asks
    stalling URLs not yet tried, and run 4 at the latest captures good0."""
    root = tmp_path
    with Site(root) as site:
        a = site.host("turns.round37.test", address="127.0.50.2")
        a.route("/robots.txt", Response(body="User-agent: *\nAllow: /\n", content_type="text/plain"))
        for n in range(6):
            a.route(f"/slow{n}", Response(body=article("Slow"), delay=4))  # no head within --timeout 1
        a.route("/good0", Response(body=article("Good 0")))
        site.start()
        urls = write_list(root / "urls.txt", [a.url(f"/slow{n}") for n in range(6)] + [a.url("/good0")])
        runs = [fetch(site, root, urls, "--timeout", "1", "--host-timeouts", "2") for _ in range(4)]
        after = states(root)
    assert not any("Traceback" in r.stdout + r.stderr for r in runs)
    assert after["good0"] == ("captured", ""), after
    timeouts = catalog_rows(root / "c.db", "SELECT url FROM captures WHERE reason LIKE 'timeout%'")
    assert {r["url"].rsplit("/", 1)[1] for r in timeouts} == {f"slow{n}" for n in range(6)}, timeouts


def test_a_list_with_no_timeouts_behind_it_keeps_its_order(tmp_path):
    """Pages that failed last time with an HTTP error (no timeout): no note, all asked again."""
    root = tmp_path
    with Site(root) as site:
        a = site.host("order.round37.test", address="127.0.37.4")
        a.route("/robots.txt", Response(body="User-agent: *\nAllow: /\n", content_type="text/plain"))
        for n in range(3):
            a.route(f"/p{n}", sequence(Response(status=500, body="oops", content_type="text/plain"),
                                       Response(body=article(f"Page {n}"))))
        site.start()
        urls = write_list(root / "urls.txt", [a.url(f"/p{n}") for n in range(3)])
        fetch(site, root, urls, "--timeout", "5")
        second = fetch(site, root, urls, "--timeout", "5")
    assert "timed out last time" not in second.stdout + second.stderr
    assert all(states(root)[f"p{n}"] == ("captured", "") for n in range(3)), states(root)


RANDOM = random.Random(37).randbytes(20_000)
LONG = gzip.compress(("<!doctype html><html><head><title>Cut</title></head><body><article><h1>Cut</h1>" + "".join(
    f"<p>Paragraph {n} of the cut story has words that a reader keeps.</p>" for n in range(300))
    + "<p>THE LAST PARAGRAPH.</p></article></body></html>").encode(), mtime=0)
CUT = LONG[:len(LONG) // 2]


@pytest.fixture(scope="module")
def gz(tmp_path_factory):
    root = tmp_path_factory.mktemp("gz37")
    pages = {
        "/static": Response(body=gzip.compress(article("Static gzip").encode(), mtime=0)),  # no Content-Encoding
        "/twice": Response(body=gzip.compress(gzip.compress(article("Twice gzip").encode(), mtime=0), mtime=0),
                           headers=[("Content-Encoding", "gzip")]),
        "/blob": Response(body=gzip.compress(RANDOM, mtime=0)),  # gzip of no page, as text/html
        "/plain": Response(body=article("Plain page")),
        # review49: a .html.gz cut short by the server, sent without and with Content-Encoding
        "/cutstray": Response(body=CUT),
        "/cutdeclared": Response(body=CUT, headers=[("Content-Encoding", "gzip")]),
        # review49: a .html.gz whose page inflates past the extraction limit (32 MiB): too large, not binary
        "/huge": Response(body=gzip.compress(article("Huge").encode() + b"<p>more</p>" * (3 << 20), mtime=0)),
    }
    with Site(root) as site:
        b = site.host("gz.round37.test", address="127.0.37.3")
        b.route("/robots.txt", Response(body="User-agent: *\nAllow: /\n", content_type="text/plain"))
        b.routes_from(pages)
        site.start()
        urls = write_list(root / "urls.txt", [b.url(p) for p in pages])
        out = fetch(site, root, urls, "--timeout", "10")
    ex = run_archiver("extract", "--warcs", root / "warcs", "--db", root / "c.db", "--clean", root / "clean",
                      cwd=root, timeout=300)
    return root, out.stdout + out.stderr, ex.stdout + ex.stderr


def test_a_gzip_file_served_as_the_page_is_read(gz):
    root, out, said = gz
    assert "Traceback" not in out + said
    error, text = extraction_of(root, "/static")
    assert error is None and text and "The static gzip story has words" in text, (error, said)
    error, text = extraction_of(root, "/twice")
    assert error is None and text and "The twice gzip story has words" in text, (error, said)
    error, text = extraction_of(root, "/plain")
    assert error is None and text and "The plain page story" in text


def test_gzip_bytes_of_no_page_are_still_binary(gz):
    root, out, said = gz
    error, text = extraction_of(root, "/blob")
    assert text is None and "binary content" in (error or said), (error, said)


def test_a_stray_gzip_cut_short_is_an_error_as_a_declared_one_is(gz):
    """review49: the undeclared one was extracted as half an article, silently (fails before)."""
    root, out, said = gz
    declared, text = extraction_of(root, "/cutdeclared")
    assert text is None and "gzip body cut short" in (declared or ""), (declared, said)
    stray, text = extraction_of(root, "/cutstray")
    assert text is None and "gzip body cut short" in (stray or ""), (stray, said)


def test_a_stray_gzip_page_past_the_limit_is_too_large_not_binary(gz):
    """review49: past the limit the page inside was "not HTML: binary content" (fails before)."""
    root, out, said = gz
    error, text = extraction_of(root, "/huge")
    assert text is None and "page too large" in (error or "") and "binary" not in (error or ""), (error, said)


def test_the_archive_keeps_the_bytes_as_sent(gz):
    root = gz[0]
    [rec] = [r for r in all_records(root / "warcs") if r.type == "response" and r.uri.endswith("/static")]
    assert rec.raw_payload[:3] == b"\x1f\x8b\x08"  # not rewritten: replay shows what the server sent
    assert rec.http_header("Content-Encoding") is None
    assert_archive_sound(root / "warcs")


def test_diffs_page_reader_reads_it_too(gz):
    from archiver.diff.capture import read_page_html

    root = gz[0]
    row = catalog_rows(root / "c.db", "SELECT warc_file, warc_offset FROM captures WHERE url LIKE '%/static'")[0]
    html = read_page_html(root / "warcs" / row["warc_file"], row["warc_offset"])
    assert html is not None and "The static gzip story" in html
