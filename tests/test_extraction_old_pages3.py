"""Kinds of 2003-2017 markup, round 3 (old3, fifteenth session), each on a small invented page,
each shown to fail with its fix switched off:

- a 2008 regional paper's wire story closed by the agency's copyright notice and then a "Most Read
  Stories" box (label and three titles, one ``<p>`` with ``<br>``): the box went but the notice
  stayed, the box's lines having put it out of the ``legal-notice`` rule's last-lines window
  (``paragraphs.TAIL_BOXES``: the window now counts back from before such a box; rule
  ``promo-heading`` takes "Most Read Stories", "Most Viewed", "Most E-mailed");
- a vBulletin 3 thread (each post its own table) kept each post's date row ("| 02-11-2009, 08:14 PM
  | #2 |"), its status row ("| oldiron is offline | Reply With Quote |") and the thread tool rows:
  archiver was below bare trafilatura on such a thread (rule ``forum-post-rows``); and each post's
  row began with its author cell ("| oldiron Senior Member Join Date: Mar 2006 Posts: 1,214 | post |",
  the same in Invision Power Board 2's "Group: Members Posts: 201 Joined: 3-June 05"): DOM rule
  ``forum-user-cell`` takes the cell;
- a Usenet thread as Google Groups printed it in 2008 kept every message's header lines
  ("Newsgroups:", "From: Name <address>", "Date: Mon, 14 Jul 2008 09:12:00 -0700", "Subject:")
  (rule ``usenet-headers``);
- a FAQ page of 2004 (a list of the questions, then each question an ``<h3>`` over its answer) lost
  its first question: precision mode drops the headings, and the gap stage only fills gaps between
  kept blocks, so the heading above the first kept answer had no gap (``gaps.LEAD_HEADINGS``);
- a Chinese county government's news page of 2008 in layout tables kept its menu row ("| 首页 \\| 政务动态
  \\| ... |", words between literal pipes: rule ``pipe-menu``) and its footer row with the ICP record
  number (rule ``icp-footer``);
- a 2008 small daily's layout cell, once unwrapped, held ``<b>headline</b><br><i>By Dan Rourke</i>``
  loose beside the body's ``<p>``s: trafilatura dropped that ``<br>`` and glued "mapBy" (a token of
  neither): a ``<br>`` between two inline elements with no text around it gets a line break as its
  tail (``brjoin.BR_TAILS``);
- an eHow how-to of 2010 (intro, "Instructions", "Things You'll Need:" and its list, then steps each
  an ``<li>`` around a ``<p>``) lost the heading and the list between the intro and the first step:
  the first step's ``<li>`` counted as a block of the gap, and one that was no acceptable block
  (it holds a ``<p>``), so nothing of the gap came back (``gaps.NEXT_HOLDERS``);
- a Discuz! 7 thread (a table per post: author cell, "1#" and "发表于" date line, signature, reply and
  quote links) came out as the whole page, menu, profile numbers and all: DOM rule
  ``forum-post-furniture`` takes the engine's furniture by its class, and the posts are read alone.
"""

from __future__ import annotations

import pytest
from rulekit import without_dom_rule, without_paragraph_rule

from archiver.extraction import brjoin, brlines, extract, gaps, paragraphs

_WIRE = ("The county planning board voted five to two on Tuesday night to approve the new zoning map "
         "for the river district, ending a debate that ran for most of the past year.",
         "Residents along Water Street had asked the board to keep the two-story height limit, saying "
         "taller buildings would block the view of the river from the old town.",
         "Board chairman Lewis Harrow said the new map keeps the limit on the blocks nearest the water "
         "but allows four stories further back, where the old warehouses stand empty.")
_NOTICE = ("Copyright 2008 The Associated Press. All rights reserved. This material may not be "
           "published, broadcast, rewritten or redistributed.")
_URL = "http://www.valleyherald.example.com/news/state/story/12345.html"


