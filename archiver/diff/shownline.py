"""The headline a version's page shows, as its clean text writes it (the I/O edge of :mod:`archiver.diff.headline`).

A clean text's first line is not always the shown headline. The extractor decides it this way
(``archiver/extraction/__init__.py`` with :mod:`archiver.extraction.shownhead`): it reads the page's
``<h1>`` (the one carrying the declared title, :func:`archiver.extraction.dom.find_headline`, else the
first; :func:`archiver.extraction.shownhead.h1_text`), and

- when the page declares another title (``og:title``) and that ``<h1>`` is nowhere in the text's first
  lines, it writes the ``<h1>`` as the title line and records it as the sidecar's ``headline``;
- when the ``<h1>`` is one of the text's first lines (most often the first paragraph under a declared
  ``og:title`` that a CMS did not update), the title line is the declared title and the ``<h1>`` stays
  that paragraph;
- else the title line is the headline (the ``<h1>`` is the title, or the page has none).

:func:`shown_line` follows the same order for one version: the sidecar's ``headline`` (the title line),
else the line of the text's first four (title line and three paragraphs) that holds the page's ``<h1>``
words, else the title line. The ``<h1>`` is the sidecar's ``page_h1``, the one the extractor read (written
since nu59; ``""``: none); for an older sidecar the page is read from the WARC the sidecar names
(:func:`archiver.diff.capture.read_page_html`) and parsed again, and without it the title line stands. The
watch's message and the timeline both take the headline from here, so they cannot disagree.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from archiver.diff.headline import headline_change, same_words

__all__ = ["shown_line", "sidecar_h1", "step_headline"]

FIRST_LINES = 4  # the title line and the first three paragraphs, as shownhead.py looks at them


def _lines(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()][:FIRST_LINES]


def _sidecar(json_path: Path | str | None) -> dict[str, Any]:
    try:
        data = json.loads(Path(json_path).read_text(encoding="utf-8")) if json_path else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def page_h1(html: str, title: str | None) -> str | None:
    """The ``<h1>`` text the extractor reads as the shown headline (see the module docstring), or None
    (no such ``<h1>``, 3 to 40 words, or a page that does not parse)."""
    from archiver.extraction.dom import find_headline, parse
    from archiver.extraction.invisibles import visible
    from archiver.extraction.shownhead import h1_text

    try:
        root = parse(html)
    except Exception:  # a page that lxml cannot read: the title line stands
        return None
    heading = find_headline(root, title)
    heading = heading if heading is not None else next(root.iter("h1"), None)
    return visible(h1_text(heading))


def sidecar_h1(sidecar: dict[str, Any]) -> str | None:
    """The page's ``<h1>`` as the extractor read it, from the sidecar's ``page_h1`` (written since 2026-12-07,
    nu59): its text, ``""`` for a page with none (the title line stands), None when the sidecar does not say
    (an older one, or a value that is not text: the page is then read from its WARC)."""
    value = sidecar.get("page_h1")
    return " ".join(value.split()) if isinstance(value, str) else None


def _page_html(sidecar: dict[str, Any], warcs: Sequence[Path], near: Path | None) -> str | None:
    from archiver.diff.capture import find_warc, read_page_html

    for name, offset in ((sidecar.get("payload_warc_file"), sidecar.get("payload_warc_offset")),
                         (sidecar.get("warc_file"), sidecar.get("warc_offset"))):
        if isinstance(name, str) and isinstance(offset, int) and offset >= 0:
            warc = find_warc(name, warcs, near)
            html = read_page_html(warc, offset) if warc is not None else None
            if html:
                return html
    return None


def shown_line(text: str | None, json_path: Path | str | None, warcs: Sequence[Path] = ()) -> str | None:
    """The shown headline of one version (``text``: its clean text as read; ``json_path``: its sidecar;
    ``warcs``: folders holding the WARC files, beside the ``warcs`` folder near the sidecar), whitespace
    collapsed, as the clean text writes it; None for no text."""
    if not text:
        return None
    lines = _lines(text)
    if not lines:
        return None
    sidecar = _sidecar(json_path)
    if sidecar.get("headline"):  # the extractor wrote the shown <h1> as the title line
        return lines[0]
    h1 = sidecar_h1(sidecar)
    if h1 is None:  # a sidecar written before the extractor recorded the page's <h1>: the page is read again
        html = _page_html(sidecar, warcs, Path(json_path) if json_path else None)
        h1 = page_h1(html, sidecar.get("title") or lines[0]) if html else None
    if h1:
        for line in lines:
            if same_words(line, h1):
                return line
    return lines[0]


def step_headline(old_text: str | None, old_json: Path | str | None, new_text: str | None,
                  new_json: Path | str | None, warcs: Sequence[Path] = ()) -> tuple[str, str] | None:
    """``(old, new)`` shown headline of a version step when its words changed
    (:func:`archiver.diff.headline.headline_change` of two :func:`shown_line`), else None: what the watch's
    message and the timeline both show."""
    return headline_change(shown_line(old_text, old_json, warcs), shown_line(new_text, new_json, warcs))
