"""Stage 1c: repair markup that makes trafilatura misread article text, before it runs.

Each repair is a kind of markup, not a site (issue 11):

- ``join_split_sentences``: a sentence cut by ``<br>`` (or ``<br><br>``) inside
  one paragraph, "... The<br><br>overtime rules ...": the break is a space.
  A break after a whole sentence stays a paragraph break.
- ``hardwraps.join_hard_wraps`` (first): in paragraphs hard-wrapped with single ``<br>``, a
  wrap that falls after a sentence end is a space too.
- ``promote_div_lines``: a paragraph in a bare ``<div>`` among the ``<p>`` of the
  body (empty spacer blocks between them skipped): trafilatura reads ``<div>``
  text only when a page has little ``<p>`` text, so the line is dropped. It
  becomes a ``<p>``; so do a verse's ``<div>`` (``verselines``) and an item's line
  ``<div>``s one level down (``wrappedlines``: a Q/A exchange).
- ``promote_component_lines``: a body written as one component per paragraph
  (``<div class="text-block"><p>...</p></div>`` or a ``<section>``, a server-rendered page), some of the
  components holding their sentence bare, without the ``<p>``: trafilatura drops the bare
  ones as it drops a bare ``<div>`` line. Each becomes a component around a ``<p>``.
- ``unlink_paragraphs``: a body paragraph that is entirely a link (a whole
  sentence linking to a related story): trafilatura's link-density test drops
  it as a link list. Inside the main container, the link is unwrapped.

- ``join_source_breaks``: a line break of the HTML source inside a paragraph
  that holds inline elements (pretty-printed markup, ``<p>... was
  published\n      <a>February 28</a>. One ...</p>``): trafilatura keeps such
  breaks in the text it writes (it collapses them only in a block without
  child elements), so the paragraph came out cut into lines at the source's
  line ends, and a site re-indenting its HTML read as an edit. A browser
  shows a space there; so does this repair (not inside ``<pre>``).

``continuation.reveal_continuations`` runs first: the rest of a body hidden behind a
"Continue reading" button is shown. All of them look only at sentence shape (punctuation,
case, length) and position, never at names; they run on the tree the DOM stage cleaned.
"""

from __future__ import annotations

import re
from collections import Counter

from . import brlines, calloutlines, continuation
from . import lines as _lines
from .brjoin import join_split_sentences
from .brlines import br_paragraphs, loose_runs, wrap_run
from .divheadings import heading_divs, name_heading
from .dom import name_words
from .gaps import FURNITURE
from .hardwraps import join_hard_wraps
from .letterlines import letter_lines
from .lines import BLOCKS, MIN_LINE_WORDS
from .lines import SENTENCE_END as _SENTENCE_END
from .lines import sentence_like as _sentence_like
from .lines import text_of as _text
from .togglelinks import unbutton_questions, unlink_toggles
from .verselines import put_verse, verse_candidates
from .wrappedlines import wrapped_lines

__all__ = ["join_source_breaks", "join_split_sentences", "promote_div_lines", "promote_component_lines",
           "rejoin_cut_paragraphs", "unlink_paragraphs", "repair_markup", "BLOCKS"]

_CONTINUES = re.compile(r"^\s*[a-zà-öø-ÿ]")  # the next line starts with a lower-case letter
MIN_BODY_PARAGRAPHS = 3  # sentence <p> a parent holds before its bare <div> lines count as body
MIN_LINKED_CHARS = 80


# class and id words that name something other than a paragraph: gaps' furniture, labels and media
_NOT_A_LINE = FURNITURE | frozenset("""box badge trust time label title heading summary excerpt bio copyright legal
    photo image img video media quote pullquote note warning alert""".split())
_NOT_A_BOX = FURNITURE | frozenset("label title heading bio copyright legal photo image img video media".split())
CLASSED_LINES = True  # a <div class="text"> line counts too, unless its names say what else it is
MAX_CLASSED_LINK_SHARE = 0.25  # a named box pointing to another page ("... in our guide <a>X</a>") is a promo


