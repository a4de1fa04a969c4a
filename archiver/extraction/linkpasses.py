"""trafilatura's section pruning with its second link-density pass skipped when the first
deleted nothing, on archiver's own runs.

``main_extractor.prune_unwanted_sections`` (trafilatura 2.3.1) deletes link-heavy blocks in
two passes of ``delete_by_link_density`` over the ``<div>``s, lists and ``<p>``s, the second
for what the first's deletions leave link-heavy. The verdict on an element depends on the
tree only (its text, its links and images, whether it has a next sibling: ``linkdensity.py``),
so a first pass that deletes nothing leaves the tree as it found it, and the second pass would
test the same elements of the same tree and delete nothing either. It is then skipped. On the
speed pages the first pass deletes nothing in 295 of 475 prunings (each candidate body and the
whole tree are pruned apart).

:func:`prune_unwanted_sections` is trafilatura's function with that one change; each step
calls what trafilatura's module holds at the time (its ``prune_unwanted_nodes``, which
``xpaths.py`` replaces, and ``link_density_test``, which ``linkdensity.py`` replaces), with the
same expression objects. :func:`delete_by_link_density` is trafilatura's, returning how many
elements it deleted. Precision mode's own steps are taken apart, each behind a flag that is True (trafilatura's
behaviour) unless the ablation turns it off (``bench/switch_stages.py``, ``stage:precision-*``):
``PRECISION_HEADERS`` and ``PRECISION_CLASSES`` (the two expressions of ``PRECISION_DISCARD_XPATH``:
``<header>``, and 'bottom' / 'link' class words or a border style), ``PRECISION_SHORTCUT`` and
``PRECISION_BACKTRACK`` (the div / list / p link tests at precision's thresholds: the one-link
shortcut at over 10 characters instead of 100; backtracking under 200 characters and from one child
instead of under 100 and three), ``TRAILING_HEADS``, ``HEAD_LINKS`` and ``QUOTE_LINKS`` (the last
steps). With all of them on the output is trafilatura's, byte for byte (gen35 measured each apart:
bench/RESULTS.md).

Like ``linkdensity.py`` it is taken only inside ``xpaths.active()``
(``article.py``'s runs) and only on the trafilatura versions it mirrors (``TESTED_WITH``).
"""

from __future__ import annotations

from typing import Any

from lxml.etree import strip_tags
from trafilatura import htmlprocessing, main_extractor
from trafilatura.settings import Extractor

from . import xpaths
from .inplace import put

__all__ = ["prune_unwanted_sections", "delete_by_link_density", "install", "TESTED_WITH", "QUIET_PASS"]

TESTED_WITH = ("2.3.1",)  # versions whose prune_unwanted_sections and delete_by_link_density this mirrors
QUIET_PASS = True  # False: the second pass runs after a first that deleted nothing, as in trafilatura
TOUCHED_ONLY = True  # False: the second pass tests every element again, as in trafilatura
# precision mode's own steps, each switchable (the ablation's ``stage:precision-*`` rows)
PRECISION_HEADERS = True  # PRECISION_DISCARD_XPATH's ``.//header``
PRECISION_CLASSES = True  # its 'bottom' / 'link' class words and border styles
PRECISION_SHORTCUT = True  # the div / list / p link test's one-link shortcut at precision's 10 characters (else 100)
PRECISION_BACKTRACK = True  # their backtracking at precision's thresholds (under 200 characters, 1 child; else 100, 3)
TRAILING_HEADS = True  # headings left last in the body deleted
HEAD_LINKS = True  # link-heavy headings deleted
QUOTE_LINKS = True  # link-heavy quotes deleted

_original = main_extractor.prune_unwanted_sections


def delete_by_link_density(subtree: Any, tagname: str, backtracking: bool = False,
                           favor_precision: bool = False, only: set | None = None,
                           touched: set | None = None, precise_test: bool | None = None,
                           precise_backtrack: bool | None = None) -> int:
    """``trafilatura.htmlprocessing.delete_by_link_density`` (same arguments, same deletions);
    returns how many elements it deleted. With ``only``, elements not in it are not tested
    (their verdict is known: see :func:`prune_unwanted_sections`); ``touched`` gets every
    element whose verdict a deletion may change (:func:`_touched_by`). ``precise_test`` and
    ``precise_backtrack`` (default: ``favor_precision``) take precision's thresholds for the
    link test's one-link shortcut and for the backtracking apart."""
    test, trim = htmlprocessing.link_density_test, htmlprocessing.trim
    deletions = []
    precise_test = favor_precision if precise_test is None else precise_test
    precise_backtrack = favor_precision if precise_backtrack is None else precise_backtrack
    len_threshold = 200 if precise_backtrack else 100
    depth_threshold = 1 if precise_backtrack else 3
    for elem in subtree.iter(tagname):
        if only is not None and elem not in only:
            continue
        result, short_with_links = test(elem, precise_test)
        if result or (
            backtracking
            and short_with_links
            and len(elem) >= depth_threshold
            and len(trim(elem.text_content())) < len_threshold
        ):
            parent = elem.getparent()  # a list item's paragraph is left to the list's own test (GH #788)
            if tagname == "p" and parent is not None and parent.tag in ("item", "td", "th"):
                continue
            deletions.append(elem)
    delete = htmlprocessing.delete_element
    found = dict.fromkeys(deletions)
    for elem in found:
        if touched is not None:
            _touched_by(elem, touched)
        delete(elem)
    return len(found)


