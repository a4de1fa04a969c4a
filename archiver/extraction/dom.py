"""Stage 1: parse once with lxml and remove page furniture by rule.

The tree cleaned here is the tree trafilatura gets, so every element removed
is work trafilatura no longer does. Each removal is recorded with the rule
that made it (with the page account on, the account lists the text, and the
stage reads an element's text only where a guard needs its length). Two
guards keep the article safe from a rule that is too broad: an element that
is (or contains) the main article container is never removed, and neither is
one holding most of the page's text unless the rule says so (comment threads
can outgrow the article) and it holds no ``<h1>`` (``guards.py``).
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from . import buildernames, deepnest, endtags, mathtext
from .crowded import MANY_ATTRIBUTES, trim_attributes, trim_tags
from .guards import STRING, PageLength, guarded, needs_page_length
from .mainpick import find_main
from .model import Removed
from .rules import RuleSet
from .selectors import Index

__all__ = ["parse", "iter_document", "strip_inert", "clean", "clean_page", "name_words",
           "lead_text", "find_main", "block_text", "dom_records", "ParseError"]

_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False,
                           default_doctype=False, huge_tree=True, encoding="utf-8")
# Every element an HtmlElement (what trafilatura expects), chosen in C: lxml.html's own
# per-tag lookup runs Python code for each element proxy, a fifth of trafilatura's time.
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_INVALID_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])

BLOCK_TAGS = frozenset("""address article aside blockquote dd details div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th
    thead tr ul label button option select textarea""".split())
_BREAKS = BLOCK_TAGS | {"br"}  # a line break before these
_SKIP_TEXT = frozenset(("script", "style", "noscript", "template", "svg"))
_INLINE = frozenset("""a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup
    time u var wbr""".split())


REUSE_BYTES = True  # False: the text is always encoded again (speed only: the same bytes either way)


class ParseError(ValueError):
    """The input is not something lxml can build an HTML tree from."""


def parse(html: str, utf8: bytes | None = None) -> lxml.html.HtmlElement:
    """Parse HTML text into a tree (once; every later stage uses this tree).

    The text goes to libxml2 as UTF-8 (its parser told so, whatever the page
    declares), with the characters XML forbids deleted from the bytes: one C
    pass instead of a regular expression over the whole page. ``utf8``, when
    given, is ``html`` in UTF-8 already (the page's bytes, strictly decoded:
    ``decode.Decoded.exact``): used as it is unless the XML declaration goes.
    """
    text = _XML_DECL.sub("", html, count=1)  # the same object when there is none
    if utf8 is None or text is not html or not REUSE_BYTES:
        utf8 = text.encode("utf-8", "replace")
    html = text
    data = utf8.translate(None, _INVALID_BYTES)
    if "\ufffe" in html or "\uffff" in html:  # looked up in the text: free when it has no such wide characters
        data = data.replace(b"\xef\xbf\xbe", b"").replace(b"\xef\xbf\xbf", b"")
    data = endtags.mend(data)
    crowded = data.count(b"=") > MANY_ATTRIBUTES  # one C pass; pages of 8,192 attribute values are rare
    if crowded:  # a tag of thousands of attributes takes libxml2 quadratic time: cut down in the bytes first
        data = trim_tags(data)
    if not data or data.isspace():  # no stripped copy of the page
        raise ParseError("empty document")
    try:
        root = lxml.html.document_fromstring(data, parser=_PARSER)
        if deepnest.FLATTEN and deepnest.too_deep(_PARSER.error_log):  # libxml2 stopped at depth 2,048
            flat = deepnest.flatten(data)
            if flat is not data:
                root = lxml.html.document_fromstring(flat, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(str(exc) or "unparseable document") from exc
    if root is None:
        raise ParseError("unparseable document")
    if crowded:
        trim_attributes(root)
    return root



def iter_document(root, *tags):
    """Elements with these tags in the whole document, in document order, as ``//tag`` finds them.

    libxml2 can leave junk after ``</html>`` as further top-level elements beside
    ``root``, which ``//`` covers and ``root.iter`` does not. ``iter`` matches tags
    in C: one walk for several tags, where an XPath union walks once per tag.
    """
    for top in (*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()):
        yield from top.iter(*tags)


# Elements no later stage reads once the metadata is taken: trafilatura and readability
# throw them away, but only after copying and walking them several times. Structured data
# (ld+json) stays: trafilatura looks there for forum threads.
_INERT_TAGS = ("script", "style", "link", "meta", "svg")
_LD_JSON = "application/ld+json"


def _kept_script(kind: str | None, el) -> bool:
    return kind == _LD_JSON or (kind is not None and kind.lower().startswith("math/tex") and mathtext.tex_script(el))


def strip_inert(root) -> int:
    """Remove scripts, styles and ``<link>``/``<meta>`` (their tails stay); return how many. JSON-LD
    stays; a MathJax 2 TeX script becomes its formula's text (``mathtext.tex_script``)."""
    found = [el for el in iter_document(root, *_INERT_TAGS)
             if el.tag != "script" or not _kept_script(el.get("type"), el)]
    for el in found:
        el.drop_tree()
    return len(found)


