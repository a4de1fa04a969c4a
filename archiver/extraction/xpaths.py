"""trafilatura's XPaths matched in Python, on archiver's own runs.

trafilatura prunes its trees with lists of XPath expressions (``trafilatura.xpaths``:
``OVERALL_DISCARD_XPATH``, ``RAW_TREE_PRUNE_XPATH``, ``REMOVE_COMMENTS_XPATH`` and
others) through ``htmlprocessing.prune_unwanted_nodes``, and finds the article's
container with ``BODY_XPATH`` (``main_extractor._extract``). Their ``re:test()`` calls
are EXSLT regular expressions, which lxml runs by calling back into Python once per
element and attribute tested: ``OVERALL_DISCARD_XPATH`` costs about 14 µs an element
(trafilatura 2.3.1, lxml 5/6, measured over the AEB and trafilatura-eval pages), over a
tenth of archiver's extraction time with the other lists.

Here an expression of a known shape is matched by a Python function that returns
the same elements in the same (document) order: the shape is recognised from the
expression's text (``SHAPES``), and its tags and regular expressions are read from
that text, so trafilatura's own token lists are used. The XPath semantics mirrored:

- ``.//*[self::a or self::b]``: descendants of the context element, those tags;
- ``@x`` present; ``@x='v'``; ``contains(@x, 'v')``; ``translate(@x, 'N', 'n')``;
- ``re:test(@x, 'p')``: ``re.search(p, value)`` on the attribute's value, on ``''``
  when it is absent (lxml's EXSLT ``test``, flags none);
- ``re:test(@x|@y, 'p')``, ``starts-with(@x|@y, 'v')``: the string value of a node-set
  is its first node's, and attributes are in source order: the one of the two that
  comes first in the start tag;
- ``.//*[...][1]``: the first matching child of each element; ``(.//*[...])[1]``: the
  first match in document order.

An expression of any other shape is evaluated by lxml as before, so another
trafilatura version is still right, only slower where its shapes changed. Only runs
made inside :func:`active` (``article.py``'s) take this path: bare trafilatura in the
same process runs unchanged. ``tests/test_extraction_xpaths.py`` checks every
matcher against lxml on the seed pages and on made-up attribute combinations.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from lxml import etree
from trafilatura import core, external, htmlprocessing, main_extractor
from trafilatura import xpaths as trafilatura_xpaths

__all__ = ["SHAPES", "matcher_for", "fast_nodelist", "active", "install"]

Matcher = Callable[[Any], list[Any]]

_TAGS = r"((?:self::[a-z]+ or )*self::[a-z]+)"
_RE = r"'([^']*)'"


def _shape(text: str) -> re.Pattern[str]:
    """An expression shape: whitespace-normalised XPath text, ``{tags}`` and ``{re}`` its parts."""
    escaped = re.escape(text).replace(r"\{tags\}", _TAGS).replace(r"\{re\}", _RE)
    return re.compile(f"^{escaped}$")


def _tags(group: str) -> tuple[str, ...]:
    return tuple(part.strip()[len("self::"):] for part in group.split(" or "))


def _first(items: list[tuple[str, str]], a: str, b: str) -> str:
    """String value of ``@a|@b`` for an element's ``items()``: the value of whichever of the
    two comes first in the tag, ``''`` when it has neither."""
    for key, value in items:
        if key in (a, b):
            return value
    return ""


def _all(names: tuple[str, ...], test: Callable[[Any], Any]) -> Matcher:
    """``.//*[tags][test]``: every matching element, in document order."""
    def match(tree: Any) -> list[Any]:
        return [el for el in tree.iterdescendants(*names) if test(el)]
    return match


def _two_pairs(tags: str, id1: str, cls1: str, id2: str, cls2: str, exempt: Callable[[Any], bool]) -> Matcher:
    """Tagged, id or class matching the first pair; and ``exempt`` or matching the second too."""
    r_id1, r_cls1, r_id2, r_cls2 = re.compile(id1), re.compile(cls1), re.compile(id2), re.compile(cls2)

    def test(el: Any) -> bool:
        i, c = el.get("id", ""), el.get("class", "")
        return bool((r_id1.search(i) or r_cls1.search(c)) and (exempt(el) or r_id2.search(i) or r_cls2.search(c)))
    return _all(_tags(tags), test)


