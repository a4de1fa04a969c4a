"""Kinds of today's news templates, round 2 (new2, nineteenth session): non-English sites and stacks
round 1 did not reach, each kind on a small invented page, each shown to fail with its fix switched off:

- a call to follow the outlet on a messenger channel or a news aggregator, in the body or closing it,
  in many languages and word orders ('Join ST's Telegram channel and get the latest breaking news
  delivered to you.', 'Sumate al canal de WhatsApp de ...', 'WhatsApp kanalımıza katılın.',
  'تابعوا آخر الأخبار عبر قناتنا على واتساب', '... Google News पर फॉलो करें।') (``channel-pitch``);
- the small print of a sign-up form inside the body ('By signing up, you acknowledge and agree to our
  Privacy Policy ...', 'This site is protected by reCAPTCHA ...') (``signup-consent``);
- the site's request for news tips closing a story ('Do you have a tip on a science story ...? Let us
  know via ...', Korean wire copy's '제보는 카카오톡 okjebo') (``tip-request``);
- an ad or video marker in the body in other languages ('Dalsza część artykułu pod materiałem wideo',
  'Haberin Devamı', 'Continua após a publicidade') (``ad-continuation-i18n``); a related list's label
  left alone ('Seguir leyendo:') (``related-label-line``); a German broadcaster's programme note
  (``broadcast-note-de``); an Australian site's acknowledgement of country
  (``acknowledgement-of-country``); a shopping card's buy buttons ('$79 at Amazon')
  (``retailer-price-line``);
- a Chinese page's source-and-date line above the body, the proof-reader's credit under the editor's
  and the app promo closing it (``source-dateline-zh``, ``proofreader-credit-zh``, ``app-promo-zh``);
- boxes inside the body named by a component attribute only (``data-component='NewsletterSignup'``:
  ``component-newsletter-box``), by a paywall class, small, with the full text around them
  (``paywall-box``: never a paragraph itself, as Condé Nast names every body paragraph), or by a
  'Read more from X:' label over links joined by line breaks (``read-more-from-unit``);
- a date line with the month written out in the other languages the rules cover ('5 marzo 2024
  (modifica il 5 marzo 2024 | 12:31)', 'Mis à jour le 5 mars 2024 à 12h31') (``dateline-i18n``) and
  in Japanese ('最終更新:3/5(火) 19:40') (``dateline-ja``); a Japanese portal's link to the provider's
  article list ('市民新聞の記事一覧へ', with the provider's name before it) (``provider-list-link-ja``);
  an Argentine 'Mirá también' card inside the body (``read-also-unit-latam``).
"""

from __future__ import annotations

from rulekit import without_dom_rule, without_paragraph_rule
from storykit import FurnitureLines

from archiver.extraction import extract

_URL = "https://www.riverside-courier.example/2026/12/bridge"
_BODY = ("The old river bridge will close to cars for eight months from January while engineers replace its deck, "
         "the county said on Tuesday.",
         "Buses will cross on a temporary lane, and a free shuttle will carry cyclists and pedestrians every "
         "fifteen minutes between the two banks.",
         "Shop owners on the east bank said they feared losing customers during the busiest months of the spring.",
         "The county said the work could not wait, since inspectors found rust in two of the bridge's main beams.",
         "A public meeting on the detours will be held next week at the library.")


def _page(body: str, lang: str = "en") -> str:
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>Bridge to close | Riverside Courier</title></head>"
            "<body><header><a href='/'>Riverside Courier</a><nav><a href='/news'>News</a><a href='/sport'>Sport</a></nav></header>"
            f"<main><article><h1>Bridge to close for repairs</h1>{body}</article></main>"
            "<footer><p>Riverside Courier, 4 Mill Lane.</p><a href='/privacy'>Privacy</a></footer></body></html>")


def _ps(*idx: int) -> str:
    return "".join(f"<p>{_BODY[i]}</p>" for i in idx)


