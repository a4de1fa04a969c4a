"""Hostile input, round 38 (session 43, host46): a page gzipped as it lies on disk, served under a type that
says nothing of it (``application/octet-stream``, none) or a gzip file's (``application/x-gzip``), over sitekit
hosts on 127.0.38.2-3; ``archiver fetch``, ``extract``, ``search``, ``export --wacz``, the watch's page words.

- Round 37 read a ``.html.gz`` served as ``text/html`` without ``Content-Encoding``, and left the same file
  served as ``application/octet-stream`` as "not HTML: binary content", though archiver reads a plain HTML page
  served as ``application/octet-stream`` (it sniffs it, ``SNIFF_TYPES``). Now the gzip file is inflated under
  those types and a gzip file's when the file inside opens as an HTML page (``decoding.OPAQUE_GZIP``; fails
  before); a gzip of no page (a tarball) stays "binary content", a gzip text file stays no page.
- An HTML page archiver extracted under ``application/octet-stream`` was left out of an exported WACZ's
  ``pages.jsonl``, so ReplayWeb.page's search did not find an article ``archiver search`` finds
  (``wacz_pages.SNIFFED_PAGES``; fails before); a text file (``text/plain``) is still no page there.
"""
from __future__ import annotations

import gzip
import io
import json
import random
import tarfile
import zipfile
from pathlib import Path

import pytest
from sitekit import Response, Site, run_archiver, write_list
from warckit import all_records, assert_archive_sound, catalog_rows, extraction_of

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def article(title: str) -> str:
    word = title.lower().replace(" ", "")
    return (f"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>"
            + f"The {word}story has words that a reader keeps. " * 20 + "</p></article></body></html>")


def gz(data: bytes | str) -> bytes:
    return gzip.compress(data.encode() if isinstance(data, str) else data, mtime=0)


def tarball() -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        data = random.Random(38).randbytes(30_000)
        info = tarfile.TarInfo("data.bin")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


PAGES = {  # path -> (response, the word its text holds, or None for no page)
    "/octet": (Response(body=gz(article("Octet")), content_type="application/octet-stream"), "octetstory"),
    "/xgzip": (Response(body=gz(article("Xgzip")), content_type="application/x-gzip"), "xgzipstory"),
    "/gzip": (Response(body=gz(article("Appgzip")), content_type="application/gzip"), "appgzipstory"),
    "/notype": (Response(body=gz(article("Notype")), content_type=None), "notypestory"),
    # Apache's AddType application/x-gzip and AddEncoding x-gzip on a .html.gz: the coding undone, the type kept
    "/both": (Response(body=gz(article("Bothcoded")), content_type="application/x-gzip",
                       headers=[("Content-Encoding", "x-gzip")]), "bothcodedstory"),
    "/plainoctet": (Response(body=article("Plainoctet"), content_type="application/octet-stream"),
                    "plainoctetstory"),
    "/tarball": (Response(body=tarball(), content_type="application/octet-stream"), None),
    "/textgz": (Response(body=gz("Just a line of text, not a page.\n" * 50), content_type="application/gzip"), None),
}


def fetch(site: Site, root: Path, urls: Path, *extra: str):
    return run_archiver("fetch", urls, "--warcs", root / "warcs", "--db", root / "c.db", "--delay", "0",
                        "--retries", "0", "--progress", "never", "--timeout", "20", *extra, *site.client_flags(),
                        cwd=root, timeout=300)


@pytest.fixture(scope="module")
def fetched(tmp_path_factory):
    root = tmp_path_factory.mktemp("gz38")
    with Site(root) as site:
        a = site.host("gz.round38.test", address="127.0.38.2")
        a.route("/robots.txt", Response(body="User-agent: *\nAllow: /\n", content_type="text/plain"))
        a.routes_from({path: response for path, (response, _) in PAGES.items()})
        b = site.host("text.round38.test", address="127.0.38.3")
        b.route("/robots.txt", Response(body="User-agent: *\nAllow: /\n", content_type="text/plain"))
        b.route("/notes.txt", Response(body="The textnotes file has words a reader keeps.\n" * 20,
                                       content_type="text/plain; charset=utf-8"))
        site.start()
        urls = write_list(root / "urls.txt", [a.url(p) for p in PAGES] + [b.url("/notes.txt")])
        out = fetch(site, root, urls)
    ex = run_archiver("extract", "--warcs", root / "warcs", "--db", root / "c.db", "--clean", root / "clean",
                      "--jobs", "1", cwd=root, timeout=300)
    said = out.stdout + out.stderr + ex.stdout + ex.stderr
    assert "Traceback" not in said, said
    return root, said


@pytest.mark.parametrize("path", [p for p, (_, word) in PAGES.items() if word])
def test_a_gzip_page_under_a_type_that_says_nothing_or_a_gzip_files_is_read(fetched, path):
    root, said = fetched
    error, text = extraction_of(root, path)
    word = PAGES[path][1]
    assert error is None and text and f"The {word} has words" in text, (error, said)


