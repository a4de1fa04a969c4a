"""A caption that repeats its image's ``alt`` text, in a wrapper holding only the two.

Captions are furniture by the seeds' rules; the DOM rules find them by their markup (``<figure>``,
``figcaption``, a ``caption`` class). A copy that lost the markup (an archive.today snapshot strips
every class and id; a template names its caption ``photo-text``) leaves a bare
``<div><img alt="X"><p>X</p></div>``, and the caption reads as a paragraph of the body.

The stage drops such a line when all of these hold:

- the image's ``alt`` has at least ``MIN_WORDS`` words and the line's text is the same text
  (compared as ``sites.normalise`` does);
- the line is the element right after the image (or after the wrapper, ``<a>`` or ``<picture>``,
  holding only the image), and the parent holding both holds no other text; or (``BLOCK_PAIRS``)
  the image stands alone in a ``<div>`` of its own and the line is the next ``<div>`` or ``<p>``
  among the body's paragraphs (a page pasted into a rich-text editor: Blogger's writes the photo
  as ``<div class="separator"><a><img></a></div>`` and the caption as the next centred
  ``<div>``; ``PARAGRAPH_BLOCKS``: Confluence's and other wikis' editors write it as a ``<p>`` holding
  only the image in its wrapper ``<span>``, the caption the next ``<p>``); or (``BR_LINES``) a
  post written as text cut by ``<br>`` (a LiveJournal cross-post, an old blog) holds the image and
  the line as lines of their own: ``<br>`` (or the parent's start) before the image, only ``<br>``
  between the two, ``<br>`` (or the parent's end) after the line;
- the page has at most ``MAX_PAIRS`` such pairs: a series of them is a list of steps or a gallery
  whose text is the content (recipe steps carry the step's text as ``alt``).

Rendered Markdown writes a caption its own way (``MARKDOWN_PAIRS``): ``![...](...)`` then
``*caption*`` and ``**credit**``, an image alone in its paragraph (or in a link), the next
paragraph all one italic run (up to ``MAX_CAPTION`` characters), the one after it all one bold run
(up to ``MAX_CREDIT``: an agency's or photographer's name, written as credits are: a ``/``, a ``©``,
a "Photo:" label, and ending no sentence: "STEVE'S BIG PIECE OF ADVICE: GET STRONG." and "What happens
next" are subheadings). Both go, named ``image-line-caption``,
at most ``MAX_PAIRS`` of them on a page; an italic line alone after an image stays (the benchmarks'
truths keep it), and so does a bold standfirst. Found in the same walk over the images.
A page copied into a word processor and saved as HTML (``OFFICE_PAIRS``, Word's "Web Page, Filtered")
writes the same three lines with every run in a ``<span>`` and the caption plain, not italic: the
image alone in its ``<p>`` (in a ``<span>``), a plain ``MsoNormal`` paragraph, then the bold credit
with its mark. A forum's rich-text editor (``PLAIN_PAIRS``, Invision Community) keeps the caption as a
plain paragraph under the pasted photo, the bold credit after it: the same three lines, the caption
neither italic nor Word's; the credit's mark tells them from a paragraph and a bold subheading.
"""

from __future__ import annotations

import re

from .model import Removed
from .sites import normalise

__all__ = ["drop_alt_captions"]

MIN_WORDS = 3
MAX_PAIRS = 2
MARKDOWN_PAIRS = True  # False: a Markdown caption and credit under an image stay (ablation)
# False: a word processor's photo, caption and bold credit (each run in a <span>, the caption plain) stay (ablation)
OFFICE_PAIRS = True
# False: a plain caption paragraph between a photo alone in its <p> and the bold credit stays (ablation, rend21)
PLAIN_PAIRS = True
MAX_CAPTION, MAX_CREDIT = 300, 60
# a credit line names its source as credits are written: "Agency / Photographer", ©, "Photo: ..." (a bold
# line without one is a subheading: "**What happens next**")
_CREDIT_MARK = re.compile(r"/|©|\(c\)|\||^\W*(?:photo|foto|image|picture|credit|source|bild|фото|照片|写真)\b",
                          re.I | re.U)
# the credit under a plain caption (PLAIN_PAIRS) marks its source as a credit does, not as a path: " / ", ©, a label
_SPACED_MARK = re.compile(r"\s/\s|©|\(c\)|^\W*(?:photo|foto|image|picture|credit|source|bild|фото|照片|写真)\b",
                          re.I | re.U)
# False: the image and its caption must be alone in their parent (no <br>-cut text around them; ablation)
BR_LINES = True
BLOCK_PAIRS = True  # False: a caption block under the image's own <div>, among paragraphs, stays (ablation)
# False: an image alone in its own <p> (a wiki's or editor's paste) is no block, the caption after it stays (ablation)
PARAGRAPH_BLOCKS = True
_LINES = frozenset({"p", "div", "span", "small", "em", "i", "figcaption", "cite"})
FONT_LINES = True  # False: a caption line set in <font> (an old editor's grey caption) is no line (ablation, rend20)
_WRAPPERS = frozenset({"a", "picture", "span", "div"})
# False: a wrapper holding the image and a hidden box (a forum's attachment: <ignore_js_op><img><div
# style="display: none">file name, size, "download"</div>) is no wrapper of the image alone (ablation, rend20)
HIDDEN_SIBLINGS = True
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.I)


