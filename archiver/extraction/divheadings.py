"""A body's subheading written as a one-line ``<div>``: read as the heading it is.

Site builders and blog editors write a section title between a body's paragraphs as a ``<div>``
styled large: ``<div class="h3">``, ``<div class="subheading">``, ``<div class="wp-block-heading">``
or a ``<div>`` holding one ``<b>``. trafilatura reads ``<div>`` text only when a page has little
``<p>`` text, and the line is no sentence for ``repair.promote_div_lines``, so the title was dropped
(archiver and bare trafilatura) and the sections ran together (headings in ``<div>``s:
https://github.com/jina-ai/reader/issues/15). :func:`heading_divs` finds them among the children of
a body parent (one ``repair.promote_div_lines`` counted as a body): a ``<div>`` of inline content only,
no role, one short line (:data:`MAX_WORDS` words, :data:`MAX_CHARS` characters, no closing sentence
or clause punctuation, under half of it link text, a link to the title's own id not counted: a permalink
title, ``<div class="subhead" id="x"><a href="#x">``, https://github.com/mozilla/readability/issues/963),
right after a ``<p>`` (or a list, quote, table or code block of the body's own text, under half of it
link text: :data:`AFTER_BLOCKS`) and right before a sentence
``<p>`` (or a ``<div>`` opening with one, a page builder's text widget: :data:`WRAPPED_NEXT`), whose
class or id has a token ending in a heading's name (``_NAMES``: ``subheading``,
``article__subheading``), or whose last two parts name a section's title (``_PAIR_NAMES``:
``section-title``, ``article__section-title``, ``chapter_title``; a crosshead in a newspaper's word or
another language's: ``crosshead``, ``titre``, ``ladillo``, ``tussenkop``, ``_TITLE_NAMES``: section titles
in ``<div>``s dropped, https://github.com/wallabag/wallabag/issues/3349), and no word of a promo, ad or
media unit (``_UNIT_WORDS``: ``promo-heading``,
``video-subtitle`` are a unit's title), or
whose whole text is one ``<b>`` or ``<strong>`` that is no label, credit or sponsor line
(``_NOT_TITLE``: 'Sponsored content from X', 'Photo by Jane Doe'). It becomes an ``<h3>`` (the level
its class names, ``h2``-``h6``, when it names one).
"""

from __future__ import annotations

import re

from .dom import name_words
from .lines import BLOCKS, MIN_LINE_WORDS, sentence_like
from .lines import text_of as _text

__all__ = ["DIV_HEADINGS", "after_block", "heading_divs", "next_is_p", "title_named", "wrapped_paragraph"]

DIV_HEADINGS = True  # False: a one-line heading <div> between body paragraphs stays a <div> (ablation)
# False: any class or id word naming a heading, any bold line (review4 found promo, video and sponsor
# titles and credit lines taken as <h3>s; ablation)
UNIT_GUARD = True
# False: a link to the heading's own id counts as link text (a permalink title, readability#963's
# <div class="subhead" id="x"><a href="#x">, was refused as a link line; stage:div-headings-self-anchor)
SELF_ANCHORS = True
MAX_WORDS = 12
MAX_CHARS = 90
_LEVELS = {"h2": "h2", "h3": "h3", "h4": "h4", "h5": "h5", "h6": "h6"}
# a class or id token whose last part (after '-', '_' or '__') names a section title: 'subheading',
# 'wp-block-heading', 'article__subheading' (a word inside, 'heading-link', does not)
_NAMES = frozenset({"heading", "subheading", "subhead", "subheadline", "subtitle", "intertitle",
                    "zwischentitel", "intertitre"})
