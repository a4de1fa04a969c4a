"""A correctly labelled UTF-16 Chinese or Japanese page whose text holds characters U+xx00 (session 45, mend58,
from review56).

Round 40's ``wideorder.shown`` wanted 90% of the head's NUL bytes at one parity, and ``decode._wide_evidence``
75%: markup's ASCII puts a NUL at one parity, but ``一`` (U+4E00, the commonest Chinese character) and the
ideographic space U+3000 put one at the other, so a text-heavy page had too many there and was read as cp1252
(garbage, no word found by search). Both now use ``wideorder.utf16_order``: one parity three times the other, or,
mixed, markup's ``<``/``>`` with their NUL. UTF-32 (an emoji-heavy page, whose U+0000 code units no UTF-16 text
holds) and an 8-bit page with NULs keep their reading.
"""
from __future__ import annotations

import pytest

from archiver.extraction import wideorder
from archiver.extraction.decode import decode_html

ZH = "中国新闻网报道，一位记者在北京采访了多位专家学者，一致认为经济形势仍然稳定。"
JA = "東京都は本日、新しい交通計画を発表した。\u3000市民の反応は一様ではない。"


def _page(text: str) -> str:
    return f"<html><head><title>t</title></head><body><article><p>{text * 40}</p></article></body></html>"


@pytest.mark.parametrize("text", [ZH, JA])
@pytest.mark.parametrize(("codec", "label"), [("utf-16-le", "utf-16le"), ("utf-16-be", "utf-16be"),
                                              ("utf-16-le", "utf-16"), ("utf-16-be", "utf-16")])
def test_a_labelled_utf16_cjk_page_with_nul_characters_is_read(text, codec, label):
    body = _page(text).encode(codec)
    assert body[:4096][::2].count(0) and body[:4096][1::2].count(0)  # NULs at both parities
    got = decode_html(body, f"text/html; charset={label}")
    assert got.encoding == codec and text[:8] in got.text, (got.encoding, got.text[:80])


def test_the_order_is_one_parity_three_times_the_other_else_the_markup():
    assert wideorder.utf16_order("<p>ab</p>".encode("utf-16-le") * 4, 16) == "utf-16-le"
    assert wideorder.utf16_order("<p>ab</p>".encode("utf-16-be") * 4, 16) == "utf-16-be"
    mixed = ("<p>" + "一" * 3 + "</p>").encode("utf-16-le") * 8  # 5 NULs odd, 3 even per piece: markup decides
    assert wideorder.utf16_order(mixed, 16) == "utf-16-le"
    assert wideorder.utf16_order(b"ab\0\0" * 40, 16) is None  # U+0000 units: no UTF-16 text
    assert wideorder.utf16_order(b"<p>" + b"\0" * 64 + b"</p>", 16) is None


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_an_emoji_heavy_utf32_page_is_not_read_as_utf16(codec):
    body = _page("\U0001F600 ok \U0001F680 " * 3).encode(codec)
    assert decode_html(body, "text/html; charset=utf-32").encoding not in ("utf-16-le", "utf-16-be")
