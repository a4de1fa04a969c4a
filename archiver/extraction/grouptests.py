"""One test for the elements of a candidate list that several simple selectors share (``selectors.py``).

The page index gives each simple selector a candidate list (its id, class, tag or first attribute);
selectors with the same list are tested together, and only for what the list does not guarantee.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .cssparts import ATTR_TESTS as _ATTR_TESTS
from .cssparts import Simple as _Simple

__all__ = ["group_test", "SAME_ATTRIBUTE", "BY_ATTRIBUTE"]

_Test = Callable[[Any], bool]


def _residual_tests(sel: _Simple) -> list[tuple]:
    """What ``sel.matches`` still has to check on an element of its candidate list.

    The list already guarantees the key: the id, the tag, the presence of the
    first attribute, or (for a one-class selector) the class token. Each test
    is a tuple: ("tag", t), ("id", v), ("classes", cs) or ("attr", name, op, value).
    """
    kind, _ = sel.key
    tests: list[tuple] = []
    if sel.tag is not None and kind != "tag":
        tests.append(("tag", sel.tag))
    if sel.ident is not None and kind != "id":
        tests.append(("id", sel.ident))
    if sel.classes and not (kind == "class" and len(sel.classes) == 1):
        tests.append(("classes", sel.classes))
    for i, (name, op, value) in enumerate(sel.attrs):
        if i == 0 and kind == "attr" and op == "exists":
            continue
        tests.append(("attr", name, op, value))
    return tests


def _one_test(spec: tuple) -> _Test:
    if spec[0] == "tag":
        tag = spec[1]
        return lambda el: el.tag == tag
    if spec[0] == "id":
        ident = spec[1]
        return lambda el: el.get("id") == ident
    if spec[0] == "classes":
        classes = spec[1]

        def has_classes(el) -> bool:
            tokens = (el.get("class") or "").split()  # split once for all the classes
            for c in classes:  # noqa: SIM110 (a loop: no generator made per element)
                if c not in tokens:
                    return False
            return True
        return has_classes
    _, name, op, value = spec
    if op == "exists":
        return lambda el: el.get(name) is not None
    check, want = _ATTR_TESTS[op], value or ""

    def attr(el) -> bool:
        have = el.get(name)
        return have is not None and check(have, want)
    return attr


def _all_of(tests: tuple[_Test, ...]) -> _Test:
    return lambda el: all(t(el) for t in tests)


SAME_ATTRIBUTE = True  # False: a group of tests on one attribute reads it once per test (speed only)


def _same_attribute(name: str, tests: list[tuple[str, str]]) -> _Test:
    """``any`` of the ``(operator, value)`` tests on attribute ``name``, the attribute read once
    (``[class*=tooltip-text], [class*=glossary-info], ...``: the substrings in a loop)."""
    subs = tuple(want for op, want in tests if op == "*=" and want)  # *= with an empty value matches nothing
    others = tuple((_ATTR_TESTS[op], want) for op, want in tests if op != "*=")

    def same_attribute(el) -> bool:
        have = el.get(name)
        if have is None:
            return False
        for want in subs:
            if want in have:
                return True
        for check, want in others:  # noqa: SIM110
            if check(have, want):
                return True
        return False
    return same_attribute


BY_ATTRIBUTE = True  # False: tests on several attributes each read their attribute (speed only: the same verdicts)


def _one_of(name: str, values: frozenset[str]) -> _Test:
    """``[name=v1], [name=v2], ...``: one set lookup."""
    return lambda el: el.get(name) in values


def _by_attribute(specs: list[tuple]) -> _Test:
    """``any`` of the single-attribute tests ``specs`` (``("attr", name, op, value)``, on more than one
    attribute: ``span[role=tooltip], span[class*=glossary-info], span[class*=tooltiptext], ...``), each
    attribute read once: its tests are one set lookup when all are ``=``, else one
    :func:`_same_attribute`. Called for each candidate (every ``<span>`` of a page for that rule): two
    reads instead of seven."""
    by_name: dict[str, list[tuple[str, str]]] = {}
    for _, name, op, value in specs:
        by_name.setdefault(name, []).append((op, value or ""))
    parts: list[_Test] = []
    for name, tests in by_name.items():
        if all(op == "=" for op, _ in tests):
            parts.append(_one_of(name, frozenset(want for _, want in tests)))
        else:
            parts.append(_same_attribute(name, tests))
    if len(parts) == 1:
        return parts[0]
    first, *rest = parts

    def by_attribute(el) -> bool:  # a loop, not any() over a generator: called for each candidate
        if first(el):
            return True
        for t in rest:  # noqa: SIM110
            if t(el):
                return True
        return False
    return by_attribute


def group_test(group: tuple[_Simple, ...]) -> _Test | None:
    """One test for the candidates a group of selectors shares (``any`` of them
    matches), or None when its list already guarantees a match.

    Same verdict as ``any(s.matches(el) for s in group)`` on those candidates, but
    only the checks the list does not guarantee are made; alternatives that are
    all ``[name=value]`` on one attribute (``a[href='#main']``, ...) are one set lookup.
    """
    residuals = [_residual_tests(s) for s in group]
    if any(not r for r in residuals):
        return None
    if all(len(r) == 1 and r[0][0] == "attr" and r[0][2] == "=" for r in residuals) \
            and len({r[0][1] for r in residuals}) == 1:
        name, values = residuals[0][0][1], frozenset(r[0][3] or "" for r in residuals)
        return lambda el: el.get(name) in values
    if SAME_ATTRIBUTE and all(len(r) == 1 and r[0][0] == "attr" and r[0][2] in _ATTR_TESTS for r in residuals) \
            and len({r[0][1] for r in residuals}) == 1:
        return _same_attribute(residuals[0][0][1], [(r[0][2], r[0][3] or "") for r in residuals])
    if BY_ATTRIBUTE and all(len(r) == 1 and r[0][0] == "attr" and r[0][2] in _ATTR_TESTS for r in residuals):
        return _by_attribute([r[0] for r in residuals])
    tests: list[_Test] = []
    for r in residuals:
        parts = [_one_test(spec) for spec in r]
        tests.append(parts[0] if len(parts) == 1 else _all_of(tuple(parts)))
    if len(tests) == 1:
        return tests[0]

    def any_test(el) -> bool:  # a loop, not any() over a generator: called for each candidate
        for t in tests:  # noqa: SIM110
            if t(el):
                return True
        return False
    return any_test
