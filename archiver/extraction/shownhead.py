"""The headline as the page shows it, when the page declares another title.

The clean text's title line is the declared title (``og:title``, ``<title>``), or the ``<h1>``
when the declared title is that headline with decoration (:func:`metadata.choose_title`). Many
news pages declare an SEO or social title that is not the shown headline at all ("Bridge to
close to cars from spring" declared, "Council votes to close harbour bridge" shown): the shown
``<h1>`` then appears nowhere in the clean text, and a watcher never sees the newsroom rewrite
it. :func:`shown_headline` gives that ``<h1>``'s text for the clean text's title line
(:attr:`Extraction.headline`; the declared title stays the metadata's ``title``), so an edit of
the visible headline changes the clean text, and a change of the declared title alone (a
" | Site" or " - Updated" suffix) does not.

The ``<h1>`` is taken only when it reads as the article's headline: 3 to 40 words, outside
navigation, not a link to the site's home page, not one of the declared title's pieces (a site
name), not the title's words in other quotes or dashes, sharing at least 2 words of 4 letters or more and a
third of its own with the declared title (an SEO title and its headline tell one story; a blog's
sidebar ``<h1>`` of another post does not), and not already one of the text's first lines (then
edits of it are seen there).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["shown_headline", "SHOWN_HEADLINE"]

# False: the clean text's title line is the declared title even when the page shows another headline (ablation)
SHOWN_HEADLINE = True
MIN_WORDS, MAX_WORDS = 3, 40
MAX_KICKER_WORDS = 3  # a section's label above the headline in its <h1> ("World", "Breaking news")
_WORD = re.compile(r"\w+", re.UNICODE)
_MENU_NAME = re.compile(r"(?:^|[\W_])(?:nav|navigation|breadcrumbs?|menu|logo|masthead|brand)(?:$|[\W_])")


def h1_text(h1) -> str | None:
    """The ``<h1>`` element's text, whitespace collapsed, when it has 3 to 40 words; None for no
    element or another tag (read before the DOM stage, which may take the element out)."""
    if not SHOWN_HEADLINE or h1 is None or h1.tag != "h1":
        return None
    text = " ".join(_text_with_breaks(h1).split())
    return text if MIN_WORDS <= len(text.split()) <= MAX_WORDS else None


def _text_with_breaks(el) -> str:
    """``el``'s text with each ``<br>`` read as a space: a kicker line above the headline in the
    ``<h1>`` ("<span>World</span><br>Title") is not glued to it ("WorldTitle")."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            parts.append(" " if child.tag == "br" else _text_with_breaks(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _furniture(h1) -> bool:
    """The ``<h1>`` is in navigation, a footer or a logo, or links to the site's home page. The walk
    stops below ``<body>``: its class list names the theme's features, not a part of the page
    (WordPress's ``wp-custom-logo``, ``has-nav-menu``: every such page's ``<h1>`` read as furniture)."""
    for el in (h1, *h1.iterancestors()):
        if el.tag in ("body", "html"):
            break
        if el.tag in ("nav", "li", "footer"):
            return True
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if names.strip() and _MENU_NAME.search(names.casefold()):
            return True
    return any(a.get("href", "").strip() in ("/", "./", "index.html") for a in h1.iter("a"))


def shown_headline(h1, shown: str | None, title: str, lines: Sequence[str], site_name: str | None = None) -> str | None:
    """``shown`` (:func:`h1_text` of the element ``h1``) when it is the article's headline and the
    clean text would not hold it: its words (``\\w+``, case-folded: quotes and dashes aside) not those
    of the chosen ``title`` nor a run of them (a piece of a "Headline | Site" title, the site's name),
    nor ``site_name``'s, nor those of one of ``lines``' first three, sharing with ``title`` at least
    2 of its words of 4+ letters and a third of them (an SEO title and the headline tell one story;
    another post's ``<h1>`` does not), and not in navigation, a footer or a logo, nor linking home
    (:func:`_furniture`). Else None."""
    if not shown or not title or shown == title:
        return None
    want, declared = _words(shown), _words(title)
    run = " ".join(want)
    if not want or f" {run} " in f" {' '.join(declared)} ":
        return None  # the title line holds the headline already (decorated, in other quotes, or a piece of it)
    if hidden_copy(want, declared):
        return None  # the title twice: a hidden copy beside the shown one (a translation proxy's source text)
    if run.endswith(f" {' '.join(declared)}") and len(want) - len(declared) <= MAX_KICKER_WORDS:
        return None  # the headline is a kicker line above the title ("<h1><span>World</span><br>Title</h1>")
    if site_name and _words(site_name) == want:
        return None
    if any(len(line) < 2 * len(shown) + 8 and _words(line) == want for line in lines[:3]):
        return None
    ours = {w for w in want if len(w) >= 4}
    shared = ours & {w for w in declared if len(w) >= 4}
    if len(shared) < 2 or 3 * len(shared) < len(ours):
        return None
    return None if _furniture(h1) else shown  # the ancestor walk last: few pages get this far


TITLE_TWICE = True  # False: an <h1> reading the title twice is a shown headline of its own (ablation)


def hidden_copy(want: list[str], declared: list[str]) -> bool:
    """The ``<h1>``'s words ``want`` are the title's words ``declared`` twice: a copy hidden by the page's
    stylesheet beside the shown one (the old Google Translate proxy's source text), read as text."""
    return TITLE_TWICE and bool(declared) and want == declared + declared


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())
