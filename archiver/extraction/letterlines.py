"""The short lines of a letter or statement written as ``<div>`` lines among a body's paragraphs.

An open letter, a statement or an e-mail quoted in a post is often pasted as one ``<div>`` per line
(https://github.com/html-to-text/node-html-to-text/issues/174: ``<div><span>Dear John,</span></div>
<div><span>I hope this letter finds you well...</span></div>``). ``repair.promote_div_lines`` makes
a ``<p>`` of each sentence ``<div>`` among the body's ``<p>``s, but the salutation ("Dear harbour
board,"), the closing ("Yours faithfully,") and the signature ("Ros Calder") are no sentences: they
stayed ``<div>``s, which precision mode drops, and the letter came out without its head and foot.
A short line that touches a run of such lines holding a sentence line (only other ``<div>`` lines
and empty spacers between them) is a line of the letter too: a bare ``<div>`` like the others with
no link, either a salutation or closing (:data:`MAX_WORDS` words at most, ending in a comma) or a
short line of :data:`MAX_NAME_WORDS` words at most that is a signature under a closing, an
attribution ("—Jan L.") or a short sentence ("From scratch."), not a bare name beside the
sentences (an author box's); not a label ("Your search:"), a placeholder
("Loading...") or a rule of stars.
"""

from __future__ import annotations

import re

__all__ = ["LETTER_LINES", "letter_lines"]

LETTER_LINES = True  # False: only the sentence lines of a letter are promoted (ablation)
MAX_WORDS = 8
MAX_NAME_WORDS = 4
MAX_CHARS = 80
_LETTER = re.compile(r"[^\W\d_]")


def letter_lines(parent, sentence_lines: list, bare_line, text_of, spacer) -> list:
    """The short bare ``<div>`` children of ``parent`` in a run of ``<div>`` lines with one of
    ``sentence_lines`` (the sentence ``<div>``s ``promote_div_lines`` promotes) in it.

    ``bare_line(div)``, ``text_of(el)`` and ``spacer(el)`` are repair's tests (a bare line, its
    text, an empty spacer block). Returns them in document order; empty when there are none.
    """
    if not LETTER_LINES or not sentence_lines:
        return []
    sentences = set(sentence_lines)
    runs: list[list] = [[]]
    closing = False  # the line before was a salutation or closing ("Yours faithfully,")
    for child in parent:
        if not isinstance(child.tag, str) or spacer(child):
            continue
        shape = _short(child, bare_line, text_of, closing) if child.tag == "div" and child not in sentences else ""
        if child in sentences or shape:
            runs[-1].append(child)
        elif runs[-1]:
            runs.append([])
        closing = shape == "closing"
    return [div for run in runs if any(d in sentences for d in run) for div in run if div not in sentences]


def _short(div, bare_line, text_of, after_closing: bool) -> str:
    """"closing" for a salutation or closing line, "line" for another short letter line, "" else."""
    text = text_of(div).strip()
    words = len(text.split())
    if not text or len(text) > MAX_CHARS or not _LETTER.search(text) or text.endswith((":", "...", "…")):
        return ""
    if next(div.iter("a"), None) is not None or not bare_line(div):
        return ""
    if text.endswith(",") and words <= MAX_WORDS:
        return "closing"
    if words <= MAX_NAME_WORDS and (after_closing or text[0] in "—–-" or text[-1] in ".!?"):
        return "line"
    return ""