# False: only ``_NAMES`` read (a ``section-title``, ``crosshead`` or ``titre`` <div> between body paragraphs
# stays a <div>, dropped with its text: wallabag#3349; stage:div-headings-title-names)
TITLE_NAMES = True
# a token's last two parts naming a section's title: 'section-title', 'article__section-title' ('post-title',
# 'entry-title', 'card-title' name a post's or a card's own title, not one inside a body)
# False: the block before a heading <div> must be a <p> (one after a list, a quote, a table or a code block
# stays a <div>, dropped with its text; stage:div-headings-after-blocks)
AFTER_BLOCKS = True
_BODY_BLOCKS = frozenset({"ul", "ol", "dl", "blockquote", "table", "pre"})
# False: the sentence after a heading <div> must be a <p> sibling (one opening the next <div>, a page builder's
# text widget, does not count; stage:div-headings-wrapped-next)
WRAPPED_NEXT = True
_PAIR_NAMES = frozenset({"sectiontitle", "subsectiontitle", "chaptertitle", "sectionheader", "crosshead"})
# a token's last part naming a crosshead: English newspapers' word, French, Spanish, Portuguese, Dutch, Italian, Polish
_TITLE_NAMES = frozenset({"crosshead", "titre", "ladillo", "intertitulo", "entretitulo", "tussenkop", "tussentitel",
                          "titoletto", "srodtytul"})
_LAST_PART = re.compile(r"[-_]+")
# class or id words of a promo, ad or media unit: its title is no section title
_UNIT_WORDS = frozenset("""promo promotion cta ad ads advert advertisement sponsor sponsored video player newsletter
    signup subscribe subscription related share social caption credit teaser banner""".split())
# a bold line that is a label, credit or sponsor line, not a title: 'Sponsored content from X', 'Photo by
# Jane Doe', 'Photo: X', 'Advertisement', 'Listen to this article', 'Agency / Photographer', ©
_NOT_TITLE = re.compile(
    r"\s/\s|©|\(c\)|\s\|\s|^\W*(?:(?:sponsored|advertisement|advertorial|anzeige|promoted|partner content|presented by|"
    r"in partnership|photo|photos|foto|image|picture|video|credit|credits|source|related|also read|read more|see more|"
    r"share)\b|paid (?:content|post|partnership)|listen(?: to this| now|\s*:)|watch(?: now| the video|\s*:)|"
    r"(?:words|reporting|additional reporting|written|edited|illustrations?|graphics?) by\b)", re.I)
# class or id words of a box after a title that is no body text: a unit's, a form's, a sidebar's, an author's
_BOX_WORDS = _UNIT_WORDS | frozenset("widget sidebar footer form comment comments author bio".split())
_CLOSES = ".!?:;,…"


def heading_divs(parent, spacer) -> list:
    """The heading ``<div>`` children of ``parent`` (module docstring), in order; ``spacer(el)`` tells an
    empty spacer block (skipped when looking for the neighbours)."""
    if not DIV_HEADINGS:
        return []
    found = []
    for child in parent:
        if child.tag != "div" or child.get("role") or not _heading_shape(child):
            continue
        if _neighbour(child, False, spacer, sentence=False) and _neighbour(child, True, spacer, sentence=True):
            found.append(child)
    return found


def name_heading(div) -> None:
    """Rename ``div`` as its heading: the level its class names, else ``<h3>``."""
    div.tag = next((_LEVELS[w] for w in sorted(_tokens(div)) if w in _LEVELS), "h3")


def _tokens(div) -> set[str]:
    """The class's and id's whole tokens, lower case (``h2``, ``wp-block-heading``: ``name_words``
    splits at every non-letter)."""
    return set(" ".join(v for v in (div.get("class"), div.get("id")) if v).lower().split())


