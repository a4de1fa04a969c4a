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

from lxml import etree

from .dom import ParseError, parse

__all__ = ["SRCDOC", "inline_framed_page"]

SRCDOC = True  # stage:srcdoc-frame; False: a srcdoc stays an attribute (ablation)
# the text nodes a reader sees: not inside a script, a style, a fallback or a frame
_SHOWN_TEXT = etree.XPath(".//text()[not(ancestor::script or ancestor::style or ancestor::noscript "
                          "or ancestor::template or ancestor::iframe)]")


def _text_length(el) -> int:
    """Characters of ``el``'s shown text (outside scripts, styles and frames), spaces collapsed."""
    return sum(len(" ".join(str(t).split())) for t in _SHOWN_TEXT(el))


def inline_framed_page(root) -> bool:
    """Replace the ``<iframe>`` with the longest ``srcdoc`` by a ``<div>`` holding its document's body,
    when that body's text is longer than ``root``'s text outside frames; True when it did.
    ``root``: the parsed page (lxml), changed in place. A ``srcdoc`` that does not parse is left."""
    if not SRCDOC:
        return False
    frames = [el for el in root.iter("iframe") if el.get("srcdoc")]  # extract() asks on pages with an <iframe
    if not frames:
        return False
    frame = max(frames, key=lambda el: len(el.get("srcdoc") or ""))
    parent = frame.getparent()
    if parent is None:
        return False
    try:  # parsed as the page is: an XHTML frame's XML declaration, characters XML forbids, crowded attributes
        doc = parse(frame.get("srcdoc") or "")
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
    return True
