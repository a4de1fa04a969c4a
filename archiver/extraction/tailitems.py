"""Stage 2d': the last posts of a thread, or the last entries of a blog's front page, that
trafilatura dropped after the ones it kept.

A forum thread (phpBB 3's ``div.content`` in each ``div.post``) or a blog's front page
(Blogger's ``div.post-body`` in each ``div.post``) holds each item's text in a named
``<div>`` with no ``<p>`` of its own. trafilatura reads the items one after the other and,
where the last ones are short, drops them: its link-density and length tests judge the last
block of a container more harshly, and its fallbacks (readability, justext) read the thread
without them. The gap stage (``gaps.py``) only fills what lies *between* kept blocks, and
its blocks are ``<p>``, headings and list items, so the last post stayed lost (old pages,
rounds 2 to 6; bare trafilatura loses it too).

Taken back, when every signal agrees:

- the last long output line is the whole text of a ``<div>`` with a class (the item), found by
  the text node the line starts with, or of a ``<p>`` alone in such a ``<div>``;
- at least ``MIN_KEPT`` divs of that class, and of that parent class, are in the output whole
  (each a line or its ``<br>`` pieces as consecutive lines): a repeated structure;
- the divs of that class after the last kept one (at most ``MAX_TAIL``) that are not in
  the output yet, read as sentences (``MIN_WORDS`` words, closing punctuation), hold no link
  (a newsletter pitch's "sign up here" has one) and are named as no furniture
  (``gaps.FURNITURE``, ``gaps._AWAY`` tags) come back, in page order, right after the last
  kept item's lines;
- a structure of which trafilatura kept few items (``LONE``: a thread whose posts it judged
  alone, keeping one; any number of kept items qualifies) counts when they hold at least ``DOMINANT`` of the
  output's characters, the page has ``MIN_ITEMS`` to ``MAX_ITEMS`` of them and no two read
  the same (an event listing repeats its blurbs), and the kept text is at most ``LONE_RATIO``
  times the longest run it would take back (a news article reposted as a board's first post,
  its replies a line each, is an article with comments: a rendition test's phpBB repost); then
  every item of the shape above comes back, before, between and after the kept ones, in page order.

Measured (bench/RESULTS.md, old7): ``tail-items`` and ``tail-items-lone`` each act on 3 dev and
test pages and help WCXB dev by .0002 (a software-alternatives listing whose last items came
back: a listing, not the thread the stage was written for); without the link and repeat tests
it took a newsletter pitch after the last kept paragraph (eval -.0002) and a library's event
listing (WCXB test -.0001).

Gate: it looks only at the last line of ``MIN_WORDS`` words or more among the last
``LOOK_BACK``; when that is the text of a ``<p>``, heading or list item (``blocks``) that is not
alone in a named ``<div>``, as on most pages, the stage stops there (one dict built and looked up).
"""

from __future__ import annotations

from .gaps import clean_near, norm

__all__ = ["restore_tail_items", "ENABLED", "LONE", "MIN_ITEMS", "MAX_ITEMS", "DOMINANT", "MIN_KEPT", "MAX_TAIL",
           "LOOK_BACK", "MIN_WORDS"]

ENABLED = True
MIN_KEPT = 2
MAX_TAIL = 6
LOOK_BACK = 4
MIN_WORDS = 6
LONE = True  # a structure of which trafilatura kept one item that makes the output
MIN_ITEMS = 3  # items of the structure on the page for LONE
MAX_ITEMS = 30  # and at most: a thread's page (a listing of events or products runs longer)
DOMINANT = 0.5  # share of the output's characters the kept items hold, for LONE
LONE_RATIO = 4  # and at most this many times the longest run of items it would take back
_ENDS = tuple(".!?)\"'”’…")
_START = 24  # characters of a line looked up as the start of a text node


def _pieces(el) -> list[str]:
    """The element's text cut at ``<br>`` (and at block children), each whitespace-collapsed."""
    out: list[str] = []
    cur: list[str] = []
    for chunk in _walk(el):
        if chunk is None:
            if (piece := norm("".join(cur))):
                out.append(piece)
            cur = []
        else:
            cur.append(chunk)
    if (piece := norm("".join(cur))):
        out.append(piece)
    return out


_BREAKS = frozenset(("br", "p", "div", "li", "ul", "ol", "table", "tr", "h2", "h3", "h4", "h5", "h6", "blockquote"))


def _walk(el):
    if el.text:
        yield el.text
    for child in el:
        if not isinstance(child.tag, str):
            if child.tail:
                yield child.tail
            continue
        brk = child.tag in _BREAKS
        if brk:
            yield None
        yield from _walk(child)
        if brk:
            yield None
        if child.tail:
            yield child.tail


