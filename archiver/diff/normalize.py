"""Turn a text into words the diff can compare, whatever its layout.

Two copies of one article differ in bytes for reasons that are not edits: line
wrapping, paragraph splits, curly versus straight quotes, en/em dashes versus
hyphens, HTML entities and Markdown markup in a stored copy. ``normalize_text``
folds those away, ``tokenize`` cuts the result into words and punctuation while
keeping each token's position, line and paragraph so changes can be shown in
context.

Signs that carry meaning are words, not punctuation: currency symbols (Unicode
category Sc), percent, per mille, degree, plus-minus and the like, and a minus
(hyphen-minus, U+2212 or a dash folded to it) directly before a digit. "€10" and
"$10", or "-5" and "5", differ in content.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from archiver.cjk import CJK_RANGES

# Unicode quote and dash variants fold to their ASCII forms.
_TRANSLATE = str.maketrans({
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"},
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2039\u203a"},
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
    **{c: None for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"},  # soft hyphen, zero-width
    "\t": " ",
    "\r": None,
})

# The same, less the quote and dash folds: the text as shown in a change (a quote is quoted as the page wrote it).
_SHOWN = str.maketrans({k: v for k, v in _TRANSLATE.items() if v not in ("'", '"', "-")})

# Markdown, line by line. Order matters: links before emphasis (URLs hold '_').
_MD_LINE = [
    (re.compile(r"^\s{0,3}#{1,6}\s+"), ""),                                  # ATX heading
    (re.compile(r"\s+#+\s*$"), ""),                                         # closing #s
    (re.compile(r"^\s*(?:[-*_]\s*){3,}$"), ""),                             # rule / setext underline
    (re.compile(r"^\s*={3,}\s*$"), ""),                                     # setext underline
    (re.compile(r"^\s*(?:>\s?)+"), ""),                                     # blockquote
    (re.compile(r"^\s*(?:[-*+\u2022\u00b7\u25aa\u25e6]|\d{1,3}[.)])\s+"), ""),  # list marker
    (re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$"), ""),                          # link reference definition
    (re.compile(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"), r"\1"),    # [text](url), ![alt](src)
    (re.compile(r"!?\[([^\]]+)\]\[[^\]]*\]"), r"\1"),                       # [text][ref]
    (re.compile(r"<((?:https?|ftp|mailto):[^>\s]+|[^@<>\s]+@[^@<>\s]+)>"), r"\1"),  # <url> autolink
    (re.compile(r"\*\*|__"), ""),                                           # strong
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # *em*
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),    # _em_
    (re.compile(r"`+"), ""),                                                # code spans
]

# \w, less the characters of scripts written without spaces (archiver/cjk.py), each of which is a word by itself
_W = f"[^\\W{CJK_RANGES}]"
_TOKEN = re.compile(rf"\d+(?:[.,]\d+)*(?:{_W}+)?|{_W}+(?:'{_W}+)*|[{CJK_RANGES}]|-+|\.{{2,}}|[^\w\s]")

# Signs that change what a number means (besides every currency symbol, category Sc).
MEANINGFUL_SIGNS = frozenset("%\u2030\u2031\u00b0\u00b1\u00d7\u00f7\u2248\u2260\u2264\u2265\u221e\u2032\u2033")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(text: str) -> str:
    """HTML character references (``&amp;``, ``&quot;``, ``&#39;``, ``&nbsp;`` ...) decoded, twice at most.

    Stored copies saved by other tools often keep them, sometimes escaped twice
    (``&amp;nbsp;``). Anything that is not a well-formed reference stays as it is.
    """
    for _ in range(2):
        if "&" not in text or not _ENTITY.search(text):
            break
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    return text


def is_sign(token: str, text: str, end: int) -> bool:
    """True for a one-character token that carries meaning: a currency or unit sign,
    or a minus/plus directly before a digit (not after a letter or digit: "COVID-19", "2-1")."""
    if len(token) != 1:
        return False
    if token in MEANINGFUL_SIGNS or unicodedata.category(token) == "Sc":
        return True
    if token in "-+" and end < len(text) and text[end].isdigit():
        start = end - 1
        return start == 0 or not text[start - 1].isalnum()
    return False


def fold(text: str) -> str:
    """Unicode compatibility form with quote, dash and invisible-character variants folded.

    The masculine ordinal "º", which pages use for a degree sign ("60º"), is read as "°"
    (NFKC would make it the letter "o").
    """
    if "\u00ba" in text:
        text = text.replace("\u00ba", "\u00b0")
    return unicodedata.normalize("NFKC", text).translate(_TRANSLATE)


_MAYBE_MD = re.compile(r"[#>*_\[\]<`=+\-\u2022\u00b7\u25aa\u25e6]|^\s*\d{1,3}[.)]\s")


def strip_markdown_line(line: str) -> str:
    if not _MAYBE_MD.search(line):
        return line  # most lines of prose hold no markup character at all
    for pattern, repl in _MD_LINE:
        line = pattern.sub(repl, line)
    return line


def normalize_text(text: str, markdown: bool = True) -> str:
    """Fold Unicode variants and (by default) strip Markdown markup; lines are kept."""
    lines = fold(text).split("\n")
    if markdown:
        lines = [strip_markdown_line(line) for line in lines]
    return "\n".join(line.rstrip() for line in lines)


def shown_text(text: str, normalized: str, markdown: bool = True) -> str | None:
    """``normalized`` (``normalize_text(text, markdown)``) with the page's own quotes and dashes back (“ ” ‘ ’ – —),
    character for character, so a token's span cuts the same words from either; a line that lost Markdown
    markup stays folded. None when the lines do not line up (never expected)."""
    if "\u00ba" in text:
        text = text.replace("\u00ba", "\u00b0")
    raw = unicodedata.normalize("NFKC", text).translate(_SHOWN).split("\n")
    norm = normalized.split("\n")
    if len(raw) != len(norm):
        return None
    out = []
    for line, folded in zip(raw, norm, strict=True):
        plain = line.translate(_TRANSLATE)  # the fold of this line: equal to the normalized one unless markup went
        out.append(line[:len(folded)] if len(plain) == len(line) and plain.rstrip() == folded else folded)
    return "\n".join(out)


@dataclass(frozen=True)
class Token:
    key: str      # what is compared
    start: int    # span in Document.text
    end: int
    line: int     # index of the text line
    para: int     # index of the blank-line separated paragraph
    word: bool    # False for punctuation; True for words, numbers and meaningful signs

    @property
    def fold_key(self) -> str:
        return self.key.casefold()


@dataclass
class Document:
    """A normalised text and its tokens."""

    text: str
    tokens: list[Token] = field(default_factory=list)
    shown: str | None = None  # ``text`` with the page's quotes and dashes (:func:`shown_text`), for display

    @property
    def keys(self) -> list[str]:
        return [t.key for t in self.tokens]

    def span(self, i: int, j: int) -> str:
        """The text covered by tokens i..j-1, whitespace collapsed to single spaces."""
        if i >= j:
            return ""
        return " ".join(self.text[self.tokens[i].start:self.tokens[j - 1].end].split())

    def show(self, i: int, j: int) -> str:
        """``span(i, j)`` as the page wrote it (its curly quotes and dashes kept, when ``shown`` is set)."""
        if i >= j:
            return ""
        return " ".join((self.shown or self.text)[self.tokens[i].start:self.tokens[j - 1].end].split())

    def context(self, i: int, j: int) -> str:
        """``show(i, j)`` with `` \u00b6 `` where a paragraph ends inside it (a change's context).

        Without the mark, a context reaching into the paragraph before or after read as one
        sentence with the changed words (``...end of the last paragraph. [-Old-]{+New+} lead...``).
        """
        if i >= j:
            return ""
        parts, start = [], i
        for k in range(i + 1, j):
            if self.tokens[k].para != self.tokens[k - 1].para:
                parts.append(self.show(start, k))
                start = k
        parts.append(self.show(start, j))
        return " \u00b6 ".join(parts)


def tokenize(text: str) -> Document:
    """Cut normalised text into tokens, numbering lines and blank-line separated paragraphs."""
    tokens: list[Token] = []
    offset = 0
    para = 0
    blank_before = False
    for line_no, line in enumerate(text.split("\n")):
        if not line.strip():
            blank_before = True
        else:
            if blank_before and tokens:
                para += 1
            blank_before = False
            for m in _TOKEN.finditer(line):
                s = m.group()
                key = "-" if s[0] == "-" else s  # "--" stands for a dash as "—" does
                word = s[0].isalnum() or s[0] == "_" or is_sign(s, line, m.end())
                tokens.append(Token(key, offset + m.start(), offset + m.end(), line_no, para, word))
        offset += len(line) + 1
    return Document(text, tokens)


def document(text: str, markdown: bool = True, shown: bool = False) -> Document:
    """Normalise then tokenize: the form both sides of a comparison take. ``shown``: keep the page's quotes and
    dashes for display too (``Document.shown``; a comparison's two sides, not evidence)."""
    normalized = normalize_text(text, markdown=markdown)
    doc = tokenize(normalized)
    if shown:
        doc.shown = shown_text(text, normalized, markdown)
    return doc


def text_word_keys(text: str, markdown: bool = True) -> list[str]:
    """The lower-cased words of ``document(text)``, without building tokens: the fast path for pairing."""
    return [s for s in _TOKEN.findall(normalize_text(text, markdown).casefold()) if s[0].isalnum() or s[0] == "_"]
