"""Pictures that stand for text inside a sentence: a drop cap's letter, a formula's TeX.

A drop cap drawn as a picture: the initial letter as an ``<img>`` whose ``alt`` is the letter.

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
Switch ``IMAGE_INITIALS`` (``stage:image-initials``).

A formula drawn as a picture by a TeX renderer, its TeX in ``alt``: WordPress's and Jetpack's
``<img class="latex" src=".../latex.php?latex=...">``, a codecogs or Google Charts image (pandoc's
``--webtex`` writes codecogs'). trafilatura drops the image and the sentence lost
its formula ("The silt grows as where t is the time"), in archiver and bare trafilatura alike (LaTeX
images a reader view dropped: https://github.com/ZachSaucier/Just-Read/issues/58; formulas from
rendering services lost by defuddle, which reads WordPress's ``img.latex`` and was asked to read the
services' images too: https://github.com/kepano/defuddle/issues/244). The image becomes a ``<span>``
holding ``\\(TeX\\)`` (``\\[TeX\\]`` for a display formula), as ``mathtext`` writes MathML's and
MathJax's; a ``{\\displaystyle ...}`` wrapper is taken off. The classes and renderer
addresses are ``rules/formula_images.json``'s (Wikipedia's fallback images are left out there: a dev set's
truth is written without them). An image beside a shown ``<math>`` of its own (the
formula drawn twice, once as MathML) is left. Switch ``FORMULA_IMAGES`` (``stage:formula-images``).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

__all__ = ["FORMULA_IMAGES", "IMAGE_INITIALS", "read_formula_images", "show_image_initials"]

IMAGE_INITIALS = True  # False: a drop cap's picture is dropped with its letter (ablation)
FORMULA_IMAGES = True  # False: a formula's picture is dropped with its TeX (ablation)
RULES_DIR = Path(__file__).resolve().parents[1] / "rules"
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)
_DISPLAYSTYLE = re.compile(r"^\{\\displaystyle\s*(.*)\}$", re.S)

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


@cache
def _formula_rules() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """``rules/formula_images.json``: (inline classes, display classes, renderer address parts). Raises
    ValueError when the file is missing or malformed."""
    path = RULES_DIR / "formula_images.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return (frozenset(map(str, data["inline_classes"])), frozenset(map(str, data["display_classes"])),
                tuple(str(x).lower() for x in data["renderer_src"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: {exc}") from exc


def _math_shown(img) -> bool:
    """A ``<math>`` beside ``img`` in its parent, not hidden by a ``display: none`` on the way."""
    parent = img.getparent()
    if parent is None:
        return False
    for math in parent.iter("math", "{http://www.w3.org/1998/Math/MathML}math"):
        el, hidden = math, False
        while el is not None and el is not parent:
            hidden = hidden or bool(_HIDDEN.search(el.get("style") or "")) or el.get("hidden") is not None
            el = el.getparent()
        if not hidden:
            return True
    return False


def _formula(img) -> str:
    """``img``'s formula as ``\\(TeX\\)`` / ``\\[TeX\\]``, or "" when it is no formula image."""
    alt = " ".join((img.get("alt") or "").split())
    if not alt:
        return ""
    inline, display, renderers = _formula_rules()
    classes = set((img.get("class") or "").split())
    src = (img.get("src") or img.get("data-src") or "").lower()
    if not (classes & (inline | display) or any(part in src for part in renderers)):
        return ""
    if _math_shown(img):
        return ""
    alt = _DISPLAYSTYLE.sub(r"\1", alt).strip()
    return f"\\[{alt}\\]" if classes & display else f"\\({alt}\\)"


def read_formula_images(root) -> int:
    """Make each formula image of ``root`` (module docstring) a ``<span>`` holding its TeX, in place,
    the image's tail kept. Returns how many. Raises ValueError for a broken rules file."""
    if not FORMULA_IMAGES:
        return 0
    found = [(img, tex) for img in root.iter("img") if (tex := _formula(img))]
    for img, tex in found:
        tail = img.tail
        img.clear()
        img.tag, img.text, img.tail = "span", tex, tail
    return len(found)


def show_image_initials(root) -> int:
    """Replace each drop cap's ``<img>`` with its ``alt`` letter (module docstring), keeping the text after it.

    ``root``: the parsed page (lxml), changed in place. Returns how many images were replaced.
    """
    read_formula_images(root)  # the same pictures-for-text pass: one call in the pipeline
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
