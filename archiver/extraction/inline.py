"""Stage 1d: inline elements whose text trafilatura loses or cuts out of their sentence.

Each is a kind of markup seen in public bug reports against article extractors, fixed
on the cleaned tree before trafilatura runs:

- ``keep_inline_times``: trafilatura deletes every ``<time>`` element with its text
  (``MANUALLY_CLEANED`` in trafilatura 2.3.1's settings), which is right for a
  dateline standing alone and wrong for a date inside a sentence: "The vote is set
  for <time>4 March</time>, when ..." comes out "The vote is set for , when ...".
  A ``<time>`` inside running text (its block holds a sentence of its own words
  besides the date) is unwrapped, its text kept; one that is the block's only text,
  or all but a label ("Published"), stays for trafilatura (and the dateline rules)
  to take. A timeline written as ``<div>`` entries, each a ``<time>`` before its ``<p>``
  (``TIMELINE_ENTRY_TEST``), keeps each date as a line of its own. Same kind: text inside ``<nobr>`` dropped,
  https://github.com/adbar/trafilatura/issues/825. A date that is a table cell's whole text
  (a date column: GOV.UK writes its bank-holiday rows ``<th><time>29 March</time></th>``,
  https://github.com/alphagov/frontend/pull/3982) or a list item's label (a timeline,
  ``<li><time>1926</time> The first pier opens ...</li>``) is the table's or the list's text
  too (``LIST_CELL_TIMES``; the DOM stage's ``date`` rule leaves those alone); a report of
  trafilatura dropping every date beside the items it kept:
  https://github.com/chalie-ai/chalie/pull/1723.
- ``unwrap_noindex``: Yandex's ``<noindex>`` marks text its crawler should not index; Russian
  sites wrap an outside link in it inside a sentence ("подробности есть на <noindex><a
  rel="nofollow">сайте компании</a></noindex>."). trafilatura deletes every ``<noindex>``
  with its text (``MANUALLY_CLEANED``), so the sentence came out "подробности есть на ."
  (the ``<nobr>`` kind again). A ``<noindex>`` inside running text is unwrapped, its
  text kept; one around a block (a counter, an ad) stays for trafilatura to take.
- ``quote_inline_q``: trafilatura turns ``<q>`` into a block quote, so a sentence
  quoting a phrase with ``<q>`` is cut in two lines at the quote, and the quotation
  marks the browser draws are lost. Each ``<q>`` inside running text becomes its text
  between the marks a browser shows for the page's language (CSS 2 ``quotes``,
  the HTML standard's rendering section).
- ``join_heading_lines``: a ``<br>`` inside a heading that cuts a phrase ("What
  changes<br>at the north slip": no sentence end before it, a lower-case word after
  it) is a line wrap chosen for the layout; trafilatura writes the two halves as two
  lines, which read as a heading and a paragraph. It becomes a space. A break between
  a label and a title, a date and a time, or two sentences stays a line break.
- ``unborder_spans``: trafilatura's precision mode deletes every ``<span>`` (``<div>``,
  ``<p>`` ...) whose ``style`` names a border (``PRECISION_DISCARD_XPATH``: a boxed widget),
  text and all; a ``<span style="border-bottom: 1px dotted">`` underlining a term inside a
  sentence is no box, and "call it <span ...>the north slip</span> in" came out "call it in"
  (bare trafilatura, in its default mode, kept the words). Such a span inside running text loses
  its ``style``.
- ``unwrap_inline_buttons``: trafilatura deletes every ``<button>`` with its text (``MANUALLY_CLEANED``),
  right for a control ("Share", "Copy link") and wrong for a term a glossary or tooltip script
  marks up as a button inside a sentence: "the <button class="glossary-term">sill depth</button>
  at the gates" came out "the at the gates" (a reader skipping a button's words mid-sentence,
  https://github.com/ken107/read-aloud/issues/219). A ``<button>`` with a term's sign (a glossary,
  tooltip, side-note or person class word, a tooltip or popover trigger: ``boxterms.term_button``,
  ``rules/inline_terms.json``), a few words of plain text, no control's label, role, state or place,
  inside running text with words of the same sentence on both sides (``boxterms.sentence_sides``), is
  unwrapped, its text kept.
  The same for a ``<label>`` (``INLINE_LABELS``), which trafilatura deletes the same way: figures
  a template wrote as labels inside a sentence ("between day <label>1</label> and day
  <label>30</label> of each month" came out "between day and day of each month", text inside
  ``<label>`` not read: https://github.com/meliorence/react-native-render-html/issues/90), when
  it has no form field it could belong to (``boxterms.free_label``: its ``for`` names no field of the
  page as it came, its form, fieldset or container holds none); labels are judged before any button.
"""

