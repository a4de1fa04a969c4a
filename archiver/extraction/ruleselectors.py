"""The selectors of rules that CSS cannot say: an XPath rule (with a fast path for class and id
``contains()`` tests answered from the page index) and a label rule (short texts matching a lead
pattern, searched as one union over a page's short texts). Moved out of ``rules.py``, which loads
and compiles the rule files.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from .anchoring import starts_anchored
from .selectors import Index, Needs

__all__ = ["LabelSelector", "TagXPathSelector", "XPathSelector"]

_CONTAINS = r"""contains\(\s*@([\w-]+)\s*,\s*(?:'([^']+)'|"([^"]+)")\s*\)"""
_CONTAINS_ONLY = re.compile(rf"^\s*//\*\[\s*{_CONTAINS}(?:\s+or\s+{_CONTAINS})*\s*\]"
                            r"\s*(?:\[\s*not\(\s*self::(?P<not_tag>[a-z][a-z0-9]*)\s*\)\s*\])?\s*$")


# False: an XPath rule's "gate_class", "gate_attrs" and "gate_text" are not looked at, its XPath always run (speed only)
GATES = True

_page_text: list = [None, b""]  # the root last asked, its text (scripts' too) in UTF-8; held: no root takes its id


def _document_text(root) -> bytes:
    """The whole text of the page under ``root`` (its string value: every text node's, scripts' too, as
    XPath's ``string()`` gives it) in UTF-8, read once a page for every text-gated rule. A string occurs in
    the text exactly where its UTF-8 occurs in these bytes, and libxml2 gives them as it holds them (no
    decoding to a Python string: 0.19 -> 0.09 ms a speed page with the gate's tests). Text the DOM stage
    removes since stays in it: a gate then runs its XPath for nothing, never leaves a match out."""
    if _page_text[0] is not root:
        _page_text[0], _page_text[1] = root, etree.tostring(root, method="text", encoding="utf-8", with_tail=False)
    return _page_text[1]


def text_gate_groups(gate: Any) -> tuple[tuple[bytes, ...], ...]:
    """A rule's ``gate_text`` as groups of UTF-8 strings, the page's text holding one string of each group
    wherever the XPath can select anything: a list of strings is one group; a list of lists, one group each
    (``[["Guest", "Gast"], ["Welcome", "Willkommen"]]``: a guest word and a greeting). ValueError for another shape."""
    items = list(gate)
    if all(isinstance(item, str) for item in items):
        groups = [items] if items else []
    elif all(isinstance(item, (list, tuple)) and item and all(isinstance(s, str) for s in item) for item in items):
        groups = items
    else:
        raise ValueError(f"'gate_text' must be a list of strings or a list of lists of strings, not {gate!r}")
    return tuple(tuple(s.encode("utf-8") for s in group) for group in groups)


def attr_gate_pairs(gate: Any) -> tuple[tuple[str, str], ...]:
    """A rule's ``gate_attrs`` (``[["data-component", "ewsletter"], ...]``) as (attribute, substring) pairs.
    ValueError for another shape."""
    items = list(gate)
    if not all(isinstance(item, (list, tuple)) and len(item) == 2 and all(isinstance(s, str) and s for s in item)
               for item in items):
        raise ValueError(f"'gate_attrs' must be a list of [attribute, substring] pairs, not {gate!r}")
    return tuple((name, sub) for name, sub in items)


