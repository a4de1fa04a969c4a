"""The Python matchers standing in for trafilatura's XPaths (see ``xpaths.py``, which
recognises the expressions and builds these from their parts).

Each builder takes the parts read from an expression's text (its tags as one
``self::a or self::b`` group, its regular expressions and literals) and returns a
function giving, for a context element, the elements the expression gives, in the
same (document) order. Regular expressions are searched through :func:`_memo`, which
remembers each attribute value's answer, since class values repeat across a page (and
across pages) and trafilatura's patterns are long alternations (``OVERALL_DISCARD_XPATH``'s
class pattern has some seventy) that ``re`` tries at every position of the value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lxml import etree

__all__ = ["Matcher", "tags_of", "comments_raw", "comments_and_lists", "id_or_class", "contains",
           "contains_folded", "overall", "hidden", "precision", "body_classes", "body_story", "body_content",
           "basic_clean"]

Matcher = Callable[[Any], list[Any]]


def tags_of(group: str) -> tuple[str, ...]:
    return tuple(part.strip()[len("self::"):] for part in group.split(" or "))


TestMaker = Callable[[], Callable[[Any], Any]]  # a test for each match call (its memos outlive it: _memo)


MEMO_LIMIT = 4096  # attribute values a pattern remembers before it forgets them all (memory: under 1 MB each)
SHARED_MEMOS = True  # False: each match call remembers its own answers only (speed only: the same answers)
# False: ``overall`` and ``hidden`` test an element without an id the long way, each absent attribute's
# value looked up again (speed only: the same answers; an element without an id is the common case)
FAST_ABSENT = True
DICT_LOOKUP = True  # False: each lookup through a Python function (speed only: the same answers)


class _Answers(dict):
    """value -> ``search(value) is not None``, each answer found on its first lookup and then kept:
    ``answers[value]`` is a lookup in C, with no Python frame unless the value is new (the tests
    below make some 440,000 lookups over the 431 speed pages, nearly all of them hits)."""

    __slots__ = ("search",)

    def __init__(self, search: Callable[[str], Any]) -> None:
        super().__init__()
        self.search = search

    def __missing__(self, value: str) -> bool:
        hit = self[value] = self.search(value) is not None
        return hit


def _memo(pattern: str, flags: int = 0) -> Callable[[], Callable[[str], bool]]:
    """A maker of ``re.search(pattern, value) is not None`` remembering its answers: class and
    id values repeat across a page, across trafilatura's several runs of one expression on a
    page's copies and across pages, and trafilatura's patterns are long alternations that ``re``
    tries at every position (the pattern is compiled at once, so a bad one raises ``re.error``
    while the matcher is built). The answers are kept for the process (each one a function of
    the value alone), up to ``MEMO_LIMIT`` values, then forgotten and gathered again. The test
    made is the memo's own ``__getitem__`` (:class:`_Answers`; ``DICT_LOOKUP`` off: a Python
    function around ``get``, the same answers)."""
    search = re.compile(pattern, flags).search
    shared = _Answers(search)

    def make() -> Callable[[str], bool]:
        seen = shared if SHARED_MEMOS else _Answers(search)
        if len(seen) >= MEMO_LIMIT:
            seen.clear()
        if DICT_LOOKUP:
            return seen.__getitem__

        def test(value: str) -> bool:
            hit = seen.get(value)
            if hit is None:
                hit = seen[value] = search(value) is not None
            return hit
        return test
    return make


def _first_of(el: Any, a: str, b: str, value_a: str | None, value_b: str | None) -> str:
    """String value of ``@a|@b`` for ``el`` whose attributes ``a`` and ``b`` are ``value_a`` and
    ``value_b``: the value of whichever of the two comes first in the tag, ``''`` for neither."""
    if value_a is None:
        return value_b or ""
    if value_b is None:
        return value_a
    keys = el.keys()
    return value_a if keys.index(a) < keys.index(b) else value_b


def _all(names: tuple[Any, ...], make: TestMaker) -> Matcher:
    """``.//*[tags][test]``: every matching element, in document order."""
    def match(tree: Any) -> list[Any]:
        test = make()
        return [el for el in tree.iterdescendants(*names) if test(el)]
    return match


def _two_pairs(tags: str, id1: str, cls1: str, id2: str, cls2: str, exempt: Callable[[Any], bool]) -> Matcher:
    """Tagged, id or class matching the first pair; and ``exempt`` or matching the second too."""
    m_id1, m_cls1, m_id2, m_cls2 = _memo(id1), _memo(cls1), _memo(id2), _memo(cls2)

    def make() -> Callable[[Any], bool]:
        t_id1, t_cls1, t_id2, t_cls2 = m_id1(), m_cls1(), m_id2(), m_cls2()

        def test(el: Any) -> bool:
            i, c = el.get("id", ""), el.get("class", "")
            return (t_id1(i) or t_cls1(c)) and (exempt(el) or t_id2(i) or t_cls2(c))
        return test
    return _all(tags_of(tags), make)


