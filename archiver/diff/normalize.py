"""Turn a text into words the diff can compare, whatever its layout.

Two copies of one article differ in bytes for reasons that are not edits: line
wrapping, paragraph splits, curly versus straight quotes, en/em dashes versus
hyphens, and Markdown markup in a stored copy. ``normalize_text`` folds those
away, ``tokenize`` cuts the result into words and punctuation while keeping
each token's position, line and paragraph so changes can be shown in context.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Unicode quote and dash variants fold to their ASCII forms.
_TRANSLATE = str.maketrans({
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"},
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2039\u203a"},
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
    **{c: None for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"},  # soft hyphen, zero-width
    "\t": " ",
    "\r": None,
})

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

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:\w+)?|\w+(?:'\w+)*|-+|\.{2,}|[^\w\s]")


def fold(text: str) -> str:
    """Unicode compatibility form with quote, dash and invisible-character variants folded."""
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


@dataclass(frozen=True)
class Token:
    key: str      # what is compared
    start: int    # span in Document.text
    end: int
    line: int     # index of the text line
    para: int     # index of the blank-line separated paragraph
    word: bool    # False for punctuation

    @property
    def fold_key(self) -> str:
        return self.key.casefold()


@dataclass
class Document:
    """A normalised text and its tokens."""

    text: str
    tokens: list[Token] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        return [t.key for t in self.tokens]

    def span(self, i: int, j: int) -> str:
        """The text covered by tokens i..j-1, whitespace collapsed to single spaces."""
        if i >= j:
            return ""
        return " ".join(self.text[self.tokens[i].start:self.tokens[j - 1].end].split())


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
                tokens.append(Token(key, offset + m.start(), offset + m.end(), line_no, para,
                                    s[0].isalnum() or s[0] == "_"))
        offset += len(line) + 1
    return Document(text, tokens)


def document(text: str, markdown: bool = True) -> Document:
    """Normalise then tokenize: the form both sides of a comparison take."""
    return tokenize(normalize_text(text, markdown=markdown))


def text_word_keys(text: str, markdown: bool = True) -> list[str]:
    """The lower-cased words of ``document(text)``, without building tokens: the fast path for pairing."""
    return [s for s in _TOKEN.findall(normalize_text(text, markdown).casefold()) if s[0].isalnum() or s[0] == "_"]
