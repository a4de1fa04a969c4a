"""Stage 2 guard: a container holding most of the page's text is not furniture because of its class words.

trafilatura deletes, with everything in them, elements whose ``class`` or ``id``
reads as furniture: comments (``^comment``), teasers, page bottoms (its
``REMOVE_COMMENTS_XPATH``, ``TEASER_DISCARD_XPATH`` and ``PRECISION_DISCARD_XPATH``,
matched as substrings or patterns). Where a template names the article's own wrapper so (a
``commentOnSelection`` layer around a post, a ``teaser-layout`` page shell, a
``bottom-sheet`` reader view), the article goes with it.

The element chain that holds most of the page's text is walked from ``<body>``
down (at each level the one child with over ``LARGE_SHARE`` of the page's text,
the same share :func:`archiver.extraction.article.rescue_large` uses for tags);
an element of that chain that one of those class-word tests matches loses its
``class``, ``id`` and ``role`` attributes, so trafilatura reads it as a plain
container. The page's other elements, and chain elements no test matches, are
left alone, except the thin wrappers of data tables (:func:`unname_table_wrappers`):
a custom-code block named ``w-embed`` holding a table is no embedded widget.

Two more of the kind: a run of paragraph wrappers whose shared class carries a furniture word
in a component's modifier (:func:`unname_paragraph_wrappers`), and a live blog's feed of posts
written as sibling ``<article>``s, of which trafilatura reads the first as the body
(:func:`.feedarticles.unarticle_feed`: the tag, not a class word, misnames them), and likewise a story's sections
each written as an ``<article>`` under its ``<h1>`` (bug16, https://github.com/adbar/trafilatura/issues/432).

Not applied, each measured on the dev sets (bench/RESULTS.md, sixth session):
tests on hidden state (``display: none``, ``hidden``: a hidden element stays
hidden); ``OVERALL_DISCARD_XPATH`` on the chain (share, related, widget, sidebar,
footer words: trafilatura reverts that pruning itself when it takes too much, and
stripping those names from a chain element such as an
``elementor-widget-theme-post-content`` also stripped the words trafilatura
finds the body by, costing more pages than it saved); renaming a ``<header>``
on the chain, which precision mode deletes (it brought back a site menu on a
trafilatura-eval page and gained nothing).
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from .guards import STRING as _STRING
from .lines import FULL_STOP_END as _SENTENCE
from .namedtests import any_test

__all__ = ["ATTRIBUTES", "body_paragraph", "class_word_tests", "unname_body_parts", "unname_large",
           "unname_paragraph_wrappers", "unname_paragraphs", "unname_table_wrappers"]

_LENGTH = etree.XPath("string-length()")  # characters, whitespace included, with no Python string made
_ATTRIBUTES = ("class", "id", "role")
ATTRIBUTES = _ATTRIBUTES  # the names a misnamed container loses
MIN_ROWS = 3
WRAPPED_SHARE = 0.8


@lru_cache(maxsize=3)
def _tests(overall: bool = False, precision: bool = False) -> tuple[etree.XPath, ...]:
    """trafilatura's class-word discard XPaths, rewritten to test one element (``self::*``);
    with ``overall``, its ``OVERALL_DISCARD_XPATH`` class and id words alone; with ``precision``,
    the precision mode's own (``PRECISION_DISCARD_XPATH``: ``bottom`` and ``link`` tokens, a border)."""
    try:
        from trafilatura import xpaths
    except ImportError:  # pragma: no cover - trafilatura is a dependency
        return ()
    if overall:
        sources = [*getattr(xpaths, "OVERALL_DISCARD_XPATH", ())[:1]]
    elif precision:
        sources = [*getattr(xpaths, "PRECISION_DISCARD_XPATH", ())[1:]]
    else:
        sources = [*getattr(xpaths, "REMOVE_COMMENTS_XPATH", ()), *getattr(xpaths, "TEASER_DISCARD_XPATH", ()),
                   *getattr(xpaths, "PRECISION_DISCARD_XPATH", ())[1:]]
    tests = []
    for source in sources:
        path = getattr(source, "path", "").strip()
        if not path.startswith(".//*"):
            continue
        try:
            tests.append(etree.XPath("self::*" + path[len(".//*"):],
                                     namespaces={"re": "http://exslt.org/regular-expressions"}))
        except etree.XPathSyntaxError:  # pragma: no cover - a future trafilatura's syntax
            continue
    return tuple(tests)


