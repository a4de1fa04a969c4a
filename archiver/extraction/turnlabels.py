"""A short label before the paragraph of its turn: a transcript's speaker, an interview's ``Q:``.

Transcripts and interviews write each turn as a wrapper holding a label and the turn's text:
``<div class="turn"><span class="ts">00:01:12</span> <span class="speaker">MORWEN:</span>
<p>We pressed nine tonnes...</p></div>``, or ``<div><strong>Q:</strong><p>...</p></div>``.
trafilatura's precision mode reads no loose text beside ``<p>`` text, so every speaker went and the
turns read as one voice; bare trafilatura (default mode) kept them. Each such label is given a
``<p>`` of its own (:func:`~.brlines.wrap_run`), as a label written ``<p class="speaker">`` already
is (kept by both).

A label here: the loose run before the wrapper's first ``<p>`` (the wrapper's own text and inline
elements, no block between; that ``<p>`` of :data:`MIN_TURN_WORDS` words or more, mostly not links:
a footer column's heading above its links is no speaker), at most :data:`MAX_WORDS` words and
:data:`MAX_CHARS` characters, not a bare clock time (a live blog's entry times are a convention the
truth sets disagree on). A turn is a ``<div>`` with ``<p>`` children and no other block (but a label
``<div>``, first: ``TURN_LABEL_DIVS``). Only a repeated structure counts: at least :data:`MIN_TURNS`
such wrappers under one parent (a one-off ``<span>Advertisement</span>`` before a paragraph is not
a transcript), and someone must speak twice: the same label (a leading clock time and a closing
colon aside) on two of them, or every label a question (an interview's, each answered in its
``<p>``). A footer's columns under their headings, a list of numbered steps, a
box of disclosures ("Disclaimer:", "Advertiser Disclosure:") never repeat one.

A turn may also be written wholly as loose text (``TURN_WHOLE``): ``<div class="turn"><span
class="speaker">MORAN:</span> Until the divers have finished ...</div>``, no block inside, the label
an inline element first (nothing before it) and :data:`MIN_TURN_WORDS` words or more after it. Such a
``<div>`` becomes a ``<p>`` (label and words one paragraph, as bare trafilatura reads it on a short
page), under the same tests: :data:`MIN_TURNS` or more under one parent, and a dialogue.
"""

from __future__ import annotations

import re

from lxml import etree

from .brlines import BESIDE_DIVS_TEST, is_block, loose_runs, wrap_run

TURN_LABELS = True  # a short label before each turn's <p> in a repeated wrapper gets a <p> (ablation)
TURN_LABEL_DIVS = True  # ... and so does a label written as a <div> of its own, first in the turn (ablation)
TURN_LABEL_RUNS = True  # ... and the labels of turns with no wrapper each, loose in the transcript's <div> (ablation)
TURN_WHOLE = True  # ... and turns written wholly as loose text, a label first: the <div> a <p> (ablation)
MAX_WORDS = 6
MAX_CHARS = 60
MIN_TURNS = 2
MIN_TURN_WORDS = 4  # the words of a turn's <p> after its label, at least
_INLINE_FIRST = "self::span or self::strong or self::b or self::em or self::i or self::time or self::small"
# a <div> with <p> children and no other block but a label <div> first (inline content only), loose
# text, an inline element or that <div> before a <p>
_LABEL_DIV = f"self::div[not(*[not({_INLINE_FIRST})])]"
_TURN_TEST = ("p and not(ul|ol|table|blockquote|pre|figure|section|h1|h2|h3|h4|h5|h6) and "
              f"not(div[preceding-sibling::* or not({_LABEL_DIV})]) and "
              f"(text()[normalize-space()][following-sibling::p] or *[1][{_INLINE_FIRST} or {_LABEL_DIV}]"
              "[following-sibling::p])")
# a <div> of inline content only, an inline element first with no text before it: a turn written wholly as loose text
# (its own text first: most <div>s have none, the cheapest test to fail; a label ends in a colon or a question mark)
_WHOLE_TEST = ("text()[normalize-space()] and *[1][self::span or self::strong or self::b]"
               "[contains(':?', substring(normalize-space(), string-length(normalize-space())))] "
               "and not(text()[normalize-space()][not(preceding-sibling::*)]) "
               f"and not(*[not({_INLINE_FIRST} or self::a or self::br)])")
_TURN_TEST = f"({_TURN_TEST}) or ({_WHOLE_TEST})"
_TURNS = etree.XPath(f"/descendant::div[{_TURN_TEST}]")
# one walk of the page's <div>s for this stage and brlines.wrap_beside_divs (a walk is ~0.15 ms a page)
# ... and the <div>s with an ARIA heading or list role, for ariaheadings.name_aria_roles (@role first:
# most <div>s have none, and one attribute test is cheaper than two, ~0.04 ms a page for the role test)
_ROLE_TEST = "@role and (@role='heading' or @role='list')"
_LOOSE_TEXT_DIVS = etree.XPath(f"/descendant::div[({_ROLE_TEST}) or ({BESIDE_DIVS_TEST}) or ({_TURN_TEST})]")
_IS_BESIDE = etree.XPath(f"boolean(self::div[{BESIDE_DIVS_TEST}])")
_IS_LOOSE = etree.XPath(f"boolean(self::div[({BESIDE_DIVS_TEST}) or ({_TURN_TEST})])")
_CLOCK = re.compile(r"\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?", re.IGNORECASE)


