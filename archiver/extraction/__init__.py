"""Clean article text from HTML: the public API of the extraction pipeline.

    >>> from archiver.extraction import extract
    >>> result = extract(html, url="https://www.dw.com/en/...")
    >>> result.title, result.text, result.removed

Stages, each a module: ``decode`` (bytes to text), ``dom`` (parse once,
remove page furniture by rule), ``article`` (trafilatura on that same tree),
``paragraphs`` (notices and promos inside the body), ``sites`` (paragraphs
learned as recurring boilerplate of a host; needs the archive, so it is
applied by the caller with :func:`apply_site_learning`). Rules are data
files in ``archiver/rules/``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from .accordions import reveal_panels
from .account import ACCOUNT_VERSION, build_account
from .altcaptions import drop_alt_captions
from .anchors import unwrap_named_anchors
from .ariaheadings import name_aria_roles
from .ariashown import show_aria_shown
from .article import run_trafilatura
from .blockstate import TYPE_MARK, block_scripts, use_block_state
from .boldtitle import bold_first_line
from .boxterms import mark_form_labels
from .brackettitle import bracketed_title, tags_around
from .brlines import open_br_sections, wrap_beside_divs, wrap_br_divs
from .captions import page_captions
from .chunks import merge_split_body
from .codegutters import strip_code_gutters
from .codelines import end_code_blocks, unlist_numbered_lines
from .collector import collector_paused, proxies_held
from .containers import repair_containers
from .continuation import reveal_answers, reveal_pages
from .dbheader import read_database_header
from .decode import decode_html, looks_binary, tld_of
from .dom import ParseError, clean_page, dom_records, find_headline, strip_inert
from .endnotes import find_endnotes, restore_endnotes
from .faq import find_faq, restore_faq
from .gallery import read_gallery_captions
from .gaps import block_texts, restore_gaps
from .hiddenjunk import drop_hidden_junk
from .hoverpopups import drop_hover_popups
from .imagetext import show_image_initials
from .inline import repair_inline
from .inlinerun import unwrap_inline_runs
from .inventory import take_inventory
from .invisibles import drop_invisibles, visible
from .joiners import keep_joiners
from .keypoints import find_keypoints, restore_keypoints
from .ldbody import declared_body, use_declared_body
from .leadrun import restore_lead
from .linkaddress import address_marks, drop_link_references, drop_written_hrefs
from .loosedivs import captions_after_media, restore_loose_divs
from .marks import RAW_SCANS, holder, tag_marks
from .mathtext import keep_formulas
from .metadata import choose_title, doc_title, headline_in_title, page_title, post_title
from .model import Extraction, Removed, format_text
from .mojibake import repair as repair_mojibake
from .nitf import read_nitf_headings
from .noscriptbody import reveal_noscript_body
from .notes import find_notes, restore_notes, unrecord_notes
from .obsolete import obsolete_tags, read_centers, read_obsolete_pre, unwrap_blinks
from .overflowclip import unclip_overflow
from .ownaddress import drop_own_address
from .pageidtitle import page_id_title
from .pagemeta import read_metadata
from .pageorder import restore_page_order
from .paragraphs import SUBHEADINGS, clean_paragraphs, match_rule
from .pdflayers import position_text_layers
from .pdflines import join_pdf_lines
from .prosepre import reflow_prose_pre
from .quoteattr import keep_quote_attributions
from .repair import repair_markup
from .repeats import boxed_lines, drop_cut_repeats, drop_pull_quotes, drop_repeated_body
from .resplit import resplit_run_on
from .rules import rules_for
from .scripts import parse_page
from .sectionh1 import demote_section_h1s
from .sectionlines import promote_section_lines
from .shortpage import promote_short_page_lines
from .shownhead import h1_text, shown_headline
from .siblings import restore_siblings
from .sidenotes import move_sidenotes, sidenote_marks
from .sites import apply_site_learning, digest, learn, normalise, paragraph_digests
from .sitetitle import headline_text, site_names, site_title_open
from .slim import without_inline_data
from .srcdoc import inline_framed_page
from .standfirst import find_standfirst, restore_standfirst, unrecord
from .statebody import state_scripts, use_state_body
from .streaming import hide_fallbacks, resolve_streamed
from .tablecaption import lift_table_captions
from .tables import unwrap_layout_tables
from .tagged import by_tag
from .tailitems import restore_tail_items
from .tailrun import restore_tail_run
from .tailsection import restore_tail_section
from .teaserlead import unname_teaser_leads
from .toplabels import (
    drop_labelled_headline,
    drop_stray_headline,
    drop_title_line,
    headline_under_kicker,
    same_line,
    slug_title,
    without_forward_prefix,
    without_heading_label,
    without_list_tag,
    without_shown_tag,
)
from .turnlabels import loose_text_divs, wrap_turn_labels
from .undrawn import drop_undrawn, undrawn_marks

__all__ = [
    "extract", "classify_text", "Extraction", "Removed", "format_text",
    "paragraph_digests", "apply_site_learning", "learn", "digest", "normalise", "host_of",
    "MAX_HTML_CHARS",
]

MAX_HTML_CHARS = 8_000_000  # beyond this a page is refused rather than risk memory blow-ups


def host_of(url: str | None) -> str | None:
    """Lower-cased host name of a URL (no port), or None."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower().rstrip(".") if host else None


