"""The selectors ``selectors.py`` answers from its page index, read from cssselect's parse tree.

A simple selector (``tag``, ``.class``, ``#id``, ``[attr]``, ``[attr=v]``, ``[attr^=v]``,
``[attr*=v]``, ``[attr~=v]``, ``[attr$=v]``, ``[attr|=v]`` and their compounds) is a :class:`Simple`;
``A B`` and ``A > B`` of two simple ones is a :data:`Nested`. Everything else goes to the XPath
cssselect makes of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cssselect.parser import Attrib, Class, CombinedSelector, Element, Hash

__all__ = ["ATTR_TESTS", "Nested", "Simple", "inside", "nested", "simple"]

ATTR_TESTS: dict[str, Callable[[str, str], bool]] = {
    "=": lambda have, want: have == want,
    "^=": lambda have, want: bool(want) and have.startswith(want),
    "$=": lambda have, want: bool(want) and have.endswith(want),
    "*=": lambda have, want: bool(want) and want in have,
    "~=": lambda have, want: want in have.split(),
    "|=": lambda have, want: have == want or have.startswith(want + "-"),
}


@dataclass(frozen=True, slots=True)
class Simple:
    tag: str | None
    classes: tuple[str, ...]
    ident: str | None
    attrs: tuple[tuple[str, str, str | None], ...]  # (name, operator, value)

    @property
    def key(self) -> tuple[str, str]:
        """Which index list holds every element this selector can match."""
        if self.ident is not None:
            return ("id", self.ident)
        if self.classes:
            return ("class", self.classes[0])
        if self.tag is not None:
            return ("tag", self.tag)
        if self.attrs:
            return ("attr", self.attrs[0][0])
        return ("all", "")

    def candidates(self, index: Any) -> list:
        kind, key = self.key
        if kind == "id":
            return index.by_id(key)
        if kind == "class":
            if len(self.classes) == 1:  # most selectors: no generator for min() to pick from
                return index.by_class(key)
            return min((index.by_class(c) for c in self.classes), key=len)
        if kind == "tag":
            return index.by_tag(key)
        if kind == "attr":
            return index.by_attr(key)
        return index.all()

    def matches(self, el) -> bool:
        if self.tag is not None and el.tag != self.tag:
            return False
        attrib = el.attrib
        if self.ident is not None and attrib.get("id") != self.ident:
            return False
        if self.classes:
            tokens = (attrib.get("class") or "").split()
            if any(c not in tokens for c in self.classes):
                return False
        for name, op, value in self.attrs:
            have = attrib.get(name)
            if have is None:
                return False
            if op != "exists" and not ATTR_TESTS[op](have, value or ""):
                return False
        return True


def simple(tree) -> Simple | None:
    """A compound selector without combinators as a Simple, else None."""
    classes: list[str] = []
    attrs: list[tuple[str, str, str | None]] = []
    ident = None
    while True:
        if isinstance(tree, Class):
            classes.append(tree.class_name)
            tree = tree.selector
        elif isinstance(tree, Hash):
            if ident is not None:
                return None
            ident = tree.id
            tree = tree.selector
        elif isinstance(tree, Attrib):
            if tree.namespace or (tree.operator != "exists" and tree.operator not in ATTR_TESTS):
                return None
            value = tree.value.value if tree.value is not None else None  # a Token's text
            attrs.append((tree.attrib.lower(), tree.operator, value))
            tree = tree.selector
        elif isinstance(tree, Element):
            if tree.namespace:
                return None
            tag = tree.element.lower() if tree.element else None
            return Simple(tag, tuple(classes), ident, tuple(attrs))
        else:
            return None


# ``A B`` or ``A > B`` of two simple selectors: (A, whether B is A's child rather than any descendant, B)
Nested = tuple[Simple, bool, Simple]


def nested(tree) -> Nested | None:
    """``A B`` or ``A > B`` with ``A`` and ``B`` simple (no further combinator) as a Nested, else None."""
    if not isinstance(tree, CombinedSelector) or tree.combinator not in (" ", ">"):
        return None
    outer, sub = simple(tree.selector), simple(tree.subselector)
    if outer is None or sub is None:
        return None
    return outer, tree.combinator == ">", sub


def inside(el, outer: Simple, child: bool, root) -> bool:
    """Whether ``el`` (below ``root``) has a parent (``child``) or an ancestor up to ``root`` itself that
    ``outer`` matches: cssselect's ``descendant-or-self::A/B`` or ``.../descendant::B`` from ``root``."""
    if child:
        parent = el.getparent()
        return parent is not None and outer.matches(parent)
    for anc in el.iterancestors():
        if outer.matches(anc):
            return True
        if anc is root:
            return False
    return False
