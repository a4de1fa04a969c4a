"""Fast CSS matching for rule files: one indexing pass per page instead of one XPath walk per rule.

cssselect turns ``.share-buttons`` into an XPath that does string work on the
``class`` attribute of every element, and a rules file holds dozens of such
selectors, so evaluating them one by one costs more than trafilatura's own
pass. Simple selectors (``tag``, ``.class``, ``#id``, ``[attr]``,
``[attr=v]``, ``[attr^=v]``, ``[attr*=v]``, ``[attr~=v]``, ``[attr$=v]`` and
their compounds) are answered from an index of the page built once; anything
else (combinators, pseudo-classes) falls back to the XPath cssselect
compiles, once, at load time.

A class token carrying a build hash after a double underscore (a CSS module's or an A/B
test's ``ad-slot__3f9a1c``: 5-10 letters, digits and hyphens, one a digit, new with every
build) is indexed under its stem too (``ad-slot``), so a one-class rule matches it
(``HASHED_CLASSES``). BEM's ``block__element`` has no digit in its element name and stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import cssselect
from cssselect import HTMLTranslator, SelectorError
from lxml import etree

from .cssparts import Nested as _Nested
from .cssparts import Simple as _Simple
from .cssparts import inside as _inside
from .cssparts import nested as _nested
from .cssparts import simple as _simple
from .grouptests import group_test as _group_test
from .hashedclass import with_stems

__all__ = ["Index", "Needs", "Selector", "compile_css", "SelectorError"]

_CSS = HTMLTranslator()

# False: a class token with a build hash (``ad-slot__3f9a1c``) matches no rule naming its stem (ablation)
HASHED_CLASSES = True
NESTED = True  # False: ``A B`` and ``A > B`` go to cssselect's XPath like every other combinator (speed only)


@dataclass(frozen=True)
class Needs:
    """What a rule set's simple selectors look up: class tokens, ids, attribute names, and
    ``(attribute, substring)`` pairs of XPath rules ``//*[contains(@a, 's') or ...]``."""

    classes: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()
    attrs: frozenset[str] = frozenset()
    contains: frozenset[tuple[str, str]] = frozenset()

    def __or__(self, other: Needs) -> Needs:
        return Needs(self.classes | other.classes, self.ids | other.ids, self.attrs | other.attrs,
                     self.contains | other.contains)


TRIE_SEARCH = True  # False: the substrings joined one after another (speed only: the same answers)


def literal_union(words: list[str] | tuple[str, ...]) -> str:
    """A regular expression matching exactly where one of ``words`` (literal texts, none empty) occurs,
    its alternatives grouped by their first character, then by the next (a trie): ``re`` tries the
    alternatives of a group one after another at each position of the searched text, skipping one
    whose first character is not there, so a plain ``a|b|...`` of 65 class substrings tries 65 at
    every position and the trie about a dozen (2.6 -> 1.0 µs a class token on the speed pages)."""
    return "|".join(_trie(words))


def _trie(words: list[str] | tuple[str, ...]) -> list[str]:
    """:func:`literal_union`'s alternatives, one for each first character of ``words``."""
    first: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        first.setdefault(word[0], []).append(word[1:])
    parts = []
    for char, rests in first.items():
        if "" in rests:  # the character alone is a word: what may follow it does not matter
            parts.append(re.escape(char))
            continue
        inner = _trie(rests)
        parts.append(re.escape(char) + (inner[0] if len(inner) == 1 else "(?:" + "|".join(inner) + ")"))
    return parts


@lru_cache(maxsize=64)
def _substring_searches(contains: frozenset[tuple[str, str]]) -> dict[str, Callable[[str], Any]]:
    """Attribute name -> one compiled search for any of the substrings looked up in it (a
    :func:`literal_union` of them, or with ``TRIE_SEARCH`` off their plain alternation)."""
    subs: dict[str, list[str]] = {}
    for name, sub in sorted(contains):
        subs.setdefault(name, []).append(sub)
    if TRIE_SEARCH and all(all(parts) for parts in subs.values()):
        return {name: re.compile(literal_union(parts)).search for name, parts in subs.items()}
    return {name: re.compile("|".join(map(re.escape, parts))).search for name, parts in subs.items()}