from __future__ import annotations

import re

from lxml import etree

from .boxterms import free_label, glue, running_block, sentence_sides, term_button
from .headings import SENTENCE_END
from .tagged import elements

__all__ = ["join_heading_lines", "keep_inline_times", "quote_inline_q", "repair_inline", "unborder_spans",
           "unwrap_inline_buttons", "unwrap_noindex"]

# blocks whose text is running text (a <time> or <q> in them is inside a sentence)
_RUNNING = frozenset("p li dd td blockquote figcaption h2 h3 h4 h5 h6".split())
_BLOCKS = frozenset("""address article aside blockquote dd details div dl dt fieldset figcaption figure footer
    form h1 h2 h3 h4 h5 h6 header li main nav ol p pre section table td th tr ul""".split())
MIN_OTHER_WORDS = 6  # words of the block outside the <time>: a sentence, not "Published" or "Updated"
_WORD = re.compile(r"\w+")
_CONTINUES = re.compile(r"^\s*[a-zà-öø-ÿ]")  # the next piece starts with a lower-case letter (as repair.py)
KEEP_TIMES = True
LIST_CELL_TIMES = True  # a date in a list item (a timeline) or the whole text of a table cell (a date column)
_CELLS = frozenset(("td", "th"))
# a timeline's entry in the body: a <div> of a <time> and its <p>, the time a date (a word or a year; not a
# clock time, "10:32" or "00:01:12", a live blog's or a transcript's), no link or heading (a teaser's has its
# headline link), beside another such entry, in a container between body paragraphs; the same test as the
# unless of generic.json's "date" rule, which leaves these <time>s to this stage (a test keeps the two equal)
TIMELINE_ENTRY_TEST = ("self::*[not(contains(., ':'))][translate(normalize-space(.), '0123456789.-/ ', '') != '' "
                       "or string-length(normalize-space(.)) = 4]"
                       "/parent::div[p][not(.//a or .//h1 or .//h2 or .//h3 or .//h4)]"
                       "[preceding-sibling::div[time] or following-sibling::div[time]]"
                       "/parent::*[preceding-sibling::p or following-sibling::p]")
_TIMELINE_ENTRY = etree.XPath(TIMELINE_ENTRY_TEST)
TIMELINE_DIVS = True  # False: a <div> timeline's dates go as datelines (ablation)
UNWRAP_NOINDEX = True
QUOTE_Q = True
HEADING_LINES = True
# a listicle's item number alone before the <br> ("<h2><span>1.</span><br>Cross early</h2>"): joined too
HEADING_NUMBERS = True
_ITEM_NUMBER = re.compile(r"^\s*(?:#\s*)?\d{1,3}\s*[.)]?$")
_STARTS_WORD = re.compile(r"^\s*\w")
UNBORDER_SPANS = True
_BORDERED_SPANS = etree.XPath("/descendant::span[contains(@style, 'border')]")  # one C-level walk
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
INLINE_BUTTONS = True  # False: a term marked up as a <button> inside a sentence goes, text and all (ablation)
INLINE_LABELS = True  # False: a <label> inside a sentence goes, text and all (ablation)
_BUTTONS = etree.XPath("/descendant::button")  # one C-level walk
_LABELS = etree.XPath("/descendant::label")
_IDS = etree.XPath("/descendant::*[@id]")

