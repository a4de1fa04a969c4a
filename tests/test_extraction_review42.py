"""Look-alikes a read-only review (review42) found taken by rules of bug33 and rend31, each narrowed by the
integrator: article sentences, subheadings and closing lines in the rules' languages that must stay.

Each case has a twin that puts the rule's pattern back as it was merged (``BEFORE``, main 54429a4) or turns the
subheading check off, and shows the line was taken: the narrowing is what keeps it.
"""

from __future__ import annotations

import re

import pytest
from rulekit import with_paragraph_pattern
from storykit import Newsroom
from test_extraction_bugs33 import KO, RU, ZH  # bug33's invented newsrooms, whose rules these narrow

from archiver.extraction import paragraphs as stage

PL = Newsroom("https://www.kurier-nadrzeczny.example/2026/12/molo", "Stare molo zostanie odbudowane", "Kurier Nadrzeczny",
              "Anna Nowak", "ul. Portowa 4", "Zarząd portu poinformował w poniedziałek, że odcinek {i} starego mola "
              "zostanie odbudowany przed rozpoczęciem letniego rozkładu rejsów.")
LANG = {ZH: "zh", RU: "ru", KO: "ko", PL: "pl"}

BEFORE = {   # the patterns as merged, before review42's narrowing
    'typo-report-hint': '^(?=.*(?:ошибк|опечатк|помилк|typo|mistake|error))(?=.*ctrl\\s*\\+\\s*enter).*$',
    'reaction-row-ko': '^(?:(?:좋아요|싫어요|훈훈해요|슬퍼요|화나요|후속\\s?기사\\s?원해요|응원해요|축하해요|기대해요|놀랐어요|팬이에요|추천해요|감동이에요|추천|반대)\\s*[\\d,]*\\s*){3,}$',
    'closing-lines-ko': '^(?:\\(끝\\)|[■□▶▷☞]\\s*제보하기|[▷▶☞]\\s*(?:카카오톡|전화|이메일|메일|홈페이지|페이스북|유튜브)\\s*[:：].{1,60}|\\S{1,12}\\s?구독\\s?신청|모바일\\s?\\S{1,8}\\s?보기|귀 기울여 듣겠습니다\\.?|네이버\\s?(?:뉴스스탠드|뉴스)에서\\s?.{0,30}(?:구독하세요|구독하기|만나보세요)\\.?|카카오톡에서\\s?받아보기|[▶★☞■]\\s*관련\\s?(?:기사|뉴스))$',
    'translation-credits-zh': '^(?=.*(?:译者|譯者|选题|選題)\\s*[:：])(?:(?:作者|选题|選題|译者|譯者|校对|校對)\\s*[:：]\\s*\\S{1,40}(?:\\s+\\S{1,40})?\\s*)+$|^本文由\\s*\\S{1,30}\\s*原创编译[，,]\\s*\\S{1,30}\\s*(?:荣誉|榮譽)推出[。.]?$',
    'comment-count': '^(?:\\d+\\s+)?comments?$|^(?:leave|post|add) a (?:comment|reply)\\b|^(?:szólj hozzá(?: a cikkhez| te is)?\\s*!|(?:írj hozzászólást|yorum (?:yaz|yap)(?:ın)?|dodaj komentarz|napisz komentarz|(?:gửi|viết) bình luận|أضف تعليق\\S*|přidat komentář|napište komentář|adaugă un comentariu|skriv en kommentar|kirjoita kommentti|додати коментар|залиште коментар)\\b)',
    'image-credit-i18n': '^(?:Titelbild|Beitragsbild|Bildquelle|Bildnachweis|Fotos?|Quellen?|Fuente|Crédits? photos?|Crédit photo|Image illustrative|Copyright|Źródło|Fot\\.|Borítókép|Nyitókép|Kapak (?:fotoğrafı|görseli)|Ảnh (?:bìa|minh họa)|Zdjęcie (?:główne|ilustracyjne)|Ilustrační (?:foto|snímek)|Úvodní foto)\\s*:',
    'editor-credit-zh': '^(?:Editör|Editor|Redaktor(?:ka)?|Szerkesztő|Biên tập|Редактор|Toimittaja|Redaktør|Redaktör|Επιμέλεια|محرر|تحرير|편집)\\s*[:：]\\s*[^\\s.!?:：,;][^.!?:：,;\\d]{0,40}$|^[【\\[(（]?\\s*(?:责任编辑|責任編輯|责编|責編|编辑|編輯|图片编辑|圖片編輯|撰文)\\s*[:：]\\s*[^\\s【】\\[\\]()（）:：。，,]{0,12}(?:\\s+(?:校对|校對|审核|審核|编审|編審|终审|終審|监制|監製)\\s*[:：]\\s*[^\\s【】\\[\\]()（）:：。，,]{1,12}){0,3}\\s*[】\\]）)]?$',
    'platform-notice': '^(?:[【\\[]\\s*(?:特别声明|声明|免责声明)\\s*[】\\]]\\s*[:：]?|(?:特别声明|声明|免责声明)[:：]).{0,80}(?:用户上传并发布|仅提供信息存储服务|不代表本(?:站|网|平台|报|刊)(?:的)?(?:观点|立场)|与本?[^\\s，,。]{1,8}无关)|^(?:注[:：]\\s*)?本文(?:仅|只)代表作者(?:本人|个人)?观点[，,]\\s*(?:不代表本(?:站|网|平台|报|刊)(?:的)?(?:观点|立场)|与本?[^\\s，,。]{1,8}无关|请读者仅作参考)|^notice:\\s*the content above\\b.{0,120}\\b(?:is|was) (?:uploaded and )?posted by a user of\\b.{0,80}\\bonly provides information storage services\\b',
}
FLAGS = {"typo-report-hint": re.I, "comment-count": re.I, "platform-notice": re.I, "image-credit-i18n": re.I}

