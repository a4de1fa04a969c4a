"""A new user's walk, session 26 (nu26): a data journalist archiving, watching and reporting on a few news
articles, against real servers on loopback (127.0.20.x).

- A list exported from a spreadsheet as CSV holds each URL in quotes (``"https://host/a"``); the bad line
  said ``not a URL (no scheme; expected http:// or https://)``, sending the user looking for a scheme the
  line has. It now names the quotes and the URL to write.
- ``archiver report`` showed a capture whose author line changed as "same text" and nothing else, while
  ``archiver history``, the feed and the notification all said "byline changed": the timeline now says it
  under the capture, in history's words.
"""
from __future__ import annotations

import json
import re
from html import unescape

import pytest
from sitekit import Response, Site, redirect, run_archiver, sequence, write_list

ADDRESS = "127.0.20.21"


def article(author: str) -> str:
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Budget passes | Coast Courier</title>"
            f"<meta name=\"author\" content=\"{author}\"></head><body><nav><a href=\"/\">Home</a></nav>"
            "<article><h1>Regional budget passes by one vote</h1>"
            "<p>The regional assembly passed next year's budget by a single vote on Thursday after a long debate.</p>"
            "<p>The budget raises spending on hospitals by six percent and cuts the road maintenance fund.</p>"
            "<p>Two members of the governing coalition voted against, citing cuts to rural bus services.</p>"
            "</article><footer>Copyright 2026 Coast Courier</footer></body></html>")


@pytest.fixture
def courier(tmp_path):
    site = Site(tmp_path / "site")
    host = site.host("coastcourier.test", address=ADDRESS)
    host.route("/budget", sequence(Response(body=article("Lena Koch")), Response(body=article("Max Weber <ed>"))))
    host.route("/other", Response(body=article("Lena Koch")))
    host.route("/story", sequence(Response(body=article("Lena Koch")), redirect(host.url("/"))))
    host.route("/", Response(body="<html><head><title>Coast Courier</title></head><body><h1>Today's news</h1>"
                                  "<p>Read the latest stories from the coast, updated every hour of the day.</p>"
                                  "</body></html>"))
    with site:
        yield site, host


@pytest.mark.parametrize("line", ['"{url}"', "'{url}',", "\u201c{url}\u201d"])
def test_a_quoted_url_line_names_the_quotes_and_the_url_to_write(tmp_path, courier, line):
    site, host = courier
    url = host.url("/budget")
    write_list(tmp_path / "urls.csv", [line.format(url=url), host.url("/other")])
    out = run_archiver("fetch", "urls.csv", "--progress", "never", *site.resolve_flags(), cwd=tmp_path)
    assert out.returncode == 1, (out.stdout + out.stderr)[-2000:]
    said = out.stdout + out.stderr
    assert f"urls.csv:1: not a URL (in quotes: write it without them, as {url})" in said, said
    assert "no scheme" not in said
    assert site.hits_to("coastcourier.test") >= 1  # the good line is fetched as always
    assert f"captured 200 {host.url('/other')}" in said


def test_a_note_in_the_list_is_told_as_a_note_not_as_a_host_with_whitespace(tmp_path, courier):
    """A journalist's list holds notes: "not a url at all" was "whitespace in the host", and "Bridge story:
    https://..." was "two URLs on one line?"; both now say what the line is and how to keep the note."""
    site, host = courier
    url = host.url("/budget")
    write_list(tmp_path / "urls.txt", ["stories to check on Monday", f"Budget story: {url}", f"{url} {url}x"])
    out = run_archiver("fetch", "urls.txt", "--progress", "never", *site.resolve_flags(), cwd=tmp_path)
    said = out.stdout + out.stderr
    note = "a note goes on a line of its own starting with #"
    assert f"urls.txt:1: not a URL (words, no http:// or https://; {note})" in said, said
    assert f"urls.txt:2: not a URL (words before it: write the URL alone on the line, {url}; {note})" in said
    assert "urls.txt:3: not a URL (contains whitespace; two URLs on one line?)" in said  # as before
    assert "whitespace in the host" not in said and out.returncode == 1


def test_a_url_without_quotes_or_scheme_keeps_its_message(tmp_path, courier):
    site, _ = courier
    write_list(tmp_path / "urls.txt", ['"hello"', "news.example/a"])
    out = run_archiver("fetch", "urls.txt", "--progress", "never", *site.resolve_flags(), cwd=tmp_path)
    said = out.stdout + out.stderr
    assert "urls.txt:1: not a URL (no scheme; expected http:// or https://)" in said, said
    assert "urls.txt:2: not a URL (no scheme; expected http:// or https://)" in said


