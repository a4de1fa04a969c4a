"""The DOM stage's length guards: when the text of an element a rule matched keeps it on the page.

A rule may take a long comment thread, never most of the page (that is the
article); a "caption" holding a whole post is not a caption (``max_chars``);
and a rule may cap its share of the page's text (``max_share``). Every guard
asks "is the element's text longer than X", so a bound on the length that
is short enough answers for all of them without the text being read.
"""

from __future__ import annotations

from lxml import etree

__all__ = ["LARGE", "SHARED", "PAGE_MIN", "MOST", "STRING", "PageLength", "guarded", "needs_page_length", "text_len"]

LARGE = 300    # characters: an element this long is held against the page's text
SHARED = 100   # characters: the shortest element a rule's ``max_share`` is checked for
PAGE_MIN = 500  # characters: a page shorter than this has no "most of the page" guard
MOST = 0.6     # share of the page's text no rule may take (unless ``allow_large``, away from the headline)

STRING = etree.XPath("string()", smart_strings=False)  # an element's text, tails inside included, by libxml2


def text_len(el) -> int:
    """Characters of an element's text (all of it, tails inside included), concatenated by libxml2."""
    return len(STRING(el).strip()) if el is not None else 0


class PageLength:
    """The page's text length (:func:`text_len` of the ``<body>``), measured at the first call;
    ``value`` is -1 until then."""

    __slots__ = ("root", "value")

    def __init__(self, root) -> None:
        self.root, self.value = root, -1

    def __call__(self) -> int:
        if self.value < 0:
            body = self.root.find("body")
            self.value = text_len(body if body is not None else self.root)
        return self.value


def needs_page_length(rule, length: int) -> bool:
    """True when an element of ``length`` characters is held against the page's length."""
    return length > LARGE or bool(rule.max_share and length > SHARED)


def guarded(el, rule, length: int, page_len: PageLength) -> bool:
    """True when a guard keeps ``el``, whose text is ``length`` characters, from ``rule`` (a
    ``rules.DomRule``). Every test is "longer than": what holds for a length holds for any
    shorter one. Measures the page's length (``page_len``) only when ``length`` needs it."""
    if rule.max_chars and length > rule.max_chars:
        return True
    if not needs_page_length(rule, length):
        return False
    total = page_len()
    if total > PAGE_MIN and length > MOST * total and (
            not rule.allow_large or next(el.iter("h1"), None) is not None):
        return True
    return bool(rule.max_share and length > rule.max_share * total)
