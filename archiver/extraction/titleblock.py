"""The headline shown in a block named as the title, on a page with no heading for it.

A page with no ``<h1>`` whose headline is no heading, bold run, link or cell (``metadata.headline_in_title``'s
places) but a ``<div>`` or ``<p>`` its template names for the title (``<div class="watch-title">``
on a video page, ``<div class="article-title">`` on a news portal's story) kept its ``<title>``
whole, site name and all ("Harbour Trust: #PierWatch2026 | Hollin Gazette"): the headline was
never seen alone. A ``<div>`` or ``<p>`` whose ``class`` or ``id`` holds ``title`` or ``headline``
and whose whole text (whitespace collapsed) is a piece of the ``<title>`` is shown alone there;
one named for the site or a section (``site-title``, ``blog-title``, ``logo``, ``widget-title``,
``section-title`` ...) is not a story's headline, and is passed over.
Reports: https://github.com/sindresorhus/article-title/issues/1,
https://github.com/kingname/GeneralNewsExtractor/issues/72.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

__all__ = ["TITLED_BLOCKS", "titled_texts"]

TITLED_BLOCKS = True  # False: a headline shown only in a block named as the title is not seen (ablation)
MAX_CHARS = 300  # a block longer than this is no headline
_NAMED = etree.XPath(
    "//*[self::div or self::p][not(*[not(self::span or self::a or self::b or self::strong or self::em or self::i)])]"
    "[contains(translate(@class, 'TITLEHADN', 'titlehadn'), 'title')"
    " or contains(translate(@class, 'TITLEHADN', 'titlehadn'), 'headline')"
    " or contains(translate(@id, 'TITLEHADN', 'titlehadn'), 'title')"
    " or contains(translate(@id, 'TITLEHADN', 'titlehadn'), 'headline')][not(ancestor::nav or ancestor::footer)]")
# a name for the site's, a section's, a box's or a card's title, not the story's
_NOT_STORY = re.compile(r"site|blog|logo|brand|widget|section|categor|sidebar|related|nav|menu|footer|header-title|"
                        r"card|teaser|promo|subtitle|sub-title|list|item|sr-only|screen-reader", re.I)
_STRING = etree.XPath("string()", smart_strings=False)


def titled_texts(tree) -> Iterator[str]:
    """The texts (whitespace collapsed, at most ``MAX_CHARS``) of the ``<div>``s and ``<p>``s of ``tree``
    named as a story's title (``class`` or ``id`` holding ``title`` or ``headline``, none of
    ``_NOT_STORY``'s words, not in a ``<nav>`` or ``<footer>``) that hold only text and inline runs.
    Nothing when ``TITLED_BLOCKS`` is off or the page has an ``<h1>`` (a site's headline block beside
    a story's ``<h1>`` reads the site's name: WCXB dev 0256's ``Blocks_headline``)."""
    if not TITLED_BLOCKS or next(tree.iter("h1"), None) is not None:
        return  # a page with an <h1> shows its headline there (or names the site in it)
    for el in _NAMED(tree):
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if _NOT_STORY.search(names):
            continue
        text = " ".join(_STRING(el).split())
        if text and len(text) <= MAX_CHARS:
            yield text
