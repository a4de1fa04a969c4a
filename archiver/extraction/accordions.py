"""Stage 1 (beside ``continuation``): an article written as an accordion, its panels collapsed.

A guide laid out as steps a reader opens one at a time (the WAI-ARIA accordion pattern: each step
a ``<button aria-controls="step-2" aria-expanded="false">`` header and a ``<div id="step-2"
role="region" aria-labelledby="...">`` panel, hidden with ``display:none``, ``hidden`` or
``aria-hidden="true"`` until opened) holds most of its text in collapsed panels. trafilatura deletes
hidden elements with their text, so the article came out as its introduction (a WCXB page: four
fifths of the text lost by archiver and bare trafilatura alike).

:func:`reveal_panels` shows the collapsed panels of the page when they are the article: each is a
``role="region"`` element labelled (``aria-labelledby``) by a control, a ``<button>`` or an element
with ``aria-controls`` or ``aria-expanded``, no form control inside and in no landmark that is not
the body (``nav``, ``aside``, ``footer``, ``header``, ``form``, ``dialog``); together they hold at
least ``MIN_SHARE`` of the text of the page's sentence paragraphs (``continuation``'s test: eight
words and a sentence end), hidden ones included. An FAQ or a transcript folded under an article
holds less than that and stays as it was. Only the hiding goes; the markup stays.
"""

from __future__ import annotations

from lxml import etree

from .continuation import _AWAY, _FORM_CONTROLS, _hidden, _sentence, _unhide
from .lines import text_of as _text

__all__ = ["ACCORDION_PANELS", "MIN_SHARE", "reveal_panels"]

ACCORDION_PANELS = True  # False: an article's collapsed accordion panels stay hidden and are lost (ablation)
MIN_SHARE = 0.5
_PANELS = etree.XPath("/descendant::*[@role='region'][@aria-labelledby]")
_LABELS = etree.XPath("/descendant::*[@id]")


def _label(panel) -> str:
    """The first id ``panel``'s ``aria-labelledby`` names, or ""."""
    ids = (panel.get("aria-labelledby") or "").split()
    return ids[0] if ids else ""


def _is_control(el) -> bool:
    return el.tag == "button" or el.get("aria-controls") is not None or el.get("aria-expanded") is not None


def _collapsed(el) -> bool:
    return _hidden(el) or el.get("hidden") is not None


def _size(paragraphs) -> int:
    return sum(len(_text(p)) for p in paragraphs if _sentence(p))


def reveal_panels(root) -> int:
    """Unhide the collapsed accordion panels of ``root`` when they hold the article (module docstring).

    ``root`` is the page's lxml tree, changed in place. Returns how many panels were shown.
    """
    if not ACCORDION_PANELS:
        return 0
    found = []
    for panel in _PANELS(root):
        if not _collapsed(panel) or next(panel.iter(*_FORM_CONTROLS), None) is not None:
            continue
        if any(a.tag in _AWAY or a.get("role") == "dialog" or _collapsed(a) for a in panel.iterancestors()):
            continue
        found.append(panel)
    if not found:
        return 0
    labels = {_label(panel) for panel in found} - {""}
    controls = {el.get("id") for el in _LABELS(root) if el.get("id") in labels and _is_control(el)}
    panels = [panel for panel in found if _label(panel) in controls]
    if not panels:
        return 0
    total = _size(root.iter("p"))
    inside = sum(_size(panel.iter("p")) for panel in panels)
    if not total or inside < MIN_SHARE * total:
        return 0
    for panel in panels:
        _unhide(panel)
        panel.attrib.pop("hidden", None)
    return len(panels)
