"""Stage 2 guard: a live blog's feed, or a story's sections, written as sibling ``<article>``s are one body.

A live blog writes each timestamped post as an ``<article>``, side by side with no ``<article>``
around them; a story may write each of its sections as an ``<article>`` under its ``<h1>`` (bug16,
https://github.com/adbar/trafilatura/issues/432). trafilatura reads the first ``<article>`` of the
page as the body (the tag, not a class word, misnames them): :func:`unarticle_feed` renames such
siblings ``<div>``. Run with :mod:`.misnamed`'s guards before trafilatura reads the tree (moved from
there; ``misnamed.unarticle_feed`` is this function).
"""

from __future__ import annotations

from lxml import etree

__all__ = ["unarticle_feed"]

_LENGTH = etree.XPath("string-length()")  # characters, whitespace included, with no Python string made


UNARTICLE_FEEDS = True  # False: a live blog's posts stay <article>s, trafilatura reads the first as the body (ablation)
MIN_FEED_POSTS = 3
FEED_SHARE = 0.5
MAX_POST_CHARS = 2500  # a live blog's post is a few paragraphs; an archive list of whole articles is not a feed


def unarticle_feed(tree) -> int:
    """Read a feed of posts as one body: ``<article>`` siblings that hold most of the page's text become ``<div>``s.

    A live blog writes each timestamped post as an ``<article>``, side by side in a feed with no
    ``<article>`` around them. trafilatura takes the first ``<article>`` of the page for the body,
    reads that one post, then gathers the other posts' paragraphs as loose text: their headlines
    went and the first post's came out after the ones below it. ``MIN_FEED_POSTS`` or more
    ``<article>`` children of one element, each holding a ``<p>`` and at most ``MAX_POST_CHARS``
    characters (a topic page listing whole articles, each an ``<article>``, is no feed: there the
    first is the page's own), no ``<article>`` around them and together over ``FEED_SHARE`` of the
    page's text (a list of teaser cards beside an article holds little of it) are renamed ``<div>``
    (their classes stay). So are two or more that are one story's sections (``SECTION_ARTICLES``,
    :func:`_story_sections`: under the story's ``<h1>``, each opened by an unlinked subheading), of
    any length, holding over ``FEED_SHARE`` of the text together. ``tree`` is changed in place; returns
    how many ``<article>``s were renamed.
    """
    if not UNARTICLE_FEEDS:
        return 0
    parents: dict = {}
    for article in tree.iter("article"):
        parent = article.getparent()
        if parent is not None and article.find(".//p") is not None:
            parents.setdefault(parent, []).append(article)
    renamed = 0
    total = 0.0
    for parent, posts in parents.items():
        sections = SECTION_ARTICLES and len(posts) >= 2 and _story_sections(parent, posts)
        if (len(posts) < MIN_FEED_POSTS and not sections) or any(el.tag == "article" for el in parent.iterancestors()):
            continue
        if not total:
            body = tree.find("body") if tree.tag != "body" else tree
            total = float(_LENGTH(body if body is not None else tree))
        lengths = [_LENGTH(post) for post in posts]
        if (max(lengths) > MAX_POST_CHARS and not sections) or sum(lengths) <= FEED_SHARE * total:
            continue
        for post in posts:
            post.tag = "div"
        renamed += len(posts)
    return renamed


# False: a story's sections written as two or more sibling <article>s under its <h1> stay articles (ablation)
SECTION_ARTICLES = True
_SECTION_HEADS = ("h2", "h3", "h4")


def _story_sections(parent, posts: list) -> bool:
    """``posts`` (the ``<article>`` children of ``parent`` holding a ``<p>``) are one story's sections:
    ``parent`` has an ``<h1>`` child before the first of them, and each opens with an ``<h2>``-``<h4>``
    holding no link (a section's title; a card's or a listed article's headline links to it) and no
    ``<h1>`` of its own. trafilatura reads the first ``<article>`` as the body and leaves the others out."""
    first = posts[0]
    if not any(child.tag == "h1" for child in first.itersiblings(preceding=True)):
        return False
    for post in posts:
        head = next((child for child in post if isinstance(child.tag, str)), None)
        if head is None or head.tag not in _SECTION_HEADS or head.find(".//a") is not None \
                or post.find(".//h1") is not None:
            return False
    return True
