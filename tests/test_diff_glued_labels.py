"""The capture's words as a scraper copies them: a label beside its link in minified markup.

Found by the fourth renditions (``tests/fixtures/renditions4``): a breaking-news bar written
``<span>Breaking News</span><a>...</a>`` with no space between the tags reads "Breaking
NewsTroops ..." when the inline pieces are glued, so the stored copy's "Breaking News" line was
not found on the capture and the pair was called content-changed.
"""

from __future__ import annotations

from archiver.diff import page
from archiver.diff.normalize import document
from archiver.diff.page import html_page_text

BAR = ('<html><body><div class="bar"><span class="label">Breaking News</span><a href="/a">Troops leave '
       'Almaty</a></div><p><span class="dropcap">T</span>he ferry left at <b>noon</b>.Crews said so.</p>'
       '</body></html>')


def keys(text: str) -> list[str]:
    return [t.fold_key for t in document(text, markdown=False).tokens if t.word]


def test_a_label_glued_to_its_link_is_two_words_on_the_page():
    text = html_page_text(BAR)
    assert text is not None
    assert text.find(keys("Breaking News"))
    assert text.find(keys("Troops leave Almaty"))


def test_a_word_split_by_inline_markup_stays_one_word():
    text = html_page_text(BAR)
    assert text is not None
    assert text.find(keys("The ferry left at noon"))  # a drop cap: capital, then lower case


def test_without_the_split_the_label_is_not_found(monkeypatch):
    monkeypatch.setattr(page, "_join_chunks", "".join)
    text = html_page_text(BAR)
    assert text is not None and not text.find(keys("Breaking News"))
