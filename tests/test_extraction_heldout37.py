"""Kinds found on the held-out pages (gen37, issue 11), each fixed as a rule any site's page can meet.

- ``related-tail-i18n`` (paragraph rule, ``drop-rest``): related-tail in other languages, the title
  of a related-stories section closing the text ("Artículos relacionados", "Verwandte Artikel",
  "関連記事", "เรื่องที่เกี่ยวข้อง" ...), then the stories' titles and whatever the page prints under
  the box (a news site's donation and follow-us lines). section-label-i18n took such a title alone
  and left the titles.
- ``wire-credit-rest`` (paragraph rule, the new action ``drop-after``): a wire story's closing credit
  line ("(Reporting by ...; Editing by ...)") ends the story, so the next story's headline and lead
  printed after it on the page go; the credit line stays (the keep pattern reuters-credit).
- ``comment-terms-notice`` (paragraph rule): the terms printed over a reader-comment thread ("... welcomes
  a lively and courteous discussion ... Comments are not pre-screened", "The views expressed in the
  comments ...", and the Arabic notice), left as the text's last lines when the thread is a script.
- ``widget-state-line`` (paragraph rule): a script's form shipping its waiting, failure and confirmation
  lines as text ("Please wait...", "This feature is temporarily unavailable. Please try again later.").
- ``paywall-pitch-cjk`` (paragraph rule): paywall-pitch-i18n in Japanese, Chinese and Korean.
- ``recirculation-card`` (DOM rule): a teaser card whose link the page's analytics mark as recirculation
  and which holds the other story's title as a heading.
- ``category-posts-box`` (DOM rule): a blog platform's box of the category's other posts (Tistory's
  ``div.another_category``).
- ``stay-connected-box`` (DOM rule): a newsletter box named so by its class.

Invented pages and text; each kind has a test that fails with its rule switched off, and twins that
show what it leaves alone.
"""

from __future__ import annotations

import pytest
from rulekit import without_dom_rule, without_paragraph_rule

from archiver.extraction import extract

_URL = "https://diario-del-puerto.example/2026/03/04/muelle-norte"
_BODY = [
    "El ayuntamiento aprobó el martes la reparación del muelle norte, cerrado desde el temporal de enero, "
    "con un presupuesto de dos millones de euros.",
    "Los pescadores llevaban semanas descargando en el muelle de poniente, a dos kilómetros de la lonja, "
    "y las cajas de hielo se agotaban antes del mediodía.",
    "Las obras empezarán en abril y durarán cuatro meses, según el calendario que presentó la concejala "
    "de puertos ante el pleno municipal.",
    "La cofradía pidió que el muelle abra por tramos, para que la flota de bajura pueda volver cuanto antes "
    "a su sitio de siempre.",
]
_CARDS = ["La lonja amplía su horario de verano", "Tres barcos vuelven al caladero del norte",
          "El faro de la punta cumple cien años"]
_FOOTER = ["Apoya nuestro periodismo: dona por PayPal https://paypal.example/diariodelpuerto",
           "Facebook https://facebook.example/diariodelpuerto", "Twitter https://twitter.example/diariodelpuerto"]


def _page(label: str, cards: list[str], footer: list[str] = _FOOTER) -> str:
    body = "".join(f"<p>{p}</p>" for p in _BODY)
    items = "".join(f"<li><p>{c}</p></li>" for c in cards)
    foot = "".join(f"<p>{f}</p>" for f in footer)
    return ("<html><head><title>Muelle norte</title></head><body><article>"
            f"<h1>El muelle norte se repara</h1>{body}<h3>{label}</h3><ul>{items}</ul>{foot}"
            "</article></body></html>")


def _text(html: str, url: str = _URL) -> str:
    result = extract(html, url)
    assert result.error is None
    return result.text


