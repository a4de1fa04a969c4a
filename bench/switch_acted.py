"""Which stage switches acted on a page, read from what each stage function returned in the full run.

``ACTED`` maps a stage switch to a test of the stage function's return value (and its arguments): a
switch that did nothing on a page changes nothing there, so the ablation reruns it only on the pages
where it acted. ``bench/switch_trace.py`` names the function each switch is read from (``WHERE``) and
wraps them; ``bench/switch_stages.py`` says what each stage switch turns off. A new stage switch gets a row in all
three files.
"""
from __future__ import annotations

from collections.abc import Callable

from archiver.extraction import divheadings
from archiver.extraction.decode import SUPERSETS
from archiver.extraction.ownaddress import _LINE as _OWN_LINE  # the colon form; the rest is the separator's
from bench.switch_probes import (
    FURNITURE_TAG,
    classed_lines_left,
    nested_twins,
    skip_named_after,
    thread_blocks,
    unit_guard_held,
)

# Which stage switches acted on a page, read from what the stage returned in the full run:
# a switch that did nothing there changes nothing there, so only those pages are rerun.
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
    "stage:toggle-link-titles": lambda out, *a: bool(out),
    "stage:toggle-button-questions": lambda out, *a: bool(out),
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
    "stage:section-articles": lambda out, *a: bool(out),  # superset: any feed or story's sections renamed
    "stage:beside-div-lines": lambda out, *a: bool(out),
    "stage:named-anchors": lambda out, *a: bool(out),
    "stage:prose-lists": lambda out, *a: bool(out),
    "stage:prose-boxes": lambda out, *a: bool(out),
    "stage:icon-lists": lambda out, *a: bool(out),
    "stage:accordion-panels": lambda out, *a: bool(out),
    "stage:declared-astray": lambda out, *a: out,  # the declared title was taken for the site's
    "stage:teaser-leads": lambda out, *a: bool(out),  # where a lead box lost its names
    "stage:standfirst": lambda out, *a: out is not None,
    "stage:standfirst-skip-named": lambda out, headline, rule, *a: skip_named_after(headline, rule),
    "stage:gaps": lambda out, root, lines, *rest: len(out) != len(lines),
    "stage:loose-divs": lambda out, root, lines, *rest: len(out) != len(lines),
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
    "stage:inline-buttons": lambda out, *a: bool(out),
    "stage:inline-labels": lambda out, *a: bool(out),
    "stage:center-blocks": lambda out, *a: bool(out),
    "stage:blink-text": lambda out, *a: bool(out),
    "stage:marquee-text": lambda out, *a: bool(out),  # where a <blink> or <marquee> was unwrapped
    "stage:obsolete-pre": lambda out, *a: bool(out),
    "stage:sidenotes": lambda out, *a: bool(out),
    "stage:inert-templates": lambda out, *a: any(kind == "inert-template" for kind, _ in out),
    "stage:canvas-fallback": lambda out, *a: any(kind == "canvas-fallback" for kind, _ in out),
    "stage:aria-spoken-pairs": lambda out, *a: bool(out),  # over-counts: any shown pair, the older forms too
    "stage:image-initials": lambda out, *a: bool(out),  # over-counts: the pass reads formula images too
    "stage:formula-images": lambda out, *a: bool(out),
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
    "stage:repair-classed-end-notes": lambda out, root: classed_lines_left(root),
    "stage:repair-loose-paragraphs": lambda out, *a: bool(out),
    "stage:repair-loose-lines": lambda out, *a: bool(out),
    "stage:short-page-lines": lambda out, *a: bool(out),
    "stage:prose-pre": lambda out, *a: bool(out),
    "stage:ld-body": lambda out, *a: out is not None,
    "stage:state-body": lambda out, *a: out is not None,
    "stage:flight-body": lambda out, *a: bool(out),
    "stage:devalue-state": lambda out, *a: True,
    "stage:nested-state": lambda out, *a: out is not a[0],  # a field shape or a JSON string read
    "stage:assigned-state": lambda out, *a: bool(out),
    "stage:title-trim-one": lambda out, *a: out is not None,
    "stage:titled-blocks": lambda out, tree, *a: out is not None and next(tree.iter("h1"), None) is None,  # superset
    "stage:doc-title": lambda out, *a: out is not None,
    "stage:post-title": lambda out, *a: out is not None,
    "stage:site-h1": lambda out, meta_title, tree, shown=None, url=None, *a: shown is not None and out == shown,
    "stage:later-h1-title": lambda out, meta_title, tree, shown=None, url=None, *a: (
        not meta_title and shown is not None and out == shown),
    "stage:section-h1": lambda out, meta_title, tree, shown=None, url=None, *a: shown is not None and out == shown,
    "stage:alt-captions-br-lines": lambda out, *a: bool(out),
    "stage:br-sections": lambda out, *a: bool(out),
    "stage:text-beside-divs": lambda out, *a: bool(out),
    "stage:turn-labels": lambda out, *a: bool(out),
    "stage:turn-label-divs": lambda out, *a: bool(out),
    "stage:turn-label-runs": lambda out, *a: bool(out),
    "stage:turn-whole": lambda out, *a: bool(out),
    "stage:br-divs": lambda out, *a: bool(out),
    "stage:br-fonts": lambda out, *a: bool(out),
    "stage:br-font-headlines": lambda out, *a: bool(out),
    "stage:section-lines": lambda out, *a: bool(out),
    "stage:bold-title": lambda out, *a: out is not None,
    "stage:bold-title-sentence-case": lambda out, *a: out,  # a sentence-case piece kept a title from the bold line
    "stage:declared-body-furniture": lambda out, body, *a: FURNITURE_TAG.search(body) is not None,  # (body, furniture)
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
    "stage:div-headings-guard": lambda out, parent, *a: unit_guard_held(parent),
    # a heading <div> holding a fragment link (its own permalink, or refused by its link share as before)
    "stage:div-headings-self-anchor": lambda out, *a: any(
        (x.get("href") or "").startswith("#") for d in out for x in d.iter("a")),
    # a heading <div> named only by a section-title or crosshead word (wallabag#3349)
    "stage:div-headings-title-names": lambda out, *a: any(divheadings.title_named(d) for d in out),
    # a heading <div> right after a list, quote, table or code block
    "stage:div-headings-after-blocks": lambda out, *a: any(divheadings.after_block(d) for d in out),
    # a heading <div> followed by a <div> opening with a <p> (a page builder's text widget); told loosely,
    # the next element no <p> (a spacer before the <p> counts too: rerun, never missed)
    "stage:div-headings-wrapped-next": lambda out, *a: any(not divheadings.next_is_p(d) for d in out),
    "stage:gaps-code-neighbours": lambda out, root, seq, *a: len(out) != len(seq),  # a kept <pre> bounds gaps
    "stage:site-name-h1": lambda out, *a: out,
    "stage:site-tagline-h1": lambda out, *a: out,
    "stage:cjk-underscore-title": lambda out, *a: out is not None,
    "stage:letter-lines": lambda out, *a: bool(out),
    "stage:verse-divs": lambda out, *a: bool(out[0] or out[1]),
    "stage:wrapped-div-lines": lambda out, *a: bool(out),
    "stage:layout-body-tables": lambda out, *a: bool(out),
    "stage:layout-menu-tables": lambda out, *a: bool(out),
    "stage:layout-link-cells": lambda out, *a: bool(out),
    "stage:layout-row-tables": lambda out, *a: bool(out),
    "stage:layout-cell-tables": lambda out, *a: bool(out),
    "stage:layout-sized-tables": lambda out, *a: bool(out),
    "stage:footnote-prose": lambda out, *a: bool(out),
    "stage:precision-headers": lambda out, *a: bool(out),
    "stage:precision-classes": lambda out, *a: bool(out),
    "stage:precision-trailing-heads": lambda out, *a: bool(out),
    "stage:precision-head-links": lambda out, tree, tag: bool(out) and tag == "head",
    "stage:precision-quote-links": lambda out, tree, tag: bool(out) and tag == "quote",
    "stage:layout-spacer-columns": lambda out, *a: bool(out),
    "stage:layout-left-bars": lambda out, *a: bool(out),
    "stage:layout-media-rows": lambda out, *a: bool(out),
    "stage:layout-prose-cells": lambda out, *a: bool(out),
    "stage:layout-title-tables": lambda out, *a: bool(out),
    "stage:layout-title-headings": lambda out, *a: bool(out),
    "stage:tail-section": lambda out, root, lines, *a: len(out) != len(lines),
    "stage:windows-twins": lambda out, *a: out is not None,
    "stage:gbk-as-gb18030": lambda out, body, codec, *a: codec in ("gbk", "gb2312") and out[1] == "gb18030",
    "stage:whatwg-supersets": lambda out, body, codec, *a: codec in SUPERSETS and out[1] == SUPERSETS[codec],
    "stage:flatten-deep": lambda out, data, *a: out is not data,  # a tag past the depth limit was dropped
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
    "stage:page-order-twins": lambda out, lines, blocks=(), *a: bool(blocks) and nested_twins(blocks),
    "stage:paragraph-rules": lambda out, *a: bool(out[1]),
    "stage:alt-captions": lambda out, *a: bool(out),
    "stage:headline-labels": lambda out, lines, *a: len(out) != len(lines),
    "stage:stray-headline": lambda out, lines, *a: len(out) != len(lines),
    "stage:verse-lines": lambda out, *a: bool(out),
    "stage:lead-run": lambda out, lines, *a: len(out) != len(lines),
    "stage:tail-run": lambda out, lines, *a: len(out) != len(lines),
    "stage:endnotes": lambda out, lines, *a: len(out) != len(lines),
    "stage:tail-run-elsewhere": lambda out, lines, *a: len(out) != len(lines),
    "stage:tail-run-threads": lambda out, lines, blocks=(), *a: thread_blocks(blocks),
    "stage:table-captions": lambda out, *a: bool(out),
    "stage:lead-class-twin": lambda out, lines, *a: len(out) != len(lines),
    "stage:lead-headed": lambda out, lines, *a: len(out) != len(lines),
    "stage:gallery-captions": lambda out, *a: bool(out),
    "stage:gallery-caption-extras": lambda out, fc, text: out != text,  # a credit or counter left out
    "stage:callout-lines": lambda out, *a: bool(out),
    "stage:quote-attributions": lambda out, *a: bool(out),
    "stage:reveal-answers": lambda out, *a: bool(out),
    "stage:reveal-collapsed": lambda out, *a: bool(out),
    "stage:unclip-overflow": lambda out, *a: bool(out),
    "stage:builder-names": lambda out, *a: bool(out),
    "stage:section-h1s": lambda out, *a: bool(out),
    "stage:page-id-title": lambda out, *a: bool(out),
    "stage:dated-site-title": lambda out, *a: out,  # a <title> piece read as a date
    "stage:quote-lines": lambda out, *a: out is False,  # (a quote-named line the page does not repeat)
    "stage:spaceless-scripts": lambda out, *a: out > 0,  # a Thai, Lao, Khmer or Burmese text was measured
    "stage:br-join-brackets": lambda out, *a: out,  # a line after a <br> opened with a bracket
    "stage:title-invisibles": lambda out, text: out != text,  # a zero-width character left out
    "stage:keep-joiners": lambda out, paragraphs, html: list(out) != list(paragraphs),
    "stage:invisible-chars": lambda out, title, paragraphs: out != (title, list(paragraphs)),
    "stage:srcdoc-frame": lambda out, *a: bool(out),
    "stage:data-uri-frame": lambda out, frame: bool(out) and not frame.get("srcdoc"),  # a data: URI read
    "stage:frame-head": lambda out, *a: bool(out),
    "stage:state-blocks": lambda out, *a: out is not None,
    "stage:cut-preview-repeats": lambda out, *a: bool(out[1]),  # a cut copy dropped
    "stage:own-address": lambda out, *a: bool(out[1]),  # the page's own address dropped
    "stage:own-address-separator": lambda out, *a: any(not _OWN_LINE.match(x) for x in out[1]),  # a line only
    # the separator form takes (a label set off by "·", "|", "•", "–", "—")
    "stage:cut-excerpt-above": lambda out, *a: bool(out),  # an excerpt right above its paragraph
    "stage:database-header": lambda out, *a: bool(out[1]),  # header fields dropped
    "stage:hidden-junk": lambda out, *a: bool(out),
    "stage:hover-popups": lambda out, *a: bool(out),
    "stage:nitf-headings": lambda out, *a: bool(out),
    "stage:pull-quote-unquoted": lambda out, *a: bool(out),  # a line found again in another (may stay if quoted)
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
