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

from lxml import etree

from archiver.numbers import ascii_int

from .tabletext import chars, holds_menu, is_headline, is_menu, title_of

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
MENU_SHELLS = True  # a layout table holding a menu cell and most of the page's text is a shell too
PAGE_SHARE = 0.6  # "most": this share of the characters of the page's text (whitespace left out)
OWN_DATA_CELLS = True  # only a table's own <th>, <caption>, <thead> ... make it data, not a nested table's
ROW_SHELLS = True  # a layout table of stacked one-cell rows holding most of the page's text is a shell too
CELL_SHELLS = True  # a one-cell layout table holding a menu and most of the page's text is a shell too
SIZED_SHELLS = True  # a one-row layout table of cells sized in pixels holding most of the page's text too
TITLE_SHELLS = True  # a layout table holding the page's headline in <b> or <font> (the <title>'s words) too
TITLE_PAGE_SHARE = 0.4  # a table holding such a headline: at least this share of the page's characters
TITLE_HEADINGS = True  # ... also set as an <h2> or <h3> (a diary's entry title), not only <b>, <strong>, <font>
LEFT_BARS = True  # a page with no <p> text whose shell was unwrapped: its layout tables outside the shell too (old8)
_P_TEXT = etree.XPath("boolean(/descendant::p[normalize-space()])")
SPACER_COLUMNS = True  # rows with text in one cell each, the others empty (spacer columns): stacked rows too
LINK_CELLS = True  # a cell of two links and nothing else beside a story cell is a menu cell too (_is_link_cell)
MEDIA_ROWS = True  # a one-row table of an image-only cell beside a text cell (an author box) is layout too (rend19)
MEDIA_MAX_CHARS = 600  # ... a box: its text cell at most this many characters (whitespace left out)
SUMMARY_WORDS = True  # only a summary of words makes a table data, not one token (a forum post's "pid401122") (rend20)
PROSE_CELLS = True  # a one-cell table of the story's <p>s in a block, most of the page's text, is a shell too (rend27)
PROSE_CELL_PARAS = 3  # ... such a cell: at least this many <p> children holding text


def _holds_body(table) -> bool:
    """The table's own cells hold the page's ``<h1>``: the story cell of a one-table template.

    A one-table template (a menu cell beside the story cell) has no inner table to give it away;
    its story cell holds the headline and the story, which trafilatura glues into one
    ``| menu | headline story ... |`` row (https://github.com/adbar/trafilatura/issues/890).
    Body paragraphs alone do not make a shell: a callout box or a two-column table of
    ``<p>``s inside an article is a table of the article (tried: it cost WCXB pages .01-.03).
    """
    return BODY_SHELLS and any(_owner(h1) is table for h1 in table.iter("h1"))


_TITLE_TAGS = {False: ("b", "strong", "font"), True: ("b", "strong", "font", "h2", "h3")}


def _holds_title(table, title: str, page_chars: int) -> bool:
    """The table's own cells hold the page's headline set in ``<b>``, ``<strong>`` or ``<font>``
    (or ``<h2>``, ``<h3>``) rather than ``<h1>``, and the table holds at least ``TITLE_PAGE_SHARE``
    of ``page_chars`` (the page's characters, whitespace left out): an element of those tags, not a link nor inside one,
    whose whole text is (nearly) the ``<title>``'s headline piece (``is_headline``: "civicweb ||
    Why our town needs a real bus timetable" over ``<font size=4><b>Why our town needs a real bus
    timetable</b>``). The story cell of a template of stacked layout tables (header, story beside a
    sidebar, each comment), none of which holds most of the page, which trafilatura writes as
    ``| headline byline story |`` rows. The headline tells the story's table from a callout or data
    table of an article, which never repeats the page's title; a fact box whose bold cell names a
    team or person of the headline is neither the headline nor a large share of the page.
    With ``TITLE_HEADINGS`` the headline may be an ``<h2>`` or ``<h3>`` too (a LiveInternet diary of
    2008: the entry's ``<h2>`` title in the cell beside the profile cell, read as one glued row).
    """
    if not TITLE_SHELLS or not title or chars(table) < TITLE_PAGE_SHARE * page_chars:
        return False
    for el in table.iter(*_TITLE_TAGS[TITLE_HEADINGS]):
        if _owner(el) is not table or next(el.iterancestors("a"), None) is not None or el.find(".//a") is not None:
            continue
        if is_headline(" ".join(el.text_content().split()).lower(), title):
            return True
    return False


