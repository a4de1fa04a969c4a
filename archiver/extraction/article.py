"""Stage 2: trafilatura on the cleaned tree.

trafilatura gets the very tree the DOM stage cleaned (no second parse). Its
options come from the rules data (``"trafilatura"`` in ``generic.json``,
overridable per site and per call), so they can be tuned by measurement
without touching code. Comments are always excluded. Metadata comes from
``metadata.py`` (read before the DOM stage), not from trafilatura's slower
metadata pass, unless ``with_metadata=True`` is asked for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import trafilatura
from lxml import etree
from trafilatura import settings
from trafilatura.settings import Document, Extractor

from . import linkdensity, linkpasses, rerun, stoplist, textnodes, xpaths
from .componentarticles import unarticle_components
from .feedarticles import unarticle_feed
from .guards import STRING as _STRING
from .iconlists import unname_icon_lists
from .misnamed import (
    unname_body_parts,
    unname_large,
    unname_paragraph_wrappers,
    unname_paragraphs,
    unname_table_wrappers,
)
from .proseboxes import unname_prose_boxes
from .prosecards import unname_prose_cards
from .proselists import unlist_prose
from .shortcut import Shortcut, install

__all__ = ["ArticleText", "run_trafilatura", "DEFAULT_OPTIONS"]

DEFAULT_OPTIONS: dict[str, Any] = {"favor_precision": False, "favor_recall": False,
                                   "include_tables": True, "deduplicate": False}
_ALLOWED = {"favor_precision", "favor_recall", "include_tables", "include_images", "include_links",
            "include_formatting", "deduplicate", "fast", "target_language",
            "prune_xpath", "config", "with_metadata", "date_extraction_params"}


@dataclass(frozen=True, slots=True)
class ArticleText:
    lines: list[str]
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    description: str | None = None
    code: frozenset[str] = frozenset()  # the stripped lines of the result's multi-line code blocks (_code_lines)


# Form controls, frames and media: trafilatura's cleaning drops them from every run, but only
# after copying the tree with them (four times a run) and walking them with its XPaths;
# likewise images, unless ``include_images`` asks trafilatura to keep them.
_DISCARDED = frozenset("button input select textarea iframe video audio".split())
_IMAGES = frozenset("img picture source".split())
# Elements that mean something with no text and no children: everything else, once empty,
# is only weight for trafilatura's copies and XPaths (and for its structural heuristics,
# which count children: measured, removing them changes little and for the better).
_MEANINGFUL_EMPTY = frozenset("""br hr wbr img picture source td th tr table tbody thead tfoot col colgroup
    area video audio iframe embed object canvas math html head body""".split())


# Tags trafilatura deletes with everything in them (its ``MANUALLY_CLEANED``, forms aside:
# it keeps a form holding most of the text itself), and the ones dropped here.
_CLEANED_BY_TRAFILATURA = (frozenset(settings.MANUALLY_CLEANED) | _DISCARDED) - {
    "form", "head", "script", "style", "link", "svg", "math", "source", "track", "param", "area", "use"}
LARGE_SHARE = 0.6  # an element holding more of the page's text than this is never dropped whole


def rescue_large(tree) -> int:
    """Make plain containers of elements that would be dropped whole but hold most of the page's text.

    Broken markup can put the whole article inside an element trafilatura (or
    ``_lighten``) deletes with its content: a ``<button>`` or ``<label>`` the
    parser never closed, an ``<aside>`` or ``<footer>`` wrapping the page. Such
    an element holding over ``LARGE_SHARE`` of the page's text (and over 300
    characters) is renamed ``<div>``: its text is not a control's label.
    Returns how many were renamed.
    """
    found = [el for el in tree.iter(*_CLEANED_BY_TRAFILATURA) if len(el)]
    if not found:
        return 0
    body = tree.find("body")
    total = len(_STRING(body if body is not None else tree).strip())
    if total < 500:
        return 0
    renamed = 0
    for el in found:  # outermost first: document order
        if el.tag in _CLEANED_BY_TRAFILATURA and len(_STRING(el).strip()) > LARGE_SHARE * total:
            el.tag = "div"
            renamed += 1
    return renamed


# A whitespace-only inline element (a highlighter's ``<span class="w"> </span>`` between two
# tokens of a code line, a line break inside ``<span>``) separates words: dropped as empty, its
# space went with it and the words ran together ("hosts:localhostvars:"). Its text is kept.
KEEP_SPACES = True


def _lighten(tree, keep_images: bool) -> None:
    """Drop what trafilatura discards anyway, and elements left with nothing in them (the
    whitespace of one with only whitespace stays in place: ``KEEP_SPACES``)."""
    drop = _DISCARDED if keep_images else _DISCARDED | _IMAGES
    for el in reversed(list(tree.iter(etree.Element))):  # children before their parents
        tag = el.tag
        if (tag in drop or (len(el) == 0 and tag not in _MEANINGFUL_EMPTY and not (el.text and el.text.strip()))) \
                and el.getparent() is not None:
            if el.text and tag not in drop and KEEP_SPACES:
                el.tail = el.text + (el.tail or "")  # a space or line break between words is no empty element
            el.drop_tree()  # the tail text stays


def run_trafilatura(tree, url: str | None, options: dict[str, Any], main=None) -> ArticleText:
    """Run trafilatura's extraction on an lxml tree; never raises on bad content.

    The tree is changed: elements trafilatura would discard anyway, and empty ones, go first;
    an element that would be discarded whole but holds most of the page's text is kept as a
    plain container (:func:`rescue_large`).

    With ``favor_precision`` and a ``precision_fallback`` of ``{"below_chars": N,
    "ratio": R, "main_ratio": M, "main_share": S}``, the precise result is checked
    against a default run when one of three signals says it may have lost the article:

    - length: it is shorter than N characters and than R times the page's text
      (precision mode now and then drops the whole article);
    - the main container (``main``, found by the DOM stage): the precise text is
      under M times the container's text (a long multi-part post of which precision
      mode kept one part);
    - place: under S of the precise text lies inside the main container (an "About"
      box or a footer read instead of a short post).

    The default run wins when the precise text is under R times its length, or when
    more of its text than of the precise text lies inside the main container (and at
    least S of it). A fourth signal, for a precise text under N characters: at least
    ``aside_share`` of it lies in the page's sidebar parts (``aside_xpath``,
    :func:`_aside_text`); the default run then wins when less of its text lies there.
    Without a main container the place signals do not apply; a default run can hold no
    more than the page's text, so when the precise text is already R times that, it
    could not win on length and is skipped.
    """
    rescue_large(tree)
    unname_large(tree, LARGE_SHARE)  # nor by its class words
    unname_table_wrappers(tree)  # nor is a data table, for its wrapper's
    unname_paragraphs(tree)  # nor a body paragraph, for its own
    unname_body_parts(tree)  # nor a part of the body, for precision mode's page-bottom words
    unname_paragraph_wrappers(tree)  # nor a run of paragraph wrappers, for their component's modifiers
    unname_prose_cards(tree)  # nor a round-up's item cards holding prose, for a "widget" in their class
    unname_prose_boxes(tree)  # nor a box holding most of the page's prose, for its footer or embed name
    unname_icon_lists(tree)  # nor an icon list block's points, for the '-icon' in its class
    unarticle_feed(tree)  # a live blog's posts are one body, not the first post
    unarticle_components(tree)  # and so are a story's parts written as one component's <article>s
    unlist_prose(tree)  # a story's paragraphs in a term-less description list are no list
    _lighten(tree, bool(options.get("include_images")))
    fallback = options.get("precision_fallback")
    result = _run(tree, url, options)
    if not fallback or not options.get("favor_precision"):
        return result
    length = sum(map(len, result.lines))
    ratio = fallback.get("ratio", 0)
    short = length < fallback.get("below_chars", 0) and length < ratio * _page_text_len(tree)
    inside = main_text = None
    if main is not None and (fallback.get("main_ratio") or fallback.get("main_share")):
        raw = _STRING(main)
        share = fallback.get("main_share", 0)
        part = fallback.get("main_ratio", 0)
        # collapsing whitespace never lengthens the text: split it only when the raw length leaves it open
        lost_part = (part < 0 or length < part * len(raw)) and length < part * len(" ".join(raw.split()))
        if share:  # the place signal needs the container's text normalised like the lines
            main_text = _flat(raw)
            inside = _inside(result.lines, main_text)
            short = short or bool(length and inside < share)
        short = short or lost_part
    aside = None
    if fallback.get("aside_xpath") and 0 < length < fallback.get("below_chars", 0):
        aside = _aside_text(tree, fallback["aside_xpath"])
        astray = aside is not None and _inside(result.lines, aside) >= fallback.get("aside_share", 0.5)
        short = short or astray
    if not short:
        return result
    default = _run(tree, url, {**options, "favor_precision": False, "with_metadata": False})
    wins = length < ratio * sum(map(len, default.lines))
    if not wins and main_text is not None and inside is not None:
        other = _inside(default.lines, main_text)
        wins = other > inside and other >= fallback.get("main_share", 0)
    if not wins and aside is not None and default.lines:
        share = fallback.get("aside_share", 0.5)
        wins = _inside(result.lines, aside) >= share and _inside(default.lines, aside) < share
    if wins:
        return ArticleText(default.lines, result.title, result.author, result.date,
                           result.site_name, result.description, default.code)
    return result


def _aside_text(tree, xpath: str) -> str | None:
    """The text of the page's sidebar parts (``xpath``: ``<aside>``, a ``sidebar`` or ``widget``
    element), whitespace collapsed as :func:`_inside` compares it; None when there are none.

    Precision mode read the sidebar: a short post, three lines of dialogue, lost to precision
    mode's length tests while a sidebar's tweet widget passed them (a 2013 WordPress.com blog).
    """
    found = tree.xpath(xpath)
    return _flat(" ".join(_STRING(el) for el in found)) if found else None


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _inside(lines: list[str], container_text: str) -> float:
    """Share of the characters of ``lines`` whose line occurs in ``container_text``."""
    total = sum(map(len, lines))
    if not total:
        return 0.0
    return sum(len(line) for line in lines if _flat(line) in container_text) / total


def _page_text_len(tree) -> int:
    """Characters of the page's text, whitespace collapsed: a bound on any run's output."""
    body = tree.find("body")
    return len(" ".join((body if body is not None else tree).text_content().split()))


# bare_extraction's arguments and the trafilatura.settings.Extractor fields it sets from them
_EXTRACTOR_FIELDS = {"fast": "fast", "favor_precision": "precision", "favor_recall": "recall",
                     "include_formatting": "formatting", "include_links": "links", "include_images": "images",
                     "include_tables": "tables", "deduplicate": "dedup", "target_language": "lang"}


@lru_cache(maxsize=32)
def _template(options: tuple[tuple[str, Any], ...]) -> tuple[tuple[str, Any], ...]:
    """The fields of the Extractor these options give (its slots and their values)."""
    made = Extractor(output_format="python", comments=False,
                     **{_EXTRACTOR_FIELDS[name]: value for name, value in options})
    slots = [name for cls in type(made).__mro__ for name in getattr(cls, "__slots__", ())]
    return tuple((name, getattr(made, name)) for name in slots if hasattr(made, name))


_SHORTCUT = install()  # readability skipped where it cannot win (shortcut.py); False: plain Extractors
xpaths.install()  # trafilatura's pruning XPaths matched in Python inside xpaths.active()
linkdensity.install()  # and its link-density test's descendants read in C (linkdensity.py)
linkpasses.install()  # and its second link-density pass skipped after a first that deleted nothing
stoplist.install()  # and justext's stop words hashed once, not on every justext run (stoplist.py)
textnodes.install()  # and its strip_tags leaving one text node per run (textnodes.py: quadratic reads otherwise)


def _extractor(opts: dict[str, Any], url: str | None) -> Extractor | None:
    """The configuration ``bare_extraction(tree, url=url, include_comments=False,
    output_format="python", **opts)`` builds, made once per set of options and copied per page
    with its URL (building one reads trafilatura's config file settings again: about 0.13 ms).
    It is a :class:`~.shortcut.Shortcut` when the shortcut is installed.

    None (let trafilatura build it) for options it does not cover: metadata, a config, XPaths
    to prune, date parameters, an unhashable value.
    """
    if not opts.keys() <= _EXTRACTOR_FIELDS.keys():
        return None
    try:
        template = _template(tuple(sorted(opts.items())))
    except TypeError:
        return None
    if not template:  # a trafilatura whose Extractor keeps its fields elsewhere
        return None
    kind = Shortcut if _SHORTCUT else Extractor
    extractor = kind.__new__(kind)
    for name, value in template:
        setattr(extractor, name, value)
    extractor.url = url
    extractor.source = url and url.encode("utf-8", "replace").decode("utf-8")  # as Extractor() sets it
    return extractor


KEEP_CODE_INDENT = True  # False: code lines lose their indentation like every other line (ablation)


CODE_KEPT = True  # False: paragraph rules may take a line of a code listing (ablation)


def _code_lines(body, always: bool = False) -> frozenset[str]:
    """The stripped lines of the multi-line code blocks (``<pre>``, which trafilatura writes as
    ``<code>``) in trafilatura's result tree ``body``; empty when there are none (and when
    ``KEEP_CODE_INDENT`` is off, unless ``always``)."""
    if not (KEEP_CODE_INDENT or always) or body is None:
        return frozenset()
    found: set[str] = set()
    for code in body.iter("code"):
        text = "".join(code.itertext())
        if "\n" in text.strip():
            found.update(line.strip() for line in text.split("\n"))
    found.discard("")
    return frozenset(found)


KEEP_LIST_INDENT = True  # False: a sub-list's items lose their indentation, read as the outer list's (ablation)
_NESTED_ITEM = re.compile(r"(?:  )+- \S")  # trafilatura's marker of an item of a sub-list: two spaces a level


def _nested_items(text: str) -> bool:
    """Whether trafilatura's ``text`` holds an item of a nested list (a line ``"  - item"``: the
    marker indented two spaces a level, https://github.com/adbar/trafilatura/issues/167)."""
    return KEEP_LIST_INDENT and "\n  - " in text