def extract(html: str | bytes, url: str | None = None, *, content_type: str | None = None,
            learned: set[str] | None = None, max_chars: int = MAX_HTML_CHARS, account: bool = True,
            **options: Any) -> Extraction:
    """Extract the article of one page.

    ``html`` may be bytes (decoded with ``content_type``'s charset, a BOM,
    ``<meta>`` or detection) or text. ``url`` selects the site rules and feeds
    trafilatura's metadata. ``learned`` optionally applies site learning in
    one go. ``account=False`` leaves the page account out: ``removed`` then holds
    only what archiver's own rules removed, each rule's record (for measuring
    what the account costs; ``account.py``). Other keyword options go to
    trafilatura (see ``article.py``).
    Bad input (empty, binary, unparseable, too large) gives an Extraction
    with ``error`` set and no text; it never raises for content.
    """
    with collector_paused():  # the page's objects form no cycles (collector.py)
        return _extract(html, url, content_type=content_type, learned=learned, max_chars=max_chars,
                        with_account=account, **options)


def _extract(html: str | bytes, url: str | None, *, content_type: str | None, learned: set[str] | None,
             max_chars: int, with_account: bool, **options: Any) -> Extraction:
    host = host_of(url)
    base = Extraction(url=url, host=host)
    encoding = None
    decoded_text, utf8 = None, None  # the decoded page, and its bytes when they are that text in UTF-8
    if isinstance(html, (bytes, bytearray, memoryview)):
        body = bytes(html)
        if looks_binary(body, content_type=content_type):
            return base.with_changes(error="binary content, not HTML")
        decoded = decode_html(body, content_type, tld_of(url))
        html, encoding = decoded.text, decoded.encoding
        decoded_text, utf8 = (decoded.text, body) if decoded.exact else (None, None)
    if len(html) > max_chars:  # a page saved whole is mostly inline images and fonts (slim.py)
        html = without_inline_data(html)
    if len(html) > max_chars:
        return base.with_changes(error=f"page too large: {len(html)} characters (limit {max_chars})",
                                 encoding=encoding)
    html = repair_mojibake(html)  # UTF-8 text that was encoded twice (mojibake.py)
    raw = utf8 if html is decoded_text and RAW_SCANS else None  # the page as served, when that is the text in UTF-8
    holds = holder(html, raw)  # the gates' substring scans, made in ``raw`` when at hand (marks.py)
    try:
        marks = tag_marks(html)  # which of a few start tags the source holds, for the gates below
        source = hide_fallbacks(html) if "<template" in marks else html  # a <script/> read open (scripts.py)
        root = parse_page(source, utf8 if source is decoded_text else None)  # unchanged: its bytes as served
        unwrap_inline_runs(root)  # a paragraph of thousands of bare <i>s: its text, before twenty walks of them
        _held = proxies_held(root)  # every element's proxy made once for the page's walks (collector.py)
    except ParseError as exc:
        return base.with_changes(error=f"unparseable HTML: {exc}", encoding=encoding)

    try:
        if "<iframe" in marks:  # a page saved with its frames inlined (srcdoc): the framed article in its place
            inline_framed_page(root)
        if "<template" in marks:  # streamed server rendering: late content in place, as the browser shows it
            resolve_streamed(root)
        # a <template> that is no prose, a <canvas>'s "not supported" line: never drawn as the page's text
        undrawn = drop_undrawn(root) if undrawn_marks(html) else []
        # junk letters inside words, hidden by the page's stylesheet: not the page's text as a reader sees it
        junk = drop_hidden_junk(root)
        if holds("<body.content"):  # an NITF story (a wire feed's XML): its subheadings as headings
            read_nitf_headings(root)
        popups = drop_hover_popups(root)  # a tooltip's text the stylesheet shows only on hover, out of its sentence
        # the page's text as served, before any stage changes the tree
        inventory = take_inventory(root) if with_account else None
        meta = read_metadata(root, url)  # before the DOM stage takes bylines and dates out
        ld_body = declared_body(root, html) if holds("articleBody") else None  # JSON-LD's, before the scripts go
        state = state_scripts(root, html, raw) if ld_body is None else []  # an app's state script, likewise
        state_blocks = block_scripts(root, html) if ld_body is None and holds(TYPE_MARK) else []  # or typed blocks
        rules = rules_for(host)
        title_tag = page_title(root)
        declared_title = meta.title or title_tag
        shown = headline_in_title(root, declared_title)  # "Site: Headline" with the headline shown alone
        declared = find_headline(root, declared_title)  # the <h1> carrying the title: the DOM stage keeps it
        headline = declared if declared is not None else next(root.iter("h1"), None)
        shown_h1 = h1_text(headline)  # the headline as shown, before the DOM stage may take it
        figure_captions = page_captions(root)  # the photo captions, for the sidecar: the DOM stage takes them out
        # the site's names, before its header goes: only where a declared title may be the site's own
        site = site_names(root) if site_title_open(meta.title, headline_text(headline), title_tag) else set()
        standfirst = find_standfirst(headline, rules.standfirst)  # before the DOM stage takes its header
        notes = find_notes(root, rules.notes)  # corrections after the body container, likewise
        endnotes = find_endnotes(root) if "<sup" in marks else []  # footnotes after it, by their marks
        # pdf2htmlEX's and pdf.js's lines, as pdftohtml writes them
        placed = position_text_layers(root, html) if holds("pdf2htmlEX") or holds("textLayer") else 0
        if placed or holds("position:absolute;top:"):
            join_pdf_lines(root, html, placed)  # a PDF converted line by line: paragraphs, headline, captions
        if holds("de1"):
            unlist_numbered_lines(root, html)  # a paste's lines numbered by its highlighter: lines, not list items
        if not options.get("with_metadata"):
            strip_inert(root)  # trafilatura's own metadata pass would need the <meta>s
        unwrap_layout_tables(root)  # pages laid out in table cells: each cell a block, not a data row
        reveal_pages(root)  # an article paged in the browser: its later pages, hidden, after the pager
        if "<dd" in marks:
            reveal_answers(root)  # an accordion written as a definition list: its hidden answers
        if holds("aria-labelledby"):
            reveal_panels(root)  # an article written as an accordion: its collapsed panels
        if holds("aria-hidden"):
            show_aria_shown(root)  # a drop cap, the shown half of a shown/spoken pair: aria-hidden, yet on screen
        show_image_initials(root)  # a drop cap or a formula drawn as a picture: its alt letter or TeX
        reveal_noscript_body(root)  # the body's later paragraphs, loaded by script, in <noscript> for the rest
        written, numbered = address_marks(html)  # one scan over the page's "http"s for both
        if written:
            drop_written_hrefs(root, url)  # a print view's "Almaty (https://...)": the link's address written out
        if numbered:
            drop_link_references(root, url)  # a print view's "Almaty [1]" and its "Links: [1] https://..." list
        faqs = find_faq(root, rules.faq)  # an FAQ accordion after the body, before its answers go as hidden
        boxes = find_keypoints(root, rules.keypoints)  # a key-points box beside the byline, before the DOM stage
        if "<figcaption" in marks:
            read_gallery_captions(root)  # a gallery page's captions are its text, not figure furniture
        if "<blockquote" in marks:
            keep_quote_attributions(root)  # a quote's <footer> or <figcaption>: who said it, kept with it
        old_tags = obsolete_tags(html)  # <center>, <blink>, <marquee>, <xmp>, <listing>, in any case (<BLINK>)
        if "center" in old_tags:
            read_centers(root)  # an obsolete <center>: a <div> (before the DOM rules); in a table, its rows
        if "xmp" in old_tags or "listing" in old_tags:
            read_obsolete_pre(root)  # an obsolete <xmp> or <listing>: the <pre> it is drawn as
        if holds("<label"):
            mark_form_labels(root)  # a <label for=> naming a field of the page: a form's, before its box goes
        unclip_overflow(root)  # a float-clearing block (overflow: hidden): shown, not dropped as hidden
        dropped: list = []
        removed, main = clean_page(root, rules, declared, dropped, records=not with_account)  # the account lists them
        captions = drop_alt_captions(root, dropped)  # a bare caption line repeating its image's alt
        if not with_account:
            removed += captions
        merge_split_body(root)  # a body cut into chunks would lose all but the first
        br_divs: list = []  # <div>s holding <br><br>, found by repair_markup's walk over the <br>s
        if sidenote_marks(html, raw):
            move_sidenotes(root)  # a side note inside its sentence: a paragraph after it, the sentence whole
        if "blink" in old_tags or "marquee" in old_tags:
            unwrap_blinks(root)  # a <blink> or <marquee> inside a sentence: its text, as browsers draw it now
        repair_markup(root, main, br_divs)  # sentences cut by <br>, one-line <div>s, linked paragraphs
        promote_short_page_lines(root, main)  # a short page's <div> lines, which bare trafilatura reads
        found = by_tag(root)  # one walk for the next five
        open_br_sections(root, found)  # an <article> of <br><br> paragraphs: its first one, before the first <br>
        beside, turns, roles = loose_text_divs(root)  # one walk of the <div>s for the next three
        name_aria_roles(roles)  # a <div role="heading" aria-level="2">: an <h2>; a role="list" of items: a <ul>
        demote_section_h1s(found)  # a <section>'s <h1> under the page's headline: a subheading (HTMLBook)
        wrap_beside_divs(root, beside)  # a note's text before a <div>'s blocks: not the whole <div> glued into one line
        wrap_turn_labels(root, turns)  # a transcript's speaker before each turn's <p>: kept, as bare trafilatura does
        wrap_br_divs(root, br_divs)  # a post's <div> of <br><br> paragraphs among <p> furniture: read, not dropped
        promote_section_lines(root, found)  # paragraphs written as <section>s of inline text: one line each
        keep_formulas(found.get("math", []))  # MathML without its TeX: the formula as text (MathJax 2's: strip_inert)
        repair_inline(root, found)  # a <time> or <q> inside a sentence: its text kept in place
        repair_containers(root, found)  # code in a <figure>, a list of sections: plain blocks
        if "table" in found:
            lift_table_captions(found["table"])  # a table's <caption>: a line before it, not its first row
        reflow_prose_pre(root, found)  # a mail in a <pre>: paragraphs, not one line per wrapped line
        if "pre" in found or "table" in found:
            strip_code_gutters(found)  # a listing's line numbers: a table column or glued to its lines
        if "pre" in found:
            end_code_blocks(found["pre"])  # a code block's closing space: the next paragraph not glued to its last line
        if holds("easer"):  # a story's lead in a box named as a teaser's text: not a teaser card
            unname_teaser_leads(root)
        if "<a name=" in marks or "<A NAME=" in marks:
            unwrap_named_anchors(root)  # <a name="x">Heading</a>: a place, not a link (anchors.py)
        beside_media = captions_after_media(root)  # before trafilatura strips the images
        art = run_trafilatura(root, url, {**rules.trafilatura, **options}, main)
        lines = resplit_run_on(art.lines, root)  # trafilatura's baseline reading, one run-on line: its paragraphs
        title = without_forward_prefix(choose_title(meta.title or art.title, root, shown, url, site))  # "Fwd: ..."
        title = page_id_title(root, title) or title  # a wiki's "ns:page_id [Wiki]" and its name in the header's <h1>
        title = headline_under_kicker(headline, title)  # "<h1><span>World</span><br>Headline</h1>"
        title = without_heading_label(headline, title)  # a forum's "News - Headline", "Thread: Headline"
        title = doc_title(root, lines[0] if lines else None, headline) or title  # an office export's Title line
        if lines and title_tag and ('"' in title_tag or "“" in title_tag):  # a post's page quoting its opening
            title = post_title(title_tag, lines[0], title) or title
        title = bracketed_title(title, lines) or title  # a board's "【Topic】Headline [Reporter★]"
        if headline is None and lines:  # a post's bold first line, on a page naming only its channel
            title = bold_first_line(root, lines, title, headline) or title
        slugged = slug_title(lines, title)  # a title made from a file name, the headline as written in the text
        if slugged is not None:
            title, at = slugged
            lines = [*lines[:at], *lines[at + 1:]]
        if lines and title and same_line(lines[0], title):
            lines = lines[1:]  # the headline is the title line, not body text
        lines = drop_labelled_headline(lines, title)  # labels above it ("Member-only story"), then the headline
        lines = drop_stray_headline(lines, title, headline)  # the lead, the headline again, the rest
        furniture: list[str] = []  # a declared or state body's captions and boxes, for the account
        held = use_declared_body(lines, ld_body, furniture)  # a page rendered by script: the body it declares
        if held is None and state:
            held = use_state_body(lines, state, title, furniture)  # or the body only its state script holds
        if held is None and state_blocks:
            held = use_block_state(lines, state_blocks, title)  # or only as a list of text blocks (ANS)
        if held is not None:
            lines = resplit_run_on(held, root)  # a declared articleBody is often one run-on string too
        blocks = block_texts(root) if len(lines) >= 2 else []  # one walk for the next two stages
        # subheadings and sentences trafilatura skipped mid-body, sections it kept only the title of
        lines = restore_gaps(root, lines, blocks, host, rules.headed_gaps)
        lines = restore_loose_divs(root, lines, blocks, beside_media)  # a dateline, sentence or credit loose in a <div>
        lines = restore_tail_section(root, lines, blocks, host)  # a titled section after the last kept block
        lines = restore_siblings(root, lines, blocks)  # items of a list article it kept only some of
        lines = restore_tail_items(root, lines, blocks)  # a thread's last posts after the ones it kept
        lines = restore_lead(lines, blocks, headline)  # the lead paragraphs before the body's container
        lines = restore_tail_run(lines, blocks)  # the body's last paragraphs in a sibling container after it
        lines = restore_endnotes(lines, endnotes)  # footnotes after the body whose marks it holds
        put_back = []  # text put back into the article from elements the DOM stage may have removed
        lines, faq_lines = restore_faq(lines, faqs)  # questions and answers trafilatura left out
        lines, box_lines = restore_keypoints(lines, boxes)  # and the article's key points
        if faq_lines or box_lines:
            put_back += faq_lines + box_lines
            removed = unrecord_notes(removed, faq_lines + box_lines)
        restored = restore_standfirst(lines, standfirst, rules.standfirst.held if rules.standfirst else 0.5)
        if len(restored) > len(lines):
            lines, removed = restored, unrecord(removed, restored[0])
            put_back.append(restored[0])
        restored = restore_notes(lines, notes)
        if len(restored) > len(lines):
            put_back += [n for n in restored if n not in lines]
            lines, removed = restored, unrecord_notes(removed, [n for n in restored if n not in lines])
        lines = drop_repeated_body(lines)  # the body read twice (a second rendition) comes out once
        # a body sentence repeated large between quotation marks, or in a quote's box
        lines, pulled = drop_pull_quotes(lines, boxed_lines(blocks))
        lines, previews = drop_cut_repeats(lines)  # a link preview's copy of a body line, cut by an ellipsis
        lines = restore_page_order(lines, blocks, root)  # a part trafilatura read after the rest, back in its place
        lines, fields = read_database_header(lines)  # a news database's "Length: 612 words" header above the body
        heads = frozenset(text for el, text in blocks if el.tag in SUBHEADINGS)  # a not_heading rule spares them
        paragraphs, para_removed = clean_paragraphs(lines, rules, art.code, heads)  # a code listing's lines are code
        # "— https://..." under the body, the page's own address: after the rules, which keep their own records
        paragraphs, own = drop_own_address(paragraphs, url, art.code)
        para_removed = [*(Removed("database-header", "paragraph", f) for f in fields),
                        *(Removed("declared-body-furniture", "dom", f) for f in furniture),
                        *(Removed("pull-quote-repeat", "paragraph", q) for q in pulled),
                        *(Removed("cut-preview-repeat", "paragraph", q) for q in previews), *para_removed,
                        *(Removed("own-address", "paragraph", a) for a in own)]
        title = without_list_tag(title, html)  # "[kz-watch] Headline": after the text's lines met the title as shown
        title = without_shown_tag(title, html)  # "[New post] Headline" where the page shows "Headline" alone
        if len(paragraphs) < len(lines):  # a line above the headline went: the headline may lead now
            paragraphs = drop_title_line(paragraphs, title)
        paragraphs = keep_joiners(paragraphs, html)  # the zero-width (non-)joiners trafilatura deleted
        title, paragraphs = drop_invisibles(title, paragraphs)  # a restored line's soft hyphens, zero-width spaces
        # the <h1> as shown, for the title line, when the declared title is another text
        head = shown_headline(headline, visible(shown_h1), title, paragraphs, meta.site_name)
        head = None if tags_around(head, title) else head  # a board's "【Topic】Headline [Reporter★]" <h1>
        hidden = [Removed("hidden-junk", "dom", " ".join(junk))] if junk else []
        hidden += [Removed("hover-popup", "dom", p) for p in popups]
        hidden += [Removed(kind, "dom", text) for kind, text in undrawn if text]
        account = [*hidden, *removed, *para_removed]  # the rules' own records
        full = 0  # the account's version when it is the full page account
        if inventory is not None:
            try:
                kept = [title or "", *([head] if head else []), *paragraphs]
                account = [*hidden, *build_account(inventory, kept, dropped=dropped, paragraph_removed=para_removed,
                                                   put_back=put_back)]
                full = ACCOUNT_VERSION
            except (RecursionError, ValueError, TypeError, AttributeError, IndexError, KeyError):
                # never lose the article over the account: the rules' own records instead
                account = [*hidden, *unrecord_notes(dom_records(dropped), put_back), *para_removed]
    except RecursionError:
        return base.with_changes(error="page too deeply nested", encoding=encoding)
    except Exception as exc:  # a hostile page must give an error, never stop a run
        return base.with_changes(error=f"extraction failed: {type(exc).__name__}: {exc}", encoding=encoding)
    result = base.with_changes(
        title=title, headline=head, page_h1=visible(shown_h1) or "", captions=figure_captions,
        paragraphs=tuple(paragraphs),
        removed=tuple(account), account=full,
        author=meta.author or art.author, date=meta.date or art.date, site_name=meta.site_name or art.site_name,
        language=meta.language, description=meta.description or art.description, encoding=encoding,
    )
    if learned:
        result = apply_site_learning(result, learned, rules)
    return result


def classify_text(text: str, host: str | None = None) -> str | None:
    """Name of the paragraph-level boilerplate rule ``text`` matches (generic or
    the host's site rules), or None. Keep patterns (agency lines) give None."""
    rule = match_rule(text, rules_for(host.lower() if host else None))
    return rule.name if rule else None
