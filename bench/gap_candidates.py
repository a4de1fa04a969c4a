"""The gap candidates a learned per-block decision would judge, and their features (bench only).

``archiver.extraction.gaps.restore_gaps`` puts a gap back (blocks precision mode
dropped between two kept lines) only when every hand-written signal agrees. This
module lists the blocks of the gaps it left, each with a small feature vector
(:data:`FEATURES`: shape, link share, closing punctuation, furniture names and tags
on its path and inside it, closeness to its kept neighbours, gap size, place in
the page, which of the rules' signals refused it, how much of it the output holds
already), for ``bench/gap_training.py`` to label, fit a logistic regression on and
validate across sets (issue 11: "decide per block from several signals").

Candidates come from the DOM around what was kept, as ``gaps``' do (no second
trafilatura run): the gaps left after ``restore_gaps``, up to ``MAX_GAP`` blocks.
The pipeline does not use it: the cross-set validation showed no gain that holds
(bench/RESULTS.md, tenth session, pb1). :func:`install` hooks it into the pipeline
of a benchmark worker, recording candidates and, given weights, putting back the
blocks the model takes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from archiver.extraction import gapruns, gaps, headings
from archiver.extraction.dom import name_words

__all__ = ["FEATURES", "GapModel", "features", "candidates", "install"]

MAX_GAP = 2 * gaps.MAX_GAP  # wider than the rules' gaps: the model decides per block
MIN_WORDS = 2  # a one-word block is no sentence, and a shingle label cannot tell it
_FAR = 8  # levels looked up for a common ancestor with a kept neighbour

FEATURES = (
    "bias", "heading", "list_item", "paragraph", "log_words", "sentence_end", "colon_end", "link_share",
    "furniture_path", "away_path", "near_both", "levels_up", "rule_ok", "log_gap", "gap_place", "page_place",
    "log_kept_lines", "after_heading", "digit_share", "plain", "short", "shape_ok", "refusals", "gap_ok_share",
    "same_parent", "seen_share", "furniture_inside", "parent_link_share",
)


_RULE_OK, _GAP_OK, _SEEN = FEATURES.index("rule_ok"), FEATURES.index("gap_ok_share"), FEATURES.index("seen_share")
MAX_SEEN = 0.2  # a block whose word triples the output mostly holds already (a list item whose pieces were kept)
_WORD = re.compile(r"\w+")


def grams(words: list[str], n: int) -> set[tuple[str, ...]]:
    """The word n-grams of ``words`` (empty when there are fewer than n words)."""
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _triples(text: str) -> set[tuple[str, ...]]:
    """A text's word triples (lower-cased); a text of fewer words is one n-gram of them all."""
    words = _WORD.findall(text.lower())
    return grams(words, min(3, len(words)))