def _regional(box: str = "Most Read Stories", after: str = "") -> str:
    body = "".join(f"<p>{s}</p>" for s in _WIRE)
    return f"""<html><head><title>Planning board approves river map - Valley Herald</title></head><body>
<table width="100%"><tr><td colspan="2"><a href="/"><img src="/masthead.gif" alt="The Valley Herald"></a></td></tr>
<tr><td width="150" valign="top"><a href="/news/">Local News</a><br><a href="/sports/">Sports</a><br>
<a href="/obits/">Obituaries</a><br><a href="/classifieds/">Classifieds</a></td>
<td valign="top"><font size="4"><b>Planning board approves river map</b></font><br>
<font size="1">Published: February 20, 2008 10:15 PM</font><br>
<table><tr><td class="storytext"><font size="2">{body}<p>{_NOTICE}</p>{after}</font></td></tr></table>
<p><b>{box}</b><br><a href="/a1">Fire destroys barn on Route 9</a><br><a href="/a2">School budget vote set
for May</a><br><a href="/a3">Lions win in overtime</a></p></td></tr>
<tr><td colspan="2"><font size="1">Copyright &copy; 2008 Valley Herald. <a href="/terms">Terms of Use</a></font></td></tr>
</table></body></html>"""


def test_a_wire_notice_above_a_most_read_box_goes_with_the_box():
    lines = extract(_regional(), _URL).text.split("\n")
    for sentence in _WIRE:
        assert sentence in lines
    assert _NOTICE not in lines
    assert not any("Most Read" in line or "Lions win" in line for line in lines)


def test_without_the_stage_the_notice_stays(monkeypatch):
    monkeypatch.setattr(paragraphs, "TAIL_BOXES", False)
    lines = extract(_regional(), _URL).text.split("\n")
    assert _NOTICE in lines
    assert "Lions win in overtime" not in lines


def test_without_the_label_the_box_and_the_notice_stay(monkeypatch):
    without_paragraph_rule(monkeypatch, "promo-heading")
    lines = extract(_regional(), _URL).text.split("\n")
    assert "Most Read Stories" in lines and _NOTICE in lines


def test_a_notice_the_story_goes_on_after_stays():
    after = "".join(f"<p>{s}</p>" for s in (
        "The commissioners have not said when they will vote, and the developers declined to comment.",
        "A public hearing on the map is set for the town hall on the first Monday of March at seven.",
        "Copies of the map can be seen at the library and at the county clerk's office until then."))
    lines = extract(_regional(after=after), _URL).text.split("\n")
    assert _NOTICE in lines and "Lions win in overtime" not in lines


def test_a_box_of_full_sentences_is_no_box():
    # lines ending in a full stop are sentences, not titles: the window stays where it was
    page = _regional().replace("Lions win in overtime", "The Lions won in overtime on Friday.")
    lines = extract(page, _URL).text.split("\n")
    assert _NOTICE in lines


_POSTS = (("05-14-2009, 09:12 AM", "mowerman", "It starts fine but runs rough for the first five minutes and "
           "blows black smoke. Once it warms up it runs perfectly. What should I check first?"),
          ("05-14-2009, 11:40 AM", "oldiron", "Black smoke when cold means it is running rich. Check that the "
           "choke plate opens fully once the engine is running; the linkage often sticks with old grease."),
          ("05-15-2009, 07:02 AM", "mowerman", "That was it. The choke linkage was stuck half closed with old "
           "grease, and after a clean and a drop of oil it idles smoothly from the first minute."))


def _vbulletin() -> str:
    posts = "".join(f"""<table id="post10{i}" class="tborder" cellpadding="6" width="100%">
<tr><td class="thead"><a name="post10{i}"><img src="images/statusicon/post_old.gif" alt="Old"></a> {date}</td>
<td class="thead" align="right">#<a href="showpost.php?p=10{i}">{i + 1}</a></td></tr>
<tr><td class="alt2" width="175"><a class="bigusername" href="member.php?u={i}">{user}</a>
<div class="smallfont">Senior Member</div><div class="smallfont">Join Date: Mar 2006<br>Posts: 1,2{i}4</div></td>
<td class="alt1" id="td_post_10{i}"><div id="post_message_10{i}">{text}</div></td></tr>
<tr><td class="alt2">{user} is offline</td><td class="alt1" align="right"><a href="newreply.php?p=10{i}">Reply With Quote</a></td></tr>
</table>""" for i, (date, user, text) in enumerate(_POSTS))
    return f"""<html><head><title>Rough idle when cold - Tractor Forum</title></head><body><div class="page">
<table class="tborder"><tr><td class="navbar"><a href="index.php">Tractor Forum</a> &gt; <a href="f3">Repairs</a></td></tr></table>
<div id="posts">{posts}</div>
<table class="tborder"><tr><td class="thead">Thread Tools</td></tr><tr><td><a href="#">Show Printable Version</a></td></tr></table>
<div class="smallfont" align="center">Powered by vBulletin Version 3.8.4</div></div></body></html>"""


