"""Pages sent by streamed server rendering (React's Suspense streaming, as Next.js's App Router sends it).

The article comes late, in ``<div hidden id="S:n">`` at the end of the body, and
a script moves it in place of ``<template id="B:n">`` (with a "Loading" fallback)
or ``<template id="P:n">``. Written here: an invented site, in React's own
serialisation, once as sent (scripts and comments) and once as saved without them.
"""

from __future__ import annotations

import pytest

from archiver.extraction import extract
from archiver.extraction.dom import parse
from archiver.extraction.streaming import hide_fallbacks, resolve_streamed

URL = "https://www.fenland-courier.example/news/2026/lock-gates"
TITLE = "Lock gates on the old canal are replaced after sixty years"
PARTS = [[f"Part {part}, paragraph {i}: the canal trust lifted the oak gates out with a floating crane, "
          f"measured the brickwork of the chamber and fitted new gates made in the trust's own yard."
          for i in range(3)] for part in range(3)]


def page(with_scripts: bool) -> str:
    """Headline, then three body parts streamed late; the second part holds the third as a nested segment."""
    def script(code: str) -> str:
        return f"<script>{code}</script>" if with_scripts else ""

    def pending(n: str) -> str:
        fallback = '<div class="spinner">Loading paragraph...</div>'
        return (f'<!--$?--><template id="B:{n}"></template>{fallback}<!--/$-->' if with_scripts
                else f'<template id="B:{n}"></template>')

    paras = [["".join(f"<p>{p}</p>" for p in part)] for part in PARTS]
    return f"""<!DOCTYPE html><html><head><title>{TITLE} | Fenland Courier</title></head><body>
    <header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
    <main><article><h1>{TITLE}</h1>
    <div class="article-body">{pending("0")}{pending("1")}</div>
    </article></main>
    <footer><p>Fenland Courier, Market Street. All rights reserved.</p></footer>
    <div hidden id="S:1"><section>{paras[1][0]}<template id="P:2"></template></section></div>
    {script('$RS=function(a,b){};$RC=function(b,c){};$RC("B:1","S:1")')}
    <div hidden id="S:0"><section><h2>How the work began</h2>{paras[0][0]}</section></div>
    {script('$RC("B:0","S:0")')}
    <div hidden id="S:2"><h2>What comes next</h2>{paras[2][0]}</div>
    {script('$RS("S:2","P:2")')}
    </body></html>"""


@pytest.mark.parametrize("with_scripts", [True, False], ids=["as-sent", "saved-without-scripts"])
def test_streamed_body_is_extracted_in_page_order(with_scripts):
    got = extract(page(with_scripts), URL)
    assert got.error is None
    body = [p for p in got.paragraphs if p.startswith("Part ")]
    assert body == [p for part in PARTS for p in part]  # all of it, in the order the browser shows it
    assert "Loading paragraph..." not in got.paragraphs
    assert "How the work began" in got.paragraphs and "What comes next" in got.paragraphs
    assert not any("All rights reserved" in p for p in got.paragraphs)


def test_the_fallback_is_accounted_for_as_hidden_text():
    got = extract(page(with_scripts=True), URL)
    hidden = [r for r in got.removed if "Loading paragraph..." in r.text]
    assert hidden, [(r.rule, r.text[:60]) for r in got.removed]


def test_segments_move_in_place_of_their_placeholders_and_the_pairs_come_from_the_scripts():
    # the scripts pair B:0 with S:7: the shared number is only the fallback when no script says
    html = """<html><body><div id="a">before<template id="B:0"></template>after</div>
    <div hidden id="S:0"><p>wrong</p></div><div hidden id="S:7">lead <p>right</p></div>
    <script>$RC("B:0","S:7")</script></body></html>"""
    root = parse(hide_fallbacks(html))
    assert resolve_streamed(root) == 1
    a = root.get_element_by_id("a")
    assert a.text_content() == "beforelead rightafter"
    assert [p.text for p in a.iter("p")] == ["right"]
    assert root.xpath("//template") == [] and root.xpath('//div[@id="S:7"]') == []
    assert root.xpath('//div[@id="S:0"]')  # not paired: stays where it was, hidden


def test_a_page_without_streaming_is_untouched():
    html = "<html><body><template id='row'><p>x</p></template><div hidden id='menu'>m</div></body></html>"
    assert hide_fallbacks(html) is html
    root = parse(html)
    assert resolve_streamed(root) == 0
    assert root.xpath("//template")
