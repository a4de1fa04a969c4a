"""Stage 1c: the body lines of a short page written in ``<div>``s, read as bare trafilatura reads them.

trafilatura reads the text of ``<div>``s only when the page holds little ``<p>`` text: under its
``min_extracted_size`` (250 characters) in precision mode, under three times that in its default
mode (``main_extractor._extract``, the ``factor``; the ``<p>`` text of the whole document is
counted). On a page whose ``<p>`` text lies between the two (a short post, a how-to whose steps
are ``<div>``s beside a few paragraphs: https://github.com/mozilla/readability/issues/704), bare
trafilatura keeps the ``<div>`` lines and archiver's precision run dropped them all. On such a
page, when it is short (``MAX_PAGE_CHARS``; on long pages whose paragraphs are ``<div>``s, CNN
stories, the first version took boilerplate lines and lost body ones: AEB -.0004, trafilatura-eval
-.0005), each sentence ``<div>`` of the main container (of ``<body>`` without one) becomes a
``<p>``: no block inside it, a sentence (``repair._div_line``: its words and end, no furniture
name), under ``MAX_LINK_SHARE`` of it link text, not right after an image (a caption's place).
"""

from __future__ import annotations

from lxml import etree

from . import lines, repair

__all__ = ["SHORT_PAGE", "promote_short_page_lines"]

SHORT_PAGE = True  # False: a short page's <div> lines are left to precision mode (ablation)
MIN_P_CHARS = 250  # trafilatura's min_extracted_size: below it precision mode reads <div> text itself
MAX_P_CHARS = 750  # three times it: below it the default mode reads <div> text
MAX_PAGE_CHARS = 2500  # a short page: its whole text (a long page of <div> paragraphs is another layout)
MAX_LINK_SHARE = 0.25
_P_TEXT = etree.XPath("//p//text()", smart_strings=False)
_PAGE_LENGTH = etree.XPath("string-length(normalize-space(/html/body))")
_RAW_LENGTH = etree.XPath("string-length(/html/body)")
_PAGE_TEXT = etree.XPath("normalize-space(/html/body)", smart_strings=False)


def promote_short_page_lines(root, main) -> int:
    """Make a ``<p>`` of each sentence ``<div>`` of a short page (``MAX_PAGE_CHARS`` characters of
    text at most) holding ``MIN_P_CHARS`` to ``MAX_P_CHARS`` characters of ``<p>`` text; ``main`` is
    the main container (or None). Returns how many."""
    if not SHORT_PAGE or _RAW_LENGTH(root) > 4 * MAX_PAGE_CHARS:  # most pages stop here, after one C-level pass
        return 0
    if _PAGE_LENGTH(root) > MAX_PAGE_CHARS:  # the text as shown: whitespace collapsed
        return 0
    if lines.WIDE_SCRIPTS and lines.width(_PAGE_TEXT(root)) > MAX_PAGE_CHARS:
        return 0  # a Chinese or Japanese page says in 2,500 characters what a long page says (lines.width)
    size = sum(map(len, _P_TEXT(root)))
    if not MIN_P_CHARS <= size < MAX_P_CHARS:
        return 0
    body = root.find("body")
    scope = main if main is not None else body
    if scope is None:
        scope = root
    promoted = 0
    for div in list(scope.iter("div")):
        if repair._div_line(div) and repair._linked_share(div) < MAX_LINK_SHARE and not repair._after_media(div):
            div.tag = "p"
            promoted += 1
    return promoted
