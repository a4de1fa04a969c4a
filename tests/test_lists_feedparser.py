"""A feed given as the seed list, read by feedparser (session 37, nu42).

``archiver/feedlist.py`` read feeds with its own regular expressions; it now reads them with feedparser and finds
each link's line by searching the feed's text. The parsing tests call :func:`archiver.lists.read_list` on real files
(what ``fetch`` calls); the last test is a real ``archiver fetch`` of a gzipped ISO-8859-1 Atom feed against a
loopback server (rawkit on 127.0.42.1), reading the catalog and the WARC files.

Fail on the code before: an Atom feed with ``xml:base`` and relative links (each "not a URL (no scheme ...)"); a
feed in ISO-8859-1 (its ``é`` read as UTF-8: ``caf%EF%BF%BD``), gzipped or not. Kept (right before, and still): no entity of the DOCTYPE is expanded (an external one, a
"billion laughs"), at once; a guid that is no URL is no link; bad links are bad lines with their line numbers.
"""
from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest
from rawkit import RawServer, http_reply
from sitekit import run_archiver, write_list
from warckit import all_records, catalog_rows, warc_files, warcio_check

from archiver.lists import read_list

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def seeds_of(path: Path) -> tuple[list[tuple[str, int]], list[tuple[int, str]]]:
    listed = read_list(path)
    return [(s.url, s.line) for s in listed.seeds], [(b.line, b.reason) for b in listed.bad]


def test_atom_with_xml_base_takes_relative_links_resolved_and_numbered_by_their_lines(tmp_path):
    """``xml:base`` on the feed and on an entry: relative ``href``s resolved against it (before: each a bad line,
    no scheme); the ``self``, ``enclosure`` and ``related`` links are not articles; the entry's title that spells
    the link's last segment does not take its line number."""
    feed = write_list(tmp_path / "feed.atom", [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://news.test/world/">',
        '<title>World</title><link rel="self" href="feed.atom"/>',
        "<entry><title>a1</title>",
        '  <link href="a1"/>',
        "</entry>",
        '<entry xml:base="/sport/"><title>Two</title>',
        '  <link rel="enclosure" href="clip.mp3"/>',
        '  <link rel="alternate" type="text/html" href="match?day=1&amp;team=2"/>',
        "</entry>",
        '<entry><title>Three</title><link rel="related" href="elsewhere"/></entry>',
        "</feed>"])
    seeds, bad = seeds_of(feed)
    assert seeds == [("http://news.test/world/a1", 5), ("http://news.test/sport/match?day=1&team=2", 9)], seeds
    assert bad == []


def test_a_feed_of_thousands_of_items_is_read_in_one_pass(tmp_path):
    """Each link's line is looked for between its item's start tag and the next item's (before: from the item to
    the end of the file, with up to eight patterns, so 2,000 RSS items took 37 s and 4,000 over two minutes; now
    about a second). The bound is generous for a busy machine; the line numbers are checked at both ends."""
    n = 4000
    feed = write_list(tmp_path / "feed.rss", [
        '<?xml version="1.0"?>', '<rss version="2.0"><channel><title>x</title><link>https://news.test/</link>',
        *(f"<item><title>Story {i}</title><link>https://news.test/{i}/story</link></item>" for i in range(n)),
        "</channel></rss>"])
    started = time.process_time()
    seeds, bad = seeds_of(feed)
    assert time.process_time() - started < 45
    assert len(seeds) == n and bad == []
    assert seeds[0] == ("https://news.test/0/story", 3) and seeds[-1] == (f"https://news.test/{n - 1}/story", n + 2)


