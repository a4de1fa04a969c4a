"""The twenty-first renditions of the seed pages (``tests/fixtures/renditions21``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off.

- a textboard thread's title wraps the headline in bracketed tags ("【Topic】Headline [Reporter★]", 5ch)
  and the post opens with the headline alone: the line is the title (``brackettitle.BRACKET_TAGS``,
  switch ``stage:bracket-title``);
- a picture written as its address on a line of its own, its caption on the next (paragraph rule
  ``image-address-line``); a reposter's "ソース https://..." (paragraph rule ``source-link``);
- the bare date on the line after a byline ("By AFP", "11 gennaio 2022": paragraph rule
  ``byline-line``, its ``following``); a date with the post's kind after a dot ("Jan 11, 2022 ·
  Repost": paragraph rule ``dateline``);
- a forum topic whose posts, the first too, stand in ``div#comments`` (Invision Community): the
  comments rule took the whole thread (DOM rule ``comments``, its ``unless``); its quote box's
  "Quote" header (DOM rule ``forum-quote-citation``); a photo's caption as a plain paragraph between
  the photo and the bold credit (``altcaptions.PLAIN_PAIRS``, switch ``stage:plain-caption-pairs``).
"""

from __future__ import annotations

import dataclasses

import pytest
from renditionkit import BODY, TITLE, URL, word_for_word

import archiver.extraction as ex
from archiver.extraction import extract

# pages whose kinds are still open (see the set's README): a strict xfail, so a fixed page is taken off
OPEN: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions21", OPEN)

# extras whose kinds are open (the set's README, "Extras"): strict xfails, taken off when fixed
OPEN_EXTRA = {
    "extra/plone-www.rferl.org.html",  # the description field repeating the lead image's alt and caption
}
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions21", OPEN_EXTRA, "extra.tsv")


def _board(title: str, lines: list[str]) -> str:
    """The ferry story reposted on a textboard (5ch-like read.cgi): ``title`` in ``<title>`` and the
    ``<h1>``, the reporter's post of ``lines`` cut by ``<br>`` pairs, a reply."""
    post = " <br>  <br> ".join(lines)
    return (f"<!DOCTYPE HTML><html lang='ja'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            "<div class='topmenu'><a href='/harbour/'>■掲示板に戻る■</a> <a href='#'>全部</a> <a href='#'>最新50</a></div>"
            f"<h1 class='title'>{title}\n</h1><div class='thread'><div class='post' id='1'><div class='meta'><span "
            "class='number'>1</span><span class='name'><b>記者 ★</b></span><span class='date'>2026/11/20(金) 09:30:12.34"
            f"</span><span class='uid'>ID:Ab12Cd34</span></div><div class='message'><span class='escaped'> {post} </span>"
            "</div></div><br><div class='post' id='2'><div class='meta'><span class='number'>2</span><span class='name'>"
            "<b>名無しさん</b></span><span class='date'>2026/11/20(金) 09:31:40.11</span></div><div class='message'><span "
            "class='escaped'> 冬は不便だな </span></div></div></div><div class='footer'>read.cgi ver 07.5.2</div></body></html>")


@pytest.mark.parametrize("title", [f"【港】{TITLE} [記者★]", f"{TITLE} [記者★]", f"【港湾ニュース】{TITLE}"])
def test_a_board_s_bracketed_tags_leave_the_title(monkeypatch, title):
    from archiver.extraction import brackettitle
    page = _board(title, [TITLE, *BODY])
    got = extract(page, URL)
    assert got.title == TITLE and got.headline is None and list(got.paragraphs) == BODY
    monkeypatch.setattr(brackettitle, "BRACKET_TAGS", False)
    assert title in {extract(page, URL).title, extract(page, URL).headline}


@pytest.mark.parametrize(("title", "first"), [
    (f"【速報】{TITLE}", BODY[0]),  # the post does not open with the headline: the tag stays
    (f"[Video] {TITLE}", f"[Video] {TITLE}"),  # the line repeats the tag
    ("【港】 [記者★]", BODY[0]),
    (f"[Op-Ed] {TITLE}", TITLE),  # a news page's own label, no board's tag (renditions13)
])
def test_a_bracketed_title_without_its_headline_line_stays(title, first):
    from archiver.extraction.brackettitle import bracketed_title
    assert bracketed_title(title, [first, *BODY]) is None


PHOTO = "https://img.harbourtown-gazette.example/2026/11/last-ferry.jpg"
SOURCE = f"ソース {URL}"


@pytest.mark.parametrize(("lines", "rule", "gone"), [
    ([TITLE, *BODY[:2], PHOTO, "The last ferry of the night at the quay", *BODY[2:]], "image-address-line",
     [PHOTO, "The last ferry of the night at the quay"]),
    ([TITLE, *BODY, SOURCE], "source-link", [SOURCE]),
])
def test_an_image_address_and_a_source_line_in_a_board_post_go(monkeypatch, lines, rule, gone):
    from rulekit import without_paragraph_rule
    assert list(extract(_board(TITLE, lines), URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, rule)
    kept = extract(_board(TITLE, lines), URL).paragraphs
    assert all(line in kept for line in gone)


def _page(lead: str, body: list[str] = BODY) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{TITLE}</title></head><body><header><a href='/'>"
            f"Gazzetta del Porto</a></header><main><article><h1>{TITLE}</h1><div class='text'><p>{lead}</p></div>"
            f"<div class='text'>{paras}</div></article></main><footer>© 2026 Gazzetta del Porto</footer></body></html>")


