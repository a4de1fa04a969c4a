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


def test_bytes_valid_as_utf8_beat_a_lying_meta_charset():
    # issue 11 kind 11: the template declares latin-1, the body is UTF-8
    raw = page("Zürich, Kraków and Saint-Étienne: “quoted” — dash", '<meta charset="iso-8859-1">').encode("utf-8")
    d = decode_html(raw)
    assert d.encoding == "utf-8" and "Zürich, Kraków and Saint-Étienne: “quoted” — dash" in d.text
    # a true latin-1 page (not valid UTF-8) still follows its declaration
    raw = page("Zürich et Saint-Étienne", '<meta charset="iso-8859-1">').encode("cp1252")
    d = decode_html(raw)
    assert (d.source, d.encoding) == ("meta", "cp1252") and "Zürich et Saint-Étienne" in d.text
    # an HTTP header still wins over the bytes
    raw = page("Zürich").encode("utf-8")
    assert decode_html(raw, "text/html; charset=iso-8859-1").text.count("Ã¼") == 1


def test_lying_meta_through_the_pipeline():
    from archiver.extraction import extract
    body = "Die Bürgerinnen und Bürger von Köln stimmten über die Neugestaltung des Domplatzes ab. " * 4
    raw = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
           f'<title>Abstimmung in Köln</title></head><body><article><h1>Abstimmung in Köln</h1>'
           f'<p>{body}</p><p>{body}</p></article></body></html>').encode()
    result = extract(raw, "https://news.example/koeln")
    assert "Bürgerinnen" in result.text and "Ã" not in result.text and result.encoding == "utf-8"


POLISH = ("Stowarzyszenie na Rzecz Zrównoważonego Rozwoju przyjęło uchwałę w obronie fundacji, "
          "a dziennikarze i politycy sprzeciwiają się kłamliwym atakom. ") * 6


def test_utf8_with_one_character_cut_by_the_cms_stays_utf8():
    # a teaser cut mid-character ("papieros\xc3...") in an otherwise UTF-8 page: browsers show
    # one replacement character, not a page of mojibake in another charset
    for head, content_type, source in (('<meta charset="UTF-8">', None, "meta"),
                                       ("", "text/html; charset=utf-8", "header"), ("", None, "detected")):
        raw = page(POLISH, head).encode("utf-8").replace(b"</p>", b" papieros\xc3...</p>")
        d = decode_html(raw, content_type)
        assert (d.encoding, d.source) == ("utf-8", source)
        assert POLISH in d.text and d.text.count("\ufffd") == 1


def test_single_byte_text_declared_utf8_is_still_not_read_as_utf8():
    german = "Die Brücke über die Förde wird für Fußgänger geöffnet, sagte die Bürgermeisterin. " * 5
    raw = page(german, '<meta charset="UTF-8">').encode("cp1252")
    d = decode_html(raw)
    assert d.encoding != "utf-8" and "Brücke über die Förde" in d.text


def test_exact_only_when_the_bytes_are_the_text_in_utf8():
    """``Decoded.exact``: the parse then reads the page's own bytes instead of encoding the text
    again (dom.parse); only a strict UTF-8 decoding of the whole body is exact."""
    page = "<html><head><meta charset='utf-8'></head><body><p>Алматы, café – “quoted”</p></body></html>"
    body = page.encode("utf-8")
    for header in ("text/html; charset=utf-8", "text/html", None):
        decoded = decode_html(body, header)
        assert decoded.exact and decoded.text.encode("utf-8") == body
    assert not decode_html(b"\xef\xbb\xbf" + body, "text/html").exact  # a BOM: the text lacks it
    damaged = body.replace("café".encode(), b"caf\xc3")  # cut mid-character: replacement characters
    assert decode_html(damaged, "text/html; charset=utf-8").text.count("\ufffd") == 1
    assert not decode_html(damaged, "text/html; charset=utf-8").exact
    assert not decode_html(damaged, "text/html").exact
    latin = "<html><body><p>café crème</p></body></html>".encode("latin-1")
    assert not decode_html(latin, "text/html; charset=iso-8859-1").exact


def test_parse_reads_the_bytes_given_only_for_the_text_as_it_is():
    from lxml import html as lxml_html

    from archiver.extraction import dom

    page = "<html><body><p>Алматы\x01 café</p></body></html>"
    plain = lxml_html.tostring(dom.parse(page))
    assert lxml_html.tostring(dom.parse(page, page.encode("utf-8"))) == plain
    declared = "<?xml version='1.0' encoding='utf-8'?>" + page  # the declaration goes: the text is encoded
    assert lxml_html.tostring(dom.parse(declared, b"<html><body><p>other</p></body></html>")) == plain
    assert b"other" in lxml_html.tostring(dom.parse(page, b"<html><body><p>other</p></body></html>"))
