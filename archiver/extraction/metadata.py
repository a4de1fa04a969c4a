"""The title a page shows: its declared title checked against its headline (:func:`choose_title`), and
the headline found in a page's ``<title>`` when the page marks none (:func:`headline_in_title`,
:func:`doc_title`, :func:`post_title`).

The page's declarations themselves (``<meta>`` tags, JSON-LD, ``<html lang>``, ``<time datetime>``:
author, date, site name, language, description, declared title) are read by
:func:`.pagemeta.read_metadata`, importable from here as before.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from . import sitetitle
from .lines import text_of
from .pagemeta import PageMeta, read_metadata
from .sitetitle import declared_astray
from .titleblock import titled_texts

__all__ = ["PageMeta", "read_metadata", "choose_title", "page_title", "headline_in_title"]


def _first_text(tree, path: str) -> str | None:
    el = tree.find(path)
    if el is not None:
        text = text_of(el)
        if text:
            return text
    return None


def choose_title(meta_title: str | None, tree, shown: str | None = None, url: str | None = None,
                 site: set[str] | frozenset[str] = frozenset()) -> str:
    """The declared title, but the page's own ``<h1>`` when the declared title is
    that headline plus decoration ("Headline – DW – 01/11/2022"); with no declared
    title, the ``<h1>`` or the ``<title>``. ``shown`` (from :func:`headline_in_title`,
    read before the DOM stage) wins over a chosen title that holds it with decoration,
    and (``SITE_H1``) over an ``<h1>`` that is the site's name linking to its home page, the
    other piece of a "Site: Headline" title (a Blogger template's blog title in ``<h1>``,
    the post's in ``<h3>``), and (``SECTION_H1``) over an ``<h1>`` linking to a section of the site that the
    title names beside the headline (old Reddit's community name; ``url``, the page's, tells a link to
    the page itself), and (``LATER_H1``), on a page declaring no title but its ``<title>``, over a first
    ``<h1>`` the ``<title>`` does not hold when a later ``<h1>`` reads ``shown`` (an overlay's or a modal's
    pitch, "Independent news has never mattered more.", in the markup before the article's headline)."""
    title = _choose(meta_title, tree, site)
    if shown and title != shown and shown.casefold() in title.casefold():
        return shown  # the headline as the page shows it, without the site's decoration
    if LATER_H1 and shown and not meta_title and title != shown \
            and title.casefold() not in (page_title(tree) or "").casefold() \
            and any(text_of(h1) == shown for h1 in tree.iter("h1")):
        return shown
    if SITE_H1 and shown and len(title) < len(shown) and _home_link_h1(tree, title):
        return shown
    if SECTION_H1 and shown and len(title) < len(shown) and _section_link_h1(
            tree, title, meta_title or page_title(tree) or "", shown, url):
        return shown
    if shown and len(title) < len(shown) and _site_name_h1(title, meta_title or page_title(tree) or "", shown, tree):
        return shown
    return title


# False: a header's <h1> holding the other piece of a "Headline - Site" title is the title (ablation)
SITE_NAME_H1 = True
# stage:site-tagline-h1 (rend27); False: the <h1> must be the title's only other piece, and a headline in an
# article's own <header> is not shown outside the page's header ("Headline - Site - Tagline", s9y's 2k11 theme)
SITE_TAGLINE_H1 = True
_in_header = sitetitle.in_header


def _site_name_h1(text: str, declared: str, shown: str, tree) -> bool:
    """The page's first ``<h1>`` (``text``) is the site's name: all the ``declared`` title holds besides
    its ``shown`` headline, standing in the page's header (a ``<header>``, a banner, an ancestor classed
    header, masthead, branding, logo), while the headline is shown as a heading or link outside any
    header: a board whose header prints its name in ``<h1>`` above the topic's title in ``<h2>``
    ("Headline - Dnipro Talk"), uCoz's above ``td.eTitle`` ("Headline - 12 Січня 2022 - Site", ``DATED_TITLE``).
    Where the shown piece is itself in a header (a logo naming the site above a page whose ``<h1>`` is its
    title), nothing changes; an ``<h1>`` holding a link is left to the link's tests (``SITE_H1``,
    ``SECTION_H1``; a link to the page itself keeps it the title). With ``SITE_TAGLINE_H1`` the title may hold
    the site's tagline printed in the same header too (``sitetitle.tagline_pieces``), and a headline in an
    ``<article>``'s own ``<header>`` counts as outside the page's header (s9y's 2k11 theme)."""
    if not SITE_NAME_H1:
        return False
    rest = " ".join(declared.split()).replace(shown, " ", 1)
    pieces = sitetitle.other_pieces(rest)
    h1 = tree.find(".//h1")
    if h1 is None or h1.find(".//a[@href]") is not None or not _in_header(h1):
        return False  # an <h1> that is a link is SITE_H1's and SECTION_H1's (home, a section, the page itself)
    if pieces != [text] and not (SITE_TAGLINE_H1 and sitetitle.tagline_pieces(pieces, text, h1)):
        return False
    tags = ("h2", "h3", "a", "td", "div") if sitetitle.DATED_TITLE else ("h2", "h3", "a")
    return any(text_of(el) == shown and (not _in_header(el) or SITE_TAGLINE_H1 and not sitetitle.in_site_header(el))
               for el in tree.iter(*tags))


# False: a first <h1> the <title> does not hold is the title even when a later <h1> is the headline it holds (ablation)
LATER_H1 = True


# False: an <h1> holding the site's name as a link home is the title, the headline shown elsewhere not (ablation)
SITE_H1 = True


def _home_link_h1(tree, text: str) -> bool:
    """The page's first ``<h1>`` reads ``text`` and is a link to the site's home page: path ``/`` or
    empty, no query, no fragment (``?p=123`` and ``#top`` are the post itself, not the home page)."""
    href = _h1_link_href(tree, text)
    if href is None:
        return False
    parts = urlsplit(href)
    return parts.path in ("", "/") and not parts.query and not parts.fragment


def _h1_link_href(tree, text: str) -> str | None:
    """The ``href`` of the link that is all of the page's first ``<h1>``, when both read ``text``;
    None when they do not, or the link points inside the page (``#...``, ``?...``) or nowhere."""
    h1 = tree.find(".//h1")
    if h1 is None or not text or text_of(h1) != text:
        return None
    link = h1.find(".//a[@href]")
    if link is None or text_of(link) != text:
        return None
    href = link.get("href", "").strip()
    return None if not href or href.startswith(("#", "?")) else href


# False: an <h1> linking to a section of the site, named in the title's decoration, is the title (ablation)
SECTION_H1 = True


def _section_link_h1(tree, text: str, declared: str, shown: str, url: str | None = None) -> bool:
    """The page's first ``<h1>`` reads ``text``, is a link to another page of the site (a community's or
    a category's: old Reddit's sidebar ``<h1><a href="/r/centralasia/">centralasia</a></h1>``), and
    ``text`` stands in the ``declared`` title outside its ``shown`` headline: "Headline : r/centralasia".
    A link to the post itself (a query or fragment, or ``url``'s path), or to the home page, is no such link."""
    href = _h1_link_href(tree, text)
    if href is None:
        return False
    parts = urlsplit(urljoin(url or "", href))
    if parts.query or parts.fragment or parts.path in ("", "/"):
        return False  # the post itself, by query or fragment; the home page is SITE_H1's
    if url and parts.path.rstrip("/") == urlsplit(url).path.rstrip("/"):
        return False  # a headline linking to its own page
    decoration = " ".join(declared.split()).casefold().replace(shown.casefold(), " ")
    return text.casefold() in decoration


# False: an <h1> naming a file (a repository's file view) is the title, the document's own <h1> not (ablation)
FILE_NAME_H1 = True
_FILE_NAME = re.compile(r"^[\w.@+~-]+\.(?:md|markdown|mdx|rst|txt|adoc|asciidoc|org|html?|pdf|docx?|odt|ipynb)$", re.I)


def _choose(meta_title: str | None, tree, site: set[str] | frozenset[str] = frozenset()) -> str:
    h1 = _first_text(tree, ".//h1")
    if h1 and _FILE_NAME.match(h1):
        own = _file_view_h1(tree)
        if own:
            return own
    meta_title = " ".join((meta_title or "").split())
    if not meta_title:
        return h1 or _first_text(tree, ".//title") or ""
    if h1 and h1 != meta_title and h1.casefold() in meta_title.casefold():
        return h1
    if h1 and site and declared_astray(meta_title, h1, page_title(tree) or "", site):
        return h1
    return meta_title



def _file_view_h1(tree) -> str | None:
    """The document's own first ``<h1>`` on a page whose first ``<h1>`` names a file: a repository's
    file view (GitHub, GitLab, Gitea) names the file there, and its ``<title>`` the file and the
    repository, above the rendered document. None when it has no other ``<h1>`` (or ``FILE_NAME_H1`` is off)."""
    if not FILE_NAME_H1:
        return None
    return next((t for t in (text_of(el) for el in tree.iter("h1")) if t and not _FILE_NAME.match(t)), None)


# "Site: Headline", "Headline | Site", "Headline - Site - Section": the separators sites put around a headline.
TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·•»/@]\s+|\s+::\s+|:\s+")  # between a title's pieces: "Headline | Site"
# stage:cjk-underscore-title (rend27); False: "_" before a CJK character does not cut a title ("Headline_栏目_网站",
# the separator DedeCMS's, PHPCMS's and other Chinese CMSs' templates write)
CJK_UNDERSCORE = True
# False: only the longest piece between separators is tried as the shown headline (ablation)
TRIM_ONE = True
# where a headline that is not an <h1> stands: headings, bold and font runs, links, cells
_HEADLINE_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "font", "a", "td", "span")


