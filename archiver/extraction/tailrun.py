"""Stage 2c (after ``leadrun``): put back the body's last paragraphs when trafilatura stopped at an earlier container.

The mirror of ``leadrun.py``. A template may write the first part of a story in one container and
the rest in a sibling container of the same tag but another name (``<section class="post">`` with
the headline and the first paragraphs, then ``<section class="post-cont">``; ``<div
class="entry">`` then ``<div class="entry-more">``). trafilatura's body XPaths find the first
container by its name and read only that one: the rest of the article is lost, for archiver and
bare trafilatura alike (reports: https://github.com/brave/brave-browser/issues/20607, the article
"inside ``section`` tags, but there's no enclosing ``article`` tag";
https://github.com/martinrotter/rssguard/issues/2113, "part of html was cut"). Containers of
one tag *and* class are the ``chunks`` stage's, merged before trafilatura runs.

A run is taken back when every signal agrees that it is the rest of the body:

- position: the blocks right after the block of the text's last line (``gaps.block_texts``, in
  document order), starting in *another* container than that block (trafilatura read up to the
  end of its container; a paragraph it skipped inside the container is a decision, not a
  boundary), in a sibling container of the same tag: the children of their common ancestor
  holding each are two elements of one tag and different class names, digits aside (one tag
  and class is a card or a panel like the last, ``story-block sbpos-3`` then ``sbpos-4``, or a
  body the ``chunks`` stage merged), the common ancestor at
  most ``MAX_UP`` levels above the last kept block and above each paragraph (a cookie notice or a
  sign-up box at the page's end stands far above the body: on the dev sets every run taken from
  such a place was furniture);
- shape: at least ``MIN_TAIL`` paragraphs that read as sentences (``MIN_WORDS`` words, closing
  punctuation), under a quarter of each link text, none in the output already, each of the
  last kept paragraph's own class (digits aside: a plain ``<p>`` after a plain ``<p>``; a
  responsive pair's ``p.d-none.d-md-block`` or a teaser's ``p.standfirst`` after a body's plain
  ``<p>`` is another kind of paragraph); subheadings between them (or opening the run) come along
  when they are titles of words that name no furniture (``tailsection``'s test: "Related",
  "Comments", "You might like" end the run) and are not mostly link text (a teaser's title);
- names: neither a paragraph nor an ancestor below the common one is tagged or named as
  furniture (``gaps.FURNITURE``, ``gaps._AWAY``), named as another story, the writer or the
  readers (``_ELSEWHERE``: ``story-upnext``, ``entry-writer``, ``post-replies``) or hidden by its markup.

The run ends at the first block that is none of these (a list, a caption, a short line).
"""

from __future__ import annotations

import re

from .dom import name_words
from .gaps import _AWAY, FURNITURE, MAX_HEADING, _link_share, _near, hidden_block, norm
from .headings import SENTENCE_END
from .tailsection import _furniture_title

__all__ = ["TAIL_RUN", "restore_tail_run"]

TAIL_RUN = True  # False: the body's last paragraphs in a sibling container stay out (ablation)
MIN_TAIL = 2  # paragraphs of a run, at least (one alone is as often a sign-off or a pitch)
MAX_UP = 3  # levels above a run's paragraph to its common ancestor with the last kept block
MIN_WORDS = 8
MAX_LINK_SHARE = 0.25
_HEADINGS = frozenset(("h2", "h3", "h4"))
_DIGITS = re.compile(r"\d+")
# a sibling container named as another story, the writer or the readers, not the rest of this body
# (``section.story-upnext``, ``div.entry-writer``, ``section.post-replies``): words FURNITURE lacks
ELSEWHERE = True  # stage:tail-run-elsewhere; False: such a container's run is taken too (ablation)
_ELSEWHERE = frozenset("""next upnext prev previous replies reply responses discussion disqus reactions
    guestbook bio bios biography writer writers contributor contributors profile about""".split())

