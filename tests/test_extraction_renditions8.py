"""The eighth renditions of the seed pages (``tests/fixtures/renditions8``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off.

- a Next.js page server-rendered without its article text: the header, headline and teaser in the
  HTML, a loading skeleton where the body goes, the rich text only in the ``__NEXT_DATA__`` script
  (``<`` written ``\\u003c``, as Next.js escapes it); the clean text held the teaser alone
  (``statebody``, switch ``stage:state-body``);
- a byline in the article's ``<address>`` (a Telegraph page, what Telegram's Instant View shows:
  ``<address><a>AFP</a><br></address>`` under the headline inside the article) stayed as a line
  (DOM rule ``address-byline``);
- (second round) a picture component inside the state's rich text (``<figure><img><figcaption><p>
  caption</p><p>Image: credit</p>``): its caption came out as a paragraph (``ldbody.paragraphs_of``
  leaves out what a ``<figure>``, ``<figcaption>`` or ``<aside>`` holds; switch
  ``stage:declared-body-furniture``);
- (second round) the feed's footer under the item's content, "The post <title> appeared first on
  <site>." (paragraph rule ``feed-footer``), and with it the AP rights line above "Loading..." and
  "Recommended Videos" stayed: the ``last`` window of ``legal-notice`` counted those lines, which
  rules drop wherever they stand (``paragraphs._body_end``, switch ``stage:rules-tail-window``);
- (third round) the reposting channel's sign-off, "Subscribe to our Telegram channel @name for ...",
  stayed (paragraph rule ``channel-promo``).
"""

from __future__ import annotations

import json

import pytest
from renditionkit import SEEDS_FOUND, assert_word_for_word, page_id, rendition_pages
from rulekit import without_dom_rule, without_paragraph_rule

from archiver.extraction import extract, ldbody, paragraphs, statebody


@SEEDS_FOUND
@pytest.mark.parametrize("page", rendition_pages("renditions8"), ids=page_id)
def test_each_rendition_gives_the_seed_s_text_word_for_word(page):
    assert_word_for_word("renditions8", page)


URL = "https://www.harbourside-gazette.example/news/island-ferry-evening-crossing-4411"
TITLE = "Island ferry adds an evening crossing for the summer"
TEASER = ("The harbour board agreed on Monday to pay for a fourth daily sailing from June to September, "
          "the first new crossing on the island route in eleven years.")
BODY = [f"Paragraph {i} of the story says the island ferry will sail a fourth crossing each evening from "
        f"June, after the harbour board agreed to pay for the extra crew and the fuel." for i in range(8)]


def _escaped(data) -> str:
    return json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _state_page(record: dict, shown: str = "") -> str:
    data = {"props": {"pageProps": {"story": record, "nav": [{"title": "News", "href": "/news"}]}},
            "page": "/news/[slug]", "buildId": "a1b2c3", "isFallback": False}
    return (f"<!DOCTYPE html><html><head><title>{TITLE} | Harbourside Gazette</title></head><body>"
            '<div id="__next"><header><a href="/">Harbourside Gazette</a><nav><a href="/news">News</a> '
            f'<a href="/sport">Sport</a></nav></header><main><article><h1>{TITLE}</h1>'
            f'<p class="story-teaser">{TEASER}</p><div class="skeleton" aria-busy="true"><div></div><div></div></div>'
            f"{shown}</article></main><footer><a href='/about'>About us</a> <a href='/contact'>Contact</a></footer>"
            f'</div><script id="__NEXT_DATA__" type="application/json">{_escaped(data)}</script></body></html>')


def _rich(paras: list[str]) -> str:
    return "<p>" + "</p><p>".join(paras[:4]) + "</p><h2>What the crews say</h2><p>" + "</p><p>".join(paras[4:]) + "</p>"


def test_a_body_only_in_the_state_script_is_read():
    page = _state_page({"id": 4411, "title": TITLE, "teaser": TEASER, "body": _rich(BODY)})
    result = extract(page, URL)
    assert result.paragraphs[-9:] == (*BODY[:4], "What the crews say", *BODY[4:])
    assert result.paragraphs[0] == TEASER  # the page's teaser, put back by the standfirst stage