CLASS_MEMO_LIMIT = 8192  # class values remembered for one rule set before they are all forgotten (about 1 MB)
# (id, HASHED_CLASSES) -> (the needs, kept alive; their memo)
_CLASS_MEMOS: dict[tuple[int, bool], tuple[Needs, dict[str, tuple]]] = {}


def _class_memo(needs: Needs) -> dict[str, tuple]:
    """What :meth:`Index._build` found in each class value for ``needs``, kept across pages: a
    class value's answer depends on the value and the rule set's needs alone, and the same values
    (``container``, ``row``, a theme's names) come back page after page. Found again by the needs'
    identity (``rules_for`` gives a host the same rule set each time; hashing its sets would cost
    more than the lookups save), and by ``HASHED_CLASSES``, which changes the answers."""
    key = (id(needs), HASHED_CLASSES)
    entry = _CLASS_MEMOS.get(key)
    if entry is None or entry[0] is not needs:
        if len(_CLASS_MEMOS) >= 64:
            _CLASS_MEMOS.clear()
        entry = _CLASS_MEMOS[key] = (needs, {})
    memo = entry[1]
    if len(memo) >= CLASS_MEMO_LIMIT:
        memo.clear()
    return memo


# False: a class value the memo does not hold is searched whole for the rules' substrings (speed only:
# the same answers). True: token by token, each token's answer kept across pages like the values'
TOKEN_SEARCH = True
TOKEN_MEMO_LIMIT = 16384  # class tokens remembered for one rule set before they are all forgotten
_TOKEN_MEMOS: dict[int, tuple[Needs, dict[str, bool]]] = {}  # id -> (the needs, kept alive; their memo)


def _token_memo(needs: Needs) -> dict[str, bool] | None:
    """Whether each class token holds one of ``needs``' class substrings, kept across pages; None when
    the value must be searched whole (``TOKEN_SEARCH`` off, or a substring holding white space).

    A class value holds a substring without white space exactly when one of its tokens does (its
    tokens are the runs between white space, ``str.split``'s): a new value, about one class value in
    four on the speed pages, is mostly tokens met before (``row``, ``col-md-8``, a theme's names),
    where its whole text had to be searched again.
    """
    if not TOKEN_SEARCH:
        return None
    entry = _TOKEN_MEMOS.get(id(needs))
    if entry is None or entry[0] is not needs:
        if len(_TOKEN_MEMOS) >= 64:
            _TOKEN_MEMOS.clear()
        spaced = any(not sub or any(c.isspace() for c in sub) for name, sub in needs.contains if name == "class")
        entry = _TOKEN_MEMOS[id(needs)] = (needs, {"": spaced})  # "" (no token is empty): whether it may not
    memo = entry[1]
    if memo[""]:
        return None
    if len(memo) >= TOKEN_MEMO_LIMIT:
        spaced = memo[""]
        memo.clear()
        memo[""] = spaced
    return memo


def _tokens_hold(tokens: list[str], memo: dict[str, bool], search: Callable[[str], Any]) -> bool:
    """Whether one of ``tokens`` holds a substring ``search`` finds, each token's answer from ``memo``."""
    for token in tokens:
        hit = memo.get(token)
        if hit is None:
            hit = memo[token] = search(token) is not None
        if hit:
            return True
    return False


