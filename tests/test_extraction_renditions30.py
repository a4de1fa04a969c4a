"""The thirtieth renditions of the seed pages (``tests/fixtures/renditions30``) word for word, how their
byte traps are read, and the kinds they found, each on a small page of its own (invented site and text) that
fails with its fix switched off, with the look-alikes that must stay.
"""

from __future__ import annotations

import pytest
from renditionkit import ROOT, rendition_pages, word_for_word

from archiver.extraction.decode import decode_html

OPEN: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions30", OPEN)

FIXTURES = ROOT / "tests" / "fixtures" / "renditions30"
PAGES = {p["path"].split("/")[0]: p for p in rendition_pages("renditions30")}


@pytest.mark.parametrize(("site", "source", "codec", "words"), [
    ("ukrainetoday.org", "header", "iso8859-3", "Aqbeż għall-kontenut"),
    ("www.dw.com", "meta", "iso8859-14", "Mae'r erthygl hon ar gael i danysgrifwyr yn unig."),
    ("www.rferl.org", "meta", "iso8859-6", "انتقل إلى المحتوى"),
    ("www.themoscowtimes.com", "header", "euc-jp", "一定期間更新がないため広告を表示しています"),
])
def test_each_page_is_read_in_the_encoding_it_names(site, source, codec, words):
    page = PAGES[site]
    decoded = decode_html((FIXTURES / page["path"]).read_bytes(), page["content_type"], "org")
    assert (decoded.source, decoded.encoding.replace("_", "-")) == (source, codec.replace("_", "-"))
    assert " ".join(words.split()) in " ".join(decoded.text.split())
