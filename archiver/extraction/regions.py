"""Where on the page a block stood: header, navigation, aside, related, comments, ...

The vocabulary is data (``archiver/rules/regions.json``): HTML tags, ARIA
roles and landmarks, and whole words of class and id attributes, each
naming a region; the first region of the list an element names wins. A
block's region is the one its innermost naming element gives (its own
element first, then its ancestors). Elements holding the article (an
``<article>``, ``<main>`` or the ``<h1>``) never give a region by their class
words, so a page wrapper called ``has-sidebar`` does not make the whole page
an aside; a block with no naming element stands in ``main`` when it is
inside ``<main>``/``<article>`` (or ``role=main``), else in ``page``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["RegionRules", "region_rules", "Regions", "REGIONS_FILE"]

REGIONS_FILE = Path(__file__).resolve().parents[1] / "rules" / "regions.json"
_TOKEN = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")  # relatedStories -> related, Stories
_UNSEEN: Any = object()  # a class or id value not yet looked up
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass(frozen=True, eq=False)  # hashed by identity: compiled once, cached
class RegionRules:
    """The compiled region vocabulary: each lookup gives a priority (index into ``names``)."""

    names: tuple[str, ...]
    tags: dict[str, int]
    roles: dict[str, int]
    words: dict[str, int]
    hidden: int | None            # priority of the region for hidden elements, if any
    main_tags: frozenset[str]
    main_roles: frozenset[str]
    main_name: str = "main"
    default: str = "page"
    cache: dict = field(default_factory=dict)  # class or id value -> priority

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> RegionRules:
        names: list[str] = []
        tags: dict[str, int] = {}
        roles: dict[str, int] = {}
        words: dict[str, int] = {}
        hidden = None
        for i, spec in enumerate(data["regions"]):
            names.append(spec["name"])
            for tag in spec.get("tags", ()):
                tags.setdefault(tag.lower(), i)
            for role in spec.get("roles", ()):
                roles.setdefault(role.lower(), i)
            for word in spec.get("words", ()):
                words.setdefault(word.lower(), i)
            if spec.get("attributes") or spec.get("aria_hidden") or spec.get("style_hidden"):
                hidden = i if hidden is None else hidden
        main = data.get("main", {})
        return cls(tuple(names), tags, roles, words, hidden, frozenset(main.get("tags", ())),
                   frozenset(main.get("roles", ())), main.get("name", "main"), data.get("default", "page"))

def _word_priority(rules: RegionRules, value: str) -> int | None:
    """Best priority among the words of a class or id value (cached per value)."""
    cache = rules.cache
    if value in cache:
        return cache[value]
    best = None
    words = rules.words
    for word in _TOKEN.findall(value):
        p = words.get(word.lower())
        if p is not None and (best is None or p < best):
            best = p
    if len(cache) > 100_000:
        cache.clear()
    cache[value] = best
    return best


@lru_cache(maxsize=4)
def region_rules(path: str = str(REGIONS_FILE)) -> RegionRules:
    """Load and compile the region vocabulary; errors name the file."""
    try:
        with open(path, encoding="utf-8") as fh:
            return RegionRules.from_data(json.load(fh))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: bad region rules: {exc!r}") from exc


def in_comment_thread(el) -> bool:
    """An ancestor of ``el`` below ``<body>`` has a class or id word of the "comments" region
    (``rules/regions.json``: comment, disqus, replies, ...); True or False."""
    words = _comment_words()
    for node in el.iterancestors():
        if node.tag in ("body", "html"):
            return False
        names = " ".join(v for v in (node.get("class"), node.get("id")) if v)
        if names and any(w.lower() in words for w in _TOKEN.findall(names)):
            return True
    return False


@lru_cache(maxsize=1)
def _comment_words() -> frozenset[str]:
    rules = region_rules()
    at = rules.names.index("comments") if "comments" in rules.names else -1
    return frozenset(word for word, p in rules.words.items() if p == at)


_FROM_TREE: Any = object()  # Regions.of without the inventory's ancestors: read them from the tree


def _chain(el) -> tuple | None:
    """``el``'s ancestors in the tree, as the inventory's chain of ``(element, _, _, next one up)``."""
    up: tuple | None = None
    for node in reversed(list(el.iterancestors())):
        up = (node, None, None, up)
    return up


class Regions:
    """Region of elements of one page, memoised along the ancestor chain.

    An element's ancestors are read from the chain the page inventory kept for
    it (``inventory.Piece``: as parsed; later stages move and detach elements),
    or from the tree when none is given. ``article`` holds the elements that
    contain the article (never named by class words).

    The innermost naming element wins, so the search goes up from a block's
    element and stops at the first element that names a region: the elements
    above it are never read. Only a block with no naming element above it
    walks to the root, to learn whether it stands inside a main landmark.
    """

    __slots__ = ("rules", "article", "_memo", "_bound")

    def __init__(self, rules: RegionRules, article: set) -> None:
        self.rules, self.article = rules, article
        self._memo: dict = {}  # element -> region name of a block whose text it holds
        self._bound = (self._memo, article, rules.tags, rules.roles, rules.main_tags, rules.main_roles,
                       rules.hidden, rules.names, rules.main_name, rules.default, rules.cache)

    def of(self, el, up: Any = _FROM_TREE) -> str:
        """Region name of the block whose text ``el`` holds; memoised for ``el`` and for the
        elements passed on the way up. ``up`` is ``el``'s ancestors as the inventory kept them
        (``(parent, _, _, the next one up)``, None past the top); by default the tree's.

        Each element names the best region among its tag, the words of its class and id (not
        for a link, nor for ``<body>``, ``<html>`` and the article's containers), its ARIA
        roles and its hidden markers. One loop with the lookups bound once: it runs for every
        element above a block outside the article, up to the first that names a region.
        """
        memo = self._memo
        known = memo.get(el)
        if known is not None:
            return known
        if up is _FROM_TREE:
            up = _chain(el)
        memo, article, tags, roles, main_tags, main_roles, hidden, names, main_name, default, cache = self._bound
        search_hidden = _HIDDEN_STYLE.search
        chain = []    # elements passed that name no region, innermost first
        mains = []    # those of them that are main landmarks
        region = default  # what stands above the last element passed
        node = el  # not memoised (looked up above); each ancestor is looked up on the way
        while True:
            tag = node.tag
            best = None
            if tag.__class__ is str and tag != "a":  # a link's class names the link, not where it stands
                best = tags.get(tag)
                if tag in main_tags:
                    mains.append(node)
                items = node.items()
                if items:
                    words = node not in article and tag != "body" and tag != "html"
                    for name, text in items:
                        p = None
                        if name == "class" or name == "id":
                            if words and text:
                                p = cache.get(text, _UNSEEN)
                                if p is _UNSEEN:
                                    p = _word_priority(self.rules, text)
                        elif name == "role":
                            for r in text.lower().split():
                                q = roles.get(r)
                                if q is not None and (p is None or q < p):
                                    p = q
                                if r in main_roles and (not mains or mains[-1] is not node):
                                    mains.append(node)
                        elif name == "hidden" or (name == "aria-hidden" and text == "true") or (
                                name == "style" and search_hidden(text)):
                            p = hidden
                        if p is not None and (best is None or p < best):
                            best = p
            if best is not None:  # the innermost naming element: its region holds for all below it
                region = names[best]
                memo[node] = region
                break
            chain.append(node)
            if up is None:
                break
            node, _, _, up = up
            if node is None:
                break
            known = memo.get(node)
            if known is not None:
                region = known
                break
        if region == default and mains:  # nothing names a region: inside a main landmark or not
            inside = set(mains)
            for node in reversed(chain):  # outermost first
                if node in inside:
                    region = main_name
                memo[node] = region
        else:
            for node in chain:
                memo[node] = region
        return memo[el]
