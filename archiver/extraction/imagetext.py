"""Pictures that stand for text inside a sentence: a drop cap's letter, a formula's TeX.

A drop cap drawn as a picture: the initial letter as an ``<img>`` whose ``alt`` is the letter.

Old books put online (Project Gutenberg's texts, scanned magazines) and some news templates draw a
paragraph's first letter as a decorated picture, ``<img src="i_w.jpg" alt="W">HEN the board met``,
the rest of the word glued to it. trafilatura drops every image, so the paragraph read "HEN the board
met" ("he board met"), in archiver and bare trafilatura alike (the report: Gutenberg's drop caps are
"an image scan of the decorative initial" and "text to speech is broken" for them,
https://github.com/gutenbergtools/ebookmaker/issues/310; the ``<span>`` form is the earlier rounds').

``show_image_initials`` writes such an image's letter in its place. An image is an initial when its
``alt`` is one capital letter (an opening quote mark may stand before it), it opens its block (no text
before it there), and the text right after it, or after the inline elements it is alone in
(``<span class=dropcap><img alt=T></span>he``, whitespace inside it aside, or a ``div`` of its own), is the
rest of a word: lower case or capitals ("he", "HEN"),
not a capitalised word of its own ("<img alt=Q>When", "<img alt=T>The", mend67). An image of a letter standing
apart ("zone <img alt=B> must", "follow us on <a><img alt=X></a>or") is left.
Switch ``IMAGE_INITIALS`` (``stage:image-initials``).

A formula drawn as a picture by a TeX renderer, its TeX in ``alt``: WordPress's and Jetpack's
``<img class="latex" src=".../latex.php?latex=...">``, a codecogs or Google Charts image (pandoc's
``--webtex`` writes codecogs'). trafilatura drops the image and the sentence lost
its formula ("The silt grows as where t is the time"), in archiver and bare trafilatura alike (LaTeX
images a reader view dropped: https://github.com/ZachSaucier/Just-Read/issues/58; formulas from
rendering services lost by defuddle, which reads WordPress's ``img.latex`` and was asked to read the
services' images too: https://github.com/kepano/defuddle/issues/244). The image becomes a ``<span>``
holding ``\\(TeX\\)`` (``\\[TeX\\]`` for a display formula: a display class, or ``\\[..\\]`` or ``$$..$$``
around the alt), as ``mathtext`` writes MathML's and MathJax's; delimiters already in the alt and a
``{\\displaystyle ...}`` wrapper (whose braces pair) are taken off (mend67). An alt of plain words ("equation",
"LaTeX logo") is no TeX: a renderer's image then gives the TeX in its address, a class's image is left. A
hidden image (``display: none``, ``hidden``) is left. The classes and renderer
addresses are ``rules/formula_images.json``'s (Wikipedia's fallback images are left out there: a dev set's
truth is written without them). An image beside a shown ``<math>`` of its own (the
formula drawn twice, once as MathML) is left. Switch ``FORMULA_IMAGES`` (``stage:formula-images``).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

__all__ = ["FORMULA_IMAGES", "IMAGE_INITIALS", "read_formula_images", "show_image_initials"]

IMAGE_INITIALS = True  # False: a drop cap's picture is dropped with its letter (ablation)
FORMULA_IMAGES = True  # False: a formula's picture is dropped with its TeX (ablation)
RULES_DIR = Path(__file__).resolve().parents[1] / "rules"
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)
_DISPLAYSTYLE = re.compile(r"^\{\\displaystyle\s*(.*)\}$", re.S)
_PLAIN = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")

_OPENING = "\"'“‘„«"
_INLINE = frozenset("span a b i em strong small font big u".split())
_BOXES = _INLINE | {"div"}  # what a drop cap's picture may sit alone in: an inline element, a floated div


def _letter(alt: str) -> bool:
    """One capital letter, an opening quote mark allowed before it."""
    alt = alt.strip()
    return 1 <= len(alt) <= 2 and alt[-1].isalpha() and alt[-1].isupper() and all(c in _OPENING for c in alt[:-1])


def _word_rest(tail: str) -> bool:
    """The rest of a word after its initial: a letter, and not a whole capitalised word ("When", "The" after a
    "Q" or a "T" image are words of their own: "he" and "HEN" are rests, mend67)."""
    return tail[:1].isalpha() and not (tail[:1].isupper() and tail[1:2].islower())


def _opens_block(img) -> bool:
    """No text before ``img`` (an image or the box it sits alone in) in its block (the inline elements it sits
    in, up to the first other element), an opening quote mark aside: a drop cap opens its paragraph ("follow us
    on <a><img alt=X></a>or" is no initial, mend67)."""
    el = img
    while (parent := el.getparent()) is not None:
        before = [parent.text or ""]
        for sib in parent:
            if sib is el:
                break
            if isinstance(sib.tag, str):
                before.extend(sib.itertext())
            before.append(sib.tail or "")
        if "".join(before).strip(" \t\r\n\xa0" + _OPENING):
            return False
        if parent.tag not in _INLINE:
            return True
        el = parent
    return True


def _initial_box(img):
    """The outermost element around ``img`` that holds nothing but it, whitespace aside, up through inline
    elements and a ``div`` of its own (``<span class=dropcap> <img alt=T> </span>he``, ``<div class=dropcap><img
    alt=T></div>he``, mend67): its tail is what comes right after the letter. ``img`` when it has a tail."""
    el = img
    while not (el.tail or "").strip():
        parent = el.getparent()
        if parent is None or parent.tag not in _BOXES or len(parent) != 1 or (parent.text or "").strip():
            break
        el = parent
    return el


@cache
def _formula_rules() -> tuple[frozenset[str], frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """``rules/formula_images.json``: (inline classes, display classes, renderer address parts, query parameters
    holding the TeX). Raises ValueError when the file is missing or malformed."""
    path = RULES_DIR / "formula_images.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return (frozenset(map(str, data["inline_classes"])), frozenset(map(str, data["display_classes"])),
                tuple(str(x).lower() for x in data["renderer_src"]), tuple(map(str, data["tex_params"])))
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


def _unwrap_displaystyle(tex: str) -> str:
    """``{\\displaystyle X}`` -> ``X``, only when the opening brace is closed by the last one (mend67: the
    braces of "{\\displaystyle a}+{\\displaystyle b}" are two pairs, left as they are)."""
    if not _DISPLAYSTYLE.match(tex):
        return tex
    depth = 0
    for i, ch in enumerate(tex):
        if ch == "{" and (i == 0 or tex[i - 1] != "\\"):
            depth += 1
        elif ch == "}" and tex[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return _DISPLAYSTYLE.sub(r"\1", tex).strip() if i == len(tex) - 1 else tex
    return tex


def _delimited(tex: str) -> tuple[str, bool | None]:
    """``tex`` without TeX delimiters already around it (``$..$``, ``$$..$$``, ``\\(..\\)``, ``\\[..\\]``) and
    whether they said display (True), inline (False) or nothing (None) (mend67: the Art of Problem Solving wiki's
    alts carry them)."""
    for start, end, display in (("$$", "$$", True), ("\\[", "\\]", True), ("\\(", "\\)", False),
                                ("$", "$", False)):
        if len(tex) > len(start) + len(end) and tex.startswith(start) and tex.endswith(end):
            return tex[len(start):-len(end)].strip(), display
    return tex, None


def _tex_like(alt: str) -> bool:
    """Not plain words: an alt of letters and spaces only, one word of four letters or more, is a description
    ("equation", "LaTeX logo"), not TeX (mend67); "x", "sin x", "d=kt^2" are TeX."""
    return not (_PLAIN.fullmatch(alt) and any(len(w) >= 4 for w in alt.split()))


def _src_tex(src: str, params: tuple[str, ...]) -> str:
    """The TeX in a renderer address's query: the value of one of ``params`` ("latex", "chl"), else the whole
    query (codecogs writes ``gif.latex?d=kt^2``), URL-decoded; "" when there is none."""
    query = urlsplit(src).query
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key in params:
            return value.strip()
    return unquote(query).strip()


def _renderer(src: str, renderers: tuple[str, ...]) -> bool:
    """``src`` is a renderer's address: an entry of ``renderers`` is part of it, or, for an entry
    ``ADDRESS?KEY=VALUE``, ``ADDRESS?`` is part of it and its query holds KEY=VALUE anywhere (Google Charts'
    ``cht=tx`` need not come first, mend67)."""
    low = src.lower()
    for part in renderers:
        head, _, param = part.partition("?")
        if "=" not in param:
            if part in low:
                return True
        elif head + "?" in low and tuple(param.split("=", 1)) in parse_qsl(urlsplit(low).query):
            return True
    return False


def _hidden(img) -> bool:
    """``img`` or an element around it carries ``display: none`` or ``hidden``."""
    el = img
    while el is not None:
        if el.get("hidden") is not None or _HIDDEN.search(el.get("style") or ""):
            return True
        el = el.getparent()
    return False


def _formula(img) -> str:
    """``img``'s formula as ``\\(TeX\\)`` / ``\\[TeX\\]``, or "" when it is no formula image.

    Taken (``rules/formula_images.json``): an image of a formula class whose alt looks like TeX
    (:func:`_tex_like`), or an image from a renderer's address, its TeX the alt (the title when there is no alt
    attribute, as codecogs' editor writes it) or, when that is plain words ("equation"), the address's query.
    Left: a hidden image, one beside a shown ``<math>`` of its own."""
    alt = " ".join((img.get("alt") if img.get("alt") is not None else img.get("title") or "").split())
    if not alt:  # alt="": the page says the image is decoration
        return ""
    inline, display, renderers, params = _formula_rules()
    classes = set((img.get("class") or "").split())
    raw_src = img.get("src") or img.get("data-src") or ""
    tex, said = _delimited(alt)
    if _renderer(raw_src, renderers):
        if not _tex_like(tex):
            tex = _src_tex(raw_src, params)
    elif not (classes & (inline | display) and _tex_like(tex)):
        return ""
    if not tex or _hidden(img) or _math_shown(img):
        return ""
    tex = _unwrap_displaystyle(tex)
    return f"\\[{tex}\\]" if (said if said is not None else bool(classes & display)) else f"\\({tex}\\)"


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
    """Write each picture that stands for text in its place: first each formula image's TeX
    (:func:`read_formula_images`, switch ``FORMULA_IMAGES``), then each drop cap's ``alt`` letter (switch
    ``IMAGE_INITIALS``), keeping the text after it (module docstring). One call in the pipeline for both.

    ``root``: the parsed page (lxml), changed in place. Returns how many drop-cap images were replaced (the
    formula images are not counted here: :func:`read_formula_images` returns theirs).
    """
    read_formula_images(root)  # the same pictures-for-text pass: one call in the pipeline
    if not IMAGE_INITIALS:
        return 0
    found = [(img, box) for img in root.iter("img") if _letter(img.get("alt") or "")
             and _word_rest((box := _initial_box(img)).tail or "") and _opens_block(box)]
    for img, box in found:  # the box (the image, or what holds it alone) gives way to the letter
        parent = box.getparent()
        if parent is None:
            continue
        text = (img.get("alt") or "").strip() + (box.tail or "")
        prev = box.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(box)
    return len(found)