def _linked_share(el) -> float:
    text = len("".join(el.itertext()).strip()) or 1
    return sum(len("".join(a.itertext()).strip()) for a in el.iter("a")) / text


# a quote box's line ("<div class='quote-text'>"): a line unless the page repeats it (a pull quote; fundus#951)
QUOTE_LINES = True
_QUOTE_NAMES = frozenset(("quote", "quotes", "quotation", "statement"))


def _said_elsewhere(div) -> bool:
    """Whether the opening words of ``div``'s text occur in the page's text outside it (a pull quote)."""
    words = " ".join(_text(div).split()[:8])
    return _page_words(div.getroottree().getroot()).count(words) > 1


_PAGE_TEXT = "//text()[not(ancestor::script or ancestor::style or ancestor::template)]"
_page_memo: list = [None, ""]  # the last root asked for and its text: every quote box of a page asks


def _page_words(root) -> str:
    """The text a reader sees on ``root``'s page, whitespace collapsed (not a script's: JSON-LD's
    ``articleBody`` repeats every line of the body)."""
    if _page_memo[0] is not root:
        _page_memo[:] = [root, " ".join(" ".join(root.xpath(_PAGE_TEXT)).split())]
    return _page_memo[1]


def _bare_line(div) -> bool:
    if div.get("role"):
        return False
    if div.get("class") or div.get("id"):
        names = name_words(div)
        odd = names & _NOT_A_LINE
        if odd and not (QUOTE_LINES and odd <= _QUOTE_NAMES and not _said_elsewhere(div)):
            return False
        if not CLASSED_LINES or _linked_share(div) >= MAX_CLASSED_LINK_SHARE:
            return False
    return all(child.tag not in BLOCKS for child in div.iter() if child is not div)


def _spacer(el) -> bool:
    """An empty block that only makes room: ``<div><br></div>``, ``<p>&nbsp;</p>``."""
    return (el.tag in ("div", "p", "span") and not "".join(el.itertext()).strip()
            and all(child.tag == "br" for child in el.iter() if child is not el))


def _element_sibling(el, following: bool):
    """The next (or previous) element sibling that is not a comment nor an empty spacer block."""
    sib = el.getnext() if following else el.getprevious()
    while sib is not None and (not isinstance(sib.tag, str) or _spacer(sib)):
        sib = sib.getnext() if following else sib.getprevious()
    return sib


def _div_line(el) -> bool:
    return el.tag == "div" and _bare_line(el) and _sentence_like(_text(el), MIN_LINE_WORDS)


_MEDIA = ("img", "picture", "figure", "video", "iframe", "svg")


def _after_media(el) -> bool:
    """The element follows an image block (its caption's place)."""
    prev = _element_sibling(el, False)
    return prev is not None and (prev.tag in _MEDIA or next(prev.iter(*_MEDIA), None) is not None)


CLASSED_END_NOTES = True  # a classed <div> closing the body after its last paragraph is an end note (ablation)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _end_note(parent, div, last: int) -> bool:
    """``div`` stands after ``parent``'s last sentence ``<p>`` (index ``last``), with no heading
    between them, and nothing with text after it: the line that closes the body."""
    while div.getparent() is not parent:  # a callout box's line: the box's place
        div = div.getparent()
    at = parent.index(div)
    if at < last or any(child.tag in _HEADINGS for child in parent[last + 1:at]):
        return False
    return not any(isinstance(child.tag, str) and "".join(child.itertext()).strip() for child in parent[at + 1:])


