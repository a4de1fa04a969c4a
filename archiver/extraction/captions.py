"""The article's photo captions, for the sidecar: the clean text leaves them out as boilerplate.

The DOM stage takes ``<figure>``s and ``<figcaption>``s out (rules ``figure`` and ``caption`` in
``rules/generic.json``): a caption is not body text, and most are credits and teasers. An edited caption
is still an edit a reader of a change monitor expects to be told of, labelled as a caption (a changed name
under a photo, a correction of who is pictured). :func:`page_captions` reads the captions of the page before
the DOM stage, for the sidecar's ``captions`` list; the watch compares them (:mod:`archiver.diff.captions`).

A caption is a ``<figcaption>``'s text, whitespace collapsed, of 2 to 120 words, outside navigation, an
``<aside>``, a ``<header>``, a ``<footer>`` and a list item (a teaser card's figure), and not a link's text
alone (a teaser's headline under its picture). Hidden ones are read as the extractor reads text: those the
page's markup hides (``hidden``, ``aria-hidden``, inline ``display:none``) are left out.
"""
from __future__ import annotations

__all__ = ["page_captions"]

# no ablation switch: the captions go to the sidecar only, the clean text is the same without them
MIN_WORDS, MAX_WORDS = 2, 120
_OUTSIDE = frozenset({"nav", "aside", "header", "footer", "li", "template", "noscript"})


def _hidden(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").casefold()
    return el.get("hidden") is not None or el.get("aria-hidden") == "true" or "display:none" in style


def page_captions(root) -> tuple[str, ...]:
    """The page's photo captions (see the module docstring), in page order, each once; ``root``: the parsed
    page (lxml), before the DOM stage."""
    found: list[str] = []
    for fc in root.iter("figcaption"):
        if any(a.tag in _OUTSIDE or _hidden(a) for a in (fc, *fc.iterancestors())):
            continue
        text = " ".join(fc.text_content().split())
        if not MIN_WORDS <= len(text.split()) <= MAX_WORDS or text in found:
            continue
        links = " ".join(" ".join(a.text_content().split()) for a in fc.iter("a"))
        if links and links == text:
            continue
        found.append(text)
    return tuple(found)
