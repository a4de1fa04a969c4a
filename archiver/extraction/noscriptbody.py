"""The later paragraphs of a body loaded by script, written for readers without scripts in ``<noscript>``.

A page that loads the rest of a long article as the reader scrolls puts a placeholder ("Loading...")
where the rest goes and the paragraphs themselves in a ``<noscript>`` beside it, for readers (and
crawlers) without scripts. trafilatura drops ``<noscript>`` with everything in it, so the article
ends where the script would have started. ``reveal_noscript_body`` turns such a ``<noscript>``
into a plain ``<div>`` when:

- it holds at least ``MIN_PARAGRAPHS`` paragraphs that read as sentences (``<p>`` of ``MIN_WORDS``
  words with closing punctuation) and no form control;
- the body runs on into it: the nearest element before it that is not a placeholder (no
  paragraph, at most ``MAX_PLACEHOLDER_WORDS`` words: a spinner's "Loading...", an empty box) is a
  sentence paragraph, or a visible block whose last paragraph is one;
- its first sentence paragraph is not one the page shows already (a whole no-script copy of the
  page, or of a body shown above, is no continuation);
- it lies in no landmark that is not the body (``nav``, ``aside``, ``footer``, ``header``,
  ``form``, ``dialog``) and in no hidden element.

A ``<noscript>`` holding an image, a tracking pixel or an "enable JavaScript" line does not pass.
Looks at shape and position only, never at names.
"""

from __future__ import annotations

from .continuation import _AWAY, _ends_body, _hidden, body_paragraphs
from .lines import text_of as _text

__all__ = ["reveal_noscript_body", "MAX_PLACEHOLDER_WORDS"]

MAX_PLACEHOLDER_WORDS = 5
_SKIPPED = frozenset(("script", "style", "template", "noscript", "link", "meta"))


def _placeholder(el) -> bool:
    return el.tag in _SKIPPED or (el.find(".//p") is None and len(_text(el).split()) <= MAX_PLACEHOLDER_WORDS)


def _body_before(el) -> bool:
    sib = el.getprevious()
    while sib is not None and (not isinstance(sib.tag, str) or _placeholder(sib)):
        sib = sib.getprevious()
    return sib is not None and _ends_body(sib)


def reveal_noscript_body(root) -> int:
    """Make a ``<div>`` of each ``<noscript>`` that continues the body (see the module docstring).

    ``root``: the parsed page (lxml), changed in place. Returns how many were turned.
    """
    found = [ns for ns in root.iter("noscript") if ns.find(".//p") is not None]
    if not found:
        return 0
    shown = None  # the texts of the page's paragraphs outside any <noscript>, built once when needed
    turned = 0
    for ns in found:
        paras = body_paragraphs(ns)
        if not paras:
            continue
        if any(_hidden(a) or a.tag in _AWAY or a.tag == "noscript" or a.tag == "head" for a in ns.iterancestors()):
            continue
        if not _body_before(ns):
            continue
        if shown is None:
            shown = {_text(p) for p in root.iter("p") if not any(a.tag == "noscript" for a in p.iterancestors())}
        if _text(paras[0]) in shown:
            continue
        ns.tag = "div"
        turned += 1
    return turned