_FORUM = "http://www.tractorforum.example.com/showthread.php?t=4521"


def test_vbulletin_post_rows_go_and_the_posts_stay():
    text = extract(_vbulletin(), _FORUM).text
    for _date, _user, post in _POSTS:
        assert post in text
    assert "AM |" not in text and "is offline" not in text and "Thread Tools" not in text
    assert "Join Date" not in text and "Senior Member" not in text


def test_without_the_rule_the_post_rows_stay(monkeypatch):
    without_paragraph_rule(monkeypatch, "forum-post-rows")
    text = extract(_vbulletin(), _FORUM).text
    assert "| 05-14-2009, 11:40 AM | #2 |" in text.split("\n")
    assert "| oldiron is offline | Reply With Quote |" in text.split("\n")


def test_without_the_rule_each_post_row_starts_with_its_author_cell(monkeypatch):
    without_dom_rule(monkeypatch, "forum-user-cell")
    text = extract(_vbulletin(), _FORUM).text
    assert "Join Date: Mar 2006" in text and "Posts: 1,214" in text


def test_a_post_that_tells_its_join_date_and_posts_stays():
    story = ("<p>Posts: we had forty this spring on the club page, all about the regatta.</p>"
             "<p>Joined: the Harlow club and ours, from next season, as one club.</p>")
    page = _regional(after=story)
    text = extract(page, _URL).text
    assert "Posts: we had forty" in text and "Joined: the Harlow club" in text


def test_a_sentence_saying_someone_is_offline_stays():
    page = _vbulletin().replace(_POSTS[2][2], _POSTS[2][2] + " My neighbour is offline all week, so no help there.")
    assert "My neighbour is offline all week" in extract(page, _FORUM).text


_MESSAGES = (("Jack Finch", "j...@example.net", "Mon, 14 Jul 2008 09:12:00 -0700 (PDT)", "tomato blight this year",
              ("Every one of my outdoor tomatoes has brown patches on the leaves this week, starting from the "
               "bottom of the plant and moving up fast.",
               "Is it too late to spray, or should I pull the plants now before it spreads to the potatoes?")),
             ("Margaret Hale", "m...@example.org", "Mon, 14 Jul 2008 11:40:00 -0700 (PDT)", "Re: tomato blight this year",
              ("Pull them now. Blight spores travel on the wind and the potatoes will go within a week if the "
               "weather stays warm and wet.",
               "Burn the plants or bag them, but do not put them on the compost heap by the shed.")))


def _usenet() -> str:
    msgs = "".join(f"""<div class="msg"><div class="mh"><b>{name}</b> <span class="date">{date[5:16]}</span></div>
<div class="mb">Newsgroups: rec.gardens<br>From: {name} &lt;{addr}&gt;<br>Date: {date}<br>Subject: {subject}<br>
<div class="msgbody">{"<br><br>".join(body)}</div><div class="mf"><a href="#">Reply</a> <a href="#">Forward</a></div></div></div>"""
                   for name, addr, date, subject, body in _MESSAGES)
    return f"""<html><head><title>rec.gardens: tomato blight this year | Google Groups</title></head><body>
<div id="gbar"><a href="/">Web</a> <a href="/images">Images</a> <a href="/groups">Groups</a></div>
<div class="maincontbox"><h2>tomato blight this year</h2>{msgs}</div>
<div id="footer">&copy;2008 Google - <a href="/terms">Terms of Service</a></div></body></html>"""


_GROUPS = "http://groups.google.com/group/rec.gardens/browse_thread/thread/abc123"


def test_message_header_lines_go_and_the_messages_stay():
    lines = extract(_usenet(), _GROUPS).text.split("\n")
    for *_head, body in _MESSAGES:
        for sentence in body:
            assert sentence in lines
    assert not any(line.startswith(("Newsgroups:", "From:", "Date:", "Subject:")) for line in lines)


def test_without_the_rule_the_header_lines_stay(monkeypatch):
    without_paragraph_rule(monkeypatch, "usenet-headers")
    lines = extract(_usenet(), _GROUPS).text.split("\n")
    assert "From: Margaret Hale <m...@example.org>" in lines and "Subject: Re: tomato blight this year" in lines