# the marks browsers draw around <q>, by the page's language (primary subtag); others as English
_MARKS = {"de": ("„", "“"), "fr": ("« ", " »"), "pl": ("„", "”"), "nl": ("“", "”"), "it": ("«", "»"),
          "es": ("«", "»"), "pt": ("“", "”"), "ru": ("«", "»"), "cs": ("„", "“"), "da": ("»", "«"),
          "sv": ("”", "”"), "ja": ("「", "」"), "zh": ("“", "”")}


def _block(el):
    for anc in el.iterancestors():
        if anc.tag in _BLOCKS:
            return anc
    return None


def _unwrap(el, before: str = "", after: str = "") -> None:
    """Replace ``el`` by its children and text, ``before`` and ``after`` its text (lxml drop_tag)."""
    el.text = before + (el.text or "")
    if after:
        if len(el):
            last = el[-1]
            last.tail = (last.tail or "") + after
        else:
            el.text += after
    el.drop_tag()


def keep_inline_times(root, found: dict | None = None) -> int:
    """Unwrap each ``<time>`` of ``root`` that stands inside a sentence; return how many.

    Inside a sentence: its nearest block is running text (``_RUNNING``: a paragraph,
    list item, cell, quote, subheading) holding ``MIN_OTHER_WORDS`` words or more
    outside the ``<time>``. Changes the tree in place.
    """
    if not KEEP_TIMES:
        return 0
    kept = 0
    times = list(elements(root, found, "time"))
    # every entry tested before any is changed: an entry's test reads its neighbours' <time>
    dated = {id(t) for t in times if TIMELINE_DIVS and (t.text_content() or "").strip() and _TIMELINE_ENTRY(t)}
    for time in times:
        if id(time) in dated:
            time.tag = "p"  # the entry's date line: a paragraph of its own before the entry's text
            kept += 1
            continue
        block = _block(time)
        if block is None or not (time.text_content() or "").strip() or \
                (block.tag not in _RUNNING and not (LIST_CELL_TIMES and block.tag == "th")):
            continue
        if not LIST_CELL_TIMES and block.tag in ("li", "td"):
            continue  # as before the DOM stage spared them: its "date" rule took them
        words = len(_WORD.findall(block.text_content())) - len(_WORD.findall(time.text_content()))
        if words >= MIN_OTHER_WORDS or (LIST_CELL_TIMES and block.tag in _CELLS and words == 0):
            _unwrap(time)
            kept += 1
    return kept


