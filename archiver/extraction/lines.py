"""What a line of running text looks like, for the markup repairs (``repair.py``, ``brlines.py``,
``containers.py``, ``hardwraps.py``): the block tags that end a line, a sentence's shape (its words
and its end), and the text on either side of a ``<br>``."""

from __future__ import annotations

import re

__all__ = ["BLOCKS", "FULL_STOP_END", "MIN_LINE_WORDS", "SENTENCE_END", "SPACELESS_SCRIPTS", "WIDE_SCRIPTS",
           "collapsed", "mid_sentence", "sentence_like", "spaceless", "text_after", "text_before", "text_of", "width",
           "words"]

# A sentence ends with one of these (closing quotes and brackets after it allowed), in the Latin
# scripts and in the others' own marks: the ideographic full stop and the full-width ones of Chinese
# and Japanese, the Arabic question mark, the Urdu full stop, the Devanagari danda (WIDE_SCRIPTS).
SENTENCE_END = re.compile(r"[.!?:;…。！？；：؟۔।][\"'”’»)\]」』）》】]*\s*$")
# ... and a sentence closed by a full stop, a question or exclamation mark or an ellipsis, not by ":" or ";".
FULL_STOP_END = re.compile(r"[.!?…。！？؟۔।][\"'”’»)\]」』）》】]*\s*$")
LATIN_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*\s*$")  # the ends alone (ablation: WIDE_SCRIPTS off)
LATIN_FULL_STOP_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
# Chinese and Japanese write no spaces between words: a sentence of 20 characters is one "word" to
# str.split. WIDE_SCRIPTS counts two of their characters as a word and each as four characters of
# width, so their sentences pass the tests Latin ones pass (stage:wide-scripts; False: split words only).
WIDE_SCRIPTS = True
_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Thai, Lao, Khmer and Burmese write no spaces between words either (a space, where there is one,
# parts phrases), and Thai and Lao end a paragraph with no mark at all. SPACELESS_SCRIPTS counts four
# of their characters (letters and the marks written on them) as a word, and takes a text ending on
# a Thai or Lao letter or on the Khmer or Burmese full stop (។ ៕ ။) as ending a sentence
# (stage:spaceless-scripts; False: as WIDE_SCRIPTS alone).
SPACELESS_SCRIPTS = True
_SPACELESS = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
_SPACELESS_END = re.compile(r"(?:[\u0e01-\u0e4e\u0e81-\u0ecd]|[។៕။][\"'”’»)\]]*)\s*$")
BLOCKS = frozenset("""address article aside blockquote dd details div dl dt fieldset figcaption figure footer form
    h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table ul""".split())
MIN_LINE_WORDS = 5


def text_of(el) -> str:
    """An element's text, whitespace collapsed."""
    return " ".join(el.text_content().split())


def words(text: str) -> int:
    """How many words ``text`` holds: its space-separated ones, and with ``WIDE_SCRIPTS`` one more for
    every two Chinese or Japanese characters (written without spaces), with ``SPACELESS_SCRIPTS`` one
    more for every four Thai, Lao, Khmer or Burmese ones."""
    n = len(text.split())
    if WIDE_SCRIPTS and not text.isascii():
        n += len(_WIDE.findall(text)) // 2
    if not text.isascii():
        n += spaceless(text) // 4
    return n


def spaceless(text: str) -> int:
    """How many Thai, Lao, Khmer or Burmese characters ``text`` holds (0 without ``SPACELESS_SCRIPTS``)."""
    return len(_SPACELESS.findall(text)) if SPACELESS_SCRIPTS else 0


def width(text: str) -> int:
    """``text``'s length in characters, a Chinese or Japanese character counting four (``WIDE_SCRIPTS``):
    the length a Latin text saying as much would have."""
    if WIDE_SCRIPTS and not text.isascii():
        return len(text) + 3 * len(_WIDE.findall(text))
    return len(text)


def mid_sentence(before: str) -> bool:
    """With ``WIDE_SCRIPTS``, ``before`` ends with a Chinese or Japanese comma (，、): a break after it
    falls inside a sentence (scripts without case, where the next word's case cannot tell)."""
    return WIDE_SCRIPTS and before.rstrip().endswith(("，", "、"))


def sentence_like(text: str, min_words: int) -> bool:
    """``text`` has ``min_words`` words or more (:func:`words`) and ends as a sentence does (``SENTENCE_END``;
    with ``SPACELESS_SCRIPTS``, a Thai or Lao text ending on a letter, a Khmer or Burmese one on its full stop)."""
    if words(text) < min_words:
        return False
    return bool(SENTENCE_END.search(text)) or (
        not text.isascii() and bool(_SPACELESS_END.search(text)) and spaceless(text) > 0)


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


def collapsed(text: str) -> str:
    """``" ".join(text.split())``, without the split when it would give ``text`` back: every white
    space character but the ASCII space is unprintable (``str.isprintable``), so a printable text
    with no double space and none at either end is collapsed already (most output paragraphs)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())