def _comments_raw(tags: str, id1: str, cls1: str, id2: str, cls2: str) -> Matcher:
    """``RAW_TREE_PRUNE_XPATH``'s first: tagged, id or class matching, and no h1 inside or
    id or class matching the second pair."""
    return _two_pairs(tags, id1, cls1, id2, cls2, lambda el: el.find(".//h1") is None)


def _comments_and_lists(tags: str, id1: str, cls1: str, id2: str, cls2: str) -> Matcher:
    """``REMOVE_COMMENTS_AND_LISTS_XPATH``: as :func:`_id_or_class`, and lists only when
    the second pair matches too."""
    return _two_pairs(tags, id1, cls1, id2, cls2, lambda el: el.tag not in ("ol", "ul"))


def _id_or_class(tags: str, id1: str, cls1: str) -> Matcher:
    """``REMOVE_COMMENTS_XPATH``: tagged, id or class matching."""
    r_id, r_cls = re.compile(id1), re.compile(cls1)
    return _all(_tags(tags), lambda el: r_id.search(el.get("id", "")) or r_cls.search(el.get("class", "")))


def _by_attributes(names: tuple[Any, ...], test: Callable[[list[tuple[str, str]]], Any], bare: bool) -> Matcher:
    """Elements of ``names`` whose ``items()`` pass ``test``; one with no attributes is in
    when ``bare`` (what the expression gives for no attributes: fixed, found once)."""
    def match(tree: Any) -> list[Any]:
        found = []
        for el in tree.iterdescendants(*names):
            items = el.items()
            if (test(items) if items else bare):
                found.append(el)
        return found
    return match


def _overall(tags: str, both: str, ids: str, classes: str) -> Matcher:
    """``OVERALL_DISCARD_XPATH``'s first: tagged, and a replacement marker, a navigation
    role, a most-popular component or an id or class token."""
    r_both, r_id, r_cls = re.compile(both), re.compile(ids), re.compile(classes)

    def test(items: list[tuple[str, str]]) -> Any:
        get = dict(items).get
        return (get("data-lp-replacement-content") is not None
                or "nav" in get("role", "").replace("N", "n")
                or "MostPopularStories" in get("data-component", "")
                or r_both.search(_first(items, "id", "class"))
                or r_id.search(get("id", "")) or r_cls.search(get("class", "")))
    return _by_attributes(_tags(tags), test, bool(r_both.search("") or r_id.search("") or r_cls.search("")))


def _hidden(hidden: str, ids: str, classes: str) -> Matcher:
    """``OVERALL_DISCARD_XPATH``'s second: any element titled, styled or flagged as hidden
    or as a comment form's part."""
    r_hidden, r_id, r_cls = re.compile(hidden), re.compile(ids), re.compile(classes)

    def test(items: list[tuple[str, str]]) -> Any:
        get = dict(items).get
        cls, style = get("class"), get("style", "")
        return (cls == "comments-title" or _first(items, "id", "class").startswith("reply-")
                or r_hidden.search(_first(items, "id", "style"))
                or "display:none" in style or "display: none" in style
                or r_id.search(get("id", "")) or r_cls.search(cls or "")
                or get("aria-hidden") == "true")
    return _by_attributes((etree.Element,), test, bool(r_hidden.search("") or r_id.search("") or r_cls.search("")))


def _precision(tags: str, first: str, second: str) -> Matcher:
    """``PRECISION_DISCARD_XPATH``'s second: tagged, id-or-class tokens or a bordered style."""
    r_first, r_second = re.compile(first), re.compile(second)

    def test(items: list[tuple[str, str]]) -> Any:
        value = _first(items, "id", "class")
        return r_first.search(value) or r_second.search(value) or "border" in dict(items).get("style", "")
    return _by_attributes(_tags(tags), test, bool(r_first.search("") or r_second.search("")))


