"""Kinds of 1999-2012 markup, round 6 (old6, eighteenth session), each on a small invented page,
each shown to fail with its fix switched off:

- a portal's story written as ``<font class="content">One.<br><br>Two.</font>`` in a layout cell, on a
  page with no ``<p>`` text (PostNuke 0.7, school sites saved from Word): once the shell is unwrapped,
  trafilatura took the footer's one-cell table left outside it and the story was lost: the ``<font>``'s
  text goes into a ``<p>`` on any page (``brlines.BR_FONTS``; a ``<div>``'s only on a page with ``<p>``
  text), and on a page that had no ``<p>`` text the layout tables left are unwrapped too, so that they
  are not read as rows around the story; a bold headline right above that ``<font>`` (only ``<br>``s and
  an italic byline between) gets a ``<p>`` of its own (``BR_FONT_HEADLINES``), or it was lost where the
  ``<title>`` is only the site's name;
- a diary's entry table whose title is an ``<h2>`` (LiveInternet 2008), read as one glued row: a layout
  table holding the page's headline as an ``<h2>`` or ``<h3>`` is a shell too
  (``tables.TITLE_HEADINGS``), and the diary's footer lines go ('Комментарии (3)Комментировать в
  цитатник', 'Процитировано 12 раз': ``diary-post-footer-ru``; 'Метки:', 'Рубрики:': ``tags-line``);
- a newspaper site's "About this article" box (DOM rule ``about-article-box``), its dateline naming the
  site ('guardian.co.uk, Thursday 12 March 2009 16.21 GMT': ``site-dateline``) and its "Article
  history" link (``page-tools``); the first-published note written as a line (``print-edition-note``);
- a classified ad's closing lines ('Location: ...' then "it's NOT ok to contact this poster ...":
  ``classified-location-line``, ``classified-contact-line``);
- a portal's footer lines ('All logos and trademarks in this site are property of their respective
  owner ...': ``portal-footer``; 'Powered by XOOPS 2.0 © 2001-2006 ...': ``powered-by-line``);
- an Ultimate Bulletin Board Classic thread's author cells with no class ('Posts: 2210 From: Wilmington,
  NY Registered: 11-19-1999' under the rank 'Moderator': ``forum-profile-line``);
- comment counters in Korean and Japanese ('댓글쓰기 | 이 기사에 대한 댓글 3개', 'コメント(2)':
  ``comment-count-i18n``) and a Japanese blog's date heading '2009/06/21(日)' (``dateline-numeric``).
"""

from __future__ import annotations

from rulekit import without_dom_rule, without_paragraph_rule

from archiver.extraction import brlines, extract, tables

_SHOW = ("The spring show moves to the leisure centre this year, because the church hall floor is being "
         "relaid and will not be finished until June.",
         "Entries close on 2 April. Classes are the same as last year, with a new one for photographs of "
         "gardens taken on a phone.",
         "Teas will be served by the Brownies, and the raffle is in aid of the air ambulance.")
_PORTAL_URL = "http://www.hollinsgardeners.example.org.uk/modules.php?name=News&file=article&sid=31"


def _portal() -> str:
    body = "<br><br>".join(_SHOW)
    return f"""<html><head><title>Hollins Gardeners :: Spring show moves to the leisure centre</title></head>
<body bgcolor="#EEEEEE"><table width="100%" border="0" cellpadding="0" cellspacing="0"><tr><td bgcolor="#336633">
<img src="images/logo.gif" alt="Hollins Gardeners"></td></tr></table>
<table width="100%" border="0" cellpadding="0" cellspacing="0"><tr valign="top"><td width="150">
<table width="150" border="0"><tr><td><b>Menu</b></td></tr><tr><td><font size="2">&middot; <a href="/">Home</a><br>
&middot; <a href="/news">News</a><br>&middot; <a href="/shows">Shows</a><br>&middot; <a href="/join">Join</a></font></td></tr></table></td>
<td><table width="100%" border="0"><tr><td><font class="option"><b>Spring show moves to the leisure centre</b></font></td></tr>
<tr><td><font class="tiny">Posted by <a href="#">secretary</a> on Monday, February 09 @ 19:40:12 GMT (88 reads)</font><br><br>
<font class="content">{body}</font></td></tr></table></td></tr></table>
<table width="100%"><tr><td align="center"><font class="footmsg">All logos and trademarks in this site are property of their
respective owner. The comments are property of their posters, all the rest &copy; 2004 by Hollins Gardeners<br>
This web site was made with PostNuke, a web portal system written in PHP.</font></td></tr></table></body></html>"""