class XPathSelector:
    """An XPath rule, with the same ``select(index)`` face as a compiled CSS selector.

    ``//*[contains(@a, 's') or contains(@b, 't') ...]`` (class-substring rules), also with a
    tag left out (``...[not(self::a)]``), is answered from the page index, which looks the
    substrings up in the pass it makes anyway, instead of a libxml2 walk over every element
    per rule. Like every index answer it may list elements removed since the index was
    built, which the DOM stage skips as detached; a document with more than one top-level element (``//`` then
    covers what ``index.root`` does not) is searched with the XPath.
    """

    __slots__ = ("source", "xpath", "needs", "contains", "not_tag", "gate", "text_gate")

    def __init__(self, expr: str, gate: frozenset[str] = frozenset(), text_gate: Any = (),
                 gate_attrs: Any = ()) -> None:
        self.source, self.xpath = expr, etree.XPath(expr)
        pairs: frozenset[tuple[str, str]] = frozenset()
        self.not_tag: str | None = None  # the tag ``[not(self::tag)]`` leaves out
        if match := _CONTAINS_ONLY.match(expr):
            pairs = frozenset((name, single or double)
                              for name, single, double in re.findall(_CONTAINS, expr))
            self.not_tag = match.group("not_tag")
        self.contains = pairs
        # a rule's "gate_class": substrings one of which some element's class holds wherever the XPath can
        # select anything; the page index, which searches class values in the pass it makes anyway, says
        # whether one does, and the XPath (a libxml2 walk over the page) is left out where none does
        # "gate_attrs" likewise for other attributes, as [attribute, substring] pairs (a rule whose every branch
        # tests a data-* or aria-label attribute's value)
        pairs_gated = [*(("class", sub) for sub in gate), *attr_gate_pairs(gate_attrs)]
        self.gate = frozenset(pairs_gated) if GATES else frozenset()
        self.needs = Needs(contains=pairs | self.gate)
        # a rule's "gate_text": strings one of which the page's text holds wherever the XPath can select
        # anything (a greeting's first word for a rule whose every branch starts from text nodes holding one),
        # or groups of them, one of each group held; a page whose text misses a group is not walked (libxml2's
        # contains() copies each text node per test)
        groups = text_gate_groups(text_gate)
        self.text_gate = groups if GATES else ()

    def select(self, index: Index) -> list:
        root = index.root
        single = root.getparent() is None and root.getprevious() is None and root.getnext() is None
        if self.contains and single:
            found = index.by_substring(self.contains)
            if found is not None:
                return found if self.not_tag is None else [el for el in found if el.tag != self.not_tag]
        if self.gate and single and index.by_substring(self.gate) == []:
            return []  # no element's class holds a gate's substring (the index lists removed elements too)
        if self.text_gate:
            text = _document_text(root)
            for group in self.text_gate:
                if not any(needle in text for needle in group):
                    return []
        return [el for el in self.xpath(root) if isinstance(el, etree._Element)]


class TagXPathSelector:
    """An XPath rule asked of each element of one tag (a rule's ``"from_tag"`` beside its ``"xpath"``,
    written relative: ``self::form[...]/preceding-sibling::*[1]``), the tag's elements coming from the page
    index, which other rules of the tag share: no libxml2 walk over the whole page for a rule about a
    rare element (``/descendant::form[...]`` costs one, about 0.2 ms a page). Matches are kept once each,
    in the order their tag's elements come.
    """

    __slots__ = ("source", "tag", "xpath")
    needs = Needs()

    def __init__(self, tag: str, expr: str) -> None:
        self.source, self.tag, self.xpath = expr, tag, etree.XPath(expr)

    def select(self, index: Index) -> list:
        found: dict = {}
        for el in index.by_tag(self.tag):
            for hit in self.xpath(el):
                if isinstance(hit, etree._Element):
                    found.setdefault(hit, None)
        return list(found)


class LabelSelector:
    """Elements of the given tags that start with a short text matching ``lead`` (a rule's
    ``"lead"`` without ``css``/``xpath``).

    Short text nodes are found by one XPath in libxml2, and only those few are tested
    in Python: testing the leading text of every ``<div>`` of a page costs a page's
    DOM stage over again.
    """

    __slots__ = ("source", "lead", "tags", "label_block")
    needs = Needs()
    # the document's text nodes with 3-39 characters, whitespace collapsed: ``//text()[...][...]``, written
    # as one step (libxml2 builds no node-set of every node first), the length read once: floor((n - 3) div 37)
    # is 0 for n from 3 to 39 only. Tails go first, before their text is copied for normalize-space(): lxml
    # calls a text node a tail when an element, comment or processing instruction comes before it among its
    # siblings, so every one it calls an element's text has no element before it (``is_text`` then picks
    # those as before): 0.43 -> 0.29 ms a speed page
    _SHORT = etree.XPath("/descendant::text()[not(preceding-sibling::*[1])]"
                         "[floor((string-length(normalize-space()) - 3) div 37) = 0]")

    def __init__(self, lead: re.Pattern[str], tags: frozenset[str], label_block: bool = False) -> None:
        self.source, self.lead, self.tags = lead.pattern, lead, tags
        # the unit's label is a block of its own, its first child ("<div><div>Advertisement</div><p>..."):
        # the unit is the parent of the block holding only the label
        self.label_block = label_block
        LabelSelector._leads.setdefault(lead, None)
        LabelSelector._any[0] = None  # joined again when next asked

    # the page last searched and its short leading texts (not tails: a tail does not start its
    # element) as (text node, its text whitespace-collapsed), shared by every label rule; only the
    # texts one of the leads made so far can match (one search of them all, not one a rule)
    _last: list = [None, []]
    _leads: dict = {}  # every LabelSelector's lead, in the order made
    _any: list[Any] = [None]  # the search of their union (None: not joined yet; False: they cannot be)

    def select(self, index: Index) -> list:
        last = LabelSelector._last
        if last[0] is not index.root:
            if LabelSelector._any[0] is None:
                LabelSelector._any[0] = _union(tuple(LabelSelector._leads)) or False
            any_lead = LabelSelector._any[0] if JOINED_LEADS else None
            last[0], last[1] = index.root, _short_leads(self._SHORT(index.root), any_lead)
        found: dict = {}
        search = self.lead.search
        for node, text in last[1]:
            if not search(text):
                continue
            el = node.getparent()
            if self.label_block:
                unit = _labelled_unit(el, text, self.tags)
                if unit is not None:
                    found.setdefault(unit, None)
                continue
            for _ in range(3):  # climb while the element is its parent's leading child
                if el.tag in self.tags:
                    found.setdefault(el, None)
                    break
                parent = el.getparent()
                if parent is None or parent[0] is not el or (parent.text is not None and parent.text.strip()):
                    break
                el = parent
        return list(found)