@pytest.mark.parametrize("path", ["/tarball", "/textgz"])
def test_gzip_of_no_page_is_still_no_page(fetched, path):
    root, said = fetched
    error, text = extraction_of(root, path)
    assert text is None and (error or "").startswith("not HTML"), (error, said)


def test_search_finds_it(fetched):
    root, _ = fetched
    out = run_archiver("search", "octetstory", "--db", root / "c.db", "--clean", root / "clean", cwd=root,
                       timeout=120)
    assert "Traceback" not in out.stderr
    assert "/octet" in out.stdout, out.stdout + out.stderr


def test_the_archive_keeps_the_bytes_as_sent(fetched):
    root, _ = fetched
    [rec] = [r for r in all_records(root / "warcs") if r.type == "response" and r.uri.endswith("/octet")]
    assert rec.raw_payload[:3] == b"\x1f\x8b\x08"
    assert rec.http_header("Content-Type") == "application/octet-stream"
    assert_archive_sound(root / "warcs")


def test_the_watchs_page_words_and_diffs_reader_read_it(fetched):
    from archiver.diff.capture import read_page_html
    from archiver.watch.page import page_words

    root, _ = fetched
    for path in ("/octet", "/xgzip"):
        row = catalog_rows(root / "c.db", "SELECT warc_file, warc_offset, content_type FROM captures "
                           "WHERE url LIKE ?", ("%" + path,))[0]
        words = page_words(root / "warcs", row["warc_file"], int(row["warc_offset"]), row["content_type"])
        assert words is not None and "reader" in {w.lower() for w in words}, (path, sorted(words or [])[:20])
        html = read_page_html(root / "warcs" / row["warc_file"], row["warc_offset"])
        assert html is not None and "story has words" in html, path


def test_the_exported_wacz_lists_the_page_with_its_text(fetched):
    root, _ = fetched
    target = root / "out.wacz"
    out = run_archiver("export", "--wacz", target, "--warcs", root / "warcs", "--db", root / "c.db", "--clean",
                       root / "clean", cwd=root, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    with zipfile.ZipFile(target) as z:
        pages = [json.loads(line) for line in z.read("pages/pages.jsonl").decode("utf-8").splitlines() if line][1:]
    by_path = {p["url"].rsplit("/", 1)[1]: p for p in pages}
    for path in ("octet", "xgzip", "plainoctet", "notype"):
        assert path in by_path and "story has words" in by_path[path].get("text", ""), (path, sorted(by_path))
    # no page: a tarball, a gzip text file, the robots.txt, a text file archiver read as text
    assert not {"tarball", "textgz", "robots.txt", "notes.txt"} & set(by_path), sorted(by_path)


def sitemap_index(urls: list[str], one_line: bool = False) -> str:
    entries = "".join(f"\n  <sitemap>\n    <loc>{u}</loc>\n    <lastmod>2026-12-01T10:00:00+00:00</lastmod>\n"
                      "  </sitemap>" for u in urls)
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/'
            f'sitemap/0.9">{entries}\n</sitemapindex>\n')
    return text.replace("\n", "") if one_line else text


@pytest.mark.parametrize("one_line", [False, True])
def test_a_sitemap_index_given_as_the_list_names_its_sitemaps_and_fetches_none(tmp_path, one_line):
    """Round 29 left it: a sitemap index (WordPress's sitemap_index.xml) given as the list had its sitemaps
    fetched as pages (XML files archived, no article); each is now a bad line naming the remedy (fails before),
    and the sitemap it names, saved and given as the list, fetches its pages."""
    root = tmp_path
    with Site(root) as site:
        a = site.host("map.round38.test", address="127.0.38.4")
        a.route("/robots.txt", Response(body="User-agent: *\nAllow: /\n", content_type="text/plain"))
        a.route("/post-sitemap.xml", Response(
            body=('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/'
                  f'0.9">\n<url><loc>{a.url("/story")}</loc></url>\n</urlset>\n'),
            content_type="application/xml"))
        a.route("/page-sitemap.xml", Response(body="<urlset/>", content_type="application/xml"))
        a.route("/story", Response(body=article("Mapped")))
        site.start()
        index = root / "sitemap_index.xml"
        index.write_text(sitemap_index([a.url("/post-sitemap.xml"), a.url("/page-sitemap.xml")], one_line))
        first = fetch(site, root, index)
        asked_first = [r.path for r in site.requests if r.path != "/robots.txt"]
        sitemap = root / "post-sitemap.xml"
        sitemap.write_text(a.routes["/post-sitemap.xml"].body_bytes.decode())  # the user saves one, as told
        second = fetch(site, root, sitemap)
    said = first.stdout + first.stderr
    assert "Traceback" not in said + second.stderr
    assert asked_first == [], asked_first  # no sitemap archived as a page
    assert said.count("is a sitemap (this list is a sitemap index") == 2, said
    assert "save the sitemaps you want and give each as the list" in said
    assert "outside <loc>" not in said, said
    assert first.returncode != 0
    assert second.returncode == 0, second.stdout + second.stderr
    rows = catalog_rows(root / "c.db", "SELECT url, state FROM captures")
    assert [(r["url"].rsplit("/", 1)[1], r["state"]) for r in rows] == [("story", "captured")], rows
