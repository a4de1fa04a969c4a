"""Paragraphs hard-wrapped with single ``<br>``, for the markup repairs (``repair.py``).

Text written in a mail client or a plain-text editor and pasted into an older page keeps its
fixed-width line ends as ``<br>``: ``<p>He started<br>as a bobbin boy ... same week.<br>Some
found work ...</p>``. ``brjoin.join_split_sentences`` turns each ``<br>`` that cuts a sentence
into a space, but a wrap that happens to fall after a full stop stays a line break, and the
paragraph comes out cut in two at a place the writer never chose (bare trafilatura writes every
wrap as a line). Where the ``<p>``s of one container are wrapped so (at least :data:`MIN_CUTS`
single ``<br>``s cutting a sentence, and :data:`CUTS_PER_END` times as many as fall after a
sentence end), every single ``<br>`` between two sentences of a paragraph wrapped so itself (one
of its breaks cuts a sentence) is a wrap too and becomes a space. A paragraph holding a
``<br><br>`` run (a break the writer did choose) is left as it is, and so is a container whose
breaks mostly follow sentence ends (an address, a list of lines, a verse with capitalised lines).

A verse (:func:`verse`: a ``<p>`` of :data:`MIN_VERSE_LINES` lines or more cut by ``<br>``, none
over :data:`MAX_VERSE_LINE` characters) keeps its line breaks in both repairs, whether or not its
lines start in capitals: a poem or a song's lyrics quoted in an article came out as one run-on
line, where bare trafilatura wrote each line
(https://github.com/hipstersmoothie/standard-reader/pull/139, a poem given back its line breaks;
https://github.com/Lyrics/lyrics-database/issues/362, lyrics losing their newlines in reader mode).
Prose hard-wrapped by a mail client is wrapped at 60-80 characters, wider than a verse line.
"""

from __future__ import annotations

import re

from .lines import BLOCKS, SENTENCE_END, text_after, text_before

__all__ = ["HARD_WRAPS", "VERSE_LINES", "join_hard_wraps", "verse"]

HARD_WRAPS = True  # False: a wrap after a sentence end stays a paragraph break (ablation)
MIN_CUTS = 3  # single <br>s cutting a sentence in the container's paragraphs
CUTS_PER_END = 2  # ... and at least this many for each single <br> that follows a sentence end
VERSE_LINES = True  # False: a verse's lines cut mid-sentence are joined like a hard-wrapped sentence (ablation)
MIN_VERSE_LINES = 3  # lines of a <p> cut by <br>, at least
MAX_VERSE_LINE = 50  # characters of each line, at most
_CONTINUES = re.compile(r"^\s*[a-zà-öø-ÿ]")  # the next line starts with a lower-case letter
_STARTS = re.compile(r"^\s*[\"'“‘«(]?[A-ZÀ-ÖØ-Þ0-9]")  # the next line starts a sentence


def _owner(br):
    """The nearest block ancestor of ``br``."""
    for anc in br.iterancestors():
        if anc.tag in BLOCKS:
            return anc
    return None


def _single(br) -> bool:
    """No other ``<br>`` right before or after (only whitespace between)."""
    prev, nxt = br.getprevious(), br.getnext()
    if prev is not None and prev.tag == "br" and not (prev.tail or "").strip():
        return False
    return not (nxt is not None and nxt.tag == "br" and not (br.tail or "").strip())


def _pieces(el, out: list[str]) -> None:
    if el.text:
        out[-1] += el.text
    for child in el:
        if child.tag == "br":
            out.append("")
        elif isinstance(child.tag, str):
            _pieces(child, out)
        if child.tail:
            out[-1] += child.tail


def verse(para, seen: dict | None = None) -> bool:
    """Whether ``para`` (an lxml ``<p>``) is written as verse: at least :data:`MIN_VERSE_LINES`
    lines between its ``<br>``s (a ``<br><br>`` between stanzas counts once), none over
    :data:`MAX_VERSE_LINE` characters. ``seen``: a cache, paragraph -> answer."""
    if not VERSE_LINES:
        return False
    if seen is not None and para in seen:
        return seen[para]
    answer = False
    if para.find(".//br") is not None:
        pieces = [""]
        _pieces(para, pieces)
        lines = [" ".join(p.split()) for p in pieces]
        lines = [line for line in lines if line]
        answer = len(lines) >= MIN_VERSE_LINES and all(len(line) <= MAX_VERSE_LINE for line in lines)
    if seen is not None:
        seen[para] = answer
    return answer


def join_hard_wraps(root) -> int:
    """Turn the single ``<br>``s after a sentence end inside hard-wrapped ``<p>``s into spaces.

    ``root``: the cleaned lxml tree, changed in place; runs before ``join_split_sentences`` (which
    joins the wraps that cut a sentence). Returns how many breaks became spaces.
    """
    if not HARD_WRAPS:
        return 0
    cuts: dict = {}  # container -> single <br>s cutting a sentence
    ends: dict = {}  # container -> single <br>s between two sentences
    doubled: set = set()  # paragraphs holding a <br><br> run
    cut: set = set()  # paragraphs holding a single <br> that cuts a sentence
    verses: dict = {}
    for br in root.iter("br"):
        para = _owner(br)
        if para is None or para.tag != "p" or verse(para, verses):
            continue
        if not _single(br):
            doubled.add(para)
            continue
        before, after = text_before(br), text_after(br)
        if not before.strip() or not after.strip():
            continue
        box = para.getparent()
        if SENTENCE_END.search(before):
            if _STARTS.match(after):
                ends.setdefault(box, []).append((para, br))
        elif _CONTINUES.match(after):
            cuts[box] = cuts.get(box, 0) + 1
            cut.add(para)
    joined = 0
    for box, found in ends.items():
        n = cuts.get(box, 0)
        if n < MIN_CUTS or n < CUTS_PER_END * len(found):
            continue
        for para, br in found:
            if para in doubled or para not in cut:
                continue
            tail = (br.tail or "").lstrip()
            br.tail = " " + tail if tail else " "
            br.drop_tag()
            joined += 1
    return joined