JOINED_LEADS = True  # False: every label rule searches every short text itself (the union skipped)
MEMO_LEADS = True  # False: the union is asked of every short text of every page (speed only: the same answers)
_MEMO_LIMIT = 50_000
_MEMO_KEY_CHARS = 200  # a longer text as found (white space around a short text) is asked again, not kept
_memo: list[Any] = [None, {}]  # the union last asked, and text as found -> whitespace collapsed if it matches, else ""


def _short_leads(nodes: list, any_lead: Any) -> list:
    """``[(text node, its text whitespace-collapsed), ...]`` of ``nodes`` (``LabelSelector._SHORT``'s answer)
    whose collapsed text ``any_lead`` (the union's ``match`` or ``search``) finds, all text nodes when it is
    None. The answers are kept across pages, by the text as found (about half of a page's short texts,
    "Share", "Menu", "Advertisement", were met on an earlier page): the union's 15 alternatives are tried
    once a text, not once a page."""
    if not any_lead or not MEMO_LEADS:
        texts = [(node, " ".join(node.split())) for node in nodes if node.is_text]
        return [pair for pair in texts if any_lead(pair[1])] if any_lead else texts
    if _memo[0] is not any_lead or len(_memo[1]) >= _MEMO_LIMIT:
        _memo[0], _memo[1] = any_lead, {}
    seen = _memo[1]
    found = []
    for node in nodes:
        if not node.is_text:
            continue
        key = str(node)  # a plain copy: the node's own string holds its element, so the page, alive
        text = seen.get(key)
        if text is None:
            collapsed = " ".join(key.split())
            text = collapsed if any_lead(collapsed) else ""
            if len(key) <= _MEMO_KEY_CHARS:  # 39 characters and a page's worth of white space: not kept
                seen[key] = text
        if text:
            found.append((node, text))
    return found
_FLAG_LETTERS = ((re.I, "i"), (re.M, "m"), (re.S, "s"))


def _union(leads: tuple[re.Pattern[str], ...]) -> Any:
    """The ``search`` of one pattern that matches a text wherever one of ``leads`` does (each an
    alternative under its own flags), or None when they cannot be joined so: a back-reference or
    a conditional (group numbers shift), verbose mode, inline global flags. Its ``match`` when every
    lead is anchored at the start (``anchoring.py``): the same answer, not tried at every position."""
    parts = []
    for lead in leads:
        if lead.flags & re.X or re.search(r"\\[1-9]|\(\?P=|\(\?\(", lead.pattern):
            return None
        flags = "".join(letter for flag, letter in _FLAG_LETTERS if lead.flags & flag)
        parts.append(f"(?{flags}:{lead.pattern})" if flags else f"(?:{lead.pattern})")
    try:
        union = re.compile("|".join(parts)) if parts else None
    except re.error:
        return None
    if union is None:
        return None
    return union.match if all(starts_anchored(lead) for lead in leads) else union.search


def _labelled_unit(el, label: str, tags: frozenset[str]):
    """The element whose first child is the block ``el`` holding only ``label`` (climbing at most
    two wrappers that hold only it too), when that element has a tag of ``tags`` and more in it
    than the label; else None."""
    if el is None or el.text is None or " ".join(el.text.split()) != label or len(el):
        return None
    for _ in range(3):
        parent = el.getparent()
        if parent is None or parent[0] is not el or (parent.text is not None and parent.text.strip()):
            return None
        if len(parent) > 1:
            return parent if parent.tag in tags else None
        el = parent
    return None