def test_rss_guid_permalinks_entities_and_bad_links_keep_their_line_numbers(tmp_path):
    """A guid that is the item's only link (``isPermaLink`` absent or ``true``) is its link; one that says
    ``false``, or is no URL (an ``urn:``, a number), is none. ``&`` written ``&amp;``, ``&#38;`` or ``&#x26;`` is
    undone; a link in CDATA is taken as written. A link that is no http(s) URL is a bad line with its number, and
    the rest of the feed goes on."""
    feed = write_list(tmp_path / "feed.rss", [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0"><channel><title>Desk</title><link>http://desk.test/</link>',
        "<item><title>guid only</title>",
        "  <guid>http://desk.test/p/1</guid>",
        '</item><item><guid isPermaLink="true">http://desk.test/p/2</guid></item>',
        '<item><guid isPermaLink="false">http://desk.test/p/3</guid></item>',
        "<item><guid>urn:desk:4</guid></item>",
        "<item><guid>12345</guid></item>",
        "<item><link>http://desk.test/q?a=1&amp;b=2</link></item>",
        "<item><link>http://desk.test/q?a=3&#38;b=4</link></item>",
        "<item>",
        "  <link>",
        "    http://desk.test/q?a=5&#x26;b=6",
        "  </link>",
        "</item>",
        "<item><link><![CDATA[http://desk.test/c?x=1&y=2]]></link></item>",
        "<item><link>ftp://desk.test/file</link></item>",
        "<item><link>http://desk.test/last</link></item>",
        "</channel></rss>"])
    seeds, bad = seeds_of(feed)
    assert seeds == [("http://desk.test/p/1", 4), ("http://desk.test/p/2", 5), ("http://desk.test/q?a=1&b=2", 9),
                     ("http://desk.test/q?a=3&b=4", 10), ("http://desk.test/q?a=5&b=6", 13),
                     ("http://desk.test/c?x=1&y=2", 16), ("http://desk.test/last", 18)], seeds
    assert bad == [(17, "unsupported scheme 'ftp' (only http and https)")], bad


def test_a_relative_rss_link_is_resolved_against_the_feed_s_own_link(tmp_path):
    """``<link>/news/s3.html</link>`` (not allowed by RSS, written by some sites): resolved against the channel's
    ``<link>``, the site's page (before: a bad line, "no scheme", on every run of a cron job that saves the feed
    afresh: an alert each time for a line its operator cannot mend). A feed without an http(s) link of its own
    keeps the bad line, with its number."""
    feed = write_list(tmp_path / "feed.rss", [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0"><channel><title>Op news</title><link>http://op.test/home/</link>',
        "<item><title>One</title><link>http://op.test/news/s1.html</link></item>",
        "<item><title>Three</title>", "<link>/news/s3.html</link></item>",
        "<item><title>Four</title><link>s4.html</link></item>",
        "</channel></rss>"])
    assert seeds_of(feed) == ([("http://op.test/news/s1.html", 3), ("http://op.test/news/s3.html", 5),
                               ("http://op.test/home/s4.html", 6)], [])
    alone = write_list(tmp_path / "alone.rss", [
        '<?xml version="1.0" encoding="utf-8"?>', '<rss version="2.0"><channel><title>No link</title>',
        "<item><link>http://op.test/a</link></item>", "<item>", "<link>/b</link></item>", "</channel></rss>"])
    assert seeds_of(alone) == ([("http://op.test/a", 3)], [(5, "not a URL (no scheme; expected http:// or https://)")])


def test_an_iso_8859_1_feed_is_read_in_its_own_encoding(tmp_path):
    """The XML declaration says ISO-8859-1: ``café`` is one character, sent as UTF-8 percent-escapes (before: the
    file was read as UTF-8, the byte E9 a replacement character, ``caf%EF%BF%BD``)."""
    feed = tmp_path / "feed.rss"
    feed.write_bytes("\n".join([
        '<?xml version="1.0" encoding="ISO-8859-1"?>', '<rss version="2.0"><channel><title>Caf\xe9s</title>',
        "<item><title>Le caf\xe9</title>", "<link>http://paris.test/caf\xe9</link></item>",
        "</channel></rss>", ""]).encode("latin-1"))
    seeds, bad = seeds_of(feed)
    assert seeds == [("http://paris.test/caf%C3%A9", 4)] and bad == [], (seeds, bad)


