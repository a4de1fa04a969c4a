"""A kept code block as a neighbour of ``gaps``' gaps: the subheading right after a ``<pre>``.

``gaps.restore_gaps`` puts back a block trafilatura skipped between two blocks it kept as
consecutive lines, and its blocks are ``<p>``, ``<h2>``-``<h6>`` and ``<li>``. A code block
(``<pre>``) is none of them, so on a page whose body has no container trafilatura knows (a
documentation page or a plain blog post written straight into ``<body>``: its fallback reads the
paragraphs and code and, in precision mode, drops the subheadings) the subheading right after a
code block had no kept neighbour before it: the paragraph before the code was kept, but the lines
after it are the code's, not the heading's next block's. The section title was lost (archiver and
bare trafilatura: a plain content-negotiation page, https://github.com/mozilla/readability/issues/263).

:func:`with_code` adds the page's kept code blocks to ``gaps``' sequence of blocks as kept
neighbours, in document order: a ``<pre>`` outside any block and holding none, whose non-empty
lines (whitespace collapsed) stand as consecutive output lines. A code block trafilatura left out
is not added (a gap holding one is judged as before, the code unseen), and a code block is never
put back: it only bounds a gap.
"""

from __future__ import annotations

__all__ = ["CODE_NEIGHBOURS", "with_code"]

CODE_NEIGHBOURS = True  # False: a <pre> bounds no gap (stage:gaps-code-neighbours, ablation)


def _span(pre, lines: list[str], position: dict[str, int], norm) -> tuple[str, int, int] | None:
    """``(text, first, last)``: the output lines ``pre`` stands as, or None when they are not there."""
    code = [t for t in (norm(line) for line in pre.text_content().split("\n")) if t]
    if not code:
        return None
    first = position.get(code[0])
    if first is None or first + len(code) > len(lines):
        return None
    if any(norm(lines[first + i]) != piece for i, piece in enumerate(code[1:], 1)):
        return None
    return " ".join(code), first, first + len(code) - 1


def with_code(root, seq: list[tuple], lines: list[str], position: dict[str, int], tags: tuple[str, ...],
              norm) -> list[tuple]:
    """``seq`` (``gaps``' ``(element, text, first line, last line)`` per block, in document order) with
    the kept code blocks of ``root`` added in their places; ``seq`` itself when there are none.
    ``tags``: the block tags ``seq`` holds; ``norm``: how ``gaps`` normalises a text."""
    if not CODE_NEIGHBOURS:
        return seq
    kept = []
    for pre in root.iter("pre"):
        if next(pre.iterancestors(*tags), None) is not None or next(pre.iterdescendants(*tags), None) is not None:
            continue
        span = _span(pre, lines, position, norm)
        if span is not None:
            kept.append((pre, *span))
    if not kept:
        return seq
    order = {el: i for i, el in enumerate(root.iter(*tags, "pre"))}
    if any(entry[0] not in order for entry in seq):  # blocks of another tree: no place to put the code in
        return seq
    return sorted([*seq, *kept], key=lambda entry: order[entry[0]])