def test_header_words_without_an_address_or_a_mail_date_stay():
    # a memo quoted in a story: "From:" and "Subject:" lines, no address, no RFC 2822 date
    memo = "<p>From: Lewis Harrow, board chairman</p><p>Subject: Water Street height limit</p>"
    lines = extract(_regional(after=memo + "<p>" + _WIRE[0] + " Again.</p>"), _URL).text.split("\n")
    assert "From: Lewis Harrow, board chairman" in lines and "Subject: Water Street height limit" in lines


_FAQ = (("How do I get a plot?", "Put your name on the waiting list by writing to the secretary. Plots are offered "
         "in the order names were added, usually in January when members give up their tenancies."),
        ("How much does a plot cost?", "A full plot costs thirty pounds a year and a half plot eighteen pounds, "
         "payable at the annual general meeting in November. Water is included in the rent."),
        ("Can I keep chickens?", "Up to six hens may be kept on a full plot with the committee's written "
         "permission, but cockerels are not allowed because of the houses next to the site."))


def _faq(tag: str = "h3") -> str:
    index = "".join(f'<li><a href="#q{i}">{q}</a>' for i, (q, _a) in enumerate(_FAQ))
    answers = "".join(f'<a name="q{i}"></a><{tag}>{q}</{tag}>\n<p>{a}</p>\n<p><a href="#top">Back to top</a></p>\n'
                      for i, (q, a) in enumerate(_FAQ))
    return f"""<html><head><title>FAQ - Greenfield Allotment Society</title></head><body>
<h1>Frequently Asked Questions</h1><ol>{index}</ol><hr>
{answers}<hr><p><small>Greenfield Allotment Society, registered charity 123456</small></p></body></html>"""


_FAQ_URL = "http://www.greenfield-allotments.example.org/faq.html"


def test_a_faq_keeps_its_first_question():
    lines = [line for line in extract(_faq(), _FAQ_URL).text.split("\n") if line]
    for question, answer in _FAQ:
        assert lines.index(question) + 1 == lines.index(answer)


def test_without_the_stage_the_first_question_is_lost(monkeypatch):
    monkeypatch.setattr(gaps, "LEAD_HEADINGS", False)
    lines = extract(_faq(), _FAQ_URL).text.split("\n")
    assert _FAQ[0][0] not in lines and _FAQ[1][0] in lines


def test_a_lone_heading_before_the_body_is_not_put_back():
    # one <h3> over the first answer and none further down: no run of section headings
    page = _faq().replace("<h3>How much does a plot cost?</h3>", "").replace("<h3>Can I keep chickens?</h3>", "")
    assert _FAQ[0][0] not in extract(page, _FAQ_URL).text.split("\n")


_ZH = ("六月十一日上午，我县召开全县防汛工作会议，总结去年防汛工作，安排部署今年防汛抗旱任务。",
       "会议要求，各乡镇和有关部门要高度重视防汛工作，认真排查水库、河道和山塘的安全隐患，确保安全度汛。",
       "会议强调，要落实防汛责任制，做好物资储备，加强值班值守，遇到险情及时上报并迅速处置。")


def _county() -> str:
    body = "<br>".join("\u3000\u3000" + s for s in _ZH)
    return f"""<html><head><meta charset="utf-8"><title>我县召开防汛工作会议</title></head><body>
<table width="960"><tr><td><img src="/images/top.jpg"></td></tr>
<tr><td class="nav"><a href="/">首页</a> | <a href="/news/">政务动态</a> | <a href="/gk/">信息公开</a> | <a href="/bs/">网上办事</a></td></tr></table>
<table width="960"><tr><td width="200" valign="top"><b>栏目导航</b><br><a href="#">县内要闻</a><br><a href="#">部门动态</a></td>
<td valign="top"><div align="center"><font size="4"><b>我县召开防汛工作会议</b></font></div>
<div align="center">发布时间：2008-06-12　来源：县政府办</div><hr><div class="content">{body}</div>
<p>上一篇：<a href="#">县领导检查夏粮收购工作</a></p></td></tr></table>
<table width="960"><tr><td align="center">主办：县人民政府办公室　地址：人民路1号　备案号：京ICP备12345678号</td></tr></table>
</body></html>"""


_ZH_URL = "http://www.example-county.gov.cn/news/2008/0612/123.html"


def test_a_pipe_menu_and_an_icp_footer_row_go():
    text = extract(_county(), _ZH_URL).text
    for sentence in _ZH:
        assert sentence in text
    assert "政务动态" not in text and "ICP" not in text


