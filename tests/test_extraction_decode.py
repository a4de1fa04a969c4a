"""Stage 0: charset precedence (header, BOM, meta, detection) and mis-declared pages."""

from __future__ import annotations

import codecs

from archiver.extraction.decode import charset_from_content_type, decode, decode_html, looks_binary

RUSSIAN = "Президент Казахстана объявил о выводе войск ОДКБ из страны в течение двух дней. " * 4


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>t</title></head><body><p>{body}</p></body></html>"


def test_header_charset_wins():
    raw = page(RUSSIAN).encode("cp1251")
    d = decode_html(raw, "text/html; charset=windows-1251")
    assert (d.source, d.encoding) == ("header", "cp1251")
    assert RUSSIAN in d.text


def test_charset_parameter_parsing():
    assert charset_from_content_type('text/html; charset="UTF-8"') == "UTF-8"
    assert charset_from_content_type("text/html") is None
    assert charset_from_content_type(None) is None


def test_bom_when_no_header():
    raw = codecs.BOM_UTF8 + page("café").encode("utf-8")
    d = decode_html(raw, "text/html")
    assert d.source == "bom" and "café" in d.text and not d.text.startswith("\ufeff")
    raw16 = page("naïve").encode("utf-16")  # carries its own BOM
    d16 = decode_html(raw16, None)
    assert d16.source == "bom" and "naïve" in d16.text


def test_meta_charset_and_http_equiv():
    raw = page(RUSSIAN, '<meta charset="windows-1251">').encode("cp1251")
    d = decode_html(raw)
    assert d.source == "meta" and RUSSIAN in d.text
    raw = page(RUSSIAN, '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">').encode("koi8_r")
    d = decode_html(raw)
    assert d.source == "meta" and d.encoding == "koi8-r" and RUSSIAN in d.text


def test_detection_without_any_declaration():
    raw = page(RUSSIAN).encode("cp1251")
    d = decode_html(raw)
    assert d.source == "detected"
    assert "Президент Казахстана" in d.text


def test_misdeclared_header_falls_back_to_meta():
    raw = page(RUSSIAN, '<meta charset="windows-1251">').encode("cp1251")
    d = decode_html(raw, "text/html; charset=utf-8")  # the header lies
    assert d.source == "meta" and RUSSIAN in d.text


def test_unknown_charset_label_is_ignored():
    d = decode_html(page("plain").encode(), "text/html; charset=x-no-such-thing")
    assert d.source == "detected" and "plain" in d.text


def test_utf16_meta_on_ascii_readable_page_means_utf8():
    raw = page("zürich", '<meta charset="utf-16">').encode("utf-8")
    assert "zürich" in decode(raw)


def test_binary_is_recognised():
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    assert not looks_binary(page("text").encode())
    assert not looks_binary(page("text").encode("utf-16"))
    assert not looks_binary(b"")