@pytest.mark.parametrize("escape", [lambda t: t.replace("<", "\\u003C"), lambda t: t.replace("</", "<\\/"),
                                    lambda t: t], ids=["devalue", "slash", "plain"])
def test_the_state_s_markup_written_other_ways_is_read_too(escape):
    page = _state_page({"id": 4411, "title": TITLE, "teaser": TEASER, "body": _rich(BODY)})
    state = page[page.index('type="application/json">') + 24:page.index("</script>")]
    page = page.replace(state, escape(json.dumps(json.loads(state))))
    assert extract(page, URL).paragraphs[-9:] == (*BODY[:4], "What the crews say", *BODY[4:])


def test_without_the_stage_only_the_teaser_is_left(monkeypatch):
    monkeypatch.setattr(statebody, "STATE_BODY", False)
    result = extract(_state_page({"id": 4411, "title": TITLE, "teaser": TEASER, "body": _rich(BODY)}), URL)
    assert not any(p in (result.text or "") for p in BODY)


def test_html_in_an_object_without_the_page_s_title_is_not_the_body():
    """A list of other stories, each with its own HTML, is not this page's article."""
    others = [{"title": f"Another story {i}", "body": _rich(BODY)} for i in range(2)]
    result = extract(_state_page({"id": 4411, "title": TITLE, "teaser": TEASER, "related": others}), URL)
    assert not any(p in (result.text or "") for p in BODY)


def test_a_page_that_shows_its_body_keeps_it_and_reads_it_once():
    shown = "".join(f"<p>{p}</p>" for p in BODY)
    result = extract(_state_page({"id": 4411, "title": TITLE, "body": _rich(BODY)}, shown=shown), URL)
    assert [p for p in result.paragraphs if p in BODY] == BODY
    assert "What the crews say" not in result.paragraphs  # the shown body, not the state's


def _address_page(address: str) -> str:
    paras = "".join(f"<p>{t}</p>" for t in BODY)
    return (f"<!DOCTYPE html><html><head><title>{TITLE}</title></head><body><main><article>"
            f"<h1>{TITLE}</h1>{address}{paras}</article></main></body></html>")


@pytest.mark.parametrize("address", [
    '<address><a rel="author" href="/author/ros-calder">Ros Calder</a><br></address>',
    '<address class="byline">By <a rel="author" href="/author/ros-calder">Ros Calder</a> and Jan Lind</address>',
])
def test_a_byline_in_the_article_s_address_goes(address):
    result = extract(_address_page(address), URL)
    assert result.paragraphs == tuple(BODY)


def test_without_the_rule_the_byline_stays(monkeypatch):
    without_dom_rule(monkeypatch, "address-byline")
    result = extract(_address_page('<address><a rel="author" href="/a/rc">Ros Calder</a><br></address>'), URL)
    assert "Ros Calder" in result.paragraphs


def test_an_address_holding_a_paragraph_stays():
    letter = ("<address><p>Write to the harbour board at the Old Customs House, where the crews meet each "
              "Monday evening to hear what islanders think of the new timetable.</p></address>")
    result = extract(_address_page(letter), URL)
    assert any("Old Customs House" in p for p in result.paragraphs)


FIGURE = ('<figure class="picture"><img alt="The ferry at the harbour wall"/><figcaption><p>The ferry leaves the '
          'harbour at dusk on a test run</p><p>Image: Harbour Board/press</p></figcaption></figure>')


def _with_figure() -> str:
    rich = _rich(BODY)
    cut = rich.index("<h2>")
    return rich[:cut] + FIGURE + rich[cut:]


def test_a_figure_in_the_state_s_rich_text_is_not_a_paragraph():
    result = extract(_state_page({"id": 4411, "title": TITLE, "teaser": TEASER, "body": _with_figure()}), URL)
    assert result.paragraphs[-9:] == (*BODY[:4], "What the crews say", *BODY[4:])
    assert "dusk" not in (result.text or "")


def test_without_the_stage_the_figure_s_caption_is_a_paragraph(monkeypatch):
    monkeypatch.setattr(ldbody, "SKIP_FURNITURE", False)
    result = extract(_state_page({"id": 4411, "title": TITLE, "teaser": TEASER, "body": _with_figure()}), URL)
    assert "The ferry leaves the harbour at dusk on a test run" in result.paragraphs


