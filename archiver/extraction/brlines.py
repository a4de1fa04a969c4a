"""Paragraphs written with ``<br><br>`` instead of ``<p>``, for the markup repairs.

A blog editor's post (or a short post's one ``<div>``) is often its paragraphs between runs of
two ``<br>``: ``<div>One.<br><br>Two.<br><br>Three.</div>``, or the same as loose text in the
container beside ``<p>``s. trafilatura's precision mode reads no loose text on a page with enough
``<p>`` text, and keeps what follows each ``<br>`` but not what comes before the first
(mozilla/readability#247 is the same markup); bare trafilatura kept it. ``repair.promote_div_lines``
counts loose such paragraphs toward a body's (:func:`br_paragraphs`) and gives each run a ``<p>``
(:func:`loose_runs`, :func:`wrap_run`); ``containers.wrap_code_text`` wraps text beside code with
:func:`wrap_run` too. (A ``<div>`` of such paragraphs on a short page is ``shortpage.py``'s.) A loose
run that is one sentence, with no ``<br><br>`` (a Blogger post opening with its first paragraph
as the container's own text before a subheading, https://github.com/mozilla/readability/issues/563),
was lost by bare trafilatura as well; in a body of ``<p>``s it gets a ``<p>`` too (``LOOSE_LINES``).

An element whose tag is no block but which holds paragraphs (``BLOCK_HOLDERS``: a custom element of
a web-component or AMP page, ``<amp-accordion><section><div><p>...``, ``<x-fold><div><p>...``) is a
block here, not loose text: wrapped in a ``<p>`` with the inline text around it, it put paragraphs
inside a paragraph, and trafilatura kept the first of them and lost the rest.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from lxml import etree

from .lines import BLOCKS, MIN_LINE_WORDS, SENTENCE_END, sentence_like
from .tables import unwrap_left_tables
from .tagged import elements

__all__ = ["BESIDE_DIV_LINES", "BLOCK_HOLDERS", "BR_DIVS", "BR_FONTS", "BR_SECTIONS", "LOOSE_LINES", "LOOSE_PARAGRAPHS",
           "TEXT_BESIDE_DIVS", "br_paragraphs", "is_block", "loose_runs", "open_br_sections", "promote_line_divs",
           "text_and_breaks", "wrap_beside_divs", "wrap_br_divs", "wrap_headline_above", "wrap_run"]

_BREAK = "\x00"  # stands for a <br> in a block's text while it is split
_BREAK_RUNS = re.compile(r"\x00[\s\x00]*\x00")  # two or more <br>s, only whitespace between them


def text_and_breaks(el):
    """``el``'s text nodes (str) and its ``<br>`` elements (None for each), in document order: what
    ``.//text() | .//br`` finds, in one walk. libxml2 merges the union's two node sets by
    comparing every node with every other: 3.3 s for a ``<div>`` of 40,000 lines (0.1 s for 10,000),
    four minutes for a page of 200,000 ``<br>`` lines; the walk is linear. Comments' and processing
    instructions' own text is left out, their tails kept."""
    for event, node in etree.iterwalk(el, events=("start", "end", "comment", "pi")):
        if event == "start":
            if node.tag == "br":
                yield None
            elif node.text:
                yield node.text
        elif node.tail and node is not el:  # "end", or a comment's or instruction's only event
            yield node.tail


def br_paragraphs(div) -> int:
    """How many sentence paragraphs (:data:`MIN_LINE_WORDS` words, a sentence end) a ``<div>`` holds
    between runs of two or more ``<br>`` (``<div>One.<br><br>Two.<br><br>Three.</div>``): 0 unless
    there are two or more. A single ``<br>`` (an address, a verse) does not split a paragraph."""
    if div.find(".//br") is None:
        return 0
    text = "".join(_BREAK if node is None else node for node in text_and_breaks(div))
    pieces = [" ".join(piece.replace(_BREAK, " ").split()) for piece in _BREAK_RUNS.split(text)]
    found = sum(1 for piece in pieces if sentence_like(piece, MIN_LINE_WORDS))
    return found if found >= 2 else 0