def _heading_shape(div) -> bool:
    if any(child.tag in BLOCKS for child in div.iterdescendants() if isinstance(child.tag, str)):
        return False
    text = _text(div)
    if not text or len(text) > MAX_CHARS or len(text.split()) > MAX_WORDS or text[-1] in _CLOSES:
        return False
    ids = _ids(div) if SELF_ANCHORS else set()
    if sum(len(" ".join(a.text_content().split())) for a in div.iter("a")
           if not _self_link(a, ids)) * 2 >= len(text):
        return False
    if UNIT_GUARD and name_words(div) & _UNIT_WORDS:
        return False
    if UNIT_GUARD:
        named = any(_LAST_PART.split(t)[-1] in _NAMES for t in _tokens(div)) or title_named(div)
    else:
        named = bool(name_words(div) & _NAMES)
    named = named or bool(_tokens(div) & _LEVELS.keys())
    if named:
        return True
    kids = [c for c in div if isinstance(c.tag, str)]
    return (len(kids) == 1 and kids[0].tag in ("b", "strong") and not (div.text or "").strip()
            and not (kids[0].tail or "").strip() and not (UNIT_GUARD and _NOT_TITLE.search(text)))


def title_named(div) -> bool:
    """Whether a class or id token of ``div`` names a section's title by its last two parts
    (``section-title``) or a crosshead by its last part (``crosshead``, ``titre``); off with
    :data:`TITLE_NAMES`."""
    if not TITLE_NAMES:
        return False
    for token in _tokens(div):
        parts = [p for p in _LAST_PART.split(token) if p]
        if parts and (parts[-1] in _TITLE_NAMES or "".join(parts[-2:]) in _PAIR_NAMES):
            return True
    return False


def _ids(div) -> set[str]:
    """The ``id``s (and anchor ``name``s) in ``div``, itself included, each as a link's fragment names it:
    a link to one of them is the heading's own permalink (``<div class="subhead" id="x"><a href="#x">``)."""
    return {v for el in div.iter() if isinstance(el.tag, str) for v in (el.get("id"), el.get("name")) if v}


def _self_link(a, ids: set[str]) -> bool:
    href = (a.get("href") or "").strip()
    return href.startswith("#") and href[1:] in ids


def _neighbour(el, following: bool, spacer, sentence: bool) -> bool:
    sib = el.getnext() if following else el.getprevious()
    while sib is not None and (not isinstance(sib.tag, str) or spacer(sib)):
        sib = sib.getnext() if following else sib.getprevious()
    if sib is None:
        return False
    if sib.tag == "div" and following and WRAPPED_NEXT:
        sib = _wrapped_paragraph(sib, spacer)
        if sib is None:
            return False
    if sib.tag != "p":
        return not following and AFTER_BLOCKS and sib.tag in _BODY_BLOCKS and _own_text(sib)
    return not sentence or sentence_like(_text(sib), MIN_LINE_WORDS)


def next_is_p(div) -> bool:
    """Whether the next element after ``div`` (comments skipped) is a ``<p>`` (the ablation's test that
    :data:`WRAPPED_NEXT` did not act)."""
    sib = div.getnext()
    while sib is not None and not isinstance(sib.tag, str):
        sib = sib.getnext()
    return sib is not None and sib.tag == "p"


def wrapped_paragraph(div):
    """The ``<p>`` opening ``div`` when ``div`` is a text block's wrapper (a page builder's text widget,
    ``<div class="text-block"><p>``): no role, no word of a promo, ad, media, form or sidebar unit; else None."""
    return _wrapped_paragraph(div, lambda el: False)


def _wrapped_paragraph(div, spacer):
    if div.get("role") or name_words(div) & _BOX_WORDS:
        return None
    first = next((c for c in div if isinstance(c.tag, str) and not spacer(c)), None)
    return first if first is not None and first.tag == "p" else None


def after_block(div) -> bool:
    """Whether the element before ``div`` (comments skipped) is a list, quote, table or code block (the
    ablation's test that :data:`AFTER_BLOCKS` acted)."""
    sib = div.getprevious()
    while sib is not None and not isinstance(sib.tag, str):
        sib = sib.getprevious()
    return sib is not None and sib.tag in _BODY_BLOCKS


def _own_text(block) -> bool:
    """Whether a list, quote, table or code block before a heading ``<div>`` is the body's: text, under half
    of it link text (a list of related links is no section's end)."""
    text = _text(block)
    links = sum(len(" ".join(a.text_content().split())) for a in block.iter("a"))
    return bool(text) and links * 2 < len(text)
