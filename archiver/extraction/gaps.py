"""Stage 2c: put back body blocks trafilatura skipped between two paragraphs it kept.

trafilatura decides block by block, and some decisions drop article text that
sits between two kept paragraphs of the same container: a subheading when no
known body container matched (its fallback reads only paragraphs), a short
paragraph its precision mode prunes. Such a block is taken back when every
signal agrees that it is body text:

- position: it lies between two blocks (or a kept code block: ``gapcode``) whose text trafilatura kept as
  consecutive lines (nothing else of the output between them), at most
  ``MAX_GAP`` text blocks in that gap, and close to both in the tree (a common
  ancestor at most ``MAX_UP`` levels above it); a paragraph or list item close to the block
  before it may be up to ``FAR_UP`` levels from the one after (``FAR_NEXT``: the end of a
  section whose next kept block opens the page builder's next row or component);
- shape: a subheading (``<h2>``-``<h6>``, at most ``MAX_HEADING`` characters),
  a paragraph that reads as a sentence (``MIN_WORDS`` words, closing
  punctuation; a block cut by ``<br>``: its longest piece), or a plain list
  item of ``MIN_WORDS`` words (:func:`list_item`: precision mode drops a
  body's whole list now and then, the items' text being too short or too
  bold for it); a list introduced by a sentence ending
  in a colon ("... avoid any animal products, including:", kept or in the
  gap: :func:`introduces`) takes plain items of any length, and such a
  sentence is taken when the list follows it;
- links: under half its text is link text; a subheading may be a link when it
  is a permalink anchor or names another site, or when it is alone in its gap and one
  of several linked headings of its tag among its siblings (a list article's item
  titles linking to the site's own page for each item: ``headings.linked_heading``);
- not there yet: a block whose text the output already holds is not put back; a
  subheading only when the output holds it as a line of its own (an item's name that
  its section's first sentence repeats is no copy of it: ``WHOLE_LINE_TITLES``);
- shown: neither it nor an ancestor below the common one is hidden (``style`` with
  ``display: none`` or ``visibility: hidden``, the ``hidden`` attribute: :func:`hidden_block`);
  trafilatura drops a hidden block on purpose (a "comment awaiting moderation" message, a copy of
  the lead for another screen), and the DOM stage leaves one holding a ``<p>`` for it to judge;
- names: neither it nor an ancestor below the common one is named or tagged
  as furniture (caption, credit, promo, related, share, ...: ``FURNITURE``,
  and the tags trafilatura deletes whole), a ``<header>`` holding only the
  subheading aside (``headings.alone_in_header``).

A gap right under a kept subheading (the rules' ``headed_gaps``) is the section that
heading titles, and precision mode sometimes keeps the title and drops the whole section
(a product round-up: every item a heading and a short description in card markup, a
recipe's ingredient list): there the limits are wider (``max_gap`` blocks, ``max_up``
levels: cards sit deeper), and when a block of the gap is not acceptable the blocks
before it are still taken (at least two: the section ends where something else begins,
a sign-up line after the cards). Not under a heading that names furniture ("Related
topics"), and no block inside a link (a card wrapped whole in an ``<a>`` is a teaser).

A block cut by ``<br>`` (an item title linked above its description in one ``<p>``:
``<p><a>The Kenedy Dress</a><br>An elegant design ...</p>``) is as many lines in trafilatura's
output as it has pieces: such a block counts as kept when its pieces are consecutive lines
(:func:`block_span`), and one put back comes back as its pieces (:func:`block_lines`), so
the items of a list written that way can be neighbours and gaps (``BR_LINES``).

The paragraph rules run after this stage, so a restored promo line still meets them.
"""

from __future__ import annotations

import re
import unicodedata

from . import anchorids, gapcode, gapdivs, headings
from .brlines import text_and_breaks
from .dom import name_words
from .gapruns import kept_gaps, splice
from .lines import collapsed, words

__all__ = ["hidden_block", "restore_gaps", "block_texts", "list_item", "line_keys",
           "line_positions", "introduces", "norm", "br_pieces", "block_span", "block_lines", "cut_blocks", "MAX_GAP",
           "BR_LINES"]

_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "li")  # what may be put back, its neighbours, and list items
_BLOCK_SET = frozenset(_BLOCKS)
_HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_AWAY = frozenset("""aside nav footer header figure figcaption form menu button label select noscript
    template dialog time address""".split())


def clean_near(el, levels: int = 4) -> bool:
    """Whether ``el`` and its ancestors up to ``levels`` elements (itself counted) stand in no
    furniture element (``_AWAY``) and carry no furniture name word (``FURNITURE``, their class
    and id): the test the sibling and tail-item stages put to a block before they bring it back."""
    node, depth = el, 0
    while node is not None and depth < levels:
        if node.tag in _AWAY or not FURNITURE.isdisjoint(name_words(node)):
            return False
        node, depth = node.getparent(), depth + 1
    return True