@pytest.mark.parametrize("label", ["Artículos relacionados", "Noticias relacionadas:", "Verwandte Artikel",
                                   "Articles similaires", "関連記事", "เรื่องที่เกี่ยวข้อง", "مقالات ذات صلة",
                                   "Bài viết liên quan"])
def test_a_related_section_closing_the_text_goes_in_other_languages(label):
    text = _text(_page(label, _CARDS))
    assert all(p in text for p in _BODY)
    assert label.rstrip(":") not in text
    assert not any(c in text for c in _CARDS)
    assert not any(f.split()[0] in text for f in _FOOTER)


@pytest.mark.parametrize("label", ["Artículos relacionados", "เรื่องที่เกี่ยวข้อง"])
def test_the_cards_stay_with_the_rule_switched_off(monkeypatch, label):
    without_paragraph_rule(monkeypatch, "related-tail-i18n")
    text = _text(_page(label, _CARDS))
    assert _CARDS[0] in text and "PayPal" in text  # trafilatura keeps them: the rule is what takes them


def test_a_title_followed_by_a_sentence_of_the_body_stays():
    """A related box whose links trafilatura dropped leaves its title before more body: that body stays."""
    more = ["La concejala añadió que el dragado del canal se hará a la vez, para no cerrar el puerto dos veces.",
            "La cofradía celebrará una asamblea el jueves para votar el calendario de descargas."]
    text = _text(_page("Artículos relacionados", more, footer=[]))
    assert all(m in text for m in more)


_WIRE_URL = "https://wire-desk.example/article/us-saudi-arms-idUSKBN18501"
_WIRE = [
    "WASHINGTON (Wire) - The United States is close to agreeing a package of arms sales to a Gulf ally, "
    "officials said on Friday, ahead of the president's first trip abroad.",
    "The package includes patrol boats, radar systems and training for the navy's coastal units, two "
    "officials familiar with the talks said.",
    "Congress must be told of such sales thirty days before they are signed, and several senators have "
    "asked for a briefing first.",
    "Washington also provides maintenance and training to the ally's coast guard, the officials said.",
]
_CREDIT = "(Reporting by Ana Ruiz in Washington; Additional reporting by Tom Reed; Editing by Lee Park)"
_NEXT = ["Port workers reject plan for new container terminal",
         "HAMBURG Dock workers voted on Friday to reject a plan for a new container terminal on the river, "
         "a union spokesman said."]


def _wire_page(stories: list[list[str]]) -> str:
    body = "".join("".join(f"<p>{p}</p>" for p in story) for story in stories)
    return ("<html><head><title>Arms sales</title></head><body><div class='article-body'>"
            f"<h1>U.S. close to arms package for Gulf ally</h1>{body}</div></body></html>")


def test_the_next_story_after_a_wire_credit_goes_and_the_credit_stays():
    text = _text(_wire_page([_WIRE + [_CREDIT] + _NEXT]), _WIRE_URL)
    assert all(p in text for p in _WIRE)
    assert text.rstrip().endswith(_CREDIT)
    assert not any(n in text for n in _NEXT)


def test_the_next_story_stays_with_the_rule_switched_off(monkeypatch):
    without_paragraph_rule(monkeypatch, "wire-credit-rest")
    text = _text(_wire_page([_WIRE + [_CREDIT] + _NEXT]), _WIRE_URL)
    assert _NEXT[0] in text and _NEXT[1] in text  # trafilatura keeps it: the rule is what takes it


def test_a_credit_closing_the_text_changes_nothing():
    text = _text(_wire_page([_WIRE + [_CREDIT]]), _WIRE_URL)
    assert all(p in text for p in _WIRE) and text.rstrip().endswith(_CREDIT)


def test_a_roundup_of_wire_stories_keeps_each():
    """Two short stories, each closed by its credit: the second is not the first one's furniture."""
    second = [_NEXT[0], _NEXT[1], "The terminal would have taken the last stretch of open quay, the union said.",
              "(Reporting by Jan Vogel; Editing by Lee Park)"]
    text = _text(_wire_page([_WIRE + [_CREDIT], second]), _WIRE_URL)
    assert all(p in text for p in _WIRE) and _CREDIT in text
    assert all(p in text for p in second)


