"""Stage: obsolete elements (``<center>``, ``<blink>``, ``<marquee>``, ``<xmp>``, ``<listing>``) read as
browsers draw them today.

HTML's rendering section draws ``<center>`` as a ``<div>`` with its text centred; old pages and
mail templates still write a paragraph, a heading line or a whole table in one. trafilatura has no
reading for the tag: a ``<center>`` of text between a body's ``<p>``s comes out as nothing at all,
and a ``<center>`` an editor (or a mail template) put between a ``<table>`` and its rows
(``<table><center><tbody>..``, which lxml's parser keeps where it stands) took the table with it,
every row lost (an HTML-to-text converter that "stops traversing the tree" at the tag:
https://github.com/html-to-text/node-html-to-text/issues/54; jsoup, which had no block reading for
it either, glued two ``<center>`` lines into one word: https://github.com/jhy/jsoup/pull/1113).

``read_centers``: a ``<center>`` that is a child of a table's structure (``<table>``, ``<thead>``,
``<tbody>``, ``<tfoot>``, ``<tr>``) is unwrapped, its rows the table's again; every other one that holds
blocks, or stands between the body's blocks of text, becomes the ``<div>`` it is drawn as (before the
DOM stage, so the footer, legal and boilerplate rules keyed on ``div`` see it; one of text after the
body's last block, an old page's "Last updated ... Best viewed with" footer line, stays a ``<center>``
for trafilatura), which the later stages read as any ``<div>`` (a one-line ``<div>``
between paragraphs is a paragraph: ``repair.promote_div_lines``). Switch ``CENTER_BLOCKS``
(ablation ``stage:center-blocks``).

``unwrap_blinks``: ``<blink>`` is no element of HTML any more (an ``HTMLUnknownElement``, drawn as
inline text that no longer blinks), yet trafilatura deletes every one with its text
(``MANUALLY_CLEANED``), so an old page's "the chairman <blink>warned</blink> that" came out "the
chairman that" (what a reader should do with ``<marquee>`` and ``<blink>``, outside HTML5:
https://github.com/alan-turing-institute/ReadabiliPy/issues/30). A ``<blink>`` inside a sentence
(words of the same sentence on both sides, ``boxterms.sentence_sides``) is unwrapped, its text kept;
a badge opening a line ("NEW!", "HOT") or standing alone stays for trafilatura. Switch
``BLINK_TEXT`` (ablation ``stage:blink-text``).

The same for a ``<marquee>`` inside a sentence (``MARQUEE_TEXT``, ablation ``stage:marquee-text``): browsers
still draw it (scrolling) as part of its line, trafilatura deletes it with its text (``MANUALLY_CLEANED``), so
"boat owners must <marquee>move their moorings</marquee> before" came out "boat owners must before" (a text
tool taught to read the tag: https://github.com/kevgo/text-runner/pull/421). A ``<marquee>`` standing alone
between blocks (a scrolling news ticker) stays trafilatura's to drop, and so does one inside a ``<p>`` that is no
phrase of the sentence: several headlines, separators or links, or a "Breaking:" label before it (``_phrase``).

``read_obsolete_pre``: HTML's rendering section treats ``<xmp>`` and ``<listing>`` as ``<pre>`` (the
obsolete elements' mapping quoted in https://github.com/w3c/html-aam/issues/486; an ``<xmp>``'s content is
raw text, markup shown as written); trafilatura has no reading for either, and an old page's code sample in
one came out as nothing at all. Each becomes the ``<pre>`` it is drawn as (its text unchanged), before the
DOM stage and the code-block stages. Switch ``OBSOLETE_PRE`` (ablation ``stage:obsolete-pre``).
"""

from __future__ import annotations

import re

from .boxterms import running_block, sentence_sides, short_phrase

__all__ = ["BLINK_TEXT", "CENTER_BLOCKS", "MARQUEE_TEXT", "OBSOLETE_PRE", "obsolete_tags", "read_centers",
           "read_obsolete_pre", "unwrap_blinks"]

CENTER_BLOCKS = True  # False: a <center>'s text and a table's rows behind one go as trafilatura leaves them (ablation)
_TABLE_PARTS = frozenset(("table", "thead", "tbody", "tfoot", "tr"))
BLINK_TEXT = True  # False: a <blink> inside a sentence goes, text and all, in trafilatura (ablation)
MARQUEE_TEXT = True  # False: a <marquee> inside a sentence goes, text and all, in trafilatura (ablation)
OBSOLETE_PRE = True  # False: an <xmp> or <listing> stays unknown to trafilatura, its text lost (ablation)
_PRE_LIKE = ("xmp", "listing")  # HTML's rendering: "in a manner equivalent to pre elements"
_FLOW = frozenset("p center blockquote ul ol dl table pre h2 h3 h4 h5 h6 div".split())  # what a body's text is in


_TICKER = re.compile(r"\+\+\+|[|\u2022\u00b7\u00bb]|[.!?\u3002\uff01\uff1f]\s*\S")  # separators, sentences
_OBSOLETE = re.compile(r"<(center|blink|marquee|xmp|listing)\b", re.I)


