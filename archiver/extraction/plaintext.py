"""A ``text/plain`` article: its text as the file reads, in paragraphs at blank lines.

A story served as plain text has no markup for the HTML pipeline to read (it was
skipped as "not HTML"). Its paragraphs are the runs of lines between blank lines
(a line of only spaces is blank); the lines of a run are joined with single
spaces, since plain text is hard-wrapped at a width, not at sentences (with
none between two Chinese or Japanese characters, which are written without
spaces). A run of three or more lines of which at least two thirds end as
sentences end is one paragraph a line (a file written without blank lines).
A first run of one short line (at most ``TITLE_MAX`` characters, not ending in
a sentence's or a greeting's mark: ``. , ; : ! ?``) is the title, when more
follows. Nothing is removed: there is no page furniture in a text file, the
page account is empty, and site learning neither learns from nor applies to it.
"""
from __future__ import annotations

import re

from .decode import decode_html, tld_of
from .lines import SENTENCE_END
from .model import Extraction

TITLE_MAX = 150  # characters
_BLANK = re.compile(r"\n[^\S\n]*\n")  # a line holding only whitespace (spaces, tabs, NBSP, U+3000)
_CJK = "[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
_CJK_WRAP = re.compile(rf"(?<={_CJK})[^\S\n]*\n[^\S\n]*(?={_CJK})")  # a wrap inside Chinese or Japanese
_NOT_TITLE_END = (".", ",", ";", ":", "!", "?", "。", "，", "；", "：", "！", "？")


def _paragraphs(run: str) -> list[str]:
    """A run's paragraphs: one, its lines joined, or one a line when most of them end as sentences."""
    lines = [line for line in (" ".join(line.split()) for line in run.split("\n")) if line]
    if len(lines) >= 3 and 3 * sum(bool(SENTENCE_END.search(line)) for line in lines) >= 2 * len(lines):
        return lines
    return [" ".join(_CJK_WRAP.sub("", run).split())]


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
    paragraphs = [para for run in runs for para in _paragraphs(run)]
    title = ""
    if (len(paragraphs) > 1 and "\n" not in runs[0] and len(paragraphs[0]) <= TITLE_MAX
            and not paragraphs[0].endswith(_NOT_TITLE_END)):
        title, paragraphs = paragraphs[0], paragraphs[1:]
    return Extraction(title=title, paragraphs=tuple(paragraphs), url=url, host=host_of(url),
                      encoding=decoded.encoding, source="text/plain", page_h1="", captions=())
