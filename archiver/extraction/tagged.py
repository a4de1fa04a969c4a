"""One walk of the tree for the markup repairs of ``inline.py``, ``containers.py`` and ``brlines.py``.

Each repair looks at a few tags; asking lxml for each tag on its own walks the
whole tree once per tag (about 0.1-0.2 ms a page each). ``by_tag`` walks it once
for all of them and hands each repair its elements, in document order. Numerous tags
(``li``, ``img``, ``br``) are left out: a repair reaches them from a rarer element
(a list of sections from its subheadings, a list in a cell from its table).
"""

from __future__ import annotations

__all__ = ["WATCHED", "by_tag", "elements"]

WATCHED = ("time", "q", "figure", "pre", "table", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "main",
           "math", "cite", "noindex")


def by_tag(root, tags: tuple[str, ...] = WATCHED) -> dict[str, list]:
    """``{tag: [elements of root with that tag, in document order]}`` for ``tags``, from one walk."""
    found: dict[str, list] = {}
    for el in root.iter(*tags):
        found.setdefault(el.tag, []).append(el)
    return found


def elements(root, found: dict | None, *tags: str) -> list:
    """The elements of ``tags`` under ``root`` (each tag's in document order), from ``found``
    (:func:`by_tag`'s walk) when given, else from a walk of their own."""
    if found is None:
        return list(root.iter(*tags))
    return [el for tag in tags for el in found.get(tag, ())]
