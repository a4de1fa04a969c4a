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
left alone.

Not applied, each measured on the dev sets (bench/RESULTS.md, sixth session):
tests on hidden state (``display: none``, ``hidden``: a hidden element stays
hidden); ``OVERALL_DISCARD_XPATH`` (share, related, widget, sidebar, footer
words: trafilatura reverts that pruning itself when it takes too much, and
stripping those names from a chain element such as an
``elementor-widget-theme-post-content`` also stripped the words trafilatura
finds the body by, costing more pages than it saved); renaming a ``<header>``
on the chain, which precision mode deletes (it brought back a site menu on a
trafilatura-eval page and gained nothing).
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

__all__ = ["unname_large"]

_STRING = etree.XPath("string()", smart_strings=False)
_ATTRIBUTES = ("class", "id", "role")


@lru_cache(maxsize=1)
def _tests() -> tuple[etree.XPath, ...]:
    """trafilatura's class-word discard XPaths, rewritten to test one element (``self::*``)."""
    try:
        from trafilatura import xpaths
    except ImportError:  # pragma: no cover - trafilatura is a dependency
        return ()
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


def unname_large(tree, share: float) -> int:
    """Strip furniture class words from the chain of elements holding over ``share`` of the page's text.

    ``tree`` is the page's lxml tree (changed in place); ``share`` a fraction of
    the text under ``<body>`` (0-1). Returns how many elements lost their names.
    """
    body = tree.find("body") if tree.tag != "body" else tree
    if body is None:
        return 0
    total = len(_STRING(body).strip())
    if total < 500:
        return 0
    tests = _tests()
    renamed = 0
    node = body
    while True:
        node = next((child for child in node if isinstance(child.tag, str)
                     and len(_STRING(child).strip()) > share * total), None)
        if node is None:
            return renamed
        if (node.get("class") or node.get("id") or node.get("role")) and any(test(node) for test in tests):
            for name in _ATTRIBUTES:
                node.attrib.pop(name, None)
            renamed += 1
