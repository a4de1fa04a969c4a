"""The public API: extract() end to end on small pages, and robustness on bad input."""

from __future__ import annotations

import os

import pytest

from archiver.extraction import Extraction, extract, format_text, host_of

PARAS = [f"Paragraph {i} of the article tells the reader something new about the story, in a full sentence." for i in range(6)]


def article(extra_head: str = "", extra_body: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return (f"<html lang='en'><head><meta charset='utf-8'><title>Big news - Example Times</title>"
            f"<meta property='og:title' content='Big news - Example Times'>"
            f"<meta property='og:site_name' content='Example Times'><meta name='author' content='Jane Doe'>"
            f"<meta property='article:published_time' content='2022-01-11T10:00:00Z'>{extra_head}</head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>Big news</h1>{body}{extra_body}</article>"
            f"<footer>Footer</footer></body></html>")


def test_extract_gives_title_body_metadata_and_removed():
    e = extract(article(), "https://www.example.com/news/1")
    assert e.error is None and e.ok
    assert e.title == "Big news"  # the h1, not the decorated meta title
    assert e.paragraphs == tuple(PARAS)
    assert e.text == "\n\n".join(PARAS)
    assert e.full_text == "Big news\n\n" + "\n\n".join(PARAS) + "\n"
    assert e.author == "Jane Doe" and e.date == "2022-01-11" and e.language == "en"
    assert e.site_name == "Example Times" and e.host == "www.example.com"
    assert {r.rule for r in e.removed} == {"nav", "footer-outside-article"}


def test_bytes_are_decoded_with_the_header_charset():
    html = article(extra_body="<p>Президент объявил о выводе войск, сообщили в его пресс-службе во вторник.</p>")
    html = html.replace("<meta charset='utf-8'>", "")
    e = extract(html.encode("cp1251"), "https://example.com/a", content_type="text/html; charset=windows-1251")
    assert e.encoding == "cp1251"
    assert "Президент объявил" in e.text


def test_paragraph_rules_apply_through_extract():
    e = extract(article(extra_body="<p>SEE ALSO: Some other story</p><p>Recommended Videos</p>"), "https://example.com/a")
    assert e.paragraphs == tuple(PARAS)
    assert {("see-also", "paragraph"), ("recommended-videos", "paragraph")} <= {(r.rule, r.stage) for r in e.removed}


def test_learned_digests_can_be_passed_to_extract():
    from archiver.extraction import digest
    e = extract(article(), "https://example.com/a", learned={digest(PARAS[5])})
    assert e.paragraphs == tuple(PARAS[:5])
    assert e.removed[-1].stage == "site"


def test_page_with_no_article():
    html = "<html><head><title>Index</title></head><body><nav><a href='/a'>A</a><a href='/b'>B</a></nav><form><input name='q'></form></body></html>"
    e = extract(html, "https://example.com/")
    assert e.error is None
    assert e.text == "" and e.title == "Index"


@pytest.mark.parametrize("payload", [b"", b"   \n", "", "<html></html>", "<html><body></body></html>",
                                     "<<<>>>&&&", "<p>unclosed <div><table><tr><td>cell", "\x00\x01\x02 text",
                                     "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>"])
def test_broken_or_empty_input_never_raises(payload):
    e = extract(payload, "https://example.com/x")
    assert isinstance(e, Extraction)
    assert e.text == "" or e.error is None


def test_binary_payload_is_an_error():
    e = extract(b"\x89PNG\r\n\x1a\n" + os.urandom(3000), "https://example.com/img")
    assert e.error and "binary" in e.error and e.text == ""


def test_random_bytes_never_raise():
    for _seed in range(5):
        e = extract(os.urandom(5000), "https://example.com/r")
        assert isinstance(e, Extraction)


def test_huge_page_is_refused_not_attempted():
    e = extract("<html><body>" + "<p>x</p>" * 200, "https://example.com/big", max_chars=1000)
    assert e.error and "too large" in e.error


def test_deeply_nested_page_does_not_crash():
    html = "<html><body>" + "<div>" * 5000 + "<p>deep text here</p>" + "</div>" * 5000 + "</body></html>"
    e = extract(html, "https://example.com/deep")
    assert isinstance(e, Extraction)


def test_misdeclared_charset_still_readable():
    html = article(extra_body="<p>Über die Straße gingen viele Menschen, berichtete die Zeitung am Dienstag.</p>")
    html = html.replace("<meta charset='utf-8'>", "<meta charset='iso-8859-1'>")
    e = extract(html.encode("utf-8"), "https://example.com/de", content_type="text/html; charset=utf-8")
    assert "Über die Straße" in e.text
    e = extract(html.encode("utf-8"), "https://example.com/de", content_type="text/html")  # no header: meta lies
    assert e.error is None and e.text  # readable text (latin-1 mojibake is acceptable), not a crash


def test_format_text_and_host_of():
    assert format_text("T", ["a", "b"]) == "T\n\na\n\nb\n"
    assert format_text("T", []) == "T\n"
    assert host_of("https://WWW.DW.com:443/en/x") == "www.dw.com"
    assert host_of("not a url") is None and host_of(None) is None


def test_deeply_nested_furniture_does_not_crash():
    html = ("<html><body><nav>" + "<div>" * 3000 + "menu" + "</div>" * 3000 + "</nav><article>"
            + "".join(f"<p>{p}</p>" for p in PARAS) + "</article></body></html>")
    e = extract(html, "https://example.com/deep-nav")
    assert isinstance(e, Extraction)  # libxml2 stops at depth 2048: an empty result, not a crash
    root_deep = "<div>" * 900 + "".join(f"<p>{p}</p>" for p in PARAS) + "</div>" * 900
    e = extract(f"<html><body><nav>{'<div>' * 900}menu{'</div>' * 900}</nav>{root_deep}</body></html>", "https://e.com/d")
    assert e.error or e.text
    assert any(r.rule == "nav" and r.text == "menu" for r in e.removed) or e.error