def _language(root) -> str:
    lang = (root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip().lower()
    return lang.split("-")[0].split("_")[0]


def unwrap_noindex(root, found: dict | None = None) -> int:
    """Unwrap each ``<noindex>`` of ``root`` that stands inside a sentence (as ``keep_inline_times``:
    its nearest block is running text with ``MIN_OTHER_WORDS`` words or more outside it); return how many."""
    if not UNWRAP_NOINDEX:
        return 0
    done = 0
    for el in elements(root, found, "noindex"):
        block = _block(el)
        if block is None or block.tag not in _RUNNING or el.getparent() is None:
            continue
        if len(_WORD.findall(block.text_content())) - len(_WORD.findall(el.text_content())) >= MIN_OTHER_WORDS:
            _unwrap(el)
            done += 1
    return done


def quote_inline_q(root, found: dict | None = None) -> int:
    """Replace each ``<q>`` of ``root`` inside running text by its text between quotation marks; return how many.

    The marks are the browser's for the page's ``lang`` (``_MARKS``; English “ ” otherwise);
    a ``<q>`` nested in another takes the single marks ‘ ’ in English. Changes the tree in place.
    """
    if not QUOTE_Q:
        return 0
    qs = elements(root, found, "q")
    if not qs:
        return 0
    outer = _MARKS.get(_language(root), ("“", "”"))
    done = 0
    for q in reversed(qs):  # innermost first: a nested <q> is inside its outer one's text
        if q.getparent() is None or _block(q) is None:
            continue
        nested = any(anc.tag == "q" for anc in q.iterancestors())
        before, after = ("‘", "’") if nested and outer == ("“", "”") else outer
        _unwrap(q, before, after)
        done += 1
    return done


def join_heading_lines(root, found: dict | None = None) -> int:
    """Make a space of each ``<br>`` that cuts a phrase inside a heading, or (``HEADING_NUMBERS``) that
    parts an item number ("1.", "12)", "#3") opening the heading from the item's title; return how many."""
    if not HEADING_LINES:
        return 0
    done = 0
    headings = [h for tag in _HEADINGS for h in found.get(tag, ())] if found is not None else \
        list(root.iter(*_HEADINGS))
    for br in [br for h in headings if len(h) for br in h.iter("br")]:
        parent = br.getparent()
        if parent is None:
            continue
        prev = br.getprevious()
        before = (prev.tail if prev is not None and (prev.tail or "").strip() else
                  prev.text_content() if prev is not None else parent.text) or ""
        nxt = br.getnext()
        after = (br.tail if (br.tail or "").strip() else nxt.text_content() if nxt is not None else "") or ""
        before = before.rstrip()
        if HEADING_NUMBERS and _ITEM_NUMBER.match(before) and _STARTS_WORD.match(after) \
                and (br.getprevious() is None or not (parent.text or "").strip()):
            pass  # "1." then the item's title: one line, "1. Cross early in the day"
        elif not before or SENTENCE_END.search(before) or before.endswith(":") or not _CONTINUES.match(after):
            continue  # a label and a title, a date and a time, two sentences: two lines, as shown
        tail = (br.tail or "").lstrip()
        br.tail = " " + tail
        br.drop_tag()
        done += 1
    return done


def unborder_spans(root) -> int:
    """Drop the ``style`` of each ``<span>`` with a border inside a running-text block (``<p>``,
    ``<li>``, a subheading ...); return how many."""
    if not UNBORDER_SPANS:
        return 0
    done = 0
    for span in _BORDERED_SPANS(root):
        block = _block(span)
        if block is not None and block.tag in _RUNNING:
            del span.attrib["style"]
            done += 1
    return done


def unwrap_inline_buttons(root) -> int:
    """Unwrap each ``<label>`` (``INLINE_LABELS``) with no form field it could belong to and each
    ``<button>`` (``INLINE_BUTTONS``) with a term's sign (``boxterms.free_label``, ``boxterms.term_button``)
    that stands inside a sentence of running text, words of that sentence on both sides
    (``boxterms.sentence_sides``); return how many. Labels are judged on the tree as it came (before
    any button in them is unwrapped). Changes the tree in place."""
    boxes = []
    if INLINE_LABELS:
        labels = _LABELS(root)
        if labels:
            ids = {el.get("id").strip(): el for el in _IDS(root)}
            seen: dict = {}
            boxes += [el for el in labels if free_label(el, ids, seen)]
    if INLINE_BUTTONS:
        boxes += [el for el in _BUTTONS(root) if term_button(el)]
    by_block: dict = {}
    for el in boxes:
        block = running_block(el)
        if block is not None:
            by_block.setdefault(block, []).append(el)
    done = 0
    for block, els in by_block.items():
        for el, (before, after) in sentence_sides(block, els).items():
            left, right = glue(before, el.text_content(), after)
            _unwrap(el, left, right)
            done += 1
    return done


def repair_inline(root, found: dict | None = None) -> int:
    """Run every repair of this module; return the count of elements changed.

    ``found``: the elements of ``tagged.WATCHED`` from one walk (``tagged.by_tag``); without it
    each repair walks the tree for its own tags.
    """
    return (keep_inline_times(root, found) + unwrap_noindex(root, found) + quote_inline_q(root, found)
            + join_heading_lines(root, found) + unborder_spans(root) + unwrap_inline_buttons(root))