def promote_div_lines(root) -> int:
    """Make a ``<p>`` of each bare ``<div>`` holding a sentence among the ``<p>`` of the body; return how many.

    A parent holding at least ``MIN_BODY_PARAGRAPHS`` sentence paragraphs is a body whose paragraphs
    alternate between the two tags (blog editors write ``<div>`` lines between ``<p>``, often with
    ``<div><br></div>`` spacers); each of its bare sentence ``<div>`` children becomes a ``<p>``, except
    right after an image block, where a caption stands. The paragraphs counted are its sentence ``<p>``
    children and, with ``brlines.LOOSE_PARAGRAPHS``, those of its loose text written between ``<br><br>``
    (:func:`~.brlines.br_paragraphs`: a post's paragraphs as loose text beside two ``<p>``, of which
    precision mode dropped all up to the first ``<br>``), each run of which gets a ``<p>`` of its
    own (:func:`~.brlines.wrap_run`), as does a loose run that is a sentence (``brlines.LOOSE_LINES``).
    A ``<div>`` with a class or id (``CLASSED_LINES``) that closes
    the body, after its last sentence ``<p>`` with no heading between and nothing after it, is an
    end note ("This article was originally published on ..."), which trafilatura drops; it stays a
    ``<div>`` (``CLASSED_END_NOTES``; a lede before the first ``<p>``, an answer under a question's
    heading, are lines).
    """
    promoted = 0
    # one pass over the <p>: which parents hold any
    held = Counter(p.getparent() for p in root.iter("p"))
    for parent, n in held.items():
        if parent is None or (n < MIN_BODY_PARAGRAPHS and not brlines.LOOSE_PARAGRAPHS):  # (few <p>: only
            # <br><br> paragraphs beside them can make a body)
            continue
        runs = loose_runs(parent) if brlines.LOOSE_PARAGRAPHS or brlines.LOOSE_LINES else []
        loose = [(at, run, br_paragraphs(run)) for at, run in runs]
        loose = [(at, run, n) for at, run, n in loose
                 if (n and brlines.LOOSE_PARAGRAPHS)
                 or (not n and brlines.LOOSE_LINES and _sentence_like(_text(run), MIN_LINE_WORDS))]
        lines = [child for child in parent if child.tag == "div" and _div_line(child)]
        cut, verses = verse_candidates(parent, _bare_line)  # a poem's lines cut by <br>, or a <div> each
        items = wrapped_lines(parent, _div_line, _bare_line)  # Q/A items: no end note even at the body's end
        boxed = calloutlines.boxed_lines(parent, _NOT_A_BOX, _div_line, _after_media)  # a callout box's sentence
        lines += items + boxed
        lines += letter_lines(parent, lines, _bare_line, _text, _spacer)  # a letter's salutation, closing
        lines += cut + [new for _, new in verses]  # (after letter_lines: a verse pulls no short <div> in)
        heads = heading_divs(parent, _spacer) if n >= MIN_BODY_PARAGRAPHS else []  # a section title as a <div>
        if not lines and not loose and not heads:
            continue
        places = [i for i, child in enumerate(parent)
                  if child.tag == "p" and _sentence_like(_text(child), MIN_LINE_WORDS)]
        if not places or len(places) + sum(n for _, _, n in loose) < MIN_BODY_PARAGRAPHS:
            continue
        for old, new in verses:
            put_verse(parent, old, new)
        for div in heads:
            name_heading(div)
            promoted += 1
        for at, _run, _n in reversed(loose):  # loose paragraphs beside the <p>s: a block of their own
            wrap_run(parent, at)  # (last first: the indices before it stay)
            promoted += 1
        for div in lines:
            if _after_media(div):
                continue
            if CLASSED_END_NOTES and (div.get("class") or div.get("id")) and div not in items \
                    and _end_note(parent, div, places[-1]):
                continue
            if div in boxed:
                calloutlines.drop_icons(parent, div)
            div.tag = "p"
            promoted += 1
    return promoted


_COMPONENTS = ("div", "section")  # the tags a paragraph component is written in


def _wrapper_key(el) -> tuple[str, ...] | None:
    """The markup signature of a paragraph component: its tag and attributes but ``id`` and ``style``."""
    if el.tag not in _COMPONENTS:
        return None
    return (el.tag, *sorted(f"{k}={v}" for k, v in el.attrib.items() if k not in ("id", "style")))


def _wrapped_sentence(div) -> bool:
    """A ``<div>`` whose whole content is one sentence ``<p>``."""
    if len(div) != 1 or (div.text or "").strip():
        return False
    p = div[0]
    return p.tag == "p" and not (p.tail or "").strip() and _sentence_like(_text(p), MIN_LINE_WORDS)


