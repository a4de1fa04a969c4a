"""Stage 2 guard: a story written as a description list with no terms is prose, not a list.

Some sites put each paragraph of a text in a ``<dd>`` of one ``<dl>`` with no ``<dt>`` (an old
library site's books, a CMS indenting its paragraphs so: bug16,
https://github.com/mozilla/readability/issues/465, "puts all its content into ``<dd>`` tags").
trafilatura reads each ``<dd>`` as a list item, so archiver wrote the story as ``- `` bullet
lines. A ``<dl>`` with no ``<dt>``, of ``MIN_ITEMS`` or more ``<dd>``s each reading as a sentence
paragraph (``MIN_WORDS`` words, a full stop at its end, under a quarter link text, no block inside)
becomes a ``<div>`` of ``<p>``s. A glossary (terms in ``<dt>``) or a list of short entries stays.
"""

from __future__ import annotations

from .guards import STRING as _STRING
from .lines import FULL_STOP_END

__all__ = ["PROSE_LISTS", "unlist_prose"]

PROSE_LISTS = True  # stage:prose-lists; False: such a list stays a list (ablation)
MIN_ITEMS = 2
MIN_WORDS = 8
MAX_LINK_SHARE = 0.25
_BLOCKS = frozenset("p div ul ol dl table blockquote pre section article h1 h2 h3 h4 h5 h6".split())


def _prose(dd) -> bool:
    text = " ".join(_STRING(dd).split())
    if len(text.split()) < MIN_WORDS or not FULL_STOP_END.search(text):
        return False
    if any(isinstance(el.tag, str) and el.tag in _BLOCKS for el in dd.iterdescendants()):
        return False
    links = sum(len(" ".join(_STRING(a).split())) for a in dd.iter("a"))
    return links <= MAX_LINK_SHARE * len(text)


def unlist_prose(tree) -> int:
    """Make ``<div>``s of ``<p>``s of the term-less description lists whose items are sentence paragraphs.

    ``tree`` is changed in place; returns how many lists were changed."""
    if not PROSE_LISTS:
        return 0
    changed = 0
    for dl in list(tree.iter("dl")):
        items = [el for el in dl if isinstance(el.tag, str)]
        if len(items) < MIN_ITEMS or any(el.tag != "dd" for el in items) or not all(_prose(el) for el in items):
            continue
        dl.tag = "div"
        for dd in items:
            dd.tag = "p"
        changed += 1
    return changed
