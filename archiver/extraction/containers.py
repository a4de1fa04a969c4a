"""Stage 1e: containers trafilatura reads as something else, made plain blocks before it runs.

Kinds seen in public bug reports against article extractors:

- ``unfigure_code``: a code block inside a ``<figure>`` (Jekyll's and Rouge's
  ``<figure class="highlight"><pre>``; a fix for readability's short ``<pre>`` drops,
  https://github.com/danburzo/percollate/pull/117, wraps them so) goes with the figure:
  trafilatura deletes every ``<figure>`` with its text. A figure holding a ``<pre>``
  and no image or media becomes a ``<div>``; its ``<figcaption>`` stays a caption.
- ``unlist_sections``: a list whose items are sections, each a subheading and its
  paragraphs (``<ol><li><h2>..</h2><p>..</p></li>``, sites doing it for search
  snippets, https://github.com/adbar/trafilatura/issues/309): trafilatura writes
  each item as one line, the subheading glued to its first paragraph. A list with
  an item holding a subheading and a paragraph after it becomes ``<div>``s, when its items
  are made of headings and body blocks only (a grid of cards, a ``<div>`` of values or a
  "Learn more" link beside each title, stays a list: unlisted, precision mode dropped whole
  cards and their values).
- ``unlist_cells``: a list inside a table cell (opening hours, a spec sheet's
  options, https://github.com/adbar/trafilatura/issues/531): trafilatura writes the
  row with the cell empty, ``| Mon |  |``. The list becomes a ``<div>`` and its items
  ``<p>``s, which trafilatura reads into the cell.
- ``wrap_code_text``: a code block written inside running text's container, loose text
  before and after it (``<div>Intro:<pre>..</pre>Rest of the sentence.</div>``,
  https://github.com/codelucas/newspaper/issues/947): trafilatura puts the code first,
  drops the lead-in and glues the last code line to the text after it. Each run of
  loose text (and the inline elements in it) beside the ``<pre>`` becomes a ``<p>``, when
  the ``<pre>`` holds more than one line (one used inline for a token, "replace spaces with
  a <pre>+</pre>.", is part of its sentence) and the container holds no other block (a
  post in ``<p>``s with loose lines between them, or a code container, is another layout:
  wrapping there moved and lost text). In a container that holds ``<p>``s as well (the whole
  post's, ``<div class="post-text"><p>..</p>Intro:<pre>..</pre>Rest.<p>..</p></div>``), only the
  runs right before and after the code are wrapped (``WRAP_BESIDE_BLOCKS``): trafilatura glued
  them to the code's first and last lines.
- ``unglue_quote_cites``: a forum quote's attribution, ``<blockquote><div><cite>Name wrote: ↑</cite>text``
  (phpBB 3), read as inline text glued to the quote's first line: the ``<cite>`` becomes a block.
- ``unheader_sections``: a section's own header, ``<section><header><h2>..</h2></header><p>..``
  (the HTML standard's outline markup; https://github.com/postlight/parser/issues/510, subheadings
  missing): trafilatura's precision mode deletes every ``<header>`` with what it holds, and the
  section's subheading went with it (bare trafilatura, in its default mode, kept it). A
  ``<header>`` whose parent is a ``<section>``, holding a subheading, no ``<h1>`` and at most
  ``MAX_HEADER_EXTRA`` characters besides, is unwrapped; an article's header (headline, byline)
  is left to the DOM stage and trafilatura. Templates put the same header in a plain container
  too, each section of the body its own block, ``<div class="ce-bodytext"><header><h2>..</h2>
  </header><p>..`` (TYPO3's content elements): a ``<header>`` whose whole text is its subheading's
  and that a ``<p>`` (a table, code, a quote) with text follows right after, in the same parent,
  is unwrapped as well (``UNHEADER_BODY_HEADINGS``), unless the subheading is all one link to a
  page (a teaser card's title over its excerpt).
- ``unbutton_headings``: an accordion's question written as a subheading holding its toggle
  button, ``<h3><button aria-expanded="false">Who pays?</button></h3>`` (Bootstrap's and most
  design systems' accordions; https://github.com/adobecom/milo/pull/6703, accordion panels
  readers skip), or as the button holding the subheading, ``<button><h3>..</h3></button>``:
  trafilatura deletes every ``<button>`` with its text, so each answer stays and its question
  goes. A button that is all of its subheading's text (or holds only the subheading), a question
  (ending in "?"), and no form control or image is unwrapped: its text stays in the heading. (Any
  toggle's text first: on WCXB dev it put back section toggles, "Malware", "What's new with Wix? ⬇️",
  that the truth leaves out.)
"""

