"""The page account (issue 10, part 1): every text block of a page that is not in the article,
in document order, with the stage and rule (and region) that kept it out.

The pages here are written for these tests, in markup unlike the seed fixtures: utility
class names, widgets labelled by icons and ``alt`` text, a breaking-news bar, image
placeholders, controls labelled only by ``aria-label``.
"""
from __future__ import annotations

import html
import json
import random
import re
import unicodedata

import pytest

from archiver.extraction import Extraction, Removed, digest, extract
from archiver.extraction.account import build_account, merge, words
from archiver.extraction.dom import parse
from archiver.extraction.inventory import take_inventory
from archiver.extraction.regions import Regions, region_rules
from archiver.staging import sidecar_data
from bench.page_account import BenchPage, coverage
from bench.page_account import words as bench_words

URL = "https://ledger.example/news/harbour-bridge"
BODY = [
    "The harbour bridge reopened to traffic on Monday morning after eleven weeks of repairs to its "
    "steel deck, the city transport office said.",
    "Engineers replaced more than four hundred rivets and repainted the main span, work that had been "
    "postponed twice because of winter storms.",
    "The office said weekend closures for smaller inspections would continue through the summer, with "
    "notice given a week ahead.",
    # a fourth and fifth paragraph: over 750 characters of <p> text, so the page is no short page whose
    # <div> lines archiver reads as bare trafilatura does (shortpage.py), and BARE_DIV stays one it drops
    "Traffic on the coast road, which had carried most of the diverted cars since January, fell back to "
    "its usual level within hours of the reopening, according to the first counts.",
    "The repairs cost slightly less than the council had set aside, and the remaining money will go to "
    "the resurfacing of the approach roads on both banks later in the year, the transport office said.",
]
BARE_DIV = ("Commuters who had used the ferry during the closure will keep their discounted passes until "
            "the end of the month, the office added.")


