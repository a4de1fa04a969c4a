"""A ``<script/>`` written self-closed is read as a browser reads it (``extraction/scripts.py``):
its code, up to ``</script>``, is script, not page text. Invented site and text."""

from __future__ import annotations

from archiver.extraction import extract, scripts

URL = "https://www.lakeside-courier.example/2026/11/ferry-timetable"

BODY = [f"The winter ferry timetable starts on the first Monday of December, with {n} fewer crossings "
        "a day on the north route and the last boat leaving the pier at half past seven." for n in range(2, 6)]
CODE = ("\n(function() {\n  document.addEventListener('DOMContentLoaded', function() {\n"
        "    var ctaConfig = JSON.parse('{\"slot\":\"newsletter\",\"variant\":\"b\"}');\n"
        "    window.lakeside.mountNewsletter(ctaConfig);\n  });\n})();\n")


def page(script_tag: str) -> str:
    paras = "".join(f"<p>{t}</p>" for t in BODY)
    return (f"<!DOCTYPE html><html><head><title>Winter ferry timetable | Lakeside Courier</title></head>"
            f"<body><div class='page'><div class='cta'>{script_tag}{CODE}</script></div>"
            f"<div class='story'><h1>Winter ferry timetable</h1>"
            f"<div class='story-body'>{paras}{script_tag}{CODE}</script>"
            f"<p>Tickets bought for the summer timetable stay valid until they expire.</p></div></div>"
            "</div></body></html>")


def test_code_after_a_self_closed_script_is_not_article_text():
    result = extract(page('<script type="text/javascript"/>'), URL)
    assert result.paragraphs[0] == BODY[0]
    assert "function" not in result.text and "ctaConfig" not in result.text
    assert "Tickets bought for the summer timetable" in result.text


def test_switched_off_the_code_leaks_into_the_text(monkeypatch):
    monkeypatch.setattr(scripts, "OPEN_SELF_CLOSED", False)
    result = extract(page('<script type="text/javascript"/>'), URL)
    assert "ctaConfig" in result.text


def test_a_written_out_script_is_unchanged():
    result = extract(page('<script type="text/javascript">'), URL)
    assert "ctaConfig" not in result.text and result.paragraphs[0] == BODY[0]


def test_the_html_is_only_rewritten_where_an_end_tag_comes_first():
    html = ('<script src="a.js"/><p>Kept as written.</p><script>var x = 1;</script>'
            '<script type="text/javascript" />var y = 2;</script>')
    opened = scripts.open_self_closed_scripts(html)
    assert opened == ('<script src="a.js"/><p>Kept as written.</p><script>var x = 1;</script>'
                      '<script type="text/javascript">var y = 2;</script>')
    assert scripts.open_self_closed_scripts("<p>no scripts</p>") == "<p>no scripts</p>"
