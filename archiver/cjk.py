"""Word tokens for scripts written without spaces between words (Chinese, Japanese).

``\\w+`` reads a run of Han or kana characters as one word: a Chinese sentence up to its comma is a single
token, so changing one character of it (``2029年通车`` to ``2030年通车``) changes the whole "word", a word
3-shingle measure sees most of the sentence gone (``archiver history`` read such an edit as "not the article"),
and a search for a word inside the run (``大桥`` in ``港口大桥明年三月开工``) finds nothing. Here each Han,
kana or CJK-compatibility character is a token of its own (character unigrams, as Lucene's CJK analysers and
most search engines index these scripts without a dictionary); other scripts keep ``\\w+`` runs. Hangul is
written with spaces between words and is left as words.

- :data:`CJK_RANGES`: the character class body (for building patterns).
- :data:`WORD`: a compiled pattern; ``WORD.findall(text)`` gives the word tokens (str), one per CJK character.
- :func:`has_cjk` (str -> bool), :func:`spaced` (str -> str: a space around every CJK character, for FTS5).
"""
from __future__ import annotations

import re

# Hiragana, Katakana (with the prolonged sound mark), CJK Unified Ideographs and Extension A, the iteration marks
# 々 〆, CJK Compatibility Ideographs, half-width Katakana, and the supplementary ideograph planes (Ext. B and on).
CJK_RANGES = "\u3005\u3006\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
WORD = re.compile(f"[{CJK_RANGES}]|[^\\W{CJK_RANGES}]+")
_CJK = re.compile(f"[{CJK_RANGES}]")


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a character :data:`WORD` reads as a word by itself."""
    return _CJK.search(text) is not None


def spaced(text: str) -> str:
    """``text`` with a space before and after each CJK character, so a tokenizer that splits on spaces
    (FTS5's unicode61) indexes each as a word; other text is unchanged."""
    return _CJK.sub(lambda m: f" {m.group()} ", text)