def _holds_menu_and_page(table, page_chars: int) -> bool:
    """A menu cell among the table's own cells, and most of the page's text in the table: the
    one-table template of #890 with its headline in ``<b>`` or ``<font size>`` rather than ``<h1>``.

    The menu cell tells it from a table inside an article (a callout box, a two-column table), and
    from a page wrapped whole in one cell (a single cell: trafilatura reads it as one row and keeps
    its paragraphs, which unwrapping would give over to the paragraph filters: the held-out
    Readability page clean-links lost its linked lines of dialogue that way; a single cell holding
    a menu of its own is ``_holds_menu_cell_and_page``'s).
    """
    if not MENU_SHELLS or page_chars <= 0:
        return False
    cells = [c for tr in _rows(table) for c in tr if c.tag in ("td", "th")]
    if len(cells) < 2 or not any(is_menu(c) or _is_link_cell(c, cells) for c in cells):
        return False
    return chars(table) >= PAGE_SHARE * page_chars


def _is_link_cell(cell, cells: list) -> bool:
    """A cell of two links and nothing else ('Stories', 'Next'), in a table whose other text is
    at least ten times as long: a story page's menu cell of two links, which ``tabletext.is_menu`` (three
    links or more) does not take (https://github.com/adbar/trafilatura/issues/396, kept as one
    ``| Stories Next | story ... |`` row). A data cell holds text besides its links, and a cell
    of two links in a two-column table of an article stands beside cells of like size."""
    if not LINK_CELLS:
        return False
    links = [a for a in cell.iter("a") if a.get("href")]
    if len(links) != 2 or cell.find(".//p") is not None:
        return False
    own = chars(cell)
    if own == 0 or sum(chars(a) for a in links) < own:
        return False
    return sum(chars(c) for c in cells if c is not cell) >= 10 * own


def _holds_menu_cell_and_page(table, page_chars: int) -> bool:
    """One cell only, holding most of the page's text and a menu (``tabletext.holds_menu``): a page wrapped
    whole in one layout cell, menu line, headline, story and footer, which trafilatura writes as
    one ``| Home \\| News ... story ... Copyright |`` row."""
    if not CELL_SHELLS or page_chars <= 0:
        return False
    cells = [c for tr in _rows(table) for c in tr if c.tag in ("td", "th")]
    return len(cells) == 1 and chars(table) >= PAGE_SHARE * page_chars and holds_menu(cells[0])


def _holds_prose_cell_and_page(table, page_chars: int) -> bool:
    """One cell only, its own children ``PROSE_CELL_PARAS`` ``<p>``s or more holding text, the cell most of the
    page's text, the table inside a block of the page rather than the ``<body>`` itself: the story's frame
    (DedeCMS's article template wraps the body field as ``<div class="content"><table width='100%'><tr><td>
    {body}</td></tr></table></div>``), whose last paragraphs trafilatura writes as one ``| ... |`` row
    glued together, so no paragraph rule reads the notice or the editor's line among them. The cell opens
    with a ``<p>`` and holds no ``<h1>``: the frame stands under the headline. A page wrapped whole in one
    cell (under ``<body>``, or ``<center>`` with its headings first in the cell: the held-out page
    clean-links, ``_holds_menu_and_page``'s note) is left."""
    if not PROSE_CELLS or page_chars <= 0:
        return False
    cells = [c for tr in _rows(table) for c in tr if c.tag in ("td", "th")]
    parent = table.getparent()
    if len(cells) != 1 or parent is None or parent.tag in ("body", "html", "form"):
        return False
    first = next((el for el in cells[0] if isinstance(el.tag, str)), None)
    if first is None or first.tag != "p" or cells[0].find(".//h1") is not None:
        return False  # a page's own headings open a page wrapped whole in a cell, not a frame under the headline
    paras = sum(1 for p in cells[0] if p.tag == "p" and chars(p))
    return paras >= PROSE_CELL_PARAS and chars(table) >= PAGE_SHARE * page_chars


def _holds_sized_columns_and_page(table, page_chars: int) -> bool:
    """One row of two to four cells, each with a ``width`` in pixels (``<td width="680">`` beside
    ``<td width="300">``), holding most of the page's text: the story column beside a box column
    of a fixed-width template (Korean and Japanese news sites of 2003-2010 among them). trafilatura
    writes the story cell's ``<p>``s and then the whole row again as ``| headline byline story
    notice | box |``, the story twice. A table inside an article gives its cells no pixel widths
    or holds less of the page."""
    if not SIZED_SHELLS or page_chars <= 0:
        return False
    rows = _rows(table)
    if len(rows) != 1:
        return False
    cells = [c for c in rows[0] if c.tag in ("td", "th")]
    if not 2 <= len(cells) <= 4 or not all((c.get("width") or "").strip().isdigit() for c in cells):
        return False
    return chars(table) >= PAGE_SHARE * page_chars