def comments_raw(tags: str, id1: str, cls1: str, id2: str, cls2: str) -> Matcher:
    """``RAW_TREE_PRUNE_XPATH``'s first: tagged, id or class matching, and no h1 inside or
    id or class matching the second pair."""
    return _two_pairs(tags, id1, cls1, id2, cls2, lambda el: el.find(".//h1") is None)


def comments_and_lists(tags: str, id1: str, cls1: str, id2: str, cls2: str) -> Matcher:
    """``REMOVE_COMMENTS_AND_LISTS_XPATH``: as :func:`id_or_class`, and lists only when
    the second pair matches too."""
    return _two_pairs(tags, id1, cls1, id2, cls2, lambda el: el.tag not in ("ol", "ul"))


def id_or_class(tags: str, id1: str, cls1: str) -> Matcher:
    """``REMOVE_COMMENTS_XPATH``: tagged, id or class matching."""
    m_id, m_cls = _memo(id1), _memo(cls1)

    def make() -> Callable[[Any], bool]:
        t_id, t_cls = m_id(), m_cls()
        return lambda el: t_id(el.get("id", "")) or t_cls(el.get("class", ""))
    return _all(tags_of(tags), make)


def contains(tags: str, *attributes_and_texts: str, fold: str = "") -> Matcher:
    """``.//*[tags][contains(@a, 'x') or contains(@b, 'y') ...]`` (pairs of attribute name and
    text); with ``fold`` (``"T"``), ``contains(translate(@a, 'T', 't'), 'x')``: the value with
    that capital in lower case."""
    pairs = tuple(zip(attributes_and_texts[::2], attributes_and_texts[1::2], strict=True))
    lower = fold.lower()

    def test(el: Any) -> bool:
        get = el.get
        if fold:
            for name, text in pairs:  # noqa: SIM110
                if text in get(name, "").replace(fold, lower):
                    return True
            return False
        for name, text in pairs:  # noqa: SIM110 (a loop, not any() over a generator: called for each element)
            if text in get(name, ""):
                return True
        return False
    return _all(tags_of(tags), lambda: test)


def contains_folded(tags: str, name1: str, fold1: str, low1: str, text1: str, name2: str, fold2: str,
                     low2: str, text2: str) -> Matcher:
    """``contains(translate(@a, 'T', 't'), 'x') or contains(translate(@b, 'T', 't'), 'y')``."""
    if not (fold1 == fold2 and low1 == low2 and len(fold1) == 1 and fold1.lower() == low1 != fold1):
        raise re.error("not a one-capital fold")  # another translate(): lxml evaluates the expression
    return contains(tags, name1, text1, name2, text2, fold=fold1)


def overall(tags: str, both: str, ids: str, classes: str) -> Matcher:
    """``OVERALL_DISCARD_XPATH``'s first: tagged, and a replacement marker, a navigation
    role, a most-popular component or an id or class token."""
    m_both, m_id, m_cls = _memo(both), _memo(ids), _memo(classes)

    def make() -> Callable[[Any], bool]:
        t_both, t_id, t_cls = m_both(), m_id(), m_cls()
        no_id, no_class = t_id(""), t_cls("") or t_both("")  # the tests' answers for an absent attribute

        def test(el: Any) -> bool:
            get = el.get
            ident, cls = get("id"), get("class")
            if ident is None and FAST_ABSENT:  # the same answer without the calls an absent id makes
                if (t_cls(cls) or t_both(cls)) if cls is not None else no_class:
                    return True
                return (no_id or get("data-lp-replacement-content") is not None
                        or "nav" in (get("role") or "").replace("N", "n")
                        or "MostPopularStories" in (get("data-component") or ""))
            return (get("data-lp-replacement-content") is not None
                    or "nav" in (get("role") or "").replace("N", "n")
                    or "MostPopularStories" in (get("data-component") or "")
                    or t_both(_first_of(el, "id", "class", ident, cls))
                    or t_id(ident or "") or t_cls(cls or ""))
        return test
    return _all(tags_of(tags), make)


def hidden(hidden: str, ids: str, classes: str) -> Matcher:
    """``OVERALL_DISCARD_XPATH``'s second: any element titled, styled or flagged as hidden
    or as a comment form's part."""
    m_hidden, m_id, m_cls = _memo(hidden), _memo(ids), _memo(classes)

    def make() -> Callable[[Any], bool]:
        t_hidden, t_id, t_cls = m_hidden(), m_id(), m_cls()
        no_id, no_class, no_style = t_id(""), t_cls(""), t_hidden("")  # the answers for an absent attribute

        def test(el: Any) -> bool:
            get = el.get
            ident, cls, style = get("id"), get("class"), get("style")
            if ident is None and FAST_ABSENT:  # the same answer without the calls an absent id makes
                if cls is None:
                    if no_class:
                        return True
                elif cls == "comments-title" or cls.startswith("reply-") or t_cls(cls):
                    return True
                if style is None:
                    if no_style:
                        return True
                elif "display:none" in style or "display: none" in style or t_hidden(style):
                    return True
                return no_id or get("aria-hidden") == "true"
            return (cls == "comments-title" or _first_of(el, "id", "class", ident, cls).startswith("reply-")
                    or t_hidden(_first_of(el, "id", "style", ident, style))
                    or (style is not None and ("display:none" in style or "display: none" in style))
                    or t_id(ident or "") or t_cls(cls or "")
                    or get("aria-hidden") == "true")
        return test
    return _all((etree.Element,), make)


