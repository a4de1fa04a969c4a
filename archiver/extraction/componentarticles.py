"""A story written as a run of page-builder components, each an ``<article>``: read as one body.

A page builder (a React or Next.js site's "ImageText" block, a CMS's text-and-picture component)
writes the story as a run of sections, each holding one component that is an ``<article>`` with a
part of the text. trafilatura takes one ``<article>`` for the body and reads only that part (an
athletics story's second and third parts lost, its fourth kept: trafilatura-eval's kind).
``misnamed.unarticle_feed`` reads sibling ``<article>``s as one feed; these are cousins, each in
its own section.
"""
from __future__ import annotations

from lxml import etree

__all__ = ["COMPONENT_ARTICLES", "unarticle_components"]

COMPONENT_ARTICLES = True  # False: a story's component <article>s stay articles, trafilatura reads one (ablation)
MIN_PARTS = 2
SHARE = 0.5  # of the page's text, the parts together
MIN_PART_PROSE = 80  # characters of <p> text in each part: a text part, not a picture's caption box
_HEADS = ("h2", "h3", "h4", "h5", "h6")
_LENGTH = etree.XPath("string-length()")


def _prose(article) -> int:
    return sum(len(" ".join(p.text_content().split())) for p in article.iter("p"))


def _linked_head(article) -> bool:
    """A heading holding a link: a teaser card's or a listed post's headline, which links to it."""
    return any(head.find(".//a") is not None for head in article.iter(*_HEADS))


def unarticle_components(tree) -> int:
    """Rename to ``<div>`` the ``<article>``s of a page made of one component's articles.

    Every ``<article>`` of the page holding a ``<p>`` has the same (non-empty) class, there are
    ``MIN_PARTS`` or more, none inside another ``<article>``, none holding an ``<h1>`` or a linked
    heading (a teaser grid's cards and an archive page's posts link their headlines), none but the
    first holding a heading at all (a list's items each carry a title: an app directory's cards, the
    next stories of an endless page, which a first version joined into one text), each with
    ``MIN_PART_PROSE`` characters of paragraph text, and together they hold over ``SHARE`` of the
    page's text. A ``<header>`` inside a part holding that much paragraph text (the component's
    text box) becomes a ``<div>`` too: precision mode reads one such header, whichever is longest.
    ``tree`` is changed in place (classes stay); returns how many articles were renamed.
    """
    if not COMPONENT_ARTICLES:
        return 0
    parts = [a for a in tree.iter("article") if a.find(".//p") is not None]
    if len(parts) < MIN_PARTS:
        return 0
    name = parts[0].get("class")
    if not name or any(a.get("class") != name for a in parts):
        return 0
    for at, part in enumerate(parts):
        if next(part.iterancestors("article"), None) is not None or part.find(".//h1") is not None \
                or _linked_head(part) or _prose(part) < MIN_PART_PROSE:
            return 0
        if at and next(part.iter(*_HEADS), None) is not None:
            return 0  # a list's item (an app's card, the next story of an endless page) opens with its own title
    body = tree.find("body") if tree.tag != "body" else tree
    total = float(_LENGTH(body if body is not None else tree))
    if sum(_LENGTH(part) for part in parts) <= SHARE * total:
        return 0
    for part in parts:
        part.tag = "div"
        for head in part.iter("header"):  # the component's text box, named so by its markup
            if _prose(head) >= MIN_PART_PROSE:
                head.tag = "div"
    return len(parts)