def class_word_tests() -> tuple[etree.XPath, ...]:
    """Every class-word test of trafilatura's that deletes an element with what it holds: the comment,
    teaser and precision tests and ``OVERALL_DISCARD_XPATH``'s words, each testing one element."""
    return (*_tests(), *_tests(True))


def unname_large(tree, share: float) -> int:
    """Strip furniture class words from the chain of elements holding over ``share`` of the page's text.

    ``tree`` is the page's lxml tree (changed in place); ``share`` a fraction of
    the text under ``<body>`` (0-1). Returns how many elements lost their names.
    """
    body = tree.find("body") if tree.tag != "body" else tree
    if body is None:
        return 0
    total = _LENGTH(body)
    if total < 500:
        return 0
    tests = _tests()
    renamed = 0
    node, size = body, total
    while True:
        node, size = _large_child(node, size, share * total)
        if node is None:
            return renamed
        renamed += _unname(node, tests)


def _large_child(node, size: float, limit: float) -> tuple:
    """``(the first element child of node whose text is over limit characters, its length)``,
    ``(None, 0)`` when none is. ``size`` is ``node``'s own text length: its children's texts are
    parts of it, so the children not yet measured hold at most what is left of it, and once
    that is no more than ``limit`` none of them can be over it (no need to measure them)."""
    left = size - (len(node.text or "") if TAILS_COUNT else 0)
    for child in node:
        if left <= limit:
            break
        if isinstance(child.tag, str):
            length = _LENGTH(child)
            if length > limit:
                return child, length
            left -= length
        if TAILS_COUNT:  # the text between children is none of theirs: a <p> of 100,000 <br>-lines is
            left -= len(child.tail or "")  # passed once its text is behind (before round 35: each measured)
    return None, 0


TAILS_COUNT = True  # False: only the children's own texts are taken off what is left (before round 35)


def _unname(node, tests: tuple[etree.XPath, ...]) -> bool:
    """Drop ``node``'s ``class``, ``id`` and ``role`` when it has one and a test matches it; True if so."""
    if (node.get("class") or node.get("id") or node.get("role")) and any_test(node, tests):
        for name in _ATTRIBUTES:
            node.attrib.pop(name, None)
        return True
    return False


def _link_text(el) -> int:
    return sum(len(_STRING(a).strip()) for a in el.iter("a"))


def unname_table_wrappers(tree) -> int:
    """Strip furniture class words from thin wrappers of data tables (a Webflow ``w-embed`` holding a table).

    A ``<table>`` of at least ``MIN_ROWS`` rows, under a third of it link text,
    whose nearest ancestors (up to three levels) hold little else (the table is
    ``WRAPPED_SHARE`` of their text or more): those ancestors that trafilatura's
    overall-discard class words match (``embed``, ``share-``, ...) lose their
    ``class``, ``id`` and ``role``: the word names how the table was put on the
    page, not a furniture box. Returns how many elements lost their names.
    """
    tests = _tests(True)
    renamed = 0
    for table in tree.iter("table"):
        if len(table.findall(".//tr")) < MIN_ROWS:
            continue
        size = len(_STRING(table).strip())
        if not size or _link_text(table) * 3 > size:
            continue
        node = table.getparent()
        for _ in range(3):
            if node is None or node.tag in ("body", "html"):
                break
            if len(_STRING(node).strip()) * WRAPPED_SHARE > size:
                break
            renamed += _unname(node, tests)
            node = node.getparent()
    return renamed


UNNAME_PARAGRAPHS = True  # False: a body paragraph named like furniture goes as trafilatura decides (ablation)
MIN_PARAGRAPH_CHARS = 80
MAX_PARAGRAPH_LINKS = 0.25
_NAMED_PARAGRAPHS = etree.XPath("/descendant::p[@class or @id]")