def _first_child_each(names: tuple[str, ...], test: Callable[[Any], Any]) -> Matcher:
    """``.//*[tags][test][1]``: of the matching elements, each parent's first."""
    def match(tree: Any) -> list[Any]:
        found, parents = [], set()
        for el in tree.iterdescendants(*names):
            if test(el):
                parent = el.getparent()
                if parent not in parents:
                    parents.add(parent)
                    found.append(el)
        return found
    return match


def _first_only(names: tuple[str, ...], test: Callable[[Any], Any]) -> Matcher:
    """``(.//*[tags][test])[1]``: the first matching element in document order."""
    def match(tree: Any) -> list[Any]:
        for el in tree.iterdescendants(*names):
            if test(el):
                return [el]
        return []
    return match


def _body_classes(tags: str, ids: str, classes: str) -> Matcher:
    """``BODY_XPATH``'s first: article-body ids and classes, each parent's first."""
    r_id, r_cls = re.compile(ids), re.compile(classes)

    def test(el: Any) -> bool:
        get = el.get
        cls, ident = get("class", ""), get("id", "")
        return (cls in ("post", "entry") or get("itemprop") == "articleBody" or ident == "articleContent"
                or bool(r_id.search(ident)) or bool(r_cls.search(cls)))
    return _first_child_each(_tags(tags), test)


def _body_story(tags: str, ids: str, any_case: str, classes: str) -> Matcher:
    """``BODY_XPATH``'s third: story and post-body names, the first."""
    r_id, r_any, r_cls = re.compile(ids), re.compile(any_case, re.IGNORECASE), re.compile(classes)
    class_names = ("postarea", "art-postcontent", "text", "cell", "story")

    def test(el: Any) -> bool:
        get = el.get
        cls, ident = get("class", ""), get("id", "")
        return (get("role") == "article" or ident in ("article", "story") or cls in class_names
                or bool(r_id.search(ident)) or bool(r_any.search(cls)) or bool(r_cls.search(cls)))
    return _first_only(_tags(tags), test)


def _body_content(tags: str, ids: str, classes: str) -> Matcher:
    """``BODY_XPATH``'s fourth: content containers, the first."""
    r_id, r_cls = re.compile(ids), re.compile(classes)

    def test(el: Any) -> bool:
        get = el.get
        cls, ident = get("class", ""), get("id", "")
        return (ident == "content" or cls == "content" or bool(r_id.search(ident)) or bool(r_cls.search(cls))
                or "main-content" in ident.replace("C", "c").replace("M", "m")
                or "main-content" in cls.replace("C", "c").replace("M", "m")
                or "page-content" in cls.replace("C", "c").replace("P", "p"))
    return _first_only(_tags(tags), test)


# (shape, builder): the builder gets the shape's groups in order
SHAPES: tuple[tuple[re.Pattern[str], Callable[..., Matcher]], ...] = (
    (_shape(".//*[{tags}][ re:test(@id, {re}) or re:test(@class, {re})][ not(.//h1) or "
            "re:test(@id, {re}) or re:test(@class, {re})]"), _comments_raw),
    (_shape(".//*[{tags}][ re:test(@id, {re}) or re:test(@class, {re})][ not(self::ol or self::ul) or "
            "re:test(@id, {re}) or re:test(@class, {re})]"), _comments_and_lists),
    (_shape(".//*[{tags}][ re:test(@id, {re}) or re:test(@class, {re})]"), _id_or_class),
    (_shape(".//*[{tags}][ @data-lp-replacement-content or contains(translate(@role, 'N', 'n'), 'nav') or "
            "contains(@data-component, 'MostPopularStories') or re:test(@id|@class, {re}) or "
            "re:test(@id, {re}) or re:test(@class, {re})]"), _overall),
    (_shape(".//*[@class='comments-title' or starts-with(@id|@class, 'reply-') or re:test(@id|@style, {re}) or "
            "contains(@style, 'display:none') or contains(@style, 'display: none') or re:test(@id, {re}) or "
            "re:test(@class, {re}) or @aria-hidden='true']"), _hidden),
    (_shape(".//*[{tags}][ re:test(@id|@class, {re}) or re:test(@id|@class, {re}) or "
            "contains(@style, 'border')]"), _precision),
    (_shape(".//*[{tags}][ @class='post' or @class='entry' or @itemprop='articleBody' or @id='articleContent' or "
            "re:test(@id, {re}) or re:test(@class, {re}) ][1]"), _body_classes),
    (_shape("(.//*[{tags}][ @role='article' or @id='article' or @id='story' or @class='postarea' or "
            "@class='art-postcontent' or @class='text' or @class='cell' or @class='story' or re:test(@id, {re}) or "
            "re:test(@class, {re}, 'i') or re:test(@class, {re}) ])[1]"), _body_story),
    (_shape("(.//*[{tags}][ @id='content' or @class='content' or re:test(@id, {re}) or re:test(@class, {re}) or "
            "contains(translate(@id, 'CM','cm'), 'main-content') or contains(translate(@class, 'CM','cm'), "
            "'main-content') or contains(translate(@class, 'CP','cp'), 'page-content') ])[1]"), _body_content),
)