def precision(tags: str, first: str, second: str) -> Matcher:
    """``PRECISION_DISCARD_XPATH``'s second: tagged, id-or-class tokens or a bordered style."""
    m_first, m_second = _memo(first), _memo(second)

    def make() -> Callable[[Any], bool]:
        t_first, t_second = m_first(), m_second()

        def test(el: Any) -> bool:
            get = el.get
            value = _first_of(el, "id", "class", get("id"), get("class"))
            return t_first(value) or t_second(value) or "border" in (get("style") or "")
        return test
    return _all(tags_of(tags), make)


def _first_child_each(names: tuple[str, ...], make: TestMaker) -> Matcher:
    """``.//*[tags][test][1]``: of the matching elements, each parent's first."""
    def match(tree: Any) -> list[Any]:
        test = make()
        found, parents = [], set()
        for el in tree.iterdescendants(*names):
            if test(el):
                parent = el.getparent()
                if parent not in parents:
                    parents.add(parent)
                    found.append(el)
        return found
    return match


def _first_only(names: tuple[str, ...], make: TestMaker) -> Matcher:
    """``(.//*[tags][test])[1]``: the first matching element in document order."""
    def match(tree: Any) -> list[Any]:
        test = make()
        for el in tree.iterdescendants(*names):
            if test(el):
                return [el]
        return []
    return match


def body_classes(tags: str, ids: str, classes: str) -> Matcher:
    """``BODY_XPATH``'s first: article-body ids and classes, each parent's first."""
    m_id, m_cls = _memo(ids), _memo(classes)

    def make() -> Callable[[Any], bool]:
        t_id, t_cls = m_id(), m_cls()

        def test(el: Any) -> bool:
            get = el.get
            cls, ident = get("class", ""), get("id", "")
            return (cls in ("post", "entry") or get("itemprop") == "articleBody" or ident == "articleContent"
                    or t_id(ident) or t_cls(cls))
        return test
    return _first_child_each(tags_of(tags), make)


def body_story(tags: str, ids: str, any_case: str, classes: str) -> Matcher:
    """``BODY_XPATH``'s third: story and post-body names, the first."""
    m_id, m_any, m_cls = _memo(ids), _memo(any_case, re.IGNORECASE), _memo(classes)
    class_names = ("postarea", "art-postcontent", "text", "cell", "story")

    def make() -> Callable[[Any], bool]:
        t_id, t_any, t_cls = m_id(), m_any(), m_cls()

        def test(el: Any) -> bool:
            get = el.get
            cls, ident = get("class", ""), get("id", "")
            return (get("role") == "article" or ident in ("article", "story") or cls in class_names
                    or t_id(ident) or t_any(cls) or t_cls(cls))
        return test
    return _first_only(tags_of(tags), make)


def body_content(tags: str, ids: str, classes: str) -> Matcher:
    """``BODY_XPATH``'s fourth: content containers, the first."""
    m_id, m_cls = _memo(ids), _memo(classes)

    def make() -> Callable[[Any], bool]:
        t_id, t_cls = m_id(), m_cls()

        def test(el: Any) -> bool:
            get = el.get
            cls, ident = get("class", ""), get("id", "")
            return (ident == "content" or cls == "content" or t_id(ident) or t_cls(cls)
                    or "main-content" in ident.replace("C", "c").replace("M", "m")
                    or "main-content" in cls.replace("C", "c").replace("M", "m")
                    or "page-content" in cls.replace("C", "c").replace("P", "p"))
        return test
    return _first_only(tags_of(tags), make)


def basic_clean(before: str, footer: str, after: str, classes: str, ids: str) -> Matcher:
    """``BASIC_CLEAN_XPATH`` (``baseline.basic_cleaning``, for justext's input and the page measure of
    the recall escalation): ``.//a|.//b|...`` of the tags in ``before`` and ``after`` (each
    ``.//tag`` with its ``|``), ``.//div[contains(@class|@id, footer)]``, and every element whose
    class or id matches a pattern, case ignored (``re:test(..., 'i')``); one walk, document order."""
    tags = frozenset(step[len(".//"):] for step in (before + after).split("|") if step)
    m_cls, m_id = _memo(classes, re.IGNORECASE), _memo(ids, re.IGNORECASE)

    def match(tree: Any) -> list[Any]:
        t_cls, t_id = m_cls(), m_id()
        found = []
        for el in tree.iterdescendants(etree.Element):
            if el.tag in tags:
                found.append(el)
                continue
            get = el.get
            cls, ident = get("class"), get("id")
            if (el.tag == "div" and footer in _first_of(el, "class", "id", cls, ident)) \
                    or t_cls(cls or "") or t_id(ident or ""):
                found.append(el)
        return found
    return match