def _body_paragraph(p) -> bool:
    """Whether ``p`` reads as a body paragraph: ``MIN_PARAGRAPH_CHARS`` characters or more, ending a
    sentence, at most ``MAX_PARAGRAPH_LINKS`` of its text in links."""
    text = " ".join(_STRING(p).split())
    return len(text) >= MIN_PARAGRAPH_CHARS and bool(_SENTENCE.search(text)) \
        and _link_text(p) <= MAX_PARAGRAPH_LINKS * len(text)


body_paragraph = _body_paragraph


def _neighbour(p, following: bool):
    sib = p.getnext() if following else p.getprevious()
    while sib is not None and not isinstance(sib.tag, str):
        sib = sib.getnext() if following else sib.getprevious()
    return sib


def unname_paragraphs(tree) -> int:
    """Strip furniture class words from body paragraphs: a ``<p>`` between two body paragraphs.

    A ``<p>`` whose ``class`` or ``id`` one of trafilatura's class-word discard tests matches
    (``p.related-reading``, ``p.social-issue``: https://github.com/mozilla/readability/issues/807),
    which is itself a sentence paragraph (``MIN_PARAGRAPH_CHARS`` characters or more, a sentence
    end, at most ``MAX_PARAGRAPH_LINKS`` of it link text) and whose element siblings right before
    and after it are unnamed sentence ``<p>``, loses its ``class``, ``id`` and ``role``: the word
    is the site's name for a kind of paragraph, not a box. A related-links line ("Related: <a>..."),
    a box in a ``<div>`` or ``<aside>``, a named paragraph at the body's start or end: left alone.
    ``tree`` is changed in place; returns how many paragraphs lost their names.
    """
    if not UNNAME_PARAGRAPHS:
        return 0
    tests = (*_tests(), *_tests(True))
    renamed = 0
    for p in _NAMED_PARAGRAPHS(tree):  # cheap tests first: the neighbours' tags, then the texts, then the names
        before, after = _neighbour(p, False), _neighbour(p, True)
        if before is None or after is None or before.tag != "p" or after.tag != "p" \
                or not (_body_paragraph(p) and _body_paragraph(before) and _body_paragraph(after)) \
                or not any_test(p, tests) \
                or any_test(before, tests) or any_test(after, tests):
            continue
        renamed += _unname(p, tests)
    return renamed


UNNAME_PARTS = True  # False: a part of the body named like page-bottom chrome goes in precision mode (ablation)
MIN_PART_PARAGRAPHS = 2
_PARTS = etree.XPath("/descendant::div[p][@class or @id or @style] | /descendant::section[p][@class or @id or @style]")
_PART_WORDS = ("bottom", "link", "border")  # what the precision tests look for, as substrings


BOXED_HEADINGS = True  # False: a subheading in a bordered box of its own goes in precision mode (ablation)
MAX_BOXED_HEADING = 80  # characters of a boxed subheading: one short line
_BOLD = ("b", "strong")


def _boxed_heading(part) -> bool:
    """``part`` is a bordered ``<div>`` holding only a one-line bold ``<p>`` among body paragraphs."""
    if part.tag != "div" or "border" not in (part.get("style") or "") \
            or any(word in (part.get(name) or "").lower() for name in ("class", "id") for word in ("bottom", "link")):
        return False
    children = [c for c in part if isinstance(c.tag, str)]
    if len(children) != 1 or children[0].tag != "p" or (part.text or "").strip() or (children[0].tail or "").strip():
        return False
    line = children[0]
    text = " ".join(_STRING(line).split())
    if not 0 < len(text) <= MAX_BOXED_HEADING or line.find(".//a") is not None:
        return False
    bold = " ".join(" ".join(_STRING(b).split()) for b in line.iter(*_BOLD) if b.getparent().tag not in _BOLD)
    if bold != text:
        return False
    parent = part.getparent()
    return parent is not None and sum(1 for p in parent if p.tag == "p" and _body_paragraph(p)) >= MIN_PART_PARAGRAPHS


