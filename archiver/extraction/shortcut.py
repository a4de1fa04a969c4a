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

In precision mode ``compare_extraction`` first prunes readability's copy with
``OVERALL_DISCARD_XPATH`` (share, nav, footer ... class words): readability reads only
that pruned copy, so its text is the tighter bound. When the raw tree's text leaves the
question open, the copy is pruned here and measured (``PRUNED_BOUND``), and readability is
skipped when the pruned text is at most twice the run's own; otherwise the pruned copy goes
to ``compare_extraction`` with its own prune skipped (``xpaths.pruned``), so readability
reads what it read before. On the 1,171 speed pages this skips 190 of the 630 readability
runs left (0.2 ms a page).

Only runs made with a :class:`Shortcut` extractor take the shortcut (archiver's own
runs, see ``article.py``); every other caller of trafilatura in the process runs
it unchanged. It is installed only on the trafilatura versions whose rules are
mirrored here (``TESTED_WITH``); on others trafilatura always runs readability.

On the same runs the cleaned tree's second copy is made only when it is used. trafilatura's
``_prepare_tree`` cleans a copy of the raw tree, copies the cleaned tree for justext, then
converts its tags; justext runs (``compare_extraction``) only when the extracted text is short
or unclean, on about one run in twenty. :func:`prepare_tree` returns a :class:`_Backup` in the
copy's place, which :func:`justext_rescue` turns into the tree the copy would have been by
cleaning a copy of the raw tree again (``tree_cleaning`` depends on the tree and the options
only, and nothing changes the raw tree between the two: readability reads a copy of it). The
copy and its freeing were about 1% of archiver's extraction time.
"""

from __future__ import annotations

from copy import copy
from typing import Any

import trafilatura
from lxml import html as lxml_html
from trafilatura import core, external
from trafilatura.settings import Extractor

from . import rerun, wildbackup, xpaths
from .guards import STRING as _STRING

__all__ = ["Shortcut", "install", "readability_cannot_win", "extract_and_compare", "prepare_tree", "justext_rescue",
           "TESTED_WITH"]

TESTED_WITH = ("2.3.1",)  # versions whose external._prefer_readability the rule above mirrors
PRUNED_BOUND = True  # False: in precision mode the bound is the raw tree's text only, not its pruned copy's


class Shortcut(Extractor):
    """A trafilatura Extractor whose runs skip readability where it cannot win. ``page``: the tree
    ``bare_extraction`` was given (archiver's, left unchanged: it copies it), when the caller sets it."""

    __slots__ = ("page",)
    page: Any


# In precision mode the raw tree is read by nothing after the comparison (trafilatura's baseline
# and recall escalation are for the other modes), so readability takes it itself instead of a copy;
# justext, when it runs after readability, has its input made again from ``page`` (``_Backup``).
# False: readability reads a copy, as trafilatura gives it (speed only: the same result either way).
RAW_TO_READABILITY = True


RAW_BOUND = True  # False: the tree's text is always collapsed before comparing


def _text_len(tree: Any) -> int:
    """Characters of the tree's text with whitespace collapsed (as trafilatura's ``trim``)."""
    return len(" ".join(_STRING(tree).split()))


def _half_of(text: str, tree: Any) -> bool:
    """``2 * len(text) >= _text_len(tree)``. Collapsing whitespace never lengthens the tree's
    text (each run of it becomes at most one space), so when ``text`` is half the raw text
    the split is spared: about a third of the calls on the speed pages."""
    raw = _STRING(tree)
    if RAW_BOUND and 2 * len(text) >= len(raw):
        return True
    limit = 2 * len(text)
    # a prefix's words collapsed are never longer than the whole text's: when they already pass the
    # limit the answer is no, with no split of the page (half of the calls left; speed34)
    if RAW_BOUND and len(" ".join(raw[:2 * limit + 64].split())) > limit:
        return False
    return limit >= len(" ".join(raw.split()))


def _own_text_sound(body: Any, text: str, options: Extractor) -> bool:
    """The run's own text (``body`` its element) is not empty, has paragraph text and no more
    tables than paragraphs, and the run is not in recall mode: only a readability text over
    twice as long could replace it (see the module's text)."""
    if options.focus == "recall" or not text:
        return False
    # no text node inside a <p> (trafilatura's ``.//p//text()``, here stopping at the first found:
    # libxml2 merges that union per <p>, 0.8 s on a page of 25,000), or more tables than <p>s
    return any(next(p.itertext(), None) is not None for p in body.iterdescendants("p")) \
        and len(body.findall(".//table")) <= len(body.findall(".//p"))


def readability_cannot_win(raw_tree: Any, body: Any, text: str, options: Extractor) -> bool:
    """True when readability's reading of ``raw_tree`` could not replace ``text`` (the run's
    own text, ``body`` its element) under trafilatura 2.3.1's rules (see the module's text)."""
    return _own_text_sound(body, text, options) and _half_of(text, raw_tree)


_original = core._extract_and_compare


def _empty_page() -> Any:
    return lxml_html.document_fromstring("<html><body></body></html>")


def extract_and_compare(cleaned_tree: Any, cleaned_tree_backup: Any, tree: Any, options: Extractor) -> Any:
    """``trafilatura.core._extract_and_compare`` (its main extractor, then the comparison with
    readability and justext unless ``fast``), with an empty page for readability where it cannot
    win, and then no copy of ``tree`` for it (:class:`Shortcut` runs only). Same arguments and
    result: the body element and its text. The result's length is registered for the escalation
    check that follows in a balanced run (``rerun.measured``)."""
    if not isinstance(options, Shortcut):
        return _original(cleaned_tree, cleaned_tree_backup, tree, options)
    body, text = _compare(cleaned_tree, cleaned_tree_backup, tree, options)
    rerun.measured(tree, len(text), options)
    return body, text


def _compare(cleaned_tree: Any, cleaned_tree_backup: Any, tree: Any, options: Extractor) -> Any:
    body, text = wildbackup.extract_content(cleaned_tree, tree, options)  # its backup made only if read
    if options.fast:
        return body, text
    sound = _own_text_sound(body, text, options)
    if sound and _half_of(text, tree):
        return core.compare_extraction(cleaned_tree_backup, _empty_page(), body, text, options)
    raw = _for_readability(tree, cleaned_tree_backup, options)
    if not sound or options.focus != "precision" or not PRUNED_BOUND:
        return core.compare_extraction(cleaned_tree_backup, raw, body, text, options)
    # precision mode: compare_extraction first prunes readability's copy with OVERALL_DISCARD_XPATH;
    # pruned here, its text is a tighter bound (readability reads only that copy)
    discard = external.OVERALL_DISCARD_XPATH
    raw = external.prune_unwanted_nodes(raw, discard)
    if _half_of(text, raw):
        return core.compare_extraction(cleaned_tree_backup, _empty_page(), body, text, options)
    with xpaths.pruned(raw, discard):  # compare_extraction's own prune: done above
        return core.compare_extraction(cleaned_tree_backup, raw, body, text, options)


def _for_readability(tree: Any, backup: Any, options: Extractor) -> Any:
    """The raw tree for readability (which changes it): ``tree`` itself on a precision run whose raw tree
    nothing reads after (see ``RAW_TO_READABILITY``; the backup then makes justext's input from the
    page again), else a copy."""
    page = getattr(options, "page", None)
    if RAW_TO_READABILITY and options.focus == "precision" and page is not None and isinstance(backup, _Backup) \
            and backup.tree is tree:
        backup.tree = None  # given away: made again from the page if justext runs
        backup.page = page
        return tree
    if options.focus != "precision":  # readability reads it as it is: its summary kept (rerun.given)
        return rerun.given(tree, lambda: copy(tree))
    return copy(tree)


def _raw_tree(page: Any, options: Extractor) -> Any:
    """The raw tree ``trafilatura_sequence`` makes of ``bare_extraction``'s copy of ``page``: pruned of
    ``RAW_TREE_PRUNE_XPATH`` and, comments off, of ``REMOVE_COMMENTS_AND_LISTS_XPATH`` (in precision mode,
    or on a page not a forum thread). Both prunes read the tree only, so this is that tree again."""
    tree = core.prune_unwanted_nodes(copy(page), core.RAW_TREE_PRUNE_XPATH)
    if not options.comments and (options.focus == "precision" or not core._forum_thread_page(page)):
        tree = core.prune_unwanted_nodes(tree, core.REMOVE_COMMENTS_AND_LISTS_XPATH)
    return tree


class _Backup:
    """The cleaned, unconverted copy of ``tree`` that ``_prepare_tree`` makes for justext, not yet made.
    When readability was given ``tree`` (``tree`` None), the raw tree is made again from ``page``."""

    __slots__ = ("tree", "options", "page")

    def __init__(self, tree: Any, options: Extractor) -> None:
        self.tree, self.options, self.page = tree, options, None

    def make(self) -> Any:
        if self.tree is None:
            return core.tree_cleaning(_raw_tree(self.page, self.options), self.options)
        return core.tree_cleaning(copy(self.tree), self.options)


_original_prepare = core._prepare_tree
_original_rescue = external.justext_rescue


def prepare_tree(tree: Any, options: Extractor, url: str | None) -> tuple[Any, Any]:
    """``trafilatura.core._prepare_tree`` (the cleaned and converted tree, and the cleaned one
    before conversion for justext); for :class:`Shortcut` runs without comments the second is a
    :class:`_Backup`, made by :func:`justext_rescue` only if justext runs. (With comments
    trafilatura itself may copy it.)"""
    if not isinstance(options, Shortcut) or options.comments:
        return _original_prepare(tree, options, url)
    return core.convert_tags(core.tree_cleaning(copy(tree), options), options, url), _Backup(tree, options)


def justext_rescue(tree: Any, options: Extractor) -> tuple[Any, str]:
    """``trafilatura.external.justext_rescue`` (same arguments and result), making a
    :class:`_Backup` first."""
    if isinstance(tree, _Backup):
        tree = tree.make()
    return _original_rescue(tree, options)


def install() -> bool:
    """Put :func:`extract_and_compare` in trafilatura's pipeline (idempotent), and
    :func:`prepare_tree` with :func:`justext_rescue` unless someone else's wrappers hold those
    places. Returns whether the first is in place: False on a trafilatura version not in
    ``TESTED_WITH`` or without that step."""
    if trafilatura.__version__ not in TESTED_WITH:
        return False
    current = getattr(core, "_extract_and_compare", None)
    if current is not extract_and_compare:
        if current is not _original or not hasattr(core, "compare_extraction"):
            return False  # someone else's wrapper: leave it alone
        core._extract_and_compare = extract_and_compare
    if getattr(core, "_prepare_tree", None) is _original_prepare \
            and getattr(external, "justext_rescue", None) is _original_rescue:
        external.justext_rescue = justext_rescue
        core._prepare_tree = prepare_tree
    rerun.install()
    return True