_LINES = {
    "channel-pitch": ("Join the Courier's Telegram channel and get the latest breaking news delivered to you.",
                      "Sumate al canal de WhatsApp de El Correo y recibí las noticias más importantes del día.",
                      "📲 Participe do canal do Correio no WhatsApp",
                      "Son dakika gelişmeler için WhatsApp kanalımıza katılın.",
                      "Courier'i Google News'te takip etmek için tıklayın.",
                      "تابعوا آخر الأخبار عبر قناتنا على واتساب",
                      "लेटेस्ट खबरों के लिए कूरियर को Google News पर फॉलो करें।",
                      "Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran andalanmu akses "
                      "berita Courier WhatsApp Channel : https://www.whatsapp.com/channel/0029Va. Pastikan kamu sudah install aplikasi WhatsApp ya."),
    "signup-consent": ("By signing up, you acknowledge and agree to our Privacy Policy and Terms of Service. You may "
                       "unsubscribe at any time by following the directions at the bottom of the email.",
                       "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
                       "Your information is being handled in accordance with the Courier Privacy Collection Statement."),
    "tip-request": ("Do you have a tip on a transport story that the Courier should be covering? Let us know via "
                    "tips@riverside-courier.example.",),
    "ad-continuation-i18n": ("Dalsza część artykułu pod materiałem wideo", "Haberin Devamı",
                             "Continua após a publicidade", "La suite après cette publicité",
                             "Weiter nach der Anzeige"),
    "related-label-line": ("Seguir leyendo:",),
    "broadcast-note-de": ("Dieses Thema im Programm: Das Erste | tagesschau | 06.03.2024 | 20:00 Uhr",),
    "acknowledgement-of-country": ("We acknowledge Aboriginal and Torres Strait Islander peoples as the First Australians and "
                                   "Traditional Custodians of the lands where we live, learn, and work.",),
    "retailer-price-line": ("$79 at Amazon", "£25 at John Lewis"),
}

_STORY = FurnitureLines(_URL, _BODY, _page, _LINES,
                        closing=("tip-request", "related-label-line", "broadcast-note-de",  # windows at the end
                                 "acknowledgement-of-country"),
                        together={"channel-pitch": ("channel-pitch-closing",)})  # its longer closing form (mend2)


def test_each_furniture_line_goes():
    _STORY.assert_each_line_goes()


def test_without_each_rule_its_lines_stay(monkeypatch):
    _STORY.assert_lines_stay_without_their_rule(monkeypatch, every=True)


def test_korean_tip_line_goes_after_the_reporter_mail():
    body = ("<p>(서울=연합뉴스) 김민수 기자 = 서울시는 다음 달부터 지하철 첫차 운행 시각을 30분 앞당긴다고 5일 밝혔다.</p>"
            "<p>이에 따라 평일 첫차는 오전 5시에 출발한다. 시는 새벽 시간대 출근하는 노동자들의 요청을 반영했다고 설명했다.</p>"
            "<p>시는 이용 현황을 보고 다른 노선으로 확대할 계획이다.</p><p>minsu@yna.example</p>"
            "<p>제보는 카카오톡 okjebo<br>&lt;저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지&gt;</p>")
    assert not any("okjebo" in p for p in extract(_page(body, "ko"), _URL).paragraphs)


_LOOK_ALIKES = (
    "Follow the detour signs, not your satnav, the county's WhatsApp channel says.",
    "Follow-up inspections, announced on the county's Telegram channel, found no further damage.",
    "By signing up early, residents who agree to car-share will get a free parking permit on the east bank.",
    "Do you have a tip for drivers? The county said the best one is to leave before seven.",
)


def test_look_alike_sentences_stay():
    _STORY.assert_look_alikes_stay(_LOOK_ALIKES)


# -- Chinese credit and promo lines around the body ----------------------------------------------

