"""A page saved with its frames inlined: the framed document read in its frame's place.

SingleFile (and the tools built on it: ArchiveBox, Zotero's snapshots, "Save Page WE") writes each
frame's document into its ``<iframe>`` as a ``srcdoc`` attribute, HTML-escaped. A page whose article
is framed (Google's AMP viewer showing a publisher's AMP page, a reader app or e-mail client showing
an item, a preview pane) is then a toolbar around one ``<iframe srcdoc="&lt;html&gt;...">``: the
article is an attribute's value, which no extractor reads, and the clean text was the toolbar's
words or nothing. :func:`inline_framed_page` parses the largest ``srcdoc`` and puts its body in the
frame's place when its text is longer than the page's own text outside the frames, so a frame that
is the page is read and a video player, an ad or an embedded post saved the same way beside an
article stays out.
"""
from __future__ import annotations

import base64
import binascii
from urllib.parse import unquote_to_bytes

from lxml import etree

from .dom import ParseError, parse

__all__ = ["DATA_FRAMES", "FRAME_HEAD", "SRCDOC", "frame_document", "take_frame_head", "inline_framed_page"]

SRCDOC = True  # stage:srcdoc-frame; False: a srcdoc stays an attribute (ablation)
DATA_FRAMES = True  # stage:data-uri-frame; False: a frame's data: URI stays an address (ablation)
FRAME_HEAD = True  # stage:frame-head; False: the viewer's <title> and <meta> stay the page's (ablation)
_DATA_TYPES = ("text/html", "application/xhtml+xml")
# the text nodes a reader sees: not inside a script, a style, a fallback or a frame
_SHOWN_TEXT = etree.XPath(".//text()[not(ancestor::script or ancestor::style or ancestor::noscript "
                          "or ancestor::template or ancestor::iframe)]")


def _text_length(el) -> int:
    """Characters of ``el``'s shown text (outside scripts, styles and frames), spaces collapsed."""
    return sum(len(" ".join(str(t).split())) for t in _SHOWN_TEXT(el))


def frame_document(frame) -> str:
    """The document an ``<iframe>`` holds written into the page: its ``srcdoc``, else (``DATA_FRAMES``) its
    ``src`` when that is a ``data:`` URI of an HTML or XHTML document, decoded (base64 or percent-encoded;
    its ``charset``, else UTF-8, undecodable bytes replaced); ``""`` for a frame that points elsewhere."""
    if frame.get("srcdoc"):
        return frame.get("srcdoc") or ""
    src = (frame.get("src") or "").lstrip()
    if not DATA_FRAMES or src[:5].lower() != "data:" or "," not in src:
        return ""
    head, _, data = src[5:].partition(",")
    params = [p.strip().lower() for p in head.split(";")]
    if params[0] not in _DATA_TYPES:
        return ""
    charset = next((p[8:].strip("\"'") for p in params[1:] if p.startswith("charset=")), "utf-8")
    try:
        raw = base64.b64decode("".join(data.split()) + "==") if "base64" in params[1:] else unquote_to_bytes(data)
        return raw.decode(charset, errors="replace")
    except (binascii.Error, ValueError, LookupError):
        return ""


def take_frame_head(root, doc, holder) -> bool:
    """The framed document is the page read: its ``<title>`` and ``<meta>`` elements stand for the
    viewer's (a course page's, a mail client's), and when it has an ``<h1>``, the viewer's own ``<h1>``s
    (outside ``holder``, the framed body in its frame's place) are headings of the viewer no more
    (``<div>``s), when it has a title of its own (``FRAME_HEAD``); True when they did."""
    head, framed = root.find("head"), doc.find("head")
    if not FRAME_HEAD or head is None or framed is None or not (framed.findtext("title") or "").strip():
        return False
    for el in [el for el in head if el.tag in ("title", "meta")]:
        head.remove(el)
    head.extend([el for el in framed if el.tag in ("title", "meta")])
    if next(holder.iter("h1"), None) is not None:
        inside = set(holder.iter("h1"))
        for el in [el for el in root.iter("h1") if el not in inside]:
            el.tag = "div"
    return True


def inline_framed_page(root) -> bool:
    """Replace the ``<iframe>`` with the longest ``srcdoc`` (or ``data:`` document, :func:`frame_document`)
    by a ``<div>`` holding its document's body,
    when that body's text is longer than ``root``'s text outside frames; True when it did.
    ``root``: the parsed page (lxml), changed in place. A ``srcdoc`` that does not parse is left."""
    if not SRCDOC:
        return False
    # extract() asks on pages with an <iframe
    frames = [(doc, el) for el in root.iter("iframe") if (doc := frame_document(el))]
    if not frames:
        return False
    text, frame = max(frames, key=lambda pair: len(pair[0]))
    parent = frame.getparent()
    if parent is None:
        return False
    try:  # parsed as the page is: an XHTML frame's XML declaration, characters XML forbids, crowded attributes
        doc = parse(text)
    except ParseError:
        return False
    body = doc.find("body")
    if body is None or _text_length(body) <= _text_length(root):
        return False
    holder = etree.Element("div")
    holder.text = body.text
    holder.extend(list(body))
    holder.tail = frame.tail
    parent.replace(frame, holder)
    take_frame_head(root, doc, holder)
    return True
