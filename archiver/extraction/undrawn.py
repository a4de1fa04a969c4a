"""Stage: markup a browser parses but never draws as the page's text — a ``<template>``'s content that is no
prose and a ``<canvas>``'s "not supported" fallback — taken out before anything reads the page's blocks.

- ``<template>``: its content is a document fragment of its own, not the element's children, drawn only
  where a script clones it into the page. libxml2 keeps the content in the tree as children, and
  trafilatura strips the tag and keeps its text (``MANUALLY_STRIPPED``), so a template's source came out as
  the article's: a Mustache template's ``{{#text}}``, a tooltip's template glued into its sentence ("on
  Friday Tooltip text for the dateand voted"), a parser's ``textContent`` giving a template's text where
  browsers give none (https://github.com/taoqf/node-html-parser/issues/235). But archiver reads the page as
  served, no script run: a template a script stamps out (a web component, Vue's ``v-if``, Alpine's
  ``x-if``/``x-for``, a "Continue reading" button) is the only copy of text the reader sees. So a template
  goes (with its content; its tail stays) only when it is no article prose (``rules/undrawn.json``):
  template code (a placeholder such as ``{{...}}``, ``${...}``, ``<%...%>``), or too little text outside
  controls and links to be a sentence (a tooltip, a card of a few words, a list row of links, empty
  structure). Prose is measured in letters (a wide CJK character counts ``WIDE_WEIGHT``) and sentence ends,
  so Chinese, Japanese and Thai count. A declarative shadow root (``shadowrootmode``, or the older
  ``shadowroot``) is drawn and stays. Switch ``INERT_TEMPLATES`` (ablation ``stage:inert-templates``).
  React's streamed placeholders (``<template id="B:1">``) are read before this (``streaming.resolve_streamed``).
- ``<canvas>``: its content is fallback, drawn only by a browser that cannot draw a canvas (none today);
  trafilatura deletes the element with it (``MANUALLY_CLEANED``), yet archiver's gap stages, reading the
  block the ``<canvas>`` stood in, put "Your browser does not support the canvas element." back between
  the body's paragraphs (MDN on the fallback, written for browsers without canvas:
  https://github.com/mdn/content/pull/21669). Only that message goes: a short fallback with no table, list
  or image and one of the rules' message words; a chart's description or data table (what assistive
  technology reads) stays for the gap stages. Switch ``CANVAS_FALLBACK`` (ablation ``stage:canvas-fallback``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

__all__ = ["CANVAS_FALLBACK", "INERT_TEMPLATES", "drop_undrawn", "undrawn_marks"]

INERT_TEMPLATES = True  # False: a <template>'s content stays, read as the page's text (ablation)
CANVAS_FALLBACK = True  # False: a <canvas>'s fallback text stays for the gap stages to put back (ablation)
RULES_DIR = Path(__file__).resolve().parents[1] / "rules"
_SHADOW_ROOT = ("shadowrootmode", "shadowroot")  # a declarative shadow root's template is drawn
PROSE_LETTERS = 40  # letters of a template's text, with a sentence end, that make it prose
FRAMEWORK_LETTERS = 20  # likewise, no sentence end needed, for a template a framework renders (x-for rows)
WIDE_WEIGHT = 3  # a wide (CJK) character counts as this many letters: about a word
MESSAGE_CHARS = 300  # a canvas fallback longer than this is a description, not the "not supported" line
CODE_SHARE = 0.1  # a text with more than this share of ``{}[]<>=;"`` per letter is code or data (JSON)
_END = re.compile(r"[.!?\u2026](?=[\"'\u201d\u2019)\]]*(?:\s|$))|[\u3002\uff01\uff1f\u061f\u0964]")
_UNPUNCTUATED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")  # Thai, Lao, Myanmar, Khmer: no full stops
_CODE = re.compile(r"[{}\[\]<>=;\"]")
_BLOCKS = ("table", "ul", "ol", "dl", "img", "svg", "figure")
_MARKS = re.compile(r"<(?:template|canvas)\b", re.I)  # lxml lower-cases tags: <TEMPLATE> is a template too
_INERT = frozenset(("script", "style"))  # a template's own styles (a web component's ``:host {...}``) are no text


@lru_cache(maxsize=1)
def _rules() -> dict:
    """``rules/undrawn.json``, its patterns compiled. Raises ValueError when it is missing or malformed."""
    path = RULES_DIR / "undrawn.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {"placeholder": re.compile("|".join(data["placeholders"]), re.S),
                "ui": frozenset(str(t) for t in data["ui_tags"]),
                "framework": tuple(str(a) for a in data["framework_attributes"]),
                "is": frozenset(str(v) for v in data["framework_is"]),
                "message": re.compile("|".join(data["canvas_messages"]), re.I)}
    except (OSError, ValueError, KeyError, TypeError, re.error) as exc:
        raise ValueError(f"{path}: {exc}") from exc


def _reading(el, ui: frozenset) -> str:
    """``el``'s text without the text of its ``ui`` elements (their tails kept), space-joined."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag.lower() not in ui:
            parts.append(_reading(child, ui))
        parts.append(child.tail or "")
    return " ".join(parts)