def obsolete_tags(html: str) -> frozenset[str]:
    """The obsolete tags (``center``, ``blink``, ``marquee``, ``xmp``, ``listing``) whose start tag
    ``html`` holds, in any case (HTML's tag names are case-insensitive: ``<Center>``, ``<BLINK>``)."""
    return frozenset(m.group(1).lower() for m in _OBSOLETE.finditer(html))


def _between_text(el) -> bool:
    """``el`` (a ``<center>`` of text only) stands between blocks of the body's text: a block with
    words (``_FLOW``) among its siblings before it and one after it (not the page's footer line,
    after the body's last paragraph)."""
    def near(sibs) -> bool:
        return any(isinstance(s.tag, str) and s.tag in _FLOW and s.text_content().strip() for s in sibs)
    return near(el.itersiblings(preceding=True)) and near(el.itersiblings())


def _fine_print(el) -> bool:
    """``el`` is small print: ``<small>`` or ``<font size=1|-1|-2>``."""
    return el.tag == "small" or (el.tag == "font" and (el.get("size") or "").strip() in ("1", "-1", "-2"))


def _plain_line(el) -> bool:
    """``el`` (a ``<center>`` of text only) is an old page's plain line: no class or id (a template's
    named box: ``center.footer``) and not all small print (a centred legal or footer notice)."""
    if el.get("class") or el.get("id"):
        return False
    kids = [k for k in el if isinstance(k.tag, str) and k.tag != "br"]
    small = [k for k in kids if _fine_print(k)]
    return not (small and len(small) == len(kids) and not (el.text or "").strip()
                and not any((k.tail or "").strip() for k in kids))


def read_centers(root) -> int:
    """Unwrap each ``<center>`` of ``root`` inside a table's structure and make a ``<div>`` of each
    other one that holds blocks or stands between the body's blocks of text (``_between_text``); return
    how many were changed. Changes the tree in place."""
    if not CENTER_BLOCKS:
        return 0
    done = 0
    for el in list(root.iter("center")):
        parent = el.getparent()
        if parent is None:
            continue
        if parent.tag in _TABLE_PARTS:
            el.drop_tag()
        elif any(isinstance(k.tag, str) and k.tag in _FLOW for k in el) or (_between_text(el) and _plain_line(el)):
            el.tag = "div"
        else:
            continue
        done += 1
    return done


def read_obsolete_pre(root) -> int:
    """Make each ``<xmp>`` and ``<listing>`` of ``root`` the ``<pre>`` HTML's rendering draws it as; return
    how many. Changes the tree in place."""
    if not OBSOLETE_PRE:
        return 0
    found = list(root.iter(*_PRE_LIKE))
    for el in found:
        el.tag = "pre"
        _tail_paragraph(el)
    return len(found)


def _tail_paragraph(pre) -> None:
    """Make the loose words after ``pre`` (its tail and the inline elements after it, up to the next block) a
    ``<p>`` of their own right after it. libxml2 closes a ``<p>`` at an ``<xmp>`` (as HTML's parser does)
    but leaves the sentence's rest loose beside it, which the loose-text stages then joined to the words
    before the code: "Type to break a line" / "<br>" (review62 finding 7). Only after a ``<p>`` the code
    cut."""
    before = pre.getprevious()
    if not (pre.tail or "").strip() or before is None or before.tag != "p" or before.tail:
        return
    rest = pre.makeelement("p", {})
    rest.text, pre.tail = pre.tail, None
    for sibling in list(pre.itersiblings()):
        if not isinstance(sibling.tag, str) or sibling.tag in _FLOW or sibling.tag in _PRE_LIKE:
            break
        rest.append(sibling)  # with its tail
    pre.addnext(rest)


def unwrap_blinks(root) -> int:
    """Unwrap each ``<blink>`` (``BLINK_TEXT``) and ``<marquee>`` (``MARQUEE_TEXT``) of ``root`` inside a
    sentence of running text, words of that sentence on both sides (``boxterms.sentence_sides``); return
    how many. Changes the tree in place."""
    tags = tuple(t for t, on in (("blink", BLINK_TEXT), ("marquee", MARQUEE_TEXT)) if on)
    if not tags:
        return 0
    by_block: dict = {}
    for el in root.iter(*tags):
        block = running_block(el)
        if block is not None:
            by_block.setdefault(block, []).append(el)
    done = 0
    for block, els in by_block.items():
        for el, (before, _) in sentence_sides(block, els).items():
            if el.tag == "marquee" and not _phrase(el, before):
                continue
            el.drop_tag()
            done += 1
    return done


def _phrase(marquee, before: str) -> bool:
    """``marquee`` reads as part of its sentence: one short phrase (``boxterms.short_phrase``) with no link,
    no ticker separator (``+++``, ``|``, a bullet) and no sentence end inside, not after a label ending in
    ``:`` ("Breaking:") nor right before a link (a ticker's "all news"): a scrolling ticker of headlines
    inside a ``<p>`` stays trafilatura's to drop (review62 finding 4)."""
    text = marquee.text_content().strip()
    if not short_phrase(text) or _TICKER.search(text) or next(marquee.iter("a"), None) is not None:
        return False
    if before.rstrip().endswith(":"):
        return False
    nxt = marquee.getnext()
    return not (nxt is not None and nxt.tag == "a" and not (marquee.tail or "").strip())
