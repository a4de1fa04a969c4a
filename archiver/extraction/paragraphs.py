"""Stage 3: paragraph-level clean-up of the text trafilatura kept.

Notices and promos that live inside the article body ("SEE ALSO", a sanction
notice, "Recommended Videos") survive any DOM-based extractor, so they are
matched here by the patterns in the rules files. Actions:

- ``drop``: remove the paragraph;
- ``cut``: remove the matched part to the end of the paragraph (a promo glued
  onto the last sentence), keep the rest;
- ``drop-following``: remove the paragraph and the paragraphs right after it
  that match one of the rule's ``following`` patterns (at most
  ``max_following``), e.g. a legal notice and its explanation. It stops at the
  first paragraph that does not match, so a notice in the middle of the body
  never takes the article with it;
- ``drop-before``: remove the paragraph, every paragraph before it (those a ``keep`` pattern
  protects aside) and, as ``drop-following``, the ones after it matching ``following``: the mark
  of a forwarded message, whose lines above are the forwarder's. Such a rule must have ``first``;
  the other rules' ``first`` windows then count from the paragraph after those it took (the
  forwarded message's text starts there);
- ``drop-after``: keep the paragraph (a sign-off that closes a story, which a ``keep``
  pattern may protect) and remove every paragraph after it (those a ``keep`` pattern protects
  aside): a wire story's "(Reporting by ...; Editing by ...)" line, the next story's teaser after
  it. Such a rule must have ``last``; it does nothing when the paragraph is the text's last, and
  ``following`` and a later match stop it as they stop ``drop-rest`` (a roundup of wire stories,
  each closed by its credit, loses none);
- ``drop-rest``: remove the paragraph and every paragraph after it (those a
  ``keep`` pattern protects aside): the title of a block that closes the
  page's text, such as a "You may also like" section of teaser cards (title
  and excerpt, which read like body text) or an "About the author" box. Such
  a rule must have ``last``, so it can only ever take the body's last N
  paragraphs; with ``following``, the paragraph right after the title must
  match one of those patterns (a card's title, a name: not a sentence of
  the body, which a "Related stories" box in the middle of the body has
  after it when trafilatura dropped the box's links); and a title another
  one of the same rule follows does not close the text (a "Suggested
  reading" list inside the body's last lines, the closing "You'll also
  love" cards after the conclusion): the last one applies.

A rule with ``takes_credit`` (a caption closed by its credit in brackets) also drops the line
right before it when that line is a bare credit the brackets name ("Jane Doe/Agency" above
"... (Jane Doe/Agency via AP)"): a gallery's credit row printed above its caption.

A rule with ``takes_label`` (a promo box's pitch) also drops the short label line right before
it, the box's title ("THE MORNING BRIEFING" above "Our editors pick ... Sign up here."), never the
body's first line.

A rule with ``not_reported`` leaves alone a paragraph holding a reporting clause ("..., the
researchers wrote", "según dijo ..."; the words of ``archiver/rules/reporting.json``, see
:mod:`.reporting`): wherever a rule's pattern is tried here, :func:`reported` is asked too.

A rule with ``last`` applies only among the body's last N paragraphs (a legal
notice closes an article; the same words mid-article are reporting), counted back from before
the lines a ``drop`` rule takes wherever they stand that close the text (``_body_end``); one with
``first`` only among its first N (a republication note heads the body).
Paragraphs matching a ``keep`` pattern (closing agency lines) are never touched.

A rule with ``not_heading`` leaves alone a line that is one of the body's subheadings (the
whitespace-collapsed texts of the tree's ``<h2>``-``<h6>`` the caller gives as ``headings``): a
share row's or a page tool's names are a subheading's words too ("Facebook Messenger", "Merken"
over a section about them), and such rows are never set as headings. Both guard a
``drop-following`` rule's following lines too: a subheading or a reported line ends the run (mend49).
A rule with ``not_after_colon`` leaves alone a line right after one ending ':' (or after a run of
its own lines there): the line goes on that sentence ("had drawn:" then "12 likes", "3 shares").
A rule with ``beside`` takes a line only when the line right before or after it matches ``beside``
(a player's "Watch later" among its other lines; alone between sentences it stays).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Removed
from .rules import ParagraphRule, RuleSet
from .screen import Screen, screen_for

__all__ = ["clean_paragraphs", "match_rule", "is_kept", "reported", "spared", "SUBHEADINGS"]

SUBHEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))  # the tags whose texts the caller gives as ``headings``

TAIL_WINDOW = True  # False: ``last`` windows count the boilerplate lines closing the body too (ablation)
TAIL_BOXES = True  # False: a ``drop-following`` box closing the body ("Most Read Stories" + titles) counts too
BOX_LINE = 160  # a closing box's lines are labels and titles: a longer last line is the body's


def is_kept(text: str, rules: RuleSet) -> str | None:
    """Name of the keep rule protecting ``text``, if any."""
    for keep in rules.keep:
        if keep.pattern.search(text):
            return keep.name
    return None


def match_rule(text: str, rules: RuleSet) -> ParagraphRule | None:
    """The first paragraph rule matching ``text`` (keep rules win), else None."""
    text = text.strip()
    if not text or is_kept(text, rules):
        return None
    for rule in rules.paragraphs:
        if rule.max_length and len(text) > rule.max_length:
            continue
        if rule.pattern.search(text) and not reported(rule, text):
            return rule
    return None


def reported(rule: ParagraphRule, text: str) -> bool:
    """Whether ``rule`` (one its pattern matches ``text``) leaves ``text`` alone as a sentence
    reporting the phrase: the rule is ``not_reported`` and ``text`` holds a reporting clause
    (``archiver/rules/reporting.json``, see :mod:`.reporting`)."""
    return rule.not_reported is not None and rule.not_reported.search(text) is not None


def _titled(text: str, rule: ParagraphRule) -> bool:
    return any(p.search(text) for p in rule.following)


def _closes(paragraphs: Sequence[str], i: int, rule: ParagraphRule) -> bool:
    """Whether the ``drop-rest`` title just before ``paragraphs[i]`` starts the section that closes
    the text: with ``following`` patterns, the paragraph after it must match one (a card's title,
    a name), and when a later paragraph is another such title, every paragraph up to it must too
    (a "Suggested reading" list, the body's conclusion, then the closing "You'll also love"
    cards: the conclusion is body, and only the last section goes)."""
    if not rule.following:
        return True
    if i >= len(paragraphs) or not _titled(paragraphs[i], rule):
        return False
    later = next((j for j in range(i, len(paragraphs))
                  if rule.pattern.search(paragraphs[j]) and not reported(rule, paragraphs[j])), None)
    return later is None or all(_titled(p, rule) for p in paragraphs[i:later])


_BRACKETS = re.compile(r"\(([^()]{2,120})\)\W*$")
TAKE_CREDITS = True  # a switch for bench/ablation.py: the ``takes_credit`` rules' credit lines
TAKE_LABELS = True  # a switch for bench/ablation.py: the ``takes_label`` rules' label lines
MAX_LABEL_WORDS = 6
_LABEL_END = re.compile(r"[.!?,;…\"”’)]$")


def box_label(line: str) -> bool:
    """A box's title line: 1-``MAX_LABEL_WORDS`` words, no sentence or clause punctuation at its end
    ("THE MORNING BRIEFING", "Our newsletter")."""
    words = line.split()
    return 1 <= len(words) <= MAX_LABEL_WORDS and len(line) <= 60 and not _LABEL_END.search(line.rstrip())


def named_credit(line: str, caption: str) -> bool:
    """Whether ``line`` is a bare credit (2-10 words, no sentence punctuation at its end) that the
    brackets closing ``caption`` name, compared without case."""
    m = _BRACKETS.search(caption)
    words = line.split()
    if m is None or not 2 <= len(words) <= 10 or line.rstrip()[-1] in ".!?:;,":
        return False
    return " ".join(words).casefold() in " ".join(m.group(1).split()).casefold()


def _take_rest(rest: Sequence[str], name: str, rules: RuleSet, kept: list[str], removed: list[Removed]) -> None:
    """The paragraphs ``rest`` after a ``drop-rest`` or ``drop-after`` match: each a keep pattern names goes to
    ``kept``, every other to ``removed`` under the rule ``name`` (both lists appended to in place)."""
    for para in rest:
        if is_kept(para, rules):
            kept.append(para)
        else:
            removed.append(Removed(name, "paragraph", para))


def _takes_line(rule, kept: list[str], para: str) -> bool:
    """The line kept right before ``para`` (which ``rule`` drops) goes with it: a credit the caption's
    brackets name (``takes_credit``), a box's label that is not the body's first line (``takes_label``)."""
    if rule.takes_credit and TAKE_CREDITS and named_credit(kept[-1], para):
        return True
    return rule.takes_label and TAKE_LABELS and len(kept) > 1 and box_label(kept[-1])


def spared(rule: ParagraphRule, para: str, headings: frozenset[str]) -> bool:
    """Whether ``rule`` leaves ``para`` alone as a subheading: the rule is ``not_heading`` and ``para``
    (whitespace-collapsed) is one of ``headings``."""
    return rule.not_heading and bool(headings) and " ".join(para.split()) in headings


def _after_colon(paragraphs: Sequence[str], at: int, rule: ParagraphRule) -> bool:
    """Whether ``paragraphs[at]`` continues a sentence a colon ended (a ``not_after_colon`` rule's
    line stays): the line before it, or before the run of up to 8 lines ``rule`` matches right above
    it, ends with ':' ("The post had drawn:<br>12 likes<br>3 shares" read as three lines)."""
    j = at - 1
    while j >= max(at - 8, 0) and rule.pattern.search(paragraphs[j]):
        j -= 1
    return j >= 0 and paragraphs[j].rstrip().endswith((":", "\uff1a"))


def _drops_anywhere(para: str, at: int, n: int, rules: RuleSet, headings: frozenset[str] = frozenset()) -> bool:
    """Whether a ``drop`` rule takes ``para`` (1-based position ``at`` of ``n``) whatever stands before it."""
    for rule in rules.paragraphs:
        if rule.action != "drop" or rule.first or rule.max_length and len(para) > rule.max_length \
                or rule.last and at <= n - rule.last or rule.beside or spared(rule, para, headings):
            continue
        if rule.pattern.search(para) and not reported(rule, para):
            return True
    return False


def _body_end(paragraphs: Sequence[str], rules: RuleSet, may_match, boxes: list[int] | None = None,
              headings: frozenset[str] = frozenset()) -> int:
    """How many paragraphs there are up to the last one no ``drop`` rule takes wherever it stands:
    the lines after it (a player's "Loading...", "Recommended Videos", a feed's "The post ...
    appeared first on ...") are boilerplate closing the body, and a rule's ``last`` window counts
    back from before them, so a wire notice above such lines is still among the body's last lines.
    ``len(paragraphs)`` when :data:`TAIL_WINDOW` is off or the last paragraph is text. The index
    of each closing box's label (:func:`_closing_box`) is appended to ``boxes``; ``headings`` as for
    :func:`clean_paragraphs`."""
    n = end = len(paragraphs)
    while TAIL_WINDOW and end > 0:
        para = paragraphs[end - 1]
        if may_match(para, end, n) and not is_kept(para, rules) and _drops_anywhere(para, end, n, rules, headings):
            end -= 1
            continue
        box = _closing_box(paragraphs, end, rules, headings) if TAIL_BOXES else end
        if box == end:
            break
        end = box
        if boxes is not None:
            boxes.append(box)
    return end


_BOX_RULES: dict[int, tuple[tuple, list[ParagraphRule]]] = {}  # id(rules.paragraphs) -> (it, its box rules)


def _box_rules(rules: RuleSet) -> list[ParagraphRule]:
    """The ``drop-following`` rules of ``rules`` with no ``first`` or ``last`` window, found once per
    rule set (every page of a host shares one)."""
    cached = _BOX_RULES.get(id(rules.paragraphs))
    if cached is None or cached[0] is not rules.paragraphs:
        cached = (rules.paragraphs, [r for r in rules.paragraphs
                                     if r.action == "drop-following" and not r.first and not r.last])
        if len(_BOX_RULES) > 256:
            _BOX_RULES.clear()
        _BOX_RULES[id(rules.paragraphs)] = cached
    return cached[1]


def _closing_box(paragraphs: Sequence[str], end: int, rules: RuleSet, headings: frozenset[str] = frozenset()) -> int:
    """Where a box a ``drop-following`` rule takes whole ends the first ``end`` paragraphs (a 2008
    paper's "Most Read Stories" and its three titles under a wire notice): the index of its label,
    or ``end`` when the paragraphs before ``end`` are no such box. Walks back from ``end`` while the
    paragraphs match the rule's ``following`` patterns (at most ``max_following`` of them), so on
    most pages one pattern per rule is tried on the last paragraph (a sentence) and it stops."""
    if not end or len(paragraphs[end - 1]) > BOX_LINE:  # most pages end with a sentence of the body
        return end
    for rule in _box_rules(rules):
        box = end
        for j in range(end - 1, max(end - 2 - rule.max_following, -1), -1):
            para = paragraphs[j]
            label = rule.pattern.search(para) is not None \
                and not (rule.max_length and len(para) > rule.max_length) and not reported(rule, para) \
                and not spared(rule, para, headings)
            titled = _titled(para, rule)
            if not (label or titled) or is_kept(para, rules):
                break
            if label:
                box = j
            if not titled:
                break
        if box < end:
            return box
    return end


def clean_paragraphs(paragraphs: Sequence[str], rules: RuleSet, code: frozenset[str] = frozenset(),
                     headings: frozenset[str] = frozenset()) -> tuple[list[str], list[Removed]]:
    """Apply the paragraph rules; return the kept paragraphs and the removed blocks.

    ``code``: the stripped lines of the text's code listings (``ArticleText.code``). A rule does
    not take such a line for its own words (a template's ``{{/each}}`` or a shell's ``Loading...``
    shown in a tutorial is code, not a widget's); a section a ``drop-rest`` rule takes still goes
    whole. ``headings``: the whitespace-collapsed texts of the tree's subheadings, which a
    ``not_heading`` rule leaves alone.

    When a ``drop-rest`` rule took a section closing the text (a newsletter's footer, a comments
    section) that the body's end (:func:`_body_end`) had counted as body, the rules run once more with
    their ``last`` windows counted back from before that section (``REST_WINDOW``): the wire notice
    above a footer is among the body's last lines. Only pages where such a section went run twice."""
    screen = screen_for(rules.paragraphs)
    if isinstance(screen, Screen):  # a long text's: the rules it may meet (a stand-in a test gives: as it is)
        screen = screen.for_page(paragraphs)
    boxes: list[int] = []  # where a closing box's label stands: no other rule's following takes it
    end = _body_end(paragraphs, rules, screen.may_match, boxes, headings)  # ``last`` windows count back from here
    kept, removed, rest_at = _clean(paragraphs, rules, end, boxes, code, screen, headings)
    if rest_at is not None and rest_at < end:
        boxes = []
        before = _rest_end(paragraphs, rules, rest_at, end, boxes, screen, headings)
        if before < end:
            kept, removed, _ = _clean(paragraphs, rules, before, boxes, code, screen, headings)
    return kept, removed


REST_WINDOW = True  # False: a section a ``drop-rest`` rule takes still counts in the ``last`` windows (ablation)


def _rest_end(paragraphs: Sequence[str], rules: RuleSet, rest_at: int, end: int, boxes: list[int],
              screen: Screen | None = None, headings: frozenset[str] = frozenset()) -> int:
    """The body's end when the section a ``drop-rest`` rule took at ``rest_at`` is not body: the
    :func:`_body_end` of the paragraphs before it (``end``, unchanged, with ``REST_WINDOW`` off)."""
    if not REST_WINDOW:
        return end
    return _body_end(paragraphs[:rest_at], rules, (screen or screen_for(rules.paragraphs)).may_match, boxes,
                     headings)


def _clean(paragraphs: Sequence[str], rules: RuleSet, end: int, boxes: list[int],
           code: frozenset[str] = frozenset(), screen: Screen | None = None,
           headings: frozenset[str] = frozenset()) -> tuple[list[str], list[Removed], int | None]:
    """The rules over ``paragraphs`` with the body ending at ``end``: kept, removed, and the index of
    the title a ``drop-rest`` rule took (None when none did)."""
    kept: list[str] = []
    removed: list[Removed] = []
    screen = screen or screen_for(rules.paragraphs)
    may_match = screen.may_match
    i, n = 0, len(paragraphs)
    rest_at = None
    start = 0  # ``first`` windows count from here: a forwarded message's mark starts the text again
    whole = -1  # the index of the paragraph kept whole last
    # between the rules' widest first and last windows the screen's answer is the text's alone:
    # a page repeating a line (a forum's "Reply", 200,000 <br>-lines) screens it once
    middle, middle_end = screen.first, end - screen.last
    screened: dict[str, bool] = {}
    while i < n:
        para = paragraphs[i]
        i += 1
        at = i - start
        if middle < at and i <= middle_end:
            may = screened.get(para)
            if may is None:
                may = screened[para] = may_match(para, at, end - start)
        else:
            may = may_match(para, at, end - start)
        if not may:
            kept.append(para)  # no rule can match (most paragraphs): the loop below would keep it
            whole = i - 1
            continue
        for rule in rules.paragraphs:
            if rule.max_length and len(para) > rule.max_length or rule.last and i <= end - rule.last \
                    or rule.first and at > rule.first:
                continue
            m = rule.pattern.search(para)
            if m is None or rule.action in ("drop-rest", "drop-after") and not _closes(paragraphs, i, rule) \
                    or rule.not_reported is not None and rule.not_reported.search(para) \
                    or spared(rule, para, headings) or rule.not_after_colon and _after_colon(paragraphs, i - 1, rule):
                continue
            if rule.beside and not any(rule.beside.search(paragraphs[j]) for j in (i - 2, i) if 0 <= j < n):
                continue
            if rule.action == "drop-after":  # the sign-off stays (a keep pattern may name it); what follows goes
                if i == n:
                    continue
                kept.append(para)
                whole = i - 1
                rest_at = i
                _take_rest(paragraphs[i:], rule.name, rules, kept, removed)
                i = n
                break
            if code and para.strip() in code or is_kept(para, rules):  # only once a rule matches: most match none
                kept.append(para)
                whole = i - 1
                break
            if rule.action == "cut":
                head = para[: m.start()].rstrip()
                removed.append(Removed(rule.name, "paragraph", para[m.start():].strip()))
                if head:
                    kept.append(head)
            else:
                if rule.action == "drop-before":  # what stands above a forwarded message's mark goes too
                    above = [k for k in kept if not is_kept(k, rules)]
                    kept = [k for k in kept if is_kept(k, rules)]
                    removed += [Removed(rule.name, "paragraph", k) for k in above]
                removed.append(Removed(rule.name, "paragraph", para))
                if (rule.takes_credit or rule.takes_label) and whole == i - 2 and kept \
                        and _takes_line(rule, kept, para) and not is_kept(kept[-1], rules):
                    removed.insert(len(removed) - 1, Removed(rule.name, "paragraph", kept.pop()))
                if rule.action == "drop-rest":
                    rest_at = i - 1
                    _take_rest(paragraphs[i:], rule.name, rules, kept, removed)
                    i = n
                elif rule.action in ("drop-following", "drop-before"):
                    taken = 0
                    while i < n and taken < rule.max_following and i not in boxes \
                            and not is_kept(paragraphs[i], rules) \
                            and any(p.search(paragraphs[i]) for p in rule.following) \
                            and not reported(rule, paragraphs[i]) and not spared(rule, paragraphs[i], headings):
                        removed.append(Removed(rule.name, "paragraph", paragraphs[i]))
                        i += 1
                        taken += 1
                    if rule.action == "drop-before":
                        start = i  # the forwarded message's text starts after its header lines
            break
        else:
            kept.append(para)
            whole = i - 1
    return kept, removed, rest_at