LOOSE_PARAGRAPHS = True  # loose <br><br> paragraphs in a parent of <p>s are wrapped in a <p> of their own (ablation)
LOOSE_LINES = True  # a loose sentence run in a body of <p>s gets a <p> too (ablation)
BLOCK_HOLDERS = True  # an element of another tag holding a block is a block, not loose text (ablation)
# Tags outside lines.BLOCKS that end an open <p> when the HTML parser meets them (HTML's tree
# construction, "in body": these start tags close a p element in button scope): a run holding one
# would be a <p> no parser builds. <center> around a 2000 page's guestbook, webring table and hit
# counter, wrapped in a <p>, had trafilatura glue the counter to the table's text and put it first.
P_CLOSERS: frozenset[str] = frozenset({"center", "dir", "menu", "hgroup", "dialog", "search"})
_BLOCK_TAGS = tuple(BLOCKS)


def is_block(el) -> bool:
    """``el`` is a block: a block tag (:data:`~.lines.BLOCKS`, :data:`P_CLOSERS`), or (``BLOCK_HOLDERS``) any element
    holding two or more ``<p>`` (a custom element around paragraphs). One ``<p>`` in a custom
    element (wired.com's ``<inline-embed><blockquote><div><p>``, AEB) stays part of the loose run:
    trafilatura reads it once wrapped in a ``<p>`` and drops it otherwise, and a ``<p>`` wrapped in
    one loses nothing. Comments and processing instructions are not blocks."""
    if not isinstance(el.tag, str):
        return False
    if el.tag in BLOCKS or el.tag in P_CLOSERS:
        return True
    if not BLOCK_HOLDERS or next(el.iterdescendants(*_BLOCK_TAGS), None) is None:
        return False
    held = el.iterdescendants("p")
    return next(held, None) is not None and next(held, None) is not None


def loose_runs(parent) -> list[tuple[int, Any]]:
    """The runs of ``parent``'s loose text (its text, or a child's tail, with the inline elements and
    ``<br>`` after it up to the next block): ``(i, p)``, ``i`` the index of the
    child whose tail starts the run (-1: the parent's text), ``p`` a copy of the run in a ``<p>``
    made for measuring, not in the tree (:func:`wrap_run` puts the run itself in one)."""
    runs: list[tuple[int, Any]] = []
    run, at = None, -1
    if (parent.text or "").strip():
        run = parent.makeelement("p", {})
        run.text = parent.text
    for i, child in enumerate(parent):
        if is_block(child):
            if run is not None:
                runs.append((at, run))
            run, at = None, i
            if (child.tail or "").strip():
                run = parent.makeelement("p", {})
                run.text = child.tail
        else:  # an inline element (or a comment): part of the run, which may begin with it
            if run is None:
                run = parent.makeelement("p", {})
            run.append(copy.copy(child))
    if run is not None:
        runs.append((at, run))
    runs = [(i, r) for i, r in runs if "".join(r.itertext()).strip()]
    return runs


def wrap_run(parent, at: int) -> None:
    """Move the loose run after ``parent[at]`` (``at`` -1: the parent's text) into a new ``<p>``."""
    p = parent.makeelement("p", {})
    if at < 0:
        p.text, parent.text = parent.text, None
        parent.insert(0, p)
    else:
        anchor = parent[at]
        p.text, anchor.tail = anchor.tail, None
        anchor.addnext(p)
    follower = p.getnext()
    while follower is not None and not is_block(follower):
        p.append(follower)  # moves it with its tail
        follower = p.getnext()


BR_SECTIONS = True  # a sectioning element holding <br><br> paragraphs as its own text gets a <div> inside (ablation)
_SECTIONING = ("article", "section", "main")


def open_br_sections(root, found: dict | None = None) -> int:
    """Put the content of each ``<article>``, ``<section>`` or ``<main>`` that holds a post written as
    its own text cut by ``<br><br>`` (:func:`br_paragraphs`: two or more sentence paragraphs; its
    text before the first child a sentence start, no ``<p>`` child) into one ``<div>`` inside it;
    return how many. trafilatura reads such text in a ``<div>`` but, in a sectioning element, drops
    the element's own text before its first child: a LiveJournal entry
    (``<article class="entry-content">First paragraph.<br><br>Second ...``) lost its first paragraph,
    bare trafilatura too. ``found``: :func:`~.tagged.by_tag`'s walk, or None (a walk of its own)."""
    if not BR_SECTIONS:
        return 0
    opened = 0
    for el in elements(root, found, *_SECTIONING):
        lead = (el.text or "").strip()
        if len(lead.split()) < MIN_LINE_WORDS or el.find("p") is not None or br_paragraphs(el) < 2:
            continue
        div = el.makeelement("div", {})
        div.text, el.text = el.text, None
        for child in list(el):
            div.append(child)  # moves it with its tail
        el.append(div)
        opened += 1
    return opened


