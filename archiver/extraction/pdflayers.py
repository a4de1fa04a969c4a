"""PDF text layers written by pdf2htmlEX and pdf.js, as the positioned lines ``pdflines`` reads.

``pdflines.join_pdf_lines`` reads a PDF converted line by line the way poppler's ``pdftohtml -c``
writes it: each printed line an element with ``position:absolute;top:..px;left:..px`` in its
``style`` and a font class whose size the page's ``<style>`` gives. Two other converters write the
same lines otherwise, and each of their lines came out as a paragraph of its own, the print's header
and footer lines in the text, the headline a line among others (bare trafilatura does the same):

- pdf2htmlEX (document sites, "PDF to HTML" services): ``<div class="t m0 x3 h2 y1f ff1 fs1 ...">``
  in a page's ``div.pf``, its place and font only in classes: ``.x3{left:56.69px}``,
  ``.y1f{bottom:803.2px}`` (from the page's bottom), ``.fs1{font-size:64px}`` times the scale of the
  ``.m0{transform:matrix(0.25,...)}`` it carries;
- pdf.js (the browsers' PDF viewer, its page saved whole): the ``div.textLayer`` of each page holds one
  ``<span role="presentation">`` a run, ``left`` and ``top`` in per cent of the page, the font size
  as ``calc(var(--scale-factor)*11.00px)``; a printed line is one run or several, a ``<br>`` after its
  last.

:func:`position_text_layers` writes each such line as pdftohtml would: the runs of one pdf.js line
joined into its first, ``style`` with ``top`` and ``left`` in px (pdf2htmlEX: the page's height less
``bottom``; pdf.js: per cent of the page's size in its ``style``, else of US Letter), ``class`` a name
for its font size and face, and a ``<style>`` giving each such class its size, for
``join_pdf_lines`` (which runs next) to read. Gated on a substring each converter writes
(``pdf2htmlEX``, ``textLayer``); other pages are not walked.
"""
from __future__ import annotations

import re

from lxml import etree

__all__ = ["TEXT_LAYERS", "position_text_layers"]

TEXT_LAYERS = True  # False: pdf2htmlEX's and pdf.js's lines stay as they are (ablation)
_RULE = re.compile(r"\.([a-z]+[0-9a-f]*)\{([^}]*)\}")
_PX = re.compile(r"(-?\d+(?:\.\d+)?)px")
_MATRIX = re.compile(r"matrix\(\s*(-?\d+(?:\.\d+)?)")
_PERCENT = re.compile(r"(left|top):\s*(-?\d+(?:\.\d+)?)%")
_CALC_PX = re.compile(r"font-size:\s*calc\(var\(--scale-factor\)\s*\*\s*(\d+(?:\.\d+)?)px\)")
_FAMILY = re.compile(r"font-family:\s*([\w-]+)")
_PAGE_SIZE = re.compile(r"(width|height):\s*calc\(var\(--scale-factor\)\s*\*\s*(\d+(?:\.\d+)?)px\)")
LETTER = (612.0, 792.0)  # pt: a pdf.js page whose size its style does not give


def position_text_layers(root, html: str) -> int:
    """Rewrite the pdf2htmlEX and pdf.js text lines of ``root`` (an lxml tree) as positioned lines with
    font classes (see the module); ``html`` is the page source, for the gates. Returns the number of
    lines written (0: none found, nothing changed)."""
    if not TEXT_LAYERS:
        return 0
    sizes: dict[str, float] = {}
    count = 0
    if "pdf2htmlEX" in html:
        count += _pdf2htmlex(root, sizes)
    if "textLayer" in html:
        count += _pdfjs(root, sizes)
    if count:
        style = etree.SubElement(root.find("head") if root.find("head") is not None else root, "style")
        style.text = "".join(f".{name}{{font-size:{size:.2f}px;}}" for name, size in sizes.items())
    return count


def _classes(root) -> dict[str, str]:
    """pdf2htmlEX's class rules: name -> body, from every ``<style>``."""
    rules: dict[str, str] = {}
    for style in root.iter("style"):
        for name, body in _RULE.findall(style.text or ""):
            rules[name] = body
    return rules


def _value(rules: dict[str, str], name: str, pattern: re.Pattern) -> float | None:
    found = pattern.search(rules.get(name, ""))
    return float(found.group(1)) if found else None


def _pdf2htmlex(root, sizes: dict[str, float]) -> int:
    rules = _classes(root)
    count = 0
    for page in root.iter("div"):
        names = (page.get("class") or "").split()
        if "pf" not in names:
            continue
        height = next((h for h in (_value(rules, n, _PX) for n in names if n.startswith("h")) if h), 0.0)
        for line in page.iter("div"):
            parts = (line.get("class") or "").split()
            if "t" not in parts:
                continue
            bottom = left = size = None
            scale, face = 1.0, ""
            for part in parts:
                if part[0] == "y":
                    bottom = _value(rules, part, _PX)
                elif part[0] == "x":
                    left = _value(rules, part, _PX)
                elif part.startswith("fs"):
                    size = _value(rules, part, _PX)
                elif part.startswith("ff"):
                    face = part
                elif part[0] == "m":
                    scale = _value(rules, part, _MATRIX) or 1.0
            if bottom is None or left is None or size is None:
                continue
            _place(line, height - bottom, left, size * scale, face, sizes)
            count += 1
    return count


def _pdfjs(root, sizes: dict[str, float]) -> int:
    count = 0
    for layer in root.iter("div"):
        if "textLayer" not in (layer.get("class") or "").split():
            continue
        page = layer.getparent()
        width, height = LETTER
        for key, value in _PAGE_SIZE.findall((page.get("style") if page is not None else "") or ""):
            width, height = (float(value), height) if key == "width" else (width, float(value))
        line = None  # the first run of the printed line being read
        for run in list(layer):
            if run.tag == "br":
                line = None
                continue
            if run.tag != "span":
                continue
            style = run.get("style") or ""
            where = dict(_PERCENT.findall(style))
            size = _CALC_PX.search(style)
            if "left" not in where or "top" not in where or size is None:
                continue
            if line is not None:  # a later run of the same line: its text joins the first's
                line.text = (line.text or "") + (run.text or "")
                layer.remove(run)
                continue
            face = _FAMILY.search(style)
            _place(run, float(where["top"]) * height / 100, float(where["left"]) * width / 100, float(size.group(1)),
                   face.group(1) if face else "", sizes)
            line = run
            count += 1
    return count


def _place(line, top: float, left: float, size: float, face: str, sizes: dict[str, float]) -> None:
    name = f"pdf{round(size * 10)}{re.sub(r'[^a-z0-9]', '', face.lower())}"
    sizes[name] = size
    line.set("style", f"position:absolute;top:{top:.1f}px;left:{left:.1f}px;white-space:nowrap")
    line.set("class", name)
