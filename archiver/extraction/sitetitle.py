"""A declared title that is the site's own, not the page's: the title line takes the ``<h1>`` instead.

``og:title`` (or ``twitter:title``) usually names the page, and archiver's title line takes it
(``metadata.choose_title``). A shared template may declare the site's name there instead, on every
page ("Sakana AI" above "The Darwin Gödel Machine: ...": bug16, https://github.com/kepano/defuddle/issues/196),
or the site's name and its tagline ("Tarrow Courier: news from the valley since 1887";
https://github.com/omnivore-app/omnivore/issues/1769, "we are using the og:title but it actually
has a <title> that is set correctly"). bare trafilatura takes the declared title too.

The declared title is taken for the site's when the page's ``<title>`` holds its ``<h1>``, the
declared title is one of the site's names (``og:site_name``, ``application-name``, the text or
image ``alt`` of one of its first links to the home page) or such a name with other pieces around
a separator, and none of its other words of three letters or more is a word of the ``<h1>``. A
social headline that rewords the ``<h1>`` ("Bridges: the bearings council says must go") shares its
words and stays the title.
"""

from __future__ import annotations

import functools
import re

from lxml import etree

from .guards import STRING as _STRING

__all__ = ["DATED_TITLE", "DECLARED_ASTRAY", "declared_astray", "headline_text", "in_header", "in_site_header",
           "other_pieces", "site_names", "tagline_pieces", "with_cjk_underscore",
           "site_title_open", "undated_head"]

DECLARED_ASTRAY = True  # stage:declared-astray; False: the declared title is the title line (ablation)
_SEPARATOR = re.compile(r"\s+[|\-–—·•»/@]\s+|\s+::\s+|:\s+")  # metadata.TITLE_SEPARATOR, copied (no import cycle)
_WORDS3 = re.compile(r"\w{3,}")
# stage:dated-site-title (rend24); False: a date piece of the <title> ("Headline - 12 Січня 2022 - Site", uCoz's
# news template) counts as one of the site's pieces, and a headline shown in a table cell is not shown (ablation)
DATED_TITLE = True
_DATE_TOKENS = re.compile(r"[\s,./-]+")
_SITE_NAME_PATH = etree.XPath(
    "//meta[@property='og:site_name' or @name='application-name' or @name='apple-mobile-web-app-title']/@content"
    " | /descendant::a[@href='/' or @rel='home'][position() <= 3]")


def _words(text: str) -> set[str]:
    return set(_WORDS3.findall(text.casefold()))


def site_names(tree) -> set[str]:
    """The site's names as the page gives them, case folded: declared in its ``<meta>``s, or the text
    of its first links to the home page (``href="/"``, ``rel="home"``) and their images' ``alt``."""
    names = set()
    for found in _SITE_NAME_PATH(tree):
        if isinstance(found, str):
            names.add(" ".join(found.split()).casefold())
            continue
        names.add(" ".join(_STRING(found).split()).casefold())
        names.update(" ".join((img.get("alt") or "").split()).casefold() for img in found.iter("img"))
    return names - {""}


def headline_text(el) -> str | None:
    """The text of ``el`` when it is an ``<h1>`` (the page's headline element), whitespace collapsed."""
    return " ".join(_STRING(el).split()) if el is not None and el.tag == "h1" else None


def site_title_open(declared: str | None, h1: str | None, shown: str | None) -> bool:
    """Whether :func:`declared_astray` may hold for a page (the declared title, the ``<h1>``'s text and the
    ``<title>``'s, before the DOM stage): the ``<title>`` holds the ``<h1>`` and the declared title does
    not. A cheap test, so that the site's names are looked for on those pages alone."""
    if not DECLARED_ASTRAY or not declared or not h1 or not shown:
        return False
    head = " ".join(h1.split()).casefold()
    return head in " ".join(shown.split()).casefold() and head not in " ".join(declared.split()).casefold()


def declared_astray(declared: str, h1: str, shown: str, names: set[str] | frozenset[str]) -> bool:
    """Whether ``declared`` (the declared title, whitespace collapsed) is the site's own title rather
    than the page's, whose ``<h1>`` text is ``h1`` and ``<title>`` text ``shown``; ``names``: the
    site's names (:func:`site_names`, read before the DOM stage takes the page's header)."""
    if not DECLARED_ASTRAY or not declared or not shown or h1.casefold() not in shown.casefold() \
            or declared.casefold() in h1.casefold():
        return False
    pieces = {p.strip(" |-–—·•»/:@").casefold() for p in _SEPARATOR.split(declared)} - {""}
    head = _words(h1)
    own = _words(declared)
    return any(name in pieces and not (own - _words(name)) & head for name in names)