def test_a_sentence_after_the_credit_stays():
    """A correction note or the body going on after a mid-text credit is a sentence, not a headline."""
    note = "This story has been corrected to show that the package includes patrol boats, not frigates."
    text = _text(_wire_page([_WIRE + [_CREDIT, note]]), _WIRE_URL)
    assert note in text


# comment-terms-notice: the terms printed over a reader-comment thread whose widget is a script.
_NEWS_URL = "https://harbour-gazette.example/2026/03/04/ferry-timetable"
_NEWS = [
    "The ferry company will run a winter timetable from November, with two crossings a day instead of four, "
    "the harbour board said on Tuesday.",
    "Islanders who commute to the mainland said the early boat was the one they could not do without, and "
    "asked the board to keep it all year.",
    "The board said it would look at the figures again in the spring, once it knew how many cars the early "
    "boat had carried over the winter.",
]
_TERMS = [
    "The Gazette welcomes a lively and courteous discussion as long as you follow our rules. Comments are not "
    "pre-screened before they post, and anything you post may be used with your name and picture.",
    "The views expressed in the comments are those of the commenters and not of the Harbour Gazette.",
]
_TERMS_AR = [
    "ترحب الجريدة بالنقاش الحيوي والمفيد، وكي لا نضطر إلى مراجعة التعليقات قبل نشرها ننصحك بمراجعة إرشادات الاستخدام.",
    "الآراء الواردة أدناه لا تعبر عن رأي الجريدة، بل تعكس وجهات نظر أصحابها فقط.",
]


def _news_page(tail: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in _NEWS)
    terms = "".join(f"<p>{t}</p>" for t in tail)
    return ("<html><head><title>Ferry timetable</title></head><body><article>"
            f"<h1>Winter ferry timetable cuts crossings</h1>{body}{terms}"
            "<div class='fb-comments' data-href='https://harbour-gazette.example/x'></div>"
            "</article></body></html>")


@pytest.mark.parametrize("terms", [_TERMS, _TERMS_AR])
def test_the_terms_over_a_comment_thread_go(terms):
    text = _text(_news_page(terms), _NEWS_URL)
    assert all(p in text for p in _NEWS)
    assert not any(t[:30] in text for t in terms)


def test_the_terms_stay_with_the_rule_switched_off(monkeypatch):
    without_paragraph_rule(monkeypatch, "comment-terms-notice")
    text = _text(_news_page(_TERMS), _NEWS_URL)
    assert _TERMS[0][:30] in text and _TERMS[1][:30] in text  # trafilatura keeps them: the rule is what takes them


def test_a_disclaimer_on_the_articles_own_views_stays():
    """An opinion page's disclaimer is about the article, not a thread: the truths keep it."""
    note = "The views and opinions expressed in the article do not necessarily reflect those of the Gazette."
    text = _text(_news_page([note]), _NEWS_URL)
    assert note in text


# widget-state-line: a script's form ships its waiting, failure and confirmation lines as text.
_STATES = ["Please wait...", "This feature is temporarily unavailable. Please try again later.",
           "Now check your email account on your mobile phone to download your new app."]


def test_a_forms_state_lines_go():
    text = _text(_news_page(_STATES), _NEWS_URL)
    assert all(p in text for p in _NEWS)
    assert not any(s in text for s in _STATES)


def test_the_state_lines_stay_with_the_rule_switched_off(monkeypatch):
    without_paragraph_rule(monkeypatch, "widget-state-line")
    text = _text(_news_page(_STATES), _NEWS_URL)
    assert _STATES[1] in text and _STATES[2] in text  # trafilatura keeps them: the rule is what takes them


def test_a_sentence_going_on_after_please_wait_stays():
    line = "Please wait until the harbour board publishes the spring figures before booking a season ticket."
    text = _text(_news_page([line]), _NEWS_URL)
    assert line in text


