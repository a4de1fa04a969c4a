"""The shown headline from the sidecar, and a declared title rewritten alone (nu59).

nu58/mend66 named a headline edit by reading both captures' WARC records and parsing their pages again, per
event and per timeline step. The extractor now records the page's ``<h1>`` as it read it in the sidecar
(``page_h1``), and the watch and the timeline read it there; a sidecar without it (written before) still has its
page read from the WARC. A rewrite of the declared title (``og:title``, ``<title>``) under the same ``<h1>`` and
the same text was an edit told as any content change ("Content changed: NEW SEO TITLE"); it is named a title
change now, apart from a headline edit, the same way in the mail, the webhook's fields, the feed and the
timeline.

A real site on loopback (127.0.59.x), ``run --watch`` three times on the set clock, a real SMTP server and
webhook receiver, ``archiver report``'s timeline pages built with and without the WARC files and the sidecars'
``page_h1``.
"""
from __future__ import annotations

import json
import random
import shutil
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from sitekit import Response, Site, run_archiver, write_list
from watchkit import STEP, Mailbox, Webhook

from archiver.diff.titlestep import title_step
from archiver.watch.clock import iso

HOST = "www.harbour-gazette59.test"
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
CAP_OLD = "The new town hall under construction in March."
CAP_NEW = "The new town hall under construction in April, seen from the harbour."
CREDITS = ["Photo: Reuters", "Photo: AP", "\u00a9 dpa"]  # the agency's credit rotates on every hit: no caption edit
TEASER = "Read more: the harbour bridge closes"  # a teaser card's figure in the sidebar: no caption of the article
# (og:title, <h1>, paragraphs, photo caption) per run; run 2 edited. The <h1> stays the text's first paragraph
# under the og:title.
ARTICLES = {
    "/news/h1-edit": [(SEO_OLD, OLD, P, CAP_OLD)] * 2 + [(SEO_OLD, NEW, P, CAP_OLD)],
    "/news/title-only": [(SEO_OLD, OLD, P, CAP_OLD)] * 2 + [(SEO_NEW, OLD, P, CAP_OLD)],
    "/news/title-and-text": [(SEO_OLD, OLD, P, CAP_OLD)] * 2 + [(SEO_NEW, OLD, P2, CAP_OLD)],
    "/news/caption-only": [(SEO_OLD, OLD, P, CAP_OLD)] * 2 + [(SEO_OLD, OLD, P, CAP_NEW)],
    "/news/caption-and-text": [(SEO_OLD, OLD, P, CAP_OLD)] * 2 + [(SEO_OLD, OLD, P2, CAP_NEW)],
}


def page(og: str, shown: str, paras: list[str], caption: str, hit: int) -> str:
    """An article page declaring ``og`` (and ``<title>`` with the site's name), its ``<h1>`` ``shown``, a photo
    with ``caption`` after its second paragraph, a sidebar teaser whose title changes on every hit, under a stamp
    that changes on every hit."""
    mins = random.Random(hit * 7919).randint(1, 59)
    figure = (f"<figure><img src='/hall.jpg' alt='The town hall'><figcaption>{caption} {CREDITS[hit % 3]}"
              f"</figcaption></figure><figure><img src='/map.png' alt=''><figcaption><span class='credit'>"
              f"{CREDITS[(hit + 1) % 3]}</span></figcaption></figure>")
    teaser = (f"<aside><figure><img src='/t.jpg' alt=''><figcaption><a href='/news/other'>{TEASER} {hit}</a>"
              "</figcaption></figure></aside>")
    body = "".join(f"<p>{p}</p>" for p in paras[:2]) + figure + "".join(f"<p>{p}</p>" for p in paras[2:])
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{og} | Harbour Gazette</title>"
            f"<meta property='og:title' content='{og}'></head><body><header><a href='/'>Harbour Gazette</a>"
            f"</header><main><article><h1>{shown}</h1><p class='updated'>Updated {mins} minutes ago</p>{body}"
            f"</article>{teaser}</main><footer><p>Harbour Gazette 2026.</p></footer></body></html>")


def report(root, name: str) -> dict[str, str]:
    out = root / name
    proc = run_archiver("report", "--output", out, "--warcs", root / "warcs", "--clean", root / "clean",
                        cwd=root, timeout=300)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    return {path: next(out.glob(f"*{path.rsplit('/', 1)[1]}-*.html")).read_text(encoding="utf-8")
            for path in ARTICLES}


