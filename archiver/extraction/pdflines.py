"""A PDF converted to HTML line by line: its paragraphs, headline and furniture again.

poppler's ``pdftohtml -c`` (and tools like it) writes every printed line as an absolutely positioned
element of its page's ``<div>``: ``<p style="position:absolute;top:212px;left:71px;white-space:nowrap"
class="ft10">...</p>``, with no paragraph markup, the printing browser's header and footer (the date,
the page's title, its address, "1/3") on every page, and a paragraph cut by a page break. Read as it
is, each line is a paragraph, the header and footer lines are text, and the headline is one more
line. :func:`join_pdf_lines` reads the lines as a reader of the printed page does:

- a page is an element holding :data:`MIN_LINES` or more positioned children, or fewer (the print's
  last page, its story's last lines and the footer) when it has the tag and class of such a page;
- a line continues the paragraph above it when it is in the same font class, starts within
  :data:`INDENT` pixels of it, and stands one line step below it (the most common step between
  consecutive lines of that class, 1.3 times at most); a paragraph cut by a page break goes on at the
  next page's first line of the same class and left edge when its last line ends no sentence; a
  line opening with a list item's marker ("2. ", "• ") starts a paragraph of its own;
- a line standing at the same height on two pages or more with the same text (digits aside) is the
  print's header or footer, and goes;
- font sizes come from the page's ``<style>`` (``.ft10{font-size:15px;...}``); the body's size is the
  one holding most text. The first paragraph of the first page in a font 1.5 times the body's or
  larger becomes the ``<h1>``, other paragraphs in a larger bold font ``<h2>``s, and paragraphs in a
  font 0.85 times the body's or smaller (captions, credits, the printed date and links) ``<figcaption>``s,
  which the caption rule takes.
- the paragraphs above that ``<h1>`` that end no sentence are the printed page's masthead (the
  site's name, its menu, skip links): they go (a line ending as a sentence stays).

Each paragraph becomes one element in place of its first line, its lines joined by spaces.
Gated on :data:`MIN_LINES` occurrences of ``position:absolute;top:`` (as the converter writes it, a
C-speed count): other pages are not walked (122 of the 1,880 dev pages pass the gate; the walk then
finds no page of lines on any of them).
"""
from __future__ import annotations

import re
from collections import Counter

from .lines import SENTENCE_END

__all__ = ["join_pdf_lines"]

PDF_LINES = True  # False: positioned lines stay one paragraph each (ablation)
MASTHEAD = True  # False: the lines printed above the headline stay (ablation)
SHORT_PAGES = True  # False: a page of fewer than MIN_LINES lines (the print's last) is not read as one (ablation)
MIN_LINES = 8
INDENT = 40  # px: a first-line indent or a ragged left edge still continues the paragraph
_POSITION = re.compile(r"position:\s*absolute;\s*top:\s*(-?\d+(?:\.\d+)?)px;\s*left:\s*(-?\d+(?:\.\d+)?)px")
_FONT = re.compile(r"\.(\w+)\s*\{([^}]*)\}")
_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")
_DIGITS = re.compile(r"\d+")
_ITEM = re.compile(r"^(?:\d{1,2}[.)]|[•·▪◦‣–-])\s")  # a list item's marker: the line starts an item


def join_pdf_lines(root, html: str, placed: int = 0) -> int:
    """Rewrite each converted PDF page of ``root`` (an lxml tree) as paragraphs; ``html`` is the page
    source, for the gate, ``placed`` the lines ``pdflayers`` positioned in the tree (they pass it too).
    Returns the number of paragraphs written (0: no such page, nothing changed)."""
    if not PDF_LINES or placed < MIN_LINES and html.count("position:absolute;top:") < MIN_LINES:
        return 0
    pages = _pages(root)
    if not pages:
        return 0
    fonts = _font_sizes(root)
    chrome = _chrome(pages)
    paragraphs: list[list] = []  # each: the line elements of one paragraph, in order
    steps = _steps(pages)
    for page in pages:
        body = [line for line in page if _key(line) not in chrome]
        for el, top, left in body:
            last = paragraphs[-1] if paragraphs else None
            if last is not None and _continues(last, el, top, left, page is not pages[0] and el is body[0][0],
                                               steps, fonts):
                last.append((el, top, left))
            else:
                paragraphs.append([(el, top, left)])
        for el, _top, _left in page:
            if _key((el, _top, _left)) in chrome:
                el.getparent().remove(el)
    size = _body_size(paragraphs, fonts)
    headed = False
    written = []
    for n, para in enumerate(paragraphs):
        first = para[0][0]
        text = " ".join(" ".join((el.text_content() or "").split()) for el, _t, _l in para).strip()
        for el, _t, _l in para[1:]:
            el.getparent().remove(el)
        for child in list(first):
            first.remove(child)
        first.text = text
        first.tag = _tag(first.get("class"), fonts, size, n, headed)
        headed = headed or first.tag == "h1"
        first.attrib.pop("style", None)
        written.append(first)
    for el in _masthead(written):
        el.getparent().remove(el)
    return len(paragraphs)


