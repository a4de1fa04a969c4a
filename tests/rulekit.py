"""Switching boilerplate rules off in a test, as ``bench/ablation.py`` does for a run."""

from __future__ import annotations

import dataclasses
import re

import archiver.extraction as ex


def without_paragraph_rule(monkeypatch, name: str) -> None:
    """Make the paragraph rule ``name`` absent from every page's rule set for the rest of the test
    (``archiver.extraction.rules_for`` patched with ``monkeypatch``)."""
    original = ex.rules_for

    def rules_without(host):
        rules = original(host)
        return dataclasses.replace(rules, paragraphs=tuple(r for r in rules.paragraphs if r.name != name))
    monkeypatch.setattr(ex, "rules_for", rules_without)


def without_own_address(monkeypatch) -> None:
    """Turn off gen40's own-address stage for the rest of the test: a rule-off twin whose line is the page's
    own address would otherwise see that stage take the line its rule took."""
    monkeypatch.setattr(ex, "drop_own_address", lambda lines, url, code=frozenset(): (lines, []))


def without_dom_rule(monkeypatch, name: str) -> None:
    """Make the DOM rule ``name`` absent from every page's rule set for the rest of the test
    (as ``bench.ablation``'s ``dom:`` switch does)."""
    original = ex.rules_for

    def rules_without(host):
        rules = original(host)
        return dataclasses.replace(rules, dom=tuple(r for r in rules.dom if r.name != name))
    monkeypatch.setattr(ex, "rules_for", rules_without)


def paragraph_pattern(host: str, name: str):
    """The compiled pattern of paragraph rule ``name`` as it applies on ``host`` (``re.Pattern``), for
    look-alike tests that check a sentence is not matched; ``StopIteration`` if no such rule."""
    rule = next(r for r in ex.rules_for(host).paragraphs if r.name == name)
    return rule.pattern


def with_paragraph_pattern(monkeypatch, name: str, pattern: str, flags: int = re.I) -> None:
    """Give paragraph rule ``name`` the pattern ``pattern`` (compiled with ``flags``) on every page for the
    rest of the test: a rule's earlier form put back, so a test can show the narrowing is what keeps a
    line. ``rules_for`` patched with ``monkeypatch``; a name that is no rule changes nothing."""
    original = ex.rules_for

    def rules_with(host):
        rules = original(host)
        return dataclasses.replace(rules, paragraphs=tuple(
            dataclasses.replace(r, pattern=re.compile(pattern, flags)) if r.name == name else r
            for r in rules.paragraphs))
    monkeypatch.setattr(ex, "rules_for", rules_with)
