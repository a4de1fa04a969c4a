"""Stage 2b: put back a standfirst that trafilatura left out.

The standfirst (teaser, lede, intro paragraph) is article text, but pages
mark it up as page furniture: a ``<p class="teaser-text">`` or a ``<div
class="article__intro">`` in the header, next to the headline. trafilatura
drops "teaser" classes on purpose (they are often promos for other articles)
and in precision mode drops headers outright, so on many news sites the
first paragraph goes missing. It is found here by position and name: the
first single-paragraph block after the headline ``<h1>``, within a short
stretch of text, whose class or id names it as a standfirst (words in the
rules data), and no word naming something else (``veto_words``: an author
bio's ``author-bio--description``). The element right after the headline, so
named as a dek (``adjacent_class_words``: "dek", "subheadline"; not "teaser" or "intro",
which may be a promo's or a label's), is the dek even when shorter than a paragraph
(``adjacent_min_chars``):
``<header><h1>...</h1><h2 class="subheadline">...</h2></header>`` outside the
``<article>``, which trafilatura leaves out
(https://github.com/adbar/trafilatura/issues/642). A teaser for another article sits in a
list or an aside, far from the headline, and is not taken. The search runs before the DOM stage,
which may remove the header that holds it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .dom import block_text
from .model import Removed
from .rules import StandfirstRule

__all__ = ["find_standfirst", "restore_standfirst", "unrecord"]

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _names(el) -> str:
    """Class and id as lower-case words (``storyLead`` -> ``story lead``)."""
    raw = " ".join(v for v in (el.get("class"), el.get("id")) if v)
    return _CAMEL.sub(" ", raw).lower() if raw else ""


def _after(el):
    """Top-level elements following ``el`` in document order (its later siblings, then its ancestors')."""
    node = el
    while node is not None:
        yield from node.itersiblings()
        node = node.getparent()


def _text_len(el) -> int:
    return len(" ".join(el.text_content().split()))


def _acceptable(el, rule: StandfirstRule, min_chars: int | None = None) -> str | None:
    text = block_text(el)
    if "\n" in text or not (rule.min_chars if min_chars is None else min_chars) <= len(text) <= rule.max_chars:
        return None
    links = sum(_text_len(a) for a in el.iter("a"))
    return text if links <= rule.max_link_share * len(text) else None


def _named(el, rule: StandfirstRule, marker: re.Pattern[str] | None = None) -> bool:
    """Whether a word of ``el``'s class or id is one of ``marker``'s (the rule's own by default) and
    none is a veto word."""
    names = _names(el)
    found = names and (marker or rule.marker).search(names)
    return bool(found and not (rule.veto and rule.veto.search(names)))


def _adjacent(headline, rule: StandfirstRule) -> str | None:
    """The headline's next element when its class or id names a standfirst and it holds a line of
    ``rule.adjacent_min_chars`` characters or more (a dek under the headline), else None."""
    nxt = headline.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):  # a comment between them
        nxt = nxt.getnext()
    if nxt is None or nxt.tag in rule.skip_tags or not _named(nxt, rule, rule.adjacent_marker):
        return None
    return _acceptable(nxt, rule, rule.adjacent_min_chars)


def find_standfirst(headline, rule: StandfirstRule | None) -> str | None:
    """The standfirst paragraph following ``headline`` (an ``<h1>``), or None."""
    if headline is None or rule is None:
        return None
    if rule.adjacent_min_chars:
        found = _adjacent(headline, rule)
        if found:
            return found
    used = 0
    for top in _after(headline):
        stack = [top]
        while stack:
            el = stack.pop()
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if tag in rule.skip_tags:
                used += _text_len(el)
            else:
                if _named(el, rule):
                    found = _acceptable(el, rule)
                    if found:
                        return found
                used += len((el.text or "").strip())
                stack.extend(reversed(el))
            used += len((el.tail or "").strip())
            if used > rule.search_chars:
                return None
    return None


def _flat(text: str) -> str:
    return " ".join(text.split())


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def held_share(standfirst: str, text: str) -> float:
    """Share of the standfirst's characters (0..1) in sentences that ``text`` already holds.

    A body often repeats the standfirst's first sentence and goes on otherwise, so a
    matching opening alone does not mean the standfirst is there.
    """
    want, have = _flat(standfirst), _flat(text)
    if not want or want in have:
        return 1.0
    sentences = _SENTENCE_END.split(want)
    return sum(len(s) for s in sentences if s in have) / sum(map(len, sentences))


def restore_standfirst(lines: Sequence[str], standfirst: str | None, held: float = 0.5) -> list[str]:
    """``lines`` with the standfirst in front, unless the text already holds at least
    ``held`` of it (:func:`held_share`)."""
    lines = list(lines)
    if not standfirst or held_share(standfirst, " ".join(lines)) >= held:
        return lines
    return [standfirst, *lines]


def unrecord(removed: Sequence[Removed], standfirst: str) -> list[Removed]:
    """The removed blocks without the standfirst's line: it is article text again
    (the DOM stage may have taken the header that held it)."""
    out = []
    for block in removed:
        lines = [line for line in block.text.split("\n") if line != standfirst]
        if len(lines) == len(block.text.split("\n")):
            out.append(block)
        elif lines:
            out.append(Removed(block.rule, block.stage, "\n".join(lines)))
    return out