def matcher_for(xpath: Any) -> Matcher | None:
    """A Python function giving what ``xpath(tree)`` gives for a context element ``tree``,
    or None when the expression's shape is not one of :data:`SHAPES`. Raises nothing."""
    text = " ".join(getattr(xpath, "path", "").split())
    for shape, build in SHAPES:
        found = shape.match(text)
        if found:
            try:
                return build(*found.groups())
            except re.error:
                return None
    return None


_MATCHERS: dict[Any, Matcher | None] = {}  # expression -> its matcher (None: lxml evaluates it)


def fast_nodelist(nodelist: Sequence[Any]) -> list[Any]:
    """``nodelist`` with each expression of a known shape replaced by its matcher."""
    out = []
    for xpath in nodelist:
        if xpath not in _MATCHERS:
            _MATCHERS[xpath] = matcher_for(xpath)
        out.append(_MATCHERS[xpath] or xpath)
    return out


_state = threading.local()


@contextmanager
def active() -> Iterator[None]:
    """Within this block, on this thread, trafilatura prunes with the matchers (when installed)."""
    depth = getattr(_state, "depth", 0)
    _state.depth = depth + 1
    try:
        yield
    finally:
        _state.depth = depth


_original = htmlprocessing.prune_unwanted_nodes
_USERS = (core, main_extractor, external)  # the modules that call it by their own name


def prune_unwanted_nodes(tree: Any, nodelist: list[Any], with_backup: bool = False) -> Any:
    """trafilatura's ``prune_unwanted_nodes`` (same arguments and result); inside
    :func:`active` with known expressions matched in Python."""
    if getattr(_state, "depth", 0) and isinstance(tree, etree._Element):
        nodelist = fast_nodelist(nodelist)
    return _original(tree, nodelist, with_backup)


class _BodyXPaths(list):
    """trafilatura's ``BODY_XPATH`` list; iterated inside :func:`active`, its matchers."""

    def __iter__(self) -> Iterator[Any]:
        own = super().__iter__()
        return iter(fast_nodelist(list(own))) if getattr(_state, "depth", 0) else own


def install() -> bool:
    """Route trafilatura's pruning through :func:`prune_unwanted_nodes` and its ``BODY_XPATH``
    through :class:`_BodyXPaths` (idempotent). Returns whether it is in place: False when a
    module already holds someone else's wrapper."""
    for module in _USERS:
        current = getattr(module, "prune_unwanted_nodes", None)
        if current is not _original and current is not prune_unwanted_nodes:
            return False
    body = getattr(main_extractor, "BODY_XPATH", None)
    if body is not trafilatura_xpaths.BODY_XPATH and not isinstance(body, _BodyXPaths):
        return False
    for module in _USERS:
        module.prune_unwanted_nodes = prune_unwanted_nodes  # type: ignore[attr-defined]
    if not isinstance(body, _BodyXPaths):
        main_extractor.BODY_XPATH = _BodyXPaths(body)
    return True
