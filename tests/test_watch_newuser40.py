"""A new user's walk through the watch's notifications (nu40): a newsroom's editor who wants a mail and a webhook
when a watched article is silently edited, and no alarm when only furniture changes.

Real parts: loopback news servers (sitekit) on 127.0.40.x, ``archiver run --watch`` as a subprocess on a set clock
(several articles of one site in one list), a real SMTP server (aiosmtpd, watchkit.Mailbox), watchkit's JSON webhook
receiver, real WARCs and catalog.
"""
from __future__ import annotations

import shlex
from datetime import UTC, datetime, timedelta

from sitekit import Response, redirect, run_archiver, write_list
from watchkit import Mailbox, Watcher, Webhook, furniture_page

from archiver.catalog import Catalog
from archiver.watch.clock import iso

HOST = "www.harbour-gazette.test"
# a series' background paragraph, the same under each of its articles: the site's learned boilerplate
BACKGROUND = ("The harbour bridge was built in 1931 and has been closed to lorries since 2019, when engineers found "
              "cracks in two of its piers; the council has argued over its future for a decade.")
STORIES = {
    "/city/bridge-vote": ("Council votes to close harbour bridge to cars", [
        "The city council voted on Tuesday to close the old harbour bridge to cars from next spring.",
        "The mayor, Helena Brandt, said the decision was painful but necessary for the safety of drivers.",
        "Shop owners on the north bank fear the closure will cut them off from their customers."]),
    "/city/ferry": ("Temporary ferry to replace the bridge crossing", [
        "A temporary ferry will carry foot passengers and cyclists across the harbour from next spring.",
        "The operator said two boats would run every twenty minutes from six in the morning to midnight.",
        "Tickets will cost the same as a bus fare and season passes will be sold at the town hall."]),
    "/city/traders": ("Traders ask court to review bridge closure", [
        "A group of traders from the north bank has asked the regional court to review the council's vote.",
        "Their lawyer said the council had not consulted the businesses that depend on passing trade.",
        "The court is expected to decide within six weeks whether it will hear the case at all."]),
}


def story(path: str, n: int) -> str:
    title, paras = STORIES[path]
    body = "".join(f"<p>{p}</p>" for p in paras[:2]) + f"<p>{BACKGROUND}</p>" + f"<p>{paras[2]}</p>"
    return (f"<!DOCTYPE html><html><head><title>{title} | Harbour Gazette</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><main><article><h1>{title}</h1>"
            f"<p class='meta'><time>Updated {n + 3} minutes ago</time></p>{body}</article></main>"
            "<footer><p>Harbour Gazette 2026</p></footer></body></html>")


def watch_series(site, tmp_path, address: str, change: str) -> tuple[list[str], list[dict], list, list[str]]:
    """Three articles of a series on one host, watched over five runs with a webhook and a mail target; before the
    third run the traders' article is ``change``d: ``"taken down"`` (a redirect to the front page) or ``"edited"``
    (its background paragraph cut). Returns (the URLs, the webhook's bodies, the mails, each run's output)."""
    news = site.host(HOST, address=address)
    changed = [False]
    for path in STORIES:
        def page(req, path=path):
            if path == "/city/traders" and changed[0] and change == "taken down":
                return redirect("/")
            body = story(path, req.hit)
            if path == "/city/traders" and changed[0]:
                body = body.replace(f"<p>{BACKGROUND}</p>", "")
            return Response(body=body)
        news.route(path, page)
    news.route("/", Response(body="<html><head><title>Harbour Gazette</title></head><body><h1>Front page</h1>"
                                  "<ul><li><a href='/city/ferry'>Ferry</a></li></ul></body></html>"))
    site.start()
    urls = [news.url(p) for p in STORIES]
    listing = write_list(tmp_path / "urls.txt", urls)
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
    outs = []
    with Webhook("ok", host=address[:-1] + "2") as hook, Mailbox() as box:
        for k in range(5):
            changed[0] = k >= 2
            proc = run_archiver("run", listing, "--watch", "--now", iso(start + timedelta(minutes=16) * k),
                                "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--delay", "0",
                                "--retries", "0", "--jobs", "1", "--progress", "never", "--notify", hook.url(),
                                "--notify", box.url(), *site.client_flags(), cwd=tmp_path, timeout=300)
            assert "Traceback" not in proc.stderr, proc.stderr
            outs.append(proc.stdout)
        return urls, hook.received, box.messages, outs


def newest_text(tmp_path, url: str) -> str:
    with Catalog(tmp_path / "warcs" / "catalog.sqlite3", readonly=True) as catalog:
        rel = catalog.conn.execute("SELECT e.text_path FROM extractions e JOIN captures c ON c.id = e.capture_id "
                                   "WHERE c.url = ? ORDER BY c.id DESC LIMIT 1", (url,)).fetchone()[0]
    return (tmp_path / "clean" / rel).read_text(encoding="utf-8")