def _item_of(root, line: str):
    """The named ``<div>`` (the text node's owner or one of its two nearest ancestors) whose
    text starts with ``line``, or None."""
    start = line[:_START]
    if "'" in start and '"' in start:
        return None
    quote = '"' if "'" in start else "'"
    for node in root.xpath(f"//text()[starts-with(normalize-space(.), {quote}{start}{quote})]"):
        owner = node.getparent()
        if owner is None:
            continue
        if node.is_tail:
            owner = owner.getparent()
        for _ in range(3):
            if owner is None:
                break
            if owner.tag == "div" and owner.get("class"):
                return owner
            owner = owner.getparent()
    return None


def _signature(el) -> tuple:
    parent = el.getparent()
    return el.get("class"), None if parent is None else (parent.tag, parent.get("class"))


def restore_tail_items(root, lines: list[str], blocks: list[tuple]) -> list[str]:
    """``lines`` with the repeated items of ``root`` after the last kept one put back after it.

    ``root`` is the tree trafilatura read, ``lines`` its output in page order, ``blocks``
    ``gaps.block_texts(root)`` (empty when the output is one line).
    Returns a new list; ``lines`` is not changed.
    """
    if not ENABLED or not lines:
        return list(lines)
    normed = [norm(line) for line in lines]
    at_block = {text: el for el, text in blocks}
    item = None
    for back in range(1, min(LOOK_BACK, len(lines)) + 1):
        line = normed[-back]
        if len(line.split()) < MIN_WORDS:
            continue  # "Offline", "Top", a date under the last post
        block = at_block.get(line)
        if block is None:
            item = _item_of(root, line)  # a div's bare text, found by its text node
        else:  # a <p> alone in a named div (PunBB's div.postmsg), or the body's own <p>: stop
            parent = block.getparent()
            if parent is not None and parent.tag == "div" and parent.get("class") and len(parent) == 1:
                item = parent
        break
    if item is None:
        return list(lines)
    sig = _signature(item)
    items = []  # (pieces, first line index or None) per item of the structure, page order
    for div in root.iter("div"):
        if div.get("class") != sig[0] or _signature(div) != sig:
            continue
        if (pieces := _pieces(div)):
            items.append((div, pieces, _consecutive(normed, pieces)))
    kept = [k for k, (_, _, at) in enumerate(items) if at is not None]
    starts = {k: at for k, (_, _, at) in enumerate(items) if at is not None}
    if not kept:
        return list(lines)
    inserts: dict[int, list[str]] = {}
    texts = [" ".join(pieces) for _, pieces, _ in items]
    distinct = len(set(texts)) == len(texts)  # a listing repeats its blurbs ("For teens and tweens.")
    if LONE and MIN_ITEMS <= len(items) <= MAX_ITEMS and distinct and _dominant(items, kept, normed):
        # the output is (mostly) one or more of the items: every other item of the structure
        # is a post trafilatura judged alone and dropped; each goes right after the kept
        # item before it, or before the first kept one
        end: int = starts[kept[0]]
        taken: dict[int, list[str]] = {}
        for div, pieces, at in items:
            if at is not None:
                end = at + len(pieces)
            elif _prose(div, pieces, normed):
                taken.setdefault(end, []).extend(pieces)
        held = sum(len(p) for k in kept for p in items[k][1])
        longest = max((len(" ".join(v)) for v in taken.values()), default=0)
        if held <= LONE_RATIO * longest:  # a long article reposted as a thread's first post: replies
            inserts = taken
    if not inserts and len(kept) >= MIN_KEPT:
        last = kept[-1]
        end = starts[last] + len(items[last][1])
        for div, pieces, _ in items[last + 1:last + 1 + MAX_TAIL]:
            if _prose(div, pieces, normed):
                inserts.setdefault(end, []).extend(pieces)
    if not inserts:
        return list(lines)
    out: list[str] = []
    for i in range(len(lines) + 1):
        out.extend(inserts.get(i, ()))
        if i < len(lines):
            out.append(lines[i])
    return out


def _prose(div, pieces: list[str], normed: list[str]) -> bool:
    text = " ".join(pieces)
    return (len(text.split()) >= MIN_WORDS and text.endswith(_ENDS) and div.find(".//a") is None
            and clean_near(div) and not any(p in normed for p in pieces))


def _dominant(items: list[tuple], kept: list[int], normed: list[str]) -> bool:
    """The kept items hold at least ``DOMINANT`` of the output's characters."""
    held = sum(len(p) for k in kept for p in items[k][1])
    return held >= DOMINANT * sum(len(line) for line in normed)


def _consecutive(normed: list[str], pieces: list[str]) -> int | None:
    """The index of the first of ``pieces`` when they are consecutive lines of ``normed``."""
    first = pieces[0]
    for i, line in enumerate(normed):
        if line == first and normed[i:i + len(pieces)] == pieces:
            return i
    return None
