"""Two pieces of a default-mode trafilatura run that it computes for nothing, skipped exactly.

archiver's precision runs fall back to a default-mode run when their text looks lost
(``article.run_trafilatura``): about one page in nine, each run about 13 ms, 6% of the
pipeline (speed37). Inside that run, trafilatura 2.3.1's ``trafilatura_sequence`` (comments
off, so its raw tree ``T`` is also the recall escalation's input ``esc_tree``):

1. **readability read twice.** The main comparison (``compare_extraction``, balanced) runs
   readability on ``copy(T)``; when the text is short, the recall escalation's retry
   (``_recall_retry``) runs the comparison again with ``copy(T)``, and readability reads the
   same tree again (nothing changes ``T`` in between: ``baseline``, ``html2txt``, the retry's
   ``_prepare_tree`` and the justext candidate all read copies). readability's ``summary()``
   depends on its input tree only (``min_text_length`` is the same constant both times), so its
   second reading is the first one's: :func:`readability_document` hands trafilatura's
   ``try_readability`` the summary kept from the first (9 of the 49 default runs on the 431 speed
   pages; 1-13 ms each), and no copy of ``T`` is made for it.

2. **the escalation's page measure.** The escalation runs when
   ``0 < len(temp_text) < ESCALATION_MAX_LENGTH and len(temp_text) < ESCALATION_PAGE_SHARE *
   len(html2txt(tree))`` (``core.py``; ``html2txt`` is called nowhere else in ``core``, and its
   result is read by that ``len()`` only). ``html2txt`` copies the tree, deletes
   ``BASIC_CLEAN_XPATH`` from the copy's ``<body>``, puts a space before the text and the tail of
   each block element (``baseline._BLOCK_ELEMS``) and collapses the whitespace of the body's text:
   about 0.9 ms. Deleting a part of a text never lengthens it once collapsed (no new word, no new
   character), and each space put in adds at most one character, so its length is at most the
   body's text collapsed plus two per block element in it (:func:`page_bound`, about 0.1 ms).
   When ``len(temp_text)`` is at least ``ESCALATION_PAGE_SHARE`` of that bound the escalation
   cannot run, and :func:`html2txt` returns a stand-in of the bound's length (white space) for
   that ``len()`` instead of the text (30 of the 46 measures on the speed pages).

Both are taken only on :class:`~.shortcut.Shortcut` runs (archiver's own), which register their
tree here from ``shortcut.extract_and_compare``; every other caller gets trafilatura's own
functions. ``bench/RESULTS.md`` (speed38) has the measurements.
"""

from __future__ import annotations

from typing import Any

from trafilatura import core, external

from .guards import STRING as _STRING

try:  # private: a trafilatura without it must still import archiver (install() runs on checked versions only)
    from trafilatura.baseline import _BLOCK_ELEMS
except ImportError:  # pragma: no cover - not on the versions checked
    _BLOCK_ELEMS = set()

__all__ = ["READ_ONCE", "BOUND_ESCALATION", "readability_document", "html2txt", "page_bound", "given",
           "measured", "forget", "install"]

READ_ONCE = True  # False: readability reads the escalation's tree again (speed only: the same summary)
BOUND_ESCALATION = True  # False: the escalation's page measure is always html2txt's text (speed only)

_original_document = external.ReadabilityDocument
_original_html2txt = core.html2txt
_BLOCKS = tuple(sorted(_BLOCK_ELEMS))


class _Read:
    """What readability read last on a registered tree: ``tree`` (``T``), ``given`` (the tree
    handed to ``try_readability`` for it) and ``summary`` (its ``summary()``, once made)."""

    __slots__ = ("tree", "given", "summary")

    def __init__(self) -> None:
        self.tree: Any = None
        self.given: Any = None
        self.summary: str | None = None


class _Measure:
    """The escalation check to come: ``tree`` (``T``) and ``length`` (``len(temp_text)``)."""

    __slots__ = ("tree", "length")

    def __init__(self) -> None:
        self.tree: Any = None
        self.length = 0


_read = _Read()
_measure = _Measure()


