"""Stage 1 (the DOM stage's first step): which element is the page's main article container.

``dom.clean_page`` protects the main container and its ancestors from every rule and scopes the
``outside-main`` rules by it; later stages (the precision fallback, the short page's lines, the
markup repairs) trust it as the article.
"""

from __future__ import annotations

from itertools import islice

from lxml import etree

from .rules import RuleSet
from .selectors import Index

__all__ = ["MAIN_AT_HEADLINE", "MAIN_MIN_SHARE", "find_main"]

MAIN_MIN_SHARE = 0.2  # of the page's paragraph text: a container holding less is a card, not the article
MAIN_AT_HEADLINE = True  # False: the longest candidate wins even beside the headline's own <article> (ablation)


def _outermost_article(el):
    """The outermost ``<article>`` around ``el``, or None."""
    found = None
    for anc in el.iterancestors("article"):
        found = anc
    return found


def find_main(root, rules: RuleSet, index: Index | None = None, headline=None):
    """The main article container: the candidate with the most paragraph text,
    widened to its outermost enclosing ``<article>`` (so the headline stays in).

    None when no candidate holds ``MAIN_MIN_SHARE`` of the page's ``<p>`` text: on a
    page whose body matches no selector, the best match is a teaser card of a related
    post or a comment (``article.elementor-grid-item``, ``article.comment-body``), and
    treating it as the article would make every "outside the article" rule, and the
    stages that trust the main container, act on the wrong side (issue 11).

    ``headline`` (the ``<h1>`` carrying the declared title): when it lies in an ``<article>`` that
    holds ``MAIN_MIN_SHARE`` of the page's paragraph text itself, that article is the main
    container, even when a longer one follows it (the next story of an endless-scroll page, loaded
    below the first: https://github.com/ZachSaucier/Just-Read/issues/431, the reader took the
    story linked at the bottom of the page).
    """
    index = index or Index(root, rules.needs)
    candidates: dict = {}
    for sel in rules.main:
        for cand in sel.select(index):
            candidates.setdefault(cand, 0)
    if not candidates:
        return None
    for cand in candidates:  # paragraph text of each candidate, counted by libxml2
        candidates[cand] = _p_text_len(cand)
    best, best_len = None, 0
    for cand, n in candidates.items():
        if n > best_len:
            best, best_len = cand, n
    if best is None:
        return None
    body = root.find("body")
    page_len = _p_text_len(body if body is not None else root)
    if best_len < MAIN_MIN_SHARE * page_len:
        return None
    outer = _outermost_article(best)
    if outer is not None:
        best = outer
    own = _outermost_article(headline) if MAIN_AT_HEADLINE and headline is not None else None
    if own is not None and own is not best and not any(a is own for a in best.iterancestors()) \
            and _p_text_len(own) >= MAIN_MIN_SHARE * page_len:
        return own
    return best


_P_TEXTS = etree.XPath(".//p//text()", smart_strings=False)
# the same text nodes, found in one pass (libxml2 merges the first form's node set per <p>, each
# merge walking the set: 1 s for 25,000 <p>); about twice the cost on a page of ordinary size
_TEXTS_IN_P = etree.XPath("descendant::text()[ancestor::p]", smart_strings=False)
_MANY_PARAGRAPHS = 2000


def _p_text_len(el) -> int:
    """Characters of the text inside ``<p>`` elements below ``el`` (``.//p//text()``)."""
    if next(islice(el.iter("p"), _MANY_PARAGRAPHS, None), None) is None or el.tag == "p" \
            or next(el.iterancestors("p"), None) is not None:  # the one-pass form counts p ancestors of el
        return sum(map(len, _P_TEXTS(el)))
    return sum(map(len, _TEXTS_IN_P(el)))
