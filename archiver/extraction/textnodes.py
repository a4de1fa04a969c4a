"""``strip_tags`` that leaves each run of text as one text node, for trafilatura's modules.

``lxml.etree.strip_tags`` (trafilatura unwraps ``<i>``, ``<b>``, ``<span>``, ``<hi>``, ``<ref>``
and the like with it) moves a stripped element's text and tail into its parent as separate text
nodes side by side. lxml reads such a run as one string, but reading it is quadratic in the run
(``_collectText`` adds each node's bytes to the string so far), and libxml2's XPath is worse: it
sorts text nodes by walking the siblings between two of them (``xmlXPathCmpNodes``), so
trafilatura's ``//p//text()`` (``main_extractor._extract``, on each candidate body) over a
paragraph of 15,000 stripped inline elements took 5-10 s, and 300,000 of them (a 7 MB page)
reached the 30 s ``--extract-timeout`` (hostile round 33).

:func:`strip_tags` takes the same arguments and leaves the same tree (the same elements, texts
and tails as strings: ``tostring`` is byte for byte lxml's), but when it strips more than
:data:`LXML_UP_TO` elements it rebuilds each parent's text and tails in Python, one text node
per run, in time linear in the nodes. Fewer, and tag arguments other than plain names (a
``{ns}`` or ``*`` wildcard, ``Comment``), go to lxml's function. :func:`install` puts it in
trafilatura's modules that call ``strip_tags`` by their own name.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from trafilatura import core, external, htmlprocessing, main_extractor

__all__ = ["strip_tags", "install", "LXML_UP_TO"]

LXML_UP_TO = 500  # up to this many elements stripped, lxml's strip_tags (runs this short read fast)
ENABLED = True  # False: lxml's strip_tags always (the quadratic runs of round 33 come back)
_lxml_strip_tags = etree.strip_tags
_USERS = (core, external, htmlprocessing, main_extractor)  # modules that import strip_tags by name


def strip_tags(tree: Any, *tag_names: Any) -> None:
    """``lxml.etree.strip_tags(tree, *tag_names)``: each element of ``tree`` (not ``tree`` itself)
    whose tag is named is replaced by its text, children and tail. Raises what lxml raises."""
    names = _plain_names(tag_names)
    if not ENABLED or names is None or not isinstance(tree, etree._Element):
        _lxml_strip_tags(tree, *tag_names)
        return
    if not names:
        return
    targets = [el for el in tree.iter(*names) if el is not tree]
    if len(targets) <= LXML_UP_TO:
        _lxml_strip_tags(tree, *tag_names)
        return
    parents: dict[Any, None] = {}  # the nearest kept ancestor of each target, in document order
    for el in targets:
        parent = el.getparent()
        while parent is not tree and parent.tag in names:
            parent = parent.getparent()
        parents[parent] = None
    for parent in parents:
        _rebuild(parent, names)


def _plain_names(tag_names: tuple) -> set[str] | None:
    """The names as a set, or None when one is not a plain tag name (lxml's own function then)."""
    names: set[str] = set()
    for name in tag_names:
        if isinstance(name, (list, tuple, set, frozenset)):
            inner = _plain_names(tuple(name))
            if inner is None:
                return None
            names |= inner
        elif isinstance(name, str) and name and "*" not in name and "{" not in name:
            names.add(name)
        else:
            return None
    return names


def _rebuild(parent: Any, names: set[str]) -> None:
    """Replace ``parent``'s content by the same content with the named children unwrapped (and
    theirs, and so on), each run of text written once."""
    slots: list[list[str]] = [[parent.text or ""]]
    kept: list[Any] = []

    def walk(children: list[Any]) -> None:
        for child in children:
            if isinstance(child.tag, str) and child.tag in names:
                slots[-1].append(child.text or "")
                walk(list(child))
                slots[-1].append(child.tail or "")
            else:
                kept.append(child)
                slots.append([child.tail or ""])

    walk(list(parent))
    for child in list(parent):
        parent.remove(child)  # its tail goes with it
    text = "".join(slots[0])
    parent.text = text or None
    for child, pieces in zip(kept, slots[1:], strict=True):
        parent.append(child)
        tail = "".join(pieces)
        child.tail = tail or None


def install() -> None:
    """Put :func:`strip_tags` in trafilatura's modules (idempotent)."""
    for module in _USERS:
        if getattr(module, "strip_tags", None) is _lxml_strip_tags:
            setattr(module, "strip_tags", strip_tags)  # noqa: B010  (mypy reads the module's own type)
