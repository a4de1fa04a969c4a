"""A text read as one run-on line: cut back into the page's paragraphs.

When trafilatura finds no body it falls back on its baseline reader, which returns the page's
text joined with spaces into a single line: headline, paragraphs and subheadings run together
("Pier rebuilt Paragraph one ... Paragraph two ..."). Bare trafilatura's output is the same; the
words are right, the shape is not: a reader of the clean file sees one block of thousands of
characters, and a diff of two captures can only say that the one paragraph changed.

:func:`resplit_run_on` cuts such a line where the page's own blocks (``<p>``, ``<h2>``-``<h6>``,
``<li>``: :func:`.gaps.block_texts`) begin and end, when the line is long (``MIN_CHARS``) and the
blocks found in it (each where it first occurs, an overlapping one left out) hold most of it
(``MIN_SHARE``). Text between two found blocks (a headline, a caption the page writes outside any
block) becomes a line of its own. Only the shape changes: the words and their order are the line's.
The same cut is made in a declared ``articleBody`` written as one string (``ldbody``).
"""
from __future__ import annotations

from .gaps import block_texts, norm

__all__ = ["RESPLIT", "resplit_run_on", "MIN_CHARS", "MIN_SHARE"]

RESPLIT = True  # stage:resplit-run-on; False: a run-on line stays one line (ablation)
MIN_CHARS = 600  # a line this long from a page with several blocks: a candidate
MIN_SHARE = 0.6  # the found blocks' share of the line's characters
MIN_BLOCK_WORDS = 3  # shorter blocks are found too often by chance inside other text


def resplit_run_on(lines: list[str], root) -> list[str]:
    """``lines`` with a single run-on line cut at the page's block boundaries; otherwise ``lines``.

    ``lines``: the article's lines; ``root``: the page's tree as trafilatura read it. Pure apart
    from reading ``root``; never raises.
    """
    if not RESPLIT or len(lines) != 1 or len(lines[0]) < MIN_CHARS:
        return lines
    line = norm(lines[0])
    found = sorted({(at, at + len(text)) for _el, text in block_texts(root)
                    if len(text.split()) >= MIN_BLOCK_WORDS and (at := line.find(text)) >= 0})
    cuts: list[tuple[int, int]] = []
    for start, end in found:  # in the line's order (the baseline's, not always the page's); no overlaps
        if not cuts or start >= cuts[-1][1]:
            cuts.append((start, end))
    if len(cuts) < 2 or sum(end - start for start, end in cuts) < MIN_SHARE * len(line):
        return lines
    out: list[str] = []
    last = 0
    for start, end in cuts:
        between = line[last:start].strip()
        if between:
            out.append(between)
        out.append(line[start:end])
        last = end
    rest = line[last:].strip()
    if rest:
        out.append(rest)
    return out
