"""Section titles and lists written as ``<div>``s with ARIA roles: read as the headings and lists they are.

Component libraries and site builders write a body's section titles as ``<div role="heading"
aria-level="2">`` and its lists as ``<div role="list">`` of ``<div role="listitem">``, styled to
look like ``<h2>`` and ``<ul>``; screen readers announce them so. trafilatura sees one-line
``<div>``s among the paragraphs: precision mode drops them, so the sections ran together and the
list's items were lost (the kind of https://github.com/jina-ai/reader/issues/15, heading text in
``<div>``s; bare trafilatura drops the headings too and keeps the list's lines).
:func:`name_aria_roles` renames a heading ``<div>`` holding one short line of inline content
``<h2>``-``<h6>`` by its ``aria-level`` (2 when it has none; a level-1 one is the page's headline,
which the headline stages find by their own means, and is left alone, as is one inside a heading,
paragraph, link or list item); and a list ``<div>`` whose element children are all list-item
``<div>``s of inline content (two or more) ``<ul>`` of ``<li>``s. The candidates come from
``turnlabels.loose_text_divs``' walk of the ``<div>``s, after the DOM stage: no walk of its own.
"""

from __future__ import annotations

__all__ = ["ARIA_HEADINGS", "ARIA_LISTS", "name_aria_roles"]

import re

from archiver.numbers import ascii_int

from .lines import BLOCKS

ARIA_HEADINGS = True  # False: a <div role="heading"> stays a <div> (ablation)
ARIA_LISTS = True  # False: a <div role="list"> of list items stays <div>s (ablation)
MAX_CHARS = 160  # a heading is one short line
MIN_ITEMS = 2
SHARE_ROWS = True  # a list whose items are all share labels stays <div>s (False: renamed like any other)
# a share button's label: 'Share (on|via) <network>', 'Copy link', 'Email (this story)', 'Print', a network's name
_SHARE_ITEM = re.compile(r"^(?:share(?: (?:on|via|to|with|this))?(?: \w+){0,2}|tweet(?: this)?|"
                         r"copy(?: the)? (?:link|url)|(?:e-?mail|print)(?: this(?: story| article| page)?)?|facebook|"
                         r"twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|threads|bluesky|mastodon|messenger|"
                         r"flipboard|tumblr|vk)\W*$", re.I)
# a heading or list item of inline content holds none of these: the block tags, a line break, a picture
# or a form control
_BLOCKS = BLOCKS | {"br", "img", "button", "input", "select"}
_OUTSIDE = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "a", "button", "label", "summary", "li"})


def name_aria_roles(divs) -> int:
    """Rename the heading and list ``<div>``s of ``divs`` (``<div>`` elements with ``role="heading"``
    or ``role="list"``, any order; others are passed over) as the module docstring says, in place.
    Returns how many headings and lists were renamed."""
    done = 0
    for div in divs:
        role = div.get("role")
        if role == "heading" and ARIA_HEADINGS:
            done += _heading(div)
        elif role == "list" and ARIA_LISTS:
            done += _list(div)
    return done


def _heading(div) -> int:
    level = _level(div.get("aria-level"))
    if level is None or not _inline(div) or any(anc.tag in _OUTSIDE for anc in div.iterancestors()):
        return 0
    if not 0 < len(" ".join(div.text_content().split())) <= MAX_CHARS:
        return 0
    div.tag = f"h{level}"
    return 1


def _list(div) -> int:
    items = [child for child in div if isinstance(child.tag, str)]
    if len(items) < MIN_ITEMS or (div.text or "").strip():
        return 0
    if not all(item.tag == "div" and item.get("role") == "listitem" and _inline(item)
               and item.text_content().strip() and not (item.tail or "").strip() for item in items):
        return 0
    if SHARE_ROWS and all(_SHARE_ITEM.match(" ".join(item.text_content().split())) for item in items):
        return 0  # a row of share buttons ('Share on Facebook', 'Copy link'), not a body list
    div.tag = "ul"
    for item in items:
        item.tag = "li"
    return 1


def _inline(el) -> bool:
    """``el`` holds no block element."""
    return not any(isinstance(child.tag, str) and child.tag in _BLOCKS for child in el.iterdescendants())


def _level(value: str | None) -> int | None:
    """The heading level of an ``aria-level`` value: 2-6 as given, 2 when absent or unreadable,
    None for level 1 (the headline) or less."""
    level = ascii_int(value)
    if level is None:
        return 2
    if level <= 1:
        return None
    return min(level, 6)