def unname_body_parts(tree) -> int:
    """Strip precision mode's furniture names from parts of the body: a ``<div>`` or ``<section>``
    holding body paragraphs.

    trafilatura's precision mode deletes, text and all, every block whose ``class`` or ``id`` has a
    ``bottom`` or ``link`` token or whose ``style`` names a border (``PRECISION_DISCARD_XPATH``:
    page-bottom chrome); its default mode keeps them, so a body whose second half sits in
    ``<div class="story-bottom">`` lost that half in archiver only. An element it matches that
    holds ``MIN_PART_PARAGRAPHS`` or more sentence ``<p>`` children (:func:`_body_paragraph`) and
    under ``MAX_PARAGRAPH_LINKS`` of its text in links loses its ``class``, ``id``, ``role`` and
    ``style``. ``tree`` is changed in place; returns how many elements lost their names.

    A subheading drawn in a box of its own (``BOXED_HEADINGS``; an editor's text box,
    ``<div class="txc-textbox" style="border: 1px solid ..."><p><b>Conclusion</b></p></div>``,
    Tistory's) is deleted by the same border test, and the body's sections ran together. A
    ``<div>`` whose ``style`` alone names the border (no ``bottom`` or ``link`` in its ``class``
    or ``id``), holding one ``<p>`` of one bold line (``MAX_BOXED_HEADING`` characters at most, no
    link) and nothing else, among ``MIN_PART_PARAGRAPHS`` or more sentence ``<p>`` siblings,
    loses its ``style``.
    """
    if not UNNAME_PARTS:
        return 0
    tests = _tests(precision=True)
    renamed = 0
    for part in _PARTS(tree):
        names = " ".join(part.get(name) or "" for name in ("class", "id", "style"))
        if not any(word in names for word in _PART_WORDS) or not any(t(part) for t in tests):
            continue  # (the words a quick filter, the tests trafilatura's own)
        if BOXED_HEADINGS and _boxed_heading(part):
            part.attrib.pop("style", None)
            renamed += 1
            continue
        if sum(1 for p in part if p.tag == "p" and _body_paragraph(p)) < MIN_PART_PARAGRAPHS:
            continue
        if _link_text(part) > MAX_PARAGRAPH_LINKS * len(_STRING(part).strip()):
            continue
        part.attrib.pop("style", None)
        _unname(part, tests)
        renamed += 1
    return renamed


UNNAME_WRAPPERS = True  # False: paragraphs each in a wrapper named like furniture go as trafilatura decides (ablation)
MIN_WRAPPERS = 3


def unname_paragraph_wrappers(tree) -> int:
    """Strip furniture class words from a run of paragraph wrappers: sibling ``<div>``s of one class,
    each holding one ``<p>`` and nothing else.

    Component templates wrap every body paragraph in its own ``<div>`` and put the component's
    modifiers in its class (``RichText RichText--iconLinks lg:w-8/12``); a modifier holding one of
    trafilatura's furniture words (``-icon``, ``share-``, ``meta``) makes it delete every wrapper,
    and precision mode then reads what is left (two paragraphs before a related-links box, not the
    rest). ``MIN_WRAPPERS`` or more siblings with the same ``class``, each a ``<div>`` whose one
    element child is a ``<p>``, of which ``MIN_WRAPPERS`` are sentence paragraphs
    (:func:`_body_paragraph`), lose their ``class``, ``id`` and ``role`` when one of trafilatura's
    class-word tests matches that class: the class is the site's name for a paragraph, not a box.
    ``tree`` is changed in place; returns how many wrappers lost their names.
    """
    if not UNNAME_WRAPPERS:
        return 0
    groups: dict[tuple, list] = {}
    for p in tree.iter("p"):  # cheap tests first: the wrapper's shape, then the names, then the texts
        wrapper = p.getparent()
        if wrapper is None or wrapper.tag != "div" or len(wrapper) != 1:
            continue
        name = wrapper.get("class")
        if name:
            groups.setdefault((wrapper.getparent(), name), []).append(wrapper)
    renamed = 0
    tests: tuple[etree.XPath, ...] | None = None
    for wrappers in groups.values():
        if len(wrappers) < MIN_WRAPPERS:
            continue
        if tests is None:
            tests = class_word_tests()
        if not any_test(wrappers[0], tests):
            continue
        if sum(1 for w in wrappers if _body_paragraph(w[0])) < MIN_WRAPPERS:
            continue
        for wrapper in wrappers:
            for name in _ATTRIBUTES:
                wrapper.attrib.pop(name, None)
        renamed += len(wrappers)
    return renamed
