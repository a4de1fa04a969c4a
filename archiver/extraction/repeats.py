"""Stage 2e: the article body read twice (a second copy of the page's text) comes out once.

Some templates carry the whole article twice: a desktop and a mobile rendition
of the same body, a hidden copy for a print or "reader" view, a CMS block that
renders the post again under it. trafilatura reads both copies, so the body
comes out twice (the word bag doubled: precision halves). The second copy is
recognised by where it starts and how long it runs:

- it starts again at the beginning: a long line (``MIN_CHARS`` or more)
  equal to one of the first two long lines of the text;
- from there at least ``MIN_RUN`` long lines in a row repeat lines already
  read before that point (short lines between them, such as subheadings,
  do not break the run).

The run, from its first to its last repeated long line, is dropped. A line
repeated alone (an interview's recurring question, a recipe's repeated step,
a pull quote) never starts the run, since it is not the body's opening, and a
body that opens with a recurring line repeats it without the lines that
followed it; both stay.
"""

from __future__ import annotations

__all__ = ["drop_repeated_body", "MIN_CHARS", "MIN_RUN"]

MIN_CHARS = 60  # a "long" line: a paragraph, not a label or subheading
MIN_RUN = 3  # repeated long lines in a row that make a second copy of the body


def _norm(line: str) -> str:
    return " ".join(line.split())


def drop_repeated_body(lines: list[str]) -> list[str]:
    """``lines`` without a second copy of the body (see the module text); the same list if there is none.

    ``lines`` are the article's text blocks in page order. Pure function; never raises.
    """
    norm = [_norm(line) for line in lines]
    longs = [i for i, text in enumerate(norm) if len(text) >= MIN_CHARS]
    if len(longs) < MIN_RUN + 1:
        return lines
    first: dict[str, int] = {}
    for i in longs:
        first.setdefault(norm[i], i)
    openings = set(longs[:2])
    for pos, start in enumerate(longs):
        if first[norm[start]] == start or first[norm[start]] not in openings:
            continue
        end, run = start, 0
        for i in longs[pos:]:
            if first[norm[i]] >= start:  # read for the first time here: the copy has ended
                break
            end, run = i, run + 1
        if run >= MIN_RUN:
            return lines[:start] + lines[end + 1:]
    return lines