def _line(raw: str, code: frozenset[str], nested: bool = False) -> str:
    """One output line: stripped, but a code line keeps its indentation (Python's meaning, a
    listing's layout), and so does a sub-list's item when ``nested`` (its level: stripped, it
    read as an item of the outer list), trailing space only going."""
    line = raw.strip()
    if code and line in code and raw[:1].isspace():
        return raw.rstrip()
    if nested and raw[:2] == "  " and _NESTED_ITEM.match(raw):
        return raw.rstrip()
    return line


def _run(tree, url: str | None, options: dict[str, Any]) -> ArticleText:
    opts = {**DEFAULT_OPTIONS, **{k: v for k, v in options.items() if k in _ALLOWED}}
    with_metadata = opts.pop("with_metadata", False)
    extractor = None if with_metadata else _extractor(opts, url)
    with xpaths.active():
        if extractor is not None:
            if isinstance(extractor, Shortcut):
                extractor.page = tree  # left as it is by trafilatura (it copies it): shortcut._raw_tree
            try:
                doc = trafilatura.bare_extraction(tree, options=extractor)
            finally:
                rerun.forget()  # the run's trees held for its readability summary and escalation check
        else:
            doc = trafilatura.bare_extraction(tree, url=url, include_comments=False, with_metadata=with_metadata,
                                              output_format="python", **opts)
    if doc is None:
        return ArticleText([])
    if not isinstance(doc, Document):  # a dict only with as_dict=True, which is not asked for
        raise TypeError(f"trafilatura.bare_extraction returned a {type(doc).__name__}, not a Document")
    # NFC as trafilatura.extract() returns it (bare_extraction leaves text unnormalised)
    code = _code_lines(doc.body, always=CODE_KEPT)
    text = unicodedata.normalize("NFC", doc.text or "")
    nested = _nested_items(text)
    lines = [_line(raw, code if KEEP_CODE_INDENT else frozenset(), nested) for raw in text.split("\n")]
    return ArticleText([line for line in lines if line], doc.title or None, doc.author or None,
                       doc.date or None, doc.sitename or None, doc.description or None,
                       code if CODE_KEPT else frozenset())