from __future__ import annotations

from typing import Any

from .brlines import wrap_run
from .dom import name_words
from .lines import BLOCKS
from .regions import in_comment_thread
from .tagged import elements

__all__ = ["unbutton_headings", "unfigure_code", "unheader_sections", "unlist_cells", "unlist_sections",
           "wrap_code_text", "repair_containers"]

_MEDIA = ("img", "picture", "video", "audio", "iframe", "svg", "canvas", "object", "embed")
_HEADINGS = frozenset("h2 h3 h4 h5 h6".split())
_BODY_BLOCKS = frozenset("p blockquote pre".split())
# what a section item is made of; anything else (a card's <div> of values, a "Learn more" <a>
# beside the title) makes the list a grid of cards, which precision mode reads item by item
_ITEM_PARTS = _HEADINGS | frozenset("p blockquote pre ul ol dl table figure picture img br hr".split())
UNFIGURE_CODE = True
UNLIST_SECTIONS = True
UNLIST_CELLS = True
WRAP_CODE_TEXT = True
_TEXT_PARENTS = frozenset("div section article main td li blockquote dd".split())


UNFIGURE_QUOTES = True  # False: a quotation in a <figure> goes with the figure (ablation)


def _quote_figure(fig) -> bool:
    """A ``<figure>`` holding a ``<blockquote>``, neither of them named a pull quote (a pull quote
    repeats a sentence of the body: ``figure.wp-block-pullquote``, ``blockquote.pull-quote``)."""
    quote = next(fig.iter("blockquote"), None)
    return quote is not None and not any(word.startswith("pull") for el in (fig, quote) for word in name_words(el))


def unfigure_code(root, found: dict | None = None) -> int:
    """Make a ``<div>`` of each ``<figure>`` that holds a ``<pre>`` (``UNFIGURE_CODE``) or a
    ``<blockquote>`` (``UNFIGURE_QUOTES``: a quotation with its attribution as the HTML standard
    marks it, ``<figure><blockquote>..</blockquote><figcaption>..</figcaption></figure>``) and no
    media; return how many."""
    if not (UNFIGURE_CODE or UNFIGURE_QUOTES):
        return 0
    code = UNFIGURE_CODE and (found is None or "pre" in found)
    done = 0
    for fig in elements(root, found, "figure"):
        if next(fig.iter(*_MEDIA), None) is not None:
            continue
        if (code and next(fig.iter("pre"), None) is not None) or (UNFIGURE_QUOTES and _quote_figure(fig)):
            fig.tag = "div"
            done += 1
    return done


def _section_item(li) -> bool:
    """The item's own children are a subheading followed by a body block."""
    seen_heading = False
    for child in li:
        if not isinstance(child.tag, str):
            continue
        if child.tag in _HEADINGS:
            seen_heading = True
        elif seen_heading and child.tag in _BODY_BLOCKS and child.text_content().strip():
            return True
    return False


def _section_lists(root, found: dict | None) -> list:
    """Lists with an item whose own child is a subheading (reached from the subheadings)."""
    if found is None:
        return list(root.iter("ul", "ol"))
    lists: dict[int, Any] = {}
    for tag in sorted(_HEADINGS):
        for h in found.get(tag, ()):
            li = h.getparent()
            lst = li.getparent() if li is not None and li.tag == "li" else None
            if lst is not None and lst.tag in ("ul", "ol"):
                lists.setdefault(id(lst), lst)
    return list(lists.values())


def unlist_sections(root, found: dict | None = None) -> int:
    """Make ``<div>``s of each list (and its items) of which an item is a section; return how many lists."""
    if not UNLIST_SECTIONS:
        return 0
    done = 0
    for lst in _section_lists(root, found):
        if lst.tag not in ("ul", "ol"):
            continue
        items = [li for li in lst if li.tag == "li"]
        if not items or not any(_section_item(li) for li in items):
            continue
        if any(isinstance(child.tag, str) and child.tag not in _ITEM_PARTS for li in items for child in li):
            continue  # cards (values in <div>s, "Learn more" links beside the title): not a list of sections
        lst.tag = "div"
        for li in items:
            li.tag = "div"
        done += 1
    return done


def _in_cell(el) -> bool:
    """Right inside a table cell, or one or two wrappers down (``<td><div><ul>``)."""
    node = el.getparent()
    for _ in range(3):
        if node is None or node.tag in ("table", "tr", "tbody"):
            return False
        if node.tag in ("td", "th"):
            return True
        node = node.getparent()
    return False


