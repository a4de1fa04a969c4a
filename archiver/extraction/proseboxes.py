"""Stage 2 guard: a box named like furniture that holds most of the article's prose is the article.

trafilatura deletes, with everything in it, every ``div``/``section``/``span``/``p`` whose ``class``
or ``id`` carries one of its ``OVERALL_DISCARD_XPATH`` words (``footer``, ``embed``, ``share``,
``widget``, ``meta``, ``bar``, ...: substrings, so ``page-footer`` and ``w-embed`` match). Three ways
the article ends up in such a box, both seen on WCXB pages where archiver and bare trafilatura
alike kept a tenth of the text:

- markup left open: a custom-code block (Webflow's ``<div class="w-embed">``) whose author never
  closed a ``<div>`` swallows every heading and paragraph after it, up to the end of the body;
- a template's own naming: a round-up's list of entries, each a card with a paragraph, written into
  the page's ``<div class="page-footer">`` under a two-line lead-in;
- an editor's own class word that holds one of the words (Statamic's ``bard``, which holds ``bar``).

:func:`unname_prose_boxes` finds such a box (the overall-discard tests matching it) that holds
``MIN_PARAGRAPHS`` or more sentence paragraphs (:func:`archiver.extraction.misnamed.body_paragraph`:
80 characters, a sentence end, few links) whose text is at least ``MIN_SHARE`` of the text of all
such paragraphs on the page, with under ``MAX_LINK_SHARE`` of its own text in links. A real footer,
share bar or embedded post holds a paragraph or two, not most of a page's prose. Three exceptions, each
measured (the first on a bug-report probe, the others on WCXB pages): a box about the writer
(``author``, ``bio``: a bio can hold half a short article's prose) and a box of other articles
(trafilatura's related words, ``related``, ``more-on``, ...: it can hold more prose than the
article) stay named; and where all the boxes the
overall tests match hold all but ``KEPT_SHARE`` of the body's text, trafilatura prunes none of them
itself (its guard; a page builder's page whose every block is an ``elementor-widget``), and unnaming
the prose box let the builder's other blocks, the article's too, go. The box loses the
class and id tokens a test matches (one token at a time, so a ``content`` token trafilatura finds a
body by stays), and its ``role`` when that matches; when the rest still matches, all three go.
``misnamed.unname_large`` does the like for the comment, teaser and precision words on the chain
of elements holding most of the page's text, where these overall words were measured to cost
(bench/RESULTS.md, sixth session: they stripped a body's own ``post-content`` name): here the prose
share, not the place on the chain, decides, and only the matching tokens go.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from .guards import STRING as _STRING
from .misnamed import MIN_PARAGRAPH_CHARS, body_paragraph
from .namedtests import any_test
from .xpaths import matcher_for

__all__ = ["PROSE_BOXES", "unname_prose_boxes"]

PROSE_BOXES = True  # False: a furniture-named box holding the article goes as trafilatura decides (ablation)
MIN_PARAGRAPHS = 3
MIN_SHARE = 0.5  # of the page's sentence-paragraph text
MAX_LINK_SHARE = 0.25
KEPT_SHARE = 1 / 7  # trafilatura prunes nothing when its words would leave no more than this of the text
_BOX_TAGS = frozenset(("div", "section", "span", "p"))  # the tags trafilatura's overall test looks at
_LENGTH = etree.XPath("string-length()")
_NAMED = etree.XPath("/descendant::*[self::div or self::section or self::span or self::p][@class or @id or @role]")
# other articles' boxes ("related", "more-on", "next-", "-stories", "most-popular": trafilatura's related
# words) hold other articles' prose, sometimes more of it than the article has
_OTHER_ARTICLES = re.compile(r"elated|next-|-stories|most-popular|more-on", re.I)
# a box about the writer ("about-author", "author-bio", "contributor"): a bio of three long sentences can hold
# half a short article's prose (bugs15's author-bio probe: the bio came back as article text)
_ABOUT_WRITER = re.compile(r"author|(?<![a-z])bio(?![a-z])|contributor|byline", re.I)


def _overall_tests() -> tuple[etree.XPath, ...]:
    from .misnamed import _tests
    return _tests(True)


def _overall_matches(tree) -> list:
    """The elements ``_NAMED`` lists that an overall test matches, in document order: the overall
    XPath run once over the page (one libxml2 pass), kept to ``_NAMED``'s tags and attributes.
    Same list as testing each named element in turn, which cost about 2 ms a page."""
    search = _page_search()
    if search is None:
        tests = _overall_tests()
        return [el for el in _NAMED(tree) if any_test(el, tests)]
    return [el for el in search(tree) if el.tag in _BOX_TAGS and (el.get("class") is not None
            or el.get("id") is not None or el.get("role") is not None)]


# False: the page-wide search is lxml's evaluation of the XPath (its ``re:test`` calls back into Python
# for every attribute: about 4 ms a page where it runs), not ``xpaths.matcher_for``'s matcher (speed only)
PYTHON_MATCHER = True


@functools.cache
def _page_search() -> Callable[[Any], list[Any]] | None:
    """trafilatura's first ``OVERALL_DISCARD_XPATH`` as it stands (``.//*[...]``), or None when it is not one
    page-wide path (the tests of :func:`_overall_tests` are the same path rewritten to ``self::*``)."""
    try:
        from trafilatura import xpaths
    except ImportError:  # pragma: no cover - trafilatura is a dependency
        return None
    sources: list[Any] = list(getattr(xpaths, "OVERALL_DISCARD_XPATH", ())[:1])
    path = getattr(sources[0], "path", "").strip() if sources else ""
    if not path.startswith(".//*") or len(_overall_tests()) != 1:
        return None
    matcher = matcher_for(sources[0]) if PYTHON_MATCHER else None
    if matcher is not None:  # the same elements in the same order (tests/test_extraction_xpaths.py), in Python
        return matcher
    return etree.XPath(path, namespaces={"re": "http://exslt.org/regular-expressions"})


def _matches(tag: str, attrs: dict[str, str], tests: tuple[etree.XPath, ...]) -> bool:
    probe = etree.Element(tag, attrs)
    return any_test(probe, tests)


def _strip_matching(node, tests: tuple[etree.XPath, ...]) -> None:
    """Drop from ``node``'s ``class`` and ``id`` the tokens a test matches alone, and a matching
    ``role``; when the element still matches, drop ``class``, ``id`` and ``role`` whole."""
    for name in ("class", "id"):
        value = node.get(name)
        if not value:
            continue
        kept = [tok for tok in value.split() if not _matches(node.tag, {name: tok}, tests)]
        if kept:
            node.set(name, " ".join(kept))
        else:
            del node.attrib[name]
    role = node.get("role")
    if role and _matches(node.tag, {"role": role}, tests):
        del node.attrib["role"]
    if any_test(node, tests):
        for name in ("class", "id", "role"):
            node.attrib.pop(name, None)


def _pruned(tree, candidates: list) -> bool:
    """Whether trafilatura's pruning of the boxes its overall tests match would go ahead on the page: it
    leaves more than ``KEPT_SHARE`` of the body's text (else trafilatura keeps them all, a page builder's
    pages whose every block is a "widget"; unnamed, the rest of the blocks went).

    ``candidates``, some of those boxes, are looked at first: one holding all but ``KEPT_SHARE`` of the
    text settles it without the page-wide match (the boxes' texts only add up from there)."""
    body = tree.find("body") if tree.tag != "body" else tree
    if body is None:
        return False
    total = len(_STRING(body))
    if any(total - len(_STRING(box)) <= KEPT_SHARE * total for box in candidates):
        return False
    boxes = _overall_matches(tree)
    found = set(boxes)
    outer = [box for box in boxes if not any(a in found for a in box.iterancestors())]
    return total - sum(len(_STRING(box)) for box in outer) > KEPT_SHARE * total


def _prose(tree) -> tuple[int, dict]:
    """(the characters of the page's sentence paragraphs, {element: [paragraphs, characters]} for every
    element holding one): each paragraph's size is added up its ancestor chain, one walk a paragraph."""
    total = 0
    held: dict = {}
    for p in tree.iter("p"):
        if _LENGTH(p) < MIN_PARAGRAPH_CHARS or not body_paragraph(p):
            continue
        size = len(" ".join(_STRING(p).split()))
        total += size
        for el in (p, *p.iterancestors()):
            counts = held.setdefault(el, [0, 0])
            counts[0] += 1
            counts[1] += size
    return total, held


def unname_prose_boxes(tree) -> int:
    """Strip trafilatura's overall-discard names from boxes holding most of the page's prose.

    ``tree`` is the page's lxml tree, changed in place. Returns how many elements lost names.
    Cost: the named tests (regular expressions) run only on the few elements holding
    ``MIN_SHARE`` of the prose, not on every element.
    """
    if not PROSE_BOXES:
        return 0
    tests = _overall_tests()
    if not tests:
        return 0
    total, held = _prose(tree)
    if not total:
        return 0
    boxes = [el for el, (count, size) in held.items()
             if count >= MIN_PARAGRAPHS and size >= MIN_SHARE * total and el.tag in _BOX_TAGS
             and (el.get("class") or el.get("id") or el.get("role")) and any_test(el, tests)]
    boxes = [box for box in boxes if _prose_box(box)]  # before the page-wide guard: it reads every named element
    if not boxes or not _pruned(tree, boxes):
        return 0
    for box in boxes:
        _strip_matching(box, tests)
    return len(boxes)


def _prose_box(box) -> bool:
    """Not a box of other articles or about the writer, and under ``MAX_LINK_SHARE`` of its text in links."""
    name = " ".join((box.get("class") or "", box.get("id") or ""))
    if _OTHER_ARTICLES.search(name) or _ABOUT_WRITER.search(name):
        return False
    text = len(_STRING(box).strip())
    links = sum(len(_STRING(a).strip()) for a in box.iter("a"))
    return links <= MAX_LINK_SHARE * text