# paywall-pitch-cjk: a members-only notice in Japanese, Chinese or Korean under the text given.
_JA_URL = "https://minato-shimbun.example/article/2026/03/04/port"
_JA = ["港の北埠頭の修理が火曜日の市議会で承認され、四月から工事が始まる予定だ。",
       "漁業者は一月の嵐以来、二キロ離れた西埠頭で水揚げを続けてきた。",
       "市は工事を四か月で終え、夏の漁期に間に合わせたいとしている。"]


def _ja_page(tail: str) -> str:
    body = "".join(f"<p>{p * 3}</p>" for p in _JA)
    return ("<html lang='ja'><head><title>北埠頭</title></head><body><article>"
            f"<h1>北埠頭の修理が決まる</h1>{body}<p>{tail}</p></article></body></html>")


@pytest.mark.parametrize("pitch", ["この記事は会員限定です。電子版に登録すると続きをお読みいただけます。",
                                   "本文为付费会员专享", "이 기사는 유료회원 전용입니다."])
def test_a_members_only_notice_in_cjk_goes(pitch):
    text = _text(_ja_page(pitch), _JA_URL)
    assert all(p in text for p in _JA)
    assert pitch not in text


def test_the_notice_stays_with_the_rule_switched_off(monkeypatch):
    without_paragraph_rule(monkeypatch, "paywall-pitch-cjk")
    pitch = "この記事は会員限定です。電子版に登録すると続きをお読みいただけます。"
    assert pitch in _text(_ja_page(pitch), _JA_URL)  # trafilatura keeps it: the rule is what takes it


def test_a_sentence_about_members_going_on_stays():
    line = "この記事は会員限定ですが、市議会の議事録は誰でも市のウェブサイトで読むことができ、漁協も写しを配っている。"
    assert line in _text(_ja_page(line), _JA_URL)


# recirculation-card, stay-connected-box: the boxes a news site prints after the body.
_CARDS_HTML = "".join(
    f"<div class='deepDiveItem__wrapper'><a data-event-category='recirculation' href='/2026/02/{i}/story'>"
    f"<div class='img'></div><h3 class='deepDiveItem__title'>{title}</h3></a>"
    f"<div class='deepDiveItem__description'><p>{teaser}</p></div>"
    "<div class='byline'><span>By</span><ul><li><a href='/author/m'>Mara Lind</a></li></ul></div></div>"
    for i, (title, teaser) in enumerate([
        ("Why the harbour dredger keeps breaking down", "The council bought it second-hand in 2009, and the "
         "parts now come from a single yard in Rotterdam."),
        ("The last sail loft on the quay", "Three generations of the Penrose family have cut sails in the same "
         "loft, and the youngest says she will be the last."),
        ("What the tide gauge saw in January", "The storm surge peaked at 1.9 metres above the forecast, the "
         "highest reading since the gauge was installed."),
    ]))
_STAY = ("<div class='stayConnected__wrapper'><h3>Stay connected</h3><p>Get the latest updates from</p>"
         "<p>The Harbour Gazette</p><p>Discover special offers, top stories, upcoming events, and more.</p>"
         "<form><input type='email' placeholder='Enter your email'></form></div>")


def _boxes_page(after: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in _NEWS * 2)
    return ("<html><head><title>Ferry timetable</title></head><body><main class='body__content' id='content'>"
            f"<div class='contentBody'><h1>Winter ferry timetable cuts crossings</h1>{body}</div>"
            f"<div class='deepDive__wrapper'><div><h3>Deep Dive</h3></div><div class='deepDive__posts'><h3>Ferries</h3>"
            f"{_CARDS_HTML}</div></div>{after}</main></body></html>")


def test_recirculation_cards_after_the_body_go():
    text = _text(_boxes_page(""), _NEWS_URL)
    assert all(p in text for p in _NEWS)
    assert "harbour dredger" not in text and "sail loft" not in text and "Rotterdam" not in text


