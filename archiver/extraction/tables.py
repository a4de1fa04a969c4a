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
_LAYOUT_ATTRS = ("width", "height", "valign", "align", "colspan", "rowspan", "bgcolor", "nowrap", "cellpadding",
                 "cellspacing", "border", "summary")


def _rows(table) -> list:
    """The table's own rows (not those of nested tables)."""
    return [tr for tr in table.iter("tr") if _owner(tr) is table]


def _owner(el):
    node = el.getparent()
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node


def _holds_table(table) -> bool:
    return any(inner is not table for inner in table.iter("table"))


BODY_SHELLS = True  # a layout table holding the page's headline is a shell too


def _holds_body(table) -> bool:
    """The table's own cells hold the page's ``<h1>``: the story cell of a one-table template.

    A one-table template (a menu cell beside the story cell) has no inner table to give it away;
    its story cell holds the headline and the story, which trafilatura glues into one
    ``| menu | headline story ... |`` row (https://github.com/adbar/trafilatura/issues/890).
    Body paragraphs alone do not make a shell: a callout box or a two-column table of
    ``<p>``s inside an article is a table of the article (tried: it cost WCXB pages .01-.03).
    """
    return BODY_SHELLS and any(_owner(h1) is table for h1 in table.iter("h1"))


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
    if next(table.iter(*_DATA_DESCENDANTS), None) is not None:
        return False
    if _holds_table(table):
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
    shells = [t for t in root.iter("table") if (_holds_table(t) or _holds_body(t)) and is_layout_table(t)]
    layout: dict[int, Any] = {}
    for shell in shells:
        for table in shell.iter("table"):
            if id(table) not in layout and (table is shell or is_layout_table(table)):
                layout[id(table)] = table
    tables = list(layout.values())
    for table in tables:  # its own rows and cells first, while _owner can still tell tables apart
        for el in list(table.iter("tbody", "tr", "td")):
            if _owner(el) is not table:
                continue
            if el.tag == "tbody":
                el.drop_tag()
            else:
                _to_div(el)
    for table in tables:
        _to_div(table)
    return len(tables)


def _to_div(el) -> None:
    el.tag = "div"
    for attr in _LAYOUT_ATTRS:
        el.attrib.pop(attr, None)
