"""The ablation's switches: what turning each rule, stage and option of the extraction pipeline off
means (a patch applied in a worker process). How a run notices where a stage acted is in
``bench/switch_trace.py``.

``bench/ablation.py`` runs the pipeline once per switch on the pages where the switch can matter:
a rule where the full pipeline recorded it removing text, a stage where ``ACTED`` says it changed
something (``trace`` wraps the functions ``WHERE`` names and records which acted on a page).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable

# -- switches ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Switch:
    name: str  # "dom:<rule>", "para:<rule>", "keep:<rule>", "stage:<stage>", "option:<option>"
    rule: str | None = None  # the rule's name as recorded in Removed (rules only)

    @property
    def kind(self) -> str:
        return self.name.split(":", 1)[0]


def _noop_count(*_args, **_kwargs) -> int:
    return 0


def stages() -> dict[str, Callable[[], None]]:
    """Stage switches: each patches the pipeline so that one stage does nothing."""
    import archiver.extraction as ex
    from archiver.extraction import (
        accordions,
        altcaptions,
        anchors,
        ariaheadings,
        article,
        blockstate,
        boldtitle,
        brackettitle,
        brjoin,
        brlines,
        buildernames,
        calloutlines,
        chunks,
        codegutters,
        codelines,
        componentarticles,
        containers,
        continuation,
        dbheader,
        decode,
        divheadings,
        endnotes,
        endtags,
        faq,
        feedarticles,
        frames,
        gallery,
        gapcode,
        gaps,
        hardwraps,
        headings,
        hiddenjunk,
        iconlists,
        inline,
        invisibles,
        joiners,
        ldbody,
        leadrun,
        letterlines,
        lines,
        linkdensity,
        linkpasses,
        loosedivs,
        mainpick,
        mathtext,
        metadata,
        misnamed,
        mojibake,
        notes,
        overflowclip,
        pageidtitle,
        pageorder,
        paragraphs,
        pdflayers,
        pdflines,
        proseboxes,
        prosecards,
        proselists,
        prosepre,
        quoteattr,
        repair,
        repeats,
        resplit,
        scripts,
        sectionh1,
        sectionlines,
        selectors,
        shortpage,
        shownhead,
        sitetitle,
        srcdoc,
        standfirst,
        statebody,
        tablecaption,
        tables,
        tailitems,
        tailrun,
        tailsection,
        teaserlead,
        titleblock,
        toplabels,
        turnlabels,
    )

    def patch(module, attr, value):
        return lambda: setattr(module, attr, value)

    return {
        "stage:chunk-merge": patch(ex, "merge_split_body", _noop_count),
        "stage:chunk-carry-between": patch(chunks, "CARRY_BETWEEN", False),
        "stage:repair-all": patch(ex, "repair_markup", _noop_count),
        "stage:repair-br-join": patch(repair, "join_split_sentences", _noop_count),
        "stage:repair-hard-wraps": patch(repair, "join_hard_wraps", _noop_count),
        "stage:frameset-noframes": patch(frames, "NOFRAMES", False),
        "stage:repair-div-lines": patch(repair, "promote_div_lines", _noop_count),
        "stage:callout-lines": patch(calloutlines, "BOXED_LINES", False),
        "stage:repair-component-lines": patch(repair, "promote_component_lines", _noop_count),
        "stage:reveal-continuations": patch(continuation, "reveal_continuations", _noop_count),
        "stage:repair-unlink": patch(repair, "unlink_paragraphs", _noop_count),
        "stage:repair-unlink-short": patch(repair, "SHORT_LINKED_LINES", False),
        "stage:unlink-spaceless-phrases": patch(repair, "SPACELESS_ONE_PHRASE", False),
        "stage:repair-source-breaks": patch(repair, "JOIN_SOURCE_BREAKS", False),
        "stage:code-indent": patch(article, "KEEP_CODE_INDENT", False),
        "stage:code-lines-kept": patch(article, "CODE_KEPT", False),
        "stage:prose-cards": patch(prosecards, "UNNAME_CARDS", False),
        "stage:prose-boxes": patch(proseboxes, "PROSE_BOXES", False),
        "stage:icon-lists": patch(iconlists, "UNNAME_ICON_LISTS", False),
        "stage:accordion-panels": patch(accordions, "ACCORDION_PANELS", False),
        "stage:late-content": patch(endtags, "LATE_CONTENT", False),
        "stage:component-articles": patch(componentarticles, "COMPONENT_ARTICLES", False),
        "stage:br-end-tags": patch(endtags, "BR_END_TAGS", False),
        "stage:list-indent": patch(article, "KEEP_LIST_INDENT", False),
        "stage:open-self-closed-scripts": patch(scripts, "OPEN_SELF_CLOSED", False),
        "stage:rescue-large": patch(article, "rescue_large", _noop_count),
        "stage:unname-large": patch(article, "unname_large", _noop_count),
        "stage:keep-spaces": patch(article, "KEEP_SPACES", False),
        "stage:br-tails": patch(brjoin, "BR_TAILS", False),
        "stage:unname-tables": patch(article, "unname_table_wrappers", _noop_count),
        "stage:unname-paragraphs": patch(misnamed, "UNNAME_PARAGRAPHS", False),
        "stage:unname-body-parts": patch(misnamed, "UNNAME_PARTS", False),
        "stage:boxed-headings": patch(misnamed, "BOXED_HEADINGS", False),
        "stage:unname-paragraph-wrappers": patch(misnamed, "UNNAME_WRAPPERS", False),
        "stage:unarticle-feeds": patch(feedarticles, "UNARTICLE_FEEDS", False),
        "stage:section-articles": patch(feedarticles, "SECTION_ARTICLES", False),
        "stage:prose-lists": patch(proselists, "PROSE_LISTS", False),
        "stage:declared-astray": patch(sitetitle, "DECLARED_ASTRAY", False),
        "stage:teaser-leads": patch(teaserlead, "TEASER_LEADS", False),
        "stage:titled-blocks": patch(titleblock, "TITLED_BLOCKS", False),
        "stage:standfirst": patch(ex, "find_standfirst", lambda *a, **k: None),
        "stage:standfirst-skip-named": patch(standfirst, "SKIP_NAMED", False),
        "stage:standfirst-hgroup": patch(standfirst, "HGROUP", False),
        "stage:standfirst-in-named": patch(standfirst, "IN_NAMED", False),
        "stage:gaps": patch(ex, "restore_gaps", lambda root, lines, *rest: list(lines)),
        "stage:gaps-header-headings": patch(headings, "alone_in_header", lambda *a: False),
        "stage:gaps-linked-headings": patch(headings, "linked_heading", lambda *a: False),
        "stage:gaps-list-items": patch(gaps, "list_item", lambda *a: False),
        "stage:gaps-bare-divs": patch(gaps, "BARE_DIVS", False),
        "stage:loose-divs": patch(loosedivs, "LOOSE_DIVS", False),
        "stage:gaps-item-neighbours": patch(gaps, "line_keys", lambda line: (gaps.norm(line),)),
        "stage:gaps-introduced-lists": patch(gaps, "introduces", lambda text: False),
        "stage:gaps-br-lines": patch(gaps, "BR_LINES", False),
        "stage:gaps-lead-heading": patch(gaps, "LEAD_HEADINGS", False),
        "stage:gaps-next-holders": patch(gaps, "NEXT_HOLDERS", False),
        "stage:gaps-far-next": patch(gaps, "FAR_NEXT", False),
        "stage:gaps-hidden": patch(gaps, "SKIP_HIDDEN", False),
        "stage:gaps-code-neighbours": patch(gapcode, "CODE_NEIGHBOURS", False),
        "stage:later-h1-title": patch(metadata, "LATER_H1", False),
        "stage:gaps-item-titles": patch(headings, "ITEM_TITLES", False),
        "stage:mojibake": patch(mojibake, "REPAIR", False),
        "stage:web-encodings": patch(decode, "WEB_ENCODINGS", None),
        "stage:browser-detector": patch(decode, "BROWSER_DETECTOR", False),
        "stage:windows-twins": patch(decode, "WINDOWS_TWINS", {}),
        "stage:browser-guesses": patch(decode, "BROWSER_GUESSES", False),
        "stage:inline-times": patch(inline, "KEEP_TIMES", False),
        "stage:inline-q": patch(inline, "QUOTE_Q", False),
        "stage:list-cell-times": patch(inline, "LIST_CELL_TIMES", False),
        "stage:noindex": patch(inline, "UNWRAP_NOINDEX", False),
        "stage:heading-lines": patch(inline, "HEADING_LINES", False),
        "stage:heading-numbers": patch(inline, "HEADING_NUMBERS", False),
        "stage:unborder-spans": patch(inline, "UNBORDER_SPANS", False),
        "stage:unheader-sections": patch(containers, "UNHEADER_SECTIONS", False),
        "stage:unheader-body-headings": patch(containers, "UNHEADER_BODY_HEADINGS", False),
        "stage:unbutton-headings": patch(containers, "UNBUTTON_HEADINGS", False),
        "stage:unfigure-code": patch(containers, "UNFIGURE_CODE", False),
        "stage:unfigure-quotes": patch(containers, "UNFIGURE_QUOTES", False),
        "stage:unlist-sections": patch(containers, "UNLIST_SECTIONS", False),
        "stage:unlist-cells": patch(containers, "UNLIST_CELLS", False),
        "stage:wrap-code-text": patch(containers, "WRAP_CODE_TEXT", False),
        "stage:wrap-code-beside-blocks": patch(containers, "WRAP_BESIDE_BLOCKS", False),
        "stage:repair-classed-lines": patch(repair, "CLASSED_LINES", False),
        "stage:repair-classed-end-notes": patch(repair, "CLASSED_END_NOTES", False),
        "stage:short-page-lines": patch(shortpage, "SHORT_PAGE", False),
        "stage:prose-pre": patch(prosepre, "REFLOW", False),
        "stage:ld-body": patch(ldbody, "LD_BODY", False),
        "stage:state-body": patch(statebody, "STATE_BODY", False),
        "stage:flight-body": patch(statebody, "FLIGHT", False),
        "stage:devalue-state": patch(statebody, "DEVALUE", False),
        "stage:nested-state": patch(statebody, "NESTED", False),
        "stage:assigned-state": patch(statebody, "ASSIGNED", False),
        "stage:title-trim-one": patch(metadata, "TRIM_ONE", False),
        "stage:doc-title": patch(metadata, "DOC_TITLE", False),
        "stage:post-title": patch(metadata, "POST_TITLE", False),
        "stage:bracket-title": patch(brackettitle, "BRACKET_TAGS", False),
        "stage:site-h1": patch(metadata, "SITE_H1", False),
        "stage:section-h1": patch(metadata, "SECTION_H1", False),
        "stage:alt-captions-br-lines": patch(altcaptions, "BR_LINES", False),
        "stage:br-sections": patch(brlines, "BR_SECTIONS", False),
        "stage:text-beside-divs": patch(brlines, "TEXT_BESIDE_DIVS", False),
        "stage:beside-div-lines": patch(brlines, "BESIDE_DIV_LINES", False),
        "stage:turn-labels": patch(turnlabels, "TURN_LABELS", False),
        "stage:turn-label-divs": patch(turnlabels, "TURN_LABEL_DIVS", False),
        "stage:turn-label-runs": patch(turnlabels, "TURN_LABEL_RUNS", False),
        "stage:turn-whole": patch(turnlabels, "TURN_WHOLE", False),
        "stage:br-div-twins": patch(brlines, "BR_DIV_TWINS", False),
        "stage:br-divs": patch(brlines, "BR_DIVS", False),
        "stage:br-fonts": patch(brlines, "BR_FONTS", False),
        "stage:br-font-headlines": patch(brlines, "BR_FONT_HEADLINES", False),
        "stage:section-lines": patch(sectionlines, "SECTION_LINES", False),
        "stage:bold-title": patch(boldtitle, "BOLD_TITLE", False),
        "stage:bold-title-sentence-case": patch(boldtitle, "SENTENCE_CASE", False),
        "stage:declared-body-furniture": patch(ldbody, "SKIP_FURNITURE", False),
        "stage:rules-tail-window": patch(paragraphs, "TAIL_WINDOW", False),
        "stage:rules-tail-boxes": patch(paragraphs, "TAIL_BOXES", False),
        "stage:rules-rest-window": patch(paragraphs, "REST_WINDOW", False),
        "stage:pdf-lines": patch(pdflines, "PDF_LINES", False),
        "stage:pdf-text-layers": patch(pdflayers, "TEXT_LAYERS", False),
        "stage:pdf-masthead": patch(pdflines, "MASTHEAD", False),
        "stage:pdf-short-pages": patch(pdflines, "SHORT_PAGES", False),
        "stage:forward-prefix": patch(toplabels, "FORWARD_PREFIX", False),
        "stage:list-tag": patch(toplabels, "LIST_TAG", False),
        "stage:shown-tag": patch(toplabels, "SHOWN_TAG", False),
        "stage:title-after-rules": patch(toplabels, "TITLE_AFTER_RULES", False),
        "stage:mail-signature": patch(prosepre, "SIGNATURE", False),
        "stage:pre-address-lines": patch(prosepre, "ADDRESS_LINES", False),
        "stage:file-name-h1": patch(metadata, "FILE_NAME_H1", False),
        "stage:title-twice": patch(shownhead, "TITLE_TWICE", False),
        "stage:markdown-captions": patch(altcaptions, "MARKDOWN_PAIRS", False),
        "stage:plain-caption-pairs": patch(altcaptions, "PLAIN_PAIRS", False),
        "stage:alt-caption-blocks": patch(altcaptions, "BLOCK_PAIRS", False),
        "stage:office-captions": patch(altcaptions, "OFFICE_PAIRS", False),
        "stage:alt-caption-hidden-siblings": patch(altcaptions, "HIDDEN_SIBLINGS", False),
        "stage:alt-caption-font-lines": patch(altcaptions, "FONT_LINES", False),
        "stage:alt-caption-paragraphs": patch(altcaptions, "PARAGRAPH_BLOCKS", False),
        "stage:quote-cites": patch(containers, "QUOTE_CITES", False),
        "stage:slug-title": patch(toplabels, "SLUG_TITLE", False),
        "stage:numbered-lines": patch(codelines, "NUMBERED_LINES", False),
        "stage:code-end": patch(codelines, "CODE_END", False),
        "stage:code-gutters": patch(codegutters, "CODE_GUTTERS", False),
        "stage:named-anchors": patch(anchors, "NAMED_ANCHORS", False),
        "stage:aria-headings": patch(ariaheadings, "ARIA_HEADINGS", False),
        "stage:aria-lists": patch(ariaheadings, "ARIA_LISTS", False),
        "stage:div-headings": patch(divheadings, "DIV_HEADINGS", False),
        "stage:div-headings-guard": patch(divheadings, "UNIT_GUARD", False),
        "stage:div-headings-self-anchor": patch(divheadings, "SELF_ANCHORS", False),
        "stage:site-name-h1": patch(metadata, "SITE_NAME_H1", False),
        "stage:site-tagline-h1": patch(metadata, "SITE_TAGLINE_H1", False),
        "stage:cjk-underscore-title": patch(metadata, "CJK_UNDERSCORE", False),
        "stage:letter-lines": patch(letterlines, "LETTER_LINES", False),
        "stage:main-at-headline": patch(mainpick, "MAIN_AT_HEADLINE", False),
        "stage:repair-loose-paragraphs": patch(brlines, "LOOSE_PARAGRAPHS", False),
        "stage:repair-loose-lines": patch(brlines, "LOOSE_LINES", False),
        "stage:block-holders": patch(brlines, "BLOCK_HOLDERS", False),
        "stage:p-closers": patch(brlines, "P_CLOSERS", frozenset()),
        "stage:layout-body-tables": patch(tables, "BODY_SHELLS", False),
        "stage:layout-summary-words": patch(tables, "SUMMARY_WORDS", False),
        "stage:layout-menu-tables": patch(tables, "MENU_SHELLS", False),
        "stage:layout-link-cells": patch(tables, "LINK_CELLS", False),
        "stage:layout-row-tables": patch(tables, "ROW_SHELLS", False),
        "stage:layout-cell-tables": patch(tables, "CELL_SHELLS", False),
        "stage:layout-sized-tables": patch(tables, "SIZED_SHELLS", False),
        "stage:footnote-prose": patch(linkdensity, "PROSE_GUARD", False),
        "stage:precision-headers": patch(linkpasses, "PRECISION_HEADERS", False),
        "stage:precision-classes": patch(linkpasses, "PRECISION_CLASSES", False),
        "stage:precision-shortcut": patch(linkpasses, "PRECISION_SHORTCUT", False),
        "stage:precision-backtrack": patch(linkpasses, "PRECISION_BACKTRACK", False),
        "stage:precision-trailing-heads": patch(linkpasses, "TRAILING_HEADS", False),
        "stage:precision-head-links": patch(linkpasses, "HEAD_LINKS", False),
        "stage:precision-quote-links": patch(linkpasses, "QUOTE_LINKS", False),
        "stage:layout-spacer-columns": patch(tables, "SPACER_COLUMNS", False),
        "stage:layout-title-tables": patch(tables, "TITLE_SHELLS", False),
        "stage:layout-left-bars": patch(tables, "LEFT_BARS", False),
        "stage:layout-media-rows": patch(tables, "MEDIA_ROWS", False),
        "stage:layout-prose-cells": patch(tables, "PROSE_CELLS", False),
        "stage:layout-title-headings": patch(tables, "TITLE_HEADINGS", False),
        "stage:tail-section": patch(tailsection, "TAIL_SECTIONS", False),
        "stage:layout-own-data-cells": patch(tables, "OWN_DATA_CELLS", False),
        "stage:gaps-whole-line-titles": patch(gaps, "WHOLE_LINE_TITLES", False),
        "stage:siblings": patch(ex, "restore_siblings", lambda root, lines, *rest: list(lines)),
        "stage:tail-items": patch(tailitems, "ENABLED", False),
        "stage:tail-items-lone": patch(tailitems, "LONE", False),
        "stage:notes": patch(ex, "find_notes", lambda root, label: []),
        "stage:notes-in-place": patch(notes, "IN_PLACE", False),
        "stage:faq": patch(ex, "find_faq", lambda root, title: []),
        "stage:faq-max-share": patch(faq, "MAX_SHARE", 0),
        "stage:keypoints": patch(ex, "find_keypoints", lambda root, title: []),
        "stage:repeats": patch(ex, "drop_repeated_body", list),
        "stage:page-order": patch(pageorder, "PAGE_ORDER", False),
        "stage:page-order-twins": patch(pageorder, "NESTED_TWINS", False),
        "stage:paragraph-rules": patch(ex, "clean_paragraphs", lambda lines, rules: (list(lines), [])),
        "stage:alt-captions": patch(ex, "drop_alt_captions", lambda *a, **k: []),
        "stage:headline-labels": patch(ex, "drop_labelled_headline", lambda lines, title: list(lines)),
        "stage:stray-headline": patch(toplabels, "STRAY_HEADLINE", False),
        "stage:verse-lines": patch(hardwraps, "VERSE_LINES", False),
        "stage:lead-run": patch(leadrun, "LEAD_RUN", False),
        "stage:lead-class-twin": patch(leadrun, "CLASS_TWIN", False),
        "stage:lead-headed": patch(leadrun, "HEADED", False),
        "stage:tail-run": patch(tailrun, "TAIL_RUN", False),
        "stage:endnotes": patch(endnotes, "ENDNOTES", False),
        "stage:tail-run-elsewhere": patch(tailrun, "ELSEWHERE", False),
        "stage:tail-run-threads": patch(tailrun, "THREAD_WORDS", False),
        "stage:table-captions": patch(tablecaption, "CAPTION_LINES", False),
        "stage:gallery-captions": patch(gallery, "GALLERY_CAPTIONS", False),
        "stage:gallery-caption-extras": patch(gallery, "CAPTION_EXTRAS", False),
        "stage:quote-attributions": patch(quoteattr, "QUOTE_ATTRIBUTIONS", False),
        "stage:reveal-answers": patch(continuation, "REVEAL_ANSWERS", False),
        "stage:reveal-collapsed": patch(continuation, "COLLAPSED", False),
        "stage:unclip-overflow": patch(overflowclip, "OVERFLOW_CLIP", False),
        "stage:builder-names": patch(buildernames, "BUILDER_NAMES", False),
        "stage:section-h1s": patch(sectionh1, "SECTION_H1S", False),
        "stage:page-id-title": patch(pageidtitle, "PAGE_ID_TITLE", False),
        "stage:dated-site-title": patch(sitetitle, "DATED_TITLE", False),
        "stage:math-text": patch(mathtext, "ENABLED", False),
        "stage:quote-lines": patch(repair, "QUOTE_LINES", False),
        "stage:wide-scripts": _latin_only,
        "stage:spaceless-scripts": patch(lines, "SPACELESS_SCRIPTS", False),
        "stage:br-join-brackets": patch(brjoin, "BRACKETED", False),
        "stage:title-invisibles": patch(toplabels, "INVISIBLES", False),
        "stage:keep-joiners": patch(joiners, "JOINERS", False),
        "stage:invisible-chars": patch(invisibles, "INVISIBLES", False),
        "stage:srcdoc-frame": patch(srcdoc, "SRCDOC", False),
        "stage:data-uri-frame": patch(srcdoc, "DATA_FRAMES", False),
        "stage:state-blocks": patch(blockstate, "STATE_BLOCKS", False),
        "stage:frame-head": patch(srcdoc, "FRAME_HEAD", False),
        "stage:hidden-junk": patch(hiddenjunk, "HIDDEN_JUNK", False),
        "stage:pull-quote-repeats": patch(repeats, "PULL_QUOTES", False),
        "stage:cut-preview-repeats": patch(repeats, "CUT_REPEATS", False),
        "stage:cut-excerpt-above": patch(repeats, "CUT_ABOVE", False),
        "stage:database-header": patch(dbheader, "DB_HEADER", False),
        "stage:resplit-run-on": patch(resplit, "RESPLIT", False),
        "stage:div-timelines": patch(inline, "TIMELINE_DIVS", False),
        "stage:take-credits": patch(paragraphs, "TAKE_CREDITS", False),
        "stage:take-labels": patch(paragraphs, "TAKE_LABELS", False),
        "stage:h1-kicker": patch(ex, "headline_under_kicker", lambda h1, title: title),
        "stage:heading-label": patch(toplabels, "HEADING_LABEL", False),
        "stage:shown-headline": patch(shownhead, "SHOWN_HEADLINE", False),
        "stage:hashed-classes": patch(selectors, "HASHED_CLASSES", False),
        "stage:reveal-pages": patch(ex, "reveal_pages", _noop_count),
        "stage:written-hrefs": patch(ex, "drop_written_hrefs", _noop_count),
        "stage:link-references": patch(ex, "drop_link_references", _noop_count),
        "stage:noscript-body": patch(ex, "reveal_noscript_body", _noop_count),
        "stage:aria-shown": patch(ex, "show_aria_shown", _noop_count),
        "stage:dom-rules": _without_rules(lambda rs: dataclasses.replace(rs, dom=())),
        "stage:gaps-headed": _without_rules(lambda rs: dataclasses.replace(rs, headed_gaps=None)),
        "stage:chunk-cards": patch(chunks, "CARD_CHARS", 0),
        "stage:chunk-lists": patch(chunks, "_STRUCTURE", chunks._STRUCTURE - {"ul", "ol"}),
        "stage:standfirst-veto": _without_rules(lambda rs: dataclasses.replace(
            rs, standfirst=rs.standfirst and dataclasses.replace(rs.standfirst, veto=None))),
    }


def _latin_only() -> None:
    """Sentence tests as before ``lines.WIDE_SCRIPTS``: split words, Latin sentence ends only."""
    from archiver.extraction import brjoin, continuation, hardwraps, headings, inline, leadrun, lines, misnamed, repair
    lines.WIDE_SCRIPTS = False
    lines.SENTENCE_END = repair._SENTENCE_END = brjoin._SENTENCE_END = hardwraps.SENTENCE_END = \
        lines.LATIN_SENTENCE_END
    lines.FULL_STOP_END = continuation._SENTENCE_END = misnamed._SENTENCE = lines.LATIN_FULL_STOP_END
    headings.SENTENCE_END = inline.SENTENCE_END = leadrun.SENTENCE_END = headings.LATIN_SENTENCE_END


def _without_rules(change: Callable) -> Callable[[], None]:
    """A patch of ``rules_for`` so every page gets ``change(ruleset)``."""
    def apply() -> None:
        import archiver.extraction as ex
        original = ex.rules_for

        def rules_for(host):
            return change(original(host))
        ex.rules_for = rules_for  # type: ignore[assignment]  # a patch in the worker process
    return apply


def options() -> dict[str, Callable[[], None]]:
    def tra(**changes):
        def edit(rs):
            opts = {k: v for k, v in {**rs.trafilatura, **changes}.items() if v is not None}
            return dataclasses.replace(rs, trafilatura=opts)
        return _without_rules(edit)
    return {
        "option:favor_precision": tra(favor_precision=False),
        "option:precision_fallback": tra(precision_fallback=None),
        "option:fallback-main-signal": _without_rules(lambda rs: dataclasses.replace(rs, trafilatura={
            **rs.trafilatura, "precision_fallback": {k: v for k, v in rs.trafilatura.get(
                "precision_fallback", {}).items() if not k.startswith("main_")}})),
        "option:fallback-aside": _without_rules(lambda rs: dataclasses.replace(rs, trafilatura={
            **rs.trafilatura, "precision_fallback": {k: v for k, v in rs.trafilatura.get(
                "precision_fallback", {}).items() if not k.startswith("aside_")}})),
    }


def rule_switches() -> list[Switch]:
    from archiver.extraction.rules import rules_for
    generic = rules_for(None)
    out = [Switch(f"dom:{r.name}", r.name) for r in generic.dom]
    out += [Switch(f"para:{r.name}", r.name) for r in generic.paragraphs]
    out += [Switch(f"keep:{r.name}", r.name) for r in generic.keep]
    return out


def _rule_patch(switch: Switch) -> Callable[[], None]:
    field = {"dom": "dom", "para": "paragraphs", "keep": "keep"}[switch.kind]
    return _without_rules(lambda rs: dataclasses.replace(
        rs, **{field: tuple(r for r in getattr(rs, field) if r.name != switch.rule)}))


def patch_for(switch: Switch) -> Callable[[], None]:
    if switch.kind in ("dom", "para", "keep"):
        return _rule_patch(switch)
    return {**stages(), **options()}[switch.name]