def page(extra_top: str = "", extra_body: str = "", extra_end: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (
        "<!doctype html><html lang='en'><head><title>Harbour bridge reopens after repairs | The Coastal Ledger"
        "</title><script>var tracking = 'Breaking script text';</script><style>.x{}</style></head><body>"
        "<div class='u-flex top-strip'><div class='wx-widget'><img src='/i/sun.svg' alt='Clear icon'>"
        "<span class='wx-temp'>18°</span></div></div>"
        "<div class='breakingBar'><strong>Breaking News</strong>"
        "<a href='/live'>Storm warning for the northern coast</a></div>"
        f"{extra_top}"
        "<article class='c-story'><h1>Harbour bridge reopens after repairs</h1>"
        "<div class='media-ph'><span>16x9 Image</span></div>"
        f"<div class='c-story__text'>{paras}{extra_body}</div>"
        f"<div><div>{BARE_DIV}</div></div></article>"
        "<button aria-label='Open the site menu'></button>"
        "<iframe src='/poll' title='Reader poll'></iframe>"
        "<noscript>Please turn on JavaScript to vote</noscript>"
        f"{extra_end}</body></html>"
    )


def entry(result: Extraction, needle: str) -> Removed:
    found = [r for r in result.removed if needle in r.text]
    assert len(found) == 1, (needle, result.removed)
    return found[0]


@pytest.fixture(scope="module")
def result() -> Extraction:
    ext = extract(page(), URL)
    assert ext.error is None and list(ext.paragraphs) == BODY  # the article itself is untouched
    return ext


@pytest.mark.parametrize("needle, region", [
    ("Clear icon", "widget"),           # a weather widget's icon, by its alt text
    ("Breaking News", "banner"),        # the label of a breaking-news bar
    ("16x9 Image", "figure"),           # an image placeholder's label
    (BARE_DIV[:40], "main"),            # a paragraph in a bare <div> inside the article, dropped by trafilatura
    ("Open the site menu", "form"),     # aria-label of a control with no text
    ("Reader poll", "figure"),          # title of an embed
    ("Please turn on JavaScript", "noscript"),
])
def test_text_trafilatura_left_out_is_accounted_for_with_its_region(result, needle, region):
    block = entry(result, needle)
    assert (block.stage, block.rule, block.region) == ("extractor", "not-main-content", region)


def test_account_is_in_document_order_and_holds_no_script_or_article(result):
    order = ["Clear icon", "Breaking News", "16x9 Image", BARE_DIV[:40], "Open the site menu", "Reader poll",
             "Please turn on JavaScript"]
    texts = "\n".join(r.text for r in result.removed)
    positions = [texts.index(n) for n in order]
    assert positions == sorted(positions)
    assert "Breaking script text" not in texts and ".x{}" not in texts
    for para in BODY:
        assert para not in texts


def test_every_word_of_the_page_is_in_the_article_or_the_account(result):
    cov = coverage(BenchPage("own", "bridge", URL, page().encode()), result)
    assert cov.page_words > 100 and cov.uncovered == 0, cov.missing


def test_dom_stage_blocks_keep_their_rule_and_no_region():
    result = extract(page(extra_top="<nav class='site-nav'><a href='/'>Front page</a><a href='/m'>Markets</a></nav>",
                          extra_end="<footer><p>Copyright The Coastal Ledger</p></footer>"), URL)
    nav, foot = entry(result, "Front page"), entry(result, "Copyright")
    assert (nav.stage, nav.rule, nav.region) == ("dom", "nav", "")
    assert (foot.stage, foot.rule) == ("dom", "footer-outside-article")
    assert result.removed.index(nav) < result.removed.index(foot)
    assert nav.as_dict() == {"rule": "nav", "stage": "dom", "text": nav.text}  # no empty region in the sidecar


def test_paragraph_rule_blocks_stand_where_they_were_on_the_page():
    result = extract(page(extra_body="<p>SEE ALSO: Ferry timetable for the summer</p>"), URL)
    block = entry(result, "SEE ALSO")
    assert (block.stage, block.rule) == ("paragraph", "see-also")
    names = [r.text.split("\n")[0][:10] for r in result.removed]
    assert names.index("SEE ALSO: ") > names.index("16x9 Image")
    assert names.index("SEE ALSO: ") < [i for i, n in enumerate(names) if n.startswith("Commuters")][0]


def test_a_repeated_headline_is_a_duplicate_of_article_text():
    teaser = "<aside class='rail'><ul><li><a href='/a'>Harbour bridge reopens after repairs</a></li></ul></aside>"
    result = extract(page(extra_end=teaser), URL)
    block = entry(result, "Harbour bridge reopens")
    assert (block.stage, block.rule, block.region) == ("duplicate", "article-text", "aside")


def test_site_learning_adds_its_blocks_to_the_account():
    result = extract(page(), URL, learned={digest(BODY[2])})
    assert BODY[2] not in result.paragraphs
    assert result.removed[-1] == Removed(f"site-learned:{result.host}", "site", BODY[2])


def test_sidecar_removed_list_round_trips_with_regions(result):
    capture = dict.fromkeys(("url", "final_url", "captured_at", "warc_file", "warc_offset", "payload_digest",
                             "capture_id"), "x")
    data = json.loads(json.dumps(sidecar_data(capture, result, "d", "t.txt", None, "2.3.1")))
    removed = data["removed"]
    assert all(set(r) == ({"rule", "stage", "text", "region"} if r["stage"] in ("extractor", "duplicate")
                          else {"rule", "stage", "text"}) for r in removed)
    assert tuple(Removed.from_dict(r) for r in removed) == result.removed


def test_consecutive_blocks_of_one_kind_are_one_entry():
    # the rail's links in <div>s: a heading over a <ul> of links and nothing else is the DOM rule
    # titled-link-list's (a dom entry, no region); here trafilatura leaves the rail out block by block
    html = ("<html><body><div class='c-rail'><h3>Most read</h3><div><a href='/1'>Tide tables</a></div>"
            "<div><a href='/2'>Harbour fees</a></div></div>"
            f"<article><h1>Harbour bridge reopens after repairs</h1>{''.join(f'<p>{p}</p>' for p in BODY)}"
            "</article></body></html>")
    result = extract(html, URL)
    block = entry(result, "Tide tables")
    assert block.text == "Most read\nTide tables\nHarbour fees" and block.region == "aside"
    assert merge([Removed("a", "dom", "x"), Removed("a", "dom", "y"), Removed("a", "extractor", "z", "aside")]) == [
        Removed("a", "dom", "x\ny"), Removed("a", "extractor", "z", "aside")]


def test_inventory_reads_attributes_and_skips_scripts_and_templates():
    root = parse("<html><head><title>T</title></head><body><p>One <b>two</b> three<img alt='four five'> six</p>"
                 "<script>no()</script><template><p>not shown</p></template><svg aria-label='icon name'>"
                 "<title>svg title</title></svg><div>seven<p>eight</p>nine</div></body></html>")
    blocks = [" ".join("".join(piece[1] for piece in b).split()) for b in take_inventory(root).blocks]
    assert blocks == ["One two three", "four five", "six", "icon name", "seven", "eight", "nine"]


def test_regions_from_tags_roles_class_words_and_innermost_wins():
    root = parse("<html><body class='has-sidebar'><div id='page'><main><h1>Title</h1>"
                 "<div class='relatedStories'><p id='a'>x</p></div>"
                 "<div role='navigation'><span class='cookieNotice' id='b'>y</span><i id='c'>z</i></div>"
                 "<div style='display: none'><p id='d'>w</p></div><p id='e'>v</p></main></div>"
                 "<p id='f'>u</p></body></html>")
    inv = take_inventory(root)
    regions = Regions(region_rules(), inv.article)
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    assert [regions.of(by_id[i]) for i in "abcdef"] == ["related", "cookie", "navigation", "hidden", "main", "page"]


@pytest.mark.parametrize("order", ["inner first", "outer first"])
def test_region_lookup_stops_at_the_innermost_naming_element_and_memo_is_order_free(order):
    # a main landmark inside an aside stands in the aside; one with nothing naming above it is main
    root = parse("<html><body><div id='w'><aside id='s'><main id='m'><div id='x'><p id='a'>a</p></div></main>"
                 "</aside><div role='main' id='r'><section id='y'><p id='b'>b</p></section></div>"
                 "<section id='z'><p id='c'>c</p></section></div></body></html>")
    inv = take_inventory(root)
    regions = Regions(region_rules(), inv.article)
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    expected = {"a": "aside", "x": "aside", "m": "aside", "s": "aside", "b": "main", "y": "main", "r": "main",
                "c": "page", "z": "page", "w": "page"}
    asked = list(expected) if order == "inner first" else list(reversed(expected))
    assert {i: regions.of(by_id[i]) for i in asked} == expected


def test_region_of_a_detached_element_comes_from_the_ancestors_as_parsed():
    root = parse("<html><body><nav class='site-menu'><ul><li><a id='x'>Home</a></li></ul></nav>"
                 "<main><p>Body text</p></main></body></html>")
    inv = take_inventory(root)
    piece = next(b[0] for b in inv.blocks if b[0][1] == "Home")
    piece[0].getparent().getparent().getparent().remove(piece[0].getparent().getparent())  # the <ul> goes
    regions = Regions(region_rules(), inv.article)
    assert regions.of(piece[0], piece[2]) == "navigation"  # the chain kept at parse time
    assert Regions(region_rules(), inv.article).of(piece[0]) == "page"  # the tree now: no <nav> above it


def test_words_are_case_folded_word_runs_with_entities_decoded():
    text = "Ünïcode’s a&amp;b, soft\u00adhyphen 42% Straße ﬁne e\u0301"
    assert words(text) == ["ünïcode", "s", "a", "b", "softhyphen", "42", "strasse", "fine", "é"]
    assert bench_words(text) == words(text)  # the coverage check counts words the same way


def _plain_words(text):  # the definition words() follows, spelled out
    text = html.unescape(text) if "&" in text else text
    text = re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", text)
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold())


