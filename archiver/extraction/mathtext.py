"""Formulas kept as text: presentation MathML without its TeX, and MathJax 2's TeX in scripts.

trafilatura deletes ``<math>`` with its subtree and keeps a formula only when the element carries
its TeX (an ``annotation`` of ``application/x-tex`` or an ``alttext``), which it writes as
``\\(...\\)``. A page whose MathML is presentation markup alone (MathJax 3's assistive MathML,
pages written in MathML) lost its formulas: "The load on each pile is at the slack of the tide."
(https://github.com/karakeep-app/karakeep/issues/1243). MathJax 2 keeps each formula's TeX in a
``<script type="math/tex">`` until the browser typesets it, and scripts go with the page's other
code (https://github.com/Kenshin/simpread/issues/353: every formula lost in reading mode).

:func:`keep_formulas` gives such a ``<math>`` an ``alttext`` read from its markup (TeX-like:
``F=mg``, ``x^{2}``, ``\\frac{a}{b}``); :func:`tex_script` turns a TeX script into a ``<span>``
holding ``\\(TeX\\)`` (``\\[TeX\\]`` for ``mode=display``). Neither walks the page: the one
reads the pipeline's walk of its tags, the other is asked by ``dom.strip_inert`` about the scripts
it removes. Switch ``stage:math-text``.
"""
from __future__ import annotations

ENABLED = True

_SCRIPTS = ("math/tex", "math/tex; mode=display")
_SKIP = {"annotation", "annotation-xml", "mphantom", "none", "mprescripts"}
_MAX_DEPTH = 40


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _read(el, depth: int = 0) -> str:
    """A TeX-like reading of a presentation-MathML element (its tokens, scripts, fractions, roots)."""
    if depth > _MAX_DEPTH:
        return ""
    name = _local(el.tag)
    if name in _SKIP:
        return ""
    kids = [k for k in el if _local(k.tag) and _local(k.tag) not in _SKIP]
    if name in ("mi", "mn", "mo", "mtext", "ms") or not kids:
        return " ".join((el.text_content() or "").split())
    parts = [_read(k, depth + 1) for k in kids]
    if name in ("msup", "mover") and len(parts) == 2:
        return f"{parts[0]}^{{{parts[1]}}}"
    if name in ("msub", "munder") and len(parts) == 2:
        return f"{parts[0]}_{{{parts[1]}}}"
    if name in ("msubsup", "munderover") and len(parts) == 3:
        return f"{parts[0]}_{{{parts[1]}}}^{{{parts[2]}}}"
    if name == "mfrac" and len(parts) == 2:
        return f"\\frac{{{parts[0]}}}{{{parts[1]}}}"
    if name == "msqrt":
        return f"\\sqrt{{{''.join(parts)}}}"
    if name == "mroot" and len(parts) == 2:
        return f"\\sqrt[{parts[1]}]{{{parts[0]}}}"
    if name == "mtr":
        return " & ".join(parts)
    if name == "mtable":
        return " \\\\ ".join(parts)
    return "".join(parts)


def tex_script(el) -> bool:
    """Turn ``el``, a MathJax 2 ``<script type="math/tex">`` (``; mode=display``), into a ``<span>``
    holding its TeX as ``\\(TeX\\)`` (``\\[TeX\\]``), in place; False (and nothing changed) for any
    other script, an empty one, or with ``ENABLED`` off. Called by ``dom.strip_inert`` for the scripts
    it would remove, so no walk of its own."""
    kind = " ".join((el.get("type") or "").lower().split())
    if not ENABLED or kind not in _SCRIPTS or not (el.text or "").strip():
        return False
    tex = " ".join(el.text.split())
    opening, closing = ("\\[", "\\]") if "display" in kind else ("\\(", "\\)")
    tail = el.tail
    el.clear()
    el.tag, el.text, el.tail = "span", f"{opening}{tex}{closing}", tail
    return True


def keep_formulas(maths: list) -> int:
    """Give each presentation-only ``<math>`` of ``maths`` (no TeX annotation, no ``alttext``) an
    ``alttext`` read from its markup, in place, so trafilatura writes the formula as ``\\(...\\)``;
    ``maths`` comes from the pipeline's one walk (``tagged.by_tag``). Returns how many."""
    if not ENABLED:
        return 0
    changed = 0
    for el in maths:
        if not el.get("alttext") and not any(_local(a.tag) == "annotation" for a in el.iter()):
            reading = _read(el)
            if reading:
                el.set("alttext", reading)
                changed += 1
    return changed
