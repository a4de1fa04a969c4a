"""A whitespace-only inline element separates words: a syntax highlighter writes the spaces and
line breaks of a code block as ``<span>``s of their own, and dropping them as empty elements before
trafilatura ran the tokens together ("listen8080root/srv/orchard"). Invented page and text."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

import archiver.extraction.article as article
from archiver.extraction import extract

ROWS = [("listen", "8080"), ("root", "/srv/orchard"), ("index", "pears.html")]
BODY = ["The orchard server needs only three lines of configuration, which we keep in one small file.",
        "Put the file next to the pages and restart the service; it picks the settings up on its own.",
        "If the port is taken, change the first line and restart again, nothing else needs to move."]


def _page() -> str:
    code = "".join(f"<span class='ln'><span class='kw'>{k}</span><span class='sp'> </span>"
                   f"<span class='val'>{v}</span><span class='sp'>\n</span></span>" for k, v in ROWS)
    return ("<html><body><article><h1>A tiny orchard server</h1>" + "".join(f"<p>{t}</p>" for t in BODY)
            + f"<div class='hl'><pre><code>{code}</code></pre></div>"
            "<p>That is all there is to it, and the pages load at once.</p></article></body></html>")


def test_highlighted_code_keeps_its_spaces_and_line_breaks():
    lines = extract(_page(), "https://orchard.example/server").paragraphs
    for key, value in ROWS:
        assert f"{key} {value}" in lines


def test_tokens_run_together_without_it(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(article, "KEEP_SPACES", False)
    text = extract(_page(), "https://orchard.example/server").text
    assert "listen8080" in text


def test_empty_elements_still_go():
    tree_html = "<html><body><div><p>Kept words here.</p><span></span><i>  </i>tail</div></body></html>"
    tree = lxml_html.fromstring(tree_html)
    article._lighten(tree, keep_images=False)
    div = tree.find(".//div")
    assert [el.tag for el in div] == ["p"]
    assert " ".join(div.text_content().split()) == "Kept words here. tail"
