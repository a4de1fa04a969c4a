"""A new user's walk through the watch (nu37): a journalist, used to changedetection.io, checks silent edits.

Real parts: loopback news servers (sitekit) on 127.0.55.x, ``archiver run --watch`` as a subprocess on a set
clock (watchkit.Watcher), a real SMTP server (aiosmtpd, watchkit.Mailbox), watchkit's JSON webhook receiver,
``archiver history`` as a subprocess on the catalog and clean files the watch wrote.
"""
from __future__ import annotations

import html
import re

import pytest
from sitekit import Response, redirect, run_archiver, write_list
from test_diff_html import CHROMIUM, chromium_dom
from watchkit import PARAS, TITLE, Mailbox, Watcher, Webhook, furniture_page

HOST = "www.harbour-gazette.test"
QUOTED = ("Shop owners on the north bank called the closure \u201creckless\u201d \u2014 and the traders\u2019 group "
          "said it would ask the regional court to review the vote.")


def test_the_changed_words_are_quoted_as_the_page_wrote_them(site, tmp_path):
    """A quote with curly quotes and an em dash: the mail, the webhook and 'archiver history' quoted the
    new words with straight quotes and a hyphen ('reckless' - and), which the page never had: a journalist quoting
    the silent edit misquoted it. The comparison still folds quote and dash variants (a page's 'smart quotes'
    are no edit); only the words shown are the page's own now. The message also said '(not counted: 1 layout
    differences)', and history's line for the mark added to the headline read
    'layout-only (punctuation): ' with nothing after it (it showed the old side only)."""
    news = site.host(HOST, address="127.0.55.11")

    def page(req):
        if req.hit == 1:
            return Response(body=furniture_page(1))
        body = furniture_page(req.hit, title=TITLE + "!")  # a mark added to the headline: layout, not counted
        return Response(body=body.replace(f"<p>{PARAS[3]}</p>", f"<p>{QUOTED}</p>"))
    news.route("/city/bridge", page)
    site.start()
    url = news.url("/city/bridge")
    with Webhook("ok", host="127.0.55.12") as hook, Mailbox() as box:
        watcher = Watcher(site, tmp_path, url, hook.url(), box.url())
        assert watcher.run()[0] == 0
        assert watcher.run()[0] == 1
        assert [m["archiver_kind"] for m in hook.received] == ["edit"], hook.received
        [mail] = box.bodies()
    message = hook.received[0]["message"]
    for text in (message, mail):
        assert "{+called the closure \u201creckless\u201d \u2014 and the traders\u2019 group" in text, text
        assert "\"reckless\"" not in text and "- and" not in text, text
        assert "(not counted: 1 layout difference)" in text, text
    proc = run_archiver("history", url, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "\u201creckless\u201d \u2014 and" in proc.stdout, proc.stdout
    assert "layout-only (punctuation): {+!+}" in proc.stdout, proc.stdout
    out = tmp_path / "site-out"  # the timeline page's table and its marked text alike
    proc = run_archiver("report", "--output", out, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                        cwd=tmp_path)
    [page_file] = [p for p in out.glob("*.html") if p.name != "index.html"]
    page_html = html.unescape(page_file.read_text())
    assert page_html.count("\u201creckless\u201d \u2014 and") == 2 and "\"reckless\"" not in page_html, page_html


def test_an_edit_made_after_the_article_moved_to_a_new_slug_names_the_new_address(site, tmp_path):
    """The article's URL began to redirect to a new slug (the same text: no event, as the README says), then the
    text at the new slug was edited. The mail read like any edit of the old URL: nothing said that the capture
    holding the new version (its WARC record) is under the new address, and the webhook had no
    archiver_redirect, which the README promises 'where the URL leads now'. Now both name it."""
    news = site.host(HOST, address="127.0.55.13")
    new_slug = "/city/council-closes-harbour-bridge"
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit)) if req.hit == 1
               else redirect(news.url(new_slug), 301))
    news.route(new_slug, lambda req: Response(body=furniture_page(req.hit + 10, edited=req.hit > 1)))
    site.start()
    url = news.url("/city/bridge")
    with Webhook("ok", host="127.0.55.14") as hook, Mailbox() as box:
        watcher = Watcher(site, tmp_path, url, hook.url(), box.url())
        assert [watcher.run()[0] for _ in range(2)] == [0, 0]
        assert hook.received == [], hook.received  # moved with its text: no event
        assert watcher.run()[0] == 1
        [event] = hook.received
        [mail] = box.bodies()
    assert event["archiver_kind"] == "edit" and "[-three-]{+four+}" in event["message"], event
    assert event.get("archiver_redirect") == news.url(new_slug), event
    for text in (event["message"], mail):
        assert f"its address now redirects to {news.url(new_slug)}, where this capture was fetched" in text, text
    out = tmp_path / "site-out"  # the timeline page names the new address too, as history's "(moved to URL)"
    proc = run_archiver("report", "--output", out, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                        cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [page_file] = [p for p in out.glob("*.html") if p.name != "index.html"]
    assert page_file.read_text().count(f"moved to {news.url(new_slug)} (redirected there)") == 2


def test_a_digests_list_names_each_changes_url(site, tmp_path):
    """Two articles of one story (a live blog and its report) with one title, both edited in one run, with
    --notify-digest: the mail's numbered list read '1. Content changed: TITLE' twice, so which article changed
    was to be found in the full messages below. Each list line names its URL now."""
    news = site.host(HOST, address="127.0.55.15")
    for path in ("/city/bridge", "/live/bridge"):
        news.route(path, lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    site.start()
    urls = [news.url("/city/bridge"), news.url("/live/bridge")]
    with Mailbox() as box:
        watcher = Watcher(site, tmp_path, urls[0], box.url())
        write_list(watcher.list, urls)
        runs = [run_archiver(*watcher.args(), cwd=tmp_path, env={"ARCHIVER_NOTIFY_DIGEST": "1"}) for _ in range(2)]
        assert [p.returncode for p in runs] == [0, 1], [p.stdout + p.stderr for p in runs]
        [mail] = box.bodies()
    lines = mail.splitlines()
    assert f"1. Content changed: {TITLE} ({urls[0]})" in lines or f"1. Content changed: {TITLE} ({urls[1]})" in lines, mail
    assert sum(f"Content changed: {TITLE} ({u})" in ln for u in urls for ln in lines) == 2, mail


def test_two_paragraphs_removed_whole_read_as_one_run_not_with_words_left_out(site, tmp_path):
    """The article's last two paragraphs were taken out silently. The mail and history showed
    '[-...48 million euros. … Cyclists and pedestrians...-]': an ellipsis, which everywhere else in a change line
    means words left out between, where nothing was (the two paragraphs were removed whole, one after the other).
    They are joined by the paragraph mark now, as the context's paragraphs are."""
    def page(req):
        body = furniture_page(req.hit)
        return Response(body=body if req.hit == 1 else body.replace(f"<p>{PARAS[4]}</p>", "").replace(
            f"<p>{PARAS[5]}</p>", ""))
    news = site.host(HOST, address="127.0.55.16")
    news.route("/city/bridge", page)
    site.start()
    url = news.url("/city/bridge")
    with Webhook("ok", host="127.0.55.17") as hook:
        watcher = Watcher(site, tmp_path, url, hook.url())
        assert [watcher.run()[0] for _ in range(2)] == [0, 1]
        [event] = hook.received
    joined = f"[-{PARAS[4]} \u00b6 Cyclists and pedestrians"  # the mail cuts the words at 300 characters
    assert joined in event["message"], event["message"]
    proc = run_archiver("history", url, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", cwd=tmp_path)
    assert joined in proc.stdout and "\u2026 Cyclists" not in proc.stdout, proc.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install -y chromium)")
def test_the_timeline_page_shows_an_added_time_in_an_update_line_as_the_mail_does(site, tmp_path):
    """An 'Update, 6 December:' line at the top became 'Update, 6 December, 10:00:'. The mail said
    'Update, 6 December{+, 10:00+}: The authority', but the timeline page (in Chromium) read 'Update, 6 December ,
    10:00 : The authority': the words cell put a space before and after every mark, punctuation or not."""
    update = "<p><strong>Update, 6 December{}:</strong> The first buses will now arrive in the summer.</p>"

    def page(req):
        top = update.format("" if req.hit == 1 else ", 10:00")
        return Response(body=furniture_page(req.hit).replace("<div class=\"article-body\">",
                                                              "<div class=\"article-body\">" + top))
    news = site.host(HOST, address="127.0.55.18")
    news.route("/city/bridge", page)
    site.start()
    url = news.url("/city/bridge")
    watcher = Watcher(site, tmp_path, url)
    assert [watcher.run()[0] for _ in range(2)] == [0, 1]
    out = tmp_path / "site-out"
    proc = run_archiver("report", "--output", out, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                        cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [page_file] = [p for p in out.glob("*.html") if p.name != "index.html"]
    dom = chromium_dom(page_file)
    [cell] = re.findall(r'<td class="words">(.*?)</td>', dom, re.S)
    words = html.unescape(re.sub(r"<[^>]+>", "", cell))
    assert "Update, 6 December, 10:00: The first buses" in words, words


def test_a_read_count_at_the_top_of_the_article_is_no_edit(site, tmp_path):
    """'77,113 people have read this article' above the first paragraph, a new count at every visit: every check
    was an edit ('[-77,113-]{+90,695+} people have read this article'), mailed each time. The line is the
    reactions-line rule's now ('N people have liked this' was), so the checks find no edit; a real edit
    afterwards is still told once."""
    def page(req):
        count_line = f"<p>{1000 + req.hit * 7919:,} people have read this article</p>"
        return Response(body=furniture_page(req.hit, edited=req.hit > 3).replace(
            "<div class=\"article-body\">", "<div class=\"article-body\">" + count_line))
    news = site.host(HOST, address="127.0.55.19")
    news.route("/city/bridge", page)
    site.start()
    with Webhook("ok", host="127.0.55.20") as hook:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
        assert [watcher.run()[0] for _ in range(3)] == [0, 0, 0], hook.received
        assert hook.received == []
        assert watcher.run()[0] == 1
        [event] = hook.received
    assert "[-three-]{+four+}" in event["message"] and "have read" not in event["message"], event["message"]
