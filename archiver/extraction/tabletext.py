"""Measures of a page's text for telling layout tables apart (``tables.py``): characters, menus, headline.

Pure functions over lxml elements; nothing here changes a tree.
"""

from __future__ import annotations

import re

from lxml import etree

__all__ = ["chars", "headline_piece", "holds_menu", "is_headline", "is_menu", "title_of"]

MENU_LINKS = 3  # a menu cell: at least this many links ...
MENU_LINK_SHARE = 0.6  # ... holding at least this share of the cell's characters
TITLE_MIN_CHARS = 12  # such a headline: at least this many characters (whitespace left out)
TITLE_NEAR = 0.8  # ... and at least this share of the <title>'s headline piece (and at most 1/this of it)


def title_of(root) -> str:
    """The page's ``<title>`` text, whitespace collapsed, in lower case ("" when none)."""
    title = next(root.iter("title"), None)
    return " ".join((title.text_content() if title is not None else "").split()).lower()


_TITLE_SEPARATORS = re.compile(r"\s*[|–—·]+\s*|\s+-+\s+|:\s+")


def headline_piece(title: str) -> str:
    """The longest piece of ``title`` split on ``|``, dashes set apart by spaces, ``:`` and ``·``:
    the headline beside the site's name and section ("civicweb || why our town needs a real bus
    timetable" -> "why our town needs a real bus timetable"); "" for an empty title."""
    return max(_TITLE_SEPARATORS.split(title), key=len, default="").strip()


def is_headline(text: str, title: str) -> bool:
    """``text`` (lower case, whitespace collapsed) is (nearly) the whole headline piece of ``title``
    (``headline_piece``): part of the title, at least ``TITLE_MIN_CHARS`` characters, and either
    inside the piece holding at least ``TITLE_NEAR`` of it or holding the piece (a headline with its
    kicker, "review: ...") within 1/``TITLE_NEAR`` of its length. A team's or a person's name in the
    title's headline ("manchester united" of "manchester united sign new striker") is not."""
    if len("".join(text.split())) < TITLE_MIN_CHARS or text not in title:
        return False
    piece = headline_piece(title)
    if not piece:
        return False
    if text in piece:
        return len(text) >= TITLE_NEAR * len(piece)
    return piece in text and len(text) * TITLE_NEAR <= len(piece)


def chars(el) -> int:
    """Characters of ``el``'s text, whitespace left out.

    The text as ``el.itertext()`` gives it (text and tails of the descendants, no comments, no
    processing instructions, not ``el``'s own tail), serialized by libxml2 in one piece: on a
    whole page about a third of the time of joining the pieces in Python (1.7 -> 0.65 ms)."""
    return len("".join(etree.tostring(el, method="text", encoding=str, with_tail=False).split()))


def is_menu(cell) -> bool:
    links = [a for a in cell.iter("a") if a.get("href")]
    if len(links) < MENU_LINKS:
        return False
    return sum(chars(a) for a in links) >= MENU_LINK_SHARE * max(1, chars(cell))


def holds_menu(cell) -> bool:
    """A menu inside ``cell``: an element (``<font>``, ``<div>``, ``<ul>``...) holding three links or
    more and little else (``is_menu``), not ``cell`` itself.

    A page wrapped whole in one cell (a 2003-2008 site's ``<table width=760><tr><td>`` around its
    menu line, headline, story and footer) is read by trafilatura as one ``| ... |`` row, menu,
    story and notices glued; a study text in one cell, its words linked to notes (Readability's
    clean-links), has no such menu and is left as one cell. The links are grouped by their parent
    (a ``<li>``'s by the list), so this is one pass over the cell's links.
    """
    seen: set[int] = set()
    for a in cell.iter("a"):
        holder = a.getparent()
        if holder is not None and holder.tag == "li":
            holder = holder.getparent()
        if holder is None or holder is cell or id(holder) in seen:
            continue
        seen.add(id(holder))
        if is_menu(holder):
            return True
    return False
