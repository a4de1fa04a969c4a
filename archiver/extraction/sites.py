"""Stage 4: site-level learning, as pure functions.

A paragraph that recurs verbatim on at least three different pages of one
host is that site's boilerplate (a notice or promo nobody wrote a rule for).
The extract command stores :func:`paragraph_digests` per (host, url) in the
catalog, asks :func:`learn` (or the equivalent SQL count) which digests
recur, and calls :func:`apply_site_learning`. Paragraphs matching a keep
pattern (a closing agency line that every article of a site ends with) are
never learned away, and a page is never emptied by learning: when the
recurring paragraphs would take most of its text, the page is most likely
the same article under another URL, so it is left alone.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

from .lines import collapsed
from .model import Extraction, Removed
from .paragraphs import is_kept
from .rules import RuleSet, rules_for

__all__ = ["normalise", "digest", "paragraph_digests", "learn", "apply_site_learning", "MIN_PAGES"]

MIN_PAGES = 3
MAX_SHARE = 2 / 3  # never learn away more than this share of a page's characters


def normalise(text: str) -> str:
    """The form paragraphs are compared in: NFKC, case-folded, whitespace collapsed."""
    return collapsed(unicodedata.normalize("NFKC", text).casefold())



def digest(text: str) -> str:
    """Short stable digest of a paragraph's normalised text."""
    return hashlib.blake2b(normalise(text).encode("utf-8"), digest_size=10).hexdigest()


def paragraph_digests(extraction: Extraction) -> list[str]:
    """Digests of the body paragraphs, in order (duplicates within the page kept once)."""
    seen: dict[str, None] = {}
    for para in extraction.paragraphs:
        if para.strip():
            seen.setdefault(digest(para), None)
    return list(seen)


def learn(pages: Mapping[str, Iterable[str]], min_pages: int = MIN_PAGES) -> set[str]:
    """Digests seen on at least ``min_pages`` different URLs of one host.

    ``pages`` maps each URL of the host to its paragraph digests.
    """
    counts: Counter[str] = Counter()
    for digests in pages.values():
        counts.update(set(digests))
    return {d for d, n in counts.items() if n >= min_pages}


def apply_site_learning(extraction: Extraction, learned_digests: Iterable[str] | set[str],
                        rules: RuleSet | None = None) -> Extraction:
    """Drop the paragraphs whose digest is learned for the page's host."""
    learned = learned_digests if isinstance(learned_digests, (set, frozenset)) else set(learned_digests)
    if not learned or not extraction.paragraphs:
        return extraction
    rules = rules or rules_for(extraction.host)
    rule = f"site-learned:{extraction.host or 'unknown'}"
    kept: list[str] = []
    removed: list[Removed] = []
    for para in extraction.paragraphs:
        if digest(para) in learned and not is_kept(para, rules):
            removed.append(Removed(rule, "site", para))
        else:
            kept.append(para)
    if not removed:
        return extraction
    total = sum(len(p) for p in extraction.paragraphs)
    if not kept or sum(len(r.text) for r in removed) > MAX_SHARE * total:
        return extraction
    return extraction.with_changes(paragraphs=tuple(kept), removed=extraction.removed + tuple(removed))
