"""Stage 1c (with ``repair``): the rest of a body hidden behind a "Continue reading" button.

Sites that shorten long articles on first view put the paragraphs after the first few in a
container hidden inline (``style="display:none"``, ``aria-hidden="true"``, or collapsed to no
height: ``style="max-height: 0; overflow: hidden"``, which trafilatura drops for the word
"hidden", https://github.com/mozilla/readability/issues/816) that a button reveals. trafilatura
discards hidden elements whole (its ``OVERALL_DISCARD_XPATH``), so the article loses its second
half. A hidden container is the body's continuation, and is
revealed, when:

- it holds at least ``MIN_PARAGRAPHS`` paragraphs that read as sentences (``<p>`` of
  ``MIN_WORDS`` words with closing punctuation);
- the visible element right before it (empty spacers and scripts skipped) is such a
  paragraph: the text runs on into it;
- a control that reveals it stands right beside it: the element next to it (before or
  after) is a ``<button>`` or a link of at most ``MAX_CONTROL_WORDS`` words ("Continue
  reading", "Read more");
- it holds no form control (``input``, ``button``, ``select``, ``textarea``, ``form``): a
  hidden appeal or sign-up box has them;
- its first paragraph is not one the page shows already (a second copy of the body for
  another screen width is no continuation);
- it lies in no landmark that is not the body (``nav``, ``aside``, ``footer``, ``header``,
  ``form``, ``dialog``) and in no other hidden element.

The same holds for the later pages of an article paged in the browser (every page in the HTML,
all but the first hidden, a pager between them): ``reveal_pages`` shows a hidden container that
stands right after a pager (a block of page numbers, "Page 1 of 2", "Next page ›": at most
``MAX_PAGER_WORDS`` words, a link that is a page number) that itself follows the visible body
(a sentence paragraph, or a block whose last paragraph is one), with the paragraph, form and copy
tests above; hidden containers of the same tag and class right after it are the next pages.

The answers of an accordion written as a definition list (``<dl><dt>Question?</dt><dd
style="display:none">Answer</dd>``; https://github.com/gildas-lormeau/SingleFile/issues/878, the
answers of a ``<dl class="accordion">`` missing) are shown by ``reveal_answers``: a hidden ``<dd>``
right after a visible ``<dt>`` that is a question (ending in "?"), holding ``MIN_ANSWER_WORDS``
words or more and no form control, in no landmark that is not the body. trafilatura would drop
it as hidden, and the DOM stage's hidden rule takes a hidden block without a ``<p>``; the FAQ
stage puts back only a section whose questions trafilatura left out too.

Only the hiding goes (the ``display`` declaration, a collapse's ``overflow`` and zero ``height``
declarations, the ``aria-hidden`` and ``hidden`` attributes);
the markup stays. Looks at shape and position only, never at names.
"""

from __future__ import annotations

import re

from .lines import FULL_STOP_END as _SENTENCE_END
from .lines import text_of as _text

__all__ = ["body_paragraphs", "reveal_answers", "reveal_continuations", "reveal_pages", "MIN_PARAGRAPHS", "MIN_WORDS",
           "MAX_CONTROL_WORDS"]

MIN_PARAGRAPHS = 2
MIN_WORDS = 8
MAX_CONTROL_WORDS = 5
MAX_PAGER_WORDS = 16
_PAGER = re.compile(r"^(?:\s*(?:(?:page|seite|página|pagina|strona)\s*\d{1,3}\s*(?:of|/|von|de|di|z)\s*\d{1,3}"
                    r"|\d{1,3}|next(?: page)?|prev(?:ious)?(?: page)?|weiter|zurück|siguiente|anterior|suivant"
                    r"|précédent|[›»‹«…|·/]))+\s*$", re.I)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none\s*(?:!important)?\s*;?", re.I)