def _letters(text: str) -> int:
    """Letters of ``text``, each wide (CJK) character counted ``WIDE_WEIGHT`` times."""
    return sum(WIDE_WEIGHT if unicodedata.east_asian_width(ch) in ("W", "F") else 1
               for ch in text if ch.isalpha())


def _drawn(template, rules: dict) -> bool:
    """``template`` is drawn: a declarative shadow root, or content a script or framework stamps out that
    holds prose (``PROSE_LETTERS`` letters and a sentence end, or in a script that writes none, as Thai;
    ``FRAMEWORK_LETTERS`` for a framework's template), not template code nor controls."""
    if any(template.get(name) is not None for name in _SHADOW_ROOT):
        return True
    if rules["placeholder"].search(_reading(template, _INERT)):
        return False  # template code: its placeholders are filled in by a script, never read as written
    text = _reading(template, rules["ui"])
    letters = _letters(text)
    if not letters or len(_CODE.findall(text)) > CODE_SHARE * letters:
        return False  # empty structure, or code and data (a widget's JSON)
    attrs = {name.lower() for name in template.attrib}
    if any(a in attrs for a in rules["framework"]) or template.get("is") in rules["is"]:
        return letters >= FRAMEWORK_LETTERS
    return letters >= PROSE_LETTERS and (_END.search(text) is not None or _UNPUNCTUATED.search(text) is not None)


def _message(canvas, rules: dict) -> bool:
    """``canvas``'s fallback is the "your browser does not support" line: short, no table, list or image,
    one of the rules' message words in it."""
    if next(canvas.iter(*_BLOCKS), None) is not None:
        return False
    text = canvas.text_content().strip()
    return len(text) <= MESSAGE_CHARS and rules["message"].search(text) is not None


def undrawn_marks(html: str) -> bool:
    """``html`` holds a ``<template`` or ``<canvas`` start tag, in any case (the stage's gate: one scan)."""
    return _MARKS.search(html) is not None


def drop_undrawn(root) -> list[tuple[str, str]]:
    """Take out of ``root`` each ``<template>`` that is not drawn, with its content (``INERT_TEMPLATES``),
    and each ``<canvas>``'s "not supported" fallback (``CANVAS_FALLBACK``); tails stay. Returns what went,
    as (``"inert-template"`` or ``"canvas-fallback"``, its text stripped), one pair an element. Changes the
    tree in place. Raises ValueError when ``rules/undrawn.json`` is missing or malformed."""
    done: list[tuple[str, str]] = []
    rules = _rules() if INERT_TEMPLATES or CANVAS_FALLBACK else {}
    if INERT_TEMPLATES:
        for el in [t for t in root.iter("template") if not _drawn(t, rules)]:
            if el.getparent() is not None:
                done.append(("inert-template", el.text_content().strip()))
                el.drop_tree()
    if CANVAS_FALLBACK:
        for el in root.iter("canvas"):
            if (len(el) or (el.text or "").strip()) and _message(el, rules):
                done.append(("canvas-fallback", el.text_content().strip()))
                for child in list(el):
                    el.remove(child)  # with its tail: all of it fallback
                el.text = None
    return done
