"""A change's context that reaches into the paragraph before or after it marks the break with ``¶``.

Without the mark, ``…the crumbling structure. [-Engineers-]{+Inspectors+} told the council…`` read as one
sentence whose end and start were one paragraph (a reader of a correction notice could not tell the
changed word opened a paragraph). Real site on loopback (127.0.47.x), a real webhook receiver, the
real CLI's ``history``.
"""
from __future__ import annotations

from sitekit import Response, Site, run_archiver
from watchkit import Watcher, Webhook, furniture_page

from archiver.diff.normalize import tokenize

ADDRESS = "127.0.47.11"
HOOK = "127.0.47.12"


def test_a_document_context_marks_each_paragraph_break_inside_it():
    doc = tokenize("One two three.\n\nFour five.\n\nSix.")
    assert doc.span(0, len(doc.tokens)) == "One two three. Four five. Six."
    assert doc.context(0, len(doc.tokens)) == "One two three. \u00b6 Four five. \u00b6 Six."
    assert doc.context(1, 3) == "two three"
    assert doc.context(2, 2) == ""


def test_a_change_opening_a_paragraph_shows_the_break_in_its_context(tmp_path):
    site = Site(tmp_path / "site")
    news = site.host("www.harbour-gazette.test", address=ADDRESS)

    def page(req):
        html = furniture_page(1)
        if req.hit > 1:
            html = html.replace("<p>Engineers told", "<p>Inspectors told")
        return Response(body=html)

    news.route("/city/bridge", page)
    site.start()
    try:
        with Webhook(host=HOOK) as hook:
            watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
            assert watcher.run()[0] == 0
            code, out = watcher.run()
            assert code == 1 and "content changed (v1 -> v2)" in out, out
            proc = run_archiver("history", news.url("/city/bridge"), "--warcs", tmp_path / "warcs",
                                "--clean", tmp_path / "clean", cwd=tmp_path)
            for text in (hook.received[0]["message"], proc.stdout):
                lines = [ln for ln in text.splitlines() if "[-Engineers-]{+Inspectors+}" in ln]
                assert lines, text
                assert "structure. \u00b6 [-Engineers-]" in lines[0], lines[0]
    finally:
        site.stop()