FURNITURE = frozenset("""caption credit credits ad ads advert advertisement promo promotion related
    recommended newsletter signup subscribe subscription share sharing social byline author meta tags tag
    date teaser sponsor sponsored embed comment comments widget sidebar breadcrumb breadcrumbs toc
    disclaimer footnote notice banner cta""".split())
MAX_GAP = 12  # a body list of a dozen items between two kept lines (as siblings.MAX_GAP)
MAX_UP = 3
FAR_UP = 12  # FAR_NEXT: how far the kept block after the gap may be
MAX_HEADING = 160
MIN_WORDS = 4
WHOLE_LINE_TITLES = True  # a heading is "already there" only as a whole line, not inside a sentence
NEXT_HOLDERS = True  # a gap's block that holds the next kept block (in document order, it comes first) is no gap block
SKIP_HIDDEN = True  # a hidden block (or one inside a hidden element) is not put back (stage:gaps-hidden)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
FAR_NEXT = True  # a gap's paragraph or item close to the kept block before it may be far from the one after
LEAD_HEADINGS = True  # the subheading before the first kept block, first of a run of its tag (lead_heading)
BR_LINES = True  # a block cut by <br> is matched and put back piece by piece (False: as one text)
BARE_DIVS = True  # a <div> holding a bare sentence (no block inside) is a gap block too (stage:gaps-bare-divs)
_NOT_INLINE = frozenset("""p div ul ol li br h1 h2 h3 h4 h5 h6 table section article blockquote pre dl
    figure""".split())


def norm(text: str) -> str:
    """``text`` NFC-normalised, whitespace collapsed: how output lines and block texts are compared."""
    return collapsed(unicodedata.normalize("NFC", text))


def _link_share(el, text: str) -> float:
    links = sum(len(norm(a.text_content())) for a in el.iter("a"))
    return links / len(text) if text else 1.0


def _near(el, other, levels: int = MAX_UP):
    """The common ancestor of ``el`` and ``other`` if it is at most ``levels`` levels above ``el``."""
    up = [el, *el.iterancestors()][: levels + 1]
    ups = set(up)
    for anc in other.iterancestors():
        if anc in ups:
            return anc
    return None


def hidden_block(node) -> bool:
    """``node`` is hidden by its own markup: the ``hidden`` attribute, or a ``style`` with
    ``display: none`` or ``visibility: hidden`` (False with ``SKIP_HIDDEN`` off)."""
    if not SKIP_HIDDEN:
        return False
    style = node.get("style")
    return node.get("hidden") is not None or (style is not None and _HIDDEN_STYLE.search(style) is not None)


def _acceptable(el, text: str, top, host: str | None = None, intro: bool = False, lead_in: bool = False,
                alone: bool = False) -> bool:
    """Whether a block of a gap may be put back. ``intro``: the line before it introduces a
    list (any plain item is taken); ``lead_in``: a list item follows it in the gap."""
    heading = el.tag in _HEADINGS
    node = el
    while node is not None and node is not top:
        if node.tag in _AWAY and not (heading and headings.alone_in_header(node, text)):
            return False
        if not FURNITURE.isdisjoint(anchorids.gap_words(node, FURNITURE)):  # a heading's anchor id names nothing
            return False
        if node.attrib and hidden_block(node):
            return False
        node = node.getparent()
    if heading:
        if _link_share(el, text) >= 0.5 and not headings.linked_heading(el, host, alone):
            return False
        return len(text) <= MAX_HEADING
    if _link_share(el, text) >= 0.5:
        return False
    if el.tag == "li":
        return _plain(el) if intro else list_item(el, text)
    if el.tag not in ("p", "div") or words(text) < MIN_WORDS:
        return False
    sentence = text
    if _cut(el):  # a block cut by <br> reads as its longest piece (an item's text under its title and above links)
        sentence = max(br_pieces(el), key=len, default=text)
    return bool(headings.SENTENCE_END.search(sentence)) or (lead_in and introduces(text))


_WORD = re.compile(r"\w+")


def _section_title(el, text: str) -> bool:
    """A subheading whose words name no furniture ("Related topics" titles teaser cards)."""
    return el.tag in _HEADINGS and FURNITURE.isdisjoint(_WORD.findall(text.lower()))


def _in_link(el, top) -> bool:
    """Whether ``el`` lies inside a link below ``top`` (a teaser card wrapped whole in an ``<a>``)."""
    node = el.getparent()
    while node is not None and node is not top:
        if node.tag == "a":
            return True
        node = node.getparent()
    return False


def _plain(el) -> bool:
    """Inline markup only: no nested list, paragraph, ``<br>`` or other block (whose text would run together)."""
    return not any(isinstance(d.tag, str) and d.tag in _NOT_INLINE for d in el.iterdescendants())


