"""A collapsible panel's title written as an in-page toggle link: unwrapped, so its panel is kept.

Accordions, toggles and collapsible panels (Bootstrap 3's ``.panel-title > a[data-toggle=collapse]``,
Elementor's ``a.elementor-toggle-title``, a theme's ``a.faq-q href="#answer-1"``) write each title as a
link that points nowhere else: ``href`` empty, ``#``, an id on the page or ``javascript:``, or a
``data-toggle`` / ``data-bs-toggle`` attribute. The title is the whole text of its block, and the panel
after it holds the text. In precision mode trafilatura's link-density backtracking deletes a short
``<div>`` holding a link and under 200 characters whole, so an item whose title is such a link and
whose answer is one or two sentences went with both (bare trafilatura, in its default mode, keeps the
answer). :func:`unlink_toggles` drops the ``<a>`` tag (its text stays, as the title's plain text) when

- the link is a toggle by its ``href`` (empty, ``#``, ``#id``, ``javascript:``) or its ``data-toggle`` /
  ``data-bs-toggle`` (``collapse``, ``tab``, ``accordion``; not ``modal`` or ``dropdown``); a link to
  another page is never taken;
- its text, 2 to ``MAX_TITLE_WORDS`` words and no page control's label ("Back to top", "Read more",
  "Skip to content", "Lire la suite", "Mehr anzeigen": data, ``rules/toggle_controls.json`` with generic.json's
  reveal-summary and reveal-toggle labels; mend55), is the whole text of its block (the link alone on its line, or a
  heading, ``<div>``, ``<span>`` or ``<p>`` up to ``MAX_UP`` levels above it holding no other text: a
  textless icon beside the link, Elementor's ``span.elementor-toggle-icon``, is allowed);
- the block's next element (or, for a block alone in its parent, the parent's next element) is a panel:
  ``MIN_PANEL_WORDS`` words or more of text ending a sentence, links under half of it, at most
  ``MAX_PANEL_CHARS`` characters;
- the link names that panel: its ``#id`` is the panel's or inside it; a link naming no element of the
  page is taken only when it or one of its four nearest ancestors is marked as a toggle (an
  ``aria-expanded`` / ``aria-controls``, ``role="button"``, a panel's ``data-toggle``, a class or id word
  of an accordion, toggle, collapse, FAQ, question or panel);
- it is in no ``<nav>``, ``<header>``, ``<footer>``, ``<aside>``, list item, table cell, table of
  contents or cookie banner (a box named by ``toggle_controls.json``'s ``outside_names``).

A "Back to top" or "Skip to content" link is no toggle title (no panel of text after it, or a page's
whole text after it); a footnote mark or a backlink is inside a sentence, never a block's whole text.
Source: probes of FAQ and accordion markup (bug38), the kind of body text lost with the link-dense
short blocks of trafilatura's precision mode (``htmlprocessing.delete_by_link_density``); the markup of
Elementor's Accordion and Toggle widgets, whose titles are ``<a href="">`` links that lead nowhere
(https://github.com/elementor/elementor/issues/22826, "links are still not crawlable on accordion and
toggle widgets").

:func:`unbutton_questions` keeps an accordion's question written as a toggle ``<button>`` (a ``<dt>``'s
whole text, or a button that schema.org microdata names a Question's name), which trafilatura deletes
with the button (https://github.com/adbar/trafilatura/issues/573).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

__all__ = ["unbutton_questions", "unlink_toggles", "toggle_link", "TOGGLE_LINKS", "TOGGLE_BUTTONS"]

# False: a collapsible panel's toggle-link title stays a link (stage:toggle-link-titles)
TOGGLE_LINKS = True
# False: an accordion's question in a toggle <button> outside any heading goes with the button
# (stage:toggle-button-questions)
TOGGLE_BUTTONS = True
MAX_TITLE_WORDS = 20
MAX_UP = 3
MIN_PANEL_WORDS = 6
MAX_PANEL_CHARS = 2500
_BLOCKS = frozenset("div span p h1 h2 h3 h4 h5 h6 dt strong b".split())
_OUTSIDE = frozenset("nav header footer aside li td th menu".split())
_TOC = re.compile(r"\b(?:toc|table-of-contents|tableofcontents)\b|\bmenu\b|\bnav", re.I)
_PANEL_TOGGLES = frozenset({"collapse", "tab", "pill", "accordion", "toggle"})
_CUE = re.compile(r"toggle|accordion|collaps|expand|faq|question|panel|tab-title|spoiler|reveal", re.I)
RULES_DIR = Path(__file__).resolve().parents[1] / "rules"
_REVEAL_RULES = ("reveal-summary", "reveal-toggle")  # generic.json's control labels, read as they are
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")


@lru_cache(maxsize=1)
def _controls() -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """``(labels, outside)``: one pattern matching a page control's whole label (``toggle_controls.json``'s
    labels, any language, with generic.json's reveal-summary lead and reveal-toggle pattern beside them),
    and one finding a class or id word of a box that is no article's (a cookie banner), or None.
    Raises ValueError when a rules file is missing or malformed."""
    path = RULES_DIR / "toggle_controls.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        generic = json.loads((RULES_DIR / "generic.json").read_text(encoding="utf-8"))
        labels = [str(x) for x in data["labels"]]
        outside = [re.escape(str(x)) for x in data.get("outside_names", [])]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: {exc}") from exc
    rules = {r.get("name"): r for section in generic.values() if isinstance(section, list)
             for r in section if isinstance(r, dict)}
    parts = [r"^\W*(?:" + "|".join(labels) + r")\W*$"]
    for name in _REVEAL_RULES:
        rule = rules.get(name, {})
        if rule.get("lead") or rule.get("pattern"):
            parts.append(f"(?:{rule.get('lead') or rule.get('pattern')})")
    names = re.compile(r"\b(?:" + "|".join(outside) + ")", re.I) if outside else None
    return re.compile("|".join(parts), re.I), names


def _control(label: str) -> bool:
    """Whether ``label`` (a link's text, white space collapsed) is a page control's, not a panel's title."""
    return _controls()[0].search(label) is not None


def _text(el) -> str:
    return " ".join(el.text_content().split())


def _panel_toggle(a) -> bool:
    """Whether ``a``'s ``data-toggle`` / ``data-bs-toggle`` opens a panel (``collapse``, ``tab``, ``pill``,
    ``accordion``, ``toggle``; a ``modal``, ``dropdown`` or ``tooltip`` opens no text of the page's)."""
    value = (a.get("data-toggle") or a.get("data-bs-toggle") or "").strip().lower()
    return value in _PANEL_TOGGLES


def _cued(a) -> bool:
    """Whether ``a`` or one of its four nearest ancestors is marked as a toggle: an ARIA state or role,
    a toggle attribute, or a class or id word of an accordion, toggle, collapse, FAQ or panel."""
    if _panel_toggle(a) or any(a.get(k) for k in ("aria-expanded", "aria-controls")):
        return True
    if a.get("role") == "button":
        return True
    node = a
    for _ in range(5):
        if node is None:
            return False
        names = f"{node.get('class') or ''} {node.get('id') or ''}"
        if _CUE.search(names):
            return True
        node = node.getparent()
    return False


def _target_is_panel(a, panel) -> bool | None:
    """For ``href="#id"`` naming an element of the page: whether that element is ``panel`` or inside it
    (a toggle opens the panel after it; "Back to top" points far away). None when no element is named."""
    href = (a.get("href") or "").strip()
    if len(href) < 2 or not href.startswith("#"):
        return None
    found = a.getroottree().getroot().xpath("//*[@id=$i]", i=href[1:])
    if not found:
        return None
    return any(t is panel or any(x is panel for x in t.iterancestors()) for t in found)


def toggle_link(a) -> bool:
    """Whether ``<a>`` points nowhere but the page: ``href`` ``""``, ``#...`` or ``javascript:``, or no
    ``href`` and a panel's ``data-toggle`` / ``data-bs-toggle`` (a link to another page is never one)."""
    href = a.get("href")
    if href is None:
        return _panel_toggle(a)  # no href: an anchor's target (<a name>), unless it toggles a panel
    href = href.strip()
    return not href or href[0] == "#" or href[:11].lower() == "javascript:"


def _holds_alone(parent, child) -> bool:
    """Whether ``child`` holds all of ``parent``'s text: no text of ``parent``'s own, no tail, and every
    other child textless (an icon's ``<i>`` or ``<span>``). Bounded reads: a large sibling is given up early."""
    if (parent.text or "").strip():
        return False
    for other in parent:
        if (other.tail or "").strip():
            return False
        if other is not child and isinstance(other.tag, str) and _bounded_text(other, 200) != "":
            return False
    return True


def _title_block(a):
    """The highest block up to MAX_UP levels above ``a`` whose text is all ``a``'s (see
    :func:`_holds_alone`), or ``a``."""
    block = a
    for _ in range(MAX_UP):
        parent = block.getparent()
        if parent is None or parent.tag not in _BLOCKS or not _holds_alone(parent, block):
            break
        block = parent
    return block


def _alone(a) -> bool:
    """Whether no text stands right before or after ``a`` in its parent (a line of its own)."""
    prev = a.getprevious()
    before = prev.tail if prev is not None else (a.getparent().text if a.getparent() is not None else None)
    return not (before or "").strip() and not (a.tail or "").strip()


def _panel(block):
    """The element after ``block`` (or after its parent, when ``block`` holds all its parent's text)."""
    node = block
    for _ in range(2):
        nxt = node.getnext()
        while nxt is not None and not isinstance(nxt.tag, str):
            nxt = nxt.getnext()
        if nxt is not None:
            return nxt
        parent = node.getparent()
        if parent is None or not _holds_alone(parent, node):
            return None
        node = parent
    return None


def _bounded_text(el, limit: int) -> str | None:
    """``el``'s text with runs of white space as one space, or None when its raw text passes ``limit``
    characters (read piece by piece, so a page-sized element is given up early)."""
    parts: list[str] = []
    size = 0
    for piece in el.itertext():
        size += len(piece)
        if size > limit:
            return None
        parts.append(piece)
    return " ".join("".join(parts).split())


def _panel_text(panel) -> bool:
    text = _bounded_text(panel, 2 * MAX_PANEL_CHARS)
    if not text or len(text) > MAX_PANEL_CHARS or len(text.split()) < MIN_PANEL_WORDS:
        return False
    if not _SENTENCE_END.search(text):
        return False
    linked = sum(len(_text(a)) for a in panel.iter("a"))
    return linked * 2 < len(text)


def _outside(el) -> bool:
    banner = _controls()[1]
    for anc in el.iterancestors():
        if anc.tag in _OUTSIDE:
            return True
        names = f"{anc.get('class') or ''} {anc.get('id') or ''}"
        if names.strip() and (_TOC.search(names) or (banner is not None and banner.search(names))):
            return True
    return False


def unlink_toggles(root) -> int:
    """Unwrap each toggle-link title of a collapsible panel under ``root`` (see the module's text);
    return how many. ``root``: an lxml element (the main container, or the page's root)."""
    if not TOGGLE_LINKS or root is None:
        return 0
    done = 0
    for a in [a for a in root.iter("a") if toggle_link(a)]:
        words = _text(a).split()
        if not 2 <= len(words) <= MAX_TITLE_WORDS:
            continue
        block = _title_block(a)
        if block is a and not _alone(a):
            continue  # a link inside a sentence or beside other text: no title of its own
        if _control(" ".join(words)):
            continue  # a page control's label ("Back to top", "Read more"), not a panel's title
        panel = _panel(block)
        if panel is None or not _panel_text(panel) or _outside(a):
            continue
        target = _target_is_panel(a, panel)
        if target is False or (target is None and not _cued(a)):
            continue
        a.drop_tag()
        done += 1
    return done


_QUESTION = re.compile(r"\?[\"'”’»)\]]*$")
_NOT_PLAIN = frozenset("input select textarea img svg button form p ul ol table h1 h2 h3 h4 h5 h6".split())


def _button_cued(button) -> bool:
    """Whether ``button`` toggles a panel: ``aria-expanded`` / ``aria-controls``, a panel's
    ``data-toggle`` / ``data-bs-toggle``, or an accordion's, toggle's, FAQ's or question's class word on it
    or one of its two nearest ancestors."""
    if button.get("aria-expanded") is not None or button.get("aria-controls") or _panel_toggle(button):
        return True
    node = button
    for _ in range(3):
        if node is None:
            return False
        if _CUE.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
        node = node.getparent()
    return False


def _question_name(button) -> bool:
    """Whether schema.org microdata names ``button``'s text a question: ``itemprop="name"`` on it, in an
    ``itemtype`` of ``schema.org/Question`` (itself, its parent or grandparent)."""
    if "name" not in (button.get("itemprop") or "").split():
        return False
    node = button
    for _ in range(3):
        if node is None:
            return False
        if (node.get("itemtype") or "").rstrip("/").lower().endswith("schema.org/question"):
            return True
        node = node.getparent()
    return False


def unbutton_questions(root) -> int:
    """Keep each accordion question written as a toggle ``<button>`` that is the whole text of a ``<dt>``
    (``<dl class="accordion"><dt><button aria-controls="p1">Who pays?</button></dt><dd id="p1">``,
    https://github.com/adobecom/milo/pull/6703's markup): the button is unwrapped, its text the term's.
    trafilatura deletes every ``<button>`` with its text, so the answers stayed and the questions went
    (``containers.unbutton_headings`` takes a button inside a subheading). Taken: a question (ending in
    "?", 2 to ``MAX_TITLE_WORDS`` words) of plain text, marked as a toggle (:func:`_button_cued`), a
    panel of sentence text next (as for :func:`unlink_toggles`), outside navigation and asides. A
    button alone in a ``<div>`` item before its panel is taken only when schema.org microdata names its
    text the question (``itemprop="name"`` in an ``itemtype=".../Question"``, the FAQ of
    https://github.com/adbar/trafilatura/issues/573: ``div.faq__item > button[aria-controls] +
    collapsible-content``; a question then need not end in "?"), and it becomes a ``<p>``. Without
    microdata it is left: WCXB test 5422 (a Tailwind FAQ, ``div > button[aria-controls] +
    div#faq-answer-0``) keeps the answers in its truth and leaves the questions out, and a first version
    lost .0069 there. Returns how many."""
    if not TOGGLE_BUTTONS or root is None:
        return 0
    done = 0
    for button in list(root.iter("button")):
        text = _text(button)
        named = _question_name(button)
        if not (named or _QUESTION.search(text)) or not 2 <= len(text.split()) <= MAX_TITLE_WORDS:
            continue
        if any(isinstance(el.tag, str) and el.tag in _NOT_PLAIN for el in button.iterdescendants()):
            continue
        parent = button.getparent()
        if parent is None or parent.tag in ("h1", "h2", "h3", "h4", "h5", "h6") or not _alone(button):
            continue
        in_term = parent.tag == "dt" and _text(parent) == text
        if not in_term and not named:
            continue  # a <div> item's button with no microdata: left (WCXB test 5422)
        panel = _panel(parent if in_term else button)
        if panel is None or not _panel_text(panel) or not _button_cued(button) or _outside(button):
            continue
        if in_term:
            button.drop_tag()
        else:
            for key in list(button.attrib):
                del button.attrib[key]
            button.tag = "p"
        done += 1
    return done
