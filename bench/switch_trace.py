"""Where a stage acted: the ablation reruns a stage switch only on the pages where its stage changed
something in the full run.

``ACTED`` says, from what the stage function returned (and its arguments), whether it acted;
``WHERE`` names the function each switch is read from; :func:`trace` wraps those functions in a
worker process so a page run records the switches that acted. What each switch turns off is in
``bench/switches.py``; a new stage switch gets a row in both files.
"""
from __future__ import annotations

import re
from collections.abc import Callable


# Which stage switches acted on a page, read from what the stage returned in the full run:
# a switch that did nothing there changes nothing there, so only those pages are rerun.
def _classed_lines_left(root) -> bool:
    """A classed sentence ``<div>`` left beside ``<p>``s: where ``CLASSED_END_NOTES`` may have acted."""
    from archiver.extraction import repair
    return any((div.get("class") or div.get("id")) and repair._div_line(div)
               and div.getparent() is not None and div.getparent().find("p") is not None
               for div in root.iter("div"))


def _unit_guard_held(parent) -> bool:
    """A ``<div>`` child of ``parent`` shaped as a heading without ``divheadings.UNIT_GUARD`` and not with it."""
    from archiver.extraction import divheadings
    if not divheadings.UNIT_GUARD:
        return False
    divs = [c for c in parent if c.tag == "div"]
    divheadings.UNIT_GUARD = False
    try:
        loose = [c for c in divs if divheadings._heading_shape(c)]
    finally:
        divheadings.UNIT_GUARD = True
    return any(not divheadings._heading_shape(c) for c in loose)


def _nested_twins(blocks) -> bool:
    """A block inside a block of the same text: where ``pageorder.NESTED_TWINS`` may have acted."""
    from archiver.extraction import pageorder
    return any(pageorder._twin(blocks, k) for k in range(1, len(blocks)))