TEXT_BESIDE_DIVS = True  # loose text beside <div> blocks (no <p> among them) gets a <p> of its own (ablation)
# a <div> with a text node of its own (not only whitespace) and a <div> child, and no <p> child
BESIDE_DIVS_TEST = "text()[normalize-space()] and div and not(p)"
_TEXT_BESIDE_DIVS = etree.XPath("/descendant::div[text()[normalize-space()]][div][not(p)]")


def wrap_beside_divs(root, divs: list | None = None) -> int:
    """Give each run of loose text in a ``<div>`` that also holds ``<div>`` blocks (and no ``<p>``) a
    ``<p>`` of its own (:func:`wrap_run`); return how many runs. trafilatura reads such a ``<div>``
    as one paragraph and glues the text of every block inside it, however deep, to it and to each
    other without a space ("...Security Council.The new prime minister"): a forwarded e-mail
    (``<div dir="ltr">FYI<br><br><div class="gmail_quote">...``, the message's table cells below),
    a post whose writer's note stands before the pasted story's ``<div>``s. Bare trafilatura too.
    Every loose run of the ``<div>``'s own text is moved, whatever its length (a label, a writer's
    note, a paragraph with links); the blocks stay as they are. Not when one of its ``<div>`` blocks
    holds ``<br><br>`` paragraphs (a mail archive's header lines above each message's body): once the
    page has ``<p>`` text, precision mode drops such a body's loose text up to its first ``<br>``.
    One XPath in libxml2 finds the few such ``<div>``s (``divs``: found already, by
    ``turnlabels.loose_text_divs``' walk for this stage and the next)."""
    if not TEXT_BESIDE_DIVS:
        return 0
    wrapped = 0
    for div in _TEXT_BESIDE_DIVS(root) if divs is None else divs:
        if any(br_paragraphs(child) for child in div.iterchildren("div")):
            continue  # a header above <br><br> bodies (a mail archive's message): a <p> here would make
            # precision mode, now seeing <p> text, drop the bodies' loose text before their first <br>
        runs = loose_runs(div)
        for at, _ in reversed(runs):  # from the end: wrapping shifts the indexes after it
            wrap_run(div, at)
            wrapped += 1
        if BESIDE_DIV_LINES and any(sentence_like(" ".join("".join(p.itertext()).split()), MIN_LINE_WORDS)
                                    for _, p in runs):
            promote_line_divs(div)
    return wrapped


BESIDE_DIV_LINES = True  # ... and a sentence <div> among those loose paragraphs becomes a <p> too (ablation)
_QUOTE_NAME = re.compile(r"quote", re.I)  # a quoted post's box, left a <div>


def promote_line_divs(div) -> int:
    """Rename to ``<p>`` every ``<div>`` inside ``div`` that holds a line of text and no block (at any depth:
    a line's own ``<div>`` inside a ``<div>`` of lines), when each of those lines is a sentence
    (:data:`lines.MIN_LINE_WORDS` words or more, ending as a sentence does); return how many (0: some line
    is not). A Blogger post body mixing loose text, ``<br><br>`` and one ``<div>`` per line (``One.<br><br>
    Two.<div>Three.</div>Four.<div>Five.</div>``, the markup its editor writes when a line is pasted or
    re-typed): once :func:`wrap_beside_divs` gave the loose runs their ``<p>``s, the page had ``<p>`` text
    and trafilatura dropped the ``<div>`` lines, so every such line was lost (bare trafilatura lost the
    loose run after a ``<div>`` instead). All or none: a ``<div>`` line left beside the new ``<p>``s (a
    book's facts one per ``<div>``, "Seiten: 448") would be dropped with the rest of the ``<div>`` text once
    the ``<p>`` text outweighs it, and renaming those too brought a review's page navigation into the text
    (a first version renamed only the sentence children and lost a Blogger review's quotes and facts,
    trafilatura-eval's weinlachgummis page). Only under a ``<div>`` one of whose loose runs is itself a
    sentence paragraph (a post's text, not a label above a message's blocks); a line in a box named as a quote
    (a forum reply quoting an earlier post, ``div.TexticonQuote``) is left a ``<div>``: renamed, the quoted
    post came into the text a second time (trafilatura-eval's mactechnews forum page)."""
    lines = []
    quoted = {q for q in div.iterdescendants() if isinstance(q.tag, str) and _QUOTE_NAME.search(
        f"{q.get('class', '')} {q.get('id', '')}")}
    for el in div.iterdescendants("div"):
        text = " ".join(el.text_content().split())
        if not text or next((b for b in el.iterdescendants() if isinstance(b.tag, str) and b.tag in BLOCKS),
                            None) is not None:
            continue  # a spacer (<div><br></div>), or a <div> of lines (its lines are looked at themselves)
        if quoted and (el in quoted or any(a in quoted for a in el.iterancestors())):
            continue  # a forum reply's quote of an earlier post (div.TexticonQuote): its text is there above
        if not sentence_like(text, MIN_LINE_WORDS):
            return 0
        lines.append(el)
    for line in lines:
        line.tag = "p"
    return len(lines)