def test_a_font_of_br_paragraphs_on_a_page_without_p_text_is_read():
    lines = extract(_portal(), _PORTAL_URL).text.split("\n")
    for sentence in _SHOW:
        assert sentence in lines
    assert not any("All logos and trademarks" in line or line.startswith("Posted by") for line in lines)


def test_without_br_fonts_the_story_is_lost(monkeypatch):
    monkeypatch.setattr(brlines, "BR_FONTS", False)
    monkeypatch.setattr(tables, "LEFT_BARS", False)  # old8's unwrapping of the bars brings it back too
    text = extract(_portal(), _PORTAL_URL).text
    assert not any(sentence in text for sentence in _SHOW)


def _portal_of_paragraphs() -> str:
    font = '<font class="content">' + "<br><br>".join(_SHOW) + "</font>"
    return _portal().replace(font, "".join(f"<p>{s}</p>" for s in _SHOW))


def test_a_portals_footer_row_goes_and_stays_without_the_rule(monkeypatch):
    lines = extract(_portal_of_paragraphs(), _PORTAL_URL).text.split("\n")
    assert _SHOW[2] in lines and not any("All logos and trademarks" in line for line in lines)
    without_paragraph_rule(monkeypatch, "portal-footer")
    assert "All logos and trademarks" in extract(_portal_of_paragraphs(), _PORTAL_URL).text


_WALK = ("Took the dogs up the old drove road on Saturday, the first dry day in a fortnight, and did the whole "
         "loop round the reservoir.",
         "The lapwings are back on the top field. Counted eleven, tumbling about and calling over the rushes.",
         "Home by two with very muddy dogs and a flask that leaked into my bag.")
_WALK_URL = "http://www.profiles.example.com/blog.cfm?user=fellwalker&entry=2212"


def _profile_blog() -> str:
    body = "<br><br>".join(_WALK)
    return f"""<html><head><title>Up the drove road - fellwalker's blog</title></head><body>
<div id="nav"><a href="/">Home</a> | <a href="/browse">Browse</a> | <a href="/blog">Blogs</a> | <a href="/mail">Mail</a></div>
<table width="800" align="center"><tr><td valign="top" width="200">
<table class="profileInfo"><tr><td><b>fellwalker</b><br>Male<br>44 years old<br>Cumbria</td></tr></table>
<table><tr><td class="text"><b>Blog Archive</b><br><a href="/rss">[Rss Feed]</a><br><a href="/2010/03">March 2010</a><br>
<a href="/2010/02">February 2010</a></td></tr></table></td>
<td valign="top" width="600"><table width="100%"><tr><td><p class="blogTimeStamp">Sunday, March 14, 2010</p>
<p class="blogSubject">Up the drove road</p>
<table width="100%"><tr><td class="blogContent"><font face="Verdana" size="2">{body}</font></td></tr></table>
<p class="blogContentInfo">Posted by <a href="#">fellwalker</a> at 6:40 PM | <a href="#">Add Comment</a> | <a href="#">Kudos</a></p>
<p class="blogCommentsTitle">Blog Comments</p><p>Be the first to comment on this blog!</p></td></tr></table></td></tr></table>
</body></html>"""


def test_a_font_of_br_paragraphs_among_p_furniture_is_read():
    lines = extract(_profile_blog(), _WALK_URL).text.split("\n")
    for sentence in _WALK:
        assert sentence in lines


def test_without_br_fonts_that_body_is_lost(monkeypatch):
    monkeypatch.setattr(brlines, "BR_FONTS", False)
    lines = extract(_profile_blog(), _WALK_URL).text.split("\n")
    assert not any(sentence in lines for sentence in _WALK)