def _inline_sentence(div) -> bool:
    return (all(child.tag not in BLOCKS for child in div.iter() if child is not div)
            and _sentence_like(_text(div), MIN_LINE_WORDS))


def promote_component_lines(root) -> int:
    """Give a ``<p>`` to each paragraph component that holds its sentence bare; return how many.

    Components are the ``<div>`` (or ``<section>``) children of one parent sharing one markup signature
    (:func:`_wrapper_key`); when at least ``MIN_BODY_PARAGRAPHS`` of them are each one sentence
    ``<p>``, those of the same signature holding a sentence in inline markup only get their content
    wrapped in a ``<p>`` (not right after an image block, where a caption stands).
    """
    wrapped: Counter = Counter()
    for p in root.iter("p"):
        div = p.getparent()
        if div is not None and div.tag in _COMPONENTS and div.getparent() is not None and _wrapped_sentence(div):
            wrapped[(div.getparent(), _wrapper_key(div))] += 1
    promoted = 0
    for (parent, key), n in wrapped.items():
        if n < MIN_BODY_PARAGRAPHS:
            continue
        for div in [c for c in parent if _wrapper_key(c) == key and c.find("p") is None]:
            if not _inline_sentence(div) or _after_media(div):
                continue
            p = div.makeelement("p", {})
            p.text, div.text = div.text, None
            p.extend(list(div))
            div.append(p)
            promoted += 1
    return promoted


def unlink_paragraphs(main) -> int:
    """Unwrap the link of each ``<p>`` in ``main`` that is one linked sentence; return how many.

    A sentence of ``MIN_LINKED_CHARS`` characters and 8 words, anywhere in ``main``; a shorter one
    (6 words, "Read the full statement from the county council.") between two body paragraphs
    (``SHORT_LINKED_LINES``): precision mode drops a paragraph that is one link of over 10
    characters, bare trafilatura's default mode only one of over 100."""
    if main is None:
        return 0
    unlinked = 0
    for p in list(main.iter("p")):
        links = list(p.iter("a"))
        if len(links) != 1:
            continue
        text = _text(p)
        if _text(links[0]) != text:
            continue
        if _one_spaceless_phrase(text):
            continue  # a Thai or Lao headline linked to its story, not a paragraph
        long_enough = _lines.width(text) >= MIN_LINKED_CHARS and _sentence_like(text, 8)
        if not long_enough and not (SHORT_LINKED_LINES and _sentence_like(text, 6) and _between_paragraphs(p)):
            continue
        links[0].drop_tag()
        unlinked += 1
    return unlinked


SHORT_LINKED_LINES = True  # a shorter linked sentence between two body paragraphs is unwrapped too (ablation)
# A Thai or Lao text ends on a letter (no mark), so any linked run of it passes the sentence test;
# a story's linked headline ("ห้องสมุดประชาชนแห่งใหม่เปิดให้บริการแล้ว...") is one phrase, with no space,
# where a paragraph's sentences are parted by spaces. False: one phrase is unwrapped too (ablation).
SPACELESS_ONE_PHRASE = True


def _one_spaceless_phrase(text: str) -> bool:
    """``text`` is Thai, Lao, Khmer or Burmese with no sentence mark and no space inside: one phrase."""
    return (SPACELESS_ONE_PHRASE and not text.isascii() and " " not in text.strip()
            and _lines.spaceless(text) > 0 and not _SENTENCE_END.search(text))


def _between_paragraphs(p) -> bool:
    """``p``'s element siblings right before and after it are sentence ``<p>`` (mid-body, not a list end)."""
    before, after = _element_sibling(p, False), _element_sibling(p, True)
    return all(sib is not None and sib.tag == "p" and _sentence_like(_text(sib), MIN_LINE_WORDS)
               and _lines.width(_text(sib)) >= MIN_LINKED_CHARS for sib in (before, after))


