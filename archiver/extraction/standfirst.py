"""Stage 2b: put back a standfirst that trafilatura left out.

The standfirst (teaser, lede, intro paragraph) is article text, but pages
mark it up as page furniture: a ``<p class="teaser-text">`` or a ``<div
class="article__intro">`` in the header, next to the headline. trafilatura
drops "teaser" classes on purpose (they are often promos for other articles)
and in precision mode drops headers outright, so on many news sites the
first paragraph goes missing. It is found here by position and name: the
first single-paragraph block after the headline ``<h1>``, within a short
stretch of text, whose class or id names it as a standfirst (words in the
rules data), and no word naming something else (``veto_words``: an author
bio's ``author-bio--description``). A teaser for another article sits in a
list or an aside, far from the headline, and is not taken. The search runs before the DOM stage,
which may remove the header that holds it. A subtree whose class or id names a site's tagline (``skip_words``)
is passed over: on a Blogger page the ``<h1>`` is the blog's name and the paragraph under it its description
(``p.description``, a standfirst's word), which was put back above every post
(https://github.com/mozilla/readability/issues/819).
A named block of several lines (``div.chapo`` holding the paragraph and its date line) is no
standfirst itself; its one paragraph of the size is, as its first line (not where it holds two: body
text; not under a label: a "Summary:" box). In the headline's own ``<hgroup>`` (``group_tags``) the
blocks after the ``<h1>`` count as named: HTML defines them as its subtitle. Short deks are still left
out: the dev sets' truths mostly leave them out (bench/RESULTS.md, "dek29").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .dom import block_text
from .model import Removed
from .rules import StandfirstRule

__all__ = ["find_standfirst", "restore_standfirst", "unrecord"]

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
# False: the headline's <hgroup> is searched by names only, as any other subtree (stage:standfirst-hgroup)
HGROUP = True
# False: a named block of several lines (the standfirst and its date line in one div.chapo) is not
# searched for the paragraph inside it (stage:standfirst-in-named)
IN_NAMED = True
# False: a subtree named by the rule's skip words (a blog's tagline under its name: Blogger's
# div.descriptionwrapper, a theme's .site-description) is searched like any other (stage:standfirst-skip-named)
SKIP_NAMED = True


def _names(el) -> str:
    """Class and id as lower-case words (``storyLead`` -> ``story lead``)."""
    raw = " ".join(v for v in (el.get("class"), el.get("id")) if v)
    return _CAMEL.sub(" ", raw).lower() if raw else ""


def _after(el):
    """Top-level elements following ``el`` in document order (its later siblings, then its ancestors')."""
    node = el
    while node is not None:
        yield from node.itersiblings()
        node = node.getparent()


def _text_len(el) -> int:
    return len(" ".join(el.text_content().split()))


def _acceptable(el, rule: StandfirstRule) -> str | None:
    text = block_text(el)
    if "\n" in text or not rule.min_chars <= len(text) <= rule.max_chars:
        return None
    links = sum(_text_len(a) for a in el.iter("a"))
    return text if links <= rule.max_link_share * len(text) else None


def _in_named(el, rule: StandfirstRule) -> str | None:
    """The one paragraph of standfirst size in a named block of several lines (the standfirst beside its
    date line), or None: a block of two such paragraphs is body text, not a standfirst."""
    if not IN_NAMED:
        return None
    sized = []
    for p in el.iter("p"):
        if _text_len(p) >= rule.min_chars:
            sized.append(p)
            if len(sized) > 1:  # a container of the body: stop at its second paragraph
                return None
    if not sized or sized[0] is el:
        return None
    found = _acceptable(sized[0], rule)
    # the block's first line: a labelled box ("Summary:" above it, a TL;DR) is a summary, not a dek
    return found if found and block_text(el).split("\n", 1)[0].strip() == found else None


def _in_group(headline, rule: StandfirstRule) -> set:
    """The elements after ``headline`` in its own heading group (an ``<hgroup>``: by HTML's definition its
    other headings and paragraphs are the headline's subtitle), as standfirst candidates whatever their names."""
    parent = headline.getparent()
    if not HGROUP or parent is None or parent.tag not in rule.group_tags:
        return set()
    return {el for el in headline.itersiblings() if el.tag in ("p", "h2", "h3", "h4", "h5", "h6", "div")}


def find_standfirst(headline, rule: StandfirstRule | None) -> str | None:
    """The standfirst paragraph following ``headline`` (an ``<h1>``), or None."""
    if headline is None or rule is None:
        return None
    used = 0
    grouped = _in_group(headline, rule)
    for top in _after(headline):
        stack = [top]
        while stack:
            el = stack.pop()
            tag = el.tag
            if not isinstance(tag, str):
                continue
            names = _names(el)
            if tag in rule.skip_tags or SKIP_NAMED and names and rule.skip and rule.skip.search(names):
                used += _text_len(el)
            else:
                named = el in grouped or bool(names and rule.marker.search(names)
                                              and not (rule.veto and rule.veto.search(names)))
                if named:
                    found = _acceptable(el, rule) or _in_named(el, rule)
                    if found:
                        return found
                used += len((el.text or "").strip())
                stack.extend(reversed(el))
            used += len((el.tail or "").strip())
            if used > rule.search_chars:
                return None
    return None


def _flat(text: str) -> str:
    return " ".join(text.split())


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def held_share(standfirst: str, text: str) -> float:
    """Share of the standfirst's characters (0..1) in sentences that ``text`` already holds.

    A body often repeats the standfirst's first sentence and goes on otherwise, so a
    matching opening alone does not mean the standfirst is there.
    """
    want, have = _flat(standfirst), _flat(text)
    if not want or want in have:
        return 1.0
    sentences = _SENTENCE_END.split(want)
    return sum(len(s) for s in sentences if s in have) / sum(map(len, sentences))


def restore_standfirst(lines: Sequence[str], standfirst: str | None, held: float = 0.5) -> list[str]:
    """``lines`` with the standfirst in front, unless the text already holds at least
    ``held`` of it (:func:`held_share`)."""
    lines = list(lines)
    if not standfirst or held_share(standfirst, " ".join(lines)) >= held:
        return lines
    return [standfirst, *lines]


def unrecord(removed: Sequence[Removed], standfirst: str) -> list[Removed]:
    """The removed blocks without the standfirst's line: it is article text again
    (the DOM stage may have taken the header that held it)."""
    out = []
    for block in removed:
        lines = [line for line in block.text.split("\n") if line != standfirst]
        if len(lines) == len(block.text.split("\n")):
            out.append(block)
        elif lines:
            out.append(Removed(block.rule, block.stage, "\n".join(lines)))
    return out