_FAIR = ("The county fair will run for two weekends this August for the first time in its history, the fair "
         "board decided on Monday night.",
         "Attendance had outgrown the grounds on Saturdays, when the parking lots fill by ten in the morning.",
         "Gate prices stay at five dollars for adults, and children under twelve get in free.")
_COURIER_URL = "http://www.courier.example.com/news/2002/0612fair.html"


def _courier(headline: str = "County fair adds a second weekend") -> str:
    body = "<br><br>".join(_FAIR)
    return f"""<html><head><title>The Courier</title></head><body><table width="760"><tr>
<td width="150" valign="top"><font size="2"><a href="/">Front Page</a><br><a href="/news/">Local News</a><br>
<a href="/sports/">Sports</a><br><a href="/obits/">Obituaries</a></font></td>
<td valign="top"><font size="5"><b>{headline}</b></font><br><i>By Amy Lind, Courier staff</i><br><br>
<font size="3">{body}</font><br><br><font size="1"><a href="/email.cgi">E-mail this story</a></font></td></tr></table>
<table width="760"><tr><td align="center"><font size="1">&copy; 2002 The Courier, 112 Main St.</font></td></tr></table></body></html>"""


def test_the_bold_headline_above_a_font_story_stays_when_the_title_is_the_sites_name():
    lines = extract(_courier(), _COURIER_URL).text.split("\n")
    assert lines[0] == "County fair adds a second weekend"
    for sentence in _FAIR:
        assert sentence in lines
    assert not any("Amy Lind" in line or "Front Page" in line for line in lines)


def test_without_br_font_headlines_the_headline_is_lost(monkeypatch):
    monkeypatch.setattr(brlines, "BR_FONT_HEADLINES", False)
    text = extract(_courier(), _COURIER_URL).text
    assert _FAIR[0] in text and "County fair adds a second weekend" not in text


def test_a_bold_sentence_above_the_story_is_no_headline():
    assert "Read the full minutes below." not in extract(_courier("Read the full minutes below."), _COURIER_URL).text


_PIE = ("Каждую весну мама пекла этот пирог с щавелем, как только он появлялся на грядке. Тесто песочное, "
        "а начинка совсем простая.",
        "Щавель нужно перебрать, мелко нарезать и смешать с сахаром. Сок не сливайте, он пригодится.",
        "Печём тридцать пять минут до румяной корочки. Подавать лучше холодным, с молоком.")
_DIARY_FURNITURE = ("Рубрики: Кулинария", "Метки: пироги щавель", "Комментарии (4)Комментировать в цитатник или сообщество",
                    "Процитировано 7 раз")
_DIARY_URL = "http://www.diary.example.ru/users/mama_olya/post81234567/"


def _diary() -> str:
    body = "<br><br>".join(_PIE)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Пирог со щавелем по маминому рецепту - Дневник mama_olya</title></head><body>
