"""A message written as plain text in a ``<pre>`` (a mailing-list archive, a plain-text post), read
as paragraphs instead of one line per source line.

Mailing-list archives (Pipermail, MHonArc, Hypermail) and older plain-text posts show a message as
it was written: one ``<pre>``, lines wrapped by the mail client at about 72 characters, paragraphs
between blank lines. trafilatura keeps a ``<pre>`` as code, and every wrap came out as a line of
its own ("... the early" / "crossing is gone. I think ..."): a paragraph cut at places the writer
never chose (bare trafilatura does the same). A ``<pre>`` that reads as prose (:func:`prose_lines`:
words, no code signs, several wraps cutting a sentence) becomes a ``<div>`` of ``<p>``s: each run
between blank lines is one paragraph, a line joined to the one before it when that one was wrapped
(it reaches :data:`WRAPPED` of the block's width); a short line ("Thanks,", a signature) and a list
item ("- 712/60 (...)") stay lines of their own. Quoted lines (``> ...``) are their own paragraphs.
A code listing, a shell session, a table drawn in text, a poem (short lines) or ASCII art is left
as it is.
"""

from __future__ import annotations

import re

from lxml import etree

from .tagged import elements

__all__ = ["REFLOW", "prose_lines", "reflow_prose_pre", "without_signature"]

REFLOW = True  # False: a prose <pre> stays one line per source line (ablation)
MIN_LINES = 4  # non-blank lines
MIN_WIDTH = 50  # the longest line: a mail client wraps at 60-80 characters
MAX_WIDTH = 100
ADDRESS_LINES = True  # False: a line run long by an address sets the block's width too (ablation)
_ADDRESS = re.compile(r"(?:https?://|www\.)\S{20,}")
WRAPPED = 0.6  # a line at least this share of the width was wrapped, not ended
MIN_CUTS = 2  # wraps cutting a sentence (the next line goes on in lower case)
MAX_CODE_SHARE = 0.05  # lines with a code sign
_CODE = re.compile(r"[{};=<>|\\$#@]|^\s{2,}\S|\(\)|[a-z_]+\(|->|::|^\s*[-+*/]{2,}|\.\w+\(|\t|(?:^|\s)--?[a-z]")
_WORDY = re.compile(r"[^\W\d_]")
_QUOTED = re.compile(r"^\s*>")
_ITEM = re.compile(r"^\s*(?:[-*+•o]|\d{1,2}[.)])\s")  # a list item's line: never joined to the line before
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?(?:\s|$)")
MIN_SENTENCES = 0.25  # sentence ends per non-blank line: prose, not a listing of commands or names
_CONTINUES = re.compile(r"^\s*[a-zà-öø-ÿ(\"'“‘]")
_INLINE = frozenset({"a", "b", "i", "em", "strong", "tt", "span", "u", "font", "code"})


def prose_lines(text: str) -> list[str] | None:
    """The source lines of ``text`` when they read as hard-wrapped prose, else None.

    Prose: at least :data:`MIN_LINES` non-blank lines, the longest :data:`MIN_WIDTH` to
    :data:`MAX_WIDTH` characters, at most :data:`MAX_CODE_SHARE` of the unquoted lines with a code
    sign (braces, ``;``, ``=``, an indented line, a call), most characters letters, and at least
    :data:`MIN_CUTS` wrapped lines whose sentence goes on in lower case on the next line.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    filled = [line for line in lines if line.strip()]
    if len(filled) < MIN_LINES:
        return None
    width = _width(filled)
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    own = [line for line in filled if not _QUOTED.match(line)]
    if not own or sum(bool(_CODE.search(line)) for line in own) > MAX_CODE_SHARE * len(own):
        return None
    if len(_SENTENCE_END.findall(" ".join(own))) < max(2, MIN_SENTENCES * len(own)):
        return None
    chars = "".join(own)
    if len(_WORDY.findall(chars)) < 0.7 * len(chars.replace(" ", "")):
        return None
    cuts = sum(1 for a, b in zip(lines, lines[1:], strict=False)
               if len(a.rstrip()) >= WRAPPED * width and a.rstrip()[-1:] not in ".!?:" and _CONTINUES.match(b)
               and not _QUOTED.match(a))
    return lines if cuts >= MIN_CUTS else None


SIGNATURE = True  # False: a mail's signature and its list's footer stay paragraphs of the text (ablation)
SIGNATURE_LINES = 15  # non-blank lines from the end: a signature and a list's footer are short
_SIG_MARK = re.compile(r"^(?:-- ?|_{10,})$")


def without_signature(lines: list[str]) -> list[str]:
    """``lines`` up to the mail's signature: a line "-- " (the signature's delimiter, RFC 3676) or a
    row of ten or more underscores (Mailman's footer: the list's name, address and listinfo link)
    among the last :data:`SIGNATURE_LINES` non-blank lines, after at least as many lines of text;
    the delimiter and all after it go. Unchanged when there is none."""
    if not SIGNATURE:
        return lines
    filled = [n for n, line in enumerate(lines) if line.strip()]
    for n in filled[-SIGNATURE_LINES:]:
        if _SIG_MARK.match(lines[n].rstrip("\n")) and filled.index(n) >= SIGNATURE_LINES:
            return lines[:n]
    return lines


def _width(lines: list[str]) -> int:
    """The block's wrap width: its longest line, an address's line aside (``ADDRESS_LINES``: a mail
    program wraps at spaces, and a long address holds none: "Read more: https://...", a list's
    footer link run past the width)."""
    measured = [line for line in lines if line.strip()]
    if ADDRESS_LINES:
        measured = [line for line in measured if not _ADDRESS.search(line)] or measured
    return max(len(line.rstrip()) for line in measured)


def _paragraphs(lines: list[str]) -> list[str]:
    width = _width(lines)
    out: list[str] = []
    joinable = False  # the last line was wrapped: the next one goes on with it
    quoted = False
    for raw in lines:
        line = raw.strip()
        if not line:
            joinable = False
            continue
        is_quoted = bool(_QUOTED.match(raw))
        if joinable and out and is_quoted == quoted and not _ITEM.match(raw):
            out[-1] += " " + (line.lstrip("> ").strip() if is_quoted else line)
        else:
            out.append(line)
        quoted = is_quoted
        joinable = len(raw.rstrip()) >= WRAPPED * width
    return out


def reflow_prose_pre(root, found: dict | None = None) -> int:
    """Turn each prose ``<pre>`` (:func:`prose_lines`) into a ``<div>`` of one ``<p>`` a paragraph.

    ``root``: the cleaned lxml tree, changed in place (inline markup inside the ``<pre>``, the
    links of an archive's addresses, becomes plain text); ``found``: ``tagged.by_tag``'s walk.
    A ``<pre>`` holding a block element, or inside a ``<code>`` or a table, is left. Returns how
    many ``<pre>``s were rewritten.
    """
    if not REFLOW:
        return 0
    changed = 0
    for pre in elements(root, found, "pre"):
        if any(child.tag not in _INLINE for child in pre.iterdescendants() if isinstance(child.tag, str)):
            continue
        if any(anc.tag in ("code", "table", "figure") for anc in pre.iterancestors()):
            continue
        lines = prose_lines("".join(pre.itertext()))
        if lines is None:
            continue
        lines = without_signature(lines)
        tail = pre.tail
        attrib = {k: v for k, v in pre.attrib.items() if k in ("class", "id")}
        pre.clear()
        pre.tag = "div"
        pre.attrib.update(attrib)
        pre.tail = tail
        for text in _paragraphs(lines):
            etree.SubElement(pre, "p").text = text
        changed += 1
    return changed
