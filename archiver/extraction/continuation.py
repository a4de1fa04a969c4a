"""Stage 1c (with ``repair``): the rest of a body hidden behind a "Continue reading" button.

Sites that shorten long articles on first view put the paragraphs after the first few in a
container hidden inline (``style="display:none"``, ``aria-hidden="true"``) that a button
reveals. trafilatura discards hidden elements whole (its ``OVERALL_DISCARD_XPATH``), so
the article loses its second half. A hidden container is the body's continuation, and is
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

Only the hiding goes (the ``display`` declaration, the ``aria-hidden`` attribute); the
markup stays. Looks at shape and position only, never at names.
"""

from __future__ import annotations

import re

__all__ = ["reveal_continuations", "MIN_PARAGRAPHS", "MIN_WORDS", "MAX_CONTROL_WORDS"]

MIN_PARAGRAPHS = 2
MIN_WORDS = 8
MAX_CONTROL_WORDS = 5
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none\s*(?:!important)?\s*;?", re.I)
_AWAY = frozenset("nav aside footer header form dialog".split())
_INERT = frozenset(("script", "style", "noscript", "template", "button"))


def _hidden(el) -> bool:
    return bool(_DISPLAY_NONE.search(el.get("style") or "")) or el.get("aria-hidden") == "true"


def _text(el) -> str:
    return " ".join(el.text_content().split())


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
        paras = [p for p in el.iter("p") if _sentence(p)]
        if len(paras) < MIN_PARAGRAPHS or next(el.iter(*_FORM_CONTROLS), None) is not None:
            continue
        if shown is None:
            shown = {_text(p) for p in root.iter("p")
                     if not any(_hidden(a) for a in p.iterancestors()) and not _hidden(p)}
        if _text(paras[0]) in shown:
            continue
        style = _DISPLAY_NONE.sub("", el.get("style") or "").strip()
        if style:
            el.set("style", style)
        elif "style" in el.attrib:
            del el.attrib["style"]
        if "aria-hidden" in el.attrib:
            del el.attrib["aria-hidden"]
        revealed += 1
    return revealed
