"""Two kinds the seventh renditions (``tests/fixtures/renditions7``) found in the diff, each on a page
of its own (invented site and text).

- Words a page holds in a ``<template>``: an AMP comment form's "Connecting to %s", shown while the
  form is sent, in ``<div submitting><template type="amp-mustache">``. A crude scraper copied it; the
  diff's page text skipped templates, so the stored copy's line was called content removed. (A
  declarative shadow root, ``<template shadowrootmode>``, is shown by the browser as it stands.)
- A stored line holding the page's address ("Original url: https://www.example/2022/...") when a
  removed block holds a piece of it (a reader view's domain line "example.com", linked to the page):
  the block explained those words, the whole-line metadata test was skipped as the line was
  touched, and the rest of the address was called content removed.
"""

from __future__ import annotations

from archiver.diff import page
from archiver.diff.compare import compare_texts
from archiver.diff.evidence import evidence
from archiver.diff.metadata import PageMetadata
from archiver.diff.page import html_page_text

BODY = ("Harbour board approves a fourth evening ferry\n\n"
        "The harbour board approved a fourth evening crossing to the island on Monday after a long debate.\n\n"
        "The extra sailing starts in June and runs until the end of September, the board said.\n\n"
        "Crews and fuel for the crossing will be paid for from the summer fares, officials said.\n")
ARTICLE = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n")[1:])
URL = "https://www.harbour-gazette.test/2026/04/14/harbour-board-approves-a-fourth-evening-ferry-a1204"

AMP_FORM = ("<html><body><article>" + ARTICLE + "</article><section><h2>Leave a Reply</h2>"
            "<form action-xhr='/wp-comments-post.php' method='post'><textarea name='comment'></textarea>"
            "<input type='submit' value='Post Comment'>"
            "<div submitting><template type='amp-mustache'><p>Connecting to %s</p></template></div>"
            "<div submit-error><template type='amp-mustache'><p>{{error}}</p></template></div></form>"
            "</section></body></html>")


def _stored(line: str) -> str:
    head, rest = BODY.split("\n\n", 1)
    return f"{head}\n\n{rest}\n{line}\n"


def test_a_template_s_words_are_on_the_page():
    ev = evidence(page=html_page_text(AMP_FORM), article_text=BODY, classify=None)
    result = compare_texts(_stored("Connecting to %s"), BODY, evidence=ev)
    assert result.cls == "boilerplate", [(c.cls, c.old) for c in result.changes]
    [c] = result.changes
    assert (c.rule, c.region) == ("on-page", "template")


def test_a_declarative_shadow_root_s_words_are_on_the_page():
    html = ("<html><body><share-bar><template shadowrootmode='open'><span>Share this post</span>"
            "<button>Copy link</button></template></share-bar><article>" + ARTICLE + "</article></body></html>")
    ev = evidence(page=html_page_text(html), article_text=BODY, classify=None)
    assert compare_texts(_stored("Share this post Copy link"), BODY, evidence=ev).cls == "boilerplate"


def test_without_template_text_the_line_is_content(monkeypatch):
    monkeypatch.setattr(page, "SKIP_TAGS", page.SKIP_TAGS | {"template"})
    ev = evidence(page=html_page_text(AMP_FORM), article_text=BODY, classify=None)
    assert compare_texts(_stored("Connecting to %s"), BODY, evidence=ev).cls == "content-changed"


def test_scripts_inside_a_template_stay_out():
    html = ("<html><body><article>" + ARTICLE + "</article><template><script>var greeting = 'Hello there "
            "reader friend';</script></template></body></html>")
    text = html_page_text(html)
    assert text is not None and not text.find(["hello", "there", "reader"])


def _address_line_result(removed: list[dict]) -> tuple[str, list[tuple[str, str | None]]]:
    meta = PageMetadata.from_fields({"title": [BODY.split("\n", 1)[0]]}, [URL])
    reader = ("<html><body><div class='reader-header'><a class='reader-domain' href='" + URL + "'>"
              "harbour-gazette.test</a></div><div class='page'>" + ARTICLE + "</div></body></html>")
    ev = evidence(removed, page=html_page_text(reader), metadata=meta, article_text=BODY, classify=None)
    result = compare_texts(_stored(f"Original url: <{URL}>"), BODY, evidence=ev)
    return result.cls, [(c.cls, c.rule) for c in result.changes]


def test_the_page_s_address_is_metadata_when_a_removed_block_holds_its_domain():
    removed = [{"rule": "not-main-content", "stage": "extractor", "text": "harbour-gazette.test", "region": "page"}]
    cls, changes = _address_line_result(removed)
    assert cls == "boilerplate", changes
    assert ("boilerplate", "metadata") in changes


def test_the_page_s_address_is_metadata_without_the_block_as_before():
    cls, changes = _address_line_result([])
    assert cls == "boilerplate" and changes == [("boilerplate", "metadata")], changes


def test_another_page_s_address_stays_content_beside_the_block():
    removed = [{"rule": "not-main-content", "stage": "extractor", "text": "harbour-gazette.test", "region": "page"}]
    meta = PageMetadata.from_fields({}, [URL])
    ev = evidence(removed, metadata=meta, article_text=BODY, classify=None)
    other = "https://www.harbour-gazette.test/2026/04/15/island-school-reopens-a1205"
    assert compare_texts(_stored(f"Original url: <{other}>"), BODY, evidence=ev).cls == "content-changed"