_ZH = ("市交通委员会5日宣布，到2025年底，全市公交车将全部更换为电动车辆。",
       "目前全市约有6000辆公交车，其中电动车已占七成。剩余的柴油车将在未来两年内逐步淘汰。",
       "交通委员会负责人表示，电动化后每年可减少二氧化碳排放约30万吨。")
_ZH_FURNITURE = {"source-dateline-zh": "来源：新闻网 2024-03-05 10:21", "proofreader-credit-zh": "校对：刘莉",
                 "app-promo-zh": "打开APP阅读更多精彩内容"}


def _zh_page() -> str:
    body = (f"<p>{_ZH_FURNITURE['source-dateline-zh']}</p>" + "".join(f"<p>{p}</p>" for p in _ZH)
            + f"<p>责任编辑：王晓明</p><p>{_ZH_FURNITURE['proofreader-credit-zh']}</p>"
            + "<p>新闻网，未经授权不得转载</p>" + f"<p>{_ZH_FURNITURE['app-promo-zh']}</p>")
    return _page(body, "zh-CN")


def test_chinese_credits_and_app_promo_go():
    assert extract(_zh_page(), _URL).paragraphs == _ZH


def test_without_each_chinese_rule_its_line_stays(monkeypatch):
    for rule, line in _ZH_FURNITURE.items():
        with monkeypatch.context() as m:
            without_paragraph_rule(m, rule)
            assert line in extract(_zh_page(), _URL).paragraphs, rule


# -- boxes named by a component attribute or by a 'Read more from X:' label ------------------------

_SIGNUP = ("<div data-component='NewsletterSignup'><h3>Get our local newsletter, delivered free each Friday</h3>"
           "<p>A weekly round-up of the stories from the river towns.</p></div>")
_READ_MORE = ("<p><strong>Read more from the Courier:</strong><br><a href='/a'>Storm warnings issued for the coast</a>"
              "<br><a href='/b'>Rail strike dates announced</a></p>")
_BOXES = {"component-newsletter-box": _SIGNUP, "read-more-from-unit": _READ_MORE}


def test_each_box_goes():
    for rule, box in _BOXES.items():
        assert extract(_page(_ps(0, 1) + box + _ps(2, 3, 4)), _URL).paragraphs == _BODY, rule


def test_without_each_dom_rule_its_box_stays(monkeypatch):
    for rule, box in _BOXES.items():
        with monkeypatch.context() as m:
            without_dom_rule(m, rule)
            assert extract(_page(_ps(0, 1) + box + _ps(2, 3, 4)), _URL).paragraphs != _BODY, rule


# -- a Japanese portal's syndicated story: the provider's list link and the date lines ------------

_JA = ("市交通局は５日、市営バスの深夜便を４月から試験的に運行すると発表した。中心部と郊外の住宅地を結ぶ３路線で、午前１時まで運行する。",
       "飲食店などで働く人からの要望を受けた。運賃は通常の２倍の４６０円とする。",
       "交通局は、１日あたり３００人の利用を見込んでいる。")


def _ja_page(date_line: str = "最終更新:3/5(火) 19:40") -> str:
    body = "".join(f"<p>{p}</p>" for p in _JA) + ("<p class='source'>市民新聞</p><a class='source-link' href='/list'>市民新聞の記事一覧へ</a>"
                                               f"<div class='update'>{date_line}</div>")
    return _page(body, "ja")


def test_japanese_provider_link_and_date_go():
    assert extract(_ja_page(), _URL).paragraphs == _JA
    for line in ("3/5(火) 18:12配信", "配信日時：2024年3月5日 18時12分"):
        assert extract(_ja_page(line), _URL).paragraphs == _JA, line


def test_without_the_japanese_rules_their_lines_stay(monkeypatch):
    with monkeypatch.context() as m:
        without_paragraph_rule(m, "provider-list-link-ja")
        assert "市民新聞の記事一覧へ" in extract(_ja_page(), _URL).paragraphs
    without_paragraph_rule(monkeypatch, "dateline-ja")
    assert "最終更新:3/5(火) 19:40" in extract(_ja_page(), _URL).paragraphs


