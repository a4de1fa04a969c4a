"""A frameset page's ``<noframes>`` text, read as the page it is.

A site of 1997-2010 laid out in frames serves a ``<frameset>`` page whose only text is
its ``<noframes>`` fallback: often the whole home or article page again, in HTML, for
browsers without frames and for search engines. libxml2 (as the HTML standard's parser
does) reads a ``<noframes>`` element's content as raw text, so its markup came out as
article text (``<body> <h2>The Smiths of Kent</h2> <p>...``) and bare trafilatura, finding
no ``<body>``, returned nothing. When a page has a ``<frameset>`` and no ``<body>``, the
``<noframes>`` content holding markup is parsed as HTML and becomes the page's ``<body>``
in the frameset's place. On a page with a ``<body>``, a ``<noframes>`` holding markup (a
fallback browsers with frames never show, "Your browser does not support frames") goes:
its raw text is markup, not words.
"""

from __future__ import annotations

import lxml.html
from lxml import etree

__all__ = ["NOFRAMES", "read_noframes"]

NOFRAMES = True  # False: libxml2's raw-text reading stays (ablation)


def _drop_noframes(root) -> int:
    """Remove the ``<noframes>`` elements holding markup (their tails stay); return how many."""
    dropped = 0
    for el in list(root.iter("noframes")):
        if el.text and "<" in el.text and el.getparent() is not None:
            el.drop_tree()
            dropped += 1
    return dropped


def read_noframes(root) -> int:
    """Put the parsed ``<noframes>`` content of a frameset page (``root``: lxml ``<html>``, changed in
    place) where its ``<frameset>`` was, as its ``<body>``; return 1 when it did. On any other page
    a ``<noframes>`` holding markup is removed; returns how many."""
    if not NOFRAMES:
        return 0
    frameset = root.find("frameset")
    if frameset is None or root.find("body") is not None:
        return _drop_noframes(root)
    texts = [el.text for el in frameset.iter("noframes") if el.text and "<" in el.text]
    if not texts:
        return 0
    try:
        body = lxml.html.fragment_fromstring("\n".join(texts), create_parent="body")
    except (etree.ParserError, ValueError):
        return 0
    inner = body.find("body")  # the fallback's own <body> tag, when it wrote one
    if inner is not None and len(body) == 1 and not (body.text or "").strip():
        body = inner
    root.replace(frameset, body)
    return 1