@pytest.mark.parametrize(("rule", "words"), [("pipe-menu", "政务动态"), ("icp-footer", "京ICP备12345678号")])
def test_without_the_rule_the_row_stays(monkeypatch, rule, words):
    without_paragraph_rule(monkeypatch, rule)
    assert words in extract(_county(), _ZH_URL).text


def test_a_data_table_row_of_short_cells_stays():
    table = ("<table><tr><th>Year</th><th>Plots</th><th>Members</th><th>Waiting</th></tr>"
             "<tr><td>2007</td><td>42</td><td>51</td><td>12</td></tr><tr><td>2008</td><td>44</td><td>55</td>"
             "<td>19</td></tr></table>")
    page = _faq().replace("<p><small>", table + "<p><small>")
    text = extract(page, _FAQ_URL).text
    assert "| 2007 | 42 | 51 | 12 |" in text.split("\n")


def test_mail_headers_quoted_in_an_essay_stay():
    # no "Newsgroups:" line: a mail quoted in a story keeps its headers (WCXB dev's truth does)
    quoted = ("<p>Date: Fri, 1 Feb 2002 11:53:40 -0500 (EST)</p><p>From: Lewis Harrow &lt;lh@example.org&gt;</p>"
              "<p>Subject: Water Street height limit</p>")
    lines = extract(_regional(after=quoted + "<p>" + _WIRE[1] + " Again.</p>"), _URL).text.split("\n")
    assert "Date: Fri, 1 Feb 2002 11:53:40 -0500 (EST)" in lines and "Subject: Water Street height limit" in lines


@pytest.mark.parametrize("code", ["union SearchResult = Post | Page | User | Tag", "ls -la | grep plot | sort | head",
                                  "Cuisine: Thai | Price: 20 | Parking: street | Rating: 4"])
def test_a_line_of_code_or_of_facts_with_pipes_is_no_menu(code):
    page = _faq().replace("<hr><p><small>", f"<p>{code}</p><hr><p><small>")
    assert code in extract(page, _FAQ_URL).text.split("\n")


_DAILY_BODY = ("The county planning board voted five to two on Tuesday night to approve the new zoning map for the "
               "river district, ending a debate that ran for most of the past year.",
               "Residents along Water Street had asked the board to keep the two-story height limit, saying taller "
               "buildings would block the view of the river.",
               "Board chairman Lewis Harrow said the new map keeps the limit on the blocks nearest the water but "
               "allows four stories further back.")
_DAILY_URL = "http://www.countytimes.example.com/articles/2008/02/21/news/local/story03.txt"


def _daily(head: str = "<b>Board approves map</b><br><i>Staff report from the county building</i><br><br>") -> str:
    return f"""<html><head><title>County Times</title></head><body><table width="780"><tr>
<td valign="top" width="140"><font size="1"><a href="/">Front Page</a><br><a href="/local">Local</a><br>
<a href="/opinion">Opinion</a><br><a href="/archive">Archives</a></font></td>
<td valign="top">{head}
<font size="2" face="Arial">{"<br><br>".join(_DAILY_BODY)}<br><br></font>
<font size="1"><a href="/email.cgi">Email this story</a></font></td></tr></table></body></html>"""


def test_a_break_between_two_inline_elements_keeps_the_words_apart(monkeypatch):
    monkeypatch.setattr(brlines, "BR_FONTS", False)  # with it, the story's <font> is read alone (old6)
    text = extract(_daily(), _DAILY_URL).text
    assert "mapStaff" not in text and "Staff report from the county building" in text.split("\n")


def test_without_the_stage_the_words_run_together(monkeypatch):
    monkeypatch.setattr(brlines, "BR_FONTS", False)
    monkeypatch.setattr(brjoin, "BR_TAILS", False)
    assert "mapStaff" in extract(_daily(), _DAILY_URL).text


def test_a_break_with_text_beside_it_is_left_as_it_is(monkeypatch):
    monkeypatch.setattr(brlines, "BR_FONTS", False)
    html = _daily("<b>Board approves map</b><br>Staff report from the county building<br><br>")
    assert "Staff report from the county building" in extract(html, _DAILY_URL).text


_HOWTO_INTRO = ("A garden hose that leaks at the tap end usually needs only a new washer, and the job takes five "
                "minutes with the right parts.")
_STEPS = ("Turn off the tap and unscrew the hose coupling from it by hand.",
          "Pry the old washer out of the coupling with a small flat screwdriver.",
          "Press the new washer in flat, screw the coupling back on and turn the tap on to test it.")
