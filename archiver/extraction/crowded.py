"""Elements of thousands of attributes, cut down once the page is parsed.

No page's markup needs more than a few dozen attributes on an element, but a hostile or broken
one can hold tens of thousands, and reading them is quadratic: lxml's ``items()`` looks each
value up by name from the start of the list. :func:`trim_attributes` keeps an element's first
512 and the ones the stages read by name; ``dom.parse`` calls it only on a page of more than
:data:`MANY_ATTRIBUTES` ``=`` signs (one C pass over the bytes).
"""

from __future__ import annotations

from lxml import etree

__all__ = ["MANY_ATTRIBUTES", "trim_attributes"]


MANY_ATTRIBUTES = 8192
_KEPT_ATTRIBUTES = 512
_NAMED_ATTRIBUTES = frozenset("""class id role style hidden aria-hidden aria-label href src srcset data-src alt
    title itemprop itemtype itemscope lang dir type name content property rel datetime""".split())
_CROWDED = etree.XPath(f"/descendant::*[count(@*) > {_KEPT_ATTRIBUTES}]")


def trim_attributes(root) -> int:
    """Cut every element of more than 512 attributes down to its first 512 and those whose names
    the stages read (class, id, role, style, href, alt ...); return how many elements were cut.

    lxml's ``items()`` looks each value up by name from the start of the list, so reading an
    element of n attributes costs n²: one ``<div>`` of 50,000 attributes took 7.5 s in each of
    two walks (index, regions) where the parse took 0.7 s. No page's markup needs that many.
    """
    crowded = _CROWDED(root)
    for el in crowded:
        names = el.keys()
        keep = names[:_KEPT_ATTRIBUTES] + [n for n in names[_KEPT_ATTRIBUTES:] if n in _NAMED_ATTRIBUTES]
        values = [(n, el.get(n)) for n in keep]
        el.attrib.clear()
        for n, v in values:
            try:
                el.set(n, v if v is not None else "")
            except ValueError:  # a name the HTML parser took and lxml will not set ("a<b", "@x"): dropped
                pass
    return len(crowded)