_FURNITURE_TAG = re.compile(r"<(?:figure|figcaption|aside|script|style|noscript|template|button)\b", re.I)
ACTED: dict[str, Callable[..., bool]] = {
    "stage:chunk-merge": lambda out, *a: bool(out),
    "stage:chunk-carry-between": lambda out, *a: bool(out),
    "stage:repair-all": lambda out, *a: bool(out),
    "stage:repair-br-join": lambda out, *a: bool(out),
    "stage:repair-hard-wraps": lambda out, *a: bool(out),
    "stage:frameset-noframes": lambda out, *a: bool(out),
    "stage:repair-div-lines": lambda out, *a: bool(out),
    "stage:repair-component-lines": lambda out, *a: bool(out),
    "stage:reveal-continuations": lambda out, *a: bool(out),
    "stage:repair-unlink": lambda out, *a: bool(out),
    "stage:repair-unlink-short": lambda out, *a: bool(out),
    "stage:unlink-spaceless-phrases": lambda out, *a: out,  # a one-phrase Thai/Lao link left linked
    "stage:repair-source-breaks": lambda out, *a: bool(out),
    "stage:code-indent": lambda out, *a: bool(out),
    "stage:list-indent": lambda out, *a: bool(out),
    "stage:open-self-closed-scripts": lambda out, *a: bool(out),
    "stage:rescue-large": lambda out, *a: bool(out),
    "stage:unname-large": lambda out, *a: bool(out),
    "stage:unname-tables": lambda out, *a: bool(out),
    "stage:unname-paragraphs": lambda out, *a: bool(out),
    "stage:unname-body-parts": lambda out, *a: bool(out),
    "stage:boxed-headings": lambda out, *a: bool(out),  # where any part lost its names
    "stage:unname-paragraph-wrappers": lambda out, *a: bool(out),
    "stage:unarticle-feeds": lambda out, *a: bool(out),
    "stage:standfirst": lambda out, *a: out is not None,
    "stage:gaps": lambda out, root, lines, *rest: len(out) != len(lines),
    "stage:gaps-header-headings": lambda out, *a: bool(out),
    "stage:gaps-linked-headings": lambda out, *a: bool(out),
    "stage:gaps-list-items": lambda out, *a: bool(out),
    "stage:gaps-item-neighbours": lambda out, *a: len(out) > 1,
    "stage:gaps-introduced-lists": lambda out, *a: bool(out),
    "stage:gaps-br-lines": lambda out, *a: len(out) > 1,
    "stage:br-tails": lambda out, *a: out,
    "stage:gaps-lead-heading": lambda out, *a: out is not None,
    "stage:gaps-item-titles": lambda out, root, lines, *rest: len(out) != len(lines),
    "stage:mojibake": lambda out, text: out != text,
    "stage:web-encodings": lambda out, *a: True,  # detection ran: the page had no charset that decodes it
    "stage:browser-detector": lambda out, *a: True,
    "stage:inline-times": lambda out, *a: bool(out),
    "stage:inline-q": lambda out, *a: bool(out),
    "stage:list-cell-times": lambda out, *a: bool(out),
    "stage:noindex": lambda out, *a: bool(out),
    "stage:heading-lines": lambda out, *a: bool(out),
    "stage:heading-numbers": lambda out, *a: bool(out),  # where heading-lines joined anything
    "stage:unborder-spans": lambda out, *a: bool(out),
    "stage:unheader-sections": lambda out, *a: bool(out),
    "stage:unheader-body-headings": lambda out, *a: bool(out),  # where any header was unwrapped
    "stage:unbutton-headings": lambda out, *a: bool(out),
    "stage:unfigure-code": lambda out, *a: bool(out),
    "stage:unfigure-quotes": lambda out, *a: bool(out),
    "stage:unlist-sections": lambda out, *a: bool(out),
    "stage:unlist-cells": lambda out, *a: bool(out),
    "stage:wrap-code-text": lambda out, *a: bool(out),
    "stage:wrap-code-beside-blocks": lambda out, *a: bool(out),
    "stage:repair-classed-lines": lambda out, *a: bool(out),
    "stage:repair-classed-end-notes": lambda out, root: _classed_lines_left(root),
    "stage:repair-loose-paragraphs": lambda out, *a: bool(out),
    "stage:repair-loose-lines": lambda out, *a: bool(out),
    "stage:short-page-lines": lambda out, *a: bool(out),
    "stage:prose-pre": lambda out, *a: bool(out),
    "stage:ld-body": lambda out, *a: out is not None,
    "stage:state-body": lambda out, *a: out is not None,
    "stage:flight-body": lambda out, *a: bool(out),
    "stage:devalue-state": lambda out, *a: True,
    "stage:title-trim-one": lambda out, *a: out is not None,
    "stage:doc-title": lambda out, *a: out is not None,
    "stage:post-title": lambda out, *a: out is not None,
    "stage:site-h1": lambda out, meta_title, tree, shown=None, url=None: shown is not None and out == shown,
    "stage:later-h1-title": lambda out, meta_title, tree, shown=None, url=None: (
        not meta_title and shown is not None and out == shown),
    "stage:section-h1": lambda out, meta_title, tree, shown=None, url=None: shown is not None and out == shown,
    "stage:alt-captions-br-lines": lambda out, *a: bool(out),
    "stage:br-sections": lambda out, *a: bool(out),
    "stage:text-beside-divs": lambda out, *a: bool(out),
    "stage:turn-labels": lambda out, *a: bool(out),
    "stage:turn-label-divs": lambda out, *a: bool(out),
    "stage:turn-label-runs": lambda out, *a: bool(out),
    "stage:br-divs": lambda out, *a: bool(out),
    "stage:br-fonts": lambda out, *a: bool(out),
    "stage:br-font-headlines": lambda out, *a: bool(out),
    "stage:section-lines": lambda out, *a: bool(out),
    "stage:bold-title": lambda out, *a: out is not None,
    "stage:bold-title-sentence-case": lambda out, *a: out,  # a sentence-case piece kept a title from the bold line
    "stage:declared-body-furniture": lambda out, body: _FURNITURE_TAG.search(body) is not None,
    "stage:rules-tail-window": lambda out, paragraphs, *a: out != len(paragraphs),
    "stage:rules-tail-boxes": lambda out, paragraphs, end, *a: out != end,
    "stage:rules-rest-window": lambda out, paragraphs, rules, rest_at, end, *a: out != end,
    "stage:pdf-lines": lambda out, *a: bool(out),
    "stage:pdf-text-layers": lambda out, *a: bool(out),
    "stage:pdf-masthead": lambda out, *a: bool(out),
    "stage:pdf-short-pages": lambda out, *a: bool(out),
    "stage:forward-prefix": lambda out, title: out != title,
    "stage:list-tag": lambda out, title, *a: out != title,
    "stage:shown-tag": lambda out, title, *a: out != title,
    "stage:title-after-rules": lambda out, paragraphs, *a: len(out) != len(paragraphs),
    "stage:mail-signature": lambda out, lines: len(out) != len(lines),
    "stage:pre-address-lines": lambda out, lines: out != max((len(x.rstrip()) for x in lines if x.strip()), default=0),
    "stage:file-name-h1": lambda out, *a: out is not None,
    "stage:title-twice": lambda out, *a: out,
    "stage:markdown-captions": lambda out, *a: out is not None,
    "stage:alt-caption-blocks": lambda out, *a: out,
    "stage:office-captions": lambda out, *a: out,
    "stage:alt-caption-paragraphs": lambda out, image_block, *a: out and image_block.tag == "p",
    "stage:quote-cites": lambda out, *a: bool(out),
    "stage:slug-title": lambda out, *a: out is not None,
    "stage:numbered-lines": lambda out, *a: bool(out),
    "stage:code-end": lambda out, *a: bool(out),
    "stage:code-gutters": lambda out, *a: bool(out),
    "stage:aria-headings": lambda out, divs: any(d.tag[:1] == "h" for d in divs),
    "stage:aria-lists": lambda out, divs: any(d.tag == "ul" for d in divs),
    "stage:div-headings": lambda out, *a: bool(out),
    "stage:div-headings-guard": lambda out, parent, *a: _unit_guard_held(parent),
    "stage:site-name-h1": lambda out, *a: out,
    "stage:letter-lines": lambda out, *a: bool(out),
    "stage:layout-body-tables": lambda out, *a: bool(out),
    "stage:layout-menu-tables": lambda out, *a: bool(out),
    "stage:layout-link-cells": lambda out, *a: bool(out),
    "stage:layout-row-tables": lambda out, *a: bool(out),
    "stage:layout-cell-tables": lambda out, *a: bool(out),
    "stage:layout-sized-tables": lambda out, *a: bool(out),
    "stage:footnote-prose": lambda out, *a: bool(out),
    "stage:layout-spacer-columns": lambda out, *a: bool(out),
    "stage:layout-left-bars": lambda out, *a: bool(out),
    "stage:layout-title-tables": lambda out, *a: bool(out),
    "stage:layout-title-headings": lambda out, *a: bool(out),
    "stage:tail-section": lambda out, root, lines, *a: len(out) != len(lines),
    "stage:windows-twins": lambda out, *a: out is not None,
    "stage:layout-own-data-cells": lambda out, *a: bool(out),
    "stage:gaps-whole-line-titles": lambda out, root, lines, *rest: len(out) != len(lines),
    "stage:gaps-hidden": lambda out, *a: out,  # a hidden block of a gap refused
    "stage:siblings": lambda out, root, lines, *rest: len(out) != len(lines),
    "stage:tail-items": lambda out, root, lines, *rest: len(out) != len(lines),
    "stage:tail-items-lone": lambda out, root, lines, *rest: len(out) != len(lines),
    "stage:notes": lambda out, *a: bool(out),
    "stage:notes-in-place": lambda out, *a: any(n.after for n in out),
    "stage:faq": lambda out, *a: bool(out),
    "stage:keypoints": lambda out, *a: bool(out),
    "stage:repeats": lambda out, lines: len(out) != len(lines),
    "stage:page-order": lambda out, lines, *a: out is not lines,
    "stage:page-order-twins": lambda out, lines, blocks=(), *a: bool(blocks) and _nested_twins(blocks),
    "stage:paragraph-rules": lambda out, *a: bool(out[1]),
    "stage:alt-captions": lambda out, *a: bool(out),
    "stage:headline-labels": lambda out, lines, *a: len(out) != len(lines),
    "stage:stray-headline": lambda out, lines, *a: len(out) != len(lines),
    "stage:verse-lines": lambda out, *a: bool(out),
    "stage:lead-run": lambda out, lines, *a: len(out) != len(lines),
    "stage:lead-class-twin": lambda out, lines, *a: len(out) != len(lines),
    "stage:lead-headed": lambda out, lines, *a: len(out) != len(lines),
    "stage:gallery-captions": lambda out, *a: bool(out),
    "stage:quote-attributions": lambda out, *a: bool(out),
    "stage:reveal-answers": lambda out, *a: bool(out),
    "stage:quote-lines": lambda out, *a: out is False,  # (a quote-named line the page does not repeat)
    "stage:spaceless-scripts": lambda out, *a: out > 0,  # a Thai, Lao, Khmer or Burmese text was measured
    "stage:br-join-brackets": lambda out, *a: out,  # a line after a <br> opened with a bracket
    "stage:title-invisibles": lambda out, text: out != text,  # a zero-width character left out
    "stage:keep-joiners": lambda out, paragraphs, html: list(out) != list(paragraphs),
    "stage:invisible-chars": lambda out, title, paragraphs: out != (title, list(paragraphs)),
    "stage:srcdoc-frame": lambda out, *a: bool(out),
    "stage:take-credits": lambda out, *a: bool(out),
    "stage:take-labels": lambda out, *a: bool(out),
    "stage:h1-kicker": lambda out, h1, title: out != title,
    "stage:shown-headline": lambda out, *a: out is not None,
    "stage:hashed-classes": lambda out, tokens: len(out) != len(tokens),
    "stage:reveal-pages": lambda out, *a: bool(out),
    "stage:written-hrefs": lambda out, *a: bool(out),
    "stage:link-references": lambda out, *a: bool(out),
    "stage:noscript-body": lambda out, *a: bool(out),
    "stage:aria-shown": lambda out, *a: bool(out),
}
WHERE = {  # switch -> (module path, function name) it is read from
    "stage:chunk-merge": ("archiver.extraction", "merge_split_body"),
    "stage:chunk-carry-between": ("archiver.extraction", "merge_split_body"),
    "stage:repair-all": ("archiver.extraction", "repair_markup"),
    "stage:repair-br-join": ("archiver.extraction.repair", "join_split_sentences"),
    "stage:repair-hard-wraps": ("archiver.extraction.repair", "join_hard_wraps"),
    "stage:frameset-noframes": ("archiver.extraction.frames", "read_noframes"),
    "stage:repair-div-lines": ("archiver.extraction.repair", "promote_div_lines"),
    "stage:repair-component-lines": ("archiver.extraction.repair", "promote_component_lines"),
    "stage:reveal-continuations": ("archiver.extraction.continuation", "reveal_continuations"),
    "stage:repair-unlink": ("archiver.extraction.repair", "unlink_paragraphs"),
    "stage:repair-unlink-short": ("archiver.extraction.repair", "unlink_paragraphs"),
    "stage:unlink-spaceless-phrases": ("archiver.extraction.repair", "_one_spaceless_phrase"),
    "stage:repair-source-breaks": ("archiver.extraction.repair", "join_source_breaks"),
    "stage:code-indent": ("archiver.extraction.article", "_code_lines"),
    "stage:list-indent": ("archiver.extraction.article", "_nested_items"),
    "stage:open-self-closed-scripts": ("archiver.extraction.scripts", "leaked_script"),
    "stage:rescue-large": ("archiver.extraction.article", "rescue_large"),
    "stage:unname-large": ("archiver.extraction.article", "unname_large"),
    "stage:unname-tables": ("archiver.extraction.article", "unname_table_wrappers"),
    "stage:unname-paragraphs": ("archiver.extraction.article", "unname_paragraphs"),
    "stage:unname-body-parts": ("archiver.extraction.article", "unname_body_parts"),
    "stage:boxed-headings": ("archiver.extraction.article", "unname_body_parts"),
    "stage:unname-paragraph-wrappers": ("archiver.extraction.article", "unname_paragraph_wrappers"),
    "stage:unarticle-feeds": ("archiver.extraction.article", "unarticle_feed"),
    "stage:standfirst": ("archiver.extraction", "find_standfirst"),
    "stage:gaps": ("archiver.extraction", "restore_gaps"),
    "stage:gaps-header-headings": ("archiver.extraction.headings", "alone_in_header"),
    "stage:gaps-linked-headings": ("archiver.extraction.headings", "linked_heading"),
    "stage:gaps-list-items": ("archiver.extraction.gaps", "list_item"),
    "stage:gaps-item-neighbours": ("archiver.extraction.gaps", "line_keys"),
    "stage:gaps-introduced-lists": ("archiver.extraction.gaps", "introduces"),
    "stage:gaps-br-lines": ("archiver.extraction.gaps", "br_pieces"),
    "stage:br-tails": ("archiver.extraction.brjoin", "break_between_inlines"),
    "stage:gaps-lead-heading": ("archiver.extraction.gaps", "lead_heading"),
    "stage:gaps-item-titles": ("archiver.extraction", "restore_gaps"),
    "stage:mojibake": ("archiver.extraction", "repair_mojibake"),
    "stage:web-encodings": ("archiver.extraction.decode", "detect_charset"),
    "stage:browser-detector": ("archiver.extraction.decode", "detect_charset"),
    "stage:windows-twins": ("archiver.extraction.decode", "_windows_twin"),
    "stage:inline-times": ("archiver.extraction.inline", "keep_inline_times"),
    "stage:inline-q": ("archiver.extraction.inline", "quote_inline_q"),
    "stage:list-cell-times": ("archiver.extraction.inline", "keep_inline_times"),
    "stage:noindex": ("archiver.extraction.inline", "unwrap_noindex"),
    "stage:heading-lines": ("archiver.extraction.inline", "join_heading_lines"),
    "stage:heading-numbers": ("archiver.extraction.inline", "join_heading_lines"),
    "stage:unborder-spans": ("archiver.extraction.inline", "unborder_spans"),
    "stage:unheader-sections": ("archiver.extraction.containers", "unheader_sections"),
    "stage:unheader-body-headings": ("archiver.extraction.containers", "unheader_sections"),
    "stage:unbutton-headings": ("archiver.extraction.containers", "unbutton_headings"),
    "stage:unfigure-code": ("archiver.extraction.containers", "unfigure_code"),
    "stage:unfigure-quotes": ("archiver.extraction.containers", "unfigure_code"),
    "stage:unlist-sections": ("archiver.extraction.containers", "unlist_sections"),
    "stage:unlist-cells": ("archiver.extraction.containers", "unlist_cells"),
    "stage:wrap-code-text": ("archiver.extraction.containers", "wrap_code_text"),
    "stage:wrap-code-beside-blocks": ("archiver.extraction.containers", "wrap_code_text"),
    "stage:repair-classed-lines": ("archiver.extraction.repair", "promote_div_lines"),
    "stage:repair-classed-end-notes": ("archiver.extraction.repair", "promote_div_lines"),
    "stage:repair-loose-paragraphs": ("archiver.extraction.repair", "promote_div_lines"),
    "stage:repair-loose-lines": ("archiver.extraction.repair", "promote_div_lines"),
    "stage:short-page-lines": ("archiver.extraction", "promote_short_page_lines"),
    "stage:prose-pre": ("archiver.extraction", "reflow_prose_pre"),
    "stage:ld-body": ("archiver.extraction", "use_declared_body"),
    "stage:state-body": ("archiver.extraction", "use_state_body"),
    "stage:flight-body": ("archiver.extraction.statebody", "flight_rows"),
    "stage:devalue-state": ("archiver.extraction.statebody", "revive"),
    "stage:title-trim-one": ("archiver.extraction", "headline_in_title"),
    "stage:doc-title": ("archiver.extraction", "doc_title"),
    "stage:post-title": ("archiver.extraction", "post_title"),
    "stage:site-h1": ("archiver.extraction", "choose_title"),
    "stage:later-h1-title": ("archiver.extraction", "choose_title"),
    "stage:section-h1": ("archiver.extraction", "choose_title"),
    "stage:alt-captions-br-lines": ("archiver.extraction", "drop_alt_captions"),
    "stage:br-sections": ("archiver.extraction", "open_br_sections"),
    "stage:text-beside-divs": ("archiver.extraction", "wrap_beside_divs"),
    "stage:turn-labels": ("archiver.extraction", "wrap_turn_labels"),
    "stage:turn-label-divs": ("archiver.extraction", "wrap_turn_labels"),
    "stage:turn-label-runs": ("archiver.extraction", "wrap_turn_labels"),
    "stage:br-divs": ("archiver.extraction", "wrap_br_divs"),
    "stage:br-fonts": ("archiver.extraction", "wrap_br_divs"),
    "stage:br-font-headlines": ("archiver.extraction.brlines", "wrap_headline_above"),
    "stage:section-lines": ("archiver.extraction", "promote_section_lines"),
    "stage:bold-title": ("archiver.extraction", "bold_first_line"),
    "stage:bold-title-sentence-case": ("archiver.extraction.boldtitle", "_sentence_case"),
    "stage:declared-body-furniture": ("archiver.extraction.ldbody", "paragraphs_of"),
    "stage:rules-tail-window": ("archiver.extraction.paragraphs", "_body_end"),
    "stage:rules-tail-boxes": ("archiver.extraction.paragraphs", "_closing_box"),
    "stage:rules-rest-window": ("archiver.extraction.paragraphs", "_rest_end"),
    "stage:pdf-lines": ("archiver.extraction", "join_pdf_lines"),
    "stage:pdf-text-layers": ("archiver.extraction", "position_text_layers"),
    "stage:pdf-masthead": ("archiver.extraction.pdflines", "_masthead"),
    "stage:pdf-short-pages": ("archiver.extraction.pdflines", "_short_pages"),
    "stage:forward-prefix": ("archiver.extraction", "without_forward_prefix"),
    "stage:list-tag": ("archiver.extraction", "without_list_tag"),
    "stage:shown-tag": ("archiver.extraction", "without_shown_tag"),
    "stage:title-after-rules": ("archiver.extraction", "drop_title_line"),
    "stage:mail-signature": ("archiver.extraction.prosepre", "without_signature"),
    "stage:pre-address-lines": ("archiver.extraction.prosepre", "_width"),
    "stage:file-name-h1": ("archiver.extraction.metadata", "_file_view_h1"),
    "stage:title-twice": ("archiver.extraction.shownhead", "hidden_copy"),
    "stage:markdown-captions": ("archiver.extraction.altcaptions", "_markdown_caption"),
    "stage:alt-caption-blocks": ("archiver.extraction.altcaptions", "_block_caption"),
    "stage:office-captions": ("archiver.extraction.altcaptions", "_office_caption"),
    "stage:alt-caption-paragraphs": ("archiver.extraction.altcaptions", "_block_caption"),
    "stage:quote-cites": ("archiver.extraction.containers", "unglue_quote_cites"),
    "stage:slug-title": ("archiver.extraction", "slug_title"),
    "stage:numbered-lines": ("archiver.extraction", "unlist_numbered_lines"),
    "stage:code-end": ("archiver.extraction", "end_code_blocks"),
    "stage:code-gutters": ("archiver.extraction", "strip_code_gutters"),
    "stage:aria-headings": ("archiver.extraction", "name_aria_roles"),
    "stage:aria-lists": ("archiver.extraction", "name_aria_roles"),
    "stage:div-headings": ("archiver.extraction.repair", "heading_divs"),
    "stage:div-headings-guard": ("archiver.extraction.repair", "heading_divs"),
    "stage:site-name-h1": ("archiver.extraction.metadata", "_site_name_h1"),
    "stage:letter-lines": ("archiver.extraction.repair", "letter_lines"),
    "stage:layout-body-tables": ("archiver.extraction", "unwrap_layout_tables"),
    "stage:layout-menu-tables": ("archiver.extraction", "unwrap_layout_tables"),
    "stage:layout-link-cells": ("archiver.extraction", "unwrap_layout_tables"),
    "stage:layout-row-tables": ("archiver.extraction", "unwrap_layout_tables"),
    "stage:layout-cell-tables": ("archiver.extraction", "unwrap_layout_tables"),
    "stage:layout-sized-tables": ("archiver.extraction", "unwrap_layout_tables"),
    "stage:footnote-prose": ("archiver.extraction.linkdensity", "_prose"),
    "stage:layout-spacer-columns": ("archiver.extraction", "unwrap_layout_tables"),
    "stage:layout-left-bars": ("archiver.extraction.tables", "left_bars"),
    "stage:layout-title-tables": ("archiver.extraction", "unwrap_layout_tables"),
    "stage:layout-title-headings": ("archiver.extraction", "unwrap_layout_tables"),
    "stage:tail-section": ("archiver.extraction", "restore_tail_section"),
    "stage:layout-own-data-cells": ("archiver.extraction", "unwrap_layout_tables"),
    "stage:gaps-whole-line-titles": ("archiver.extraction", "restore_gaps"),
    "stage:gaps-hidden": ("archiver.extraction.gaps", "hidden_block"),
    "stage:siblings": ("archiver.extraction", "restore_siblings"),
    "stage:tail-items": ("archiver.extraction", "restore_tail_items"),
    "stage:tail-items-lone": ("archiver.extraction", "restore_tail_items"),
    "stage:notes": ("archiver.extraction", "find_notes"),
    "stage:notes-in-place": ("archiver.extraction", "find_notes"),
    "stage:faq": ("archiver.extraction", "find_faq"),
    "stage:keypoints": ("archiver.extraction", "find_keypoints"),
    "stage:repeats": ("archiver.extraction", "drop_repeated_body"),
    "stage:page-order": ("archiver.extraction", "restore_page_order"),
    "stage:page-order-twins": ("archiver.extraction", "restore_page_order"),
    "stage:paragraph-rules": ("archiver.extraction", "clean_paragraphs"),
    "stage:alt-captions": ("archiver.extraction", "drop_alt_captions"),
    "stage:headline-labels": ("archiver.extraction", "drop_labelled_headline"),
    "stage:stray-headline": ("archiver.extraction", "drop_stray_headline"),
    "stage:verse-lines": ("archiver.extraction.hardwraps", "verse"),
    "stage:lead-run": ("archiver.extraction", "restore_lead"),
    "stage:lead-class-twin": ("archiver.extraction.leadrun", "class_twins"),
    "stage:lead-headed": ("archiver.extraction", "restore_lead"),
    "stage:gallery-captions": ("archiver.extraction", "read_gallery_captions"),
    "stage:quote-attributions": ("archiver.extraction", "keep_quote_attributions"),
    "stage:reveal-answers": ("archiver.extraction", "reveal_answers"),
    "stage:quote-lines": ("archiver.extraction.repair", "_said_elsewhere"),
    "stage:spaceless-scripts": ("archiver.extraction.lines", "spaceless"),
    "stage:br-join-brackets": ("archiver.extraction.brjoin", "bracketed_start"),
    "stage:title-invisibles": ("archiver.extraction.toplabels", "strip_invisibles"),
    "stage:keep-joiners": ("archiver.extraction", "keep_joiners"),
    "stage:invisible-chars": ("archiver.extraction", "drop_invisibles"),
    "stage:srcdoc-frame": ("archiver.extraction", "inline_framed_page"),
    "stage:take-credits": ("archiver.extraction.paragraphs", "named_credit"),
    "stage:take-labels": ("archiver.extraction.paragraphs", "box_label"),
    "stage:h1-kicker": ("archiver.extraction", "headline_under_kicker"),
    "stage:shown-headline": ("archiver.extraction", "shown_headline"),
    "stage:hashed-classes": ("archiver.extraction.selectors", "with_stems"),
    "stage:reveal-pages": ("archiver.extraction", "reveal_pages"),
    "stage:written-hrefs": ("archiver.extraction", "drop_written_hrefs"),
    "stage:link-references": ("archiver.extraction", "drop_link_references"),
    "stage:noscript-body": ("archiver.extraction", "reveal_noscript_body"),
    "stage:aria-shown": ("archiver.extraction", "show_aria_shown"),
}
FALLBACK = ("option:precision_fallback", "option:fallback-main-signal")  # acted: a second trafilatura run


def trace(acted: set) -> None:
    """Wrap each function ``WHERE`` names so that a page run records in ``acted`` the switches whose
    stage changed something (``ACTED``); the second trafilatura run counts for the fallbacks."""
    import importlib
    for switch, (module, name) in WHERE.items():
        mod = importlib.import_module(module)
        original = getattr(mod, name)

        def wrapper(*args, _o=original, _s=switch, **kwargs):
            out = _o(*args, **kwargs)
            if ACTED[_s](out, *args):
                acted.add(_s)
            return out
        setattr(mod, name, wrapper)
    import archiver.extraction.article as art
    run = art._run

    def counted(tree, url, options):
        if not options.get("favor_precision"):
            acted.update(FALLBACK)
        return run(tree, url, options)
    art._run = counted  # a patch in the worker process, as the wrappers above