def sidecars(root) -> list:
    return sorted((root / "clean").rglob("capture-*.json"))


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    """Three watch runs with mail and webhook targets, then ``archiver report``: as written; without the WARC
    files; without them and the sidecars' ``page_h1`` (an older archive); with the WARC files back."""
    root = tmp_path_factory.mktemp("nu59")
    run = [0]
    site = Site(root / "site")
    news = site.host(HOST, address="127.0.59.11")
    for path, versions in ARTICLES.items():
        news.route(path, lambda req, versions=versions: Response(body=page(*versions[run[0]], req.hit)))
    urls = {path: news.url(path) for path in ARTICLES}
    listing = write_list(root / "urls.txt", list(urls.values()))
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
    with site, Mailbox() as box, Webhook("ok", host="127.0.59.12") as hook:
        site.start()
        for k in range(3):
            run[0] = k
            proc = run_archiver("run", listing, "--watch", "--now", iso(start + STEP * k), "--warcs", root / "warcs",
                                "--clean", root / "clean", "--delay", "0", "--retries", "0", "--jobs", "1",
                                "--progress", "never", "--notify", box.url(), "--notify", hook.url(),
                                *site.client_flags(), cwd=root, timeout=300)
            assert "Traceback" not in proc.stderr, proc.stderr
        mails = [(str(m["Subject"]), body) for m, body in zip(box.messages, box.bodies(), strict=True)]
        hooks = list(hook.received)
    written = {p: json.loads(p.read_text(encoding="utf-8")) for p in sidecars(root)}
    pages = {"written": report(root, "site-written")}
    warcs = sorted((root / "warcs").glob("*.warc.gz"))
    away = root / "away"
    away.mkdir()
    for w in warcs:
        shutil.move(w, away / w.name)
    pages["no-warcs"] = report(root, "site-no-warcs")
    for p, data in written.items():
        p.write_text(json.dumps({k: v for k, v in data.items() if k != "page_h1"}), encoding="utf-8")
    pages["old-sidecars-no-warcs"] = report(root, "site-old-no-warcs")
    for w in warcs:
        shutil.move(away / w.name, w)
    pages["old-sidecars"] = report(root, "site-old")
    return {"urls": urls, "mails": mails, "hooks": hooks, "pages": pages, "sidecars": list(written.values()),
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


def title_html(old: str, new: str) -> str:
    return f'<p class="title">title: <span class="del">{old}</span> \u2192 <span class="add">{new}</span></p>'


def test_the_sidecar_records_the_pages_h1(walk):
    h1s = {d["page_h1"] for d in walk["sidecars"]}
    assert h1s == {OLD, NEW}, walk["sidecars"][0]


def test_the_headline_edit_is_named_from_the_sidecar_without_the_warcs(walk):
    """Failed before nu59: without the WARC files the timeline named no headline edit (the title line stood)."""
    assert headline_html(OLD, NEW) in walk["pages"]["written"]["/news/h1-edit"]
    assert headline_html(OLD, NEW) in walk["pages"]["no-warcs"]["/news/h1-edit"]


def test_an_older_sidecar_has_its_page_read_from_the_warc(walk):
    """A sidecar written before ``page_h1``: the page is read from its WARC record, as before."""
    assert headline_html(OLD, NEW) in walk["pages"]["old-sidecars"]["/news/h1-edit"]
    # and it is the WARC that told it: without both, the title line stands and no headline edit is named
    assert 'class="headline"' not in walk["pages"]["old-sidecars-no-warcs"]["/news/h1-edit"]


def test_the_headline_edit_is_mailed_as_before(walk):
    subject, body = mail_of(walk, "/news/h1-edit")
    assert subject == f"Content changed: {NEW} (new headline)"
    assert f"headline: {OLD} -> {NEW}" in body and "title:" not in body
    hook = hook_of(walk, "/news/h1-edit")
    assert (hook["archiver_before_headline"], hook["archiver_headline"]) == (OLD, NEW)
    assert not {"archiver_before_title", "archiver_title_only"} & set(hook)


def test_a_title_rewritten_alone_is_named_a_title_change(walk):
    """Failed before nu59: ``Content changed: SEO_NEW`` with no word of a title."""
    subject, body = mail_of(walk, "/news/title-only")
    assert subject == f"Title changed (the headline and text are the same): {SEO_NEW}"
    assert f"title: {SEO_OLD} -> {SEO_NEW}" in body
    assert "headline:" not in body and "new headline" not in body
    hook = hook_of(walk, "/news/title-only")
    assert (hook["archiver_before_title"], hook["archiver_title"], hook["archiver_title_only"]) == (
        SEO_OLD, SEO_NEW, "yes")
    assert "archiver_headline" not in hook and hook["archiver_kind"] == "edit"
    page_html = walk["pages"]["written"]["/news/title-only"]
    assert title_html(SEO_OLD, SEO_NEW) in page_html and 'class="headline"' not in page_html
    assert "v1 \u2192 v2: title changed (the headline and text are the same)" in page_html


def test_a_title_rewritten_with_the_text_is_a_content_change_naming_it(walk):
    subject, body = mail_of(walk, "/news/title-and-text")
    assert subject == f"Content changed: {SEO_NEW}"
    assert f"title: {SEO_OLD} -> {SEO_NEW}" in body and "{+meeting in January+}" in body
    assert "Only the title" not in body
    hook = hook_of(walk, "/news/title-and-text")
    assert hook["archiver_before_title"] == SEO_OLD and "archiver_title_only" not in hook
    page_html = walk["pages"]["written"]["/news/title-and-text"]
    assert title_html(SEO_OLD, SEO_NEW) in page_html and "v1 \u2192 v2: content changed" in page_html


def test_the_sidecar_records_the_articles_captions_only(walk):
    assert {tuple(d["captions"]) for d in walk["sidecars"]} == {(CAP_OLD,), (CAP_NEW,)}


def test_a_caption_edited_alone_is_told_as_a_caption(walk):
    """Failed before nu59: no event at all (the clean text leaves captions out, so it was the same)."""
    subject, body = mail_of(walk, "/news/caption-only")
    assert subject == f"Caption changed (the text is the same): {SEO_OLD}"
    assert f"caption: {CAP_OLD} -> {CAP_NEW}" in body and "content " not in body.replace("content changes", "")
    hook = hook_of(walk, "/news/caption-only")
    assert hook["archiver_kind"] == "caption" and "archiver_changes" not in hook
    assert (hook["archiver_before_captions"], hook["archiver_captions"]) == (CAP_OLD, CAP_NEW)
    page_html = walk["pages"]["written"]["/news/caption-only"]
    assert f"caption: {CAP_OLD} -&gt; {CAP_NEW}" in page_html and 'class="badge b-caption"' in page_html


def test_a_caption_edited_with_the_text_is_named_in_the_edit(walk):
    subject, body = mail_of(walk, "/news/caption-and-text")
    assert subject == f"Content changed: {SEO_OLD}"
    assert f"caption: {CAP_OLD} -> {CAP_NEW}" in body and "{+meeting in January+}" in body
    assert "April" not in body.split("caption:")[0]  # the caption is not told as body text
    hook = hook_of(walk, "/news/caption-and-text")
    assert hook["archiver_kind"] == "edit" and hook["archiver_captions"] == CAP_NEW
    assert f"caption: {CAP_OLD} -&gt; {CAP_NEW}" in walk["pages"]["written"]["/news/caption-and-text"]


def test_no_other_article_tells_a_caption(walk):
    """The sidebar teaser's figure changes on every hit: it is no caption of the article."""
    for path in ("/news/h1-edit", "/news/title-only", "/news/title-and-text"):
        assert "caption" not in mail_of(walk, path)[1]
        assert "caption changed" not in walk["pages"]["written"][path]


def test_the_feed_titles_are_the_subjects(walk):
    assert not walk["feed"].bozo
    assert sorted(e.title for e in walk["feed"].entries) == sorted(s for s, _ in walk["mails"])
    assert sorted(h["title"] for h in walk["hooks"]) == sorted(s for s, _ in walk["mails"])


def test_title_step_needs_both_titles_and_other_words(tmp_path):
    def side(name: str, title: object) -> str:
        path = tmp_path / name
        path.write_text(json.dumps({"title": title}), encoding="utf-8")
        return str(path)

    a, b = side("a.json", SEO_OLD), side("b.json", SEO_NEW)
    text_a, text_b = f"{SEO_OLD}\n\n{OLD}\n\n{P[0]}\n", f"{SEO_NEW}\n\n{OLD}\n\n{P[0]}\n"
    assert title_step(text_a, a, text_b, b) == {"old": SEO_OLD, "new": SEO_NEW, "only": True}
    assert title_step(text_a, a, f"{SEO_NEW}\n\n{OLD}\n\n{P[1]}\n", b)["only"] is False
    assert title_step(text_a, a, text_b, side("c.json", SEO_OLD.upper().replace(":", " \u2014"))) is None
    assert title_step(text_a, a, text_b, side("d.json", None)) is None
    assert title_step(text_a, a, text_b, tmp_path / "missing.json") is None


def test_caption_fields_give_one_caption_a_line():
    """Every other field has its control characters made spaces; the captions keep one caption a line."""
    from archiver.watch.message import caption_line, fields

    got = fields({"kind": "caption", "url": "http://h.test/a", "detail": {
        "captions": [["Old\ncaption", "New caption"], ["", "Added caption"]]}})
    assert got["archiver_before_captions"] == "Old caption\n" and got["archiver_captions"] == "New caption\nAdded caption"
    assert caption_line("", "Added caption") == "caption added: Added caption"
    assert caption_line("Gone caption", "") == "caption removed: Gone caption"
