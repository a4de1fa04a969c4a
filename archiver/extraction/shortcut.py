"""Skip trafilatura's readability comparison on runs where it cannot change the result.

After its own extraction, trafilatura (unless ``fast``) runs readability-lxml on a
copy of the raw tree and takes readability's text instead only in the cases
``trafilatura.external._prefer_readability`` lists (trafilatura 2.3.1):

- its own text is empty;
- readability's text is over twice as long (and not JSON);
- readability's text is over ``2 * min_extracted_size`` and its own result has no
  paragraph text or more tables than paragraphs;
- in recall mode, two more cases.

Readability's text is made of the raw tree's text, so it is never longer than
that text with whitespace collapsed (checked on all 2,333 runs over the four
benchmark sets: at most 0.9993 of it). When trafilatura's own text is not empty,
has paragraph text and no more tables than paragraphs, and is at least half of
the raw tree's text, no case can hold: readability (and the pruning of its input
in precision mode) would run for nothing, on about 60% of runs (about a twentieth of
archiver's extraction time, measured with ``bench/extract_speed.py``). On those runs
readability is given an empty page instead, which it
reads as no text (and trafilatura's copy of the raw tree for it is not made);
everything after it (the justext check) runs as before, so the output is unchanged.

Only runs made with a :class:`Shortcut` extractor take the shortcut (archiver's own
runs, see ``article.py``); every other caller of trafilatura in the process runs
it unchanged. It is installed only on the trafilatura versions whose rules are
mirrored here (``TESTED_WITH``); on others trafilatura always runs readability.
"""

from __future__ import annotations

from copy import copy
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura import core
from trafilatura.settings import Extractor

__all__ = ["Shortcut", "install", "readability_cannot_win", "extract_and_compare", "TESTED_WITH"]

TESTED_WITH = ("2.3.1",)  # versions whose external._prefer_readability the rule above mirrors


class Shortcut(Extractor):
    """A trafilatura Extractor whose runs skip readability where it cannot win."""

    __slots__ = ()


_STRING = etree.XPath("string()", smart_strings=False)  # text_content() without the smart string's copy


def _text_len(tree: Any) -> int:
    """Characters of the tree's text with whitespace collapsed (as trafilatura's ``trim``)."""
    return len(" ".join(_STRING(tree).split()))


def readability_cannot_win(raw_tree: Any, body: Any, text: str, options: Extractor) -> bool:
    """True when readability's reading of ``raw_tree`` could not replace ``text`` (the run's
    own text, ``body`` its element) under trafilatura 2.3.1's rules (see the module's text)."""
    if options.focus == "recall" or not text:
        return False
    if not body.xpath(".//p//text()") or len(body.findall(".//table")) > len(body.findall(".//p")):
        return False
    return 2 * len(text) >= _text_len(raw_tree)


_original = core._extract_and_compare


def _empty_page() -> Any:
    return lxml_html.document_fromstring("<html><body></body></html>")


def extract_and_compare(cleaned_tree: Any, cleaned_tree_backup: Any, tree: Any, options: Extractor) -> Any:
    """``trafilatura.core._extract_and_compare`` (its main extractor, then the comparison with
    readability and justext unless ``fast``), with an empty page for readability where it cannot
    win, and then no copy of ``tree`` for it (:class:`Shortcut` runs only). Same arguments and
    result: the body element and its text."""
    if not isinstance(options, Shortcut):
        return _original(cleaned_tree, cleaned_tree_backup, tree, options)
    body, text = core.extract_content(cleaned_tree, options)
    if not options.fast:
        raw = _empty_page() if readability_cannot_win(tree, body, text, options) else copy(tree)
        body, text = core.compare_extraction(cleaned_tree_backup, raw, body, text, options)
    return body, text


def install() -> bool:
    """Put :func:`extract_and_compare` in trafilatura's pipeline (idempotent). Returns whether it
    is in place: False on a trafilatura version not in ``TESTED_WITH`` or without that step."""
    if trafilatura.__version__ not in TESTED_WITH:
        return False
    current = getattr(core, "_extract_and_compare", None)
    if current is extract_and_compare:
        return True
    if current is not _original or not hasattr(core, "compare_extraction"):
        return False  # someone else's wrapper: leave it alone
    core._extract_and_compare = extract_and_compare
    return True