BR_DIVS = True  # a <div> of <br><br> paragraphs with no block in it gets its text into one <p> (ablation)
BR_FONTS = True  # so does a <font> of them, on any page (ablation)
BR_FONT_HEADLINES = True  # ... and a bold headline right above that <font> a <p> of its own (ablation)
# ... and its twins: a <div> beside it of the same class holding one sentence paragraph (a page builder's
# text element of one paragraph, Weebly's div.paragraph, beside those of several) (ablation, rend20)
BR_DIV_TWINS = True
_HEADLINE_TAGS = ("b", "strong", "font", "big")
_BYLINE_TAGS = ("i", "em")
HEADLINE_MAX_WORDS = 16
_P_TEXT = etree.XPath("boolean(/descendant::p[normalize-space()])")


def wrap_br_divs(root, candidates: list) -> int:
    """Move the content of each ``<div>`` written as paragraphs between ``<br><br>`` (two or more
    sentence paragraphs: :func:`br_paragraphs`) with no block inside it into one ``<p>`` (its
    ``<br>``s stay line breaks); return how many. trafilatura reads a ``<div>``'s own text only on a
    page with little ``<p>`` text, so a post body written that way among ``<p>`` furniture (a
    MySpace blog of 2007: its body ``<td><div>One.<br><br>Two.</div></td>`` in layout tables, once
    unwrapped beside the date, subject and "Posted by" ``<p>``s) was lost whole, in both of its
    modes: bare trafilatura kept it only as a glued table row. A ``<div>`` beside ``<p>`` children
    of its parent that ``repair.promote_div_lines`` made a ``<p>`` is no ``<div>`` any more; one
    holding a block (a ``<p>``, a list, another ``<div>``) is left, as is one in a ``<blockquote>``
    (a forum's quoted story, whose ``<cite>`` line ``containers.QUOTE_CITES`` takes), and every ``<div>`` of a
    page with no ``<p>`` text (trafilatura reads its ``<div>``s there: a Phorum message's body,
    wrapped, gave the page ``<p>`` text and the thread's table of replies came into the text).
    A ``<font>`` of such paragraphs (``BR_FONTS``: a 1998-2006 story cell, ``<td><font
    class="content">One.<br><br>Two.</font></td>``) is wrapped on any page: on a page with no ``<p>``
    text whose layout shell was unwrapped, trafilatura took a table left outside the shell (the
    footer's one cell) over the story's ``<div>``s and the story was lost (PostNuke 0.7), where bare
    trafilatura kept it as a row glued to the menu. On such a page the layout tables left (header and
    footer bars, a comment's table) are unwrapped too (``tables.unwrap_left_tables``): with the
    story its only ``<p>``, trafilatura read them as rows around it.
    ``candidates``: the ``<div>`` and ``<font>`` parents of a ``<br><br>`` outside a ``<p>``, which
    ``brjoin.join_split_sentences`` collects in its walk over the ``<br>``s (an XPath of its own
    cost 0.2 ms a page); the page's ``<p>`` text is looked for only when a ``<div>`` qualifies."""
    if not candidates or not (BR_DIVS or BR_FONTS):
        return 0
    divs: list = []
    fonts: list = []
    for el in dict.fromkeys(candidates):  # no block inside: one walk in C, then the text's
        if (el.tag == "div" and BR_DIVS or el.tag == "font" and BR_FONTS) \
                and next(el.iterdescendants(*_BLOCK_TAGS, *P_CLOSERS), None) is None \
                and next(el.iterancestors("blockquote"), None) is None and br_paragraphs(el) >= 2:
            (divs if el.tag == "div" else fonts).append(el)
    if not (divs or fonts):
        return 0
    p_text = bool(_P_TEXT(root))
    if not p_text:  # a page without <p> text: trafilatura reads its <div>s itself
        divs = []
    for el in divs:
        wrap_run(el, -1)
    twins = _div_twins(divs) if BR_DIV_TWINS else []
    for el in twins:
        wrap_run(el, -1)
    fonts = [font for font in fonts if next(font.iterancestors("p"), None) is None]  # not inside a <div> just wrapped
    for el in fonts:
        wrap_run(el, -1)
        if BR_FONT_HEADLINES:
            wrap_headline_above(el)
    if fonts and not p_text:  # the story is the page's only <p> now: no table rows around it
        unwrap_left_tables(root)
    return len(divs) + len(twins) + len(fonts)


