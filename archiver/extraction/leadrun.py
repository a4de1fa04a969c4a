"""Stage 2c (after ``gaps``): put back the body's first paragraphs when trafilatura began at a later container.

Many pages write the lead of a story in a container of its own and the rest in the container
named as the body (``<div class="article-lead">`` with two paragraphs, an advertisement, then
``<div class="article-body">``). trafilatura's body XPaths find the named body first and read only
that: the first paragraphs are lost, the most common report against article extractors
(https://github.com/ZachSaucier/Just-Read/issues/95, first paragraphs missing after an ad;
https://github.com/ZachSaucier/Just-Read/issues/316; https://github.com/andreskrey/readability.php/issues/84).
A single named lead paragraph is the standfirst stage's; a run of them is taken here, when every
signal agrees that it is the start of the body:

- position: the run of ``<p>``s right before the block of the text's first line (blocks with
  text between them, in document order), all after the page's headline ``<h1>``, close to that
  block in the tree (a common ancestor at most ``MAX_UP`` levels above each), at least
  ``MIN_LEAD`` and at most ``MAX_LEAD`` of them (a longer run is another layout, not a lead). A
  single paragraph there is a dek as often as a lead: taken, it helped trafilatura-eval (.0005:
  French chapôs, German intros) and cost WCXB dev (affiliate disclosures, "We may earn commission
  from links on this page", and summaries above the body, which its truth leaves out), and AEB
  leaves deks out too; one named as a standfirst is the standfirst stage's;
- shape: each reads as a sentence (``MIN_WORDS`` words, closing punctuation), under a quarter
  of it link text, and the output does not hold it already;
- shown: neither it nor an ancestor below the common one is hidden by its markup
  (``gaps.hidden_block``, under the gap stage's switch ``stage:gaps-hidden``);
- names: neither it nor an ancestor below the common one is tagged or named as furniture
  (``gaps.FURNITURE``: caption, promo, related, teaser, byline ...; an ``<aside>``, ``<figure>``)
  or as a dek (``DEK_WORDS``: a summary under the headline in the article's header or hero, which
  AEB's truth leaves out: the standfirst stage decides on those, by its own rules).

A page without a headline ``<h1>`` is left alone: the run could be anything above the body.

A body written as ``<div>`` paragraphs is no run of ``<p>`` blocks; there the lead is taken when it
shares a class with the block of the text's first line (``CLASS_TWIN``): CNN's lead paragraph
``<p class="zn-body__paragraph speakable">`` in a container of its own, an advertisement, then
``<div class="zn-body__paragraph">`` after ``<div class="zn-body__paragraph">``
(https://github.com/postlight/parser/pull/34). A paragraph written in the body's own paragraph
class is no dek, so one is enough; the shape, shown and names tests above still apply.
"""

from __future__ import annotations

from .dom import name_words
from .gaps import _AWAY, FURNITURE, _link_share, _near, hidden_block, norm
from .headings import SENTENCE_END

__all__ = ["LEAD_RUN", "restore_lead"]

LEAD_RUN = True  # False: the lead paragraphs before the body container stay out (ablation)
CLASS_TWIN = True  # False: a lead in the class of the body's <div> paragraphs stays out (ablation)
HEADED = True  # False: a run before a first line that is a subheading, and the run's own title, stay out (ablation)
_HEADINGS = ("h2", "h3", "h4")
MIN_LEAD = 2  # paragraphs of a lead, at least (one alone is as often a dek or a disclosure)
MAX_LEAD = 4  # paragraphs of a lead, at most
MAX_UP = 3  # levels above a lead paragraph to the ancestor it shares with the body's first block (gaps._near)
MIN_WORDS = 8
MAX_LINK_SHARE = 0.25
DEK_WORDS = frozenset("dek deck summary blurb hero header subtitle subheadline subhead description excerpt".split())


def _acceptable(el, text: str, first) -> bool:
    if len(text.split()) < MIN_WORDS or not SENTENCE_END.search(text):
        return False
    if _link_share(el, text) > MAX_LINK_SHARE:
        return False
    top = _near(el, first, MAX_UP)
    if top is None:
        return False
    for node in (el, *el.iterancestors()):
        if node is top:
            return True
        words = name_words(node)
        if node.tag in _AWAY or not FURNITURE.isdisjoint(words) or not DEK_WORDS.isdisjoint(words):
            return False
        if node.attrib and hidden_block(node):
            return False  # hidden by its own markup: trafilatura left it out on purpose (gaps.hidden_block)
    return False


