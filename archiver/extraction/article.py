"""Stage 2: trafilatura on the cleaned tree, plus title and metadata.

trafilatura gets the very tree the DOM stage cleaned (no second parse). Its
options come from the rules data (``"trafilatura"`` in ``generic.json``,
overridable per site and per call), so they can be tuned by measurement
without touching code. Comments are always excluded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import trafilatura

__all__ = ["ArticleText", "run_trafilatura", "DEFAULT_OPTIONS"]

DEFAULT_OPTIONS: dict[str, Any] = {"favor_precision": False, "favor_recall": False,
                                   "include_tables": True, "deduplicate": False}
_ALLOWED = {"favor_precision", "favor_recall", "include_tables", "include_images", "include_links",
            "include_formatting", "deduplicate", "fast", "target_language",
            "prune_xpath", "config", "with_metadata", "date_extraction_params"}


@dataclass(frozen=True, slots=True)
class ArticleText:
    lines: list[str]
    title: str | None
    author: str | None
    date: str | None
    site_name: str | None
    description: str | None


def _first_text(tree, path: str) -> str | None:
    el = tree.find(path)
    if el is not None:
        text = " ".join(el.text_content().split())
        if text:
            return text
    return None


def _h1_or_title(tree) -> str | None:
    return _first_text(tree, ".//h1") or _first_text(tree, ".//title")


def choose_title(meta_title: str | None, tree) -> str:
    """trafilatura's title, but the page's own ``<h1>`` when the metadata title is
    that headline plus decoration ("Headline – DW – 01/11/2022")."""
    h1 = _first_text(tree, ".//h1")
    meta_title = " ".join((meta_title or "").split())
    if not meta_title:
        return h1 or _first_text(tree, ".//title") or ""
    if h1 and h1 != meta_title and h1.casefold() in meta_title.casefold():
        return h1
    return meta_title


def run_trafilatura(tree, url: str | None, options: dict[str, Any]) -> ArticleText:
    """Run trafilatura's extraction on an lxml tree; never raises on bad content."""
    opts = {**DEFAULT_OPTIONS, **{k: v for k, v in options.items() if k in _ALLOWED}}
    with_metadata = opts.pop("with_metadata", True)
    doc = trafilatura.bare_extraction(tree, url=url, include_comments=False, with_metadata=with_metadata,
                                      output_format="python", **opts)
    if doc is None:
        return ArticleText([], _h1_or_title(tree), None, None, None, None)
    text = doc.text or ""
    lines = [line.strip() for line in text.split("\n")]
    return ArticleText(
        lines=[line for line in lines if line],
        title=choose_title(doc.title, tree),
        author=doc.author or None,
        date=doc.date or None,
        site_name=doc.sitename or None,
        description=doc.description or None,
    )
