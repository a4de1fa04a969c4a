"""Stage 1g (before the DOM stage): a photo gallery page's captions are its text.

A gallery page ("The sea wall repairs in pictures") is a short intro and a series of
pictures, each with a caption of a sentence or two: the captions are what the page says.
The DOM stage's ``figure`` and ``caption`` rules take captions out as furniture, as they are
on an article page, and left the intro alone (https://github.com/cantino/ruby-readability/issues/78,
a Guardian gallery; bare trafilatura keeps the captions). A page is read as a gallery when:

- series: at least ``MIN_CAPTIONS`` ``<figcaption>``s of a sentence each (``MIN_WORDS`` words or
  more), each in a ``<figure>`` holding an image, inside a container named as a gallery
  (``GALLERY_WORDS``, at most ``MAX_UP`` levels above the figure: ``<ul class="gallery">``);
  figures spread through an article's text, a product carousel or a menu's feature cards are no
  gallery (on WCXB dev, without the name, four such pages had their captions read as text, which
  their truth leaves out);
- weight: their text is at least as long as the text of every ``<p>`` outside figures, headers,
  footers, navigation and asides (an article with a slideshow has more prose than captions).

Each such figure becomes a ``<p>`` holding its caption's text, in place (the image goes with it),
so the DOM stage's figure and caption rules no longer see it. Changes the tree in place. The parts of a
caption named as its credit or its place in the series (``<span class="credit">Photograph: ...</span>``,
``<span class="counter">1/12</span>``, ``CAPTION_EXTRA_WORDS``) are left out of that text
(``CAPTION_EXTRAS``, modern3): furniture the DOM stage takes from an article's figures, and written
without a space they glued onto the caption's first or last word ("1/3Conservators").
"""

from __future__ import annotations

from .dom import name_words

__all__ = ["CAPTION_EXTRAS", "GALLERY_CAPTIONS", "read_gallery_captions"]

GALLERY_CAPTIONS = True  # False: a gallery's captions go as the DOM stage's furniture (ablation)
CAPTION_EXTRAS = True  # False: a caption's credit and counter parts stay in its text (ablation)
CAPTION_EXTRA_WORDS = frozenset("credit credits copyright counter photographer".split())
MIN_CAPTIONS = 3
MIN_WORDS = 8
MAX_UP = 4
GALLERY_WORDS = frozenset("gallery galleries slideshow photogallery lightbox bildergalerie fotostrecke galerie galeria "
                          "fotogalerie".split())
_OUTSIDE = frozenset(("figure", "header", "footer", "nav", "aside"))


def read_gallery_captions(root) -> int:
    """Turn the figures of a gallery page (see the module's text) into ``<p>``s of their
    captions; return how many. ``root``: the parsed page (lxml), changed in place."""
    if not GALLERY_CAPTIONS:
        return 0
    captions = [(fc, text) for fc in root.iter("figcaption")
                if len((text := " ".join(fc.text_content().split())).split()) >= MIN_WORDS]
    if len(captions) < MIN_CAPTIONS:
        return 0
    figures = []
    for fc, text in captions:
        figure = fc.getparent()
        while figure is not None and figure.tag != "figure":
            figure = figure.getparent()
        if figure is None or figure.find(".//img") is None:
            continue
        if not any(GALLERY_WORDS & name_words(a) for a, _ in zip(figure.iterancestors(), range(MAX_UP), strict=False)):
            continue
        figures.append((figure, _written(fc, text)))
    if len(figures) < MIN_CAPTIONS:
        return 0
    prose = sum(len(" ".join(p.text_content().split())) for p in root.iter("p")
                if not any(a.tag in _OUTSIDE for a in p.iterancestors()))
    if sum(len(text) for _, text in figures) < prose:
        return 0
    for figure, text in figures:
        tail = figure.tail
        figure.clear()
        figure.tag = "p"
        figure.text = text
        figure.tail = tail
    return len(figures)


def _written(fc, text: str) -> str:
    """The caption's text as the page gets it: ``text`` (its whole text, whitespace collapsed) less
    the descendants of ``fc`` named as a credit or a counter (``CAPTION_EXTRA_WORDS``); ``text``
    itself when there is none, or when they are all the caption holds."""
    if not CAPTION_EXTRAS:
        return text
    extras = [el for el in fc.iterdescendants() if isinstance(el.tag, str) and CAPTION_EXTRA_WORDS & name_words(el)]
    if not extras:
        return text
    kept: list[str] = []
    skip = set(extras)

    def walk(el) -> None:
        if el.text:
            kept.append(el.text)
        for child in el:
            if child not in skip and isinstance(child.tag, str):
                walk(child)
            if child.tail:
                kept.append(child.tail)

    walk(fc)
    rest = " ".join("".join(kept).split())
    return rest or text

