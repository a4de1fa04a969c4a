"""Stage: the obsolete ``<center>`` element read as the block it is.

HTML's rendering section draws ``<center>`` as a ``<div>`` with its text centred; old pages and
mail templates still write a paragraph, a heading line or a whole table in one. trafilatura has no
reading for the tag: a ``<center>`` of text between a body's ``<p>``s comes out as nothing at all,
and a ``<center>`` an editor (or a mail template) put between a ``<table>`` and its rows
(``<table><center><tbody>..``, which lxml's parser keeps where it stands) took the table with it,
every row lost (an HTML-to-text converter that "stops traversing the tree" at the tag:
https://github.com/html-to-text/node-html-to-text/issues/54; jsoup, which had no block reading for
it either, glued two ``<center>`` lines into one word: https://github.com/jhy/jsoup/pull/1113).

``read_centers``: a ``<center>`` that is a child of a table's structure (``<table>``, ``<thead>``,
``<tbody>``, ``<tfoot>``, ``<tr>``) is unwrapped, its rows the table's again; every other one becomes
the ``<div>`` it is drawn as, which the later stages read as any ``<div>`` (a one-line ``<div>``
between paragraphs is a paragraph: ``repair.promote_div_lines``). Switch ``CENTER_BLOCKS``
(ablation ``stage:center-blocks``).
"""

from __future__ import annotations

__all__ = ["CENTER_BLOCKS", "read_centers"]

CENTER_BLOCKS = True  # False: a <center>'s text and a table's rows behind one go as trafilatura leaves them (ablation)
_TABLE_PARTS = frozenset(("table", "thead", "tbody", "tfoot", "tr"))


def read_centers(root) -> int:
    """Unwrap each ``<center>`` of ``root`` inside a table's structure and make each other one a
    ``<div>``; return how many were changed. Changes the tree in place."""
    if not CENTER_BLOCKS:
        return 0
    done = 0
    for el in list(root.iter("center")):
        parent = el.getparent()
        if parent is None:
            continue
        if parent.tag in _TABLE_PARTS:
            el.drop_tag()
        else:
            el.tag = "div"
        done += 1
    return done
