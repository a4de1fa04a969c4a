"""Stage 2f: a part of the body that trafilatura read after the rest goes back to its place in the page.

When trafilatura's body XPaths take a container that holds only part of the article (a
``<div class="post-text">`` around a code example, the paragraphs above it siblings of the
container), the paragraphs it recovers from outside that container come after it
(``recover_wild_text`` appends them): the text reads in the wrong order, the code example
first (https://github.com/codelucas/newspaper/issues/947 is the same fault in newspaper;
bare trafilatura does it too). Paragraph order must be page order (issue 11, item 3).

The output lines are located in the page: a line equal to the text of exactly one block
(``gaps.block_texts``: ``<p>``, ``<h2>``-``<h6>``, ``<li>``) has that block's place; a line
that is no block's text (a code line, a table row) goes with the located line before it. A
line whose text the page holds twice (a paragraph repeated in an FAQ answer's ``<div>``, which
is no block) has no one place: then nothing moves (a first version moved such an answer to
the top, WCXB dev page 0410). A block nested in a block with the same text (``<li><p>..</p></li>``,
a ``<p>`` that a repair wrapped in another) is one place, the outer block's (``NESTED_TWINS``;
counted as two, a Reuters lead paragraph in a ``<span>`` had no place and went with the
related-story teaser trafilatura read before it, after the whole body).
Only one shape is reordered, the one the recovery makes: the located lines are two runs,
each in page order (the container's, then what was recovered around it); they are merged
into page order. Any other disorder (three runs or more) is left as it is.
"""

from __future__ import annotations

from collections import Counter

from .gaps import line_keys, norm

__all__ = ["PAGE_ORDER", "restore_page_order"]

PAGE_ORDER = True  # False: lines stay in the order trafilatura wrote them (ablation)
NESTED_TWINS = True  # False: a block inside a block of the same text counts as a second place (ablation)


def _twin(blocks: list[tuple], k: int) -> bool:
    """Block ``k`` has the text of block ``k - 1`` and sits inside it (the same place in the page)."""
    return NESTED_TWINS and k > 0 and blocks[k - 1][1] == blocks[k][1] and blocks[k][0] is not None \
        and any(anc is blocks[k - 1][0] for anc in blocks[k][0].iterancestors())


def restore_page_order(lines: list[str], blocks: list[tuple], root=None) -> list[str]:
    """``lines`` with a late-read run of the body merged back into page order (see the module
    text); ``blocks`` is ``gaps.block_texts(root)``, ``root`` the page's tree (the lines that move
    must each occur once in its text). Returns ``lines`` itself when nothing moves."""
    if not PAGE_ORDER or len(lines) < 3 or not blocks:
        return lines
    spots = [(i, text) for i, (_, text) in enumerate(blocks) if not _twin(blocks, i)]
    count = Counter(text for _, text in spots)
    place = {text: i for i, text in spots if count[text] == 1}
    groups: list[tuple[int | None, list[str]]] = []  # (place of the located line, it and the lines after)
    for line in lines:
        at = next((place[key] for key in line_keys(line) if key in place), None)
        if at is None and groups:
            groups[-1][1].append(line)
        else:
            groups.append((at, [line]))
    places = [at for at, _ in groups if at is not None]
    if len(places) < len(groups):
        return lines  # a first line the page does not hold as a block: leave the order alone
    descents = [i for i in range(1, len(places)) if places[i] < places[i - 1]]
    if len(descents) != 1:
        return lines  # in order, or a disorder of another shape
    merged = sorted(groups, key=lambda g: g[0] or 0)
    if root is not None:  # a line whose text the page holds twice (a block and a <div>) has no one place
        body = root.find("body")
        text = norm((body if body is not None else root).text_content())
        if any(text.count(norm(group[0])) != 1 for new, (_, group) in zip(merged, groups, strict=True)
               if new[1] is not group):
            return lines
    return [line for _, group in merged for line in group]
