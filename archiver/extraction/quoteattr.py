"""Stage 1h (before the DOM stage): a block quote's attribution stays with the quote.

Two common ways to write who said a quote lost the attribution and kept the quote (archiver and
bare trafilatura):

- a ``<footer>`` inside the ``<blockquote>`` (Bootstrap's ``<footer class="blockquote-footer">``,
  many themes): trafilatura deletes every ``<footer>`` with its text;
- the HTML standard's own form, the quote in a ``<figure>`` with the attribution as its
  ``<figcaption>`` (``<figure><blockquote>..</blockquote><figcaption>— Name</figcaption></figure>``):
  the DOM stage's caption rule takes a figure's caption out as furniture.

Such an attribution (at most ``MAX_CHARS`` characters, no block inside it) becomes a ``<p>`` at
the end of its quote. A pull quote (a class naming ``pull``: a line of the body repeated large)
is left as it is, and so is a figure holding an image or media (its caption is a picture's).
"""

from __future__ import annotations

__all__ = ["QUOTE_ATTRIBUTIONS", "keep_quote_attributions"]

QUOTE_ATTRIBUTIONS = True  # False: a quote's <footer> or <figcaption> attribution goes (ablation)
MAX_CHARS = 200
_BLOCKS = ("p", "div", "ul", "ol", "h2", "h3", "h4", "table", "blockquote")
_MEDIA = ("img", "picture", "video", "audio", "iframe", "svg")


def _pull(el) -> bool:
    return "pull" in (el.get("class") or "").lower()


def _as_line(el) -> bool:
    text = " ".join(el.text_content().split())
    return 0 < len(text) <= MAX_CHARS and next(el.iter(*_BLOCKS), None) is None


def keep_quote_attributions(root) -> int:
    """Turn each block quote's ``<footer>`` or ``<figcaption>`` attribution (see the module's
    text) into a ``<p>`` at the end of the quote; return how many. ``root``: the parsed page
    (lxml), changed in place."""
    if not QUOTE_ATTRIBUTIONS:
        return 0
    done = 0
    for quote in list(root.iter("blockquote")):
        if _pull(quote):
            continue
        for footer in [c for c in quote if c.tag == "footer" and _as_line(c)]:
            footer.tag = "p"
            footer.attrib.clear()
            quote.append(footer)  # the attribution ends the quote wherever it was written
            done += 1
        figure = quote.getparent()
        if figure is None or figure.tag != "figure" or _pull(figure) or next(figure.iter(*_MEDIA), None) is not None:
            continue
        for caption in [c for c in figure if c.tag == "figcaption" and _as_line(c)]:
            caption.tag = "p"
            caption.attrib.clear()
            tail, caption.tail = caption.tail, None
            prev = caption.getprevious()
            if tail and tail.strip():  # text after the caption stays where it was
                if prev is not None:
                    prev.tail = (prev.tail or "") + tail
                else:
                    figure.text = (figure.text or "") + tail
            quote.append(caption)
            done += 1
    return done
