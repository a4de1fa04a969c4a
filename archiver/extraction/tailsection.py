"""Stage 2c, after the gaps: a titled section right after the last block trafilatura kept.

The gap stage (``gaps.py``) puts back what trafilatura skipped *between* two kept blocks;
a section closing the article has no kept block after it. A how-to page of 2008-2012
(eHow, wikiHow, About.com) ends its steps with "Tips & Warnings" or "Tips": a subheading
over a list of sentences, which precision mode drops with the page's sidebars, so the
article lost its last section (old3 and old4 probes; bare trafilatura loses it too).

Taken back, when every signal agrees: the block right after the last kept one (a block
holding the kept one, a step's ``<li>`` around its ``<p>``, aside) is a subheading whose
words name no furniture (``gaps`` ``FURNITURE`` and ``TAIL_WORDS``: "Related", "Comments",
"3 Responses to", "Leave a Reply", "Resources", "About the author" end the article instead;
a FAQ is the ``faq`` stage's) and that is a title of words (a changelog's "03/03/2026" is
none), close to the last kept block in the tree (a common ancestor at most ``MAX_UP``
levels above it), followed by a list: at least ``MIN_ITEMS`` items the gap stage would take
(plain ``<li>``s of ``MIN_WORDS`` words or more; no link text, no furniture name, not in the
output yet), up to ``MAX_TAIL``, ending at the first block that is none. Only a list: on the
dev sets every titled run of ``<p>`` after the body that a first version took back was
furniture (an author's bio under their name, a newsletter pitch, "Hi, I'm Chris!", "Meine
Themen", a contact form's notice: 11 pages, eval -.0002, WCXB test -.0001).
"""

from __future__ import annotations

import re
from itertools import islice

from .gaps import FURNITURE, _acceptable, _near, cut_blocks, line_positions, norm

__all__ = ["restore_tail_section", "TAIL_SECTIONS", "MAX_TAIL"]

TAIL_SECTIONS = True  # ablation switch
MAX_TAIL = 8  # items of such a section, its subheading left out
MIN_ITEMS = 2  # ... and at least this many
MAX_UP = 4  # the subheading's common ancestor with the last kept block: at most this many levels up
_HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
TAIL_WORDS = frozenset("""resources resource references reference sources source links link reply replies
    responses response comment discussion more also like popular read next previous archives archive
    categories category about contact follow subscribe login register feedback trackbacks pingbacks
    bibliography notes footnotes credits see faq faqs questions question asked answers""".split())
_WORD = re.compile(r"\w+")


_LETTERS = re.compile(r"[^\W\d_]{2}")


def _furniture_title(text: str) -> bool:
    """A title naming furniture, or no title of words at all (a changelog's "03/03/2026")."""
    words = set(_WORD.findall(text.lower()))
    return not FURNITURE.isdisjoint(words) or not TAIL_WORDS.isdisjoint(words) or not _LETTERS.search(text)


def restore_tail_section(root, lines: list[str], blocks: list[tuple], host: str | None = None) -> list[str]:
    """``lines`` with the titled section that follows their last line in ``root`` put back at the end.

    ``blocks`` is ``gaps.block_texts(root)`` (``(element, text)`` in document order); ``host`` the
    page's host. Returns a new list, or ``lines`` itself when nothing is put back. The search
    stops at the first block after the last kept one: a walk back over ``blocks`` to the block
    of the last line, then a look at the next one (a subheading, or nothing is done)."""
    if not TAIL_SECTIONS or len(lines) < 2 or not blocks:
        return lines
    last = norm(lines[-1])
    at = next((k for k in range(len(blocks) - 1, -1, -1) if blocks[k][1] == last), None)
    if at is None:
        return lines
    kept = blocks[at][0]
    holders = set(kept.iterancestors())
    # the blocks after it outside its holders, as far as they are read (not a copy of the page's rest)
    rest = list(islice(((el, text) for el, text in islice(blocks, at + 1, None) if el not in holders), MAX_TAIL + 2))
    if len(rest) < 2 or rest[0][0].tag not in _HEADINGS:
        return lines
    heading, title = rest[0]
    top = _near(heading, kept, MAX_UP)
    if top is None or _furniture_title(title) or not _acceptable(heading, title, top, host):
        return lines
    position = line_positions(lines)
    flat = " ".join(position)
    if title in position:
        return lines
    cut = cut_blocks(root)
    inner = {anc for el, _ in rest[1:MAX_TAIL + 2] for anc in el.iterancestors("li", "p")}
    taken: list[str] = []
    for el, text in rest[1:MAX_TAIL + 2]:
        if el in inner:
            continue
        if el.tag != "li" or text in flat or el in cut or _near(el, kept, MAX_UP + 1) is None \
                or not _acceptable(el, text, top, host):
            break
        taken.append(f"- {text}")
    if len(taken) < MIN_ITEMS:
        return lines
    return [*lines, title, *taken]
