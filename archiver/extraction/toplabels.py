"""The headline read again at the top of the text, under the labels printed above it.

trafilatura drops a first line that is the headline (``extraction.extract`` does too), but a page
that prints labels above its ``<h1>`` inside the article (a Medium "Member-only story" line, a
newsletter's "Morning Briefing · Tuesday, January 11, 2022" kicker) gives a text that starts with
the label, then the headline again. Such a label is furniture by the seeds' rules (section labels,
dates), and the headline is the title line, not body text.

The headline also comes back below the text's first lines (``drop_stray_headline``): when a body is
cut into two containers of the same class and the first is short (``<div class="articleBody">``
holding the lead, a related link, then ``<div class="articleBody">`` with the rest;
https://github.com/bookieio/breadability/issues/15, the first paragraph in a container of its own),
trafilatura writes the first container, then the whole article around the second, headline and all:
the lead, the headline, the rest. A standfirst printed above the ``<h1>`` inside the article gives
the same order. A line equal to the headline (3 words or more) among the text's first
``MAX_STRAY_AT`` + 1 lines, after a line that ends as a sentence, goes when the page shows that
line out of its place: the headline ``<h1>`` comes before the block of the text's first line. (Without
that test it took a book review's title line printed below its first paragraph, which
trafilatura-eval's truth keeps, and an event page's.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape as html_escape

from .sites import normalise

__all__ = ["drop_labelled_headline", "drop_stray_headline", "drop_title_line", "same_line", "slug_title",
           "strip_invisibles", "without_forward_prefix", "without_heading_label", "without_list_tag"]

# trafilatura deletes the characters Python does not call printable from the text it writes, among
# them the zero-width non-joiner and joiner Persian and the Indic scripts spell words with
# ("می‌شود"), the soft hyphen and the zero-width space; the page's title, read from <title> or
# metadata, keeps them. A Persian headline then never equals the text's first line, and stays as
# the body's first paragraph (https://github.com/fhamborg/news-please/issues/215, a Persian news
# page). INVISIBLES: the comparison leaves them out on both sides (stage:title-invisibles).
INVISIBLES = True
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def strip_invisibles(text: str) -> str:
    """``text`` without the soft hyphen and the zero-width characters (space, non-joiner, joiner,
    word joiner, BOM); ``text`` itself when ``INVISIBLES`` is off or it is ASCII."""
    if not INVISIBLES or text.isascii():
        return text
    return text.translate(_INVISIBLE)


def same_line(a: str, b: str) -> bool:
    """``a`` and ``b`` are the same line: equal as ``sites.normalise`` compares, without the
    characters trafilatura deletes (:func:`strip_invisibles`)."""
    return normalise(strip_invisibles(a)) == normalise(strip_invisibles(b))

MAX_LABELS = 3       # at most this many label lines above the headline
MAX_LABEL_WORDS = 12  # a label is short ...
_SENTENCE_END = ".!?:;\"”’)"  # ... and does not end as a sentence (a standfirst above the headline)


def _label(line: str) -> bool:
    text = line.strip()
    return bool(text) and len(text.split()) <= MAX_LABEL_WORDS and text[-1] not in _SENTENCE_END


def drop_labelled_headline(lines: Sequence[str], title: str | None) -> list[str]:
    """``lines`` without the headline and the labels above it, when the text starts with 1 to
    ``MAX_LABELS`` short label lines (at most ``MAX_LABEL_WORDS`` words, no sentence end) and then
    a line equal to ``title`` (compared as ``sites.normalise`` does); else ``lines`` unchanged.
    A text whose first line is the headline is left to the caller."""
    if not title or len(lines) < 3:
        return list(lines)
    want = normalise(title)
    for k in range(1, min(MAX_LABELS, len(lines) - 2) + 1):
        if not _label(lines[k - 1]):
            break
        if normalise(lines[k]) == want:
            return list(lines[k + 1:])
    return list(lines)


STRAY_HEADLINE = True  # False: the headline read again after the lead stays a line of the text (ablation)
MAX_STRAY_AT = 3  # the headline read again as one of the text's lines 2 to 4
MIN_STRAY_WORDS = 3  # a headline of fewer words may be a subheading's text as well


_TEXT_BLOCKS = ("p", "div", "li", "td", "blockquote", "h2", "h3", "h4", "h5", "h6", "section")


def _after_headline(headline, first: str) -> bool:
    """The headline element comes before the first block whose text is ``first`` in its tree."""
    want = " ".join(first.split())
    seen = False
    for el in headline.getroottree().iter():
        if el is headline:
            seen = True
        elif isinstance(el.tag, str) and el.tag in _TEXT_BLOCKS and " ".join(el.text_content().split()) == want:
            return seen
    return False


def drop_stray_headline(lines: Sequence[str], title: str | None, headline=None) -> list[str]:
    """``lines`` without a line equal to ``title`` (compared as ``sites.normalise`` does) that comes
    second to ``MAX_STRAY_AT`` + 1st, after a line ending as a sentence, with a line after it, when
    ``headline`` (the page's ``<h1>`` element, holding ``title``) comes before the block of the first
    line in the page; else ``lines`` unchanged. The first line is left to the caller and
    ``drop_labelled_headline``."""
    if (not STRAY_HEADLINE or not title or headline is None or len(lines) < 3
            or len(title.split()) < MIN_STRAY_WORDS):
        return list(lines)
    size = len(title)
    want = None
    for k in range(1, min(MAX_STRAY_AT, len(lines) - 2) + 1):
        if abs(len(lines[k]) - size) > size // 2 + 8:
            continue  # the length tells most lines apart before any normalising
        if want is None:
            want = normalise(title)
        if normalise(lines[k]) == want:
            if (any(line.strip() and line.strip()[-1] in _SENTENCE_END for line in lines[:k])
                    and normalise(" ".join(headline.text_content().split())) == want
                    and _after_headline(headline, lines[0])):
                return [*lines[:k], *lines[k + 1:]]
            break
    return list(lines)


MAX_KICKER_WORDS = 4  # a kicker inside the <h1>: a section name, "Exclusive", "Live", "Analysis"


def _lines(el) -> list[str]:
    """The text of ``el`` cut at its ``<br>``s, each piece's whitespace collapsed, empty ones left out."""
    pieces: list[str] = [""]

    def walk(node, top: bool) -> None:
        if node.tag == "br":
            pieces.append("")
        elif isinstance(node.tag, str):
            pieces[-1] += node.text or ""
            for child in node:
                walk(child, False)
        if not top:
            pieces[-1] += node.tail or ""

    walk(el, True)
    return [" ".join(p.split()) for p in pieces if p.split()]


def headline_under_kicker(h1, title: str) -> str:
    """The headline without the kicker printed above it inside the same ``<h1>``, cut by a
    ``<br>`` ("<span>World</span><br>Kazakh leader: ..."): trafilatura reads such an ``<h1>`` glued
    ("WorldKazakh leader: ..."). When ``title`` is the ``<h1>``'s lines read together (glued or
    with spaces), every line but the last is a kicker (the whole text of an element of its own,
    at most ``MAX_KICKER_WORDS`` words, no sentence end) and the last does not start in lower case
    (a headline broken over two lines), the last line; else ``title`` unchanged."""
    if h1 is None or not title:
        return title
    lines = _lines(h1)
    if len(lines) < 2 or normalise(title) not in (normalise("".join(lines)), normalise(" ".join(lines))):
        return title
    marked = {" ".join(el.text_content().split()) for el in h1.iterdescendants() if isinstance(el.tag, str)}
    if lines[-1][0].islower():
        return title  # one headline broken over two lines ("Bridge reopens<br>after two years")
    if all(line in marked and _label(line) and len(line.split()) <= MAX_KICKER_WORDS for line in lines[:-1]):
        return lines[-1]
    return title


SLUG_TITLE = True  # False: a title made from a file name's slug stays the title (ablation)
MAX_SLUG_AT = 3  # the headline as written among the text's first lines
_SLUG_WORD = re.compile(r"[^\W_]+")
_PUNCT = re.compile(r"[^\w\s]")


def slug_title(lines: Sequence[str], title: str | None) -> tuple[str, int] | None:
    """The headline as written, when ``title`` was made from a file name's slug: a site generator
    titles a post with no title of its own from its file name ("2022-01-13-russia-led-csto-troops-...md"
    gives "Russia Led Csto Troops ..."), and the post's text holds the headline as written ("Russia-Led
    CSTO Troops ...") as one of its first :data:`MAX_SLUG_AT` lines. ``title`` has no punctuation, and
    the line has the same words (case aside) with punctuation the title lacks, and is not a label in
    capitals ("GARDENING IN A WARMING WORLD:", a WCXB page's heading above the title's text). Returns
    the line and its index in ``lines``, or None."""
    if not SLUG_TITLE or not title or _PUNCT.search(title) or len(title.split()) < 3:
        return None
    words = [w.casefold() for w in _SLUG_WORD.findall(title)]
    for i, line in enumerate(lines[:MAX_SLUG_AT]):
        if len(line) <= 2 * len(title) and _PUNCT.search(line) and line.casefold() != title.casefold() \
                and not line.isupper() and not line.endswith(":") \
                and [w.casefold() for w in _SLUG_WORD.findall(line)] == words:
            return line, i
    return None


# False: a forwarded e-mail's subject keeps its "Fwd:" in the title (ablation)
FORWARD_PREFIX = True
_FORWARD = re.compile(r"^(?:fwd?|fw)\s*:\s*(?=\S)", re.I)


def without_forward_prefix(title: str) -> str:
    """``title`` without the "Fwd: " / "FW: " a mail program puts before a forwarded message's subject
    (a webmail's print view titled "Gmail - Fwd: Headline"); other titles unchanged."""
    if not FORWARD_PREFIX or not title or title[:1] not in "fF":
        return title
    return _FORWARD.sub("", title, count=1)


# False: a list archive's message keeps the list's "[kz-watch] " tag in the title (ablation)
LIST_TAG = True
# a mailing list's subject tag: its name, no space, in lower case or joined by "-", "_", "." ("[kz-watch]",
# "[Python-Dev]", "[nsp]"), starting with a letter; a label in capitals or one capitalised word ("[VIDEO]",
# "[Update]") and a note's number ("[1]") stay
_LIST_TAG = re.compile(r"^\[([a-z][a-z0-9]*|[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)+)\]\s+(?=\S)")
# a list archive's page: Pipermail's article marks, MHonArc's signature comment
_ARCHIVE_MARKS = ("<!--beginarticle-->", "MHonArc")


def without_list_tag(title: str, html: str = "") -> str:
    """``title`` without the "[list-name] " tag a mailing list puts before each subject (a Pipermail or
    MHonArc archive's page titled "[kz-watch] Headline"), when ``html`` (the page) is a list archive's
    (``_ARCHIVE_MARKS``) or names the tag as its list ("kz-watch mailing list", "listinfo/kz-watch",
    "kz-watch@"); other titles unchanged: a news page's "[Op-Ed] ", "[video] ", "[COVID-19] " stay.
    Applied after the text's first lines were compared with the title (the archive's ``<h1>`` carries
    the tag too)."""
    if not LIST_TAG or not title or title[:1] != "[":
        return title
    tag = _LIST_TAG.match(title)
    if tag is None:
        return title
    if not any(mark in html for mark in _ARCHIVE_MARKS):
        name = tag.group(1).lower()
        low = html.lower()
        if not any(f in low for f in (f"{name} mailing list", f"listinfo/{name}", f"{name}@")):
            return title
    return title[tag.end():]


# False: a notification mail's "[New post] " tag stays in the title though the page shows the headline
# without it (ablation)
SHOWN_TAG = True
_ANY_TAG = re.compile(r"^\[([^\[\]<>]{1,30})\]\s+(?=\S)")


def without_shown_tag(title: str, html: str = "") -> str:
    """``title`` without a bracketed tag before it ("[New post] Headline", the subject of WordPress.com's
    mail to a blog's followers, as the mail's web copy is titled) when ``html`` (the page) shows the rest
    of the title without the tag, as the whole text of an element (``>Headline</``): the headline as
    the page shows it is the title; a tag the page shows no headline without ("[Op-Ed] " where the
    ``<h1>`` is "[Op-Ed] Headline" too, or no element is the headline alone) stays."""
    if not SHOWN_TAG or not title or title[:1] != "[":
        return title
    tag = _ANY_TAG.match(title)
    if tag is None:
        return title
    rest = title[tag.end():].strip()
    if len(rest) < 10:
        return title
    shown = html_escape(rest, quote=False)
    return rest if any(f">{text}</" in html for text in {shown, rest}) else title


# False: the headline under a line the paragraph rules took (a repost's "Reposted from ..." lead) stays
# the text's first paragraph (ablation)
TITLE_AFTER_RULES = True


def drop_title_line(paragraphs: Sequence[str], title: str | None) -> list[str]:
    """``paragraphs`` (after the paragraph rules) without a first paragraph equal to ``title`` (as
    :func:`same_line` compares), when another follows: the headline was read second, under a line
    the rules took since (a mail's "Reposted from Ukraine Today ..." above the pasted headline), so the
    first-line test before the rules did not see it. Else ``paragraphs`` unchanged."""
    if TITLE_AFTER_RULES and title and len(paragraphs) > 1 and same_line(paragraphs[0], title):
        return list(paragraphs[1:])
    return list(paragraphs)


# False: a forum's thread prefix or "Thread:" label opening the <h1> stays in the title (ablation, rend20)
HEADING_LABEL = True
MAX_HEADING_LABEL_WORDS = 3
_LABEL_GAP = re.compile(r"\s*(?:[-–—:|·]\s*)?")
_LABEL_CLASS = re.compile(r"(?:^|[\s_-])(?:label|prefix|badge|tag)s?(?:$|[\s_-])", re.I)


def without_heading_label(h1, title: str) -> str:
    """``title`` without a label the ``<h1>`` opens with, as a forum writes a thread's title: a prefix
    label as an element of its own (XenForo's ``<h1><span class="label">News</span> Headline</h1>``,
    its ``<title>`` and ``og:title`` "News - Headline") or the heading's own leading text
    (vBulletin's ``<h1>Thread: <span>Headline</span></h1>``). The element is named a label by its class
    (a word "label", "prefix", "badge" or "tag"); the leading text ends with a colon and the rest of the
    heading is its elements'. When ``title`` is the label (at most ``MAX_HEADING_LABEL_WORDS`` words), a
    separator, then the rest of the ``<h1>``'s text (at least three words), the rest; else ``title``
    unchanged. A kicker the page writes as part of the headline's own text ("<h1>Review: Headline</h1>",
    no element apart), a kicker element not named a label (``span.h1small``) and a headline opening with
    plain words before an element ("Frauen im <abbr>THW</abbr>: ...") stay."""
    if not HEADING_LABEL or h1 is None or not title:
        return title
    children = [el for el in h1 if isinstance(el.tag, str)]
    if not children:
        return title
    lead = " ".join((h1.text or "").split())
    if lead:
        label = lead if lead.endswith(":") and not any((el.tail or "").strip() for el in children) else ""
    else:
        label = " ".join(children[0].text_content().split()) if _LABEL_CLASS.search(children[0].get("class") or "") \
            else ""
    if not label or len(label.split()) > MAX_HEADING_LABEL_WORDS or not title.startswith(label):
        return title
    rest = title[_LABEL_GAP.match(title, len(label)).end():].strip()  # type: ignore[union-attr]
    whole = " ".join(h1.text_content().split())
    if len(rest.split()) < 3 or normalise(whole.replace(" ", "")) != normalise((label + rest).replace(" ", "")):
        return title
    return rest