COLLAPSED = True  # a container collapsed to no height (max-height: 0; overflow: hidden) hides too; False: only display
_ZERO_HEIGHT = re.compile(r"(?:^|;)\s*(?:max-)?height\s*:\s*0(?:px|em|rem|%)?\s*(?:!important)?\s*(?:;|$)", re.I)
_CLIPPED = re.compile(r"(?:^|;)\s*overflow(?:-y)?\s*:\s*hidden\s*(?:!important)?\s*(?:;|$)", re.I)
_COLLAPSE = re.compile(r"(?:^|(?<=;))\s*(?:(?:max-)?height|overflow(?:-y)?)\s*:[^;]*(?:;|$)", re.I)
_AWAY = frozenset("nav aside footer header form dialog".split())
_INERT = frozenset(("script", "style", "noscript", "template", "button"))


def _collapsed(style: str) -> bool:
    """``style`` clips its element to no height: a zero ``height`` or ``max-height`` and ``overflow: hidden``."""
    return COLLAPSED and "hidden" in style and bool(_ZERO_HEIGHT.search(style)) and bool(_CLIPPED.search(style))


def _hidden(el) -> bool:
    style = el.get("style") or ""
    return bool(_DISPLAY_NONE.search(style)) or el.get("aria-hidden") == "true" or _collapsed(style)


def _sentence(el) -> bool:
    text = _text(el)
    return len(text.split()) >= MIN_WORDS and bool(_SENTENCE_END.search(text))


def _previous_visible(el):
    sib = el.getprevious()
    while sib is not None and (not isinstance(sib.tag, str) or sib.tag in _INERT or not _text(sib)):
        sib = sib.getprevious()
    return sib


def _runs_on(el) -> bool:
    """The visible element before ``el`` is a sentence paragraph."""
    prev = _previous_visible(el)
    return prev is not None and not _hidden(prev) and prev.tag == "p" and _sentence(prev)


def _control(el) -> bool:
    if el is None or el.tag not in ("button", "a") or _hidden(el):
        return False
    return 0 < len(_text(el).split()) <= MAX_CONTROL_WORDS


def _beside_control(el) -> bool:
    """A reveal control is the element right after or right before ``el``."""
    return _control(el.getnext()) or _control(el.getprevious())


_FORM_CONTROLS = ("input", "button", "select", "textarea", "form")


def body_paragraphs(el) -> list:
    """The sentence paragraphs of ``el`` when it could continue a body: at least ``MIN_PARAGRAPHS``
    of them and no form control inside; [] otherwise."""
    paras = [p for p in el.iter("p") if _sentence(p)]
    if len(paras) < MIN_PARAGRAPHS or next(el.iter(*_FORM_CONTROLS), None) is not None:
        return []
    return paras


def _shown(root) -> set[str]:
    """The texts of the page's visible paragraphs (a continuation repeats none of them first)."""
    return {_text(p) for p in root.iter("p") if not any(_hidden(a) for a in p.iterancestors()) and not _hidden(p)}



def reveal_continuations(root) -> int:
    """Unhide each hidden container that continues the body (see the module docstring); return how many."""
    candidates = []  # found from the controls (few) rather than from every element's attributes (many)
    for ctl in root.iter("button", "a"):
        for sib in (ctl.getprevious(), ctl.getnext()):
            if sib is not None and isinstance(sib.tag, str) and sib.attrib and _hidden(sib) \
                    and sib not in candidates:
                candidates.append(sib)
    if not candidates:
        return 0
    shown = None  # the texts of the page's visible paragraphs, built once when needed
    revealed = 0
    for el in candidates:
        if not _beside_control(el) or not _runs_on(el):  # cheap, and false for almost every element
            continue
        if any(_hidden(anc) or anc.tag in _AWAY for anc in el.iterancestors()):
            continue
        paras = body_paragraphs(el)
        if not paras:
            continue
        if shown is None:
            shown = _shown(root)
        if _text(paras[0]) in shown:
            continue
        _unhide(el)
        revealed += 1
    return revealed


