"""Signs that an inline box (``<button>``, ``<label>``, ``<blink>``) inside running text is a word of the
sentence, not a page control (mend59, review57's findings 1-5 and 9).

- ``term_button``: a ``<button>`` is a term only with a positive sign: a class or id word of
  ``rules/inline_terms.json``'s ``term_names`` (glossary, tooltip, side-note, person card ...),
  ``data-(bs-)toggle=tooltip|popover`` or ``popovertarget``; never with a control's label
  (``control_labels`` and ``toggle_controls.json``'s labels: share, follow, print, read more, ...), a
  control role or state (``role=tab|switch|...``, ``aria-pressed``, ``aria-selected``, ``aria-haspopup``,
  ``aria-expanded``, ``aria-controls``, ``type=submit``) or a control's place (inside ``nav``, ``menu``,
  a table header, a heading, a ``role=toolbar|tablist|menu|navigation`` box).
- ``free_label``: a ``<label>`` with no form field it could belong to: its ``for`` names no element of
  the page (as it came: ``mark_form_labels`` runs before the DOM stage deletes forms), it holds no
  control, and its form, fieldset or enclosing container holds none.
- ``sentence_sides``: the words of the SAME sentence on both sides of the element (the text before it
  does not end a sentence), found with one walk per block for all the block's candidates.
- Scripts written without spaces (CJK, Kana, Hangul, Thai) are counted by characters
  (``MAX_TERM_CHARS``), and no space is put between two of their characters (``glue``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

from lxml import etree

__all__ = ["FORM_LABEL", "MAX_TERM_CHARS", "MAX_TERM_WORDS", "free_label", "glue", "mark_form_labels",
           "running_block", "sentence_sides", "short_phrase",
           "term_button"]

RULES_DIR = Path(__file__).resolve().parents[1] / "rules"
MAX_TERM_WORDS = 6  # words of a glossary term or tooltip trigger; a longer box is a control's label
MAX_TERM_CHARS = 12  # characters of a term in a script written without spaces (CJK, Kana, Hangul, Thai)
RUNNING = frozenset("p li dd td blockquote figcaption".split())  # no headings, no <th>: a control's place
_BLOCKS = frozenset("""address article aside blockquote dd details div dl dt fieldset figcaption figure footer
    form h1 h2 h3 h4 h5 h6 header li main nav ol p pre section table td th tr ul""".split())
_INLINE = frozenset("span em strong b i abbr dfn mark small sub sup".split())
_CONTROLS = ("input", "select", "textarea")
_CONTROL_PLACES = frozenset("nav menu th thead h1 h2 h3 h4 h5 h6 header footer".split())
_CONTROL_BOX_ROLES = frozenset("toolbar tablist menu menubar navigation tab radiogroup".split())
_CONTROL_ROLES = frozenset("tab switch menuitem menuitemcheckbox menuitemradio checkbox radio option link".split())
_CONTROL_STATES = ("aria-pressed", "aria-selected", "aria-haspopup", "aria-expanded", "aria-controls")
_WORD = re.compile(r"\w+")
_SPACELESS = re.compile(r"[\u0e00-\u0e7f\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
_SENTENCE_END = re.compile(r"[.!?…。！？]")
_WINDOW = 200  # characters of the sentence looked at on each side (a word in them is all that is asked)
_NAME_WORDS = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``(term_names, control_labels)``: one pattern matching a term's class or id word, one matching a
    control's whole label (with ``toggle_controls.json``'s labels). Raises ValueError when a rules file
    is missing or malformed."""
    path = RULES_DIR / "inline_terms.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        toggles = json.loads((RULES_DIR / "toggle_controls.json").read_text(encoding="utf-8"))
        names = [str(x) for x in data["term_names"]]
        labels = [str(x) for x in data["control_labels"]] + [str(x) for x in toggles["labels"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: {exc}") from exc
    return (re.compile(r"^(?:" + "|".join(names) + r")$", re.I),
            re.compile(r"^\W*(?:" + "|".join(labels) + r")\W*$", re.I))


def _text(el) -> str:
    return " ".join(el.text_content().split())


def _short(text: str) -> bool:
    """1 to ``MAX_TERM_WORDS`` words, or 1 to ``MAX_TERM_CHARS`` characters in a script without spaces."""
    words = _WORD.findall(text)
    if not words:
        return False
    if _SPACELESS.search(text):
        return len(re.sub(r"\s", "", text)) <= MAX_TERM_CHARS
    return len(words) <= MAX_TERM_WORDS


def short_phrase(text: str) -> bool:
    """``text`` is a phrase of a sentence, not a run of them: 1 to ``MAX_TERM_WORDS`` words (1 to
    ``MAX_TERM_CHARS`` characters in a script without spaces)."""
    return _short(text)


def _control_place(el) -> bool:
    """``el`` (or an ancestor) has a control's role, or sits in a control's place."""
    if (el.get("role") or "").strip().lower() in _CONTROL_ROLES:
        return True
    return any(a.tag in _CONTROL_PLACES or (a.get("role") or "").strip().lower() in _CONTROL_BOX_ROLES
               for a in el.iterancestors())


def _plain(el, text: str) -> bool:
    """A short text of inline elements only, no control's label, state or place."""
    if not _short(text) or _rules()[1].search(text):
        return False
    if any(el.get(a) is not None for a in _CONTROL_STATES) or (el.get("type") or "").strip().lower() == "submit":
        return False
    if any(isinstance(kid.tag, str) and kid.tag not in _INLINE for kid in el.iterdescendants()):
        return False
    return not _control_place(el)


def term_button(el) -> bool:
    """``el`` (a ``<button>``) is a term: a term sign (class or id word, tooltip or popover trigger), a
    short plain text, no control's label, state or place."""
    toggle = (el.get("data-toggle") or el.get("data-bs-toggle") or "").strip().lower()
    names = _NAME_WORDS.findall(f"{el.get('class') or ''} {el.get('id') or ''}")
    if not (toggle in ("tooltip", "popover") or el.get("popovertarget") is not None
            or any(_rules()[0].match(n) for n in names)):
        return False
    return _plain(el, _text(el))


FORM_LABEL = "data-archiver-form-label"  # set on a label whose field the page holds, before the DOM stage
_FOR_LABELS = etree.XPath("/descendant::label[@for]")
_FIELD_IDS = etree.XPath("/descendant::*[self::input or self::select or self::textarea or self::button]/@id")


def mark_form_labels(root) -> int:
    """Mark (``FORM_LABEL``) each ``<label>`` of ``root`` whose ``for`` names a form field of the page as
    it came, before the DOM stage deletes the field's box; return how many."""
    labels = _FOR_LABELS(root)
    if not labels:
        return 0
    ids = {str(i).strip() for i in _FIELD_IDS(root)}
    done = 0
    for el in labels:
        if (el.get("for") or "").strip() in ids:
            el.set(FORM_LABEL, "")
            done += 1
    return done


def free_label(el, ids: dict, seen: dict | None = None) -> bool:
    """``el`` (a ``<label>``) holds a short plain text and has no form field it could belong to: its
    ``for`` names no field of the page as it came (``mark_form_labels``) nor an element now (``ids``:
    id -> element), its nearest form, fieldset or its block's container holds no control,
    and it holds no control or button (``_plain``: inline text only). ``seen``: box -> holds a
    control, kept between calls (one walk a box)."""
    target = (el.get("for") or "").strip()
    if el.get(FORM_LABEL) is not None or (target and target in ids):
        return False
    box = next((a for a in el.iterancestors() if a.tag in ("form", "fieldset")), None)
    if box is None:
        block = running_block(el)
        box = block.getparent() if block is not None else None
    if box is not None:
        seen = {} if seen is None else seen
        if box not in seen:
            seen[box] = next(box.iter(*_CONTROLS), None) is not None
        if seen[box]:
            return False
    return _plain(el, _text(el))


def running_block(el):
    """``el``'s nearest block if it is running text (``RUNNING``), else None."""
    block = next((a for a in el.iterancestors() if a.tag in _BLOCKS), None)
    return block if block is not None and block.tag in RUNNING else None


def sentence_sides(block, boxes: list) -> dict:
    """For each element of ``boxes`` inside ``block``: ``(before, after)``, the text of its sentence
    before it and after it (its own text left out), kept only where a word of the same sentence stands
    on both sides (the text before does not end a sentence). One walk of ``block`` for all of them.
    Returns ``{element: (before, after)}``."""
    pieces: list[str] = []
    size = 0
    spans: dict = {}
    want = set(boxes)
    for event, el in etree.iterwalk(block, events=("start", "end")):
        if event == "start":
            if el in want:
                spans[el] = [size, size]
            if isinstance(el.tag, str):
                pieces.append(el.text or "")
                size += len(pieces[-1])
        else:
            if el in want:
                spans[el][1] = size
            if el is not block:
                pieces.append(el.tail or "")
                size += len(pieces[-1])
    text = "".join(pieces)
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]  # once a block: no walk or split per element
    found = {}
    for el, (start, end) in spans.items():
        at = bisect_right(ends, start)
        before = text[max(ends[at - 1] if at else 0, start - _WINDOW):start]  # this sentence's, before it
        nxt = bisect_right(ends, end)
        after = text[end:min(ends[nxt] if nxt < len(ends) else len(text), end + _WINDOW)]
        if _WORD.search(before) and _WORD.search(after):
            found[el] = (before, after)
    return found


def _wide(ch: str) -> bool:
    return _SPACELESS.match(ch) is not None or unicodedata.east_asian_width(ch) in ("W", "F")


def _spaced(ch: str) -> bool:
    """``ch`` is a letter or digit of a script written with spaces between words."""
    return ch.isalnum() and not _wide(ch)


def glue(before: str, own: str, after: str) -> tuple[str, str]:
    """The spaces to put before and after a box's text ``own``: one where a word is glued to it on that
    side, both characters of scripts written with spaces (none between two CJK characters)."""
    left = " " if before[-1:] and own[:1] and _spaced(before[-1]) and _spaced(own[0]) else ""
    right = " " if own and after[:1] and not own[-1].isspace() and not _wide(own[-1]) and _spaced(after[0]) else ""
    return left, right
