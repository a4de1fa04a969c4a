"""The shown headline in a watch's messages on pages that declare an ``og:title`` (mend66, after review63).

nu58 named a headline edit by the clean text's first line. Under an ``og:title`` (most news pages declare one,
and a CMS often leaves it alone) that line is the declared title, and the page's ``<h1>`` stays the first
paragraph, so an edit of the ``<h1>`` alone went unnamed (the subject gave the old headline), and a rewrite of
the ``og:title`` alone under the same ``<h1>`` was announced "(new headline)". Where the extractor writes the
``<h1>`` as the title line (a hero ``<h1>`` outside the article, the sidecar's ``headline``), the subject gave the
unchanged declared title as the new headline. A headline that begins with "7. " lost its number as a Markdown
list marker ("7. Dezember" -> "8. Dezember" no change), and a restyle to sentence case was a new headline though
the diff calls it moved. Now the shown headline is taken as the extractor knows it
(``archiver/diff/shownline.py``), the subject keeps its ``Content changed: `` prefix and gives the new shown
headline followed by ``(new headline)``, and the timeline's headline line is the message's, as the page wrote it.

A real site on loopback (127.0.66.x), ``run --watch`` three times on the set clock, a real SMTP server and
webhook receiver, ``archiver report``'s timeline pages.
"""
from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from sitekit import Response, Site, run_archiver, write_list
from watchkit import STEP, Mailbox, Webhook

from archiver.diff.headline import headline_change
from archiver.watch.clock import iso
from archiver.watch.message import message

HOST = "www.harbour-gazette66.test"
P = ["Mayor Helena Brandt on Thursday defended the cost of the new town hall, which has risen to 112 million "
     "euros from an estimate of 70 million.",
     "Speaking to reporters, Brandt said the rise was due to building costs across the country and not to "
     "mistakes by the city.",
     "A report by the regional audit office last month found that the city had changed the plans eleven times "
     "after construction had started.",
     "The opposition has called for an inquiry. The council will vote on the request at its next meeting."]
P2 = P[:3] + [P[3].replace("next meeting", "meeting in January")]
OLD, NEW = "Mayor defends spending on new town hall", "Mayor Brandt defends 112 million euro town hall"
SEO_OLD, SEO_NEW = "Town hall costs: what the mayor says", "Town hall costs rise: what the mayor says now"
DE_OLD, DE_NEW = "7. Dezember: Streik legt den Hafen lahm", "8. Dezember: Streik legt den Hafen lahm"
CASE_OLD, CASE_NEW = "Mayor Defends Spending On New Town Hall", "Mayor defends spending on new town hall"
# (og:title, <h1>, paragraphs, the <h1> in a hero block outside the article) per run; run 2 edited
ARTICLES = {
    "/news/h1-under-og": [(OLD, OLD, P, False)] * 2 + [(OLD, NEW, P, False)],  # the CMS left the og:title
    "/news/seo-only": [(SEO_OLD, OLD, P, False)] * 2 + [(SEO_NEW, OLD, P2, False)],  # the <h1> kept
    "/news/hero": [(SEO_OLD, OLD, P, True)] * 2 + [(SEO_OLD, NEW, P2, True)],  # the title line is the <h1>
    "/news/de-date": [(DE_OLD, DE_OLD, P, False)] * 2 + [(DE_NEW, DE_NEW, P2, False)],
    "/news/case": [(CASE_OLD, CASE_OLD, P, False)] * 2 + [(CASE_NEW, CASE_NEW, P2, False)],
}


def page(og: str, shown: str, paras: list[str], hero: bool, hit: int) -> str:
    """An article page declaring ``og`` (and ``<title>`` with the site's name), its ``<h1>`` ``shown``, under a
    stamp that changes on every hit."""
    mins = random.Random(hit * 7919).randint(1, 59)
    body = "".join(f"<p>{p}</p>" for p in paras)
    h1 = f"<h1>{shown}</h1>"
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{og} | Harbour Gazette</title>"
            f"<meta property='og:title' content='{og}'></head><body><header><a href='/'>Harbour Gazette</a>"
            f"</header>{f'<div class=hero>{h1}</div>' if hero else ''}<main><article>{'' if hero else h1}"
            f"<p class='updated'>Updated {mins} minutes ago</p>{body}</article></main>"
            "<footer><p>Harbour Gazette 2026.</p></footer></body></html>")


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    """Three watch runs of the articles with mail and webhook targets, then ``archiver report``."""
    root = tmp_path_factory.mktemp("mend66")
    run = [0]
    site = Site(root / "site")
    news = site.host(HOST, address="127.0.66.11")
    for path, versions in ARTICLES.items():
        news.route(path, lambda req, versions=versions: Response(body=page(*versions[run[0]], req.hit)))
    urls = {path: news.url(path) for path in ARTICLES}
    listing = write_list(root / "urls.txt", list(urls.values()))
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
    with site, Mailbox() as box, Webhook("ok", host="127.0.66.12") as hook:
        site.start()
        for k in range(3):
            run[0] = k
            proc = run_archiver("run", listing, "--watch", "--now", iso(start + STEP * k), "--warcs", root / "warcs",
                                "--clean", root / "clean", "--delay", "0", "--retries", "0", "--jobs", "1",
                                "--progress", "never", "--notify", box.url(), "--notify", hook.url(),
                                *site.client_flags(), cwd=root, timeout=300)
            assert "Traceback" not in proc.stderr, proc.stderr
        report = run_archiver("report", "--output", root / "site", "--warcs", root / "warcs", "--clean", root / "clean",
                              cwd=root, timeout=300)
        assert report.returncode == 0, report.stdout + report.stderr
        pages = {path: next((root / "site").glob(f"*{path.rsplit('/', 1)[1]}*.html")).read_text(encoding="utf-8")
                 for path in ARTICLES}
        mails = [(str(m["Subject"]), body) for m, body in zip(box.messages, box.bodies(), strict=True)]
        return {"urls": urls, "mails": mails, "hooks": list(hook.received), "pages": pages,
                "feed": feedparser.parse(str(root / "clean" / "changes.atom"))}


