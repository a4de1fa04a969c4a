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
elements it deleted. Like ``linkdensity.py`` it is taken only inside ``xpaths.active()``
(``article.py``'s runs) and only on the trafilatura versions it mirrors (``TESTED_WITH``).
"""

from __future__ import annotations

from typing import Any

import trafilatura
from lxml.etree import strip_tags
from trafilatura import htmlprocessing, main_extractor
from trafilatura.settings import Extractor

from . import xpaths

__all__ = ["prune_unwanted_sections", "delete_by_link_density", "install", "TESTED_WITH", "QUIET_PASS"]

TESTED_WITH = ("2.3.1",)  # versions whose prune_unwanted_sections and delete_by_link_density this mirrors
QUIET_PASS = True  # False: the second pass runs after a first that deleted nothing, as in trafilatura
TOUCHED_ONLY = True  # False: the second pass tests every element again, as in trafilatura

_original = main_extractor.prune_unwanted_sections


def delete_by_link_density(subtree: Any, tagname: str, backtracking: bool = False,
                           favor_precision: bool = False, only: set | None = None,
                           touched: set | None = None) -> int:
    """``trafilatura.htmlprocessing.delete_by_link_density`` (same arguments, same deletions);
    returns how many elements it deleted. With ``only``, elements not in it are not tested
    (their verdict is known: see :func:`prune_unwanted_sections`); ``touched`` gets every
    element whose verdict a deletion may change (:func:`_touched_by`)."""
    test, trim = htmlprocessing.link_density_test, htmlprocessing.trim
    deletions = []
    len_threshold = 200 if favor_precision else 100
    depth_threshold = 1 if favor_precision else 3
    for elem in subtree.iter(tagname):
        if only is not None and elem not in only:
            continue
        result, short_with_links = test(elem, favor_precision)
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
            tree = prune(tree, m.PRECISION_DISCARD_XPATH)
    # the elements a deletion may have changed the verdict of, since each tag's last pass
    since: dict[str, set | None] = {"div": None, "list": None, "p": None}  # None: test every one
    for _ in range(2):
        deleted = 0
        for tag, backtracking in (("div", True), ("list", False), ("p", False)):
            touched: set = set()
            only = since[tag] if TOUCHED_ONLY else None
            deleted += delete_by_link_density(tree, tag, backtracking=backtracking, favor_precision=favor_precision,
                                              only=only, touched=touched)
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
        while len(tree) > 0 and (tree[-1].tag == "head"):
            m.delete_element(tree[-1], keep_tail=False)
        delete_by_link_density(tree, "head", backtracking=False, favor_precision=True)
        delete_by_link_density(tree, "quote", backtracking=False, favor_precision=True)
    strip_tags(tree, "span", *(() if "ref" in potential_tags else ("ref",)))
    return tree


def install() -> bool:
    """Put :func:`prune_unwanted_sections` in trafilatura's ``main_extractor`` (idempotent).
    Returns whether it is in place: False on a trafilatura version not in ``TESTED_WITH``, or
    when the module holds someone else's wrapper."""
    if trafilatura.__version__ not in TESTED_WITH:
        return False
    current = getattr(main_extractor, "prune_unwanted_sections", None)
    if current is prune_unwanted_sections:
        return True
    if current is not _original:
        return False
    main_extractor.prune_unwanted_sections = prune_unwanted_sections
    return True