def test_a_score_or_a_number_stays():
    for line in ("3-5", "12.5", "3/5"):
        page = _page(f"<p>{_JA[0]}</p><p>{line}</p><p>{_JA[1]}</p><p>{_JA[2]}</p>", "ja")
        assert line in extract(page, _URL).paragraphs, line


# -- datelines with the month written out, in the other languages the rules cover ---------------

_DATELINES = ("5 marzo 2024 (modifica il 5 marzo 2024 | 12:31)", "Publicado em 5 de março de 2024 às 12h31",
              "Actualizado el 5 de marzo de 2024 a las 12:31 h", "Mis à jour le 5 mars 2024 à 12h31",
              "Dienstag, 5. März 2024, 12:31 Uhr", "5 marca 2024, 12:31", "5 марта 2024, 12:41")


def test_each_dateline_goes():
    for line in _DATELINES:
        assert extract(_page(_ps(0, 1) + f"<p>{line}</p>" + _ps(2, 3)), _URL).paragraphs == _BODY[:4], line


def test_without_dateline_i18n_they_stay(monkeypatch):
    without_paragraph_rule(monkeypatch, "dateline-i18n")
    for line in _DATELINES:
        assert line in extract(_page(_ps(0, 1) + f"<p>{line}</p>" + _ps(2, 3)), _URL).paragraphs, line


def test_a_bare_date_or_a_sentence_after_the_date_stays():
    for line in ("5 marzo 2024", "Il 5 marzo 2024 alle 12:31 il consiglio comunale ha votato il bilancio.",
                 "5 mars 2024 à 12h31, la séance a repris après une longue suspension."):
        assert line in extract(_page(_ps(0, 1) + f"<p>{line}</p>" + _ps(2, 3)), _URL).paragraphs, line


_CARD = ("<div class='mira-tambien'><span class='title'>Mirá también</span>"
         "<a href='/x'><h3>Cuánto cuesta cruzar el puente en colectivo este año</h3></a></div>")


def test_a_mira_tambien_card_goes():
    assert extract(_page(_ps(0, 1) + _CARD + _ps(2, 3)), _URL).paragraphs == _BODY[:4]


def test_without_read_also_unit_latam_the_card_title_stays(monkeypatch):
    without_dom_rule(monkeypatch, "read-also-unit-latam")
    assert "Cuánto cuesta cruzar el puente en colectivo este año" in extract(_page(_ps(0, 1) + _CARD + _ps(2, 3)), _URL).paragraphs


_PAYWALL = ("<div class='fig-premium-paywall'><p>Cet article est réservé aux abonnés. Il vous reste 70% à découvrir.</p>"
            "<a href='/abo'>Je m'abonne</a><p>Déjà abonné ? Connectez-vous</p></div>")


def test_a_paywall_box_between_body_parts_goes():
    assert extract(_page(_ps(0, 1) + _PAYWALL + _ps(2, 3, 4)), _URL).paragraphs == _BODY


def test_without_paywall_box_it_stays(monkeypatch):
    without_dom_rule(monkeypatch, "paywall-box")
    assert "Déjà abonné ? Connectez-vous" in extract(_page(_ps(0, 1) + _PAYWALL + _ps(2, 3, 4)), _URL).paragraphs


def test_body_paragraphs_named_paywall_stay():
    """Condé Nast writes class='paywall' on every body paragraph after the first few, and some sites
    wrap the whole article in one; neither is a box."""
    page = _page(_ps(0) + "".join(f"<p class='paywall'>{_BODY[i]}</p>" for i in (1, 2, 3, 4)))
    assert extract(page, _URL).paragraphs == _BODY
    page = _page("<div class='paywall'>" + _ps(0, 1, 2, 3, 4) + "</div>")
    assert extract(page, _URL).paragraphs == _BODY
