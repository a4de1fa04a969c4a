"""Stage 2g: the article body a page declares in its structured data, when the page shows none.

A page rendered in the browser by script (a single-page app's skeleton, "Loading...") holds no
article text in its HTML; many such pages still declare the whole body for search engines in
their JSON-LD (``"@type": "NewsArticle", "articleBody": "..."``). trafilatura reads no script, so
the capture came out empty (https://github.com/postlight/parser/issues/329: a script-rendered page
parsed to ``content: ''``); bare trafilatura returned a stray line. When the text read from the
page holds under :data:`SHARE` of the declared body's characters, and the declared body is at
least :data:`MIN_CHARS` long, the declared body is the article: its paragraphs are its lines
(blank or single line breaks), or the blocks of the HTML some sites write into it.
"""

from __future__ import annotations

import html as htmlmod
import json
import re

import lxml.html

from .dom import iter_document

__all__ = ["LD_BODY", "declared_body", "paragraphs_of", "use_declared_body"]

LD_BODY = True  # False: a page that shows no body stays empty (ablation)
MIN_CHARS = 400  # a declared body shorter than this is a teaser, not the article
SHARE = 0.5  # the page's own text under this share of the declared body: the page shows no body
_KINDS = re.compile(r"Article|BlogPosting|Report|LiveBlogPosting")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_BLOCKS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre", "div")
# False: the caption and boxes a declared body's furniture held are not named in the page account, so a diff
# against a copy that kept them calls them removed content (rend25's SvelteKit page: its figure only in the state)
RECORD_FURNITURE = True
SKIP_FURNITURE = True  # False: a figure's caption in the declared HTML is read as a paragraph (ablation)
_CODE = frozenset({"script", "style", "noscript", "template"})  # left out, but no text a reader saw
_FURNITURE = ("figure", "figcaption", "aside", "script", "style", "noscript", "template", "button")


def declared_body(root, page: str) -> str | None:
    """The longest ``articleBody`` of an Article-like object (NewsArticle, BlogPosting, Report ...)
    in the page's JSON-LD scripts, or None. ``page`` is the HTML text: without the word
    ``articleBody`` in it no script is read. Read before the scripts are stripped."""
    if "articleBody" not in page:
        return None
    best: str | None = None
    for el in iter_document(root, "script"):
        if el.get("type") != "application/ld+json" or not el.text or "articleBody" not in el.text:
            continue
        try:
            stack = [json.loads(el.text)]
        except (ValueError, RecursionError):  # not JSON, or nested past the C decoder's depth
            continue
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                body = item.get("articleBody")
                kinds = kind if isinstance(kind, list) else [kind]
                if isinstance(body, str) and (best is None or len(body) > len(best)) \
                        and any(isinstance(k, str) and _KINDS.search(k) for k in kinds):
                    best = body
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return best


def paragraphs_of(body: str, dropped: list[str] | None = None) -> list[str]:
    """A declared body's paragraphs: the blocks of the HTML written into it (``<p>``, ``<h2>`` ...;
    not those inside a ``<figure>``, ``<figcaption>`` or ``<aside>``: a picture component's caption
    and credit, a box beside the text), else its lines (blank or single line breaks), each with its
    white space collapsed. ``dropped``, when given, gets the text of each furniture element left out
    (outermost only: a figure's caption once), for the page account (``RECORD_FURNITURE``)."""
    if _TAG.search(body):  # HTML written into the string: its blocks
        try:
            frag = lxml.html.fragment_fromstring(body, create_parent="div")
        except (ValueError, lxml.etree.ParserError):
            frag = None
        if frag is not None:
            if SKIP_FURNITURE:  # a picture's caption and credit, a box beside the text: not its paragraphs
                for el in list(frag.iter(*_FURNITURE)):
                    if el.getparent() is not None:
                        text = " ".join(el.text_content().split())
                        if dropped is not None and RECORD_FURNITURE and text and el.tag not in _CODE:
                            dropped.append(text)
                        el.drop_tree()
            out = []
            for el in frag.iter(*_BLOCKS):
                if el.find(".//p") is None and el.find(".//div") is None:
                    text = " ".join(el.text_content().split())
                    if text:
                        out.append(text)
            if out:
                return out
    text = htmlmod.unescape(body)
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def use_declared_body(lines: list[str], body: str | None, dropped: list[str] | None = None) -> list[str] | None:
    """The declared body's paragraphs when the page's own text (``lines``, the body read by
    trafilatura without its title) holds under :data:`SHARE` of its characters, else None. ``dropped``:
    as :func:`paragraphs_of`'s, filled only when the body is used."""
    if not LD_BODY or body is None:
        return None
    return hidden_body(sum(len(line) for line in lines), body, dropped)


def hidden_body(shown: int, body: str, dropped: list[str] | None = None) -> list[str] | None:
    """``body``'s paragraphs (:func:`paragraphs_of`) when they are :data:`MIN_CHARS` characters or more
    and the page shows under :data:`SHARE` of them (``shown``: characters of the page's own body text),
    else None: the test the declared body, a state's body string and a state's block list all pass."""
    furniture: list[str] = []
    paragraphs = paragraphs_of(body, furniture)
    declared = sum(len(p) for p in paragraphs)
    if declared < MIN_CHARS or shown >= SHARE * declared:
        return None
    if dropped is not None:
        dropped.extend(furniture)
    return paragraphs
