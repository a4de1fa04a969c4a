"""trafilatura's XPaths matched in Python, on archiver's own runs.

trafilatura prunes its trees with lists of XPath expressions (``trafilatura.xpaths``:
``OVERALL_DISCARD_XPATH``, ``RAW_TREE_PRUNE_XPATH``, ``REMOVE_COMMENTS_XPATH`` and
others) through ``htmlprocessing.prune_unwanted_nodes``, and finds the article's
container with ``BODY_XPATH`` (``main_extractor._extract``). Their ``re:test()`` calls
are EXSLT regular expressions, which lxml runs by calling back into Python once per
element and attribute tested: ``OVERALL_DISCARD_XPATH`` costs about 14 µs an element
(trafilatura 2.3.1, lxml 5/6, measured over the AEB and trafilatura-eval pages), over a
tenth of archiver's extraction time with the other lists.

Here an expression of a known shape is matched by a Python function
(``xpathmatchers.py``) that returns the same elements in the same (document) order:
the shape is recognised from the expression's text (``SHAPES``), and its tags and
regular expressions are read from that text, so trafilatura's own token lists are
used. The XPath semantics mirrored:

- ``.//*[self::a or self::b]``: descendants of the context element, those tags;
- ``@x`` present; ``@x='v'``; ``contains(@x, 'v')``; ``translate(@x, 'N', 'n')``;
- ``re:test(@x, 'p')``: ``re.search(p, value)`` on the attribute's value, on ``''``
  when it is absent (lxml's EXSLT ``test``, flags none);
- ``re:test(@x|@y, 'p')``, ``starts-with(@x|@y, 'v')``: the string value of a node-set
  is its first node's, and attributes are in source order: the one of the two that
  comes first in the start tag;
- ``.//*[...][1]``: the first matching child of each element; ``(.//*[...])[1]``: the
  first match in document order;
- ``.//a|.//b[...]|...``: a union of steps, each element once, in document order;
  ``re:test(@x, 'p', 'i')``: the search with case ignored.

``baseline.BASIC_CLEAN_XPATH`` (``basic_cleaning``: justext's input, and the page measure
of the recall escalation a default run may make) is not a list but one XPath called by
name: it is held by a :class:`_OneXPath` that answers from its matcher inside :func:`active`.

An expression of any other shape is evaluated by lxml as before, so another
trafilatura version is still right, only slower where its shapes changed. Only runs
made inside :func:`active` (``article.py``'s) take this path: bare trafilatura in the
same process runs unchanged. ``tests/test_extraction_xpaths.py`` checks every
matcher against lxml on the seed pages and on made-up attribute combinations.
"""

from __future__ import annotations

import importlib
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from lxml import etree
from trafilatura import core, external, htmlprocessing, main_extractor
from trafilatura import xpaths as trafilatura_xpaths

from .xpathmatchers import (
    Matcher,
    basic_clean,
    body_classes,
    body_content,
    body_story,
    comments_and_lists,
    comments_raw,
    contains,
    contains_folded,
    hidden,
    id_or_class,
    overall,
    precision,
)

__all__ = ["SHAPES", "matcher_for", "fast_nodelist", "active", "is_active", "pruned", "install"]

_TAGS = r"((?:self::[a-z]+ or )*self::[a-z]+)"
_RE = r"'([^']*)'"


def _shape(text: str) -> re.Pattern[str]:
    """An expression shape: whitespace-normalised XPath text, ``{tags}`` and ``{re}`` its parts."""
    escaped = re.escape(text).replace(r"\{tags\}", _TAGS).replace(r"\{re\}", _RE)
    return re.compile(f"^{escaped}$")


_NAME = r"([a-z][a-z-]*)"
_LETTER = r"'([A-Za-z])'"


def _attr_shape(text: str) -> re.Pattern[str]:
    """:func:`_shape` with ``{name}`` an attribute name and ``{letter}`` one quoted letter."""
    escaped = re.escape(text).replace(r"\{tags\}", _TAGS).replace(r"\{re\}", _RE)
    return re.compile("^" + escaped.replace(r"\{name\}", _NAME).replace(r"\{letter\}", _LETTER) + "$")