def _tag(el) -> str | None:
    return el.tag if isinstance(el.tag, str) else None


# what each tag means to block_text, as bits, so the walk makes one lookup per element
_BT_SKIP, _BT_BREAK, _BT_BLOCK, _BT_ALT = 1, 2, 4, 8
_BT_KIND: dict[str, int] = {}
for _names, _bit in ((_SKIP_TEXT, _BT_SKIP), (_BREAKS, _BT_BREAK), (BLOCK_TAGS, _BT_BLOCK),
                     (("img", "input"), _BT_ALT)):
    for _name in _names:
        _BT_KIND[_name] = _BT_KIND.get(_name, 0) | _bit


def block_text(el) -> str:
    """Readable text of an element: one line per block, image alt text on its own line,
    whitespace collapsed within lines.

    This is what a user (and the diff) sees in a sidecar's removed blocks, so it
    follows how the block reads on the page rather than raw ``text_content()``.
    """
    parts: list[str] = []
    add = parts.append
    kinds = _BT_KIND.get
    skipping = 0  # depth inside script/style/...: their text is not page text
    for event, e in etree.iterwalk(el, events=("start", "end")):
        tag = e.tag
        if tag.__class__ is not str:
            tag = ""  # comment, entity: only its tail is text
        if event == "start":
            if skipping:
                skipping += 1
                continue
            kind = kinds(tag, 0)
            if kind:
                if kind & _BT_SKIP:
                    skipping = 1
                    continue
                if kind & _BT_BREAK:
                    add("\n")
                if kind & _BT_ALT and (tag == "img" or e.get("type") == "image"):
                    alt = (e.get("alt") or "").strip()
                    if alt:
                        add(f"\n{alt}\n")
            if tag:
                text = e.text
                if text:
                    add(text)
        else:
            if skipping:
                skipping -= 1
                if skipping:
                    continue
            elif kinds(tag, 0) & _BT_BLOCK:
                add("\n")
            if e is not el:
                tail = e.tail
                if tail:
                    add(tail)
    lines = []
    for line in "".join(parts).split("\n"):
        if line:  # most are empty: a line break before and after every block
            words = line.split()
            if words:
                lines.append(" ".join(words))
    return "\n".join(lines)


def _attached(el, root) -> bool:
    top = el
    for top in el.iterancestors():  # noqa: B007 (the loop leaves the last ancestor in ``top``)
        pass
    return top is root