def mail_of(walk, path: str) -> tuple[str, str]:
    found = [(s, b) for s, b in walk["mails"] if walk["urls"][path] in b]
    assert len(found) == 1, walk["mails"]
    return found[0]


def hook_of(walk, path: str) -> dict:
    found = [h for h in walk["hooks"] if h["archiver_url"] == walk["urls"][path]]
    assert len(found) == 1, walk["hooks"]
    return found[0]


def headline_html(old: str, new: str) -> str:
    return f'<p class="headline">headline: <span class="del">{old}</span> \u2192 <span class="add">{new}</span></p>'


def test_each_article_makes_one_edit(walk):
    assert len(walk["mails"]) == len(ARTICLES) and {h["archiver_kind"] for h in walk["hooks"]} == {"edit"}


def test_an_h1_edited_under_an_unchanged_og_title_is_named(walk):
    """The clean text: the og:title as title line, the new <h1> as the first paragraph."""
    subject, body = mail_of(walk, "/news/h1-under-og")
    assert subject == f"Content changed: {NEW} (new headline)"
    assert f"headline: {OLD} -> {NEW}" in body
    hook = hook_of(walk, "/news/h1-under-og")
    assert (hook["archiver_before_headline"], hook["archiver_headline"]) == (OLD, NEW)
    assert hook["archiver_title"] == OLD  # the declared title, unchanged
    assert headline_html(OLD, NEW) in walk["pages"]["/news/h1-under-og"]


def test_an_og_title_rewritten_under_the_same_h1_is_no_new_headline(walk):
    subject, body = mail_of(walk, "/news/seo-only")
    assert subject == f"Content changed: {SEO_NEW}"
    assert "headline:" not in body and "new headline" not in body
    assert not {"archiver_before_headline", "archiver_headline"} & set(hook_of(walk, "/news/seo-only"))
    assert 'class="headline"' not in walk["pages"]["/news/seo-only"]


def test_the_subject_gives_the_new_shown_headline_not_the_declared_title(walk):
    """A hero <h1> outside the article under another og:title: the extractor writes the <h1> as the title line
    (the sidecar's ``headline``); the subject gave the og:title as if it were the new headline."""
    subject, body = mail_of(walk, "/news/hero")
    assert subject == f"Content changed: {NEW} (new headline)"
    assert f"headline: {OLD} -> {NEW}" in body
    hook = hook_of(walk, "/news/hero")
    assert hook["archiver_headline"] == NEW and hook["archiver_title"] == SEO_OLD


def test_a_headline_beginning_with_a_number_keeps_it(walk):
    subject, body = mail_of(walk, "/news/de-date")
    assert subject == f"Content changed: {DE_NEW} (new headline)"
    assert f"headline: {DE_OLD} -> {DE_NEW}" in body
    assert headline_html(DE_OLD, DE_NEW) in walk["pages"]["/news/de-date"]  # as the page wrote it


def test_a_restyle_to_sentence_case_is_no_new_headline(walk):
    subject, body = mail_of(walk, "/news/case")
    assert subject == f"Content changed: {CASE_NEW}" and "headline:" not in body
    assert "{+meeting in January+}" in body
    assert 'class="headline"' not in walk["pages"]["/news/case"]


def test_the_feed_titles_are_the_subjects(walk):
    assert not walk["feed"].bozo
    assert sorted(e.title for e in walk["feed"].entries) == sorted(s for s, _ in walk["mails"])
    assert sorted(h["title"] for h in walk["hooks"]) == sorted(s for s, _ in walk["mails"])


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("1. FC K\u00f6ln sacks coach", "FC K\u00f6ln sacks coach", ("1. FC K\u00f6ln sacks coach", "FC K\u00f6ln sacks coach")),
    ("1. FC K\u00f6ln wins", "2. FC K\u00f6ln wins", ("1. FC K\u00f6ln wins", "2. FC K\u00f6ln wins")),
    ("Mayor Defends Town Hall", "Mayor defends town hall", None),  # case only: the diff's moves fold case
    ("Mayor defends town hall", "Mayor defends city hall", ("Mayor defends town hall", "Mayor defends city hall")),
])
def test_headline_words_are_plain_text_case_folded(old, new, expected):
    assert headline_change(old, new) == expected


@pytest.mark.parametrize("rollback", [False, True])
def test_the_subject_keeps_its_prefix(rollback):
    """Filters on "Content changed: " match a headline edit too; a rollback's prefix is its own, as before."""
    detail = {"headline": {"old": OLD, "new": NEW}, "changes": [], "same_text_as_version": 1 if rollback else None,
              "rollback": rollback}
    subject, body = message({"url": "http://h.test/a", "kind": "edit", "title": SEO_OLD, "version": 3,
                             "old_version": 2, "at": "2026-12-07T20:00:00Z", "old_at": "2026-12-07T19:00:00Z",
                             "capture_id": 3, "detail": detail})
    prefix = "Content changed (back to the text of version 1): " if rollback else "Content changed: "
    assert subject == f"{prefix}{NEW} (new headline)"
    assert f"headline: {OLD} -> {NEW}" in body