@dataclass(frozen=True)
class GapModel:
    weights: tuple[float, ...]  # one per name of FEATURES, "bias" first
    threshold: float  # a block is put back at or above this probability

    def probability(self, vector: list[float]) -> float:
        z = sum(w * x for w, x in zip(self.weights, vector, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def _levels(el, other) -> int:
    """Levels from ``el`` up to its common ancestor with ``other``; ``_FAR`` + 1 when farther."""
    up = [el, *el.iterancestors()][: _FAR + 1]
    where = {node: i for i, node in enumerate(up)}
    for anc in other.iterancestors():
        if anc in where:
            return where[anc]
    return _FAR + 1


def _path_names(el, top) -> tuple[bool, bool]:
    """Whether a furniture name (``gaps.FURNITURE``) or a tag ``gaps`` keeps away from lies on the
    path from ``el`` up to (not including) ``top``."""
    furniture = away = False
    node = el
    while node is not None and node is not top:
        furniture = furniture or not gaps.FURNITURE.isdisjoint(name_words(node))
        away = away or node.tag in gaps._AWAY
        node = node.getparent()
    return furniture, away


def features(el, text: str, before, after, before_text: str, gap_size: int, index: int, line: int,
             n_lines: int, host: str | None) -> list[float]:
    """The feature vector (:data:`FEATURES` order) of block ``el`` (text ``text``), the
    ``index``-th of a gap of ``gap_size`` blocks between the kept blocks ``before`` (its text
    ``before_text``) and ``after``, which stands at output line ``line`` of ``n_lines``;
    ``gap_ok_share`` (the share of the gap's other candidates the rules accept) is left 0 for
    the caller (:func:`candidates`) to fill in."""
    words = text.split()
    heading = el.tag in gaps._HEADINGS
    up_a, up_b = _levels(el, before), _levels(el, after)
    ups = [el, *el.iterancestors()]
    far, close = max(up_a, up_b), min(up_a, up_b)
    top = ups[far] if far <= _FAR else ups[close] if close <= _FAR else None  # as gaps: the higher ancestor
    furniture, away = _path_names(el, top)
    near_both = up_a <= gaps.MAX_UP and up_b <= gaps.MAX_UP
    rule_ok = near_both and top is not None and gaps._acceptable(el, text, top, host)
    digits = sum(c.isdigit() for c in text)
    links = gaps._link_share(el, text)
    if heading:
        shape = len(text) <= gaps.MAX_HEADING
    elif el.tag == "li":
        shape = gaps.list_item(el, text)
    else:
        shape = el.tag == "p" and len(words) >= gaps.MIN_WORDS and bool(headings.SENTENCE_END.search(text))
    refusals = (not near_both) + furniture + away + (links >= 0.5) + (not shape)
    parent = el.getparent()
    same_parent = parent is not None and parent in (before.getparent(), after.getparent())
    return [
        1.0, float(heading), float(el.tag == "li"), float(el.tag == "p"), math.log1p(len(words)),
        float(bool(headings.SENTENCE_END.search(text))), float(text.endswith(":")), links,
        float(furniture), float(away), float(near_both), min(up_a, up_b, _FAR + 1) / (_FAR + 1), float(rule_ok),
        math.log(gap_size), index / gap_size, line / max(1, n_lines), math.log1p(n_lines),
        float(before.tag in gaps._HEADINGS or before_text.endswith(":")), digits / max(1, len(text)),
        float(gaps._plain(el)), float(len(words) < gaps.MIN_WORDS), float(shape), refusals / 5, 0.0,
        float(same_parent), 0.0, float(any(not gaps.FURNITURE.isdisjoint(name_words(d)) for d in el.iterdescendants())),
        gaps._link_share(parent, gaps.norm(parent.text_content())) if parent is not None else 0.0,
    ]


def candidates(root, lines: list[str], blocks: list[tuple], host: str | None = None,
               model: GapModel | None = None) -> tuple[list[str], list[tuple[str, str, list[float]]]]:
    """The gap candidates of ``lines`` (the output after ``gaps.restore_gaps``; ``blocks`` is
    ``gaps.block_texts(root)``) as ``(tag, text, features)``, and ``lines`` with the ones
    ``model`` takes (probability at or above its threshold) put back in place, as trafilatura
    writes them (``- item`` for a list item). Blocks under ``MIN_WORDS`` words, and blocks the
    output holds already (whole, or ``MAX_SEEN`` of their word triples), are no candidates."""
    found_all: list[tuple[str, str, list[float]]] = []
    if len(lines) < 2:
        return list(lines), found_all
    position = gaps.line_positions(lines)
    flat = " ".join(position)
    cut = gaps.cut_blocks(root)
    seq = [(el, text, *(gaps.block_span(el, text, lines, position, cut) or (None, None))) for el, text in blocks]
    inserts: dict[int, list[str]] = {}
    seen: set | None = None  # the output's word triples, when a gap has candidates
    for prev, nxt, gap in gapruns.kept_gaps(seq):
        holders = {anc for o, *_ in gap for anc in o.iterancestors(*gaps._BLOCKS)}
        inner = [(el, text) for el, text, *_ in gap if el not in holders]
        if not inner or len(inner) > MAX_GAP:
            continue
        before, after, line = seq[prev][0], seq[nxt][0], seq[nxt][2]
        found = [(el, text, features(el, text, before, after, seq[prev][1], len(inner), j, line, len(lines), host))
                 for j, (el, text) in enumerate(inner) if len(text.split()) >= MIN_WORDS and text not in flat]
        if not found:
            continue
        if seen is None:
            seen = set().union(*map(_triples, lines))
        for _el, text, vector in found:
            mine = _triples(text)
            vector[_SEEN] = len(mine & seen) / len(mine) if mine else 0.0
        found = [f for f in found if f[2][_SEEN] < MAX_SEEN]
        ok = sum(vector[_RULE_OK] for *_, vector in found)
        taken: list[str] = []
        for el, text, vector in found:
            vector[_GAP_OK] = (ok - vector[_RULE_OK]) / (len(found) - 1) if len(found) > 1 else 1.0
            found_all.append((el.tag, text, vector))
            if model is not None and model.probability(vector) >= model.threshold:
                taken += [f"- {text}"] if el.tag == "li" else gaps.block_lines(el, text)
        if taken:
            inserts[line] = taken
    return (gapruns.splice(lines, inserts) if inserts else list(lines)), found_all


def install(record: list, model: GapModel | None = None) -> None:
    """Hook :func:`candidates` into this process's pipeline, right after ``restore_gaps``:
    each page's candidates are appended to ``record`` (the caller clears it per page), and
    with ``model`` the blocks it takes are put back. For benchmark workers only (it patches
    ``archiver.extraction``)."""
    import archiver.extraction as ex
    original = ex.restore_gaps

    def restore_gaps(root, lines, blocks=None, host=None, *rest):
        out = original(root, lines, blocks, host, *rest)
        out, found = candidates(root, out, blocks if blocks is not None else gaps.block_texts(root), host, model)
        record.extend(found)
        return out
    ex.restore_gaps = restore_gaps
