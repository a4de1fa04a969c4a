"""A ``text/plain`` article: its text as the file reads, in paragraphs at blank lines.

A story served as plain text has no markup for the HTML pipeline to read (it was
skipped as "not HTML"). Its paragraphs are the runs of lines between blank lines
(a line of only spaces is blank); the lines of a run are joined with single
spaces, since plain text is hard-wrapped at a width, not at sentences. A first
run of one short line (at most ``TITLE_MAX`` characters, not ending as a
sentence does) is the title, when more follows. Nothing is removed: there is no
page furniture in a text file, and the page account is empty.
"""
from __future__ import annotations

import re

from .decode import decode_html, tld_of
from .model import Extraction

TITLE_MAX = 150  # characters
_BLANK = re.compile(r"\n[^\S\n]*\n")  # a line holding only whitespace (spaces, tabs, NBSP, U+3000)


def extract_text(body: bytes, url: str | None = None, content_type: str | None = None) -> Extraction:
    """Title and paragraphs of a plain-text body (bytes, charset from ``content_type``, a BOM or detection).

    Returns an Extraction with ``source="text/plain"``, the charset found in ``encoding``;
    never raises for content.
    """
    from . import host_of

    decoded = decode_html(body, content_type, tld_of(url))
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    runs = [run.strip() for run in _BLANK.split(text)]
    runs = [run for run in runs if run]
    paragraphs = [" ".join(run.split()) for run in runs]
    title = ""
    if (len(paragraphs) > 1 and "\n" not in runs[0] and len(paragraphs[0]) <= TITLE_MAX
            and not paragraphs[0].endswith((".", ",", ";"))):
        title, paragraphs = paragraphs[0], paragraphs[1:]
    return Extraction(title=title, paragraphs=tuple(paragraphs), url=url, host=host_of(url),
                      encoding=decoded.encoding, source="text/plain")