<table width="100%"><tr><td><a href="/"><img src="/i/logo.gif" alt="Дневники"></a></td>
<td align="right"><a href="#">Вход</a> | <a href="#">Регистрация</a> | <a href="#">Дневники</a></td></tr></table>
<table width="100%"><tr><td width="200" valign="top"><b>mama_olya</b><br>Дневник<br><a href="#">Читать</a></td>
<td valign="top"><div class="GL_TXTSM">Суббота, 16 Мая 2009 г. 09:40 <a href="#">+ в цитатник</a></div>
<h2>Пирог со щавелем по маминому рецепту</h2><div class="MESS">{body}</div>
<div class="GL_TXTSM">Рубрики: <a href="#">Кулинария</a><br>Метки: <a href="#">пироги</a> <a href="#">щавель</a></div>
<div class="GL_TXTSM"><a href="#">Комментарии (4)</a><a href="#">Комментировать</a> <a href="#">в цитатник</a> или <a href="#">сообщество</a></div>
<div class="GL_TXTSM">Процитировано 7 раз</div></td></tr></table></body></html>"""


def test_a_diary_entry_table_titled_by_an_h2_is_read_as_paragraphs():
    lines = extract(_diary(), _DIARY_URL).text.split("\n")
    for sentence in _PIE:
        assert sentence in lines
    for line in _DIARY_FURNITURE:
        assert line not in lines


def test_without_title_headings_the_entry_is_one_glued_row(monkeypatch):
    monkeypatch.setattr(tables, "TITLE_HEADINGS", False)
    lines = extract(_diary(), _DIARY_URL).text.split("\n")
    assert not any(sentence in lines for sentence in _PIE)
    assert any(_PIE[0] in line and "|" in line for line in lines)


def test_without_the_rules_the_diary_footer_lines_stay(monkeypatch):
    without_paragraph_rule(monkeypatch, "diary-post-footer-ru")
    without_paragraph_rule(monkeypatch, "tags-line")
    lines = extract(_diary(), _DIARY_URL).text.split("\n")
    for line in _DIARY_FURNITURE:
        assert line in lines


_BADGERS = ("Badger setts in the county have doubled since 1995, according to a survey published on Friday by "
            "the county wildlife trust.",
            "Volunteers walked more than four hundred kilometres of hedgerow over two winters to count the setts, "
            "many of them under old railway embankments.",
            "The trust said the rise showed the animals were recovering from decades of persecution, but warned "
            "that new roads were cutting their territories in two.")
_PAPER_URL = "http://www.herald.example.co.uk/environment/2009/apr/03/badger-setts-double"


def _paper(note_as_box: bool = True) -> str:
    body = "".join(f"<p>{s}</p>" for s in _BADGERS)
    note = ("This article was first published on herald.example.co.uk at 11.02 BST on Friday 3 April 2009. "
            "It was last updated at 11.40 BST on Friday 3 April 2009.")
    box = (f'<div id="history" class="box"><h3>About this article</h3><a href="#" class="close">Close</a>'
           f"<p>Badger setts double in fifteen years</p><p>{note}</p></div>" if note_as_box else f"<p>{note}</p>")
    return f"""<html><head><title>Badger setts double in fifteen years | Environment | herald.example.co.uk</title></head>
<body><ul id="nav"><li><a href="#">News</a></li><li><a href="#">Sport</a></li><li><a href="#">Comment</a></li></ul>
<div id="main-article-info"><h1>Badger setts double in fifteen years</h1></div><div id="content">
<ul class="article-attributes"><li class="byline"><a href="#">Ruth Allen</a></li>
<li class="publication">herald.example.co.uk, Friday 3 April 2009 11.02 BST</li><li class="history"><a href="#">Article history</a></li></ul>
<div id="article-wrapper">{body}{'' if note_as_box else box}</div>
<div id="article-toolbox"><div class="print"><a href="#">Printable version</a></div><div class="send"><a href="#">Send to a friend</a></div></div>
{box if note_as_box else ''}</div><div id="footer"><p><a href="#">Contact us</a> | <a href="#">Terms</a></p></div></body></html>"""


def test_an_about_this_article_box_and_the_site_dateline_go():
    text = extract(_paper(), _PAPER_URL).text
    lines = text.split("\n")
    for sentence in _BADGERS:
        assert sentence in lines
    for words in ("About this article", "first published", "BST", "Article history"):
        assert words not in text


def test_without_the_rules_the_box_and_the_dateline_stay(monkeypatch):
    without_dom_rule(monkeypatch, "about-article-box")
    without_paragraph_rule(monkeypatch, "site-dateline")
    without_paragraph_rule(monkeypatch, "page-tools")
    text = extract(_paper(), _PAPER_URL).text
    for words in ("About this article", "Friday 3 April 2009 11.02 BST", "Article history"):
        assert words in text


def test_the_first_published_note_as_a_line_goes_and_stays_without_the_rule(monkeypatch):
    assert "first published" not in extract(_paper(note_as_box=False), _PAPER_URL).text
    without_paragraph_rule(monkeypatch, "print-edition-note")
    assert "first published" in extract(_paper(note_as_box=False), _PAPER_URL).text


_ROOM = ("Quiet double room in a shared flat near the park, free from the first of July until the end of "
         "September while I am away.",
         "The flat has a big kitchen, a washing machine and fast internet. Two friendly flatmates who both "
         "work days.",
         "Rent includes bills. Please write a few lines about yourself when you reply.")
_AD_URL = "http://leeds.classifieds.example.org/sub/1234567890.html"


def _ad(with_contact_line: bool = True) -> str:
    body = "<br><br>".join(_ROOM)
    contact = "<li>it's NOT ok to contact this poster with services or other commercial interests</li>" if with_contact_line else ""
    return f"""<html><head><title>£420 / 1br - Quiet double room near the park, July to September</title></head>
