"""Elements of thousands of attributes, cut down before and once the page is parsed.

No page's markup needs more than a few dozen attributes on an element, but a hostile or broken
one can hold tens of thousands, and reading them is quadratic: lxml's ``items()`` looks each
value up by name from the start of the list. :func:`trim_attributes` keeps an element's first
512 and the ones the stages read by name; ``dom.parse`` calls it only on a page of more than
:data:`MANY_ATTRIBUTES` ``=`` signs (one C pass over the bytes).

libxml2's HTML parser is quadratic in them too, before any of that: it compares each attribute's
name with every one before it on the tag (40,000 attributes took 5.9 s to parse, 80,000 took 49 s,
a 5.6 MB tag of 600,000 ran past 300 s: an extraction stopped only by ``--extract-timeout``, and
for ever with it 0). :func:`trim_tags` cuts such a start tag down the same way in the bytes first.
"""

from __future__ import annotations

import bisect
import re

from lxml import etree

from .rawtext import RAW_TEXT

__all__ = ["MANY_ATTRIBUTES", "trim_attributes", "trim_tags"]


MANY_ATTRIBUTES = 8192
_KEPT_ATTRIBUTES = 512
_NAMED_ATTRIBUTES = frozenset("""class id role style hidden aria-hidden aria-label href src srcset data-src alt
    title itemprop itemtype itemscope lang dir type name content property rel datetime""".split())
_CROWDED = etree.XPath(f"/descendant::*[count(@*) > {_KEPT_ATTRIBUTES}]")
# a start tag of at least 2,040 bytes (one of over 512 attributes is longer): its name, then its attributes up to
# the '>' (or '<') outside a quoted value; a quoted value over 4 KiB stops it too. One pass in C: a search starts
# only at a '<' and a letter, and runs to that tag's end
_LONG_TAG = re.compile(rb"""<[A-Za-z][A-Za-z0-9:-]*[\s/](?:[^<>"']|"[^"]{0,4096}"|'[^']{0,4096}'){2040,}""")
_HEAD = re.compile(rb"<[A-Za-z][A-Za-z0-9:-]*")
_RAW_OPEN = re.compile(rb"<(" + b"|".join(sorted(RAW_TEXT)) + rb")[\s>/]", re.I)  # '<' there is no tag
_RAW_CLOSE = {name: re.compile(rb"</" + name + rb"[\s>]", re.I) for name in RAW_TEXT}
_ATTRIBUTE = re.compile(rb"""[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']*))?""")
_NAMED_BYTES = frozenset(n.encode() for n in _NAMED_ATTRIBUTES)


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


def trim_tags(data: bytes) -> bytes:
    """``data`` (HTML bytes) with every start tag of over 512 attributes cut down to its first 512 and those whose
    names the stages read, before libxml2 parses it; the same object when no tag needs it."""
    pieces: list[bytes] = []
    kept = 0
    spans: list[tuple[int, int]] | None = None
    for m in _LONG_TAG.finditer(data):
        start, end = m.start(), m.end()
        if data.count(b"=", start, end) <= _KEPT_ATTRIBUTES:
            continue
        if spans is None:  # (only for a page holding such a run: minified script often does)
            spans = _raw_spans(data)
        if _inside(spans, start):
            continue
        head = _HEAD.match(data, start)
        assert head is not None  # _LONG_TAG starts with it
        attrs = _ATTRIBUTE.findall(data, head.end(), end)
        keep = attrs[:_KEPT_ATTRIBUTES] + [a for a in attrs[_KEPT_ATTRIBUTES:]
                                           if a.split(b"=", 1)[0].strip().lower() in _NAMED_BYTES]
        if len(keep) == len(attrs):
            continue
        pieces += [data[kept:start], head.group(), b" ", b" ".join(keep)]
        kept = end
    if not pieces:
        return data
    pieces.append(data[kept:])
    return b"".join(pieces)


def _raw_spans(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of each script, style or other element whose text is not markup (minified script holds
    ``i<n ...`` runs of thousands of ``=``), in page order; an unclosed one runs to the end. One pass."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while (m := _RAW_OPEN.search(data, pos)) is not None:
        close = _RAW_CLOSE[m.group(1).lower()].search(data, m.end())
        end = close.start() if close is not None else len(data)
        spans.append((m.end(), end))  # the tag itself is markup: a crowded <script ...> is cut down too
        pos = max(end, m.end())
    return spans


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    i = bisect.bisect_right(spans, (at, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]
