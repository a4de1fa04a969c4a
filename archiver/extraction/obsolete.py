"""Stage: obsolete elements (``<center>``, ``<blink>``) read as browsers draw them today.

HTML's rendering section draws ``<center>`` as a ``<div>`` with its text centred; old pages and
mail templates still write a paragraph, a heading line or a whole table in one. trafilatura has no
reading for the tag: a ``<center>`` of text between a body's ``<p>``s comes out as nothing at all,
and a ``<center>`` an editor (or a mail template) put between a ``<table>`` and its rows
(``<table><center><tbody>..``, which lxml's parser keeps where it stands) took the table with it,
every row lost (an HTML-to-text converter that "stops traversing the tree" at the tag:
https://github.com/html-to-text/node-html-to-text/issues/54; jsoup, which had no block reading for
it either, glued two ``<center>`` lines into one word: https://github.com/jhy/jsoup/pull/1113).

``read_centers``: a ``<center>`` that is a child of a table's structure (``<table>``, ``<thead>``,
``<tbody>``, ``<tfoot>``, ``<tr>``) is unwrapped, its rows the table's again; every other one becomes
the ``<div>`` it is drawn as, which the later stages read as any ``<div>`` (a one-line ``<div>``
between paragraphs is a paragraph: ``repair.promote_div_lines``). Switch ``CENTER_BLOCKS``
(ablation ``stage:center-blocks``).

``unwrap_blinks``: ``<blink>`` is no element of HTML any more (an ``HTMLUnknownElement``, drawn as
inline text that no longer blinks), yet trafilatura deletes every one with its text
(``MANUALLY_CLEANED``), so an old page's "the chairman <blink>warned</blink> that" came out "the
chairman that" (what a reader should do with ``<marquee>`` and ``<blink>``, outside HTML5:
https://github.com/alan-turing-institute/ReadabiliPy/issues/30). A ``<blink>`` inside a sentence
(its nearest block running text with ``inline.MIN_OTHER_WORDS`` words outside it, as ``<noindex>``)
is unwrapped, its text kept; one standing alone (a "NEW!" badge) stays for trafilatura. Switch
``BLINK_TEXT`` (ablation ``stage:blink-text``). ``<marquee>``, a scrolling ticker, is left to
trafilatura.
"""

from __future__ import annotations

import re

__all__ = ["BLINK_TEXT", "CENTER_BLOCKS", "read_centers", "unwrap_blinks"]

CENTER_BLOCKS = True  # False: a <center>'s text and a table's rows behind one go as trafilatura leaves them (ablation)
_TABLE_PARTS = frozenset(("table", "thead", "tbody", "tfoot", "tr"))
BLINK_TEXT = True  # False: a <blink> inside a sentence goes, text and all, in trafilatura (ablation)
# blocks whose text is running text, and the words a sentence holds outside the element (as inline.py)
_RUNNING = frozenset("p li dd td blockquote figcaption h2 h3 h4 h5 h6".split())
_BLOCKS = frozenset("""address article aside blockquote dd details div dl dt fieldset figcaption figure footer
    form h1 h2 h3 h4 h5 h6 header li main nav ol p pre section table td th tr ul""".split())
MIN_OTHER_WORDS = 6
_WORD = re.compile(r"\w+")


def read_centers(root) -> int:
    """Unwrap each ``<center>`` of ``root`` inside a table's structure and make each other one a
    ``<div>``; return how many were changed. Changes the tree in place."""
    if not CENTER_BLOCKS:
        return 0
    done = 0
    for el in list(root.iter("center")):
        parent = el.getparent()
        if parent is None:
            continue
        if parent.tag in _TABLE_PARTS:
            el.drop_tag()
        else:
            el.tag = "div"
        done += 1
    return done


def unwrap_blinks(root) -> int:
    """Unwrap each ``<blink>`` of ``root`` inside a sentence (its nearest block running text holding
    ``MIN_OTHER_WORDS`` words or more outside it); return how many. Changes the tree in place."""
    if not BLINK_TEXT:
        return 0
    done = 0
    for el in list(root.iter("blink")):
        block = next((a for a in el.iterancestors() if a.tag in _BLOCKS), None)
        if block is None or block.tag not in _RUNNING:
            continue
        if len(_WORD.findall(block.text_content())) - len(_WORD.findall(el.text_content())) >= MIN_OTHER_WORDS:
            el.drop_tag()
            done += 1
    return done