# False: a document's Title-style paragraph is not taken for the headline (ablation)
DOC_TITLE = True
_DOC_TITLE_PATH = ("(//p | //div)[contains(concat(' ', normalize-space(@class), ' '), ' title ')"
                   " or contains(concat(' ', normalize-space(@class), ' '), ' MsoTitle ')][1]")


def doc_title(tree, first_line: str | None, headline) -> str | None:
    """The headline of a document exported as a web page, when the declared title is the file's name.

    Google Docs' "Publish to web" (``<p class="c3 title">``), Word's "Save as Web Page"
    (``<p class=MsoTitle>``) and other office exports write the Title style as a classed paragraph,
    not an ``<h1>``, and put the document's name ("Notes on the story (copy)") in ``<title>``. On a
    page with no ``<h1>`` (``headline`` None), the first such paragraph is the headline when its text
    (whitespace collapsed) is ``first_line``, the text's first line. Returns it, or None.
    """
    if not DOC_TITLE or headline is not None or not first_line:
        return None
    found = tree.xpath(_DOC_TITLE_PATH)
    if not found:
        return None
    text = text_of(found[0])
    return text if text and text == " ".join(first_line.split()) else None


# False: a social post's first line is not taken for the headline when the page's title quotes it (ablation)
POST_TITLE = True
# 'Name: "First words of the post…" - server', 'Name on X: "..." / X': a post's page quoting its opening
_QUOTING_TITLE = re.compile(r':\s+["“](?P<quote>.+)')