def test_a_utf16_feed_with_its_byte_order_mark(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_bytes("\n".join(['<?xml version="1.0" encoding="UTF-16"?>', '<rss version="2.0"><channel>',
                                "<item><link>http://wide.test/1</link></item>", "</channel></rss>"]).encode("utf-16"))
    assert seeds_of(feed) == ([("http://wide.test/1", 3)], [])


@pytest.mark.parametrize("doctype", [
    # an external entity: a file of this machine
    '<!DOCTYPE rss [\n<!ENTITY secret SYSTEM "file:///etc/passwd">\n]>',
    # a "billion laughs", its declarations on one line (feedparser keeps those: expat expands them up to its limit)
    '<!DOCTYPE rss [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + "]>",
    # the same, one declaration a line
    "<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n" + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)) + "]>",
])
def test_no_entity_of_the_doctype_is_expanded(tmp_path, doctype):
    """The entity is not expanded (no file read, no gigabyte of ``lol``), at once; the reference stays as text in
    the link, and the other items are read."""
    feed = write_list(tmp_path / "feed.rss", [
        '<?xml version="1.0"?>', doctype, '<rss version="2.0"><channel><title>T</title>',
        "<item><link>http://trap.test/a?s=&secret;&lol9;</link></item>",
        "<item><link>http://trap.test/b</link></item>", "</channel></rss>"])
    started = time.monotonic()
    seeds, bad = seeds_of(feed)
    assert time.monotonic() - started < 5
    urls = [url for url, _ in seeds]
    assert urls[-1] == "http://trap.test/b" and all(len(url) < 100 and "root:" not in url for url in urls), urls
    assert all("lollol" not in url for url in urls), urls


def page(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Feed37 " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * 12
            + f"</p><p>The last words of {key}.</p></article></body></html>").encode()


def test_a_gzipped_latin1_atom_feed_fetched_for_real(tmp_path):
    """``feed.atom.gz`` (a feed saved as a server sent it, gzipped), ISO-8859-1, ``xml:base`` and relative links:
    both articles are fetched and catalogued with their feed lines, the feed's own links never asked; a second run
    asks nothing."""
    srv = RawServer("www.feed37.test", "127.0.42.1")
    srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    srv.route("/news/caf%C3%A9", lambda r: http_reply(page("cafe")))
    srv.route("/news/two?a=1&b=2", lambda r: http_reply(page("two")))
    base = srv.url("/news/")
    text = "\n".join([
        '<?xml version="1.0" encoding="ISO-8859-1"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{base}">',
        f'<title>Caf\xe9 news</title><link rel="self" href="{srv.url("/feed.atom")}"/>',
        '<link rel="alternate" href="/"/>',
        "<entry><title>Caf\xe9</title>", '<link href="caf\xe9"/></entry>',
        '<entry><title>Two</title><link href="two?a=1&amp;b=2"/></entry>',
        "</feed>", ""])
    listed = tmp_path / "feed.atom.gz"
    listed.write_bytes(gzip.compress(text.encode("latin-1")))

    def fetch():
        return run_archiver("fetch", listed, "--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0",
                            "--timeout", "10", "--progress", "never", "--resolve", srv.resolve, cwd=tmp_path,
                            timeout=300)

    with srv:
        first, again = fetch(), fetch()
    for out in (first, again):
        assert out.returncode == 0 and "Traceback" not in out.stderr, out.stdout + out.stderr
    assert f"{listed}: 2 to fetch" in first.stdout, first.stdout
    rows = catalog_rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT url, list_line, state FROM captures")
    got = sorted((r["url"], r["list_line"], r["state"]) for r in rows)
    assert got == [(srv.url("/news/caf%C3%A9"), 6, "captured"), (srv.url("/news/two?a=1&b=2"), 7, "captured")], got
    asked = [r.path for r in srv.requests if r.path != "/robots.txt"]
    assert sorted(asked) == ["/news/caf%C3%A9", "/news/two?a=1&b=2"], asked
    responses = sorted(r.uri for r in all_records(tmp_path / "warcs") if r.type == "response")
    assert responses == sorted([srv.url("/news/caf%C3%A9"), srv.url("/news/two?a=1&b=2"), srv.url("/robots.txt")])
    assert warcio_check(warc_files(tmp_path / "warcs")).returncode == 0
