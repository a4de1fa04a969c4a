"""The screen in front of ``linkaddress.drop_written_hrefs``: a page's HTML holds ``(http``,
``[http``, ``( http`` or ``[ http`` somewhere, found in one scan from one ``http`` to the next."""
from __future__ import annotations

import pytest

from archiver.extraction.linkaddress import may_hold_written_hrefs


def _four_scans(html: str) -> bool:
    return "(http" in html or "[http" in html or "( http" in html or "[ http" in html


@pytest.mark.parametrize("html", [
    "", "http", "(http", "[http", "( http", "[ http", " http", "x http", "(x http", "((http",
    "<a href='https://a.example/'>Almaty</a> (https://a.example/)",
    "<p>Almaty ( https://a.example/ )</p>", "<p>see [ http://b.example ]</p>",
    "<p>\u00e9t\u00e9 (https://c.example/)</p>", "<p>\u00e9t\u00e9 ( https</p>",
    "https://x.example/ https://y.example/ (https", "<p>(\u00a0https://d.example/)</p>",
    "hthttp", "(hthttp", "(httphttp", "[ \nhttp", "  http", "(  http",
])
def test_screen_answers_as_the_four_substring_tests(html):
    assert may_hold_written_hrefs(html) is _four_scans(html)
