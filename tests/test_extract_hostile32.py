"""Hostile input, round 32 (session 37, host40): pages nested deeper than libxml2 builds, and a start tag of
150,000 attributes.

libxml2 (lxml 6's 2.14, ``huge_tree`` on) stops its HTML parser at an element 2,048 levels deep
(``ERR_RESOURCE_LIMIT: Excessive depth in document: 2048``) and drops every byte after that point
without an exception. Before this round a page of a few thousand unclosed ``<font>``, ``<div>`` or
``<span>`` tags (an old template that opens one per paragraph, or a page built to hide its text)
came out of ``archiver extract`` cut at that tag, or as its title alone, with no error: the article lost without
a word. Chromium attaches elements past depth 512 beside the one at that depth and shows all the
text; ``archiver/extraction/deepnest.py`` now does the like in the bytes for a page whose first
parse hit the limit, and parses again.

libxml2's HTML parser is also quadratic in a tag's attributes (it compares each name with every one before it:
40,000 took 5.9 s, 80,000 took 49 s, 600,000 ran past 300 s), before ``crowded.trim_attributes`` could cut
the element down after the parse: a page with one such tag failed ``timeout: extraction took over 30 s`` at every
``extract`` (and never ended with ``--extract-timeout 0``). ``crowded.trim_tags`` now cuts such a tag down the
same way (its first 512 attributes and those the stages read by name) in the bytes, skipping script and style
text, where minified code holds runs of thousands of ``=``.

Each server is rawkit on 127.0.32.1; ``archiver fetch --retries 0`` then ``archiver extract`` (through
``rawkit.fetch_and_extract``), the clean text read from the catalog's path; WARCs checked with warcio and
``warcio check``.
"""
from __future__ import annotations

import pytest
from lxml import etree
from rawkit import RawServer, fetch_and_extract, http_reply
from warckit import assert_archive_sound, catalog_rows

from archiver.extraction import crowded, deepnest, extract
from archiver.extraction.dom import parse

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SENTENCE = "told the meeting what the council had decided about the new bridge over the river"


def old_page(n: int) -> str:
    """An old template's page: each of ``n`` paragraphs opens a ``<font>`` it never closes."""
    paras = "".join(f"<p><font face=Arial size=2>Speaker number {i} {SENTENCE}." for i in range(n))
    return (f"<html><head><title>Bridge {n}</title></head><body><div id=content><h1>Bridge {n}</h1>{paras}"
            "</div></body></html>")


def hidden_page(n: int) -> str:
    """A page whose article comes after ``n`` unclosed ``<span>`` tags, closed in the right order after it."""
    story = "".join(f"<p>Paragraph {i} of the hidden story {SENTENCE}.</p>" for i in range(6))
    return (f"<html><head><title>Hidden</title></head><body><nav><a href='/'>Home</a></nav>{'<span>' * n}"
            f"<article><h1>Hidden</h1>{story}<p>The last words of the hidden story.</p></article>"
            f"{'</span>' * n}</body></html>")


def deep_page(n: int) -> str:
    """The article inside ``n`` nested ``<div>`` elements, each closed."""
    story = "".join(f"<p>Paragraph {i} of the deep story {SENTENCE}.</p>" for i in range(6))
    return (f"<html><head><title>Deep</title></head><body>{'<div>' * n}<article><h1>Deep</h1>{story}"
            f"<p>The last words of the deep story.</p></article>{'</div>' * n}<footer>Footer</footer></body></html>")


def crowded_page(n: int) -> str:
    """An article whose start tag holds ``n`` attributes of distinct names, then its class."""
    attrs = " ".join(f'data-x{i:x}="{i}"' for i in range(n))
    story = "".join(f"<p>Paragraph {i} of the crowded story {SENTENCE}.</p>" for i in range(6))
    return (f"<html><head><title>Crowded</title></head><body><article {attrs} class='story-body'><h1>Crowded</h1>"
            f"{story}<p>The last words of the crowded story.</p></article></body></html>")


@pytest.fixture(scope="module")
def run32(tmp_path_factory):
    srv = RawServer("deep.round32.test", "127.0.32.1")
    routes = {
        "/old-2400": lambda r: http_reply(old_page(2400)),
        "/old-900": lambda r: http_reply(old_page(900)),
        "/hidden": lambda r: http_reply(hidden_page(5000)),
        "/deep": lambda r: http_reply(deep_page(20_000)),
        "/crowded": lambda r: http_reply(crowded_page(150_000)),
    }
    yield fetch_and_extract(tmp_path_factory.mktemp("hostile32"), srv, routes, list(routes))


def clean_text(run32, path: str) -> str:
    rows = catalog_rows(run32["root"] / "c.db", "SELECT c.state, e.error, e.text_path FROM captures c "
                        "LEFT JOIN extractions e ON e.capture_id = c.id WHERE c.url LIKE ?", ("%" + path,))
    assert len(rows) == 1 and rows[0]["state"] == "captured", (path, [dict(r) for r in rows])
    assert rows[0]["error"] is None and rows[0]["text_path"], dict(rows[0])
    return (run32["root"] / "clean" / rows[0]["text_path"]).read_text()


def test_the_runs_end_without_traceback_and_the_warcs_check(run32):
    assert "Traceback" not in run32["out"], run32["out"][-3000:]
    assert run32["code"] == 0, run32["out"][-3000:]
    assert_archive_sound(run32["root"] / "warcs")