def unlist_cells(root, found: dict | None = None) -> int:
    """Make a ``<div>`` of each list inside a table cell, its items ``<p>``s; return how many lists."""
    if not UNLIST_CELLS:
        return 0
    done = 0
    lists = (root.iter("ul", "ol") if found is None
             else [lst for table in found.get("table", ()) for lst in table.iter("ul", "ol")])
    for lst in list(lists):
        if lst.tag not in ("ul", "ol") or not _in_cell(lst):
            continue
        lst.tag = "div"
        for li in lst:
            if li.tag == "li":
                li.tag = "p"
        done += 1
    return done


def _loose_text(parent) -> bool:
    return bool((parent.text or "").strip()) or any((child.tail or "").strip() for child in parent)


def _wrap_runs(parent) -> None:
    """Put each run of ``parent``'s loose text and inline children into a ``<p>`` of its own."""
    children = list(parent)
    text, parent.text = parent.text, None
    for child in children:
        parent.remove(child)  # its tail goes with it
    out: list = []
    run = None

    def open_run():
        nonlocal run
        if run is None:
            run = parent.makeelement("p", {})
            out.append(run)
        return run

    if text and text.strip():
        open_run().text = text
    for child in children:
        if isinstance(child.tag, str) and child.tag in BLOCKS:
            run = None
            tail, child.tail = child.tail, None
            out.append(child)
            if tail and tail.strip():
                open_run().text = tail
        else:
            open_run().append(child)
    for el in out:
        parent.append(el)


WRAP_BESIDE_BLOCKS = True  # False: a code container holding <p>s too is left alone (ablation)


def _block(el) -> bool:
    return isinstance(el.tag, str) and el.tag in BLOCKS


def _wrap_beside(parent, pre) -> int:
    """Wrap the loose runs right before and right after ``pre`` in ``parent`` in ``<p>``s; return 1 if any."""
    at = parent.index(pre)
    wrapped = 0
    if (pre.tail or "").strip():
        wrap_run(parent, at)  # after first: the indices before it stay
        wrapped = 1
    start = at - 1
    while start >= 0 and not _block(parent[start]):
        start -= 1
    lead = parent.text if start < 0 else parent[start].tail
    if (lead or "").strip() or any("".join(parent[i].itertext()).strip() for i in range(start + 1, at)):
        wrap_run(parent, start)
        wrapped = 1
    return wrapped


def wrap_code_text(root, found: dict | None = None) -> int:
    """Wrap the loose text beside each ``<pre>`` in ``<p>``s; return how many containers."""
    if not WRAP_CODE_TEXT:
        return 0
    done = 0
    seen: set = set()
    for pre in elements(root, found, "pre"):
        if "\n" not in pre.text_content().strip():
            continue  # a one-line <pre> used inline, inside a sentence: not a code block
        parent = pre.getparent()
        if parent is None or id(parent) in seen or parent.tag not in _TEXT_PARENTS or not _loose_text(parent):
            continue
        if any(child.tag in BLOCKS and child.tag != "pre" for child in parent):
            # text written in blocks of its own beside the loose runs: only the runs next to the code,
            # when the container's paragraphs are <p>s (trafilatura reads it by them already)
            if WRAP_BESIDE_BLOCKS and parent.find("p") is not None:
                done += _wrap_beside(parent, pre)
            continue
        seen.add(id(parent))
        _wrap_runs(parent)
        done += 1
    return done


UNHEADER_SECTIONS = True  # False: a section's <header> goes in precision mode, its subheading with it (ablation)
UNHEADER_BODY_HEADINGS = True  # False: only a <section>'s header is unwrapped, not one heading a run of <p>s
MAX_HEADER_EXTRA = 160  # characters of a section's header besides its subheading (a one-line dek at most)
_SUBHEADINGS = ("h2", "h3", "h4", "h5", "h6")
# what follows a body section's heading; not a list (a footer column's '<header><h3>Company</h3></header><ul>' of links)
_SECTION_BODY = frozenset(("p", "table", "pre", "blockquote"))


def _heads_paragraphs(header, heading) -> bool:
    """``header`` holds only ``heading``'s text, is followed right away in its parent by a body block
    with text (``_SECTION_BODY``: a paragraph, a table, code, a quote), the heading is not all one
    link to a page (a teaser card's title) and the header is not in a comment thread (a comment
    card's ``<header><h3>commenter</h3></header><p>comment``: the name is no subheading)."""
    text = " ".join(heading.text_content().split())
    if not text or " ".join(header.text_content().split()) != text:
        return False
    for link in heading.iter("a"):
        if " ".join(link.text_content().split()) == text and not (link.get("href") or "#").strip().startswith("#"):
            return False
    nxt = header.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):  # a comment between them
        nxt = nxt.getnext()
    return (nxt is not None and nxt.tag in _SECTION_BODY and bool(nxt.text_content().strip())
            and not in_comment_thread(header))