def test_words_of_mostly_ascii_text_follow_the_plain_definition():
    samples = ["Don’t stop — the Café’s “naïve” ﬁnale in Straße\xa0İstanbul costs 42 €, 3\u2000K\u212a",
               "A mostly English line with one J\u030c and one a=\u0338b in it, to take the careful way",
               "Soft\u00adhyphen and zero\u200bwidth inside words, ΣΑΣ and ς in a Latin sentence here",
               "A text with a lone surrogate \udc80 in it, as a decoder's surrogateescape leaves one"]
    rng = random.Random(11)
    awkward = list("aAzZ09_ -.,'=<>") + ["\u0301", "\u0338", "\u030c", "İ", "\u212a", "ß", "ﬁ", "\u00ad", "\u200b",
                                         "\xa0", "\u3000", "’", "é", "É", "ǅ", "ǰ", "Σ", "ς", "ŉ", "ı", "²", "١", "\u093e"]
    for _ in range(3000):  # mostly ASCII, so most take the token way
        samples.append("".join(rng.choice(awkward) if rng.random() < 0.15 else rng.choice("abcXYZ .,") for _ in range(40)))
    for text in samples:
        assert words(text) == _plain_words(text), text


def test_account_of_an_empty_or_bare_page():
    root = parse("<html><body><p>Only text</p></body></html>")
    assert build_account(take_inventory(root), ["", "Only text"]) == []
    assert build_account(take_inventory(root), [""]) == [Removed("not-main-content", "extractor", "Only text", "page")]