def _text(el) -> str:
    return normalise(el.text_content())


def _caption_of(img):
    """The element right after ``img`` (or its only-child wrappers) that repeats its ``alt``, when
    their common parent holds no other text; else None."""
    raw = img.get("alt")
    if not raw or len(raw.split()) < MIN_WORDS:
        return None
    node = img
    while True:
        parent = node.getparent()
        if parent is None:
            return None
        if parent.tag in _WRAPPERS and len(parent) == 1 and not parent.text_content().strip():
            node = parent  # a link or <picture> around the image alone
            continue
        if HIDDEN_SIBLINGS and _alone_but_hidden(parent, node):
            node = parent  # a wrapper around the image and a hidden box (a forum's attachment tip)
            continue
        if PARAGRAPH_BLOCKS and parent.tag == "p" and len(parent) == 1 and not parent.text_content().strip() \
                and _next_element(node) is None:
            node = parent  # the image alone in a paragraph of its own: a block, as a <div> of its own
            continue
        break
    nxt = _next_element(node)
    breaks = 0
    while BR_LINES and nxt is not None and nxt.tag == "br" and not (nxt.tail or "").strip():
        nxt, breaks = _next_element(nxt), breaks + 1
    if nxt is None or (nxt.tag not in _LINES and not (FONT_LINES and nxt.tag == "font")) or (node.tail or "").strip():
        return None
    alt = normalise(raw)
    if _text(nxt) != alt:
        return None
    if _text(parent) == alt or (breaks and _own_lines(node, nxt)) or (not breaks and _block_caption(node, nxt, alt)):
        return nxt
    return None


def _alone_but_hidden(parent, node) -> bool:
    """``parent`` (not a block of text: a wrapper of ``_WRAPPERS`` or an element no HTML tag names, a custom element or
    ``ignore_js_op``) holds ``node`` and otherwise only elements hidden by an inline ``display: none``
    or a ``hidden`` attribute, and no text of its own."""
    if parent.tag not in _WRAPPERS and not ("_" in parent.tag or "-" in parent.tag):
        return False
    others = [el for el in parent if el is not node and isinstance(el.tag, str)]
    if not others or (parent.text or "").strip() or any((el.tail or "").strip() for el in parent):
        return False
    return all(el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or "") for el in others)


def _block_caption(image_block, line, alt: str) -> bool:
    """True when ``image_block`` is a ``<div>`` (or, ``PARAGRAPH_BLOCKS``, a ``<p>``) holding only the
    image (its wrappers climbed) and
    ``line``, the element after it repeating the ``alt``, is a ``<div>`` or ``<p>`` of its own, and
    the block holding both links no page named by the ``alt`` (a teaser card: the title under the
    card's image is the linked story's, its address the title's slug)."""
    return (BLOCK_PAIRS and image_block.tag in ("div", "p") and line.tag in ("div", "p")
            and not (line.tail or "").strip() and not _links_page_named(image_block.getparent(), alt, image_block))


_SLUG_WORD = re.compile(r"[^\W_]+")
MIN_SLUG_WORDS = 3


def _links_page_named(block, alt: str, image_block) -> bool:
    """Whether ``block`` holds a link, not the image's own (WordPress links a photo to its attachment
    page, named after the photo's title), whose address's last path segment is a slug of ``alt``:
    three or more of its words, every one a word of ``alt``, together most of them
    ('/blog/introducing-phased-rollouts-for-safer-upgrades' for 'Introducing Phased Rollouts for
    Safer Upgrades')."""
    if block is None:
        return False
    words = set(_SLUG_WORD.findall(alt.lower()))
    own = {id(link) for link in image_block.iter("a")}
    for link in block.iter("a"):
        if id(link) in own:
            continue
        slug = _SLUG_WORD.findall((link.get("href") or "").split("?")[0].rstrip("/").rsplit("/", 1)[-1].lower())
        if len(slug) >= MIN_SLUG_WORDS and set(slug) <= words and 2 * len(set(slug)) > len(words):
            return True
    return False


def _next_element(node):
    nxt = node.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):  # comments, processing instructions
        nxt = nxt.getnext()
    return nxt


def _own_lines(image, line) -> bool:
    """True when ``image`` starts a line (after a ``<br>`` or the parent's start) and ``line`` ends
    one (a ``<br>`` or the parent's end after it), in text cut by ``<br>``."""
    before = image.getprevious()
    while before is not None and not isinstance(before.tag, str):
        before = before.getprevious()
    if before is None:
        started = not (image.getparent().text or "").strip()
    else:
        started = before.tag == "br" and not (before.tail or "").strip()
    after = _next_element(line)
    return started and not (line.tail or "").strip() and (after is None or after.tag == "br")


