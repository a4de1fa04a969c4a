"""trafilatura's link-density test with lxml's C walks, on archiver's own runs.

``htmlprocessing.delete_by_link_density`` (trafilatura 2.3.1) calls ``link_density_test``
on every ``<div>``, list and ``<p>`` of the cleaned tree, twice over, then on the headings
and quotes in precision mode: about 70 elements a page, six passes. The test starts with
``element.findall(".//ref")`` and ``element.find(".//graphic")``, which lxml answers with
its ElementPath module, in Python. :func:`link_density_test` is the same function with
those two read by ``element.iter`` in C: the same elements in the same (document) order
(``.//x`` is every descendant named ``x``; the tested element itself is a ``div``, list,
``p``, heading or quote, never a ``ref`` or a ``graphic``, and is left out all the same).
About 15% of the link-density passes (0.14 ms a page over the 1,171 speed pages, outputs
identical on all 2,136 benchmark pages). The element's own text is trimmed as ``trim`` does
(``" ".join(text.split())``: its ``.strip()`` finds nothing left to strip) without going
through ``trim``'s ``lru_cache``, which hashes every new string in full and keeps the long
texts of containers that never come again (speed3: about 0.3% of extraction time). A text over
``_SMALL`` characters is not collapsed at all when bounds settle the tests (``LAZY_TEXT``, speed34):
the raw text is never shorter, and a prefix's collapsed text never longer, than the collapsed
text; the same answers on all 49,230 calls over the 1,171 speed pages, 0.47 -> 0.32 ms a page.

Like ``xpaths.py`` it is taken only inside ``xpaths.active()`` (``article.py``'s runs) and
only on the trafilatura versions it mirrors (``TESTED_WITH``): bare trafilatura in the same
process runs its own test.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from trafilatura import htmlprocessing
from trafilatura.utils import LINK_FARM_RATIO, trim

from . import xpaths
from .inplace import put

__all__ = ["link_density_test", "install", "TESTED_WITH"]

TESTED_WITH = ("2.3.1",)  # versions whose htmlprocessing.link_density_test this mirrors

_original = htmlprocessing.link_density_test


def _descendants(element: Any, tag: str) -> list:
    """``element.findall(".//" + tag)``: its descendants with that tag, in document order."""
    return [el for el in element.iter(tag) if el is not element]


def link_density_test(element: Any, favor_precision: bool = False) -> tuple[bool, bool]:
    """``trafilatura.htmlprocessing.link_density_test`` (same arguments and result: whether
    ``element`` is boilerplate by its links, and whether it is short with links); inside
    ``xpaths.active()`` its descendants read with ``iter`` (the module's text)."""
    if not xpaths.is_active():
        return _original(element, favor_precision)
    links_xpath = _descendants(element, "ref")
    if not links_xpath:
        return False, False
    # preserve image containers
    if next((el for el in element.iter("graphic") if el is not element), None) is not None:
        return False, False
    raw = element.text_content()
    # trim()'s result, without its cache (see above); made only when its length is not told by bounds
    text = " ".join(raw.split()) if len(raw) <= _SMALL or not LAZY_TEXT else None
    # shortcut
    if len(links_xpath) == 1:
        len_threshold = 10 if favor_precision else 100
        link_text = trim(links_xpath[0].text_content())
        if len(link_text) > len_threshold:
            if text is None:
                text = " ".join(raw.split())
            if len(link_text) > len(text) * 0.9:
                return True, False
    if element.tag == "p":
        limitlen = 60 if element.getnext() is None else 30
    elif element.getnext() is None:
        limitlen = 300
    else:
        limitlen = 100
    if text is None and _collapsed_len(raw, 4 * limitlen) < limitlen:
        text = " ".join(raw.split())  # a prefix left it open
    if text is not None and len(text) < limitlen:
        elemlen = len(text)
        linklen, elemnum, shortelems, _ = htmlprocessing.collect_link_info(links_xpath)
        if elemnum == 0:
            return True, False
        boiler = linklen > elemlen * 0.8 or (elemnum > 1 and shortelems / elemnum > 0.8)
        return boiler, boiler or not (PROSE_GUARD and _prose(element, text, linklen))
    # large near-total-link farms
    if len(links_xpath) > 4:
        linklen, elemnum, _, _ = htmlprocessing.collect_link_info(links_xpath)
        if text is not None:
            farm = linklen > len(text) * LINK_FARM_RATIO
        elif linklen > len(raw) * LINK_FARM_RATIO:  # the text is no longer than ``raw``
            farm = True
        elif linklen <= _collapsed_len(raw, 2 * linklen + 64) * LINK_FARM_RATIO:  # nor shorter than a prefix's
            farm = False
        else:
            farm = linklen > len(" ".join(raw.split())) * LINK_FARM_RATIO
        if farm and linklen < 100 * elemnum and not htmlprocessing.is_paragraph_listing(links_xpath):
            return True, False
    return False, False


# True: a long element's text is collapsed only when bounds leave its length open (speed only)
LAZY_TEXT = True
_SMALL = 256  # characters of text collapsed at once: bounds would cost as much


def _collapsed_len(raw: str, chars: int) -> int:
    """A lower bound of ``len(" ".join(raw.split()))``: that length for the first ``chars`` characters.
    The words of a prefix are the text's first words, the last one perhaps cut, so their collapsed
    length is never more than the whole text's."""
    return len(" ".join(raw[:chars].split()))


PROSE_GUARD = True


_NOTE_NAMED = etree.XPath("ancestor-or-self::*[position() <= 3][contains(@class, 'footnote') or "
                         "contains(@class, 'endnote') or contains(@id, 'footnote') or contains(@id, 'endnote')]")


def _prose(element: Any, text: str, linklen: int) -> bool:
    """Whether a short ``<div>`` holding links is a footnote's text: named footnote or endnote
    (itself or one of its two parents), a sentence of 8 words or more ending in . ! ? (or a
    closing quote after one), links under half of it. Precision mode's backtracking deletes
    short linked ``<div>``s whole, and with them every note that cites its source by a link
    (Substack's ``div.footnote > div.footnote-content``)."""
    if element.tag != "div" or linklen * 2 > len(text) or len(text.split()) < 8:
        return False
    return text.rstrip("\"”’)»")[-1:] in ".!?…" and bool(_NOTE_NAMED(element))


def install() -> bool:
    """Put :func:`link_density_test` in trafilatura's ``htmlprocessing`` (idempotent). Returns
    whether it is in place: False on a trafilatura version not in ``TESTED_WITH``, or when the
    module holds someone else's wrapper."""
    return put(htmlprocessing, "link_density_test", link_density_test, _original, TESTED_WITH)