def rejoin_cut_paragraphs(root) -> int:
    """Put back into its ``<p>`` the rest of a sentence that a block injected into the paragraph cut off.

    An ad slot or a link box written inside a ``<p>`` (``<p>... will begin. The <div
    class="ad">...</div>withdrawal process ...</p>``) makes the parser close the paragraph
    at the block: the rest of the sentence is loose text after the block (or after the
    paragraph, once the DOM stage removed the block), and comes out as a paragraph of
    its own. When the paragraph ends mid-sentence and the loose text goes on in lower
    case, that text (and the inline elements running on with it) moves back into the
    paragraph; the block stays where it is. Returns how many paragraphs were mended.
    """
    mended = 0
    for para in list(root.iter("p")):
        holder = para  # the element whose tail holds the loose rest: cheap tests first, the text last
        if not (para.tail and para.tail.strip()):
            block = para.getnext()
            if block is None or block.tag not in BLOCKS or block.tag == "p" or not (block.tail and block.tail.strip()):
                continue
            holder = block
        rest = holder.tail or ""
        if not _CONTINUES.match(rest):
            continue
        text = para.text_content()
        if not text.strip() or _SENTENCE_END.search(text):
            continue
        if not text[-1:].isspace() and not rest[:1].isspace():
            rest = " " + rest
        holder.tail = None
        if len(para):
            para[-1].tail = (para[-1].tail or "") + rest
        else:
            para.text = (para.text or "") + rest
        follower = holder.getnext()
        while follower is not None and isinstance(follower.tag, str) and follower.tag not in BLOCKS \
                and follower.tag != "br":
            nxt = follower.getnext()
            para.append(follower)  # moves it, with its tail
            follower = nxt
        mended += 1
    return mended


JOIN_SOURCE_BREAKS = True  # False: source line breaks inside a paragraph stay as written (ablation)
_TEXT_BLOCKS = ("p", "dd", "dt", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6")
_KEEPS_BREAKS = frozenset(("pre", "textarea"))
_BREAK_RUN = re.compile(r"\s*\n\s*")


def join_source_breaks(root) -> int:
    """Replace each run of whitespace holding a line break by one space, in the text and tails
    inside a text block (``<p>``, ``<h1>``-``<h6>``, ``<blockquote>``, ``<dd>``, ``<dt>``) that has
    child elements; blocks inside or holding ``<pre>`` or ``<textarea>`` are left alone (their
    breaks are the text's). The block's own tail is not touched. List items and table cells are
    not joined: trafilatura's link-density tests read their lengths, and joining the items of a
    linked slideshow list beside a body cost a held-out page (Readability's salon-1) four fifths of
    its text. Returns how many text nodes changed. About 0.4 ms a page (2,136 benchmark pages
    after the DOM stage); a whole-tree XPath for the same nodes costs ten times that."""
    if not JOIN_SOURCE_BREAKS:
        return 0
    joined = 0
    kept = next(root.iter(_KEEPS_BREAKS), None) is not None  # most pages have no <pre>: no checks then
    for block in root.iter(_TEXT_BLOCKS):
        if not len(block):
            continue  # trafilatura collapses the whitespace of a block without children itself
        if kept and (next(block.iter(_KEEPS_BREAKS), None) is not None
                     or next(block.iterancestors(_KEEPS_BREAKS), None) is not None):
            continue
        for el in block.iter():
            text = el.text
            if text and "\n" in text:
                el.text = _BREAK_RUN.sub(" ", text)
                joined += 1
            if el is not block:
                tail = el.tail
                if tail and "\n" in tail:
                    el.tail = _BREAK_RUN.sub(" ", tail)
                    joined += 1
    return joined


def repair_markup(root, main, br_divs: list | None = None) -> int:
    """Run every repair on the cleaned tree; ``main`` is the main container (or None). Returns the count.
    ``br_divs``: a list that collects ``brlines.wrap_br_divs``' candidates (``join_split_sentences``)."""
    return (continuation.reveal_continuations(root) + join_source_breaks(root) + rejoin_cut_paragraphs(root)
            + join_hard_wraps(root) + join_split_sentences(root, br_divs) + promote_div_lines(root)
            + promote_component_lines(root) + unlink_paragraphs(main) + unlink_toggles(root)
            + unbutton_questions(root))
