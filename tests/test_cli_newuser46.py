"""An operator's polish pass (nu46) over the seed list: what a run says of a list that gives nothing to fetch, and
of a feed's items whose links lead to no web page. ``archiver run`` as a subprocess against a loopback news site
(127.0.46.x), real WARCs and catalog.
"""
from __future__ import annotations

from sitekit import Response, run_archiver

from archiver.lists import parse_lines

HOST = "www.harbour-gazette.test"
PAGE = ("<html><head><title>Bridge to close</title></head><body><article><h1>Bridge to close</h1>"
        "<p>The city council voted on Tuesday to close the old harbour bridge to cars from next spring, ending a "
        "decade of argument over the crumbling structure.</p></article></body></html>")


def run(tmp_path, listing, *extra):
    return run_archiver("run", listing, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--delay", "0",
                        "--retries", "0", "--jobs", "1", "--progress", "never", *extra, cwd=tmp_path)


def test_a_list_of_comments_only_says_there_was_nothing_to_capture(tmp_path):
    """Every URL of the list commented out (a watch list paused): the run said '0 to fetch' and exited 0, nothing
    telling the user the list held no URL at all. It now says so, naming what the lines were; still exit 0 (nothing
    failed: README's exit codes), and an empty file is said to be empty."""
    listing = tmp_path / "urls.txt"
    listing.write_text("# the bridge story\n\n# https://www.harbour-gazette.test/city/bridge\n   \n", encoding="utf-8")
    proc = run(tmp_path, listing)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (f"{listing}: nothing to capture: the list holds no URL (4 lines: 2 comments, 2 blank; a line starting "
            "with # is a comment)") in proc.stdout, proc.stdout
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = run(tmp_path, empty, "--watch")
    assert proc.returncode == 0 and f"{empty}: nothing to capture: the list is empty" in proc.stdout, proc.stdout


def test_feed_links_to_no_web_page_are_said_once_by_item_not_as_bad_lines(site, tmp_path):
    """A site's feed used as the list, with a share button's ``javascript:`` link, a ``mailto:`` and a ``data:``
    pixel as items' links: each was a bad line (``feed.xml:4: unsupported scheme 'javascript'``) and every run of
    the feed exited 1, for a file the user does not write. They are now said in one line, each item named by its
    place and title, and the run's exit code is the fetch's (0); an ``ftp:`` link stays a bad line."""
    news = site.host(HOST, address="127.0.46.21")
    news.route("/city/bridge", Response(body=PAGE))
    site.start()
    feed = tmp_path / "feed.xml"
    feed.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>http://{HOST}/</link>
<item><title>Bridge to close</title><link>{news.url("/city/bridge")}</link></item>
<item><title>Share this story</title><link>javascript:void(0)</link></item>
<item><title>Write to the desk</title><link>mailto:desk@harbour-gazette.test</link></item>
<item><title>Pixel</title><link>data:image/gif;base64,R0lGODlhAQABAIAAAP</link></item>
</channel></rss>
""", encoding="utf-8")
    proc = run(tmp_path, feed, *site.client_flags())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (f'{feed}: 3 feed items link to no web page, not fetched: item 2 "Share this story" (javascript:void(0)), '
            'item 3 "Write to the desk" (mailto:desk@harbour-gazette.test), item 4 "Pixel" '
            "(data:image/gif;base64,R0lGODlhAQABAIAAAP)") in proc.stdout, proc.stdout
    assert "unsupported scheme" not in proc.stdout and "0 bad lines" in proc.stdout, proc.stdout
    assert f"captured 200 {news.url('/city/bridge')}" in proc.stdout, proc.stdout
    seeds, bad, _ = parse_lines(b'<rss version="2.0"><channel><item><link>ftp://host.test/a</link></item>'
                                b"<item><link>javascript:a()</link></item></channel></rss>")
    assert not seeds and [b.reason for b in bad] == ["unsupported scheme 'ftp' (only http and https)"], bad


def test_history_new_only_says_when_nothing_is_new(site, tmp_path):
    """README: ``archiver history URL --new-only`` exits 1 once per new change. The run after, with nothing new,
    printed the list of captures alone, exit 0: nothing said whether the changes were reported before or there
    were none. It now says so on stderr; the exit codes stay 1, then 0."""
    news = site.host(HOST, address="127.0.46.22")
    news.route("/city/bridge", lambda req: Response(body=PAGE if req.hit == 1 else PAGE.replace("Tuesday", "Monday")))
    site.start()
    listing = tmp_path / "urls.txt"
    listing.write_text(news.url("/city/bridge") + "\n", encoding="utf-8")
    assert run(tmp_path, listing, *site.client_flags()).returncode == 0
    assert run(tmp_path, listing, "--refresh", *site.client_flags()).returncode == 0
    args = ["history", news.url("/city/bridge"), "--new-only", "--warcs", tmp_path / "warcs", "--clean",
            tmp_path / "clean"]
    first = run_archiver(*args, cwd=tmp_path)
    assert first.returncode == 1 and "[-Tuesday-]{+Monday+}" in first.stdout, first.stdout + first.stderr
    assert "no new change" not in first.stderr, first.stderr
    again = run_archiver(*args, cwd=tmp_path)
    assert again.returncode == 0 and "{+Monday+}" not in again.stdout, again.stdout
    assert ("archiver history: no new change since the last --new-only run (2 versions; without --new-only every "
            "change is listed)") in again.stderr, again.stderr