def _merge_split_paragraph(el) -> None:
    """``<p>A <div class=ad/> B</p>`` parses as ``<p>A</p><div/> B``: before the div is
    dropped, move the stranded text (and inline elements after it) back into the paragraph."""
    prev = el.getprevious()
    if prev is None or _tag(prev) != "p" or not (el.tail and el.tail.strip()):
        return
    tail, el.tail = el.tail, None

    def join(before: str | None) -> str:
        before = before or ""
        gap = "" if not before or before[-1:].isspace() or tail[:1].isspace() else " "
        return before + gap + tail

    if len(prev):
        prev[-1].tail = join(prev[-1].tail)
    else:
        prev.text = join(prev.text)
    nxt = el.getnext()
    while nxt is not None and _tag(nxt) in _INLINE:
        following = nxt.getnext()
        prev.append(nxt)  # moves the element, tail included
        nxt = following
    # the empty <p></p> left by the stray </p> is harmless: it has no text


def find_headline(root, title: str | None):
    """The heading that carries the page's declared title, if there is one: an ``<h1>``
    outside navigation, else such an ``<h2>`` (a headline styled as one, with a breadcrumb
    trail's ``<h1>`` above it), else an ``<h1>`` in navigation."""
    if not title:
        return None
    want = " ".join(title.split()).casefold()
    found = None
    for tag in ("h1", "h2"):  # an <h2> only when no <h1> outside a menu carries the title
        for heading in root.iter(tag):
            text = " ".join(heading.text_content().split()).casefold()
            if len(text) >= 8 and (text in want or want in text):
                if not _in_menu(heading):
                    return heading
                if tag == "h1" and found is None:
                    found = heading
    return found  # only in a menu: a breadcrumb's last item may be the one headline there is


_MENU_WORDS = frozenset({"nav", "navigation", "breadcrumb", "breadcrumbs", "menu"})


def _in_menu(el) -> bool:
    """Inside a list item, a ``<nav>`` or a container named as navigation (a breadcrumb trail's
    last item often repeats the title in an ``<h1>``)."""
    return any(a.tag in ("li", "nav") or not _MENU_WORDS.isdisjoint(name_words(a)) for a in el.iterancestors())


_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def name_words(el) -> set[str]:
    """Lower-case words of an element's class and id: ``imageCaption c-photo_credit`` ->
    {image, caption, c, photo, credit}."""
    names = " ".join(v for v in (el.get("class"), el.get("id")) if v)
    words = {w.lower() for w in _WORD.findall(names)}
    if buildernames.prefixes().search(names):  # a page builder's layout name (Elementor's elementor-widget)
        words -= buildernames.layout_words(names, _WORD)
    return words


def lead_text(el) -> str:
    """The text an element starts with: its own text, else that of its first inline
    child (one or two levels down), whitespace collapsed; "" when it starts with a block.

    ``<p><strong>Correction:</strong> ...`` and ``<div><span>Sponsored</span>...`` lead
    with their label; reading only this much keeps label rules cheap on every element.
    """
    node = el
    for _ in range(3):
        if node.text and node.text.strip():
            return " ".join(node.text.split())
        if not len(node):
            return ""
        node = node[0]
        if not isinstance(node.tag, str) or node.tag in BLOCK_TAGS:
            return ""
    return ""


_TITLE_TAGS = frozenset(("h2", "h3", "h4", "h5", "h6"))


def title_text(el) -> str:
    """The text of the heading an element opens with (``<section><h2>AI summary</h2><ul>...``), whitespace
    collapsed; "" when the element has text of its own before it or opens with anything else. For label
    rules marked ``titled``: a box whose label is its heading, not an inline run (:func:`lead_text`)."""
    if (el.text and el.text.strip()) or not len(el) or el[0].tag not in _TITLE_TAGS:
        return ""
    return " ".join(el[0].text_content().split())


def clean(root, rules: RuleSet, headline=None) -> list[Removed]:
    """Remove furniture from ``root`` in place; return what was removed, rule by rule (see :func:`clean_page`)."""
    return clean_page(root, rules, headline)[0]


