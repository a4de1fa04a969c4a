"""The runs of blocks trafilatura left out between two it kept, and putting lines back among the output's.

Shared by the gap stages (:mod:`.gaps`, :mod:`.siblings`; moved from ``gaps.py``): :func:`kept_gaps`
walks a page's blocks matched to output lines, :func:`splice` writes the lines taken back in front
of the line they precede. Pure list work: no tree, no switches.
"""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["kept_gaps", "splice"]


def kept_gaps(seq: list[tuple]) -> Iterator[tuple[int, int, list[tuple]]]:
    """The runs of blocks trafilatura left out between two blocks it kept as consecutive lines.

    ``seq`` holds ``(element, text, first line index or None, last line index or None)`` per
    block in document order (a block cut by ``<br>`` is several lines: :func:`.gaps.block_span`).
    Yields ``(prev, nxt, gap)``: the indexes in ``seq`` of the kept blocks before and after,
    and the blocks between them (none of them kept). Runs before the first kept block, after
    the last, or between kept blocks whose lines are not consecutive are not yielded.
    """
    prev = None  # index in seq of the last kept block
    k = 0
    while k < len(seq):
        if seq[k][2] is not None:
            prev = k
            k += 1
            continue
        nxt = k
        while nxt < len(seq) and seq[nxt][2] is None:
            nxt += 1
        gap = seq[k:nxt]
        k = nxt
        if prev is not None and nxt < len(seq) and seq[nxt][2] == seq[prev][3] + 1:
            yield prev, nxt, gap


def splice(lines: list[str], inserts: dict[int, list[str]]) -> list[str]:
    """A new list of ``lines`` with ``inserts[i]`` put in front of line ``i``."""
    out: list[str] = []
    for i, line in enumerate(lines):
        out.extend(inserts.get(i, ()))
        out.append(line)
    return out
