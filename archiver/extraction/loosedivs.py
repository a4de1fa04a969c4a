"""Stage 2c, after ``gaps``: put back text a body container holds loose in a ``<div>`` (no ``<p>``).

A CMS writes a dateline, a one-sentence paragraph or a contributors' line straight into a ``<div>``
among the body's ``<p>``s. archiver runs trafilatura in precision mode, which reads a ``<div>``'s own
text only when the page's ``<p>`` text is short (bare trafilatura's default mode: under
``min_extracted_size`` × 3), so on a short story archiver lost what bare kept. ``gaps`` takes such a
``<div>`` back only right under a kept subheading (``gapdivs``); here it is taken back as a sibling of
the kept paragraphs, when every signal agrees:

- position: the ``<div>`` is a child of an element holding kept ``<p>``s (the body container, after the
  DOM stage's removals: a removed region is no longer in the tree), and its nearest siblings with text
  are kept paragraphs whose lines are consecutive in the output (``MIDDLE``); or, with ``EDGES``, it
  follows the paragraph kept as the output's last line (nothing with text after it among its siblings);
- shape: no block inside it (``lines.BLOCKS``), at most ``MAX_CHARS`` characters, under ``MAX_LINKS``
  of it link text, not in the output already; between paragraphs it reads as a sentence
  (``MIN_WORDS`` words, closing punctuation, no closing colon: a label); after the body (``EDGES`` and
  ``MARKED``) it opens with a contributors' credit ("Additional reporting by ...", ``CREDIT``): a plain
  sentence after the body is a republication, licence or bio line as often as not (the integrator's CI:
  bug-kinds2's "This article was originally published on ..." end note), so it stays out; nothing above
  the body comes back (a dateline div, "CNN —", is left out by newspaper4k's truth, and a sentence there is
  a featured image's caption as often as not);
- names: neither it nor its parent is hidden or tagged or named as furniture (``gaps.clean_near``:
  caption, credit, promo, related, share, byline, date, ...), and it is inside no link.

The paragraph rules run after this stage, so a restored promo or agency credit line still meets them.
Returns a new list of lines; pure reading of the tree.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from .gapruns import splice
from .gaps import _link_share, clean_near, hidden_block, line_positions, norm
from .lines import BLOCKS, sentence_like

__all__ = ["captions_after_media", "restore_loose_divs", "LOOSE_DIVS"]

LOOSE_DIVS = True  # the stage on (stage:loose-divs)
MIDDLE = True  # a sentence div between two kept paragraphs
EDGES = True  # a credit line's div right after the last kept paragraph
MARKED = True  # at an edge, a credit line (after) or a dateline (before) that is no sentence
MAX_CHARS = 400
LONG_PARAGRAPH = 100  # a kept neighbour of at least this many characters: the body's own paragraph
_MEDIA = ("img", "picture", "figure", "video", "iframe", "svg", "audio", "object", "embed")
MAX_LINKS = 0.3
MIN_WORDS = 2
CREDIT = re.compile(r"^(?:additional reporting|reporting|with reporting|writing|editing|contributing|research)"
                    r"\b.{0,40}\bby\b|^[^.!?]{0,60}\bcontributed (?:to )?(?:this|the) (?:report|story|article)", re.I)


def captions_after_media(root) -> set:
    """The ``<div>``s right after an image or an embed (or an element holding one and no text): that
    image's caption or credit, whatever its name. Read before trafilatura runs (it strips the images
    from the tree it reads); one walk over the page's media."""
    found = set()
    texty: dict = {}  # element -> _has_text(it): the media of one gallery share their wrappers
    for media in root.iter(*_MEDIA):
        node = media
        while (parent := node.getparent()) is not None and parent.tag != "body":
            has = texty.get(parent)
            if has is None:
                has = texty[parent] = _has_text(parent)
            if has:
                break
            node = parent  # a wrapper holding only the image: what follows the wrapper
        nxt = node.getnext()
        if nxt is not None and nxt.tag == "div" and not (node.tail or "").strip():
            found.add(nxt)
    return found