def _masthead(written: list) -> list:
    """The paragraphs above the headline that end no sentence (the printed page's site name, menu and
    skip links, above its ``<h1>``): the print's masthead, when ``written`` holds an ``<h1>``."""
    if not MASTHEAD:
        return []
    head = next((n for n, el in enumerate(written) if el.tag == "h1"), 0)
    return [el for el in written[:head] if not SENTENCE_END.search(el.text or "")]


def _pages(root) -> list[list[tuple]]:
    """The page elements' positioned lines, each ``(element, top, left)``, in document order."""
    held: dict = {}
    for el in root.iter("p", "div", "span"):
        style = el.get("style")
        if not style or "absolute" not in style:
            continue
        found = _POSITION.search(style.replace(" ", ""))
        if found is None:
            continue
        held.setdefault(el.getparent(), []).append((el, float(found.group(1)), float(found.group(2))))
    short = {id(lines) for lines in _short_pages(held)}
    return [lines for lines in held.values() if len(lines) >= MIN_LINES or id(lines) in short]


def _short_pages(held: dict) -> list[list[tuple]]:
    """The pages of fewer than :data:`MIN_LINES` lines (a print's last page: the story's last lines and
    the footer) whose element has the tag and class (digits aside) of a page of :data:`MIN_LINES` or more."""
    if not SHORT_PAGES:
        return []
    kinds = {_kind(page) for page, lines in held.items() if len(lines) >= MIN_LINES}
    return [lines for page, lines in held.items() if len(lines) < MIN_LINES and kinds and _kind(page) in kinds]


def _kind(page) -> tuple:
    """A page element's tag and class, its digits aside (``pc pc2``: the page's number)."""
    return page.tag, _DIGITS.sub("#", page.get("class") or "")


def _key(line: tuple) -> tuple:
    el, top, _left = line
    return round(top), _DIGITS.sub("#", " ".join((el.text_content() or "").split()))


def _chrome(pages: list[list[tuple]]) -> set[tuple]:
    """The (height, text) of lines that stand on two pages or more: the print's header and footer."""
    if len(pages) < 2:
        return set()
    seen = Counter(key for page in pages for key in {_key(line) for line in page})
    return {key for key, count in seen.items() if count >= 2 and key[1]}


def _steps(pages: list[list[tuple]]) -> dict[str, float]:
    """Font class -> the smallest step down between two consecutive lines of that class (its line step)."""
    steps: dict[str, float] = {}
    for page in pages:
        for (a, top_a, _la), (b, top_b, _lb) in zip(page, page[1:], strict=False):
            cls = a.get("class") or ""
            step = top_b - top_a
            if step > 0 and cls == (b.get("class") or "") and step < steps.get(cls, float("inf")):
                steps[cls] = step
    return steps


def _continues(para: list, el, top: float, left: float, page_start: bool, steps: dict[str, float],
               fonts: dict[str, tuple[float, bool]]) -> bool:
    """Whether the line ``el`` (at ``top``, ``left``) goes on the paragraph ``para``: same font class,
    left edge, and one line step below it (1.3 times the class's step, and 1.6 times its font size at
    most: a class seen only across a gap has that gap for its step)."""
    prev, prev_top, prev_left = para[-1]
    cls = el.get("class")
    if _ITEM.match((el.text_content() or "").lstrip()):
        return False
    if cls != prev.get("class") or abs(left - para[0][2]) > INDENT and abs(left - prev_left) > INDENT:
        return False
    if page_start:  # a paragraph cut by the page break: same font and edge, its last line ends no sentence
        text = " ".join((prev.text_content() or "").split())
        return abs(left - prev_left) <= 2 and not SENTENCE_END.search(text)
    step = top - prev_top
    size = fonts.get(cls or "", (0.0, False))[0]
    return 0 < step <= steps.get(cls or "", step) * 1.3 and (not size or step <= size * 1.6)


def _font_sizes(root) -> dict[str, tuple[float, bool]]:
    """Font class -> (size in px, bold) from the page's ``<style>`` blocks."""
    fonts = {}
    for style in root.iter("style"):
        for name, body in _FONT.findall(style.text or ""):
            size = _SIZE.search(body)
            if size:
                fonts[name] = (float(size.group(1)), "bold" in body)
    return fonts


def _body_size(paragraphs: list[list], fonts: dict[str, tuple[float, bool]]) -> float:
    """The font size holding the most text."""
    chars: Counter = Counter()
    for para in paragraphs:
        for el, _t, _l in para:
            size = fonts.get(el.get("class") or "")
            if size:
                chars[size[0]] += len(el.text_content() or "")
    return chars.most_common(1)[0][0] if chars else 0.0


def _tag(cls: str | None, fonts: dict[str, tuple[float, bool]], body: float, n: int, headed: bool) -> str:
    """The paragraph's element: ``h1`` for the first one of the first lines in a big font, ``h2`` for a
    larger bold font, ``figcaption`` for a small one, else ``p``."""
    size, bold = fonts.get(cls or "", (0.0, False))
    if not body or not size:
        return "p"
    if size >= body * 1.5 and n < 8 and not headed:
        return "h1"
    if size > body * 1.1 and bold:
        return "h2"
    if size <= body * 0.85:
        return "figcaption"
    return "p"
