"""A block whose inline style clips its overflow (``overflow: hidden``) is shown, not hidden.

``overflow: hidden`` is a layout device: the classic float clearing around an image floated
beside its paragraphs (``<div style="overflow:hidden"><img style="float:left"><p>...``), a box
with rounded corners. The block and its text are on screen. trafilatura's
``OVERALL_DISCARD_XPATH`` drops every element whose ``style`` (or ``id``) contains the word
"hidden" (``re:test(@id|@style, 'hidden')``), so such a block went whole: in the body's middle
archiver's gap stages brought it back, at the body's end it was lost (and bare trafilatura lost it
anywhere). Which hidden styles hide is the question of
https://github.com/mozilla/readability/issues/816 ("what about overflow: hidden combined with a 0
width/height?").

:func:`unclip_overflow` takes the ``overflow`` declarations out of such a style, before
trafilatura runs, when nothing else in the style hides the element: no ``display: none``,
``visibility: hidden``, ``clip``/``clip-path`` (the visually-hidden pattern of screen-reader
text), ``position: absolute`` or fixed (an off-screen or overlaid box), zero or one-pixel
``height``/``width`` (a collapsed "Read more" rest: ``continuation.py`` decides on it), and no
other "hidden" word left. An element whose ``id`` comes before its ``style`` and holds "hidden"
is trafilatura's business as before.
"""
from __future__ import annotations

import re

from lxml import etree

__all__ = ["OVERFLOW_CLIP", "unclip_overflow", "shows"]

OVERFLOW_CLIP = True  # stage:unclip-overflow; False: trafilatura drops an overflow-clipped block as hidden
_STYLED = etree.XPath("/descendant::*[@style][contains(@style, 'hidden')]")  # one C-level walk
_OVERFLOW = re.compile(r"(?:^|(?<=;))\s*overflow(?:-x|-y)?\s*:\s*hidden\s*(?:!important)?\s*(?:;|$)", re.I)
_HIDES = re.compile(r"display\s*:\s*none|visibility\s*:|clip|position\s*:\s*(?:absolute|fixed)"
                    r"|(?:^|[;\s])(?:max-|min-)?(?:height|width)\s*:\s*[01](?:\.0+)?(?:px|em|rem|%)?\s*(?:[;!]|$)",
                    re.I)


def shows(style: str) -> str | None:
    """``style`` without its ``overflow: hidden`` declarations when those are all that makes it read
    as hidden (see the module docstring); None when it hides the element otherwise or has none."""
    if not _OVERFLOW.search(style) or _HIDES.search(style):
        return None
    rest = _OVERFLOW.sub("", style).strip()
    return None if "hidden" in rest.lower() else rest


def unclip_overflow(root) -> int:
    """Take the ``overflow: hidden`` out of each inline style that only clips (:func:`shows`),
    the attribute when nothing is left; return how many elements changed."""
    if not OVERFLOW_CLIP:
        return 0
    done = 0
    for el in _STYLED(root):
        if "hidden" in (el.get("id") or "") and list(el.attrib).index("id") < list(el.attrib).index("style"):
            continue  # trafilatura reads the id first: its call
        rest = shows(el.get("style") or "")
        if rest is None:
            continue
        if rest:
            el.set("style", rest)
        else:
            del el.attrib["style"]
        done += 1
    return done
