"""``<script/>`` read as a browser reads it: an open script element, not an empty one.

XHTML habits and XML template engines write ``<script type="text/javascript"/>``
and the code after it, up to ``</script>``. In HTML the slash means nothing on a
non-void element (WHATWG HTML, 13.2.6.1 "self-closing flag ... ignored" for
``script``): a browser runs the code and shows none of it. libxml2 closes the
element at once, so the code becomes page text, and an extractor can keep it as
article lines (``(function() {``, ``var config = ...``).

The check is on the parsed tree (an empty ``<script>`` followed by text, cheap:
a page has a few dozen scripts) and only then on the HTML text, which is parsed
again with such tags opened.
"""

from __future__ import annotations

import re

from . import frames
from .dom import parse

__all__ = ["leaked_script", "open_self_closed_scripts", "parse_page", "OPEN_SELF_CLOSED"]

OPEN_SELF_CLOSED = True  # False: libxml2's reading stays (ablation, tests)
_SELF_CLOSED = re.compile(r"<script\b([^<>]*?)\s*/>", re.I)
_NEXT_TAG = re.compile(r"<(/?)script\b", re.I)


def leaked_script(root) -> bool:
    """Whether a ``<script>`` element of ``root`` (lxml) is empty and followed by text other than
    whitespace: what a self-closed ``<script/>`` with its code after it parses to."""
    if not OPEN_SELF_CLOSED:
        return False
    for script in root.iter("script"):
        if not script.text and not len(script):
            tail = script.tail
            if tail and not tail.isspace():
                return True
    return False


def open_self_closed_scripts(html: str) -> str:
    """``html`` with each ``<script .../>`` written ``<script ...>`` when its ``</script>`` comes
    before any other ``<script``: the code between is the script's, as a browser reads it. A
    ``<script/>`` followed by another script's start tag first is left as written (a browser
    would take that start tag as code; nothing visible lies between them). Returns ``html``
    itself when nothing changes."""
    parts: list[str] = []
    done = 0
    for match in _SELF_CLOSED.finditer(html):
        nxt = _NEXT_TAG.search(html, match.end())
        if nxt is None or not nxt.group(1):
            continue  # no end tag after it, or another script starts first
        parts += [html[done:match.start()], f"<script{match.group(1)}>"]
        done = match.end()
    if not parts:
        return html
    parts.append(html[done:])
    return "".join(parts)


def parse_page(html: str, utf8: bytes | None = None):
    """``html`` parsed by ``dom.parse`` (raises its ``ParseError``), and parsed again with its
    self-closed scripts opened when one of them leaked its code into the page's text
    (:func:`leaked_script`): the tree extraction, and the page account's coverage bench, read.
    A frameset page's ``<noframes>`` markup becomes its ``<body>`` (``frames.read_noframes``)."""
    root = parse(html, utf8)
    if leaked_script(root):
        opened = open_self_closed_scripts(html)
        if opened is not html:
            root = parse(opened)
    frames.read_noframes(root)  # a frameset page: its <noframes> markup read as its body (frames.py)
    return root