def list_item(el, text: str) -> bool:
    """True for a plain ``<li>`` (:func:`_plain`) of at least ``MIN_WORDS`` words."""
    return words(text) >= MIN_WORDS and _plain(el)


def introduces(text: str) -> bool:
    """True when ``text`` (a line or a block's text) ends in a colon: it introduces what follows."""
    return text.endswith(":")


def line_keys(line: str) -> tuple[str, ...]:
    """The block texts an output line stands for: the line itself, and for a list item
    line as trafilatura writes it (``"- item"``) the item's text as well."""
    flat = norm(line)
    return (flat, flat[2:]) if flat.startswith("- ") else (flat,)


def line_positions(lines: list[str]) -> dict[str, int]:
    """Each key of the output lines (:func:`line_keys`) -> the index of the first line with it,
    in the order first seen."""
    position: dict[str, int] = {}
    for i, line in enumerate(lines):
        for key in line_keys(line):
            position.setdefault(key, i)
    return position


def br_pieces(el) -> tuple[str, ...]:
    """The text of ``el`` cut at each ``<br>`` inside it, in document order, each piece
    :func:`norm`-alised; empty pieces (two ``<br>`` in a row, one at an end) left out."""
    pieces: list[list[str]] = [[]]
    for node in text_and_breaks(el):
        if node is not None:
            pieces[-1].append(node)
        else:
            pieces.append([])
    return tuple(text for part in pieces if (text := norm("".join(part))))


def _cut(el) -> bool:
    return BR_LINES and el.find(".//br") is not None


def block_lines(el, text: str) -> list[str]:
    """The output lines a block ``el`` of text ``text`` (:func:`block_texts`) is written as:
    its ``<br>`` pieces when it has any (trafilatura writes a ``<br>`` as a line break), else
    ``[text]``."""
    if el.tag == "p" and _cut(el):
        pieces = br_pieces(el)
        if len(pieces) > 1:
            return list(pieces)
    return [text]


def cut_blocks(root) -> set:
    """The blocks (:func:`block_texts`' tags) of ``root`` holding a ``<br>``; empty when
    ``BR_LINES`` is off. One walk over the page's ``<br>``s instead of a search under every block."""
    if not BR_LINES:
        return set()
    found: set = set()
    walked: set = set()  # every ancestor passed so far: a <br> beside another stops at their parent
    for br in root.iter("br"):  # (100,000 <br> in one <p> walked the whole chain each before round 35)
        for anc in br.iterancestors():
            if anc in walked:
                break
            walked.add(anc)
            if anc.tag in _BLOCK_SET:
                found.add(anc)
    return found


def block_span(el, text: str, lines: list[str], position: dict[str, int],
               cut: set | None = None) -> tuple[int, int] | None:
    """``(first, last)``: the indexes of the output lines block ``el`` (text ``text``) stands
    for, or None when it is not in the output. A block is its own line (``position``:
    :func:`line_positions` of ``lines``) or, when cut by ``<br>``, its pieces
    (:func:`br_pieces`) on consecutive lines, the first one where ``position`` has it.
    ``cut``: :func:`cut_blocks` of the page, when the caller has it."""
    at = position.get(text)
    if at is not None:
        return at, at
    if not (_cut(el) if cut is None else el in cut):
        return None
    pieces = br_pieces(el)
    first = position.get(pieces[0]) if len(pieces) > 1 else None
    if first is None or first + len(pieces) > len(lines):
        return None
    if all(piece in line_keys(lines[first + i]) for i, piece in enumerate(pieces[1:], 1)):
        return first, first + len(pieces) - 1
    return None


def block_texts(root) -> list[tuple]:
    """``(element, text)`` for every block (``<p>``, ``<h2>``-``<h6>``, ``<li>``) of ``root`` with
    text, in document order; the text whitespace-collapsed and NFC-normalised. One walk shared by
    :func:`restore_gaps` and ``siblings.restore_siblings`` (neither changes the tree)."""
    return [(el, text) for el in root.iter(*_BLOCKS) if (text := norm(el.text_content()))]


