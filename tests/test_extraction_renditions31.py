"""The thirty-first renditions of the seed pages (``tests/fixtures/renditions31``: the chrome in Hungarian,
Turkish, Vietnamese, Arabic and Korean) word for word, how their byte traps are read, and the kinds they
found, each on a small page of its own (invented site and text) that fails with its fix switched off, with
look-alike sentences in the new language that must stay.

- a teaser in a block named as Turkish, Czech and Vietnamese sites name it (``h2.haber-spot``, ``ozet``,
  ``perex``, ``sapo``), the headline's standfirst: the standfirst rule's class words;
- a sponsored unit between a story's paragraphs whose label is written in Vietnamese ("Tài trợ"), Turkish
  ("Sponsorlu içerik"), Indonesian ("Konten bersponsor"), Polish ("Artykuł sponsorowany") ...: DOM rule
  ``sponsored-unit-more-languages`` (its labels widened);
- a cover photo's credit line under its label in Hungarian, Turkish, Vietnamese, Polish, Czech ("Borítókép: ...
  (Fotó: ...)", "Kapak fotoğrafı: ..."): paragraph rule ``image-credit-i18n`` (its labels widened);
- a call to comment closing the body in another language ("Szólj hozzá a cikkhez! ...", "Yorum yapın",
  "Gửi bình luận", "Dodaj komentarz"): paragraph rule ``comment-count`` (its call widened);
- an editor's credit among the body's last lines under a label ("Editör: Ayşe Yılmaz", "Szerkesztő: ...",
  "Biên tập: ..."): paragraph rule ``editor-credit-zh`` (its labels widened beyond Chinese);
- a Korean sign-off naming a desk or an outlet of more than four syllables before 기자 ("모스크바타임스 기자
  mt@...", "코리아월드 국제뉴스팀 기자"): paragraph rule ``signoff-line-ko`` (its name part widened).
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from renditionkit import BODY, ROOT, TITLE, URL, rendition_pages, word_for_word
from rulekit import with_paragraph_pattern, without_dom_rule

import archiver.extraction as ex
from archiver.extraction import extract
from archiver.extraction.decode import decode_html
from archiver.extraction.rules import _words_pattern

OPEN: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions31", OPEN)

FIXTURES = ROOT / "tests" / "fixtures" / "renditions31"
PAGES = {p["path"].split("/")[0]: p for p in rendition_pages("renditions31")}


@pytest.mark.parametrize(("site", "source", "codec", "words"), [
    ("ukrainetoday.org", "meta", "iso8859-2", "Az e-mail címet nem tesszük közzé."),
    ("www.dw.com", "header", "cp1254", "Bültenimize abone olun"),
    ("www.rferl.org", "meta", "cp1256", "اشترك في النشرة البريدية"),
    ("www.themoscowtimes.com", "meta", "euc-kr", "코리아월드 무단전재 및 재배포 금지"),
])
def test_each_page_is_read_in_the_encoding_it_names(site, source, codec, words):
    page = PAGES[site]
    decoded = decode_html((FIXTURES / page["path"]).read_bytes(), page["content_type"], "org")
    assert (decoded.source, decoded.encoding.replace("_", "-")) == (source, codec)
    assert " ".join(words.split()) in " ".join(decoded.text.split())


PARAS = "".join(f"<p>{p}</p>" for p in BODY)


def _page(before: str = "", after: str = "", lang: str = "en", head: str = "", middle: str = "") -> str:
    body = PARAS.replace(f"<p>{BODY[1]}</p>", f"<p>{BODY[1]}</p>{middle}") if middle else PARAS
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
            f"<header><a href='/'>Harbour Gazette</a></header><main><article><h1>{TITLE}</h1>{head}"
            f"<div class='article-body'>{before}{body}{after}</div></article></main>"
            "<footer>© 2026 Harbour Gazette</footer></body></html>")


def _paras(page: str) -> list[str]:
    return list(extract(page, URL).paragraphs)


TEASER = ("The harbour board has agreed a winter timetable that ends the evening service an hour earlier and "
          "adds an early sailing on weekdays, after a year of falling passenger numbers.")
NEW_WORDS = ("spot", "ozet", "perex", "sapo")
BEFORE = ["lead", "lede", "intro", "introduction", "teaser", "standfirst", "excerpt", "deck", "subheadline", "subhead",
          "summary", "abstract", "chapo", "preface", "description", "ingress", "ingressi", "manchet", "vorspann"]


def _without_new_standfirst_words(monkeypatch) -> None:
    original = ex.rules_for

    def rules_without(host):
        rules = original(host)
        sf = rules.standfirst
        return dataclasses.replace(rules, standfirst=dataclasses.replace(sf, marker=_words_pattern(BEFORE)))
    monkeypatch.setattr(ex, "rules_for", rules_without)


@pytest.mark.parametrize(("tag", "cls"), [("h2", "haber-spot"), ("div", "spot"), ("div", "haber-ozet"),
                                          ("div", "perex"), ("p", "detail-sapo")])
def test_a_teaser_named_as_turkish_czech_and_vietnamese_sites_name_it_is_kept(monkeypatch, tag, cls):
    inner = TEASER if tag in ("h2", "p") else f"<p>{TEASER}</p>"
    page = _page(head=f"<{tag} class='{cls}'>{inner}</{tag}><figure><img src='/f.jpg' alt=''></figure>")
    assert _paras(page) == [TEASER, *BODY]
    _without_new_standfirst_words(monkeypatch)
    assert TEASER not in _paras(page)


@pytest.mark.parametrize("cls", ["spotlight", "hotspot", "saposhnik", "perexpress"])
def test_a_block_whose_name_only_contains_the_word_is_no_teaser(cls):
    page = _page(head=f"<div class='{cls}'><p>{TEASER}</p></div><figure><img src='/f.jpg' alt=''></figure>")
    assert TEASER not in _paras(page)


SPONSORED = {
    "vi": ("Tài trợ", "Ưu đãi du lịch mùa đông: giảm đến 40% cho chuyến bay quốc tế",
           "Nội dung được tài trợ bởi Sao Việt Travel"),
    "tr": ("Sponsorlu içerik", "Kış tatilinde yurt dışı uçuşlarında yüzde 40'a varan indirim",
           "Bu içerik Mavi Tur tarafından hazırlanmıştır"),
    "id": ("Konten bersponsor", "Liburan akhir tahun: diskon hingga 40 persen untuk penerbangan internasional",
           "Konten ini dipersembahkan oleh Nusantara Travel"),
    "pl": ("Artykuł sponsorowany", "Zimowe wakacje: do 40 procent taniej na loty zagraniczne",
           "Materiał przygotowany we współpracy z Wakacje24"),
}


def _sponsored(lang: str) -> str:
    label, pitch, source = SPONSORED[lang]
    return (f"<div class='box-partner'><span class='nhan'>{label}</span><p><a href='/partner/winter?utm_source=x'>"
            f"{pitch}</a></p><p class='nguon'>{source}</p></div>")


@pytest.mark.parametrize("lang", sorted(SPONSORED))
def test_a_sponsored_unit_labelled_in_another_language_goes(monkeypatch, lang):
    page = _page(middle=_sponsored(lang), lang=lang)
    assert _paras(page) == BODY
    rule = next(r for r in ex.rules_for("example.org").dom if r.name == "sponsored-unit-more-languages")
    assert rule.lead is not None
    before = re.compile(rule.lead.pattern.replace("|sponsorlu içerik|tài trợ|nội dung tài trợ|konten bersponsor|"
                                                  "konten sponsor|artykuł sponsorowany|sponsorowane", ""),
                        rule.lead.flags)
    assert not before.search(SPONSORED[lang][0].lower())
    original = ex.rules_for

    def rules_before(host):
        rules = original(host)
        return dataclasses.replace(rules, dom=tuple(
            dataclasses.replace(r, lead=before) if r.name == rule.name else r for r in rules.dom))
    monkeypatch.setattr(ex, "rules_for", rules_before)
    assert SPONSORED[lang][2] in _paras(page)


def test_the_unit_stays_without_the_rule(monkeypatch):
    without_dom_rule(monkeypatch, "sponsored-unit-more-languages")
    assert SPONSORED["vi"][2] in _paras(_page(middle=_sponsored("vi"), lang="vi"))


@pytest.mark.parametrize(("lang", "line"), [
    ("vi", "Tài trợ cho dự án bến phà mới đến từ ngân sách tỉnh và một khoản vay ưu đãi của Ngân hàng Thế giới."),
    ("tr", "Sponsorlu içerik üreten şirketler de yeni kurala uymak zorunda kalacak, dedi kurul başkanı."),
    ("id", "Konten bersponsor kini wajib diberi tanda yang jelas, kata ketua dewan pelabuhan kepada wartawan."),
    ("pl", "Artykuł sponsorowany przez gminę ukazał się w lokalnej gazecie dopiero po decyzji rady portu."),
])
def test_a_sentence_opening_with_the_label_stays(lang, line):
    assert line in _paras(_page(middle=f"<p>{line}</p>", lang=lang))


CREDIT_BEFORE = ("^(?:Titelbild|Beitragsbild|Bildquelle|Bildnachweis|Fotos?|Quellen?|Fuente|Crédits? photos?|Crédit photo|"
                 "Image illustrative|Copyright|Źródło|Fot\\.)\\s*:")


@pytest.mark.parametrize(("lang", "line"), [
    ("hu", "Borítókép: Kaszim-Zsomart Tokajev kazah elnök. (Fotó: Akorda)"),
    ("hu", "Nyitókép: a kikötő télen"),
    ("tr", "Kapak fotoğrafı: Liman idaresi arşivi"),
    ("vi", "Ảnh minh họa: Bến phà Cát Lái"),
    ("pl", "Zdjęcie główne: przystań promowa zimą"),
])
def test_a_cover_photo_credit_under_its_label_goes(monkeypatch, lang, line):
    page = _page(after=f"<p><em>{line}</em></p>", lang=lang)
    assert _paras(page) == BODY
    with_paragraph_pattern(monkeypatch, "image-credit-i18n", CREDIT_BEFORE)
    assert line in _paras(page)


def test_a_sentence_on_a_cover_photo_stays():
    line = ("A borítókép, amelyet a kikötő egykori fotósa készített, most a városi múzeumba kerül, közölte a "
            "kikötői tanács.")
    assert line in _paras(_page(after=f"<p>{line}</p>", lang="hu"))


COMMENT_BEFORE = "^(?:\\d+\\s+)?comments?$|^(?:leave|post|add) a (?:comment|reply)\\b"


@pytest.mark.parametrize(("lang", "line"), [
    ("hu", "Szólj hozzá a cikkhez! Írd meg a véleményed kommentben!"),
    ("tr", "Yorum yapın"),
    ("vi", "Gửi bình luận của bạn"),
    ("pl", "Dodaj komentarz"),
    ("uk", "Залиште коментар"),
])
def test_a_call_to_comment_in_another_language_goes(monkeypatch, lang, line):
    page = _page(after=f"<p><strong>{line}</strong></p>", lang=lang)
    assert _paras(page) == BODY
    with_paragraph_pattern(monkeypatch, "comment-count", COMMENT_BEFORE)
    assert line in _paras(page)


@pytest.mark.parametrize(("lang", "line"), [
    ("tr", "Yorum yapmaktan kaçınan bakan, kararın yarın açıklanacağını söyledi."),
    ("hu", "Szólj hozzá, ha látod a kompot, kérte a kapitány."),
])
def test_a_story_sentence_opening_like_a_call_to_comment_stays(lang, line):
    assert line in _paras(_page(after=f"<p>{line}</p>", lang=lang))


EDITOR_BEFORE = ("^[【\\[(（]?\\s*(?:责任编辑|責任編輯|责编|責編|编辑|編輯)\\s*[:：]\\s*[^\\s【】\\[\\]()（）:：。，,]{0,12}"
                 "(?:\\s+(?:校对|校對|审核|審核|编审|編審)\\s*[:：]\\s*[^\\s【】\\[\\]()（）:：。，,]{1,12})?\\s*[】\\]）)]?$")


@pytest.mark.parametrize(("lang", "line"), [
    ("tr", "Editör: Ayşe Yılmaz"), ("hu", "Szerkesztő: Kovács Anna"), ("vi", "Biên tập: Nguyễn Minh Tuấn"),
    ("pl", "Redaktor: Anna Nowak"),
])
def test_an_editor_s_credit_under_its_label_closing_the_body_goes(monkeypatch, lang, line):
    page = _page(after=f"<p class='editor'>{line}</p>", lang=lang)
    assert _paras(page) == BODY
    with_paragraph_pattern(monkeypatch, "editor-credit-zh", EDITOR_BEFORE)
    assert line in _paras(page)


@pytest.mark.parametrize(("lang", "line"), [
    ("tr", "Editör: Yeni tarifenin ilk haftası sorunsuz geçti."),
    ("en", "Editor: the board will meet again in March, and the ferrymen expect a decision then."),
])
def test_an_editor_s_line_with_a_sentence_stays(lang, line):
    assert line in _paras(_page(after=f"<p>{line}</p>", lang=lang))


SIGNOFF_KO = "모스크바타임스 기자 mt@koreaworld.kr"


@pytest.mark.parametrize("line", [SIGNOFF_KO, "코리아월드 국제뉴스팀 기자"])
def test_a_korean_sign_off_naming_a_desk_or_an_outlet_goes(monkeypatch, line):
    page = _page(after=f"<p>{line}</p>", lang="ko")
    assert _paras(page) == BODY
    rule = next(r for r in ex.rules_for("example.org").paragraphs if r.name == "signoff-line-ko")
    with_paragraph_pattern(monkeypatch, "signoff-line-ko", rule.pattern.pattern.replace("{2,10}", "{2,4}"),
                           rule.pattern.flags)
    assert line in _paras(page)


def test_a_korean_sentence_ending_with_the_reporter_word_stays():
    line = "항만위원회는 내일 오후 새 시간표를 발표할 예정이라고 한 기자에게 밝혔다."
    assert line in _paras(_page(after=f"<p>{line}</p>", lang="ko"))