# (shape, builder): the builder gets the shape's groups in order
SHAPES: tuple[tuple[re.Pattern[str], Callable[..., Matcher]], ...] = (
    # DISCARD_IMAGE_ELEMENTS, RAW_TREE_PRUNE_XPATH's second, TEASER_DISCARD_XPATH: plain substrings
    (_attr_shape(".//*[{tags}][contains(@{name}, {re})]"), contains),
    (_attr_shape(".//*[{tags}][ contains(@{name}, {re}) or contains(@{name}, {re})]"), contains),
    (_attr_shape(".//*[{tags}][ contains(translate(@{name}, {letter}, {letter}), {re}) or "
                 "contains(translate(@{name}, {letter}, {letter}), {re})]"), contains_folded),
    (_shape(".//*[{tags}][ re:test(@id, {re}) or re:test(@class, {re})][ not(.//h1) or "
            "re:test(@id, {re}) or re:test(@class, {re})]"), comments_raw),
    (_shape(".//*[{tags}][ re:test(@id, {re}) or re:test(@class, {re})][ not(self::ol or self::ul) or "
            "re:test(@id, {re}) or re:test(@class, {re})]"), comments_and_lists),
    (_shape(".//*[{tags}][ re:test(@id, {re}) or re:test(@class, {re})]"), id_or_class),
    (_shape(".//*[{tags}][ @data-lp-replacement-content or contains(translate(@role, 'N', 'n'), 'nav') or "
            "contains(@data-component, 'MostPopularStories') or re:test(@id|@class, {re}) or "
            "re:test(@id, {re}) or re:test(@class, {re})]"), overall),
    (_shape(".//*[@class='comments-title' or starts-with(@id|@class, 'reply-') or re:test(@id|@style, {re}) or "
            "contains(@style, 'display:none') or contains(@style, 'display: none') or re:test(@id, {re}) or "
            "re:test(@class, {re}) or @aria-hidden='true']"), hidden),
    (_shape(".//*[{tags}][ re:test(@id|@class, {re}) or re:test(@id|@class, {re}) or "
            "contains(@style, 'border')]"), precision),
    (_shape(".//*[{tags}][ @class='post' or @class='entry' or @itemprop='articleBody' or @id='articleContent' or "
            "re:test(@id, {re}) or re:test(@class, {re}) ][1]"), body_classes),
    (_shape("(.//*[{tags}][ @role='article' or @id='article' or @id='story' or @class='postarea' or "
            "@class='art-postcontent' or @class='text' or @class='cell' or @class='story' or re:test(@id, {re}) or "
            "re:test(@class, {re}, 'i') or re:test(@class, {re}) ])[1]"), body_story),
    (_shape("(.//*[{tags}][ @id='content' or @class='content' or re:test(@id, {re}) or re:test(@class, {re}) or "
            "contains(translate(@id, 'CM','cm'), 'main-content') or contains(translate(@class, 'CM','cm'), "
            "'main-content') or contains(translate(@class, 'CP','cp'), 'page-content') ])[1]"), body_content),
)


# BASIC_CLEAN_XPATH (trafilatura.settings), a union of steps rather than one step with a predicate
_BASIC_CLEAN = re.compile(r"^((?:\.//[a-z]+\|)*)\.//div\[contains\(@class\|@id, '([^']*)'\)\]((?:\|\.//[a-z]+)*)"
                          r"\|\.//\*\[re:test\(@class, '([^']*)', 'i'\) or re:test\(@id, '([^']*)', 'i'\)\]$")
SHAPES += ((_BASIC_CLEAN, basic_clean),)


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


def is_active() -> bool:
    """Whether this thread is inside :func:`active` (an archiver run of trafilatura)."""
    return bool(getattr(_state, "depth", 0))


_original = htmlprocessing.prune_unwanted_nodes
baseline = importlib.import_module("trafilatura.baseline")  # the module: the package's ``baseline`` is its function
_USERS = (core, main_extractor, external)  # the modules that call it by their own name


@contextmanager
def pruned(tree: Any, nodelist: Any) -> Iterator[None]:
    """Within this block, on this thread, the first call to prune ``tree`` with ``nodelist``
    (the same objects) returns ``tree`` as it is: the caller has pruned it with them already
    (``shortcut.py``, for ``compare_extraction``'s prune of readability's copy)."""
    _state.pruned = (tree, nodelist)
    try:
        yield
    finally:
        _state.pruned = None


def prune_unwanted_nodes(tree: Any, nodelist: list[Any], with_backup: bool = False) -> Any:
    """trafilatura's ``prune_unwanted_nodes`` (same arguments and result); inside
    :func:`active` with known expressions matched in Python; a tree pruned already
    (:func:`pruned`) is returned as it is."""
    done = getattr(_state, "pruned", None)
    if done is not None and done[0] is tree and done[1] is nodelist and not with_backup:
        _state.pruned = None
        return tree
    if getattr(_state, "depth", 0) and isinstance(tree, etree._Element):
        nodelist = fast_nodelist(nodelist)
    return _original(tree, nodelist, with_backup)


class _BodyXPaths(list):
    """trafilatura's ``BODY_XPATH`` list; iterated inside :func:`active`, its matchers."""

    def __iter__(self) -> Iterator[Any]:
        own = super().__iter__()
        return iter(fast_nodelist(list(own))) if getattr(_state, "depth", 0) else own


class _OneXPath:
    """One of trafilatura's compiled XPaths called by name (``baseline.BASIC_CLEAN_XPATH``); inside
    :func:`active`, on an element and with no variables, its matcher's answer instead."""

    __slots__ = ("xpath", "matcher", "path")

    def __init__(self, xpath: Any, matcher: Matcher) -> None:
        self.xpath, self.matcher, self.path = xpath, matcher, getattr(xpath, "path", "")

    def __call__(self, tree: Any, **variables: Any) -> Any:
        if not variables and is_active() and isinstance(tree, etree._Element):
            return self.matcher(tree)
        return self.xpath(tree, **variables)


def _install_basic_clean() -> None:
    """``baseline.BASIC_CLEAN_XPATH`` (read by ``basic_cleaning``) as a :class:`_OneXPath`, when its
    shape is known and no one else's object holds the place."""
    current = getattr(baseline, "BASIC_CLEAN_XPATH", None)
    if isinstance(current, _OneXPath) or not isinstance(current, etree.XPath):
        return
    matcher = matcher_for(current)
    if matcher is not None:
        baseline.BASIC_CLEAN_XPATH = _OneXPath(current, matcher)  # type: ignore[attr-defined]


def install() -> bool:
    """Route trafilatura's pruning through :func:`prune_unwanted_nodes`, its ``BODY_XPATH``
    through :class:`_BodyXPaths` and its ``BASIC_CLEAN_XPATH`` through :class:`_OneXPath`
    (idempotent). Returns whether the first two are in place: False when a module already holds
    someone else's wrapper."""
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
    _install_basic_clean()
    return True