# a container named as the readers' comments in a language FURNITURE's English words miss (``div#commenti``,
# ``section.kommentare``, ``div.comentarios``, ``div.reacties``; bug16, https://github.com/ZachSaucier/Just-Read/issues/48:
# an Italian thread longer than the story was taken as its tail); "commentary" is an opinion piece, not a thread
THREAD_WORDS = True  # stage:tail-run-threads; False: such a container's run is taken (ablation)
_THREAD = re.compile(r"^(?:comm?ent(?!ar(?:y|ies)$)|komm?ent|coment|reacti|reaktion|opmerking|yorum)", re.I)


def _thread_named(words) -> bool:
    return THREAD_WORDS and any(_THREAD.match(word) for word in words)


def _below(el, top):
    """The child of ``top`` that holds ``el`` (``el`` itself when it is one)."""
    node = el
    for anc in el.iterancestors():
        if anc is top:
            return node
        node = anc
    return None


def _clean(el, top) -> bool:
    """Neither ``el`` nor an ancestor below ``top`` is furniture by tag or name, or hidden."""
    for node in (el, *el.iterancestors()):
        if node is top:
            return True
        words = name_words(node)
        if node.tag in _AWAY or not FURNITURE.isdisjoint(words) or (ELSEWHERE and not _ELSEWHERE.isdisjoint(words)) \
                or _thread_named(words):
            return False
        if node.attrib and hidden_block(node):
            return False
    return False


def _classes(el) -> list[str]:
    """``el``'s class words with their digits taken out (``sbpos-3`` and ``sbpos-4`` are one name)."""
    return _DIGITS.sub("", el.get("class") or "").split()


def _paragraph(el, text: str, end) -> bool:
    if len(text.split()) < MIN_WORDS or not SENTENCE_END.search(text) or _link_share(el, text) > MAX_LINK_SHARE:
        return False
    if sorted(_classes(el)) != sorted(_classes(end)):
        return False  # not a paragraph of the body's kind (a responsive pair's "d-none d-md-block", a teaser's)
    top = _near(el, end, MAX_UP)
    return top is not None and _clean(el, top)


def restore_tail_run(lines: list[str], blocks: list[tuple]) -> list[str]:
    """``lines`` with the run of body paragraphs after the block of its last line put back at the end.

    ``blocks``: ``gaps.block_texts`` of the tree trafilatura read. Returns ``lines`` unchanged (as a
    new list) when no such run is found."""
    if not TAIL_RUN or len(lines) < 2 or not blocks:
        return list(lines)
    last = norm(lines[-1])
    at = [i for i, (_, text) in enumerate(blocks) if text == last]
    if len(at) != 1 or at[0] == len(blocks) - 1 or blocks[at[0]][0].tag != "p":
        return list(lines)
    end = blocks[at[0]][0]
    have: set[str] | None = None  # the output's lines, made only once a block passes the tests above
    run: list[tuple] = []
    heading = None
    for el, text in blocks[at[0] + 1:]:
        if el.tag in _HEADINGS:
            if heading is not None or len(text) > MAX_HEADING or _furniture_title(text):
                break
            if _link_share(el, text) > 0.5:
                break  # a linked title: a teaser's, not a section's
            top = _near(el, end, MAX_UP)
            if top is None or not _clean(el, top):
                break
        elif el.tag != "p" or not _paragraph(el, text, end):
            break
        if have is None:
            have = {norm(line) for line in lines}
        if text in have:
            break
        if el.tag in _HEADINGS:
            heading = (el, text)
            continue
        if heading is not None:
            run.append(heading)
            heading = None
        run.append((el, text))
    if sum(el.tag == "p" for el, _ in run) < MIN_TAIL:
        return list(lines)
    first = run[0][0]
    if first.getparent() is end.getparent():
        return list(lines)  # the same container: trafilatura skipped them there on purpose
    top = _near(first, end, MAX_UP)
    if top is None or _near(end, first, MAX_UP) is not top:
        return list(lines)  # the common ancestor close above both: not a box elsewhere on the page
    mine, theirs = _below(end, top), _below(first, top)
    if mine is None or theirs is None or mine is theirs or mine.tag != theirs.tag:
        return list(lines)
    if sorted(_classes(mine)) == sorted(_classes(theirs)):
        return list(lines)  # one tag and class: a card or an accordion panel like the last (chunks merges a body's)
    return [*lines, *(text for _, text in run)]
