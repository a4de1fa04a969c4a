"""Kinds of 1998-2011 markup, round 8 (old8, nineteenth session), each on a small invented page,
each shown to fail with its fix switched off:

- a page with no ``<p>`` text whose story sits in a layout shell (its paragraphs parted by one
  ``<br>`` and a full-width indent, as Chinese county sites write them), the menu bar and the
  copyright bar each a layout table of its own outside the shell: trafilatura's precision mode
  read the two bars' rows and dropped the story's ``<div>``s, and the page came out empty. The bars
  are unwrapped with the shell (``tables.LEFT_BARS``); a page with ``<p>`` text keeps them;
- furniture lines of old CMSs and boards: a view counter written as a sentence under the story
  ('Dieser Artikel wurde bereits 231 mal angesehen.', TYPO3's tt_news: ``view-count-sentence``), a
  Snitz Forums 2000 post's 'Posted - 06/02/2003 :  19:14:08' (``posted-dash-line``), a WWWBoard
  message's 'Posted by X on August 11, 1998 at 18:02:44:' and 'In Reply to: ... posted by ...'
  (``message-board-posted-line``).
"""

from __future__ import annotations

import dataclasses

from rulekit import without_paragraph_rule

from archiver.extraction import extract, tables
from archiver.extraction.paragraphs import clean_paragraphs
from archiver.extraction.rules import rules_for

_STORY = ("　　六月三日，我镇老街排水改造工程正式开工。工程全长一点二公里，预计八月底完工，施工期间老街实行单向通行。",
          "　　镇建设办负责人表示，改造完成后，老街雨季积水的问题将得到根本解决，沿街商户的经营也不会受到影响。")


def _page(story_tag: str = "font") -> str:
    body = "<br>".join(_STORY)
    return f"""<html><head><title>老街排水改造工程开工</title></head>
<body><table width="760" align="center" cellpadding="0" cellspacing="0"><tr><td bgcolor="#0055AA"><font color="#FFFFFF"><a href="/">首页</a> | <a href="#">政务公开</a> | <a href="#">镇情概况</a> | <a href="#">便民服务</a></font></td></tr></table>
<table width="760" align="center"><tr><td align="center"><font size="4"><b>老街排水改造工程开工</b></font></td></tr>
<tr><td align="center"><font size="2">发布时间：2006-06-05　来源：镇建设办</font></td></tr>
<tr><td><{story_tag} size="3">{body}<br></{story_tag}></td></tr>
<tr><td align="right"><font size="2">责任编辑：李华</font></td></tr></table>
<table width="760" align="center"><tr><td align="center"><font size="2">版权所有：某某镇人民政府　地址：镇府路8号<br>建议使用1024*768分辨率浏览</font></td></tr></table></body></html>"""


_URL = "http://www.example-zhen.gov.cn/news/2006/0605/88.htm"


def test_a_storys_divs_beat_the_bars_left_as_tables():
    text = extract(_page().encode("gb2312"), _URL).text
    for para in _STORY:
        assert para.strip("　") in text
    assert "版权所有" not in text


def test_without_the_fix_the_bars_rows_are_all_that_is_left(monkeypatch):
    monkeypatch.setattr(tables, "LEFT_BARS", False)
    text = extract(_page().encode("gb2312"), _URL).text
    assert _STORY[0].strip("　") not in text


def test_a_page_with_p_text_keeps_its_bars_as_tables():
    from lxml import html as lh
    root = lh.fromstring(_page("p"))
    assert tables.unwrap_layout_tables(root) == 1  # the shell alone: the bars stay tables
    assert len(list(root.iter("table"))) == 2


# -- paragraph rules: old boards' and CMSs' furniture lines -----------------------------------------

_NEWS = ("Ab dem 2. Mai wird die Brücke über den Mühlbach für drei Wochen gesperrt, weil das Geländer "
         "erneuert wird. Fußgänger nutzen in dieser Zeit den Steg am Sportplatz.",
         "Die Buslinie 4 fährt während der Sperrung über die Schulstraße und hält dort an einer "
         "provisorischen Haltestelle vor der Turnhalle.")


def _ttnews() -> str:
    paras = "".join(f'<p class="bodytext">{p}</p>' for p in _NEWS)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>Gemeinde Talheim: Brücke gesperrt</title></head>