@pytest.mark.parametrize(("lead", "line", "rule"), [
    ("<b>By Anna Rossi</b><br>20 novembre 2026", "20 novembre 2026", "byline-line"),
    ("By Anna Rossi<br>20 November 2026", "20 November 2026", "byline-line"),
    ("Nov 20, 2026 · Repost", "Nov 20, 2026 · Repost", "dateline"),
])
def test_a_byline_s_date_line_and_a_date_with_the_post_s_kind_go(monkeypatch, lead, line, rule):
    from rulekit import without_paragraph_rule
    assert list(extract(_page(lead), URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, rule)
    assert line in extract(_page(lead), URL).paragraphs


def test_a_bare_date_not_after_a_byline_stays():
    body = [*BODY[:2], "20 novembre 2026", *BODY[2:]]
    assert "20 novembre 2026" in extract(_page(BODY[0], body[1:]), URL).paragraphs


def _topic(first: str, lead: str = "") -> str:
    """The ferry story as a forum topic whose posts all stand in ``div#comments`` (Invision Community):
    ``first`` the opening post's content, a short reply; ``lead`` any text before the thread."""
    def post(pid: str, who: str, content: str) -> str:
        return (f"<article id='elComment_{pid}' class='cPost ipsComment'><aside class='cAuthorPane'><h3><a href='/profile/"
                f"{pid}/'>{who}</a></h3><ul><li>Members</li></ul></aside><div class='ipsComment_content'><p>Posted "
                f"November 20, 2026</p><div class='ipsType_richText' data-role='commentContent'>{content}</div></div></article>")
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{TITLE} - Harbour News - Harbour Forum</title>"
            f"</head><body><header><a href='/'>Harbour Forum</a></header><main>{lead}<div class='ipsPageHeader'><h1 class="
            f"'ipsType_pageTitle'><span>{TITLE}</span></h1><p>By harbourfan, November 20, 2026 in Harbour News</p></div>"
            f"<div id='comments' data-feedID='topic-7001'>{post('1', 'harbourfan', first or paras)}"
            f"{post('2', 'quayside', '<p>Ten is too early.</p>')}</div></main><footer>Powered by the forum</footer>"
            "</body></html>")


def _comments_without_unless(monkeypatch) -> None:
    original = ex.rules_for

    def rules(host):
        found = original(host)
        return dataclasses.replace(found, dom=tuple(dataclasses.replace(r, unless=None) if r.name == "comments" else r
                                                    for r in found.dom))
    monkeypatch.setattr(ex, "rules_for", rules)


def test_a_topic_whose_posts_stand_in_a_comments_container_is_read(monkeypatch):
    assert list(extract(_topic(""), URL).paragraphs)[:len(BODY)] == BODY
    _comments_without_unless(monkeypatch)
    assert BODY[0] not in extract(_topic(""), URL).paragraphs


def test_a_comments_container_after_the_article_still_goes():
    story = "".join(f"<p>{p}</p>" for p in BODY)
    page = _topic("<p>The harbour board will look at the timetable again in the spring, its chair said today.</p>",
                  lead=f"<article class='story'>{story}</article>")
    kept = extract(page, URL).paragraphs
    assert BODY[0] in kept and not any("spring, its chair" in p for p in kept)


QUOTE = ("<blockquote class='ipsQuote' data-ipsquote=''><div class='ipsQuote_citation'>Quote</div><div class='ipsQuote_"
         "contents'><p>The harbour board said the winter timetable would be reviewed again in the spring.</p></div></blockquote>")


def test_a_forum_quote_box_s_header_goes(monkeypatch):
    from rulekit import without_dom_rule
    first = "".join(f"<p>{p}</p>" for p in BODY[:2]) + QUOTE + "".join(f"<p>{p}</p>" for p in BODY[2:])
    kept = extract(_topic(first), URL).paragraphs
    assert "Quote" not in kept and any("reviewed again in the spring" in p for p in kept)
    without_dom_rule(monkeypatch, "forum-quote-citation")
    assert "Quote" in extract(_topic(first), URL).paragraphs


CAPTION = "The last ferry of the night leaves the quay at ten o'clock"


@pytest.mark.parametrize("credit", ["Harbour Board / J. Smith", "Photo: Harbourtown Gazette"])
def test_a_plain_caption_between_a_photo_and_its_bold_credit_goes(monkeypatch, credit):
    from archiver.extraction import altcaptions
    first = "".join([*(f"<p>{p}</p>" for p in BODY[:2]), "<p><img class='ipsImage' alt='' src='/uploads/ferry.jpg'></p>",
                     f"<p>{CAPTION}</p><p><strong>{credit}</strong></p>", *(f"<p>{p}</p>" for p in BODY[2:])])
    kept = list(extract(_topic(first), URL).paragraphs)
    assert kept[:len(BODY)] == BODY
    monkeypatch.setattr(altcaptions, "PLAIN_PAIRS", False)
    assert CAPTION in extract(_topic(first), URL).paragraphs  # ("Photo: ..." goes by its own paragraph rule)


def test_a_paragraph_under_a_photo_before_a_bold_subheading_stays():
    line = "The board met again on Tuesday and kept the ten o'clock crossing"
    first = "".join([*(f"<p>{p}</p>" for p in BODY[:2]), "<p><img alt='' src='/uploads/ferry.jpg'></p>",
                     f"<p>{line}</p><p><strong>What happens next</strong></p>", *(f"<p>{p}</p>" for p in BODY[2:])])
    kept = extract(_topic(first), URL).paragraphs
    assert line in kept and "What happens next" in kept