def _holds_rows_and_page(table, page_chars: int) -> bool:
    """Two or more rows of one cell each, stacked, holding most of the page's text: a CMS's story
    table (Joomla 1.0 and 1.5 ``contentpaneopen``: a "Written by" row, a date row, the story cell,
    a "Last Updated" row), which trafilatura writes as ``| cell |  |`` rows with the byline, the
    dates and the story glued in.

    A single cell is left (a page wrapped whole in one cell: see ``_holds_menu_and_page``), and
    so is any table with two cells side by side (a two-column table of an article), unless one of
    them is an empty spacer column in every row (``SPACER_COLUMNS``: :func:`_spacer_columns`).
    """
    if not ROW_SHELLS or page_chars <= 0:
        return False
    rows = _rows(table)
    stacked = len(rows) >= 2 and all(sum(c.tag in ("td", "th") for c in tr) == 1 for tr in rows)
    if not stacked and not (SPACER_COLUMNS and _spacer_columns(rows)):
        return False
    return chars(table) >= PAGE_SHARE * page_chars


def _spacer_columns(rows) -> bool:
    """Two rows or more, each with text in one cell at most, and some row of two cells or more: a
    sliced template's table (Dreamweaver, Fireworks, 1998-2006), the story cell
    ``<td width="730">`` between two empty ``<td width="20"><img src="spacer.gif"></td>`` columns,
    the banner, the image menu and the footer each a row across them. Readability's count calls a
    table of 4 rows and 3 columns data, so trafilatura glued the story to its headline and the
    footer into ``| | headline story | |`` rows. A data table has text beside text in its rows
    (the first such row ends the look). ``rows``: any iterable of the table's own rows."""
    wide, count = False, 0
    for tr in rows:
        count += 1
        cells = [c for c in tr if c.tag in ("td", "th")]
        wide = wide or len(cells) > 1
        if sum(1 for c in cells if chars(c)) > 1:
            return False
    return wide and count >= 2


def _is_media_row(table) -> bool:
    """One row of two cells, one holding an image and no text, the other text and no image: a
    media object laid out in a table (an author or service box pasted into a blog entry: the logo's
    cell beside the name and the blurb), which trafilatura writes as one ``|  | name blurb |`` row,
    the empty cell's bar before the box's words, so no rule for the box's lines can read them. A
    data table has text in each cell, or more rows. The text cell is a box's (``MEDIA_MAX_CHARS``): a
    diary's entry cell beside the profile picture is a shell's business (``TITLE_HEADINGS``)."""
    rows = _rows(table)
    if len(rows) != 1:
        return False
    cells = [c for c in rows[0] if c.tag in ("td", "th")]
    if len(cells) != 2:
        return False
    images = [next(c.iter("img"), None) is not None for c in cells]
    sizes = [chars(c) for c in cells]
    if max(sizes) > MEDIA_MAX_CHARS:
        return False
    texts = [size > 0 for size in sizes]
    return images[0] != images[1] and all(images[n] != texts[n] for n in (0, 1))


def _own_first(table, *tags: str):
    """The first element of ``tags`` inside ``table`` and not inside a table nested in it (with
    ``OWN_DATA_CELLS`` off: inside it at all, as Readability looks)."""
    for el in table.iter(*tags):
        if not OWN_DATA_CELLS or _owner(el) is table:
            return el
    return None


def is_layout_table(table) -> bool:
    """True when ``table`` (an lxml ``<table>``) lays out a page rather than holding data.

    Readability's test, see the module docstring, with one change: a ``<th>``, ``<caption>`` or
    ``<thead>`` of a table nested inside does not make the outer one data (a Joomla or phpBB
    template's menu box, ``<th>Main Menu</th>``, inside the page's shell table). Pure: reads,
    never changes.
    """
    if (table.get("role") or "").strip().lower() == "presentation" or table.get("datatable") == "0":
        return True
    if _describes(table.get("summary")):
        return False
    caption = _own_first(table, "caption")
    if caption is not None and len(caption):
        return False
    if _own_first(table, *_DATA_DESCENDANTS) is not None:
        return False
    if _holds_table(table):
        return True
    rows = _rows(table)
    columns = max((sum(_span(c) for c in tr if c.tag in ("td", "th")) for tr in rows), default=0)
    if len(rows) <= 1 or columns <= 1:
        return True
    if len(rows) >= 10 or columns > 4:
        return False
    return len(rows) * columns <= 10


