"""Units of issue 10's diff: signs and entities, page text, scraper metadata, moved paragraphs, evidence."""
from __future__ import annotations

from archiver.diff.compare import compare_texts
from archiver.diff.evidence import CAPTURE, RULES, evidence
from archiver.diff.metadata import PageMetadata, match_metadata, url_identity, vocabulary
from archiver.diff.normalize import decode_entities, document
from archiver.diff.page import html_page_text

BODY = ("Title\n\nThe council approved the budget on Monday after a long debate.\n\n"
        "Spending on schools rises by a tenth, the mayor said in a statement.\n\n"
        "Opposition members voted against the plan and called it a gamble.\n")


def words(text: str) -> list[tuple[str, bool]]:
    return [(t.key, t.word) for t in document(text).tokens]


def test_meaningful_signs_are_words_and_punctuation_is_not():
    assert words("€10, -5 °C, 3%") == [("€", True), ("10", True), (",", False), ("-", True), ("5", True),
                                        ("°", True), ("C", True), (",", False), ("3", True), ("%", True)]
    assert ("-", True) not in words("COVID-19 and a 2-1 win - fine")  # hyphens and a dash are not minus signs
    assert words("\u22124") == words("-4")  # U+2212 MINUS SIGN is a minus as hyphen-minus is
    assert words("60º") == words("60°")


def test_sign_changes_are_content_not_punctuation():
    for old, new in (("It costs €10.", "It costs $10."), ("It was -5 today.", "It was 5 today."),
                     ("Up 3% on the year.", "Up 3 on the year.")):
        result = compare_texts(f"T\n\n{old}\n", f"T\n\n{new}\n", classify=None)
        assert result.cls == "content-changed", (old, new, result.changes)
    assert compare_texts("T\n\nSo, the long debate ended.\n", "T\n\nSo the long debate ended\n",
                         classify=None).cls == "layout-only"


def test_entities_are_decoded_once_or_twice_and_malformed_ones_stay():
    assert decode_entities("Tom &amp; Jerry &quot;say&quot; it&#39;s&nbsp;fine &euro;5 &#x2212;3") == \
        "Tom & Jerry \"say\" it's\u00a0fine €5 \u22123"
    assert decode_entities("a&amp;nbsp;b") == "a\u00a0b"
    assert decode_entities("AT&T & R&D &notanentity") == "AT&T & R&D &notanentity"


def test_page_text_holds_alt_aria_labels_metadata_and_regions():
    html = ("<html><head><title>Page title</title><link rel='canonical' href='https://n.test/a'>"
            "<script type='application/ld+json'>{\"author\": {\"name\": \"Ann Lee\"}}</script></head><body>"
            "<header><img alt='Clear icon'><span>60°</span></header><nav aria-label='Sections'>News</nav>"
            "<div role='alert'>Breaking News</div><script>var x = 'secret';</script>"
            "<figure><figcaption>A caption<span>Image: Agency</span></figcaption></figure>"
            "<noscript>Enable JavaScript</noscript><svg><title>Share icon</title></svg></body></html>")
    page = html_page_text(html)
    pieces = {(p.text, p.region, p.kind) for p in page.pieces}
    assert ("Clear icon", "header", "alt") in pieces and ("Sections", "navigation", "aria-label") in pieces
    assert ("Breaking News", "banner", "text") in pieces and ("https://n.test/a", "metadata", "metadata") in pieces
    assert ("Ann Lee", "metadata", "metadata") in pieces
    assert ("A caption Image: Agency", "figure", "text") in pieces  # two words: test_diff_glued_labels
    assert ("Enable JavaScript", "noscript", "text") in pieces and ("Share icon", "page", "text") in pieces
    assert not page.find(["secret"]) and page.find(["clear", "icon", "60", "°"])
    assert page.split_glued("agencyenable") == ("agency", "enable") and page.split_glued("news") == ("news",)


def test_scraper_metadata_lines():
    meta = PageMetadata.from_fields({"author": ["RFE/RL"], "site_name": ["Harbour Gazette"], "date": ["2022-01-11"]},
                                    ["https://www.n.test:8443/2022/01/story/"])
    for line in ("Original url:", "https://n.test/2022/01/story", "Source: https://www.n.test/2022/01/story/",
                 "January 11, 2022 06:30 GMT UPDATED January 11, 2022 06:43 GMT \u2013 By RFE/RL",
                 "Published 2022-01-11", "Harbour Gazette", "Mon, Jan. 10, 2022 at 9:14 am"):
        assert match_metadata(line, meta) is not None, line
    for line in ("Source: https://other.test/2022/01/story", "1 / 24", "Officials said on January 11 that",
                 "By the river", "It costs 5%"):
        assert match_metadata(line, meta) is None, line
    assert url_identity("https://WWW.n.test:443/a/b/") == url_identity("http://n.test/a/b") == "n.test/a/b"
    assert ("original", "url") in vocabulary().labels


def test_moved_paragraph_is_moved_and_an_edited_move_is_content():
    moved = "Title\n\nSpending on schools rises by a tenth, the mayor said in a statement.\n\n" \
            "The council approved the budget on Monday after a long debate.\n\n" \
            "Opposition members voted against the plan and called it a gamble.\n"
    result = compare_texts(moved, BODY, classify=None)
    assert result.cls == "moved" and [c.cls for c in result.changes] == ["moved"]
    edited = moved.replace("by a tenth", "by a fifth")
    result = compare_texts(edited, BODY, classify=None)
    assert result.cls == "content-changed"


def test_evidence_explains_from_the_page_outside_the_article_only():
    page = html_page_text("<html><body><div class='bar'>Breaking News</div><article>"
                          + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n")[1:]) + "</article></body></html>")
    ev = evidence(page=page, article_text=BODY, classify=None)
    assert ev.judged == CAPTURE and evidence(classify=None).judged == RULES
    assert evidence([{"rule": "not-main-content", "stage": "extractor", "text": "x y", "region": "aside"}]
                    ).judged == CAPTURE
    old = "Breaking News\n\n" + BODY.replace("the mayor said", "the mayor said on Monday")
    result = compare_texts(old, BODY, evidence=ev)
    kinds = sorted((c.cls, c.old) for c in result.changes)
    # "on Monday" is in the article elsewhere, not outside it: a deletion from the article, not furniture
    assert kinds == [("boilerplate", "Breaking News"), ("content", "on Monday")], kinds
    [bar] = [c for c in result.changes if c.cls == "boilerplate"]
    assert bar.rule == "on-page" and bar.region == "page"


def test_removed_blocks_name_their_region():
    removed = [{"rule": "not-main-content", "stage": "extractor", "text": "Clear icon", "region": "header"}]
    result = compare_texts("Clear icon\n\n" + BODY, BODY, removed=removed, classify=None)
    [c] = result.changes
    assert (c.cls, c.rule, c.stage, c.region) == ("boilerplate", "not-main-content", "extractor", "header")
    assert c.to_dict()["region"] == "header" and result.judged == CAPTURE