def _date_piece(piece: str) -> bool:
    """Whether a ``<title>`` piece is only a date: two or three numbers, one a year 19xx or 20xx, and at
    most one word of letters (a month: "12 Січня 2022", "January 12, 2022", "2022-01-12", "12.01.2022")."""
    tokens = [t for t in _DATE_TOKENS.split(piece) if t]
    numbers = [t for t in tokens if t.isdigit()]
    words = [t for t in tokens if not t.isdigit()]
    return (2 <= len(numbers) <= 3 and len(words) <= 1 and all(w.isalpha() and len(w) <= 12 for w in words)
            and any(len(n) == 4 and n[:2] in ("19", "20") for n in numbers))


def other_pieces(rest: str) -> list[str]:
    """The pieces of a ``<title>`` with its headline cut out (``rest``), split at its separators, without
    the bare separators and (``DATED_TITLE``) without a piece that is only a date: ["Site"] for
    "Headline - 12 Січня 2022 - Site"."""
    pieces = [p.strip() for p in _SEPARATOR.split(rest) if p.strip(" |-–—·•»/:")]
    return [p for p in pieces if not (DATED_TITLE and _date_piece(p))]


def undated_head(title: str) -> str:
    """The ``<title>`` before its last two pieces when the first of them is only a date ("Headline: Part" for
    "Headline: Part - 12 Січня 2022 - Site", a headline holding a separator of its own), else "" (and with
    ``DATED_TITLE`` off)."""
    seps = list(_SEPARATOR.finditer(title))
    if not DATED_TITLE or len(seps) < 2 or not _date_piece(title[seps[-2].end():seps[-1].start()]):
        return ""
    return title[:seps[-2].start()].strip()


_HEADER_NAME = re.compile(r"header|masthead|banner|branding|logo|navbar", re.I)


def in_header(el) -> bool:
    """``el`` (an lxml element) or an ancestor is a header: ``<header>``, ``<nav>``, ``role="banner"``, or
    classed or named header, masthead, banner, branding, logo, navbar (``metadata._site_name_h1``'s test)."""
    return any(a.tag in ("header", "nav") or a.get("role") == "banner" or _HEADER_NAME.search(
        f"{a.get('class') or ''} {a.get('id') or ''}") for a in (el, *el.iterancestors()))


def tagline_pieces(pieces: list[str], text: str, h1) -> bool:
    """``pieces`` (the ``<title>``'s pieces besides its headline) are the ``<h1>``'s ``text`` and others each
    printed in the header holding ``h1`` (the blog's tagline under its name: "Headline - Ukraine Today -
    Ειδήσεις από την Ανατολική Ευρώπη" over s9y's ``header#banner`` with the name in ``<h1>`` and the
    tagline in a ``<p>`` beside it)."""
    if text not in pieces or len(pieces) > 3:
        return False
    header = next((a for a in h1.iterancestors()
                   if in_header(a) and ((p := a.getparent()) is None or not in_header(p))), None)
    if header is None:
        return False
    shown = " ".join(header.text_content().split())
    return all(p in shown for p in pieces)


def in_site_header(el) -> bool:
    """``el`` stands in a header of the page, not in an ``<article>``'s own ``<header>`` (the post's title
    block, HTML5's sectioning header)."""
    return any((a.tag in ("header", "nav") or a.get("role") == "banner" or _HEADER_NAME.search(
        f"{a.get('class') or ''} {a.get('id') or ''}")) and next(a.iterancestors("article", "main"), None) is None
        and a.tag != "article" for a in (el, *el.iterancestors()))


_CJK_UNDERSCORE = r"|_(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff])"


@functools.lru_cache(maxsize=4)
def with_cjk_underscore(pattern: str) -> re.Pattern[str]:
    """``pattern`` (``TITLE_SEPARATOR``'s, read at call time) or an underscore before a CJK character."""
    return re.compile(pattern + _CJK_UNDERSCORE)