def unwrap_layout_tables(root) -> int:
    """Turn each page-layout table of ``root`` into ``<div>``s; return how many tables.

    A page-layout table is a layout table (``is_layout_table``) that holds another table, the page's
    ``<h1>``, or a menu cell and most of the page's text: the shell of an old template. It is
    unwrapped with every layout table inside it (author boxes, notices, image frames); its data
    tables, and every table outside such a shell, are left as they are, since trafilatura keeps a
    small table's text as rows and loses the same text as ``<div>``s among the body's ``<p>``.
    ``<tbody>`` wrappers go, rows and cells become ``<div>``s. Changes the tree in place.
    """
    tables = list(root.iter("table"))
    candidates = [t for t in tables if is_layout_table(t)]
    if SPACER_COLUMNS and ROW_SHELLS:  # a sliced template's table, data by Readability's count
        candidates += [t for t in tables if t not in candidates
                       and _spacer_columns(tr for tr in t.iter("tr") if _owner(tr) is t)]
    if not candidates:
        return 0
    shells = [t for t in candidates if _holds_table(t) or _holds_body(t)]
    rest = [t for t in candidates if t not in shells]
    page_chars = chars(next(root.iter("body"), root)) if rest else 0
    if rest and TITLE_SHELLS:
        title = title_of(root)
        shells += [t for t in rest if _holds_title(t, title, page_chars)]
        rest = [t for t in rest if t not in shells]
    if rest and (MENU_SHELLS or ROW_SHELLS or CELL_SHELLS or SIZED_SHELLS or PROSE_CELLS):
        shells += [t for t in rest if _holds_menu_and_page(t, page_chars) or _holds_rows_and_page(t, page_chars)
                   or _holds_menu_cell_and_page(t, page_chars) or _holds_sized_columns_and_page(t, page_chars)
                   or _holds_prose_cell_and_page(t, page_chars)]
    layout: dict[int, Any] = {}
    for shell in shells:
        for table in shell.iter("table"):
            if id(table) not in layout and (table is shell or is_layout_table(table)):
                layout[id(table)] = table
    if LEFT_BARS and layout and len(candidates) > len(layout):
        layout.update((id(t), t) for t in left_bars(root, candidates, layout))
    if rest and MEDIA_ROWS:  # boxes, not shells: they do not make the page's other bars left bars
        layout.update((id(t), t) for t in rest if id(t) not in layout and _is_media_row(t))
    return _unwrap(list(layout.values()))


def left_bars(root, candidates: list, layout: dict) -> list:
    """The layout tables of ``candidates`` outside the shells (``layout``: id -> table) to unwrap with
    them, on a page with no ``<p>`` text; else ``[]``. There trafilatura's precision mode took the
    header and footer bars' rows over the story's ``<div>``s (a county news page of ``<br>``-parted
    paragraphs in its shell cell, its menu bar and copyright bar tables of their own), and the story
    was lost. A page with ``<p>`` text keeps them: trafilatura reads its paragraphs there (old8)."""
    if _P_TEXT(root):
        return []
    return [t for t in candidates if id(t) not in layout]


def unwrap_left_tables(root) -> int:
    """Turn every layout table of ``root`` (``is_layout_table``: a header bar's, a footer's, a
    comment's one-cell table left beside an unwrapped shell) into ``<div>``s; return how many. Its data
    tables stay. For ``brlines.wrap_br_divs``: a page with no ``<p>`` text whose story it gave a
    ``<p>`` would have those tables read as rows around the story. Changes the tree in place."""
    return _unwrap([t for t in root.iter("table") if is_layout_table(t)])


def _describes(summary: str | None) -> bool:
    """A table's ``summary`` says it holds data: any text, or with ``SUMMARY_WORDS`` words (a
    description, "Results of the 2026 harbour vote"), not a single token a template wrote as a key
    (Discuz!'s post tables: ``summary="pid401122"``)."""
    text = (summary or "").strip()
    return bool(text) and (not SUMMARY_WORDS or len(text.split()) > 1)


def _unwrap(tables: list) -> int:
    """Turn ``tables`` and their own tbody/tr/td into ``<div>``s (a tbody's tag is dropped); return how many."""
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


def _span(cell) -> int:
    """The columns a cell's ``colspan`` spans: its ASCII number, 1 when absent or no number."""
    span = ascii_int(cell.get("colspan"))
    return 1 if span is None else span