def restore_gaps(root, lines: list[str], blocks: list[tuple] | None = None, host: str | None = None,
                 headed: tuple[int, int] | None = None) -> list[str]:
    """``lines`` with skipped body blocks of ``root`` (the tree trafilatura read) put back in place.

    ``blocks`` is :func:`block_texts` of ``root`` when the caller has it already; ``host``
    is the page's host (a heading linking to another page of its site is not put back);
    ``headed`` is ``(max blocks, max levels up)`` for a gap right under a kept subheading
    (the rules' ``headed_gaps``; None: such gaps get the plain limits).
    Returns a new list; ``lines`` is not changed. Cheap when nothing is missing:
    the tree is walked once, comparing normalised block texts with the lines.
    """
    if len(lines) < 2:
        return list(lines)
    position = line_positions(lines)
    flat = " ".join(position)
    if blocks is None:
        blocks = block_texts(root)
    seq: list[tuple] = []  # (element, text, first line or None, last line or None)
    cut = cut_blocks(root)
    for el, text in blocks:
        span = block_span(el, text, lines, position, cut)
        seq.append((el, text, *(span or (None, None))))
    seq = gapcode.with_code(root, seq, lines, position, _BLOCKS, norm)  # kept code blocks bound gaps too
    if BARE_DIVS:
        seq = gapdivs.with_bare_divs(root, seq, flat, norm, MIN_WORDS)
    # index in seq of the first block trafilatura kept as its first line (a code block is none)
    first = next((k for k, (el, _t, at, _l) in enumerate(seq) if at == 0 and el.tag != "pre"), None)
    inserts: dict[int, list[str]] = {}
    for prev, nxt, gap in kept_gaps(seq):
        # nested blocks (a <p> inside an <li>) are one block: keep the innermost
        holders = {anc for o, *_ in gap for anc in o.iterancestors(*_BLOCKS)}
        before, after = seq[prev][0], seq[nxt][0]
        if NEXT_HOLDERS:  # a block holding the kept block after the gap (a step's <li> around its <p>) is none of it
            holders.update(after.iterancestors(*_BLOCKS))
        inner = [(el, text) for el, text, *_ in gap if el not in holders]
        under = headed is not None and _section_title(before, seq[prev][1])
        if not inner or sum(el.tag != "div" for el, _t in inner) > (headed[0] if headed and under else MAX_GAP):
            continue
        levels = headed[1] if headed and under else MAX_UP
        taken: list[str] = []
        intro = introduces(seq[prev][1])
        # a bare <div> counts only in the run right under a kept subheading (its section's text: an FAQ's
        # answer); anywhere else, or when it does not read as body text, it is passed over, as before
        div_run = _section_title(before, seq[prev][1])
        for j, (el, text) in enumerate(inner):
            top_a = _near(el, before, levels)
            if el.tag == "div":
                if not div_run or top_a is None or not _acceptable(el, text, top_a, host):
                    div_run = False
                    continue
            else:
                div_run = False
            lead_in = j + 1 < len(inner) and inner[j + 1][0].tag == "li"
            top_b = _near(el, after, levels)
            if FAR_NEXT and top_b is None and top_a is not None and el.tag not in _HEADINGS \
                    and _near(el, after, FAR_UP) is not None:
                top_b = top_a  # the rest of the section the kept block before it opens (a builder's row ends there)
            if top_a is None or top_b is None or (text in position if el.tag in _HEADINGS and WHOLE_LINE_TITLES
                                                  else text in flat):
                taken = taken if under and len(taken) >= 2 else []
                break
            top = top_a if top_b in top_a.iterancestors() or top_b is top_a else top_b
            if not _acceptable(el, text, top, host, intro, lead_in, len(inner) == 1) or under and _in_link(el, top):
                taken = taken if under and len(taken) >= 2 else []
                break
            taken += [f"- {text}"] if el.tag == "li" else block_lines(el, text)  # as trafilatura writes them
            if el.tag != "li":
                intro = introduces(text)
        if taken:
            inserts[seq[nxt][2]] = taken
    if LEAD_HEADINGS and first and seq[first - 1][0].tag in _HEADINGS \
            and (lead := lead_heading(seq, first, position, inserts, host)) is not None:
        inserts.setdefault(0, []).insert(0, lead)
    return splice(lines, inserts) if inserts else list(lines)


def lead_heading(seq: list[tuple], first: int, position: dict[str, int], inserts: dict[int, list[str]],
                 host: str | None) -> str | None:
    """The subheading right before the block trafilatura kept as its first line, when it is the
    first of a run of subheadings of its tag: a later one is in the output or right before a
    block that is (a FAQ's first question, a how-to's first section: precision mode drops it,
    and only the others stand between kept blocks, where later stages bring them back). ``seq``
    as in :func:`restore_gaps`, ``first`` the index in it of the block kept as the first line
    (over 0); ``inserts`` the gaps' lines so far. Returns the heading's text, or None. Never an
    ``<h1>`` (the headline is the title)."""
    el, text = seq[first - 1][0], seq[first - 1][1]
    if el.tag not in _HEADINGS or seq[first - 1][2] is not None or text in position:
        return None
    later = {t for line_group in inserts.values() for t in line_group}
    if not any(o.tag == el.tag and (t in position or t in later or k + 1 < len(seq) and seq[k + 1][2] is not None)
               for k, (o, t, *_) in enumerate(seq[first:], first)):
        return None
    top = _near(el, seq[first][0])
    return text if top is not None and _acceptable(el, text, top, host) else None
