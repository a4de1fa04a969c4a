"""Text marked ``aria-hidden`` that is shown: a drop cap, the visible half of a shown/spoken pair.

``aria-hidden="true"`` hides an element from screen readers, not from the eye. Icons and
decorative glyphs carry it, and trafilatura drops every element that does (as the DOM rule
``hidden-icon`` does). Two kinds of shown text carry it too:

- a drop cap: the first letter of a paragraph in an element of its own, glued to the rest of its
  word ("<span aria-hidden=true>K</span>azakh"), often with the letter again for screen readers;
- the visible half of a pair: the same text twice side by side, once ``aria-hidden`` for the
  eye and once in a screen-reader-only element ("<span aria-hidden=true>ferry</span><span
  class=sr-only>ferry</span>").

Dropped, the paragraph reads "azakh" (the screen-reader copy goes too, by the DOM rule
``screen-reader-only``) or loses the word. ``show_aria_shown`` takes the ``aria-hidden``
attribute off such elements, before the DOM stage, and drops the screen-reader twin beside it,
whatever its class (a class no rule names would otherwise leave the text twice: "NNUR-SULTAN").

Two more forms of the pair (bug42, ``SPOKEN_PAIRS``): the same figure twice ("<span aria-hidden=true>£55</span><span
class=sr-only>£55</span>", no letter in it), and a shown text beside a screen-reader-only text that spells it out
("£55" beside "55 pounds", "6:30am" beside "six thirty in the morning"). Both halves were dropped (the shown one as
``aria-hidden``, the spoken one by the DOM rule ``screen-reader-only``) and the sentence lost its figure ("rises to
per berth"), where bare trafilatura keeps the spoken half. The shown half is kept, as a reader sees the sentence;
the spoken one goes. Only a twin of a screen-reader class (:data:`SR_CLASSES`, the rule's) is taken for a spoken
half when the texts differ, and only a shown half holding a letter or a digit (a row of rating stars is left).
"""

from __future__ import annotations

__all__ = ["SPOKEN_PAIRS", "SR_CLASSES", "show_aria_shown"]

SPOKEN_PAIRS = True  # False: only pairs of the same text holding a letter, as before bug42 (ablation)
# the classes of the DOM rule ``screen-reader-only`` (rules/generic.json; a test holds the two the same)
SR_CLASSES = frozenset("""sr-only visually-hidden visuallyhidden screen-reader-text screen-reader-only
u-visually-hidden govuk-visually-hidden a11y-hidden hidden-visually show-for-sr mejs-offscreen""".split())

# inline elements only: a drop cap or a pair sits inside running text (a block "Advertisement" slot
# or a button's hover copy beside its twin is no such pair)
_INLINE = frozenset("span abbr b i em strong small sup sub q cite mark u s font".split())
_WRAPPERS = _INLINE | {"a"}


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _twin(el, text: str):
    """The inline element right beside ``el`` (no text between) holding the same text, or None."""
    if (el.tail or "").strip() == "":
        nxt = el.getnext()
        if nxt is not None and nxt.tag in _INLINE and _text(nxt) == text:
            return nxt
    prev = el.getprevious()
    if prev is not None and prev.tag in _INLINE and (prev.tail or "").strip() == "" and _text(prev) == text:
        return prev
    return None


def _spoken(el):
    """The inline element right beside ``el`` (no text between) of a screen-reader class, childless, or None."""
    cands = []
    if (el.tail or "").strip() == "":
        cands.append(el.getnext())
    prev = el.getprevious()
    if prev is not None and (prev.tail or "").strip() == "":
        cands.append(prev)
    for cand in cands:
        if (cand is not None and cand.tag in _INLINE and not len(cand) and _text(cand)
                and SR_CLASSES.intersection((cand.get("class") or "").split())):
            return cand
    return None


def _in_text(el, twin) -> bool:
    """The parent holds text besides the element and its twin: they stand inside running text."""
    parent = el.getparent()
    if parent is None:
        return False
    pair = len(_text(el)) + (len(_text(twin)) if twin is not None else 0)
    # a pair that is the whole of a link or an inline wrapper ("Read the <a><span aria-hidden>PDF</span><span
    # class=sr-only>PDF document</span></a> before"): its sentence is the wrapper's parent's (bug42)
    while (SPOKEN_PAIRS and parent.tag in _WRAPPERS and len(_text(parent)) <= pair + 1
           and parent.getparent() is not None):
        parent = parent.getparent()
    return len(_text(parent)) - pair >= 20


def _drop_cap(el, text: str, twin) -> bool:
    """One capital letter glued to the next word: the tail (or the tail of its screen-reader twin
    right after it) starts with a letter."""
    if len(text) != 1 or not text.isalpha() or not text.isupper():
        return False
    tail = el.tail or ""
    if not tail and twin is not None and twin is el.getnext():
        tail = twin.tail or ""
    return bool(tail) and tail[0].isalpha()


def show_aria_shown(root) -> int:
    """Take ``aria-hidden`` off drop caps and visible halves of shown/spoken pairs (module docstring),
    and drop the screen-reader twin of each (whatever its class: the same text twice side by side
    is shown once, so the other one is not shown).

    ``root``: the parsed page (lxml), changed in place. Returns how many elements were shown.
    """
    found = []
    for el in root.iter(*_INLINE):
        if el.tag not in _INLINE or el.get("aria-hidden") != "true" or len(el):
            continue
        text = _text(el)
        if not text or not any(ch.isalpha() or (SPOKEN_PAIRS and ch.isdigit()) for ch in text):
            continue
        twin = _twin(el, text)
        if twin is not None and len(twin):
            twin = None
        if twin is None and SPOKEN_PAIRS:
            twin = _spoken(el)  # the same thing spelt out for screen readers: "£55" beside "55 pounds"
        if (_drop_cap(el, text, twin) or twin is not None) and _in_text(el, twin):
            found.append((el, twin))
    for el, twin in found:  # after the walk: the walk must not lose its place
        del el.attrib["aria-hidden"]
        if twin is not None and twin.getparent() is not None:
            twin.drop_tree()  # keeps its tail in place
    return len(found)