_TOOLS = ("Flat screwdriver", "Rubber hose washer", "Old towel")


def _howto() -> str:
    steps = "".join(f'<li><span class="StepNum">{i + 1}</span><p>{s}</p></li>' for i, s in enumerate(_STEPS))
    tools = "".join(f"<li>{t}</li>" for t in _TOOLS)
    return f"""<html><head><title>How to Fix a Leaking Hose | eHow.com</title></head><body>
<div id="Header"><a href="/">eHow</a> <a href="/home">Home</a> <a href="/garden">Garden</a></div>
<div id="Article"><h1>How to Fix a Leaking Hose</h1><div class="Contributor">By Jane Moss, eHow Contributor</div>
<div class="ArticleIntro"><p>{_HOWTO_INTRO}</p></div>
<h2>Instructions</h2><div class="Tools"><h3>Things You'll Need:</h3><ul>{tools}</ul></div>
<ol class="Steps">{steps}</ol>
<div class="ArticleFooter"><a href="#">Print this article</a> <a href="#">Flag as inappropriate</a></div></div>
<div id="Footer">Copyright 1999-2010 eHow, Inc.</div></body></html>"""


_HOWTO_URL = "http://www.ehow.example.com/how_5678_fix-leaking-hose.html"


def test_a_howto_keeps_what_stands_between_its_intro_and_its_first_step():
    lines = [line for line in extract(_howto(), _HOWTO_URL).text.split("\n") if line]
    assert lines[:7] == [_HOWTO_INTRO, "Instructions", "Things You'll Need:", *(f"- {t}" for t in _TOOLS),
                         _STEPS[0]]


def test_without_the_stage_the_list_is_lost(monkeypatch):
    monkeypatch.setattr(gaps, "NEXT_HOLDERS", False)
    text = extract(_howto(), _HOWTO_URL).text
    assert "Rubber hose washer" not in text and _STEPS[0] in text


_DZ_POSTS = ("听说老城区改造工程要启动了，有谁知道具体什么时候开始施工吗？我家就在首批改造的街道上。",
             "今天早上已经开始了，首批六条街道年底前完成道路拓宽和管网更新，施工期间部分公交线路会临时调整。")


def _discuz() -> str:
    posts = "".join(f"""<table id="pid10{i}" cellspacing="0" cellpadding="0"><tr><td class="postauthor" rowspan="2">
<cite><a href="space.php?uid=1{i}">{name}</a></cite><dl class="profile"><dt>帖子</dt><dd>12{i}4</dd><dt>积分</dt><dd>5{i}7</dd>
<dt>注册时间</dt><dd>2007-5-12</dd></dl></td><td class="postcontent"><div class="postinfo"><strong>{i + 1}<sup>#</sup></strong>
<em>发表于 2010-5-20 0{8 + i}:30</em> | <a href="#">只看该作者</a></div><div class="postmessage"><div class="t_msgfont">{text}</div></div></td></tr>
<tr><td class="postcontent postbottom"><div class="signatures">生活就是这样</div><div class="postactions"><a href="#">回复</a>
<a href="#">引用</a> <a href="#">TOP</a></div></td></tr></table>""" for i, (name, text) in enumerate(zip(("老街坊", "城建通"), _DZ_POSTS, strict=True)))
    return f"""<html><head><meta charset="utf-8"><title>老城区改造什么时候开始？ - 本地论坛</title></head><body>
<div id="nav"><a href="index.php">示例社区</a> &raquo; <a href="forumdisplay.php?fid=2">本地论坛</a></div>
<div class="mainbox viewthread"><h1>老城区改造什么时候开始？</h1>{posts}</div>
<div id="footer">Powered by Discuz! 7.2</div></body></html>"""


_DZ_URL = "http://bbs.example.com.cn/viewthread.php?tid=123456"


def test_a_discuz_thread_is_read_as_its_posts():
    text = extract(_discuz(), _DZ_URL).text
    for post in _DZ_POSTS:
        assert post in text
    assert "发表于" not in text and "注册时间" not in text and "示例社区" not in text and "只看该作者" not in text


def test_without_the_rule_the_whole_page_comes_out(monkeypatch):
    without_dom_rule(monkeypatch, "forum-post-furniture")
    text = extract(_discuz(), _DZ_URL).text
    assert "注册时间" in text and "只看该作者" in text
