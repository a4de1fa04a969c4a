"""A code listing's line-number gutter: the numbers beside its lines, which are no part of the code.

Highlighters number a listing's lines in two ways, both read wrong by archiver and bare
trafilatura. As a table, a number column beside the code (Pygments' ``table.highlighttable``,
Hugo's ``table.lntable``, Rouge's ``table.rouge-table``, highlightjs-line-numbers' ``table.hljs-ln``
of one row a line, SyntaxHighlighter's ``td.gutter`` and ``td.code``): trafilatura reads a data
table, so the listing came out as one row with its lines run together ("| 1 2 | level =
gauge.read() print(level) |"). :func:`strip_code_gutters` puts the code alone in its place, one
line a line: the code cell's ``<pre>`` itself, or a ``<pre>`` of the rows' lines. As a number
element in each line or after the code (Chroma's ``span.ln``, Pygments' inline ``span.linenos``,
``span.line-number``, CSDN's ``ul.pre-numbering``, Prism's ``span.line-numbers-rows``): the number
was glued to its line ("1level = gauge.read()") or read as a list; such an element, holding only
digits, goes.

The class names are data (``archiver/rules/code_gutters.json``, with the reports:
https://github.com/laurent22/joplin/issues/5626 and https://github.com/laurent22/joplin/pull/10126).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from lxml import etree

__all__ = ["CODE_GUTTERS", "GUTTERS_FILE", "strip_code_gutters"]

CODE_GUTTERS = True  # False: a listing's line numbers stay, as a table column or glued to its lines (ablation)
GUTTERS_FILE = Path(__file__).resolve().parents[1] / "rules" / "code_gutters.json"
_CLIMB = 4  # ancestors of a table looked at for a code container
_LONGEST = 9  # digits of a line number


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """``(number_classes, line_classes, code_classes)`` from ``code_gutters.json``; a missing or
    broken file raises ``ValueError`` naming it."""
    try:
        data = json.loads(GUTTERS_FILE.read_text(encoding="utf-8"))
        return (frozenset(data["number_classes"]), frozenset(data["line_classes"]),
                frozenset(data["code_classes"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{GUTTERS_FILE}: {exc}") from exc


def strip_code_gutters(found: dict) -> int:
    """Take the line numbers out of the code listings among ``found`` (``tagged.by_tag``'s walk:
    its ``table`` and ``pre`` elements). A table of two cells a row, the first holding only digits
    (or nothing), the second the code, inside or naming a code container, becomes the code alone;
    a number-classed element holding only digits inside a ``<pre>`` (or right after it) goes, its
    tail kept. Returns
    how many listings changed."""
    if not CODE_GUTTERS:
        return 0
    numbers, lines, code = _vocabulary()
    done = 0
    for table in found.get("table", ()):
        if _listing_table(table, code):
            _unwrap(table, lines)
            done += 1
    seen: dict[str, bool] = {}  # class value -> names a number element: a highlighter repeats its classes
    for pre in found.get("pre", ()):
        after = pre.getnext()  # CSDN's <ul class="pre-numbering"> in the <pre>, put after it by the parser
        near = [*pre.iterdescendants(etree.Element), *(() if after is None else (after,))]
        gutters = [el for el in near if _named(el.get("class"), numbers, seen) and _digits(el)]
        for el in gutters:
            if el.getparent() is not None:
                el.drop_tree()  # keeps the tail: the line's code
        done += bool(gutters)
    return done


def _named(value: str | None, numbers: frozenset[str], seen: dict[str, bool]) -> bool:
    """Whether the class attribute ``value`` holds one of ``numbers`` (answers cached in ``seen``)."""
    if not value:
        return False
    known = seen.get(value)
    if known is None:
        known = seen[value] = not numbers.isdisjoint(value.split())
    return known


def _classes(el) -> set[str]:
    value = el.get("class")
    return set(value.split()) if value else set()


def _digits(el) -> bool:
    """Whether ``el``'s text is only digits and white space (or nothing)."""
    text = "".join("".join(el.itertext()).split())
    return not text or text.isdecimal()


def _cells(row) -> list:
    return [c for c in row if c.tag in ("td", "th")]


def _listing_table(table, code: frozenset[str]) -> bool:
    """A numbered code listing: every row a number cell (digits or empty) and a code cell; the table
    named by a code class, or its number cells counting up one by one and the table in a
    ``<pre>``/``<code>`` or an element with a code class, or its code cells holding one."""
    if table.getparent() is None:
        return False
    rows = []
    for row in table.iter("tr"):  # a layout or data table fails at its first row, mostly
        cells = _cells(row)
        if len(cells) != 2 or not _digits(cells[0]):
            return False
        rows.append(cells)
    if not rows or all(_digits(cells[1]) for cells in rows):
        return False
    if _classes(table) & code:
        return True  # a listing's own table (highlightjs-line-numbers' number cells are empty: CSS writes them)
    numbers = [t for cells in rows for piece in cells[0].itertext() for t in piece.split()]
    if not numbers or any(len(t) > _LONGEST for t in numbers):
        return False  # no listing has a billion lines; int() of over 4,300 digits raises ValueError
    if [int(t) for t in numbers] != list(range(int(numbers[0]), int(numbers[0]) + len(numbers))):
        return False  # a gutter counts its lines; an empty first column in a <pre> is a results page's layout
    el = table.getparent()
    for _ in range(_CLIMB):
        if el is None:
            break
        if el.tag in ("pre", "code") or _classes(el) & code:
            return True
        el = el.getparent()
    return any(next(cells[1].iter("pre", "code"), None) is not None for cells in rows)


def _inside_pre(el) -> bool:
    return any(a.tag == "pre" for a in el.iterancestors())


def _unwrap(table, line_classes: frozenset[str]) -> None:
    """Put ``table``'s code in its place: its one ``<pre>``, or its lines as text (inside a ``<pre>``
    already) or as a new ``<pre>``."""
    cells = [_cells(r)[1] for r in table.iter("tr")]
    pres = [p for c in cells for p in c.iter("pre")]
    parent = table.getparent()
    if len(pres) == 1 and not _inside_pre(table):
        pre = pres[0]
        pre.tail = table.tail
        parent.replace(table, pre)
        return
    text = "\n".join(_cell_lines(c, line_classes) for c in cells).rstrip("\n")
    if _inside_pre(table):
        prev = table.getprevious()
        joined = text + (table.tail or "")
        if prev is not None:
            prev.tail = (prev.tail or "") + joined
        else:
            parent.text = (parent.text or "") + joined
        parent.remove(table)
        return
    pre = table.makeelement("pre", {})
    pre.text = text
    pre.tail = table.tail
    parent.replace(table, pre)


def _cell_lines(cell, line_classes: frozenset[str]) -> str:
    """A code cell's text, one line a line: its ``<pre>``s' text, its line-classed block children
    (``div.line``) one a line, else its text."""
    pres = list(cell.iter("pre"))
    if pres:
        return "\n".join("".join(p.itertext()).rstrip("\n") for p in pres)
    blocks = [el for el in cell.iter("div", "p") if _classes(el) & line_classes]
    if blocks:
        return "\n".join("".join(b.itertext()) for b in blocks)
    return "".join(cell.itertext()).strip("\n")
