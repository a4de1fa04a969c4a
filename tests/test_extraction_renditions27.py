"""The twenty-seventh renditions of the seed pages (``tests/fixtures/renditions27``) word for word.
"""

from __future__ import annotations

from renditionkit import word_for_word

OPEN: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions27", OPEN)
OPEN_EXTRA: set[str] = set()
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions27", OPEN_EXTRA, "extra.tsv")