def post_title(page_title_text: str | None, first_line: str | None, title: str | None) -> str | None:
    """The headline of a social post (a Mastodon, Bluesky or X post's page), when it is the post's first line.

    Such a page's ``<title>`` quotes the post's opening ('The Moscow Times: "Russia-Led Troops ... –
    President By AFP Kazakhstan's…" - newsie.social') and its ``og:title`` names the account ("The
    Moscow Times (@MoscowTimes@newsie.social)"). When the chosen ``title`` is not ``first_line`` (the
    text's first line), and the quote starts with ``first_line`` followed by more of the post, that
    line is the headline: 3 to 30 words, no longer than 200 characters. Returns it, or None.
    """
    if not POST_TITLE or not page_title_text or not first_line:
        return None
    line = " ".join(first_line.split())
    if line == title or not 3 <= len(line.split()) <= 30 or len(line) > 200:
        return None
    found = _QUOTING_TITLE.search(" ".join(page_title_text.split()))
    if found is None:
        return None
    quote = found.group("quote")
    return line if quote.startswith(line + " ") else None


def page_title(tree) -> str | None:
    """The text of the page's ``<title>``, whitespace collapsed; None when it has none."""
    return _first_text(tree, "head/title") or _first_text(tree, ".//title")


def headline_in_title(tree, title: str | None) -> str | None:
    """The headline inside a decorated title, when the page shows it alone.

    ``title`` "Ukraine Today: Kazakh President Announces ..." or "Headline - RFE/RL" is cut at its
    separators (`` | ``, `` - ``, `` – ``, `` · ``, ``: `` ...); the longest piece of three words or more
    is the headline when a heading, bold or font run, link, cell or span of ``tree`` starts with
    exactly that text and no more; failing that (``TRIM_ONE``), the title without its last piece or
    without its first (a headline with a separator of its own, "Headline – Part – Site"). Returns the
    piece, or None (no separator, no such element). For pages
    whose headline is not an ``<h1>`` (blog templates put it in ``<h3>``, old ones in ``<font><b>``);
    failing those places, a ``<div>`` or ``<p>`` named as the title (:func:`titleblock.titled_texts`).
    """
    title = " ".join((title or "").split())
    separator = sitetitle.with_cjk_underscore(TITLE_SEPARATOR.pattern) if CJK_UNDERSCORE else TITLE_SEPARATOR
    pieces = [p.strip() for p in separator.split(title) if p.strip()]
    if len(pieces) < 2:
        return None
    wanted = [max(pieces, key=len)]
    if TRIM_ONE:  # a headline holding a separator itself ("... in 2 Days – President – wallabag")
        seps = list(separator.finditer(title))
        wanted += [title[:seps[-1].start()].strip(), title[seps[0].end():].strip(), sitetitle.undated_head(title)]
    wanted = [w for w in wanted if len(w.split()) >= 3]
    if not wanted:
        return None
    shortest = min(len(w) for w in wanted)
    found: set[str] = set()
    for el in tree.iter(*_HEADLINE_TAGS):  # the walk and the tag test run in libxml2
        text = el.text
        if text and len(text) >= shortest:
            text = " ".join(text.split())
            if text in wanted:
                found.add(text)
    if not found:  # a headline in a <div> or <p> named as the title (titleblock.py)
        found.update(t for t in titled_texts(tree) if t in wanted)
    return next((w for w in wanted if w in found), None)