def _has_text(el) -> bool:
    """Whether ``el`` holds any text but white space: ``norm(el.text_content())`` is not empty, without
    normalising and collapsing the text (an image's wrapper is often the whole article)."""
    text = el.text_content()
    return bool(text) and not text.isspace()


def _loose(div, beside_media: AbstractSet) -> bool:
    """A ``<div>`` with no block element inside it, shown, named as no furniture, not in a link, not
    right after an image (``beside_media``: :func:`captions_after_media`)."""
    if div in beside_media:
        return False
    if any(isinstance(d.tag, str) and d.tag in BLOCKS for d in div.iterdescendants()):
        return False
    if hidden_block(div) or not clean_near(div, 2):
        return False
    return next(div.iterancestors("a"), None) is None


def _shape(div, text: str, where: str) -> bool:
    if len(text) > MAX_CHARS or _link_share(div, text) >= MAX_LINKS:
        return False
    if text.endswith(":"):  # a label introducing what follows ("Contact the harbour office:")
        return False
    if where == "lead":  # above the body: a featured image's caption, or a dateline the truths leave out
        return False  # (newspaper4k's cnn_001 "CNN —" came back; integrator, 2026-12-06)
    if where == "tail":  # a sentence after the body is a republication, licence or bio line as often as not
        return EDGES and MARKED and bool(CREDIT.search(text))
    return where == "middle" and sentence_like(text, MIN_WORDS)


def restore_loose_divs(root, lines: list[str], blocks: list[tuple],
                       beside_media: AbstractSet = frozenset()) -> list[str]:
    """``lines`` with the loose ``<div>`` text of the body container put back in page order.

    ``root``: the tree trafilatura read; ``blocks``: ``gaps.block_texts(root)`` (``(element, text)``
    in document order); ``beside_media``: :func:`captions_after_media` of the page before trafilatura
    ran. Returns a new list; ``lines`` is not changed."""
    if not LOOSE_DIVS or len(lines) < 2 or not blocks:
        return list(lines)
    position = line_positions(lines)
    flat = " ".join(position)
    kept = {el: position[text] for el, text in blocks if el.tag == "p" and text in position}
    inserts: dict[int, list[str]] = {}
    front: list[str] = []
    back: list[str] = []
    parents = (el.getparent() for el in kept)  # kept is in document order; so are the parents met
    for parent in dict.fromkeys(p for p in parents if p is not None):
        if not any(child.tag == "div" and child not in kept for child in parent):
            continue  # no div beside the kept paragraphs (most bodies): nothing to take back here
        items: list[tuple] = []  # (element, text, line of a kept paragraph or None)
        for child in parent:
            if not isinstance(child.tag, str) or not (text := norm(child.text_content())):
                continue
            items.append((child, text, kept.get(child)))
        k = 0
        while k < len(items):
            if items[k][2] is not None or items[k][0].tag != "div":
                k += 1
                continue
            end = k
            while end < len(items) and items[end][2] is None and items[end][0].tag == "div":
                end += 1
            run = items[k:end]
            before = items[k - 1][2] if k else None
            after = items[end][2] if end < len(items) else None
            if k and before is None or end < len(items) and after is None:
                k = end
                continue  # bounded by something trafilatura did not keep: not the body's own run
            near = [len(items[j][1]) for j in (k - 1, end) if 0 <= j < len(items)]
            if not near or max(near) < LONG_PARAGRAPH:
                where = ""  # beside a short kept line only (a poll's question): no body paragraph of its own
            elif before is not None and after is not None:
                where = "middle" if MIDDLE and after == before + 1 else ""
            elif before is not None:
                where = "tail" if before == len(lines) - 1 else ""
            else:
                where = "lead" if after == 0 else ""
            texts = [t for el, t, _ in run
                     if t not in flat and _loose(el, beside_media) and _shape(el, t, where)] if where else []
            if texts and len(texts) == len(run):
                if where == "middle" and after is not None:
                    inserts.setdefault(after, []).extend(texts)
                elif where == "tail":
                    back += texts
                else:
                    front += texts
            k = end
    if not (inserts or front or back):
        return list(lines)
    return [*front, *splice(lines, inserts), *back]