def test_the_cards_stay_with_the_recirculation_rule_switched_off(monkeypatch):
    without_dom_rule(monkeypatch, "recirculation-card")
    text = _text(_boxes_page(""), _NEWS_URL)
    assert "Rotterdam" in text  # trafilatura keeps the teasers: the rule is what takes them


def test_a_sentence_holding_a_marked_link_stays():
    """A marked link inside a sentence of the body holds no heading: not a card."""
    line = ("The board's figures are on <a data-track='recirc' href='/ferries'>the Gazette's ferry page</a>, "
            "updated every Monday with the week's crossings and cancellations.")
    body = "".join(f"<p>{p}</p>" for p in _NEWS)
    html = ("<html><head><title>Ferry</title></head><body><article><h1>Winter ferry timetable</h1>"
            f"{body}<div>{line}</div></article></body></html>")
    assert "updated every Monday" in _text(html, _NEWS_URL)


def test_a_stay_connected_box_goes():
    text = _text(_boxes_page(_STAY), _NEWS_URL)
    assert all(p in text for p in _NEWS)
    assert "special offers" not in text and "Stay connected" not in text


def test_the_box_stays_with_the_rule_switched_off(monkeypatch):
    without_dom_rule(monkeypatch, "stay-connected-box")
    assert "special offers" in _text(_boxes_page(_STAY), _NEWS_URL)  # the rule is what takes it


def test_a_section_headed_stay_connected_stays():
    """A heading's id names a section of the body (a travel guide's 'Stay connected'): not a box."""
    body = "".join(f"<p>{p}</p>" for p in _NEWS)
    section = ("<h2 id='stay-connected'>Stay connected on the island</h2><p>The island has one mobile mast, "
               "on the hill above the harbour, and the signal drops in the bays on the western side.</p>")
    html = (f"<html><head><title>Ferry</title></head><body><article><h1>Winter ferry timetable</h1>{body}"
            f"{section}</article></body></html>")
    assert "one mobile mast" in _text(html, _NEWS_URL)


# category-posts-box: a blog platform's box of the category's other posts under the post.
_BLOG_URL = "https://harbour-notes.example/512"
_OTHERS = [("Counting terns from the harbour wall", "2026.02.10"), ("What the tide tables leave out", "2026.02.01"),
           ("A winter of broken jetties on the quay", "2026.01.22"), ("Weekly harbour figures (first week)", "2026.01.09"),
           ("Weekly harbour figures (last week)", "2026.01.02")]


def _blog_page() -> str:
    body = "".join(f"<p>{p}</p>" for p in _NEWS * 3)
    rows = "".join(f"\n    <tr>\n      <th><a href=\"/{500 + i}\">{t}</a>  <span>(0)</span></th>\n      <td>{d}</td>\n    </tr>"
                   for i, (t, d) in enumerate(_OTHERS))
    return ("<html><head><title>Ferry</title></head><body><div id='container'><div class='content'>"
            f"<div class='article_cont'><div class='tt_article_useless_p_margin contents_style'>{body}</div>"
            "<div class=\"another_category another_category_color_gray\">\n  <h4>'<a href=\"/category/ferries\">Ferries"
            f"</a>' 카테고리의 다른 글</h4>\n  <table>{rows}\n  </table>\n</div></div></div></div></body></html>")


def test_the_categorys_other_posts_box_goes():
    text = _text(_blog_page(), _BLOG_URL)
    assert all(p in text for p in _NEWS)
    assert not any(t in text for t, _ in _OTHERS)


def test_the_box_of_other_posts_stays_with_the_rule_switched_off(monkeypatch):
    without_dom_rule(monkeypatch, "category-posts-box")
    text = _text(_blog_page(), _BLOG_URL)
    assert _OTHERS[0][0] in text  # trafilatura keeps the table: the rule is what takes it