# (rule, site, where, line): 'mid' between body paragraphs, 'end' closing the body
CASES = [
    ("typo-report-hint", RU, "mid", "Чтобы исправить ошибку сразу во всех ячейках, выделите их и нажмите Ctrl+Enter."),
    ("typo-report-hint", PL, "mid", "If the cell shows an error, fix the typo and press Ctrl+Enter to run it again."),
    ("comment-count", PL, "mid", "Dodaj komentarz do kodu, aby wyjaśnić działanie funkcji."),
    ("editor-credit-zh", PL, "end", "Redaktor: Dziękuję za rozmowę"),
    ("editor-credit-zh", RU, "end", "Редактор: Спасибо за беседу"),
    ("platform-notice", ZH, "end", "声明：近日网传我公司产品存在质量问题，经核查，涉事产品系假冒，与本公司无关。"),
    ("closing-lines-ko", KO, "end", "▷ 전화 : 02-123-4567 (축제 사무국)"),
    ("translation-credits-zh", ZH, "end", "作者：[日]村上春树 译者：林少华"),
    ("image-credit-i18n", PL, "mid", "Kapak fotoğrafı: derginin yeni sayısında Nuri Bilge Ceylan yer alıyor."),
    ("reaction-row-ko", KO, "mid", "좋아요 좋아요 좋아요"),
]
HEADINGS = [(ZH, "往期回顾"), (ZH, "查看更多"), (KO, "프린트"), (RU, "Поделиться ссылкой")]


def _page(site: Newsroom, where: str, line: str) -> str:
    if where == "mid":
        return site.between(f"<p>{line}</p>", LANG[site])
    return site.page(site.ps(0, 1, 2, 3) + f"<p>{line}</p>", lang=LANG[site])


@pytest.mark.parametrize("rule, site, where, line", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_the_look_alike_stays(rule, site, where, line):
    assert line in site.paragraphs(_page(site, where, line))


@pytest.mark.parametrize("rule, site, where, line", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_with_the_rule_as_merged_the_look_alike_went(monkeypatch, rule, site, where, line):
    with_paragraph_pattern(monkeypatch, rule, BEFORE[rule], FLAGS.get(rule, 0))
    assert line not in site.paragraphs(_page(site, where, line))


def test_subheadings_in_page_tool_words_stay(monkeypatch):
    pages = [(site, word, site.between(f"<h2>{word}</h2>", LANG[site])) for site, word in HEADINGS]
    for site, word, html in pages:
        assert word in site.paragraphs(html), word
    monkeypatch.setattr(stage, "spared", lambda rule, para, headings: False)
    for site, word, html in pages:
        assert word not in site.paragraphs(html), word


def test_the_tip_box_still_goes_with_its_lines():
    html = KO.page(KO.ps(0, 1, 2, 3) + "".join(f"<p>{x}</p>" for x in (
        "■ 제보하기", "▷ 카카오톡 : '한강일보' 검색해 채널 추가", "▷ 전화 : 02-123-4567", "(끝)")), lang="ko")
    assert KO.paragraphs(html) == KO.sentences[:4]