def test_the_timeline_page_says_a_byline_change_as_history_does(tmp_path, courier):
    site, host = courier
    write_list(tmp_path / "urls.txt", [host.url("/budget")])
    flags = ["--progress", "never", "--delay", "0", *site.resolve_flags()]
    for extra in ([], ["--refresh"]):
        out = run_archiver("run", "urls.txt", *extra, *flags, cwd=tmp_path)
        assert out.returncode == 0, (out.stdout + out.stderr)[-2000:]
    history = run_archiver("history", host.url("/budget"), cwd=tmp_path)
    assert "author: Lena Koch -> Max Weber <ed> (since capture 1; the text is the same)" in history.stdout, \
        history.stdout
    out = run_archiver("report", "--output", "site", cwd=tmp_path)
    assert out.returncode == 0, (out.stdout + out.stderr)[-2000:]
    pages = [p for p in (tmp_path / "site").glob("*.html") if p.name != "index.html"]
    assert len(pages) == 1
    html = pages[0].read_text()
    assert "<ed>" not in html  # page values stay escaped
    body = html.split("<body>", 1)[1]
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())
    assert "byline changed author: Lena Koch -> Max Weber <ed> (since capture 1; the text is the same)" in text, text
    assert text.count("byline changed") == 1  # under the capture that changed it alone


def test_run_compare_diffs_the_lists_pages_not_the_whole_archive(tmp_path, courier):
    """``run LIST --compare DIR`` diffs "its clean text": the URLs of LIST (captured now or before), not every
    page of the archive; a second list's report named each page of the first list 'unpaired'."""
    site, host = courier
    write_list(tmp_path / "first.txt", [host.url("/other")])
    write_list(tmp_path / "second.txt", [host.url("/budget")])
    stored = tmp_path / "stored"
    stored.mkdir()
    (stored / "budget.txt").write_text(
        "Regional budget passes by one vote\n\nThe regional assembly passed next year's budget by a single vote on "
        "Thursday after a long debate.\n\nThe budget raises spending on hospitals by six percent and cuts the road "
        "maintenance fund.\n\nTwo members of the governing coalition voted against, citing cuts to rural bus "
        "services.\n")
    flags = ["--progress", "never", "--delay", "0", *site.resolve_flags()]
    assert run_archiver("run", "first.txt", *flags, cwd=tmp_path).returncode == 0
    for _ in range(2):  # the same list again fetches nothing new, and still diffs its page
        out = run_archiver("run", "second.txt", *flags, "--compare", stored, "--format", "json", cwd=tmp_path)
        assert out.returncode == 0, (out.stdout + out.stderr)[-2000:]
        pairs = json.loads(out.stdout[out.stdout.index("["):])
        assert [p["url"] for p in pairs] == [host.url("/budget")], pairs
        assert pairs[0]["class"] == "identical"


def test_a_mail_notification_url_without_a_sender_says_so(tmp_path, courier):
    """``mailto://server:2525?to=desk@...`` (a local SMTP server without a login) was refused as "not a
    notification URL apprise knows": apprise knows mailto://, it found no sender to write From with."""
    site, host = courier
    write_list(tmp_path / "urls.txt", [host.url("/budget")])
    out = run_archiver("run", "urls.txt", "--watch", "--notify", "mailto://127.0.20.22:2525?to=desk@news.test",
                       *site.resolve_flags(), cwd=tmp_path)
    assert out.returncode == 2, (out.stdout + out.stderr)[-2000:]
    assert "not a notification URL apprise knows" not in out.stderr
    assert ("archiver: error: --notify mailto://…: apprise cannot use this URL (Invalid ~From~ email specified); "
            "a mail URL needs a sender: mailto://user:pass@server or ?from=ADDRESS") in out.stderr, out.stderr
    assert "desk@news.test" not in out.stderr and site.hits_to("coastcourier.test") == 0