<body><div id="navi"><ul><li><a href="#">Startseite</a></li><li><a href="#">Rathaus</a></li><li><a href="#">Aktuelles</a></li></ul></div>
<div id="inhalt"><div class="news-single-item"><div class="news-single-rightbox">20.04.2008 10:15<br />Kategorie: Verkehr</div>
<h1>Brücke über den Mühlbach gesperrt</h1>{paras}
<div class="news-single-backlink"><a href="#">&lt; Zurück</a></div><div class="news-single-views">Dieser Artikel wurde bereits 231 mal angesehen.</div></div></div>
<div id="fuss">&copy; 2008 Gemeinde Talheim | <a href="#">Impressum</a></div></body></html>"""


def test_a_view_counter_sentence_under_the_story_goes(monkeypatch):
    url = "http://www.talheim.example.de/aktuelles/artikel/bruecke-gesperrt/"
    text = extract(_ttnews(), url).text
    assert all(p in text for p in _NEWS) and "angesehen" not in text
    without_paragraph_rule(monkeypatch, "view-count-sentence")
    assert "Dieser Artikel wurde bereits 231 mal angesehen." in extract(_ttnews(), url).text


def test_a_sentence_about_readers_stays():
    rules = rules_for("www.talheim.example.de")
    line = "This article has been read 40,000 times since it ran, the editor said."
    kept, _removed = clean_paragraphs([*_NEWS, line], rules)
    assert kept[-1] == line
    kept, removed = clean_paragraphs([*_NEWS, "This article has been viewed 312 times."], rules)
    assert kept == list(_NEWS) and removed[0].rule == "view-count-sentence"


_REPLIES = (("Posted - 06/02/2003 :  19:14:08",
             "The footpath sign at the top of Church Lane has been knocked over again. Does anyone know "
             "whether the parish or the county looks after it?"),
            ("Posted - 06/03/2003 :  08:40:55",
             "The county does. I reported it on their website last time and it was back up within the week."),
            ("Posted - 06/03/2003 :  12:02:31", "Reported it. Thanks."))


def _snitz() -> str:
    rows = "".join(f"""<tr><td valign="top" width="100" nowrap><font size="2"><b>{who}</b></font><br><font size="1">Starting Member<br><br>{n} Posts</font></td>
<td width="100%" valign="top"><font size="1">{when}&nbsp;<a href="#"><img src="icon_profile.gif" alt="Show Profile" border="0"></a></font><hr noshade size="1"><font size="2">{text}</font></td></tr>"""
                   for (who, n), (when, text) in zip((("Alan", 4), ("Jean", 77), ("Alan", 5)), _REPLIES, strict=True))
    return f"""<html><head><title>Hexton Village Forum - Footpath sign</title></head><body>
<table border="0" width="100%"><tr><td><font size="2"><a href="#">All Forums</a><br>&nbsp;&nbsp;<a href="#">Village life</a></font></td></tr></table>
<table border="0" width="95%" cellspacing="0" cellpadding="0" align="center"><tr><td bgcolor="black">
<table border="0" width="100%" cellspacing="1" cellpadding="4"><tr><td><b>Author</b></td><td><b>Topic</b></td></tr>{rows}</table></td></tr></table>
<table width="95%"><tr><td><font size="1"><a href="http://forum.snitz.com">Snitz Forums 2000</a></font></td></tr></table></body></html>"""


def test_a_snitz_posts_date_lines_go():
    rules = rules_for("www.hexton.example.org")
    lines = [line for when, text in _REPLIES for line in (when, text)]
    kept, removed = clean_paragraphs(lines, rules)
    assert kept == [text for _when, text in _REPLIES]
    assert {r.rule for r in removed} == {"posted-dash-line"}
    without = dataclasses.replace(rules, paragraphs=tuple(r for r in rules.paragraphs if r.name != "posted-dash-line"))
    assert clean_paragraphs(lines, without)[0] == lines


def test_a_snitz_thread_reads_without_its_date_lines():
    text = extract(_snitz(), "http://www.hexton.example.org/forum/topic.asp?TOPIC_ID=12").text
    assert "Posted - " not in text and _REPLIES[1][1] in text


_MESSAGE = ("Took the boat out from the club slip on Saturday and the channel marker off the point has gone. "
            "Keep well to the east of the moorings until it is replaced.",
            "The harbourmaster knows and says a new one is on order.")


def _wwwboard() -> str:
    return f"""<html><head><title>Re: Channel marker missing</title></head><body><center><h1>Re: Channel marker missing</h1></center><hr size=7 width=75%>
<center>[ <a href="#followups">Follow Ups</a> ] [ <a href="#postfp">Post Followup</a> ] [ <a href="/wwwboard/">Estuary Sailing Board</a> ]</center><hr size=7 width=75%><p>
Posted by Gwen on August 11, 1998 at 18:02:44:<p>
In Reply to: <a href="101.html">Channel marker missing</a> posted by Rob on August 10, 1998 at 21:15:09:<p>
{_MESSAGE[0]}<br>
<br>
{_MESSAGE[1]}<br>
<br><hr size=7 width=75%><p><a name="followups">Follow Ups:</a><br><ul></ul><br><hr size=7 width=75%>
<a name="postfp">Post a Followup</a><p><form method=POST action="/cgi-bin/wwwboard.pl">Name: <input type=text name="name" size=50><br>
<input type=submit value="Submit Follow Up"></form></body></html>"""


def test_a_message_boards_posted_and_reply_lines_go(monkeypatch):
    url = "http://www.estuarysailing.example.org.uk/wwwboard/messages/102.html"
    text = extract(_wwwboard(), url).text
    assert all(m in text for m in _MESSAGE)
    assert "Posted by Gwen" not in text and "In Reply to:" not in text
    without_paragraph_rule(monkeypatch, "message-board-posted-line")
    text = extract(_wwwboard(), url).text
    assert "Posted by Gwen on August 11, 1998 at 18:02:44:" in text


_DAY = (("Lock gates painted", "Painted the bottom gates of lock 9 this morning while the pound was drained for the "
         "inspection. Two coats, and the balance beams still want a third."),
        ("", "Kingfisher under the towpath bridge again."))


def _radio_day() -> str:
    rows = "".join(f"""<tr><td><a name="a{i}"></a><font face="Verdana" size="2">{f'<b>{head}</b><br>' if head else ''}{text}</font><br>
