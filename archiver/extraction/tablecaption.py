"""A data table's ``<caption>``: the table's title, a line of its own before the table.

trafilatura reads a table's ``<caption>`` as its first row, one cell wide, and so writes it as
the table's header: ``| Gate repairs by year | |``, ``|---|---|``, and the real header row
becomes a body row under a second separator (archiver and bare trafilatura alike). Web clippers
and HTML-to-Markdown converters met the same markup and agreed on the reading: the caption
stands before the table as a line of text, the table keeps its own header
(https://github.com/laurent22/joplin/issues/5861, "CAPTION should be displayed before the
table"; https://github.com/microsoft/markitdown/issues/2536; https://github.com/stonehank/html-to-md/issues/71).

A ``<caption>`` with text, a child of a ``<table>``, becomes a ``<p>`` (its inline markup kept)
right before the table, before trafilatura runs. An empty caption is left where it is.
"""

from __future__ import annotations

__all__ = ["CAPTION_LINES", "lift_table_captions"]

CAPTION_LINES = True  # False: a caption stays the table's first row (ablation)


def lift_table_captions(tables: list) -> int:
    """Move each ``<table>``'s captions out before it as ``<p>``s; return how many moved."""
    if not CAPTION_LINES:
        return 0
    moved = 0
    for table in tables:
        if table.getparent() is None:
            continue
        for caption in table.findall("caption"):
            if not "".join(caption.itertext()).strip():
                continue
            tail = caption.tail
            caption.tail = None
            if tail and tail.strip():  # loose text after the caption stays in the table
                previous = caption.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + tail
                else:
                    table.text = (table.text or "") + tail
            caption.tag = "p"
            caption.attrib.clear()
            table.addprevious(caption)
            moved += 1
    return moved
