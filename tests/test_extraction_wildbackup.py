"""trafilatura's main extractor with its backup tree made only when ``recover_wild_text`` reads it
(archiver/extraction/wildbackup.py, ``LAZY_BACKUP``, speed46): the backup made again is the tree the
copy would have been, the result is the same with the switch off, and runs that do not read it, or
are not archiver's precision runs, make none. Invented pages."""
from __future__ import annotations

import pytest
import trafilatura
from lxml import html as lxml_html
from trafilatura import main_extractor

from archiver.extraction import extract, shortcut, wildbackup

pytestmark = pytest.mark.skipif(not shortcut.install() or trafilatura.__version__ not in wildbackup.TESTED_WITH,
                                reason="trafilatura version without the shortcut or the mirrored extract_content")

SENTENCE = "The council voted on the new budget for the harbour district after a long debate. "
# the main pass finds under min_extracted_size characters: recover_wild_text runs on the backup
SHORT = [
    f"<html><body><div class='menu'><a href='/a'>Home</a></div><p>{SENTENCE}</p><div>Contact us.</div></body></html>",
    f"<html><body><article><p>{SENTENCE}</p></article><div class='comments'><p>{SENTENCE * 2}</p></div>"
    f"<p>Loose words after the article, {SENTENCE}</p></body></html>",
    f"<html><body><section><h2>Notice</h2><p>{SENTENCE}</p></section><table><tr><td>{SENTENCE}</td></tr></table>"
    "</body></html>",
]
LONG = f"<html><body><article><h1>Budget</h1>{('<p>' + SENTENCE * 3 + '</p>') * 6}</article></body></html>"


def _spy(monkeypatch) -> tuple[list, list]:
    """(backups made again, what recover_wild_text was given: the backup's markup and how many
    of its elements count as consumed)."""
    remade: list = []
    recovered: list = []
    again, recover = wildbackup._cleaned_again, main_extractor.recover_wild_text
    monkeypatch.setattr(wildbackup, "_cleaned_again", lambda *a: remade.append(1) or again(*a))

    def spy(tree, body, options, tags=None, consumed=None):
        recovered.append((lxml_html.tostring(tree), len(consumed or ())))
        return recover(tree, body, options, tags, consumed)

    monkeypatch.setattr(main_extractor, "recover_wild_text", spy)
    return remade, recovered


@pytest.mark.parametrize("page", SHORT)
def test_recovery_reads_the_same_backup(monkeypatch, page):
    remade, recovered = _spy(monkeypatch)
    lazy = extract(page, url="https://news.example/short", favor_precision=True)
    assert remade and recovered  # the recovery ran, on a backup made again
    made, seen = len(remade), list(recovered)
    monkeypatch.setattr(wildbackup, "LAZY_BACKUP", False)
    copied = extract(page, url="https://news.example/short", favor_precision=True)
    assert len(remade) == made  # switched off: trafilatura's own copy, nothing made again
    assert recovered[len(seen):] == seen  # the same backup trees, the same consumed elements
    assert repr(lazy) == repr(copied)


def test_no_backup_when_the_main_pass_is_long_enough(monkeypatch):
    remade, recovered = _spy(monkeypatch)
    lazy = extract(LONG, url="https://news.example/long", favor_precision=True)
    assert lazy.paragraphs and not remade and not recovered
    monkeypatch.setattr(wildbackup, "LAZY_BACKUP", False)
    assert repr(extract(LONG, url="https://news.example/long", favor_precision=True)) == repr(lazy)


def test_other_modes_and_callers_use_trafilaturas_own(monkeypatch):
    remade, recovered = _spy(monkeypatch)
    for page in SHORT:
        extract(page, url="https://news.example/short", favor_precision=False)
        trafilatura.extract(page, include_comments=False, favor_precision=True)
    assert recovered and not remade  # recovery ran, always on trafilatura's deepcopy


@pytest.mark.parametrize("forum", [False, True])
def test_the_backup_made_again_is_trafilaturas(monkeypatch, forum):
    """``_cleaned_again`` against the ``cleaned_tree`` trafilatura_sequence really hands ``extract_content``
    on a precision run (switch off: trafilatura's own path, its raw prunes included), caught by a spy; not
    against the same calls written out again (review49: that could not fail on a trafilatura change)."""
    import sys

    script = ('<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>' if forum else "")
    page = (f"<html><head>{script}</head><body><div class='comments'><p>{SENTENCE}</p></div>"
            f"<div id='comments-list'><p>{SENTENCE}</p></div><ul><li>{SENTENCE}</li></ul><p>{SENTENCE * 2}</p>"
            "</body></html>")
    pairs: list[tuple[bytes, bytes]] = []
    real = main_extractor.extract_content

    def spy(cleaned_tree, options):
        caller = sys._getframe(1).f_locals  # wildbackup.extract_content's: the raw tree and the page
        made = wildbackup._cleaned_again(caller["tree"], caller["page"], caller["options"])
        pairs.append((lxml_html.tostring(cleaned_tree), lxml_html.tostring(made)))
        return real(cleaned_tree, options)

    monkeypatch.setattr(wildbackup, "LAZY_BACKUP", False)
    monkeypatch.setattr(main_extractor, "extract_content", spy)
    extract(page, url="https://news.example/a", favor_precision=True)
    assert pairs, "extract_content was not reached"
    given, made = pairs[0]
    assert made == given
    assert b"harbour district" in made