<font face="Verdana" size="1">{t}&nbsp;&nbsp;<a href="#a{i}">#</a>&nbsp;&nbsp;<a href="#">comment []</a></font></td></tr>"""
                   for i, ((head, text), t) in enumerate(zip(_DAY, ("10:02:11 AM", "6:40:59 PM"), strict=True)))
    return f"""<html><head><title>Towpath Diary: 3/9/04</title></head><body><table width="100%"><tr><td colspan="2"><font size="5">Towpath Diary</font></td></tr>
<tr><td valign="top" width="75%"><table cellpadding="6"><tr><td><font face="Verdana" size="2"><b>Tuesday, March 09, 2004</b></font></td></tr>{rows}</table></td>
<td valign="top" width="25%"><font face="Verdana" size="1"><b>March 2004</b><br>Sun Mon Tue Wed Thu Fri Sat<br><a href="#">1</a> <a href="#">2</a> 9<br><br>
<a href="#">Subscribe to "Towpath Diary" in Radio UserLand.</a><br><br>Copyright 2004 Sam Pike.<br>Last update: 3/9/04; 6:41:02 PM.</font></td></tr></table></body></html>"""


def test_a_radio_userland_posts_foot_lines_and_the_calendar_go(monkeypatch):
    url = "http://radio.weblogs.example.com/0199887/2004/03/09.html"
    text = extract(_radio_day(), url).text
    assert all(t in text for _h, t in _DAY)
    assert "10:02:11 AM" not in text and "Sun Mon Tue" not in text
    without_paragraph_rule(monkeypatch, "post-time-permalink")
    text = extract(_radio_day(), url).text
    assert "10:02:11 AM #comment []" in text  # (trafilatura leaves this page's calendar out itself)


def test_the_foot_line_rule_reads_only_that_shape():
    rules = rules_for("radio.weblogs.example.com")
    lines = ["6:40:59 PM  #  comment [2]", "At 6:40 PM the boat came through the lock.", "March 2004 Sun Mon Tue Wed Thu Fri Sat 1 2 3"]
    kept, removed = clean_paragraphs(lines, rules)
    assert kept == [lines[1]]
    assert [r.rule for r in removed] == ["post-time-permalink", "calendar-widget-line"]


def test_a_yabb_or_smf_posts_head_and_author_cell_lines_go():
    rules = rules_for("www.greenlane.example.org.uk")
    post = "Ring the parks office on the number on the noticeboard. They sent a plumber last week."
    lines = ["allotment sec", "Senior Member", "Offline", "Posts: 412", "Re: Frozen standpipe",
             "« Reply #1 on: March 02, 2006, 08:40:03 PM »", post, "Logged", "Brenda", "Starting Member", "13 Posts"]
    kept, removed = clean_paragraphs(lines, rules)
    assert kept == ["allotment sec", "Re: Frozen standpipe", post, "Brenda"]
    assert {r.rule for r in removed} == {"forum-post-head-line", "forum-author-cell-line"}
    without = dataclasses.replace(rules, paragraphs=tuple(
        r for r in rules.paragraphs if r.name not in ("forum-post-head-line", "forum-author-cell-line")))
    assert clean_paragraphs(lines, without)[0] == lines


def test_lines_that_only_start_like_them_stay():
    rules = rules_for("www.greenlane.example.org.uk")
    lines = ["Senior Member of the council, Ann Pike, opened the new gates.", "Online booking opens on Monday.",
             "« The best allotment in the county », the judges wrote."]
    assert clean_paragraphs(lines, rules)[0] == lines


def test_a_copyright_line_naming_the_owner_first_goes():
    rules = rules_for("selo.example.ru")
    body = "С 15 мая начинается ремонт пешеходного моста на Речной улице. Работы продлятся около трёх недель."
    line = "| Copyright Село Ивановка © 2008 \\| Хостинг от uCoz |"
    kept, removed = clean_paragraphs([body, line], rules)
    assert kept == [body] and removed[0].rule == "copyright-name-first"
    without = dataclasses.replace(rules, paragraphs=tuple(r for r in rules.paragraphs if r.name != "copyright-name-first"))
    assert clean_paragraphs([body, line], without)[0] == [body, line]
    news = "Copyright law © 2008 changed how the archive works, the librarian said."
    assert clean_paragraphs([body, news], rules)[0] == [body, news]