def _label(div):
    """The text of ``div``'s label (its loose run before its first block, a ``<p>``; or
    (``TURN_LABEL_DIVS``) a first ``<div>`` child of inline content, a ``<p>`` next), or None."""
    blocks = [child for child in div if is_block(child)]
    if not blocks:  # a turn written wholly as loose text: its first inline element, words after it
        return _whole_label(div)
    if blocks[0].tag == "div":  # the label in a <div> of its own
        if not TURN_LABEL_DIVS or len(blocks) < 2 or blocks[1].tag != "p" or (div.text or "").strip():
            return None
        text = " ".join("".join(blocks[0].itertext()).split())
        return text if _short(text) and _spoken(blocks[1]) else None
    runs = loose_runs(div)
    if not runs or runs[0][0] != -1:
        return None
    if not blocks or blocks[0].tag != "p" or not _spoken(blocks[0]):
        return None
    text = " ".join("".join(runs[0][1].itertext()).split())
    return text if _short(text) else None


def _whole_label(div):
    """The label of a turn written wholly as loose text (``TURN_WHOLE``): the text of ``div``'s first
    child, an inline element with no text before it, when :data:`MIN_TURN_WORDS` words or more, mostly
    not links, follow it; or None."""
    if not TURN_WHOLE or not len(div) or (div.text or "").strip() or div[0].tag not in ("span", "strong", "b"):
        return None
    text = " ".join("".join(div[0].itertext()).split())
    return text if _short(text) and _spoken(div, skip=len(text)) else None


def _spoken(p, skip: int = 0) -> bool:
    """``p`` reads as a turn's words: :data:`MIN_TURN_WORDS` words or more, most of them no link's
    (a footer column's or a menu's ``<p>`` under its heading is links or a few words)."""
    text = " ".join("".join(p.itertext()).split())[skip:]
    if len(text.split()) < MIN_TURN_WORDS:
        return False
    linked = sum(len(" ".join("".join(a.itertext()).split())) for a in p.iter("a"))
    return linked * 2 < len(text)


def _speaker(label: str) -> str:
    """``label`` without a leading clock time and a closing colon, case-folded: who speaks."""
    clock = _CLOCK.match(label)
    return label[clock.end():].strip().rstrip(":").strip().casefold() if clock else label.rstrip(":").strip().casefold()


def _short(text: str) -> bool:
    """``text`` reads as a label: a few words, no bare clock time."""
    return bool(text) and len(text) <= MAX_CHARS and len(text.split()) <= MAX_WORDS and not _CLOCK.fullmatch(text)


def loose_text_divs(root) -> tuple[list, list, list]:
    """``(beside, turns, roles)``: the ``<div>``s for ``brlines.wrap_beside_divs`` (loose text beside
    ``<div>`` blocks, no ``<p>``), the candidate turns of :func:`wrap_turn_labels` and the ``<div>``s
    with ``role="heading"`` or ``role="list"`` (for ``ariaheadings.name_aria_roles``), in document
    order, from one XPath walk (the first two sets cannot overlap: a turn has a ``<p>``, the others
    none; a role ``<div>`` may be in one of them too)."""
    beside: list = []
    turns: list = []
    roles: list = []
    for div in _LOOSE_TEXT_DIVS(root):
        if div.get("role") in ("heading", "list"):
            roles.append(div)
            if not _IS_LOOSE(div):
                continue
        (beside if _IS_BESIDE(div) else turns).append(div)
    return beside, turns, roles


def wrap_turn_labels(root, divs: list | None = None) -> int:
    """Give each turn's label (module docstring) a ``<p>`` before its text; return how many.

    ``root``: the page's lxml tree, changed in place; ``divs``: the candidate turns when found
    already (:func:`loose_text_divs`). A parent's turns are wrapped only when :data:`MIN_TURNS` or
    more of its ``<div>`` children have a label."""
    if not TURN_LABELS:
        return 0
    by_parent: dict = {}
    wrapped = 0
    for div in _TURNS(root) if divs is None else divs:
        runs = _wrap_runs(div) if TURN_LABEL_RUNS else 0
        if runs:
            wrapped += runs
            continue
        label = _label(div)
        if label is not None:
            by_parent.setdefault(div.getparent(), []).append((div, _speaker(label)))
    for turns in by_parent.values():
        speakers = [speaker for _, speaker in turns]
        if len(turns) < MIN_TURNS:
            continue
        if not _dialogue(speakers):
            continue  # no one speaks twice, and no questions asked: a footer's columns, a list's headed items
        for div, _ in turns:
            first = next((child for child in div if is_block(child)), None)
            if first is None:
                div.tag = "p"  # a turn written wholly as loose text: one paragraph, label and words
            elif first.tag == "div":
                first.tag = "p"  # the label's own <div>: a paragraph, its inline content as it was
            else:
                wrap_run(div, -1)
            wrapped += 1
    return wrapped


def _dialogue(speakers: list[str]) -> bool:
    """Someone speaks twice, or every label is a question."""
    return len(set(speakers)) < len(speakers) or all(speaker.endswith("?") for speaker in speakers)


def _wrap_runs(div) -> int:
    """The turns with no wrapper each (``TURN_LABEL_RUNS``): ``div``'s own loose runs, each a label
    right before a ``<p>`` of the turn's words, :data:`MIN_TURNS` or more of them and a dialogue
    (:func:`_dialogue`), each get a ``<p>``; return how many (0: ``div`` is left as it was)."""
    children = list(div)
    labelled = []
    for at, run in loose_runs(div):
        text = " ".join("".join(run.itertext()).split())
        after = next((child for child in children[at + 1:] if is_block(child)), None)
        if after is None or after.tag != "p" or not _short(text) or not _spoken(after):
            return 0  # a loose run that is no label, or no turn after it: not a transcript's body
        labelled.append((at, _speaker(text)))
    if len(labelled) < MIN_TURNS or not _dialogue([speaker for _, speaker in labelled]):
        return 0
    for at, _ in reversed(labelled):  # from the end: wrapping shifts the indexes after it
        wrap_run(div, at)
    return len(labelled)