def clean_page(root, rules: RuleSet, headline=None, dropped: list | None = None,
               records: bool = True) -> tuple[list[Removed], object]:
    """Remove furniture from ``root`` in place; return what was removed, rule by rule,
    and the main container (:func:`find_main`, None when there is none).

    ``dropped``, when given, receives ``(element, rule name)`` for every element
    removed (text or not), for the page account. With ``records=False`` (the
    page account then lists the removed text itself) no record is made and an
    element's text is read only when its length may trip a guard.

    ``headline`` (the ``<h1>`` carrying the declared title, see ``find_headline``)
    is protected with its containers like the article: a "header outside the
    article" rule must not take the article's own headline block.
    """
    removed: list[Removed] = []
    index = Index(root, rules.needs)
    main = find_main(root, rules, index, headline)
    protected = set(main.iterancestors()) | {main} if main is not None else set()
    if headline is not None:
        protected |= set(headline.iterancestors()) | {headline}
    page_len = PageLength(root)  # the page's text length, measured only when a large element needs the guard
    for rule in rules.dom:
        for el in rule.selector.select(index):
            if el in protected or _tag(el) in ("html", "body", "head"):
                continue
            if main is not None and rule.scope != "any":
                inside = el is main or any(a is main for a in el.iterancestors())
                if (rule.scope == "outside-main") == inside:
                    continue
            if not _attached(el, root):
                continue  # went with an earlier match of this rule
            if rule.unless is not None and rule.unless(el):
                continue
            if rule.words and rule.words.isdisjoint(name_words(el)):
                continue
            if rule.lead is not None and not rule.lead.search(lead_text(el)) and not (
                    rule.titled and rule.lead.search(title_text(el))):
                continue
            kept: bool | None
            if records:
                text = block_text(el)
                kept = guarded(el, rule, len(text), page_len)
            else:  # the page account lists the text: read it only when bounds of its length cannot tell
                text = ""
                kept = _kept(el, rule, page_len)
                if kept is None:
                    kept = guarded(el, rule, len(block_text(el)), page_len)
            if kept:
                continue
            _merge_split_paragraph(el)
            el.drop_tree()  # keeps the tail text in place
            if dropped is not None:
                dropped.append((el, rule.name))
            if text:
                removed.append(Removed(rule.name, "dom", text))
    return removed, main


def dom_records(dropped: list) -> list[Removed]:
    """The DOM stage's records of the ``(element, rule name)`` pairs :func:`clean_page` removed
    with ``records=False``: each element's text (:func:`block_text`), in removal order."""
    return [Removed(rule, "dom", text) for el, rule in dropped if (text := block_text(el))]


_ELEMENTS = etree.XPath("count(descendant-or-self::*)")


def _kept(el, rule, page_len: PageLength) -> bool | None:
    """Whether a length guard keeps ``el`` from ``rule``, judged by bounds of the length of its
    text without reading it (:func:`block_text`); None when they cannot tell. The page's length
    is measured when the first element whose text is long comes, as when the text is read.

    The bounds: block_text is at most the element's text with whitespace collapsed (scripts'
    text included), a line break before and after each element, and images' alt texts with
    theirs; at least the characters of its text that are not white space, less all the text
    inside elements whose text block_text skips (scripts, styles, ...).
    """
    text = STRING(el)
    high = len(" ".join(text.split())) + 2 * int(_ELEMENTS(el)) \
        + sum(len(img.get("alt") or "") + 2 for img in el.iter("img", "input"))
    low = None  # read only when needed: it walks the element's scripts and styles
    if page_len.value < 0 and needs_page_length(rule, high):
        low = _low(el, text)
        if rule.max_chars and high > rule.max_chars:
            return True if low > rule.max_chars else None  # that guard comes before the page's length
        if not needs_page_length(rule, low):
            return None
        page_len()  # the text is long: the page's length is measured now
    if not guarded(el, rule, high, page_len):
        return False
    return True if guarded(el, rule, _low(el, text) if low is None else low, page_len) else None


def _low(el, text: str) -> int:
    return len("".join(text.split())) - sum(len(STRING(skipped)) for skipped in el.iter(*_SKIP_TEXT))