def test_a_figure_in_a_json_ld_article_body_is_left_out_too():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": TITLE, "articleBody": _with_figure()}
    page = (f"<!DOCTYPE html><html><head><title>{TITLE}</title><script type='application/ld+json'>"
            f"{json.dumps(ld)}</script></head><body><main><h1>{TITLE}</h1><div class='skeleton'>Loading...</div>"
            "</main></body></html>")
    result = extract(page, URL)
    assert result.paragraphs == (*BODY[:4], "What the crews say", *BODY[4:])


NOTICE = ("Copyright 2026 Harbourside Wire. All rights reserved. This material may not be published, broadcast, "
          "rewritten or redistributed.")


def _feed_item(tail: list[str]) -> str:
    paras = "".join(f"<p>{t}</p>" for t in [*BODY, *tail])
    return (f"<!DOCTYPE html><html><head><title>{TITLE}</title></head><body><main><article>"
            f"<h1>{TITLE}</h1><div class='text'>{paras}</div></article></main></body></html>")


@pytest.mark.parametrize("footer", [
    f"The post {TITLE} appeared first on Harbourside Gazette.",
    f"Der Beitrag {TITLE} erschien zuerst auf Harbourside Gazette.",
    f"L’article {TITLE} est apparu en premier sur Harbourside Gazette.",
])
def test_a_feed_s_footer_line_goes(footer):
    result = extract(_feed_item([footer]), URL)
    assert result.paragraphs == tuple(BODY)


def test_without_the_rule_the_feed_s_footer_stays(monkeypatch):
    without_paragraph_rule(monkeypatch, "feed-footer")
    footer = f"The post {TITLE} appeared first on Harbourside Gazette."
    assert footer in extract(_feed_item([footer]), URL).paragraphs


def test_a_wire_notice_above_closing_boilerplate_lines_goes():
    tail = [NOTICE, "Loading...", "Recommended Videos", f"The post {TITLE} appeared first on Harbourside Gazette."]
    assert extract(_feed_item(tail), URL).paragraphs == tuple(BODY)


def test_without_the_tail_window_the_notice_stays(monkeypatch):
    monkeypatch.setattr(paragraphs, "TAIL_WINDOW", False)
    tail = [NOTICE, "Loading...", "Recommended Videos", f"The post {TITLE} appeared first on Harbourside Gazette."]
    assert NOTICE in extract(_feed_item(tail), URL).paragraphs


def test_a_notice_with_body_text_after_it_stays_as_before():
    """The window moves only past lines a rule drops wherever they stand: body text after the notice
    keeps it out of the body's last lines."""
    after = [f"Line {i} after the notice: islanders asked the board whether the winter timetable would "
             f"change as well, and the board said it would decide that in the autumn." for i in range(3)]
    result = extract(_feed_item([NOTICE, *after, "Loading..."]), URL)
    assert NOTICE in result.paragraphs


@pytest.mark.parametrize("promo", [
    "Subscribe to our Telegram channel @harbourside_news for the day's news from the islands.",
    "Join our WhatsApp channel for breaking news from the harbour.",
    "Подписывайтесь на наш Telegram-канал, чтобы не пропустить новости.",
])
def test_a_messenger_channel_s_sign_off_goes(promo):
    assert extract(_feed_item([promo]), URL).paragraphs == tuple(BODY)


def test_without_the_rule_the_sign_off_stays(monkeypatch):
    without_paragraph_rule(monkeypatch, "channel-promo")
    without_paragraph_rule(monkeypatch, "channel-pitch")  # new2's rule takes a channel's sign-off too
    without_paragraph_rule(monkeypatch, "channel-pitch-closing")  # and its closing form (mend2)
    promo = "Subscribe to our Telegram channel @harbourside_news for the day's news from the islands."
    assert promo in extract(_feed_item([promo]), URL).paragraphs


def test_a_sentence_about_joining_a_channel_stays():
    line = ("Islanders who join the Telegram group the harbour board set up last year will get the new "
            "timetable first, the board said.")
    assert line in extract(_feed_item([line]), URL).paragraphs
