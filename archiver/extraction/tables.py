"""Stage 1a: layout tables become plain blocks before any rule or trafilatura sees them.

Older templates lay the whole page out in ``<table>`` cells: navigation in one
cell, the story (paragraphs cut by ``<br><br>``) in the next. trafilatura reads
every table as data and writes its rows as ``| cell | cell |`` lines, so such a
page comes out as one row holding navigation, headline, story and notices at
once. The shell of such a page (a layout table holding other tables) is turned
into ``<div>``s, with the layout tables inside it: each cell a block of its own,
its text untouched.

Which tables are layout follows Mozilla Readability's ``_markDataTables``
(https://github.com/mozilla/readability, Readability.js): ``role="presentation"``
or ``datatable="0"`` is layout; a ``summary``, a ``<caption>`` or any of
``col colgroup tfoot thead th`` makes it data; a table holding another table is
layout; one row or one column is layout; 10 rows or more, or more than 4
columns, is data; otherwise data when rows x columns > 10.
"""

from __future__ import annotations

from typing import Any

__all__ = ["is_layout_table", "unwrap_layout_tables"]

_DATA_DESCENDANTS = ("col", "colgroup", "tfoot", "thead", "th")
_PARTS = {"table": "div", "tr": "div", "td": "div", "th": "div"}


def _rows(table) -> list:
    """The table's own rows (not those of nested tables)."""
    return [tr for tr in table.iter("tr") if _owner(tr) is table]


def _owner(el):
    node = el.getparent()
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node


def is_layout_table(table) -> bool:
    """True when ``table`` (an lxml ``<table>``) lays out a page rather than holding data.

    Readability's test, see the module docstring. Pure: reads, never changes.
    """
    if (table.get("role") or "").strip().lower() == "presentation" or table.get("datatable") == "0":
        return True
    if table.get("summary"):
        return False
    caption = next(table.iter("caption"), None)
    if caption is not None and len(caption):
        return False
    for tag in _DATA_DESCENDANTS:
        if next(table.iter(tag), None) is not None:
            return False
    if any(inner is not table for inner in table.iter("table")):
        return True
    rows = _rows(table)
    columns = max((sum(int(c.get("colspan") or 1) if (c.get("colspan") or "1").isdigit() else 1
                       for c in tr if c.tag in ("td", "th")) for tr in rows), default=0)
    if len(rows) <= 1 or columns <= 1:
        return True
    if len(rows) >= 10 or columns > 4:
        return False
    return len(rows) * columns <= 10


def unwrap_layout_tables(root) -> int:
    """Turn each page-layout table of ``root`` into ``<div>``s; return how many tables.

    A page-layout table is a layout table (``is_layout_table``) that holds another table: the shell
    of an old template. It is unwrapped with every layout table inside it (author boxes, notices,
    image frames); its data tables, and every table outside such a shell, are left as they are, since
    trafilatura keeps a small table's text as rows and loses the same text as ``<div>``s among the
    body's ``<p>``. ``<tbody>`` wrappers go, rows and cells become ``<div>``s. Changes the tree in place.
    """
    shells = [t for t in root.iter("table") if any(i is not t for i in t.iter("table")) and is_layout_table(t)]
    layout: dict[int, Any] = {}
    for shell in shells:
        for table in shell.iter("table"):
            if id(table) not in layout and (table is shell or is_layout_table(table)):
                layout[id(table)] = table
    tables = list(layout.values())
    for table in tables:
        for el in list(table.iter("tbody", "tr", "td")):
            if _owner(el) is not table:
                continue
            if el.tag == "tbody":
                el.drop_tag()
            else:
                el.tag = _PARTS[el.tag]
                for attr in ("width", "valign", "align", "colspan", "rowspan", "bgcolor", "height", "nowrap"):
                    el.attrib.pop(attr, None)
    for table in tables:
        table.tag = "div"
        for attr in ("cellpadding", "cellspacing", "border", "width", "bgcolor", "align", "summary"):
            table.attrib.pop(attr, None)
    return len(tables)