def test_an_old_page_of_2400_unclosed_font_tags_keeps_every_paragraph(run32):
    """Before: the text stopped at paragraph 1021 (depth 2,048), no error; now all 2,400 paragraphs are there,
    as on the same page of 900 paragraphs, which never reached the limit."""
    text = clean_text(run32, "/old-2400")
    assert "Speaker number 2399 " in text and "Speaker number 1500 " in text, text[-300:]
    assert text.count("Speaker number ") == 2400
    short = clean_text(run32, "/old-900")
    assert short.count("Speaker number ") == 900


def test_an_article_after_5000_unclosed_spans_is_extracted(run32):
    """Before: the clean text was empty (everything after the 2,048th span dropped)."""
    text = clean_text(run32, "/hidden")
    assert "Paragraph 0 of the hidden story" in text and "The last words of the hidden story." in text, text[:500]


def test_an_article_20000_divs_deep_is_extracted(run32):
    text = clean_text(run32, "/deep")
    assert "Paragraph 5 of the deep story" in text and "The last words of the deep story." in text, text[:500]


def test_an_article_whose_tag_holds_150000_attributes_is_extracted_in_time(run32):
    """Before: ``timeout: extraction took over 30 s`` (libxml2 alone would take minutes)."""
    text = clean_text(run32, "/crowded")
    assert "Paragraph 5 of the crowded story" in text and "The last words of the crowded story." in text, text[:500]


def test_trim_tags_cuts_a_crowded_tag_and_leaves_script_text_alone():
    attrs = " ".join(f"x{i:x}=1" for i in range(3000))
    script = "<script>for(i=0;i<n " + " ".join(f"a{i}=b{i}" for i in range(3000)) + ";)</script>"
    data = f"<html><body>{script}<div a0='<' {attrs} id=main class=c>t</div><script {attrs}>x</script>".encode()
    out = crowded.trim_tags(data)
    assert script.encode() in out  # minified code is no markup: not touched
    div = out[out.index(b"<div"):out.index(b">t</div>")]
    assert div.count(b"=") == 512 + 2 and div.endswith(b"id=main class=c") and div.startswith(b"<div a0='<' x0=1")
    assert out.count(b"<script x0=1") == 1 and out.count(b"=") == data.count(b"=") - (3001 - 512) - (3000 - 512)
    small = b"<html><body>" + b"<p a=1 b=2>x</p>" * 5000 + b"</body></html>"
    assert crowded.trim_tags(small) is small


# -- the flattening itself -------------------------------------------------------------------------------------------

def test_a_page_under_the_limit_is_not_touched():
    data = deep_page(2000).encode()
    parse(data.decode())
    assert deepnest.flatten(data, 4000) is data


def test_flatten_keeps_depth_at_the_limit_and_every_text():
    data = deep_page(3000).encode()
    flat = deepnest.flatten(data)
    assert flat is not data
    root = etree.fromstring(flat, etree.HTMLParser(huge_tree=True))
    depth = max(len(list(el.iterancestors())) for el in root.iter())
    assert depth <= deepnest.LIMIT + 4  # html, body and the article's own levels
    text = "".join(root.itertext())
    assert "Paragraph 5 of the deep story" in text and "Footer" in text
    # one <br> for the run of 2,488 dropped <div>s, <article> and <h1>, one before each of the 7 paragraphs (a <br> for
    # each dropped block made 1,000,000 nested <div>s take 59 s to extract, past --extract-timeout; now 3 s)
    assert flat.count(b"<br>") == 1 + 7


def test_comments_and_raw_text_hold_no_tags():
    """Tags inside a comment, a script or a title open nothing; the tags after them are counted."""
    data = (b"<html><body><!-- " + b"<div>" * 50 + b" --><script>var s = '" + b"<div>" * 50 + b"';</script>"
            + b"<div>" * 8 + b"text" + b"</div>" * 8 + b"</body></html>")
    assert deepnest.flatten(data, 10) is data
    cut = deepnest.flatten(data, 5)
    assert cut.count(b"<div>") == 100 + 3 and b"text" in cut  # body, html + 3 divs kept; 5 dropped as <br>


def test_void_and_self_closed_tags_open_nothing_and_a_dropped_end_tag_goes_with_its_start():
    data = b"<html><body>" + b"<br><img src=x><hr/><x-a/>" * 100 + b"<span>" * 4 + b"t" + b"</span>" * 4
    flat = deepnest.flatten(data, 4)
    assert flat.count(b"<span>") == flat.count(b"</span>") == 2 and b"<br><img src=x>" in flat


def test_an_unclosed_quote_or_a_missing_angle_bracket_ends_the_scan_without_error():
    for data in (b"<div class=\"a>" + b"<div>" * 20 + b"text", b"<div>" * 20 + b"<div class='x", b"<div>" * 20 + b"<!--"):
        assert b"text" in deepnest.flatten(data, 5) or not data.endswith(b"text")


def test_with_the_flattening_off_the_text_is_lost(monkeypatch):
    """The fix's twin: libxml2 alone keeps only what came before depth 2,048."""
    monkeypatch.setattr(deepnest, "FLATTEN", False)
    assert "The last words of the hidden story." not in extract(hidden_page(5000), "http://h.test/a").text
    monkeypatch.setattr(deepnest, "FLATTEN", True)
    assert "The last words of the hidden story." in extract(hidden_page(5000), "http://h.test/a").text
