"""A wiki's title of a page id and the wiki's name: the title line takes the page's own ``<h1>``.

DokuWiki (with ``useheading`` off, its default) titles a page "presse:kazakhstan_csto [Research Group
Wiki]": the page's id, then the wiki's name in brackets; its template prints the wiki's name as the
header's ``<h1>`` (a link to the start page) and the page's first heading, the article's headline, as a
later ``<h1>`` in the content (rend23). ``metadata.choose_title`` takes the header's ``<h1>``, which the
``<title>`` holds: the wiki's name stood as the title. bare trafilatura takes the same.

A title is taken for such a one when the ``<title>`` is a page id (lower-case words joined by ``:``,
``_``, ``/``, ``.`` or ``-``, no space) and, in brackets or after a separator, the chosen title, and that
title is the text of the page's first ``<h1>`` standing in its header (``metadata._in_header``); the
headline is then the next ``<h1>`` outside any header, of two words or more.
"""

from __future__ import annotations

import re

from .lines import text_of
from .metadata import _in_header, page_title

__all__ = ["PAGE_ID_TITLE", "page_id_title"]

PAGE_ID_TITLE = True  # stage:page-id-title; False: the header's <h1> naming the wiki stays the title (ablation)
_PAGE_ID = re.compile(r"(?P<id>[a-z0-9]+(?:[:_./-][a-z0-9]+)+)\s*(?:\[(?P<bracketed>[^\[\]]+)\]|"
                      r"[|\-–—·•»]\s+(?P<after>.+))")


def page_id_title(tree, title: str | None) -> str | None:
    """The later ``<h1>``'s text when ``title`` is a wiki's name standing beside a page id in the
    ``<title>`` of ``tree`` (see the module's docstring); None otherwise (``title`` stays)."""
    if not PAGE_ID_TITLE or not title:
        return None
    m = _PAGE_ID.fullmatch(page_title(tree) or "")
    if m is None or " ".join((m["bracketed"] or m["after"] or "").split()) != title:
        return None
    h1s = list(tree.iter("h1"))
    if not h1s or text_of(h1s[0]) != title or not _in_header(h1s[0]):
        return None
    for h1 in h1s[1:]:
        text = text_of(h1)
        if text and len(text.split()) >= 2 and text != title and not _in_header(h1):
            return text
    return None