class Index:
    """Elements of one page by class token, id and attribute name, from one pass.

    The pass reads each element's attributes once and keeps only the class
    tokens, ids and attribute names the rules use. Tag lookups use
    ``iter(tag)``, made when first asked for.
    """

    __slots__ = ("root", "needs", "_built", "_by_class", "_by_tag", "_by_id", "_by_attr", "_substring")

    def __init__(self, root, needs: Needs | None = None) -> None:
        self.root = root
        self.needs = needs
        self._built = False
        self._by_class: dict[str, list] = {}
        self._by_tag: dict[str, list] = {}
        self._by_id: dict[str, list] = {}
        self._by_attr: dict[str, list] = {}
        self._substring: list = []  # elements with an attribute holding one of needs.contains' substrings

    def _build(self) -> None:
        """One Python pass over the elements, reading each one's attributes once.

        Cheaper than an XPath scan for "has one of these attributes": libxml2's
        ``//*[@a or @b ...]`` costs more than walking every element here, and the
        attribute values then still had to be read one by one.
        """
        self._built = True
        needs = self.needs
        if needs is None:
            return
        by_class, by_id, by_attr = self._by_class, self._by_id, self._by_attr
        classes, ids, attrs = needs.classes, needs.ids, needs.attrs
        unwanted = classes.isdisjoint  # most class attributes hold no token a rule names
        searches = _substring_searches(needs.contains) if needs.contains else {}
        class_search, class_attr = searches.get("class"), "class" in attrs
        substring = self._substring
        seen = _class_memo(needs)  # class value -> (the rules' tokens in it, a substring in it): values repeat
        token_hits = _token_memo(needs) if class_search is not None else None  # class token -> a substring in it
        # the other attributes read; the rest (href, src, title ...) are passed over after one lookup
        read = (attrs | searches.keys() | ({"id"} if ids else set())) - {"class"}
        for el in self.root.iter(etree.Element):
            for name, value in el.items():
                if name == "class":
                    known = seen.get(value)
                    if known is None:
                        tokens = split = value.split()
                        if HASHED_CLASSES and "__" in value:
                            tokens = with_stems(tokens)
                        if class_search is None:
                            hit = False
                        elif token_hits is not None:
                            hit = _tokens_hold(split, token_hits, class_search)
                        else:
                            hit = class_search(value) is not None
                        known = seen[value] = (() if unwanted(tokens) else tuple(classes.intersection(tokens)), hit)
                    for t in known[0]:
                        by_class.setdefault(t, []).append(el)
                    if class_attr:
                        by_attr.setdefault(name, []).append(el)
                    if known[1] and (not substring or substring[-1] is not el):
                        substring.append(el)
                    continue
                if name not in read:
                    continue
                if name == "id" and value in ids:
                    by_id.setdefault(value, []).append(el)
                if name in attrs:
                    by_attr.setdefault(name, []).append(el)
                if searches and name in searches and searches[name](value) \
                        and (not substring or substring[-1] is not el):
                    substring.append(el)

    def _known(self, kind: str, key: str) -> bool:
        if not self._built:
            self._build()
        n = self.needs
        if n is None:
            return False
        if kind == "class":
            return key in n.classes
        if kind == "id":
            return key in n.ids
        return key in n.attrs

    def by_class(self, token: str) -> list:
        if self._known("class", token):
            return self._by_class.get(token, [])
        return [el for el in _attr_xpath("class")(self.root) if token in el.get("class").split()]

    def by_id(self, ident: str) -> list:
        if self._known("id", ident):
            return self._by_id.get(ident, [])
        return _BY_ID(self.root, v=ident)

    def by_attr(self, name: str) -> list:
        if self._known("attr", name):
            return self._by_attr.get(name, [])
        return _attr_xpath(name)(self.root) if _NAME_OK(name) else []

    def by_substring(self, pairs: frozenset[tuple[str, str]]) -> list | None:
        """Elements, in document order as the index was built, with an attribute holding one
        of the ``(attribute, substring)`` pairs; None when the index was not built for them.

        Elements removed from the tree since then are still listed (like every index list).
        """
        if not self._built:
            self._build()
        n = self.needs
        if n is None or not pairs <= n.contains:
            return None
        found = []
        for el in self._substring:  # loops, not any() over a generator for each element
            get = el.get
            for name, sub in pairs:
                if sub in (get(name) or ""):
                    found.append(el)
                    break
        return found

    def by_tag(self, tag: str) -> list:
        found = self._by_tag.get(tag)
        if found is None:
            found = self._by_tag[tag] = list(self.root.iter(tag))
        return found

    def all(self) -> list:
        return list(self.root.iter(etree.Element))