def _touched_by(elem: Any, touched: set) -> None:
    """Add to ``touched`` the elements whose link-density verdict deleting ``elem`` may change.

    A verdict reads the element's own subtree (its text, links, images, children, the parents
    of its links) and whether it has a next sibling; its tag and its ancestors' names stay. So
    a deletion changes the verdicts of the deleted element's ancestors and of its previous
    sibling only (its tail text moves into the previous sibling's tail or the parent's text:
    text of the parent either way)."""
    previous = elem.getprevious()
    if previous is not None:
        touched.add(previous)
    touched.update(elem.iterancestors())


def prune_unwanted_sections(tree: Any, potential_tags: set[str], options: Extractor,
                            keep_teasers: bool = False) -> Any:
    """``trafilatura.main_extractor.prune_unwanted_sections`` (same arguments and result); inside
    ``xpaths.active()`` its second link-density pass only when the first deleted something."""
    if not xpaths.is_active():
        return _original(tree, potential_tags, options, keep_teasers)
    m = main_extractor
    prune = m.prune_unwanted_nodes
    favor_precision = options.focus == "precision"
    tree = prune(tree, m.OVERALL_DISCARD_XPATH, with_backup=True)
    if "graphic" not in potential_tags:
        tree = prune(tree, m.DISCARD_IMAGE_ELEMENTS)
    if options.focus != "recall":
        if not keep_teasers:
            tree = prune(tree, m.TEASER_DISCARD_XPATH)
        if favor_precision:
            precision_discard(tree, m.PRECISION_DISCARD_XPATH)
    # the elements a deletion may have changed the verdict of, since each tag's last pass
    since: dict[str, set | None] = {"div": None, "list": None, "p": None}  # None: test every one
    for _ in range(2):
        deleted = 0
        for tag, backtracking in (("div", True), ("list", False), ("p", False)):
            touched: set = set()
            only = since[tag] if TOUCHED_ONLY else None
            deleted += delete_by_link_density(tree, tag, backtracking=backtracking, favor_precision=favor_precision,
                                              only=only, touched=touched,
                                              precise_test=favor_precision and PRECISION_SHORTCUT,
                                              precise_backtrack=favor_precision and PRECISION_BACKTRACK)
            since[tag] = set()
            for seen in since.values():
                if seen is not None:
                    seen |= touched
        if not deleted and QUIET_PASS:
            break  # the tree is as the pass found it: a second one would delete nothing either
    if "table" in potential_tags or favor_precision:
        boilerplate_tables = [elem for elem in tree.iter("table") if m.link_density_test_tables(elem) is True]
        for elem in boilerplate_tables:
            m.delete_element(elem, keep_tail=False)
    if favor_precision:
        precision_tail(tree)
    strip_tags(tree, "span", *(() if "ref" in potential_tags else ("ref",)))
    return tree


def precision_discard(tree: Any, nodelist: list[Any]) -> int:
    """Precision mode's prune (``PRECISION_DISCARD_XPATH``: ``[header, classes]``), each of its two
    expressions switchable; returns how many elements it deleted."""
    return discard_headers(tree, nodelist[:1]) + discard_classes(tree, nodelist[1:])


def discard_headers(tree: Any, nodelist: list[Any]) -> int:
    return _discard(tree, nodelist) if PRECISION_HEADERS else 0


def discard_classes(tree: Any, nodelist: list[Any]) -> int:
    return _discard(tree, nodelist) if PRECISION_CLASSES else 0


def _discard(tree: Any, nodelist: list[Any]) -> int:
    """``prune_unwanted_nodes`` without backup (each match deleted, its tail text kept); the count."""
    found = [el for expr in xpaths.fast_nodelist(nodelist) for el in expr(tree)]
    for el in found:
        htmlprocessing.delete_element(el)
    return len(found)


def precision_tail(tree: Any) -> None:
    """Precision mode's last steps: headings left at the body's end, then link-heavy headings and
    quotes, deleted (each switchable)."""
    trailing_heads(tree)
    if HEAD_LINKS:
        link_heavy(tree, "head")
    if QUOTE_LINKS:
        link_heavy(tree, "quote")


def trailing_heads(tree: Any) -> int:
    """Delete the headings left last in the body (none with ``TRAILING_HEADS`` off); the count."""
    gone = 0
    while TRAILING_HEADS and len(tree) > 0 and (tree[-1].tag == "head"):
        main_extractor.delete_element(tree[-1], keep_tail=False)
        gone += 1
    return gone


def link_heavy(tree: Any, tag: str) -> int:
    """Precision mode's link test on ``tag`` ("head", "quote"); how many were deleted."""
    return delete_by_link_density(tree, tag, backtracking=False, favor_precision=True)


def install() -> bool:
    """Put :func:`prune_unwanted_sections` in trafilatura's ``main_extractor`` (idempotent).
    Returns whether it is in place: False on a trafilatura version not in ``TESTED_WITH``, or
    when the module holds someone else's wrapper."""
    return put(main_extractor, "prune_unwanted_sections", prune_unwanted_sections, _original, TESTED_WITH)
