"""A drop cap drawn as a picture: the initial letter as an ``<img>`` whose ``alt`` is the letter.

Old books put online (Project Gutenberg's texts, scanned magazines) and some news templates draw a
paragraph's first letter as a decorated picture, ``<img src="i_w.jpg" alt="W">HEN the board met``,
the rest of the word glued to it. trafilatura drops every image, so the paragraph read "HEN the board
met" ("he board met"), in archiver and bare trafilatura alike (the report: Gutenberg's drop caps are
"an image scan of the decorative initial" and "text to speech is broken" for them,
https://github.com/gutenbergtools/ebookmaker/issues/310; the ``<span>`` form is the earlier rounds').

``show_image_initials`` writes such an image's letter in its place. An image is an initial when its
``alt`` is one capital letter (an opening quote mark may stand before it) and the text right after it,
or after the inline elements it is alone in (``<span class=dropcap><img alt=T></span>he``), starts
with a letter: glued to its word. An image of a letter standing apart ("zone <img alt=B> must") is left.
"""

from __future__ import annotations

__all__ = ["IMAGE_INITIALS", "show_image_initials"]

IMAGE_INITIALS = True  # False: a drop cap's picture is dropped with its letter (ablation)

_OPENING = "\"'“‘„«"
_INLINE = frozenset("span a b i em strong small font big u".split())


def _letter(alt: str) -> bool:
    """One capital letter, an opening quote mark allowed before it."""
    alt = alt.strip()
    return 1 <= len(alt) <= 2 and alt[-1].isalpha() and alt[-1].isupper() and all(c in _OPENING for c in alt[:-1])


def _glued_tail(img) -> str:
    """The text right after ``img``, or after the inline elements it stands alone in."""
    el = img
    while not (el.tail or ""):
        parent = el.getparent()
        if (parent is None or parent.tag not in _INLINE or len(parent) != 1 or (parent.text or "").strip()
                or el.getnext() is not None):
            return ""
        el = parent
    return el.tail or ""


def show_image_initials(root) -> int:
    """Replace each drop cap's ``<img>`` with its ``alt`` letter (module docstring), keeping the text after it.

    ``root``: the parsed page (lxml), changed in place. Returns how many images were replaced.
    """
    if not IMAGE_INITIALS:
        return 0
    found = [img for img in root.iter("img") if _letter(img.get("alt") or "") and _glued_tail(img)[:1].isalpha()]
    for img in found:
        parent = img.getparent()
        if parent is None:
            continue
        text = (img.get("alt") or "").strip() + (img.tail or "")
        prev = img.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(img)
    return len(found)
