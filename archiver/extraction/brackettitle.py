"""A thread's title wrapped in bracketed tags, the headline alone as the post's first line.

A textboard's news thread (5ch's and 2ch's news boards, their copies) titles the reporter's repost
"【カザフスタン】Headline [ニューシー★]": the board's topic tag in lenticular brackets before the
headline, the reporter's handle (or the source's name) in square brackets after it, in the ``<h1>``
and the ``<title>`` alike. The post then opens with the headline alone. That line is the title.
"""
from __future__ import annotations

import re

# False: a title of bracketed tags around the post's first line stays whole (ablation)
BRACKET_TAGS = True

_TAG = r"(?:【[^】]{1,40}】|\[[^\]]{1,40}\]|［[^］]{1,40}］|〔[^〕]{1,40}〕|（[^）]{1,40}）)"
_WRAPPED = re.compile(rf"^(?P<before>(?:{_TAG}\s*)*)(?P<headline>.+?)(?P<after>(?:\s*{_TAG})*)$")
# a board's tag: in East Asian brackets, or holding East Asian script or the reporter's star ("[ニューシー★]");
# a news page's own "[Op-Ed] ", "[Video] " or a mailing list's "[harbour-watch] " is not one (renditions13)
_BOARD_TAG = re.compile(r"[【［〔（]|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af★☆]")


def bracketed_title(title: str | None, lines: list[str], look: int = 3) -> str | None:
    """The headline inside ``title`` when the title is that headline with a board's bracketed tags
    around it (one tag or more, before or after: 【...】, ［...］, 〔...〕, full-width parentheses, or
    [...] holding East Asian script or a star: "[ニューシー★]"; a news page's "[Op-Ed] " is its own
    label and stays) and one
    of the text's first ``look`` ``lines`` is the headline alone (whitespace collapsed; 3 words or
    more). Returns it, or None: no tag, no such line, or ``BRACKET_TAGS`` off. A title that is a
    tag and nothing else, or whose tags the first lines repeat ("[Video] Headline" with the line
    "[Video] Headline"), is left alone."""
    if not BRACKET_TAGS or not title:
        return None
    found = _WRAPPED.match(" ".join(title.split()))
    if found is None or not _BOARD_TAG.search(found.group("before") + found.group("after")):
        return None
    headline = found.group("headline").strip()
    if len(headline.split()) < 3:
        return None
    return headline if any(" ".join(line.split()) == headline for line in lines[:look]) else None


def tags_around(shown: str | None, title: str | None) -> bool:
    """``shown`` (the ``<h1>`` as the page shows it) is ``title`` with bracketed tags around it, as
    :func:`bracketed_title` reads them: the title line is then the title, not the tagged ``<h1>``
    (which :func:`shownhead.shown_headline` would otherwise give for it). False with ``BRACKET_TAGS`` off."""
    if not BRACKET_TAGS or not shown or not title:
        return False
    found = _WRAPPED.match(" ".join(shown.split()))
    return bool(found and _BOARD_TAG.search(found.group("before") + found.group("after"))
                and found.group("headline").strip() == " ".join(title.split()))