def drop_alt_captions(root, dropped: list | None = None) -> list[Removed]:
    """Remove from ``root`` (in place) the caption lines that repeat their image's ``alt`` (see the
    module's conditions); ``dropped`` receives ``(element, "alt-caption")`` for each. Returns one
    record (rule ``alt-caption``, stage ``dom``, the line's text) per line removed."""
    found = []
    marked = []
    taken: set[int] = set()  # two images in one <p> find the same pair: it goes once
    for img in root.iter("img"):
        # a Markdown or Word caption and credit first: the image alone in its <p> is a block too
        # (PARAGRAPH_BLOCKS), and its caption would go without the credit under it
        pair = _markdown_caption(img) if img.getparent() is not None and img.getparent().tag in ("p", "a", "span") \
            else None
        if pair is not None:
            if id(pair[0]) not in taken:
                taken.add(id(pair[0]))
                marked += [(line, "image-line-caption") for line in pair]
            continue
        line = _caption_of(img)
        if line is not None:
            found.append(line)
            if len(found) > MAX_PAIRS:
                return []
    if len(marked) > 2 * MAX_PAIRS:
        marked = []
    out = []
    for line, rule in [*((line, "alt-caption") for line in found), *marked]:
        text = " ".join(line.text_content().split())
        line.drop_tree()  # keeps its tail text in place
        if dropped is not None:
            dropped.append((line, rule))
        out.append(Removed(rule, "dom", text))
    return out


def _markdown_caption(img) -> tuple | None:
    """The caption and credit paragraphs after ``img`` when it stands alone in its ``<p>`` (or a link
    in it) as rendered Markdown writes them: the next paragraph one italic run, the one after it one
    bold run (see the module); else None."""
    if not MARKDOWN_PAIRS:
        return None
    para = img.getparent()
    if para.tag == "a" or OFFICE_PAIRS and para.tag == "span":
        para = para.getparent()
    if para is None or para.tag != "p" or para.text_content().strip():
        return None
    caption = _next_element(para)
    credit = _next_element(caption) if caption is not None else None
    if credit is None or not (_one_run(caption, ("em", "i"), MAX_CAPTION) or _office_caption(caption)
                              or _plain_caption(caption)):
        return None
    credit_text = credit.text_content().strip()
    if not _one_run(_unwrapped(credit), ("strong", "b"), MAX_CREDIT, credit) or credit_text[-1:] in ".!?:;" \
            or not _CREDIT_MARK.search(credit_text):
        return None  # a bold line ending as a sentence or naming no source is a subheading (WCXB dev 1405)
    if _plain_caption(caption) and not _SPACED_MARK.search(credit_text):
        return None  # under a plain line a path's "/" is no credit's: "cd applications/your_app" (WCXB test 5468)
    return caption, credit


def _unwrapped(el):
    """``el`` through the ``<span>``s an office program wraps each run in (``<p><span style><b>``), when
    ``OFFICE_PAIRS``: the innermost element whose only content is one such ``<span>``."""
    while OFFICE_PAIRS and len(el) == 1 and el[0].tag == "span" and not (el.text or "").strip() \
            and not (el[0].tail or "").strip():
        el = el[0]
    return el


def _office_caption(el) -> bool:
    """``el`` is a Word paragraph (class ``MsoNormal``, ``MsoCaption`` ...) of plain text only (in
    ``<span>``s), of at most ``MAX_CAPTION`` characters: the caption a page copied into Word keeps under
    its photo, above the bold credit. (Any plain paragraph took a tutorial's step above its bold
    command line, "cd applications/your_app/public_html", WCXB test 5468: -.00005.)"""
    if not OFFICE_PAIRS or el.tag != "p" or not (el.get("class") or "").startswith("Mso") \
            or any(child.tag != "span" for child in el.iterdescendants()):
        return False
    text = el.text_content().strip()
    return bool(text) and len(text) <= MAX_CAPTION


def _plain_caption(el) -> bool:
    """``el`` is a ``<p>`` of plain text alone (no element in it), of at most ``MAX_CAPTION`` characters:
    the caption a forum's rich-text editor keeps as a paragraph of its own under the pasted photo,
    above the bold credit (Invision Community's ``ipsType_richText``, rend21), when ``PLAIN_PAIRS``; not
    one ending in a colon (a tutorial's step above its bold command). The credit's mark (a spaced
    `` / ``, ``©``, "Photo:": ``_SPACED_MARK``) and its bold run are what tell it from a body paragraph
    under a photo and a bold subheading or command."""
    if not PLAIN_PAIRS or el.tag != "p" or len(el):
        return False
    text = (el.text or "").strip()
    return bool(text) and len(text) <= MAX_CAPTION and not text.endswith(":")


def _one_run(el, tags: tuple[str, ...], most: int, para=None) -> bool:
    """``el`` is a ``<p>`` (or the ``<span>`` inside ``para``, a ``<p>``, holding all of it) whose only
    content is one element of ``tags``, of at most ``most`` characters."""
    if (para if para is not None else el).tag != "p" or len(el) != 1 or el[0].tag not in tags \
            or (el.text or "").strip() or (el[0].tail or "").strip():
        return False
    text = el.text_content().strip()
    return bool(text) and len(text) <= most