def restore_lead(lines: list[str], blocks: list[tuple], headline) -> list[str]:
    """``lines`` with the lead paragraphs before the block of its first line put back in front.

    ``blocks``: ``gaps.block_texts`` of the tree trafilatura read (``(element, text)`` in document
    order); ``headline``: the page's headline ``<h1>`` element or None. Returns ``lines`` unchanged
    (as a new list) when no lead run is found."""
    if not LEAD_RUN or headline is None or len(lines) < 2 or not blocks:
        return list(lines)
    first = norm(lines[0])
    at = [i for i, (el, text) in enumerate(blocks) if text == first]
    if not at and CLASS_TWIN:
        return class_twins(lines, first, headline)
    starts = ("p", *_HEADINGS) if HEADED else ("p",)
    if len(at) != 1 or at[0] == 0 or blocks[at[0]][0].tag not in starts or blocks[at[0] - 1][0].tag != "p":
        return list(lines)
    start = blocks[at[0]][0]
    have: set[str] | None = None
    run: list[tuple] = []
    for el, text in reversed(blocks[: at[0]]):
        if el.tag != "p" or not _acceptable(el, text, start):
            break
        if have is None:
            have = {norm(line) for line in lines}
        if text in have:
            break
        run.append((el, text))
        if len(run) > MAX_LEAD:
            return list(lines)
    if len(run) < MIN_LEAD:
        return list(lines)
    order = {el: i for i, el in enumerate(headline.getroottree().iter())}
    if headline not in order or any(order.get(el, -1) < order[headline] for el, _ in run):
        return list(lines)
    title = _box_title(blocks, at[0] - len(run) - 1, run[-1][0], have or set()) if HEADED else None
    if title is not None and order.get(title[0], -1) > order[headline]:
        run.append(title)
    return [text for _, text in reversed(run)] + list(lines)


def _box_title(blocks: list[tuple], i: int, first_p, have: set[str]) -> tuple | None:
    """The block ``blocks[i]`` when it is a subheading in the same container as the run's first
    paragraph ``first_p``, right before it: the title of a first section written in a box of its
    own (https://github.com/mozilla/readability/issues/948); else None."""
    if i < 0:
        return None
    el, text = blocks[i]
    if el.tag not in _HEADINGS or el.getparent() is not first_p.getparent() or text in have or len(text) > 150:
        return None
    return el, text


def class_twins(lines: list[str], first: str, headline) -> list[str]:
    """``lines`` with the run of paragraphs before the ``<div>`` of the first line that share a class
    with it put back in front (``CLASS_TWIN``); ``lines`` (as a new list) when there is none."""
    start = None
    for div in headline.getroottree().iter("div"):  # the first line's <div>: its leading text opens the line
        lead = div.text
        if lead and (lead := " ".join(lead.split())) and first.startswith(lead) and norm(div.text_content()) == first:
            start = div
            break
    if start is None:
        return list(lines)
    classes = (start.get("class") or "").split()
    if not classes:
        return list(lines)
    test = " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {c} ')" for c in classes if "'" not in c)
    if not test:
        return list(lines)
    twins = start.xpath(f"preceding::*[self::p or self::div][{test}]")
    if not twins:
        return list(lines)
    order = {el: i for i, el in enumerate(headline.getroottree().iter())}
    have = {norm(line) for line in lines}
    run: list[str] = []
    taken: list = []
    for el in reversed(twins):
        text = norm(el.text_content())
        if text in run or any(el in t.iterancestors() or t in el.iterancestors() for t in taken):
            continue  # a same-class wrapper of a twin taken, or one inside it: the same text again
        if order.get(el, -1) < order.get(headline, len(order)) or text in have or not _acceptable(el, text, start):
            break
        run.append(text)
        taken.append(el)
        if len(run) > MAX_LEAD:
            return list(lines)
    return [*reversed(run), *lines]