def test_export_from_another_folder_names_db_and_warcs_as_the_other_commands_do(tmp_path):
    """Run from a folder without the archive, ``list``, ``history``, ``report`` said "or give --db / --warcs";
    ``export`` alone did not, leaving the user to guess how to point it at the archive."""
    out = run_archiver("export", "--wacz", tmp_path / "news.wacz", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.strip() == ("archiver: error: no catalog at warcs/catalog.sqlite3 (run 'archiver fetch LIST' or "
                                  "'archiver import WARC' first, or give --db / --warcs)"), out.stderr
    assert not (tmp_path / "news.wacz").exists()


def test_a_wacz_handed_to_a_colleague_keeps_every_capture_of_a_url(tmp_path, courier):
    """An exported WACZ's WARC opens with archiver's warcinfo, so import took it for a fetch's file whose captures
    its metadata records describe; it has none, and every record after a URL's first became a plain record: the
    colleague's archive had one capture of each URL and none of its later versions."""
    site, host = courier
    write_list(tmp_path / "urls.txt", [host.url("/budget")])
    flags = ["--progress", "never", "--delay", "0", *site.resolve_flags()]
    for extra in ([], ["--refresh"]):
        assert run_archiver("run", "urls.txt", *extra, *flags, cwd=tmp_path).returncode == 0
    out = run_archiver("export", "--wacz", "news.wacz", cwd=tmp_path)
    assert out.returncode == 0 and "2 captures" in out.stdout + out.stderr, out.stdout + out.stderr
    colleague = tmp_path / "colleague"
    colleague.mkdir()
    out = run_archiver("import", tmp_path / "news.wacz", cwd=colleague)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 captures added, 0 already in the catalog" in out.stdout + out.stderr, out.stdout + out.stderr
    listed = json.loads(run_archiver("list", "--format", "json", cwd=colleague).stdout)["urls"]
    assert [(u["url"], u["captures"]) for u in listed] == [(host.url("/budget"), 2)]
    # the same file imported into the archive it came from adds nothing: those captures are there
    out = run_archiver("import", "news.wacz", cwd=tmp_path)
    assert "0 captures added, 2 already in the catalog" in out.stdout + out.stderr, out.stdout + out.stderr
    listed = json.loads(run_archiver("list", "--format", "json", cwd=tmp_path).stdout)["urls"]
    assert [u["captures"] for u in listed] == [2]


def test_why_reads_the_article_not_the_front_page_it_was_redirected_to(tmp_path, courier):
    """An article taken down with a redirect to the site's front page is a gone spell in ``history`` and the
    report; ``why`` read that last capture's text, the front page's, as the article's ("'hospitals': not on the
    page" for a word of the article, "in the article" for the front page's words)."""
    site, host = courier
    write_list(tmp_path / "urls.txt", [host.url("/story")])
    flags = ["--progress", "never", "--delay", "0", *site.resolve_flags()]
    for extra in ([], ["--refresh"]):
        assert run_archiver("run", "urls.txt", *extra, *flags, cwd=tmp_path).returncode == 0
    history = run_archiver("history", host.url("/story"), cwd=tmp_path).stdout
    assert "gone capture" in history and "1 version" in history, history
    out = run_archiver("why", host.url("/story"), "raises spending on hospitals", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith(f"{host.url('/story')}: capture 1 at "), out.stdout
    assert "in the article: The budget raises spending on hospitals" in out.stdout
    out = run_archiver("why", host.url("/story"), "Today's news", cwd=tmp_path)
    assert out.returncode == 1 and "not on the page" in out.stdout, out.stdout


def test_list_says_an_article_redirected_to_the_front_page_is_gone_and_keeps_its_title(tmp_path, courier):
    """``list`` showed such a URL as captured under the front page's title ("Coast Courier", its <title>), where history,
    the report and the watch say the article is gone."""
    site, host = courier
    write_list(tmp_path / "urls.txt", [host.url("/story")])
    flags = ["--progress", "never", "--delay", "0", *site.resolve_flags()]
    for extra in ([], ["--refresh"]):
        assert run_archiver("run", "urls.txt", *extra, *flags, cwd=tmp_path).returncode == 0
    out = run_archiver("list", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.rstrip().endswith(
        f"{host.url('/story')}  Regional budget passes by one vote; gone: the latest attempt was redirected to the site's front page "
        f"{host.url('/')} (the article was taken down)"), out.stdout
    listed = json.loads(run_archiver("list", "--format", "json", cwd=tmp_path).stdout)["urls"]
    assert [(u["title"], u["front_page"]) for u in listed] == [("Regional budget passes by one vote", host.url("/"))]