def forget() -> None:
    """Drop the trees held for the run just ended (called after each of archiver's runs)."""
    _read.tree = _read.given = _read.summary = None
    _measure.tree = None


def given(tree: Any, copy_of: Any) -> Any:
    """The tree to hand readability for ``tree`` (``T``) in a balanced or recall comparison:
    ``tree`` itself when its summary is kept (readability will not read it), else ``copy_of()``,
    registered so that its summary is kept."""
    if READ_ONCE and _read.tree is tree and _read.summary is not None:
        _read.given = tree
        return tree
    made = copy_of()
    if READ_ONCE:
        _read.tree, _read.given, _read.summary = tree, made, None
    return made


class _Kept:
    """A readability Document whose summary was kept: ``summary()`` returns it."""

    __slots__ = ("_summary",)

    def __init__(self, summary: str) -> None:
        self._summary = summary

    def summary(self) -> str:
        return self._summary


class _Keeping:
    """readability's Document for a registered tree, keeping its summary."""

    __slots__ = ("_doc",)

    def __init__(self, doc: Any) -> None:
        self._doc = doc

    def summary(self, *args: Any, **kwargs: Any) -> str:
        made = self._doc.summary(*args, **kwargs)
        if not args and not kwargs and _read.given is not None:
            _read.summary = made
        return made


def readability_document(htmlinput: Any, *args: Any, **kwargs: Any) -> Any:
    """``trafilatura.external.ReadabilityDocument`` as ``try_readability`` calls it: trafilatura's
    own, except for the tree :func:`given` registered, whose summary is kept and given again."""
    if htmlinput is None or htmlinput is not _read.given:
        return _original_document(htmlinput, *args, **kwargs)
    if _read.summary is not None and htmlinput is _read.tree:
        return _Kept(_read.summary)
    return _Keeping(_original_document(htmlinput, *args, **kwargs))


def measured(tree: Any, length: int, options: Any) -> None:
    """Register a balanced run's comparison result: ``length`` characters of text on raw tree
    ``tree``. Only a length of at least ``min_extracted_size`` is kept: under it, trafilatura's
    baseline may replace the text before the escalation check."""
    if BOUND_ESCALATION and options.focus == "balanced" and length >= options.min_extracted_size:
        _measure.tree, _measure.length = tree, length
    else:
        _measure.tree = None


def page_bound(tree: Any) -> int:
    """An upper bound on ``len(trafilatura.html2txt(tree))`` (see the module's text): the
    characters of the ``<body>``'s text collapsed, plus two per block element in it."""
    body = tree.find(".//body")
    if body is None:
        body = tree
    text = _STRING(body)
    blocks = sum(1 for _ in body.iter(*_BLOCKS))
    return len(" ".join(text.split())) + 2 * blocks


def html2txt(content: Any, clean: bool = True) -> str:
    """``trafilatura.baseline.html2txt`` as ``core.trafilatura_sequence`` calls it for the escalation
    check; for the tree :func:`measured` registered, white space of :func:`page_bound`'s length
    when that decides the check (no escalation), else the text."""
    tree, length = _measure.tree, _measure.length
    _measure.tree = None
    if tree is None or content is not tree or not clean:
        return _original_html2txt(content, clean)
    bound = page_bound(tree)
    if length >= core.ESCALATION_PAGE_SHARE * bound:
        return " " * bound  # read by len() only: the escalation cannot run
    return _original_html2txt(content, clean)


def install() -> bool:
    """Put :func:`readability_document` and :func:`html2txt` in trafilatura's ``external`` and
    ``core`` (idempotent); leave someone else's wrappers alone. Returns whether both are in place.
    Called by ``shortcut.install`` on the trafilatura versions it was checked with."""
    if getattr(external, "ReadabilityDocument", None) is _original_document:
        external.ReadabilityDocument = readability_document  # type: ignore[misc, assignment]
    if getattr(core, "html2txt", None) is _original_html2txt:
        core.html2txt = html2txt
    return external.ReadabilityDocument is readability_document and core.html2txt is html2txt
