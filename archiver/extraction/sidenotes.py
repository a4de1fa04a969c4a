"""Stage: a side note written inside its sentence, moved out to a paragraph of its own after it.

Tufte CSS's side and margin notes (``<span class="sidenote">``, ``<span class="marginnote">``, which
pandoc-sidenote, the Tufte themes for Hugo, Jekyll and R Markdown, and sphinx-book-theme write) sit in the
paragraph's markup at the word they annotate, and the stylesheet draws them in the margin beside that line;
read in place, the note was glued into the sentence, by archiver and bare trafilatura alike ("The sillA sill is
the raised floor of the gate. had fallen by half a metre"). Reader views show them inline
(https://github.com/davish/davi.sh/pull/8); a full-text config keeps them out of the main text, at its end
(https://github.com/fivefilters/ftr-site-config/pull/739). ``move_sidenotes``: each ``<span>`` or ``<small>``
with a note class of ``rules/sidenotes.json`` inside a ``<p>`` becomes a ``<p>`` of its own right after that
paragraph (several in their order), its tail left in the sentence, which reads whole again. Switch
``SIDENOTES`` (ablation ``stage:sidenotes``).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .marks import holds_caseless

__all__ = ["SIDENOTES", "move_sidenotes", "sidenote_marks"]

SIDENOTES = True  # False: a side note stays inside its sentence, glued to the words around it (ablation)
RULES_DIR = Path(__file__).resolve().parents[1] / "rules"
_INLINE = ("span", "small")
_WORDS = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
_SPACELESS = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_QUOTES = " \"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


@lru_cache(maxsize=1)
def _names() -> tuple[str, ...]:
    """``rules/sidenotes.json``'s note class words (regular expressions). Raises ValueError when the rules file
    is missing or malformed."""
    path = RULES_DIR / "sidenotes.json"
    try:
        return tuple(str(x) for x in json.loads(path.read_text(encoding="utf-8"))["note_classes"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: {exc}") from exc


@lru_cache(maxsize=1)
def _content_class() -> re.Pattern[str]:
    """A note's content part's whole class word (``content_classes``), in any case."""
    path = RULES_DIR / "sidenotes.json"
    try:
        names = [str(x) for x in json.loads(path.read_text(encoding="utf-8"))["content_classes"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: {exc}") from exc
    return re.compile(r"^(?:" + "|".join(names) + r")$", re.I)


@lru_cache(maxsize=1)
def _note_class() -> re.Pattern[str]:
    """One pattern matching a note's whole class word, in any case."""
    return re.compile(r"^(?:" + "|".join(_names()) + r")$", re.I)


@lru_cache(maxsize=1)
def _note_words() -> re.Pattern[str]:
    """The same class words found anywhere, in any case: the stage's gate over the page's source."""
    return re.compile("|".join(_names()), re.I)


def sidenote_marks(html: str, raw: bytes | None = None) -> bool:
    """``html`` holds one of ``rules/sidenotes.json``'s class words, in any case (``class="SideNote"``): the
    stage's gate, reading the same words as the matcher. ``raw``: ``html`` in UTF-8 byte for byte, or None
    (``marks.holds_caseless``: a scan of the bytes, not a case-blind ``re`` search of every page, which cost
    a fifth of the pipeline). Raises ValueError when the rules file is missing or malformed."""
    return SIDENOTES and holds_caseless(html, raw, _names(), _note_words())


def _is_note(el) -> bool:
    """``el`` has a note class word and text."""
    words = (el.get("class") or "").split()
    pattern = _note_class()
    return any(pattern.match(w) for w in words) and bool(el.text_content().strip())


def _content(note):
    """The part of ``note`` to move: its ``content_classes`` child when it has one (the wrapper's own words,
    the annotated ones, stay in the sentence), else ``note``."""
    pattern = _content_class()
    return next((d for d in note.iterdescendants(*_INLINE) if any(pattern.match(w) for w in
                                                                  (d.get("class") or "").split())), note)


def _moves(note, block) -> bool:
    """``note`` is a note to move out of ``block``: two words or more, not only a number; not a parenthetical
    drawn inline ("(the grab hopper was too slow)"); not a pull quote repeating ``block``'s own words."""
    text = " ".join(note.text_content().split())
    if not _LETTER.search(text) or (len(_WORDS.findall(text)) < 2 and not _SPACELESS.search(text)):
        return False
    if text.startswith("(") and text.endswith(")"):
        return False
    quote = text.strip(_QUOTES).casefold()
    rest = " ".join(block.text_content().split()).replace(text, "", 1).casefold()
    return quote not in rest


def _cut(el) -> None:
    """Take ``el`` out of the tree, its tail left where it stood."""
    parent = el.getparent()
    tail = el.tail or ""
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    el.tail = None
    parent.remove(el)


def move_sidenotes(root) -> int:
    """Move each side note of ``root`` (a ``<span>``/``<small>`` with a ``rules/sidenotes.json`` class and
    text, inside a ``<p>``) out of its paragraph into a ``<p>`` of its own right after it; return how many.
    Changes the tree in place. Raises ValueError when the rules file is missing or malformed."""
    if not SIDENOTES:
        return 0
    notes = [el for el in root.iter(*_INLINE) if el.get("class") and _is_note(el)]
    after: dict = {}
    for el in notes:
        block = next((a for a in el.iterancestors() if a.tag == "p"), None)
        if block is None or block.getparent() is None or any(n in notes for n in el.iterancestors(*_INLINE)):
            continue
        el = _content(el)
        if _moves(el, block):
            after.setdefault(block, []).append(el)
    done = 0
    for block, els in after.items():
        at = block.getparent().index(block)
        for el in els:
            _cut(el)
            el.tag = "p"
            el.attrib.pop("class", None)
            at += 1
            block.getparent().insert(at, el)
            done += 1
    return done