def _pager(el) -> bool:
    """``el`` is a block of page links: its words are page numbers and next/previous labels only, one
    of its links a page number."""
    if el is None or not isinstance(el.tag, str) or el.tag in ("p", "a", "button") or _hidden(el):
        return False
    text = _text(el)
    if not text or len(text.split()) > MAX_PAGER_WORDS or not _PAGER.match(text):
        return False
    return any(_text(a).isdigit() for a in el.iter("a"))


def _ends_body(el) -> bool:
    """``el`` is a sentence paragraph, or a visible block whose last paragraph is one."""
    if el is None or _hidden(el):
        return False
    if el.tag == "p":
        return _sentence(el)
    found = el.findall(".//p")
    last = found[-1] if found else None
    return last is not None and _sentence(last) and not any(_hidden(a) for a in last.iterancestors() if a is not el)


def _page(el, shown: set[str]) -> bool:
    if not isinstance(el.tag, str) or not _hidden(el) or any(_hidden(a) or a.tag in _AWAY for a in el.iterancestors()):
        return False
    paras = body_paragraphs(el)
    return bool(paras) and _text(paras[0]) not in shown


def _unhide(el) -> None:
    style = el.get("style") or ""
    if _collapsed(style):
        style = _COLLAPSE.sub("", style)
    style = _DISPLAY_NONE.sub("", style).strip()
    if style:
        el.set("style", style)
    elif "style" in el.attrib:
        del el.attrib["style"]
    if "aria-hidden" in el.attrib:
        del el.attrib["aria-hidden"]


def reveal_pages(root) -> int:
    """Unhide the later pages of an article paged in the browser (see the module docstring); return
    how many containers were shown."""
    pagers = []
    for a in root.iter("a"):  # from the page-number links (few) rather than from every element
        text = (a.text or "").strip()
        if text.isdigit() and len(text) <= 3:
            parent = a.getparent()
            while parent is not None and parent.tag in ("li", "ul", "ol", "span") and _text(parent) == text:
                parent = parent.getparent()  # a number in its own list item
            if parent is not None and parent.tag in ("li", "span"):
                parent = parent.getparent()
            if parent is not None and parent not in pagers:
                pagers.append(parent)
    shown = None
    revealed = 0
    for pager in pagers:
        nxt = pager.getnext()
        while nxt is not None and (not isinstance(nxt.tag, str) or nxt.tag in _INERT):
            nxt = nxt.getnext()
        if nxt is None or not _hidden(nxt) or not _pager(pager) or not _ends_body(_previous_visible(pager)):
            continue
        if shown is None:
            shown = _shown(root)
        page = nxt
        while page is not None and _page(page, shown):
            _unhide(page)
            revealed += 1
            page = page.getnext()
            while page is not None and isinstance(page.tag, str) and not _hidden(page) and _pager(page):
                page = page.getnext()  # a pager between two hidden pages
            if page is not None and (page.tag != nxt.tag or page.get("class") != nxt.get("class")):
                break
    return revealed


REVEAL_ANSWERS = True  # False: a definition list's hidden answers stay hidden and are lost (ablation)
MIN_ANSWER_WORDS = 4


def reveal_answers(root) -> int:
    """Unhide the hidden answers (``<dd>``) of the question terms (``<dt>``) of ``root``'s
    definition lists (see the module docstring); return how many were shown."""
    if not REVEAL_ANSWERS:
        return 0
    shown = 0
    for dd in root.iter("dd"):
        if not (_hidden(dd) or dd.get("hidden") is not None):
            continue
        dt = dd.getprevious()
        while dt is not None and not isinstance(dt.tag, str):
            dt = dt.getprevious()
        if dt is None or dt.tag != "dt" or _hidden(dt) or dt.get("hidden") is not None or not _text(dt).endswith("?"):
            continue
        if len(_text(dd).split()) < MIN_ANSWER_WORDS or next(dd.iter(*_FORM_CONTROLS), None) is not None:
            continue
        if any(_hidden(a) or a.get("hidden") is not None or a.tag in _AWAY for a in dd.iterancestors()):
            continue
        _unhide(dd)
        dd.attrib.pop("hidden", None)
        shown += 1
    return shown