<body class="posting"><div class="bchead"><a href="/">leeds classifieds</a> &gt; <a href="/sub/">sublets</a></div>
<h2>£420 / 1br - Quiet double room near the park, July to September</h2><hr>
Reply to: <a href="mailto:x@example.org">x@example.org</a><br>Date: 2010-05-02, 11:40AM BST<br><br>
<div id="userbody">{body}<br><br><ul><li>Location: Hyde Park, Leeds</li>{contact}</ul></div>
PostingID: 1234567890<br><hr><div class="clfooter">Copyright &copy; 2010 classifieds, inc.</div></body></html>"""


def test_a_classified_ads_closing_lines_go():
    lines = extract(_ad(), _AD_URL).text.split("\n")
    for sentence in _ROOM:
        assert sentence in lines
    assert not any("Location:" in line or "contact this poster" in line for line in lines)


def test_without_the_rules_the_closing_lines_stay(monkeypatch):
    without_paragraph_rule(monkeypatch, "classified-contact-line")
    without_paragraph_rule(monkeypatch, "classified-location-line")
    text = extract(_ad(), _AD_URL).text
    assert "Location: Hyde Park, Leeds" in text and "contact this poster" in text


def test_a_location_line_without_the_contact_line_stays():
    assert "Location: Hyde Park, Leeds" in extract(_ad(with_contact_line=False), _AD_URL).text


_FESTIVAL = ("今年の夏祭りは七月二十二日に決まりました。先週の役員会で、準備の分担を話し合いました。",
             "やぐらの組み立ては例年どおり青年部が担当します。子ども会は金魚すくいのお店を出します。",
             "お手伝いいただける方は、六月末までに班長さんまでお知らせください。")


def _ja_blog() -> str:
    body = "<br><br>".join(_FESTIVAL)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>町内だより 夏祭りの準備</title></head>
<body><div id="header"><h1><a href="/">町内だより</a></h1></div><div id="main"><div class="entry">
<h2 class="date">2009/06/21(日)</h2><h3 class="entry_header"><a href="#">夏祭りの準備</a></h3>
<div class="entry_body">{body}</div><div class="entry_footer"><a href="#">コメント(2)</a></div></div></div>
<table width="100%"><tr><td align="center">Powered by XOOPS 2.0 &copy; 2001-2006 The XOOPS Project</td></tr></table>
<div id="side"><h3>最新記事</h3><ul><li><a href="#">夏祭りの準備 (06/21)</a></li></ul></div></body></html>"""


def test_a_japanese_date_heading_comment_counter_and_powered_by_line_go():
    text = extract(_ja_blog(), "http://chounai.example.jp/blog-entry-88.html").text
    lines = text.split("\n")
    for sentence in _FESTIVAL:
        assert sentence in lines
    for words in ("2009/06/21", "コメント(2)", "Powered by"):
        assert words not in text


def test_without_the_rules_the_japanese_lines_stay(monkeypatch):
    for name in ("dateline-numeric", "dateline-ja", "comment-count-i18n", "powered-by-line"):
        without_paragraph_rule(monkeypatch, name)
    text = extract(_ja_blog(), "http://chounai.example.jp/blog-entry-88.html").text
    for words in ("2009/06/21(日)", "Powered by XOOPS"):  # the counter, a link alone, goes by trafilatura too
        assert words in text


def test_a_korean_comment_counter_goes_and_stays_without_the_rule(monkeypatch):
    story = ("전교생이 열두 명인 산골 분교의 학생들이 마을 개울의 물고기를 일 년 동안 관찰해 발표했다.",
             "지도교사는 아이들이 매주 토요일마다 개울에 나가 온도를 재고 기록했다고 말했다.")
    body = "".join(f"<p>{s}</p>" for s in story)
    page = f"""<html><head><meta charset="utf-8"><title>분교 학생들, 과학대회 은상</title></head><body>
<h3 id="articleTitle">분교 학생들, 과학대회 은상</h3><div id="articleBody">{body}</div>
<div class="reply"><p>댓글쓰기 | 이 기사에 대한 댓글 3개</p></div></body></html>"""
    url = "http://news.example.co.kr/read.nhn?aid=0001"
    assert "댓글" not in extract(page, url).text
    without_paragraph_rule(monkeypatch, "comment-count-i18n")
    assert "이 기사에 대한 댓글 3개" in extract(page, url).text