def unheader_sections(root, found: dict | None = None) -> int:
    """Unwrap each ``<header>`` of a ``<section>`` that holds a subheading (``h2``-``h6``, no
    ``<h1>``) and little else, and each other ``<header>`` that is a subheading alone heading a
    paragraph (``_heads_paragraphs``); return how many."""
    if not UNHEADER_SECTIONS:
        return 0
    done = 0
    for heading in elements(root, found, *_SUBHEADINGS):
        header = heading.getparent()
        if header is None or header.tag != "header":
            continue
        section = header.getparent()
        if section is None or header.find(".//h1") is not None:
            continue
        if section.tag != "section" and not (UNHEADER_BODY_HEADINGS and _heads_paragraphs(header, heading)):
            continue
        extra = len(" ".join(header.text_content().split())) - len(" ".join(heading.text_content().split()))
        if extra > MAX_HEADER_EXTRA:
            continue
        header.drop_tag()
        done += 1
    return done


UNBUTTON_HEADINGS = True  # False: a subheading's toggle button goes in trafilatura, its question with it (ablation)
MAX_BUTTON_HEADING = 200  # characters of a question in a toggle button


def _plain_button(button, heading) -> bool:
    """``button`` holds text only (no form control, image or nested block but ``heading``)."""
    return not any(el.tag in ("input", "select", "textarea", "img", "svg", "button", "form", "p", "ul", "ol")
                   for el in button.iterdescendants() if isinstance(el.tag, str) and el is not heading)


def unbutton_headings(root, found: dict | None = None) -> int:
    """Unwrap each ``<button>`` that is a subheading's whole text or holds only a subheading, the
    text a question (an accordion's); return how many."""
    if not UNBUTTON_HEADINGS:
        return 0
    done = 0
    for heading in elements(root, found, *_SUBHEADINGS):
        parent = heading.getparent()
        if parent is not None and parent.tag == "button":
            button = parent
            if (button.text or "").strip() or len(button) != 1 or (heading.tail or "").strip():
                continue
        else:
            button = next((c for c in heading.iter("button")), None)
            if button is None:
                continue
            own = " ".join(button.text_content().split())
            if not own or own != " ".join(heading.text_content().split()):
                continue
        text = " ".join(heading.text_content().split())
        if not text.endswith("?") or len(text) > MAX_BUTTON_HEADING or not _plain_button(button, heading):
            continue
        button.drop_tag()
        done += 1
    return done


# False: a quote's attribution in its <cite> stays glued to the quote's first line (ablation)
QUOTE_CITES = True
MAX_CITE = 120


def unglue_quote_cites(root, found: dict | None = None) -> int:
    """Make a block of each ``<cite>`` that opens a ``<blockquote>`` (or its only-child ``<div>``):
    a forum's quote attribution ("Ukraine Today wrote: ↑", phpBB's, shown as a line of its own by the
    board's stylesheet), which trafilatura glued to the quote's first line as inline text, a line of
    its own that the paragraph rule ``quote-attribution`` takes. Returns how many."""
    if not QUOTE_CITES:
        return 0
    done = 0
    for cite in elements(root, found, "cite"):
        parent = cite.getparent()
        if parent is not None and parent.tag == "div" and parent.getparent() is not None \
                and parent.getparent().tag == "blockquote" and len(parent.getparent()) == 1:
            holder = parent.getparent()
        else:
            holder = parent
        if holder is None or holder.tag != "blockquote" or (parent.text or "").strip() \
                or cite.getprevious() is not None or len(cite.text_content()) > MAX_CITE:
            continue
        cite.tag = "p"
        done += 1
    return done


def repair_containers(root, found: dict | None = None) -> int:
    """Run every repair of this module; return the count of containers changed.

    ``found``: the elements of ``tagged.WATCHED`` from one walk (``tagged.by_tag``); without it
    each repair walks the tree for its own tags.
    """
    return (unfigure_code(root, found) + unlist_sections(root, found) + unlist_cells(root, found)
            + wrap_code_text(root, found) + unheader_sections(root, found) + unbutton_headings(root, found)
            + unglue_quote_cites(root, found))
