"""trafilatura's class-word tests (``misnamed._tests``: its discard XPaths rewritten to test one element)
asked of an element, the answer kept for elements that look the same.

Such a test reads nothing but the element's tag and a few of its attributes (``@class``, ``@id``,
``@role``, ``@style``, ``@data-component`` ...): ``self::*[self::div or ...][re:test(@id|@class, ...)
or contains(...)]``. Its answer is then a function of the tag and those attributes' values in the
element's order (``@id|@class`` is a node-set, and ``re:test`` reads its first node, in document
order: the attribute written first). Pages and the stages asking (the large-text chain, body
paragraphs and their neighbours, prose boxes and cards) meet the same ``class`` values again and
again, and each answer costs libxml2 a walk of the tests with EXSLT ``re:test`` calling back into
Python's ``re``. :func:`any_test` keeps each answer, keyed by the tests, the tag and those values.

A test is taken as such only when its text (string literals aside) holds no axis but ``self::``, no
``/``, ``.``, ``$`` or empty argument list (the context node's text: ``normalize-space()``), only
the functions in ``_PURE_FUNCTIONS``, and no name but attributes', functions', operators' and
``self::`` tests' (``[p]`` steps to a child); tests of any other shape are asked every time.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

__all__ = ["MEMO", "any_test", "read_attributes"]

MEMO = True  # False: every test asked of every element (speed only: the same answers)
MEMO_LIMIT = 16384  # answers kept before they are all forgotten

_LITERALS = re.compile(r"'[^']*'|\"[^\"]*\"")
_PURE_FUNCTIONS = frozenset(("contains", "translate", "starts-with", "re:test", "not", "concat",
                             "normalize-space", "string-length", "substring", "boolean"))
_memo: dict[tuple, bool] = {}
_ATTRIBUTE = re.compile(r"@([\w:-]+)")
_SELF = re.compile(r"self\s*::\s*(?:\*|[\w:-]+)")
_FUNCTION = re.compile(r"[\w:-]+\s*\(")
_OPERATOR = re.compile(r"\b(?:and|or|div|mod|\d+)\b")


@lru_cache(maxsize=32)
def read_attributes(tests: tuple[etree.XPath, ...]) -> frozenset[str] | None:
    """The attribute names ``tests`` read, when each reads only its element's tag and attributes
    (see the module's text); None otherwise."""
    names: set[str] = set()
    for test in tests:
        path = getattr(test, "path", None)
        if not isinstance(path, str):
            return None
        bare = _LITERALS.sub("''", path)
        if re.search(r"[/.$]|\(\s*\)", bare) or any(axis != "self" for axis in re.findall(r"([\w-]+)\s*::", bare)):
            return None
        if not set(re.findall(r"([\w:-]+)\s*\(", bare)) <= _PURE_FUNCTIONS:
            return None
        # what is left once attributes, self:: steps, function names, operators and numbers go: any
        # other name is a step down to a child (``[p]``), any ``*`` one to every child
        rest = _FUNCTION.sub("(", _SELF.sub("", _ATTRIBUTE.sub("", bare)))
        if re.search(r"[\w*]", _OPERATOR.sub("", rest)):
            return None
        names.update(_ATTRIBUTE.findall(bare))
    return frozenset(names)


def any_test(el, tests: tuple[etree.XPath, ...]) -> bool:
    """``any(test(el) for test in tests)``, answered from the memo for an element whose tag and read
    attributes (in its order) were met before with the same tests."""
    names = read_attributes(tests) if MEMO else None
    if names is None:
        return any(test(el) for test in tests)
    key = (tests, el.tag, *[item for item in el.items() if item[0] in names])
    found = _memo.get(key)
    if found is None:
        if len(_memo) >= MEMO_LIMIT:
            _memo.clear()
        found = _memo[key] = any(test(el) for test in tests)
    return found
