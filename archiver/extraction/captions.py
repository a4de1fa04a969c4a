"""The article's photo captions, for the sidecar: the clean text leaves them out as boilerplate.

The DOM stage takes ``<figure>``s and ``<figcaption>``s out (rules ``figure`` and ``caption`` in
``rules/generic.json``): a caption is not body text, and most are credits and teasers. An edited caption
is still an edit a reader of a change monitor expects to be told of, labelled as a caption (a changed name
under a photo, a correction of who is pictured). :func:`page_captions` reads the captions of the page before
the DOM stage, for the sidecar's ``captions`` list; the watch compares them (:mod:`archiver.diff.captions`).

A caption is a ``<figcaption>``'s text, whitespace collapsed, of 3 to 120 words, outside navigation, an
``<aside>``, a ``<header>``, a ``<footer>`` and a list item (a teaser card's figure), and not a link's text
alone (a teaser's headline under its picture). Its credit is no part of it: an element named as one
(``credit``, ``copyright`` in its class) and a trailing credit line (``Photo: Reuters``, ``© dpa``: the labels
of ``rules/generic.json``'s ``image-box-caption``) are left out, for an agency's name rotating under the same
picture is noise, not an edit (``bench/watch_kinds2.py``'s ``figure``: "Photo: Reuters" -> "Photo: AP").
Those the page's markup hides (``hidden``, ``aria-hidden``, inline ``display:none``) are left out.
"""
from __future__ import annotations

import re

__all__ = ["page_captions"]

# no ablation switch: the captions go to the sidecar only, the clean text is the same without them
MIN_WORDS, MAX_WORDS = 3, 120
_CREDIT_NAME = re.compile(r"credit|copyright", re.IGNORECASE)
# a credit line from its label to the caption's end (the labels image-box-caption reads in rules/generic.json)
_CREDIT_LINE = re.compile(r"(?:^|(?<=\s))(?:(?:Photo|Photograph|Picture|Image|Foto|Bild|Credit)s?\s*:|©|\(c\)\s).*$",
                          re.IGNORECASE | re.DOTALL)
_OUTSIDE = frozenset({"nav", "aside", "header", "footer", "li", "template", "noscript"})


def _hidden(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").casefold()
    return el.get("hidden") is not None or el.get("aria-hidden") == "true" or "display:none" in style


def _without_credits(el) -> str:
    """``el``'s text without its descendants named as a credit (their tails kept)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and not _CREDIT_NAME.search(child.get("class") or ""):
            parts.append(_without_credits(child))
        parts.append(child.tail or "")
    return "".join(parts)


def page_captions(root) -> tuple[str, ...]:
    """The page's photo captions (see the module docstring), in page order, each once; ``root``: the parsed
    page (lxml), before the DOM stage."""
    found: list[str] = []
    for fc in root.iter("figcaption"):
        if any(a.tag in _OUTSIDE or _hidden(a) for a in (fc, *fc.iterancestors())):
            continue
        text = _CREDIT_LINE.sub("", " ".join(_without_credits(fc).split())).strip()
        if not MIN_WORDS <= len(text.split()) <= MAX_WORDS or text in found:
            continue
        links = " ".join(" ".join(a.text_content().split()) for a in fc.iter("a"))
        if links and links == text:
            continue
        found.append(text)
    return tuple(found)