def test_a_series_article_taken_down_sends_no_false_edit_for_the_others(site, tmp_path):
    """Three articles of a series share a background paragraph, which site learning takes for the site's boilerplate
    (a paragraph on 3 URLs of a host). One is taken down (a redirect to the front page): its URL's paragraphs were
    replaced by the front page's, the background paragraph fell to 2 URLs, so the next captures of the other two kept
    it, while their earlier captures had it removed. The watch mailed and posted 'Content changed' for both
    ('content added: {+The harbour bridge was built in 1931...+}'), though neither page had changed a word. A URL
    that now redirects to another page keeps its own page's paragraphs for site learning (the front page's are not
    its own; three articles taken down to it made the front page's teasers 'boilerplate' too)."""
    urls, received, mails, outs = watch_series(site, tmp_path, "127.0.40.11", "taken down")
    assert "gone: the page redirects to the site's front page" in outs[2], outs[2]
    assert all("content changed" not in out for out in outs), outs
    assert [(m["archiver_kind"], m["archiver_url"]) for m in received] == [("gone", urls[2])], received
    assert [m["Subject"] for m in mails] == \
        ["Gone (redirects to the front page): Traders ask court to review bridge closure"], mails
    for url in urls[:2]:  # extracted as before: the series' paragraph stays the site's boilerplate
        assert BACKGROUND not in newest_text(tmp_path, url), url
    proc = run_archiver("history", urls[1], "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                        cwd=tmp_path)
    assert ", 1 version" in proc.stdout.splitlines()[0], proc.stdout


def test_a_series_paragraph_cut_from_one_article_sends_no_false_edit_for_the_others(site, tmp_path):
    """The same series; the traders' article has its background paragraph cut (an edit of that page): the paragraph
    is on 2 URLs now, no longer the site's boilerplate, and the next captures of the other two articles keep it where
    their earlier captures had it removed. The watch mailed 'Content changed' ('content added: {+The harbour bridge
    was built in 1931...+}') for both untouched articles. Their sidecars list the paragraph as removed by
    'site-learned:HOST', so a change made of such paragraphs alone is now folded as the extraction's (as an archiver
    upgrade's is): no version, no message."""
    urls, received, mails, outs = watch_series(site, tmp_path, "127.0.40.41", "edited")
    assert all("content changed" not in out for out in outs), outs
    assert received == [] and mails == [], [m["message"] for m in received]
    for url in urls[:2]:
        proc = run_archiver("history", url, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                            cwd=tmp_path)
        assert ", 1 version" in proc.stdout.splitlines()[0], proc.stdout


def test_every_message_says_how_to_see_the_articles_timeline(site, tmp_path):
    """The mail and the webhook's message gave the URL, the changed words, both captures' times and their clean
    text and WARC files, but not how to see the article's whole timeline (its earlier versions and changes): an
    editor had to know 'archiver history' and the archive's folders. Each message now ends with the command, the
    folders absolute and the parts quoted, and the command run as given lists the timeline."""
    news = site.host(HOST, address="127.0.40.21")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit >= 2)))
    site.start()
    url = news.url("/city/bridge")
    with Webhook("ok", host="127.0.40.22") as hook, Mailbox() as box:
        watcher = Watcher(site, tmp_path, url, hook.url(), box.url())
        assert watcher.run()[0] == 0
        assert watcher.run()[0] == 1
        [mail] = box.bodies()
        [posted] = hook.received
    line = "The article's timeline (every capture, version and change): "
    command = f"archiver history {url} --warcs {tmp_path / 'warcs'} --clean {tmp_path / 'clean'}"
    assert line + command in mail, mail
    assert line + command in posted["message"], posted["message"]
    proc = run_archiver(*shlex.split(command)[1:], cwd=tmp_path.parent)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # exit 1: the article has an edit
    assert "2 versions" in proc.stdout and "{+four+}" in proc.stdout, proc.stdout


def test_an_article_still_redirected_to_the_front_page_is_counted_still_gone(site, tmp_path):
    """An article taken down by a redirect to the front page is told gone once; on every later run the watch's
    summary said '1 capture not the article' (the words it uses for a consent wall or paywall), never 'still gone'
    as it says for a 404 told before: the editor reading the cron log took it for a wall on a live article. It now
    reads '1 still gone (told before; ...)' and '0 captures not the article', and nothing is sent again."""
    news = site.host(HOST, address="127.0.40.31")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit)) if req.hit == 1 else redirect("/"))
    news.route("/", Response(body="<html><head><title>Harbour Gazette</title></head><body><h1>Front page</h1>"
                                  "<ul><li><a href='/city/ferry'>Ferry</a></li></ul></body></html>"))
    site.start()
    url = news.url("/city/bridge")
    with Webhook("ok", host="127.0.40.32") as hook:
        watcher = Watcher(site, tmp_path, url, hook.url())
        assert watcher.run()[0] == 0
        code, out = watcher.run()
        assert code == 1 and "1 gone (redirected to the front page)" in out, out
        for _ in range(2):
            code, out = watcher.run()
            assert code == 0, out
            assert "0 captures not the article" in out and "1 still gone (told before" in out, out
        assert [m["archiver_kind"] for m in hook.received] == ["gone"], hook.received
