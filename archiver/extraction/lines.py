"""What a line of running text looks like, for the markup repairs (``repair.py``, ``brlines.py``,
``containers.py``, ``hardwraps.py``): the block tags that end a line, a sentence's shape (its words
and its end), and the text on either side of a ``<br>``."""

from __future__ import annotations

import re

__all__ = ["BLOCKS", "FULL_STOP_END", "MIN_LINE_WORDS", "SENTENCE_END", "sentence_like", "text_after", "text_before",
           "text_of"]

# A sentence ends with one of these (closing quotes and brackets after it allowed).
SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*\s*$")
# ... and a sentence closed by a full stop, a question or exclamation mark or an ellipsis, not by ":" or ";".
FULL_STOP_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
BLOCKS = frozenset("""address article aside blockquote dd details div dl dt fieldset figcaption figure footer form
    h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table ul""".split())
MIN_LINE_WORDS = 5


def text_of(el) -> str:
    """An element's text, whitespace collapsed."""
    return " ".join(el.text_content().split())


def sentence_like(text: str, min_words: int) -> bool:
    """``text`` has ``min_words`` words or more and ends as a sentence does (``SENTENCE_END``)."""
    return len(text.split()) >= min_words and bool(SENTENCE_END.search(text))


def text_before(br) -> str:
    """The text right before a ``<br>`` (an lxml element): the tail of the element before it, that
    element's own text when the tail is blank ("" when it is another ``<br>``), or the parent's text
    when the ``<br>`` comes first."""
    prev = br.getprevious()
    if prev is None:
        return br.getparent().text or ""
    if prev.tail and prev.tail.strip():
        return prev.tail
    return "" if prev.tag == "br" else prev.text_content()


def text_after(br) -> str:
    """The text right after a ``<br>``: its tail, else the next element's text ("" when that is
    another ``<br>`` or there is none)."""
    if br.tail and br.tail.strip():
        return br.tail
    nxt = br.getnext()
    return nxt.text_content() if nxt is not None and nxt.tag != "br" else ""
