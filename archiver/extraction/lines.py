"""What a line of running text looks like, for the markup repairs (``repair.py``, ``brlines.py``,
``containers.py``): the block tags that end a line, and a sentence's shape (its words and its end)."""

from __future__ import annotations

import re

__all__ = ["BLOCKS", "MIN_LINE_WORDS", "SENTENCE_END", "sentence_like", "text_of"]

# A sentence ends with one of these (closing quotes and brackets after it allowed).
SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*\s*$")
BLOCKS = frozenset("""address article aside blockquote dd details div dl dt fieldset figcaption figure footer form
    h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table ul""".split())
MIN_LINE_WORDS = 5


def text_of(el) -> str:
    """An element's text, whitespace collapsed."""
    return " ".join(el.text_content().split())


def sentence_like(text: str, min_words: int) -> bool:
    """``text`` has ``min_words`` words or more and ends as a sentence does (``SENTENCE_END``)."""
    return len(text.split()) >= min_words and bool(SENTENCE_END.search(text))
