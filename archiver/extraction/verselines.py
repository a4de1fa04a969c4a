"""A poem or a song's lyrics quoted in a body as a ``<div>`` of lines cut by ``<br>``, for the markup repairs.

A post that quotes a poem or a song often writes it as one ``<div>`` (bare, or ``div.poem`` /
``div.lyrics``) between the body's ``<p>``s, its lines cut by single ``<br>``s, or as one ``<div>`` per
line. trafilatura's precision mode reads no bare ``<div>`` text on a page with enough ``<p>`` text: it
kept the lines after each ``<br>`` but lost the first, and lost every line of a poem written one
``<div>`` a line; bare trafilatura lost them too. ``repair.promote_div_lines`` turns such sentence
``<div>``s into ``<p>``, but a verse's lines are no sentences. The bug report: a lyrics scraper's
first line lost before the first ``<br>`` of its lyrics box (https://github.com/sahib/glyr/issues/71,
fixed in https://github.com/sahib/glyr/pull/73); the one-``<div>``-a-line markup is Project
Gutenberg's "Best Practices" poetry markup (``div.poetry > div.stanza > div.verse``,
https://github.com/DistributedProofreaders/guiguts/pull/9), found lost by probing.

A verse here is :func:`hardwraps.verse`'s shape (at least three lines, none over 50 characters)
with no link, every line holding a letter, no line a label (ending in ":"), at most one line with a
digit, and more than half of the lines three words or more (an address's "NE66 1AA" or a list of
one-word names is no verse), no line a credit ("Reporting by ...") and no two opening with a share,
navigation or footer label (the words in ``archiver/rules/verse_lines.json``), and not more than half
of them every word capitalised (an address in words). The ``<div>`` stands between the body's
``<p>``s (not closing the body: credits, an address), and none of its elements is named as furniture
(``bare_line`` asked of each named one). mend57, after review55's probes.

:func:`verse_divs` names the ``<div>`` children of a body that are such verses (a ``<p>`` each
then, whose ``<br>``s ``hardwraps`` keeps as line breaks); :func:`line_div_verses` finds a
``<div>`` holding only one-line ``<div>``s (a stanza or a whole poem) and writes it as such a
``<div>`` of ``<br>``-cut lines. Switch ``VERSE_DIVS`` (``stage:verse-divs``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from .hardwraps import MAX_VERSE_LINE, MIN_VERSE_LINES, _pieces
from .lines import BLOCKS

__all__ = ["VERSE_DIVS", "line_div_verses", "put_verse", "verse_candidates", "verse_divs", "verse_lines"]

VERSE_DIVS = True  # False: a verse written in a <div> stays a <div> (ablation)
MIN_LINE_WORDS = 3  # words of most lines, at least
VERSE_RULES = Path(__file__).resolve().parents[1] / "rules" / "verse_lines.json"  # credit and label words
_FURNITURE = json.loads(VERSE_RULES.read_text(encoding="utf-8"))
_CREDIT = re.compile(_FURNITURE["credit"], re.I)
_LABEL = re.compile(_FURNITURE["label"], re.I)
_LETTER = re.compile(r"[^\W\d_]")
_DIGITS = re.compile(r"\d")


def verse_lines(lines: list[str]) -> bool:
    """Whether ``lines`` (whitespace-collapsed strings, empty ones left out) read as a verse: at
    least ``MIN_VERSE_LINES``, none over ``MAX_VERSE_LINE`` characters, each with a letter, none
    ending in ":" and none with a digit more than once in all, and more than half of them of
    ``MIN_LINE_WORDS`` words or more."""
    if len(lines) < MIN_VERSE_LINES or any(len(line) > MAX_VERSE_LINE for line in lines):
        return False
    if any(not _LETTER.search(line) or line.endswith(":") for line in lines):
        return False
    if sum(bool(_DIGITS.search(line)) for line in lines) > 1:
        return False
    if _furniture(lines):
        return False
    return 2 * sum(len(line.split()) >= MIN_LINE_WORDS for line in lines) > len(lines)


def _furniture(lines: list[str]) -> bool:
    """Lines that are a page's furniture in a verse's shape (``archiver/rules/verse_lines.json``): a credit
    line ("Reporting by ...", "Photographs by ..."), two lines or more opening with a share, navigation or
    footer label, or more than half of them names and places with every word capitalised (an address
    in words: "Old Customs House, Quay Street")."""
    if any(_CREDIT.search(line) for line in lines) or sum(bool(_LABEL.search(line)) for line in lines) >= 2:
        return True
    capitalised = sum(all(w[0].isupper() or not w[0].isalpha() for w in line.split()) for line in lines)
    return 2 * capitalised > len(lines)


def _names_ok(el, bare_line: Callable) -> bool:
    """Every element of ``el`` (itself too) with a class or id is a bare line by its names (``bare_line``
    asked of an empty shell of it): no share, navigation or related item written as lines."""
    return all(bare_line(kid.makeelement(kid.tag, dict(kid.attrib))) for kid in el.iter()
               if isinstance(kid.tag, str) and (kid.get("class") or kid.get("id")))


def _between(el) -> bool:
    """``el`` stands between the body's paragraphs: a ``<p>`` with text before it and one after it among its
    siblings (a verse closing the body is a credits block, an address, a footer's lines as often)."""
    def texted(sib) -> bool:
        return sib.tag == "p" and bool("".join(sib.itertext()).strip())
    return any(map(texted, el.itersiblings(preceding=True))) and any(map(texted, el.itersiblings()))


def _own_lines(div) -> list[str]:
    pieces = [""]
    _pieces(div, pieces)
    return [line for line in (" ".join(p.split()) for p in pieces) if line]


def _verse_div(div, bare_line: Callable) -> bool:
    if div.tag != "div" or any(kid.tag in BLOCKS for kid in div):  # (cheap tests first)
        return False
    if div.find(".//br") is None or not bare_line(div) or not _names_ok(div, bare_line) or not _between(div):
        return False
    if any(a.get("href") for a in div.iter("a")):
        return False
    return verse_lines(_own_lines(div))


def verse_divs(parent, bare_line: Callable) -> list:
    """The ``<div>`` children of ``parent`` that are a verse cut by ``<br>`` (see the module);
    ``bare_line(div)``: whether the ``<div>`` is a bare line by its names and children
    (``repair._bare_line``). An empty list when ``VERSE_DIVS`` is off."""
    if not VERSE_DIVS:
        return []
    return [child for child in parent if _verse_div(child, bare_line)]


_INLINE = ("span", "em", "i", "b", "strong", "br")


def _line_div(el) -> bool:
    return el.tag == "div" and not el.get("role") and all(child.tag in _INLINE[:-1] for child in el)


def _stanza(el) -> list[str] | None:
    """The lines of a stanza ``<div>``: its one-line ``<div>`` children, or its inline text cut by
    ``<br>``; None when it is neither."""
    if el.tag != "div" or el.get("role") or not len(el):
        return None
    if all(_line_div(kid) and not (kid.tail or "").strip() for kid in el) and not (el.text or "").strip():
        lines = [" ".join("".join(kid.itertext()).split()) for kid in el]
        return [line for line in lines if line] or None
    if el.find("br") is not None and all(kid.tag in _INLINE for kid in el) \
            and all(kid.tag in _INLINE for kid in el.iter() if kid is not el):
        return _own_lines(el) or None
    return None


def line_div_verses(parent, bare_line: Callable) -> list:
    """The ``<div>`` children of ``parent`` written as a poem of ``<div>``s: one-line ``<div>``s (plain
    text or inline ``<span>``/``<em>``/``<i>``/``<b>``/``<strong>``), or stanza ``<div>``s each holding
    such lines or its lines cut by ``<br>``, making a verse together. Each is rewritten as a ``<div>`` of
    its lines cut by ``<br>`` (``<br><br>`` between stanzas), a new element not yet in the tree:
    ``(old, new)`` pairs (:func:`put_verse` puts one in). ``bare_line`` as for :func:`verse_divs`."""
    if not VERSE_DIVS:
        return []
    found = []
    for child in parent:
        if child.tag != "div" or not len(child) or (child.text or "").strip() \
                or not all(kid.tag == "div" for kid in child):  # (a <div> of <br> lines is verse_divs')
            continue
        stanza = _stanza(child)
        stanzas = [stanza] if stanza is not None else [_stanza(kid) for kid in child]
        if not all(stanzas) or any((kid.tail or "").strip() for kid in child):
            continue
        lines = [line for st in stanzas for line in st or ()]
        if not verse_lines(lines):
            continue
        if not _names_ok(child, bare_line) or not _between(child):
            continue
        new = parent.makeelement("div", dict(child.attrib))  # an HtmlElement on an HTML tree
        new.text = None
        first = True
        for st in stanzas:
            for i, line in enumerate(st or ()):
                if first:
                    new.text, first = line, False
                    continue
                br = new.makeelement("br", {})
                new.append(br)
                if i == 0:
                    br = new.makeelement("br", {})
                    new.append(br)
                br.tail = line
        if bare_line(new) and not any(a.get("href") for a in child.iter("a")):
            found.append((child, new))
    return found


def put_verse(parent, old, new) -> None:
    """Put ``new`` in ``old``'s place under ``parent`` (keeping ``old``'s tail)."""
    new.tail = old.tail
    parent.replace(old, new)


def verse_candidates(parent, bare_line: Callable) -> tuple[list, list]:
    """Both kinds of verse among ``parent``'s children: (:func:`verse_divs`, :func:`line_div_verses`)."""
    return verse_divs(parent, bare_line), line_div_verses(parent, bare_line)
