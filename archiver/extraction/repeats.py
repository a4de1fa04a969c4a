"""Stage 2e: the article body read twice (a second copy of the page's text) comes out once.

Some templates carry the whole article twice: a desktop and a mobile rendition
of the same body, a hidden copy for a print or "reader" view, a CMS block that
renders the post again under it. trafilatura reads both copies, so the body
comes out twice (the word bag doubled: precision halves). The second copy is
recognised by where it starts and how long it runs:

- it starts again at the beginning: a long line (``MIN_CHARS`` or more)
  equal to one of the first two long lines of the text;
- from there at least ``MIN_RUN`` long lines in a row repeat lines already
  read before that point (short lines between them, such as subheadings,
  do not break the run).

The run, from its first to its last repeated long line, is dropped. A line
repeated alone (an interview's recurring question, a recipe's repeated step,
a pull quote) never starts the run, since it is not the body's opening, and a
body that opens with a recurring line repeats it without the lines that
followed it; both stay.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from functools import lru_cache
from pathlib import Path

from lxml import html as lxml_html

__all__ = ["CUT_REPEATS", "PULL_QUOTES", "PULL_UNQUOTED", "drop_cut_repeats", "drop_pull_quotes", "drop_repeated_body",
           "MIN_CHARS", "MIN_RUN"]

MIN_CHARS = 60  # a "long" line: a paragraph, not a label or subheading
MIN_RUN = 3  # repeated long lines in a row that make a second copy of the body


PULL_QUOTES = True  # stage:pull-quote-repeats; False: a pull quote known only by its words stays (ablation)
_OPENING = "\"'“„«‘‚»"
_CLOSING = "\"'”“»’‘«"
PULL_MIN_WORDS, PULL_MAX_CHARS = 6, 300
# stage:pull-quote-unquoted; False: a pull quote set without quotation marks (a theme's bare blockquote or box
# repeating a sentence, rend36) stays, and so do the lone mark and the "— Site" line of a dropped quote's box (ablation)
PULL_UNQUOTED = True
PULL_UNQUOTED_MIN_WORDS = 8  # a sentence, not a label or a recurring short line
# lines between an unquoted pull quote and the paragraph it repeats: a designer sets it beside its paragraph (1-5
# in rend36's and the dev sets' pull quotes); an essay quoted in a box, printed in full 14 lines on (WCXB dev 4615)
PULL_UNQUOTED_NEAR = 6
BOXES_FILE = Path(__file__).resolve().parents[1] / "rules" / "pull_quote_boxes.json"
_MARK_LINE = frozenset("\"“”„«»❝❞‘’")
PULL_MAX_TRIED = 50  # quotation lines looked up per page: an article has a few pull quotes; bounds a hostile page
CUT_REPEATS = True  # stage:cut-preview-repeats; False: a preview's cut copy of a body line stays (ablation)
# False: an excerpt cut by an ellipsis right above the paragraph it cuts (a feed item's description over its
# content:encoded, rend25) stays (ablation)
CUT_ABOVE = True
CUT_MIN_WORDS = 8  # words before the ellipsis: a sentence's start, not a label's "Read more..."


def _norm(line: str) -> str:
    return " ".join(line.split())


def _next_long(norm: list[str], i: int, start: str) -> bool:
    """Whether the next long line after ``norm[i]`` (``MIN_CHARS`` or more; up to two short lines between,
    a label such as "Breaking News" or a caption's credit) goes on from ``start`` in full."""
    for other in norm[i + 1:i + 4]:
        if len(other) >= MIN_CHARS:
            return len(other) > len(start) and other.startswith(start) and not other.endswith(("…", "..."))
    return False


def drop_repeated_body(lines: list[str]) -> list[str]:
    """``lines`` without a second copy of the body (see the module text); the same list if there is none.

    ``lines`` are the article's text blocks in page order. Pure function; never raises.
    """
    norm = [_norm(line) for line in lines]
    longs = [i for i, text in enumerate(norm) if len(text) >= MIN_CHARS]
    if len(longs) < MIN_RUN + 1:
        return lines
    first: dict[str, int] = {}
    for i in longs:
        first.setdefault(norm[i], i)
    openings = set(longs[:2])
    for pos, start in enumerate(longs):
        if first[norm[start]] == start or first[norm[start]] not in openings:
            continue
        end, run = start, 0
        for i in longs[pos:]:
            if first[norm[i]] >= start:  # read for the first time here: the copy has ended
                break
            end, run = i, run + 1
        if run >= MIN_RUN:
            return lines[:start] + lines[end + 1:]
    return lines


@lru_cache(maxsize=1)
def _box_markers() -> tuple[frozenset[str], frozenset[str], re.Pattern[str]]:
    """``(tags, class_tokens, class_part_pattern)`` from ``pull_quote_boxes.json``; a missing or broken file
    raises ``ValueError`` naming it."""
    try:
        data = json.loads(BOXES_FILE.read_text(encoding="utf-8"))
        parts = "|".join(re.escape(part.lower()) for part in data["class_parts"])
        return (frozenset(data["tags"]), frozenset(t.lower() for t in data["class_tokens"]),
                re.compile(rf"(?:^|[-_])(?:{parts})(?:[-_]|$)"))
    except (OSError, ValueError, KeyError, TypeError, re.error) as exc:
        raise ValueError(f"{BOXES_FILE}: {exc}") from exc


def _is_box(el: lxml_html.HtmlElement, tags: frozenset[str], tokens: frozenset[str], part: re.Pattern[str]) -> bool:
    if el.tag in tags:
        return True
    return any(t in tokens or part.search(t) for t in (el.get("class") or "").lower().split())


def boxed_lines(blocks: list[tuple[lxml_html.HtmlElement, str]]) -> dict[str, int]:
    """The texts (spaces collapsed) of ``blocks`` (``(element, text)``, ``gaps.block_texts``) set in a pull quote's
    box, each with its box's number (blocks in one box share it): under an element (itself or three levels up)
    that ``archiver/rules/pull_quote_boxes.json`` marks (an ``aside``; a whole class token such as ``quote-box``
    or one holding ``pullquote``; never a plain ``blockquote`` or ``figure``, never ``pull-left``). Raises
    ``ValueError`` when the rules file is missing or broken."""
    tags, tokens, part = _box_markers()
    out: dict[str, int] = {}
    boxes: dict[int, int] = {}
    for el, text in blocks:
        for i, up in enumerate((el, *el.iterancestors())):
            if i > 3:
                break
            if _is_box(up, tags, tokens, part):
                out.setdefault(_norm(text), boxes.setdefault(id(up), len(boxes)))
                break
    return out


def drop_pull_quotes(lines: list[str], boxed: Collection[str] = frozenset()) -> tuple[list[str], list[str]]:
    """``lines`` without their pull quotes, and the pull quotes dropped, in page order.

    A pull quote is a body sentence repeated large as a block of its own, between quotation marks
    (``“The withdrawal will take no more than 10 days”``): a line that is wholly one quotation
    (``PULL_MIN_WORDS`` words or more, at most ``PULL_MAX_CHARS`` characters) whose words, spaces
    collapsed and the end's punctuation aside, stand inside another, longer line of the text. A
    template that marks it (``class="pullquote"``) is met by the rules; this finds one known only by
    its words (an Apple News Format preview's ``data-role="pullquote"``, a CMS's bare ``<aside>``:
    rend16's open kind). A quotation said once stays.

    With ``PULL_UNQUOTED`` (rend36: themes set pull quotes without quotation marks), also a line of
    ``boxed`` (:func:`boxed_lines`: set in a quote's box), not among the first two lines (a standfirst
    repeating the lede), ``PULL_UNQUOTED_MIN_WORDS`` words or more ending a sentence, that stands in a
    longer line at most ``PULL_UNQUOTED_NEAR`` lines away, from one of its sentences' starts; with it the
    box's lone quotation mark before it and a "— Site" attribution after it when ``boxed`` maps both lines
    to the same box (a dash line outside the box, a dialogue line or a letter's signature, stays). Pure
    function; never raises.
    """
    if not PULL_QUOTES or len(lines) < 2:
        return lines, []
    norm = [_norm(line) for line in lines]
    dropped: set[int] = set()
    tried = 0
    for i, text in enumerate(norm):
        if len(text) > PULL_MAX_CHARS or len(text) < 3:
            continue
        quoted = text[0] in _OPENING and text[-1] in _CLOSING
        if not quoted and not (PULL_UNQUOTED and i >= 2 and text in boxed):
            continue
        inner = text[1:-1].strip().rstrip(".,;:!?…").strip() if quoted else text
        if quoted and (len(inner.split()) < PULL_MIN_WORDS or any(mark in inner for mark in "“”«»„")):
            continue  # two quotations in one line, or a quote inside: not one pulled sentence
        if not quoted and (len(inner.split()) < PULL_UNQUOTED_MIN_WORDS or inner[-1] not in ".!?"):
            continue
        tried += 1
        if tried > PULL_MAX_TRIED:
            break
        if any(j != i and j not in dropped and (len(other) > len(text) and inner in other if quoted else
                                                abs(i - j) <= PULL_UNQUOTED_NEAR and _repeats_sentences(text, other))
               for j, other in enumerate(norm)):
            dropped.add(i)
            if not quoted:
                dropped.update(_quote_box_lines(norm, i, boxed))
    if not dropped:
        return lines, []
    return [line for i, line in enumerate(lines) if i not in dropped], [lines[i] for i in sorted(dropped)]


def _repeats_sentences(text: str, other: str) -> bool:
    """Whether ``text`` (whole sentences, no quotation marks) stands in the longer ``other`` from one of its
    sentences' starts. A line equal to another is no pull quote: an interview's recurring question, a recipe's
    repeated step (AEB pages that kept such lines lost them when an equal line counted, rend36)."""
    at = other.find(text)
    return len(other) > len(text) and at >= 0 and (at == 0 or other[at - 2:at] in (". ", "? ", "! ", '" ', "” "))


def _quote_box_lines(norm: list[str], i: int, boxed: Collection[str]) -> list[int]:
    """The lines of an unquoted pull quote's box around line ``i``: a lone quotation mark right before it, and
    a short attribution ("— Site", at most five words after the dash) right after it, in the same box
    (``boxed`` a mapping of line to box) and no dialogue line (a second dash, a sentence's end)."""
    out = []
    if i > 0 and norm[i - 1] and set(norm[i - 1]) <= _MARK_LINE:
        out.append(i - 1)
    after = norm[i + 1] if i + 1 < len(norm) else ""
    rest = after[1:]
    if (after[:1] in ("—", "–") and 0 < len(rest.split()) <= 5 and "—" not in rest and "–" not in rest
            and rest.rstrip()[-1:] not in ".!?…" and isinstance(boxed, Mapping)
            and boxed.get(after, -1) == boxed.get(norm[i], -2)):
        out.append(i + 1)
    return out


def drop_cut_repeats(lines: list[str]) -> tuple[list[str], list[str]]:
    """``lines`` without the cut copies of their own lines, and the copies dropped, in page order.

    A link preview (a chat's or a social post's embed card, a teaser box) repeats the article's first
    words cut at a length and closed by an ellipsis: ``"Kazakh President Qasym-Zhomart Toqaev has said
    that troops from ...…"``. Such a line is dropped when its words before the ellipsis (``…`` or
    ``...``; ``CUT_MIN_WORDS`` or more, spaces collapsed) are the start of a line read before it, as
    long or longer: the card comes after the post it previews; or (``CUT_ABOVE``) when the next long
    line (:func:`_next_long`) goes on from them (a feed item's description, the content's first words and "…", over the
    item's content rendered in full). A line ending in an ellipsis that no earlier or next line goes on
    from stays: a quote trailing off, a teaser of another story, a writer's
    cliffhanger told in full further on (WCXB test 5553), an event list's cut descriptions above the
    full one (WCXB dev 4362). Pure function; never raises."""
    if not CUT_REPEATS or len(lines) < 2:
        return lines, []
    norm = [_norm(line) for line in lines]
    dropped: set[int] = set()
    tried = 0
    for i, text in enumerate(norm):
        if not text.endswith(("…", "...")):
            continue
        start = text.rstrip(".…").rstrip()
        if len(start.split()) < CUT_MIN_WORDS:
            continue
        tried += 1
        if tried > PULL_MAX_TRIED:
            break
        earlier = any(j not in dropped and len(other) >= len(start) and other.startswith(start)
                      and not other.endswith(("…", "...")) for j, other in enumerate(norm[:i]))
        if earlier or (CUT_ABOVE and _next_long(norm, i, start)):
            dropped.add(i)
    if not dropped:
        return lines, []
    return [line for i, line in enumerate(lines) if i not in dropped], [lines[i] for i in sorted(dropped)]
