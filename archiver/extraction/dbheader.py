"""Stage 3a: a news database document's header fields above the body go; its "Highlight:" field's
text stays as the standfirst.

A library's news database (Nexis Uni, LexisNexis Academic, Nexis) shows a story with its own header
between the headline and the body, each field a line of its own::

    Deutsche Welle English
    January 11, 2022 Tuesday
    Copyright 2022 Deutsche Welle All Rights Reserved
    Section: ASIA
    Length: 612 words
    Byline: adi/rt
    Highlight: Kazakh President Kassym-Jomart Tokayev said the pullout ...
    Body
    <the story>

The mark is the length field, ``Length: N words``, among the text's first ``HEAD_LINES`` lines:
every line above it is the header (the source, the date, the copyright line, the section), each a
short line (``MAX_HEAD_CHARS``) ending no sentence; after it the fields go on while a line starts with a field's label
(``FIELDS``). Each field goes, but a ``Highlight:`` field holds the story's teaser: its text stays,
without the label. A line ``Body`` closing the fields is the database's heading over the story and
goes too. Below the body, on such a page, the document's tail goes: from its ``Load-Date:`` line
among the last ``TAIL_LINES`` (then "Graphic:", the "Classification" fields, "End of Document"),
or a closing "End of Document" alone. Without the length field, or with a long line above it (a
story that mentions a length in words goes on as a story), nothing changes.

``read_database_header(lines) -> (lines, removed)``: the lines without the header, and the lines
removed (the highlight's label counted as removed as ``Highlight:``). Switch: ``DB_HEADER``
(``stage:database-header``).
"""
from __future__ import annotations

import re

__all__ = ["DB_HEADER", "FIELDS", "HEAD_LINES", "MAX_HEAD_CHARS", "TAIL_LINES", "read_database_header"]

DB_HEADER = True  # stage:database-header; False: a news database's header fields stay in the text (ablation)
HEAD_LINES = 10  # the length field is among the text's first lines: the header stands above the body
MAX_HEAD_CHARS = 120  # a header line above the length field: a source, a date, a copyright line, a field
_LENGTH = re.compile(r"^Length:\s*[\d,.]+\s+words?$", re.I)
# the fields Nexis prints in a document's header (after "Length:")
FIELDS = ("Byline", "Dateline", "Section", "Edition", "Series", "Type", "Highlight", "Correction-Date",
          "Correction", "Version", "Publication-Type", "Language")
_FIELD = re.compile(r"^(" + "|".join(re.escape(f) for f in FIELDS) + r"):\s*(.*)$", re.I)
_BODY = re.compile(r"^Body:?$", re.I)
TAIL_LINES = 30  # the tail's fields: the load date, a graphic's caption, a dozen classification lines
_LOAD_DATE = re.compile(r"^Load-Date:\s*\S", re.I)
_END = re.compile(r"^End of Document$", re.I)


def read_database_header(lines: list[str]) -> tuple[list[str], list[str]]:
    """``lines`` without a news database's header fields above the body (see the module), and the
    removed lines; ``lines`` unchanged when it has no such header or the stage is off."""
    if not DB_HEADER:
        return lines, []
    at = next((i for i, line in enumerate(lines[:HEAD_LINES]) if _LENGTH.match(line.strip())), None)
    if at is None or any(len(line) > MAX_HEAD_CHARS or line.rstrip().endswith((".", "!", "?", ".”", '."'))
                         for line in lines[:at]):
        return lines, []
    removed = [*lines[:at + 1]]
    kept: list[str] = []
    end = at + 1
    while end < len(lines):
        line = lines[end].strip()
        field = _FIELD.match(line)
        if field is None:
            break
        if field.group(1).lower() == "highlight" and field.group(2):
            kept.append(field.group(2))  # the teaser, as the standfirst
            removed.append(line[:line.index(":") + 1])
        else:
            removed.append(line)
        end += 1
    if end < len(lines) and _BODY.match(lines[end].strip()):
        removed.append(lines[end])
        end += 1
    rest = lines[end:]
    tail = next((i for i in range(max(0, len(rest) - TAIL_LINES), len(rest)) if _LOAD_DATE.match(rest[i].strip())),
                None)
    if tail is None and rest and _END.match(rest[-1].strip()):
        tail = len(rest) - 1
    if tail is not None:
        removed += rest[tail:]
        rest = rest[:tail]
    return [*kept, *rest], removed
