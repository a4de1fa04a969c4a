"""trafilatura's main extractor without its backup copy of the tree on runs that never read it.

``trafilatura.main_extractor.extract_content`` (2.3.1) starts with ``deepcopy(cleaned_tree)``: the
tree as it was before the main pass, for ``recover_wild_text``, which runs only when the main pass
found nothing or under ``min_extracted_size`` characters. On archiver's precision runs over the
speed pages that is about one run in ten; the copy of the other nine was made and freed for
nothing (0.56% of the pipeline's CPU time, measured with process_time around each copy).

On a :class:`~.shortcut.Shortcut` run in precision mode the cleaned tree is itself made from the
raw tree ``tree`` (``bare_extraction``'s pruned copy of the page), which nothing changes before
the comparison that follows the main extractor: ``_prepare_tree`` cleans a copy of it and converts
the tags (:func:`.shortcut.prepare_tree`), then ``trafilatura_sequence`` prunes the comment
sections unless the page is a forum thread. :func:`extract_content` makes the backup by those same
steps again, only when the recovery runs. The backup's elements are matched to the pre-pass
elements by their place in document order, as trafilatura does (``zip(..., strict=True)``), so a
tree made again that differed in shape would raise rather than pair the wrong elements.

Everything else is trafilatura's ``extract_content`` as written (``TESTED_WITH``); other runs
(balanced, recall, comments on, no page, another trafilatura) call trafilatura's own.
"""

from __future__ import annotations

from copy import copy
from typing import Any

import trafilatura
from lxml.etree import strip_elements, strip_tags
from trafilatura import core, main_extractor
from trafilatura.utils import SPACING_PROTECTED, text_chars_test
from trafilatura.xml import delete_element

__all__ = ["LAZY_BACKUP", "TESTED_WITH", "extract_content"]

TESTED_WITH = ("2.3.1",)  # versions whose extract_content is mirrored below
LAZY_BACKUP = True  # False: trafilatura's extract_content, its backup copied on every run (speed only: the same result)


def _mirrored() -> bool:
    return LAZY_BACKUP and trafilatura.__version__ in TESTED_WITH


def extract_content(cleaned_tree: Any, tree: Any, options: Any) -> tuple[Any, str]:
    """``trafilatura.main_extractor.extract_content(cleaned_tree, options)`` (same result: the body
    element and its text), its backup made from ``tree`` only if ``recover_wild_text`` runs.

    ``tree``: the raw tree ``cleaned_tree`` was made from (see the module's text); ``options``: the
    run's Extractor, whose ``page`` (the page ``bare_extraction`` copied) tells a forum thread.
    """
    page = getattr(options, "page", None)
    if not _mirrored() or options.focus != "precision" or options.comments or page is None:
        return main_extractor.extract_content(cleaned_tree, options)
    # source order before the main pass moves elements, the backup keeps it
    order = list(cleaned_tree.iter())
    result_body, temp_text, potential_tags = main_extractor._extract(cleaned_tree, options)
    if len(result_body) == 0 or len(temp_text) < options.min_extracted_size:
        backup_tree = _cleaned_again(tree, page, options)
        consumed = {twin for elem, twin in zip(order, backup_tree.iter(), strict=True) if elem.tag == "done"}
        result_body = main_extractor.recover_wild_text(backup_tree, result_body, options, potential_tags, consumed)
        temp_text = " ".join(result_body.itertext()).strip()
    # from here as trafilatura 2.3.1 writes it
    previous = None
    for el in list(result_body):
        current = main_extractor._elem_text(el)
        if current and current == previous and len(current) > main_extractor.MIN_DUPLICATE_LENGTH:
            delete_element(el, keep_tail=False)
        else:
            previous = current
    strip_elements(result_body, "done")
    strip_tags(result_body, "div")
    for linebreak in result_body.iter("lb"):
        if (
            linebreak.tail
            and not text_chars_test(linebreak.tail)
            and not any(anc.tag in SPACING_PROTECTED for anc in linebreak.iterancestors())
        ):
            linebreak.tail = None
    return result_body, temp_text


def _cleaned_again(tree: Any, page: Any, options: Any) -> Any:
    """The tree ``extract_content`` was given on a precision run without comments, made again from
    the raw ``tree``: cleaned and converted (``_prepare_tree``), then, unless ``page`` is a forum
    thread, pruned of the comment sections (``trafilatura_sequence``, whose forum test reads the
    page before its raw prunes: ``page`` is that tree's original)."""
    cleaned = core.convert_tags(core.tree_cleaning(copy(tree), options), options, options.url or None)
    if not core._forum_thread_page(page):
        cleaned = core.prune_unwanted_nodes(cleaned, core.REMOVE_COMMENTS_XPATH)
    return cleaned
