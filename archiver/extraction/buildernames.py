"""Page builders' layout names that hold a furniture word: not furniture names.

A page builder names every block of a page it lays out, and some of those names hold a word
archiver's name tests read as furniture: Elementor wraps each heading and each run of text in
``div.elementor-widget.elementor-widget-heading > div.elementor-widget-container`` (inside
``div.elementor-widget-wrap``), and ``widget`` is one of the words (``gaps.FURNITURE``) under which
the gaps, siblings and tail stages refuse to put a block back. On an Elementor page with no body
container trafilatura knows, its fallback keeps the paragraphs and drops every subheading, and
gaps refused each heading for that word (https://github.com/elementor/elementor/issues/5639: the
reader view showed the page's H1 alone; bug20).

The layout names are data (``rules/builder_names.json``: a class-token prefix and the words of such
a token that are the builder's, not furniture); :func:`layout_words` gives the words an element's
names lose, only those no other token of the element also holds (``sidebar-widget`` keeps
``widget``), and the rest of a matching token stays (``elementor-widget-share-buttons`` keeps
``share``). ``dom.name_words`` asks only when the names hold one of the prefixes.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

__all__ = ["BUILDER_NAMES", "RULES_FILE", "layout_words", "prefixes"]

BUILDER_NAMES = True  # False: a builder's layout names count as furniture words (stage:builder-names)
RULES_FILE = Path(__file__).resolve().parents[1] / "rules" / "builder_names.json"


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, frozenset[str]], ...]:
    try:
        data = json.loads(RULES_FILE.read_text(encoding="utf-8"))
        return tuple((e["prefix"], frozenset(e["words"])) for e in data["layout_tokens"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{RULES_FILE}: {exc}") from exc


@lru_cache(maxsize=1)
def prefixes() -> re.Pattern[str]:
    """One pattern finding any layout prefix in a class/id string (the cheap test first)."""
    return re.compile("|".join(re.escape(p) for p, _ in _rules()))


def layout_words(names: str, word: re.Pattern[str]) -> set[str]:
    """The words of ``names`` (class and id, space-separated) that only a builder's layout tokens
    hold; ``word`` splits a token into words as ``dom.name_words`` does."""
    if not BUILDER_NAMES:
        return set()
    layout: set[str] = set()
    other: set[str] = set()
    for token in names.split():
        words = {w.lower() for w in word.findall(token)}
        for prefix, own in _rules():
            if token.startswith(prefix):
                layout |= words & own
                other |= words - own
                break
        else:
            other |= words
    return layout - other
