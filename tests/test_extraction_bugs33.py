"""Failure kinds from public bug reports and non-English news extractors, thirty-third round (bug33): Chinese,
Japanese and Russian page furniture. GeneralNewsExtractor's issues (#29: a Baijiahao page's links in its output;
#96: extra lines after a Chinese page's body), saved Baijiahao pages' 'report / feedback' link, Japanese share-area
templates, a Japanese daily's paid-article line, and Russian sites' Ctrl+Enter error-report widgets.

Invented sites and text (the Huanghe Daily, the Minato Shimbun, the Volga Herald), in the markup the sources show.
Each fix has a twin test that switches its rule off, or puts back its earlier pattern, and shows the fault is back
(bare trafilatura keeps the lines too), and look-alikes that must stay as they were.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from rulekit import with_paragraph_pattern, without_paragraph_rule
from storykit import Newsroom

ZH = Newsroom("https://www.huanghe-ribao.example/2026/12/bridge.html", "黄河大桥维修工程下月开工", "黄河日报", "王小明",
              "郑州市花园路8号", "市交通局周一表示，黄河大桥第{i}段的维修工程将于下月正式开工，预计在汛期之前全部完工，"
              "届时将恢复双向通行。")
JA = Newsroom("https://www.minato-shimbun.example/2026/12/pier.html", "港の桟橋、来春までに建て替え", "みなと新聞",
              "山田花子", "横浜市中区1-2", "港湾局は月曜日、古い桟橋の第{i}区画を来年の夏ダイヤが始まる前に建て替えると"
              "発表し、工事は冬の間に進められる見通しだ。")
RU = Newsroom("https://www.volga-vestnik.example/news/2026/12/pier", "Паромный причал отстроят заново",
              "Волжский вестник", "Ирина Маркова", "ул. Мостовая, 4", "Портовое управление в понедельник сообщило, что "
              "участок {i} старого паромного причала будет восстановлен до начала летнего расписания.")
LANG = {ZH: "zh", JA: "ja", RU: "ru"}
GNE = "https://github.com/kingname/GeneralNewsExtractor/issues"


def _at_end(site: Newsroom, *lines: str) -> str:
    return site.page(site.ps(0, 1, 2, 3) + "".join(f"<p>{line}</p>" for line in lines), lang=LANG[site])


def _goes(site: Newsroom, *lines: str) -> None:
    assert site.paragraphs(_at_end(site, *lines)) == site.sentences[:4], lines


def _kept(site: Newsroom, html: str, lines: tuple[str, ...]) -> None:
    """archiver (with the change undone by the caller) and bare trafilatura both keep ``lines``."""
    got, kept = "\n".join(site.paragraphs(html)), "\n".join(site.bare(html))
    assert all(line in kept for line in lines), kept
    assert all(line in got for line in lines), got


def _stay(site: Newsroom, *sentences: str) -> None:
    for sentence in sentences:
        assert sentence in site.paragraphs(site.between(f"<p>{sentence}</p>", LANG[site])), sentence


def _old_pattern(name: str) -> str:
    """Paragraph rule ``name``'s pattern at this round's start (main's generic.json)."""
    root = Path(__file__).resolve().parents[1]
    text = subprocess.run(["git", "-C", str(root), "show", "33ff5b2:archiver/rules/generic.json"],
                          capture_output=True, text=True, check=True).stdout
    return next(r["pattern"] for r in json.loads(text)["paragraphs"] if r["name"] == name)


# -- a Chinese page's credit row closing the body, with more than one credit after the editor's (GNE#96: extra
#    lines after a government news page's body). Rule ``editor-credit-zh`` widened --

CREDITS = "编辑：李四 校对：张三 审核：赵六"


def test_chinese_credit_row_goes():
    _goes(ZH, CREDITS)
    _goes(ZH, "责任编辑：李四 校对：张三 终审：钱七")
    _goes(ZH, "【责任编辑：李四】")


def test_with_the_old_pattern_the_credit_row_stays(monkeypatch):
    with_paragraph_pattern(monkeypatch, "editor-credit-zh", _old_pattern("editor-credit-zh"), 0)
    _kept(ZH, _at_end(ZH, CREDITS), (CREDITS,))


def test_credit_look_alikes_stay():
    _stay(ZH, "编辑部表示，审核工作将在月底前完成，校对人员已经到位。",
          "编辑：李四说，大桥维修的资金已经全部到位，工程将按期开工。")


# -- share-area headings left as lines once the icons are gone: Japanese templates' 'この記事をシェアする'
#    (exact-string search: many blog and news templates), '分享到：', Russian 'Поделиться'. Rule
#    ``share-prompt-i18n`` (new) --

def test_share_headings_go():
    _goes(JA, "この記事をシェアする")
    _goes(ZH, "分享到：")
    _goes(RU, "Поделиться")
    _goes(RU, "Поделиться ссылкой:")


def test_without_the_rule_the_share_headings_stay(monkeypatch):
    without_paragraph_rule(monkeypatch, "share-prompt-i18n")
    _kept(JA, _at_end(JA, "この記事をシェアする"), ("この記事をシェアする",))
    _kept(RU, _at_end(RU, "Поделиться"), ("Поделиться",))


def test_share_look_alikes_stay():
    _stay(JA, "この記事をシェアする人が増えたと、港湾局の担当者は話した。")
    _stay(RU, "Поделиться опытом с соседями портовики обещали уже весной.")
    _stay(ZH, "分享到朋友圈的照片里，大桥的旧栏杆已经拆除。")


# -- Chinese page tools: Baijiahao's '举报/反馈' under the article (GNE#29's Baijiahao output of page links;
#    saved Baijiahao pages found by exact-string search), Xinhua's '【纠错】'. Rule ``page-tools-zh`` (new) --

def test_chinese_tool_labels_go():
    _goes(ZH, "举报/反馈")
    _goes(ZH, "【纠错】")


def test_without_the_rule_the_chinese_tool_labels_stay(monkeypatch):
    without_paragraph_rule(monkeypatch, "page-tools-zh")
    _kept(ZH, _at_end(ZH, "举报/反馈", "【纠错】"), ("举报/反馈", "【纠错】"))


def test_chinese_tool_look_alikes_stay():
    _stay(ZH, "市民可通过热线举报/反馈施工噪音问题，交通局将在三日内答复。", "【纠错】栏目收到的来信已经全部答复。")


# -- a Japanese daily's paid-article line: 'この記事は有料記事です。残り1234文字'. Rule ``paywall-pitch-cjk``
#    widened --

PAID = "この記事は有料記事です。残り1234文字"


def test_paid_article_line_goes():
    _goes(JA, PAID)
    _goes(JA, "残り1,234文字（全文2,000文字）")


def test_with_the_old_pattern_the_paid_line_stays(monkeypatch):
    with_paragraph_pattern(monkeypatch, "paywall-pitch-cjk", _old_pattern("paywall-pitch-cjk"), 0)
    _kept(JA, _at_end(JA, PAID), (PAID,))


def test_paid_line_look_alikes_stay():
    _stay(JA, "この記事は有料記事ですが、港の写真は誰でも見られると担当者は話した。",
          "残り10文字の制限があるため、掲示板の告知は短くまとめられた。")


# -- a Russian site's error-report hint: 'Нашли ошибку? Выделите её и нажмите Ctrl+Enter' (exact-string search:
#    Orfo widgets, news-site footers). Rule ``typo-report-hint`` (new) --

HINT = "Нашли ошибку? Выделите её и нажмите Ctrl+Enter"


def test_typo_hint_goes():
    _goes(RU, HINT)
    _goes(RU, "Заметили опечатку? Выделите текст и нажмите Ctrl + Enter.")


def test_without_the_rule_the_typo_hint_stays(monkeypatch):
    without_paragraph_rule(monkeypatch, "typo-report-hint")
    _kept(RU, _at_end(RU, HINT), (HINT,))


def test_typo_hint_look_alikes_stay():
    _stay(RU, "Ошибку в расписании паромов портовики обещали исправить до весны.",
          "Сочетание клавиш Ctrl+Enter в новой кассовой программе отправляет заказ, рассказал кассир.")
    assert not re.search(r"(?i)ctrl\s*\+\s*enter", "Нашли ошибку в расписании")