_BY_ID = etree.XPath("descendant-or-self::*[@id = $v]")


@lru_cache(maxsize=256)
def _attr_xpath(name: str) -> etree.XPath:
    return etree.XPath(f"descendant-or-self::*[@{name}]")


def _doc_order(el) -> tuple[int, int]:
    """Sort key for document order without indexing the whole page: start-tag line,
    then depth (an ancestor starts no later than its descendants)."""
    return (el.sourceline or 0, sum(1 for _ in el.iterancestors()))


def _NAME_OK(name: str) -> bool:
    return name.replace("-", "").replace("_", "").isalnum()


class Selector:
    """A compiled selector group: index lookups for the simple parts (and one nested part,
    ``nested``, see :func:`compile_css`), XPath for the rest."""

    __slots__ = ("source", "simple", "xpath", "groups", "tests", "nested")

    @property
    def needs(self) -> Needs:
        subjects = [*self.simple, *(sub for _, _, sub in self.nested)]
        keys = [s.key for s in subjects]
        return Needs(frozenset(c for s in subjects for c in s.classes),
                     frozenset(k for kind, k in keys if kind == "id"),
                     frozenset(k for kind, k in keys if kind == "attr"))

    def __init__(self, source: str, simple: tuple[_Simple, ...], xpath: etree.XPath | None,
                 nested: tuple[_Nested, ...] = ()) -> None:
        self.source, self.simple, self.xpath, self.nested = source, simple, xpath, nested
        groups: dict[tuple, list[_Simple]] = {}
        for sel in simple:  # selectors sharing a candidate list visit it once
            groups.setdefault(sel.key if sel.key[0] != "class" else ("class",) + sel.classes, []).append(sel)
        self.groups = tuple(tuple(g) for g in groups.values())
        self.tests = tuple(_group_test(g) for g in self.groups)

    def select(self, index: Index) -> list:
        """Matching elements in document order (each once)."""
        found: dict = {}
        for group, test in zip(self.groups, self.tests, strict=True):
            candidates = group[0].candidates(index)
            if test is None:
                if found:
                    for el in candidates:
                        found.setdefault(el, None)
                else:
                    found = dict.fromkeys(candidates)
            else:
                for el in candidates:
                    if el not in found and test(el):
                        found[el] = None
        root = index.root
        for outer, child, sub in self.nested:
            for el in sub.candidates(index):
                if el not in found and el is not root and sub.matches(el) and _inside(el, outer, child, root):
                    found[el] = None
        if self.xpath is not None:
            for el in self.xpath(root):
                found.setdefault(el, None)
        if len(self.groups) + len(self.nested) + (self.xpath is not None) > 1:
            return sorted(found, key=_doc_order)
        return list(found)


def compile_css(css: str) -> Selector:
    """Compile a CSS selector group; raises SelectorError on bad syntax.

    Simple selectors are answered from the page index; so is ``A B`` or ``A > B`` of two simple
    ones (``.toc #toctitle``) when it is the group's only other part: ``B``'s candidates from the
    index, each kept when it matches ``B`` and has an ancestor (a parent) matching ``A``, instead of
    an XPath testing ``A`` on every element of the page (with several such parts, their XPath union
    keeps its document order). Other selectors go to the XPath cssselect makes of them.
    """
    simple: list[_Simple] = []
    complex_parts: list = []
    for sel in cssselect.parse(css):
        s = _simple(sel.parsed_tree) if sel.pseudo_element is None else None
        if s is not None:
            simple.append(s)
        else:
            complex_parts.append(sel)
    nested = _nested(complex_parts[0].parsed_tree) if NESTED and len(complex_parts) == 1 \
        and complex_parts[0].pseudo_element is None else None
    if nested is not None:  # the group's only other part: its matches come in document order, as the XPath's do
        return Selector(css, tuple(simple), None, (nested,))
    xpath = etree.XPath(" | ".join(map(_CSS.selector_to_xpath, complex_parts))) if complex_parts else None
    return Selector(css, tuple(simple), xpath)