def _div_twins(wrapped: list) -> list:
    """The ``<div>``s beside a ``<div>`` of ``wrapped`` (same parent, same non-empty class) with no
    block and no ``<p>`` inside, outside a ``<blockquote>``, whose text holds a sentence of
    :data:`MIN_LINE_WORDS` words: a page builder's text element of one paragraph (and perhaps a bold
    label after a ``<br><br>``), which trafilatura drops among ``<p>`` text as it dropped its wrapped
    twins before they were wrapped."""
    seen = {id(el) for el in wrapped}
    twins: list = []
    for el in wrapped:
        cls, parent = (el.get("class") or "").strip(), el.getparent()
        if not cls or parent is None:
            continue
        for sib in parent:
            if id(sib) in seen or sib.tag != "div" or (sib.get("class") or "").strip() != cls:
                continue
            seen.add(id(sib))
            if next(sib.iterdescendants(*_BLOCK_TAGS, *P_CLOSERS, "p"), None) is None \
                    and next(sib.iterancestors("blockquote"), None) is None \
                    and sentence_like(" ".join(sib.text_content().split()), MIN_LINE_WORDS):
                twins.append(sib)
    return twins


def wrap_headline_above(font) -> bool:
    """Give the bold headline right above ``font`` (a story's ``<font>`` of ``<br><br>`` paragraphs
    that :func:`wrap_br_divs` gave a ``<p>``) a ``<p>`` of its own; return whether one was found. Old
    pages set the headline as ``<b>Board approves map</b><br><i>Staff report</i><br><br><font>...``
    (or ``<font size=4><b>...</b></font>``) in the story's cell: with the story in a ``<p>``,
    trafilatura read that ``<p>`` alone and the headline was lost, which matters where the page's
    ``<title>`` is only the site's name ("County Times"). Only ``<br>``s and one italic byline may stand
    between them, no loose text; the headline: a ``<b>``, ``<strong>``, ``<big>`` or ``<font>`` holding
    bold text, 2 to ``HEADLINE_MAX_WORDS`` words, no link, no sentence end (``lines.SENTENCE_END``)."""
    el = font.getprevious()
    byline = False
    while el is not None and not (el.tail or "").strip():
        if el.tag == "br":
            el = el.getprevious()
        elif el.tag in _BYLINE_TAGS and not byline:
            byline, el = True, el.getprevious()
        else:
            break
    if el is None or el.tag not in _HEADLINE_TAGS or (el.tail or "").strip():
        return False
    if el.tag in ("font", "big") and el.find(".//b") is None and el.find(".//strong") is None:
        return False
    text = " ".join(el.text_content().split())
    if not 2 <= len(text.split()) <= HEADLINE_MAX_WORDS or SENTENCE_END.search(text) \
            or el.find(".//a") is not None or next(el.iterancestors("a"), None) is not None:
        return False
    p = el.makeelement("p", {})
    el.addprevious(p)
    p.tail, el.tail = el.tail, None
    p.append(el)
    return True
