"""Stage 2 guard: an icon list block in the body is a list of the article's, whatever its class words say.

Block editors' icon list blocks write a bulleted list whose bullets are icons (Stackable's
``wp-block-stackable-icon-list`` > ``stk-block-icon-list__content`` > ``ul`` > ``li.stk-block-icon-list-item``
with an ``<svg>`` and ``span.stk-block-icon-list-item__text``; Kadence's ``wp-block-kadence-iconlist``,
Spectra's ``uagb-icon-list``, Elementor's ``elementor-icon-list-items``). trafilatura deletes, with everything
in them, elements whose class holds one of its furniture words; ``-icon`` is one (its ``OVERALL_DISCARD_XPATH``,
the UI-meta words), so the whole list went, in archiver and bare trafilatura alike, and the article lost its
points (bug23: https://github.com/gambitph/Stackable/issues/321, the block missing from Safari's reader view).

:func:`unname_icon_lists` finds the outermost elements whose class names an icon list (``icon-list``,
``iconlist``, ``icon_list``, any case) holding a ``<ul>`` or ``<ol>`` of at least ``MIN_ITEMS`` items, with
at least ``MIN_TEXT`` characters of text of which under ``MAX_LINK_SHARE`` is link text (a list of links is a
menu or a contact card, not points) and at most ``MAX_TEXT`` characters; it and every element inside it lose
their ``class``, ``id`` and ``role`` (trafilatura tests its words on the list's items too, ``li`` read as its
``item``, which the one-element tests of :mod:`archiver.extraction.misnamed` do not see), so trafilatura reads
them as plain containers and decides on their text. Blocks inside ``<nav>``, ``<aside>``, ``<header>`` or ``<footer>``
are left alone. ``tree`` is changed in place.
"""

from __future__ import annotations

import re

from lxml import etree

from .misnamed import ATTRIBUTES

__all__ = ["unname_icon_lists"]

UNNAME_ICON_LISTS = True  # False: icon list blocks go as trafilatura decides (ablation)
MIN_ITEMS = 2
MIN_TEXT = 20  # characters, whitespace collapsed
MAX_TEXT = 3000
MAX_LINK_SHARE = 0.5
_NAMED = re.compile(r"icon[-_]?list", re.I)
_OUTSIDE = etree.XPath("ancestor::nav | ancestor::aside | ancestor::header | ancestor::footer")
_ITEMS = etree.XPath("count((.//ul | .//ol)[1]/li)")
_TEXT = etree.XPath("normalize-space()")
_LINK_TEXT = etree.XPath(".//a//text()")


def _is_points(block) -> bool:
    """True for a block holding a list of ``MIN_ITEMS`` items of mostly unlinked text, ``MIN_TEXT`` to
    ``MAX_TEXT`` characters."""
    if _ITEMS(block) < MIN_ITEMS:
        return False
    text = _TEXT(block)
    if not MIN_TEXT <= len(text) <= MAX_TEXT:
        return False
    linked = sum(len(t.strip()) for t in _LINK_TEXT(block))
    return linked < MAX_LINK_SHARE * len(text)


def _named_holders(tree) -> list:
    """The elements whose class names an icon list and that hold a ``<ul>`` or ``<ol>`` (one without holds no
    points), in document order: found from the page's lists up (lxml's C ``iter`` by tag), not by testing every
    element's class (an XPath with ``translate()`` for the case cost 1.3 ms a page, any walk over every element
    0.4)."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    found: dict = {}
    for lst in root.iter("ul", "ol"):
        for el in lst.iterancestors():
            if el in found:
                break  # its ancestors were looked at from an earlier list
            cls = el.get("class")
            found[el] = bool(cls and _NAMED.search(cls))
    holders = [el for el, named in found.items() if named]
    if len(holders) > 1:
        order = {el: i for i, el in enumerate(root.iter())}
        holders.sort(key=order.__getitem__)
    return holders


def unname_icon_lists(tree) -> int:
    """Strip furniture class words from icon list blocks holding a list of points.

    ``tree`` is the page's lxml tree (changed in place); returns how many elements lost their names.
    """
    if not UNNAME_ICON_LISTS:
        return 0
    blocks = _named_holders(tree)
    if not blocks:
        return 0
    inside = set(blocks)
    renamed = 0
    for block in blocks:
        if any(a in inside for a in block.iterancestors()) or _OUTSIDE(block) or not _is_points(block):
            continue
        for el in block.iter():
            if isinstance(el.tag, str) and any(name in el.attrib for name in ATTRIBUTES):
                for name in ATTRIBUTES:
                    el.attrib.pop(name, None)
                renamed += 1
    return renamed
