"""justext's stop words with their hash kept, on archiver's own runs.

trafilatura's justext fallback (``external.try_justext``, trafilatura 2.3.1) hands justext
``JT_STOPLIST``, the words of all of justext's stoplists as one tuple (154,484 words), and
justext's ``classify_paragraphs`` turns it into a set through ``define_stoplist``, an
``lru_cache`` keyed by that tuple. The cache answers, but finding the entry hashes the
whole tuple first, every call (Python keeps no hash of a tuple): about 12 ms a justext run,
the better part of one. justext runs on about one page in forty (the precision fallback's
default runs, short or unclean extractions), about 0.3 ms a page over the speed pages.

:func:`try_justext` runs trafilatura's own with ``JT_STOPLIST`` for the time of the call
as a :class:`Stoplist`: the same words in the same order, equal to the tuple, whose hash is
computed once. ``define_stoplist`` then finds its entry at once and returns the same set,
so the output is unchanged. Like ``linkdensity.py`` it is taken only inside
``xpaths.active()`` (``article.py``'s runs) and on the trafilatura versions it was checked
with (``TESTED_WITH``); bare trafilatura in the same process hashes its tuple as before.

For the same calls justext's paragraphs are :class:`OncePara` objects (``TEXT_ONCE``): justext 3.0.2's
``Paragraph.text`` joins the paragraph's text nodes and collapses their white space (a regex
calling back into Python at each run of it) every time it is read, seven or eight times a
paragraph in ``classify_paragraphs``, ``revise_paragraph_classification`` and trafilatura's
``try_justext``. Its text depends on ``text_nodes`` only, a list justext only appends to
(``append_text``), so it is kept with the list's length and made again when that changes:
the same string. justext's runs about 30% faster (7.0 -> 4.9 ms a run on the default runs'
escalation inputs, speed38); ``justext.core.Paragraph`` is swapped for the call only, on the
justext versions checked (``JUSTEXT_TESTED_WITH``).
"""

from __future__ import annotations

from typing import Any

import justext  # type: ignore[import-untyped]
from justext import core as justext_core
from justext.paragraph import Paragraph  # type: ignore[import-untyped]
from justext.utils import normalize_whitespace  # type: ignore[import-untyped]
from trafilatura import external

from . import xpaths
from .inplace import put

__all__ = ["Stoplist", "OncePara", "try_justext", "install", "TESTED_WITH", "TEXT_ONCE", "JUSTEXT_TESTED_WITH"]

TESTED_WITH = ("2.3.1",)  # versions whose external.try_justext reads the module's JT_STOPLIST
JUSTEXT_TESTED_WITH = ("3.0.2",)  # versions whose Paragraph.text is made of text_nodes only, appended to only
TEXT_ONCE = True  # False: justext's paragraphs make their text again at each reading (speed only)


class OncePara(Paragraph):
    """justext's ``Paragraph`` whose ``text`` is made once for each length of ``text_nodes``."""

    def __init__(self, path: Any) -> None:
        super().__init__(path)
        self._made = -1
        self._text = ""

    @property
    def text(self) -> str:
        nodes = self.text_nodes
        if self._made != len(nodes):
            self._text = normalize_whitespace("".join(nodes).strip())  # Paragraph.text's own making
            self._made = len(nodes)
        return self._text


def _swap_paragraphs() -> bool:
    """Whether justext's paragraph maker may be given :class:`OncePara` for this call."""
    return TEXT_ONCE and getattr(justext, "__version__", None) in JUSTEXT_TESTED_WITH \
        and justext_core.Paragraph is Paragraph

_original = external.try_justext


class Stoplist(tuple):
    """A tuple whose hash is computed once (a tuple's hash is recomputed on every call)."""

    def __init__(self, words: Any) -> None:
        super().__init__()
        self._hash = tuple.__hash__(self)

    def __hash__(self) -> int:
        return self._hash


_held: list[tuple[tuple, Stoplist]] = []  # (trafilatura's tuple, its Stoplist): the last one made


def _stoplist(words: tuple) -> Stoplist:
    if _held and _held[0][0] is words:
        return _held[0][1]
    made = Stoplist(words)
    _held[:] = [(words, made)]
    return made


def try_justext(tree: Any, url: str | None, target_language: str | None) -> Any:
    """``trafilatura.external.try_justext`` (same arguments and result); inside
    ``xpaths.active()`` with ``JT_STOPLIST`` as a :class:`Stoplist` and justext's paragraphs
    as :class:`OncePara` objects for the call."""
    if not xpaths.is_active():
        return _original(tree, url, target_language)
    words = external.JT_STOPLIST or external.jt_stoplist_init()
    external.JT_STOPLIST = _stoplist(words)  # type: ignore[assignment]  # trafilatura types it None
    swap = _swap_paragraphs()
    if swap:
        justext_core.Paragraph = OncePara
    try:
        return _original(tree, url, target_language)
    finally:
        external.JT_STOPLIST = words  # type: ignore[assignment]
        if swap:
            justext_core.Paragraph = Paragraph


def install() -> bool:
    """Put :func:`try_justext` in trafilatura's ``external`` (idempotent). Returns whether it
    is in place: False on a trafilatura version not in ``TESTED_WITH``, or when the module
    holds someone else's wrapper."""
    return put(external, "try_justext", try_justext, _original, TESTED_WITH, ready=hasattr(external, "JT_STOPLIST"))