_POSTS = (("reeltime", "Junior Member", "41", "Lake Placid", "05-02-2002", "posted 06-11-2003 09:12 PM",
           "Is anyone fishing the upper Ausable this week? I heard the water is still high and cold from the late "
           "snow and I do not want to drive three hours for nothing."),
          ("driftboat_dan", "Moderator", "2210", "Wilmington, NY", "11-19-1999", "posted 06-11-2003 10:40 PM",
           "It dropped a foot since Sunday. Nymphs deep in the slower runs have been working, dry flies not yet. "
           "Give it until the weekend."),
          ("reeltime", "Junior Member", "42", "Lake Placid", "05-02-2002", "posted 06-12-2003 07:05 AM",
           "Thanks, I will head up Saturday and report back."))
_UBB_URL = "http://www.flyfishers.example.com/ubb/Forum2/HTML/001212.html"


def _ubb_thread() -> str:
    posts = "".join(f"""<table border="0" cellpadding="0" cellspacing="0" width="95%" align="center"><tr bgcolor="#000000"><td>
<table border="0" cellpadding="4" cellspacing="1" width="100%"><tr bgcolor="#F7F7F7">
<td width="18%" valign="top"><font size="2"><b>{u}</b></font><br><font size="1">{r}<br><br>Posts: {n}<br>From: {f}<br>Registered: {reg}</font></td>
<td width="82%"><img src="icon1.gif" alt=""><font size="1">{d}&nbsp; &nbsp;<a href="#"><img src="profile.gif" border="0"
alt="Click Here to See the Profile for {u}"></a> <a href="#"><img src="email.gif" border="0" alt="Click Here to Email {u}"></a>
<a href="#"><img src="quote.gif" border="0" alt="Reply w/Quote"></a></font><hr size="1"><font size="2">{t}</font></td>
</tr></table></td></tr></table>""" for u, r, n, f, reg, d, t in _POSTS)
    return f"""<html><head><title>Upper Ausable water levels - Fly Fishers Board</title></head><body>
<table width="95%" align="center"><tr><td><font size="2"><b><a href="#">Fly Fishers Board</a> &gt; <a href="#">Rivers</a>
&gt; Upper Ausable water levels</b></font></td></tr></table>{posts}
<center><font size="1">Powered by Infopop &copy; 2000<br>Ultimate Bulletin Board<sup>TM</sup> 6.04b</font></center></body></html>"""


def test_a_ubb_threads_profile_lines_go():
    text = extract(_ubb_thread(), _UBB_URL).text
    for *_, post in _POSTS:
        assert post in text  # each glued to its "posted 06-11-2003 09:12 PM" date, as bare trafilatura reads it
    for words in ("Posts:", "Registered:", "Moderator", "Junior Member"):
        assert words not in text


def test_without_the_rule_the_profile_lines_stay(monkeypatch):
    without_paragraph_rule(monkeypatch, "forum-profile-line")
    text = extract(_ubb_thread(), _UBB_URL).text
    for words in ("Posts: 2210 From: Wilmington, NY Registered: 11-19-1999", "Moderator"):
        assert words in text


def test_look_alike_sentences_stay():
    story = ("The mill was powered by the river until 1952, when the wheel was taken out and sold for scrap.",
             "Location: the old mill stands at the end of Water Lane, past the church.",
             "The Herald, Monday 4 May 2009, was the first paper to report the sale, a reader wrote to us.")
    body = "".join(f"<p>{s}</p>" for s in story)
    page = f"<html><head><title>The old mill</title></head><body><h1>The old mill</h1>{body}</body></html>"
    lines = extract(page, "http://www.villagehistory.example.org/mill.htm").text.split("\n")
    for sentence in story:
        assert sentence in lines
