"""A ``<br>`` that cuts a sentence inside a paragraph, for the markup repairs.

Old editors and hand-written pages break a line in the middle of a sentence (``<p>The council
said<br>on Monday that ...</p>``); trafilatura makes each piece a line of its own, so the sentence
came out cut in two, and a site re-wrapping its text read as an edit. Each run of ``<br>`` whose
text before does not end a sentence and whose text after carries on (a lower-case letter, or after
a Chinese comma) becomes a space (:func:`join_split_sentences`), except in a verse
(``hardwraps.verse``), whose lines stay lines. Outside a paragraph, a ``<br>`` between two inline
elements gets a line break (:func:`break_between_inlines`).
"""
from __future__ import annotations

import re

from . import lines as _lines
from .hardwraps import verse
from .lines import BLOCKS, text_after, text_before
from .lines import SENTENCE_END as _SENTENCE_END

__all__ = ["BRACKETED", "BR_TAILS", "break_between_inlines", "bracketed_start", "join_split_sentences"]

_CONTINUES = re.compile(r"^\s*[a-zà-öø-ÿ]")  # the next line starts with a lower-case letter
# ... or with an opening bracket or quote and then one ('in March<br><br>(see the display) and
# later ...': https://github.com/mozilla/readability/issues/665, a sentence in <font> cut by <br>s).
# BRACKETED: the bracket counts (stage:br-join-brackets; False: a letter first only).
BRACKETED = True
_OPENERS = frozenset("([‘“\"' \t\n")
_BRACKETED = re.compile(r"^\s*[(\[‘“\"'][a-zà-öø-ÿ]")


def bracketed_start(after: str) -> bool:
    """``after`` opens with a bracket or quote and a lower-case letter, and ``BRACKETED`` is on."""
    return BRACKETED and bool(_BRACKETED.match(after))


def _in_paragraph(el) -> bool:
    for anc in el.iterancestors():
        if anc.tag == "p":
            return True
        if anc.tag in BLOCKS:
            return False
    return False


# A <br> between two inline elements with no text around it (``<b>Headline</b><br><i>By Ann
# Lee</i>``, an old layout cell's headline and byline, loose beside the body's <p>s): trafilatura
# drops the break there and glues the words ("headlineBy"). A line break as the <br>'s tail keeps
# them apart (``BR_TAILS``). Done in :func:`join_split_sentences`' walk over the <br>s (no walk of
# its own: 0.045 ms a page as one); that stage's switch takes it too.
BR_TAILS = True
_INLINE = frozenset("a abbr b cite code em font i small span strong sub sup u".split())


def break_between_inlines(br) -> bool:
    """Give ``br`` a line break as its tail when it stands between two inline elements with no
    text either side; return whether it did."""
    prev, nxt = br.getprevious(), br.getnext()
    if prev is None or nxt is None or prev.tail or prev.tag not in _INLINE or nxt.tag not in _INLINE:
        return False
    br.tail = "\n"
    return True


def join_split_sentences(root, br_divs: list | None = None) -> int:
    """Turn each run of ``<br>`` that cuts a sentence inside a ``<p>`` into a space; return how many runs.
    A ``<br>`` between two inline elements outside a ``<p>`` gets a line break as its tail
    (:func:`break_between_inlines`). ``br_divs``, when given, collects the ``<div>`` parent of each
    ``<br>`` outside a ``<p>`` followed by another ``<br>`` with only white space between them (the
    candidates of ``brlines.wrap_br_divs``, found in this walk rather than one of their own; a ``<font>`` parent
    likewise)."""
    joined = 0
    verses: dict = {}  # paragraph -> whether it is a verse, whose lines stay lines (hardwraps.verse)
    for br in list(root.iter("br")):
        if br.getparent() is None:
            continue
        if not _in_paragraph(br):
            if br_divs is not None and not (br.tail and br.tail.strip()):
                nxt = br.getnext()
                if nxt is not None and nxt.tag == "br" and br.getparent().tag in ("div", "font"):
                    br_divs.append(br.getparent())
            if BR_TAILS and not br.tail:
                break_between_inlines(br)
            continue
        prev = br.getprevious()
        if prev is not None and prev.tag == "br" and not (prev.tail and prev.tail.strip()):
            continue  # not the first of its run
        run = [br]
        while True:
            last = run[-1]
            nxt = last.getnext()
            if nxt is None or nxt.tag != "br" or (last.tail and last.tail.strip()):
                break
            run.append(nxt)
        before, after = text_before(br), text_after(run[-1])
        carries_on = (_CONTINUES.match(after) or _lines.mid_sentence(before)  # lower case, or after a Chinese comma
                      or (after[:1] in _OPENERS and bracketed_start(after)))
        if not before.strip() or not after.strip() or _SENTENCE_END.search(before) or not carries_on:
            continue
        para = next((a for a in br.iterancestors("p")), None)
        if para is not None and verse(para, verses):
            continue
        for el in run[1:]:
            el.drop_tree()  # their tails are whitespace
        tail = (br.tail or "").lstrip()  # the space before an inline element that follows stays
        space = "" if _lines.mid_sentence(before) else " "  # (no space in Chinese)
        br.tail = space + tail if tail else space
        br.drop_tag()  # the break goes, the space (and its text) stays
        joined += 1
    return joined
