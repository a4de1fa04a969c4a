"""Stage 1, part of ``repair.promote_div_lines``: a callout box's sentence among the body's paragraphs.

Editors of today's publishing stacks (Ghost's ``kg-callout-card``, Notion-style exports, page
builders) set a remark off from the text as a box: an icon or emoji in one ``<div>``, the sentence
in another, both inside the box's ``<div>``, between two body ``<p>``s. ``promote_div_lines`` takes a
bare sentence ``<div>`` only as a child of the body, and trafilatura reads a ``<div>``'s own text only
on pages with little ``<p>`` text, so the sentence was lost (modern3's Ghost probe; bare trafilatura
loses it too). Here such a box's one sentence ``<div>`` is found, for the caller to make a ``<p>``:

- the box is a ``<div>`` child of the body, named by no furniture word (``NOT_A_BOX``: not a
  promo, share, newsletter or ad box; a ``note``, ``info``, ``tip`` or ``callout`` box is text);
- it holds no block but ``<div>``s, and one of them holds a bare sentence (``line``: the
  caller's test of a line), all of the box's text but that sentence being without a letter or a
  digit (the icon's emoji, a glyph): a box of a heading and a sentence, or of two sentences, is
  another shape, left to the other stages;
- beside the sentence stands its icon: another element of the box, with no letter or digit in it
  (a box holding only its sentence is a tip or a teaser box of the site's, such as WCXB dev 4694's
  ``div.blogTip``, whose truth leaves it out);
- the box does not follow an image block (a caption's place, as ``promote_div_lines`` has it: WCXB
  dev 0322's 'TLDR:' box under a chart, left out by its truth).

The icon goes (:func:`drop_icons`): kept, its emoji came out as a line of its own (WCXB dev 0198).

``BOXED_LINES`` switches the stage off (ablation ``stage:callout-lines``).
"""

from __future__ import annotations

from collections.abc import Callable

from .dom import name_words

__all__ = ["BOXED_LINES", "boxed_lines", "drop_icons"]

BOXED_LINES = True  # False: a callout box's sentence <div> stays a <div> (ablation)


def boxed_lines(parent, not_a_box: frozenset[str], line: Callable[[object], bool],
                after_media: Callable[[object], bool]) -> list:
    """The sentence ``<div>``s of ``parent``'s callout boxes (see the module's text), in order:
    ``not_a_box``, the furniture words no box may be named by; ``line(div)``, whether a ``<div>`` is a
    bare sentence line; ``after_media(el)``, whether an element stands right after an image block.
    Empty with ``BOXED_LINES`` off."""
    if not BOXED_LINES:
        return []
    found = []
    for box in parent:
        if box.tag != "div" or not len(box) or box.get("role") or name_words(box) & not_a_box \
                or after_media(box):
            continue
        inner = [el for el in box.iterdescendants() if isinstance(el.tag, str)]
        if any(el.tag != "div" for el in inner if _block(el)):
            continue
        lines = [el for el in inner if el.tag == "div" and line(el)]
        if len(lines) != 1 or name_words(lines[0]) & not_a_box:
            continue
        rest = _text_without(box, lines[0])
        if any(ch.isalnum() for ch in rest) or not _icons(box, lines[0]):
            continue
        found.append(lines[0])
    return found


def _icons(box, line) -> list:
    """The elements of ``box`` that are neither ``line`` nor around it, outermost first."""
    chain = {box, *(a for a in line.iterancestors())}
    return [el for el in box.iterdescendants() if isinstance(el.tag, str) and el is not line
            and el not in chain and el.getparent() in chain]


def drop_icons(parent, line) -> None:
    """Take the icon out of the callout box around ``line`` (one of :func:`boxed_lines`' finds in
    ``parent``), each icon element's tail kept; the tree is changed in place."""
    box = line
    while box.getparent() is not parent:
        box = box.getparent()
    for el in _icons(box, line):
        el.drop_tree()  # lxml.html: the element goes, its tail joins the text before it


_BLOCK_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 ul ol li table blockquote figure pre form section article aside "
                        "header footer nav img picture video iframe".split())


def _block(el) -> bool:
    return el.tag in _BLOCK_TAGS or el.tag == "div"


def _text_without(box, line) -> str:
    """``box``'s text less ``line``'s (its tail kept)."""
    parts = [box.text or ""]
    for el in box.iterdescendants():
        if el is line or any(a is line for a in el.iterancestors()):
            if el is line and el.tail:
                parts.append(el.tail)
            continue
        if isinstance(el.tag, str) and el.text:
            parts.append(el.text)
        if el.tail:
            parts.append(el.tail)
    return "".join(parts)
